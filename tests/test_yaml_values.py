"""YAML 1.1 surprises read as the author meant them, with LibYAML and with the pure-Python
parser alike (their nodes differ: LibYAML marks plain scalars with style "" since PyYAML
6.0.4, the Python parser with None)."""

from __future__ import annotations

import json

import pytest
import yaml

from smm_docs_plugin import yamlsafe

TEXT = """\
time: 18:00
early: 8:30
flow: {time: 09:05, other: 23:59}
holidays: [NO, DE, on]
two_factor: true
shouting: FALSE
quoted: "18:00"
count: 1_000
"""


@pytest.mark.parametrize(
    "loader", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)], ids=["python", "libyaml"]
)
def test_times_and_country_codes_stay_text(monkeypatch, loader):
    monkeypatch.setattr(yamlsafe, "_Loader", loader)
    data = yamlsafe.load(TEXT).data
    assert data["time"] == "18:00" and data["early"] == "8:30" and data["quoted"] == "18:00"
    assert data["flow"] == {"time": "09:05", "other": "23:59"}
    assert data["holidays"] == ["NO", "DE", "on"]
    assert data["two_factor"] is True and data["shouting"] is False
    assert data["count"] == 1000


def test_unquoted_times_build(build_site):
    from .conftest import MINIMAL_PLAN

    channel = (
        (MINIMAL_PLAN / "channels/instagram.md").read_text(encoding="utf-8").replace('time: "09:00"', "time: 9:00")
    )
    mission = (
        (MINIMAL_PLAN / "mission.md")
        .read_text(encoding="utf-8")
        .replace("currency: EUR", "currency: EUR\nholidays: [NO]\nreview: {rrule: FREQ=MONTHLY;BYDAY=1TU, time: 10:00}")
    )
    site = build_site({"channels/instagram.md": channel, "mission.md": mission}, copy_plan=MINIMAL_PLAN, strict=True)
    ics = (site / "strategy/calendar.ics").read_text(encoding="utf-8")
    assert "T090000" in ics and "T100000" in ics
    assert "Grunnlovsdag" in ics or "Constitution Day" in ics  # Norway's 17 May


def test_all_digit_ids_work_unquoted(build_site):
    from .conftest import MINIMAL_PLAN

    goal = (MINIMAL_PLAN / "goals/grow-instagram.md").read_text(encoding="utf-8")
    files = {
        "team/2027.md": "---\ntitle: Intern class of 2027\n---\n",
        "team/007.md": "---\ntitle: Agent Seven\n---\n",
        "goals/grow-instagram.md": goal.replace("owner: ana", "owner: 2027"),
        "initiatives/launch-reels.md": (MINIMAL_PLAN / "initiatives/launch-reels.md")
        .read_text(encoding="utf-8")
        .replace("owner: ana\n", "owner: ana\ncontributors: [2027, 007]\n", 1),
    }
    site = build_site(files, copy_plan=MINIMAL_PLAN, strict=True)
    data = json.loads((site / "strategy/plan.json").read_text(encoding="utf-8"))
    assert data["goals"]["grow-instagram"]["owner"] == "2027"
    assert data["initiatives"]["launch-reels"]["contributors"] == ["2027", "007"]
    page = (site / "strategy/goals/grow-instagram/index.html").read_text(encoding="utf-8")
    assert 'href="../../team/2027/">Intern class of 2027</a>' in page


def test_text_fields_lose_surrounding_whitespace():
    from smm_docs_plugin.model import TeamMember

    data = yamlsafe.load("title: |\n  Ana | pipe\nroles: ['  lead  ']\n").data
    member = TeamMember.model_validate(data)
    assert member.title == "Ana | pipe" and member.roles == ["lead"]
