"""Safe YAML with line numbers and bounds.

PyYAML composes the document into nodes (which carry their line); we then build plain Python
values ourselves so that we can (1) remember the line of every key, (2) refuse any tag that is
not plain data (``!!python/object`` is never constructed), (3) bound the work an alias bomb can
cause, and (4) read values the way a marketer means them: ``09:30`` stays a time string (not
YAML 1.1's base-60 integer), ``NO`` stays Norway (not ``False``), ``0.10`` becomes an exact
``Decimal``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

MAX_NODES = 20_000
MAX_DEPTH = 32
#: One value (a title, a body of text in a field) may hold at most this many characters.
MAX_FIELD_CHARS = 100_000
#: A field name longer than this is no field name (it would be echoed in every warning).
MAX_KEY_CHARS = 200

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP}


class YamlProblem(Exception):
    """A YAML problem at a 1-based line (relative to the text given to :func:`load`)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Loaded:
    data: Any
    #: 1-based line of every key path, e.g. ``("items", 2, "date") -> 14``; ``()`` is the top.
    lines: dict[tuple, int]


#: LibYAML's C parser when PyYAML was built with it (about 5x faster); same nodes and marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: Texts longer than this are checked for nesting depth before composing: LibYAML's composer
#: recurses once per level and crashes the process (SIGSEGV) somewhere past 20,000 levels,
#: which a 40 kB file of '[' reaches. A shorter text cannot nest deep enough to matter.
DEPTH_SCAN_ABOVE = 4_000


def load(text: str) -> Loaded:
    """Parse one YAML document; raise :class:`YamlProblem` for anything unsafe or malformed."""
    if len(text) > DEPTH_SCAN_ABOVE:
        _check_depth(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        loader.dispose()
        # Errors are rare: re-read with the pure-Python parser, whose messages and marks
        # point at the construct the author left open.
        _raise_problem(text)
        raise
    loader.dispose()
    if node is None:
        return Loaded(None, {(): 1})
    builder = _Builder(loader, text)
    data = builder.build(node, (), 0)
    builder.lines.setdefault((), 1)
    return Loaded(data, builder.lines)


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH from the parser's events (the parser keeps its
    stack on the heap; only composing recurses). Syntax errors are left to :func:`load`."""
    try:
        loader = _Loader(text)
    except yaml.YAMLError:
        return
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    raise YamlProblem(
                        event.start_mark.line + 1 if event.start_mark else 1,
                        f"frontmatter is nested more than {MAX_DEPTH} levels deep",
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # LibYAML 0.2.6 (PyYAML 6.0.4 wheels) stops at 1,000 flow levels by itself.
        if "nesting depth" in str(exc.problem) and exc.problem_mark is not None:
            raise YamlProblem(
                exc.problem_mark.line + 1, f"frontmatter is nested more than {MAX_DEPTH} levels deep"
            ) from None
        return
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


def _raise_problem(text: str) -> None:
    try:
        # The pure-Python reader refuses control characters as soon as it is created.
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise YamlProblem(line, f"invalid YAML: control character U+{exc.character:04X} is not allowed") from None
    try:
        # Events first: the pure-Python parser does not recurse, its composer does (an unclosed
        # '[' 5,000 levels deep would end in RecursionError before the syntax error is seen).
        while loader.check_event():
            loader.get_event()
        loader.dispose()
        loader = yaml.SafeLoader(text)
        loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        # At the end of the text ("got '<stream end>'") the start of the unclosed thing is the
        # useful place; otherwise the problem's own place.
        at_end = "<stream end>" in str(exc.problem) or "end of" in str(exc.problem) and "stream" in str(exc.problem)
        # An unclosed quote, bracket or brace, or a key without ':', is reported where the
        # parser gave up (often the next line); the author needs the line where it started.
        opened = any(word in str(exc.context) for word in ("flow", "quoted scalar", "simple key"))
        mark = (
            (exc.context_mark if (at_end or opened) and exc.context_mark else None)
            or exc.problem_mark
            or exc.context_mark
        )
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "invalid YAML"
        if "'\\t'" in problem and exc.problem_mark is not None:
            raise YamlProblem(
                line, f"YAML indents with spaces; replace the tab at column {exc.problem_mark.column + 1}"
            ) from None
        context = f" {exc.context}" if exc.context else ""
        hint = _colon_hint(text, exc.problem_mark.line) if "mapping values" in problem and exc.problem_mark else ""
        raise YamlProblem(line, f"invalid YAML: {problem}{context}{hint}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem(1, f"frontmatter is nested more than {MAX_DEPTH} levels deep") from None
    finally:
        loader.dispose()
    raise YamlProblem(1, "invalid YAML")


class WrittenInt(int):
    """An integer that remembers how it was written (``0123``, ``1_000``), so a field that
    wants an id can take the text the author typed."""

    written: str

    def __new__(cls, value: int, written: str) -> WrittenInt:  # noqa: PYI034 - never subclassed
        number = super().__new__(cls, value)
        number.written = written
        return number


class _Builder:
    def __init__(self, loader: Any, text: str = ""):
        self.loader = loader
        #: The source, to tell ``{a, b}`` (a key without ':') from ``{a: }``.
        self.text = text
        self.lines: dict[tuple, int] = {}
        self.count = 0

    def build(self, node: yaml.Node, path: tuple, depth: int) -> Any:
        self.count += 1
        line = node.start_mark.line + 1
        if self.count > MAX_NODES:
            raise YamlProblem(line, f"frontmatter is too large (more than {MAX_NODES} values, or an alias bomb)")
        if depth > MAX_DEPTH:
            raise YamlProblem(line, f"frontmatter is nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise YamlProblem(line, f"unsupported YAML tag {node.tag!r}")
            items = []
            for index, child in enumerate(node.value):
                self.lines.setdefault(path + (index,), child.start_mark.line + 1)
                items.append(self.build(child, path + (index,), depth + 1))
            return items
        if not isinstance(node, yaml.ScalarNode):  # (YAML has no other kind of node)
            raise YamlProblem(line, f"unsupported YAML node {node.tag!r}")
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: tuple, depth: int) -> dict:
        line = node.start_mark.line + 1
        if node.tag != _MAP:
            raise YamlProblem(line, f"unsupported YAML tag {node.tag!r}")
        try:
            self.loader.flatten_mapping(node)  # resolves '<<' merge keys
        except yaml.MarkedYAMLError as exc:
            raise YamlProblem(line, f"invalid YAML: {exc.problem}") from None
        result: dict[str, Any] = {}
        previous: tuple[yaml.Node, yaml.Node] | None = None
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if node.flow_style and self._without_colon(key_node, value_node):
                raise YamlProblem(key_line, _cut_short(previous, key_node))
            previous = (key_node, value_node)
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(key_line, "a key must be plain text, not a list or mapping")
            if key_node.tag not in _SCALAR_TAGS:
                raise YamlProblem(key_line, f"unsupported YAML tag {key_node.tag!r}")
            key = key_node.value
            if len(key) > MAX_KEY_CHARS:
                raise YamlProblem(
                    key_line,
                    f"a field name of {len(key):,} characters; field names are short words like 'title' (at most "
                    f"{MAX_KEY_CHARS})",
                )
            if key in result:
                raise YamlProblem(key_line, f"duplicate key {key!r}")
            self.lines[path + (key,)] = key_line
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result

    def _without_colon(self, key_node: yaml.Node, value_node: yaml.Node) -> bool:
        """``{title: Launch, reels}``: YAML reads ``reels`` as a key without a value."""
        return (
            isinstance(key_node, yaml.ScalarNode)
            and not key_node.style
            and isinstance(value_node, yaml.ScalarNode)
            and value_node.tag == _NULL
            and value_node.value == ""
            and value_node.start_mark.index == key_node.end_mark.index
            and self.text[key_node.end_mark.index : key_node.end_mark.index + 1] != ":"
        )

    def _scalar(self, node: yaml.ScalarNode, path: tuple = ()) -> Any:
        tag, value = node.tag, node.value
        plain = not node.style  # None from the pure-Python parser, "" from LibYAML (PyYAML 6.0.4)
        line = node.start_mark.line + 1
        if tag not in _SCALAR_TAGS:
            raise YamlProblem(line, f"unsupported YAML tag {tag!r}")
        if len(value) > MAX_FIELD_CHARS:
            raise YamlProblem(
                line,
                f"{_where(path)}text is {len(value):,} characters long; one value may hold at most "
                f"{MAX_FIELD_CHARS:,} (put long text in the body, below the frontmatter)",
            )
        if tag == _STR:
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            # YAML 1.2 booleans only: 'NO' (Norway), 'on', 'yes' stay text.
            if value.lower() in ("true", "false"):
                return value.lower() == "true"
            if plain:
                return value
        if tag in (_INT, _FLOAT) and plain and ":" in value:
            return value  # 09:30 is a time, not 1.1's base-60 number
        if tag == _FLOAT:
            try:
                number = Decimal(value.replace("_", ""))
            except InvalidOperation:
                try:
                    return float(self.loader.construct_yaml_float(node))
                except (ValueError, OverflowError):
                    # ``!!float abc``: an explicit tag on something that is no number.
                    raise YamlProblem(line, f"{_where(path)}{value!r} is not a number (it is tagged !!float)") from None
            return number
        try:
            value_object = self.loader.construct_object(node, deep=True)
            if tag == _INT and isinstance(value_object, int) and str(value_object) != value:
                return WrittenInt(value_object, value)  # 0123 is 83 to YAML 1.1, "0123" as an id
            return value_object
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            if tag == _TIMESTAMP:
                # 2027-02-30 looks like a date but is none: keep the text, so a date field
                # reports it with the file's other problems (and a title may say it).
                return value
            raise YamlProblem(line, f"{_where(path)}invalid value {value!r}: {exc}") from None


def _where(path: tuple) -> str:
    """``items.2.date: `` (nothing at the top): where a value is, to begin a message (built only
    when there is one)."""
    where = ".".join(str(p) for p in path)
    return f"{where}: " if where else ""


#: A line longer than this is not shown back quoted in the hint (one problem, one short line).
MAX_HINT_LINE = 500
#: ``copy: Order by 20 December: https://…`` (a field, then a text with ': ' inside).
_FIELD_WITH_TEXT = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"\[\]{}&*!|>%@`-][^:]*?):\s+([^\s'\"\[{&*!|>%@`#].*?)\s*$")


def _colon_hint(text: str, index: int) -> str:
    """For a ': ' inside an unquoted text (YAML reads it as a second field): the line with the
    text in quotes, as the author can copy it."""
    lines = text.split("\n")
    match = _FIELD_WITH_TEXT.match(lines[index]) if 0 <= index < len(lines) else None
    if not match or ": " not in match.group(2) + " ":
        return ""
    field, value = match.group(1), match.group(2)
    if len(field) + len(value) > MAX_HINT_LINE:  # a whole article on one line: not echoed back
        return f"; a ': ' inside a text needs the text in quotes, e.g. {field[:MAX_KEY_CHARS]}: \"…\""
    quoted = f'"{value}"' if '"' not in value and "\\" not in value else "'" + value.replace("'", "''") + "'"
    return f"; a ': ' inside a text needs the text in quotes, e.g. {field}: {quoted}"


def _cut_short(previous: tuple[yaml.Node, yaml.Node] | None, key_node: yaml.ScalarNode) -> str:
    """The message for a comma inside ``{…}`` that YAML took as the end of a field."""
    field, before = previous if previous else (None, None)
    if (
        isinstance(before, yaml.ScalarNode)
        and not before.style
        and before.tag in (_INT, _FLOAT)
        and key_node.value.strip().isdigit()
    ):
        from .model import how_to_write_number

        written = f"{before.value},{key_node.value}"
        return (
            f"the amount {written} is cut in two by its comma (inside {{…}} a comma separates fields): "
            f"{how_to_write_number(written)}"
        )
    if isinstance(before, yaml.ScalarNode) and isinstance(field, yaml.ScalarNode):
        return (
            f"'{key_node.value}' has no ':' — an unquoted comma inside {{…}} ends a field, so '{field.value}' was cut "
            "short "
            f"after '{before.value}'; put the text in quotes, e.g. {field.value}: \"{before.value}, {key_node.value}\""
        )
    return (
        f"'{key_node.value}' has no ':' — inside {{…}} every field is written 'name: value'; "
        "put text with a comma in quotes"
    )
