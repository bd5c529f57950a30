"""Every word a generated page shows comes from the message catalogue (so the handbook can be
translated without touching templates): no template holds English text of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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


def test_every_message_a_template_asks_for_is_in_the_english_catalogue() -> None:
    from babel.messages.pofile import read_po

    with (TEMPLATES.parent / "smm_docs_plugin" / "locales" / "en" / "LC_MESSAGES" / "smm.po").open("rb") as fh:
        english = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    asked = set()
    for path in TEMPLATES.rglob("*"):
        if path.is_file() and path.suffix in {".j2", ".md", ".html"}:
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"""ctx\.t\(""", text), f"{path}: ctx.t() is gone, use _() (scripts/i18n_migrate.py)"
            asked |= set(re.findall(r'(?<![\w.])(?:_|gettext|ngettext)\(\s*"((?:[^"\\]|\\.)*)"', text))
    assert asked and sorted(asked - english) == []
