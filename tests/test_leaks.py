"""Stakeholder builds leak nothing (PLAN_FORMAT.md §5).

``tests/fixtures/secrets_plan`` plants a unique secret, all carrying the marker ``zq7k``, in
every private place the contract names. One ``mkdocs.yml`` (``audience: !ENV [SMM_AUDIENCE,
team]``) is built twice with real MkDocs + Material: the team build must contain every secret
somewhere, the stakeholder build must not contain the marker in any byte of any output file
(pages, search index, sitemap and its .gz, plan.json, budget.csv, every .ics, assets) nor in
any output path.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest

from .conftest import FIXTURES, build

SECRETS_PLAN = FIXTURES / "secrets_plan"
MARKER = "zq7k"
SITE_URL = "https://example.com/handbook/"

#: Every secret the fixture plants, with the private place it stands for. A test checks this
#: list against the fixture, so a secret added there must be described here too.
SECRETS: dict[str, str] = {
    # private mappings (values, keys, nested values)
    "SECRET-mission-private-value-zq7k": "mission private value",
    "SECRET-mission-private-key-zq7k": "mission private key",
    "SECRET-team-private-email-zq7k@example.com": "team member private value",
    "SECRET-team-private-key-zq7k": "team member private key",
    "SECRET-team-private-nested-zq7k": "private value nested in a list of mappings",
    "SECRET-channel-private-zq7k": "channel private value",
    "SECRET-budget-private-zq7k": "budget line private value",
    # channel accounts
    "secret-login-zq7k@example.com": "account.login_email of a public channel",
    "secret-newsletter-login-zq7k@example.com": "account.login_email of a channel with an internal owner",
    "secret-hidden-login-zq7k@example.com": "account.login_email of an internal channel",
    # internal fences in plan bodies and docs pages
    "SECRET-mission-fence-zq7k": "internal fence in the mission body",
    "SECRET-team-fence-zq7k": "internal fence in a team member body",
    "SECRET-channel-fence-zq7k": "internal fence in a channel body",
    "SECRET-initiative-fence-zq7k": "internal fence in an initiative body",
    "SECRET-review-fence-zq7k": "internal fence in a review body",
    "SECRET-docs-fence-zq7k": "internal fence in docs/index.md",
    "SECRET-docs-heading-zq7k": "heading inside an internal fence in a docs page",
    "SECRET-docs-page-fence-zq7k": "internal fence in docs/how-we-work.md",
    # labels of wikilinks to internal entities
    "SECRET-wikilink-label-zq7k": "label of a plan-body wikilink to an internal initiative",
    "SECRET-docs-wikilink-label-zq7k": "label of a docs wikilink to an internal team member",
    # internal entities of every section: ids, titles, bodies and fields
    "secret-team-zq7k": "internal team member id (owner, contributor, attendee, recovery, task owner, item owner)",
    "SECRET-team-title-zq7k": "internal team member title",
    "SECRET-team-body-zq7k": "internal team member body",
    "secret-persona-zq7k": "internal persona id (referenced by a channel and an initiative)",
    "SECRET-persona-title-zq7k": "internal persona title",
    "SECRET-persona-summary-zq7k": "internal persona summary",
    "SECRET-persona-body-zq7k": "internal persona body (its review_by has passed)",
    "secret-competitor-zq7k": "internal competitor id (also in its website)",
    "SECRET-competitor-title-zq7k": "internal competitor title",
    "SECRET-competitor-summary-zq7k": "internal competitor summary",
    "SECRET-competitor-strength-zq7k": "internal competitor SWOT",
    "@SECRET-competitor-handle-zq7k": "internal competitor channel handle",
    "SECRET-competitor-body-zq7k": "internal competitor body",
    "secret-channel-zq7k": "internal channel id (goal, persona, initiative, budget line, report, item)",
    "SECRET-channel-title-zq7k": "internal channel title",
    "@SECRET-channel-handle-zq7k": "internal channel handle",
    "SECRET-channel-purpose-zq7k": "internal channel purpose",
    "SECRET-channel-cadence-zq7k": "internal channel cadence title",
    "SECRET-channel-body-zq7k": "internal channel body",
    "secret-goal-zq7k": "internal goal id (goal of a public initiative)",
    "SECRET-goal-title-zq7k": "internal goal title",
    "SECRET-goal-metric-zq7k": "internal goal metric",
    "SECRET-goal-body-zq7k": "internal goal body",
    "secret-initiative-zq7k": "internal initiative id (depends_on, budget line, calendar item, wikilink)",
    "SECRET-initiative-title-zq7k": "internal initiative title",
    "SECRET-initiative-tag-zq7k": "internal initiative tag",
    "SECRET-initiative-source-zq7k": "internal initiative source URL",
    "SECRET-initiative-milestone-zq7k": "internal initiative milestone",
    "SECRET-initiative-task-zq7k": "internal initiative task",
    "SECRET-initiative-body-zq7k": "internal initiative body",
    "secret-budget-zq7k": "internal budget line id",
    "SECRET-budget-title-zq7k": "internal budget line title",
    "SECRET-budget-body-zq7k": "internal budget line body",
    "secret-calendar-zq7k": "internal calendar file id",
    "SECRET-calendar-title-zq7k": "internal calendar file title",
    "SECRET-calendar-item-zq7k": "item of an internal calendar file",
    "SECRET-calendar-body-zq7k": "internal calendar file body",
    "secret-report-zq7k": "internal report id",
    "SECRET-report-title-zq7k": "internal report title",
    "SECRET-report-metric-zq7k": "internal report metric name",
    "SECRET-report-body-zq7k": "internal report body",
    "secret-review-zq7k": "internal review id",
    "SECRET-review-title-zq7k": "internal review title",
    "SECRET-review-decision-zq7k": "internal review decision",
    "SECRET-review-body-zq7k": "internal review body",
}

#: Amounts only the internal budget line carries (planned and actual, as CSV and as shown).
SECRET_AMOUNTS = ("31415.92", "31,415.92", "27182.81", "27,182.81")

#: (section, id) of every internal entity in the fixture.
INTERNAL_ENTITIES = sorted(
    (path.parent.name, path.stem) for path in (SECRETS_PLAN / "plan").glob("*/*.md") if MARKER in path.stem
)

MKDOCS_YML = f"""\
site_name: Leak test handbook
site_url: {SITE_URL}
theme:
  name: material
plugins:
  - search
  - smm:
      today: 2027-03-10
      audience: !ENV [SMM_AUDIENCE, team]
"""


def _build(root: Path, audience: str | None) -> Path:
    shutil.copytree(SECRETS_PLAN / "plan", root / "plan")
    shutil.copytree(SECRETS_PLAN / "docs", root / "docs")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    saved = os.environ.pop("SMM_AUDIENCE", None)
    try:
        if audience is not None:
            os.environ["SMM_AUDIENCE"] = audience
        return build(root / "mkdocs.yml")
    finally:
        os.environ.pop("SMM_AUDIENCE", None)
        if saved is not None:
            os.environ["SMM_AUDIENCE"] = saved


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both audiences built once from the same mkdocs.yml (the audience comes from !ENV)."""
    root = tmp_path_factory.mktemp("leaks")
    return {"team": _build(root / "team", None), "stakeholders": _build(root / "stakeholders", "stakeholders")}


def output_texts(site: Path) -> Iterator[tuple[str, str]]:
    """(relative path, text) of every file of a site; .gz files decompressed; bytes that are not
    UTF-8 read as Latin-1 so that no byte escapes the search."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        yield path.relative_to(site).as_posix(), text


def _context(text: str, needle: str) -> str:
    at = text.lower().index(needle.lower())
    return text[max(0, at - 80) : at + 80].replace("\n", " ")


# --- the fixture itself ------------------------------------------------------------------------


def test_secret_list_matches_the_fixture():
    planted: set[str] = set()
    for path in [*(SECRETS_PLAN / "plan").rglob("*.md"), *(SECRETS_PLAN / "docs").rglob("*.md")]:
        planted.update(re.findall(r"[@\w.+-]*zq7k[@\w.-]*", path.read_text(encoding="utf-8")))
        if MARKER in path.stem:
            planted.add(path.stem)
    planted = {s.rstrip(".") for s in planted} - {"secret-competitor-zq7k.example.com"}
    assert planted == set(SECRETS)
    assert {section for section, _ in INTERNAL_ENTITIES} == {
        "goals",
        "personas",
        "competitors",
        "channels",
        "initiatives",
        "team",
        "budget",
        "calendar",
        "reports",
        "reviews",
    }


# --- team build: everything --------------------------------------------------------------------


def test_team_build_contains_every_secret(sites):
    texts = dict(output_texts(sites["team"]))
    missing = [
        f"{secret} ({place})" for secret, place in SECRETS.items() if not any(secret in t for t in texts.values())
    ]
    assert not missing, "the team build lost: " + ", ".join(missing)
    assert any(amount in texts["strategy/budget.csv"] for amount in SECRET_AMOUNTS)


def test_team_build_has_pages_for_internal_entities_and_accounts(sites):
    site = sites["team"]
    for section, id in INTERNAL_ENTITIES:
        assert (site / "strategy" / section / id / "index.html").is_file(), (section, id)
    assert (site / "strategy" / "accounts" / "index.html").is_file()
    assert "Stakeholder edition" not in (site / "strategy" / "index.html").read_text(encoding="utf-8")


# --- stakeholder build: nothing ----------------------------------------------------------------


def test_stakeholder_build_contains_no_secret_in_any_file(sites):
    site = sites["stakeholders"]
    leaks = []
    for rel, text in output_texts(site):
        if MARKER in rel.lower():
            leaks.append(f"{rel}: the path itself")
        if MARKER in text.lower():
            leaks.append(f"{rel}: …{_context(text, MARKER)}…")
        leaks.extend(f"{rel}: internal amount {a}" for a in SECRET_AMOUNTS if a in text)
    assert not leaks, "stakeholder build leaks:\n" + "\n".join(leaks)


def test_every_kind_of_output_was_searched(sites):
    """The leak search above only means something if each output exists and has content."""
    site = sites["stakeholders"]
    files = {rel: text for rel, text in output_texts(site)}
    for rel in (
        "index.html",
        "strategy/index.html",
        "search/search_index.json",
        "sitemap.xml",
        "sitemap.xml.gz",
        "strategy/plan.json",
        "strategy/budget.csv",
        "strategy/calendar.ics",
    ):
        assert files.get(rel, "").strip(), f"{rel} is missing or empty"
    assert f"<loc>{SITE_URL}strategy/initiatives/launch-reels/</loc>" in files["sitemap.xml.gz"]
    assert files["sitemap.xml"] == files["sitemap.xml.gz"]
    feeds = [rel for rel in files if rel.endswith(".ics")]
    assert "strategy/calendar/instagram.ics" in feeds and "strategy/calendar/people/ana.ics" in feeds
    assert sum(rel.endswith(".html") for rel in files) > 20


def test_no_page_for_an_internal_entity(sites):
    site = sites["stakeholders"]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for section, id in INTERNAL_ENTITIES:
        assert not (site / "strategy" / section / id).exists(), (section, id)
        assert f"/{section}/{id}/" not in sitemap
    assert not (site / "strategy" / "calendar" / "secret-channel-zq7k.ics").exists()
    assert not (site / "strategy" / "calendar" / "people" / "secret-team-zq7k.ics").exists()


def test_internal_ids_absent_from_the_stakeholder_search_index(sites):
    team = json.loads((sites["team"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    stakeholders = json.loads((sites["stakeholders"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    team_locations = {doc["location"].split("#")[0] for doc in team["docs"]}
    for section, id in INTERNAL_ENTITIES:
        assert f"strategy/{section}/{id}/" in team_locations
        for doc in stakeholders["docs"]:
            for value in (doc["location"], doc["title"], doc["text"]):
                assert id not in value, (doc["location"], id)
    assert any(doc["location"] == "strategy/initiatives/launch-reels/" for doc in stakeholders["docs"])


def test_accounts_page_is_not_built_for_stakeholders(sites):
    site = sites["stakeholders"]
    assert not (site / "strategy" / "accounts").exists()
    assert "strategy/accounts/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "strategy/accounts/" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")


def test_overview_says_it_is_the_stakeholder_edition(sites):
    overview = (sites["stakeholders"] / "strategy" / "index.html").read_text(encoding="utf-8")
    assert "Stakeholder edition" in overview


def _walk(value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def test_stakeholder_plan_json_has_no_private_or_account(sites):
    data = json.loads((sites["stakeholders"] / "strategy" / "plan.json").read_text(encoding="utf-8"))
    assert data["audience"] == "stakeholders"
    keys = {key for key, _ in _walk(data)}
    assert "private" not in keys and "account" not in keys and "login_email" not in keys
    team = json.loads((sites["team"] / "strategy" / "plan.json").read_text(encoding="utf-8"))
    assert team["channels"]["instagram"]["account"]["login_email"] == "secret-login-zq7k@example.com"


def test_references_to_internal_entities_read_internal_or_are_left_out(sites):
    site = sites["stakeholders"]
    data = json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    reels = data["initiatives"]["launch-reels"]
    assert reels["depends_on"] == [] and reels["contributors"] == []
    assert reels["channels"] == ["instagram"] and reels["personas"] == ["public-pat"]
    assert reels["tasks"][0]["owner"] == "internal"
    push = data["initiatives"]["revenue-push"]
    assert (push["goal"], push["owner"]) == ("internal", "internal")
    assert data["channels"]["newsletter"]["owner"] == "internal"
    assert data["reviews"]["review-2027-02"]["attendees"] == ["ana"]
    assert data["personas"]["public-pat"]["channels"] == ["instagram"]

    page = (site / "strategy" / "initiatives" / "revenue-push" / "index.html").read_text(encoding="utf-8")
    assert re.search(r">\s*Goal\s*<.*?internal", page, re.DOTALL)

    with (site / "strategy" / "budget.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["line"] for row in rows} == {"reels-ads"}
    assert {(row["channel"], row["initiative"]) for row in rows} == {("internal", "internal")}
    assert data["budget_totals"]["planned"] == "600.00"  # the internal line is not in any total

    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Ask internal about internal." in index


def test_public_text_around_fences_survives(sites):
    """Stripping removes only the fenced passages."""
    texts = dict(output_texts(sites["stakeholders"]))
    assert "Public closing line of the mission." in texts["strategy/index.html"]
    assert "Public end of the welcome page." in texts["index.html"]
    assert "We post every Monday." in texts["how-we-work/index.html"]
    assert "Notes of the review." in texts["strategy/reviews/review-2027-02/index.html"]
    assert "Our main profile." in texts["strategy/channels/instagram/index.html"]


def _events(path: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return [c for c in calendar.walk("VEVENT")]


def test_stakeholder_calendar_feeds_keep_public_events_only(sites):
    feed = sites["stakeholders"] / "strategy" / "calendar.ics"
    summaries = {str(event.get("SUMMARY")) for event in _events(feed)}
    # (an item published on an internal channel is itself left out: see events.build_calendar)
    for title in ("Public post", "For a hidden initiative", "Product post", "Team story"):
        assert any(title in s for s in summaries), (title, summaries)
    assert not any("SECRET" in s or MARKER in s for s in summaries)
    team_summaries = {str(event.get("SUMMARY")) for event in _events(sites["team"] / "strategy" / "calendar.ics")}
    assert any("SECRET-calendar-item-zq7k" in s for s in team_summaries)
    assert len(team_summaries) > len(summaries)


def test_a_visible_entity_whose_id_is_internal_is_not_mistaken_for_a_hidden_reference(build_site):
    """A hidden reference reads "internal"; a public goal may have that very id. In the
    stakeholder build the reference to the hidden goal must not turn into a link to it,
    while a real reference to the public goal ``internal`` stays a link."""
    goal = """\
        ---
        title: {title}
        type: awareness
        metric: followers
        baseline: 10
        target: 20
        deadline: 2027-06-30
        owner: ana
        {extra}
        ---
        """
    initiative = """\
        ---
        title: {title}
        goal: {goal}
        owner: ana
        start: 2027-02-01
        duration: 4w
        status: todo
        value: 3
        complexity: 2
        ---
        """
    files = {
        "goals/internal.md": goal.format(title="Internal comms goal", extra=""),
        "goals/hush-goal.md": goal.format(title="Secret goal", extra="internal: true"),
        "initiatives/for-secret.md": initiative.format(title="Serves the secret goal", goal="hush-goal"),
        "initiatives/for-public.md": initiative.format(title="Serves the public goal", goal="internal"),
    }
    site = build_site(files, copy_plan=FIXTURES / "minimal_plan", options={"audience": "stakeholders"})
    hidden = (site / "strategy/initiatives/for-secret/index.html").read_text(encoding="utf-8")
    public = (site / "strategy/initiatives/for-public/index.html").read_text(encoding="utf-8")
    goal_href = re.compile(r'href="[^"]*goals/internal/"')
    assert not goal_href.search(hidden) and "Internal comms goal" not in hidden
    assert "Secret goal" not in hidden and "hush-goal" not in hidden
    assert goal_href.search(public) and "Internal comms goal" in public
    data = json.loads((site / "strategy/plan.json").read_text(encoding="utf-8"))
    assert data["initiatives"]["for-secret"]["goal"] == "internal"
    assert data["initiatives"]["for-secret"]["references"] == [
        r for r in data["initiatives"]["for-secret"]["references"] if r["section"] != "goals"
    ]
    assert {"section": "goals", "id": "internal", "field": "goal"} in data["initiatives"]["for-public"]["references"]
    backrefs = {(b["section"], b["id"]) for b in data["goals"]["internal"]["referenced_by"]}
    assert ("initiatives", "for-public") in backrefs and ("initiatives", "for-secret") not in backrefs
