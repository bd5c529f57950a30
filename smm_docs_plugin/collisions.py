"""A generated page or file at the URL of a hand-written one is an error (never a silent
replacement). One rule for the plugin, ``smm render`` and ``smm check``: two source files
collide when MkDocs would write them to the same file (``strategy.md`` and
``strategy/index.md`` both become ``strategy/index.html`` with directory URLs)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problem

if TYPE_CHECKING:
    from .context import RenderOptions
    from .plan import Plan


def dest_uri(src_uri: str, use_directory_urls: bool) -> str:
    """The file MkDocs writes for ``src_uri`` (its own rule, README.md and all)."""
    from mkdocs.structure.files import File  # imported here: `smm check` rarely needs MkDocs

    return File(src_uri, None, "site", use_directory_urls).dest_uri


def url(src_uri: str, use_directory_urls: bool) -> str:
    from mkdocs.structure.files import File

    return File(src_uri, None, "site", use_directory_urls).url or "./"


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


def check_url_collisions(plan: Plan, docs_dir: Path, config_file: Path) -> list[Problem]:
    """``smm check``'s view of the build's rule: the options come from ``config_file`` (the
    ``smm`` entry of mkdocs.yml, defaults without one). Listing the generated files takes a
    moment, so it only happens when a hand-written file sits at or under ``url_prefix``."""
    from .loader import display_path
    from .render import ASSET_CSS, ASSET_JS

    prefix = _url_prefix(config_file)

    docs = {
        src: display_path(path)
        for src, path in docs_files(docs_dir).items()
        if src.rsplit(".", 1)[0] == prefix or src.startswith(prefix + "/") or src in (ASSET_CSS, ASSET_JS)
    }
    if not docs:
        return []
    options = _options(config_file)
    from dataclasses import replace

    from .render import render_site
    from .resolve import for_audience

    generated: set[str] = {ASSET_CSS, ASSET_JS}
    for audience in ("team", "stakeholders"):
        generated.update(render_site(for_audience(plan, audience), replace(options, audience=audience)))
    return url_collisions(docs, generated, use_directory_urls=options.use_directory_urls)


def _url_prefix(config_file: Path) -> str:
    """``url_prefix`` as written in mkdocs.yml (read without MkDocs, which takes a while to
    import), to decide whether the full check is needed at all."""
    from .engine import RenderError, read_mkdocs_yaml, smm_options

    if config_file.is_file():
        try:
            return str(smm_options(read_mkdocs_yaml(config_file)).get("url_prefix") or "strategy").strip("/")
        except RenderError:
            pass
    return "strategy"


def _options(config_file: Path) -> RenderOptions:
    from .context import RenderOptions
    from .engine import RenderError, read_project, render_options

    if config_file.is_file():
        try:
            return render_options(read_project(config_file))
        except RenderError:
            pass  # no smm entry or bad options: the build itself says so
    return RenderOptions()
