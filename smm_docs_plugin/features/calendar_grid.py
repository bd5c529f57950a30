"""The week and month grids of the calendar page (PLAN_FORMAT.md §7 "Calendar grids").

Every day cell carries ``data-date`` (the day in the plan's time zone: occurrences are already
local days, see ``events.py``). Each entry is a card: time, channel colour and icon, title,
status and owner, linking to the post's preview (calendar items) or to the page that explains
it. A year-long window holds thousands of cards drawn from a few hundred series, so each
card's HTML is rendered once per (series, time) and the grids are joined from those pieces.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from babel.dates import get_day_names
from markupsafe import Markup

from ..context import Record, RenderContext
from ..labels import CALENDAR_KINDS, CALENDAR_STATUSES
from ..model import KNOWN_PLATFORMS, Channel
from .events import Calendar, Occurrence, Series
from .ics import source_src

#: Every platform the model knows has its own icon (the sprite in ``calendar/grid_macros.html.j2``);
#: others get a dot.
PLATFORM_ICONS = frozenset(KNOWN_PLATFORMS)
#: Entries that belong to no channel are drawn with their kind's icon.
KIND_ICONS = frozenset({"holiday", "deadline", "initiative-start", "initiative-end", "milestone", "task", "review"})


@dataclass
class DayCell:
    day: date
    iso: str
    number: int
    label: str
    #: The day's cards, joined (shared by the week and the month grid).
    html: Markup = Markup("")
    holidays: list[str] = field(default_factory=list)
    review: bool = False
    today: bool = False
    #: Outside the rolling window (month grids only): drawn, but without entries.
    outside: bool = False


@dataclass
class WeekGrid:
    monday: date
    label: str
    days: list[DayCell]
    current: bool


@dataclass
class MonthGrid:
    month: str
    label: str
    weeks: list[list[DayCell | None]]
    current: bool


def unbroken(text: str) -> str:
    """A formatted date for a heading or caption ("6 dec. 2026", "6.12.2026 г.") with
    non-breaking spaces, so a narrow screen never puts its day and month on two lines. Only
    for text a reader sees: machine data (plan.json, feeds, datetime attributes) keeps the
    formatted text as it is."""
    return text.replace(" ", "\u00a0")


def channel_hue(channel_id: str) -> int:
    """A stable hue (0-359) per channel id: the same channel has the same colour on every page
    and in every build, without a palette to maintain."""
    return int(hashlib.sha1(channel_id.encode("utf-8")).hexdigest()[:4], 16) % 360


class Cards:
    """The card HTML of each (series, time), rendered once per page."""

    def __init__(self, ctx: RenderContext, page_src: str):
        self.ctx = ctx
        self.page_src = page_src
        self._cards: dict[tuple[str, str], Markup] = {}
        self._macros: Any = ctx.env.get_template("calendar/grid_macros.html.j2").make_module(
            {"ctx": ctx, "page_src": page_src}
        )

    def _href(self, series: Series) -> str:
        if series.kind == "item" and series.anchor and series.source[1]:
            return self.ctx.href(self.page_src, self.ctx.src("calendar", series.source[1]), series.anchor)
        return self.ctx.href(self.page_src, source_src(self.ctx, series))

    def __call__(self, occurrence: Occurrence) -> Markup:
        series = occurrence.series
        at = occurrence.time
        clock = self.ctx.time(at) if at else ""
        key = (series.uid, clock)
        card = self._cards.get(key)
        if card is None:
            plan = self.ctx.plan
            channel = plan.get("channels", series.channel)
            owner = plan.get("team", series.owner)
            if isinstance(channel, Channel):
                icon = channel.platform.lower() if channel.platform.lower() in PLATFORM_ICONS else "channel"
            else:
                icon = series.kind if series.kind in KIND_ICONS else "channel"
            card = Markup(
                self._macros.card(
                    Record(
                        {
                            "uid": series.uid,
                            "kind": series.kind,
                            "kind_label": self.ctx.gettext(CALENDAR_KINDS[series.kind]),
                            "title": series.title,
                            "time": clock,
                            # The locale writes the time its way; the attribute keeps HTML's HH:MM.
                            "time_iso": at.strftime("%H:%M") if at else "",
                            "href": self._href(series),
                            "channel_id": channel.id if channel is not None else "",
                            "channel_title": channel.title if channel is not None else "",
                            "hue": channel_hue(channel.id) if channel is not None else None,
                            "icon": icon,
                            "owner_id": owner.id if owner is not None else "",
                            "owner": owner.title if owner is not None else "",
                            "status_id": series.status or "",
                            "status": self.ctx.gettext(CALENDAR_STATUSES[series.status]) if series.status else "",
                        }
                    )
                )
            )
            self._cards[key] = card
        return card


def _by_day(occurrences: Iterable[Occurrence], cards: Cards) -> dict[date, tuple[Markup, list[str], bool]]:
    """Per day: its cards joined once (every card is Markup already: a plain join is safe and
    far cheaper than escaping each again), its holidays' names and whether it is a review day."""
    parts: dict[date, list[str]] = {}
    holidays: dict[date, list[str]] = {}
    reviews: set[date] = set()
    for occurrence in occurrences:
        parts.setdefault(occurrence.day, []).append(cards(occurrence))
        kind = occurrence.series.kind
        if kind == "holiday":
            holidays.setdefault(occurrence.day, []).append(occurrence.series.title)
        elif kind == "review":
            reviews.add(occurrence.day)
    return {day: (Markup("".join(found)), holidays.get(day, []), day in reviews) for day, found in parts.items()}


_EMPTY: tuple[Markup, list[str], bool] = (Markup(""), [], False)


def _cell(ctx: RenderContext, day: date, found: dict, labels: dict[date, str], outside: bool = False) -> DayCell:
    html, holidays, review = _EMPTY if outside else found.get(day, _EMPTY)
    label = labels.get(day)
    if label is None:
        label = labels[day] = _day_label(ctx, day)
    return DayCell(
        day=day,
        iso=day.isoformat(),
        number=day.day,
        label=label,
        html=html,
        holidays=holidays,
        review=review,
        today=day == ctx.today,
        outside=outside,
    )


def _day_label(ctx: RenderContext, day: date) -> str:
    # The column heading says the weekday already.
    return ctx.fmt.skeleton("MMMd", day)


def weekday_names(ctx: RenderContext) -> list[dict[str, str]]:
    """Monday to Sunday, short and full (column headings of both grids)."""
    short = get_day_names("abbreviated", locale=ctx.options.locale)
    wide = get_day_names("wide", locale=ctx.options.locale)
    return [{"short": short[i], "wide": wide[i]} for i in range(7)]


def build_grids(
    ctx: RenderContext, page_src: str, calendar: Calendar, first: date, last: date
) -> tuple[list[WeekGrid], list[MonthGrid]]:
    """The window's weeks (``first`` is a Monday, ``last`` a Sunday) and every month it
    touches. The page shows the window and nothing else: a month's days outside it are drawn
    (greyed, marked ``data-outside``) but hold no entries."""
    cards = Cards(ctx, page_src)
    month_first = first.replace(day=1)
    month_last = (last.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    found = _by_day(calendar.between(first, last), cards)
    labels: dict[date, str] = {}
    weeks = []
    monday = first
    this_monday = ctx.today - timedelta(days=ctx.today.weekday())
    while monday <= last:
        days = [_cell(ctx, monday + timedelta(days=n), found, labels) for n in range(7)]
        number = monday.isocalendar()[1]
        label = ctx.gettext(
            "Week %(number)s: %(start)s – %(end)s",
            number=number,
            start=unbroken(ctx.date(monday)),
            end=unbroken(ctx.date(monday + timedelta(days=6))),
        )
        weeks.append(WeekGrid(monday=monday, label=label, days=days, current=monday == this_monday))
        monday += timedelta(days=7)
    months = []
    start = month_first
    while start <= month_last:
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        rows: list[list[DayCell | None]] = []
        day = start - timedelta(days=start.weekday())
        while day <= end:
            rows.append(
                [
                    _cell(ctx, one, found, labels, outside=not first <= one <= last) if start <= one <= end else None
                    for one in (day + timedelta(days=n) for n in range(7))
                ]
            )
            day += timedelta(days=7)
        months.append(
            MonthGrid(
                month=start.strftime("%Y-%m"),
                label=ctx.month(start.strftime("%Y-%m")),
                weeks=rows,
                current=start.year == ctx.today.year and start.month == ctx.today.month,
            )
        )
        start = end + timedelta(days=1)
    if weeks and not any(w.current for w in weeks):
        weeks[0].current = True
    if months and not any(m.current for m in months):
        months[0].current = True
    return weeks, months
