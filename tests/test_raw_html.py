"""Generated pages' large HTML blocks (SVG charts, the board, calendar grids, budget and task
tables) reach Python-Markdown whole, in its HTML stash (``raw_html.py``), instead of being
parsed tag by tag: every page's HTML must be exactly what Python-Markdown makes of the same
page with those blocks written inline.

Two real builds of the example, for each audience: the plugin's, and a plain MkDocs build
(no plugin, the same Markdown extensions) of the pages ``smm render`` writes, which hold the
blocks inline. A MkDocs hook records each page's HTML right after Markdown made it; the
generated pages must match byte for byte. The random mark never reaches the site.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from smm_docs_plugin.raw_html import RawHtmlBlocks, new_mark, wrapped

from .conftest import REPO

#: A MkDocs hooks file: each page's HTML as Markdown made it (before the plugin's stakeholder
#: step at priority -90), and whether its Markdown held a stashed block.
RECORD = """
import json, os
pages, marked = {}, []
def on_page_content(html, page, config, files):
    pages[page.file.src_uri] = html
    if "<!--smm-raw-html " in page.markdown:
        marked.append(page.file.src_uri)
def on_post_build(config):
    with open(os.environ["SMM_RECORD"], "w", encoding="utf-8") as handle:
        json.dump({"pages": pages, "marked": marked}, handle)
"""

PLAIN = """site_name: Plain
site_url: https://example.github.io/kaffeeklatsch-handbook/
docs_dir: rendered
site_dir: site-plain
theme:
  name: material
  language: en
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
hooks:
  - record.py
"""


def _run(args: list[str], cwd: Path, audience: str, record: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SMM_AUDIENCE": audience, "SMM_RECORD": str(record)}
    env["SOURCE_DATE_EPOCH"] = "1796212800"  # 2026-12-02 12:00 UTC: both builds see the same day
    env.pop("SMM_SHARE_KEY", None)
    done = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("audience", ["team", "stakeholders"])
def test_stashed_blocks_give_every_generated_page_the_same_html(tmp_path: Path, audience: str) -> None:
    project = tmp_path / "project"
    shutil.copytree(REPO / "plan", project / "plan")
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(REPO / "media", project / "media")  # the posts' pictures
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "\nhooks:\n  - record.py\n", encoding="utf-8")
    (project / "record.py").write_text(RECORD, encoding="utf-8")
    (project / "plain.yml").write_text(PLAIN, encoding="utf-8")

    _run(["-m", "mkdocs", "build", "-q"], project, audience, tmp_path / "plugin.json")
    _run(
        ["-m", "smm_docs_plugin.cli", "render", "--audience", audience, str(project / "rendered")],
        project,
        audience,
        tmp_path / "unused.json",
    )
    _run(["-m", "mkdocs", "build", "-q", "-f", "plain.yml"], project, audience, tmp_path / "plain.json")

    plugin = json.loads((tmp_path / "plugin.json").read_text(encoding="utf-8"))
    plain = json.loads((tmp_path / "plain.json").read_text(encoding="utf-8"))
    generated = sorted(src for src in plain["pages"] if src.startswith("strategy/"))
    assert len(generated) > 40  # every section's pages
    differ = [src for src in generated if plugin["pages"].get(src) != plain["pages"][src]]
    assert differ == [], f"{len(differ)} generated page(s) differ from their inline form, e.g. {differ[:5]}"
    # The stash was used: the roadmap's timeline, the board, the calendar, the budget.
    for src in ("strategy/roadmap/index.md", "strategy/board/index.md", "strategy/calendar/index.md"):
        assert src in plugin["marked"], f"{src}: no block was stashed"
    assert "smm-raw-html" not in (project / "rendered" / "strategy" / "roadmap" / "index.md").read_text("utf-8")
    leaked = [
        p.relative_to(project / "site").as_posix()
        for p in (project / "site").rglob("*")
        if p.is_file() and b"smm-raw-html" in p.read_bytes()
    ]
    assert leaked == []


# --- any block as the templates write one --------------------------------------------------

#: Elements the templates put inside a stashed block, and text as Jinja escapes it (an author's
#: title may hold Markdown's own characters, entities, line breaks, any script).
_TAGS = ["td", "th", "tr", "span", "a", "time", "p", "li", "strong", "g", "text", "title", "details", "summary"]
_TEXT = st.lists(
    st.sampled_from(list("ab *_`[]()#!<>&;\"'\\|-:~=\n\t\r\x02") + ["é", "ș", "ж", "→", "😀", "&amp;", "&#39;"]),
    max_size=30,
).map("".join)


@st.composite
def _element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(_TAGS))
    names = st.sampled_from(["class", "href", "title", "data-x"])
    attrs = "".join(
        f' {name}="{escape(value)}"' for name, value in draw(st.dictionaries(names, _TEXT, max_size=2)).items()
    )
    parts = draw(
        st.lists(
            st.one_of(_TEXT.map(lambda text: str(escape(text))), _element(depth + 1))
            if depth < 3
            else _TEXT.map(lambda text: str(escape(text))),
            max_size=4,
        )
    )
    return f"<{tag}{attrs}>" + "".join(parts) + f"</{tag}>"


_EXTENSIONS = (
    ["admonition", "attr_list", "md_in_html", "tables", "toc"],  # the example's
    ["toc", "tables", "fenced_code"],  # MkDocs' own
)


@settings(max_examples=300, deadline=None)
@given(blocks=st.lists(_element(), min_size=1, max_size=4), separator=st.sampled_from(["\n", "", "\n\n"]))
def test_a_stashed_block_converts_as_the_same_block_inline(blocks: list[str], separator: str) -> None:
    block = separator.join(blocks)
    for extensions in _EXTENSIONS:
        inline = '# Page\n\n<div class="smm-x">\n' + block + "\n</div>\n\nAfter *it*.\n"
        stashed = inline.replace(block, wrapped(block, "m0"), 1)
        expected = markdown.markdown(inline, extensions=extensions)
        assert markdown.markdown(stashed, extensions=[*extensions, RawHtmlBlocks("m0")]) == expected


def test_a_mark_the_build_did_not_draw_stashes_nothing() -> None:
    """An author who writes the comments with a mark of their own gets plain HTML comments."""
    page = "<div>\n" + wrapped("<p>x</p>", "guessed") + "\n</div>\n"
    assert markdown.markdown(page, extensions=[RawHtmlBlocks("drawn")]) == markdown.markdown(page)
    assert new_mark() != new_mark() and len(new_mark()) == 24
