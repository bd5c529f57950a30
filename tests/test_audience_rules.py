"""Audience rules found by an audit with unseen plans: back-references are computed from what
the audience may see (no account roles, no positions of hidden list entries), internal
passages nest and are ignored inside code, ``[[links]]`` in bodies count as references, and
ids that collide with generated paths (``index``) still get their own page."""

from __future__ import annotations

import json
from pathlib import Path

from smm_docs_plugin.resolve import strip_internal

from .conftest import MINIMAL_PLAN

PLAN = {
    "team/bob.md": """
        ---
        title: Bob Backup
        ---
    """,
    "team/sam.md": """
        ---
        title: Sam Hidden
        internal: true
        ---
    """,
    "channels/instagram.md": """
        ---
        title: Instagram
        platform: instagram
        purpose: Main sales channel
        owner: ana
        account: {login_email: social@example.com, two_factor: true, recovery: bob, backup_owner: bob}
        ---
    """,
    "channels/hidden-tiktok.md": """
        ---
        title: Hidden TikTok
        platform: tiktok
        purpose: A test we have not announced
        owner: ana
        internal: true
        ---
    """,
    "calendar/spring.md": """
        ---
        title: Spring posts
        channel: instagram
        items:
          - {date: 2027-03-11, title: Public spring post}
          - {date: 2027-03-12, title: Unannounced tiktok teaser, channel: hidden-tiktok}
        ---
    """,
    "reports/hidden-tiktok-2027-02.md": """
        ---
        title: TikTok test, February
        channel: hidden-tiktok
        period: 2027-02
        metrics: {followers: 4321}
        ---
    """,
    "reviews/review-2027-02.md": """
        ---
        title: February review
        date: 2027-02-02
        attendees: [sam, bob]
        ---
        We agreed to push [[initiatives/launch-reels]] harder.
        <!-- internal -->Outer <!-- internal -->inner<!-- /internal --> SECRET-AFTER-INNER <!-- /internal -->
        Public ending.
    """,
}


def _plan_json(site: Path) -> dict:
    return json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))


def test_stakeholder_back_references_come_from_what_stakeholders_see(build_site):
    team = build_site(PLAN, copy_plan=MINIMAL_PLAN)
    stakeholders = build_site(PLAN, copy_plan=MINIMAL_PLAN, options={"audience": "stakeholders"})

    # Team: Bob is the account's recovery and backup owner, and attends the review.
    team_bob = {(r["id"], r["field"]) for r in _plan_json(team)["team"]["bob"]["referenced_by"]}
    assert {
        ("instagram", "account.recovery"),
        ("instagram", "account.backup_owner"),
        ("review-2027-02", "attendees.1"),
    } <= team_bob
    assert "Account" in (team / "strategy/team/bob/index.html").read_text(encoding="utf-8")

    # Stakeholders: nothing about accounts, and Bob is the review's first visible attendee.
    bob = _plan_json(stakeholders)["team"]["bob"]["referenced_by"]
    assert bob == [{"section": "reviews", "id": "review-2027-02", "field": "attendees.0"}]
    page = (stakeholders / "strategy/team/bob/index.html").read_text(encoding="utf-8")
    referenced = page[page.index('id="referenced-by"') :]
    assert "Account" not in referenced and "Instagram" not in referenced
    index = (stakeholders / "search/search_index.json").read_text(encoding="utf-8")
    assert "account" not in json.dumps(_plan_json(stakeholders)).lower()
    assert "Channel: Account" not in index


def test_links_in_bodies_count_as_references(build_site):
    site = build_site(PLAN, copy_plan=MINIMAL_PLAN)
    refs = _plan_json(site)["initiatives"]["launch-reels"]["referenced_by"]
    assert {"section": "reviews", "id": "review-2027-02", "field": "body"} in refs
    page = (site / "strategy/initiatives/launch-reels/index.html").read_text(encoding="utf-8")
    referenced = page[page.index('id="referenced-by"') :]
    assert "February review" in referenced and "../../reviews/review-2027-02/" in referenced


def test_nested_internal_passages_stay_hidden_to_their_outer_end(build_site):
    site = build_site(PLAN, copy_plan=MINIMAL_PLAN, options={"audience": "stakeholders"})
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".ics", ".csv", ".xml"}:
            text = path.read_text(encoding="utf-8")
            assert "SECRET-AFTER-INNER" not in text, path
            assert "/internal" not in text, path
    assert "Public ending." in (site / "strategy/reviews/review-2027-02/index.html").read_text(encoding="utf-8")


def test_internal_markers_in_code_are_examples_not_markers():
    text = (
        "Wrap passages in `<!-- internal -->` … `<!-- /internal -->`.\n"
        "```markdown\n<!-- internal -->\nHidden in the example\n<!-- /internal -->\n```\n"
        "Before <!-- internal -->secret<!-- /internal --> after.\n"
        "An opener in code `<!-- internal -->` hides nothing.\n"
    )
    stripped = strip_internal(text)
    assert "`<!-- internal -->` … `<!-- /internal -->`" in stripped
    assert "Hidden in the example" in stripped
    assert "Before  after." in stripped and "secret" not in stripped
    assert stripped.endswith("hides nothing.\n")


def test_unclosed_and_nested_passages():
    assert strip_internal("a <!-- internal --> b") == "a "
    assert strip_internal("a <!-- internal --> b <!-- internal --> c <!-- /internal --> d") == "a "
    assert strip_internal("a <!-- /internal --> b") == "a <!-- /internal --> b"
    assert strip_internal("x<!--INTERNAL-->y<!-- / internal -->z") == "xz"


def test_items_of_a_hidden_channel_are_left_out_and_its_reports_stay_reachable(build_site):
    team = build_site(PLAN, copy_plan=MINIMAL_PLAN)
    stakeholders = build_site(PLAN, copy_plan=MINIMAL_PLAN, options={"audience": "stakeholders"})
    assert "Unannounced tiktok teaser" in (team / "strategy/calendar/spring/index.html").read_text(encoding="utf-8")
    assert "4,321" in (team / "strategy/reports/hidden-tiktok-2027-02/index.html").read_text(encoding="utf-8")
    for path in stakeholders.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".ics", ".csv", ".xml"}:
            text = path.read_text(encoding="utf-8")
            assert "Unannounced tiktok teaser" not in text and "Hidden TikTok" not in text, path
    # A public report keeps its page (§5: its channel reads "internal"), linked from reports/.
    report = (stakeholders / "strategy/reports/hidden-tiktok-2027-02/index.html").read_text(encoding="utf-8")
    assert '<span class="smm-internal">internal</span>' in report
    reports = (stakeholders / "strategy/reports/index.html").read_text(encoding="utf-8")
    assert 'href="hidden-tiktok-2027-02/">TikTok test, February</a>' in reports
    assert "Public spring post" in (stakeholders / "strategy/calendar/spring/index.html").read_text(encoding="utf-8")


def test_stakeholder_pages_have_no_edit_link_to_the_plan(build_site):
    config = {
        "repo_url": "https://github.com/example/handbook",
        "edit_uri": "edit/main/docs/",
        "theme": {"name": "material", "features": ["content.action.edit"]},
    }
    team = build_site(PLAN, copy_plan=MINIMAL_PLAN, config=config)
    stakeholders = build_site(PLAN, copy_plan=MINIMAL_PLAN, config=config, options={"audience": "stakeholders"})
    assert "edit/main/plan/channels/instagram.md" in (team / "strategy/channels/instagram/index.html").read_text(
        encoding="utf-8"
    )
    for path in (stakeholders / "strategy").rglob("*.html"):
        assert "edit/main/plan/" not in path.read_text(encoding="utf-8"), path


def test_escaped_wikilink_is_literal_text(build_site):
    site = build_site(
        {
            "goals/grow-instagram.md": (MINIMAL_PLAN / "goals/grow-instagram.md").read_text(encoding="utf-8")
            + "\nWrite \\[[goals/grow-instagram]] to link a goal.\n"
        },
        copy_plan=MINIMAL_PLAN,
    )
    page = (site / "strategy/goals/grow-instagram/index.html").read_text(encoding="utf-8")
    assert "Write [[goals/grow-instagram]] to link a goal." in page


def test_an_entity_with_id_index_keeps_its_page_and_the_section_index(build_site):
    plan = {
        "team/index.md": """
            ---
            title: Ida Index
            ---
        """,
        "calendar/index.md": """
            ---
            title: Index posts
            channel: instagram
            items: [{date: 2027-03-11, title: Post from the index file}]
            ---
        """,
    }
    site = build_site(plan, copy_plan=MINIMAL_PLAN, strict=True)
    assert "Ida Index" in (site / "strategy/team/index/index.html").read_text(encoding="utf-8")
    section = (site / "strategy/team/index.html").read_text(encoding="utf-8")
    assert "Ida Index" in section and 'href="index/"' in section
    assert "Post from the index file" in (site / "strategy/calendar/index/index.html").read_text(encoding="utf-8")
    assert _plan_json(site)["team"]["index"]["id"] == "index"


def test_unclosed_passage_in_a_docs_page_is_an_error_in_check_and_build(tmp_path, monkeypatch, capsys):
    import pytest
    from mkdocs.exceptions import Abort

    from smm_docs_plugin.cli import main

    from .conftest import build, make_project

    config = make_project(
        tmp_path,
        copy_plan=MINIMAL_PLAN,
        docs={"index.md": "# Home\n", "notes.md": "# Notes\n\nPublic.\n<!-- internal -->\nStill drafting.\n"},
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "plan", "--today", "2027-03-10"]) == 1
    out = capsys.readouterr().out
    assert "docs/notes.md:4: error: '<!-- internal -->' is never closed" in out
    with pytest.raises(Abort):
        build(config)  # not only --strict: an unclosed passage stops every build
    assert not (tmp_path / "site").exists()


def test_internal_on_the_mission_warns(tmp_path, monkeypatch, capsys):
    import shutil

    from smm_docs_plugin.cli import main

    shutil.copytree(MINIMAL_PLAN, tmp_path / "plan")
    mission = tmp_path / "plan" / "mission.md"
    mission.write_text(
        mission.read_text(encoding="utf-8").replace("currency: EUR", "currency: EUR\ninternal: true"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "plan", "--today", "2027-03-10"]) == 0
    assert "plan/mission.md:8: warning: internal: the mission is always published" in capsys.readouterr().out


def test_the_mission_text_links_count_and_the_overview_links_the_data(build_site):
    mission = (
        (MINIMAL_PLAN / "mission.md")
        .read_text(encoding="utf-8")
        .replace("We sell commuter bikes.", "We sell commuter bikes; see [[goals/grow-instagram]].")
    )
    site = build_site({"mission.md": mission}, copy_plan=MINIMAL_PLAN)
    refs = _plan_json(site)["goals"]["grow-instagram"]["referenced_by"]
    assert {"section": "mission", "id": "mission", "field": "body"} in refs
    page = (site / "strategy/goals/grow-instagram/index.html").read_text(encoding="utf-8")
    referenced = page[page.index('id="referenced-by"') :]
    assert '<a href="../../">Acme Bikes</a>' in referenced
    overview = (site / "strategy/index.html").read_text(encoding="utf-8")
    for name in ("plan.json", "budget.csv", "calendar.ics"):
        assert f'href="{name}"' in overview and (site / "strategy" / name).is_file()


def test_marker_mistakes_are_errors_at_their_line():
    from smm_docs_plugin.resolve import internal_marker_problems

    text = "Intro\n<!-- internal: draft -->\nOops, published.\n<!-- /internal -->\nLater\n<!-- internal -->\nhidden\n"
    found = internal_marker_problems(text, "docs/x.md", 10)
    expected = [
        (11, "'<!-- internal: draft -->' looks like an internal marker"),
        (13, "'<!-- /internal -->' closes no '<!-- internal -->'"),
        (15, "'<!-- internal -->' is never closed by '<!-- /internal -->'"),
    ]
    assert len(found) == len(expected)
    for problem, (line, start) in zip(found, expected, strict=False):
        assert (problem.line, problem.severity) == (line, "error") and problem.message.startswith(start), problem
    assert internal_marker_problems("a `<!-- /internal -->` b", "x.md") == []


def test_marker_errors_in_docs_pages_ignore_case(tmp_path):
    from smm_docs_plugin.docs_pages import check_docs_pages
    from smm_docs_plugin.loader import load_plan

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notes.md").write_text("# Notes\n\n<!--INTERNAL-->\nStill drafting.\n", encoding="utf-8")
    plan = load_plan(MINIMAL_PLAN, today=None)
    found = [(p.line, p.message.split(":")[0]) for p in check_docs_pages(plan, docs)]
    assert found == [(3, "'<!-- internal -->' is never closed by '<!-- /internal -->'")]
