#!/usr/bin/env bash
# Fill Solara's asset cache from the npm registry, so the page works offline (no CDN at run time).
# Solara serves /_solara/cdn/<package>@<version>/<file> from $SOLARA_ASSETS_PROXY_CACHE_DIR and only
# falls back to the public CDN (cdn.jsdelivr.net) for a missing file. Idempotent; needs only Python.
# Usage: scripts/fetch-solara-assets.sh [CACHE_DIR [npm-spec ...]]   (default .cache/solara-assets)
# The registry is $NPM_CONFIG_REGISTRY (default https://registry.npmjs.org).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${1:-${SOLARA_ASSETS_PROXY_CACHE_DIR:-$ROOT/.cache/solara-assets}}
shift || true
if [[ $# -eq 0 ]]; then
  # what the page requests with solara 1.64.1, ipyvuetify 1.x and mesa 3.5.1 (tests/browser checks it).
  # Pages with Altair charts or ipyvuetify 3 also need vega@5 vega-lite@5 vega-embed@6 and
  # @widgetti/solara-vuetify3-app@5.2.0: pass them as arguments.
  set -- @widgetti/solara-vuetify-app@10.1.1 @widgetti/vue-grid-layout@2.3.13-alpha.2 requirejs@2.3.6 \
    font-awesome@4.5.0
fi
PY=python3; [[ -x $ROOT/.venv/bin/python ]] && PY=$ROOT/.venv/bin/python
exec "$PY" - "$CACHE" "$@" <<'EOF'
import base64, hashlib, io, json, os, shutil, sys, tarfile, tempfile, urllib.parse, urllib.request

cache, specs = sys.argv[1], sys.argv[2:]
registry = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org").rstrip("/")


def get(url: str, accept: str = "*/*") -> bytes:
    req = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": "caring-communities-fetch"})
    with urllib.request.urlopen(req, timeout=60) as response:
        return response.read()


def resolve(name: str, want: str) -> dict:
    """Registry metadata of the version `want`: exact, or a bare major like '5' (highest release 5.x.y)."""
    meta = json.loads(get(f"{registry}/{urllib.parse.quote(name, safe='@')}",
                          "application/vnd.npm.install-v1+json"))
    versions = meta["versions"]
    if want in versions:
        return versions[want]
    releases = [v for v in versions if v.split(".")[0] == want and "-" not in v]
    if not want.isdigit() or not releases:
        sys.exit(f"{name}@{want}: no such version in {registry}")
    return versions[max(releases, key=lambda v: tuple(int(x) for x in v.split(".")))]


def check(data: bytes, dist: dict, spec: str) -> None:
    if "integrity" in dist and dist["integrity"].startswith("sha512-"):
        ok = base64.b64encode(hashlib.sha512(data).digest()).decode() == dist["integrity"][7:]
    else:
        ok = hashlib.sha1(data).hexdigest() == dist["shasum"]
    if not ok:
        sys.exit(f"{spec}: checksum mismatch, refusing to cache it")


os.makedirs(cache, exist_ok=True)
for spec in specs:
    dest = os.path.join(cache, spec)
    if os.path.isdir(dest):
        print(f"cached:  {spec}")
        continue
    name, want = spec.rsplit("@", 1)
    dist = resolve(name, want)["dist"]
    data = get(dist["tarball"])
    check(data, dist, spec)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    tmp = tempfile.mkdtemp(dir=os.path.dirname(dest), prefix=".fetch-")
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for member in tar.getmembers():  # npm tarballs keep everything under one top folder
                parts = member.name.split("/", 1)
                if len(parts) < 2 or not (member.isfile() or member.isdir()):
                    continue
                member.name = parts[1]
                tar.extract(member, tmp, filter="data")
        os.replace(tmp, dest)  # a package folder exists only when complete
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"fetched: {spec} -> {dest}")
EOF
