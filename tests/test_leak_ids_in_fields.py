"""A ``[[section/id]]`` written in a frontmatter text (a title, a decision, a post's title, a
persona's summary) names its target as plainly as one in a body: in a stakeholder build the id of
an entity the audience may not see must reach no output file, wherever the link is written."""

from __future__ import annotations

from pathlib import Path

from .conftest import MINIMAL_PLAN, build, make_project

SECRET_ID = "zed-secretive"

FILES = {
    "team/zed-secretive.md": "---\ntitle: Zed Hidden\ninternal: true\n---\n",
    "goals/with-zed.md": (
        "---\ntitle: Grow with [[team/zed-secretive]]\ntype: awareness\nmetric: Followers with "
        "[[team/zed-secretive|Zed]]\n"
        "target: 10\ndeadline: 2027-06-30\nowner: ana\n---\n"
    ),
    "personas/pat.md": (
        "---\ntitle: Pat\nsummary: Met through [[team/zed-secretive]]\nchallenges: ['Ask [[team/zed-secretive]]']\n"
        "---\n"
    ),
    "reviews/march.md": (
        "---\ntitle: March review with [[team/zed-secretive]]\ndate: 2027-03-02\n"
        "decisions: ['[[team/zed-secretive]] leads the pilot']\n---\n"
    ),
    "calendar/march.md": (
        "---\ntitle: March posts\nchannel: instagram\n"
        "items: [{date: 2027-03-12, title: 'Reel with [[team/zed-secretive]]', copy: 'Thanks "
        "`[[team/zed-secretive]]`'}]\n---\n"
    ),
}


def test_a_hidden_id_written_in_a_field_reaches_no_stakeholder_file(tmp_path: Path) -> None:
    config = make_project(tmp_path / "p", copy_plan=MINIMAL_PLAN, options={"audience": "stakeholders"})
    for rel, text in FILES.items():
        path = tmp_path / "p" / "plan" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    site = build(config)
    leaked = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if SECRET_ID in p.name or (p.is_file() and SECRET_ID.encode() in p.read_bytes())
    ]
    assert leaked == []
    page = (site / "strategy" / "goals" / "with-zed" / "index.html").read_text(encoding="utf-8")
    assert "Grow with" in page


def test_the_team_build_keeps_the_field_text_as_written(tmp_path: Path) -> None:
    config = make_project(tmp_path / "p", copy_plan=MINIMAL_PLAN)
    for rel, text in FILES.items():
        path = tmp_path / "p" / "plan" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    site = build(config)
    assert "[[team/zed-secretive]]" in (site / "strategy" / "goals" / "with-zed" / "index.html").read_text(
        encoding="utf-8"
    )
