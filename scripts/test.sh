#!/usr/bin/env bash
# Set up everything the tests need (venv, test + page dependencies, Debian chromium, the page's offline
# assets) and run all tests, the real-browser test included, on both cores (pytest-xdist; work stealing, so that
# a core is not left alone with the long pattern tests; PYTEST_WORKERS=0 runs in one process). Extra arguments go
# to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS=test,page source scripts/setup.sh
scripts/setup-browser.sh
python -m pytest -n "${PYTEST_WORKERS:-2}" --dist worksteal "$@"
