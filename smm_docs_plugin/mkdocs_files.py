"""The generated pages and files as MkDocs ``File`` objects: their content (rendered now, or
fetched from the background renderer when MkDocs first reads it), whether they are in the
navigation, their edit links, and the web editor's files. A template's error reaches MkDocs as a
``PluginError``, which it prints as one message (no traceback)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from .background import BackgroundRenderer, DeferredFile
from .template_errors import TemplateProblem

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .context import Output

T = TypeVar("T")


def as_plugin_error(render: Callable[[], T]) -> T:
    """``render()``, with a template's error as a PluginError (MkDocs prints it, no traceback)."""
    try:
        return render()
    except TemplateProblem as exc:
        raise PluginError(str(exc)) from None


def generated_files(
    config: MkDocsConfig,
    outputs: Iterable[Output],
    *,
    background: BackgroundRenderer | None,
    edit_links: bool,
) -> list[File]:
    """A File for every output: a page without a navigation title is left out of the navigation;
    ``edit_links`` gives each its source's edit link (team builds: stakeholders get none, the
    plan's source holds what their build leaves out)."""
    docs_dir = Path(config.docs_dir).resolve()
    config_dir = Path(config.config_file_path or ".").resolve().parent
    files: list[File] = []
    for output in outputs:
        inclusion = InclusionLevel.UNDEFINED if (output.nav_title or not output.is_page) else InclusionLevel.NOT_IN_NAV
        if background is not None and not output.rendered:
            fetch = partial(as_plugin_error, partial(background.get, output.src_uri))
            file: File = DeferredFile.deferred(config, output.src_uri, fetch, inclusion=inclusion)
        else:
            content = as_plugin_error(partial(_content_of, output))
            file = File.generated(config, output.src_uri, content=content, inclusion=inclusion)
        if output.edit_path and edit_links:
            target = (config_dir / output.edit_path).resolve()
            file.edit_uri = os.path.relpath(target, docs_dir).replace(os.sep, "/")
        files.append(file)
    return files


def _content_of(output: Output) -> str | bytes:
    return output.content


def replace_files(files: Files, config: MkDocsConfig, contents: dict[str, str | bytes]) -> None:
    """Add generated files, each in place of a file of the docs folder at the same path."""
    for path, content in contents.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=content))


def drop_files_under(files: Files, folder: str) -> list[str]:
    """Remove every file under ``folder/`` (e.g. an editor a docs folder holds); their paths."""
    dropped = [f for f in files if f.src_uri.startswith(folder.rstrip("/") + "/")]
    for file in dropped:
        files.remove(file)
    return [f.src_uri for f in dropped]
