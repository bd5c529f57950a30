"""The "Strategy" section of the site's navigation: the generated pages that have a title, in a
fixed order of their folders (the overview first)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .sections import nav_rank

if TYPE_CHECKING:
    from .context import Output


def strategy_section(outputs: Iterable[Output], prefix: str) -> list[dict[str, str]]:
    """``[{title: src_uri}, ...]`` of the outputs with a navigation title, in the registry's
    order (``sections.nav_rank``: sections and feature pages; folders it does not rank last, by name)."""
    entries = []
    for output in outputs:
        if not output.nav_title:
            continue
        folder = output.src_uri[len(prefix) + 1 :].rsplit("index.md", 1)[0].strip("/")
        rank = nav_rank(folder)
        entries.append((rank, folder, {output.nav_title: output.src_uri}))
    return [entry for _, _, entry in sorted(entries, key=lambda e: (e[0], e[1]))]


def nav_mentions(nav: Any, src: str) -> bool:
    """Whether a ``nav`` setting of mkdocs.yml already lists the page ``src`` anywhere."""
    if isinstance(nav, str):
        return nav == src
    if isinstance(nav, dict):
        return any(nav_mentions(v, src) for v in nav.values())
    if isinstance(nav, list):
        return any(nav_mentions(v, src) for v in nav)
    return False


def without_pages(nav: Any, srcs: set[str]) -> Any:
    """``nav`` of mkdocs.yml without the entries for the pages ``srcs`` (sections left empty go
    too)."""
    if isinstance(nav, str):
        return None if nav in srcs else nav
    if isinstance(nav, dict):
        kept = {key: without_pages(value, srcs) for key, value in nav.items()}
        kept = {key: value for key, value in kept.items() if value not in (None, [])}
        return kept or None
    if isinstance(nav, list):
        return [item for item in (without_pages(value, srcs) for value in nav) if item not in (None, [], {})]
    return nav
