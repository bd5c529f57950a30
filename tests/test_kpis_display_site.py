"""Next review and goal progress as a user reads them (real MkDocs + Material builds).

Reviews: a review file dated after today is a planned review: it can be the next review (with
its own title), it is listed among the planned reviews and never in the log. Progress: shown in
whole percent cut toward zero, so the number never crosses a status threshold (39.99% off track
reads 39%, not the 40% of an at-risk goal)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

MISSION = """
    ---
    title: Acme Coffee
    mission: Good coffee at home.
    horizon: {start: 2027-01-01, end: 2027-12-31}
    review: {rrule: "FREQ=MONTHLY;BYDAY=1TU", time: "10:00"}
    ---
    """

REVIEWS = {
    "team/ana.md": "---\ntitle: Ana Lopez\n---\n",
    "reviews/feb.md": (
        "---\ntitle: February review\ndate: 2027-02-02\nattendees: [ana]\ndecisions: [Hire a photographer]\n---\n"
    ),
    "reviews/special.md": "---\ntitle: Special review\ndate: 2027-03-20\nattendees: [ana]\n---\n",
    "reviews/april.md": "---\ntitle: April review with the board\ndate: 2027-04-06\n---\n",
}


def article(site: Path, rel: str) -> str:
    html = (
        (site / "strategy" / rel / "index.html").read_text(encoding="utf-8")
        if rel
        else (site / "strategy" / "index.html").read_text(encoding="utf-8")
    )
    return html[html.index("<article") : html.index("</article>")]


def section(page: str, heading: str) -> str:
    start = page.index(f">{heading}</h2>")
    end = page.find("<h2", start)
    return page[start : end if end != -1 else len(page)]


@pytest.fixture(scope="module")
def reviews_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import build, make_project

    return build(make_project(tmp_path_factory.mktemp("reviews"), {"mission.md": MISSION, **REVIEWS}))


def test_a_future_review_file_is_the_next_review_everywhere(reviews_site: Path) -> None:
    # today 2027-03-10; the scheduled review would be 2027-04-06, the special one is 2027-03-20
    for page in (article(reviews_site, ""), article(reviews_site, "reviews")):
        block = section(page, "Next review")
        assert 'data-date="2027-03-20"' in block
        assert "Special review: Saturday, March 20, 2027" in block
        assert '<a href="' in block and "special/" in block
    overview = article(reviews_site, "")
    assert "Last review: Feb 2, 2027" in overview
    data = json.loads((reviews_site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    assert data["next_review"] == "2027-03-20" and data["next_review_details"]["review"] == "special"
    # the overview's next 14 days agree
    days = section(overview, "Next 14 days")
    assert "Special review" in days


def test_reviews_page_splits_planned_reviews_from_the_log(reviews_site: Path) -> None:
    page = article(reviews_site, "reviews")
    planned = section(page, "Planned reviews")
    log = section(page, "Review log")
    assert re.findall(r'data-review="([a-z]+)"', planned) == ["special", "april"]
    assert re.findall(r'data-review="([a-z]+)"', log) == ["feb"]
    # the scheduled day taken by the April review file reads with the file's title
    then = section(page, "Next review")
    assert "Apr 6, 2027</time> (<a" in then and "April review with the board" in then
    assert "May 4, 2027" in then


def test_a_review_file_on_the_scheduled_day_keeps_its_title(build_site) -> None:
    site = build_site({"mission.md": MISSION, **REVIEWS}, options={"today": "2027-03-25"})
    for page in (article(site, ""), article(site, "reviews")):
        block = section(page, "Next review")
        assert "April review with the board: Tuesday, April 6, 2027" in block and "Strategy review" not in block
    overview = article(site, "")
    assert "Last review: Mar 20, 2027" in overview


def test_without_a_schedule_a_future_review_file_is_still_the_next_review(build_site) -> None:
    mission = MISSION.replace('    review: {rrule: "FREQ=MONTHLY;BYDAY=1TU", time: "10:00"}\n', "")
    site = build_site({"mission.md": mission, **REVIEWS})
    for page in (article(site, ""), article(site, "reviews")):
        block = section(page, "Next review")
        assert "Special review: Saturday, March 20, 2027" in block and "No review is scheduled" not in block
    data = json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    assert data["next_review"] == "2027-03-20"


def goal(id: str, value: str, baseline: int = 0, target: int = 10000) -> tuple[str, str]:
    # start 2027-01-01, deadline 2027-05-01 (120 days), measured 2027-03-02 (60 days): e = 50%
    return f"goals/{id}.md", (
        f"---\ntitle: Goal {id}\ntype: awareness\nmetric: Reach\nbaseline: {baseline}\ntarget: {target}\n"
        f"deadline: 2027-05-01\nowner: ana\nactuals: [{{date: 2027-03-02, value: {value}}}]\n---\n"
    )


@pytest.fixture(scope="module")
def progress_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import build, make_project

    files = {"mission.md": MISSION, "team/ana.md": "---\ntitle: Ana Lopez\n---\n"}
    files.update(
        [
            goal("almost-at-risk", "3999"),  # p = 39.99% < 0.8 * 50%: off track
            goal("at-risk", "4000"),  # p = 40%: at risk
            goal("almost-done", "9999"),  # p = 99.99%: on track, not achieved
            goal("worse", "105", baseline=100, target=84),  # decreasing goal moving up: p = -31.25%
        ]
    )
    return build(make_project(tmp_path_factory.mktemp("progress"), files))


def test_progress_never_rounds_across_a_status_threshold(progress_site: Path) -> None:
    expected = {
        "almost-at-risk": ("off-track", "39%"),
        "at-risk": ("at-risk", "40%"),
        "almost-done": ("on-track", "99%"),
        "worse": ("off-track", "-31%"),
    }
    for rel in ("kpis", ""):
        page = article(progress_site, rel)
        for id, (status, text) in expected.items():
            row = re.search(rf'<tr data-goal="{id}" data-status="{status}">.*?</tr>', page, flags=re.DOTALL)
            assert row, (rel, id)
            now = min(100, max(0, int(text.rstrip("%"))))  # ARIA: the value stays in min..max
            assert f'aria-valuenow="{now}" aria-valuetext="{text}"' in row.group(0), (rel, id)
            assert f'<span class="smm-progress__text">{text}</span>' in row.group(0), (rel, id)
    goal_page = article(progress_site, "goals/almost-at-risk")
    assert "By then 50% of the goal&#39;s time had passed; progress is 39%." in goal_page
    data = json.loads((progress_site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    assert data["goals"]["almost-at-risk"]["progress"] == pytest.approx(0.3999)  # unrounded
