"""The roadmap feature's pages rendered without MkDocs: determinism, empty plans, the
Markdown-safety of generated lines and the plan.json flag."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import markdown

from smm_docs_plugin.context import RenderContext, RenderOptions, make_environment
from smm_docs_plugin.features.roadmap import RoadmapFeature
from smm_docs_plugin.loader import load_plan

PLAN = Path(__file__).resolve().parent / "golden" / "roadmap" / "plan"
TODAY = date(2027, 3, 10)


def outputs(plan_dir: Path = PLAN, today: date = TODAY, audience: str = "team") -> dict[str, str]:
    plan = load_plan(plan_dir, today=today, audience=audience)
    ctx = RenderContext(plan=plan, options=RenderOptions(audience=audience), env=make_environment())
    feature = RoadmapFeature()
    feature.prepare(ctx)
    found = {o.src_uri: o for o in feature.outputs(ctx)}
    assert {k: o.nav_title for k, o in found.items()} == {
        "strategy/roadmap/index.md": "Roadmap",
        "strategy/priorities/index.md": "Priorities",
        "strategy/board/index.md": "Board",
    }
    return {k: str(o.content) for k, o in found.items()}


def test_same_plan_and_today_give_identical_pages() -> None:
    assert outputs() == outputs()


def test_a_later_today_moves_the_line_and_the_overdue_flags() -> None:
    before = outputs()["strategy/roadmap/index.md"]
    after = outputs(today=date(2027, 7, 1))["strategy/roadmap/index.md"]
    assert 'data-date="2027-03-10"' in before and 'data-date="2027-07-01"' in after
    assert len(re.findall(r'class="smm-bar [^"]*smm-overdue', before)) == 2
    assert len(re.findall(r'class="smm-bar [^"]*smm-overdue', after)) == 5  # + influencers, lead magnet, injection


def test_no_today_line_outside_the_horizon() -> None:
    page = outputs(today=date(2029, 1, 1))["strategy/roadmap/index.md"]
    assert 'class="smm-today"' not in page
    assert 'data-legend="today"' in page  # the legend still explains the symbol


def test_a_plan_without_initiatives_still_renders(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    (plan / "goals").mkdir(parents=True)
    (plan / "team").mkdir()
    (plan / "mission.md").write_text((PLAN / "mission.md").read_text(encoding="utf-8"), encoding="utf-8")
    (plan / "team" / "ana.md").write_text((PLAN / "team" / "ana.md").read_text(encoding="utf-8"), encoding="utf-8")
    (plan / "goals" / "grow-instagram.md").write_text(
        (PLAN / "goals" / "grow-instagram.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    pages = outputs(plan)
    roadmap = pages["strategy/roadmap/index.md"]
    svg = ET.fromstring(re.search(r"<svg .*?</svg>", roadmap, re.DOTALL).group(0))
    assert [e for e in svg.iter() if "data-initiative" in e.attrib] == []
    assert "No initiatives yet." in roadmap
    assert "No initiative has both a value and a complexity yet." in pages["strategy/priorities/index.md"]
    assert pages["strategy/board/index.md"].count("Nothing here.") == 6


def test_generated_markdown_cannot_be_hijacked_by_titles() -> None:
    """Python-Markdown turns the pages into HTML without producing a javascript: link or a
    raw <script>, and every SVG in the result is still well-formed XML."""
    for text in outputs().values():
        html = markdown.markdown(text, extensions=["tables", "attr_list", "meta"])
        assert "<script>" not in html
        assert 'href="javascript' not in html
        for match in re.finditer(r"<svg .*?</svg>", html, re.DOTALL):
            ET.fromstring(match.group(0))


def test_plan_json_flags_overdue_initiatives() -> None:
    plan = load_plan(PLAN, today=TODAY)
    ctx = RenderContext(plan=plan, options=RenderOptions(), env=make_environment())
    feature = RoadmapFeature()
    feature.prepare(ctx)
    flags = {i.id: feature.entity_json(ctx, i)["overdue"] for i in plan.all("initiatives")}
    assert sorted(k for k, v in flags.items() if v) == ["launch-reels", "webinar"]
    assert feature.entity_json(ctx, plan.get("goals", "grow-instagram")) == {}
