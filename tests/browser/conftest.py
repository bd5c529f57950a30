"""Browser fixtures: the example handbook built once, served on 127.0.0.1, driven by Chromium.

Chromium is Debian's (``/usr/bin/chromium``, installed by ``scripts/test``): Playwright's own
browser download cannot work on these machines. Every request to another host is aborted, so
a page behaves as on an offline intranet (Material's web fonts fall back) and no test waits on
the network.
"""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, sync_playwright

from .example import REPO, build_example

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts" / "browser"

#: One page of every kind the plugin generates (team audience), plus the home page (hand-written,
#: with wikilinks). ``test_every_generated_page_type_is_listed`` keeps this in step with the site.
PAGE_TYPES: dict[str, str] = {
    "home": "",
    "overview": "strategy/",
    "roadmap": "strategy/roadmap/",
    "priorities": "strategy/priorities/",
    "board": "strategy/board/",
    "kpis": "strategy/kpis/",
    "accounts": "strategy/accounts/",
    "swot": "strategy/swot/",
    "budget": "strategy/budget/",
    "calendar": "strategy/calendar/",
    "channels": "strategy/channels/",
    "competitors": "strategy/competitors/",
    "goals": "strategy/goals/",
    "initiatives": "strategy/initiatives/",
    "personas": "strategy/personas/",
    "reports": "strategy/reports/",
    "reviews": "strategy/reviews/",
    "team": "strategy/team/",
    "budget line": "strategy/budget/meta-ads/",
    "calendar file": "strategy/calendar/christmas-2026/",
    "channel": "strategy/channels/instagram/",
    "competitor": "strategy/competitors/beanbox-abo/",
    "goal": "strategy/goals/subscription-signups/",
    "initiative": "strategy/initiatives/christmas-gift-campaign/",
    "persona": "strategy/personas/home-barista-hannes/",
    "report": "strategy/reports/instagram-2026-10/",
    "review": "strategy/reviews/review-2026-10/",
    "team member": "strategy/team/mara-schulz/",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example handbook, team audience, built once with a fixed SOURCE_DATE_EPOCH."""
    return build_example(tmp_path_factory.getbasetemp(), "team")


@contextlib.contextmanager
def served(folder: Path, port: int | None = None) -> Iterator[str]:
    """``folder`` served by ``python -m http.server`` on a loopback port (a free one unless
    given); yields its URL once it answers, and stops the server afterwards."""
    port = port or free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("http.server did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def base_url(example_site: Path) -> Iterator[str]:
    """The built site served on a free loopback port."""
    with served(example_site) as url:
        yield url


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run scripts/test (it installs it)"
    browser = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Problems:
    """Script errors a page raised: uncaught exceptions, console errors, failed local requests."""

    base_url: str
    errors: list[str] = field(default_factory=list)

    def on_page_error(self, error: Exception) -> None:
        self.errors.append(f"uncaught: {error}")

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        source = (message.location or {}).get("url", "")
        # Requests to other hosts are aborted on purpose (no network here): not the site's fault.
        if message.text.startswith("Failed to load resource") and not source.startswith(self.base_url):
            return
        self.errors.append(f"console: {message.text} ({source})")

    def on_request_failed(self, request: Request) -> None:
        # ERR_ABORTED is the browser cancelling a request because the test clicked on to the
        # next page before it finished (the favicon, typically): not a missing file.
        if request.url.startswith(self.base_url) and "ERR_ABORTED" not in (request.failure or ""):
            self.errors.append(f"request failed: {request.url} {request.failure}")


@dataclass
class Visit:
    """A fresh browser tab on the served example; ``problems`` collects its script errors."""

    page: Page
    base_url: str
    problems: Problems

    def open(self, url_path: str) -> Page:
        response = self.page.goto(self.base_url + url_path, wait_until="load")
        assert response is not None and response.status == 200, f"{url_path}: HTTP {response and response.status}"
        return self.page

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / (re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") + ".png")
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


def _open_tab(browser: Browser, base_url: str, **context_options) -> Visit:
    context = browser.new_context(**context_options)
    context.route(re.compile(r"^(?!" + re.escape(base_url) + r")"), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = Problems(base_url)
    page.on("pageerror", problems.on_page_error)
    page.on("console", problems.on_console)
    page.on("requestfailed", problems.on_request_failed)
    return Visit(page, base_url, problems)


@pytest.fixture
def visit(browser: Browser, base_url: str) -> Iterator[Visit]:
    """A desktop-sized tab (1280x900)."""
    tab = _open_tab(browser, base_url, viewport={"width": 1280, "height": 900})
    yield tab
    tab.page.context.close()


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Visit]:
    """A phone-sized tab (390x844, touch, mobile layout)."""
    tab = _open_tab(
        browser, base_url, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield tab
    tab.page.context.close()
