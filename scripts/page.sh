#!/usr/bin/env bash
# Start the browser page (page/app.py) on 127.0.0.1 and print its address; works offline once set up.
# Usage: scripts/page.sh            (PORT=8765 by default; Ctrl-C stops it)
set -euo pipefail
EXTRAS=${EXTRAS:-page}
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"  # venv + project with the page's extras; cd to the root
export SOLARA_ASSETS_PROXY_CACHE_DIR=${SOLARA_ASSETS_PROXY_CACHE_DIR:-$ROOT/.cache/solara-assets}
scripts/fetch-solara-assets.sh "$SOLARA_ASSETS_PROXY_CACHE_DIR"
PORT=${PORT:-8765}
export SOLARA_TELEMETRY_MIXPANEL_ENABLE=False  # no calls home
echo "Caring-community page: http://127.0.0.1:$PORT/  (Ctrl-C to stop)"
exec solara run page/app.py --host 127.0.0.1 --port "$PORT" --production --no-open
