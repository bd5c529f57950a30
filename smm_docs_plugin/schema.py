"""``smm schema``: JSON Schema (draft 2020-12) of every plan file's frontmatter, for editors.

The schema is generated from the same pydantic models the loader validates with, so it cannot
drift from the contract. It describes what a person *writes*: loader-only fields are removed,
times are ``HH:MM`` strings, amounts are numbers, dates are ``format: date`` strings, and every
reference is an id string. ``smm check`` stays the authority (it also checks that references
exist, RRULEs parse, end dates follow start dates...); the schema gives completion and early
red squiggles.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue, models_json_schema
from pydantic_core import core_schema

from . import model
from .hints import ID_PATTERN
from .model import RESERVED_FIELDS, Entity, Mission, Ref
from .sections import models as section_models
from .sections import section_names

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TIME_PATTERN = r"^([01]?\d|2[0-3]):[0-5]\d$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
DURATION_PATTERN = r"^[1-9]\d{0,3}[dwm]$"
URL_PATTERN = r'^(https?://|mailto:)[^\s"<>`]+$'  # valid ECMA-262 too (no "\\"" escape)
#: Numbers may be quoted in YAML ("2000"): smm check reads them, so the schema does too.
NUMBER_TEXT = r"^-?\d+(\.\d+)?$"
AMOUNT_TEXT = r"^\d+(\.\d{1,2})?$"
INTEGER_TEXT = r"^-?\d+$"
#: What smm check reads as a yes/no (YAML 1.2 booleans, and the words people type).
BOOLEAN_VALUES = [True, False] + [
    w for word in ("yes", "no", "on", "off", "true", "false") for w in (word, word.capitalize(), word.upper())
]


def schema_names() -> tuple[str, ...]:
    """Schema names: ``mission`` plus every section folder of the registry, in its order."""
    return ("mission", *section_names())


_SECTION_FOLDER = {"company_goals": "mission.md company_goals"}


class PlanJsonSchema(GenerateJsonSchema):
    """Pydantic's generator, adjusted to the values people type in YAML rather than the
    Python types the loader produces."""

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        return {"type": ["number", "string"], "pattern": NUMBER_TEXT}

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        generated = super().int_schema(schema)
        generated.update(type=["integer", "string"], pattern=INTEGER_TEXT)
        return generated

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        return {"type": ["boolean", "string"], "enum": BOOLEAN_VALUES}

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        # The pattern catches "next week" even in validators that treat format as a note only.
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}

    def time_schema(self, schema: core_schema.TimeSchema) -> JsonSchemaValue:
        return {"type": "string", "pattern": TIME_PATTERN, "description": "HH:MM, 24 h"}

    def function_after_schema(self, schema: core_schema.AfterValidatorFunctionSchema) -> JsonSchemaValue:
        return _refine(schema, super().function_after_schema(schema))

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        return _refine(schema, super().function_before_schema(schema))


def _refine(schema: Any, generated: JsonSchemaValue) -> JsonSchemaValue:
    """Turn the model's custom validators into the JSON Schema constraints they enforce."""
    kind = model.value_kind(schema.get("function", {}).get("function"))
    refined = dict(generated)
    if kind == "amount":
        refined.update(minimum=0, pattern=AMOUNT_TEXT)
    elif kind == "id":
        # An all-digit id (2027) may be written without quotes: YAML reads a number.
        types = refined.get("type")
        if types == "string":
            refined["type"] = ["string", "integer"]
    elif kind == "month":
        refined.update(type="string", pattern=MONTH_PATTERN)
    elif kind == "duration":
        refined.update(type="string", pattern=DURATION_PATTERN)
    elif kind == "url":
        refined.update(type="string", pattern=URL_PATTERN, format="uri")
    elif kind == "rrule":
        refined.update(type="string", pattern=r"^(RRULE:)?[A-Za-z]+=", description="RFC 5545 RRULE")
    return refined


def build_schemas() -> dict[str, dict[str, Any]]:
    """One standalone schema per plan file kind: ``{"mission": {...}, "goals": {...}, ...}``."""
    models: dict[str, type[Entity]] = {"mission": Mission, **section_models()}
    _, combined = models_json_schema([(cls, "validation") for cls in models.values()], schema_generator=PlanJsonSchema)
    defs: dict[str, Any] = combined["$defs"]
    _standard_bounds(defs)
    _drop_kinds(defs)
    for cls in _all_models(models.values()):
        definition = defs.get(cls.__name__)
        if definition is not None:
            _tidy_model(cls, definition)
    schemas = {}
    for name, cls in models.items():
        root = dict(defs[cls.__name__])
        used = _referenced_defs(root, defs)
        schema: dict[str, Any] = {"$schema": DRAFT, "$id": f"smm-{name}.schema.json"}
        schema.update(root)
        schema["title"] = _schema_title(name)
        if used:
            schema["$defs"] = {key: defs[key] for key in sorted(used)}
        schemas[name] = schema
    return schemas


def build_bundle() -> dict[str, Any]:
    """Every schema in one document: ``#/$defs/<name>`` for ``mission`` and each section."""
    bundle: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": "smm-plan.schema.json",
        "title": "smm plan files (frontmatter)",
        "description": "Point an editor at #/$defs/<section> for the files of plan/<section>/.",
        "$defs": {},
    }
    for name, schema in build_schemas().items():
        inner = {k: v for k, v in schema.items() if k not in ("$schema", "$id", "$defs")}
        # Nested definitions live in the bundle's own $defs, so their "#/$defs/X" refs resolve.
        for key, value in schema.get("$defs", {}).items():
            bundle["$defs"][key] = value
        bundle["$defs"][name] = inner
    bundle["$defs"] = dict(sorted(bundle["$defs"].items()))
    return bundle


def _schema_title(name: str) -> str:
    return "plan/mission.md" if name == "mission" else f"plan/{name}/<id>.md"


def _all_models(roots: typing.Iterable[type[BaseModel]]) -> list[type[BaseModel]]:
    """Every model reachable from ``roots`` through field annotations."""
    seen: list[type[BaseModel]] = []
    stack = list(roots)
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.append(cls)
        for field in cls.model_fields.values():
            stack.extend(_models_in(field.annotation))
    return seen


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found.extend(_models_in(arg))
    return found


def _ref_section(annotation: Any, metadata: list[Any]) -> str | None:
    """The section a field (or its list items) points into, from its ``Ref`` marker."""
    for item in metadata:
        if isinstance(item, Ref):
            return item.section
    if typing.get_origin(annotation) is typing.Annotated:
        _, *extras = typing.get_args(annotation)
        for item in extras:
            if isinstance(item, Ref):
                return item.section
    for arg in typing.get_args(annotation):
        found = _ref_section(arg, [])
        if found:
            return found
    return None


def _tidy_model(cls: type[BaseModel], definition: dict[str, Any]) -> None:
    """Drop loader-only fields, forbid unknown keys (they are typos: ``smm check`` warns and
    suggests the closest name) and mark references. Hover help is each field's own
    ``description`` (and ``examples``), written on the model."""
    properties: dict[str, Any] = definition.get("properties", {})
    if issubclass(cls, Entity):
        for name in RESERVED_FIELDS:
            properties.pop(name, None)
        if "required" in definition:
            definition["required"] = [r for r in definition["required"] if r not in RESERVED_FIELDS]
    definition["additionalProperties"] = False
    for name, prop in properties.items():
        prop.pop("title", None)
        field = cls.model_fields.get(name)
        section = _ref_section(field.annotation, field.metadata) if field else None
        if section:
            _mark_reference(prop, section)
    definition.pop("description", None)
    for prop in properties.values():
        # Pydantic writes a Decimal default as text ("0"): a number field's default is a number.
        if isinstance(prop.get("default"), str) and re.fullmatch(NUMBER_TEXT, prop["default"]):
            number = float(prop["default"])
            prop["default"] = int(number) if number.is_integer() else number
    if cls is Mission and "currency" in properties:
        properties["currency"]["pattern"] = "^[A-Za-z]{3}$"
    if issubclass(cls, model.Repeat):
        # Exactly one of rrule and the plain form (§7); rrule's empty default is no rule.
        properties["rrule"].pop("default", None)
        plain = [{"required": [name]} for name in ("every", "interval", "on")]
        definition["oneOf"] = [
            {"required": ["rrule"], "not": {"anyOf": plain}},
            {"required": ["every"], "not": {"required": ["rrule"]}},
        ]
    if cls.__name__ == "Initiative":
        # Exactly one of end and duration (§2).
        definition["oneOf"] = [
            {"required": ["end"], "not": {"required": ["duration"]}},
            {"required": ["duration"], "not": {"required": ["end"]}},
        ]
    _close_month_mappings(definition)


_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _standard_bounds(schema: Any) -> None:
    """Pydantic leaves ``ge``/``le`` of a constrained type behind a validator under their Python
    names; validators only know ``minimum``/``maximum``."""
    if isinstance(schema, dict):
        types = schema.get("type")
        if types in ("integer", "number") or (isinstance(types, list) and {"integer", "number"} & set(types)):
            for python_name, json_name in _BOUNDS.items():
                if python_name in schema:
                    schema[json_name] = schema.pop(python_name)
        for value in schema.values():
            _standard_bounds(value)
    elif isinstance(schema, list):
        for value in schema:
            _standard_bounds(value)


def _drop_kinds(schema: Any) -> None:
    """A field's ``kind`` (model.KINDS) is for the editor and the pages: no JSON Schema keyword
    (strict validators such as Ajv refuse unknown ones); its pattern or format says it here."""
    if isinstance(schema, dict):
        if isinstance(schema.get("kind"), str):
            del schema["kind"]
        for value in schema.values():
            _drop_kinds(value)
        # A mapping's key type said only its kind (its pattern is in patternProperties).
        if schema.get("propertyNames") == {}:
            del schema["propertyNames"]
    elif isinstance(schema, list):
        for value in schema:
            _drop_kinds(value)


def _close_month_mappings(schema: Any) -> None:
    """A ``YYYY-MM: amount`` mapping accepts month keys only (``2027-13`` is a typo)."""
    if isinstance(schema, dict):
        if "patternProperties" in schema:
            schema.setdefault("additionalProperties", False)
        for value in schema.values():
            _close_month_mappings(value)
    elif isinstance(schema, list):
        for value in schema:
            _close_month_mappings(value)


def _mark_reference(schema: Any, section: str) -> None:
    """Every string leaf of a reference field is an id into ``section``."""
    if not isinstance(schema, dict):
        return
    types = schema.get("type")
    if types == "string" or (isinstance(types, list) and "string" in types):
        if section != "company_goals":
            schema["pattern"] = ID_PATTERN
        where = _SECTION_FOLDER.get(section, f"plan/{section}/<id>.md")
        schema.setdefault("description", f"id of an entry in {where}")
    for key in ("anyOf", "oneOf"):
        for option in schema.get(key, []):
            _mark_reference(option, section)
    if "items" in schema:
        _mark_reference(schema["items"], section)


def _referenced_defs(schema: Any, defs: dict[str, Any]) -> set[str]:
    """Names of the ``$defs`` a schema needs, followed transitively."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref[len("#/$defs/") :]
                if name not in found:
                    found.add(name)
                    walk(defs[name])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return found


DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def as_draft_07(schema: dict[str, Any]) -> dict[str, Any]:
    """The same schema for draft-07 validators (Ajv's default class, which remark-lint and many
    editor plugins use): ``definitions`` instead of ``$defs``; no 2020-12-only keyword is used."""
    text = json.dumps(schema).replace('"#/$defs/', '"#/definitions/')
    converted = json.loads(text)
    converted["$schema"] = DRAFT_07
    if "$defs" in converted:
        converted["definitions"] = converted.pop("$defs")
    return converted


def _dump(schema: dict[str, Any], draft: str = "2020-12") -> str:
    if draft == "07":
        schema = as_draft_07(schema)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def run_schema(args: argparse.Namespace) -> int:
    """Print one bundled schema, one section's schema, or write one file per section."""
    names = schema_names()
    if args.section and args.section not in names:
        print(f"smm schema: unknown section {args.section!r}; choose from {', '.join(names)}", file=sys.stderr)
        return 2
    draft = args.draft
    text = _dump(build_schemas()[args.section], draft) if args.section else None
    output: Path | None = args.output
    if output is None:
        sys.stdout.write(text if text is not None else _dump(build_bundle(), draft))
        return 0
    if text is not None or output.suffix == ".json":
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text if text is not None else _dump(build_bundle(), draft), encoding="utf-8")
        print(f"wrote {output}")
        return 0
    output.mkdir(parents=True, exist_ok=True)
    for name, schema in build_schemas().items():
        (output / f"{name}.schema.json").write_text(_dump(schema, draft), encoding="utf-8")
    print(f"wrote {len(names)} schemas to {output}/ ({', '.join(f'{n}.schema.json' for n in names)})")
    return 0


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of plan files' frontmatter (for editors)",
        description=(
            "JSON Schema (draft 2020-12) of the frontmatter of every plan file. Without options: one "
            "document with a definition per section under $defs. With -o DIR: one file per section "
            "(mission.schema.json, goals.schema.json, ...); with -o FILE.json: the bundle in a file."
        ),
    )
    parser.add_argument("--section", metavar="NAME", help=f"only this one: {', '.join(schema_names())}")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE|DIR",
        help="write to FILE.json, or one NAME.schema.json per section into DIR",
    )
    parser.add_argument(
        "--draft",
        choices=["2020-12", "07"],
        default="2020-12",
        help="JSON Schema draft: 2020-12 (default) or 07 for draft-07 tools such as remark-lint-frontmatter-schema",
    )
    parser.set_defaults(run=run_schema)
