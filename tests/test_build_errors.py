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
