"""iCalendar (RFC 5545) feeds of the plan's events, written by ``icalendar``.

Feeds must be byte-identical from build to build (subscribers poll them; caches and diffs
should only see real changes), so DTSTAMP comes from "today", UIDs from plan identity and
events are written in a fixed order. Text is escaped by ``icalendar``: a newline in a title
stays inside its property. ``icalendar`` is imported where a feed is written, so a build that
renders in the background never loads it in the main process.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Iterable

from .events import Series, bare_rule, expand_rule

if TYPE_CHECKING:
    from icalendar import Event as IEvent
    from icalendar import vRecur

    from ..context import RenderContext

PRODID = "-//smm-handbook//calendar//EN"
TIMED_DURATION = timedelta(minutes=30)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


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


def _recurrence(ctx: "RenderContext", series: Series) -> tuple[vRecur | None, list[date | datetime]]:
    """``(RRULE, EXDATEs)`` that reproduce exactly ``series.days``, or ``(None, RDATEs)``.

    The rule is re-anchored at the first real occurrence (RFC 5545 counts DTSTART as an
    occurrence even when the rule would not yield it) and bounded by an UNTIL at the last one.
    Occurrences the plan removed (a recorded review on a scheduled day) become EXDATEs; a rule
    that re-anchoring would change falls back to an explicit RDATE list."""
    from icalendar import vRecur

    assert series.rule is not None
    first, last = series.days[0], series.days[-1]
    rule_text = bare_rule(series.rule)
    anchor = datetime.combine(first, series.time or time(0, 0))
    produced = [moment.date() for moment in expand_rule(rule_text, anchor, last)]
    wanted = set(series.days)
    if produced and produced[0] == first and wanted.issubset(produced):
        recur = vRecur.from_ical(rule_text)
        if series.time is None:
            recur["UNTIL"] = last
        else:
            local_last = datetime.combine(last, series.time, tzinfo=ctx.plan.tz)
            recur["UNTIL"] = local_last.astimezone(timezone.utc)
        excluded = [_moment(ctx, day, series.time) for day in produced if day not in wanted]
        return recur, excluded
    return None, [_moment(ctx, day, series.time) for day in series.days[1:]]


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
            event.add("rrule", recur)
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
