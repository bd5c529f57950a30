"""The roadmap, priorities and board as a user gets them: real MkDocs + Material builds of the
golden roadmap plan (tests/golden/roadmap/plan), for the team and for stakeholders."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import html5lib
import pytest

from .conftest import build, make_project

PLAN = Path(__file__).resolve().parent / "golden" / "roadmap" / "plan"
SVG = "{http://www.w3.org/2000/svg}"
XHTML = {"h": "http://www.w3.org/1999/xhtml"}

#: id -> (start, inclusive end, status, value, complexity) as the plan defines them.
INITIATIVES = {
    "launch-reels": ("2027-02-01", "2027-02-28", "in-progress", 4, 2),  # duration 4w
    "german-account": ("2027-03-01", "2027-03-07", "done", 5, 1),
    "influencers": ("2027-03-08", "2027-06-07", "todo", 5, 4),  # duration 3m
    "lead-magnet": ("2027-04-01", "2027-05-15", "on-hold", 3, 3),
    "webinar": ("2027-01-10", "2027-02-20", "review", 2, 5),
    "press-kit": ("2027-09-01", "2027-09-14", "backlog", None, None),  # duration 2w
    "injection": ("2027-06-01", "2027-06-10", "backlog", 1, 1),  # duration 10d
    "secret-launch": ("2027-06-01", "2027-07-31", "todo", 4, 2),
    "partner-push": ("2027-08-01", "2027-08-31", "backlog", 2, 2),  # duration 1m
}
HIDDEN_WORDS = (
    "Secret Launch Zeta",
    "Zeta reveal",
    "Secret Goal Omega",
    "Cleo Hidden-Freelancer",
    "secret-launch",
    "secret-goal",
    "cleo",
)


@pytest.fixture(scope="module")
def team_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("roadmap-team")
    return build(make_project(root, copy_plan=PLAN))


@pytest.fixture(scope="module")
def stakeholder_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("roadmap-stakeholders")
    return build(make_project(root, copy_plan=PLAN, options={"audience": "stakeholders"}))


def article(site: Path, rel: str) -> str:
    html = (site / rel / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def svg_of(html: str, kind: str) -> ET.Element:
    """The inline ``<svg class="smm-svg smm-<kind>">`` of a page, parsed as XML (so it must be
    well-formed)."""
    match = re.search(r'<svg [^>]*class="smm-svg smm-' + kind + r'".*?</svg>', html, re.DOTALL)
    assert match, f"no {kind} SVG on the page"
    return ET.fromstring(match.group(0))


def bars(svg: ET.Element) -> dict[str, ET.Element]:
    found = [e for e in svg.iter() if "data-initiative" in e.attrib]
    ids = [e.get("data-initiative") for e in found]
    assert len(ids) == len(set(ids)), "an initiative has more than one bar"
    return dict(zip(ids, found, strict=False))


def resolves(site: Path, page: str, href: str) -> bool:
    """Whether a relative link on ``site/page/index.html`` points at a generated page."""
    target = posixpath.normpath(posixpath.join(page, href.split("#")[0]))
    return (site / target / "index.html").is_file()


def days(a: str, b: str) -> int:
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


# --- roadmap --------------------------------------------------------------------------------


def test_roadmap_has_exactly_one_linked_bar_per_initiative(team_site: Path) -> None:
    page = article(team_site, "strategy/roadmap")
    svg = svg_of(page, "timeline")
    found = bars(svg)
    assert sorted(found) == sorted(INITIATIVES)
    for id, bar in found.items():
        start, end, status, _, _ = INITIATIVES[id]
        assert (bar.get("data-start"), bar.get("data-end")) == (start, end)
        assert bar.tag == SVG + "a"
        assert bar.get("href") == f"../initiatives/{id}/"
        assert resolves(team_site, "strategy/roadmap", bar.get("href"))
        assert f"smm-status-{status}" in bar.get("class")
        rect = bar.find(SVG + "rect")
        assert (rect.get("x"), rect.get("width")) == (bar.get("x"), bar.get("width"))
        assert "Status: " in bar.find(SVG + "title").text  # the tooltip
    assert (
        found["launch-reels"]
        .find(SVG + "title")
        .text.startswith("Launch reels\nGoal: Grow Instagram\nOwner: Ana Lopez")
    )


def test_bars_are_drawn_to_scale(team_site: Path) -> None:
    svg = svg_of(article(team_site, "strategy/roadmap"), "timeline")
    found = bars(svg)
    first_day = svg.get("data-first-day")
    px_per_day = float(svg.get("data-px-per-day"))
    origin = float(svg.get("data-origin-x"))
    widths = {id: float(b.get("width")) / (days(b.get("data-start"), b.get("data-end")) + 1) for id, b in found.items()}
    assert max(widths.values()) - min(widths.values()) < 1e-9, "pixels per day differ between bars"
    assert widths["webinar"] == pytest.approx(px_per_day)
    # x is linear in the start date: the same slope between any two bars.
    ref = found["webinar"]
    for bar in found.values():
        offset = days(ref.get("data-start"), bar.get("data-start"))
        assert float(bar.get("x")) == pytest.approx(float(ref.get("x")) + offset * px_per_day, abs=1e-6)
        assert float(bar.get("x")) == pytest.approx(
            origin + days(first_day, bar.get("data-start")) * px_per_day, abs=1e-6
        )
    assert first_day == "2027-01-01"  # the horizon start


def test_svg_is_accessible_and_scales(team_site: Path) -> None:
    svg = svg_of(article(team_site, "strategy/roadmap"), "timeline")
    assert svg.get("role") == "group"  # it holds links: an img's children are hidden from assistive tech
    assert svg.get("viewBox").startswith("0 0 ")
    assert svg.find(SVG + "title").text == "Roadmap timeline"
    assert "Initiatives: 9" in svg.find(SVG + "desc").text
    legend = [g.get("data-legend") for g in svg.iter(SVG + "g") if g.get("data-legend")]
    assert legend == [
        "backlog",
        "todo",
        "in-progress",
        "on-hold",
        "review",
        "done",
        "overdue",
        "milestone",
        "dependency",
        "today",
    ]
    month_labels = [t.text for t in svg.find(f"{SVG}g[@class='smm-axis']")]
    assert month_labels[:12] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def test_milestones_today_and_dependencies(team_site: Path) -> None:
    svg = svg_of(article(team_site, "strategy/roadmap"), "timeline")
    milestones = [
        (g.get("data-milestone-of"), g.get("data-date"), g.find(SVG + "text").text)
        for g in svg.iter(SVG + "g")
        if g.get("class") == "smm-milestone"
    ]
    assert sorted(milestones) == [
        ("influencers", "2027-04-01", "100 influencers contacted"),
        ("influencers", "2027-04-03", "First contracts"),
        ("launch-reels", "2027-02-14", "First reel live"),
        ("secret-launch", "2027-07-01", "Zeta reveal"),
    ]
    today = next(g for g in svg.iter(SVG + "g") if g.get("class") == "smm-today")
    assert today.get("data-date") == "2027-03-10"
    assert today.find(SVG + "text").text == "Today"
    line = today.find(SVG + "line")
    ref = bars(svg)["german-account"]  # started 1 March, nine days before today
    assert float(line.get("x1")) == pytest.approx(float(ref.get("x")) + 9 * float(svg.get("data-px-per-day")))
    arrows = sorted((p.get("data-from"), p.get("data-to")) for p in svg.iter(SVG + "path") if p.get("data-from"))
    assert arrows == [("german-account", "influencers"), ("secret-launch", "partner-push")]


def test_overdue_initiatives_are_flagged(team_site: Path) -> None:
    page = article(team_site, "strategy/roadmap")
    found = bars(svg_of(page, "timeline"))
    overdue = sorted(id for id, bar in found.items() if "smm-overdue" in bar.get("class"))
    # Ended before 10 March and not done; the German account ended too, but is done.
    assert overdue == ["launch-reels", "webinar"]
    assert "(overdue)" in "".join(found["webinar"].itertext())


def test_lanes_follow_goals_and_link_to_them(team_site: Path) -> None:
    svg = svg_of(article(team_site, "strategy/roadmap"), "timeline")
    lanes = [g for g in svg.iter(SVG + "g") if (g.get("class") or "").startswith("smm-lane")]
    assert [g.get("data-goal") for g in lanes] == ["grow-instagram", "newsletter-leads", "secret-goal"]
    for lane in lanes:
        link = lane.find(SVG + "a")
        assert resolves(team_site, "strategy/roadmap", link.get("href"))
    found = bars(svg)
    lane_top = {g.get("data-goal"): float(g.find(SVG + "rect").get("y")) for g in lanes}
    assert lane_top["grow-instagram"] < float(found["launch-reels"].get("y")) < lane_top["newsletter-leads"]
    assert lane_top["newsletter-leads"] < float(found["webinar"].get("y")) < lane_top["secret-goal"]


def test_table_beside_the_timeline(team_site: Path) -> None:
    doc = html5lib.parse(article(team_site, "strategy/roadmap"), namespaceHTMLElements=True)
    table = doc.find(".//h:table", XHTML)
    header = ["".join(th.itertext()) for th in table.iterfind(".//h:th", XHTML)]
    assert header == ["Initiative", "Goal", "Owner", "Start", "End", "Status"]
    rows = [
        ["".join(td.itertext()).strip() for td in tr.iterfind("h:td", XHTML)]
        for tr in table.iterfind(".//h:tbody/h:tr", XHTML)
    ]
    assert len(rows) == 9
    assert rows[0] == [
        "Commuter webinar",
        "Newsletter leads",
        "Ben Okafor",
        "Jan 10, 2027",
        "Feb 20, 2027",
        "In review overdue",
    ]
    assert ["Launch reels", "Grow Instagram", "Ana Lopez", "Feb 1, 2027", "Feb 28, 2027", "In progress overdue"] in rows


def test_titles_are_escaped_inside_the_svg(team_site: Path) -> None:
    page = article(team_site, "strategy/roadmap")
    assert "<script>alert" not in page
    assert 'href="javascript' not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; [link](javascript:alert(1))" in page
    svg = svg_of(page, "timeline")
    title = bars(svg)["injection"].find(SVG + "title").text
    assert title.startswith("<script>alert('x')</script> & [link](javascript:alert(1))")


# --- priorities -----------------------------------------------------------------------------


def test_priorities_matrix_points(team_site: Path) -> None:
    page = article(team_site, "strategy/priorities")
    svg = svg_of(page, "matrix")
    assert svg.get("role") == "group" and svg.get("viewBox")  # holds links
    points = bars(svg)
    # A point per initiative: the press kit has no score yet and is drawn outside the grid.
    assert sorted(points) == sorted(INITIATIVES)
    scored = {id: v for id, v in INITIATIVES.items() if v[3] is not None}
    unscored = points.pop("press-kit")
    assert unscored.get("data-scored") == "false" and "data-value" not in unscored.attrib
    assert resolves(team_site, "strategy/priorities", unscored.get("href"))
    assert unscored.find(SVG + "title").text == "9. Press kit: value –, complexity – (not scored yet)"
    grid_bottom = max(
        float(r.get("y")) + float(r.get("height"))
        for r in svg.iter(SVG + "rect")
        if "smm-quadrant" in (r.get("class") or "")
    )
    assert float(unscored.get("cy")) > grid_bottom
    for a, b in [(a, b) for a in points for b in points if a != b]:
        va, ca = scored[a][3], scored[a][4]
        vb, cb = scored[b][3], scored[b][4]
        if va > vb:
            assert float(points[a].get("cy")) < float(points[b].get("cy")), (a, b)
        if ca > cb:
            assert float(points[a].get("cx")) > float(points[b].get("cx")), (a, b)
    for id, point in points.items():
        assert (int(point.get("data-value")), int(point.get("data-complexity"))) == scored[id][3:]
        assert resolves(team_site, "strategy/priorities", point.get("href"))
    names = [t.text for t in svg.iter(SVG + "text") if t.get("data-quadrant")]
    assert names == ["Quick wins", "Big bets", "Fill-ins", "Money pits"]
    # Two initiatives share value 4 and complexity 2: their points and labels are offset.
    shared = [points["launch-reels"], points["secret-launch"]]
    assert len({(p.get("cx"), p.get("cy")) for p in shared}) == 2
    labels = [p.find(SVG + "text") for p in shared]
    assert labels[0].get("y") != labels[1].get("y")


def test_priorities_ranked_table_and_unscored(team_site: Path) -> None:
    doc = html5lib.parse(article(team_site, "strategy/priorities"), namespaceHTMLElements=True)
    table = doc.find(".//h:table", XHTML)
    rows = [
        ["".join(td.itertext()).strip() for td in tr.iterfind("h:td", XHTML)]
        for tr in table.iterfind(".//h:tbody/h:tr", XHTML)
    ]
    ranked = [(r[1], int(r[2]), int(r[3])) for r in rows]
    assert [r[0] for r in rows] == [str(n) for n in range(1, 9)]
    assert ranked == [
        ("Open a German account", 5, 1),
        ("Win followers through influencers", 5, 4),
        ("Launch reels", 4, 2),
        ("Secret Launch Zeta", 4, 2),
        ("Lead magnet e-book", 3, 3),
        ("Partner push", 2, 2),
        ("Commuter webinar", 2, 5),
        ("<script>alert('x')</script> & [link](javascript:alert(1))", 1, 1),
    ]
    assert rows[0][4] == "Quick wins" and rows[1][4] == "Big bets"
    # Numbered after the ranked rows, as its point in the matrix.
    unscored = doc.find(".//h:ol[@class='smm-unscored']", XHTML)
    assert unscored.get("start") == "9"
    assert "".join(unscored.itertext()).strip().startswith("Press kit")


# --- board ----------------------------------------------------------------------------------


def _columns(site: Path) -> dict[str, list[str]]:
    doc = html5lib.parse(article(site, "strategy/board"), namespaceHTMLElements=True)
    return {
        section.get("data-status"): [li.get("data-key") for li in section.iterfind(".//h:li", XHTML)]
        for section in doc.iterfind(".//h:section[@data-status]", XHTML)
    }


def test_board_columns_hold_exactly_the_items_of_their_status(team_site: Path) -> None:
    columns = _columns(team_site)
    assert list(columns) == ["backlog", "todo", "in-progress", "on-hold", "review", "done"]
    assert {s: sorted(keys) for s, keys in columns.items()} == {
        "backlog": ["injection", "partner-push", "press-kit"],
        "todo": ["influencers", "influencers/tasks/0", "launch-reels/tasks/1", "secret-launch"],
        "in-progress": ["launch-reels", "launch-reels/tasks/2"],
        "on-hold": ["lead-magnet"],
        "review": ["webinar"],
        "done": ["german-account", "launch-reels/tasks/0"],
    }
    page = article(team_site, "strategy/board")
    doc = html5lib.parse(page, namespaceHTMLElements=True)
    card = doc.find(".//h:li[@data-key='influencers/tasks/0']", XHTML)
    text = "".join(card.itertext())
    assert (
        "Reach out to 100 influencers" in text
        and "Ben Okafor" in text
        and "Apr 1, 2027" in text
        and "Grow Instagram" in text
    )
    assert resolves(team_site, "strategy/board", card.find(".//h:a", XHTML).get("href"))


def test_board_has_a_section_per_person(team_site: Path) -> None:
    page = article(team_site, "strategy/board")
    headings = re.findall(r"<h3 id=\"[^\"]+\">([^<]+)", page)
    assert headings == ["Ana Lopez", "Ben Okafor", "Cleo Hidden-Freelancer"]
    doc = html5lib.parse(page, namespaceHTMLElements=True)
    cleo = doc.find(".//h:div[@data-person='cleo']", XHTML)
    assert [tr.get("data-key") for tr in cleo.iterfind(".//h:tbody/h:tr", XHTML)] == [
        "launch-reels/tasks/2",
        "lead-magnet",
    ]


def test_tasks_show_on_their_owners_page_overdue_first(team_site: Path) -> None:
    doc = html5lib.parse(article(team_site, "strategy/team/ana"), namespaceHTMLElements=True)
    board = doc.find(".//h:div[@data-person='ana']", XHTML)
    keys = [tr.get("data-key") for tr in board.iterfind(".//h:tbody/h:tr", XHTML)]
    assert keys == ["launch-reels", "launch-reels/tasks/1", "influencers", "secret-launch", "partner-push", "press-kit"]
    assert "Book the studio" in "".join(board.itertext())
    ben = article(team_site, "strategy/team/ben")
    assert "Reach out to 100 influencers" in ben and "Script five reels" in ben


def test_goal_and_initiative_pages_show_their_place(team_site: Path) -> None:
    goal = svg_of(article(team_site, "strategy/goals/grow-instagram"), "timeline")
    assert sorted(bars(goal)) == ["german-account", "influencers", "launch-reels"]
    assert all(resolves(team_site, "strategy/goals/grow-instagram", b.get("href")) for b in bars(goal).values())
    page = article(team_site, "strategy/initiatives/influencers")
    mini = bars(svg_of(page, "timeline"))
    assert sorted(mini) == ["german-account", "influencers"]
    assert "smm-highlighted" in mini["influencers"].get("class")
    assert "100 influencers contacted" in page and "Reach out to 100 influencers" in page
    assert re.search(r"Depends on: <a href=\"../german-account/\">Open a German account</a>", page)


# --- stakeholders ---------------------------------------------------------------------------


def test_stakeholder_build_shows_nothing_of_internal_entities(stakeholder_site: Path) -> None:
    pages = [
        "strategy/roadmap",
        "strategy/priorities",
        "strategy/board",
        "strategy/team/ana",
        "strategy/team/ben",
        "strategy/initiatives/partner-push",
        "strategy/initiatives/launch-reels",
        "strategy/goals/grow-instagram",
    ]
    for rel in pages:
        text = article(stakeholder_site, rel)
        for word in HIDDEN_WORDS:
            assert word not in text, (rel, word)
    svg = svg_of(article(stakeholder_site, "strategy/roadmap"), "timeline")
    found = bars(svg)
    assert sorted(found) == sorted(set(INITIATIVES) - {"secret-launch"})
    internal_lane = next(g for g in svg.iter(SVG + "g") if "smm-lane-internal" in (g.get("class") or ""))
    assert internal_lane.find(SVG + "text").text == "internal"
    assert [(p.get("data-from"), p.get("data-to")) for p in svg.iter(SVG + "path") if p.get("data-from")] == [
        ("german-account", "influencers")
    ]
    assert not (stakeholder_site / "strategy" / "team" / "cleo").exists()


def test_stakeholder_board_keeps_the_work_but_hides_who(stakeholder_site: Path) -> None:
    columns = _columns(stakeholder_site)
    assert "secret-launch" not in columns["todo"]
    assert "launch-reels/tasks/2" in columns["in-progress"]
    doc = html5lib.parse(article(stakeholder_site, "strategy/board"), namespaceHTMLElements=True)
    card = doc.find(".//h:li[@data-key='launch-reels/tasks/2']", XHTML)
    assert "Owner: internal" in "".join(card.itertext())
    assert doc.find(".//h:div[@data-person='cleo']", XHTML) is None
