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
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from typing import TYPE_CHECKING, Any

from ..labels import CALENDAR_KINDS, CALENDAR_STATUSES
from ..recurrence import expand, local_until, rule_parts, rule_text_of
from .events import Series

if TYPE_CHECKING:
    from icalendar import Event as IEvent

    from ..context import RenderContext

PRODID = "-//smm-handbook//calendar//EN"
TIMED_DURATION = timedelta(minutes=30)
#: RFC 5545 3.1: a content line of this many octets or more is folded (icalendar folds it).
FOLD_OCTETS = 75
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DAY_END = time(23, 59, 59)
_BOUNDS = ("COUNT", "UNTIL")
#: Rule parts calendar apps expand differently (ical.js 2.2 takes BYWEEKNO=10,40 for every
#: week from 10 to 40): a rule with one is written as its dates (RDATE) instead.
_UNPORTABLE_PARTS = frozenset({"BYWEEKNO"})


def clean_text(text: str) -> str:
    """TEXT as RFC 5545 allows it: line breaks as ``\\n`` (icalendar escapes them), no other
    control characters (a calendar app may reject the whole feed for one)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def feed_text(ctx: RenderContext, text: str) -> str:
    """Text for a feed: ``[[section/id|label]]`` becomes its label (else the entity's title),
    or "internal" when the audience may not see the entity (its id is never written), then
    ``clean_text``. A feed has no links, and a calendar app would show the brackets."""
    from ..wikilinks import replace_wikilinks

    def label(section: str, entity_id: str, given: str | None) -> str:
        entity = ctx.plan.get(section, entity_id)
        if entity is None:
            return ctx.gettext("internal")
        return given or entity.title

    return clean_text(replace_wikilinks(text, label) if "[[" in text else text)


def source_src(ctx: RenderContext, series: Series) -> str:
    """The generated page that explains an event (its plan entity, a section index, or the
    overview for public holidays)."""
    section, entity_id = series.source
    if not section:
        return ctx.src()
    if entity_id is None or ctx.plan.get(section, entity_id) is None:
        return ctx.src(section)
    return ctx.src(section, entity_id)


def page_address(ctx: RenderContext, src: str) -> str:
    """Absolute URL when ``site_url`` is set, else the site-relative path."""
    return ctx.absolute_url(src) or "/" + ctx.url(src)


def summary(ctx: RenderContext, series: Series) -> str:
    """What a calendar app shows in its grid: the kind where the title alone is ambiguous,
    the channel for content."""
    channel = ctx.plan.get("channels", series.channel)
    if series.kind in ("post", "item"):
        return f"{channel.title}: {series.title}" if channel is not None else series.title
    if series.kind in ("holiday", "review"):
        return series.title
    return ctx.gettext("%(kind)s: %(title)s", kind=ctx.gettext(CALENDAR_KINDS[series.kind]), title=series.title)


def description(ctx: RenderContext, series: Series) -> str:
    """Kind, channel, owner and status in words, then a link back to the source page.
    Only entities the audience may see are named."""
    lines = [ctx.gettext(CALENDAR_KINDS[series.kind])]
    channel = ctx.plan.get("channels", series.channel)
    if channel is not None:
        lines.append(ctx.gettext("Channel: %(channel)s", channel=channel.title))
    owner = ctx.plan.get("team", series.owner)
    if owner is not None:
        lines.append(ctx.gettext("Owner: %(owner)s", owner=owner.title))
    if series.status:
        lines.append(ctx.gettext("Status: %(status)s", status=ctx.gettext(CALENDAR_STATUSES[series.status])))
    if series.format:
        lines.append(ctx.gettext("Format: %(format)s", format=series.format))
    if series.pillar:
        lines.append(ctx.gettext("Pillar: %(pillar)s", pillar=series.pillar))
    lines.append(page_address(ctx, source_src(ctx, series)))
    return "\n".join(lines)


def _moment(ctx: RenderContext, day: date, at: time | None) -> date | datetime:
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
    """Every occurrence of the rule ``parts`` from ``anchor``, or None when it may run past
    ``end`` (its ``COUNT`` is not used up by then, or its ``UNTIL`` is later)."""
    named = dict(parts)
    found = expand(rule_text_of(parts), anchor, end)
    count, until = named.get("COUNT"), named.get("UNTIL")
    if isinstance(count, str) and len(found) < int(count):
        return None
    if isinstance(until, datetime) and until > end:
        return None
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


def _recurrence(ctx: RenderContext, series: Series) -> tuple[str | None, list[date | datetime]]:
    """``(RRULE, EXDATEs)`` that reproduce exactly the series' occurrences, or ``(None, RDATEs)``.

    DTSTART is the first occurrence (RFC 5545 counts DTSTART as an occurrence even when the
    rule would not yield it), and the rule the first of ``_candidate_rules`` that, expanded from
    there, yields every occurrence and nothing past the series' end. Occurrences the plan
    removed (a recorded review on a scheduled day) become EXDATEs; a rule that no bound
    reproduces, or that calendar apps expand differently (a part in ``_UNPORTABLE_PARTS``, an
    occurrence at a repeated local time: see ``repeated_local_time``), falls back to an explicit
    RDATE list."""
    tz = ctx.plan.tz
    timed = series.time is not None
    wanted = [datetime.combine(day, at or time(0, 0)) for day, at in series.moments()]
    wanted_set: set[datetime] = set()  # built only when a rule yields more than wanted
    anchor, last = wanted[0], wanted[-1]
    end = max(datetime.combine(series.end or last.date(), _DAY_END), last)
    with_exdates: tuple[Parts, list[datetime]] | None = None
    # The RDATE list also holds DTSTART: ical.js leaves DTSTART out of a series without RRULE.
    dates = [_moment(ctx, day, at) for day, at in series.moments()]
    if any(key in _UNPORTABLE_PARTS for key, _ in rule_parts(series.rule or "")) or any(map(_ambiguous, dates)):
        return None, dates
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
    return None, dates


def repeated_local_time(moment: datetime) -> bool:
    """True when a local time occurs twice (as the clocks go back). RFC 5545 reads it as its
    first occurrence, as Python does; ical.js takes the second, so such a time is written as
    its UTC instant, which every reader agrees on, and a series that has one is written as its
    dates (an EXDATE at that local time would remove both instants in recurring-ical-events).
    A skipped time reads with the offset before the change in both."""
    if moment.utcoffset() == moment.replace(fold=1).utcoffset():
        return False
    back = moment.astimezone(timezone.utc).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


def _ambiguous(moment: date | datetime) -> bool:
    return isinstance(moment, datetime) and repeated_local_time(moment)


def _utc(moment: date | datetime) -> date | datetime:
    return moment.astimezone(timezone.utc) if isinstance(moment, datetime) else moment


def vevent(ctx: RenderContext, series: Series, stamp: datetime) -> IEvent:
    shared = _shared_properties(ctx)
    event = shared.event()
    event.add("uid", series.uid)
    shared.add(event, "dtstamp", stamp)
    shared.add(event, "summary", feed_text(ctx, summary(ctx, series)))
    start = _moment(ctx, series.days[0], series.time)
    recurring = series.recurring and len(series.days) > 1
    recur, extra = _recurrence(ctx, series) if recurring else (None, [])
    # A recurring series keeps its DTSTART in the plan's zone (its rule repeats in local time).
    shared.add(event, "dtstart", _utc(start) if recur is None and _ambiguous(start) else start)
    if series.time is None:
        shared.add(event, "dtend", series.days[0] + timedelta(days=1))
        shared.add(event, "transp", "TRANSPARENT")
    else:
        shared.add(event, "duration", TIMED_DURATION)
    if recur is not None:
        event.add("rrule", _written_recur_type()(recur))
        for moment in extra:
            event.add("exdate", moment)
    else:
        for moment in extra:
            event.add("rdate", _utc(moment) if _ambiguous(moment) else moment)
    event.add("description", feed_text(ctx, description(ctx, series)))
    shared.add(event, "categories", ctx.gettext(CALENDAR_KINDS[series.kind]))
    address = ctx.absolute_url(source_src(ctx, series))
    if address:
        event.add("url", address)
    return event


class SharedProperties:
    """The properties that recur across a build's events (the same stamp, day, kind and title
    in thousands of events), each made once by ``icalendar`` and shared, and their content
    lines written once: ``event()`` makes a VEVENT whose shared properties icalendar folded and
    encoded the first time it wrote one (``Contentline.to_ical``), the same bytes every time.
    Property values are never changed once made, and an event is only written. A date-time's
    zone is part of the key (equal instants in two zones are written differently)."""

    def __init__(self) -> None:
        from icalendar import Event as IEvent
        from icalendar.parser import Contentline

        self._made: dict[tuple[Any, ...], Any] = {}
        #: Every shared value by ``id``: alive as long as ``_made`` holds it, so an id is never
        #: that of another object.
        shared: set[int] = set()
        self._shared = shared
        written: dict[tuple[str, Any, bool], Contentline] = {}

        class WrittenLine(Contentline):
            """A content line with the bytes icalendar wrote for it."""

            ical = b""

            def to_ical(self) -> bytes:
                return self.ical

        class Event(IEvent):
            def content_line(self, name: str, value: Any, sorted: bool = True) -> Contentline:
                if name in ("BEGIN", "END"):  # the component's name, as bytes
                    key: tuple[str, Any, bool] = (name, value, sorted)
                elif id(value) in shared:
                    key = (name, id(value), sorted)
                else:
                    return self.written(super().content_line(name, value, sorted=sorted))
                line = written.get(key)
                if line is None:
                    line = written[key] = self.written(super().content_line(name, value, sorted=sorted))
                return line

            @staticmethod
            def written(made: Contentline) -> Contentline:
                """``made`` with the bytes icalendar's ``Contentline.to_ical`` gives it: the line
                as it is below 75 octets, where RFC 5545 folds nothing, and folded by
                :func:`fold_octets` from there (icalendar's folding walks every character)."""
                line = WrittenLine(made)
                line.ical = fold_octets(made.encode("utf-8"))
                return line

        self.event: Callable[[], IEvent] = Event
        self._probe = IEvent

    def add(self, event: IEvent, name: str, value: Any) -> None:
        """``event.add(name, value)``, with the property made once per build."""
        key = (name, type(value), value, getattr(value, "tzinfo", None))
        prop = self._made.get(key)
        if prop is None:
            probe = self._probe()
            probe.add(name, [value] if name == "categories" else value)
            prop = self._made[key] = probe[name]
            self._shared.add(id(prop))
        event[name] = prop


def fold_octets(data: bytes) -> bytes:
    """A content line's UTF-8 octets folded exactly as icalendar 7's ``_foldline`` folds the
    text (RFC 5545 3.1): lines of at most 74 octets joined by CRLF and a space, never inside a
    character, and a backslash or caret that would end a line moved to the next one (its
    issue 1501: an escape kept whole). The same cuts, made by slicing the octets instead of
    encoding every character on its own; ``tests/test_ics_feeds.py`` holds the two equal for
    any text, one- to four-octet characters, escapes at every place around a fold."""
    limit = FOLD_OCTETS - 1
    if len(data) <= limit:
        return data
    parts = []
    start = 0
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a character's continuation octet: cut before it
            cut -= 1
        if data[cut - 1] in b"\\^":
            cut -= 1
        parts.append(data[start:cut])
        start = cut
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def _shared_properties(ctx: RenderContext) -> SharedProperties:
    shared = ctx.computed.get("calendar_shared_properties")
    if shared is None:
        shared = ctx.computed["calendar_shared_properties"] = SharedProperties()
    return shared


def feed(ctx: RenderContext, series: Iterable[Series], name: str, span: tuple[date, date] | None = None) -> bytes:
    """One ``.ics`` file: the events in UID order, with the plan's VTIMEZONE.

    ``span`` is the first and last day of every event of the build (default: of these events),
    so every feed of a build carries the same VTIMEZONE, covering all its local times.
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
    serialised: dict[str, bytes] = ctx.computed.setdefault("calendar_vevent_bytes", {})
    uids = []
    timed = False
    series = list(series)
    if span is None:
        span = days_spanned(series) or (ctx.plan.horizon_start, ctx.plan.horizon_end)
    for one in sorted(series, key=lambda s: s.uid):
        if one.uid not in serialised:
            serialised[one.uid] = vevent(ctx, one, stamp).to_ical()
        uids.append(one.uid)
        timed = timed or one.time is not None
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    if not uids:
        zone = standalone_vtimezone(ctx, span)
    elif timed:
        zone = vtimezone(ctx, span)
    else:
        zone = b""
    return head[: -len(end)] + zone + b"".join(serialised[uid] for uid in uids) + end


def days_spanned(series: Iterable[Series]) -> tuple[date, date] | None:
    """The first and last day of ``series`` (None without any)."""
    found = [(one.days[0], one.days[-1]) for one in series]
    if not found:
        return None
    return min(first for first, _ in found), max(last for _, last in found)


def _zone_years(span: tuple[date, date]) -> tuple[date, date]:
    """The VTIMEZONE's range: whole years around the events, a year to spare on each side (a
    local time near New Year may fall in the next UTC year)."""
    first, last = span
    return date(max(first.year - 1, 1), 1, 1), date(min(last.year + 2, 9999), 1, 1)


def vtimezone(ctx: RenderContext, span: tuple[date, date]) -> bytes:
    """The plan's VTIMEZONE, once per build (every feed with a timed event carries the same
    one; all-day events and UTC times need none).

    icalendar writes the zone's observances with every later change as one multi-valued
    ``RDATE``; ical.js 2.2 reads only part of such a list and put events an hour off. So each
    change gets an ``RDATE`` line of its own (RFC 5545 allows the property to repeat), and the
    zone covers the years of the build's events (icalendar's default stops in 2038)."""
    key = ("calendar_vtimezone", _zone_years(span))
    if key not in ctx.computed:
        from icalendar import Calendar as ICalendar
        from icalendar import Event as IEvent

        probe = ICalendar()
        event = IEvent()
        event.add("dtstart", datetime(2000, 1, 1, 12, 0, tzinfo=ctx.plan.tz))
        probe.add_component(event)
        probe.add_missing_timezones(*_zone_years(span))
        for zone in probe.timezones:
            _rdate_per_line(zone)
        ctx.computed[key] = b"".join(zone.to_ical() for zone in probe.timezones)
    return ctx.computed[key]


def _rdate_per_line(zone: Any) -> None:
    """Every ``RDATE`` value of a VTIMEZONE's observances on a line of its own."""
    for observance in zone.subcomponents:
        values = observance.get("RDATE")
        if values is None:
            continue
        lists = values if isinstance(values, list) else [values]
        moments = [one.dt for found in lists for one in found.dts]
        del observance["RDATE"]
        for moment in moments:
            observance.add("rdate", moment)


def standalone_vtimezone(ctx: RenderContext, span: tuple[date, date]) -> bytes:
    """The plan's VTIMEZONE even where its times need none (UTC ones are written with ``Z``;
    its VTIMEZONE is then one fixed offset): the one component of an empty feed."""
    zone = vtimezone(ctx, span)
    if not zone:
        if "calendar_vtimezone_standalone" not in ctx.computed:
            from icalendar import Timezone

            ctx.computed["calendar_vtimezone_standalone"] = Timezone.from_tzinfo(ctx.plan.tz).to_ical()
        zone = ctx.computed["calendar_vtimezone_standalone"]
    return zone
