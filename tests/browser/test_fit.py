"""Pages that fit the screen: every generated page type, on a laptop (1280 px) and a phone
(390 px), in Material's light (``default``) and dark (``slate``) schemes.

Measured in Chromium as a reader sees the page: no table, SVG or code block reaches past the
article unless a box around it scrolls sideways; no word of a table cell or board card is
broken across lines (names and ids wrap at spaces only); fact tables stack the label above the
value on a phone; wide pages hide Material's table of contents; no serious or critical axe
violation on a phone (``test_pages`` runs axe at the laptop width). Screenshots of every case go
to ``test-artifacts/browser/fit-*.png`` (whole pages in the light scheme, the first screen in
the dark one).
"""

from __future__ import annotations

import re

import pytest

from .conftest import AXE, PAGE_TYPES, Visit

WIDTHS = {"laptop": 1280, "phone": 390}
SCHEMES = ("default", "slate")

#: Pages whose tables need the room: Material's table of contents is hidden on them.
WIDE_PAGES = ("roadmap", "priorities", "board", "kpis", "accounts", "swot", "budget", "calendar")


def _tab(request: pytest.FixtureRequest, width: str) -> Visit:
    return request.getfixturevalue("visit" if width == "laptop" else "phone")


# A table, drawing or code block is cut off when it reaches past the article (or the viewport)
# and no box between it and the article scrolls sideways; a scrolling box must fit itself.
_CUT_OFF = """
() => {
  const article = document.querySelector('article');
  // Material lets its own table wrappers reach into the article's side margins: the bounds
  // are the content column (.md-content), not the article's text box.
  const a = article.closest('.md-content').getBoundingClientRect();
  const right = Math.min(a.right, document.documentElement.clientWidth) + 1, left = Math.max(a.left, 0) - 1;
  const scrolls = el => /(auto|scroll)/.test(getComputedStyle(el).overflowX);
  const cut = [];
  for (const el of article.querySelectorAll('table, svg, pre')) {
    if (!el.getClientRects().length) continue;  // not displayed (a closed <details>, a filtered week)
    // Fine when some box around it scrolls sideways and fits the column itself.
    let ok = false;
    for (let box = el; box && box !== article && !ok; box = box.parentElement) {
      const b = box.getBoundingClientRect();
      ok = scrolls(box) && b.right <= right && b.left >= left;
    }
    const r = el.getBoundingClientRect();
    if (!ok && (r.right > right || r.left < left)) cut.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ||\
 ''} (${Math.round(r.left)}..${Math.round(r.right)} in ${Math.round(left)}..${Math.round(right)})`);
  }
  return [...new Set(cut)];
}
"""

# Every word of a table cell, board card or inline fact list must sit on one line: its client
# rects (one per line box it touches) share a top. URLs and code are allowed to break.
_BROKEN_WORDS = """
() => {
  const broken = [];
  const cells = document.querySelectorAll('article td, article th, article li.smm-card, article dd');
  for (const cell of cells) {
    if (!cell.getClientRects().length) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('code, .smm-calendar-address, svg')) continue;
      // A piece is a run of letters up to and with a hyphen: a line may end after the hyphen
      // of "home-barista" (the browser's own break), never inside a run of letters.
      const text = node.textContent;
      for (const match of text.matchAll(/[^\\s-]+-*/g)) {
        const word = match[0];
        if (word.length < 2 || /^https?:|\\//.test(word)) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + word.length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
        if (!rects.length) continue;
        const tops = rects.map(r => r.top);
        if (Math.max(...tops) - Math.min(...tops) > rects[0].height / 2) broken.push(word);
      }
    }
  }
  return [...new Set(broken)].slice(0, 20);
}
"""

# On a phone a fact table's label sits above its value, and the value has the row's width.
_FACTS_STACKED = """
() => [...document.querySelectorAll('article table.smm-facts > tbody > tr')].filter(tr =>\
 tr.getClientRects().length).map(tr => {
  const th = tr.querySelector(':scope > th'), td = tr.querySelector(':scope > td');
  if (!th || !td) return null;
  const h = th.getBoundingClientRect(), d = td.getBoundingClientRect(), t = tr.getBoundingClientRect();
  return (h.bottom <= d.top + 1 && d.width >= t.width * 0.9) ? null : th.textContent.trim();
}).filter(Boolean)
"""


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_page_fits_the_screen(request: pytest.FixtureRequest, kind: str, width: str):
    tab = _tab(request, width)
    page = tab.open(PAGE_TYPES[kind])
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    if width == "phone":
        page.add_script_tag(path=str(AXE))
    bad = []
    for scheme in SCHEMES:
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        tab.screenshot(f"fit-{width}-{scheme}-{kind}", full_page=scheme == "default")
        if width == "phone":
            # test_pages runs axe at the laptop width; a phone gets other layouts (stacked
            # facts, scrolling boxes, the drawer navigation), so it is run here too.
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            bad += [
                f"{scheme}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")
            ]
        overflow = page.evaluate("document.documentElement.scrollWidth") - WIDTHS[width]
        assert overflow <= 1, f"{kind} ({width}, {scheme}): the page is {overflow}px wider than the screen"
        cut = page.evaluate(_CUT_OFF)
        assert cut == [], f"{kind} ({width}, {scheme}): cut off: {cut}"
        broken = page.evaluate(_BROKEN_WORDS)
        assert broken == [], f"{kind} ({width}, {scheme}): words broken mid-word: {broken}"
        if width == "phone":
            beside = page.evaluate(_FACTS_STACKED)
            assert beside == [], f"{kind} ({scheme}): fact labels beside their values on a phone: {beside}"
    assert bad == [], f"{kind}: serious or critical accessibility violations on a phone:\n" + "\n".join(bad)
    assert tab.problems.errors == []


@pytest.mark.parametrize("kind", WIDE_PAGES)
def test_wide_pages_use_the_width_they_need(visit: Visit, kind: str):
    page = visit.open(PAGE_TYPES[kind])
    toc = page.locator(".md-sidebar--secondary")
    assert toc.count() == 0 or not toc.first.is_visible(), f"{kind}: the table of contents takes room"
    article = page.locator("article").bounding_box()
    assert article is not None and article["width"] >= 900, (
        f"{kind}: the article is {article and article['width']}px wide"
    )
    # At 1280 px every table but the budget's month-by-month one fits without scrolling.
    scrolled = page.evaluate("""() => [...document.querySelectorAll('article table')]
      .filter(t => t.getClientRects().length && !t.classList.contains('smm-budget-table'))
      .filter(t => { for (let b = t; b && b.tagName !== 'ARTICLE'; b = b.parentElement)
                       if (b.scrollWidth > b.clientWidth + 1 && /(auto|scroll)/.test(getComputedStyle(b).overflowX))\
 return true;
                     return false; })
      .map(t => t.className)""")
    assert scrolled == [], f"{kind}: tables that scroll on a laptop: {scrolled}"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_budget_month_by_month_keeps_the_line_in_view_while_scrolling(request: pytest.FixtureRequest, width: str):
    tab = _tab(request, width)
    page = tab.open(PAGE_TYPES["budget"])
    table = page.locator("article table.smm-budget-table").first
    box = table.locator("xpath=..")
    assert re.search(r"auto|scroll", box.evaluate("b => getComputedStyle(b).overflowX"))
    # All twelve months are in the table; the box scrolls to the last one.
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    name = table.locator("th.smm-budget-name").first
    name_left = name.evaluate("e => e.getBoundingClientRect().left")
    box_left = box.evaluate("b => b.getBoundingClientRect().left")
    assert abs(name_left - box_left) <= 2, "the line's name scrolled out of view"
    assert name.is_visible()
    tab.screenshot(f"fit-{width}-budget-scrolled", full_page=False)


def test_board_done_column_stays_short(visit: Visit):
    page = visit.open(PAGE_TYPES["board"])
    done = page.locator(".smm-board-column[data-status='done']")
    shown = done.locator("li.smm-card:visible").count()
    total = int(done.locator(".smm-count").inner_text())
    assert total > 5
    assert shown == 5
    # Done is no longer than the longest open column.
    columns = page.locator(".smm-board-column:not([data-status='done']) ul.smm-cards")
    longest_open = max(columns.nth(i).bounding_box()["height"] for i in range(columns.count()))
    assert done.locator("ul.smm-cards").first.bounding_box()["height"] <= longest_open
    # The rest are one click away, not gone.
    done.locator("details summary").click()
    assert done.locator("li.smm-card:visible").count() == total
    visit.screenshot("fit-board-done-opened")


# Each milestone label must start at or before its own diamond and end after it, and no two
# labels of one bar overlap.
_MILESTONES = """
svg => [...svg.querySelectorAll('g.smm-milestone')].map(g => {
  const marker = g.querySelector('.smm-milestone-marker').getBBox();
  const label = g.querySelector('.smm-milestone-label').getBBox();
  const cx = marker.x + marker.width / 2;
  return {of: g.dataset.milestoneOf, cx, left: label.x, right: label.x + label.width, top: label.y, bottom: label.y +\
 label.height,
          text: g.querySelector('.smm-milestone-label').textContent};
})
"""


def test_roadmap_milestone_labels_stay_under_their_marker(visit: Visit):
    page = visit.open(PAGE_TYPES["roadmap"])
    labels = page.locator("article svg.smm-timeline").first.evaluate(_MILESTONES)
    assert labels
    for label in labels:
        assert label["left"] - 1 <= label["cx"] <= label["right"] + 1, f"{label['text']!r} is not under its marker"
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            overlap = (
                a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]
            )
            assert not overlap, f"{a['text']!r} overlaps {b['text']!r}"


def test_over_capacity_notice_follows_the_calendar_filter(visit: Visit):
    # The example's Lena Hoffmann (10 h a week) has 5 h of posts and a 6 h task due in the week
    # of 19 October 2026.
    page = visit.open(PAGE_TYPES["calendar"])
    # The notice belongs to the agenda (the grids have their own test: test_calendar_views.py).
    page.locator(".smm-calendar-viewswitch button[data-view=agenda]").click()
    week = page.locator(".smm-calendar-week[data-week='2026-10-19']")
    notice = week.locator(".smm-calendar-overload")
    lena = notice.locator("li[data-owner='lena-hoffmann']")
    assert lena.is_visible() and "11 h planned" in lena.inner_text()
    owner = page.locator("form.smm-calendar-filter select[name=owner]")
    owner.select_option("lena-hoffmann")
    assert lena.is_visible()
    owner.select_option("mara-schulz")
    assert not lena.is_visible()
    if notice.locator("li[data-owner]").count() == 1:
        assert not notice.is_visible()  # no line left: the whole notice goes
    page.locator("form.smm-calendar-filter button[type=reset]").click()
    lena.wait_for(state="visible")
    # A channel Lena posts nothing on that week hides her line as well.
    channel = page.locator("form.smm-calendar-filter select[name=channel]")
    channel.select_option("linkedin")
    assert not lena.is_visible()
    visit.screenshot("fit-calendar-overload-filtered", full_page=False)
    assert visit.problems.errors == []


# Each visible row of the agenda as the reader sees it: where its cells sit and whether the
# title shows whole (no cell clipped or scrolled sideways).
AGENDA_ROWS = """
root => [...root.querySelectorAll('tr.smm-calendar-entry')].filter(tr => tr.getClientRects().length).map(tr => {
  const box = el => el.getBoundingClientRect().toJSON();
  const cell = name => tr.querySelector('td.smm-calendar-' + name);
  const title = cell('title');
  return {row: box(tr), title: box(title), titleText: title.textContent.trim(),
          titleClipped: title.scrollWidth > title.clientWidth + 1,
          owner: box(cell('owner')), status: box(cell('status')), time: box(cell('time')),
          ownerLabel: getComputedStyle(cell('owner'), '::before').content, ownerName: cell('owner').dataset.label,
          scrolls: /(auto|scroll)/.test(getComputedStyle(tr.closest('table')).overflowX) &&
                   tr.closest('table').scrollWidth > tr.closest('table').clientWidth + 1};
})
"""


def assert_agenda_cards(rows: list[dict], right_edge: float, where: str) -> None:
    assert rows, f"{where}: no agenda entries shown"
    for r in rows:
        name = r["titleText"]
        assert not r["scrolls"], f"{where}: the agenda scrolls sideways"
        assert r["row"]["right"] <= right_edge + 1, f"{where}: {name!r} reaches past the column"
        # The title has a line of its own, the card's width, and shows whole.
        assert r["title"]["width"] >= r["row"]["width"] * 0.8, f"{where}: {name!r} is squeezed into a column"
        assert not r["titleClipped"], f"{where}: {name!r} is cut"
        # Owner and status are in view, under the date and time, each with its column's name.
        for cell in ("owner", "status"):
            assert r[cell]["right"] <= right_edge + 1 and r[cell]["left"] >= r["row"]["left"] - 1, (
                f"{where}: {name!r}: {cell} off-screen"
            )
            assert r[cell]["top"] > r["time"]["top"], f"{where}: {name!r}: {cell} beside the date, not under it"
        assert r["ownerLabel"] == f'"{r["ownerName"]}: "', f"{where}: {name!r}: the owner is not named"


def test_phone_agenda_is_one_card_per_entry(phone: Visit):
    page = phone.open(PAGE_TYPES["calendar"])
    page.wait_for_function("document.querySelector('.smm-calendar-views').dataset.ready === '1'")
    width = page.evaluate("document.documentElement.clientWidth")
    rows = page.locator(".smm-calendar-week").first.evaluate(AGENDA_ROWS)
    assert_agenda_cards(rows, width, "calendar agenda (phone)")
    assert rows[0]["ownerName"] == "Owner"
    # The week's heading never puts a date's day and month on two lines.
    heading = page.locator("article h2").filter(has_text=re.compile(r"^Week \d+")).first
    assert heading.evaluate("""h => {
      const text = h.firstChild.textContent;
      const found = [...text.matchAll(/\\d+\\u00a0\\S+\\u00a0\\d{4}|\\S+\\u00a0\\d+,\\u00a0\\d{4}/g)];
      if (found.length !== 2) return false;
      return found.every(m => { const range = document.createRange();
        range.setStart(h.firstChild, m.index); range.setEnd(h.firstChild, m.index + m[0].length);
        return new Set([...range.getClientRects()].filter(r => r.width).map(r => Math.round(r.top))).size === 1; });
    }"""), f"a date of {heading.inner_text()!r} is broken across lines or not kept together"
    phone.screenshot("fit-phone-agenda-cards", full_page=False)
    # The overview's next 14 days: the same cards.
    page = phone.open(PAGE_TYPES["overview"])
    rows = page.locator(".smm-calendar-next").evaluate(AGENDA_ROWS)
    assert_agenda_cards(rows, width, "overview, next 14 days (phone)")
    assert phone.problems.errors == []


def test_overview_next_days_fit_beside_both_sidebars(visit: Visit):
    # At 1280 px the overview keeps its navigation and table of contents: the next 14 days are
    # cards in the column left between them, nothing cut at its right edge.
    page = visit.open(PAGE_TYPES["overview"])
    assert page.locator(".md-sidebar--secondary").first.is_visible()
    right = page.locator("article").evaluate("a => a.closest('.md-content').getBoundingClientRect().right")
    rows = page.locator(".smm-calendar-next").evaluate(AGENDA_ROWS)
    assert_agenda_cards(rows, right, "overview, next 14 days (laptop)")
    page.locator(".smm-calendar-next").scroll_into_view_if_needed()
    visit.screenshot("fit-laptop-overview-next-days", full_page=False)


# Each goal row of a table in ``root``: where its name, status and progress sit.
GOAL_ROWS = """
root => [...root.querySelectorAll('tbody tr[data-goal]')].map(tr => {
  const box = el => el && el.getBoundingClientRect().toJSON();
  return {goal: tr.dataset.goal, name: box(tr.querySelector('th')),
          status: box(tr.querySelector('[data-field=status]')),
          progress: box(tr.querySelector('[data-field=progress]'))};
})
"""


@pytest.mark.parametrize("kind, table", [("kpis", ".smm-kpis"), ("overview", ".smm-overview-goals")])
def test_phone_shows_each_goals_status_right_under_its_name(phone: Visit, kind: str, table: str):
    page = phone.open(PAGE_TYPES[kind])
    width = page.evaluate("document.documentElement.clientWidth")
    rows = page.locator(table).first.evaluate(GOAL_ROWS)
    assert rows
    for r in rows:
        for cell in ("name", "status", "progress"):
            assert r[cell]["left"] >= 0 and r[cell]["right"] <= width + 1, f"{kind}: {r['goal']}: {cell} off-screen"
        assert r["status"]["top"] >= r["name"]["bottom"] - 1, f"{kind}: {r['goal']}: status not under the name"
        assert r["status"]["top"] - r["name"]["bottom"] < 40, f"{kind}: {r['goal']}: status far from its name"
    page.locator(table).first.scroll_into_view_if_needed()
    phone.screenshot(f"fit-phone-{kind}-goal-status", full_page=False)


def test_month_cards_carry_their_full_title(visit: Visit):
    page = visit.open(PAGE_TYPES["calendar"])
    page.wait_for_function("document.querySelector('.smm-calendar-views').dataset.ready === '1'")
    page.locator(".smm-calendar-viewswitch button[data-view=month]").click()
    month = page.locator(".smm-calendar-monthgrid[data-shown]")
    cards = month.locator("a.smm-card").evaluate_all("""cards => cards.map(a => {
      const t = a.querySelector('.smm-card-title'), style = getComputedStyle(t);
      const lines = Math.round(t.getBoundingClientRect().height / parseFloat(style.lineHeight));
      return {title: t.textContent, tooltip: a.getAttribute('title'), lines};
    })""")
    assert cards
    for card in cards:
        # The tooltip is the whole title; the link's accessible name holds it too.
        assert card["tooltip"] == card["title"], card
        assert month.get_by_role("link", name=re.compile(re.escape(card["title"]))).count() >= 1, card
        assert 1 <= card["lines"] <= 2, card
    # A title that needs it takes a second line instead of ending in an ellipsis after a word.
    assert any(card["lines"] == 2 for card in cards)
    broken = page.evaluate(_BROKEN_WORDS)
    assert broken == [], f"month view: words broken mid-word: {broken}"
    visit.screenshot("fit-laptop-month-cards", full_page=False)
    assert visit.problems.errors == []
