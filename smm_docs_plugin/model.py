"""The typed plan model: one pydantic class per section of the contract (PLAN_FORMAT.md §1-2).

Field references to other entities are marked with ``Ref("<section>")`` so that resolving,
back-references and "did you mean" work generically for every section.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, time, timezone
from decimal import Decimal
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
#: ``\Z``, not ``$``: "bea\n" is not an id (``$`` also matches before a final newline).
ID_RE = re.compile(ID_PATTERN[:-1] + r"\Z")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
DURATION_RE = re.compile(r"^([1-9]\d{0,3})([dwm])$")
URL_SCHEMES = ("http://", "https://", "mailto:")

SECTIONS = (
    "goals",
    "personas",
    "competitors",
    "channels",
    "initiatives",
    "team",
    "budget",
    "calendar",
    "reports",
    "reviews",
)

GOAL_TYPES = ("awareness", "traffic", "leads", "revenue", "engagement", "community", "press", "research")
STATUSES = ("backlog", "todo", "in-progress", "on-hold", "review", "done")
#: A post's workflow, in order (§7): the first four of §2 stay valid.
ITEM_STATUSES = ("idea", "draft", "in-review", "approved", "scheduled", "published")
CHANNEL_ROLES = ("sales", "secondary-sales", "support", "news", "community", "awareness")
BUDGET_CATEGORIES = ("software", "advertising", "services", "assets", "other")
KNOWN_PLATFORMS = (
    "instagram", "facebook", "tiktok", "linkedin", "x", "youtube", "pinterest", "threads",
    "bluesky", "mastodon", "website", "blog", "newsletter",
)


class Ref:
    """Marks a field (or list items) as a reference to an entity of ``section``."""

    def __init__(self, section: str):
        self.section = section

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Ref({self.section!r})"


# --- value types -------------------------------------------------------------------------


def _check_amount(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("amount must be a finite number")
    if value < 0:
        raise ValueError("amount must not be negative")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise ValueError("amount has more than two decimals")
    return value.quantize(Decimal("0.01"))


def _check_number(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("number must be finite")
    return value


def _no_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("expected a number, not true/false")
    return value


def _month_text(value: Any) -> Any:
    if isinstance(value, date):  # an unquoted 2027-01-01 where a month belongs
        raise ValueError(f"expected a month YYYY-MM, not the date {value.isoformat()}")
    return value


def _check_month(value: str) -> str:
    if not MONTH_RE.match(value):
        raise ValueError(f"month {value!r} is not YYYY-MM")
    return value


def _parse_time(value: Any) -> Any:
    if isinstance(value, str):
        match = TIME_RE.match(value.strip())
        if not match:
            raise ValueError(f"time {value!r} is not HH:MM (24 h)")
        return time(int(match.group(1)), int(match.group(2)))
    if isinstance(value, time):
        return value
    raise ValueError("time must be HH:MM (24 h)")


def _check_duration(value: str) -> str:
    if not DURATION_RE.match(value):
        raise ValueError(f"duration {value!r} is not like 10d, 2w or 3m")
    return value


def _check_url(value: str) -> str:
    stripped = value.strip()
    if not stripped.lower().startswith(URL_SCHEMES) or any(c in stripped for c in "\"<>` \n\r\t"):
        raise ValueError(f"URL {value!r} must start with http://, https:// or mailto:")
    return stripped


def _check_rrule(value: str) -> str:
    from dateutil.rrule import rrulestr

    text = value.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text or "\n" in text or "DTSTART" in text.upper():
        raise ValueError(f"invalid RRULE {value!r}")
    # Every occurrence becomes a calendar entry: a rule firing each second or minute would
    # expand to millions over a horizon and hang the build.
    parts = _rrule_parts(value, text)
    if parts.get("FREQ") in ("SECONDLY", "MINUTELY") or "," in parts.get("BYMINUTE", "") or "," in parts.get("BYSECOND", ""):
        raise ValueError(f"invalid RRULE {value!r}: a cadence repeats at most hourly (no SECONDLY or MINUTELY, one BYMINUTE and BYSECOND value)")
    try:
        utc = timezone.utc if parts.get("UNTIL", "").endswith("Z") else None
        rule = rrulestr("RRULE:" + text, dtstart=datetime(2000, 1, 1, tzinfo=utc), forceset=False, compatible=False)
        rule[0] if "COUNT" not in parts else list(rule)  # type: ignore[index]  # dateutil checks some parts only when expanding
    except IndexError:
        pass  # a valid rule without occurrences (e.g. UNTIL before 2000)
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        raise ValueError(f"invalid RRULE {value!r}: {exc}") from None
    return text


#: RFC 5545 §3.3.10: the parts a RRULE may hold, and the range of each number in a BY list.
_RRULE_RANGES = {
    "BYSECOND": (0, 60, False), "BYMINUTE": (0, 59, False), "BYHOUR": (0, 23, False),
    "BYMONTHDAY": (1, 31, True), "BYYEARDAY": (1, 366, True), "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False), "BYSETPOS": (1, 366, True),
}
_RRULE_PARTS = {"FREQ", "UNTIL", "COUNT", "INTERVAL", "BYDAY", "WKST", *_RRULE_RANGES}
_FREQS = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"}


def _rrule_parts(value: str, text: str) -> dict[str, str]:
    """The rule's ``NAME=VALUE`` parts, checked against RFC 5545 (dateutil accepts some rules
    the RFC forbids, and fails on others only while expanding)."""
    parts: dict[str, str] = {}
    for part in text.upper().split(";"):
        if not part.strip():
            raise ValueError(f"invalid RRULE {value!r}: an empty part (a ';' too many?)")
        name, sep, setting = part.partition("=")
        name, setting = name.strip(), setting.strip()
        if not sep or not setting:
            raise ValueError(f"invalid RRULE {value!r}: '{part}' is not NAME=VALUE")
        if name not in _RRULE_PARTS:
            raise ValueError(f"invalid RRULE {value!r}: unknown part '{name}'")
        if name in parts:
            raise ValueError(f"invalid RRULE {value!r}: '{name}' is given twice")
        parts[name] = setting
    if "FREQ" not in parts:
        raise ValueError(f"invalid RRULE {value!r}: FREQ is required (e.g. FREQ=WEEKLY;BYDAY=TU)")
    if parts["FREQ"] not in _FREQS:
        raise ValueError(f"invalid RRULE {value!r}: FREQ must be HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY")
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValueError(f"invalid RRULE {value!r}: COUNT and UNTIL must not both be given")
    for name in ("COUNT", "INTERVAL"):
        if name in parts and not (parts[name].isdigit() and int(parts[name]) >= 1):
            raise ValueError(f"invalid RRULE {value!r}: {name} must be a whole number of at least 1")
    for name, (low, high, signed) in _RRULE_RANGES.items():
        for number in filter(None, parts.get(name, "").split(",")):
            digits = number[1:] if signed and number[:1] in "+-" else number
            if not digits.isdigit() or not low <= int(digits) <= high:
                span = f"{low} to {high}" + (f" or -{high} to -1" if signed else "")
                raise ValueError(f"invalid RRULE {value!r}: {name} values are {span}, got '{number}'")
    if "BYWEEKNO" in parts and parts["FREQ"] != "YEARLY":
        raise ValueError(f"invalid RRULE {value!r}: BYWEEKNO is only allowed with FREQ=YEARLY")
    return parts


def _check_date(value: Any) -> Any:
    # YAML turns ``2027-01-04 10:00`` into a datetime; a plan date is a calendar day.
    if isinstance(value, datetime):
        raise ValueError("expected a date YYYY-MM-DD, not a date and time")
    if isinstance(value, (int, Decimal, float, bool)):
        raise ValueError("expected a date YYYY-MM-DD")
    if isinstance(value, str) and not DATE_RE.match(value.strip()):
        # pydantic would read "1798934400" as a Unix time and "2027-01-04T00:00" as a day.
        raise ValueError("expected a date YYYY-MM-DD")
    return value.strip() if isinstance(value, str) else value


Amount = Annotated[Decimal, BeforeValidator(_no_bool), AfterValidator(_check_amount)]
Number = Annotated[Decimal, BeforeValidator(_no_bool), AfterValidator(_check_number)]
Month = Annotated[str, BeforeValidator(_month_text), AfterValidator(_check_month)]
Time = Annotated[time, BeforeValidator(_parse_time)]
Duration = Annotated[str, AfterValidator(_check_duration)]
Url = Annotated[str, AfterValidator(_check_url)]
RRule = Annotated[str, AfterValidator(_check_rrule)]


def _country_code(value: str) -> str:
    """``de`` and ``us-ca`` as ``DE`` and ``US-CA`` (the ``holidays`` package's spelling)."""
    country, sep, subdivision = value.strip().partition("-")
    return country.upper() + sep + (subdivision.upper() if len(subdivision) <= 4 else subdivision)


CountryCode = Annotated[str, AfterValidator(_country_code)]
Day = Annotated[date, BeforeValidator(_check_date)]
Score = Annotated[int, BeforeValidator(_no_bool), Field(ge=1, le=5)]
Status = Literal["backlog", "todo", "in-progress", "on-hold", "review", "done"]

def _id_text(value: Any) -> Any:
    """An all-digit id (``2027``) written without quotes arrives as a number: take its text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return getattr(value, "written", str(value))
    return value


IdText = BeforeValidator(_id_text)
TeamRef = Annotated[str, IdText, Ref("team")]
GoalRef = Annotated[str, IdText, Ref("goals")]
ChannelRef = Annotated[str, IdText, Ref("channels")]
PersonaRef = Annotated[str, IdText, Ref("personas")]
InitiativeRef = Annotated[str, IdText, Ref("initiatives")]
CompanyGoalRef = Annotated[str, IdText, Ref("company_goals")]


class Model(BaseModel):
    """Base of every mapping in a plan file. Unknown keys are reported as warnings elsewhere."""

    # Text fields lose surrounding whitespace: a title written as a YAML `|` block keeps no
    # trailing newline in a feed SUMMARY or a CSV cell.
    model_config = ConfigDict(extra="ignore", arbitrary_types_allowed=True, str_strip_whitespace=True)


# --- shared parts ------------------------------------------------------------------------


class Milestone(Model):
    date: Day
    title: str


class Swot(Model):
    strengths: list[str] = []
    weaknesses: list[str] = []
    opportunities: list[str] = []
    threats: list[str] = []


class Entity(Model):
    """Fields every entity may carry (§1). ``id``, ``section``, ``source``, ``body`` and
    ``lines`` are set by the loader, never read from frontmatter."""

    title: str
    tags: list[str] = []
    internal: bool = False
    private: dict[str, Any] = {}
    review_by: Optional[Day] = None
    sources: list[Url] = []

    id: str = Field("", exclude=True)
    section: str = Field("", exclude=True)
    source: str = Field("", exclude=True)
    body: str = Field("", exclude=True)
    lines: dict[tuple, int] = Field(default_factory=dict, exclude=True)

    def line_of(self, *path: Any) -> int:
        """The line of a key (or the nearest enclosing key) in this entity's file."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)


# --- mission ------------------------------------------------------------------------------


class Horizon(Model):
    start: Day
    end: Day


class CompanyGoal(Model):
    id: Annotated[str, IdText, Field(pattern=ID_PATTERN)]
    title: str


class ReviewSchedule(Model):
    rrule: RRule
    title: str = "Strategy review"
    time: Optional[Time] = None


class Mission(Entity):
    mission: str
    vision: Optional[str] = None
    values: list[str] = []
    founded: Optional[Union[Day, int]] = None
    headquarters: Optional[str] = None
    founders: list[str] = []
    milestones: list[Milestone] = []
    horizon: Horizon
    currency: str = "EUR"
    timezone: str = "UTC"
    swot: Swot = Field(default_factory=Swot)
    company_goals: list[CompanyGoal] = []
    review: Optional[ReviewSchedule] = None
    holidays: list[CountryCode] = []


# --- sections -------------------------------------------------------------------------------


class Actual(Model):
    date: Day
    value: Number


class Goal(Entity):
    type: Literal["awareness", "traffic", "leads", "revenue", "engagement", "community", "press", "research"]
    supports: Optional[CompanyGoalRef] = None
    metric: str
    unit: Optional[str] = None
    baseline: Number = Decimal(0)
    target: Number
    start: Optional[Day] = None
    deadline: Day
    owner: TeamRef
    channels: list[ChannelRef] = []
    actuals: list[Actual] = []


class Persona(Entity):
    negative: bool = False
    summary: Optional[str] = None
    role: Optional[str] = None
    income: Optional[Union[str, Number]] = None
    age: Optional[Union[str, int]] = None
    gender: Optional[str] = None
    location: Optional[str] = None
    family: Optional[str] = None
    languages: list[str] = []
    channels: list[ChannelRef] = []
    content: list[str] = []
    business_goals: list[str] = []
    personal_goals: list[str] = []
    challenges: list[str] = []
    objections: list[str] = []
    our_impact: Optional[str] = None
    usp: Optional[str] = None


class CompetitorChannel(Model):
    platform: str
    handle: Optional[str] = None
    url: Optional[Url] = None
    followers: Optional[Number] = None
    avg_likes: Optional[Number] = None
    avg_shares: Optional[Number] = None
    avg_comments: Optional[Number] = None
    posts_per_week: Optional[Number] = None


class Competitor(Entity):
    website: Optional[Url] = None
    location: Optional[str] = None
    summary: Optional[str] = None
    mission: Optional[str] = None
    swot: Swot = Field(default_factory=Swot)
    channels: list[CompetitorChannel] = []


class CadenceSlot(Model):
    rrule: RRule
    time: Optional[Time] = None
    title: Optional[str] = None
    format: Optional[str] = None
    pillar: Optional[str] = None
    owner: Optional[TeamRef] = None
    start: Optional[Day] = None
    end: Optional[Day] = None
    effort: Optional[Amount] = None


class Account(Model):
    login_email: Optional[str] = None
    two_factor: Optional[bool] = None
    recovery: Optional[TeamRef] = None
    backup_owner: Optional[TeamRef] = None


class Channel(Entity):
    platform: str
    handle: Optional[str] = None
    url: Optional[Url] = None
    purpose: str
    role: Optional[Literal["sales", "secondary-sales", "support", "news", "community", "awareness"]] = None
    owner: TeamRef
    personas: list[PersonaRef] = []
    cadence: list[CadenceSlot] = []
    metrics: list[str] = []
    account: Optional[Account] = None


class Task(Model):
    title: str
    owner: Optional[TeamRef] = None
    due: Optional[Day] = None
    status: Status = "todo"


class Initiative(Entity):
    goal: GoalRef
    owner: TeamRef
    contributors: list[TeamRef] = []
    start: Day
    end: Optional[Day] = None
    duration: Optional[Duration] = None
    status: Status = "backlog"
    value: Optional[Score] = None
    complexity: Optional[Score] = None
    channels: list[ChannelRef] = []
    personas: list[PersonaRef] = []
    depends_on: list[InitiativeRef] = []
    milestones: list[Milestone] = []
    tasks: list[Task] = []


class TeamMember(Entity):
    roles: list[str] = []
    capacity: Optional[Amount] = None


class BudgetLine(Entity):
    category: Literal["software", "advertising", "services", "assets", "other"]
    channel: Optional[ChannelRef] = None
    initiative: Optional[InitiativeRef] = None
    planned: Union[Amount, dict[Month, Amount]]
    actual: dict[Month, Amount] = {}
    carry_over: bool = False


ItemStatus = Literal["idea", "draft", "in-review", "approved", "scheduled", "published"]


class Media(Model):
    """An image or video of a post: ``file`` relative to the folder of ``mkdocs.yml`` (checked
    to exist inside it and copied to the site), ``alt`` the text a screen reader says."""

    file: str
    alt: str


def _hashtag(value: Any) -> Any:
    # An all-digit tag (``2027``) arrives as a number; ``#`` is checked (with its line) later.
    return _id_text(value)


# A post's text is called ``copy`` (§7), which shadows pydantic's deprecated ``BaseModel.copy``;
# nothing here calls that method (``model_copy`` is the one used), so the warning is silenced.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message='Field name "copy"', category=UserWarning)

    class CalendarItem(Model):
        date: Day
        time: Optional[Time] = None
        title: str
        channel: Optional[ChannelRef] = None
        #: One post on several channels (§7); an item has ``channel`` or ``channels``.
        channels: list[ChannelRef] = []
        format: Optional[str] = None
        pillar: Optional[str] = None
        initiative: Optional[InitiativeRef] = None
        owner: Optional[TeamRef] = None
        status: ItemStatus = "idea"
        effort: Optional[Amount] = None
        copy: Optional[str] = None
        media: list[Media] = []
        link: Optional[Url] = None
        hashtags: list[Annotated[str, BeforeValidator(_hashtag)]] = []
        approved_by: Optional[TeamRef] = None


class CalendarFile(Entity):
    channel: Optional[ChannelRef] = None
    initiative: Optional[InitiativeRef] = None
    pillar: Optional[str] = None
    owner: Optional[TeamRef] = None
    format: Optional[str] = None
    status: Optional[ItemStatus] = None
    effort: Optional[Amount] = None
    items: list[CalendarItem] = []


class Report(Entity):
    channel: ChannelRef
    period: Month
    metrics: dict[str, Number] = {}


class ReviewRecord(Entity):
    date: Day
    attendees: list[TeamRef] = []
    decisions: list[str] = []


SECTION_MODELS: dict[str, type[Entity]] = {
    "goals": Goal,
    "personas": Persona,
    "competitors": Competitor,
    "channels": Channel,
    "initiatives": Initiative,
    "team": TeamMember,
    "budget": BudgetLine,
    "calendar": CalendarFile,
    "reports": Report,
    "reviews": ReviewRecord,
}

#: Field names the loader fills in; never accepted from frontmatter.
RESERVED_FIELDS = frozenset({"id", "section", "source", "body", "lines"})
