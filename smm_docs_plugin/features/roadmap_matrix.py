"""The value-vs-complexity matrix: ranking and geometry, pure (scores and titles in, positions
out). Complexity grows to the right, value grows upwards; every score owns a disjoint cell, so
whatever the offsets inside a cell, a higher value is always drawn higher and a higher
complexity always further right.

Initiatives that lack a score (both are optional) are drawn too, outside the 5 × 5 grid: a
column on the right for a missing complexity (at the row of their value, if they have one) and
a band below the axis for a missing value (under the column of their complexity, if they have
one; in the band's cell under the right-hand column if they have neither). So every initiative
has exactly one point and the two rules above still hold for every score that is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from .roadmap_timeline import shorten, text_width

SCORES = (1, 2, 3, 4, 5)
#: Where the quadrant dividers fall. The middle score 3 is read favourably on both axes: a
#: middling value is still worth doing, a middling effort is still manageable.
HIGH_VALUE_FROM = 3
HIGH_COMPLEXITY_FROM = 4
CELL_WIDTH = 136
CELL_HEIGHT = 100
PLOT_LEFT = 48
PLOT_TOP = 44
LINE_HEIGHT = 14
LABEL_FONT = 11
NUMBER_FONT = 9
#: How many points a cell lists with their titles before it becomes a grid of numbered dots.
TITLED_PER_CELL = (CELL_HEIGHT - 8) // LINE_HEIGHT
#: Space between the grid and the "not scored" column on its right.
UNSCORED_GAP = 12
#: Below the grid come the complexity numbers, the lower quadrant names and the axis title
#: (down to ``plot_bottom + 52``); the "not scored" band starts under them, with a caption line.
BAND_OFFSET = 66
BAND_CAPTION = 16


@dataclass(frozen=True)
class ScoredItem:
    id: str
    title: str
    value: int
    complexity: int


def rank(items: Sequence[ScoredItem]) -> list[ScoredItem]:
    """Value descending, then complexity ascending (cheapest of equal worth first), then title
    and id so that equal scores still come out in one stable order."""
    return sorted(items, key=lambda i: (-i.value, i.complexity, i.title.casefold(), i.title, i.id))


def quadrant(value: int, complexity: int) -> str:
    """``quick-wins``, ``big-bets``, ``fill-ins`` or ``money-pits``."""
    high_value = value >= HIGH_VALUE_FROM
    high_complexity = complexity >= HIGH_COMPLEXITY_FROM
    if high_value:
        return "big-bets" if high_complexity else "quick-wins"
    return "money-pits" if high_complexity else "fill-ins"


def cell_x(complexity: int) -> float:
    return PLOT_LEFT + (complexity - 1) * CELL_WIDTH


def cell_y(value: int) -> float:
    return PLOT_TOP + (5 - value) * CELL_HEIGHT


@dataclass(frozen=True)
class UnscoredItem:
    """An initiative with at most one of its two scores."""

    id: str
    title: str
    value: int | None
    complexity: int | None


def unscored_items(initiatives: Iterable[Any]) -> list[UnscoredItem]:
    """The initiatives (anything with ``id``, ``title``, ``value`` and ``complexity``) that lack
    a value or a complexity, by title then id: the order of the page's "not scored yet" list."""
    found = [
        UnscoredItem(i.id, i.title, i.value, i.complexity)
        for i in initiatives
        if i.value is None or i.complexity is None
    ]
    return sorted(found, key=lambda i: (i.title.casefold(), i.id))


ItemT = TypeVar("ItemT", ScoredItem, UnscoredItem)


@dataclass
class Point(Generic[ItemT]):
    item: ItemT
    rank: int
    cx: float
    cy: float
    r: float
    number_font: float
    label: str
    label_x: float
    label_y: float
    show_title: bool
    #: The title label as drawn, one entry per line (a roomy cell wraps titles onto two lines).
    lines: tuple[str, ...] = ()


def fit(text: str, room: float, font: float = LABEL_FONT) -> str:
    """``text`` shortened with an ellipsis until its estimated width fits ``room`` pixels."""
    fitted = shorten(text, 60)
    while len(fitted) > 4 and text_width(fitted, font) > room:
        fitted = shorten(fitted, len(fitted) - 1)
    return fitted


def wrap(text: str, room: float, lines: int, font: float = LABEL_FONT) -> tuple[str, ...]:
    """``text`` broken at spaces into at most ``lines`` lines of ``room`` pixels; the last line
    takes the rest, shortened to fit."""
    words = text.split()
    result: list[str] = []
    while words and len(result) < lines - 1:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", font) <= room:
            line = f"{line} {words.pop(0)}"
        if text_width(line, font) > room:
            words.insert(0, line)
            break
        result.append(line)
    if words:
        result.append(fit(" ".join(words), room, font))
    return tuple(result)


@dataclass
class MatrixLayout:
    width: float
    height: float
    plot_left: float
    plot_top: float
    plot_right: float
    plot_bottom: float
    divider_x: float
    divider_y: float
    points: list[Point[ScoredItem]]
    line_height: float = LINE_HEIGHT
    #: Points of the initiatives lacking a score, numbered after the ranked ones.
    unscored: list[Point[UnscoredItem]] = field(default_factory=list)
    #: Left edge of the "complexity not scored" column (``None``: no such column).
    column_left: float | None = None
    #: Top of the "value not scored" band, its caption's baseline and the top of its cells
    #: (``None``: no band).
    band_top: float | None = None
    band_caption_y: float | None = None
    band_cells_top: float | None = None

    @property
    def cell_width(self) -> float:
        return CELL_WIDTH

    @property
    def cell_height(self) -> float:
        return CELL_HEIGHT

    @property
    def band_right(self) -> float:
        """Right edge of the band: it runs under the column too (its corner cell)."""
        return (self.column_left + CELL_WIDTH) if self.column_left is not None else self.plot_right

    def with_unscored(self, initiatives: Iterable[Any]) -> MatrixLayout:
        """This layout with the points of those ``initiatives`` that lack a score (templates get
        the ranked layout and the plan; this adds the rest without changing a ranked point)."""
        items = unscored_items(initiatives)
        if not items:
            return self
        ranked = [p.item for p in sorted(self.points, key=lambda p: p.rank)]
        return layout_matrix(ranked, items)


def _place(left: float, top: float, members: Sequence[tuple[int, ItemT]]) -> list[Point[ItemT]]:
    """Points for the ``members`` (number, item) of one cell whose top left corner is given.

    A cell with few items lists them one per line, dot and title; a crowded cell becomes a grid
    of numbered dots (the number is the row of the page's table or list), shrinking only as far
    as it must to keep every dot inside the cell.
    """
    points: list[Point[ItemT]] = []
    if len(members) <= TITLED_PER_CELL:
        # Lines per title: as many as the cell has room for, at most two.
        per_item = 2 if 2 * len(members) <= TITLED_PER_CELL else 1
        room = CELL_WIDTH - 24
        for slot, (position, item) in enumerate(members):
            cy = top + 11 + slot * per_item * LINE_HEIGHT
            cx = left + 12
            lines = wrap(f"{position}. {item.title}", room, per_item)
            label = " ".join(lines)
            points.append(Point(item, position, cx, cy, 5.0, NUMBER_FONT, label, cx + 9, cy + 4, True, lines))
        return points
    count = len(members)
    inner_w, inner_h = CELL_WIDTH - 12, CELL_HEIGHT - 12
    step = min(24.0, math.sqrt(inner_w * inner_h / count))
    columns = max(1, int(inner_w // step))
    while math.ceil(count / columns) * step > inner_h:
        step *= 0.95
        columns = max(1, int(inner_w // step))
    radius = max(1.5, step * 0.42)
    font = round(min(NUMBER_FONT, radius * 1.1), 1)
    for i, (position, item) in enumerate(members):
        row, column = divmod(i, columns)
        cx = left + 6 + step * (column + 0.5)
        cy = top + 6 + step * (row + 0.5)
        points.append(Point(item, position, cx, cy, radius, font, str(position), cx, cy, False))
    return points


def layout_matrix(ranked: Sequence[ScoredItem], unscored: Sequence[UnscoredItem] = ()) -> MatrixLayout:
    """Points for ``ranked`` items (already in rank order; the rank number is their label) and
    for ``unscored`` ones (in list order, numbered after the ranked ones).

    An unscored item with a value sits in the right-hand column at its value's row, one with a
    complexity in the band below at its complexity's column, one with neither in the band's cell
    under the column. The column exists only if an item lacks its complexity, the band only if
    one lacks its value; without unscored items the layout is the plain 5 × 5 grid.
    """
    cells: dict[tuple[int, int], list[tuple[int, ScoredItem]]] = {}
    for position, item in enumerate(ranked, start=1):
        cells.setdefault((item.value, item.complexity), []).append((position, item))
    points: list[Point[ScoredItem]] = []
    for (value, complexity), members in sorted(cells.items()):
        points.extend(_place(cell_x(complexity), cell_y(value), members))

    plot_right = PLOT_LEFT + 5 * CELL_WIDTH
    plot_bottom = PLOT_TOP + 5 * CELL_HEIGHT
    layout = MatrixLayout(
        width=plot_right + 16,
        height=plot_bottom + 60,
        plot_left=PLOT_LEFT,
        plot_top=PLOT_TOP,
        plot_right=plot_right,
        plot_bottom=plot_bottom,
        divider_x=cell_x(HIGH_COMPLEXITY_FROM),
        divider_y=cell_y(HIGH_VALUE_FROM) + CELL_HEIGHT,
        points=points,
    )
    if not unscored:
        return layout

    has_column = any(i.complexity is None for i in unscored)
    has_band = any(i.value is None for i in unscored)
    column_left = plot_right + UNSCORED_GAP
    band_top = plot_bottom + BAND_OFFSET
    band_cells_top = band_top + BAND_CAPTION
    # Cells keyed by their top left corner: a value's row or the band, a complexity's column or
    # the right-hand column.
    strip: dict[tuple[float, float], list[tuple[int, UnscoredItem]]] = {}
    for position, unscored_item in enumerate(unscored, start=len(ranked) + 1):
        row, column = unscored_item.value, unscored_item.complexity
        top = cell_y(row) if row is not None else band_cells_top
        left = cell_x(column) if column is not None else column_left
        strip.setdefault((top, left), []).append((position, unscored_item))
    placed: list[Point[UnscoredItem]] = []
    for (top, left), in_cell in sorted(strip.items()):
        placed.extend(_place(left, top, in_cell))
    placed.sort(key=lambda p: p.rank)

    return replace(
        layout,
        width=column_left + CELL_WIDTH + 16 if has_column else layout.width,
        height=band_cells_top + CELL_HEIGHT + 12 if has_band else layout.height,
        unscored=placed,
        column_left=column_left if has_column else None,
        band_top=band_top if has_band else None,
        band_caption_y=band_top + 11 if has_band else None,
        band_cells_top=band_cells_top if has_band else None,
    )
