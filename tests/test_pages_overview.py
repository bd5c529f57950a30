"""The overview shows everything the mission file says (real MkDocs + Material builds): values
in the company section, tags as badges, sources as links, ``private`` in team builds only, and
the "needs review" notice once the mission's ``review_by`` has passed."""

from __future__ import annotations

from pathlib import Path

import pytest

MISSION = """
    ---
    title: Acme Coffee
    mission: Good coffee at home.
    values: [Fresh beans, Fair prices]
    tags: [b2c, coffee]
    sources: [https://example.com/market-study]
    private: {notes: Board wants a sale by 2029}
    review_by: 2027-02-01
    horizon: {start: 2027-01-01, end: 2027-12-31}
    ---
    The story of Acme.
    """


def overview(site: Path) -> str:
    html = (site / "strategy" / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from .conftest import build, make_project

    return {
        audience: build(
            make_project(
                tmp_path_factory.mktemp(f"overview-{audience}"), {"mission.md": MISSION}, options={"audience": audience}
            )
        )
        for audience in ("team", "stakeholders")
    }


def test_values_are_in_the_company_section(sites: dict[str, Path]) -> None:
    page = overview(sites["team"])
    company = page[page.index("The company") :]
    assert ">Values<" in company and "<li>Fresh beans</li>" in company and "<li>Fair prices</li>" in company


def test_tags_are_badges_and_sources_are_links(sites: dict[str, Path]) -> None:
    for site in sites.values():
        page = overview(site)
        assert '<span class="smm-badge smm-badge--tag">b2c</span>' in page
        assert '<span class="smm-badge smm-badge--tag">coffee</span>' in page
        sources = page[page.index(">Sources<") :]
        assert '<a href="https://example.com/market-study" rel="noopener nofollow">' in sources


def test_private_fields_only_in_team_builds(sites: dict[str, Path]) -> None:
    team = overview(sites["team"])
    assert "Private (team only)" in team and "Board wants a sale by 2029" in team
    for path in sites["stakeholders"].rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".ics", ".csv"}:
            assert "Board wants a sale" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_a_stale_mission_shows_the_needs_review_notice(sites: dict[str, Path]) -> None:
    page = overview(sites["team"])
    assert '<span class="smm-badge smm-badge--stale">Needs review</span>' in page
    assert "The evidence on this page was due for review on Feb 1, 2027." in page
    # before the fragments, as on entity pages
    assert page.index("smm-needs-review") < page.index(">Mission<")
