"""Calendar events of a plan: every dated thing, with recurring rules expanded in local time.

Times in a plan are wall-clock times in ``mission.timezone``; a weekly 09:00 post stays at
09:00 across a daylight-saving change. So rules are expanded on naive local datetimes and the
zone is attached only when an event is written out (``ics.py``).

Decisions the contract leaves open (documented in the calendar page's docs):

* A rule yields what ``dateutil`` (like any RFC 5545 client) yields from DTSTART = the slot's
  start at its ``time``: every occurrence is an entry at its own time, so ``FREQ=HOURLY`` or
  ``BYHOUR=9,17`` gives several entries a day. A UTC ``UNTIL`` (``...Z``) is an instant, compared
  in the plan's zone; a date or a floating ``UNTIL`` is local.
* A calendar item without a ``time`` is an all-day entry, and so is a cadence slot, unless its
  rule sets the time of day itself (``FREQ=HOURLY``, ``BYHOUR``, ``BYMINUTE``, ``BYSECOND``):
  its entries are then at the times the rule gives from midnight.
* ``effort`` defaults to 1 hour for a cadence slot and for a calendar item (after the calendar
  file's own ``effort``), per occurrence (``effective.py`` resolves these defaults once); a task
  costs its own ``effort`` (default 0) in the week of its due date; every other kind of event
  costs 0 hours.
* A cadence slot's first occurrence is the first one its rule yields on or after its ``start``
  (the horizon start by default); a rule's own ``COUNT``/``UNTIL`` still apply.
* Only cadence slots and calendar items belong to a channel (a channel's feed is what gets
  published there); an event's owner is the person who must act on it.
* An event's UID says what the event is, not where it is listed: the entity it belongs to, its
  kind and its title (an untitled cadence slot: its rule and time), numbered only when the same
  entity lists the same title twice. Adding, removing or reordering list entries leaves the
  other events' UIDs alone; renaming an entry makes it a new event.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from ..model import CalendarFile, CalendarItem, Channel, Goal, Initiative, ReviewRecord, TeamMember
from ..plan import Plan

# The feeds read rules through this module too.
from ..recurrence import expand, local_until, parse_rule, rule_parts, rule_text_of  # noqa: F401

UID_DOMAIN = "smm-handbook"
_MIDNIGHT = time(0, 0)
_DAY_END = time(23, 59, 59, 999999)

#: Kinds of event, in the order they are listed within the same day and time.
KINDS = (
    "holiday",
    "deadline",
    "initiative-start",
    "initiative-end",
    "milestone",
    "task",
    "review",
    "item",
    "post",
)
_KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}
#: Rule parts that fix the time of day of the occurrences (with ``FREQ=HOURLY``).
_TIME_OF_DAY_PARTS = frozenset({"BYHOUR", "BYMINUTE", "BYSECOND"})


# --- recurrence rules -------------------------------------------------------------------------


def sets_time_of_day(rule_text: str) -> bool:
    """True when the rule itself says at what time of day it occurs (``FREQ=HOURLY``,
    ``BYHOUR``, ``BYMINUTE``, ``BYSECOND``): its occurrences are timed even without a ``time``."""
    return any(key in _TIME_OF_DAY_PARTS or (key, value) == ("FREQ", "HOURLY") for key, value in rule_parts(rule_text))


def expand_rule(rule_text: str, dtstart: datetime, last_day: date, tz: tzinfo | None = None) -> list[datetime]:
    """Occurrences of ``rule_text`` from ``dtstart`` to the end of the day ``last_day`` (naive
    local datetimes, several a day when the rule says so); the rule's own ``COUNT``/``UNTIL``
    still apply. Bounded (see ``recurrence.expand``): raises ``RuleError`` past
    ``MAX_OCCURRENCES`` or when the rule cannot be expanded from ``dtstart``; ``smm check``
    reports both, so a plan that loaded never does."""
    return expand(rule_text, dtstart, datetime.combine(last_day, _DAY_END), tz)


def review_dates(plan: Plan) -> list[date]:
    """Days of the scheduled strategy review (``mission.review``) over the horizon, each once.

    DTSTART is the horizon start at the review's time, so ``FREQ=MONTHLY`` without a
    ``BYMONTHDAY`` repeats on the horizon start's day of the month."""
    review = plan.mission.review
    if review is None:
        return []
    dtstart = datetime.combine(plan.horizon_start, review.time or _MIDNIGHT)
    moments = expand_rule(review.rrule, dtstart, plan.horizon_end, plan.tz)
    return list(dict.fromkeys(moment.date() for moment in moments))


# --- the event model --------------------------------------------------------------------------


def make_uid(*identity: object) -> str:
    """A UID from what the event *is* in the plan (kind, section, id, title), never from when
    it was built or where it is listed, so a subscriber's calendar updates events instead of
    duplicating or swapping them."""
    key = "/".join(str(part) for part in identity)
    return f"{hashlib.sha1(key.encode('utf-8')).hexdigest()}@{UID_DOMAIN}"


def title_key(title: str) -> str:
    """A title as it identifies an event: case, Unicode forms, punctuation and spacing ignored
    ("Brew guide: Reel!" and "brew guide reel" are the same event). A title without a letter
    or digit ("🎉") is its own key."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return "-".join(re.findall(r"\w+", text)) or " ".join(text.split())


def keyed_uids(kind: str, section: str, entity_id: str, keys: Iterable[str]) -> list[str]:
    """UIDs of the entries of one entity's list, from each entry's key in list order; the
    second and later entries with the same key are numbered (in order of appearance), so
    inserting, removing or reordering entries with other keys changes nothing."""
    seen: dict[str, int] = {}
    uids = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        number = () if seen[key] == 1 else (seen[key],)
        uids.append(make_uid(kind, section, entity_id, key, *number))
    return uids


def cadence_key(slot_title: str | None, rule_text: str, at: time | None) -> str:
    """What identifies a cadence slot within its channel: its title, or, untitled, its rule
    (parts in a fixed order) and time."""
    if slot_title:
        return title_key(slot_title)
    rule = ";".join(sorted(f"{key}={value}" for key, value in rule_parts(rule_text)))
    return f"{rule}@{at.isoformat() if at else 'all-day'}"


def cadence_uids(channel: Channel) -> list[str]:
    """UIDs of a channel's cadence slots, in list order."""
    keys = (cadence_key(slot.title, slot.rrule, slot.time) for slot in channel.cadence)
    return keyed_uids("post", "channels", channel.id, keys)


#: ``datetime.time`` under a name the class below does not shadow (``Series.time`` is a field).
TimeOfDay = time


@dataclass(frozen=True)
class Series:
    """One calendar event as a feed holds it: a single day or a recurring rule.

    ``days`` are every occurrence (local dates, sorted; a day repeats when the rule occurs
    several times on it); ``rule`` is the plan's RRULE for recurring series and ``end`` the last
    day it may run (its cadence's ``end`` or the horizon end). ``time`` is the first
    occurrence's time (None: all day); ``times`` holds each occurrence's time, parallel to
    ``days``, only when they differ. ``source`` is ``(section, id)`` of the page that explains the
    event; ``("", None)`` is the overview page.
    """

    uid: str
    kind: str
    title: str
    days: tuple[date, ...]
    time: time | None = None
    rule: str | None = None
    channel: str | None = None
    owner: str | None = None
    status: str | None = None
    source: tuple[str, str | None] = ("", None)
    effort: Decimal = Decimal(0)
    format: str | None = None
    pillar: str | None = None
    initiative: str | None = None
    times: tuple[TimeOfDay, ...] = ()
    end: date | None = None
    #: A calendar item: its index in its file's ``items`` and its preview's HTML id there.
    post: int | None = None
    anchor: str | None = None

    @property
    def all_day(self) -> bool:
        return self.time is None

    @property
    def recurring(self) -> bool:
        return self.rule is not None

    def moments(self) -> Iterator[tuple[date, TimeOfDay | None]]:
        """``(day, time)`` of every occurrence, in order (time None: all day)."""
        if self.times:
            return zip(self.days, self.times, strict=False)
        return ((day, self.time) for day in self.days)

    def occurrences(self) -> Iterator[Occurrence]:
        if self.times:
            return (Occurrence(self, day, at) for day, at in zip(self.days, self.times, strict=False))
        return (Occurrence(self, day) for day in self.days)


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a series, as the calendar page lists it. ``at`` is its own time when
    the series occurs at several times (else None: the series' ``time``)."""

    series: Series
    day: date
    at: time | None = None

    @property
    def time(self) -> time | None:
        return self.series.time if self.at is None else self.at

    @property
    def sort_key(self) -> tuple:
        series = self.series
        at = self.time
        return (
            self.day,
            at is not None,
            at or _MIDNIGHT,
            _KIND_RANK.get(series.kind, len(KINDS)),
            series.title,
            series.uid,
        )


def timing(moments: list[datetime], at: time | None, rule_text: str) -> dict[str, Any]:
    """``days``, ``time`` and ``times`` of a series from its occurrences (naive local), for a
    rule expanded from a DTSTART at ``at`` (None: all day, unless the rule sets the time)."""
    days = tuple(moment.date() for moment in moments)
    if not sets_time_of_day(rule_text):
        # Every occurrence is at DTSTART's time of day: no need to look at each.
        return {"days": days, "time": at, "times": ()}
    clock = tuple(moment.time() for moment in moments)
    first = clock[0]
    return {"days": days, "time": first, "times": clock if any(one != first for one in clock) else ()}


@dataclass
class Calendar:
    """Every event of a plan, and the occurrences in day order."""

    series: list[Series]
    occurrences: list[Occurrence] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.occurrences:
            found = [occurrence for one in self.series for occurrence in one.occurrences()]
            self.occurrences = sorted(found, key=lambda o: o.sort_key)

    def between(self, first: date, last: date) -> list[Occurrence]:
        """Occurrences on the days ``first`` to ``last`` inclusive, in order."""
        return [o for o in self.occurrences if first <= o.day <= last]

    # Per-channel, per-owner and per-source lookups are indexed once: every channel, person
    # and calendar file page asks, and scanning all events each time would be quadratic.
    def _index(self, key: str) -> dict[Any, list[Series]]:
        cache = self.__dict__.setdefault("_indexes", {})
        if key not in cache:
            index: dict[Any, list[Series]] = defaultdict(list)
            for one in self.series:
                index[getattr(one, key)].append(one)
            cache[key] = index
        return cache[key]

    def for_channel(self, channel_id: str) -> list[Series]:
        return list(self._index("channel").get(channel_id, []))

    def for_owner(self, team_id: str) -> list[Series]:
        return list(self._index("owner").get(team_id, []))

    def for_source(self, source: tuple[str, str]) -> list[Series]:
        """The series that come from one entity (e.g. ``("calendar", "christmas")``)."""
        return list(self._index("source").get(source, []))

    def effort_by_week(self) -> dict[tuple[str, date], Decimal]:
        """Planned hours per ``(owner, Monday of the week)`` (computed once)."""
        cached = self.__dict__.get("_effort_by_week")
        if cached is not None:
            return cached
        totals: dict[tuple[str, date], Decimal] = defaultdict(Decimal)
        for occurrence in self.occurrences:
            series = occurrence.series
            if series.owner is None or not series.effort:
                continue
            monday = occurrence.day - timedelta(days=occurrence.day.weekday())
            totals[(series.owner, monday)] += series.effort
        self.__dict__["_effort_by_week"] = dict(totals)
        return self.__dict__["_effort_by_week"]


@dataclass(frozen=True)
class Overload:
    """A week in which ``owner`` has more planned hours than their capacity."""

    owner: str
    week: date
    planned: Decimal
    capacity: Decimal


def overloads(plan: Plan, calendar: Calendar) -> list[Overload]:
    """Weeks where a person's planned effort exceeds their ``capacity`` (hours per week),
    ordered by week then person."""
    found = []
    for (owner, week), planned in calendar.effort_by_week().items():
        member = plan.get("team", owner)
        if not isinstance(member, TeamMember) or member.capacity is None:
            continue
        if planned > member.capacity:
            found.append(Overload(owner, week, planned, member.capacity))
    return sorted(found, key=lambda o: (o.week, o.owner))


# --- collecting events ------------------------------------------------------------------------


def build_calendar(plan: Plan, language: str = "en", shown: tuple[date, date] | None = None) -> Calendar:
    """Every event of the plan the audience may see.

    Entities absent from a stakeholder plan are gone with their events; content for a channel
    the audience may not see is left out too, since what is published there is internal.

    Public holidays cover the horizon and the days ``shown`` around "today" (the rolling window
    and the overview's next days), which may reach outside the horizon: the pages show the
    holidays of every day they list, and the feeds carry the same holidays as the pages, so a
    subscriber sees what the calendar page shows. Everything else stays within the plan's own
    dates."""
    first, last = plan.horizon_start, plan.horizon_end
    if shown is not None:
        first, last = min(first, shown[0]), max(last, shown[1])
    series: list[Series] = []
    series += _cadence_series(plan)
    series += _item_series(plan)
    series += _initiative_series(plan)
    series += _goal_series(plan)
    series += _review_series(plan)
    series += _holiday_series(plan, language, first, last)
    return Calendar(series=sorted(series, key=lambda s: (s.days[0], s.uid)))


def _cadence_series(plan: Plan) -> list[Series]:
    found = []
    tz = plan.tz
    for channel in plan.all("channels"):
        assert isinstance(channel, Channel)
        for index, (slot, uid) in enumerate(zip(channel.cadence, cadence_uids(channel), strict=True)):
            effective = plan.effective.slot(channel, index)
            first_day, last_day = effective.start, effective.end
            dtstart = datetime.combine(first_day, slot.time or _MIDNIGHT)
            moments = list(expand_rule(slot.rrule, dtstart, last_day, tz))
            if not moments:
                continue
            found.append(
                Series(
                    uid=uid,
                    kind="post",
                    title=effective.title,
                    rule=slot.rrule,
                    end=last_day,
                    channel=channel.id,
                    owner=effective.owner,
                    source=("channels", channel.id),
                    effort=effective.effort,
                    format=slot.format,
                    pillar=slot.pillar,
                    **timing(moments, slot.time, slot.rrule),
                )
            )
    return found


def item_uids(calendar_file: CalendarFile) -> list[str]:
    """The UID of each item of a calendar file (a post on one channel), in list order."""
    return keyed_uids("item", "calendar", calendar_file.id, (title_key(item.title) for item in calendar_file.items))


def post_uid(item: CalendarItem, item_uid: str, channel: str | None) -> str:
    """The UID of a post on one of its channels. A post with a ``channel`` (its own or its
    file's) keeps its item's UID, as before posts had ``channels``; a post with a ``channels``
    list gets one UID per channel, derived from the item's UID and the channel's id, so it
    stays put when other channels are added, removed or reordered, and a stakeholder build
    (which drops internal channels from the list) gives the same UIDs as the team's."""
    return make_uid(item_uid, "channel", channel) if item.channels and channel else item_uid


#: A title key that is a readable anchor as it is: words of letters and digits of any script
#: ("crăciun-fericit", "честита-коледа"), joined by hyphens, at most 60 characters.
_SLUG_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def post_anchor(calendar_file: CalendarFile, index: int) -> str:
    """The HTML id of an item's preview on its calendar file's page: its title's words in their
    own letters (numbered like its UID), as Material's Unicode slugs keep them; a hash of the
    title when it has no letters, an underscore, or more than 60 characters."""
    keys = [title_key(item.title) for item in calendar_file.items[: index + 1]]
    key = keys[-1]
    number = keys.count(key)
    slug = key if len(key) <= 60 and _SLUG_RE.fullmatch(key) else hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    return f"post-{slug}" + (f"-{number}" if number > 1 else "")


def _item_series(plan: Plan) -> list[Series]:
    found = []
    for calendar_file in plan.all("calendar"):
        assert isinstance(calendar_file, CalendarFile)
        for index, (raw, uid) in enumerate(zip(calendar_file.items, item_uids(calendar_file), strict=True)):
            item = plan.effective.item(calendar_file, index)
            assert item.effort is not None  # resolved: effective.ITEM_EFFORT at the least
            channels = item.channels
            # A post on several channels is one entry per channel: each channel's page and feed
            # lists it, and the calendar shows where it goes out.
            targets: list[str | None] = [*channels] if channels else [None]
            for channel_id in targets:
                if channel_id is not None and plan.get("channels", channel_id) is None:
                    continue
                found.append(
                    Series(
                        uid=post_uid(raw, uid, channel_id),
                        kind="item",
                        title=item.title,
                        days=(item.date,),
                        time=item.time,
                        channel=channel_id,
                        owner=item.owner,
                        status=item.status,
                        source=("calendar", calendar_file.id),
                        effort=item.effort,
                        format=item.format,
                        pillar=item.pillar,
                        initiative=item.initiative,
                        post=index,
                        anchor=post_anchor(calendar_file, index),
                    )
                )
    return found


def _initiative_series(plan: Plan) -> list[Series]:
    found = []
    for initiative in plan.all("initiatives"):
        assert isinstance(initiative, Initiative)
        common: dict[str, Any] = {"source": ("initiatives", initiative.id), "initiative": initiative.id}
        found.append(
            Series(
                uid=make_uid("initiative-start", "initiatives", initiative.id),
                kind="initiative-start",
                title=initiative.title,
                days=(initiative.start,),
                owner=initiative.owner,
                status=initiative.status,
                **common,
            )
        )
        if initiative.end is not None:
            found.append(
                Series(
                    uid=make_uid("initiative-end", "initiatives", initiative.id),
                    kind="initiative-end",
                    title=initiative.title,
                    days=(initiative.end,),
                    owner=initiative.owner,
                    status=initiative.status,
                    **common,
                )
            )
        milestone_uids = keyed_uids(
            "milestone", "initiatives", initiative.id, (title_key(m.title) for m in initiative.milestones)
        )
        for milestone, uid in zip(initiative.milestones, milestone_uids, strict=False):
            found.append(
                Series(
                    uid=uid,
                    kind="milestone",
                    title=milestone.title,
                    days=(milestone.date,),
                    owner=initiative.owner,
                    status=initiative.status,
                    **common,
                )
            )
        # Every task counts towards the numbering of equal titles, with a due date or not, so
        # giving an earlier task a due date does not renumber a later one.
        task_uids = keyed_uids("task", "initiatives", initiative.id, (title_key(t.title) for t in initiative.tasks))
        for index, (task, uid) in enumerate(zip(initiative.tasks, task_uids, strict=True)):
            if task.due is None:
                continue
            found.append(
                Series(
                    uid=uid,
                    kind="task",
                    title=task.title,
                    days=(task.due,),
                    owner=plan.effective.task_owner(initiative, index),
                    status=task.status,
                    effort=task.effort or Decimal(0),
                    **common,
                )
            )
    return found


def _goal_series(plan: Plan) -> list[Series]:
    found = []
    for goal in plan.all("goals"):
        assert isinstance(goal, Goal)
        found.append(
            Series(
                uid=make_uid("deadline", "goals", goal.id),
                kind="deadline",
                title=goal.title,
                days=(goal.deadline,),
                owner=goal.owner,
                source=("goals", goal.id),
            )
        )
    return found


def _review_series(plan: Plan) -> list[Series]:
    """The scheduled review over the horizon, and every recorded review meeting."""
    found = []
    records = [r for r in plan.all("reviews") if isinstance(r, ReviewRecord)]
    for record in records:
        found.append(
            Series(
                uid=make_uid("review", "reviews", record.id),
                kind="review",
                title=record.title,
                days=(record.date,),
                source=("reviews", record.id),
            )
        )
    review = plan.mission.review
    if review is not None:
        recorded = {record.date for record in records}
        dtstart = datetime.combine(plan.horizon_start, review.time or _MIDNIGHT)
        moments = [m for m in expand_rule(review.rrule, dtstart, plan.horizon_end, plan.tz) if m.date() not in recorded]
        if moments:
            found.append(
                Series(
                    uid=make_uid("review", "mission", "review"),
                    kind="review",
                    title=review.title,
                    rule=review.rrule,
                    end=plan.horizon_end,
                    source=("reviews", None),
                    **timing(moments, review.time, review.rrule),
                )
            )
    return found


def holiday_language(code: str, language: str) -> str | None:
    """The ``holidays`` language closest to the site's (English names for an English site), else
    the country's own: named explicitly, since without a language the package picks one from the
    build machine's environment (``LANG``), and the same plan must give the same names anywhere."""
    import holidays as holidays_lib

    country = code.split("-", 1)[0].upper()
    try:
        table = holidays_lib.country_holidays(country)
    except NotImplementedError:
        return None
    supported = table.supported_languages
    for candidate in (language, language.replace("-", "_"), language.split("-")[0].split("_")[0]):
        if candidate in supported:
            return candidate
        if candidate == "en" and "en_US" in supported:
            return "en_US"
    return getattr(table, "default_language", None)


def public_holidays(code: str, first: date, last: date, language: str = "en") -> list[tuple[date, str]]:
    """Public holidays of ``code`` (``DE``, or ``US-CA`` for a subdivision) from ``first`` to
    ``last``, as ``(day, name)`` in day order. An unknown code yields nothing (validation
    reports it)."""
    import holidays as holidays_lib  # a large package: loaded only when a plan lists countries

    country, _, subdivision = code.partition("-")
    try:
        table = holidays_lib.country_holidays(
            country.upper(),
            subdiv=subdivision.upper() or None,
            years=range(first.year, last.year + 1),
            language=holiday_language(code, language),
        )
    except NotImplementedError:
        return []
    return sorted((day, name) for day, name in table.items() if first <= day <= last)


def _holiday_series(plan: Plan, language: str, first: date, last: date) -> list[Series]:
    found = []
    # ``de`` and ``DE`` are one country: listed twice, its holidays would share UIDs.
    codes = list(dict.fromkeys(code.upper() for code in plan.mission.holidays))
    for code in codes:
        for day, name in public_holidays(code, first, last, language):
            found.append(
                Series(
                    uid=make_uid("holiday", code, day.isoformat()),
                    kind="holiday",
                    # Whose holiday it is matters only when the plan lists several countries.
                    title=f"{name} ({code})" if len(codes) > 1 else name,
                    days=(day,),
                )
            )
    return found
