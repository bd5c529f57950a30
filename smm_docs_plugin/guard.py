"""What a stakeholder build checks inside the site's own Markdown engine, where the plugin's
text-level stripping cannot reach: links (Markdown or HTML) to pages stakeholders may not see,
and text that ``pymdownx.snippets`` pulls in after the internal passages were removed.

Both fail closed. A link to a page the stakeholder build leaves out (an internal entity's page
or feed, a docs page marked ``internal: true``) reads "internal", like a ``[[link]]`` to it: in
the team build the same link works, so authors who copy a page's address write them. Text a
snippet inserts is never stripped (snippets run inside the engine, after the plugin saw the
page), so a stakeholder build stops when it holds an internal marker, a look-alike, or a plan
file's ``internal``/``private``/``account`` field; ``smm check`` expands snippets the same way
(:func:`expanded_by_snippets`) and reports the same error.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .markup import COMMENT, IN_COMMENT, Candidate, MarkdownDialect

SNIPPETS = "pymdownx.snippets"
#: A line pymdownx.snippets acts on (``--8<-- "file"``, a block's ``--8<--``), escaped or not.
SNIPPET_LINE = re.compile(r"^[ \t]*;*-+8<-+", re.MULTILINE)
#: A plan file's fields that must never be published, as a snippet would insert them.
_PLAN_FIELD = re.compile(r"^[ \t]*(internal|private|account)[ \t]*:", re.MULTILINE | re.IGNORECASE)

SNIPPET_INSERTS_HIDDEN = (
    "text that pymdownx.snippets pulls in ({what}) is inserted after internal passages are removed, so a "
    "stakeholder build would publish it: keep internal text out of included files (or leave the include out)"
)


def uses_snippets(dialect: MarkdownDialect | None) -> bool:
    return dialect is not None and SNIPPETS in dialect.extensions


# --- links to pages stakeholders may not see ---------------------------------------------------


def page_key(path: str) -> str:
    """One spelling for the ways a link can name a page: ``team/sam.md``, ``team/sam/``,
    ``team/sam/index.html``, ``team/sam.html`` are all ``team/sam``."""
    path = posixpath.normpath(unquote(path)).strip("/")
    if path in (".", ""):
        return ""
    for suffix in ("/index.md", "/README.md", "/index.html"):
        path = path.removesuffix(suffix)
    if path in ("index.md", "README.md", "index.html"):
        return ""
    for suffix in (".md", ".html"):
        if path.endswith(suffix):
            return path[: -len(suffix)]
    return path


def hidden_targets(team: Iterable[str], shown: Iterable[str]) -> frozenset[str]:
    """The :func:`page_key` of every file the team build has and the stakeholder build has not."""
    visible = {page_key(src) for src in shown}
    return frozenset(key for key in (page_key(src) for src in team) if key and key not in visible)


def links_hidden(href: str, src_uri: str, page_url: str, hidden: frozenset[str], site_path: str = "/") -> bool:
    """Whether ``href``, written in the page ``src_uri`` (served at ``page_url``), leads to a
    hidden page: read relative to the source file (as MkDocs resolves ``.md`` links) and to the
    page's address (as a browser does), either one counts."""
    if not hidden or not href or href.startswith("#"):
        return False
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return False
    path = parts.path
    if path.startswith("/"):
        root = site_path.rstrip("/") + "/"
        path = path[len(root) :] if path.startswith(root) else path.lstrip("/")
        return page_key(path) in hidden
    bases = {posixpath.dirname(src_uri), page_url if page_url.endswith("/") else posixpath.dirname(page_url)}
    return any(page_key(posixpath.join(base, path)) in hidden for base in bases)


class _HiddenLinks(Treeprocessor):
    """Before MkDocs resolves links (its ``relpath`` at 0) and before the table of contents and
    the page title are read (5): a link to a hidden page becomes the word "internal"."""

    def __init__(self, md: Markdown, guard: StakeholderGuard) -> None:
        super().__init__(md)
        self.guard = guard

    def run(self, root: ET.Element) -> None:
        guard = self.guard
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "a" and guard.hides(child.get("href") or ""):
                    tail = child.tail
                    child.clear()
                    child.tag = "span"
                    child.text = guard.internal
                    child.tail = tail


#: A raw HTML link (written as HTML in a page or body, so the engine did not parse it).
_HTML_LINK = re.compile(
    r"<a\b(?=[^>]*\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))[^>]*>.*?</a\s*>", re.IGNORECASE | re.DOTALL
)


class _BeforeSnippets(Preprocessor):
    def __init__(self, md: Markdown, guard: StakeholderGuard) -> None:
        super().__init__(md)
        self.guard = guard

    def run(self, lines: list[str]) -> list[str]:
        self.guard.before_snippets = list(lines)
        return lines


class _AfterSnippets(Preprocessor):
    def __init__(self, md: Markdown, guard: StakeholderGuard) -> None:
        super().__init__(md)
        self.guard = guard

    def run(self, lines: list[str]) -> list[str]:
        found = inserted_hidden(self.guard.before_snippets or [], lines)
        if found is not None:
            self.guard.fail(found)
        return lines


def inserted_hidden(before: list[str], after: list[str]) -> str | None:
    """What the lines a snippet inserted (``after`` holds them, ``before`` does not) hold that a
    stakeholder build would publish: an internal or look-alike marker, a plan file's
    ``internal``/``private``/``account`` field; None when nothing."""
    if before == after:
        return None
    added = Counter(after) - Counter(before)
    inserted = "\n".join(line for line in after if added.get(line, 0) > 0)
    for match in COMMENT.finditer(inserted):
        if Candidate("comment", 0, 0, IN_COMMENT, match.group(1), unclosed=not match.group(2)).marker:
            return f"'<!-- {' '.join(match.group(1).split())[:30]} -->'"
    field = _PLAN_FIELD.search(inserted)
    if field:
        return f"a plan file's '{field.group(1)}:'"
    return None


class StakeholderGuard(Extension):
    """Added to a stakeholder build's ``markdown_extensions``; the plugin tells it which page
    is converted (:meth:`start`) and what stakeholders may not see."""

    def __init__(self, internal: str, fail: Callable[[str], None]) -> None:
        super().__init__()
        self.internal = internal
        self.fail = fail
        self.hidden: frozenset[str] = frozenset()
        self.site_path = "/"
        self.src_uri = ""
        self.page_url = ""
        self.before_snippets: list[str] | None = None

    def start(self, src_uri: str, page_url: str) -> None:
        self.src_uri, self.page_url, self.before_snippets = src_uri, page_url, None

    def hides(self, href: str) -> bool:
        return links_hidden(href, self.src_uri, self.page_url, self.hidden, self.site_path)

    def hide_html_links(self, html: str) -> str:
        """Raw HTML links to hidden pages in a rendered page, as :class:`_HiddenLinks` treats
        Markdown ones."""
        if "<a" not in html and "<A" not in html:
            return html

        def replace(match: re.Match[str]) -> str:
            href = next(group for group in match.groups() if group is not None)
            return self.internal if self.hides(href) else match.group(0)

        return _HTML_LINK.sub(replace, html)

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_HiddenLinks(md, self), "smm_hidden_links", 6)
        if "snippet" in md.preprocessors:
            md.preprocessors.register(_BeforeSnippets(md, self), "smm_before_snippets", 32.5)
            md.preprocessors.register(_AfterSnippets(md, self), "smm_after_snippets", 31.5)


def expanded_by_snippets(markdown: str, dialect: MarkdownDialect) -> list[str]:
    """The lines of ``markdown`` after pymdownx.snippets (with the site's settings) ran, for
    ``smm check``; the lines unchanged when the extension cannot be loaded."""
    config: dict[str, Any] = dict(dialect.configs.get(SNIPPETS) or {})
    try:
        md = Markdown(extensions=[SNIPPETS], extension_configs={SNIPPETS: config})
    except Exception:  # noqa: BLE001 - MkDocs reports an extension it cannot load
        return markdown.split("\n")
    try:
        return list(md.preprocessors["snippet"].run(markdown.split("\n")))
    except Exception:  # noqa: BLE001 - a missing file with check_paths: MkDocs reports it
        return markdown.split("\n")
