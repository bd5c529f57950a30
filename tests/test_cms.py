"""The web editor (``cms`` option): Decap CMS at ``admin/`` of team builds, configured from the
plan model; stakeholder builds carry none of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from smm_docs_plugin.model import GOAL_TYPES, RESERVED_FIELDS, STATUSES, Mission
from smm_docs_plugin.sections import models as section_models

SECTION_MODELS = section_models()

from .conftest import EXAMPLE_PLAN, make_project

CMS = {"repo": "kaffeeklatsch/handbook"}


def _config(site: Path) -> dict:
    text = (site / "admin" / "config.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _field(fields: list[dict], *path: str) -> dict:
    field = next(f for f in fields if f["name"] == path[0])
    return _field(field["fields"], *path[1:]) if len(path) > 1 else field


@pytest.fixture(scope="module")
def example_with_cms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import build

    root = tmp_path_factory.mktemp("cms")
    cfg = make_project(
        root / "p",
        copy_plan=EXAMPLE_PLAN,
        options={"cms": CMS},
        config={"theme": {"name": "material", "language": "de"}},
    )
    return build(cfg)


def test_team_build_serves_decap_self_hosted_with_its_configuration(example_with_cms: Path):
    admin = example_with_cms / "admin"
    index = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in index
    assert '<link href="config.yml" type="text/yaml" rel="cms-config-url">' in index
    assert "unpkg" not in index and "cdn" not in index.lower()
    script = (admin / "decap-cms.js").read_bytes()
    assert len(script) > 1_000_000 and b"decap" in script.lower()
    # The chunks decap-cms.js loads on demand sit beside it (webpack loads them from its folder).
    assert len(list(admin.glob("*.decap-cms.js"))) > 10
    assert (admin / "LICENSE").read_text(encoding="utf-8").count("MIT License") == 1

    config = _config(example_with_cms)
    assert config["backend"] == {
        "name": "github",
        "repo": "kaffeeklatsch/handbook",
        "branch": "main",
        "squash_merges": True,
    }
    assert config["publish_mode"] == "editorial_workflow"
    assert config["locale"] == "de"  # theme.language, where Decap has the language
    assert "local_backend" not in config
    assert [c["name"] for c in config["collections"]] == ["mission", *SECTION_MODELS]


def test_one_folder_collection_per_section_with_the_id_as_file_name(example_with_cms: Path):
    config = _config(example_with_cms)
    for section in SECTION_MODELS:
        collection = _collection(config, section)
        assert collection["folder"] == f"plan/{section}"
        assert collection["extension"] == "md" and collection["format"] == "frontmatter"
        assert collection["slug"] == "{{slug}}" and collection["create"] is True
        assert collection["fields"][0]["name"] == "title"
        body = collection["fields"][-1]
        assert body == {  # in the site's language (German here)
            "label": "Notizen (Markdown)",
            "name": "body",
            "widget": "markdown",
            "required": False,
            "hint": "Der Seitentext; [[section/id]] verlinkt auf einen anderen Eintrag.",
        }
    mission = _collection(config, "mission")
    assert mission["files"][0]["file"] == "plan/mission.md"


def test_every_field_of_the_model_is_in_the_editor(example_with_cms: Path):
    """Generated from the model: a field added to a section appears without a second list."""
    config = _config(example_with_cms)
    free_mappings = {"private", "metrics"}  # name -> value mappings of any keys: kept as written
    for section, cls in [("mission", Mission), *SECTION_MODELS.items()]:
        collection = _collection(config, section)
        fields = collection["files"][0]["fields"] if section == "mission" else collection["fields"]
        names = {f["name"] for f in fields}
        expected = {n for n in cls.model_fields if n not in RESERVED_FIELDS} - free_mappings
        if section == "reports":
            expected.discard("metrics")
        assert expected <= names, (section, expected - names)
        if section == "channels":
            assert "metrics" in names  # a channel's metrics are a list of names


def test_widgets_follow_the_field_types(example_with_cms: Path):
    config = _config(example_with_cms)
    goals = _collection(config, "goals")["fields"]
    goal_type = _field(goals, "type")
    assert goal_type == {
        "label": "Typ",
        "name": "type",
        "widget": "select",
        "options": goal_type["options"],
        "required": True,
    }
    # The stored values are the plan's; the options read as the pages show them.
    assert [o["value"] for o in goal_type["options"]] == list(GOAL_TYPES)
    assert goal_type["options"][0] == {"label": "Bekanntheit", "value": "awareness"}
    owner = _field(goals, "owner")
    assert {
        k: owner[k] for k in ("widget", "collection", "search_fields", "value_field", "display_fields", "required")
    } == {
        "widget": "relation",
        "collection": "team",
        "search_fields": ["title"],
        "value_field": "{{slug}}",
        "display_fields": ["title"],
        "required": True,
    }
    assert owner["hint"] == "ID eines Teammitglieds (plan/team/<id>.md)."  # the model's field help, translated
    channels = _field(goals, "channels")
    assert channels["widget"] == "relation" and channels["collection"] == "channels" and channels["multiple"] is True
    deadline = _field(goals, "deadline")
    assert (deadline["widget"], deadline["format"], deadline["time_format"]) == ("datetime", "YYYY-MM-DD", False)
    actuals = _field(goals, "actuals")
    assert actuals["widget"] == "list" and [f["name"] for f in actuals["fields"]] == ["date", "value"]
    assert _field(goals, "target")["widget"] == "number" and _field(goals, "target")["value_type"] == "float"
    supports = _field(goals, "supports")
    assert (supports["collection"], supports["file"], supports["value_field"]) == (
        "mission",
        "mission",
        "company_goals.*.id",
    )

    initiatives = _collection(config, "initiatives")["fields"]
    assert [o["value"] for o in _field(initiatives, "status")["options"]] == list(STATUSES)
    assert _field(initiatives, "status")["default"] == "backlog"
    assert _field(initiatives, "depends_on")["collection"] == "initiatives"
    assert [f["name"] for f in _field(initiatives, "milestones")["fields"]] == ["date", "title"]
    tasks = _field(initiatives, "tasks")
    assert [f["name"] for f in tasks["fields"]][:4] == ["title", "owner", "due", "status"]
    assert _field(tasks["fields"], "status")["default"] == "todo"
    assert _field(initiatives, "value")["value_type"] == "int" and _field(initiatives, "value")["max"] == 5

    channels_fields = _collection(config, "channels")["fields"]
    cadence = _field(channels_fields, "cadence")
    assert cadence["widget"] == "list"
    time = _field(cadence["fields"], "time")
    assert time["widget"] == "string" and time["pattern"][0] == r"^([01]?\d|2[0-3]):[0-5]\d$"
    account = _field(channels_fields, "account")
    assert account["widget"] == "object" and _field(account["fields"], "two_factor")["widget"] == "boolean"
    assert _field(account["fields"], "backup_owner")["collection"] == "team"

    budget = _collection(config, "budget")["fields"]
    actual = _field(budget, "actual")
    # A mapping month -> amount: one number per horizon month (2026-07 .. 2027-06 in the example).
    assert actual["widget"] == "object" and [f["name"] for f in actual["fields"]][:2] == ["2026-07", "2026-08"]
    assert [f["label"] for f in actual["fields"]][:2] == ["Juli 2026", "August 2026"]  # the site's month names
    assert len(actual["fields"]) == 12
    assert all(
        f["widget"] == "number" and f["value_type"] == "float" and f["min"] == 0 and not f["required"]
        for f in actual["fields"]
    )
    assert _field(budget, "planned")["widget"] == "object"

    calendar = _collection(config, "calendar")["fields"]
    items = _field(calendar, "items")
    assert items["widget"] == "list" and {"date", "time", "title", "channel", "status"} <= {
        f["name"] for f in items["fields"]
    }

    mission = _collection(config, "mission")["files"][0]["fields"]
    assert _field(mission, "horizon")["widget"] == "object"
    assert _field(mission, "swot")["widget"] == "object"
    assert _field(mission, "review")["widget"] == "object"
    assert _field(mission, "values")["field"]["widget"] == "string"  # one input per value
    assert [f["name"] for f in _field(mission, "company_goals")["fields"]] == ["id", "title"]


def test_stakeholder_build_carries_no_editor(tmp_path: Path):
    from .conftest import build

    cfg = make_project(
        tmp_path / "p",
        copy_plan=EXAMPLE_PLAN,
        options={"cms": CMS, "audience": "stakeholders"},
        docs={"index.md": "# Handbook\n", "admin/notes.html": "<p>editor notes</p>\n"},
    )
    site = build(cfg)
    assert not (site / "admin").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "admin/" not in text or path.name.endswith(".js") and "admin/config.yml" not in text, path
            assert "decap" not in text.lower() or path.suffix == ".js" and "decap-cms" not in text, path
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any("admin" in doc["location"] for doc in index["docs"])


def test_no_cms_option_no_editor(build_site):
    from .conftest import MINIMAL_PLAN

    site = build_site(copy_plan=MINIMAL_PLAN)
    assert not (site / "admin").exists()


def test_gitlab_and_gitea_backends_and_the_local_backend(build_site):
    from .conftest import MINIMAL_PLAN

    site = build_site(
        copy_plan=MINIMAL_PLAN,
        options={
            "cms": {
                "repo": "team/marketing/handbook",
                "backend": "gitlab",
                "branch": "plan",
                "base_url": "https://gitlab.example.org",
                "api_root": "https://gitlab.example.org/api/v4",
                "app_id": "abc123",
                "local_backend": "http://127.0.0.1:8081/api/v1",
            }
        },
    )
    config = _config(site)
    assert config["backend"] == {
        "name": "gitlab",
        "repo": "team/marketing/handbook",
        "branch": "plan",
        "base_url": "https://gitlab.example.org",
        "api_root": "https://gitlab.example.org/api/v4",
        "app_id": "abc123",
        "auth_type": "pkce",
        "squash_merges": True,
    }
    assert config["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    assert config["locale"] == "en"

    site = build_site(
        copy_plan=MINIMAL_PLAN,
        options={
            "cms": {
                "repo": "me/h",
                "backend": "gitea",
                "api_root": "https://codeberg.org/api/v1",
                "script": "https://intranet.example/decap-cms.js",
            }
        },
    )
    config = _config(site)
    assert config["backend"]["name"] == "gitea" and config["backend"]["api_root"] == "https://codeberg.org/api/v1"
    # Another address for the script: the packaged copy is not copied.
    assert '<script src="https://intranet.example/decap-cms.js"></script>' in (site / "admin" / "index.html").read_text(
        encoding="utf-8"
    )
    assert not (site / "admin" / "decap-cms.js").exists()


@pytest.mark.parametrize(
    ("cms", "message"),
    [
        ({"backend": "github"}, "cms: repo must be OWNER/NAME"),
        ({"repo": "just-a-name"}, "cms: repo must be OWNER/NAME"),
        ({"repo": "a/b", "backend": "bitbucket"}, "cms: backend must be one of github, gitlab, gitea"),
        ({"repo": "a/b", "brnach": "main"}, "cms: unknown option(s) brnach"),
        ("a/b", "cms must be a mapping"),
    ],
)
def test_bad_cms_options_are_configuration_errors(tmp_path: Path, cms, message: str, caplog):
    cfg = make_project(tmp_path / "p", plan_files={"mission.md": "---\ntitle: X\n---\n"}, options={"cms": cms})
    with pytest.raises(Abort, match="configuration error"):
        load_config(str(cfg))
    assert f"option 'cms': {message}" in caplog.text


def test_the_configuration_is_byte_identical_from_build_to_build(build_site):
    from .conftest import MINIMAL_PLAN

    first = (build_site(copy_plan=MINIMAL_PLAN, options={"cms": CMS}) / "admin" / "config.yml").read_bytes()
    second = (build_site(copy_plan=MINIMAL_PLAN, options={"cms": CMS}) / "admin" / "config.yml").read_bytes()
    assert first == second


def _texts(config: dict) -> list[tuple[str, str]]:
    """Every word of the form a marketer reads: labels, item labels, hints, pattern messages
    and select options, in the configuration's order."""
    found: list[tuple[str, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("label", "label_singular", "hint") and isinstance(value, str):
                    found.append((key, value))
                elif key == "pattern":
                    found.append(("pattern", value[1]))
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(config["collections"])
    return found


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "ro",
            {
                "goals": "Obiective",
                "goal": "Obiectiv",
                "mission_file": "Misiune, orizont și setări",
                "type": "Tip",
                "awareness": "Notorietate",
                "in-review": "În verificare",
                "assets": "Resurse digitale",
                "strength": "Punct tare",
                "owner_hint": "Id-ul unui membru al echipei (plan/team/<id>.md).",
                "time_pattern": "Scrieți ora ca HH:MM, 24 h (de ex. 19:00)",
                "week": "Săptămânal",
                "title": "Test handbook — editor",
                "january": "ianuarie 2027",
            },
        ),
        (
            "bg",
            {
                "goals": "Цели",
                "goal": "Цел",
                "mission_file": "Мисия, хоризонт и настройки",
                "type": "Вид",
                "awareness": "Разпознаваемост",
                "in-review": "В преглед",
                "assets": "Дигитални активи",
                "strength": "Силна страна",
                "owner_hint": "Идентификатор на член на екипа (plan/team/<id>.md).",
                "time_pattern": "Напишете часа като HH:MM, 24 ч (напр. 19:00)",
                "week": "Ежеседмично",
                "title": "Test handbook — редактор",
                "january": "януари 2027",
            },
        ),
    ],
)
def test_the_editor_speaks_the_sites_language(build_site, language: str, words: dict[str, str]):
    """Labels, item labels, hints and options of the form in ``theme.language``; names, ids and
    the stored values stay as the plan files spell them."""
    from .conftest import MINIMAL_PLAN

    english = _config(build_site(copy_plan=MINIMAL_PLAN, options={"cms": CMS}))
    site = build_site(
        copy_plan=MINIMAL_PLAN, options={"cms": CMS}, config={"theme": {"name": "material", "language": language}}
    )
    config = _config(site)
    assert config["locale"] == language
    goals = _collection(config, "goals")
    assert (goals["label"], goals["label_singular"], goals["name"]) == (words["goals"], words["goal"], "goals")
    assert _collection(config, "mission")["files"][0]["label"] == words["mission_file"]
    goal_type = _field(goals["fields"], "type")
    assert goal_type["label"] == words["type"] and goal_type["name"] == "type"
    assert {"label": words["awareness"], "value": "awareness"} in goal_type["options"]
    assert _field(goals["fields"], "owner")["hint"] == words["owner_hint"]
    items = _field(_collection(config, "calendar")["fields"], "items")
    assert {"label": words["in-review"], "value": "in-review"} in _field(items["fields"], "status")["options"]
    assert _field(items["fields"], "time")["pattern"][1] == words["time_pattern"]
    planned = _field(_collection(config, "budget")["fields"], "planned")["fields"]
    assert (planned[0]["label"], planned[0]["name"]) == (words["january"], "2027-01")  # the file's key stays
    category = _field(_collection(config, "budget")["fields"], "category")
    assert {"label": words["assets"], "value": "assets"} in category["options"]
    strengths = _field(_collection(config, "mission")["files"][0]["fields"], "swot", "strengths")
    assert strengths["label_singular"] == strengths["field"]["label"] == words["strength"]
    cadence = _field(_collection(config, "channels")["fields"], "cadence")
    assert {"label": words["week"], "value": "week"} in _field(cadence["fields"], "every")["options"]
    index = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}">' in index and f"<title>{words['title']}</title>" in index

    # Nothing of the form is left in English: every hint and pattern message differs from the
    # English build's, and a label may only equal its English where the language writes it so.
    english_texts, texts = _texts(english), _texts(config)
    assert len(texts) == len(english_texts)
    same = {text for (kind, text), (_, was) in zip(texts, english_texts, strict=True) if text == was}
    assert not {
        text
        for (kind, text), (_, was) in zip(texts, english_texts, strict=True)
        if text == was and kind in ("hint", "pattern")
    }
    allowed = {"SWOT", "URL", "ID", "Slot", "Backlog", "Persona", "Engagement", "Format", "Hashtag", "Link"}
    assert same <= allowed | {"Interval", "Calendar"}  # Romanian writes these two as English does
    assert [o["value"] for o in goal_type["options"]] == [
        o["value"] for o in _field(_collection(english, "goals")["fields"], "type")["options"]
    ]
