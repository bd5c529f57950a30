"""Load a plan folder: read every file, split frontmatter, parse safe YAML with line numbers,
validate against the typed model. Every problem is collected; nothing stops at the first."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from stat import S_ISDIR, S_ISFIFO, S_ISREG, S_ISSOCK
from typing import Any

from frontmatter.default_handlers import YAMLHandler
from pydantic import BaseModel, ValidationError

from . import yamlsafe
from .audience import audience_field
from .errors import PlanError, Problem, display_path, sort_problems
from .hints import ID_RE, ascii_id
from .model import DATE_RE, RESERVED_FIELDS, CalendarFile, Entity, Mission, model_types
from .plan import Plan
from .sections import models, section_names

#: One plan file may hold at most this many bytes (1 MB): far more than any strategy needs.
MAX_FILE_BYTES = 1_000_000
#: Python-Markdown recurses once per nested list or quote; far below its recursion limit.
MAX_BODY_NESTING = 50
_NESTING = re.compile(r"^(?:[ \t]*(?:[*+>-]|\d{1,9}[.)])(?=[ \t]|$))+")
_MARKER = re.compile(r"[*+>-]|\d{1,9}[.)]")
_FM = YAMLHandler()


@dataclass
class LoadResult:
    mission: Mission | None
    sections: dict[str, dict[str, Entity]]
    problems: list[Problem] = field(default_factory=list)
    #: (section, id) of files that exist but failed to load: references to them are not
    #: reported again as unknown.
    broken: set[tuple[str, str]] = field(default_factory=set)
    #: (model, data, lines, shown path) of files that failed validation: their references are
    #: still checked, so one wrong type does not hide a dangling reference in the same file.
    unvalidated: list[tuple[type[BaseModel], dict[str, Any], dict[tuple, int], str]] = field(default_factory=list)
    #: Calendar files that failed validation, read again without their wrong values (see
    #: :func:`salvage`): their posts' own problems and ``smm check``'s post warnings are still
    #: given. Never part of a plan.
    salvaged: list[Entity] = field(default_factory=list)


# --- reading -------------------------------------------------------------------------------------


@dataclass
class ParsedFile:
    data: dict[str, Any]
    lines: dict[tuple, int]
    body: str
    body_line: int


class _Cache:
    """Parsed files keyed by (path, mtime, size), so ``mkdocs serve`` re-parses only what changed."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[tuple[int, int], ParsedFile | Problem]] = {}


_cache = _Cache()


def parse_file(path: Path, shown: str) -> ParsedFile | Problem:
    """One plan file: bytes → text → frontmatter → safe YAML with lines. A Problem on failure."""
    try:
        stat = path.stat()
    except OSError as exc:
        return Problem(shown, 1, "error", f"cannot read file: {exc.strerror or exc}")
    if not S_ISREG(stat.st_mode):
        # Opening a FIFO blocks until a writer comes; a socket or device is no text either.
        return Problem(
            shown,
            1,
            "error",
            f"not a regular file ({_file_kind(stat.st_mode)}): a plan file must be an ordinary Markdown file",
        )
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.entries.get(str(path))
    if cached and cached[0] == key:
        return cached[1]
    result = _parse_uncached(path, shown, stat.st_size)
    _cache.entries[str(path)] = (key, result)
    return result


def _file_kind(mode: int) -> str:
    if S_ISFIFO(mode):
        return "a named pipe"
    if S_ISSOCK(mode):
        return "a socket"
    if S_ISDIR(mode):
        return "a folder"
    return "a device or special file"


def _read_bytes(path: Path) -> bytes | str:
    """The file's bytes, or why they cannot be read. Opened without blocking and checked again
    once open: the file may have been replaced by a FIFO since it was listed."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    try:
        stat = os.fstat(descriptor)
        if not S_ISREG(stat.st_mode):
            return f"not a regular file ({_file_kind(stat.st_mode)}): a plan file must be an ordinary Markdown file"
        if stat.st_size > MAX_FILE_BYTES:
            return _too_large(stat.st_size)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            # One byte more than the limit tells a file that grew since its size was read.
            data = handle.read(MAX_FILE_BYTES + 1)
        return _too_large(len(data)) if len(data) > MAX_FILE_BYTES else data
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    finally:
        os.close(descriptor)


def _too_large(size: int) -> str:
    return (
        f"file is too large ({size:,} bytes): a plan file may hold at most {MAX_FILE_BYTES:,} bytes; "
        "split it or move long text to docs/"
    )


def _parse_uncached(path: Path, shown: str, size: int) -> ParsedFile | Problem:
    if size > MAX_FILE_BYTES:
        return Problem(shown, 1, "error", _too_large(size))
    raw = _read_bytes(path)
    if isinstance(raw, str):
        return Problem(shown, 1, "error", raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Problem(shown, line, "error", "file is not valid UTF-8: save it as UTF-8 text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        return Problem(shown, text[: text.index("\x00")].count("\n") + 1, "error", "file contains a NUL byte")
    if not text.strip():
        return Problem(shown, 1, "error", "file is empty: it needs a frontmatter block between '---' lines")
    if not _FM.detect(text):
        return Problem(shown, 1, "error", "missing frontmatter: the file must start with a '---' line")
    boundaries = list(_FM.FM_BOUNDARY.finditer(text))
    if len(boundaries) < 2 or boundaries[0].start() != 0:
        return Problem(shown, 1, "error", "frontmatter is not closed by a '---' line")
    opening, closing = boundaries[0], boundaries[1]
    fm_text = text[opening.end() : closing.start()]
    offset = text[: opening.end()].count("\n")
    try:
        loaded = yamlsafe.load(fm_text)
    except yamlsafe.YamlProblem as exc:
        return Problem(shown, exc.line + offset, "error", exc.message)
    if loaded.data is None:
        return Problem(shown, 1, "error", "frontmatter is empty: 'title' and the section's required fields are missing")
    if not isinstance(loaded.data, dict):
        first = min((line for key, line in loaded.lines.items() if key), default=1)
        return Problem(shown, first + offset, "error", "frontmatter must be a mapping of 'field: value' lines")
    lines = {k: v + offset for k, v in loaded.lines.items()}
    lines[()] = 1
    body = text[closing.end() :].lstrip("\n")
    body_line = text[: len(text) - len(body)].count("\n") + 1
    below = _flag_below_frontmatter(body)
    if below is not None:
        number, key = below
        return Problem(
            shown,
            body_line + number,
            "error",
            f"'{key}:' below the frontmatter is body text and hides nothing: move it into the frontmatter (between "
            "the first two '---' lines)",
        )
    deep = _too_deep_markdown(body)
    if deep is not None:
        return Problem(
            shown,
            body_line + deep,
            "error",
            f"Markdown nested more than {MAX_BODY_NESTING} levels deep (lists or quotes)",
        )
    return ParsedFile(loaded.data, lines, body, body_line)


#: A ``key: value`` line as frontmatter has them.
#: A ``key: value`` line as frontmatter has them, with a value that sets a flag (``true``,
#: ``yes``, …) or opens a mapping (prose such as "Secret: the sauce" is not one).
_FIELD_LINE = re.compile(
    r"^[ \t]*([A-Za-z][\w -]{0,30}?)[ \t]*:[ \t]*(?:(?:true|yes|on|y|t|1)[ \t]*|\{.*|)$", re.IGNORECASE
)


def _flag_below_frontmatter(body: str) -> tuple[int, str] | None:
    """The 0-based line and key of an ``internal:``/``private:`` field (or a look-alike) written
    at the top of the body: in the first paragraph, or in a second ``---`` block right below
    the frontmatter. The author meant to hide the file; as body text it would be published."""
    lines = body.split("\n")
    second_block = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines[1:] if second_block else lines, start=1 if second_block else 0):
        if second_block and line.strip() == "---":
            break
        if not second_block and not line.strip():
            break
        match = _FIELD_LINE.match(line)
        if match and audience_field(match.group(1)) is not None:
            return number, match.group(1).strip()
    return None


def _too_deep_markdown(body: str) -> int | None:
    """The 0-based line of a body line that opens more nested blocks than Markdown can take."""
    for number, line in enumerate(body.split("\n")):
        match = _NESTING.match(line)
        if match and len(_MARKER.findall(match.group(0))) > MAX_BODY_NESTING:
            return number
    return None


# --- validating ------------------------------------------------------------------------------------


def _friendly(error: Mapping[str, Any], data: Any) -> tuple[tuple, str]:
    """A pydantic error as (key path into the data, message a plan author understands)."""
    path: list[Any] = []
    node = data
    for part in error["loc"]:
        if (
            isinstance(node, dict)
            and isinstance(part, str)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part]  # type: ignore[index]  # a str key of a dict or an int index of a list, checked above
        elif isinstance(part, str) and error["type"] == "missing" and part == error["loc"][-1]:
            path.append(part)
            break
    where = ".".join(str(p) for p in path)
    kind = error["type"]
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    elif message.startswith("Assertion failed, "):
        message = message[len("Assertion failed, ") :]
    if kind == "missing":
        return tuple(path[:-1]), f"missing required field '{where}'"
    value = error.get("input")
    shown = (
        ""
        if isinstance(value, (dict, list)) or repr(value) in error["msg"] or _shown_value(value) in error["msg"]
        else f" (got {_shown_value(value)})"
    )
    if kind in ("string_type",):
        message = "expected text"
    elif kind in ("list_type",):
        message, shown = "expected a list", ""
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message, shown = "expected a mapping of 'field: value'", ""
    elif kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        if isinstance(value, str) and DATE_RE.match(value.strip()):
            message, shown = f"{value.strip()} is not a real date", ""
        else:
            message = "expected a date YYYY-MM-DD"
    elif kind in ("decimal_parsing", "decimal_type", "int_parsing", "int_type", "float_parsing", "float_type"):
        message = "expected a number"
    elif kind == "string_pattern_mismatch":
        message = "must be an id: lowercase letters, digits and '-', starting with a letter or digit"
        meant = ascii_id(value) if isinstance(value, str) else None
        if meant:
            message, shown = f"{message} (got {value!r}): write '{meant}'", ""
    elif kind == "literal_error":
        message = message.replace("Input should be", "must be")
        meant = _contract_word(value, re.findall(r"'([^']*)'", str((error.get("ctx") or {}).get("expected", ""))))
        if meant:
            message, shown = f"{message} (got {str(value).strip()!r}): write '{meant}'", ""
    elif message.startswith("Input should be"):
        message = "must be" + message[len("Input should be") :]
    return tuple(path), f"{where}: {message}{shown}" if where else f"{message}{shown}"


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, tuple[str, ...]]:
    """Contract word → words teams write for it (``synonyms.yml``, data beside this module)."""
    table = yamlsafe.load((Path(__file__).parent / "synonyms.yml").read_text(encoding="utf-8")).data
    return {word: tuple(str(other).lower() for other in others) for word, others in table.items()}


def _contract_word(value: Any, allowed: list[str]) -> str | None:
    """The allowed value a word like ``în lucru``, ``erledigt`` or ``Done`` stands for."""
    if not isinstance(value, str) or not value.strip():
        return None
    word = " ".join(value.strip().lower().split())
    spelled = re.sub(r"[\s_]+", "-", word)
    if spelled in allowed:
        return spelled  # 'Done', 'in progress', 'on_hold'
    for choice in allowed:
        if word in _synonyms().get(choice, ()):
            return choice
    return None


def _shown_value(value: Any) -> str:
    """A value as the author wrote it: ``2027-01-01``, not ``datetime.date(2027, 1, 1)``."""
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}" if value.is_finite() and abs(value.adjusted()) < 40 else str(value)
    return repr(value)


def validate_model(
    model: type[BaseModel], data: dict[str, Any], lines: dict[tuple, int], shown: str
) -> tuple[BaseModel | None, list[Problem]]:
    problems = list(unknown_fields(model, data, lines, shown))
    clean = {k: v for k, v in data.items() if k not in RESERVED_FIELDS}
    try:
        return model.model_validate(clean), problems
    except ValidationError as exc:
        seen: set[tuple] = set()
        found = [(error, *_friendly(error, clean)) for error in exc.errors(include_url=False)]
        deeper = {path[:n] for _, path, _ in found for n in range(len(path))}
        for error, path, message in found:
            if path in seen and error["type"] != "missing":
                continue  # one message per key (unions report every alternative)
            if isinstance(error.get("input"), (dict, list)) and path in deeper and error["type"] != "missing":
                continue  # a union's other branch ('planned' is a number or a mapping): the mapping's own error says it
            seen.add(path)
            if error["type"] == "missing":
                message += _field_help(model, error["loc"])
            problems.append(Problem(shown, _line(lines, path), "error", message))
        return None, problems


def salvage(model: type[BaseModel], data: dict[str, Any]) -> Entity | None:
    """``data`` validated without the values that are wrong (``time: 18.30`` is left out, the
    post stays at its place in the list), or None when a required value is among them. Only for
    the warnings of what did validate: the file has its errors already."""
    clean: Any = {k: v for k, v in data.items() if k not in RESERVED_FIELDS}
    for _ in range(3):  # a wrong value inside a dropped one is dropped with it
        try:
            entity = model.model_validate(clean)
        except ValidationError as exc:
            paths = {_friendly(error, clean)[0] for error in exc.errors(include_url=False)}
            if not all(paths) or any(error["type"] == "missing" for error in exc.errors(include_url=False)):
                return None  # a wrong whole file, or a required field
            clean = _without(clean, paths)
            continue
        return entity if isinstance(entity, Entity) else None
    return None


def _without(data: Any, paths: set[tuple]) -> Any:
    """A copy of ``data`` without the values at ``paths`` (an item wrong as a whole: its list)."""
    if not isinstance(data, dict):
        return data
    result: dict[str, Any] = {}
    for key, value in data.items():
        inner = {path[1:] for path in paths if path[0] == key}
        if not inner:
            result[key] = value
        elif () in inner:
            continue  # the value itself is wrong
        elif isinstance(value, list):
            if any(len(path) == 1 for path in inner):
                continue
            result[key] = [
                _without(item, {path[1:] for path in inner if path[0] == index})
                if any(path[0] == index for path in inner)
                else item
                for index, item in enumerate(value)
            ]
        else:
            result[key] = _without(value, inner)
    return result


def _field_help(model: type[BaseModel], loc: tuple) -> str:
    """``: <help>`` from the description the model gives the field at ``loc`` (what to write
    there), or nothing when the field has none."""
    info = None
    classes: tuple[type[BaseModel], ...] = (model,)
    for part in loc:
        if not isinstance(part, str):
            continue  # a list index
        info = next((c.model_fields[part] for c in classes if part in c.model_fields), None)
        if info is None:
            return ""
        classes = tuple(model_types(info.annotation))
    return f": {info.description}" if info is not None and info.description else ""


def _line(lines: dict[tuple, int], path: tuple) -> int:
    key = tuple(path)
    while key:
        if key in lines:
            return lines[key]
        key = key[:-1]
    return lines.get((), 1)


@cache
def _nested_models(model: type[BaseModel]) -> dict[str, tuple[type[BaseModel], ...]]:
    """Field name → the model classes its value may hold (computed once per class)."""
    return {name: tuple(model_types(info.annotation)) for name, info in model.model_fields.items()}


#: Names other tools use for a contract field (spreadsheets, planners, calendars).
FIELD_ALIASES = {
    "tz": "timezone",
    "time_zone": "timezone",
    "2fa": "two_factor",
    "mfa": "two_factor",
    "due_date": "due",
    "end_date": "end",
    "start_date": "start",
    "deadline_date": "deadline",
    "email": "login_email",
    "desc": "summary",
    "description": "summary",
    "name": "title",
    "assignee": "owner",
    "responsible": "owner",
    "members": "attendees",
    "participants": "attendees",
    "budget": "planned",
    "spent": "actual",
    "spend": "actual",
    "frequency": "cadence",
}


def closest_field(key: str, known: list[str]) -> str | None:
    """The known field a mistyped or differently named key most likely means."""
    lowered = key.strip().lower().replace(" ", "_").replace("-", "_")
    if lowered in known:
        return lowered  # 'Title', 'two-factor'
    alias = FIELD_ALIASES.get(lowered)
    if alias in known:
        return alias
    for suffix in ("_date", "_at", "_on", "_id", "_ids", "s"):
        if lowered.endswith(suffix) and lowered[: -len(suffix)] in known:
            return lowered[: -len(suffix)]
    close = difflib.get_close_matches(lowered, known, n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_fields(
    model: type[BaseModel], data: Any, lines: dict[tuple, int], shown: str, path: tuple = ()
) -> Iterable[Problem]:
    """Warnings for keys the model does not know, suggesting the closest known name; recursive.
    A key that resembles ``internal`` or ``private`` is an error (see ``audience.py``)."""
    if not isinstance(data, dict):
        return
    nested = _nested_models(model)
    for key, value in data.items():
        if key not in nested or (path == () and key in RESERVED_FIELDS):
            known = [name for name in nested if not (path == () and name in RESERVED_FIELDS)]
            meant = audience_field(str(key))
            if meant is not None:  # ignoring it would publish what the author meant to hide
                where = (
                    ""
                    if path == () and meant in known
                    else f" (only a whole file can be {meant}: set it at the top of the file)"
                )
                yield Problem(
                    shown,
                    _line(lines, path + (key,)),
                    "error",
                    f"unknown field '{key}' hides nothing; did you mean '{meant}'?{where}",
                )
                continue
            close = closest_field(str(key), known)
            hint = f"; did you mean '{close}'?" if close else ""
            yield Problem(shown, _line(lines, path + (key,)), "warning", f"unknown field '{key}'{hint}")
            continue
        for sub in nested[key]:
            if isinstance(value, list):
                for index, item in enumerate(value):
                    yield from unknown_fields(sub, item, lines, shown, path + (key, index))
            else:
                yield from unknown_fields(sub, value, lines, shown, path + (key,))


# --- the folder ------------------------------------------------------------------------------------


def read_plan(plan_dir: Path, cwd: Path | None = None) -> LoadResult:
    """Read and validate every file of a plan folder (no cross-references yet)."""
    result = LoadResult(mission=None, sections={s: {} for s in section_names()})
    problems = result.problems

    here = Path(os.path.abspath(cwd or os.getcwd()))

    def show(path: Path) -> str:
        return display_path(path, here)

    if not plan_dir.is_dir():
        problems.append(Problem(show(plan_dir), 1, "error", "plan folder not found"))
        return result
    root = plan_dir.resolve()
    real_folders: dict[Path, Path] = {}

    def inside(path: Path) -> bool:
        # An entry that is no symbolic link is where its folder really is: its folder is resolved
        # once, not every file's whole path again (a lstat per part of it, for 1,900 files).
        try:
            folder = path.parent
            real = real_folders.get(folder)
            if real is None:
                real = real_folders[folder] = folder.resolve()
            (path.resolve() if path.is_symlink() else real / path.name).relative_to(root)
            return True
        except (OSError, ValueError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
            return False

    found_mission = False
    entries = _list_folder(plan_dir, show, problems)
    if entries is None:
        problems.append(
            Problem(show(plan_dir / "mission.md"), 1, "error", "missing plan/mission.md: every plan needs one")
        )
        return result
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if not inside(entry):
            problems.append(Problem(show(entry), 1, "error", "link points outside the plan folder: refused"))
            continue
        if entry.name == "mission.md" and not entry.is_dir():
            found_mission = True
            parsed = parse_file(entry, show(entry))
            if isinstance(parsed, Problem):
                problems.append(parsed)
                continue
            model, found = validate_model(Mission, parsed.data, parsed.lines, show(entry))
            problems.extend(found)
            if model is not None:
                assert isinstance(model, Mission)
                _attach(model, "mission", "mission", show(entry), parsed)
                result.mission = model
            continue
        if entry.is_dir() and entry.name in section_names():
            _read_section(entry, entry.name, result, show, inside)
            continue
        what = "folder" if entry.is_dir() else "file"
        close = difflib.get_close_matches(entry.name, list(section_names()) + ["mission.md"], n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        known = "the plan holds mission.md and the folders " + ", ".join(section_names())
        problems.append(
            Problem(show(entry), 1, "error", f"unexpected {what} '{entry.name}' in the plan ({known}){hint}")
        )
    if not found_mission:
        problems.append(
            Problem(show(plan_dir / "mission.md"), 1, "error", "missing plan/mission.md: every plan needs one")
        )
    return result


def _list_folder(folder: Path, show: Callable[[Path], str], problems: list[Problem]) -> list[Path] | None:
    """The entries of a plan folder by name, or None (and a problem) when it cannot be read."""
    try:
        return sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        problems.append(Problem(show(folder), 1, "error", f"cannot read folder: {exc.strerror or exc}"))
        return None


def _read_section(
    folder: Path, section: str, result: LoadResult, show: Callable[[Path], str], inside: Callable[[Path], bool]
) -> None:
    model_class = models()[section]
    for path in _list_folder(folder, show, result.problems) or []:
        if path.name.startswith("."):
            continue
        shown = show(path)
        if not inside(path):
            result.problems.append(Problem(shown, 1, "error", "link points outside the plan folder: refused"))
            continue
        if path.is_dir():
            result.problems.append(
                Problem(
                    shown,
                    1,
                    "error",
                    f"unexpected folder '{path.name}' in {section}/: plan sections hold .md files only",
                )
            )
            continue
        if path.suffix != ".md":
            result.problems.append(
                Problem(shown, 1, "error", f"unexpected file '{path.name}' in {section}/: plan files end in .md")
            )
            continue
        stem = path.stem
        if not ID_RE.match(stem):
            meant = ascii_id(stem)  # 'ioana-șerban' → 'ioana-serban', 'никос' → 'nikos'
            hint = f"; did you mean '{meant}'? (rename the file to {meant}.md)" if meant else ""
            result.problems.append(
                Problem(
                    shown,
                    1,
                    "error",
                    f"invalid id '{stem}': use lowercase letters, digits and '-', starting with a letter or digit, at "
                    f"most 64 characters{hint}",
                )
            )
            continue
        parsed = parse_file(path, shown)
        if isinstance(parsed, Problem):
            result.problems.append(parsed)
            result.broken.add((section, stem))
            continue
        model, found = validate_model(model_class, parsed.data, parsed.lines, shown)
        result.problems.extend(found)
        if model is None:
            result.broken.add((section, stem))
            if isinstance(parsed.data, dict):
                result.unvalidated.append((model_class, parsed.data, parsed.lines, shown))
                salvaged = salvage(model_class, parsed.data) if model_class is CalendarFile else None
                if salvaged is not None:
                    _attach(salvaged, section, stem, shown, parsed)
                    result.salvaged.append(salvaged)
            continue
        assert isinstance(model, Entity)
        _attach(model, section, stem, shown, parsed)
        result.sections[section][stem] = model


def _attach(entity: Entity, section: str, id: str, shown: str, parsed: ParsedFile) -> None:
    entity.id = id
    entity.section = section
    entity.source = shown
    entity.body = parsed.body
    entity.lines = dict(parsed.lines)
    entity.lines[("__body__",)] = parsed.body_line


def load_plan(
    plan_dir: Path | str,
    *,
    today: date | None = None,
    audience: str = "team",
    cwd: Path | None = None,
    extra_problems: Iterable[Problem] = (),
    markdown: Any = None,
    check_media: bool = True,
) -> Plan:
    """Load, validate and resolve a plan for an audience. Raises :class:`PlanError` with every
    problem (errors and warnings) when there is at least one error; warnings alone are kept on
    ``plan.problems``. ``markdown``: the site's :class:`~.markup.MarkdownDialect` (it decides
    what counts as code in bodies); default: the one ``smm init`` writes. ``check_media=False``
    skips looking for posts' media files (``smm diff`` reads a revision's plan folder only)."""
    from .posts import MediaFolder, post_problems
    from .resolve import resolve, unresolved_references
    from .today import TodayError, resolve_today

    plan_dir = Path(plan_dir)
    loaded = read_plan(plan_dir, cwd)
    problems = list(loaded.problems) + list(extra_problems)
    plan = None
    when = today
    if loaded.mission is not None and when is None:
        try:
            when = resolve_today(None, loaded.mission.timezone)
        except TodayError as exc:
            problems.append(Problem("SOURCE_DATE_EPOCH", 0, "error", str(exc).replace("SOURCE_DATE_EPOCH ", "", 1)))
    if loaded.mission is not None and when is not None:
        plan, found = resolve(
            plan_dir, loaded.mission, loaded.sections, when, loaded.broken, markdown=markdown, check_media=check_media
        )
        problems.extend(found)
    problems.extend(unresolved_references(loaded))
    for calendar in loaded.salvaged:  # a wrong time does not hide a missing media file
        assert isinstance(calendar, CalendarFile)
        problems.extend(post_problems(calendar, MediaFolder.beside(plan_dir) if check_media else None))
    if plan is None or any(p.severity == "error" for p in problems):
        raise PlanError(problems, plan, loaded.broken, loaded.salvaged)
    plan.problems = sort_problems(problems)
    if audience != "team":
        from .resolve import for_audience

        plan = for_audience(plan, audience)
    return plan
