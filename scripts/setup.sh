#!/usr/bin/env bash
# Create .venv with Python >= 3.12 (Mesa >= 3.4 needs it) and install the project; idempotent.
# Sourced by the other scripts. Set EXTRAS (e.g. "test,page") to install optional dependencies.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

find_python() {
  for cand in python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$cand"; return
    fi
  done
  # pyenv keeps versions it does not put on PATH
  for cand in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3; do
    [ -x "$cand" ] && { echo "$cand"; return; }
  done
  echo "No Python >= 3.12 found; install python3.12 (Mesa >= 3.4 requires it)." >&2
  exit 1
}

if [ ! -x .venv/bin/python ]; then
  "$(find_python)" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
stamp=".venv/.installed-$(cat pyproject.toml | sha1sum | cut -c1-12)-${EXTRAS:-none}"
if [ ! -f "$stamp" ]; then
  spec="."; [ -n "${EXTRAS:-}" ] && spec=".[${EXTRAS}]"
  .venv/bin/python -m pip install -q -e "$spec"
  touch "$stamp"
fi
export PATH="$ROOT/.venv/bin:$PATH"
