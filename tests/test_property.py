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
from smm_docs_plugin.model import SECTION_MODELS, Mission

from .conftest import MINIMAL_PLAN, build, make_project

TODAY = "2027-03-10"

#: The files of the minimal plan and the model of each (mission.md is the Mission).
FILES = sorted(p.relative_to(MINIMAL_PLAN).as_posix() for p in MINIMAL_PLAN.rglob("*.md"))

#: Values that reach deep code paths (ids of the plan, dates, rules, times, durations, URLs).
INTERESTING = [
    "ana", "instagram", "grow-instagram", "launch-reels", "nobody", "Grow Instagram",
    "FREQ=WEEKLY;BYDAY=MO", "FREQ=DAILY;COUNT=3", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=NOPE",
    "09:00", "24:00", "23:59", "4w", "0d", "1m", "9999d", "2027-02", "2027-13", "2027-02-29", "2028-02-29",
    "https://example.com", "mailto:a@example.com", "javascript:alert(1)", "EUR", "XXX", "Europe/Berlin", "../etc",
    "DE", "US-CA", "ZZ", "awareness", "advertising", "in-progress", "done", "scheduled", "sales",
    "<script>alert(1)</script>", "{{ 7*7 }}", "[[goals/grow-instagram]]", "=1+1", "", " ", "0.10", "-1",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**6, max_value=10**6).map(float),
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
    "[[", "]]", "|", "goals/", "team/", "initiatives/", "grow-instagram", "ana", "nope", "\n", "\n\n", " ",
    "<!-- internal -->", "<!-- /internal -->", "# ", "---\n", "```\n", "<div>", "</div>", "&", "*", "`", "<",
    "[x](javascript:alert(1))", "{{ x }}", "{% if %}", "\\", "\t",
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
        stem = draw(st.one_of(st.sampled_from(["x", "ana", "grow-instagram", "a" * 65, "Bad_Id"]), st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}", fullmatch=True)))
        target = f"{section}/{stem}.md"
    if kind == "bytes":
        return target, draw(st.binary(max_size=200))
    if kind == "text":
        return target, ("---\n" + draw(st.text(max_size=120)) + "\n---\n" + draw(bodies)).encode("utf-8")
    data: dict[str, Any] = _frontmatter(MINIMAL_PLAN / target) if kind == "mutate" and (MINIMAL_PLAN / target).exists() else {}
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
