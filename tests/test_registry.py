"""The section registry: a section declared in this test alone (``influencers``, managed by a
team member, on some channels) gets its index, its entity pages, back-references, its schema,
``smm diff`` wording, a navigation entry at its rank and reference checks — with no edit to the
package. The registration is undone after each test."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pydantic import Field

from smm_docs_plugin import labels as message_tables
from smm_docs_plugin import sections
from smm_docs_plugin.cli import main
from smm_docs_plugin.cms import CmsSettings, decap_config
from smm_docs_plugin.diff import diff_revisions
from smm_docs_plugin.model import (
    BUDGET_CATEGORIES,
    CHANNEL_ROLES,
    GOAL_TYPES,
    ID_PATTERN,
    ITEM_STATUSES,
    STATUSES,
    BudgetLine,
    Channel,
    ChannelRef,
    Entity,
    Goal,
    Number,
    TeamRef,
    kind_of,
)
from smm_docs_plugin.schema import build_schemas, schema_names

from .conftest import MINIMAL_PLAN, build, make_project


class Influencer(Entity):
    """Someone who speaks for the brand on their own profiles."""

    handle: str = Field(description="Their profile name, e.g. @lena.", examples=["@lena"])
    reach: Number | None = None
    managed_by: TeamRef = Field(description="Id of the team member who looks after them.")
    channels: list[ChannelRef] = Field(default_factory=list)


INFLUENCERS = sections.Section(
    "influencers",
    Influencer,
    noun="influencer",
    title="Influencers",
    intro="People who speak for us on their own profiles.",
    columns=("handle", "managed_by", "channels"),
    nav_rank=45,  # after channels (40), before personas (50)
)

LENA = """\
---
title: Lena Park
handle: "@lena"
managed_by: {manager}
channels: [instagram]
---
Met at the spring fair.
"""


@pytest.fixture
def influencers() -> Iterator[sections.Section]:
    with sections.registered(INFLUENCERS) as section:
        yield section
    assert "influencers" not in sections.section_names()


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def test_toy_section_gets_index_pages_backrefs_and_nav(influencers, tmp_path: Path) -> None:
    config = make_project(tmp_path / "site-project", copy_plan=MINIMAL_PLAN)
    write(config.parent, "plan/influencers/lena-park.md", LENA.format(manager="ana"))
    site = build(config, strict=True)
    strategy = site / "strategy"

    # The index: the declared title, intro and columns, a row linking to the entity page.
    index = article((strategy / "influencers" / "index.html").read_text(encoding="utf-8"))
    assert "Influencers</h1>" in index
    assert "People who speak for us on their own profiles." in index
    headers = re.findall(r'<th scope="col">([^<]*)</th>', index)
    assert headers == ["Title", "Handle", "Managed by", "Channels"]
    assert 'href="lena-park/"' in index and "@lena" in index
    assert 'href="../team/ana/">Ana Lopez</a>' in index

    # The entity page: generic template, the noun as its badge, references as links.
    page = article((strategy / "influencers" / "lena-park" / "index.html").read_text(encoding="utf-8"))
    assert "Lena Park</h1>" in page
    assert '<a class="smm-badge smm-badge--section" href="../" title="Influencers">Influencer</a>' in page
    assert re.search(r'<th scope="row">Managed by</th>\s*<td><a href="../../team/ana/">Ana Lopez</a>', page)
    assert "Met at the spring fair." in page

    # Back-references: the team member's and the channel's pages list it.
    ana = article((strategy / "team" / "ana" / "index.html").read_text(encoding="utf-8"))
    assert re.search(
        r'<a href="../../influencers/lena-park/">Lena Park</a> <span class="smm-muted">\(Influencer: Managed by\)', ana
    )
    channel = article((strategy / "channels" / "instagram" / "index.html").read_text(encoding="utf-8"))
    assert "(Influencer: Channels)" in channel

    # The navigation: its entry at its rank, between channels and personas.
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index("md-nav--primary") :]
    order = [m for m in re.findall(r'href="strategy/([a-z]+)/"', nav)]
    assert order.index("channels") < order.index("influencers") < order.index("personas")
    assert 'href="strategy/influencers/"' in nav and "Influencers" in nav

    # The overview counts it, and plan.json carries it.
    overview = article((strategy / "index.html").read_text(encoding="utf-8"))
    assert re.search(r'href="influencers/">Influencers</a> <span class="smm-muted">\(1\)', overview)
    data = json.loads((strategy / "plan.json").read_text(encoding="utf-8"))
    assert data["influencers"]["lena-park"]["managed_by"] == "ana"


def test_toy_section_in_schema_and_editor_metadata(influencers, capsys) -> None:
    assert "influencers" in schema_names()
    assert main(["schema", "--section", "influencers"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "plan/influencers/<id>.md"
    assert set(schema["required"]) == {"title", "handle", "managed_by"}
    managed_by = schema["properties"]["managed_by"]
    assert managed_by["pattern"] == ID_PATTERN
    assert managed_by["description"] == "Id of the team member who looks after them."
    assert schema["properties"]["handle"]["examples"] == ["@lena"]
    assert "kind" not in json.dumps(schema)  # the kind is for the editor, no JSON Schema keyword
    assert kind_of(Influencer.model_fields["managed_by"].annotation, [Influencer.model_fields["managed_by"]]) == (
        "reference"
    )
    assert "influencers" in build_schemas()

    # The editor: a collection of its own, the reference as a relation, the help as a hint.
    config = decap_config(CmsSettings(repo="acme/handbook"), ["2027-01"], plan_path="plan", language="en")
    collection = next(c for c in config["collections"] if c["name"] == "influencers")
    assert (collection["label"], collection["label_singular"]) == ("Influencers", "Influencer")
    assert collection["folder"] == "plan/influencers"
    fields = {f["name"]: f for f in collection["fields"]}
    assert fields["managed_by"]["widget"] == "relation" and fields["managed_by"]["collection"] == "team"
    assert fields["managed_by"]["hint"] == "Id of the team member who looks after them."
    assert fields["channels"]["multiple"] is True and fields["reach"]["widget"] == "number"


def test_toy_section_in_diff(influencers, tmp_path: Path) -> None:
    repo = tmp_path / "handbook"
    repo.mkdir()
    shutil.copytree(MINIMAL_PLAN, repo / "plan")
    write(repo, "plan/influencers/lena-park.md", LENA.format(manager="ana"))
    git = [
        "git",
        "-C",
        str(repo),
        "-c",
        "user.name=Test",
        "-c",
        "user.email=t@example.com",
        "-c",
        "commit.gpgsign=false",
    ]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "plan"], check=True)
    write(repo, "plan/influencers/lena-park.md", LENA.format(manager="ana").replace('"@lena"', '"@lenapark"'))
    write(repo, "plan/influencers/max.md", "---\ntitle: Max Roe\nhandle: '@max'\nmanaged_by: ana\n---\n")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "more"], check=True)

    report, code = diff_revisions("HEAD~1", "HEAD", Path("plan"), cwd=repo, today=date(2027, 3, 10))
    assert code == 0
    assert "- Influencer **Max Roe**: new in `influencers/max`" in report
    assert "Influencer **Lena Park**: changed: handle" in report


def test_toy_section_dangling_reference_names_file_and_line(influencers, tmp_path: Path, monkeypatch, capsys) -> None:
    shutil.copytree(MINIMAL_PLAN, tmp_path / "plan")
    write(tmp_path, "plan/influencers/lena-park.md", LENA.format(manager="anna"))
    write(tmp_path, "plan/influencers/bad.md", "---\ntitle: No handle\nmanaged_by: ana\n---\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "plan", "--today", "2027-03-10"]) == 1
    out = capsys.readouterr().out
    assert "plan/influencers/lena-park.md:4: error: managed_by: unknown team member 'anna'; did you mean 'ana'?" in out
    # A missing field's message carries the help the model gives it.
    assert "plan/influencers/bad.md:1: error: missing required field 'handle': Their profile name, e.g. @lena." in out


def test_registration_does_not_leak() -> None:
    """Runs after the tests above (file order): the toy section is gone again."""
    assert "influencers" not in sections.section_names()
    assert "influencers" not in schema_names()
    with pytest.raises(ValueError, match="already declared"):
        sections.register(sections.get("goals"))
    assert sections.section_names()[:3] == ("goals", "personas", "competitors")


def test_constants_are_the_models_literals() -> None:
    """The allowed values have one source: the model's Literal types."""
    from typing import get_args

    assert get_args(Goal.model_fields["type"].annotation) == GOAL_TYPES
    assert get_args(get_args(Channel.model_fields["role"].annotation)[0]) == CHANNEL_ROLES
    assert get_args(BudgetLine.model_fields["category"].annotation) == BUDGET_CATEGORIES
    assert STATUSES[0] == "backlog" and ITEM_STATUSES[-1] == "published"
    assert kind_of(Goal.model_fields["type"].annotation) == "enum"
    assert kind_of(Goal.model_fields["deadline"].annotation, [Goal.model_fields["deadline"]]) == "date"
    assert kind_of(BudgetLine.model_fields["carry_over"].annotation) is None


def test_registry_english_is_the_catalogues_message_ids() -> None:
    """Each section's words are declared once, in the registry, as message ids: the catalogue
    extracted from the code carries them (translated in every shipped language), and the label
    tables pages, templates and the PR comment translate read them from the registry."""
    package = Path(sections.__file__).parent / "locales"
    with open(package / "smm.pot", "rb") as handle:
        template = read_po(handle)
    with open(package / "ro" / "LC_MESSAGES" / "smm.po", "rb") as handle:
        romanian = read_po(handle)
    for section in sections.sections():
        for text in (section.title, section.noun, section.intro):
            assert text in template, text
            assert romanian[text].string, text  # translated ("Persona" reads the same in Romanian)
        assert message_tables.SECTION_TITLES[section.name] == section.title
        assert message_tables.SECTION_NOUNS[section.name] == section.noun
        assert message_tables.SECTION_INTROS[section.name] == section.intro
        assert sections.noun(section.name) == section.noun[:1].lower() + section.noun[1:]
        assert set(section.columns) <= set(section.model.model_fields) | {"items"}
        assert section.panel_fields <= set(section.model.model_fields)
    assert message_tables.SECTION_NOUNS["mission"] == message_tables.SECTION_TITLES["mission"] == "Mission"
    assert message_tables.SECTION_NOUNS["company_goals"] == "Company goal"
    assert message_tables.SECTION_TITLES["nonsense"] == "nonsense"  # read as written, never a KeyError
