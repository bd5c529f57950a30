"""Large blocks of generated HTML handed to Python-Markdown whole, as mkdocstrings hands it the
HTML it renders.

A generated page holds HTML that Python-Markdown passes through unchanged (the roadmap's
timeline and the priorities matrix are inline SVGs of thousands of tags). It finds where such a
block ends with its HTML parser, tag by tag: in a plan of 1,000 initiatives that walk was a
third of the whole build's Markdown conversion. In a MkDocs build, the renderer writes each such
block between two comments carrying a mark drawn at random for the build
(:func:`wrapped`); :class:`RawHtmlBlocks`, a Markdown extension, puts the block in Python-
Markdown's HTML stash before its HTML parser runs, and Python-Markdown writes it back in place
as it writes any raw HTML: the page's HTML is byte for byte the same
(``tests/test_raw_html.py`` builds both ways and compares every page).

An author cannot write the comments: the mark is drawn per build and never reaches a page.
``smm render`` (pages for any engine) writes the blocks as they are, without comments.
"""

from __future__ import annotations

import re
import secrets

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_START = "<!--smm-raw-html {}-->"
_END = "<!--/smm-raw-html {}-->"
#: After Python-Markdown's whitespace normalisation (30), which the block then went through as
#: before, and before its fenced code blocks (25) and its HTML block parser (20).
PRIORITY = 28


#: Characters Python-Markdown's whitespace step changes by where they stand on a line (a tab
#: becomes the spaces up to the next tab stop, and the comment before the block would move
#: it) or removes: a block holding one is left inline, as Python-Markdown always took it.
_COLUMNS_MATTER = re.compile("[\t\r\x02\x03]")


def new_mark() -> str:
    """A build's mark: random, so no plan text can hold it."""
    return secrets.token_hex(12)


def wrapped(html: str, mark: str) -> str:
    """``html`` between the build's two comments (as is without a mark, or with a character
    whose handling depends on its column)."""
    if not mark or _COLUMNS_MATTER.search(html):
        return html
    start, end = _START.format(mark), _END.format(mark)
    if start in html:  # a block inside this one (a template wrapped both): one stash holds all
        html = html.replace(start, "").replace(end, "")
    return start + html + end


class _Stash(Preprocessor):
    def __init__(self, md: Markdown, mark: str) -> None:
        super().__init__(md)
        self.start = _START.format(mark)
        self.pattern = re.compile(re.escape(self.start) + "(.*?)" + re.escape(_END.format(mark)), re.DOTALL)

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if self.start not in text:
            return lines
        return self.pattern.sub(lambda found: self.md.htmlStash.store(found.group(1)), text).split("\n")


class RawHtmlBlocks(Extension):
    """Stash each block :func:`wrapped` with ``mark`` (the build's) before Python-Markdown parses
    the page's HTML."""

    def __init__(self, mark: str) -> None:
        super().__init__()
        self.mark = mark

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Stash(md, self.mark), "smm_raw_html", PRIORITY)
