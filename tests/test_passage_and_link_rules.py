"""Internal text that went around the passage and link rules (the attacker's F2, F4, F5, F8-F11):
look-alike passage markers, ``internal:`` below the frontmatter, docs pages marked internal,
their front matter, plain links to hidden pages. The leak corpus (tests/golden/leaks/) holds
one case per shape; these tests pin the edges: what is still allowed, and the strict build."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from smm_docs_plugin.cli import main
from smm_docs_plugin.resolve import internal_marker_problems

from .conftest import MINIMAL_PLAN, build, make_project

HIDDEN_MEMBER = "---\ntitle: Hush Sam\ninternal: true\n---\nSam's notes.\n"


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- private -->",
        "<!-- /private -->",
        "<!-- Confidential -->",
        "<!-- hidden -->",
        "<!-- secret -->",
        "<!-- team only -->",
        "<!-- /team only -->",
        "<!-- begin confidential -->",
        "<!-- nicht öffentlich -->",
        "<!-- vertraulich -->",
    ],
)
def test_another_word_for_internal_in_a_marker_is_a_look_alike(comment):
    problems = internal_marker_problems(f"Public.\n\n{comment}\nText.\n", "plan/x.md", 4)
    assert [(p.line, p.severity) for p in problems] == [(6, "error")]
    assert "looks like an internal marker" in problems[0].message


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- private notes about the launch date are in the drive -->",
        "<!-- TODO: ask Sam -->",
        "<!-- public -->",
        "<!-- more -->",
        "<!-- material/tags -->",
        "<!-- hidden gems of the season: see the blog -->",
    ],
)
def test_ordinary_comments_stay_comments(comment):
    assert internal_marker_problems(f"Public.\n\n{comment}\n", "plan/x.md", 4) == []


def _check(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(root)
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        code = main(["check", "plan", "--today", "2027-03-10"])
    return code, out.getvalue()


def test_a_flag_below_the_frontmatter_is_an_error_but_prose_is_not(tmp_path, monkeypatch):
    make_project(tmp_path, copy_plan=MINIMAL_PLAN)
    personas = tmp_path / "plan" / "personas"
    personas.mkdir(exist_ok=True)
    (personas / "prose.md").write_text(
        "---\ntitle: Prose\n---\nSecret: the sauce is speed.\nHidden: gems in every post.\n", encoding="utf-8"
    )
    (personas / "flag.md").write_text("---\ntitle: Flag\n---\n\nConfidential: yes\n\nText.\n", encoding="utf-8")
    code, out = _check(tmp_path, monkeypatch)
    assert code == 1
    assert "plan/personas/flag.md:5: error: 'Confidential:' below the frontmatter is body text" in out
    assert "prose.md" not in out


def _links_project(root: Path, nav: bool) -> Path:
    docs = {
        "index.md": "# Home\n",
        "board.md": "---\ntitle: Board notes\ninternal: true\n---\n# Board\n\nBoard-only text.\n",
        "notes.md": (
            "# Notes\n\n"
            "As [a page](strategy/team/hush-sam.md), [a folder](strategy/team/hush-sam/#notes), "
            "[from the root](/strategy/team/hush-sam/), "
            '<a href="strategy/team/hush-sam/index.html">as HTML</a>, '
            "[the board](board.md) and [the team](strategy/team/index.md).\n"
        ),
    }
    config: dict = {"nav": ["index.md", "notes.md", {"Board": "board.md"}]} if nav else {}
    root.mkdir(parents=True)
    cfg = make_project(root, copy_plan=MINIMAL_PLAN, docs=docs, options={"audience": "stakeholders"}, config=config)
    (root / "plan" / "team" / "hush-sam.md").write_text(HIDDEN_MEMBER, encoding="utf-8")
    return cfg


@pytest.mark.parametrize("nav", [False, True], ids=["auto-nav", "nav"])
def test_links_to_pages_stakeholders_may_not_see_read_internal(tmp_path, monkeypatch, nav):
    config = _links_project(tmp_path / "s", nav)
    assert _check(tmp_path / "s", monkeypatch)[0] == 0
    site = build(config, strict=True)  # no "link not found" warning either
    notes = (site / "notes" / "index.html").read_text(encoding="utf-8")
    for label in ("a page", "a folder", "from the root", "as HTML", "the board"):
        assert label not in notes, label
    assert notes.count(">internal<") + notes.count(" internal,") + notes.count(" internal ") >= 5
    assert "the team" in notes  # a visible page keeps its link
    assert not (site / "board").exists()
    for path in site.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            assert "hush-sam" not in text and "Board-only" not in text, path
    assert "Board notes" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_team_build_keeps_the_internal_docs_page_and_its_links(tmp_path):
    root = tmp_path / "t"
    config = _links_project(root, nav=True)
    text = config.read_text(encoding="utf-8").replace("audience: stakeholders", "audience: team")
    config.write_text(text, encoding="utf-8")
    site = build(config, strict=True)
    assert "Board-only text." in (site / "board" / "index.html").read_text(encoding="utf-8")
    notes = (site / "notes" / "index.html").read_text(encoding="utf-8")
    assert "a page" in notes and "hush-sam" in notes


def test_a_docs_page_internal_flag_must_be_true_or_false(tmp_path, monkeypatch):
    docs = {"index.md": "# Home\n", "board.md": "---\ninternal: maybe\n---\n# Board\n"}
    make_project(tmp_path, copy_plan=MINIMAL_PLAN, docs=docs)
    code, out = _check(tmp_path, monkeypatch)
    assert code == 1
    assert "docs/board.md:2: error: internal: 'maybe' is not true or false" in out


def test_smm_render_leaves_out_internal_docs_pages_and_hides_front_matter_links(tmp_path):
    docs = {
        "index.md": "---\ntitle: Home with [[team/hush-sam|Sam the pilot lead]]\n---\n# Home\n",
        "board.md": "---\ntitle: Board notes\ninternal: true\n---\n# Board\n\nBoard-only text.\n",
    }
    config = make_project(tmp_path, copy_plan=MINIMAL_PLAN, docs=docs, options={"audience": "stakeholders"})
    (tmp_path / "plan" / "team" / "hush-sam.md").write_text(HIDDEN_MEMBER, encoding="utf-8")
    out = tmp_path / "out"
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        assert main(["render", str(out), "--config", str(config)]) == 0
    assert not (out / "board.md").exists()
    home = (out / "index.md").read_text(encoding="utf-8")
    assert home.startswith("---\ntitle: Home with internal\n---\n")
    assert "Sam the pilot lead" not in home
