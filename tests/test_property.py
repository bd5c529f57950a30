"""Property-based tests: a randomly corrupted plan ends in a build or in clear errors, never in
a traceback.

Each example starts from the small valid plan (tests/fixtures/minimal_plan) and damages one
file: random YAML values in known and unknown fields (kept or replaced), random bodies full of
``[[...]]`` and internal fences, or random bytes. ``smm check`` must return 0 or 1; a real MkDocs
build must succeed exactly when the check found no error, and otherwise stop with MkDocs' own
clean abort.
"""

from __future__ import annotations

import contextlib
import io
import logging
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smm_docs_plugin.cli import main
from smm_docs_plugin.model import Mission
from smm_docs_plugin.sections import models as section_models

SECTION_MODELS = section_models()

from .conftest import MINIMAL_PLAN, build, make_project

TODAY = "2027-03-10"

#: The files of the minimal plan and the model of each (mission.md is the Mission).
FILES = sorted(p.relative_to(MINIMAL_PLAN).as_posix() for p in MINIMAL_PLAN.rglob("*.md"))

#: Values that reach deep code paths (ids of the plan, dates, rules, times, durations, URLs).
INTERESTING = [
    "ana",
    "instagram",
    "grow-instagram",
    "launch-reels",
    "nobody",
    "Grow Instagram",
    "FREQ=WEEKLY;BYDAY=MO",
    "FREQ=DAILY;COUNT=3",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=NOPE",
    "09:00",
    "24:00",
    "23:59",
    "4w",
    "0d",
    "1m",
    "9999d",
    "2027-02",
    "2027-13",
    "2027-02-29",
    "2028-02-29",
    "https://example.com",
    "mailto:a@example.com",
    "javascript:alert(1)",
    "EUR",
    "XXX",
    "Europe/Berlin",
    "../etc",
    "DE",
    "US-CA",
    "ZZ",
    "awareness",
    "advertising",
    "in-progress",
    "done",
    "scheduled",
    "sales",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "[[goals/grow-instagram]]",
    "=1+1",
    "",
    " ",
    "0.10",
    "-1",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**6), max_value=10**6).map(float),
    st.text(max_size=24),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31)),
    st.sampled_from(INTERESTING),
)


def _field_names() -> list[str]:
    names: set[str] = set(Mission.model_fields)
    for model in SECTION_MODELS.values():
        names.update(model.model_fields)
    return sorted(names - {"lines", "section", "source", "body"}) + ["dedline", "titel", "id", "x-custom"]


FIELD_NAMES = _field_names()
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(min_size=1, max_size=12))
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)),
    max_leaves=10,
)

BODY_TOKENS = [
    "[[",
    "]]",
    "|",
    "goals/",
    "team/",
    "initiatives/",
    "grow-instagram",
    "ana",
    "nope",
    "\n",
    "\n\n",
    " ",
    "<!-- internal -->",
    "<!-- /internal -->",
    "# ",
    "---\n",
    "```\n",
    "<div>",
    "</div>",
    "&",
    "*",
    "`",
    "<",
    "[x](javascript:alert(1))",
    "{{ x }}",
    "{% if %}",
    "\\",
    "\t",
]
bodies = st.lists(st.one_of(st.sampled_from(BODY_TOKENS), st.text(max_size=12)), max_size=25).map("".join)


def _frontmatter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1]) or {}


@st.composite
def damage(draw: st.DrawFn) -> tuple[str, bytes]:
    """(relative path, new content) for one file of the minimal plan, or a new file."""
    kind = draw(st.sampled_from(["mutate", "mutate", "mutate", "replace", "new", "bytes", "text"]))
    target = draw(st.sampled_from(FILES))
    if kind == "new":
        section = draw(st.sampled_from(sorted(SECTION_MODELS)))
        stem = draw(
            st.one_of(
                st.sampled_from(["x", "ana", "grow-instagram", "a" * 65, "Bad_Id"]),
                st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}", fullmatch=True),
            )
        )
        target = f"{section}/{stem}.md"
    if kind == "bytes":
        return target, draw(st.binary(max_size=200))
    if kind == "text":
        return target, ("---\n" + draw(st.text(max_size=120)) + "\n---\n" + draw(bodies)).encode("utf-8")
    data: dict[str, Any] = (
        _frontmatter(MINIMAL_PLAN / target) if kind == "mutate" and (MINIMAL_PLAN / target).exists() else {}
    )
    for key in draw(st.lists(st.sampled_from(sorted(data)), max_size=2, unique=True)) if data else []:
        del data[key]
    data.update(draw(st.dictionaries(keys, values, min_size=1, max_size=4)))
    if kind == "new" and draw(st.booleans()):
        data.setdefault("title", draw(st.text(max_size=20)))
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + draw(bodies)
    return target, text.encode("utf-8")


def _damaged_plan(root: Path, target: str, content: bytes) -> Path:
    plan = root / "plan"
    shutil.copytree(MINIMAL_PLAN, plan)
    path = plan / target
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return plan


def _check(plan: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(plan), "--today", TODAY])
    return code, out.getvalue()


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(damage())
def test_check_returns_0_or_1_and_never_raises(change):
    target, content = change
    with tempfile.TemporaryDirectory() as tmp:
        plan = _damaged_plan(Path(tmp), target, content)
        code, out = _check(plan)
    assert code in (0, 1)
    for line in out.splitlines():
        assert ": error: " in line or ": warning: " in line, line
    if code == 1:
        assert ": error: " in out


@settings(max_examples=15, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(damage())
def test_a_build_succeeds_exactly_when_the_check_passes(change):
    from mkdocs.exceptions import Abort, PluginError

    target, content = change
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        _damaged_plan(root, target, content)
        code, out = _check(root / "plan")
        config = make_project(root)
        logging.disable(logging.CRITICAL)  # MkDocs logs every error of an aborted build
        try:
            build(config)
            built = True
        except (Abort, PluginError):
            built = False
        finally:
            logging.disable(logging.NOTSET)
        assert built == (code == 0), out
        if built:
            assert (root / "site" / "strategy" / "plan.json").is_file()


# --- plans generated from the model's own types (issue #14) ---------------------------------------
#
# Every field's strategy is derived from its annotation and validators in smm_docs_plugin.model:
# the bounds the model states (years, magnitudes, decimals, scores) are the bounds generated, so
# a new field or a changed bound is exercised without editing this file. The property: when
# `smm check` passes, a real MkDocs build of both audiences passes too, with no traceback.

import types as _types
import typing
from datetime import timedelta
from decimal import Decimal

import annotated_types
from hypothesis import assume
from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo

from smm_docs_plugin import model as plan_model
from smm_docs_plugin.model import RESERVED_FIELDS, Ref

#: One entity per section (team and goals are referenced by required fields of others).
IDS = {section: f"{section[:3]}-1" for section in SECTION_MODELS}
COMPANY_GOAL = "grow"

#: The few `str` fields whose meaning the type does not carry (a currency, a time zone, a rule):
#: valid values of each, edge cases included. Everything else comes from the annotations.
MEANINGFUL_TEXT: dict[str, st.SearchStrategy[Any]] = {
    "currency": st.sampled_from(["EUR", "RON", "USD", "JPY", "BHD"]),
    "timezone": st.sampled_from(
        ["UTC", "Europe/Berlin", "Pacific/Kiritimati", "America/St_Johns", "Australia/Lord_Howe"]
    ),
    "platform": st.sampled_from(["instagram", "tiktok", "newsletter", "other-network"]),
}
RULES = st.sampled_from(
    [
        "FREQ=WEEKLY;BYDAY=MO,TH",
        "FREQ=DAILY",
        "FREQ=MONTHLY;BYMONTHDAY=31",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=HOURLY;INTERVAL=6",
        "FREQ=DAILY;COUNT=3",
        "FREQ=WEEKLY;UNTIL=20270101T000000Z",
    ]
)
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


def _edges(low: Any, high: Any, inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Values anywhere in the model's range, with its ends drawn often."""
    return st.one_of(st.sampled_from([low, high]), inner)


def _decimal_text(value: Decimal) -> Decimal:
    # The written form YAML reads back as this number; trailing zeros would read like a
    # thousands separator (2.890), which the model refuses on purpose.
    return value.normalize() if value != value.to_integral_value() else value.quantize(Decimal(1))


def strategy_for(annotation: Any, metadata: list[Any] = (), name: str = "") -> st.SearchStrategy[Any]:  # type: ignore[assignment]
    """A strategy for values of ``annotation`` (with pydantic ``metadata``) that the model accepts
    or sits right at its edge."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return strategy_for(inner, [*metadata, *extra], name)
    functions = {m.func for m in metadata if isinstance(m, AfterValidator)}
    refs = [m for m in metadata if isinstance(m, Ref)]
    bounds = {type(c): c for m in metadata if isinstance(m, FieldInfo) for c in m.metadata}
    if refs:
        section = refs[0].section
        return st.just(COMPANY_GOAL) if section == "company_goals" else st.just(IDS[section])
    if origin in (typing.Union, _types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return st.one_of(*(strategy_for(a, metadata, name) for a in options))
    if origin is list:
        return st.lists(strategy_for(typing.get_args(annotation)[0], [], name), max_size=3)
    if origin is dict:
        key, value = typing.get_args(annotation)
        keys = TEXT.filter(lambda k: k.strip() != "") if key is str else strategy_for(key, [], name)
        return st.dictionaries(keys, strategy_for(value, [], name), max_size=3)
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_strategy(annotation)
    if plan_model._check_amount in functions:
        top = plan_model.MAX_MAGNITUDE - Decimal("0.01")
        return _edges(Decimal(0), top, st.decimals(0, top, places=2)).map(_decimal_text)
    if plan_model._check_number in functions:
        top = plan_model.MAX_MAGNITUDE - Decimal(1).scaleb(-plan_model.MAX_DECIMALS)
        return _edges(-top, top, st.decimals(-top, top, places=plan_model.MAX_DECIMALS)).map(_decimal_text)
    if plan_model._check_plan_years in functions or plan_model._check_history_years in functions:
        low = plan_model.MIN_YEAR if plan_model._check_plan_years in functions else plan_model.MIN_HISTORY_YEAR
        first, last = date(low, 1, 1), date(plan_model.MAX_YEAR, 12, 31)
        return _edges(first, last, st.one_of(st.dates(first, last), st.dates(date(2026, 1, 1), date(2028, 12, 31))))
    if plan_model._check_month in functions:
        return st.dates(date(plan_model.MIN_YEAR, 1, 1), date(plan_model.MAX_YEAR, 12, 31)).map(
            lambda d: d.strftime("%Y-%m")
        )
    if plan_model._check_duration in functions:
        return st.tuples(st.integers(1, 9999), st.sampled_from("dwm")).map(lambda p: f"{p[0]}{p[1]}")
    if plan_model._check_url in functions:
        return st.sampled_from(["https://example.com/a?b=c&d=<e>", "mailto:team@example.com", "http://localhost:8000/"])
    if plan_model._check_rrule in functions:
        return RULES
    if annotation is plan_model.time or annotation is typing.Any and name == "time":
        return st.times().map(lambda t: t.strftime("%H:%M"))
    if plan_model._country_code in functions:
        return st.sampled_from(["DE", "ro", "US-CA", "FR"])
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        low = bounds[annotated_types.Ge].ge if annotated_types.Ge in bounds else -(10**6)
        high = bounds[annotated_types.Le].le if annotated_types.Le in bounds else 10**6
        return _edges(low, high, st.integers(low, high))
    if annotation is str:
        return MEANINGFUL_TEXT.get(name, TEXT)
    if annotation is typing.Any:
        return TEXT
    from datetime import time as time_type

    if annotation is time_type:
        return st.times().map(lambda t: t.strftime("%H:%M"))
    raise AssertionError(f"no strategy for {annotation!r} ({name}): teach strategy_for this type")


def model_strategy(cls: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping of a model's fields: every required one, each optional one or not."""
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, info in cls.model_fields.items():
        if name in RESERVED_FIELDS or info.exclude:
            continue
        if cls is plan_model.CompanyGoal and name == "id":
            strategy: st.SearchStrategy[Any] = st.just(COMPANY_GOAL)
        else:
            strategy = strategy_for(info.annotation, list(info.metadata), name)
        (required if info.is_required() else optional)[name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


@st.composite
def generated_plans(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    """``{"mission.md": {...}, "goals/goa-1.md": {...}, ...}``: one file per section, each
    section present or not (team and goals always: other sections' required fields point there)."""
    mission = draw(model_strategy(Mission))
    start = mission["horizon"]["start"]
    # The one rule across two fields that types cannot say: a horizon of at most 10 years.
    mission["horizon"]["end"] = draw(
        st.dates(start, min(start + timedelta(days=3650), date(plan_model.MAX_YEAR, 12, 31)))
    )
    mission["company_goals"] = [{"id": COMPANY_GOAL, "title": draw(TEXT)}]
    mission.pop("review", None) if draw(st.booleans()) else None
    files = {"mission.md": mission}
    for section, cls in SECTION_MODELS.items():
        if section in ("team", "goals", "channels") or draw(st.booleans()):
            files[f"{section}/{IDS[section]}.md"] = draw(model_strategy(cls))
    return files


def _write_generated(plan: Path, files: dict[str, dict[str, Any]]) -> None:
    for rel, data in files.items():
        path = plan / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.dump(data, Dumper=_PlanDumper, allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{text}---\nBody of {rel}.\n", encoding="utf-8")


class _PlanDumper(yaml.SafeDumper):
    """Writes Decimals as plain YAML numbers (the loader reads them back exactly)."""


_PlanDumper.add_representer(
    Decimal,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:float" if value.as_tuple().exponent < 0 else "tag:yaml.org,2002:int", f"{value:f}"
    ),
)


@settings(
    max_examples=5,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
@given(generated_plans())
def test_a_plan_the_check_passes_builds_for_both_audiences(files):
    from mkdocs.exceptions import Abort, PluginError

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        _write_generated(root / "plan", files)
        code, out = _check(root / "plan")
        assert code in (0, 1) and "Traceback" not in out
        assume(code == 0)  # the property is about plans the check accepts
        logging.disable(logging.CRITICAL)
        try:
            for audience in ("team", "stakeholders"):
                config = make_project(root, options={"audience": audience})
                try:
                    site = build(config)
                except (Abort, PluginError) as exc:
                    raise AssertionError(f"smm check passed but the {audience} build failed: {exc}") from None
                assert (site / "strategy" / "plan.json").is_file()
        finally:
            logging.disable(logging.NOTSET)


def test_the_generated_plans_follow_the_model_bounds():
    """The strategies read the bounds from the model (so a changed bound is tested as changed)."""
    amount = strategy_for(plan_model.Amount)
    number = strategy_for(plan_model.Number)
    day = strategy_for(plan_model.Day)

    @settings(max_examples=60, database=None, derandomize=True)
    @given(amount, number, day)
    def inside(a: Decimal, n: Decimal, d: date) -> None:
        assert 0 <= a < plan_model.MAX_MAGNITUDE and -a.as_tuple().exponent <= 2  # type: ignore[operator]
        assert abs(n) < plan_model.MAX_MAGNITUDE
        assert plan_model.MIN_YEAR <= d.year <= plan_model.MAX_YEAR

    inside()
