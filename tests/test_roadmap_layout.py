"""The roadmap's pure geometry and ordering: time scale, lane packing, label placement, the
value-vs-complexity matrix, the ranking and the board's columns and personal boards."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from smm_docs_plugin.features.roadmap_board import board_columns, board_items, is_overdue, personal_items
from smm_docs_plugin.features.roadmap_matrix import (
    CELL_WIDTH,
    TITLED_PER_CELL,
    LINE_HEIGHT,
    ScoredItem,
    cell_x,
    wrap,
    layout_matrix,
    quadrant,
    rank,
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
            for (l1, r1), (l2, r2) in itertools.combinations(sorted(extents), 2):
                assert r1 <= l2, "two bars or labels in one row overlap"
    for upper, lower in zip(layout.lanes, layout.lanes[1:]):
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
    late = bar("late", date(2027, 12, 30), date(2027, 12, 31), label="Year-end wrap-up campaign",
               milestones=[(date(2027, 12, 31), "Published"), (date(2027, 12, 31), "Reported")])
    layout = timeline([late])
    b = layout.bars[0]
    assert b.label_x + text_width(b.label, LABEL_FONT) <= layout.scale.right
    ends = [m.label_x + text_width(m.label, MILESTONE_FONT) for m in b.milestones]
    assert max(ends) <= layout.scale.right
    assert b.milestones[0].label_x + text_width(b.milestones[0].label, MILESTONE_FONT) <= b.milestones[1].label_x


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
        bar(f"i{n}", day0 + timedelta(days=(n * 37) % 330), day0 + timedelta(days=(n * 37) % 330 + 5 + n % 40),
            lane=f"g{n % 8}", label=f"Initiative number {n} with a title", milestones=[(day0 + timedelta(days=(n * 37) % 330 + 3), "Check")])
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
    assert sorted((a.source, a.target, a.conflict) for a in arrows) == [("first", "early", True), ("first", "second", False)]
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
    items = rank([ScoredItem(f"{v}-{c}-{n}", f"T{v}{c}{n}", v, c) for v in range(1, 6) for c in range(1, 6) for n in range(v)])
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
            assert all(next_top - bottom >= LABEL_FONT for (_, bottom), (next_top, _) in zip(spans, spans[1:]))
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
        "done": ["launch-reels/tasks/0", "german-account"],
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
    assert ben == ["webinar", "influencers/tasks/0", "influencers", "injection", "launch-reels/tasks/0", "german-account"]
