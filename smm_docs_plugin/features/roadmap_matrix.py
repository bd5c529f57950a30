"""The value-vs-complexity matrix: ranking and geometry, pure (scores and titles in, positions
out). Complexity grows to the right, value grows upwards; every score owns a disjoint cell, so
whatever the offsets inside a cell, a higher value is always drawn higher and a higher
complexity always further right.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

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


@dataclass
class Point:
    item: ScoredItem
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
    points: list[Point]
    line_height: float = LINE_HEIGHT


def layout_matrix(ranked: Sequence[ScoredItem]) -> MatrixLayout:
    """Points for ``ranked`` items (already in rank order; the rank number is their label).

    A cell with few items lists them one per line, dot and title; a crowded cell becomes a grid
    of numbered dots (the number is the row of the ranked table), shrinking only as far as it
    must to keep every dot inside the cell.
    """
    cells: dict[tuple[int, int], list[tuple[int, ScoredItem]]] = {}
    for position, item in enumerate(ranked, start=1):
        cells.setdefault((item.value, item.complexity), []).append((position, item))

    points: list[Point] = []
    for (value, complexity), members in sorted(cells.items()):
        left, top = cell_x(complexity), cell_y(value)
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
        else:
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

    plot_right = PLOT_LEFT + 5 * CELL_WIDTH
    plot_bottom = PLOT_TOP + 5 * CELL_HEIGHT
    return MatrixLayout(
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
