"""KPIs, reports, SWOT, accounts and reviews as a user gets them: real MkDocs + Material builds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

PLAN = {
    "mission.md": """
        ---
        title: Acme Bikes
        mission: Get more people cycling to work.
        vision: Every commute by bike.
        horizon: {start: 2027-01-01, end: 2027-12-31}
        review_by: 2027-01-31
        swot:
          strengths: [Fast repairs]
          weaknesses: [Tiny ad budget]
          opportunities: [Bike-to-work subsidies]
          threats: [Discount chains]
        review: {rrule: "FREQ=MONTHLY;BYDAY=-1FR", time: "15:00", title: Monthly strategy review}
        ---
        """,
    "team/ana.md": "---\ntitle: Ana Lopez\nroles: [lead]\n---\n",
    "team/ben.md": "---\ntitle: Ben Okafor\nroles: [community]\n---\n",
    "team/zed.md": "---\ntitle: Zed Secretperson\ninternal: true\n---\n",
    "goals/followers.md": """
        ---
        title: Grow Instagram followers
        type: awareness
        metric: Instagram followers
        unit: followers
        baseline: 1000
        target: 2000
        deadline: 2027-06-30
        owner: ana
        actuals:
          - {date: 2027-04-01, value: 1900}
          - {date: 2027-02-01, value: 1300}
        ---
        """,
    "goals/bounce.md": """
        ---
        title: Cut bounce rate
        type: traffic
        metric: Bounce rate of social visitors
        unit: "%"
        baseline: 60
        target: 40
        deadline: 2027-12-31
        owner: ben
        actuals:
          - {date: 2027-03-01, value: 59}
        ---
        """,
    "goals/press.md": """
        ---
        title: Press mentions
        type: press
        metric: Articles mentioning us
        target: 10
        deadline: 2027-02-28
        owner: ana
        actuals:
          - {date: 2027-02-20, value: 4}
        ---
        """,
    "goals/community.md": """
        ---
        title: Commuter club
        type: community
        metric: Active members
        target: 50
        deadline: 2027-09-30
        owner: ana
        ---
        """,
    "initiatives/reels.md": """
        ---
        title: Launch reels
        goal: followers
        owner: ana
        start: 2027-02-01
        duration: 4w
        ---
        """,
    "channels/instagram.md": """
        ---
        title: Instagram
        platform: instagram
        handle: "@acmebikes"
        purpose: Main sales channel
        owner: ana
        metrics: [followers, reach, saves]
        account: {login_email: social-login@acme.example, two_factor: true, backup_owner: ben, recovery: ben}
        ---
        """,
    "channels/facebook.md": """
        ---
        title: Facebook
        platform: facebook
        purpose: Home of loyal customers
        owner: ben
        account: {login_email: fb-login@acme.example, two_factor: false}
        ---
        """,
    "channels/tiktok.md": """
        ---
        title: TikTok
        platform: tiktok
        purpose: Reach younger commuters
        owner: ana
        ---
        """,
    "competitors/velo.md": """
        ---
        title: Velo GmbH
        review_by: 2027-02-01
        swot:
          strengths: [Huge ad budget]
          threats: [Price war]
        channels:
          - {platform: instagram, handle: "@velo", followers: 20000, avg_likes: 300, avg_shares: 20, avg_comments: 15,\
 posts_per_week: 5}
        ---
        """,
    "competitors/bikeco.md": """
        ---
        title: BikeCo
        swot:
          weaknesses: [Slow support]
        channels:
          - {platform: instagram, handle: "@bikeco", followers: 8000, avg_likes: 120, avg_shares: 4, avg_comments: 6}
        ---
        """,
    "reports/instagram-2027-01.md": """
        ---
        title: Instagram, January
        channel: instagram
        period: 2027-01
        metrics: {followers: 1200, reach: 5000}
        ---
        """,
    "reports/instagram-2027-02.md": """
        ---
        title: Instagram, February
        channel: instagram
        period: 2027-02
        metrics: {followers: 1350, reach: 4000}
        ---
        """,
    "reviews/2027-01.md": """
        ---
        title: January review
        date: 2027-01-29
        attendees: [ana, ben, zed]
        decisions: [Pause TikTok ads, Double the reels]
        ---
        Notes of the January review.
        """,
    "reviews/2027-02.md": """
        ---
        title: February review
        date: 2027-02-26
        attendees: [ana]
        decisions: [Hire a photographer]
        ---
        """,
}


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def row(html: str, attr: str, value: str) -> str:
    match = re.search(rf'<tr {attr}="{value}".*?</tr>', html, flags=re.DOTALL)
    assert match, f"no row {attr}={value}"
    return match.group(0)


@pytest.fixture(scope="module")
def team_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import build, make_project

    return build(make_project(tmp_path_factory.mktemp("kpis-team"), PLAN))


@pytest.fixture(scope="module")
def stakeholder_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import build, make_project

    return build(make_project(tmp_path_factory.mktemp("kpis-stakeholders"), PLAN, options={"audience": "stakeholders"}))


def test_plan_json_goal_progress_and_status(team_site: Path) -> None:
    data = json.loads(read(team_site, "strategy/plan.json"))
    goals = data["goals"]
    # today 2027-03-10: the 2027-04-01 actual is in the future, so 1300 counts.
    assert goals["followers"]["status"] == "on-track" and goals["followers"]["progress"] == pytest.approx(0.3)
    assert goals["followers"]["latest_actual"] == {"date": "2027-02-01", "value": 1300}
    assert goals["bounce"]["status"] == "off-track" and goals["bounce"]["progress"] == pytest.approx(0.05)
    assert goals["press"]["status"] == "missed" and goals["press"]["progress"] == pytest.approx(0.4)
    assert goals["community"]["status"] == "no-data" and goals["community"]["progress"] is None
    assert data["next_review"] == "2027-03-26"
    assert data["channels"]["facebook"]["account_problems"] == ["no-backup-owner", "two-factor-off"]


def test_kpis_page_badges_and_numbers(team_site: Path) -> None:
    page = article(read(team_site, "strategy/kpis/index.html"))
    expected = {"followers": "On track", "bounce": "Off track", "press": "Missed", "community": "No data"}
    for goal_id, label in expected.items():
        assert re.search(rf'data-status="[a-z-]+">{label}</span>', row(page, "data-goal", goal_id)), goal_id
    followers = row(page, "data-goal", "followers")
    for text in ("1,000", "1,300", "Feb 1, 2027", "2,000", "followers", "Jun 30, 2027", ">30%<", 'role="progressbar"'):
        assert text in followers, text
    assert '<a href="../goals/followers/">Grow Instagram followers</a>' in followers
    assert "Instagram" in page and "+150 (+12.5%)" in page  # channel reports summary


def test_goal_page_chart_metrics_initiatives_and_smart(team_site: Path) -> None:
    page = article(read(team_site, "strategy/goals/followers/index.html"))
    assert '<svg class="smm-pace-chart" role="img"' in page and "<title>" in page
    assert "share of voice" in page
    assert '<a href="../../initiatives/reels/">Launch reels</a>' in page
    assert (
        'data-smart="relevant" data-present="false"' in page and 'data-smart="measurable" data-present="true"' in page
    )


def test_reports_page_replaces_the_generic_index(team_site: Path) -> None:
    page = article(read(team_site, "strategy/reports/index.html"))
    followers = row(page, "data-metric", "followers")
    assert "1,200" in followers and "1,350" in followers and "+150 (+12.5%)" in followers
    assert '<svg class="smm-sparkline" role="img"' in followers
    assert '<a href="instagram-2027-01/">Jan 2027</a>' in page
    channel = article(read(team_site, "strategy/channels/instagram/index.html"))
    assert 'data-month="2027-02"' in channel and '<li data-metric="saves">saves</li>' in channel


def test_swot_side_by_side_and_competitor_stats(team_site: Path) -> None:
    page = article(read(team_site, "strategy/swot/index.html"))
    velo = re.search(
        r'<div class="smm-swot-compare" data-competitor="velo">.*?</figure></div>', page, flags=re.DOTALL
    ).group(0)  # type: ignore[union-attr]
    assert "<li>Fast repairs</li>" in velo and "<li>Huge ad budget</li>" in velo and "<li>Price war</li>" in velo
    assert velo.count('<figure class="smm-swot') == 2
    stats = page[page.index("smm-competitor-stats") :]
    assert 'data-stat="interactions">335<' in row(stats, "data-competitor", "velo")
    assert 'data-stat="interactions">130<' in row(stats, "data-competitor", "bikeco")
    assert '<p class="smm-needs-review" data-competitor="velo">' in page
    assert 'data-competitor="bikeco"><span class="smm-badge' not in page
    competitor = article(read(team_site, "strategy/competitors/velo/index.html"))
    assert "<li>Huge ad budget</li>" in competitor and 'data-stat="followers">20,000<' in competitor


def test_accounts_page_flags_problems(team_site: Path) -> None:
    page = article(read(team_site, "strategy/accounts/index.html"))
    assert ">OK<" in row(page, "data-channel", "instagram")
    facebook = row(page, "data-channel", "facebook")
    assert "No backup owner" in facebook and "Two-factor is off" in facebook and "fb-login@acme.example" in facebook
    tiktok = row(page, "data-channel", "tiktok")
    assert "No backup owner" in tiktok and "Two-factor state unknown" in tiktok
    overview = article(read(team_site, "strategy/index.html"))
    assert '<li data-channel="facebook">' in overview and '<li data-channel="instagram">' not in overview


def test_stakeholder_build_has_no_accounts_anywhere(stakeholder_site: Path) -> None:
    assert not (stakeholder_site / "strategy" / "accounts").exists()
    leaks = (
        "social-login@acme.example",
        "fb-login@acme.example",
        "Account safety",
        "Two-factor",
        "account_problems",
        "Zed Secretperson",
    )
    for path in sorted(stakeholder_site.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".ics", ".csv", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            for leak in leaks:
                assert leak not in text, f"{leak!r} in {path.relative_to(stakeholder_site)}"
    review = article(read(stakeholder_site, "strategy/reviews/index.html"))
    assert "Ana Lopez" in review and "zed" not in review.lower()


def test_reviews_page_log_and_next_review(team_site: Path) -> None:
    page = article(read(team_site, "strategy/reviews/index.html"))
    assert re.findall(r'data-review="([0-9-]+)"', page) == ["2027-02", "2027-01"]
    assert "Monthly strategy review: Friday, March 26, 2027 at 15:00" in page
    january = page[page.index('data-review="2027-01"') :]
    assert "Ana Lopez" in january and "Ben Okafor" in january and "Pause TikTok ads" in january
    assert '<a href="2027-01/">January review</a>' in page
    overview = article(read(team_site, "strategy/index.html"))
    assert "March 26, 2027" in overview


def test_overview_fragments_in_order(team_site: Path) -> None:
    overview = article(read(team_site, "strategy/index.html"))
    headings = ["Mission", "Horizon", "Goal statuses", "Account problems", "Next review", "Stale evidence"]
    positions = [overview.index(f">{h}<") if f">{h}<" in overview else overview.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Every commute by bike." in overview and "18.7% has passed" in overview
    stale = overview[overview.index("Stale evidence") :]
    assert "Velo GmbH" in stale and "BikeCo" not in stale


def test_markdown_in_titles_never_becomes_a_link(build_site) -> None:
    files = dict(PLAN)
    files["competitors/evil.md"] = (
        '---\ntitle: "[click](javascript:alert(1)) *bold*"\nswot: {strengths: ["<script>alert(1)</script>"]}\n---\n'
    )
    files["goals/evil.md"] = files["goals/community.md"].replace(
        "title: Commuter club", 'title: "[x](javascript:alert(2))"'
    )
    site = build_site(files)
    for rel in (
        "strategy/swot/index.html",
        "strategy/kpis/index.html",
        "strategy/goals/evil/index.html",
        "strategy/index.html",
    ):
        html = read(site, rel)
        assert 'href="javascript' not in html and "<script>alert" not in html and "<em>bold</em>" not in html, rel
