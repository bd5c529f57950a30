"""iCalendar (RFC 5545) feeds of the plan's events, written by ``icalendar``.

Feeds must be byte-identical from build to build (subscribers poll them; caches and diffs
should only see real changes), so DTSTAMP comes from "today", UIDs from plan identity and
events are written in a fixed order. Text is escaped by ``icalendar``: a newline in a title
stays inside its property. ``icalendar`` is imported where a feed is written, so a build that
renders in the background never loads it in the main process.

A recurring series is written as the plan wrote it: DTSTART at its first occurrence and the
author's RRULE (see ``_recurrence``), so a calendar app expands it to exactly the occurrences
the calendar page lists.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from typing import TYPE_CHECKING, Iterable

from .events import Series, local_until, parse_rule, rule_parts, rule_text_of

if TYPE_CHECKING:
    from icalendar import Event as IEvent

    from ..context import RenderContext

PRODID = "-//smm-handbook//calendar//EN"
TIMED_DURATION = timedelta(minutes=30)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DAY_END = time(23, 59, 59)
_BOUNDS = ("COUNT", "UNTIL")


def clean_text(text: str) -> str:
    """TEXT as RFC 5545 allows it: line breaks as ``\\n`` (icalendar escapes them), no other
    control characters (a calendar app may reject the whole feed for one)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def source_src(ctx: "RenderContext", series: Series) -> str:
    """The generated page that explains an event (its plan entity, a section index, or the
    overview for public holidays)."""
    section, entity_id = series.source
    if not section:
        return ctx.src()
    if entity_id is None or ctx.plan.get(section, entity_id) is None:
        return ctx.src(section)
    return ctx.src(section, entity_id)


def page_address(ctx: "RenderContext", src: str) -> str:
    """Absolute URL when ``site_url`` is set, else the site-relative path."""
    return ctx.absolute_url(src) or "/" + ctx.url(src)


def summary(ctx: "RenderContext", series: Series) -> str:
    """What a calendar app shows in its grid: the kind where the title alone is ambiguous,
    the channel for content."""
    channel = ctx.plan.get("channels", series.channel)
    if series.kind in ("post", "item"):
        return f"{channel.title}: {series.title}" if channel is not None else series.title
    if series.kind in ("holiday", "review"):
        return series.title
    return f"{ctx.t('calendar.kind.' + series.kind)}: {series.title}"


def description(ctx: "RenderContext", series: Series) -> str:
    """Kind, channel, owner and status in words, then a link back to the source page.
    Only entities the audience may see are named."""
    lines = [ctx.t("calendar.kind." + series.kind)]
    channel = ctx.plan.get("channels", series.channel)
    if channel is not None:
        lines.append(f"{ctx.t('calendar.col.channel')}: {channel.title}")
    owner = ctx.plan.get("team", series.owner)
    if owner is not None:
        lines.append(f"{ctx.t('calendar.col.owner')}: {owner.title}")
    if series.status:
        lines.append(f"{ctx.t('calendar.col.status')}: {ctx.t('calendar.status.' + series.status)}")
    if series.format:
        lines.append(f"{ctx.t('calendar.col.format')}: {series.format}")
    if series.pillar:
        lines.append(f"{ctx.t('calendar.col.pillar')}: {series.pillar}")
    lines.append(page_address(ctx, source_src(ctx, series)))
    return "\n".join(lines)


def _moment(ctx: "RenderContext", day: date, at: time | None) -> date | datetime:
    if at is None:
        return day
    return datetime.combine(day, at, tzinfo=ctx.plan.tz)


#: Rule parts in order; an ``UNTIL`` as a naive local datetime.
Parts = list[tuple[str, str | datetime]]


def _candidate_rules(series: Series, tz: tzinfo, end: datetime, last: datetime) -> list[Parts]:
    """Ways to bound the series' rule, most faithful first:

    1. the author's rule as written, when it has its own ``COUNT`` or ``UNTIL`` (not both:
       RFC 5545 forbids that);
    2. without them, bounded by an ``UNTIL`` at ``end``, the very end of the series' last day
       (its cadence's ``end`` or the horizon end), in place of the author's bound or appended;
    3. the same, bounded at the ``last`` occurrence (when re-anchoring made a ``COUNT`` count
       differently)."""
    assert series.rule is not None
    parts = rule_parts(series.rule)
    bounds = [index for index, (key, _) in enumerate(parts) if key in _BOUNDS]
    candidates: list[Parts] = []
    if len(bounds) == 1:
        candidates.append([(key, local_until(value, tz) if key == "UNTIL" else value) for key, value in parts])
    bare: Parts = [(key, value) for key, value in parts if key not in _BOUNDS]
    at = bounds[0] if bounds else len(bare)
    for until in (end, last):
        candidates.append(bare[:at] + [("UNTIL", until)] + bare[at:])
    return candidates


def _produce(parts: Parts, anchor: datetime, end: datetime) -> list[datetime] | None:
    """Every occurrence of the rule ``parts`` from ``anchor``, or None when it runs past ``end``."""
    found = []
    for moment in parse_rule(rule_text_of(parts), anchor):
        if moment > end:
            return None
        found.append(moment)
    return found


def _rrule_text(parts: Parts, tz: tzinfo, timed: bool) -> str:
    """The RRULE value: the parts in the author's order except FREQ first (RFC 5545 requires
    it for older readers); an ``UNTIL`` in UTC for a timed series, a date for an all-day one."""
    written = []
    for key, value in parts:
        if isinstance(value, datetime):
            if timed:
                value = value.replace(tzinfo=tz).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            else:
                value = value.strftime("%Y%m%d")
        written.append(f"{key}={value}")
    written.sort(key=lambda part: not part.startswith("FREQ="))
    return ";".join(written)


@cache
def _written_recur_type() -> type:
    from icalendar import vRecur

    class WrittenRecur(vRecur):
        """An RRULE value written exactly as given (icalendar would reorder its parts)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

        def to_ical(self) -> bytes:
            return self.text.encode("ascii")

    return WrittenRecur


def _recurrence(ctx: "RenderContext", series: Series) -> tuple[str | None, list[date | datetime]]:
    """``(RRULE, EXDATEs)`` that reproduce exactly the series' occurrences, or ``(None, RDATEs)``.

    DTSTART is the first occurrence (RFC 5545 counts DTSTART as an occurrence even when the
    rule would not yield it), and the rule the first of ``_candidate_rules`` that, expanded from
    there, yields every occurrence and nothing past the series' end. Occurrences the plan
    removed (a recorded review on a scheduled day) become EXDATEs; a rule that no bound
    reproduces falls back to an explicit RDATE list."""
    tz = ctx.plan.tz
    timed = series.time is not None
    wanted = [datetime.combine(day, at or time(0, 0)) for day, at in series.moments()]
    wanted_set: set[datetime] = set()  # built only when a rule yields more than wanted
    anchor, last = wanted[0], wanted[-1]
    end = max(datetime.combine(series.end or last.date(), _DAY_END), last)
    with_exdates: tuple[Parts, list[datetime]] | None = None
    for parts in _candidate_rules(series, tz, end, last):
        produced = _produce(parts, anchor, end)
        if produced == wanted:
            return _rrule_text(parts, tz, timed), []
        if with_exdates is not None or not produced or produced[0] != anchor:
            continue
        wanted_set = wanted_set or set(wanted)
        if wanted_set.issubset(produced):
            with_exdates = (parts, [moment for moment in produced if moment not in wanted_set])
    if with_exdates is not None:
        parts, excluded = with_exdates
        return _rrule_text(parts, tz, timed), [_moment(ctx, m.date(), m.time() if timed else None) for m in excluded]
    return None, [_moment(ctx, day, at) for day, at in list(series.moments())[1:]]


def vevent(ctx: "RenderContext", series: Series, stamp: datetime) -> IEvent:
    from icalendar import Event as IEvent

    event = IEvent()
    event.add("uid", series.uid)
    event.add("dtstamp", stamp)
    event.add("summary", clean_text(summary(ctx, series)))
    start = _moment(ctx, series.days[0], series.time)
    event.add("dtstart", start)
    if series.time is None:
        event.add("dtend", series.days[0] + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    else:
        event.add("duration", TIMED_DURATION)
    if series.recurring and len(series.days) > 1:
        recur, extra = _recurrence(ctx, series)
        if recur is not None:
            event.add("rrule", _written_recur_type()(recur))
            if extra:
                event.add("exdate", extra)
        else:
            event.add("rdate", extra)
    event.add("description", clean_text(description(ctx, series)))
    event.add("categories", [ctx.t("calendar.kind." + series.kind)])
    address = ctx.absolute_url(source_src(ctx, series))
    if address:
        event.add("url", address)
    return event


def feed(ctx: "RenderContext", series: Iterable[Series], name: str) -> bytes:
    """One ``.ics`` file: the events in UID order, with the plan's VTIMEZONE.

    A feed with no event (a person or a channel with nothing planned) still holds the plan's
    VTIMEZONE: RFC 5545 requires at least one component in a VCALENDAR, and a VTIMEZONE is
    one that needs no event (it also tells the app the plan's zone)."""
    from icalendar import Calendar as ICalendar
    from icalendar import vText

    cal = ICalendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # Calendar apps read X-WR-CALNAME as TEXT, but icalendar writes an X- property raw unless
    # it is given as vText: escaped, a comma, semicolon or backslash in a title reads back as
    # written. A calendar's name is one line, so line breaks become spaces.
    cal.add("x-wr-calname", vText(" ".join(clean_text(name).split())))
    cal.add("x-wr-timezone", ctx.plan.mission.timezone)
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    stamp = datetime.combine(ctx.today, time(0, 0), tzinfo=timezone.utc)
    # The same event sits in the full feed, its channel's and its owner's: build and
    # serialise it once, then let icalendar write only the feed's own lines around them.
    built: dict[str, IEvent] = ctx.computed.setdefault("calendar_vevents", {})
    serialised: dict[str, bytes] = ctx.computed.setdefault("calendar_vevent_bytes", {})
    uids = []
    timed = False
    for one in sorted(series, key=lambda s: s.uid):
        if one.uid not in built:
            built[one.uid] = vevent(ctx, one, stamp)
            serialised[one.uid] = built[one.uid].to_ical()
        uids.append(one.uid)
        timed = timed or one.time is not None
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    if not uids:
        zone = standalone_vtimezone(ctx)
    else:
        zone = vtimezone(ctx) if timed else b""
    return head[: -len(end)] + zone + b"".join(serialised[uid] for uid in uids) + end


def vtimezone(ctx: "RenderContext") -> bytes:
    """The plan's VTIMEZONE as icalendar writes it, once per build (every feed with a timed
    event carries the same one; all-day events and UTC times need none)."""
    if "calendar_vtimezone" not in ctx.computed:
        from icalendar import Calendar as ICalendar
        from icalendar import Event as IEvent

        probe = ICalendar()
        event = IEvent()
        event.add("dtstart", datetime(2000, 1, 1, 12, 0, tzinfo=ctx.plan.tz))
        probe.add_component(event)
        probe.add_missing_timezones()
        ctx.computed["calendar_vtimezone"] = b"".join(zone.to_ical() for zone in probe.timezones)
    return ctx.computed["calendar_vtimezone"]


def standalone_vtimezone(ctx: "RenderContext") -> bytes:
    """The plan's VTIMEZONE even where its times need none (UTC ones are written with ``Z``;
    its VTIMEZONE is then one fixed offset): the one component of an empty feed."""
    zone = vtimezone(ctx)
    if not zone:
        if "calendar_vtimezone_standalone" not in ctx.computed:
            from icalendar import Timezone

            ctx.computed["calendar_vtimezone_standalone"] = Timezone.from_tzinfo(ctx.plan.tz).to_ical()
        zone = ctx.computed["calendar_vtimezone_standalone"]
    return zone
