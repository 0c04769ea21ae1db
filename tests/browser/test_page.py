"""The browser page in a real Chromium: it renders offline, steps, plays, and responds to knobs and dropdowns.

Run alone with `pytest -m browser -s`; the screenshot goes to outputs/browser/page.png.
"""

import re
import time

import pytest

pytestmark = pytest.mark.browser
TIMEOUT = 30_000  # ms for one expectation; a step of Austerlitz renders in about a second


class PageDriver:
    """The page's controls by their visible labels, and every error the browser reports."""

    def __init__(self, page, url: str):
        from playwright.sync_api import expect

        self.page, self.url, self.expect = page, url, expect
        self.errors: list[str] = []
        self.cdn: set[str] = set()
        self.t0 = time.monotonic()
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console error: {m.text}"))
        page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.errors.append(f"HTTP {r.status}: {r.url}"))
        page.on("request", self.note_cdn)
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), self.block_external)

    def note_cdn(self, request) -> None:
        if "/_solara/cdn/" in request.url:
            path = request.url.split("/_solara/cdn/", 1)[1].split("/")
            self.cdn.add("/".join(path[:2] if path[0].startswith("@") else path[:1]))

    def block_external(self, route) -> None:
        self.errors.append(f"request outside 127.0.0.1 (the page must work offline): {route.request.url}")
        route.abort()

    def wait_until(self, rendered, timeout: float = 60.0) -> None:
        """Wait for the first render, failing at once when an asset is missing instead of timing out."""
        deadline = time.monotonic() + timeout
        while not rendered():
            missing = [e for e in self.errors if "/_solara/cdn/" in e]
            if missing:
                pytest.fail("assets missing from the cache (run scripts/setup-browser.sh):\n" + "\n".join(missing))
            if time.monotonic() > deadline:
                pytest.fail(f"the page did not render within {timeout:.0f} s; errors: {self.errors}")
            self.page.wait_for_timeout(250)

    def log(self, msg: str) -> None:
        print(f"[{time.monotonic() - self.t0:5.1f}s] {msg}", flush=True)

    def button(self, name: str):
        return self.page.get_by_role("button", name=re.compile(f"^{re.escape(name)}$", re.I))

    def time_is(self, step: int) -> None:
        self.expect(self.page.get_by_text(f"Time: {step}.0", exact=True)).to_be_visible(timeout=TIMEOUT)
        self.expect(self.headline("week")).to_have_text(re.compile(rf"^week: {step} of "), timeout=TIMEOUT)

    def headline(self, label: str):
        return self.page.locator(".headline-item", has_text=re.compile(f"^{label}:"))

    def number(self, label: str) -> float:
        return float(self.headline(label).inner_text().split(":", 1)[1].split()[0].replace(",", ""))

    def reset(self) -> None:
        self.button("Reset").click()
        self.time_is(0)

    def step(self, times: int, start: int) -> None:
        for i in range(start + 1, start + times + 1):
            self.button("Step").click()
            self.time_is(i)

    def slider(self, label: str, presses: int) -> str:
        """Move a slider by keyboard; return its new value as the page reports it."""
        thumb = self.page.locator(".v-input", has_text=label).locator("[role=slider]").first
        before = float(thumb.get_attribute("aria-valuenow"))
        thumb.focus()
        for _ in range(presses):
            thumb.press("ArrowRight")
        self.expect(thumb).not_to_have_attribute("aria-valuenow", re.compile(rf"^{before}$"), timeout=TIMEOUT)
        self.page.wait_for_timeout(1000)  # the widget sends its value to the server a moment later
        return thumb.get_attribute("aria-valuenow")

    def choose(self, label: str, option: str) -> None:
        self.page.locator(".v-select", has_text=label).locator(".v-select__slot").click()
        menu = self.page.locator(".menuable__content__active")
        menu.locator(".v-list-item", has_text=re.compile(f"^{re.escape(option)}$")).click()
        self.expect(self.page.locator(".v-select", has_text=label)).to_contain_text(option, timeout=TIMEOUT)

    def config_text(self) -> str:
        return self.page.locator(".page-command").inner_text() + "\n" + self.page.locator(".page-yaml").inner_text()

    def tab(self, name: str) -> None:
        """Open one of the page's tabs: Page 0 (village, over time) or Page 1 (one resident, configuration)."""
        self.page.get_by_role("tab", name=name).click()
        self.page.wait_for_timeout(500)


def test_page_in_browser(page_url, browser, screenshot_path, server_errors):
    page = browser.new_page(viewport={"width": 1400, "height": 1500})
    d = PageDriver(page, page_url)
    expect = d.expect

    page.goto(page_url, wait_until="domcontentloaded")
    figures = page.locator("img.page-figure")  # network and time series, drawn on the grid
    d.wait_until(lambda: figures.count() == 2 and page.get_by_text(re.compile(r"^Time: \d+\.0$")).count() == 1)
    expect(page.get_by_text("Caring community: explore one village").first).to_be_visible(timeout=TIMEOUT)
    d.log("page rendered: controls, headline, network and time-series figures")

    d.reset()  # the server's first model is shared by all sessions, so start from a fresh one
    network_before = figures.first.get_attribute("src")
    d.step(3, start=0)
    expect(figures.first).not_to_have_attribute("src", network_before, timeout=TIMEOUT)
    d.log("Step x3 -> week 3, the network figure was redrawn")

    shyness_before = d.number("mean shyness")
    shift = d.slider("Shyness shift", 4)
    capacity = d.slider("Volunteer h/week", 2)
    d.reset()  # changed knobs apply on Reset: wait for the new model's configuration
    d.tab("Page 1")
    expect(page.locator(".page-command")).to_contain_text(f"scenario.shyness_shift={shift}", timeout=TIMEOUT)
    text = d.config_text()
    assert f"shyness_shift: {shift}" in text, text
    assert f"volunteers.capacity_hours={float(capacity)}" in text, text

    facts = page.locator(".person-facts")
    page.locator(".person-pick", has_text="unmet, known").click()
    expect(facts).to_contain_text("unmet, known", timeout=TIMEOUT)  # the agent's care state
    expect(facts).to_contain_text("need level", timeout=TIMEOUT)
    page.locator(".person-pick", has_text="nursing home").click()
    expect(facts).to_contain_text("nursing home", timeout=TIMEOUT)
    d.log("one resident through their Mesa agent: the next person with unmet need, then one in a nursing home")
    d.tab("Page 0")
    shyness_after = d.number("mean shyness")
    assert shyness_after > shyness_before + 0.05, (shyness_before, shyness_after)
    d.log(f"shyness shift {shift}, volunteer hours {capacity} + Reset -> config shows both, "
          f"mean shyness {shyness_before} -> {shyness_after}")

    d.choose("Community", "tiny")
    d.reset()
    expect(d.headline("community")).to_have_text("community: tiny", timeout=TIMEOUT)
    assert d.number("residents") < 1000, d.headline("residents").inner_text()
    d.step(2, start=0)
    d.choose("Community", "austerlitz")
    d.log("community preset tiny + Reset -> a smaller village that steps; back to austerlitz")

    d.choose("Policy", "tendering")
    d.reset()
    expect(d.headline("policy")).to_have_text("policy: tendering", timeout=TIMEOUT)
    assert d.number("residents") > 1000
    d.tab("Page 1")
    assert "policy=tendering" in d.config_text()
    d.tab("Page 0")
    d.log("policy tendering + Reset -> headline and command line show it")

    weeks = int(d.slider("Render Interval", 6))  # draw every few weeks, so Play gets through a year quickly
    d.button("▶").click()
    expect(page.get_by_text(re.compile(r"^Time: (5[2-9]|[6-9]\d|\d{3})\.0$"))).to_be_visible(timeout=60_000)
    d.button("❚❚").click()
    expect(d.button("Step")).to_be_enabled(timeout=TIMEOUT)
    paused = settled_time(page)  # the batch of weeks under way when Pause was clicked still finishes and is drawn
    page.wait_for_timeout(2000)
    assert page.get_by_text(re.compile(r"^Time: \d+\.0$")).inner_text() == paused, "the model ran on after pause"
    d.log(f"Play, drawing every {weeks} weeks, ran the model past a year to {paused!r}; Pause stopped it")

    page.wait_for_timeout(1000)  # let the figures repaint
    page.screenshot(path=screenshot_path, full_page=True)
    d.tab("Page 1")
    page.get_by_text("Full configuration").click()
    expect(page.get_by_text(re.compile(r"tender_period_years: "))).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=screenshot_path.with_name("page_resident.png"), full_page=True)
    d.log(f"screenshot -> {screenshot_path}")
    d.log(f"assets served from the cache: {sorted(d.cdn)}")
    page.close()
    assert not d.errors, "the browser reported errors:\n" + "\n".join(d.errors)
    assert not server_errors(), "the page server logged an error:\n" + server_errors()


def settled_time(page, most_seconds: float = 30) -> str:
    """The page's "Time: N" once two readings 2.5 s apart agree (a render batch in flight may take longer than one
    wait on a loaded machine); a model that keeps running never settles and the caller's check then fails."""
    read = lambda: page.get_by_text(re.compile(r"^Time: \d+\.0$")).inner_text()  # noqa: E731
    last = read()
    for _ in range(int(most_seconds / 2.5)):
        page.wait_for_timeout(2500)
        now = read()
        if now == last:
            return now
        last = now
    return last
