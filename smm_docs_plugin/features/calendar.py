"""The rolling content calendar page, its panels and its subscribable ``.ics`` feeds.

Events come from ``events.py`` (pure: plan in, series out) and feeds from ``ics.py``; this
module turns them into what a reader sees: the weeks from "today", entries in time order,
over-capacity weeks, and how to subscribe.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from babel.dates import get_day_names, get_month_names
from babel.lists import format_list
from markupsafe import Markup, escape

from ..context import Feature, Output, Record, RenderContext
from ..i18n import N_, N_plural
from ..labels import CALENDAR_KINDS, CALENDAR_STATUSES, NTH
from ..model import ITEM_STATUSES, STATUSES, CalendarFile, Channel, Entity, TeamMember
from ..posts import MediaFolder, media_site_path
from .calendar_grid import build_grids, unbroken, weekday_names
from .events import (
    Calendar,
    Occurrence,
    Overload,
    Series,
    build_calendar,
    cadence_uids,
    overloads,
    review_dates,
)
from .ics import days_spanned, feed, source_src
from .post_preview import post_previews

__all__ = ["CalendarFeature", "calendar_of", "describe_rule", "review_dates", "window_entries"]

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_FREQUENCIES = {"DAILY": "daily", "WEEKLY": "weekly", "MONTHLY": "monthly", "YEARLY": "yearly"}
#: Every rule this describer puts into words, as whole sentences: frequency, what it falls on
#: (weekdays, days of the month, months, or one of the first two within months), whether it has
#: a time; each as the sentence for an interval of one ("Every week") and the counted pair for
#: any other interval ("Every %(num)s week" / "Every %(num)s weeks"): the pair's singular carries
#: the count because languages whose first plural form is not "one" (Latvian's "zero": 10–20,
#: 30 …) need the number there, and gettext checks placeholders against the singular.
_RULE_SENTENCES: dict[tuple[str, str | None, bool], tuple[str, str, str]] = {
    ("daily", None, False): (N_("Every day"), *N_plural("Every %(num)s day", "Every %(num)s days")),
    ("daily", None, True): (
        N_("Every day at %(time)s"),
        *N_plural("Every %(num)s day at %(time)s", "Every %(num)s days at %(time)s"),
    ),
    ("daily", "weekdays", False): (
        N_("Every day on %(days)s"),
        *N_plural("Every %(num)s day on %(days)s", "Every %(num)s days on %(days)s"),
    ),
    ("daily", "weekdays", True): (
        N_("Every day on %(days)s at %(time)s"),
        *N_plural("Every %(num)s day on %(days)s at %(time)s", "Every %(num)s days on %(days)s at %(time)s"),
    ),
    ("daily", "monthdays", False): (
        N_("Every day on day %(days)s of the month"),
        *N_plural("Every %(num)s day on day %(days)s of the month", "Every %(num)s days on day %(days)s of the month"),
    ),
    ("daily", "monthdays", True): (
        N_("Every day on day %(days)s of the month at %(time)s"),
        *N_plural(
            "Every %(num)s day on day %(days)s of the month at %(time)s",
            "Every %(num)s days on day %(days)s of the month at %(time)s",
        ),
    ),
    ("daily", "months", False): (
        N_("Every day in %(months)s"),
        *N_plural("Every %(num)s day in %(months)s", "Every %(num)s days in %(months)s"),
    ),
    ("daily", "months", True): (
        N_("Every day in %(months)s at %(time)s"),
        *N_plural("Every %(num)s day in %(months)s at %(time)s", "Every %(num)s days in %(months)s at %(time)s"),
    ),
    ("daily", "weekdays+months", False): (
        N_("Every day on %(days)s in %(months)s"),
        *N_plural("Every %(num)s day on %(days)s in %(months)s", "Every %(num)s days on %(days)s in %(months)s"),
    ),
    ("daily", "weekdays+months", True): (
        N_("Every day on %(days)s in %(months)s at %(time)s"),
        *N_plural(
            "Every %(num)s day on %(days)s in %(months)s at %(time)s",
            "Every %(num)s days on %(days)s in %(months)s at %(time)s",
        ),
    ),
    ("daily", "monthdays+months", False): (
        N_("Every day on day %(days)s of the month in %(months)s"),
        *N_plural(
            "Every %(num)s day on day %(days)s of the month in %(months)s",
            "Every %(num)s days on day %(days)s of the month in %(months)s",
        ),
    ),
    ("daily", "monthdays+months", True): (
        N_("Every day on day %(days)s of the month in %(months)s at %(time)s"),
        *N_plural(
            "Every %(num)s day on day %(days)s of the month in %(months)s at %(time)s",
            "Every %(num)s days on day %(days)s of the month in %(months)s at %(time)s",
        ),
    ),
    ("weekly", None, False): (N_("Every week"), *N_plural("Every %(num)s week", "Every %(num)s weeks")),
    ("weekly", None, True): (
        N_("Every week at %(time)s"),
        *N_plural("Every %(num)s week at %(time)s", "Every %(num)s weeks at %(time)s"),
    ),
    ("weekly", "weekdays", False): (
        N_("Every week on %(days)s"),
        *N_plural("Every %(num)s week on %(days)s", "Every %(num)s weeks on %(days)s"),
    ),
    ("weekly", "weekdays", True): (
        N_("Every week on %(days)s at %(time)s"),
        *N_plural("Every %(num)s week on %(days)s at %(time)s", "Every %(num)s weeks on %(days)s at %(time)s"),
    ),
    ("weekly", "monthdays", False): (
        N_("Every week on day %(days)s of the month"),
        *N_plural(
            "Every %(num)s week on day %(days)s of the month", "Every %(num)s weeks on day %(days)s of the month"
        ),
    ),
    ("weekly", "monthdays", True): (
        N_("Every week on day %(days)s of the month at %(time)s"),
        *N_plural(
            "Every %(num)s week on day %(days)s of the month at %(time)s",
            "Every %(num)s weeks on day %(days)s of the month at %(time)s",
        ),
    ),
    ("weekly", "months", False): (
        N_("Every week in %(months)s"),
        *N_plural("Every %(num)s week in %(months)s", "Every %(num)s weeks in %(months)s"),
    ),
    ("weekly", "months", True): (
        N_("Every week in %(months)s at %(time)s"),
        *N_plural("Every %(num)s week in %(months)s at %(time)s", "Every %(num)s weeks in %(months)s at %(time)s"),
    ),
    ("weekly", "weekdays+months", False): (
        N_("Every week on %(days)s in %(months)s"),
        *N_plural("Every %(num)s week on %(days)s in %(months)s", "Every %(num)s weeks on %(days)s in %(months)s"),
    ),
    ("weekly", "weekdays+months", True): (
        N_("Every week on %(days)s in %(months)s at %(time)s"),
        *N_plural(
            "Every %(num)s week on %(days)s in %(months)s at %(time)s",
            "Every %(num)s weeks on %(days)s in %(months)s at %(time)s",
        ),
    ),
    ("weekly", "monthdays+months", False): (
        N_("Every week on day %(days)s of the month in %(months)s"),
        *N_plural(
            "Every %(num)s week on day %(days)s of the month in %(months)s",
            "Every %(num)s weeks on day %(days)s of the month in %(months)s",
        ),
    ),
    ("weekly", "monthdays+months", True): (
        N_("Every week on day %(days)s of the month in %(months)s at %(time)s"),
        *N_plural(
            "Every %(num)s week on day %(days)s of the month in %(months)s at %(time)s",
            "Every %(num)s weeks on day %(days)s of the month in %(months)s at %(time)s",
        ),
    ),
    ("monthly", None, False): (N_("Every month"), *N_plural("Every %(num)s month", "Every %(num)s months")),
    ("monthly", None, True): (
        N_("Every month at %(time)s"),
        *N_plural("Every %(num)s month at %(time)s", "Every %(num)s months at %(time)s"),
    ),
    ("monthly", "weekdays", False): (
        N_("Every month on %(days)s"),
        *N_plural("Every %(num)s month on %(days)s", "Every %(num)s months on %(days)s"),
    ),
    ("monthly", "weekdays", True): (
        N_("Every month on %(days)s at %(time)s"),
        *N_plural("Every %(num)s month on %(days)s at %(time)s", "Every %(num)s months on %(days)s at %(time)s"),
    ),
    ("monthly", "monthdays", False): (
        N_("Every month on day %(days)s of the month"),
        *N_plural(
            "Every %(num)s month on day %(days)s of the month", "Every %(num)s months on day %(days)s of the month"
        ),
    ),
    ("monthly", "monthdays", True): (
        N_("Every month on day %(days)s of the month at %(time)s"),
        *N_plural(
            "Every %(num)s month on day %(days)s of the month at %(time)s",
            "Every %(num)s months on day %(days)s of the month at %(time)s",
        ),
    ),
    ("monthly", "months", False): (
        N_("Every month in %(months)s"),
        *N_plural("Every %(num)s month in %(months)s", "Every %(num)s months in %(months)s"),
    ),
    ("monthly", "months", True): (
        N_("Every month in %(months)s at %(time)s"),
        *N_plural("Every %(num)s month in %(months)s at %(time)s", "Every %(num)s months in %(months)s at %(time)s"),
    ),
    ("monthly", "weekdays+months", False): (
        N_("Every month on %(days)s in %(months)s"),
        *N_plural("Every %(num)s month on %(days)s in %(months)s", "Every %(num)s months on %(days)s in %(months)s"),
    ),
    ("monthly", "weekdays+months", True): (
        N_("Every month on %(days)s in %(months)s at %(time)s"),
        *N_plural(
            "Every %(num)s month on %(days)s in %(months)s at %(time)s",
            "Every %(num)s months on %(days)s in %(months)s at %(time)s",
        ),
    ),
    ("monthly", "monthdays+months", False): (
        N_("Every month on day %(days)s of the month in %(months)s"),
        *N_plural(
            "Every %(num)s month on day %(days)s of the month in %(months)s",
            "Every %(num)s months on day %(days)s of the month in %(months)s",
        ),
    ),
    ("monthly", "monthdays+months", True): (
        N_("Every month on day %(days)s of the month in %(months)s at %(time)s"),
        *N_plural(
            "Every %(num)s month on day %(days)s of the month in %(months)s at %(time)s",
            "Every %(num)s months on day %(days)s of the month in %(months)s at %(time)s",
        ),
    ),
    ("yearly", None, False): (N_("Every year"), *N_plural("Every %(num)s year", "Every %(num)s years")),
    ("yearly", None, True): (
        N_("Every year at %(time)s"),
        *N_plural("Every %(num)s year at %(time)s", "Every %(num)s years at %(time)s"),
    ),
    ("yearly", "weekdays", False): (
        N_("Every year on %(days)s"),
        *N_plural("Every %(num)s year on %(days)s", "Every %(num)s years on %(days)s"),
    ),
    ("yearly", "weekdays", True): (
        N_("Every year on %(days)s at %(time)s"),
        *N_plural("Every %(num)s year on %(days)s at %(time)s", "Every %(num)s years on %(days)s at %(time)s"),
    ),
    ("yearly", "monthdays", False): (
        N_("Every year on day %(days)s of the month"),
        *N_plural(
            "Every %(num)s year on day %(days)s of the month", "Every %(num)s years on day %(days)s of the month"
        ),
    ),
    ("yearly", "monthdays", True): (
        N_("Every year on day %(days)s of the month at %(time)s"),
        *N_plural(
            "Every %(num)s year on day %(days)s of the month at %(time)s",
            "Every %(num)s years on day %(days)s of the month at %(time)s",
        ),
    ),
    ("yearly", "months", False): (
        N_("Every year in %(months)s"),
        *N_plural("Every %(num)s year in %(months)s", "Every %(num)s years in %(months)s"),
    ),
    ("yearly", "months", True): (
        N_("Every year in %(months)s at %(time)s"),
        *N_plural("Every %(num)s year in %(months)s at %(time)s", "Every %(num)s years in %(months)s at %(time)s"),
    ),
    ("yearly", "weekdays+months", False): (
        N_("Every year on %(days)s in %(months)s"),
        *N_plural("Every %(num)s year on %(days)s in %(months)s", "Every %(num)s years on %(days)s in %(months)s"),
    ),
    ("yearly", "weekdays+months", True): (
        N_("Every year on %(days)s in %(months)s at %(time)s"),
        *N_plural(
            "Every %(num)s year on %(days)s in %(months)s at %(time)s",
            "Every %(num)s years on %(days)s in %(months)s at %(time)s",
        ),
    ),
    ("yearly", "monthdays+months", False): (
        N_("Every year on day %(days)s of the month in %(months)s"),
        *N_plural(
            "Every %(num)s year on day %(days)s of the month in %(months)s",
            "Every %(num)s years on day %(days)s of the month in %(months)s",
        ),
    ),
    ("yearly", "monthdays+months", True): (
        N_("Every year on day %(days)s of the month in %(months)s at %(time)s"),
        *N_plural(
            "Every %(num)s year on day %(days)s of the month in %(months)s at %(time)s",
            "Every %(num)s years on day %(days)s of the month in %(months)s at %(time)s",
        ),
    ),
}
#: The part of a rule that says what it falls on, and the sentence kind it takes.
_ON_KINDS = {"BYDAY": "weekdays", "BYMONTHDAY": "monthdays", "BYMONTH": "months"}
_DESCRIBED_PARTS = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "COUNT", "UNTIL", "WKST"}
NEXT_OCCURRENCES = 5
OVERVIEW_DAYS = 14


# --- computed values ------------------------------------------------------------------------


def calendar_of(ctx: RenderContext) -> Calendar:
    """The build's calendar, computed once and shared (other features may read it)."""
    found = ctx.computed.get("calendar")
    if not isinstance(found, Calendar):
        found = build_calendar(ctx.plan, ctx.options.language, shown_days(ctx))
        ctx.computed["calendar"] = found
    return found


def shown_days(ctx: RenderContext) -> tuple[date, date]:
    """The days the site lists around "today": the rolling window and the overview's next days
    (which pass the window's end when it is one week long)."""
    first, last = window_bounds(ctx)
    return first, max(last, ctx.today + timedelta(days=OVERVIEW_DAYS - 1))


def overloads_of(ctx: RenderContext) -> list[Overload]:
    found = ctx.computed.get("calendar_overloads")
    if found is None:
        found = overloads(ctx.plan, calendar_of(ctx))
        ctx.computed["calendar_overloads"] = found
    return found


def window_bounds(ctx: RenderContext) -> tuple[date, date]:
    return ctx.plan.window_start, ctx.plan.window_end(ctx.options.calendar_weeks)


def window_entries(ctx: RenderContext) -> list[Occurrence]:
    """The occurrences of the rolling window, in date and time order."""
    return calendar_of(ctx).between(*window_bounds(ctx))


def _short_date(ctx: RenderContext, day: date, with_year: bool = False) -> str:
    """A compact weekday and date in the site's locale ("Mon, Mar 8")."""
    return ctx.fmt.skeleton("yMMMEd" if with_year else "MMMEd", day)


# --- rules in words -------------------------------------------------------------------------


def describe_rule(ctx: RenderContext, rule_text: str, at: time | None = None) -> str | None:
    """An RRULE in words ("Every week on Monday and Thursday at 09:00"), or None when the rule
    uses parts this describer does not put into words (the raw rule is shown beside it)."""
    parts: dict[str, str] = {}
    for part in rule_text.strip().removeprefix("RRULE:").split(";"):
        key, _, value = part.partition("=")
        if key.strip():
            parts[key.strip().upper()] = value.strip().upper()
    if set(parts) - _DESCRIBED_PARTS or parts.get("FREQ") not in _FREQUENCIES:
        return None
    locale = ctx.options.locale
    day_names = get_day_names("wide", locale=locale)
    month_names = get_month_names("wide", locale=locale)
    frequency = _FREQUENCIES[parts["FREQ"]]
    interval = int(parts.get("INTERVAL", "1") or "1")
    values: dict[str, Any] = {}
    kind = "+".join(kind for part, kind in _ON_KINDS.items() if part in parts) or None
    if (frequency, kind, at is not None) not in _RULE_SENTENCES:
        return None  # weekdays and days of the month at once: shown as the rule itself
    if "BYDAY" in parts:
        days = []
        for token in parts["BYDAY"].split(","):
            ordinal, weekday = token[:-2], token[-2:]
            if weekday not in _WEEKDAYS:
                return None
            name = day_names[_WEEKDAYS.index(weekday)]
            if ordinal:
                if int(ordinal) not in NTH:
                    return None
                name = ctx.gettext("the %(nth)s %(day)s", nth=ctx.gettext(NTH[int(ordinal)]), day=name)
            days.append(name)
        values["days"] = format_list(days, locale=locale)
    if "BYMONTHDAY" in parts:
        values["days"] = format_list(
            [ctx.first_day if day.lstrip("+") == "1" else day for day in parts["BYMONTHDAY"].split(",")],
            locale=locale,
        )
    if "BYMONTH" in parts:
        values["months"] = format_list([month_names[int(m)] for m in parts["BYMONTH"].split(",")], locale=locale)
    if at is not None:
        values["time"] = ctx.time(at)
    one, singular, plural = _RULE_SENTENCES[(frequency, kind, at is not None)]
    sentence = ctx.gettext(one, **values) if interval == 1 else ctx.ngettext(singular, plural, interval, **values)
    if "COUNT" in parts:
        count = int(parts["COUNT"])
        return ctx.ngettext("%(rule)s %(count)s time", "%(rule)s %(count)s times", count, rule=sentence, count=count)
    if "UNTIL" in parts:
        until = parts["UNTIL"]
        day = date(int(until[:4]), int(until[4:6]), int(until[6:8]))
        return ctx.gettext("%(rule)s until %(date)s", rule=sentence, date=ctx.date(day))
    return sentence


# --- view models ----------------------------------------------------------------------------


@dataclass(slots=True)
class EntryView:
    """One row of a calendar table, every value ready for a template (links are Markup)."""

    day: date
    day_iso: str
    date_label: str
    datetime_attr: str
    time_label: str
    kind: str
    kind_label: str
    title: str
    channel_id: str
    channel: Markup
    owner_id: str
    owner: Markup
    status: str
    status_id: str
    source: Markup
    uid: str
    #: The row's attributes and cells that are the same on every day of a series, rendered once
    #: by the ``series_attrs``/``series_cells`` macros (a year of daily posts is thousands of rows).
    attrs: Markup = Markup("")
    cells: Markup = Markup("")


def _source_label(ctx: RenderContext, series: Series) -> str:
    section, entity_id = series.source
    entity = ctx.plan.get(section, entity_id) if section and entity_id else None
    if entity is not None:
        return entity.title
    return ctx.gettext("Review log") if section == "reviews" else ctx.gettext("Overview")


class EntryViews:
    """Builds the rows of one page. A 52-week window holds thousands of entries that share a
    few dozen links, labels and dates, so each of those is computed once per page."""

    def __init__(self, ctx: RenderContext, page_src: str):
        self.ctx = ctx
        self.page_src = page_src
        self._links: dict[tuple[str, str | None], Markup] = {}
        self._sources: dict[tuple[str, str | None], Markup] = {}
        self._dates: dict[date, str] = {}
        self._labels: dict[str, str] = {}
        self._series: dict[str, dict[str, Any]] = {}
        self._macros: Any = ctx.env.get_template("calendar/macros.html.j2").make_module(
            {"ctx": ctx, "page_src": page_src}
        )

    def _label(self, english: str) -> str:
        """``english`` (a message of labels.py) in the build's language, translated once per page."""
        if english not in self._labels:
            self._labels[english] = self.ctx.gettext(english)
        return self._labels[english]

    def _link(self, section: str, entity_id: str | None) -> Markup:
        key = (section, entity_id)
        if key not in self._links:
            self._links[key] = self.ctx.link(self.page_src, section, entity_id)
        return self._links[key]

    def _source(self, series: Series) -> Markup:
        if series.source not in self._sources:
            href = self.ctx.href(self.page_src, source_src(self.ctx, series))
            self._sources[series.source] = Markup(
                f'<a href="{escape(href)}">{escape(_source_label(self.ctx, series))}</a>'
            )
        return self._sources[series.source]

    def _date(self, day: date) -> str:
        if day not in self._dates:
            self._dates[day] = _short_date(self.ctx, day)
        return self._dates[day]

    def _series_fields(self, series: Series) -> dict[str, Any]:
        """What every occurrence of a series shares, computed once per series."""
        found = self._series.get(series.uid)
        if found is None:
            plan = self.ctx.plan
            visible_channel = series.channel is not None and plan.get("channels", series.channel) is not None
            visible_owner = series.owner is not None and plan.get("team", series.owner) is not None
            clock = self.ctx.time(series.time) if series.time else ""
            found = Record(
                {
                    "time_label": clock or self._label(N_("All day")),
                    "kind": series.kind,
                    "kind_label": self._label(CALENDAR_KINDS[series.kind]),
                    "title": series.title,
                    "channel_id": series.channel if visible_channel and series.channel else "",
                    "channel": self._link("channels", series.channel) or Markup(self._label(N_("—"))),
                    "owner_id": series.owner if visible_owner and series.owner else "",
                    "owner": self._link("team", series.owner) or Markup(self._label(N_("—"))),
                    "status": self._label(CALENDAR_STATUSES[series.status]) if series.status else self._label(N_("—")),
                    "status_id": series.status or "",
                    "source": self._source(series),
                    "uid": series.uid,
                }
            )
            found["attrs"] = Markup(self._macros.series_attrs(found))
            found["cells"] = Markup(self._macros.series_cells(found))
            self._series[series.uid] = found
        return found

    def __call__(self, occurrence: Occurrence) -> EntryView:
        fields = self._series_fields(occurrence.series)
        at = occurrence.at
        if at is None:
            at = occurrence.series.time
        else:
            # A rule with several times a day: each row shows its own.
            fields = {**fields, "time_label": self.ctx.time(at)}
        day = occurrence.day.isoformat()
        return EntryView(
            day=occurrence.day,
            day_iso=day,
            date_label=self._date(occurrence.day),
            datetime_attr=f"{day}T{at.strftime('%H:%M')}" if at else day,
            **fields,
        )


@dataclass(frozen=True)
class WeekView:
    number: int
    heading: str
    monday: date
    entries: list[EntryView]
    overloads: list[dict[str, Any]]


def _overload_views(ctx: RenderContext, page_src: str, found: Iterable[Overload]) -> list[dict[str, Any]]:
    views = []
    for overload in found:
        member = ctx.plan.get("team", overload.owner)
        if member is None:
            continue
        views.append(
            {
                "owner": ctx.link(page_src, "team", overload.owner),
                "owner_id": overload.owner,
                "week": overload.week,
                "text": ctx.gettext(
                    "%(name)s: %(planned)s h planned, capacity %(capacity)s h",
                    name=member.title,
                    planned=ctx.number(overload.planned),
                    capacity=ctx.number(overload.capacity),
                ),
            }
        )
    return views


def week_views(ctx: RenderContext, page_src: str) -> list[WeekView]:
    """The window, week by week (Monday to Sunday), with every week present even when empty."""
    first, last = window_bounds(ctx)
    by_week: dict[date, list[EntryView]] = {}
    view = EntryViews(ctx, page_src)
    for occurrence in window_entries(ctx):
        monday = occurrence.day - timedelta(days=occurrence.day.weekday())
        by_week.setdefault(monday, []).append(view(occurrence))
    overloaded: dict[date, list[Overload]] = {}
    for overload in overloads_of(ctx):
        overloaded.setdefault(overload.week, []).append(overload)
    weeks = []
    monday = first
    while monday <= last:
        sunday = monday + timedelta(days=6)
        number = monday.isocalendar()[1]
        heading = ctx.gettext(
            "Week %(number)s: %(start)s – %(end)s",
            number=number,
            start=unbroken(ctx.date(monday)),
            end=unbroken(ctx.date(sunday)),
        )
        weeks.append(
            WeekView(
                number=number,
                heading=heading,
                monday=monday,
                entries=by_week.get(monday, []),
                overloads=_overload_views(ctx, page_src, overloaded.get(monday, [])),
            )
        )
        monday += timedelta(days=7)
    return weeks


def feed_links(ctx: RenderContext, page_src: str) -> dict[str, Any]:
    """Every feed with a relative link and, when ``site_url`` is set, its absolute address."""

    def one(name: str, label: str) -> dict[str, Any]:
        src = ctx.file(name)
        return {"label": label, "href": ctx.href(page_src, src), "address": ctx.absolute_url(src)}

    return {
        "all": one("calendar.ics", ctx.gettext("All events")),
        "channels": [one(f"calendar/{c.id}.ics", c.title) for c in ctx.plan.all("channels")],
        "people": [one(f"calendar/people/{m.id}.ics", m.title) for m in ctx.plan.all("team")],
    }


def _status_order(statuses: Iterable[str]) -> list[str]:
    """Statuses in workflow order: a post's six (§7), then the initiatives' and tasks'."""
    order = {status: rank for rank, status in enumerate(ITEM_STATUSES + STATUSES)}
    return sorted(statuses, key=lambda s: (order.get(s, len(order)), s))


# --- the feature ----------------------------------------------------------------------------


def _span(ctx: RenderContext) -> tuple[date, date]:
    """The days of every event of the build: each feed's VTIMEZONE covers them all. Computed
    once per build: every one of the 200 feeds of a large plan asks for it."""
    span = ctx.computed.get("calendar_span")
    if span is None:
        span = ctx.computed["calendar_span"] = days_spanned(calendar_of(ctx).series) or (
            ctx.plan.horizon_start,
            ctx.plan.horizon_end,
        )
    return span


def _feed_all(ctx: RenderContext, name: str) -> bytes:
    return feed(ctx, calendar_of(ctx).series, name, _span(ctx))


def _feed_channel(ctx: RenderContext, channel: str, name: str) -> bytes:
    return feed(ctx, calendar_of(ctx).for_channel(channel), name, _span(ctx))


def _feed_person(ctx: RenderContext, person: str, name: str) -> bytes:
    return feed(ctx, calendar_of(ctx).for_owner(person), name, _span(ctx))


class CalendarFeature(Feature):
    name = "calendar"

    def prepare(self, ctx: RenderContext) -> None:
        calendar_of(ctx)
        overloads_of(ctx)

    def outputs(self, ctx: RenderContext) -> Iterable[Output]:
        yield Output(ctx.src("calendar"), partial(self.render_page, ctx), nav_title=ctx.gettext("Calendar"))
        title = ctx.plan.mission.title
        yield Output(
            ctx.file("calendar.ics"), partial(_feed_all, ctx, ctx.gettext("%(title)s: strategy calendar", title=title))
        )
        for channel in ctx.plan.all("channels"):
            name = ctx.gettext("%(title)s: %(channel)s calendar", title=title, channel=channel.title)
            yield Output(ctx.file(f"calendar/{channel.id}.ics"), partial(_feed_channel, ctx, channel.id, name))
        for member in ctx.plan.all("team"):
            name = ctx.gettext("%(title)s: calendar of %(person)s", title=title, person=member.title)
            yield Output(ctx.file(f"calendar/people/{member.id}.ics"), partial(_feed_person, ctx, member.id, name))
        # Media of the posts this audience sees (a stakeholder plan has no others), each once.
        # Each judged again here, by the rules of the folders the build really uses.
        media = ctx.options.media or MediaFolder.beside(ctx.plan.root)
        for file in dict.fromkeys(
            m.file for f in ctx.plan.all("calendar") if isinstance(f, CalendarFile) for i in f.items for m in i.media
        ):
            source = media.file(file)
            if source is not None:  # a missing or refused one stopped the build already
                yield Output(ctx.file(media_site_path(file)), source.read_bytes)

    def render_page(self, ctx: RenderContext, grids: bool = True) -> str:
        """The calendar page; ``grids=False`` leaves the week and month grids out (the list
        view alone, which the benchmark compares the whole page with)."""
        page_src = ctx.src("calendar")
        first, last = window_bounds(ctx)
        entries = window_entries(ctx)
        grid_weeks, grid_months = build_grids(ctx, page_src, calendar_of(ctx), first, last) if grids else ([], [])
        statuses = dict.fromkeys(o.series.status for o in entries if o.series.status)
        return ctx.render(
            "calendar/page.md.j2",
            page_src,
            weeks=week_views(ctx, page_src),
            grid_weeks=grid_weeks,
            grid_months=grid_months,
            weekdays=weekday_names(ctx),
            statuses=[{"id": s, "label": ctx.gettext(CALENDAR_STATUSES[s])} for s in _status_order(statuses)],
            # One week is its own sentence; the counted pair's singular carries the count (see
            # _RULE_SENTENCES: Latvian's first plural form needs it).
            as_of=ctx.gettext(
                "As of %(date)s: the week from %(start)s to %(end)s.",
                date=ctx.date(ctx.today),
                start=ctx.date(first),
                end=ctx.date(last),
            )
            if ctx.options.calendar_weeks == 1
            else ctx.ngettext(
                "As of %(date)s: the %(weeks)s week from %(start)s to %(end)s.",
                "As of %(date)s: the %(weeks)s weeks from %(start)s to %(end)s.",
                ctx.options.calendar_weeks,
                date=ctx.date(ctx.today),
                weeks=ctx.options.calendar_weeks,
                start=ctx.date(first),
                end=ctx.date(last),
            ),
            channels=[c for c in ctx.plan.all("channels")],
            people=[m for m in ctx.plan.all("team")],
            feeds=feed_links(ctx, page_src),
            files=[
                {"href": ctx.href(page_src, ctx.src("calendar", f.id)), "title": f.title, "count": len(f.items)}
                for f in ctx.plan.all("calendar")
                if isinstance(f, CalendarFile)
            ],
        )

    def panels(self, ctx: RenderContext, entity: Entity, page_src: str) -> Iterable[str]:
        if isinstance(entity, CalendarFile):
            yield self._file_panel(ctx, entity, page_src)
        elif isinstance(entity, Channel):
            yield self._channel_panel(ctx, entity, page_src)
        elif isinstance(entity, TeamMember):
            yield self._team_panel(ctx, entity, page_src)

    def _file_panel(self, ctx: RenderContext, entity: CalendarFile, page_src: str) -> str:
        calendar = calendar_of(ctx)
        view = EntryViews(ctx, page_src)
        own = calendar.for_source(("calendar", entity.id))
        occurrences = sorted((o for s in own if s.kind == "item" for o in s.occurrences()), key=lambda o: o.sort_key)
        rows = [view(o) for o in occurrences]
        # A stakeholder build shows no hours (resolve.WORKLOAD_FIELDS): no effort column.
        efforts = {s.uid: ctx.number(s.effort) for s in own} if ctx.plan.is_team else {}
        posts = post_previews(ctx, entity, page_src)
        # The grid's cards link to #<anchor>: a post's preview, else its (first) row here.
        taken = {post.anchor for post in posts}
        anchors = {}
        for occurrence in occurrences:
            anchor = occurrence.series.anchor
            if anchor and anchor not in taken:
                taken.add(anchor)
                anchors[occurrence.series.uid] = anchor
        return ctx.render(
            "calendar/file_panel.md.j2",
            page_src,
            entity=entity,
            rows=rows,
            efforts=efforts,
            posts=posts,
            anchors=anchors,
        )

    def _channel_panel(self, ctx: RenderContext, entity: Channel, page_src: str) -> str:
        by_uid = {s.uid: s for s in calendar_of(ctx).for_channel(entity.id)}
        slots = []
        for index, (slot, uid) in enumerate(zip(entity.cadence, cadence_uids(entity), strict=False)):
            series = by_uid.get(uid)
            effective = ctx.plan.effective.slot(entity, index)
            moments = list(series.moments()) if series is not None else []
            # Several a day: the dates alone would repeat, so each says its time.
            several = series is not None and bool(series.times)
            upcoming = [
                ctx.fmt.join_datetime(_short_date(ctx, day, with_year=True), ctx.time(at), "medium")
                if several
                else _short_date(ctx, day, with_year=True)
                for day, at in [m for m in moments if m[0] >= ctx.today][:NEXT_OCCURRENCES]
            ]
            slots.append(
                {
                    "title": effective.title,
                    "words": describe_rule(ctx, slot.rrule, slot.time),
                    # A slot in the plain form (§7) is shown in words only; its author did
                    # not write, and need not read, the RRULE it stands for.
                    "rule": slot.rrule if slot.every is None else "",
                    "period": ctx.gettext(
                        "%(start)s – %(end)s",
                        start=ctx.date(effective.start),
                        end=ctx.date(effective.end),
                    ),
                    "owner": ctx.link(page_src, "team", effective.owner),
                    "format": slot.format or "",
                    "pillar": slot.pillar or "",
                    "effort": ctx.number(effective.effort) if ctx.plan.is_team else "",
                    "next": upcoming,
                    "index": index,
                }
            )
        feed_src = ctx.file(f"calendar/{entity.id}.ics")
        return ctx.render(
            "calendar/channel_panel.md.j2",
            page_src,
            entity=entity,
            slots=slots,
            workload=ctx.plan.is_team,
            feed_href=ctx.href(page_src, feed_src),
            feed_address=ctx.absolute_url(feed_src),
        )

    def _team_panel(self, ctx: RenderContext, entity: TeamMember, page_src: str) -> str:
        first, last = window_bounds(ctx)
        efforts = calendar_of(ctx).effort_by_week()
        weeks = []
        monday = first
        # A stakeholder build shows a person's feed, never their hours against their capacity.
        while monday <= last and ctx.plan.is_team:
            planned = efforts.get((entity.id, monday), Decimal(0))
            over = entity.capacity is not None and planned > entity.capacity
            weeks.append(
                {
                    "label": ctx.gettext(
                        "Week %(number)s: %(start)s – %(end)s",
                        number=monday.isocalendar()[1],
                        start=unbroken(ctx.date(monday)),
                        end=unbroken(ctx.date(monday + timedelta(days=6))),
                    ),
                    "monday": monday,
                    "planned": ctx.number(planned),
                    "over": over,
                }
            )
            monday += timedelta(days=7)
        later = [
            ctx.gettext(
                "Week of %(week)s: %(planned)s h planned, capacity %(capacity)s h",
                week=ctx.date(o.week),
                planned=ctx.number(o.planned),
                capacity=ctx.number(o.capacity),
            )
            for o in overloads_of(ctx)
            if o.owner == entity.id and not first <= o.week <= last
        ]
        feed_src = ctx.file(f"calendar/people/{entity.id}.ics")
        return ctx.render(
            "calendar/team_panel.md.j2",
            page_src,
            entity=entity,
            workload=ctx.plan.is_team,
            weeks=weeks,
            capacity=ctx.number(entity.capacity) if entity.capacity is not None else None,
            later=later,
            calendar_href=ctx.href(page_src, ctx.src("calendar")),
            feed_href=ctx.href(page_src, feed_src),
            feed_address=ctx.absolute_url(feed_src),
        )

    def overview(self, ctx: RenderContext, page_src: str) -> Iterable[tuple[int, str]]:
        last = ctx.today + timedelta(days=OVERVIEW_DAYS - 1)
        view = EntryViews(ctx, page_src)
        rows = [view(o) for o in calendar_of(ctx).between(ctx.today, last)]
        yield (
            40,
            ctx.render(
                "calendar/overview.md.j2",
                page_src,
                rows=rows,
                calendar_href=ctx.href(page_src, ctx.src("calendar")),
            ),
        )

    def json(self, ctx: RenderContext) -> dict[str, Any]:
        entries = []
        for occurrence in window_entries(ctx):
            series = occurrence.series
            entries.append(
                {
                    "date": occurrence.day,
                    "time": occurrence.time.strftime("%H:%M") if occurrence.time else None,  # the plan's notation
                    "kind": series.kind,
                    "title": series.title,
                    "channel": series.channel if ctx.plan.get("channels", series.channel) else None,
                    "owner": series.owner if ctx.plan.get("team", series.owner) else None,
                    "status": series.status,
                    "source": ctx.url(source_src(ctx, series)),
                    "uid": series.uid,
                    **({"effort": series.effort} if ctx.plan.is_team else {}),
                }
            )
        first, last = window_bounds(ctx)
        overload_rows = [
            {"owner": o.owner, "week": o.week, "planned": o.planned, "capacity": o.capacity} for o in overloads_of(ctx)
        ]
        data: dict[str, Any] = {
            "calendar_window": entries,
            "calendar_window_range": {"start": first, "end": last, "weeks": ctx.options.calendar_weeks},
        }
        if ctx.plan.is_team:  # staff hours: the team's own business (resolve.WORKLOAD_FIELDS)
            data["calendar_overloads"] = overload_rows
        return data

    def entity_json(self, ctx: RenderContext, entity: Entity) -> dict[str, Any]:
        if isinstance(entity, Channel):
            return {"calendar_feed": ctx.url(ctx.file(f"calendar/{entity.id}.ics"))}
        if isinstance(entity, TeamMember):
            return {"calendar_feed": ctx.url(ctx.file(f"calendar/people/{entity.id}.ics"))}
        return {}
