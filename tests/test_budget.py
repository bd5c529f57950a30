"""The budget arithmetic of PLAN_FORMAT §2, the totals and the CSV, checked against numbers
worked out by hand. Plans are real plan folders loaded with the real loader."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import format_currency
from hypothesis import given, settings
from hypothesis import strategies as st

from smm_docs_plugin.budget_core import (
    CSV_HEADER,
    HIDDEN_GROUP,
    NO_GROUP,
    BudgetView,
    budget_csv,
    budget_rows,
    horizon_totals,
    merge_totals,
    months_to_date,
    neutralise_formula,
    sum_rows,
    totals_by_category,
    totals_by_channel,
    totals_by_initiative,
    totals_by_line,
    totals_by_month,
)
from smm_docs_plugin.context import RenderContext, RenderOptions, make_environment
from smm_docs_plugin.features.budget import BudgetFeature, Money
from smm_docs_plugin.loader import load_plan

from .conftest import write_plan

GOLDEN = Path(__file__).parent / "golden" / "budget"

BASE = {
    "mission.md": """
        ---
        title: Test Co
        mission: Count money exactly.
        horizon: {start: 2027-01-01, end: 2027-04-30}
        currency: EUR
        ---
        """,
    "team/ana.md": "---\ntitle: Ana\n---\n",
    "channels/instagram.md": "---\ntitle: Instagram\nplatform: instagram\npurpose: Sales\nowner: ana\n---\n",
    "goals/grow.md": (
        "---\ntitle: Grow\ntype: awareness\nmetric: followers\ntarget: 10\ndeadline: 2027-04-30\nowner: ana\n---\n"
    ),
    "initiatives/spring.md": "---\ntitle: Spring\ngoal: grow\nowner: ana\nstart: 2027-01-04\nduration: 2w\n---\n",
}


def plan_with(tmp_path: Path, budget: dict[str, str], today: date = date(2027, 2, 15), audience: str = "team"):
    files = dict(BASE)
    files.update({f"budget/{name}.md": text for name, text in budget.items()})
    plan_dir = write_plan(tmp_path, files)
    return load_plan(plan_dir, today=today, audience=audience)


def line(body: str) -> str:
    return "---\n" + body.strip("\n") + "\n---\n"


def figures(rows, *names):
    """The rows of one line as tuples of the named fields (amounts as strings)."""
    return [tuple(None if getattr(r, n) is None else str(getattr(r, n)) for n in names) for r in rows]


def test_number_means_every_horizon_month_and_mapping_only_its_months(tmp_path):
    plan = plan_with(
        tmp_path,
        {
            "tool": line("title: Tool\ncategory: software\nplanned: 9.90"),
            "shoot": line("title: Shoot\ncategory: services\nplanned:\n  2027-02: 300\n  2027-04: 150.5"),
        },
    )
    rows = budget_rows(plan)
    assert [(r.line, r.month) for r in rows] == [
        ("shoot", "2027-01"),
        ("shoot", "2027-02"),
        ("shoot", "2027-03"),
        ("shoot", "2027-04"),
        ("tool", "2027-01"),
        ("tool", "2027-02"),
        ("tool", "2027-03"),
        ("tool", "2027-04"),
    ]
    assert figures(rows[:4], "planned") == [("0.00",), ("300.00",), ("0.00",), ("150.50",)]
    assert figures(rows[4:], "planned") == [("9.90",)] * 4
    assert all(r.actual is None and r.variance is None for r in rows)


def test_carry_over_chain_follows_the_formula(tmp_path):
    # Jan: 100 avail, spent 60 -> +40 carried; Feb: 140 avail, spent 150 -> overspent, nothing
    # carried; Mar: 100, spent 80.10 -> 19.90 carried into Apr (no actual in Apr).
    plan = plan_with(
        tmp_path,
        {
            "ads": line(
                "title: Ads\ncategory: advertising\nplanned: 100\ncarry_over: true\n"
                "actual:\n  2027-03: 80.10\n  2027-01: 60\n  2027-02: 150"
            ),
        },
    )
    rows = budget_rows(plan)
    assert figures(rows, "month", "planned", "carried_in", "available", "actual", "variance") == [
        ("2027-01", "100.00", "0.00", "100.00", "60.00", "40.00"),
        ("2027-02", "100.00", "40.00", "140.00", "150.00", "-10.00"),
        ("2027-03", "100.00", "0.00", "100.00", "80.10", "19.90"),
        ("2027-04", "100.00", "19.90", "119.90", None, None),
    ]
    assert [r.overspent for r in rows] == [False, True, False, False]


def test_nothing_carries_after_a_month_without_recorded_spend_or_without_carry_over(tmp_path):
    plan = plan_with(
        tmp_path,
        {
            "gap": line(
                "title: Gap\ncategory: advertising\nplanned: 50\ncarry_over: true\nactual:\n  2027-02: 10\n  2027-04: 5"
            ),
            "plain": line("title: Plain\ncategory: advertising\nplanned: 50\nactual:\n  2027-01: 10"),
        },
    )
    rows = {r.line: r for r in budget_rows(plan) if r.month == "2027-01"}
    gap = [r for r in budget_rows(plan) if r.line == "gap"]
    # Jan has no actual, so nothing carries into Feb; Feb's unspent 40 carries into Mar; Mar has
    # no actual, so nothing carries into Apr.
    assert [str(r.carried_in) for r in gap] == ["0.00", "0.00", "40.00", "0.00"]
    assert str(gap[3].variance) == "45.00"
    plain = [r for r in budget_rows(plan) if r.line == "plain"]
    assert [str(r.carried_in) for r in plain] == ["0.00"] * 4
    assert str(rows["plain"].variance) == "40.00"


def test_a_recorded_zero_is_an_actual(tmp_path):
    plan = plan_with(
        tmp_path,
        {
            "idle": line("title: Idle\ncategory: other\nplanned: 20\ncarry_over: true\nactual:\n  2027-01: 0"),
        },
    )
    jan, feb = budget_rows(plan)[:2]
    assert jan.actual == Decimal(0) and jan.variance == Decimal("20.00")
    assert feb.carried_in == Decimal("20.00") and feb.available == Decimal("40.00")


def test_ten_cents_plus_twenty_cents_is_thirty_cents(tmp_path):
    plan = plan_with(
        tmp_path,
        {
            "a": line("title: A\ncategory: other\nplanned:\n  2027-01: 0.10\nactual:\n  2027-01: 0.10"),
            "b": line("title: B\ncategory: other\nplanned:\n  2027-01: 0.20\nactual:\n  2027-01: 0.20"),
            "c": line(
                "title: C\ncategory: other\ncarry_over: true\nplanned:\n  2027-01: 0.10\n  2027-02: 0.20\n"
                "actual:\n  2027-01: 0\n  2027-02: 0.30"
            ),
        },
    )
    rows = budget_rows(plan)
    jan = totals_by_month(rows, plan.months)["2027-01"]
    assert jan.planned == Decimal("0.40")
    assert sum_rows(r for r in rows if r.line in ("a", "b")).planned == Decimal("0.30")
    assert str(sum_rows(r for r in rows if r.line in ("a", "b")).actual) == "0.30"
    c_feb = [r for r in rows if r.line == "c"][1]
    assert (c_feb.carried_in, c_feb.available, c_feb.variance) == (Decimal("0.10"), Decimal("0.30"), Decimal("0.00"))
    assert all(isinstance(r.available, Decimal) for r in rows)
    assert "c,C,other,,,2027-02,0.20,0.10,0.30,0.30,0.00" in budget_csv(rows).splitlines()


def test_months_outside_the_horizon_are_ignored(tmp_path):
    plan = plan_with(
        tmp_path,
        {
            "late": line(
                "title: Late\ncategory: other\nplanned:\n  2026-12: 999\n  2027-05: 999\n  2027-02: 1\n"
                "actual:\n  2027-06: 999"
            ),
        },
    )
    rows = budget_rows(plan)
    assert [r.month for r in rows] == ["2027-01", "2027-02", "2027-03", "2027-04"]
    assert horizon_totals(plan, rows).planned == Decimal("1.00")
    assert horizon_totals(plan, rows).actual == Decimal(0)
    assert any("outside the horizon" in p.message for p in plan.problems)


def test_totals_per_month_category_channel_initiative_and_to_date(tmp_path):
    plan = plan_with(
        tmp_path,
        {
            "ads": line(
                "title: Ads\ncategory: advertising\nchannel: instagram\ninitiative: spring\nplanned: 100\n"
                "actual:\n  2027-01: 90\n  2027-02: 120\n  2027-03: 10"
            ),
            "tool": line("title: Tool\ncategory: software\nplanned: 10\nactual:\n  2027-01: 10"),
        },
        today=date(2027, 2, 15),
    )
    rows = budget_rows(plan)
    month = totals_by_month(rows, plan.months)
    assert (month["2027-01"].planned, month["2027-01"].actual, month["2027-01"].variance) == (
        Decimal(110),
        Decimal(100),
        Decimal(10),
    )
    assert month["2027-04"].variance is None and not month["2027-04"].has_actual

    totals = horizon_totals(plan, rows)
    assert totals.planned == Decimal(440)
    assert totals.planned_to_date == Decimal(220)  # Jan and Feb (today's month included)
    assert totals.actual_to_date == Decimal(220)  # the March actual is not "to date"
    assert totals.actual == Decimal(230)
    assert totals.remaining == Decimal(220)
    assert totals.balance == Decimal(310) - Decimal(230)  # planned in Jan-Mar minus actual

    assert list(totals_by_category(rows, "2027-02")) == ["software", "advertising"]
    assert totals_by_category(rows, "2027-02")["advertising"].actual_to_date == Decimal(210)
    by_channel = totals_by_channel(rows, "2027-02")
    assert list(by_channel) == ["instagram", NO_GROUP]
    assert by_channel["instagram"].planned == Decimal(400)
    by_initiative = totals_by_initiative(rows, "2027-02")
    assert by_initiative[NO_GROUP].planned == Decimal(40)
    assert totals_by_line(rows)["ads"].recorded == 3


def test_merged_line_totals_equal_row_totals(tmp_path):
    plan = plan_with(
        tmp_path,
        {
            "ads": line(
                "title: Ads\ncategory: advertising\nchannel: instagram\nplanned: 100\ncarry_over: true\n"
                "actual:\n  2027-01: 90.55\n  2027-02: 120"
            ),
            "tool": line("title: Tool\ncategory: software\ninitiative: spring\nplanned: 10\nactual:\n  2027-01: 10.01"),
            "misc": line("title: Misc\ncategory: advertising\nplanned:\n  2027-03: 33.33"),
        },
    )
    rows = budget_rows(plan)
    view = BudgetView.compute(plan)
    current = view.today_month
    assert view.totals == sum_rows(rows, current)
    assert view.totals_per("category") == totals_by_category(rows, current)
    assert view.totals_per("channel") == totals_by_channel(rows, current)
    assert view.totals_per("initiative") == totals_by_initiative(rows, current)
    assert merge_totals([]) == sum_rows([])


def test_months_to_date_before_during_and_after_the_horizon(tmp_path):
    budget = {"tool": line("title: Tool\ncategory: software\nplanned: 1")}
    assert months_to_date(plan_with(tmp_path / "a", budget, today=date(2026, 12, 31))) == []
    assert months_to_date(plan_with(tmp_path / "b", budget, today=date(2027, 3, 1))) == [
        "2027-01",
        "2027-02",
        "2027-03",
    ]
    assert len(months_to_date(plan_with(tmp_path / "c", budget, today=date(2028, 1, 1)))) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+49 30", "'+49 30"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ads = good", "Ads = good"),
        ("", ""),
    ],
)
def test_formula_neutralisation(text, expected):
    assert neutralise_formula(text) == expected


def test_csv_neutralises_text_but_not_negative_amounts(tmp_path):
    plan = plan_with(
        tmp_path,
        {
            "evil": line(
                'title: "=HYPERLINK(\\"http://x\\",\\"y\\")"\ncategory: other\nplanned: 5\nactual:\n  2027-01: 7.5'
            ),
        },
    )
    parsed = list(csv.reader(io.StringIO(budget_csv(budget_rows(plan)))))
    assert parsed[0] == list(CSV_HEADER)
    assert parsed[1] == [
        "evil",
        '\'=HYPERLINK("http://x","y")',
        "other",
        "",
        "",
        "2027-01",
        "5.00",
        "0.00",
        "5.00",
        "7.50",
        "-2.50",
    ]
    assert parsed[2][-2:] == ["", ""]


def test_hidden_references_never_show_their_id(tmp_path):
    files = {
        "secret": line("title: Secret\ncategory: advertising\nplanned: 1\ninternal: true"),
        "open": line("title: Open\ncategory: advertising\nplanned: 2\nchannel: hush\ninitiative: covert"),
    }
    extra = {
        "channels/hush.md": "---\ntitle: Hush\nplatform: tiktok\npurpose: Tests\nowner: ana\ninternal: true\n---\n",
        "initiatives/covert.md": (
            "---\ntitle: Covert\ngoal: grow\nowner: ana\nstart: 2027-01-04\nduration: 1w\ninternal: true\n---\n"
        ),
    }
    write_plan(tmp_path, extra)
    team = plan_with(tmp_path, files)
    stakeholders = load_plan(tmp_path / "plan", today=date(2027, 2, 15), audience="stakeholders")
    assert {r.line for r in budget_rows(team)} == {"open", "secret"}
    rows = budget_rows(stakeholders)
    assert {r.line for r in rows} == {"open"}
    assert all(r.channel is None and r.channel_hidden and r.initiative is None for r in rows)
    text = budget_csv(rows)
    assert "hush" not in text and "covert" not in text and "secret" not in text.lower()
    assert text.splitlines()[1] == "open,Open,advertising,internal,internal,2027-01,2.00,0.00,2.00,,"
    assert list(totals_by_channel(rows)) == [HIDDEN_GROUP]
    assert rows[0].record()["channel"] == "internal"


def test_golden_csv_through_the_pure_functions():
    for audience in ("team", "stakeholders"):
        plan = load_plan(GOLDEN / "carry-over" / "plan", today=date(2027, 3, 10), audience=audience)
        expected = (GOLDEN / "carry-over" / f"expected-{audience}.csv").read_text(encoding="utf-8")
        assert budget_csv(budget_rows(plan)) == expected


def test_json_rows_mirror_the_csv():
    plan = load_plan(GOLDEN / "carry-over" / "plan", today=date(2027, 3, 10))
    ctx = RenderContext(plan=plan, options=RenderOptions(), env=make_environment())
    feature = BudgetFeature()
    feature.prepare(ctx)
    data = json.loads(json.dumps(feature.json(ctx)))
    rows = list(csv.DictReader(io.StringIO((GOLDEN / "carry-over" / "expected-team.csv").read_text())))
    assert len(data["budget_rows"]) == len(rows) == 30
    for record, cells in zip(data["budget_rows"], rows, strict=False):
        assert list(record) == list(CSV_HEADER)
        for key in ("line", "category", "month", "planned", "carried_in", "available", "actual", "variance"):
            assert record[key] == (cells[key] or None)
        assert record["channel"] == (cells["channel"] or None)
    assert data["budget_rows"][3]["actual"] is None and data["budget_rows"][3]["variance"] is None
    assert data["budget_totals"]["planned"] == "1978.24"


LOCALES = ["en", "en_US", "de", "fr", "ro", "pl", "de_CH", "nl", "hi", "ar", "ja", "es"]
CURRENCIES = ["EUR", "USD", "RON", "CHF", "INR", "JPY"]


@settings(max_examples=300, deadline=None)
@given(
    locale=st.sampled_from(LOCALES),
    currency=st.sampled_from(CURRENCIES),
    cents=st.integers(min_value=-(10**14), max_value=10**14),
)
def test_fast_money_matches_babel(locale, currency, cents):
    amount = Decimal(cents) / 100
    money = Money(lambda value: format_currency(value, currency, locale=locale))
    assert money(amount) == format_currency(amount, currency, locale=locale)
