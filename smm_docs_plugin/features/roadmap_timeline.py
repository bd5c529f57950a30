"""Geometry of the roadmap timeline: a pure function from bars (dates, labels, lanes) to pixel
positions. Knows nothing of the plan, MkDocs or templates, so it can be tested and benchmarked
alone, and the same layout serves the roadmap page, a goal's lane and an initiative's place.

Coordinates that the SVG repeats come as ready attribute text too (``BarLayout.box``): numbers
only, so they are ``Markup`` and a template writes them as they are.

Pixels per day are constant across a drawing and stored as an integer number of hundredths of
a pixel, so every x and width written into the SVG is exact to two decimals: a reader can
recover dates from positions without rounding drift.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from markupsafe import Markup

#: Width in pixels the horizon is spread over (before margins).
TIMELINE_WIDTH = 880
MARGIN_LEFT = 12
MARGIN_RIGHT = 16
LABEL_FONT = 11
MILESTONE_FONT = 10
HEADER_HEIGHT = 50
LANE_HEADER_HEIGHT = 24
ROW_HEIGHT = 34
ROW_MILESTONE_EXTRA = 13
MILESTONE_LINE = 12  # px between stacked lines of milestone labels
BAR_HEIGHT = 12
ROW_GAP_PX = 10
MAX_LABEL_CHARS = 48
LEGEND_ROW_HEIGHT = 20
#: A horizon of more months than this gets quarter labels instead of month labels.
QUARTERS_AFTER_MONTHS = 18


def fmt(value: float) -> str:
    """A coordinate as SVG text: at most two decimals, no trailing zeros, never an exponent."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_width(text: str, font_px: float) -> float:
    """Estimated rendered width of ``text``: wide (CJK) characters count a full em, others
    0.62 em, a deliberately generous average so estimated labels never collide on screen."""
    ems = sum(1.0 if unicodedata.east_asian_width(c) in ("W", "F") else 0.62 for c in text)
    return ems * font_px


def shorten(text: str, limit: int = MAX_LABEL_CHARS) -> str:
    """``text`` on one line, cut at ``limit`` characters with an ellipsis (full text stays in
    the tooltip and the table)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class TimeScale:
    """Maps days to x: day ``d`` occupies ``[x(d), x(d + 1))``, so an inclusive end date ``e``
    ends at ``x(e + 1)`` and a bar's width is ``(e - s + 1) * px_per_day``."""

    start: date
    end: date
    left: int
    centi_per_day: int

    @property
    def px_per_day(self) -> float:
        return self.centi_per_day / 100

    def x(self, day: date) -> float:
        return (self.left * 100 + (day - self.start).days * self.centi_per_day) / 100

    def span(self, start: date, end: date) -> float:
        return ((end - start).days + 1) * self.centi_per_day / 100

    @property
    def right(self) -> float:
        return self.x(self.end + timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def make_scale(start: date, end: date, width: int = TIMELINE_WIDTH, left: int = MARGIN_LEFT) -> TimeScale:
    """The largest whole number of hundredths of a pixel per day that fits ``start..end`` into
    ``width`` pixels (at least 0.01 px a day, so a decade still draws)."""
    days = (end - start).days + 1
    return TimeScale(start, end, left, max(1, (width * 100) // days))


# --- inputs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneSpec:
    date: date
    title: str


@dataclass(frozen=True)
class BarSpec:
    """One initiative to draw; ``lane`` is the key of the lane it belongs to."""

    id: str
    label: str
    start: date
    end: date
    status: str
    lane: str
    overdue: bool = False
    milestones: tuple[MilestoneSpec, ...] = ()
    depends_on: tuple[str, ...] = ()
    highlighted: bool = False


@dataclass(frozen=True)
class LaneSpec:
    key: str
    title: str


# --- outputs --------------------------------------------------------------------------------


@dataclass
class MilestoneLayout:
    spec: MilestoneSpec
    x: float
    y: float
    label: str
    label_x: float
    label_y: float

    @property
    def marker_d(self) -> Markup:
        """The diamond marker's path (numbers only: safe as SVG)."""
        x, y = self.x, self.y
        return Markup(f"M{fmt(x)} {fmt(y - 6)}L{fmt(x + 6)} {fmt(y)}L{fmt(x)} {fmt(y + 6)}L{fmt(x - 6)} {fmt(y)}Z")

    @property
    def label_at(self) -> Markup:
        """``x="…" y="…"`` of the label."""
        return Markup(f'x="{fmt(self.label_x)}" y="{fmt(self.label_y)}"')


@dataclass
class BarLayout:
    spec: BarSpec
    x: float
    y: float
    width: float
    height: float
    label: str
    label_x: float
    label_y: float
    row: int
    milestones: list[MilestoneLayout] = field(default_factory=list)
    #: Lines of milestone labels under the bar (labels too close to share a line stack).
    milestone_lines: int = 0

    @property
    def mid_y(self) -> float:
        return self.y + self.height / 2

    @property
    def box(self) -> Markup:
        """``x="…" y="…" width="…" height="…"``: the bar's link and each of its shapes share them."""
        return Markup(f'x="{fmt(self.x)}" y="{fmt(self.y)}" width="{fmt(self.width)}" height="{fmt(self.height)}"')

    @property
    def label_at(self) -> Markup:
        """``x="…" y="…"`` of the label."""
        return Markup(f'x="{fmt(self.label_x)}" y="{fmt(self.label_y)}"')

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass
class LaneLayout:
    spec: LaneSpec
    y: float
    height: float
    title: str
    title_y: float
    rows: int
    bars: list[BarLayout]


@dataclass
class ArrowLayout:
    source: str
    target: str
    d: str
    conflict: bool


@dataclass
class GridLine:
    x: float
    major: bool


@dataclass
class AxisLabel:
    x: float
    y: float
    text: str


@dataclass
class LegendItem:
    key: str
    text: str
    x: float
    y: float


@dataclass
class TimelineLayout:
    width: float
    height: float
    scale: TimeScale
    lanes: list[LaneLayout]
    arrows: list[ArrowLayout]
    grid: list[GridLine]
    axis_labels: list[AxisLabel]
    chart_top: float
    chart_bottom: float
    today_x: float | None
    today_label_x: float
    today_anchor: str
    horizon_edges: list[float]
    legend: list[LegendItem]

    @property
    def bars(self) -> list[BarLayout]:
        return [bar for lane in self.lanes for bar in lane.bars]


# --- layout ---------------------------------------------------------------------------------


def drawn_range(horizon_start: date, horizon_end: date, bars: Sequence[BarSpec]) -> tuple[date, date]:
    """The horizon, widened to hold every bar and milestone so that nothing is clipped and x
    stays linear in the date for all of them."""
    first, last = horizon_start, horizon_end
    for bar in bars:
        first = min(first, bar.start, *(m.date for m in bar.milestones))
        last = max(last, bar.end, *(m.date for m in bar.milestones))
    return first, last


def _pack_rows(extents: list[tuple[float, float]]) -> list[int]:
    """Row index for each ``(left, right)`` extent, greedily into the first row that is free:
    extents sorted by their left edge give the fewest rows an interval packing can."""
    order = sorted(range(len(extents)), key=lambda i: (extents[i][0], extents[i][1], i))
    row_ends: list[float] = []
    rows = [0] * len(extents)
    for i in order:
        left, right = extents[i]
        for r, end in enumerate(row_ends):
            if end + ROW_GAP_PX <= left:
                row_ends[r] = right
                rows[i] = r
                break
        else:
            rows[i] = len(row_ends)
            row_ends.append(right)
    return rows


def _layout_bar(spec: BarSpec, scale: TimeScale, overdue_suffix: str) -> tuple[BarLayout, float, float]:
    """A bar at y=0 with its label and milestone labels placed, plus its horizontal extent."""
    x = scale.x(spec.start)
    width = scale.span(spec.start, spec.end)
    low, high = float(scale.left), scale.right
    label = shorten(spec.label) + (f" ({overdue_suffix})" if spec.overdue and overdue_suffix else "")
    label_width = text_width(label, LABEL_FONT)
    label_x = min(x, high - label_width) if x + label_width > high else x
    label_x = max(low, label_x)
    bar = BarLayout(spec, x, 16.0, width, float(BAR_HEIGHT), label, label_x, 12.0, 0)
    left = min(x, label_x)
    right = max(x + width, label_x + label_width)

    milestones = sorted(spec.milestones, key=lambda m: (m.date, m.title))
    if milestones:
        half_day = scale.px_per_day / 2
        centers = [scale.x(m.date) + half_day for m in milestones]
        # A label is cut to the room before the next milestone (down to 12 characters), so it
        # stays under its own marker instead of being pushed along the row by its neighbour;
        # markers too close for even that keep their labels whole and spread them.
        texts = []
        for index, m in enumerate(milestones):
            room = (centers[index + 1] - centers[index] - 8) if index + 1 < len(milestones) else high - centers[index]
            limit = 32
            if text_width(shorten(m.title, 12), MILESTONE_FONT) <= room:  # else: spread, uncut
                while limit > 12 and text_width(shorten(m.title, limit), MILESTONE_FONT) > room:
                    limit -= 2
            texts.append(shorten(m.title, limit))
        # Each label starts at its own marker (pulled left only where the drawing ends, still
        # covering the marker); a label that would run into the one before goes a line lower
        # instead of being pushed along the row, away from its marker.
        line_ends: list[float] = []
        for m, cx, text in zip(milestones, centers, texts, strict=False):
            w = text_width(text, MILESTONE_FONT)
            lx = max(low, min(cx - 3, high - w))
            line = next((i for i, end in enumerate(line_ends) if end + 8 <= lx), len(line_ends))
            if line == len(line_ends):
                line_ends.append(lx + w)
            else:
                line_ends[line] = lx + w
            bar.milestones.append(
                MilestoneLayout(m, cx, bar.mid_y, text, lx, 16.0 + BAR_HEIGHT + 12 + line * MILESTONE_LINE)
            )
            left = min(left, lx, cx - 6)
            right = max(right, lx + w, cx + 6)
        bar.milestone_lines = len(line_ends)
    return bar, left, right


def _shift_bar(bar: BarLayout, dy: float) -> None:
    bar.y += dy
    bar.label_y += dy
    for m in bar.milestones:
        m.y += dy
        m.label_y += dy


def layout_timeline(
    horizon_start: date,
    horizon_end: date,
    lanes: Sequence[LaneSpec],
    bars: Sequence[BarSpec],
    *,
    today: date | None,
    month_label: Callable[[date], str],
    year_label: Callable[[date], str],
    quarter_label: Callable[[date], str],
    overdue_suffix: str = "",
    legend: Sequence[tuple[str, str]] = (),
    width: int = TIMELINE_WIDTH,
    axis_cache: dict[TimeScale, tuple[list[GridLine], list[AxisLabel]]] | None = None,
) -> TimelineLayout:
    """Lay out ``bars`` in ``lanes`` (lanes without bars are kept: an empty goal still shows).

    Each lane stacks its bars into sub-rows so that no bar, label or milestone label overlaps
    another; dependency arrows join bars that are both drawn; ``legend`` is ``(key, text)``.
    ``axis_cache``: gridlines and axis labels by scale, for callers that draw many timelines
    with the same label functions (the layouts then share those lists; they are only read).
    """
    first, last = drawn_range(horizon_start, horizon_end, bars)
    scale = make_scale(first, last, width)
    svg_width = scale.right + MARGIN_RIGHT

    by_lane: dict[str, list[BarSpec]] = {lane.key: [] for lane in lanes}
    for spec in bars:
        by_lane.setdefault(spec.lane, []).append(spec)

    lane_layouts: list[LaneLayout] = []
    y = float(HEADER_HEIGHT)
    for lane in lanes:
        specs = sorted(by_lane.get(lane.key, []), key=lambda b: (b.start, b.end, b.label.casefold(), b.id))
        placed = [_layout_bar(spec, scale, overdue_suffix) for spec in specs]
        rows = _pack_rows([(left, right) for _, left, right in placed])
        row_count = max(rows, default=-1) + 1
        # A row grows by the milestone label lines of its tallest bar.
        row_lines = [0] * row_count
        for (bar, _, _), row in zip(placed, rows, strict=False):
            row_lines[row] = max(row_lines[row], bar.milestone_lines)
        row_tops: list[float] = []
        top = y + LANE_HEADER_HEIGHT
        for lines in row_lines:
            row_tops.append(top)
            top += ROW_HEIGHT + (ROW_MILESTONE_EXTRA + (lines - 1) * MILESTONE_LINE if lines else 0)
        lane_bars = []
        for (bar, _, _), row in zip(placed, rows, strict=False):
            bar.row = row
            _shift_bar(bar, row_tops[row])
            lane_bars.append(bar)
        height = max(top - y, float(LANE_HEADER_HEIGHT + 6))
        title = shorten(lane.title, 90)
        lane_layouts.append(LaneLayout(lane, y, height, title, y + 16, row_count, lane_bars))
        y += height
    chart_bottom = y

    arrows = _arrows([bar for lane in lane_layouts for bar in lane.bars])
    axis = axis_cache.get(scale) if axis_cache is not None else None
    if axis is None:
        axis = _axis(scale, month_label, year_label, quarter_label)
        if axis_cache is not None:
            axis_cache[scale] = axis
    grid, axis_labels = axis

    today_x = scale.x(today) if today is not None and first <= today <= last else None
    today_anchor, today_label_x = "middle", today_x or 0.0
    if today_x is not None:
        if today_x - 30 < scale.left:
            today_anchor, today_label_x = "start", today_x + 2
        elif today_x + 30 > scale.right:
            today_anchor, today_label_x = "end", today_x - 2

    edges = []
    if first < horizon_start:
        edges.append(scale.x(horizon_start))
    if last > horizon_end:
        edges.append(scale.x(horizon_end + timedelta(days=1)))

    legend_items, legend_height = _legend(legend, scale.left, scale.right, chart_bottom + 16)
    height = chart_bottom + (legend_height + 16 if legend_items else 8)
    return TimelineLayout(
        width=svg_width,
        height=height,
        scale=scale,
        lanes=lane_layouts,
        arrows=arrows,
        grid=grid,
        axis_labels=axis_labels,
        chart_top=float(HEADER_HEIGHT),
        chart_bottom=chart_bottom,
        today_x=today_x,
        today_label_x=today_label_x,
        today_anchor=today_anchor,
        horizon_edges=edges,
        legend=legend_items,
    )


def _arrows(bars: list[BarLayout]) -> list[ArrowLayout]:
    """A curve from the end of each dependency to the start of the bar that waits for it;
    ``conflict`` marks a start before the dependency ends (drawn, and styled as a warning)."""
    index = {bar.spec.id: bar for bar in bars}
    arrows = []
    for bar in bars:
        for dep_id in sorted(set(bar.spec.depends_on)):
            dep = index.get(dep_id)
            if dep is None:
                continue
            x1, y1, x2, y2 = dep.right, dep.mid_y, bar.x, bar.mid_y
            bend = max(12.0, abs(x2 - x1) / 3)
            d = f"M{fmt(x1)} {fmt(y1)} C{fmt(x1 + bend)} {fmt(y1)} {fmt(x2 - bend)} {fmt(y2)} {fmt(x2)} {fmt(y2)}"
            arrows.append(ArrowLayout(dep_id, bar.spec.id, d, bar.spec.start <= dep.spec.end))
    return arrows


def _axis(
    scale: TimeScale,
    month_label: Callable[[date], str],
    year_label: Callable[[date], str],
    quarter_label: Callable[[date], str],
) -> tuple[list[GridLine], list[AxisLabel]]:
    """Month gridlines, year labels on the first row and month (or, over long ranges, quarter)
    labels on the second; a label is dropped when its span is too narrow to hold it."""
    months: list[date] = []
    cursor = date(scale.start.year, scale.start.month, 1)
    while cursor <= scale.end:
        months.append(cursor)
        cursor = date(cursor.year + (cursor.month == 12), cursor.month % 12 + 1, 1)
    use_quarters = len(months) > QUARTERS_AFTER_MONTHS

    def clipped_x(day: date) -> float:
        return scale.x(max(day, scale.start))

    grid: list[GridLine] = []
    labels: list[AxisLabel] = []
    for month in months:
        major = month.month == 1 or (use_quarters and month.month in (1, 4, 7, 10))
        if month >= scale.start:
            grid.append(GridLine(scale.x(month), major))
    # Second row: months or quarters, each label left-aligned in its span if it fits.
    periods = [m for m in months if not use_quarters or m.month in (1, 4, 7, 10) or m == months[0]]
    for i, period in enumerate(periods):
        span_end = clipped_x(periods[i + 1]) if i + 1 < len(periods) else scale.right
        text = quarter_label(period) if use_quarters else month_label(period)
        x = clipped_x(period) + 3
        if x + text_width(text, LABEL_FONT) <= span_end - 2:
            labels.append(AxisLabel(x, 32, text))
    years = [m for m in months if m.month == 1 or m == months[0]]
    for i, year in enumerate(years):
        span_end = clipped_x(years[i + 1]) if i + 1 < len(years) else scale.right
        text = year_label(year)
        x = clipped_x(year) + 3
        if x + text_width(text, LABEL_FONT) <= span_end - 2:
            labels.append(AxisLabel(x, 14, text))
    return grid, labels


def _legend(items: Sequence[tuple[str, str]], left: float, right: float, top: float) -> tuple[list[LegendItem], float]:
    """Legend entries flowed left to right, wrapping onto new rows; returns them and the height."""
    placed: list[LegendItem] = []
    x, y = left, top
    for key, text in items:
        width = 22 + text_width(text, LABEL_FONT) + 18
        if x + width > right and x > left:
            x, y = left, y + LEGEND_ROW_HEIGHT
        placed.append(LegendItem(key, text, x, y))
        x += width
    height = (y - top + LEGEND_ROW_HEIGHT) if placed else 0.0
    return placed, height
