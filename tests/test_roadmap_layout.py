"""The roadmap's pure geometry and ordering: time scale, lane packing, label placement, the
value-vs-complexity matrix, the ranking and the board's columns and personal boards."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from smm_docs_plugin.features.roadmap_board import board_columns, board_items, is_overdue, personal_items
from smm_docs_plugin.features.roadmap_matrix import (
    CELL_HEIGHT,
    CELL_WIDTH,
    LINE_HEIGHT,
    TITLED_PER_CELL,
    ScoredItem,
    UnscoredItem,
    cell_x,
    cell_y,
    layout_matrix,
    quadrant,
    rank,
    unscored_items,
    wrap,
)
from smm_docs_plugin.features.roadmap_timeline import (
    LABEL_FONT,
    MILESTONE_FONT,
    BarSpec,
    LaneSpec,
    MilestoneSpec,
    fmt,
    layout_timeline,
    make_scale,
    shorten,
    text_width,
)
from smm_docs_plugin.loader import load_plan

PLAN = Path(__file__).resolve().parent / "golden" / "roadmap" / "plan"
TODAY = date(2027, 3, 10)


def timeline(bars, lanes=None, *, start=date(2027, 1, 1), end=date(2027, 12, 31), today=TODAY, legend=()):
    lanes = lanes or [LaneSpec(key, key.title()) for key in sorted({b.lane for b in bars})]
    return layout_timeline(
        start,
        end,
        lanes,
        bars,
        today=today,
        month_label=lambda d: d.strftime("%b"),
        year_label=lambda d: str(d.year),
        quarter_label=lambda d: f"Q{(d.month - 1) // 3 + 1}",
        overdue_suffix="overdue",
        legend=legend,
    )


def bar(id, start, end, lane="a", label=None, milestones=(), depends_on=(), status="todo"):
    return BarSpec(
        id=id,
        label=label or id,
        start=start,
        end=end,
        status=status,
        lane=lane,
        milestones=tuple(MilestoneSpec(d, t) for d, t in milestones),
        depends_on=tuple(depends_on),
    )


# --- scale ----------------------------------------------------------------------------------


def test_scale_has_whole_hundredths_per_day_and_fits_the_width() -> None:
    scale = make_scale(date(2027, 1, 1), date(2027, 12, 31), 1000)
    assert scale.centi_per_day == 100000 // 365 == 273
    assert scale.right <= scale.left + 1000
    assert scale.x(date(2027, 1, 1)) == scale.left
    assert scale.x(date(2027, 1, 11)) == scale.left + 27.3
    assert scale.span(date(2027, 1, 1), date(2027, 1, 1)) == 2.73  # an inclusive end: one day is one day wide


def test_fmt_writes_exact_two_decimal_coordinates() -> None:
    assert fmt(12.0) == "12"
    assert fmt(61.650000000000006) == "61.65"
    assert fmt(123456.78) == "123456.78"
    assert fmt(-0.001) == "0"


def test_bars_have_constant_pixels_per_day_and_x_linear_in_start() -> None:
    day0 = date(2027, 1, 1)
    bars = [bar(f"b{i}", day0 + timedelta(days=7 * i), day0 + timedelta(days=7 * i + i % 5 + 1)) for i in range(40)]
    layout = timeline(bars)
    ppd = layout.scale.px_per_day
    for b in layout.bars:
        days = (b.spec.end - b.spec.start).days + 1
        assert float(fmt(b.width)) == round(days * ppd, 2)
        assert float(fmt(b.x)) == round(layout.scale.left + (b.spec.start - day0).days * ppd, 2)


def test_range_widens_to_hold_initiatives_outside_the_horizon() -> None:
    early = bar("early", date(2026, 11, 15), date(2027, 1, 20), milestones=[(date(2026, 11, 1), "Kick-off")])
    layout = timeline([early])
    assert layout.scale.start == date(2026, 11, 1)
    assert layout.scale.end == date(2027, 12, 31)
    assert layout.bars[0].x > layout.scale.left  # the milestone lies further left than the bar
    assert layout.horizon_edges == [layout.scale.x(date(2027, 1, 1))]


def test_today_line_only_inside_the_drawn_range() -> None:
    bars = [bar("a", date(2027, 2, 1), date(2027, 2, 28))]
    assert timeline(bars).today_x == timeline(bars).scale.x(TODAY)
    assert timeline(bars, today=date(2028, 5, 1)).today_x is None


# --- packing --------------------------------------------------------------------------------


def _extent(b):
    """Every horizontal interval a bar draws into (bar, label, milestone labels) with its row."""
    parts = [(b.x, b.right), (b.label_x, b.label_x + text_width(b.label, LABEL_FONT))]
    parts += [(m.label_x, m.label_x + text_width(m.label, MILESTONE_FONT)) for m in b.milestones]
    return min(p[0] for p in parts), max(p[1] for p in parts)


def _assert_readable(layout) -> None:
    for lane in layout.lanes:
        rows: dict[float, list] = {}
        for b in lane.bars:
            rows.setdefault(b.y, []).append(_extent(b))
            assert lane.y < b.label_y - LABEL_FONT and b.y + b.height <= lane.y + lane.height
            for m in b.milestones:
                assert m.label_y <= lane.y + lane.height
        for extents in rows.values():
            for (_l1, r1), (l2, _r2) in itertools.combinations(sorted(extents), 2):
                assert r1 <= l2, "two bars or labels in one row overlap"
    for upper, lower in zip(layout.lanes, layout.lanes[1:], strict=False):
        assert upper.y + upper.height <= lower.y


def test_overlapping_bars_go_to_separate_rows() -> None:
    bars = [
        bar("a", date(2027, 1, 1), date(2027, 3, 31)),
        bar("b", date(2027, 2, 1), date(2027, 2, 10)),
        bar("c", date(2027, 6, 1), date(2027, 6, 30)),
    ]
    layout = timeline(bars)
    rows = {b.spec.id: b.row for b in layout.bars}
    assert rows["a"] != rows["b"]
    assert rows["c"] == 0  # free space is reused
    _assert_readable(layout)


def test_a_long_label_keeps_the_next_bar_off_its_row() -> None:
    long = bar("long", date(2027, 1, 1), date(2027, 1, 2), label="A very long initiative title indeed")
    after = bar("after", date(2027, 1, 5), date(2027, 1, 9))
    layout = timeline([long, after])
    assert {b.spec.id: b.row for b in layout.bars} == {"long": 0, "after": 1}


def test_labels_near_the_right_edge_stay_inside_the_drawing() -> None:
    late = bar(
        "late",
        date(2027, 12, 30),
        date(2027, 12, 31),
        label="Year-end wrap-up campaign",
        milestones=[(date(2027, 12, 31), "Published"), (date(2027, 12, 31), "Reported")],
    )
    layout = timeline([late])
    b = layout.bars[0]
    assert b.label_x + text_width(b.label, LABEL_FONT) <= layout.scale.right
    ends = [m.label_x + text_width(m.label, MILESTONE_FONT) for m in b.milestones]
    assert max(ends) <= layout.scale.right
    # Both labels cover their (shared) marker: the second goes a line lower, not further right.
    first, second = b.milestones
    for m in b.milestones:
        assert m.label_x <= m.x <= m.label_x + text_width(m.label, MILESTONE_FONT)
    assert second.label_y > first.label_y
    _assert_readable(layout)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 364),
            st.integers(0, 120),
            st.sampled_from(["a", "b", "c"]),
            st.text(alphabet="abcdefghij KLMNOP漢字", min_size=1, max_size=60),
            st.lists(st.tuples(st.integers(-5, 130), st.text(alphabet="xyz ", min_size=1, max_size=20)), max_size=3),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_no_overlap_in_any_plan(specs) -> None:
    day0 = date(2027, 1, 1)
    bars = [
        bar(
            f"i{n}",
            day0 + timedelta(days=s),
            day0 + timedelta(days=s + d),
            lane=lane,
            label=label,
            milestones=[(day0 + timedelta(days=s + o), t) for o, t in ms],
        )
        for n, (s, d, lane, label, ms) in enumerate(specs)
    ]
    layout = timeline(bars)
    assert len(layout.bars) == len(bars)
    _assert_readable(layout)


def test_five_hundred_initiatives_stay_readable() -> None:
    day0 = date(2027, 1, 1)
    bars = [
        bar(
            f"i{n}",
            day0 + timedelta(days=(n * 37) % 330),
            day0 + timedelta(days=(n * 37) % 330 + 5 + n % 40),
            lane=f"g{n % 8}",
            label=f"Initiative number {n} with a title",
            milestones=[(day0 + timedelta(days=(n * 37) % 330 + 3), "Check")],
        )
        for n in range(500)
    ]
    layout = timeline(bars)
    assert len(layout.bars) == 500
    assert len(layout.lanes) == 8
    _assert_readable(layout)


def test_dependency_arrows_join_drawn_bars_only() -> None:
    bars = [
        bar("first", date(2027, 1, 1), date(2027, 1, 31)),
        bar("second", date(2027, 2, 1), date(2027, 2, 28), depends_on=["first", "hidden"]),
        bar("early", date(2027, 1, 15), date(2027, 2, 10), depends_on=["first"]),
    ]
    arrows = timeline(bars).arrows
    assert sorted((a.source, a.target, a.conflict) for a in arrows) == [
        ("first", "early", True),
        ("first", "second", False),
    ]
    assert arrows[0].d.startswith("M")


def test_quarters_replace_months_on_long_horizons() -> None:
    short = timeline([], [LaneSpec("a", "A")])
    assert [label.text for label in short.axis_labels if label.y == 32][:3] == ["Jan", "Feb", "Mar"]
    long = timeline([], [LaneSpec("a", "A")], end=date(2028, 12, 31))
    quarters = [label.text for label in long.axis_labels if label.y == 32]
    assert quarters == ["Q1", "Q2", "Q3", "Q4"] * 2
    assert [label.text for label in long.axis_labels if label.y == 14] == ["2027", "2028"]
    assert len(long.grid) == 24


def test_legend_wraps_inside_the_drawing() -> None:
    items = [(f"k{i}", f"Legend entry number {i}") for i in range(10)]
    layout = timeline([], [LaneSpec("a", "A")], legend=items)
    assert len(layout.legend) == 10
    assert len({item.y for item in layout.legend}) > 1
    assert all(item.x + 40 + text_width(item.text, LABEL_FONT) <= layout.scale.right + 18 for item in layout.legend)
    assert layout.height > max(item.y for item in layout.legend)


def test_shorten_keeps_one_line_and_marks_the_cut() -> None:
    assert shorten("a\nb   c") == "a b c"
    assert shorten("x" * 60, 10) == "x" * 9 + "…"


# --- matrix ---------------------------------------------------------------------------------


def test_rank_is_value_descending_then_complexity_ascending_then_title() -> None:
    items = [
        ScoredItem("c", "Charlie", 3, 1),
        ScoredItem("a", "alpha", 5, 4),
        ScoredItem("b", "Bravo", 5, 2),
        ScoredItem("d", "Delta", 5, 2),
        ScoredItem("e", "Echo", 1, 1),
    ]
    assert [i.id for i in rank(items)] == ["b", "d", "a", "c", "e"]


def test_quadrants() -> None:
    assert quadrant(5, 1) == "quick-wins"
    assert quadrant(3, 3) == "quick-wins"
    assert quadrant(4, 5) == "big-bets"
    assert quadrant(2, 2) == "fill-ins"
    assert quadrant(1, 4) == "money-pits"


def test_points_rise_with_value_and_move_right_with_complexity() -> None:
    items = rank(
        [ScoredItem(f"{v}-{c}-{n}", f"T{v}{c}{n}", v, c) for v in range(1, 6) for c in range(1, 6) for n in range(v)]
    )
    points = layout_matrix(items).points
    assert len(points) == len(items)
    for p, q in itertools.combinations(points, 2):
        if p.item.value > q.item.value:
            assert p.cy < q.cy
        if p.item.value < q.item.value:
            assert p.cy > q.cy
        if p.item.complexity > q.item.complexity:
            assert p.cx > q.cx
        if p.item.complexity < q.item.complexity:
            assert p.cx < q.cx


def test_points_sharing_a_score_are_offset_and_their_labels_do_not_collide() -> None:
    for count in (2, TITLED_PER_CELL, TITLED_PER_CELL + 1, 30, 120):
        items = rank([ScoredItem(f"i{n}", f"Shared score initiative {n}", 4, 2) for n in range(count)])
        points = layout_matrix(items).points
        centres = {(p.cx, p.cy) for p in points}
        assert len(centres) == count
        for p, q in itertools.combinations(points, 2):
            assert (p.cx - q.cx) ** 2 + (p.cy - q.cy) ** 2 >= (p.r + q.r) ** 2 - 1e-9
        if count <= TITLED_PER_CELL:
            assert all(p.show_title for p in points)
            spans = sorted((p.label_y, p.label_y + (len(p.lines) - 1) * LINE_HEIGHT) for p in points)
            assert all(next_top - bottom >= LABEL_FONT for (_, bottom), (next_top, _) in itertools.pairwise(spans))
            for p in points:
                assert all(p.label_x + text_width(line, LABEL_FONT) <= cell_x(2) + CELL_WIDTH for line in p.lines)
        else:
            assert [p.label for p in points] == [str(n) for n in range(1, count + 1)]


def test_titles_wrap_onto_two_lines_in_a_roomy_cell() -> None:
    title = "Launch the Brew Club România with cafés"
    assert wrap(title, 150, 2) == ("Launch the Brew Club", "România with cafés")
    narrow = wrap(title, 112, 2)
    assert narrow[0] == "Launch the Brew" and narrow[1].startswith("Club") and narrow[1].endswith("…")
    assert all(text_width(line, LABEL_FONT) <= 112 for line in narrow)
    assert wrap("Short", 112, 2) == ("Short",)
    unbreakable = wrap("Supercalifragilisticexpialidocious-campaign name", 112, 2)
    assert len(unbreakable) == 1 and unbreakable[0].endswith("…")
    roomy = layout_matrix([ScoredItem("a", title, 4, 2)]).points[0]
    assert len(roomy.lines) == 2 and roomy.lines[0].startswith("1. Launch")


def _label_box(p) -> tuple[float, float, float, float]:
    """Estimated box of a titled point's label: left, top, right, bottom."""
    width = max(text_width(line, LABEL_FONT) for line in p.lines)
    return (
        p.label_x,
        p.label_y - 0.8 * LABEL_FONT,
        p.label_x + width,
        p.label_y + (len(p.lines) - 1) * LINE_HEIGHT + 0.25 * LABEL_FONT,
    )


def _assert_drawn_by_the_rules(points) -> None:
    """Higher value higher, higher complexity further right, for every score that is drawn."""
    for p, q in itertools.permutations(points, 2):
        if p.item.value is not None and q.item.value is not None and p.item.value > q.item.value:
            assert p.cy < q.cy, (p.item, q.item)
        if p.item.complexity is not None and q.item.complexity is not None and p.item.complexity > q.item.complexity:
            assert p.cx > q.cx, (p.item, q.item)


def test_initiatives_without_a_score_get_a_point_outside_the_grid() -> None:
    ranked = rank([ScoredItem(f"s{v}{c}", f"Scored {v}{c}", v, c) for v in range(1, 6) for c in range(1, 6)])
    unscored = unscored_items(
        [
            SimpleNamespace(id="v4", title="Value only", value=4, complexity=None),
            SimpleNamespace(id="c2", title="Complexity only", value=None, complexity=2),
            SimpleNamespace(id="none", title="neither", value=None, complexity=None),
            SimpleNamespace(id="both", title="Both", value=3, complexity=3),  # scored: ranked instead
        ]
    )
    assert [i.id for i in unscored] == ["c2", "none", "v4"]  # by title, as the page lists them
    plain, layout = layout_matrix(ranked), layout_matrix(ranked, unscored)
    assert [(p.item.id, p.cx, p.cy, p.label) for p in layout.points] == [
        (p.item.id, p.cx, p.cy, p.label) for p in plain.points
    ]
    # Numbered after the 25 ranked ones, in list order.
    assert [(p.item.id, p.rank) for p in layout.unscored] == [("c2", 26), ("none", 27), ("v4", 28)]
    assert [p.label for p in layout.unscored] == ["26. Complexity only", "27. neither", "28. Value only"]
    found = {p.item.id: p for p in layout.unscored}
    # A missing complexity: the column right of the grid, at the row of the value.
    column = layout.column_left
    assert column is not None and column > layout.plot_right
    assert column < found["v4"].cx < column + CELL_WIDTH and cell_y(4) < found["v4"].cy < cell_y(4) + CELL_HEIGHT
    # A missing value: the band under the axis title, at the column of the complexity.
    band = layout.band_cells_top
    assert band is not None and layout.band_top is not None and band > layout.band_top > layout.plot_bottom + 52
    assert cell_x(2) < found["c2"].cx < cell_x(3) and band < found["c2"].cy < band + CELL_HEIGHT
    # Neither: the band's cell under the column.
    assert column < found["none"].cx < column + CELL_WIDTH and band < found["none"].cy < band + CELL_HEIGHT
    assert layout.width >= column + CELL_WIDTH and layout.height >= band + CELL_HEIGHT
    _assert_drawn_by_the_rules([*layout.points, *layout.unscored])


def test_the_column_and_the_band_appear_only_when_needed() -> None:
    ranked = rank([ScoredItem("a", "Alpha", 4, 2)])
    plain = layout_matrix(ranked)
    assert (plain.width, plain.height, plain.column_left, plain.band_top, plain.unscored) == (744, 604, None, None, [])
    assert layout_matrix(ranked, []) == plain
    # with_unscored (what the template calls with the plan's initiatives) adds nothing when all are scored.
    assert plain.with_unscored([SimpleNamespace(id="a", title="Alpha", value=4, complexity=2)]) is plain
    value_only = layout_matrix(ranked, [UnscoredItem("v", "V", 2, None)])
    assert value_only.column_left is not None and value_only.band_top is None and value_only.height == plain.height
    complexity_only = layout_matrix(ranked, [UnscoredItem("c", "C", None, 5)])
    assert complexity_only.column_left is None and complexity_only.band_top is not None
    assert complexity_only.width == plain.width and complexity_only.band_right == plain.plot_right
    neither = plain.with_unscored([SimpleNamespace(id="n", title="N", value=None, complexity=None)])
    assert neither.column_left is not None and neither.band_top is not None
    assert neither.points == plain.points and [p.item.id for p in neither.unscored] == ["n"]


def test_a_crowded_not_scored_cell_becomes_numbered_dots_inside_it() -> None:
    unscored = unscored_items(
        [SimpleNamespace(id=f"n{n:02}", title=f"Idea {n:02}", value=None, complexity=None) for n in range(30)]
    )
    layout = layout_matrix(rank([ScoredItem("a", "Alpha", 4, 2)]), unscored)
    assert [p.label for p in layout.unscored] == [str(n) for n in range(2, 32)]
    assert not any(p.show_title for p in layout.unscored)
    assert layout.column_left is not None and layout.band_cells_top is not None
    for p in layout.unscored:
        assert layout.column_left <= p.cx - p.r and p.cx + p.r <= layout.column_left + CELL_WIDTH
        assert layout.band_cells_top <= p.cy - p.r and p.cy + p.r <= layout.band_cells_top + CELL_HEIGHT


_TITLES = st.sampled_from(
    [
        "Reels",
        "Launch the Brew Club România with cafés",
        "x",
        "Newsletter",
        "Ein sehr langer Titel für eine Initiative",
        "広告キャンペーン",
    ]
)
_SCORE = st.one_of(st.none(), st.integers(1, 5))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_SCORE, _SCORE, _TITLES), max_size=40))
def test_every_initiative_has_one_point_and_nothing_collides(specs) -> None:
    initiatives = [SimpleNamespace(id=f"i{n}", title=t, value=v, complexity=c) for n, (v, c, t) in enumerate(specs)]
    ranked = rank(
        [
            ScoredItem(i.id, i.title, i.value, i.complexity)
            for i in initiatives
            if i.value is not None and i.complexity is not None
        ]
    )
    layout = layout_matrix(ranked, unscored_items(initiatives))
    points = [*layout.points, *layout.unscored]
    assert sorted(p.item.id for p in points) == sorted(i.id for i in initiatives)
    assert sorted(p.rank for p in points) == list(range(1, len(initiatives) + 1))
    _assert_drawn_by_the_rules(points)
    for p in points:
        assert p.cx - p.r > 0 and p.cx + p.r < layout.width and p.cy - p.r > 0 and p.cy + p.r < layout.height
    for p in layout.unscored:  # outside the grid
        assert p.cx > layout.plot_right or p.cy > layout.plot_bottom
    for p, q in itertools.combinations(points, 2):
        assert (p.cx - q.cx) ** 2 + (p.cy - q.cy) ** 2 >= (p.r + q.r) ** 2 - 1e-9
    boxes = [_label_box(p) for p in points if p.show_title]
    for a, b in itertools.combinations(boxes, 2):
        assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    for p in points:
        if p.show_title:  # a label stays inside its cell
            left = cell_x(p.item.complexity) if p.item.complexity is not None else layout.column_left
            assert _label_box(p)[2] <= left + CELL_WIDTH


# --- board ----------------------------------------------------------------------------------


def test_overdue_means_past_and_not_done() -> None:
    assert is_overdue(date(2027, 3, 9), "todo", TODAY)
    assert not is_overdue(date(2027, 3, 10), "todo", TODAY)
    assert not is_overdue(date(2027, 1, 1), "done", TODAY)
    assert not is_overdue(None, "todo", TODAY)


def test_board_columns_hold_exactly_their_status() -> None:
    plan = load_plan(PLAN, today=TODAY)
    columns = board_columns(board_items(plan))
    assert list(columns) == ["backlog", "todo", "in-progress", "on-hold", "review", "done"]
    keys = {status: [i.key for i in items] for status, items in columns.items()}
    assert keys == {
        "backlog": ["injection", "partner-push", "press-kit"],
        "todo": ["launch-reels/tasks/1", "influencers/tasks/0", "influencers", "secret-launch"],
        "in-progress": ["launch-reels", "launch-reels/tasks/2"],
        "on-hold": ["lead-magnet"],
        "review": ["webinar"],
        # Done work latest first: last week's finish matters, last spring's is history.
        "done": ["german-account", "launch-reels/tasks/0"],
    }


def test_personal_board_puts_overdue_first_and_done_last() -> None:
    plan = load_plan(PLAN, today=TODAY)
    items = board_items(plan)
    ana = [i.key for i in personal_items(items, "ana")]
    # "Book the studio" has no owner: it belongs to its initiative's owner, Ana.
    assert ana == ["launch-reels", "launch-reels/tasks/1", "influencers", "secret-launch", "partner-push", "press-kit"]
    ben = [i.key for i in personal_items(items, "ben")]
    # Overdue (the webinar ended 20 February, still in review), then open work by date (he
    # contributes to the influencer initiative), then what is done.
    assert ben == [
        "webinar",
        "influencers/tasks/0",
        "influencers",
        "injection",
        "launch-reels/tasks/0",
        "german-account",
    ]


def test_a_milestone_label_stays_under_its_marker_when_the_next_one_is_near() -> None:
    layout = timeline(
        [
            bar(
                "b",
                date(2027, 3, 1),
                date(2027, 6, 30),
                milestones=[
                    (date(2027, 4, 1), "A very long milestone title that would run into the next one"),
                    (date(2027, 5, 31), "Second milestone"),
                ],
            )
        ]
    )
    first, second = layout.bars[0].milestones
    # Each label starts at its own marker; the first is cut before the second marker.
    assert abs(first.label_x - (first.x - 3)) < 1 and abs(second.label_x - (second.x - 3)) < 1
    assert first.label.endswith("…") and first.label_x + text_width(first.label, MILESTONE_FONT) <= second.label_x
    assert second.label == "Second milestone"


def test_milestones_too_close_for_their_labels_stack_them_under_their_own_markers() -> None:
    layout = timeline(
        [
            bar(
                "b",
                date(2027, 3, 1),
                date(2027, 6, 30),
                milestones=[
                    (date(2027, 4, 1), "Last order date for delivery by Christmas"),
                    (date(2027, 4, 3), "Gift cards go live"),
                    (date(2027, 4, 5), "Shipping cut-off"),
                ],
            )
        ]
    )
    b = layout.bars[0]
    for m in b.milestones:
        assert m.label_x <= m.x <= m.label_x + text_width(m.label, MILESTONE_FONT), m.label
    assert len({m.label_y for m in b.milestones}) == 3 and b.milestone_lines == 3
    _assert_readable(layout)
