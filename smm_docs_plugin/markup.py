"""One notion of code: which ``<!-- … -->`` comments and ``[[…]]`` links of a Markdown text the
site's own Markdown engine reads as markup, and which it shows as code.

A line-based guess (is this line inside a fence? inside backticks?) disagrees with Markdown on
unclosed fences, indented fence lines, ```` ```x``` ```` lines, escaped backticks, HTML blocks,
``md_in_html``, admonitions, tabs, footnotes … and every disagreement published an internal
passage. So nothing here guesses: each candidate gets a unique token (letters and digits, put
where it cannot change the Markdown structure), the text is converted **once** with the site's
``markdown_extensions`` and their configs, and each candidate is classified by where its token
lands in the HTML: inside a real HTML comment, inside ``<code>``/``<pre>``, in shown text, in an
attribute, or nowhere. Callers decide what each answer means (see ``resolve.py`` for internal
passages, ``wikilinks.py`` for links); anything that is neither a real comment nor code is
ambiguous for a marker, and ambiguity fails closed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

#: MkDocs always adds these to a site's ``markdown_extensions`` (mkdocs.config.defaults).
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")

#: ``<!--`` up to the first ``-->``, as HTML and Python-Markdown end a comment; an unclosed one
#: runs to the end of the text.
COMMENT = re.compile(r"<!--(.*?)(-->|\Z)", re.DOTALL)
#: Every ``[[…]]``, escaped or not (the engine and the backslashes decide what it is).
WIKILINK_CANDIDATE = re.compile(r"\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")

#: Where a candidate's token landed in the HTML.
IN_COMMENT, IN_CODE, IN_TEXT, IN_ATTRIBUTE, MISSING, MIXED = "comment", "code", "text", "attribute", "missing", "mixed"
#: Inline code over several lines: what a stray backtick makes of the lines after it.
IN_LONG_SPAN = "code span over several lines"


# --- the site's Markdown ------------------------------------------------------------------------


@dataclass(frozen=True)
class MarkdownDialect:
    """The Markdown a site renders with: its extensions (in order) and their configs."""

    extensions: tuple[str, ...]
    configs: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    #: Identity for caching: the configs rendered as text (they may hold unhashable values).
    key: str = field(default="", compare=True, hash=True)

    @classmethod
    def of(cls, extensions: Iterable[Any], configs: dict[str, Any] | None = None) -> MarkdownDialect:
        """From ``mkdocs.yml``'s form: names, or one-key mappings ``{name: config}``; MkDocs'
        built-in extensions are added as MkDocs adds them."""
        names: list[str] = list(MKDOCS_BUILTIN_EXTENSIONS)
        found: dict[str, Any] = {}
        for item in extensions or ():
            if isinstance(item, dict):
                for name, config in item.items():
                    names.append(str(name))
                    if isinstance(config, dict):
                        found[str(name)] = config
            elif isinstance(item, str):
                names.append(item)
        for name, config in (configs or {}).items():
            if isinstance(config, dict):
                found[str(name)] = config
        ordered = tuple(dict.fromkeys(names))
        kept = {name: found[name] for name in ordered if name in found}
        return cls(ordered, kept, repr((ordered, sorted((k, repr(v)) for k, v in kept.items()))))


#: What ``smm init`` writes into ``mkdocs.yml`` (used by ``smm check`` without a mkdocs.yml).
SCAFFOLD_EXTENSIONS: list[Any] = ["attr_list", "md_in_html", "tables", {"toc": {"permalink": True}}]
DEFAULT_DIALECT = MarkdownDialect.of(SCAFFOLD_EXTENSIONS)


def dialect_of_project(plan_dir: Path) -> MarkdownDialect:
    """The dialect of the ``mkdocs.yml`` beside ``plan_dir``, else the one ``smm init`` writes."""
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        if (plan_dir.resolve().parent / name).is_file():
            return dialect_of_mkdocs_yaml(plan_dir.resolve().parent / name)
    return DEFAULT_DIALECT


def dialect_of_mkdocs_yaml(path: Path) -> MarkdownDialect:
    from .mkdocs_yaml import MkDocsYamlError, read_mkdocs_yaml

    try:
        config = read_mkdocs_yaml(path)
    except MkDocsYamlError:
        return DEFAULT_DIALECT  # MkDocs itself reports an unreadable configuration
    extensions = config.get("markdown_extensions")
    return MarkdownDialect.of(extensions if isinstance(extensions, list) else [])


class _Engine:
    """One Markdown converter per dialect, reused (``reset()`` between texts)."""

    def __init__(self, dialect: MarkdownDialect) -> None:
        import markdown

        self._markdown = markdown
        self.extensions = list(dialect.extensions)
        self.configs = dict(dialect.configs)
        self.converter = self._make()

    def _make(self) -> Any:
        """The converter; an extension whose config cannot be used outside MkDocs (``smm check``
        reads ``!!python/name`` values as text) is loaded with its defaults, one that cannot be
        loaded at all is left out (MkDocs reports it when it builds)."""
        while True:
            try:
                return self._markdown.Markdown(extensions=self.extensions, extension_configs=self.configs)
            except Exception as exc:
                culprit = next((n for n in self.extensions if n in str(exc) or n.rsplit(".", 1)[-1] in str(exc)), None)
                if culprit and culprit in self.configs:
                    del self.configs[culprit]
                elif culprit:
                    self.extensions.remove(culprit)
                elif self.configs:
                    self.configs.clear()
                elif self.extensions:
                    self.extensions.pop()
                else:
                    raise

    def convert(self, text: str) -> str:
        """The HTML of ``text``; empty when the engine fails on it (then nothing in it is read
        as a marker or as code: every marker is reported, no passage is trusted)."""
        for attempt in range(2):
            try:
                self.converter.reset()
                return str(self.converter.convert(text))
            except Exception:  # noqa: BLE001 - a config value that only fails while converting
                if attempt or not self.configs:
                    return ""
                self.configs.clear()
                self.converter = self._make()
        return ""


@lru_cache(maxsize=16)
def _engine(dialect: MarkdownDialect) -> _Engine:
    return _Engine(dialect)


# --- candidates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """Something the engine must classify: a comment (``kind`` ``comment``) or a ``[[link]]``."""

    kind: str
    start: int
    end: int
    #: Where the engine put it (``IN_COMMENT``, ``IN_CODE``, ...).
    context: str
    #: For comments: the text between ``<!--`` and ``-->``; for links: the whole ``[[…]]``.
    inner: str
    #: A comment without ``-->``.
    unclosed: bool = False
    #: A link preceded by an odd number of backslashes (``\\[[…]]`` is literal text).
    escaped: bool = False

    @cached_property
    def marker(self) -> str | None:
        """``"open"``/``"close"`` for ``<!-- internal -->``/``<!-- /internal -->`` in any case
        and spacing (newlines, NBSP, zero-width characters); ``"lookalike"`` for a comment that
        starts like one but is not (``<!-- internal: draft -->``); else None."""
        if self.kind != "comment":
            return None
        words = normalise(self.inner)
        if self.unclosed:
            return "lookalike" if re.match(r"/?\s*internal\b", words) else None
        if re.fullmatch(r"internal", words):
            return "open"
        if re.fullmatch(r"/\s*internal", words):
            return "close"
        if re.match(r"(?:/|end|begin|start|close|open)?\s*/?\s*internal\b", words):
            return "lookalike"
        if len(words) < 24 and re.search(r"\binternal\b", words):
            return "lookalike"  # "<!-- end internal -->", "<!-- internal end -->"
        if "<!--" in self.inner and "internal" in words:
            return "lookalike"  # a marker swallowed by an unclosed comment before it
        if _names_an_audience(words):
            return "lookalike"  # "<!-- private -->", "<!-- /confidential -->", "<!-- team only -->"
        squeezed = words.replace(" ", "")
        if (
            len(squeezed) <= 12
            and max(difflib.SequenceMatcher(None, squeezed, word).ratio() for word in ("internal", "/internal")) >= 0.75
        ):
            return "lookalike"  # a typo or a confusable letter: "intenral", Cyrillic "і", dotless "ı"
        return None


#: Words around a marker's name that still make it a marker ("<!-- begin private -->").
_MARKER_FRAME = re.compile(r"^(?:(?:/|\b(?:end|begin|start|close|open)\b)\s*)+|(?:\s+\b(?:end|begin|start)\b)+$")


def _names_an_audience(words: str) -> bool:
    """Whether a short comment (a few words, maybe with a leading ``/``) names another word for
    internal or private (``private``, ``confidential``, ``hidden``, ``secret``, ``team only``):
    a pair of them is written as a passage but hides nothing, so it is a look-alike marker."""
    from .audience import audience_field

    core = _MARKER_FRAME.sub("", words.replace(":", " ")).strip()
    if not core or len(core.split()) > 3 or core in ("public", "visibility"):
        return False
    return audience_field(core) is not None


def normalise(text: str) -> str:
    """Comment text as a reader sees it: compatibility forms folded, invisible format
    characters (zero-width spaces, joiners, BOM) dropped, any whitespace one space, any case."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split()).casefold()


def _token_base(text: str) -> str:
    """A prefix of letters found nowhere in ``text`` (so a token cannot be forged)."""
    base = "Qsmmz"
    folded = text.casefold()
    while base.casefold() in folded:
        base += "q"
    return base


#: What Markdown needs to make code (backticks, tildes, tabs, four-space indents) or to move a
#: ``[[…]]`` out of the text (HTML, attribute lists, abbreviations, image alt text).
_CODE_OR_MARKUP = re.compile(r"[`~\t<{]|^ {4}|\*\[|!\[", re.MULTILINE)


def candidates(text: str, dialect: MarkdownDialect | None = None) -> tuple[Candidate, ...]:
    """Every comment and ``[[…]]`` of ``text`` classified by the engine (cached per text).

    A text without comments in which Markdown can make no code and no markup is not sent to
    the engine: each ``[[…]]`` there is text (most bodies link and nothing else, and the
    engine costs a few milliseconds per text). Comments always go to the engine."""
    if "<!--" not in text:
        if "[[" not in text:
            return ()
        if not _CODE_OR_MARKUP.search(text):
            return tuple(_plain_link(text, match) for match in WIKILINK_CANDIDATE.finditer(text))
    return _classify(text, dialect or DEFAULT_DIALECT)


def _backslashes_before(text: str, position: int) -> int:
    count = 0
    while count < position and text[position - count - 1] == "\\":
        count += 1
    return count


def _plain_link(text: str, match: re.Match[str]) -> Candidate:
    escaped = _backslashes_before(text, match.start()) % 2 == 1
    return Candidate("wikilink", match.start(), match.end(), IN_TEXT, match.group(0), escaped=escaped)


@lru_cache(maxsize=4096)
def _classify(text: str, dialect: MarkdownDialect) -> tuple[Candidate, ...]:
    raw: list[tuple[str, re.Match[str]]] = [("comment", m) for m in COMMENT.finditer(text)]
    raw += [("wikilink", m) for m in WIKILINK_CANDIDATE.finditer(text)]
    raw.sort(key=lambda item: item[1].start())
    base = _token_base(text)
    width = len(str(len(raw)))
    tokens = [f"{base}{index:0{width}d}x" for index in range(len(raw))]
    # The token goes right after "<!--" or "[[": letters there change no Markdown structure
    # (they cannot open or close a fence, a code span, an indent, a list or a table cell).
    pieces: list[str] = []
    position = 0
    for (kind, match), token in zip(raw, tokens, strict=False):
        at = match.start() + (4 if kind == "comment" else 2)
        pieces.append(text[position:at])
        pieces.append(token)
        position = at
    pieces.append(text[position:])
    html = _engine(dialect).convert("".join(pieces))
    where = _where_tokens_land(html, re.compile(re.escape(base) + rf"\d{{{width}}}x"))
    found = []
    for (kind, match), token in zip(raw, tokens, strict=False):
        places = where.get(token, set())
        context = MISSING if not places else places.pop() if len(places) == 1 else MIXED
        if kind == "comment":
            found.append(
                Candidate(kind, match.start(), match.end(), context, match.group(1), unclosed=not match.group(2))
            )
        else:
            escaped = _backslashes_before(text, match.start()) % 2 == 1
            found.append(Candidate(kind, match.start(), match.end(), context, match.group(0), escaped=escaped))
    return tuple(found)


class _TokenFinder(HTMLParser):
    """Where each token appears: in a comment (only at its start: the comment we marked), in
    code, in shown text, or in an attribute value."""

    def __init__(self, token: re.Pattern[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.token = token
        self.code_depth = 0
        self.pre_depth = 0
        self.places: dict[str, set[str]] = {}
        #: Tokens seen in the current inline ``<code>`` and whether its text spans lines.
        self.span_tokens: list[str] = []
        self.span_lines = False

    def _see(self, data: str, place: str) -> None:
        for match in self.token.finditer(data):
            here = place
            if place == IN_COMMENT and match.start() != 0:
                here = IN_TEXT  # swallowed by another comment: not the comment the author wrote
            self.places.setdefault(match.group(0), set()).add(here)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for _, value in attrs:
            if value:
                self._see(value, IN_ATTRIBUTE)
        if tag in ("code", "pre"):
            self.code_depth += 1
        if tag == "pre":
            self.pre_depth += 1
        elif tag == "code" and not self.pre_depth:
            self.span_tokens, self.span_lines = [], False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for _, value in attrs:
            if value:
                self._see(value, IN_ATTRIBUTE)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre") and self.code_depth:
            self.code_depth -= 1
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        elif tag == "code" and not self.pre_depth and self.span_lines:
            # A code span is written on one line; over several it is most likely a stray
            # backtick, and the markers it swallowed were meant as markers: not an example.
            for token in self.span_tokens:
                self.places[token].discard(IN_CODE)
                self.places[token].add(IN_LONG_SPAN)

    def handle_data(self, data: str) -> None:
        if self.code_depth and not self.pre_depth:
            self.span_lines = self.span_lines or "\n" in data
            self.span_tokens += [m.group(0) for m in self.token.finditer(data)]
        self._see(data, IN_CODE if self.code_depth else IN_TEXT)

    def handle_comment(self, data: str) -> None:
        self._see(data, IN_COMMENT)

    def handle_decl(self, decl: str) -> None:
        self._see(decl, IN_TEXT)

    def unknown_decl(self, data: str) -> None:
        self._see(data, IN_TEXT)

    def handle_pi(self, data: str) -> None:
        self._see(data, IN_TEXT)


def _where_tokens_land(html: str, token: re.Pattern[str]) -> dict[str, set[str]]:
    finder = _TokenFinder(token)
    finder.feed(html)
    finder.close()
    # Anything the parser still holds (an unterminated tag or comment) is not code.
    return finder.places


def rendered_body(body: str) -> tuple[str, int]:
    """An entity body as the page embeds it (stripped, see ``features/pages.py``) and the number
    of lines the stripping removed before it (for line numbers)."""
    stripped = body.strip()
    if not stripped:
        return "", 0
    lead = body[: body.index(stripped[0])]
    return stripped, lead.count("\n")
