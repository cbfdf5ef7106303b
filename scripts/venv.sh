#!/usr/bin/env bash
# Creates or updates .venv with the Python packages of the end-to-end tests and the page
# benchmark (tests/e2e/requirements.txt); skips pip when the requirements did not change.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

PY="${PYTHON:-}"
if [[ -z "$PY" ]]; then
  for cand in python3.11 python3; do
    if command -v "$cand" >/dev/null 2>&1; then PY="$cand"; break; fi
  done
fi
[[ -n "$PY" ]] || { echo "venv: no python3 found" >&2; exit 2; }

VENV="$ROOT/.venv"
REQ="$ROOT/tests/e2e/requirements.txt"
STAMP="$VENV/.e2e-requirements.sha256"
if [[ ! -x "$VENV/bin/python" ]]; then
  "$PY" -m venv "$VENV"
fi
want="$(sha256sum "$REQ" | cut -d' ' -f1)"
have="$(cat "$STAMP" 2>/dev/null || true)"
if [[ "$want" != "$have" ]]; then
  "$VENV/bin/python" -m pip install -q -r "$REQ"
  echo "$want" > "$STAMP"
fi

