"""The calendar's week and month grids in Chromium: switching views, moving through the weeks
of the rolling window, the filter in every view, the keyboard, Material's instant navigation,
phones and print, and axe (both colour schemes) on the calendar page and a calendar file's
post previews. The example's "today" is 2026-10-12 (tests/browser/example.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import AXE, Visit

CALENDAR = "strategy/calendar/"


def shown_grid(page, kind: str):
    return page.locator(f".smm-calendar-{kind}grid[data-shown]")


def test_views_weeks_filter_and_keyboard(visit: Visit):
    page = visit.open(CALENDAR)
    views = page.locator(".smm-calendar-views")
    page.wait_for_function("document.querySelector('.smm-calendar-views').dataset.ready === '1'")
    # The week grid first, on the week that holds today, seven day columns with their dates.
    assert views.get_attribute("data-view") == "week"
    week = shown_grid(page, "week")
    assert week.count() == 1 and week.get_attribute("data-week") == "2026-10-12"
    days = week.locator("td[data-date]").evaluate_all("cells => cells.map(c => c.dataset.date)")
    assert days == [f"2026-10-{d}" for d in range(12, 19)]
    assert week.locator("td[aria-current=date]").get_attribute("data-date") == "2026-10-12"
    assert not page.locator(".smm-calendar-week").first.is_visible()  # the agenda steps aside
    label = page.locator(".smm-calendar-pager-label")
    # The week's dates keep their words together (non-breaking spaces): never "Oct 12, / 2026".
    assert "Oct\u00a012,\u00a02026" in label.inner_text()
    visit.screenshot("calendar-week-1280", full_page=False)

    # Next and previous move inside the window (6 weeks) and stop at its ends.
    previous = page.locator(".smm-calendar-pager button[data-step='-1']")
    following = page.locator(".smm-calendar-pager button[data-step='1']")
    assert previous.is_disabled()
    following.click()
    expect(shown_grid(page, "week")).to_have_attribute("data-week", "2026-10-19")
    assert "Oct\u00a019,\u00a02026" in label.inner_text()
    # The keyboard: Tab-reachable buttons, Enter activates, arrow keys page on the pager.
    following.focus()
    page.keyboard.press("Enter")
    expect(shown_grid(page, "week")).to_have_attribute("data-week", "2026-10-26")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(shown_grid(page, "week")).to_have_attribute("data-week", "2026-11-16")
    expect(following).to_be_disabled()
    # At the window's end the button just used is disabled: the focus stays on the pager.
    assert page.evaluate("document.activeElement.closest('.smm-calendar-pager') !== null")
    page.keyboard.press("ArrowLeft")
    expect(shown_grid(page, "week")).to_have_attribute("data-week", "2026-11-09")

    # The filter applies to the grid's cards.
    cards = shown_grid(page, "week").locator("a.smm-card")
    total = cards.count()
    assert total > 3
    page.locator("form.smm-calendar-filter select[name=channel]").select_option("instagram")
    visible = shown_grid(page, "week").locator("a.smm-card:not([hidden])")
    assert 0 < visible.count() < total
    assert set(visible.evaluate_all("cards => cards.map(c => c.dataset.channel)")) == {"instagram"}
    statuses = page.locator("form.smm-calendar-filter select[name=status] option").evaluate_all(
        "options => options.map(o => o.value).filter(Boolean)"
    )
    assert statuses[0] == "published" and "done" in statuses  # workflow order: posts first
    page.locator("form.smm-calendar-filter select[name=status]").select_option("published")
    assert set(
        shown_grid(page, "week")
        .locator("a.smm-card:not([hidden])")
        .evaluate_all("cards => cards.map(c => c.dataset.status)")
    ) <= {"published"}
    visit.screenshot("calendar-week-filtered-1280", full_page=False)
    page.locator("form.smm-calendar-filter button[type=reset]").click()
    page.wait_for_function(
        "document.querySelectorAll('.smm-calendar-weekgrid[data-shown] a.smm-card[hidden]').length === 0"
    )

    # The month view, keyboard only: Tab to its button from the week button, Space to press it.
    page.locator(".smm-calendar-viewswitch button[data-view=week]").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert views.get_attribute("data-view") == "month"
    month = shown_grid(page, "month")
    assert month.get_attribute("data-month") == "2026-10"
    assert month.locator("td[data-date='2026-10-31']").count() == 1
    assert month.locator("td[data-date='2026-10-01'][data-outside]").count() == 1  # before the window
    assert not shown_grid(page, "week").count() or not shown_grid(page, "week").is_visible()
    visit.screenshot("calendar-month-1280", full_page=False)
    following.click()
    assert shown_grid(page, "month").get_attribute("data-month") == "2026-11"

    # A card opens its post's preview on the calendar file's page.
    page.locator(".smm-calendar-viewswitch button[data-view=week]").click()
    card = page.locator(".smm-calendar-weekgrid[data-shown] a.smm-card[data-kind=item]").first
    href = card.get_attribute("href")
    anchor = href.split("#", 1)[1]
    card.click()
    page.wait_for_url(re.compile(r"/strategy/calendar/[a-z0-9-]+/#post-"))
    # A post with content opens its preview; a plain item its row in the items table.
    target = page.locator(f"#{anchor}")
    assert target.is_visible()
    assert target.evaluate("el => el.tagName") in ("SECTION", "TR")
    visit.screenshot("calendar-card-target-1280", full_page=False)
    visit.open("strategy/calendar/december-2026/#post-brew-guide-a-v60-for-six-guests")
    preview = page.locator("section.smm-post#post-brew-guide-a-v60-for-six-guests")
    assert preview.is_visible()
    assert preview.locator("div.smm-post-preview").count() == 2  # Instagram and Facebook
    visit.screenshot("calendar-post-preview-1280", full_page=False)

    # Back on the calendar (the view is remembered for the tab): agenda, then print shows the agenda.
    visit.open(CALENDAR)
    page.wait_for_function(
        "document.querySelector('.smm-calendar-views') && document.querySelector('.smm-calendar-views').dataset.ready "
        "=== '1'"
    )
    assert page.locator(".smm-calendar-views").get_attribute("data-view") == "week"
    page.emulate_media(media="print")
    assert page.locator(".smm-calendar-week").first.is_visible()
    assert not page.locator(".smm-calendar-weekgrid[data-shown]").is_visible()
    page.emulate_media(media="screen")
    assert visit.problems.errors == []


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory, browser):
    """A small handbook built with Material's ``navigation.instant``, served on 127.0.0.1."""
    import shutil

    from ..conftest import build, make_project
    from .conftest import free_port, served

    root = tmp_path_factory.mktemp("instant")
    plan = Path(__file__).resolve().parents[1] / "golden" / "calendar" / "dst_plan"
    shutil.copytree(plan, root / "plan")
    # Material intercepts only links to pages its sitemap lists, read against site_url.
    port = free_port()
    config = make_project(
        root,
        options={"today": "2027-03-22", "calendar_weeks": 2},
        config={
            "site_url": f"http://127.0.0.1:{port}/",
            "theme": {"name": "material", "features": ["navigation.instant"]},
        },
    )
    site = build(config, strict=True)
    with served(site, port) as url:
        yield url


def test_instant_navigation_sets_up_the_calendar_again(browser, instant_site: str):
    """With Material's navigation.instant a link swaps the page without a reload; document$
    runs the set-up again, on every visit."""
    from .conftest import _open_tab

    tab = _open_tab(browser, instant_site, viewport={"width": 1280, "height": 900})
    try:
        page = tab.open("strategy/")
        page.evaluate("window.__same_document = true")  # gone if the browser really reloads
        for _ in range(2):
            page.locator("a[href$='calendar/']").first.click()
            page.wait_for_url(re.compile(r"/strategy/calendar/$"))
            page.wait_for_function(
                "document.querySelector('.smm-calendar-views') && "
                "document.querySelector('.smm-calendar-views').dataset.ready === '1'"
            )
            assert page.evaluate("window.__same_document === true")
            page.locator(".smm-calendar-viewswitch button[data-view=month]").click()
            assert page.locator(".smm-calendar-views").get_attribute("data-view") == "month"
            assert page.locator(".smm-calendar-monthgrid[data-shown] td[data-date='2027-03-28']").count() == 1
            page.locator(".smm-calendar-viewswitch button[data-view=week]").click()
            page.go_back()
            page.wait_for_url(re.compile(r"/strategy/$"))
        tab.screenshot("calendar-instant-navigation", full_page=False)
        assert tab.problems.errors == []
    finally:
        tab.page.context.close()


def test_instant_navigation_passes_the_charts_svg_links(browser, instant_site: str):
    """The roadmap and priorities pages draw links inside inline SVG; Material's instant
    navigation re-assigns every ``[href]`` of a page it swaps in, which threw on an SVG link and
    made every later link reload the page. Every build now carries a shim for those pages."""
    from .conftest import _open_tab

    tab = _open_tab(browser, instant_site, viewport={"width": 1280, "height": 900})
    try:
        page = tab.open("strategy/")
        page.evaluate("window.__same_document = true")
        for chart in ("roadmap", "priorities"):
            page.locator(f"a[href$='{chart}/']").first.click()
            page.wait_for_url(re.compile(rf"/strategy/{chart}/$"))
            page.wait_for_selector("svg.smm-svg a[data-initiative]", state="attached")
            # Let Material finish swapping the page in (and its sitemap fetch) before the next click:
            # a click during the swap is a plain page load on a slow machine.
            page.wait_for_load_state("networkidle")
            page.locator("a[href$='calendar/']").first.click()
            page.wait_for_url(re.compile(r"/strategy/calendar/$"))
            page.wait_for_selector(".smm-calendar-views")
            assert page.evaluate("window.__same_document === true"), f"the page reloaded after {chart}"
            page.go_back()
            page.wait_for_url(re.compile(rf"/strategy/{chart}/$"))
            # The chart's own link still leads to the initiative's page (Material leaves SVG
            # links to the browser: a full page load).
            page.locator("svg.smm-svg a[data-initiative='spring-push'] text").first.click()
            page.wait_for_url(re.compile(r"/strategy/initiatives/spring-push/$"))
            page.wait_for_selector("article h1")
            page.goto(instant_site + "strategy/")
            page.evaluate("window.__same_document = true")
        assert tab.problems.errors == []
    finally:
        tab.page.context.close()


def test_phone_gets_the_agenda(phone: Visit):
    page = phone.open(CALENDAR)
    page.wait_for_function("document.querySelector('.smm-calendar-views').dataset.ready === '1'")
    assert page.locator(".smm-calendar-week").first.is_visible()
    assert not page.locator(".smm-calendar-weekgrid[data-shown]").is_visible()
    assert not page.locator(".smm-calendar-viewswitch").is_visible()
    phone.screenshot("calendar-phone-390", full_page=False)
    assert phone.problems.errors == []


@pytest.mark.parametrize(
    "path, view", [(CALENDAR, "week"), (CALENDAR, "month"), ("strategy/calendar/december-2026/", None)]
)
def test_calendar_views_have_no_serious_accessibility_violations(visit: Visit, path: str, view: str | None):
    page = visit.open(path)
    if view:
        page.wait_for_function("document.querySelector('.smm-calendar-views').dataset.ready === '1'")
        page.locator(f".smm-calendar-viewswitch button[data-view={view}]").click()
    page.add_script_tag(path=str(AXE))
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    bad = []
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad += [
            f"{scheme}: {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        visit.screenshot(f"calendar-{view or 'previews'}-{scheme}", full_page=False)
    assert bad == [], f"{path} {view}: " + "\n".join(bad)
