"""Render the generated pages in a second process while MkDocs builds the site.

MkDocs builds on one core: it reads every page, converts its Markdown, then renders the theme
around it. The plugin's own work (templates, SVGs, calendar feeds) is independent of that, so
on a machine with a second core a forked child renders every output, in the order MkDocs will
ask for them, and leaves each in a private temporary folder; MkDocs reads each generated page
when it gets to it (``DeferredFile``), by which time the child has usually written it. The bytes are the
same as an in-process render (the child runs the same code on a copy of the same context).

Only used where it is safe and useful: ``os.fork`` exists, this process runs a single thread
(``mkdocs serve`` runs a web server in threads, so it renders in-process), and at least two CPUs
are available. If the child stops early for any reason, whatever it did not send is rendered in
this process on demand, with the same result or the same exception as a serial build.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import weakref
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from mkdocs.structure.files import File

from .context import Output

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """True where a background render is safe and can help."""
    return hasattr(os, "fork") and threading.active_count() == 1 and available_cpus() >= 2


class BackgroundRenderer:
    """A forked child renders ``outputs`` in the given order; ``get(src_uri)`` waits for one.

    The child writes each output to its own file in a private temporary folder (renamed into
    place when complete) and one byte to a pipe; the parent reads a file when MkDocs asks for
    it. No thread in the parent: a reader thread would compete with MkDocs for the GIL on
    every message and throttle the child."""

    def __init__(self, outputs: Sequence[Output]) -> None:
        self._outputs = {output.src_uri: output for output in outputs}
        self._index = {output.src_uri: index for index, output in enumerate(outputs)}
        self._folder = tempfile.mkdtemp(prefix="smm-render-")
        self._finished = False
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child (its coverage is not collected)
            os.close(read_fd)
            _render_into(self._folder, write_fd, outputs)
        os.close(write_fd)
        self._signals = read_fd
        self._cleanup = weakref.finalize(self, _cleanup, pid, read_fd, self._folder)

    def get(self, src_uri: str) -> str | bytes:
        """The rendered output, from the child, or rendered here if the child did not send it."""
        path = os.path.join(self._folder, str(self._index[src_uri]))
        while not self._finished and not os.path.exists(path):
            if not os.read(self._signals, 65536):  # the child ended
                self._finished = True
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            data = None
        if data is None:  # rendered here, outside the except: its own error is the one shown
            return self._outputs[src_uri].content
        os.unlink(path)
        return data[1:].decode("utf-8") if data[:1] == b"s" else data[1:]

    def close(self) -> None:
        """Wait for the child to end and remove its folder."""
        self._cleanup()


def _cleanup(pid: int, signals: int, folder: str) -> None:
    try:
        os.close(signals)  # a child still writing gets EPIPE and stops
        os.waitpid(pid, 0)
    except OSError:
        pass
    shutil.rmtree(folder, ignore_errors=True)


def _render_into(folder: str, write_fd: int, outputs: Sequence[Output]) -> None:  # pragma: no cover - child
    code = 0
    try:
        for index, output in enumerate(outputs):
            content = output.content
            data = b"s" + content.encode("utf-8") if isinstance(content, str) else b"b" + content
            path = os.path.join(folder, str(index))
            with open(path + ".part", "wb") as handle:
                handle.write(data)
            os.rename(path + ".part", path)
            os.write(write_fd, b".")
    except BaseException:  # noqa: BLE001 - the parent renders what is missing, and reports any error itself
        code = 1
    finally:
        os._exit(code)


class DeferredFile(File):
    """A generated file whose content arrives when MkDocs first reads it."""

    _fetch: Callable[[], str | bytes] | None = None
    _value: str | bytes | None = None

    @classmethod
    def deferred(
        cls, config: MkDocsConfig, src_uri: str, fetch: Callable[[], str | bytes], **kwargs: Any
    ) -> DeferredFile:
        file = cast(DeferredFile, cls.generated(config, src_uri, content="", **kwargs))  # made by cls
        file._value = None
        file._fetch = fetch
        return file

    @property
    def _content(self) -> str | bytes | None:
        if self._fetch is not None:
            self._value, self._fetch = self._fetch(), None
        return self._value

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self._fetch = None
        self._value = value
