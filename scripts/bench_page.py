#!/usr/bin/env python3
"""The page benchmark's command (`make bench`): the code is the package scripts/bench/, one
module per concern (bench/__init__.py lists them); `--help` says what it measures and how.

    .venv/bin/python scripts/bench_page.py [--cargo-bench] [--quick] [--only SECTIONS] ...
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
