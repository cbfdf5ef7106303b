#!/usr/bin/env bash
# Creates or updates the virtual environments of the interoperability tests (make interop),
# one per tool whose dependencies clash with the others', each from its pinned, complete
# requirements file in tests/interop/ (pip freeze of a working install):
#   .venv-interop/doccano      doccano 1.8.4 (needs numpy<2, marshmallow<4, pandas 1.5)
#   .venv-interop/data         datasets, pandas, pyarrow, spacy, and pytest (the test runner)
#   .venv-interop/labelstudio  label-studio 1.23.2 (its own Django, numpy and pyarrow)
# Idempotent: a venv whose requirements file did not change since its last install is left
# alone (a stamp holds the file's hash), so after the first run this takes a second.
# Usage: scripts/interop_venv.sh [doccano|data|labelstudio ...]   (default: all three)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

PY="${PYTHON:-}"
if [[ -z "$PY" ]]; then
  for cand in python3.11 python3; do
    if command -v "$cand" >/dev/null 2>&1; then PY="$cand"; break; fi
  done
fi
[[ -n "$PY" ]] || { echo "interop_venv: no python3 found" >&2; exit 2; }

names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=(doccano data labelstudio)
for name in "${names[@]}"; do
  req="$ROOT/tests/interop/requirements-$name.txt"
  [[ -f "$req" ]] || { echo "interop_venv: no $req" >&2; exit 2; }
  venv="$ROOT/.venv-interop/$name"
  stamp="$venv/.requirements.sha256"
  if [[ ! -x "$venv/bin/python" ]]; then
    mkdir -p "$ROOT/.venv-interop"
    "$PY" -m venv "$venv"
  fi
  want="$(sha256sum "$req" | cut -d' ' -f1)"
  have="$(cat "$stamp" 2>/dev/null || true)"
  if [[ "$want" != "$have" ]]; then
    echo "interop_venv: installing $name (tests/interop/requirements-$name.txt)" >&2
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req"
    echo "$want" > "$stamp"
  fi
done
