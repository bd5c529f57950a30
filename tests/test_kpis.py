"""KPIs, reports, SWOT, accounts and reviews rendered from plans built directly (no MkDocs):
what each page, panel and overview fragment says, and the plan.json values."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from smm_docs_plugin.context import RenderContext, RenderOptions, make_environment
from smm_docs_plugin.features.accounts import check_account
from smm_docs_plugin.features.kpis import KpisFeature
from smm_docs_plugin.features.pace import goal_pace
from smm_docs_plugin.features.reports import channel_trend, month_change, untracked_metrics
from smm_docs_plugin.features.reviews import next_review, review_log
from smm_docs_plugin.features.swot import competitor_stats, interactions_per_post, stale_entities
from smm_docs_plugin.model import Goal, Mission
from smm_docs_plugin.plan import Plan
from smm_docs_plugin.sections import models as section_models

GOLDEN = Path(__file__).parent / "golden" / "kpis"


def make_plan(
    mission: dict[str, Any] | None = None,
    today: str = "2027-03-10",
    audience: str = "team",
    **sections: dict[str, dict[str, Any]],
) -> Plan:
    fields: dict[str, Any] = {
        "title": "Acme",
        "mission": "Bikes for all",
        "horizon": {"start": "2027-01-01", "end": "2027-12-31"},
    }
    fields.update(mission or {})
    mission_model = Mission.model_validate(fields)
    mission_model.id, mission_model.section = "mission", "mission"
    built: dict[str, dict] = {}
    for section, entities in sections.items():
        built[section] = {}
        for id, data in sorted(entities.items()):
            entity = section_models()[section].model_validate(data)
            entity.id, entity.section, entity.source = id, section, f"plan/{section}/{id}.md"
            built[section][id] = entity
    return Plan(
        root=Path("."), mission=mission_model, sections=built, today=date.fromisoformat(today), audience=audience
    )


def render(plan: Plan) -> tuple[KpisFeature, RenderContext, dict[str, str]]:
    ctx = RenderContext(plan=plan, options=RenderOptions(audience=plan.audience), env=make_environment())
    feature = KpisFeature()
    feature.prepare(ctx)
    pages = {o.src_uri: str(o.content) for o in feature.outputs(ctx)}
    return feature, ctx, pages


def goal(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Grow",
        "type": "awareness",
        "metric": "followers",
        "target": 100,
        "deadline": "2027-04-11",
        "owner": "ana",
    }
    data.update(fields)
    return data


TEAM = {"ana": {"title": "Ana Lopez"}, "ben": {"title": "Ben Okafor"}}


def channel(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"title": "Instagram", "platform": "instagram", "purpose": "Sell", "owner": "ana"}
    data.update(fields)
    return data


def svgs(text: str) -> list[ET.Element]:
    """Every inline SVG parsed as XML: malformed markup fails the test."""
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", text, flags=re.DOTALL)]


def row_of(page: str, attr: str, value: str) -> str:
    match = re.search(rf'<tr {attr}="{value}".*?</tr>', page, flags=re.DOTALL)
    assert match, f"no row {attr}={value}"
    return match.group(0)


# --- pace, golden cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", yaml.safe_load((GOLDEN / "pace_cases.yml").read_text()), ids=lambda c: c["name"])
def test_golden_pace_cases(case: dict[str, Any]) -> None:
    plan = make_plan(today=str(case["today"]), goals={"g": goal(**case["goal"])}, team=TEAM)
    found = plan.get("goals", "g")
    assert isinstance(found, Goal)
    pace = goal_pace(found, plan.today, plan.effective.goal_start(found))
    assert pace.status == case["status"]
    if case["progress"] is None:
        assert pace.progress is None
    else:
        assert pace.progress_float == pytest.approx(case["progress"], abs=1e-12)
    feature, ctx, _ = render(plan)
    published = feature.entity_json(ctx, plan.get("goals", "g"))  # type: ignore[arg-type]
    assert published["status"] == case["status"]
    assert published["progress"] == (None if case["progress"] is None else pytest.approx(case["progress"], abs=1e-12))


def test_goal_json_values() -> None:
    plan = make_plan(
        goals={"g": goal(baseline=1000, target=2000, actuals=[{"date": "2027-02-01", "value": 1300}])}, team=TEAM
    )
    feature, ctx, _ = render(plan)
    data = feature.entity_json(ctx, plan.get("goals", "g"))  # type: ignore[arg-type]
    assert data["progress"] == 0.3 and data["status"] == "at-risk"  # e = 31/100
    assert data["latest_actual"] == {"date": date(2027, 2, 1), "value": Decimal(1300)}
    assert data["expected"] == pytest.approx(31 / 100)


# --- kpis page ------------------------------------------------------------------------------------


def kpis_plan() -> Plan:
    return make_plan(
        team=TEAM,
        goals={
            "followers": goal(
                title="Grow followers",
                baseline=1000,
                target=2000,
                unit="followers",
                deadline="2027-06-30",
                actuals=[{"date": "2027-02-01", "value": 1300}],
            ),
            "bounce": goal(
                title="Cut bounce rate",
                type="traffic",
                metric="bounce rate",
                baseline=60,
                target=40,
                unit="%",
                deadline="2027-12-31",
                actuals=[{"date": "2027-03-01", "value": 70}],
            ),
            "press": goal(
                title="Press mentions",
                type="press",
                metric="mentions",
                target=10,
                deadline="2027-02-28",
                actuals=[{"date": "2027-02-27", "value": 4}],
            ),
            "empty": goal(title="Community", type="community", metric="members", target=50, deadline="2027-09-30"),
            "done": goal(
                title="Newsletter",
                type="leads",
                metric="sign-ups",
                target=200,
                deadline="2027-12-31",
                actuals=[{"date": "2027-03-01", "value": 250}, {"date": "2027-04-01", "value": 10}],
            ),
        },
    )


def test_kpis_page_shows_each_goal_with_a_text_badge() -> None:
    _, _, pages = render(kpis_plan())
    page = pages["strategy/kpis/index.md"]
    expected = {
        "followers": "On track",
        "bounce": "Off track",
        "press": "Missed",
        "empty": "No data",
        "done": "Achieved",
    }
    for goal_id, label in expected.items():
        row = row_of(page, "data-goal", goal_id)
        assert re.search(
            rf'<span class="smm-badge smm-pace smm-pace--[a-z-]+" data-status="[a-z-]+">{label}</span>', row
        ), row
    followers = row_of(page, "data-goal", "followers")
    # Each cell names its field (and, for the phone's stacked rows, its label).
    assert re.search(r'data-field="baseline"[^>]*>1,000<', followers), followers
    assert "1,300" in followers and "Feb 1, 2027" in followers
    assert re.search(r'data-field="target"[^>]*>2,000<', followers), followers
    assert re.search(r'data-field="unit" data-label="Unit">followers<', followers), followers
    assert "Jun 30, 2027" in followers
    assert 'role="progressbar"' in followers and 'aria-valuenow="30"' in followers and ">30%</span>" in followers
    assert "no actual yet" in row_of(page, "data-goal", "empty")
    # The future-dated 10 is ignored: the latest actual shown is 250.
    assert "250" in row_of(page, "data-goal", "done") and ">10<" not in row_of(page, "data-goal", "done")


def test_kpis_page_progress_bar_text_shows_the_true_value_beyond_the_bar() -> None:
    _, _, pages = render(kpis_plan())
    done = row_of(pages["strategy/kpis/index.md"], "data-goal", "done")
    assert ">125%</span>" in done and "width: 100.0%" in done
    bounce = row_of(pages["strategy/kpis/index.md"], "data-goal", "bounce")
    assert ">-50%</span>" in bounce and "width: 0.0%" in bounce


def test_kpis_page_counts_statuses() -> None:
    _, _, pages = render(kpis_plan())
    counts = re.search(r'<ul class="smm-pace-counts">.*?</ul>', pages["strategy/kpis/index.md"]).group(0)  # type: ignore[union-attr]
    for status in ("achieved", "on-track", "off-track", "missed", "no-data"):
        assert f'<li data-status="{status}">' in counts
    assert 'data-status="at-risk"' not in counts


def test_markdown_lines_never_carry_raw_values() -> None:
    plan = make_plan(
        team=TEAM,
        goals={"g": goal(title="[x](javascript:alert(1))")},
        channels={"ig": channel(title="# <b>IG</b>")},
        competitors={"evil": {"title": "[click](javascript:alert(1)) *bold*"}},
        reports={"r": {"title": "r", "channel": "ig", "period": "2027-01", "metrics": {"<script>": 1}}},
    )
    _, _, pages = render(plan)
    everything = "\n".join(pages.values())
    assert "<script>" not in everything and "<b>IG</b>" not in everything
    markdown_lines = [line for line in everything.splitlines() if line and not line.startswith("<")]
    assert not [line for line in markdown_lines if "](javascript" in line or re.search(r"(?<!\\)\[", line)]
    feature, ctx, _ = render(plan)
    panels = [p for e in plan.entities() for p in feature.panels(ctx, e, ctx.src(e.section, e.id))]
    html = markdown.markdown(everything + "\n\n".join(panels), extensions=["tables", "attr_list"])
    assert 'href="javascript' not in html and "<em>bold</em>" not in html and "<b>IG</b>" not in html
    swot = pages["strategy/swot/index.md"]
    assert "## \\[click\\]\\(javascript:alert\\(1\\)\\) \\*bold\\*" in swot


# --- goal panel -----------------------------------------------------------------------------------


def test_goal_panel_chart_metrics_initiatives_and_smart() -> None:
    plan = make_plan(
        mission={"company_goals": [{"id": "grow-de", "title": "Enter Germany"}]},
        team=TEAM,
        goals={
            "g": goal(
                title="Grow",
                supports="grow-de",
                unit="followers",
                baseline=1000,
                target=2000,
                deadline="2027-06-30",
                actuals=[
                    {"date": "2027-02-01", "value": 1300},
                    {"date": "2027-01-15", "value": 1100},
                    {"date": "2027-05-01", "value": 9999},
                ],
            ),
            "bare": goal(title="Bare", type="research", metric="feedback"),
        },
        initiatives={
            "reels": {"title": "Launch reels", "goal": "g", "owner": "ana", "start": "2027-02-01", "end": "2027-02-28"},
            "ads": {"title": "Paid ads", "goal": "g", "owner": "ana", "start": "2027-01-10", "duration": "2w"},
            "other": {"title": "Unrelated", "goal": "bare", "owner": "ana", "start": "2027-01-10", "duration": "2w"},
        },
    )
    plan.get("initiatives", "ads").end = date(2027, 1, 23)  # type: ignore[union-attr]
    feature, ctx, _ = render(plan)
    panel = "".join(feature.panels(ctx, plan.get("goals", "g"), ctx.src("goals", "g")))  # type: ignore[arg-type]
    [chart] = svgs(panel)
    ns = "{http://www.w3.org/2000/svg}"
    assert chart.get("role") == "img" and chart.get("viewBox")
    assert chart.find(f"{ns}title") is not None and chart.find(f"{ns}desc") is not None
    assert len(chart.findall(f"{ns}circle")) == 2  # the future-dated 9999 is not drawn
    ideal = chart.find(f"{ns}line[@class='smm-chart__ideal']")
    assert ideal is not None and float(ideal.get("y1")) > float(ideal.get("y2"))  # rising target drawn upwards
    for metric in ("reach", "followers", "mentions", "share of voice"):
        assert f"<li>{metric}</li>" in panel
    assert panel.index('data-initiative="ads"') < panel.index('data-initiative="reels"')
    assert 'data-initiative="other"' not in panel
    assert all(
        f'data-smart="{k}" data-present="true"' in panel
        for k in ("specific", "measurable", "achievable", "relevant", "time-bound")
    )
    assert "Enter Germany" in panel

    bare = "".join(feature.panels(ctx, plan.get("goals", "bare"), ctx.src("goals", "bare")))  # type: ignore[arg-type]
    for key in ("measurable", "achievable", "relevant"):
        assert f'data-smart="{key}" data-present="false"' in bare
    assert "Missing" in bare and 'data-initiative="other"' in bare
    for metric in ("conversations", "feedback items", "changes made"):
        assert f"<li>{metric}</li>" in bare


def test_decreasing_goal_chart_draws_the_ideal_line_downwards() -> None:
    plan = make_plan(
        team=TEAM, goals={"g": goal(baseline=60, target=40, actuals=[{"date": "2027-02-01", "value": 55}])}
    )
    feature, ctx, _ = render(plan)
    [chart] = svgs("".join(feature.panels(ctx, plan.get("goals", "g"), ctx.src("goals", "g"))))  # type: ignore[arg-type]
    ideal = chart.find("{http://www.w3.org/2000/svg}line[@class='smm-chart__ideal']")
    assert ideal is not None and float(ideal.get("y1")) < float(ideal.get("y2"))


# --- reports --------------------------------------------------------------------------------------


def reports_plan() -> Plan:
    return make_plan(
        team=TEAM,
        channels={
            "ig": channel(metrics=["Followers", "saves", "reach"]),
            "fb": channel(title="Facebook", platform="facebook"),
        },
        reports={
            "ig-03": {
                "title": "IG March",
                "channel": "ig",
                "period": "2027-03",
                "metrics": {"followers": 1500, "reach": 0},
            },
            "ig-01": {
                "title": "IG January",
                "channel": "ig",
                "period": "2027-01",
                "metrics": {"followers": 1200, "reach": 5000, "link_clicks": 40},
            },
            "ig-02": {
                "title": "IG February",
                "channel": "ig",
                "period": "2027-02",
                "metrics": {"followers": 1350, "reach": 4000},
            },
            "fb-01": {"title": "FB January", "channel": "fb", "period": "2027-01", "metrics": {"likes": 0}},
            "fb-03": {"title": "FB March", "channel": "fb", "period": "2027-03", "metrics": {"likes": 7}},
        },
    )


def test_month_over_month_change() -> None:
    assert month_change(Decimal(1200), Decimal(1350)).percent == Decimal("12.5")  # type: ignore[union-attr]
    assert month_change(Decimal(5000), Decimal(4000)).absolute == Decimal(-1000)  # type: ignore[union-attr]
    assert month_change(Decimal(0), Decimal(7)).percent is None  # type: ignore[union-attr]
    assert month_change(None, Decimal(7)) is None


def test_channel_trend_rows_months_and_gaps() -> None:
    plan = reports_plan()
    trend = channel_trend("fb", plan.all("reports"))  # type: ignore[arg-type]
    assert trend is not None and trend.months == ["2027-01", "2027-02", "2027-03"]
    [likes] = trend.rows
    assert likes.values == [0, None, 7] and likes.changes == [None, None, None]
    ig = channel_trend("ig", plan.all("reports"), plan.get("channels", "ig").metrics)  # type: ignore[arg-type, union-attr]
    assert [r.name for r in ig.rows] == ["followers", "reach", "link_clicks"]  # type: ignore[union-attr]
    assert untracked_metrics(plan.get("channels", "ig"), ig) == ["saves"]  # type: ignore[arg-type]


def test_reports_page_table_change_and_sparkline() -> None:
    _, _, pages = render(reports_plan())
    page = pages["strategy/reports/index.md"]
    assert page.index("## Facebook") < page.index("## Instagram")
    followers = row_of(page, "data-metric", "followers")
    assert "1,200" in followers and "1,350" in followers and "1,500" in followers
    assert "+150 (+12.5%)" in followers and "+150 (+11.1%)" in followers
    reach = row_of(page, "data-metric", "reach")
    assert "-1,000 (-20.0%)" in reach and "-4,000 (-100.0%)" in reach
    [spark] = svgs(followers)
    assert spark.get("role") == "img"
    assert spark.find("{http://www.w3.org/2000/svg}polyline") is not None
    assert "January 2027: 1,200" in spark.find("{http://www.w3.org/2000/svg}desc").text  # type: ignore[operator, union-attr]
    assert spark.find("{http://www.w3.org/2000/svg}title").text.endswith(", January 2027 to March 2027")  # type: ignore[union-attr]
    assert '<a href="ig-01/">Jan 2027</a>' in page
    likes = row_of(page, "data-metric", "likes")
    assert likes.count("smm-change") == 0  # January to March has a gap month, and 0 has no percent


def test_channel_panel_latest_report_and_untracked_metrics() -> None:
    plan = reports_plan()
    feature, ctx, _ = render(plan)
    panel = "".join(feature.panels(ctx, plan.get("channels", "ig"), ctx.src("channels", "ig")))  # type: ignore[arg-type]
    assert 'data-month="2027-03"' in panel and "Mar 2027" in panel
    assert "+150 (+11.1%)" in panel
    assert 'data-metric="link_clicks"' not in panel  # not in the latest report
    assert re.search(r'Tracked but not in any report yet:.*<li data-metric="saves">saves</li>', panel)
    assert 'data-metric="Followers"' not in panel.split("Tracked")[1]
    plain = make_plan(team=TEAM, channels={"x": channel(title="X", platform="x", metrics=["mentions"])})
    feature, ctx, _ = render(plain)
    panel = "".join(feature.panels(ctx, plain.get("channels", "x"), ctx.src("channels", "x")))  # type: ignore[arg-type]
    assert "No report for this channel yet." in panel and '<li data-metric="mentions">' in panel


def test_report_json_change() -> None:
    plan = reports_plan()
    feature, ctx, _ = render(plan)
    data = feature.entity_json(ctx, plan.get("reports", "ig-02"))  # type: ignore[arg-type]
    assert data["change"]["followers"] == {"absolute": Decimal(150), "percent": Decimal("12.5")}


# --- swot -----------------------------------------------------------------------------------------


def swot_plan(today: str = "2027-03-10") -> Plan:
    return make_plan(
        today=today,
        mission={
            "swot": {
                "strengths": ["Fast delivery"],
                "weaknesses": ["Small team"],
                "opportunities": ["E-bikes"],
                "threats": ["Rainy summers"],
            }
        },
        competitors={
            "velo": {
                "title": "Velo GmbH",
                "review_by": "2027-03-09",
                "swot": {"strengths": ["Big budget"], "threats": ["Price war"]},
                "channels": [
                    {
                        "platform": "instagram",
                        "handle": "@velo",
                        "url": "https://instagram.com/velo",
                        "followers": 20000,
                        "avg_likes": 300,
                        "avg_shares": 20,
                        "avg_comments": 15,
                        "posts_per_week": 5,
                    },
                    {"platform": "tiktok", "handle": "@velo", "followers": 5000, "avg_likes": 900},
                ],
            },
            "bikeco": {
                "title": "BikeCo",
                "review_by": "2027-03-10",
                "swot": {"weaknesses": ["Slow support"]},
                "channels": [
                    {
                        "platform": "instagram",
                        "handle": "@bikeco",
                        "followers": 8000,
                        "avg_likes": 120,
                        "avg_shares": 4,
                        "avg_comments": 6,
                    }
                ],
            },
        },
    )


def test_interactions_per_post() -> None:
    plan = swot_plan()
    velo = plan.get("competitors", "velo")
    assert interactions_per_post(velo.channels[0]) == 335  # type: ignore[union-attr]
    assert interactions_per_post(velo.channels[1]) == 900  # type: ignore[union-attr]
    rows = competitor_stats([plan.get("competitors", "velo"), plan.get("competitors", "bikeco")])  # type: ignore[list-item]
    assert [(r.channel.platform, r.competitor.id) for r in rows] == [
        ("instagram", "bikeco"),
        ("instagram", "velo"),
        ("tiktok", "velo"),
    ]


def test_swot_page_grids_side_by_side_and_stats() -> None:
    _, _, pages = render(swot_plan())
    page = pages["strategy/swot/index.md"]
    velo = re.search(
        r'<div class="smm-swot-compare" data-competitor="velo">.*?</div></figure></div>', page, flags=re.DOTALL
    ).group(0)  # type: ignore[union-attr]
    ours, theirs = velo.split('<figure class="smm-swot smm-swot--theirs">')
    for quadrant, item in (
        ("strengths", "Fast delivery"),
        ("weaknesses", "Small team"),
        ("opportunities", "E-bikes"),
        ("threats", "Rainy summers"),
    ):
        assert re.search(rf'data-quadrant="{quadrant}">.*?<li>{item}</li>', ours)
    assert (
        "<figcaption>Velo GmbH</figcaption>" in theirs
        and "<li>Big budget</li>" in theirs
        and "<li>Price war</li>" in theirs
    )
    assert theirs.count("None listed") == 2
    assert page.index("## BikeCo") < page.index("## Velo GmbH")
    stats = page[page.index("## Competitor channel statistics") :]
    velo_ig = re.search(r'<tr data-competitor="velo" data-platform="instagram">.*?</tr>', stats).group(0)  # type: ignore[union-attr]
    assert 'data-stat="followers">20,000<' in velo_ig and 'data-stat="avg_likes">300<' in velo_ig
    assert 'data-stat="avg_shares">20<' in velo_ig and 'data-stat="avg_comments">15<' in velo_ig
    assert 'data-stat="interactions">335<' in velo_ig and 'data-stat="posts_per_week">5<' in velo_ig
    assert 'href="https://instagram.com/velo"' in velo_ig
    assert 'data-stat="interactions">130<' in stats


def test_needs_review_only_where_review_by_has_passed() -> None:
    _, _, pages = render(swot_plan())
    page = pages["strategy/swot/index.md"]
    assert '<p class="smm-needs-review" data-competitor="velo">' in page
    assert 'data-competitor="bikeco"><span class="smm-badge' not in page
    assert [e.id for e in stale_entities(swot_plan())] == ["velo"]


def test_competitor_panel_has_its_swot_and_stats() -> None:
    plan = swot_plan()
    feature, ctx, _ = render(plan)
    panel = "".join(feature.panels(ctx, plan.get("competitors", "velo"), ctx.src("competitors", "velo")))  # type: ignore[arg-type]
    assert "<li>Big budget</li>" in panel and "<li>Fast delivery</li>" in panel
    assert 'data-stat="interactions">335<' in panel and 'data-stat="interactions">900<' in panel
    assert "bikeco" not in panel


def test_swot_page_without_competitors_shows_ours() -> None:
    _, _, pages = render(make_plan(mission={"swot": {"strengths": ["Fast delivery"]}}))
    page = pages["strategy/swot/index.md"]
    assert "## Our SWOT" in page and "<li>Fast delivery</li>" in page and "No competitors recorded yet." in page


# --- accounts -------------------------------------------------------------------------------------


def accounts_plan(audience: str = "team") -> Plan:
    return make_plan(
        audience=audience,
        team=TEAM,
        channels={
            "safe": channel(
                title="Safe",
                account={
                    "login_email": "social@acme.example",
                    "two_factor": True,
                    "backup_owner": "ben",
                    "recovery": "ben",
                },
            ),
            "nobackup": channel(title="No backup", account={"two_factor": True}),
            "off": channel(title="Two-factor off", account={"two_factor": False, "backup_owner": "ben"}),
            "unknown": channel(title="Unknown", account={"backup_owner": "ben"}),
            "bare": channel(title="Bare"),
            "self": channel(title="Self backup", account={"two_factor": True, "backup_owner": "ana"}),
        },
    )


def test_account_checks() -> None:
    plan = accounts_plan()
    problems = {c.id: check_account(c).problems for c in plan.all("channels")}  # type: ignore[arg-type]
    assert problems == {
        "safe": (),
        "nobackup": ("no-backup-owner",),
        "off": ("two-factor-off",),
        "unknown": ("two-factor-unknown",),
        "bare": ("no-backup-owner", "two-factor-unknown"),
        "self": ("backup-is-owner",),
    }


def test_accounts_page_flags_problems_in_words() -> None:
    _, _, pages = render(accounts_plan())
    page = pages["strategy/accounts/index.md"]
    safe = row_of(page, "data-channel", "safe")
    assert ">OK<" in safe and "social@acme.example" in safe and ">On<" in safe and "Ben Okafor" in safe
    assert "No backup owner" in row_of(page, "data-channel", "nobackup")
    off = row_of(page, "data-channel", "off")
    assert "Two-factor is off" in off and 'data-two-factor="off">Off<' in off
    unknown = row_of(page, "data-channel", "unknown")
    assert "Two-factor state unknown" in unknown and ">Unknown<" in unknown
    bare = row_of(page, "data-channel", "bare")
    assert "No backup owner" in bare and "Two-factor state unknown" in bare and "not set" in bare
    assert "Backup owner is the owner" in row_of(page, "data-channel", "self")
    assert "5 of 6 channels need attention." in page


def test_no_accounts_page_or_account_words_for_stakeholders() -> None:
    plan = accounts_plan("stakeholders")
    for c in plan.all("channels"):
        c.account = None  # type: ignore[attr-defined]
    feature, ctx, pages = render(plan)
    assert "strategy/accounts/index.md" not in pages
    fragments = "".join(text for _, text in feature.overview(ctx, ctx.src()))
    everything = "\n".join(pages.values()) + fragments
    for word in ("Account safety", "Two-factor", "Backup owner", "backup owner", "accounts/"):
        assert word not in everything
    assert all("account_problems" not in feature.entity_json(ctx, c) for c in plan.all("channels"))


def test_overview_account_problems_for_the_team() -> None:
    plan = accounts_plan()
    feature, ctx, _ = render(plan)
    fragments = dict(feature.overview(ctx, ctx.src()))
    assert '<li data-channel="bare">' in fragments[60] and '<li data-channel="safe">' not in fragments[60]
    assert 'href="accounts/"' in fragments[60]


# --- reviews --------------------------------------------------------------------------------------


def reviews_plan(**mission: Any) -> Plan:
    return make_plan(
        mission=mission,
        team=TEAM,
        reviews={
            "jan": {
                "title": "January review",
                "date": "2027-01-29",
                "attendees": ["ana", "ben"],
                "decisions": ["Pause TikTok", "Double reels"],
            },
            "mar": {"title": "March review", "date": "2027-03-05", "attendees": ["ben"]},
            "feb": {"title": "February review", "date": "2027-02-26", "decisions": ["Hire a photographer"]},
        },
    )


def test_review_log_newest_first() -> None:
    assert [r.id for r in review_log(reviews_plan())] == ["mar", "feb", "jan"]


def test_reviews_page_log_and_next_review() -> None:
    plan = reviews_plan(
        review={"rrule": "FREQ=MONTHLY;BYDAY=-1FR", "time": "15:00", "title": "Monthly strategy review"}
    )
    assert next_review(plan) == date(2027, 3, 26)
    feature, ctx, pages = render(plan)
    page = pages["strategy/reviews/index.md"]
    order = [m for m in re.findall(r'data-review="([a-z]+)"', page)]
    assert order == ["mar", "feb", "jan"]
    jan = re.search(r'<li class="smm-review" data-review="jan".*?</li></ul></li>', page, flags=re.DOTALL).group(0)  # type: ignore[union-attr]
    assert (
        "Ana Lopez" in jan and "Ben Okafor" in jan and "<li>Pause TikTok</li>" in jan and "<li>Double reels</li>" in jan
    )
    assert '<div class="smm-next-review" data-date="2027-03-26">' in page
    assert "Monthly strategy review: Friday, March 26, 2027 at 15:00" in page
    overview = dict(feature.overview(ctx, ctx.src()))[70]
    assert 'data-date="2027-03-26"' in overview and "March 26, 2027" in overview
    assert feature.json(ctx)["next_review"] == date(2027, 3, 26)


def test_next_review_today_counts_and_none_without_schedule() -> None:
    plan = reviews_plan(review={"rrule": "FREQ=MONTHLY;BYMONTHDAY=10"})
    assert next_review(plan) == date(2027, 3, 10)
    _, _, pages = render(reviews_plan())
    assert "No review is scheduled" in pages["strategy/reviews/index.md"]


def test_review_panel_attendees_and_decisions() -> None:
    plan = reviews_plan()
    feature, ctx, _ = render(plan)
    panel = "".join(feature.panels(ctx, plan.get("reviews", "jan"), ctx.src("reviews", "jan")))  # type: ignore[arg-type]
    assert '<a href="../../team/ana/">Ana Lopez</a>' in panel and "<li>Pause TikTok</li>" in panel


# --- overview -------------------------------------------------------------------------------------


def test_overview_fragments() -> None:
    plan = make_plan(
        mission={"vision": "Every commute by bike", "values": ["Honesty"], "review_by": "2027-01-01"},
        team=TEAM,
        goals={"g": goal(title="Grow", actuals=[{"date": "2027-02-01", "value": 5}])},
        personas={
            "old": {"title": "Old persona", "review_by": "2027-02-01"},
            "fresh": {"title": "Fresh", "review_by": "2027-03-10"},
        },
        channels={"ig": channel(account={"two_factor": True, "backup_owner": "ben"})},
    )
    feature, ctx, _ = render(plan)
    fragments = dict(feature.overview(ctx, ctx.src()))
    assert sorted(fragments) == [10, 20, 30, 60, 70, 80]
    assert "Bikes for all" in fragments[10] and "Every commute by bike" in fragments[10]
    # 2027-03-10 is 68 of 364 days into the horizon.
    assert "18.7% has passed" in fragments[20] and 'aria-valuenow="19"' in fragments[20]
    assert 'data-goal="g" data-status="off-track"' in fragments[30] and "Off track" in fragments[30]
    assert "All 1 channels have a backup owner" in fragments[60]
    assert "No review is scheduled" in fragments[70]
    stale = fragments[80]
    assert stale.index('data-entity="mission/mission"') < stale.index('data-entity="personas/old"')
    assert "fresh" not in stale
    assert feature.json(ctx)["stale"] == ["mission", "personas/old"]


def test_horizon_before_and_after() -> None:
    for today, text in (("2026-12-22", "starts in 10 days"), ("2028-01-05", "the horizon is over")):
        plan = make_plan(today=today)
        feature, ctx, _ = render(plan)
        assert text in dict(feature.overview(ctx, ctx.src()))[20]


def test_rendering_is_deterministic() -> None:
    first = render(kpis_plan())[2]
    second = render(kpis_plan())[2]
    assert first == second


@pytest.mark.parametrize(
    "today, words",
    [
        ("2026-12-20", "starts in 12 days"),
        ("2027-01-01", "0% has passed, 365 days left"),  # the end date counts: 365 days in 2027
        ("2027-12-30", "2 days left"),
        ("2027-12-31", "today is its last day"),
        ("2028-01-01", "the horizon is over"),
    ],
)
def test_the_horizon_counts_its_end_date(today: str, words: str) -> None:
    feature, ctx, _ = render(make_plan(today=today, team=TEAM))
    assert words in dict(feature.overview(ctx, ctx.src()))[20]
