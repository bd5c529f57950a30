"""The budget as a user gets it: real MkDocs + Material builds of the golden plan, in both
audiences, checking budget.csv cell for cell, the page, panels, overview and plan.json."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import html5lib
import pytest

from smm_docs_plugin.budget_core import neutralise_formula

GOLDEN = Path(__file__).parent / "golden" / "budget" / "carry-over"
NS = {"h": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The golden plan built once for the team and once for stakeholders (builds are slow)."""
    from .conftest import build, make_project

    built = {}
    for audience in ("team", "stakeholders"):
        root = tmp_path_factory.mktemp(f"budget-{audience}")
        config = make_project(root / "project", copy_plan=GOLDEN / "plan", options={"audience": audience})
        built[audience] = build(config)
    return built


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def parse(text: str):
    return html5lib.parse(text, namespaceHTMLElements=False)


def cell_text(element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.mark.parametrize("audience", ["team", "stakeholders"])
def test_budget_csv_equals_the_hand_computed_table(sites, audience):
    got = read(sites[audience], "strategy/budget.csv")
    expected = (GOLDEN / f"expected-{audience}.csv").read_text(encoding="utf-8")
    assert list(csv.reader(io.StringIO(got))) == list(csv.reader(io.StringIO(expected)))
    assert got == expected


def test_stakeholder_outputs_leave_out_internal_lines_and_references(sites):
    site = sites["stakeholders"]
    page = read(site, "strategy/budget/index.html")
    data = json.loads(read(site, "strategy/plan.json"))
    for text in (page, read(site, "strategy/budget.csv"), json.dumps(data["budget_rows"])):
        assert "secret-tool" not in text and "Legacy scheduler" not in text
        assert "test-account" not in text and "secret-push" not in text
        assert "Secret test account" not in text and "Secret push" not in text
    assert not (site / "strategy/budget/secret-tool/index.html").exists()
    assert "secret-tool" in read(sites["team"], "strategy/budget.csv")
    # The visible line that points at internal entities says so instead of naming them.
    assert '<span class="smm-internal">internal</span>' in page


def _table(site: Path):
    document = parse(read(site, "strategy/budget/index.html"))
    tables = document.findall(".//table[@class='smm-budget-table']")
    assert len(tables) == 1
    return tables[0]


@pytest.mark.parametrize("audience", ["team", "stakeholders"])
def test_page_horizon_total_is_the_sum_of_planned(sites, audience):
    site = sites[audience]
    rows = list(csv.DictReader(io.StringIO(read(site, "strategy/budget.csv"))))
    planned = sum((Decimal(r["planned"]) for r in rows), Decimal(0))
    assert planned == (Decimal("1978.24") if audience == "team" else Decimal("978.24"))
    shown = f"€{planned:,.2f}"
    table = _table(site)
    total_planned = table.find(".//tfoot/tr[@class='smm-budget-total smm-budget-planned']")
    cells = total_planned.findall("td")
    assert cell_text(cells[-1]) == shown
    # Per-month totals add up to the same number.
    assert sum(Decimal(cell_text(td).lstrip("€").replace(",", "")) for td in cells[:-1]) == planned
    page = read(site, "strategy/budget/index.html")
    assert f'<dd class="smm-budget-horizon-total">{shown}</dd>' in page


def test_overspend_is_flagged_in_words_not_only_colour(sites):
    table = _table(sites["team"])
    variance = table.find(".//tr[@data-line='ads-instagram'][@class='smm-budget-line smm-budget-variance']")
    cells = [cell_text(td) for td in variance.findall("td")]
    assert cells[:6] == ["€40.00", "▲ overspent -€10.00", "€19.90", "", "€80.00", ""]
    flagged = [td for td in variance.findall("td") if "smm-overspent" in (td.get("class") or "")]
    assert len(flagged) == 1 and flagged[0].find("span").get("class") == "smm-flag"
    canva = table.find(".//tr[@data-line='canva'][@class='smm-budget-line smm-budget-variance']")
    assert cell_text(canva.findall("td")[2]) == "▲ overspent -€1.51"


def test_page_groups_lines_by_category_with_sub_rows_and_links(sites):
    site = sites["team"]
    table = _table(site)
    headings = [cell_text(th) for th in table.findall("./thead/tr/th")]
    assert headings == [
        "Budget line",
        "Figure",
        "Jan 2027",
        "Feb 2027",
        "Mar 2027",
        "Apr 2027",
        "May 2027",
        "Jun 2027",
        "Horizon",
    ]
    groups = [tbody.get("data-category") for tbody in table.findall("./tbody")]
    assert groups == ["software", "advertising", "services", "other"]
    carried = table.find(".//tr[@data-line='ads-instagram'][@class='smm-budget-line smm-budget-carried']")
    assert [cell_text(td) for td in carried.findall("td")][:6] == ["", "€40.00", "", "€19.90", "", "€80.00"]
    labels = [cell_text(tr.find("th[@scope='row']")) for tr in table.findall(".//tr[@data-line='photographer']")]
    assert labels == ["Planned", "Carried in", "Available", "Actual", "Variance"]
    subtotal = [tr for tr in table.findall(".//tr") if "smm-budget-subtotal" in (tr.get("class") or "")]
    assert "Subtotal: Advertising" in [cell_text(tr.find("th")) for tr in subtotal]
    link = table.find(".//tr[@data-line='photographer']/th/a")
    assert link.get("href") == "photographer/"
    assert (site / "strategy/budget/photographer/index.html").exists()


def test_wide_tables_scroll_inside_their_container(sites):
    site = sites["team"]
    page = read(site, "strategy/budget/index.html")
    # The box is a keyboard-reachable region: a box that scrolls must take focus (WCAG 2.1.1).
    assert re.search(
        r'<div class="smm-scroll" tabindex="0" role="region" aria-label="Month by month">\s*<table '
        r'class="smm-budget-table">',
        page,
    )
    css = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.css") if "smm" in p.name)
    assert re.search(r"\.smm-scroll\s*\{[^}]*overflow-x:\s*auto", css)


def test_summaries_per_category_channel_and_initiative(sites):
    document = parse(read(sites["team"], "strategy/budget/index.html"))

    def summary(key):
        table = document.find(f".//div[@class='smm-scroll smm-budget-by-{key}']/table")
        return {
            cell_text(tr.find("th")): [cell_text(td) for td in tr.findall("td")] for tr in table.findall("./tbody/tr")
        }

    # planned, planned to date (Jan-Mar), spent to date, remaining, then the whole horizon's
    # actual and variance: the €20 of Instagram ads recorded for May is not spent "to date" but
    # is part of the actual; variance is planned minus actual over the months with spend
    # (Instagram ads: 4 × €100 - €310.10).
    assert summary("category")["Advertising"] == ["€900.00", "€450.00", "€290.10", "€609.90", "€310.10", "€89.90"]
    assert summary("channel")["Instagram"] == ["€600.00", "€300.00", "€290.10", "€309.90", "€310.10", "€89.90"]
    assert summary("channel")["No channel"] == [
        "€1,078.24",
        "€1,039.27",
        "€1,040.78",
        "€37.46",
        "€1,040.78",
        "▲ overspent -€1.51",
    ]
    assert summary("initiative")["Spring campaign"] == ["€600.30", "€300.30", "€290.40", "€309.90", "€310.40", "€89.90"]
    table = document.find(".//div[@class='smm-scroll smm-budget-by-category']/table")
    assert [cell_text(th) for th in table.findall("./thead/tr/th")] == [
        "Category",
        "Planned",
        "Planned to date",
        "Spent to date",
        "Remaining",
        "Actual (whole horizon)",
        "Variance (months with spend)",
    ]
    note = document.find(".//p[@class='smm-budget-note smm-budget-summary-note']")
    assert "up to and including Mar 2027" in cell_text(note) and "later months included" in cell_text(note)


def test_line_channel_and_initiative_pages_show_their_budget(sites):
    site = sites["team"]
    line_page = parse(read(site, "strategy/budget/ads-instagram/index.html"))
    table = line_page.find(".//table[@data-line='ads-instagram']")
    feb = table.find(".//tr[@data-month='2027-02']")
    assert [cell_text(td) for td in feb.findall("td")] == [
        "€100.00",
        "€40.00",
        "€140.00",
        "€150.00",
        "▲ overspent -€10.00",
    ]
    assert next(cell_text(td) for td in table.find("./tfoot/tr").findall("td")) == "€600.00"

    channel = parse(read(site, "strategy/channels/instagram/index.html"))
    panel = channel.find(".//div[@class='smm-scroll smm-budget-reference-panel']/table")
    assert [cell_text(th) for th in panel.findall("./tbody/tr/th")] == ["Instagram ads"]
    assert [cell_text(td) for td in panel.find("./tfoot/tr").findall("td")][1:] == [
        "€600.00",
        "€300.00",
        "€290.10",
        "€309.90",
        "€310.10",
        "€89.90",
    ]

    initiative = parse(read(site, "strategy/initiatives/spring/index.html"))
    panel = initiative.find(".//div[@class='smm-scroll smm-budget-reference-panel']/table")
    assert [cell_text(th) for th in panel.findall("./tbody/tr/th")] == ["Instagram ads", "Product photographer"]
    assert cell_text(panel.find("./tfoot/tr").findall("td")[1]) == "€600.30"


def test_overview_shows_budget_to_date(sites):
    page = read(sites["team"], "strategy/index.html")
    assert '<h2 id="budget-to-date">Budget to date</h2>' in page
    assert '<dd class="smm-budget-spent-to-date">€1,330.88</dd>' in page
    assert '<dd class="smm-budget-planned-to-date">€1,489.27</dd>' in page
    assert '<dd class="smm-budget-horizon-total">€1,978.24</dd>' in page


def test_plan_json_budget_rows(sites):
    data = json.loads(read(sites["stakeholders"], "strategy/plan.json"))
    expected = list(csv.DictReader(io.StringIO((GOLDEN / "expected-stakeholders.csv").read_text())))
    # Same rows and cells as the CSV; titles are not formula-neutralised in JSON.
    assert [{k: (v or None) for k, v in row.items()} for row in expected] == [
        {**r, "title": neutralise_formula(r["title"])} for r in data["budget_rows"]
    ]
    assert data["budget_rows"][-1]["title"] == "=SUM(1+1)"


def test_amounts_follow_the_locale_option_and_titles_stay_text(build_site):
    inject = {
        "budget/zz-inject.md": """
            ---
            title: "[click](javascript:alert(1)) <script>alert(2)</script>"
            category: other
            planned: 1
            ---
            """
    }
    site = build_site(plan_files=inject, copy_plan=GOLDEN / "plan", options={"locale": "de"})
    page = read(site, "strategy/budget/index.html")
    assert 'href="javascript' not in page and "<script>alert(2)" not in page
    assert "[click](javascript:alert(1)) &lt;script&gt;alert(2)&lt;/script&gt;</a>" in page
    assert '<dd class="smm-budget-horizon-total">1.984,24\xa0€</dd>' in page  # golden + 6 × 1
    assert "-10,00\xa0€" in page
    # The CSV is for spreadsheets, not people: never locale-formatted.
    assert "ads-instagram,Instagram ads,advertising,instagram,spring,2027-02,100.00,40.00,140.00,150.00,-10.00" in read(
        site, "strategy/budget.csv"
    )


def test_a_plan_without_budget_lines_still_builds_a_budget_page(build_site):
    from .conftest import MINIMAL_PLAN

    site = build_site(copy_plan=MINIMAL_PLAN)
    assert (
        read(site, "strategy/budget.csv")
        == "line,title,category,channel,initiative,month,planned,carried_in,available,actual,variance\n"
    )
    assert "No budget lines yet." in read(site, "strategy/budget/index.html")


def money(text: str) -> Decimal:
    """An English-locale euro cell ("€1,040.78", "▲ overspent -€1.51") as a number."""
    return Decimal(text.replace("▲ overspent", "").replace("€", "").replace(",", "").strip())


def _total_horizon(table, figure: str) -> str:
    row = table.find(f".//tfoot/tr[@class='smm-budget-total smm-budget-{figure}']")
    return cell_text(row.findall("td")[-1])


@pytest.mark.parametrize("audience", ["team", "stakeholders"])
def test_every_recorded_amount_is_in_each_summary(sites, audience):
    """Each summary splits the whole budget: its actual column adds up to every actual in
    budget.csv (months after today's included) and its variance column to the total's."""
    site = sites[audience]
    rows = list(csv.DictReader(io.StringIO(read(site, "strategy/budget.csv"))))
    recorded = sum((Decimal(r["actual"]) for r in rows if r["actual"]), Decimal(0))
    after_today = [r for r in rows if r["actual"] and r["month"] > "2027-03"]
    assert after_today, "the golden plan records spend after today's month"
    table = _table(site)
    assert money(_total_horizon(table, "actual")) == recorded
    document = parse(read(site, "strategy/budget/index.html"))
    for key in ("category", "channel", "initiative"):
        summary = document.find(f".//div[@class='smm-scroll smm-budget-by-{key}']/table")
        cells = [[cell_text(td) for td in tr.findall("td")] for tr in summary.findall("./tbody/tr")]
        assert all(len(row) == 6 for row in cells)
        assert sum(money(row[4]) for row in cells if row[4]) == recorded, key
        assert sum(money(row[5]) for row in cells if row[5]) == money(_total_horizon(table, "variance")), key
        # Spend to date stays what the overview reuses: the months up to today's only.
        to_date = sum((Decimal(r["actual"]) for r in rows if r["actual"] and r["month"] <= "2027-03"), Decimal(0))
        assert sum(money(row[2]) for row in cells) == to_date, key


def test_summaries_before_the_horizon_count_all_recorded_spend(build_site):
    site = build_site(copy_plan=GOLDEN / "plan", options={"today": "2026-12-01"})
    document = parse(read(site, "strategy/budget/index.html"))
    table = document.find(".//div[@class='smm-scroll smm-budget-by-category']/table")
    rows = {cell_text(tr.find("th")): [cell_text(td) for td in tr.findall("td")] for tr in table.findall("./tbody/tr")}
    # Nothing planned or spent "to date" yet, but every recorded amount is in the actual.
    assert rows["Advertising"] == ["€900.00", "€0.00", "€0.00", "€900.00", "€310.10", "€89.90"]
    assert rows["Software and tools"] == ["€77.94", "€0.00", "€0.00", "€77.94", "€40.48", "▲ overspent -€1.51"]
    note = document.find(".//p[@class='smm-budget-note smm-budget-summary-note']")
    assert cell_text(note).startswith("The horizon has not started yet")
    overview = read(site, "strategy/index.html")
    assert '<dd class="smm-budget-spent-to-date">€0.00</dd>' in overview


@pytest.mark.parametrize("audience", ["team", "stakeholders"])
def test_a_line_page_shows_the_figures_of_its_block_in_the_monthly_table(sites, audience):
    site = sites[audience]
    table = _table(site)
    months = [th.get("data-month") for th in table.findall("./thead/tr/th")][2:-1]
    blocks: dict[str, list[list[str]]] = {}
    for tr in table.iter("tr"):
        if tr.get("data-line"):
            blocks.setdefault(tr.get("data-line"), []).append([cell_text(td) for td in tr.findall("td")])
    assert sorted(blocks) == (
        ["ads-instagram", "canva", "photographer", "secret-tool", "test-ads"]
        if audience == "team"
        else ["ads-instagram", "canva", "photographer", "test-ads"]
    )
    for line, figures in blocks.items():
        page = parse(read(site, f"strategy/budget/{line}/index.html"))
        panel = page.find(f".//table[@data-line='{line}']")
        body = panel.findall("./tbody/tr")
        assert [tr.get("data-month") for tr in body] == months
        for index, tr in enumerate(body):
            # planned, carried in, available, actual, variance: the block's column for the month
            assert [cell_text(td) for td in tr.findall("td")] == [f[index] for f in figures], (line, months[index])
        assert [cell_text(td) for td in panel.find("./tfoot/tr").findall("td")] == [f[-1] for f in figures], line
        # Today's month is marked as in the monthly table's heading.
        assert [tr.get("data-month") for tr in body if tr.get("class") == "smm-budget-current"] == ["2027-03"]
        notes = [cell_text(p) for p in page.iter("p") if "smm-budget-note" in (p.get("class") or "")]
        assert any("planned minus actual over the months with recorded spend" in n for n in notes)
    photographer = read(site, "strategy/budget/photographer/index.html")
    assert "Not counted (outside the horizon): Sep 2027." in photographer
    assert "outside the horizon" not in read(site, "strategy/budget/canva/index.html")


def test_summary_tables_stay_readable_on_a_phone(sites):
    site = sites["team"]
    page = read(site, "strategy/budget/index.html")
    for key in ("category", "channel", "initiative"):
        assert re.search(
            rf'<div class="smm-scroll smm-budget-by-{key}" tabindex="0"[^>]*>\s*<table class="smm-budget-summary">',
            page,
        )
    assert re.search(
        r'<div class="smm-scroll smm-budget-reference-panel" tabindex="0"',
        read(site, "strategy/channels/instagram/index.html"),
    )
    css = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.css") if "smm" in p.name)
    # The name column stays in view while the figures scroll; headings wrap.
    sticky = re.search(r'\.smm-budget-summary th\[scope="row"\][^{]*\{[^}]*position:\s*sticky', css)
    assert sticky and "left: 0" in css[sticky.start() : css.index("}", sticky.start())]
    assert re.search(r"\.smm-budget-summary thead th[^{]*\{[^}]*white-space:\s*normal", css)
