"""``smm schema``: the JSON Schema editors use accepts real plan files and rejects broken ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from smm_docs_plugin.cli import main
from smm_docs_plugin.model import RESERVED_FIELDS
from smm_docs_plugin.scaffold import init_handbook
from smm_docs_plugin.schema import build_bundle, build_schemas, schema_names
from smm_docs_plugin.sections import section_names

from .conftest import EXAMPLE_PLAN, MINIMAL_PLAN


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2 core): dates stay strings."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def frontmatter(text: str) -> dict:
    _, block, _ = text.split("---\n", 2)
    return yaml.load(block, Loader=EditorLoader) or {}


def schema_for(path: Path, plan_root: Path) -> dict:
    rel = path.relative_to(plan_root)
    name = "mission" if rel.parts == ("mission.md",) else rel.parts[0]
    return build_schemas()[name]


def errors(schema: dict, data: dict) -> list[str]:
    return sorted(e.message for e in Draft202012Validator(schema).iter_errors(data))


def test_every_schema_is_valid_draft_2020_12() -> None:
    schemas = build_schemas()
    assert set(schemas) == set(schema_names()) == {"mission", *section_names()}
    for schema in schemas.values():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)
    Draft202012Validator.check_schema(build_bundle())


def test_loader_only_fields_are_not_offered() -> None:
    for name, schema in build_schemas().items():
        assert not RESERVED_FIELDS & set(schema["properties"]), name
        assert "title" in schema["required"]
    # A company goal's own ``id`` is something people write: it stays.
    mission = build_schemas()["mission"]
    assert "id" in mission["$defs"]["CompanyGoal"]["properties"]


@pytest.mark.parametrize("which", ["minimal", "example", "scaffold"])
def test_valid_plan_files_are_accepted(which: str, tmp_path: Path) -> None:
    if which == "scaffold":
        init_handbook(tmp_path, year=2027)
        plan_root = tmp_path / "plan"
    else:
        plan_root = {"minimal": MINIMAL_PLAN, "example": EXAMPLE_PLAN}[which]
    files = sorted(plan_root.rglob("*.md"))
    assert files
    for path in files:
        data = frontmatter(path.read_text(encoding="utf-8"))
        assert errors(schema_for(path, plan_root), data) == [], path


def test_broken_goal_is_rejected_with_reasons() -> None:
    goal = frontmatter((MINIMAL_PLAN / "goals" / "grow-instagram.md").read_text(encoding="utf-8"))
    schema = build_schemas()["goals"]
    broken = dict(goal, type="vanity", deadline="next summer", owner="Ana Lopez", targte=5)
    del broken["target"]
    found = errors(schema, broken)
    assert "'target' is a required property" in found
    assert any("'vanity' is not one of" in e for e in found)
    assert any("'next summer' does not match" in e for e in found)
    assert any("'Ana Lopez' does not match" in e for e in found)
    assert any("'targte' was unexpected" in e for e in found)


def test_values_are_typed_as_people_write_them() -> None:
    schemas = build_schemas()
    channel = schemas["channels"]
    slot = {"rrule": "FREQ=WEEKLY;BYDAY=MO", "time": "09:30"}
    base = {"title": "IG", "platform": "instagram", "purpose": "sales", "owner": "ana"}
    assert errors(channel, dict(base, cadence=[slot])) == []
    assert errors(channel, dict(base, cadence=[dict(slot, time="9.30am")]))
    budget = schemas["budget"]
    line = {"title": "Ads", "category": "advertising"}
    assert errors(budget, dict(line, planned=300.5, actual={"2027-01": 120})) == []
    assert errors(budget, dict(line, planned={"2027-01": 100, "2027-02": 0})) == []
    assert errors(budget, dict(line, planned=-5))
    assert errors(budget, dict(line, planned={"2027-13": 100}))
    # What smm check reads, the schema accepts: quoted numbers, yes/no, unquoted all-digit ids.
    assert errors(budget, dict(line, planned="300", carry_over="yes")) == []
    assert errors(budget, dict(line, planned="lots"))
    assert errors(budget, dict(line, planned="300.125"))
    assert errors(budget, dict(line, planned="-5"))
    assert errors(budget, dict(line, planned=100, carry_over="maybe"))
    initiative = schemas["initiatives"]
    work = {"title": "Reels", "goal": "g", "owner": "ana", "start": "2027-01-04"}
    assert errors(initiative, dict(work, duration="2w")) == []
    assert errors(initiative, dict(work, duration="2w", owner=2027, value="4")) == []
    assert errors(initiative, dict(work, duration="two weeks"))
    assert errors(initiative, dict(work, duration="2w", value=6))
    # Exactly one of end and duration.
    assert errors(initiative, dict(work, end="2027-01-17")) == []
    assert errors(initiative, work)
    assert errors(initiative, dict(work, end="2027-01-17", duration="2w"))
    mission = schemas["mission"]
    plan = {"title": "Acme", "mission": "Bikes", "horizon": {"start": "2027-01-01", "end": "2027-12-31"}}
    assert errors(mission, dict(plan, currency="EUR")) == []
    assert errors(mission, dict(plan, currency="euro"))
    assert schemas["goals"]["properties"]["baseline"]["default"] == 0


def test_patterns_are_valid_ecma_262_regexes() -> None:
    """Editors validate in JavaScript (Ajv, u flag): no escapes JavaScript refuses, such as \\"."""
    found = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.append(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(build_schemas())
    assert found
    for pattern in found:
        # The only escapes a u-flag JavaScript regex takes here: \d \s \w \. and the like.
        assert not re.search(r"\\[^dDsSwWbB.\-\[\]()^$*+?{}|/\\nrtfv]", pattern), pattern


def test_cli_prints_bundle_one_section_or_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    bundle = json.loads(capsys.readouterr().out)
    assert {"mission", "goals", "budget", "Horizon"} <= set(bundle["$defs"])
    goal_file = frontmatter((MINIMAL_PLAN / "goals" / "grow-instagram.md").read_text(encoding="utf-8"))
    by_ref = {"$schema": bundle["$schema"], "$defs": bundle["$defs"], "$ref": "#/$defs/goals"}
    assert errors(by_ref, goal_file) == []

    assert main(["schema", "--section", "goals"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "plan/goals/<id>.md"

    assert main(["schema", "-o", str(tmp_path / "schemas")]) == 0
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(f"{name}.schema.json" for name in schema_names())

    assert main(["schema", "--section", "nonsense"]) == 2
    assert "unknown section" in capsys.readouterr().err


def test_draft_07_for_editor_plugins(tmp_path: Path) -> None:
    from jsonschema import Draft7Validator

    assert main(["schema", "--draft", "07", "-o", str(tmp_path / "schemas")]) == 0
    goals = json.loads((tmp_path / "schemas" / "goals.schema.json").read_text(encoding="utf-8"))
    assert goals["$schema"] == "http://json-schema.org/draft-07/schema#" and "$defs" not in json.dumps(goals)
    Draft7Validator.check_schema(goals)
    valid = frontmatter((MINIMAL_PLAN / "goals" / "grow-instagram.md").read_text(encoding="utf-8"))
    assert list(Draft7Validator(goals).iter_errors(valid)) == []
    assert list(Draft7Validator(goals).iter_errors(dict(valid, type="vanity", targte=5)))
    channels = json.loads((tmp_path / "schemas" / "channels.schema.json").read_text(encoding="utf-8"))
    slot = {
        "title": "IG",
        "platform": "instagram",
        "purpose": "sales",
        "owner": "ana",
        "cadence": [{"rrule": "FREQ=DAILY", "time": "25:00"}],
    }
    assert list(Draft7Validator(channels).iter_errors(slot))  # nested definitions resolve
