"""The rules the core takes from MkDocs itself instead of copying them: the file MkDocs writes
for a source file (and its URL), and the front matter it strips from a page before plugins see
it (and reads as the page's meta). The only module outside the plugin's adapter that imports
MkDocs, each time lazily (``smm check`` and ``smm render`` rarely need it)."""

from __future__ import annotations

from typing import Any


def dest_uri(src_uri: str, use_directory_urls: bool) -> str:
    """The file MkDocs writes for ``src_uri`` (its own rule, README.md and all)."""
    from mkdocs.structure.files import File  # imported here: `smm check` rarely needs MkDocs

    return File(src_uri, None, "site", use_directory_urls).dest_uri


def url(src_uri: str, use_directory_urls: bool) -> str:
    from mkdocs.structure.files import File

    return File(src_uri, None, "site", use_directory_urls).url or "./"


def split_front_matter(text: str) -> tuple[str, str]:
    """A docs page as ``(front matter, Markdown)``: MkDocs hands plugins the Markdown after the
    YAML front matter, so that is the text the engine must classify."""
    from mkdocs.utils.meta import get_data

    markdown, _ = get_data(text)
    if markdown != text and text.endswith(markdown):
        return text[: len(text) - len(markdown)], markdown
    return "", text


def front_matter_meta(head: str) -> dict[str, Any]:
    """A page's front matter as MkDocs reads it into ``page.meta`` (``{}`` when there is none or
    it is not a mapping)."""
    from mkdocs.utils.meta import get_data

    _, meta = get_data(head + "\n")
    return meta
