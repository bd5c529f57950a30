"""The site's own Markdown engine decides what is code (``markup.py``): the same text reads
differently under different ``markdown_extensions``, and ``smm check``, ``mkdocs build`` and
``smm render`` all use the extensions of the project's ``mkdocs.yml``."""

from __future__ import annotations

import textwrap
from pathlib import Path

from smm_docs_plugin.cli import main
from smm_docs_plugin.markup import IN_CODE, IN_COMMENT, MarkdownDialect, candidates
from smm_docs_plugin.resolve import internal_marker_problems, strip_internal

from .conftest import MINIMAL_PLAN, make_project

ADMONITION = "!!! note\n\n    <!-- internal -->\n    SECRET\n    <!-- /internal -->\n\nTail.\n"
ABBREVIATION = "*[HTML]: Hyper Text <!-- internal -->SECRET<!-- /internal -->\n\nSome HTML.\n"


def test_the_sites_extensions_decide_what_is_code():
    with_admonition = MarkdownDialect.of(["admonition"])
    plain = MarkdownDialect.of([])
    # With admonition the markers are comments inside the note: the passage is hidden.
    assert [c.context for c in candidates(ADMONITION, with_admonition)] == [IN_COMMENT, IN_COMMENT]
    assert "SECRET" not in strip_internal(ADMONITION, with_admonition)
    # Without it the indented lines are a code block: an example, shown as written.
    assert [c.context for c in candidates(ADMONITION, plain)] == [IN_CODE, IN_CODE]
    assert strip_internal(ADMONITION, plain) == ADMONITION


def test_an_extension_that_moves_text_into_an_attribute_makes_a_marker_ambiguous():
    assert internal_marker_problems(ABBREVIATION, "x.md", 1, MarkdownDialect.of([])) == []
    problems = internal_marker_problems(ABBREVIATION, "x.md", 1, MarkdownDialect.of(["abbr"]))
    assert [(p.line, p.severity) for p in problems] == [(1, "error"), (1, "error")]
    assert "as part of an HTML attribute" in problems[0].message


def test_text_that_looks_like_a_token_cannot_forge_one():
    text = "Qsmmz0x Qsmmzq0x Qsmmzqq0x `<!-- internal -->` <!-- internal -->SECRET<!-- /internal --> end"
    assert [c.context for c in candidates(text)] == [IN_CODE, IN_COMMENT, IN_COMMENT]
    assert strip_internal(text) == "Qsmmz0x Qsmmzq0x Qsmmzqq0x `<!-- internal -->`  end"


def _project_with(tmp_path: Path, extensions: list) -> Path:
    body = MINIMAL_PLAN.joinpath("goals/grow-instagram.md").read_text(encoding="utf-8") + "\n" + ABBREVIATION
    make_project(
        tmp_path, {"goals/grow-instagram.md": body}, copy_plan=MINIMAL_PLAN, config={"markdown_extensions": extensions}
    )
    return tmp_path


def test_check_reads_the_extensions_of_the_mkdocs_yml_beside_the_plan(tmp_path, monkeypatch, capsys):
    plain = _project_with(tmp_path / "plain", [])
    abbr = _project_with(tmp_path / "abbr", ["abbr", {"toc": {"permalink": True}}])
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(plain / "plan"), "--today", "2027-03-10"]) == 0
    assert main(["check", str(abbr / "plan"), "--today", "2027-03-10"]) == 1
    assert "abbr/plan/goals/grow-instagram.md:" in capsys.readouterr().out


def test_check_survives_configs_only_mkdocs_can_load(tmp_path, monkeypatch, capsys):
    """``!!python/name`` values (Material's emoji setup) are text outside MkDocs: the extension
    is loaded with its defaults and the check still classifies."""
    root = tmp_path / "project"
    make_project(root, copy_plan=MINIMAL_PLAN)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + textwrap.dedent("""\
        markdown_extensions:
          - admonition
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
              emoji_generator: !!python/name:material.extensions.emoji.to_svg
          - pymdownx.superfences:
              custom_fences:
                - name: mermaid
                  class: mermaid
                  format: !!python/name:pymdownx.superfences.fence_code_format
        """),
        encoding="utf-8",
    )
    goal = root / "plan/goals/grow-instagram.md"
    goal.write_text(
        goal.read_text(encoding="utf-8") + "\n" + ADMONITION + "<!-- internal -->\nopen\n", encoding="utf-8"
    )
    monkeypatch.chdir(root)
    assert main(["check", "plan", "--today", "2027-03-10"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        (
            "plan/goals/grow-instagram.md:22: error: '<!-- internal -->' is never closed by '<!-- /internal -->': "
            "write '<!-- /internal -->' where the internal passage ends"
        )
    ]


def test_smm_render_strips_passages_and_keeps_front_matter(tmp_path):
    from smm_docs_plugin.engine import render_project

    config = make_project(
        tmp_path / "project",
        copy_plan=MINIMAL_PLAN,
        docs={
            "index.md": "# Home\n",
            "notes.md": (
                "---\ntitle: Notes\n---\n# Notes\n\n<!-- internal -->SECRET<!-- /internal -->Shown.\n"
                "<!-- a comment -->\n"
            ),
        },
        config={"markdown_extensions": ["admonition"]},
    )
    render_project(config, tmp_path / "out", audience="stakeholders")
    assert (tmp_path / "out/notes.md").read_text(encoding="utf-8") == "---\ntitle: Notes\n---\n# Notes\n\nShown.\n\n"
    render_project(config, tmp_path / "out", audience="team")
    assert "SECRET" in (tmp_path / "out/notes.md").read_text(encoding="utf-8")
