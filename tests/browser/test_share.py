"""Issue 15 in Chromium: the encrypted stakeholder build of the example (with Material's instant
navigation switched on) served on 127.0.0.1, opened through the link ``smm share`` prints.

The link opens the handbook directly; every generated page opens; navigation (instant, through
the service worker), search and the calendar filter work; without the key, with a wrong one and,
after the key is rotated and the site published again, with the earlier link, the page says so
and shows nothing of the plan. The rotation test rebuilds the served site: it runs last.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from ..share_helpers import plan_text
from .conftest import PAGE_TYPES, Visit, _open_tab, free_port, served
from .example import REPO, SOURCE_DATE_EPOCH

KEY = "the board's key, autumn 2026"
ROTATED = "the board's key, winter 2026"


def _build(project: Path, site: Path, key: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SMM_")}
    env.update(
        SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, SMM_AUDIENCE="stakeholders", SMM_SHARE_KEY=key, NO_MKDOCS_2_WARNING="1"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr


def _link(base_url: str, key: str) -> str:
    env = dict(os.environ, SMM_SHARE_KEY=key)
    result = subprocess.run(
        [sys.executable, "-m", "smm_docs_plugin.cli", "share", base_url],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path | str]]:
    """The example (stakeholders, instant navigation on) built encrypted and served."""
    base = tmp_path_factory.mktemp("shared")
    project = base / "project"
    project.mkdir()
    for folder in ("plan", "docs"):
        (project / folder).symlink_to(REPO / folder)
    shutil.copytree(REPO / "media", project / "media")  # the posts' images: inside the project
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  features:\n" in config
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    # Material's instant navigation needs site_url (it reads the sitemap's addresses).
    config = config.replace("  features:\n", "  features:\n    - navigation.instant\n", 1)
    # The example names its published address; this site lives on 127.0.0.1.
    config = re.sub(r"(?m)^site_url:.*\n", "", config)
    (project / "mkdocs.yml").write_text(f"site_url: {url}\n" + config, encoding="utf-8")
    site = base / "site"
    _build(project, site, KEY)
    with served(site, port):
        yield {"project": project, "site": site, "url": url}


@pytest.fixture
def tab(browser: Browser, shared: dict) -> Iterator[Visit]:
    visit = _open_tab(browser, shared["url"], viewport={"width": 1280, "height": 900})
    yield visit
    visit.page.context.close()


def open_link(visit: Visit, link: str) -> None:
    visit.page.goto(link)
    visit.page.locator("article h1").first.wait_for(state="visible")


def state_of(visit: Visit, expected: str) -> str:
    page = visit.page
    page.wait_for_function("s => document.documentElement.dataset.state === s", arg=expected)
    return page.locator("main").inner_text()


def assert_nothing_of_the_plan(visit: Visit) -> None:
    html = visit.page.content().lower()
    shown = [needle for needle in plan_text(REPO / "plan") if needle in html]
    assert shown == []


def test_the_link_opens_the_handbook_and_every_generated_page(tab: Visit, shared: dict) -> None:
    open_link(tab, _link(shared["url"], KEY))
    page = tab.page
    assert page.url == shared["url"]  # the key left the address bar
    assert "Kaffeeklatsch" in page.title()
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    tab.screenshot("share-home")
    for kind, path in PAGE_TYPES.items():
        if kind == "accounts":
            continue  # not built for stakeholders
        response = page.goto(shared["url"] + path)
        assert response is not None and response.status == 200, (kind, response and response.status)
        assert response.from_service_worker, kind
        heading = page.locator("article h1").first
        assert heading.is_visible() and heading.inner_text().strip(), kind
    # The downloads decrypt in the browser that holds the key.
    csv = page.evaluate("fetch('/strategy/budget.csv').then(r => r.text())")
    assert csv.startswith("line,title,category,channel,initiative,month,")
    ics = page.evaluate("fetch('/strategy/calendar.ics').then(r => r.text())")
    assert ics.startswith("BEGIN:VCALENDAR")
    page.goto(shared["url"] + "strategy/calendar/")
    assert "cannot subscribe to these feeds" in page.locator(".smm-calendar-shared").inner_text()
    assert tab.problems.errors == []


def test_instant_navigation_and_search_work_through_the_link(tab: Visit, shared: dict) -> None:
    open_link(tab, _link(shared["url"], KEY))
    page = tab.page
    page.evaluate("window.smmSameDocument = true")
    page.get_by_role("link", name="Strategy").first.click()
    page.wait_for_url(re.compile(r"/strategy/$"))
    page.locator("nav.md-nav--primary").get_by_role("link", name="Roadmap", exact=True).first.click()
    page.wait_for_url(re.compile(r"/strategy/roadmap/$"))
    page.locator("svg.smm-timeline").first.wait_for(state="visible")
    # Instant navigation swapped the page in place: the same document, pages fetched decrypted.
    assert page.evaluate("window.smmSameDocument") is True, tab.problems
    page.locator("svg.smm-timeline a[data-initiative='christmas-gift-campaign'] rect").first.click()
    page.wait_for_url(re.compile(r"/strategy/initiatives/christmas-gift-campaign/$"))
    assert "Christmas" in page.locator("article h1").first.inner_text()
    # Search: Material's worker fetches the (encrypted) index through the service worker.
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    result = page.locator(".md-search-result__item a[href*='initiatives/christmas-gift-campaign']").first
    box.fill("Christmas gift boxes")
    for attempt in range(120):
        if result.count():
            break
        if attempt % 8 == 7:  # Material ignores a query typed before its index loaded
            box.press("End")
            box.type(" ")
            box.press("Backspace")
        page.wait_for_timeout(500)
    result.wait_for(state="visible", timeout=5_000)
    tab.screenshot("share-search")
    assert tab.problems.errors == []


def test_the_calendar_filter_works_through_the_link(tab: Visit, shared: dict) -> None:
    open_link(tab, _link(shared["url"], KEY))
    page = tab.page
    page.goto(shared["url"] + "strategy/calendar/")
    form = page.locator("form.smm-calendar-filter")
    assert form.is_visible()  # shown only because our script ran
    rows = page.locator("tr.smm-calendar-entry")
    total = rows.count()
    assert total > 5
    form.locator("select[name=channel]").select_option("instagram")
    visible = page.locator("tr.smm-calendar-entry:not([hidden])")
    assert 0 < visible.count() < total
    assert set(visible.evaluate_all("rows => rows.map(r => r.dataset.channel)")) == {"instagram"}
    assert tab.problems.errors == []


def test_without_the_key_or_with_a_wrong_one_nothing_of_the_plan_shows(tab: Visit, shared: dict) -> None:
    response = tab.page.goto(shared["url"])
    assert response is not None and response.status == 200
    text = state_of(tab, "missing")
    assert "This handbook is shared privately" in text and "Open it with the complete link" in text
    assert tab.page.title() == "Shared handbook"
    assert_nothing_of_the_plan(tab)
    tab.screenshot("share-no-key")
    tab.page.goto(_link(shared["url"], "somebody's guess"))
    assert "This link does not open the handbook" in state_of(tab, "wrong")
    assert_nothing_of_the_plan(tab)
    tab.page.goto(shared["url"] + "#key=cut-off")
    assert "This link does not open the handbook" in state_of(tab, "wrong")
    # A wrong key looks for a file of its own that does not exist: the only request that fails.
    assert all("404" in e and "/smm-share/" in e for e in tab.problems.errors)


def test_rotating_the_key_ends_earlier_links_at_the_next_publish(browser: Browser, shared: dict) -> None:
    earlier = _open_tab(browser, shared["url"], viewport={"width": 1280, "height": 900})
    try:
        open_link(earlier, _link(shared["url"], KEY))
        # The team rotates the secret and publishes again (same served folder).
        _build(shared["project"], shared["site"], ROTATED)
        # The browser that opened the earlier link (its service worker keeps the old keys).
        earlier.page.goto(shared["url"] + "strategy/roadmap/")
        text = state_of(earlier, "expired")
        assert "Your access to this handbook has ended" in text
        assert_nothing_of_the_plan(earlier)
        earlier.screenshot("share-rotated")
        # The earlier link itself, opened anew.
        earlier.page.goto(_link(shared["url"], KEY))
        assert "This link does not open the handbook" in state_of(earlier, "wrong")
        assert_nothing_of_the_plan(earlier)
        # The new link opens the handbook, even in the browser that held the old keys.
        open_link(earlier, _link(shared["url"], ROTATED))
        earlier.page.goto(shared["url"] + "strategy/roadmap/")
        assert earlier.page.locator("svg.smm-timeline").first.is_visible()
    finally:
        earlier.page.context.close()
    fresh = _open_tab(browser, shared["url"])
    try:
        fresh.page.goto(_link(shared["url"], KEY))
        state_of(fresh, "wrong")
        assert_nothing_of_the_plan(fresh)
        open_link(fresh, _link(shared["url"], ROTATED))
        # Only the earlier key's look-up of its own (deleted) file failed.
        assert all("404" in e and "/smm-share/" in e for e in fresh.problems.errors)
    finally:
        fresh.page.context.close()
    shutil.rmtree(shared["site"] / "smm-share", ignore_errors=True)  # nothing left to serve
