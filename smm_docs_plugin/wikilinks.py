"""``[[section/id]]`` and ``[[section/id|label]]`` links in Markdown bodies and docs pages.

Whether a ``[[…]]`` is a link or an example is decided by the site's Markdown engine (see
``markup.py``): only what the engine shows as text becomes a link; in code, escaped (``\\[[…]]``),
in a comment or an attribute it stays literal."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .errors import Problem
from .hints import ID_RE
from .markup import IN_TEXT, WIKILINK_CANDIDATE, Candidate, MarkdownDialect, candidates
from .sections import section_names

if TYPE_CHECKING:
    from .plan import Plan


def _occurrences(text: str, dialect: MarkdownDialect | None) -> Iterator[tuple[Candidate, re.Match[str], bool]]:
    """``(candidate, match, is_link)`` for every ``[[…]]`` of ``text``."""
    if "[[" not in text:
        return
    for found in candidates(text, dialect):
        if found.kind != "wikilink":
            continue
        match = WIKILINK_CANDIDATE.match(text, found.start)
        assert match is not None
        yield found, match, found.context == IN_TEXT and not found.escaped


def linked_entities(text: str, dialect: MarkdownDialect | None = None) -> Iterator[tuple[str, str]]:
    """``(section, id)`` of every well-formed ``[[section/id|label]]`` the engine shows as text."""
    for _, match, is_link in _occurrences(text, dialect):
        if is_link:
            parsed = parse_target(match.group(1))
            if parsed is not None:
                yield parsed


def parse_target(target: str) -> tuple[str, str] | None:
    """``"goals/x"`` → ``("goals", "x")``; None for anything else (paths, tricks, bad ids)."""
    section, sep, id = target.strip().partition("/")
    if not sep or section not in section_names() or not ID_RE.match(id):
        return None
    return section, id


def check_wikilinks(text: str, source: str, first_line: int, plan: Plan) -> list[Problem]:
    """Errors for every ``[[...]]`` link whose target is not an entity of the plan."""
    problems = []
    for found, match, is_link in _occurrences(text, plan.markdown):
        if not is_link:
            continue
        raw = match.group(1).strip()
        where = first_line + text.count("\n", 0, found.start)
        parsed = parse_target(raw)
        if parsed is None:
            problems.append(
                Problem(
                    source,
                    where,
                    "error",
                    f"link [[{raw}]]: the target must be 'section/id' with section one of {', '.join(section_names())}",
                )
            )
            continue
        section, id = parsed
        if plan.get(section, id) is None:
            close = difflib.get_close_matches(id, list(plan.sections.get(section, {})), n=1, cutoff=0.6)
            hint = f"; did you mean [[{section}/{close[0]}]]?" if close else ""
            problems.append(Problem(source, where, "error", f"link [[{raw}]]: no such entity{hint}"))
    return problems


def replace_wikilinks(
    text: str,
    render: Callable[[str, str, str | None], str],
    dialect: MarkdownDialect | None = None,
    literal: Callable[[str, str], str | None] | None = None,
) -> str:
    """Replace each ``[[section/id|label]]`` the engine shows as text by
    ``render(section, id, label)``. Every other occurrence (code, escaped, comment, attribute)
    stays as written, unless ``literal(section, id)`` gives a replacement (a stakeholder build
    hides the id of an entity it may not show, wherever it is written)."""
    pieces: list[str] = []
    position = 0
    for found, match, is_link in _occurrences(text, dialect):
        parsed = parse_target(match.group(1))
        if parsed is None:
            continue
        if is_link:
            label = match.group(2).strip() if match.group(2) else None
            replacement: str | None = render(parsed[0], parsed[1], label)
        else:
            replacement = literal(*parsed) if literal is not None else None
        if replacement is None:
            continue
        # A hidden id that was escaped loses its backslash with it (no stray "\internal").
        start = found.start - 1 if found.escaped and not is_link else found.start
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = found.end
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)
