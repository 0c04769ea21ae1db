#!/usr/bin/env bash
# Install what the browser test (tests/browser) needs: Chromium from the system's packages, and the page's
# front-end assets from the npm registry into .cache/solara-assets. Idempotent; run before pytest.
# Playwright's own browser download (`playwright install`) is not used: it needs a CDN that may be blocked.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $CHROMIUM ]]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Chromium not found at $CHROMIUM: install it with your package manager or set CHROMIUM=/path/to/chromium" >&2
    exit 1
  fi
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  echo "installing Chromium (apt-get install chromium)"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium >/dev/null
fi
"$CHROMIUM" --version 2>/dev/null
"$ROOT/scripts/fetch-solara-assets.sh"
