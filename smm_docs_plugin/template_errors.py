"""A template that fails to render, as ``template <path>:<line>: <message>`` instead of a
Jinja traceback.

Jinja tells where a syntax error is (``TemplateSyntaxError.filename`` / ``.lineno``); for an
error while rendering (an undefined variable under ``StrictUndefined``, a missing include, a
division by zero in an expression) the place is in the traceback: Jinja rewrites the frames of
compiled templates into frames named after the template file at the template's line, and a
macro called from Python keeps its compiled frame, whose module knows its template.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

import jinja2


class TemplateProblem(Exception):
    """A template failed; ``str()`` is the one line the user sees."""

    def __init__(self, path: str | None, line: int, message: str) -> None:
        self.path = path
        self.line = line
        self.message = " ".join(message.split())  # one problem, one line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.path and self.line else (self.path or "?")
        return f"template {where}: {self.message}"


def template_problem(exc: BaseException) -> TemplateProblem | None:
    """``exc`` as a :class:`TemplateProblem` when it comes from a template (any Jinja error, or
    any error raised by a template's own code); ``None`` for an error of Python code that a
    template merely called (a bug to report as it is)."""
    place = _innermost_template_frame(exc.__traceback__)
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        place = (exc.filename, exc.lineno)
    if not isinstance(exc, jinja2.TemplateError) and (place is None or not _raised_in_template(exc.__traceback__)):
        return None
    path, line = place if place is not None else (None, 0)
    return TemplateProblem(shown_path(path) if path else None, line, _message(exc))


def _message(exc: BaseException) -> str:
    if isinstance(exc, jinja2.TemplatesNotFound):
        names = ", ".join(repr(str(name)) for name in exc.templates)
        return f"none of the templates {names} exists (packaged or in templates_dir)"
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"template '{exc.name}' not found (packaged or in templates_dir)"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"syntax error: {exc.message}"
    if isinstance(exc, jinja2.TemplateError):
        return str(exc.message or exc)
    return f"{type(exc).__name__}: {exc}"


def _template_place(tb: TracebackType) -> tuple[str, int] | None:
    frame_globals = tb.tb_frame.f_globals
    if "__jinja_exception__" in frame_globals:  # a frame Jinja rewrote: the template's own line
        return tb.tb_frame.f_code.co_filename, tb.tb_lineno
    template = frame_globals.get("__jinja_template__")
    if template is not None and template.filename:  # compiled code run outside Template.render
        return template.filename, template.get_corresponding_lineno(tb.tb_lineno)
    return None


def _innermost_template_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    place = None
    while tb is not None:
        place = _template_place(tb) or place
        tb = tb.tb_next
    return place


def _raised_in_template(tb: TracebackType | None) -> bool:
    """Whether the innermost frame (where the error was raised) is a template's."""
    last = None
    while tb is not None:
        last, tb = tb, tb.tb_next
    return last is not None and _template_place(last) is not None


def shown_path(path: str) -> str:
    """A template file as the user should see it (relative to the current folder where possible)."""
    from .errors import display_path

    return display_path(Path(path)) if os.path.isabs(path) else path
