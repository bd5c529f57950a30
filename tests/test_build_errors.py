"""A failing build says everything at once and leaves the previous site as it was."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort, PluginError

from .conftest import MINIMAL_PLAN, build, make_project


def test_a_broken_link_in_a_docs_page_keeps_the_previous_site(tmp_path, caplog):
    config = make_project(tmp_path, copy_plan=MINIMAL_PLAN)
    site = build(config)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    assert (site / "strategy/index.html").is_file()

    (tmp_path / "docs/index.md").write_text("# Home\n\nSee [[goals/nope]].\n", encoding="utf-8")
    goal = tmp_path / "plan/goals/grow-instagram.md"
    goal.write_text(goal.read_text(encoding="utf-8").replace("owner: ana", "owner: ana\nowners: x"), encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        build(config)
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert "docs/index.md:3: error: link [[goals/nope]]: no such entity" in caplog.text
    assert "grow-instagram.md" in caplog.text and "unknown field 'owners'; did you mean 'owner'?" in caplog.text


def test_smm_check_reports_docs_links_beside_plan_errors(tmp_path, monkeypatch, capsys):
    from smm_docs_plugin.cli import main

    make_project(
        tmp_path,
        copy_plan=MINIMAL_PLAN,
        docs={
            "index.md": "# Home\n",
            "about.md": "# About\n\nOur goal: [[goals/grow-instagram]].\nSee [[goals/nope]].\n",
        },
    )
    goal = tmp_path / "plan/goals/grow-instagram.md"
    goal.write_text(goal.read_text(encoding="utf-8").replace("owner: ana", "owner: anna"), encoding="utf-8")
    team = tmp_path / "plan/team/ana.md"
    monkeypatch.chdir(tmp_path)
    assert main(["check", "plan", "--today", "2027-03-10"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "docs/about.md:4: error: link [[goals/nope]]: no such entity",
        "plan/goals/grow-instagram.md:9: error: owner: unknown team member 'anna'; did you mean 'ana'?",
    ]
    # A file that exists but fails to load is not "no such entity" for the pages that link it.
    team.write_text("---\ntitle: [Ana\n---\n", encoding="utf-8")
    (tmp_path / "docs/team.md").write_text("# Team\n\n[[team/ana]]\n", encoding="utf-8")
    assert main(["check", "plan", "--today", "2027-03-10"]) == 1
    out = capsys.readouterr().out
    assert "docs/team.md" not in out and "plan/team/ana.md:2: error: invalid YAML" in out
