"""Build into a staging folder beside the target and swap it in only when everything worked.

MkDocs empties ``site_dir`` right after ``on_pre_build`` and writes into it page by page, so any
later error (a page that fails to render, a template error, another plugin's failure, a
``--strict`` warning) used to leave a half-written site behind. A :class:`StagedFolder` is a
fresh folder in the same parent as the target (same file system, so the final swap is two
renames): the build writes there, :meth:`StagedFolder.publish` puts it in place of the target,
:meth:`StagedFolder.discard` removes it and leaves the target exactly as it was. ``smm render``
uses the same class for its output folder.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class StagedFolder:
    """A staging folder for ``target`` (which may not exist yet).

    ``copy_existing`` starts the staging folder as a copy of the target (modification times
    kept), for MkDocs' ``--dirty`` builds, which only rewrite pages whose source changed."""

    def __init__(self, target: str | os.PathLike[str], *, copy_existing: bool = False) -> None:
        # A symlinked site_dir keeps its link: the real folder behind it is the one replaced.
        self.target = Path(os.path.realpath(target))
        self.target.parent.mkdir(parents=True, exist_ok=True)
        # A hidden name that says what it is, unique per build (two builds may run at once).
        prefix = f".{self.target.name}.smm-staging-"
        try:
            self.path = Path(tempfile.mkdtemp(prefix=prefix, dir=self.target.parent))
        except OSError:  # a parent we may not write to (site_dir a mounted volume): stage elsewhere
            self.path = Path(tempfile.mkdtemp(prefix=prefix))
        if copy_existing and self.target.is_dir():
            shutil.copytree(self.target, self.path, symlinks=True, dirs_exist_ok=True)

    def publish(self) -> None:
        """Put the staged folder in place of the target: the old target is renamed aside, the
        staged one renamed in, then the old one removed. Where the target cannot be renamed (a
        mount point, say) its contents are replaced instead: the build has already succeeded."""
        aside = self.path.with_name(self.path.name + "-previous")
        if not os.path.lexists(self.target):
            shutil.move(str(self.path), str(self.target))  # a rename, or a copy across file systems
            return
        try:
            os.rename(self.target, aside)
        except OSError:
            self._replace_contents()
            return
        try:
            os.rename(self.path, self.target)
        except OSError:
            os.rename(aside, self.target)  # put the previous site back before reporting
            raise
        _remove(aside)

    def discard(self) -> None:
        """Remove the staging folder; the target is left as it was."""
        _remove(self.path)

    def _replace_contents(self) -> None:
        for entry in list(self.target.iterdir()):
            _remove(entry)
        for entry in list(self.path.iterdir()):
            shutil.move(str(entry), str(self.target / entry.name))
        _remove(self.path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        path.unlink()


class _WarningCounter(logging.Handler):
    """Counts the warnings (and worse) logged while a ``--strict`` build runs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class StagedSite:
    """A MkDocs build's ``site_dir`` pointed at a :class:`StagedFolder` beside it, so a build that
    fails at any point (after MkDocs cleaned site_dir, while pages render, in another plugin, in
    ``--strict``) leaves the previous site whole. Every writer in MkDocs 1.6 (files, theme
    templates, the search index, 404.html) reads ``config.site_dir`` after ``on_config``.

    MkDocs turns ``--strict`` warnings into an error only after ``on_post_build``, so the swap
    counts them itself and keeps the previous site when there are any."""

    def __init__(self, config: MkDocsConfig, *, dirty: bool) -> None:
        self._config: MkDocsConfig | None = config
        #: The site_dir this build replaces at the end.
        self.site_dir = config.site_dir
        self._folder = StagedFolder(config.site_dir, copy_existing=dirty)
        config.site_dir = str(self._folder.path)
        self._warnings: _WarningCounter | None = None
        if config.strict:
            self._warnings = _WarningCounter()
            logging.getLogger("mkdocs").addHandler(self._warnings)

    def publish(self) -> bool:
        """Put the built site in place of site_dir; False (and the previous site kept) when
        ``--strict`` counted a warning. site_dir is the real one again either way (gh-deploy
        reads it after the build)."""
        warned = self._stop_counting()
        self._restore()
        if warned:
            self._folder.discard()
            return False
        self._folder.publish()
        return True

    def discard(self) -> None:
        """The build failed or stopped: drop the staged site; site_dir is as it was."""
        self._stop_counting()
        self._folder.discard()
        self._restore()

    def _restore(self) -> None:
        if self._config is not None:
            self._config.site_dir = self.site_dir
            self._config = None

    def _stop_counting(self) -> bool:
        """Whether ``--strict`` counted a warning; stops counting."""
        if self._warnings is None:
            return False
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        warned = self._warnings.count > 0
        self._warnings = None
        return warned
