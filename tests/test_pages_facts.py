"""Entity pages read as words, not as raw YAML (real MkDocs + Material builds): amounts as money
in the plan's currency, months by name, a goal's defaulted start, actuals in date order with
those that do not count marked, no empty SWOT row, calendar items with their file's defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PLAN = {
    "mission.md": """
        ---
        title: Acme Coffee
        mission: Good coffee at home.
        horizon: {start: 2027-01-01, end: 2027-12-31}
        ---
        """,
    "team/ana.md": "---\ntitle: Ana Lopez\n---\n",
    "team/ben.md": "---\ntitle: Ben Okafor\n---\n",
    "channels/instagram.md": "---\ntitle: Instagram\nplatform: instagram\npurpose: Sales\nowner: ana\n---\n",
    "channels/newsletter.md": "---\ntitle: Newsletter\nplatform: newsletter\npurpose: News\nowner: ben\n---\n",
    "budget/ads.md": """
        ---
        title: Ads
        category: advertising
        planned: 100
        actual: {2027-02: 120.10, 2027-01: 90}
        ---
        """,
    "budget/tools.md": """
        ---
        title: Tools
        category: software
        planned: {2027-03: 49.90}
        ---
        """,
    "reports/ig-feb.md": (
        "---\ntitle: Instagram, February\nchannel: instagram\nperiod: 2027-02\nmetrics: {followers: 10}\n---\n"
    ),
    "goals/reach.md": """
        ---
        title: Reach
        type: awareness
        metric: Reach
        unit: people
        target: 100
        deadline: 2027-06-30
        owner: ana
        actuals:
          - {date: 2027-03-20, value: 100}
          - {date: 2027-02-10, value: 50}
          - {date: 2027-01-15, value: 90}
          - {date: 2027-02-10, value: 55}
        ---
        """,
    "goals/leads.md": (
        "---\ntitle: Leads\ntype: leads\nmetric: Sign-ups\ntarget: 10\nstart: 2027-02-01\ndeadline: 2027-06-30\n"
        "owner: ana\n---\n"
    ),
    "competitors/bare.md": "---\ntitle: Bare rival\nsummary: No SWOT yet.\n---\n",
    "competitors/full.md": "---\ntitle: Full rival\nswot: {strengths: [Big budget]}\n---\n",
    "calendar/march.md": """
        ---
        title: March content
        channel: instagram
        format: Post
        items:
          - {date: 2027-03-11, title: Plain item}
          - {date: 2027-03-12, title: News item, channel: newsletter, status: scheduled}
        ---
        """,
}


def facts(site: Path, rel: str) -> str:
    html = (site / "strategy" / rel / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<table class="smm-facts">.*?</table></div>', html, flags=re.DOTALL)
    assert match, rel
    return match.group(0)


def fact(table: str, label: str) -> str:
    match = re.search(rf'<tr><th scope="row">{label}</th><td>(.*?)</td></tr>\n', table, flags=re.DOTALL)
    assert match, label
    return match.group(1).strip()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import build, make_project

    return build(make_project(tmp_path_factory.mktemp("facts"), PLAN))


def test_budget_line_amounts_are_money_and_months_have_names(site: Path) -> None:
    ads = facts(site, "budget/ads")
    assert fact(ads, "Planned") == "€100.00 every horizon month"
    assert (
        fact(ads, "Actual")
        == '<dl class="smm-inline"><dt>January 2027</dt><dd>€90.00</dd><dt>February 2027</dt><dd>€120.10</dd></dl>'
    )
    tools = facts(site, "budget/tools")
    assert fact(tools, "Planned") == '<dl class="smm-inline"><dt>March 2027</dt><dd>€49.90</dd></dl>'


def test_report_period_is_a_month_name(site: Path) -> None:
    assert fact(facts(site, "reports/ig-feb"), "Period") == "February 2027"


def test_goal_start_defaults_to_the_horizon_start_and_says_so(site: Path) -> None:
    assert fact(facts(site, "goals/reach"), "Start") == "Jan 1, 2027 (horizon start)"
    assert fact(facts(site, "goals/leads"), "Start") == "Feb 1, 2027"


def test_goal_actuals_in_date_order_with_what_does_not_count_marked(site: Path) -> None:
    cells = re.findall(
        r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", fact(facts(site, "goals/reach"), "Actuals")
    )
    assert cells == [
        ("Jan 15, 2027", "90 people", ""),
        ("Feb 10, 2027", "50 people", "Replaced by a later entry for the same day"),
        ("Feb 10, 2027", "55 people", "Latest: sets the pace status"),  # today is 2027-03-10
        ("Mar 20, 2027", "100 people", "Future date: not counted yet"),
    ]


def test_competitor_without_swot_has_no_empty_swot_row(site: Path) -> None:
    # The SWOT is shown once, in the panel beside ours, not also as a fact.
    assert ">SWOT<" not in facts(site, "competitors/bare")
    page = (site / "strategy" / "competitors" / "full" / "index.html").read_text(encoding="utf-8")
    assert '<th scope="row">SWOT</th>' not in page and page.count("Big budget") == 1


def test_calendar_items_show_their_effective_channel_and_owner_once(site: Path) -> None:
    assert ">Items<" not in facts(site, "calendar/march")  # the items table below holds them
    page = (site / "strategy" / "calendar" / "march" / "index.html").read_text(encoding="utf-8")
    assert page.count("Plain item") == 1 and page.count("News item") == 1
    rows = re.findall(
        r'<tr class="smm-calendar-entry"[^>]*data-channel="([^"]*)" data-owner="([^"]*)"[^>]*>(.*?)</tr>',
        page,
        flags=re.DOTALL,
    )
    titles = {
        title: (channel, owner)
        for channel, owner, body in rows
        for title in ("Plain item", "News item")
        if title in body
    }
    assert titles == {"Plain item": ("instagram", "ana"), "News item": ("newsletter", "ben")}
    assert '<a href="../../team/ben/">Ben Okafor</a>' in page


def test_zero_decimal_currency_keeps_cents(build_site) -> None:
    files = dict(PLAN)
    files["mission.md"] = PLAN["mission.md"].replace("horizon:", "currency: JPY\n        horizon:")
    files["budget/ads.md"] = (
        "---\ntitle: Ads\ncategory: advertising\nplanned: {2027-01: 33.33, 2027-02: 100}\nactual: {2027-01: 33.53, "
        "2027-02: 100}\n---\n"
    )
    files["budget/tools.md"] = "---\ntitle: Tools\ncategory: software\nplanned: 1000\n---\n"
    site = build_site(files)
    ads = facts(site, "budget/ads")
    assert "<dd>¥33.33</dd>" in fact(ads, "Planned") and "<dd>¥100</dd>" in fact(ads, "Planned")
    assert fact(facts(site, "budget/tools"), "Planned") == "¥1,000 every horizon month"
    page = (site / "strategy" / "budget" / "ads" / "index.html").read_text(encoding="utf-8")
    assert "-¥0.20" in page and "-¥0<" not in page and "¥33<" not in page


def test_a_channel_page_shows_each_slot_as_it_runs(build_site):
    from .conftest import MINIMAL_PLAN

    site = build_site(copy_plan=MINIMAL_PLAN)
    page = (site / "strategy/channels/instagram/index.html").read_text(encoding="utf-8")
    at = page.index("Product post")
    cadence = page[page.rindex("<table", 0, at) : page.index("</table>", at)]
    # The slot sets no owner, start or end: the channel's owner and the horizon apply.
    assert ">Ana Lopez</a>" in cadence and "Jan 1, 2027" in cadence and "Jun 30, 2027" in cadence
