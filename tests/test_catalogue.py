"""Every word a generated page shows comes from the label catalogue (so the handbook can be
translated without touching templates): no template holds English text of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smm_docs_plugin.context import load_labels

TEMPLATES = Path(__file__).resolve().parent.parent / "docs_templates"
#: Not words of a language: file names a page links, a format's name, Material's front matter.
ALLOWED = {
    "CSV",
    "plan",
    "json",
    "budget",
    "csv",
    "calendar",
    "ics",
    "hide",
    "toc",
    "tags",
}  # hide, toc, tags: front matter keys, not shown


def _visible_words(text: str) -> list[str]:
    text = re.sub(r"\{#.*?#\}", " ", text, flags=re.DOTALL)
    text = re.sub(r"\{%-?\s*macro .*?endmacro\s*-?%\}", lambda m: _macro_body(m.group(0)), text, flags=re.DOTALL)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.DOTALL)
    text = re.sub(r"<[^>]*>", " ", text, flags=re.DOTALL)
    text = re.sub(r"&#?\w+;", " ", text)
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in ALLOWED]


def _macro_body(macro: str) -> str:
    # A macro that renders attributes (class="…" data-…="…") is not text.
    body = re.sub(r"^\{%.*?%\}|\{%.*?%\}$", " ", macro, flags=re.DOTALL)
    return re.sub(r'[\w-]+="[^"]*"', " ", body)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in TEMPLATES.rglob("*") if p.suffix in {".j2", ".md", ".html"}),
    ids=lambda p: str(p.relative_to(TEMPLATES)),
)
def test_templates_hold_no_words_of_their_own(path: Path) -> None:
    assert _visible_words(path.read_text(encoding="utf-8")) == []


def test_every_label_a_template_asks_for_exists() -> None:
    labels = load_labels("en")
    asked = set()
    for path in TEMPLATES.rglob("*"):
        if path.is_file() and path.suffix in {".j2", ".md", ".html"}:
            asked |= set(re.findall(r"""ctx\.t\(\s*["']([\w.-]+)["']""", path.read_text(encoding="utf-8")))
    asked = {key for key in asked if not key.endswith(".")}  # "field." ~ name: built at render
    assert asked and not sorted(asked - set(labels))
