"""The example handbook as a person sees it, in Debian's Chromium driven by Playwright."""

from __future__ import annotations

import re

import pytest

from .conftest import AXE, PAGE_TYPES, Visit

KINDS = list(PAGE_TYPES)


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_type_renders_without_script_errors(visit: Visit, kind: str):
    page = visit.open(PAGE_TYPES[kind])
    heading = page.locator("article h1").first
    assert heading.is_visible()
    assert heading.inner_text().strip()
    visit.screenshot(f"desktop-{kind}")
    assert visit.problems.errors == []


def test_navigation_reaches_every_generated_page_type(visit: Visit):
    page = visit.open("")
    page.get_by_role("link", name="Strategy").first.click()
    page.wait_for_url(re.compile(r"/strategy/$"))
    nav = page.locator("nav.md-nav--primary")
    titles = [
        "Goals",
        "KPIs",
        "Initiatives",
        "Roadmap",
        "Priorities",
        "Board",
        "Calendar",
        "Channels",
        "Personas",
        "Competitors",
        "SWOT",
        "Team",
        "Budget",
        "Reports",
        "Reviews",
        "Accounts",
    ]
    for title in titles:
        link = nav.get_by_role("link", name=title, exact=True).first
        link.click()
        page.wait_for_load_state("load")
        assert page.locator("article h1").first.inner_text().strip(), title
    # From a section index to an entity page and back up through a reference.
    visit.open("strategy/initiatives/")
    page.locator("article table a", has_text="Christmas gift boxes 2026").first.click()
    page.wait_for_url(re.compile(r"/strategy/initiatives/christmas-gift-campaign/$"))
    assert visit.problems.errors == []


def test_search_finds_an_initiative_by_its_title(visit: Visit):
    page = visit.open("")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    result = page.locator(".md-search-result__item a[href*='initiatives/christmas-gift-campaign']").first
    # Material ignores what is typed before its search index has loaded: nudge the query
    # (type and delete a space) every few seconds until it answers.
    box.fill("Christmas gift boxes")
    for attempt in range(120):
        if result.count():
            break
        if attempt % 8 == 7:
            box.press("End")
            box.type(" ")
            box.press("Backspace")
        page.wait_for_timeout(500)
    result.wait_for(state="visible", timeout=5_000)
    visit.screenshot("search")
    result.click()
    page.wait_for_url(re.compile(r"/strategy/initiatives/christmas-gift-campaign/"))
    assert visit.problems.errors == []


def test_clicking_a_roadmap_bar_opens_the_initiative(visit: Visit):
    page = visit.open("strategy/roadmap/")
    bar = page.locator("svg.smm-timeline a[data-initiative='christmas-gift-campaign'] rect").first  # the bar itself
    bar.click()
    page.wait_for_url(re.compile(r"/strategy/initiatives/christmas-gift-campaign/$"))
    assert "Christmas" in page.locator("article h1").first.inner_text()


def test_calendar_filters_by_channel_and_owner(visit: Visit):
    page = visit.open("strategy/calendar/")
    form = page.locator("form.smm-calendar-filter")
    assert form.is_visible()  # shown only because the script ran
    # The agenda (the grids have their own test: test_calendar_views.py).
    page.locator(".smm-calendar-viewswitch button[data-view=agenda]").click()
    rows = page.locator("tr.smm-calendar-entry")
    total = rows.count()
    assert total > 5
    form.locator("select[name=channel]").select_option("instagram")
    visible = page.locator("tr.smm-calendar-entry:not([hidden])")
    shown = visible.count()
    assert 0 < shown < total
    assert set(visible.evaluate_all("rows => rows.map(r => r.dataset.channel)")) == {"instagram"}
    # A week left without rows says so instead of showing an empty table.
    form.locator("select[name=channel]").select_option("linkedin")
    empty_weeks = page.locator(".smm-calendar-week.smm-calendar-filtered-empty")
    assert empty_weeks.count() > 0
    assert empty_weeks.first.locator(".smm-calendar-filter-empty").is_visible()
    assert not empty_weeks.first.locator("table").is_visible()
    form.locator("button[type=reset]").click()
    page.wait_for_function(f"document.querySelectorAll('tr.smm-calendar-entry:not([hidden])').length === {total}")
    visit.screenshot("calendar-filtered")
    assert visit.problems.errors == []


_CONTRAST = r"""
svg => {
  const rgb = c => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  // The colour behind the drawing: the first ancestor with an opaque background.
  let bgc = [255, 255, 255];
  for (let el = svg.parentElement; el; el = el.parentElement) {
    const c = getComputedStyle(el).backgroundColor;
    const parts = (c.match(/[\d.]+/g) || []).map(Number);
    if (parts.length >= 3 && (parts.length === 3 || parts[3] > 0.5)) { bgc = parts.slice(0, 3); break; }
  }
  const ratios = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
    const fill = rgb(getComputedStyle(t).fill);
    const [a, b] = [lum(fill), lum(bgc)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  });
  return {count: ratios.length, min: Math.min(...ratios)};
}
"""


@pytest.mark.parametrize(
    "path", ["strategy/roadmap/", "strategy/priorities/", "strategy/goals/instagram-de-followers/"]
)
def test_dark_scheme_keeps_svg_text_legible(visit: Visit, path: str):
    page = visit.open(path)
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        svg = page.locator("article svg[class*='smm-']").first  # not Material's icons
        result = svg.evaluate(_CONTRAST)
        assert result["count"] > 0
        assert result["min"] >= 3.0, f"{path} in {scheme}: text contrast {result['min']:.2f}"
        visit.screenshot(f"{scheme}-{path}")


@pytest.mark.parametrize("kind", KINDS)
def test_phone_viewport_has_no_page_wide_horizontal_overflow(phone: Visit, kind: str):
    page = phone.open(PAGE_TYPES[kind])
    # Measured against the phone's width: a mobile browser widens its layout viewport (and
    # window.innerWidth) to fit content that is too wide, which then shows zoomed out.
    width = page.viewport_size["width"]
    overflow = page.evaluate("document.documentElement.scrollWidth") - width
    if kind in ("roadmap", "budget", "calendar", "board"):
        phone.screenshot(f"phone-{kind}")
    assert overflow <= 1, f"{kind}: the page is {overflow}px wider than the phone"
    # Material clips the page sideways: a wide table must scroll in its own box, or its right
    # part is simply cut off.
    cut = page.evaluate(_CUT_OFF, width)
    assert cut == [], f"{kind}: cut off on a phone: {cut}"


_CUT_OFF = """
(width) => {
  const limit = width + 1;
  const scrolls = el => { const s = getComputedStyle(el); return /(auto|scroll)/.test(s.overflowX) &&\
 el.getBoundingClientRect().right <= limit; };
  const cut = [];
  for (const el of document.querySelectorAll('article table, article svg, article pre')) {
    if (el.getBoundingClientRect().right <= limit) continue;
    let box = el, ok = false;
    while (box && box.tagName !== 'ARTICLE') { if (scrolls(box)) { ok = true; break; } box = box.parentElement; }
    if (!ok) cut.push(el.tagName.toLowerCase() + '.' + (el.getAttribute('class') || ''));
  }
  return [...new Set(cut)];
}
"""


@pytest.mark.parametrize("path", ["strategy/roadmap/", "strategy/budget/"])
def test_printing_keeps_the_tables(visit: Visit, path: str):
    page = visit.open(path)
    page.emulate_media(media="print")
    tables = page.locator("article table")
    assert tables.count() > 0
    assert tables.first.is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


@pytest.mark.parametrize("kind", KINDS)
def test_no_serious_or_critical_accessibility_violations(visit: Visit, kind: str):
    page = visit.open(PAGE_TYPES[kind])
    page.add_script_tag(path=str(AXE))
    bad = []
    # The whole page (Material's header, tabs, search and footer too), in both colour schemes;
    # colour transitions off, or axe would measure colours half-way through the switch.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad += [
            f"{scheme}: {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
    assert bad == [], f"{kind}: " + "\n".join(bad)


@pytest.mark.parametrize(
    "path", ["strategy/roadmap/", "strategy/priorities/", "strategy/goals/instagram-de-followers/", "strategy/reports/"]
)
def test_svgs_have_titles_and_text_alternatives(visit: Visit, path: str):
    page = visit.open(path)
    svgs = page.locator("article svg[class*='smm-']")  # the handbook's drawings, not Material's icons
    assert svgs.count() > 0
    for index in range(svgs.count()):
        svg = svgs.nth(index)
        name = svg.evaluate(
            "s => s.getAttribute('aria-label') || (s.querySelector(':scope > title') || {}).textContent || ''"
        )
        # role="img" for pictures; role="group" for drawings that hold links (an img's
        # children are presentational, so links inside one would be hidden from assistive tech).
        assert svg.get_attribute("role") in ("img", "group"), f"{path} svg #{index}"
        assert name.strip(), f"{path} svg #{index} has no title"
