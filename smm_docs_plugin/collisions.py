"""A generated page or file at the URL of a hand-written one is an error (never a silent
replacement). One rule for the plugin, ``smm render`` and ``smm check``: two source files
collide when MkDocs would write them to the same file (``strategy.md`` and
``strategy/index.md`` both become ``strategy/index.html`` with directory URLs)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problem, display_path
from .mkdocs_rules import dest_uri, url

if TYPE_CHECKING:
    from mkdocs.structure.files import File


def collision_message(src_uri: str, generated: str, use_directory_urls: bool) -> str:
    return (
        f"its URL '{url(src_uri, use_directory_urls)}' is the URL of the generated '{generated}'; "
        "rename or move it, or choose another url_prefix"
    )


def url_collisions(
    hand_written: dict[str, str], generated: Iterable[str], *, use_directory_urls: bool
) -> list[Problem]:
    """Problems for every hand-written file (``src_uri`` → path to show) that a generated one
    would overwrite, all at once."""
    taken = {dest_uri(src, use_directory_urls): src for src in generated}
    problems = []
    for src, shown in sorted(hand_written.items()):
        other = taken.get(dest_uri(src, use_directory_urls))
        if other is not None:
            problems.append(Problem(shown, 1, "error", collision_message(src, other, use_directory_urls)))
    return problems


def docs_files(docs_dir: Path) -> dict[str, Path]:
    """The files of ``docs_dir`` MkDocs publishes by default (dot files and folders and the
    top-level ``templates/`` folder left out, as its default ``exclude_docs``)."""
    found: dict[str, Path] = {}
    if not docs_dir.is_dir():
        return found
    for path in sorted(docs_dir.rglob("*")):
        parts = path.relative_to(docs_dir).parts
        if any(part.startswith(".") for part in parts) or parts[0] == "templates" or not path.is_file():
            continue
        found[path.relative_to(docs_dir).as_posix()] = path
    return found


def build_collisions(files: Iterable[File], generated: Iterable[str], *, use_directory_urls: bool) -> list[str]:
    """``path:line: error: ...`` for every generated page or file whose URL another file of the
    build already has (a hand-written page, a theme's or another plugin's file), sorted."""
    taken: dict[str, File] = {}
    for file in files:
        if not file.inclusion.is_excluded():
            taken.setdefault(file.dest_uri, file)
    problems = []
    for src_uri in generated:
        other = taken.get(dest_uri(src_uri, use_directory_urls))
        if other is None:
            continue
        if other.abs_src_path and other.generated_by is None:
            where = f"{display_path(Path(other.abs_src_path))}:1"
        else:
            where = f"{other.src_uri} (from {other.generated_by or 'the theme'})"
        problems.append(f"{where}: error: {collision_message(other.src_uri, src_uri, use_directory_urls)}")
    return sorted(problems)
