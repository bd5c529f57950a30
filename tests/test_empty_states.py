"""Empty states read as sentences, not as bare headings or header-only tables."""

from __future__ import annotations

from .conftest import MINIMAL_PLAN


def _main(site, rel: str) -> str:
    page = (site / "strategy" / rel / "index.html").read_text(encoding="utf-8")
    return page[page.index("<article") : page.index("</article>")]


def test_a_plan_with_only_its_mission(build_site):
    mission = (MINIMAL_PLAN / "mission.md").read_text(encoding="utf-8")
    site = build_site({"mission.md": mission}, strict=True)
    board = _main(site, "board")
    assert "No team members in the plan yet" in board
    assert (site / "strategy/budget.csv").read_text(
        encoding="utf-8"
    ) == "line,title,category,channel,initiative,month,planned,carried_in,available,actual,variance\n"


def test_empty_lists_on_entity_pages(build_site):
    files = {
        "calendar/empty.md": "---\ntitle: Nothing planned yet\nchannel: instagram\nitems: []\n---\n",
        "channels/blog.md": "---\ntitle: Blog\nplatform: blog\npurpose: Long reads\nowner: ana\n---\n",
        "reviews/kickoff.md": "---\ntitle: Kick-off\ndate: 2027-01-05\n---\n",
        "reports/instagram-2027-02.md": (
            "---\ntitle: Instagram, February\nchannel: instagram\nperiod: 2027-02\nmetrics: {followers: 1200}\n---\n"
        ),
    }
    site = build_site(files, copy_plan=MINIMAL_PLAN, strict=True)
    calendar_file = _main(site, "calendar/empty")
    assert "No dated items in this file." in calendar_file and "smm-calendar-items" not in calendar_file
    assert "No recurring slots" in _main(site, "channels/blog")
    assert "No attendees recorded." in _main(site, "reviews/kickoff")
    reports = _main(site, "reports")
    assert "· Instagram</p>" in reports and "· instagram</p>" not in reports
    assert "followers on Instagram, February 2027</title>" in reports


def test_the_stale_evidence_list_is_the_teams_housekeeping(build_site):
    persona = "---\ntitle: Old persona\nreview_by: 2027-01-01\n---\n"
    team = build_site({"personas/old.md": persona}, copy_plan=MINIMAL_PLAN)
    stakeholders = build_site(
        {"personas/old.md": persona}, copy_plan=MINIMAL_PLAN, options={"audience": "stakeholders"}
    )
    assert 'data-entity="personas/old"' in _main(team, "")
    assert 'data-entity="personas/old"' not in _main(stakeholders, "")
    assert "Needs review" in _main(stakeholders, "personas/old")


def test_an_entity_page_leads_back_to_its_section(build_site):
    site = build_site(copy_plan=MINIMAL_PLAN)
    page = _main(site, "goals/grow-instagram")
    assert '<a class="smm-badge smm-badge--section" href="../" title="Goals">Goal</a>' in page
