"""The hand-written pages of ``docs_dir``, checked against the plan: their ``[[section/id]]``
links and internal markers (the plugin, ``smm render`` and ``smm check`` run the same check)."""

from __future__ import annotations

import re
from collections.abc import Iterable, MutableMapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem, display_path
from .guard import SNIPPET_INSERTS_HIDDEN, SNIPPET_LINE, expanded_by_snippets, inserted_hidden, uses_snippets
from .markup import WIKILINK_CANDIDATE
from .mkdocs_rules import front_matter_meta, split_front_matter
from .resolve import internal_marker_problems, names_broken
from .wikilinks import check_wikilinks

if TYPE_CHECKING:
    from mkdocs.structure.files import File, Files

    from .context import RenderContext
    from .plan import Plan


def check_docs_pages(plan: Plan, docs_dir: Path, broken: Iterable[tuple[str, str]] = ()) -> list[Problem]:
    """``[[links]]`` and internal-marker mistakes of the hand-written pages in ``docs_dir``
    (dot files and folders skipped, as MkDocs does). ``broken``: plan files that exist but
    failed to load (a link to one is not "no such entity"; its own error says what is wrong)."""
    problems: list[Problem] = []
    if not docs_dir.is_dir():
        return problems
    broken = set(broken)
    for path in sorted(docs_dir.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(docs_dir).parts) or not path.is_file():
            continue
        shown = display_path(path)
        try:
            text = path.read_text(encoding="utf-8-sig", errors="replace")
        except OSError as exc:
            problems.append(Problem(shown, 1, "error", f"cannot read file: {exc.strerror or exc}"))
            continue
        markdown, first_line = _page_markdown(text)
        problems.extend(front_matter_problems(text[: len(text) - len(markdown)], shown, plan))
        if "[[" in markdown:
            problems.extend(
                p for p in check_wikilinks(markdown, shown, first_line, plan) if not names_broken(p, broken)
            )
        problems.extend(internal_marker_problems(markdown, shown, first_line, plan.markdown))
        if uses_snippets(plan.markdown):
            assert plan.markdown is not None
            found = inserted_hidden(markdown.split("\n"), expanded_by_snippets(markdown, plan.markdown))
            if found is not None:
                problems.append(snippet_problem(markdown, shown, first_line, found))
    return problems


def snippet_problem(markdown: str, shown: str, first_line: int, found: str) -> Problem:
    """The error for hidden text a snippet inserts into a page: at its first ``--8<--`` line
    (at the page's first line when the text comes from ``auto_append``)."""
    line = SNIPPET_LINE.search(markdown)
    where = first_line + (markdown.count("\n", 0, line.start()) if line else 0)
    return Problem(shown, where, "error", SNIPPET_INSERTS_HIDDEN.format(what=found))


def snippet_problem_of_page(file: File | None, found: str, ctx: RenderContext | None) -> Problem:
    """:func:`snippet_problem` for the page the build converts: a hand-written page by its
    path (as ``smm check`` reports it), a generated one by the plan file it shows."""
    if file is None or file.abs_src_path is None or file.generated_by is not None:
        source = file.src_uri if file is not None else "?"
        if ctx is not None and file is not None:
            source = _generated_source(file.src_uri, ctx) or source
        return Problem(source, 1, "error", SNIPPET_INSERTS_HIDDEN.format(what=found))
    text = Path(file.abs_src_path).read_text(encoding="utf-8-sig", errors="replace")
    markdown, first_line = _page_markdown(text)
    return snippet_problem(markdown, display_path(Path(file.abs_src_path)), first_line, found)


def _generated_source(src_uri: str, ctx: RenderContext) -> str | None:
    for entity in ctx.plan.entities():
        if ctx.src(entity.section, entity.id) == src_uri:
            return entity.source
    return None


def internal_docs_pages(files: Files) -> list[File]:
    """The hand-written pages whose front matter says ``internal: true``."""
    found = []
    for file in files.documentation_pages():
        if file.generated_by is not None or file.abs_src_path is None:
            continue
        try:
            text = Path(file.abs_src_path).read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue  # MkDocs reports it
        head, _ = split_front_matter(text)
        if head.strip() and is_internal_page(page_meta(head)):
            found.append(file)
    return found


def hide_front_matter_links(meta: MutableMapping[str, Any], ctx: RenderContext) -> None:
    """A stakeholder build's docs page front matter: every ``[[link]]`` to an entity the
    audience may not see reads "internal" (label and id gone), as in a plan file's fields."""
    from .render import hidden_link

    hidden = partial(hidden_link, ctx)

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return WIKILINK_CANDIDATE.sub(hidden, value) if "[[" in value else value
        if isinstance(value, list):
            return [clean(item) for item in value]
        if isinstance(value, dict):
            return {clean(key): clean(item) for key, item in value.items()}
        return value

    for key in list(meta):
        meta[key] = clean(meta[key])


def _page_markdown(text: str) -> tuple[str, int]:
    """A docs page's Markdown as MkDocs hands it to plugins (its YAML front matter removed) and
    the line it starts on, so the engine classifies exactly what the build renders."""
    head, markdown = split_front_matter(text)
    return markdown, 1 + head.count("\n")


def page_meta(head: str) -> dict[str, Any]:
    """A docs page's front matter as MkDocs reads it (``{}`` when there is none or it is not a
    mapping)."""
    return front_matter_meta(head)


def is_internal_page(meta: dict[str, Any]) -> bool:
    """Whether a docs page's front matter marks it ``internal: true`` (left out of stakeholder
    builds, kept in team builds). Any value but ``false`` hides it: a page is shown only when
    the author plainly did not mean to hide it (a wrong value is an error, see
    :func:`front_matter_problems`)."""
    return "internal" in meta and meta["internal"] is not False


def front_matter_problems(head: str, shown: str, plan: Plan) -> list[Problem]:
    """A docs page's front matter is text the theme prints (``title`` in ``<title>`` and the
    navigation, ``description`` in a meta tag): an internal marker there hides nothing (an
    error, as in a plan file's fields), a ``[[link]]`` must name an entity (one stakeholders may
    not see reads "internal" in their build), and ``internal`` must be true or false."""
    from .resolve import field_text_marker

    problems: list[Problem] = []
    if not head.strip():
        return problems
    meta = page_meta(head)
    lines = head.split("\n")

    def line_of(key: str) -> int:
        return next((n for n, line in enumerate(lines, start=1) if re.match(rf"\s*{re.escape(key)}\s*:", line)), 1)

    if "internal" in meta and not isinstance(meta["internal"], bool):
        problems.append(
            Problem(
                shown,
                line_of("internal"),
                "error",
                f"internal: '{meta['internal']}' is not true or false (the page is left out of stakeholder builds "
                "until it is)",
            )
        )
    for key, value in meta.items():
        for text in _texts(value):
            where = line_of(str(key))
            if field_text_marker(text):
                problems.append(
                    Problem(
                        shown,
                        where,
                        "error",
                        f"{key}: internal markers work only in the page's Markdown below the front matter; move "
                        "the passage there or mark the whole page 'internal: true'",
                    )
                )
            if "[[" in text:
                problems.extend(
                    Problem(p.path, where, p.severity, f"{key}: {p.message}")
                    for p in check_wikilinks(text, shown, where, plan)
                )
    return problems


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in [*_texts(k), *_texts(v)]]
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in _texts(item)]
    return []
