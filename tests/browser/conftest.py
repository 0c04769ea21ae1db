"""Fixtures for the real-browser test: the page served on a free port (offline) and a headless Chromium.

Nothing is installed here: `scripts/setup-browser.sh` installs Chromium and fills the asset cache.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "outputs" / "browser"
SCREENSHOT = OUT / "page.png"
SERVER_LOG = OUT / "server.log"
ASSETS = Path(os.environ.get("SOLARA_ASSETS_PROXY_CACHE_DIR", ROOT / ".cache" / "solara-assets"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
DEAD_CDN = "http://127.0.0.1:9/npm/"  # an asset missing from the cache fails at once instead of going online
STARTED = time.time()
SETUP = "run scripts/setup-browser.sh (installs Chromium and fetches the page's assets from the npm registry)"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives the page in a real Chromium (" + SETUP + ")")


def pytest_terminal_summary(terminalreporter):
    if SCREENSHOT.exists() and SCREENSHOT.stat().st_mtime >= STARTED:
        terminalreporter.write_line(f"browser test screenshot: {SCREENSHOT}")


def require_browser_setup() -> None:
    """Fail (never skip) with the command that fixes a missing piece."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium not found at {CHROMIUM}: {SETUP}", pytrace=False)
    if not ASSETS.is_dir() or not any(ASSETS.iterdir()):
        pytest.fail(f"Solara asset cache {ASSETS} is empty: {SETUP}", pytrace=False)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.fail("playwright is not installed: install the project with EXTRAS=page,test (scripts/setup.sh)",
                    pytrace=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"page server exited with {proc.returncode}:\n{log.read_text()[-3000:]}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"page server did not answer at {url} within {timeout:.0f} s:\n{log.read_text()[-3000:]}",
                pytrace=False)


@pytest.fixture(scope="session")
def page_url():
    """`solara run page/app.py` on a free port with the asset cache and no CDN; stopped after the session."""
    require_browser_setup()
    OUT.mkdir(parents=True, exist_ok=True)
    port, log = free_port(), SERVER_LOG
    env = {**os.environ, "SOLARA_ASSETS_PROXY_CACHE_DIR": str(ASSETS), "SOLARA_ASSETS_CDN": DEAD_CDN,
           "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False"}
    solara = Path(sys.executable).parent / "solara"
    cmd = [str(solara), "run", "page/app.py", "--host", "127.0.0.1", "--port", str(port), "--production", "--no-open"]
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url, proc, log)
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the server's own process group, nothing else
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture
def server_errors(page_url):
    """A function returning the tracebacks the page server has logged so far (component or step errors)."""
    def errors() -> str:
        text = SERVER_LOG.read_text(errors="replace")
        return text[text.find("Traceback"):][:4000] if "Traceback" in text else ""
    return errors


@pytest.fixture
def screenshot_path() -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT


@pytest.fixture(scope="session")
def browser():
    require_browser_setup()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
