"""Initiatives without a value or a complexity (both optional) on the priorities page: real
MkDocs + Material builds of the golden roadmap plan plus a value-only, a complexity-only and an
internal unscored initiative, for the team and for stakeholders. Every initiative the audience
may see has exactly one point in the matrix; unscored ones sit outside the grid, labelled."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest

from smm_docs_plugin.features.roadmap_timeline import text_width

from .conftest import build, make_project
from .test_roadmap_site import INITIATIVES, PLAN, SVG, XHTML, article, resolves, svg_of

EXTRA = {
    "initiatives/value-only.md": """
        ---
        title: Value only idea
        goal: grow-instagram
        owner: ana
        start: 2027-04-01
        duration: 1w
        value: 4
        ---
        """,
    "initiatives/complexity-only.md": """
        ---
        title: Complexity only idea
        goal: newsletter-leads
        owner: ben
        start: 2027-04-01
        duration: 1w
        complexity: 5
        ---
        """,
    "initiatives/hidden-idea.md": """
        ---
        title: Hidden Idea Kappa
        goal: grow-instagram
        owner: ana
        start: 2027-05-01
        duration: 1w
        internal: true
        ---
        """,
}
#: id -> (value, complexity) of every initiative of the built plan.
SCORES = {id: (v[3], v[4]) for id, v in INITIATIVES.items()} | {
    "value-only": (4, None),
    "complexity-only": (None, 5),
    "hidden-idea": (None, None),
}
INTERNAL = {"secret-launch", "hidden-idea"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    built = {}
    for audience in ("team", "stakeholders"):
        root = tmp_path_factory.mktemp(f"unscored-{audience}")
        built[audience] = build(make_project(root, EXTRA, copy_plan=PLAN, options={"audience": audience}))
    return built


def points(svg: ET.Element) -> dict[str, ET.Element]:
    found = [e for e in svg.iter() if "data-initiative" in e.attrib]
    ids = [e.get("data-initiative") for e in found]
    assert len(ids) == len(set(ids)), "an initiative has more than one point"
    return dict(zip(ids, found, strict=False))


def grid(svg: ET.Element) -> tuple[float, float, float, float]:
    """left, top, right, bottom of the 5 × 5 grid (its quadrant rectangles)."""
    rects = [r for r in svg.iter(SVG + "rect") if "smm-quadrant" in (r.get("class") or "")]
    return (
        min(float(r.get("x")) for r in rects),
        min(float(r.get("y")) for r in rects),
        max(float(r.get("x")) + float(r.get("width")) for r in rects),
        max(float(r.get("y")) + float(r.get("height")) for r in rects),
    )


@pytest.mark.parametrize("audience", ["team", "stakeholders"])
def test_every_visible_initiative_has_exactly_one_point(sites, audience):
    svg = svg_of(article(sites[audience], "strategy/priorities"), "matrix")
    expected = set(SCORES) - (INTERNAL if audience == "stakeholders" else set())
    assert sorted(points(svg)) == sorted(expected)


@pytest.mark.parametrize("audience", ["team", "stakeholders"])
def test_scored_points_keep_the_rules_and_unscored_ones_sit_outside_the_grid(sites, audience):
    site = sites[audience]
    svg = svg_of(article(site, "strategy/priorities"), "matrix")
    found = points(svg)
    left, top, right, bottom = grid(svg)
    for id, point in found.items():
        value, complexity = SCORES[id]
        cx, cy = float(point.get("cx")), float(point.get("cy"))
        # A score is on the point exactly when the plan sets it.
        assert point.get("data-value") == (None if value is None else str(value)), id
        assert point.get("data-complexity") == (None if complexity is None else str(complexity)), id
        inside = left < cx < right and top < cy < bottom
        assert inside == (value is not None and complexity is not None), id
        assert resolves(site, "strategy/priorities", point.get("href")), id
        assert point.find(SVG + "title").text, id  # the tooltip
        assert point.find(SVG + "circle") is not None
    # Higher value drawn higher, higher complexity further right, for every score drawn.
    for a, b in itertools.permutations(found.values(), 2):
        if a.get("data-value") and b.get("data-value") and int(a.get("data-value")) > int(b.get("data-value")):
            assert float(a.get("cy")) < float(b.get("cy")), (a.get("data-initiative"), b.get("data-initiative"))
        if (
            a.get("data-complexity")
            and b.get("data-complexity")
            and int(a.get("data-complexity")) > int(b.get("data-complexity"))
        ):
            assert float(a.get("cx")) > float(b.get("cx")), (a.get("data-initiative"), b.get("data-initiative"))
    # Where: a missing complexity right of the grid, a missing value below it.
    assert float(found["value-only"].get("cx")) > right and top < float(found["value-only"].get("cy")) < bottom
    assert (
        left < float(found["complexity-only"].get("cx")) < right and float(found["complexity-only"].get("cy")) > bottom
    )
    assert float(found["press-kit"].get("cx")) > right and float(found["press-kit"].get("cy")) > bottom


@pytest.mark.parametrize("audience", ["team", "stakeholders"])
def test_the_not_scored_areas_are_labelled_and_described(sites, audience):
    svg = svg_of(article(sites[audience], "strategy/priorities"), "matrix")
    assert svg.get("role") == "group"
    assert svg.find(SVG + "title").text == "Value versus complexity"
    count = 3 if audience == "stakeholders" else 4
    assert f"Not scored yet: {count}, drawn outside the grid" in svg.find(SVG + "desc").text
    captions = {t.get("data-unscored"): t.text for t in svg.iter(SVG + "text") if t.get("data-unscored")}
    assert captions["complexity"] == "not scored"
    assert captions["value"].startswith("Value not scored yet")
    # Legible in both colour schemes: the areas and captions take the text colour of the
    # scheme (currentColor / CSS variables), never a fixed colour.
    area = next(g for g in svg.iter(SVG + "g") if g.get("class") == "smm-unscored-area")
    assert area.get("fill") == area.get("stroke") == "currentColor"
    assert all(t.get("fill") is None for t in svg.iter(SVG + "text") if t.get("data-unscored"))


def _text_boxes(svg: ET.Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every horizontal text line of the drawing with its estimated box (the same generous
    width estimate the layout uses)."""
    boxes = []
    for text in svg.iter(SVG + "text"):
        if text.get("transform"):
            continue  # the rotated axis title, left of everything
        font = float(text.get("font-size") or 11)
        anchor = text.get("text-anchor") or "start"
        x, y = float(text.get("x")), float(text.get("y"))
        spans = list(text.iter(SVG + "tspan")) or [text]
        for span in spans:
            if span is not text:
                x = float(span.get("x") or x)
                y += float(span.get("dy") or 0)
            content = span.text or ""
            width = text_width(content, font)
            start = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
            boxes.append((content, (start, y - 0.8 * font, start + width, y + 0.25 * font)))
    return boxes


@pytest.mark.parametrize("audience", ["team", "stakeholders"])
def test_no_two_labels_of_the_matrix_overlap(sites, audience):
    svg = svg_of(article(sites[audience], "strategy/priorities"), "matrix")
    boxes = _text_boxes(svg)
    assert any(text == "not scored" for text, _ in boxes)
    for (ta, a), (tb, b) in itertools.combinations(boxes, 2):
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (ta, tb)
    width, height = (float(n) for n in svg.get("viewBox").split()[2:])
    assert all(box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height for _, box in boxes)


def test_points_are_numbered_like_the_not_scored_list(sites):
    page = article(sites["team"], "strategy/priorities")
    found = points(svg_of(page, "matrix"))
    doc = html5lib.parse(page, namespaceHTMLElements=True)
    ranked = doc.findall(".//h:table[@class='smm-table smm-priorities-table']/h:tbody/h:tr", XHTML)
    assert len(ranked) == 8
    listed = doc.find(".//h:ol[@class='smm-unscored']", XHTML)
    assert listed.get("start") == "9"
    items = [(li.get("id"), li.get("data-number"), "".join(li.itertext())) for li in listed.iterfind("h:li", XHTML)]
    # By title, after the ranked rows; the list says which score is missing.
    assert items == [
        ("unscored-complexity-only", "9", "Complexity only idea: Value –, Complexity 5"),
        ("unscored-hidden-idea", "10", "Hidden Idea Kappa: Value –, Complexity –"),
        ("unscored-press-kit", "11", "Press kit: Value –, Complexity –"),
        ("unscored-value-only", "12", "Value only idea: Value 4, Complexity –"),
    ]
    for id, number, _ in items:
        point = found[id.removeprefix("unscored-")]
        assert point.get("data-number") == number
        assert point.find(SVG + "title").text.startswith(f"{number}. ")
        assert "".join(point.find(SVG + "text").itertext()).startswith(f"{number}. ")


def test_stakeholders_see_nothing_of_an_internal_unscored_initiative(sites):
    page = article(sites["stakeholders"], "strategy/priorities")
    assert "Hidden Idea Kappa" not in page and "hidden-idea" not in page
    assert "Secret Launch Zeta" not in page and "secret-launch" not in page
    doc = html5lib.parse(page, namespaceHTMLElements=True)
    listed = doc.find(".//h:ol[@class='smm-unscored']", XHTML)
    assert [li.get("data-number") for li in listed.iterfind("h:li", XHTML)] == ["8", "9", "10"]
    assert re.search(r'data-initiative="press-kit"[^>]*data-number="9"', page)


def test_the_scheme_colours_reach_the_not_scored_areas(sites):
    css = "\n".join(p.read_text(encoding="utf-8") for p in sites["team"].rglob("*.css") if "smm" in p.name)
    assert re.search(r"\.smm-unscored-area[^{]*\{[^}]*var\(--md-default-fg-color", css)
    assert re.search(r"\.smm-unscored-caption[^{]*\{[^}]*fill:\s*var\(--md-default-fg-color[,)]", css)
