"""Where things are and how long to wait: the environment of the end-to-end tests and the
page benchmark (every path and limit can be overridden by an E2E_* variable)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
E2E_DIR = REPO / "tests" / "e2e"
FIXTURES = E2E_DIR / "fixtures"
DIST = Path(os.environ.get("E2E_DIST", REPO / "dist")).resolve()
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", Path(tempfile.gettempdir()) / "e2e-artifacts"))
DEFAULT_TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "15"))

# The bundled seed articles (static/articles/).
SEED_000 = "000_7e8a3d906b8911a7"
SEED_003 = "003_5edaa3534a2f115b"
SEEDS = (SEED_000, SEED_003)
