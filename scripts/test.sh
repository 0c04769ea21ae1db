#!/usr/bin/env bash
# Set up everything the tests need (venv, test + page dependencies, Debian chromium, the page's offline
# assets) and run all tests, the real-browser test included, on both cores (pytest-xdist; set
# PYTEST_WORKERS=0 to run in one process). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS=test,page source scripts/setup.sh
scripts/setup-browser.sh
python -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
