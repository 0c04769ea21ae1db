#!/usr/bin/env bash
# Set up everything the tests need (venv with the test, page and cluster dependencies, Debian chromium, the page's
# offline assets; the cluster test installs Debian's slurm-wlm and munge itself, through scripts/slurm-start.sh) and
# run all tests, the real-browser and the SLURM test included, on both cores (pytest-xdist; work stealing, so that a
# core is not left alone with the long pattern tests; PYTEST_WORKERS=0 runs in one process). Extra arguments go to
# pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS=test,page,cluster source scripts/setup.sh
scripts/setup-browser.sh
python -m pytest -n "${PYTEST_WORKERS:-2}" --dist worksteal "$@"
