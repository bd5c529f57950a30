"""Compiled templates kept between builds, with Jinja's own ``FileSystemBytecodeCache``.

Compiling the packaged templates takes about half a second, every ``mkdocs build`` and every
``smm render`` of a new process (``mkdocs serve`` keeps its environment between rebuilds). Jinja
stores a template's compiled code keyed by its name and file, and reuses it only while the
template's source is unchanged (a checksum) and for the same Python: an edited override in a
team's ``templates_dir`` is compiled again, as before.

The files live in Jinja's default folder, one per user in the system's temporary folder, which
Jinja creates private (mode 700) and refuses when another user owns it or may write to it. The
compiled code also depends on how the environment is set up (escaping, whitespace control,
extensions), which Jinja's key does not hold: those settings and both versions are part of the
file names here, so a change to them never reads code compiled under the old ones.

A cache is only ever a shortcut: a folder that cannot be made, a file that cannot be written
or read back (a full disk, a truncated file) means the template is compiled, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sys
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from . import __version__


class TemplateBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, for the environment set up with ``settings``; never fails a build."""

    def __init__(self, settings: dict[str, Any]) -> None:
        described = repr((__version__, jinja2.__version__, sys.version, sorted(settings.items())))
        digest = hashlib.sha256(described.encode("utf-8")).hexdigest()[:16]
        super().__init__(pattern=f"__smm_{digest}_%s.cache")

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError, pickle.UnpicklingError):
            bucket.reset()  # unreadable, cut short, not what Jinja wrote: the template is compiled

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a full disk or a vanished folder: compiled next time
            super().dump_bytecode(bucket)


def template_cache(settings: dict[str, Any]) -> TemplateBytecodeCache | None:
    """The cache for an environment set up with ``settings``, or None when Jinja finds no safe
    folder for it (then templates are compiled in every process, as without a cache)."""
    try:
        return TemplateBytecodeCache(settings)
    except (RuntimeError, OSError):
        return None
