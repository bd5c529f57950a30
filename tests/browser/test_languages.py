"""The example handbook in Romanian and Bulgarian, as a marketer there opens it: the overview,
roadmap, budget and calendar on a laptop and on a phone, with screenshots kept in
``test-artifacts/browser/`` (``<language>-<page>-<width>.png``). Every page loads without a
script error, nothing overflows the page sideways, the navigation speaks the language, and on
a phone the agenda is one card per entry and every goal's status is in view (as in test_fit)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from ..conftest import build
from .conftest import _open_tab, served
from .test_fit import AGENDA_ROWS, GOAL_ROWS, assert_agenda_cards

REPO = Path(__file__).resolve().parents[2]
# 2026-12-02 12:00 UTC: inside the example's horizon, a week with posts and a review.
EPOCH = "1796212800"
PAGES = {
    "overview": "strategy/",
    "roadmap": "strategy/roadmap/",
    "budget": "strategy/budget/",
    "calendar": "strategy/calendar/",
    "kpis": "strategy/kpis/",
}
#: English navigation titles that must not appear in either language's menu.
ENGLISH_NAV = ("Overview", "Goals", "Initiatives", "Priorities", "Team", "Reviews", "Personas", "Competitors")


@pytest.fixture(scope="module", params=["ro", "bg"])
def language_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    language = request.param
    root = tmp_path_factory.mktemp(f"example-{language}")
    for name in ("plan", "docs", "media"):
        shutil.copytree(REPO / name, root / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^  language: en$", f"  language: {language}", config)
    assert f"language: {language}" in config
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        site = build(root / "mkdocs.yml", strict=True)
    with served(site) as url:
        yield language, url


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_the_handbook_reads_in_the_language_on_laptop_and_phone(
    browser: Browser, language_site: tuple[str, str], width: int, height: int
) -> None:
    language, url = language_site
    tab = _open_tab(browser, url, viewport={"width": width, "height": height})
    try:
        for name, path in PAGES.items():
            page = tab.open(path)
            assert page.evaluate("document.documentElement.lang") == language
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"{language} {name} at {width}px is {overflow}px wider than the screen"
            tab.screenshot(f"{language}-{name}-{width}", full_page=False)
            if width == 390 and name == "calendar":
                # Longer words than English: the agenda is still one card per entry, read whole.
                rows = page.locator(".smm-calendar-week").first.evaluate(AGENDA_ROWS)
                assert_agenda_cards(rows, width, f"{language} calendar agenda")
            if width == 390 and name == "kpis":
                for goal in page.locator(".smm-kpis").first.evaluate(GOAL_ROWS):
                    assert goal["status"]["right"] <= width + 1, f"{language}: {goal['goal']}: status off-screen"
        nav = [t.strip() for t in page.locator("nav.md-nav--primary a.md-nav__link").all_inner_texts()]
        assert nav, "no navigation links"
        assert not [t for t in nav if t in ENGLISH_NAV], nav
        assert tab.problems.errors == []
    finally:
        tab.page.context.close()
