"""The typed plan model: one pydantic class per section of the contract (PLAN_FORMAT.md §1-2).

Field references to other entities are marked with ``Ref("<section>")`` so that resolving,
back-references and "did you mean" work generically for every section.
"""

from __future__ import annotations

import re
import types
import warnings
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal, get_args, get_origin

from dateutil.relativedelta import relativedelta
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo

from .hints import ID_PATTERN, iso_date_suggestion
from .i18n import N_
from .repeat import every_value as _every_value
from .repeat import repeat_rule

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
DURATION_RE = re.compile(r"^([1-9]\d{0,3})([dwm])$")
URL_SCHEMES = ("http://", "https://", "mailto:")

KNOWN_PLATFORMS = (
    "instagram",
    "facebook",
    "tiktok",
    "linkedin",
    "x",
    "youtube",
    "pinterest",
    "threads",
    "bluesky",
    "mastodon",
    "website",
    "blog",
    "newsletter",
)


class Ref:
    """Marks a field (or list items) as a reference to an entity of ``section``."""

    def __init__(self, section: str):
        self.section = section

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Ref({self.section!r})"


# --- value types -------------------------------------------------------------------------


#: Dates a plan may use: every feature (calendar weeks, month ranges, durations, feeds) can step
#: past them without leaving Python's calendar (years 1-9999).
MIN_YEAR, MAX_YEAR = 1900, 2200
#: Company history (``founded``, the mission's milestones) may reach further back.
MIN_HISTORY_YEAR = 1000
#: Numbers stay below this size so that sums, ratios and SVG coordinates are exact and finite.
MAX_MAGNITUDE = Decimal(10) ** 15
MAX_DECIMALS = 6
MAX_AMOUNT_DECIMALS = 2


def _check_magnitude(value: Decimal, what: str) -> None:
    if not value.is_finite():
        raise ValueError(f"{what} must be a finite number")
    if abs(value) >= MAX_MAGNITUDE:
        raise ValueError(
            f"{what} {_plain(value)} is too large: numbers must stay below 1,000,000,000,000,000 (10^15) in size"
        )


def _plain(value: Decimal) -> str:
    """A number as digits (``1E+25`` reads badly in a message); short for very long ones."""
    text = f"{value:f}" if abs(value.adjusted()) < 40 else str(value)
    return text if len(text) <= 40 else str(value)


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _thousands_hint(value: Decimal) -> str | None:
    """For ``2.890`` (three decimals, as a thousands separator is written in much of Europe):
    how to write either reading, or None when the value cannot be read that way."""
    text = f"{value:f}"
    whole, _, fraction = text.lstrip("-").partition(".")
    if len(fraction) != 3 or not whole or len(whole) > 3 or whole.startswith("0"):
        return None
    thousands = int(whole + fraction)
    words = number_in_words(thousands)
    rounded = value.quantize(Decimal("0.01"))
    decimal_reading = (
        f"{rounded:f}".rstrip("0").rstrip(".") if rounded == value else f"round it to two decimals, e.g. {rounded:f}"
    )
    return f"write {thousands} for {words}, or {decimal_reading}"


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_in_words(number: int) -> str:
    """``2890`` as "two thousand eight hundred ninety" (English; for messages only)."""
    if number < 20:
        return _ONES[number]
    if number < 100:
        return _TENS[number // 10] + ("-" + _ONES[number % 10] if number % 10 else "")
    if number < 1000:
        rest = number % 100
        return _ONES[number // 100] + " hundred" + (" " + number_in_words(rest) if rest else "")
    for size, name in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if number >= size:
            rest = number % size
            return number_in_words(number // size) + " " + name + (" " + number_in_words(rest) if rest else "")
    return str(number)  # pragma: no cover - unreachable


#: ``1.234,50``, ``1,234.50``, ``2.890,75``, ``12,50``: a number written with a thousands
#: separator or a decimal comma (YAML leaves it as text).
_SEPARATED_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:[.,\s\u00a0\u202f']\d{3})*(?:[.,]\d+)?$|^[+-]?\d+,\d+$")


def _separator_hint(value: Any) -> Any:
    """A number written as text with separators gets a message saying how to write it."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    # "1.5" and "1.234" are plain numbers to Python: only commas, spaces, apostrophes or a
    # second dot mark a separator (a lone "1.234" is questioned by the amount/number check).
    separated = any(sep in text for sep in ",' \u00a0\u202f") or text.count(".") > 1
    if separated and _SEPARATED_NUMBER.match(text):
        raise ValueError(f"{text!r} uses a thousands separator or a decimal comma: {how_to_write_number(text)}")
    return value


def how_to_write_number(text: str) -> str:
    """How to write the number ``text`` (``1.234,50``, ``1,234.50``, ``2,890``) in a plan."""
    digits = re.sub(r"[\s\u00a0\u202f']", "", text)
    last_dot, last_comma = digits.rfind("."), digits.rfind(",")
    decimal_at = max(last_dot, last_comma)
    fraction = digits[decimal_at + 1 :] if decimal_at >= 0 else ""
    separators = len(re.findall(r"[.,]", digits))
    rule = "write numbers with a dot for decimals and no thousands separator"
    if separators == 1 and len(fraction) == 3:
        # 2,890 or 2.890: thousands for some, decimals for others; say both.
        hint = _thousands_hint(Decimal(digits.replace(",", ".")))
        if hint:
            return f"{rule}; {hint}"
    if decimal_at >= 0 and len(fraction) != 3 or (last_dot >= 0 and last_comma >= 0):
        # 1.234,50 / 1,234.50 / 12,50: the last separator is the decimal one.
        meant = re.sub(r"[.,]", "", digits[:decimal_at]) + "." + fraction
    else:
        meant = re.sub(r"[.,]", "", digits)  # 1.234.567: thousands
    return f"{rule}, e.g. {meant}"


def _check_amount(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("amount must be a finite number")
    if value < 0:
        raise ValueError("amount must not be negative")
    _check_magnitude(value, "amount")
    if _decimals(value) > MAX_AMOUNT_DECIMALS:
        hint = _thousands_hint(value)
        if hint:
            raise ValueError(
                f"amount {value:f} has more than two decimals: amounts are written with a dot for decimals and no "
                f"thousands separator; {hint}"
            )
        rounded = value.quantize(Decimal("0.01"))
        example = f", e.g. {rounded:f}" if rounded else ""
        raise ValueError(f"amount {_plain(value)} has more than two decimals: write amounts with at most two{example}")
    return value.quantize(Decimal("0.01"))


def _check_number(value: Decimal) -> Decimal:
    _check_magnitude(value, "number")
    decimals = _decimals(value)
    if decimals == 3 and f"{value:f}".endswith("0"):
        # 10.000 followers or a target of 2.890: written like a thousands separator.
        hint = _thousands_hint(value)
        if hint:
            raise ValueError(
                f"{value:f} reads like a thousands separator: numbers are written with a dot for decimals and no "
                f"thousands separator; {hint}"
            )
    if decimals > MAX_DECIMALS and value != value.quantize(Decimal(1).scaleb(-MAX_DECIMALS)):
        raise ValueError(f"number {_plain(value)} has more than {MAX_DECIMALS} decimals")
    return value.normalize() if decimals > MAX_DECIMALS else value


def _no_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("expected a number, not true/false")
    return value


def _month_text(value: Any) -> Any:
    if isinstance(value, date):  # an unquoted 2027-01-01 where a month belongs
        raise ValueError(f"expected a month YYYY-MM, not the date {value.isoformat()}")
    return value


def _check_month(value: str) -> str:
    match = MONTH_RE.match(value)
    if not match:
        raise ValueError(f"month {value!r} is not YYYY-MM")
    if not MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:
        raise ValueError(f"month {value} is outside the years {MIN_YEAR}-{MAX_YEAR} a plan can use")
    return value


_TIME_HINT = "write times as HH:MM (24 h), e.g. 19:00"
#: Times written the way people say them: ``7pm``, ``7:30 pm``, ``19.00``, ``19h``, ``19h30``.
_SPOKEN_TIME = re.compile(r"^(\d{1,2})(?:[.:h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|h|uhr)?$", re.IGNORECASE)


def _time_hint(text: str) -> str:
    """``write times as HH:MM, e.g. 19:00`` with the time ``text`` most likely means."""
    match = _SPOKEN_TIME.match(text.strip())
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        suffix = (match.group(3) or "").lower().replace(".", "")
        if suffix == "pm" and hour < 12:
            hour += 12
        elif suffix == "am" and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            return f"write times as HH:MM (24 h), e.g. {hour:02d}:{minute:02d}"
    return _TIME_HINT


def _parse_time(value: Any) -> Any:
    if isinstance(value, str):
        match = TIME_RE.match(value.strip())
        if not match:
            raise ValueError(f"time {value!r} is not HH:MM (24 h): {_time_hint(value)}")
        return time(int(match.group(1)), int(match.group(2)))
    if isinstance(value, time):
        return value
    if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
        # YAML reads 19.00 as a number.
        written = f"{value:.2f}" if isinstance(value, (Decimal, float)) else str(value)
        raise ValueError(f"time {written} is not HH:MM (24 h): {_time_hint(written)}")
    raise ValueError(f"time must be HH:MM (24 h): {_TIME_HINT}")


def _check_duration(value: str) -> str:
    if not DURATION_RE.match(value):
        raise ValueError(f"duration {value!r} is not like 10d, 2w or 3m")
    return value


def _check_url(value: str) -> str:
    stripped = value.strip()
    if not stripped.lower().startswith(URL_SCHEMES) or any(c in stripped for c in '"<>` \n\r\t'):
        raise ValueError(f"URL {value!r} must start with http://, https:// or mailto:")
    return stripped


def _check_rrule(value: str) -> str:
    """An RRULE as RFC 5545 allows it (see ``recurrence.check_rule``); whether it occurs in the
    plan's dates is checked once the horizon is known (``resolve``)."""
    from .recurrence import check_rule

    return check_rule(value)


def _check_date(value: Any) -> Any:
    # YAML turns ``2027-01-04 10:00`` into a datetime; a plan date is a calendar day.
    if isinstance(value, datetime):
        raise ValueError("expected a date YYYY-MM-DD, not a date and time")
    if isinstance(value, (int, Decimal, float, bool)):
        raise ValueError("expected a date YYYY-MM-DD")
    if isinstance(value, str) and not DATE_RE.match(value.strip()):
        # pydantic would read "1798934400" as a Unix time and "2027-01-04T00:00" as a day.
        meant = iso_date_suggestion(value)
        if meant:  # 24.12.2026, 24/12/2026
            raise ValueError(f"expected a date YYYY-MM-DD (got {value.strip()!r}): write {meant}")
        raise ValueError("expected a date YYYY-MM-DD")
    return value.strip() if isinstance(value, str) else value


def _within_years(low: int, high: int = MAX_YEAR) -> Any:
    def check(value: date) -> date:
        if not low <= value.year <= high:
            raise ValueError(f"date {value.isoformat()} is outside the years {low}-{high} a plan can use")
        return value

    check.__name__ = f"_check_years_{low}_{high}"
    return check


_check_plan_years = _within_years(MIN_YEAR)
_check_history_years = _within_years(MIN_HISTORY_YEAR)


# --- kinds ---------------------------------------------------------------------------------------

#: What a value is to a person, beyond its Python type: the editor picks its widget by it,
#: ``smm schema`` its pattern. A value type declares its kind once (``Field(json_schema_extra=
#: {"kind": ...})`` inside its ``Annotated``); references (``Ref``) and ``Literal`` types are
#: "reference" and "enum" by their type. A field may name its own (``copy``: "rich text").
KINDS = ("reference", "enum", "date", "time", "month", "money", "number", "url", "rrule", "duration", "rich text")


def _kind(name: str) -> Any:
    assert name in KINDS, name
    return Field(json_schema_extra={"kind": name})


def kind_of(annotation: Any, metadata: Iterable[Any] = ()) -> str | None:
    """The kind of a value: of a field (pass its ``FieldInfo`` among ``metadata``) or of a type
    inside one (a list's items, an optional's value). None for plain text, numbers and flags."""
    found = list(metadata)
    while get_origin(annotation) is Annotated:
        annotation, *extras = get_args(annotation)
        found.extend(extras)
    for item in list(found):
        if isinstance(item, FieldInfo):  # a field's own constraints and markers (its Ref)
            found.extend(item.metadata)
    for item in found:
        if isinstance(item, Ref):
            return "reference"
        extra = getattr(item, "json_schema_extra", None)
        if isinstance(extra, dict) and isinstance(extra.get("kind"), str):
            return extra["kind"]
    return "enum" if get_origin(annotation) is Literal else None


Amount = Annotated[
    Decimal, BeforeValidator(_no_bool), BeforeValidator(_separator_hint), AfterValidator(_check_amount), _kind("money")
]
Number = Annotated[
    Decimal, BeforeValidator(_no_bool), BeforeValidator(_separator_hint), AfterValidator(_check_number), _kind("number")
]
Month = Annotated[str, BeforeValidator(_month_text), AfterValidator(_check_month), _kind("month")]
Time = Annotated[time, BeforeValidator(_parse_time), _kind("time")]
Duration = Annotated[str, AfterValidator(_check_duration), _kind("duration")]
Url = Annotated[str, AfterValidator(_check_url), _kind("url")]
RRule = Annotated[str, AfterValidator(_check_rrule), _kind("rrule")]


def _country_code(value: str) -> str:
    """``de`` and ``us-ca`` as ``DE`` and ``US-CA`` (the ``holidays`` package's spelling)."""
    country, sep, subdivision = value.strip().partition("-")
    return country.upper() + sep + (subdivision.upper() if len(subdivision) <= 4 else subdivision)


CountryCode = Annotated[str, AfterValidator(_country_code)]
Day = Annotated[date, BeforeValidator(_check_date), AfterValidator(_check_plan_years), _kind("date")]
#: A date of company history (``founded``, the mission's milestones).
HistoryDay = Annotated[date, BeforeValidator(_check_date), AfterValidator(_check_history_years), _kind("date")]
#: ``founded: 1847``: a year of company history.
Year = Annotated[int, BeforeValidator(_no_bool), Field(ge=MIN_HISTORY_YEAR, le=MAX_YEAR)]
Score = Annotated[int, BeforeValidator(_no_bool), Field(ge=1, le=5)]
Status = Literal["backlog", "todo", "in-progress", "on-hold", "review", "done"]
GoalType = Literal["awareness", "traffic", "leads", "revenue", "engagement", "community", "press", "research"]
#: A post's workflow, in order (§7): the first four of §2 stay valid.
ItemStatus = Literal["idea", "draft", "in-review", "approved", "scheduled", "published"]
ChannelRole = Literal["sales", "secondary-sales", "support", "news", "community", "awareness"]
BudgetCategory = Literal["software", "advertising", "services", "assets", "other"]

# The allowed values as tuples, read from the types above (one list each, in contract order).
STATUSES: tuple[str, ...] = get_args(Status)
GOAL_TYPES: tuple[str, ...] = get_args(GoalType)
ITEM_STATUSES: tuple[str, ...] = get_args(ItemStatus)
CHANNEL_ROLES: tuple[str, ...] = get_args(ChannelRole)
BUDGET_CATEGORIES: tuple[str, ...] = get_args(BudgetCategory)


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


class CompanyMilestone(Milestone):
    """A date of the company's history: it may lie before the plan's years."""

    date: HistoryDay


class Swot(Model):
    strengths: list[str] = []
    weaknesses: list[str] = []
    opportunities: list[str] = []
    threats: list[str] = []


class Entity(Model):
    """Fields every entity may carry (§1). ``id``, ``section``, ``source``, ``body`` and
    ``lines`` are set by the loader, never read from frontmatter."""

    title: str = Field(description=N_("Display name (for people and personas: their name). Required everywhere."))
    tags: list[str] = Field([], description=N_("Free labels, shown as badges."), examples=[["launch", "video"]])
    internal: bool = Field(False, description=N_("true leaves the whole entry out of stakeholder builds."))
    private: dict[str, Any] = Field({}, description=N_("Free fields (e-mail, phone, notes) shown only in team builds."))
    review_by: Day | None = Field(
        None, description=N_("Evidence expiry date: after it the page shows 'needs review' and smm check warns.")
    )
    sources: list[Url] = Field([], description=N_("URLs where the claims on the page come from."))

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


class Repeat(Model):
    """A recurring rule: an RFC 5545 ``rrule``, or the plain form ``every``/``interval``/``on``
    (§7, ``repeat.py``), which stands for the RRULE it translates to. After validation
    ``rrule`` always holds the rule; ``every`` tells that it was written in the plain form."""

    rrule: RRule = Field("", description=N_("RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=TU,TH (or use every/on)"))
    every: Annotated[Literal["day", "week", "month", "year"], BeforeValidator(_every_value)] | None = Field(
        None, description=N_("Plain repeat instead of an rrule: day, week, month or year")
    )
    interval: Annotated[int, BeforeValidator(_no_bool), Field(ge=1, le=1000)] | None = Field(
        None, description=N_("With every: repeat every N days, weeks, months or years (default 1)")
    )
    on: int | str | list[int | str] | None = Field(
        None, description=N_("With every: weekdays ([tue, thu]); for months a day (15) or '2nd monday', 'last friday'")
    )

    @field_validator("on", mode="after")
    @classmethod
    def _on_fits_every(cls, value: Any, info: ValidationInfo) -> Any:
        every = info.data.get("every")
        if every is not None and value is not None:
            repeat_rule(every, None, value)  # raises with what is wrong
        return value

    @model_validator(mode="after")
    def _one_rule(self) -> Repeat:
        written = {"rrule"} & self.model_fields_set
        plain = {"every", "interval", "on"} & self.model_fields_set
        if written and plain:
            raise ValueError(f"give either 'rrule' or 'every', not both ({', '.join(sorted(plain))} beside rrule)")
        if not written and self.every is None:
            raise ValueError(
                "missing 'rrule' (e.g. FREQ=WEEKLY;BYDAY=TU) or 'every' (e.g. every: week, on: [tue, thu])"
                if not plain
                else "'every' is missing (day, week, month or year)"
            )
        if self.every is not None:
            self.rrule = repeat_rule(self.every, self.interval, self.on)
        return self


class ReviewSchedule(Repeat):
    title: str = "Strategy review"
    time: Time | None = None


class Mission(Entity):
    mission: str
    vision: str | None = None
    values: list[str] = []
    founded: HistoryDay | Year | None = None
    headquarters: str | None = None
    founders: list[str] = []
    milestones: list[CompanyMilestone] = []
    horizon: Horizon = Field(description=N_("The strategy period; roadmap and budget cover its months."))
    currency: str = Field("EUR", description=N_("ISO 4217 code, e.g. EUR, USD."), examples=["EUR"])
    timezone: str = Field(
        "UTC",
        description=N_("IANA time zone of every HH:MM time in the plan, e.g. Europe/Berlin."),
        examples=["Europe/Berlin"],
    )
    swot: Swot = Field(default_factory=Swot)
    company_goals: list[CompanyGoal] = Field(
        [], description=N_("Top-level company goals that social goals serve (goals: supports).")
    )
    review: ReviewSchedule | None = Field(
        None,
        description=N_(
            "Recurring strategy review: an rrule such as FREQ=MONTHLY;BYDAY=1TU, or every: month, on: 1st tuesday."
        ),
    )
    holidays: list[CountryCode] = Field(
        [],
        description=N_("Country codes (RO, DE, US-CA) whose public holidays appear on the calendar."),
        examples=[["DE"]],
    )


# --- sections -------------------------------------------------------------------------------


class Actual(Model):
    date: Day
    value: Number


class Goal(Entity):
    type: GoalType
    supports: CompanyGoalRef | None = None
    metric: str = Field(
        description=N_("What is measured, e.g. 'Instagram followers (DE)'."), examples=["Instagram followers"]
    )
    unit: str | None = None
    baseline: Number = Field(Decimal(0), description=N_("Value at the start (default 0)."))
    target: Number = Field(
        description=N_("Value to reach by the deadline; may be below the baseline (a goal to decrease)."),
        examples=[5000],
    )
    start: Day | None = None
    deadline: Day
    owner: TeamRef = Field(description=N_("Id of a team member (plan/team/<id>.md)."))
    channels: list[ChannelRef] = []
    actuals: list[Actual] = Field(
        [], description=N_("Measurements {date, value}, any order; the latest one up to today sets the pace status.")
    )


class Persona(Entity):
    negative: bool = False
    summary: str | None = None
    role: str | None = None
    income: str | Number | None = None
    age: str | int | None = None
    gender: str | None = None
    location: str | None = None
    family: str | None = None
    languages: list[str] = []
    channels: list[ChannelRef] = []
    content: list[str] = []
    business_goals: list[str] = []
    personal_goals: list[str] = []
    challenges: list[str] = []
    objections: list[str] = []
    our_impact: str | None = None
    usp: str | None = None


class CompetitorChannel(Model):
    platform: str
    handle: str | None = None
    url: Url | None = None
    followers: Number | None = None
    avg_likes: Number | None = None
    avg_shares: Number | None = None
    avg_comments: Number | None = None
    posts_per_week: Number | None = None


class Competitor(Entity):
    website: Url | None = None
    location: str | None = None
    summary: str | None = None
    mission: str | None = None
    swot: Swot = Field(default_factory=Swot)
    channels: list[CompetitorChannel] = []


class CadenceSlot(Repeat):
    time: Time | None = None
    title: str | None = None
    format: str | None = None
    pillar: str | None = None
    owner: TeamRef | None = Field(None, description=N_("Id of a team member (plan/team/<id>.md)."))
    start: Day | None = None
    end: Day | None = None
    effort: Amount | None = None


class Account(Model):
    login_email: str | None = None
    two_factor: bool | None = None
    recovery: TeamRef | None = None
    backup_owner: TeamRef | None = None


class Channel(Entity):
    platform: str
    handle: str | None = None
    url: Url | None = None
    purpose: str = Field(description=N_("Why this profile exists."))
    role: ChannelRole | None = None
    owner: TeamRef = Field(description=N_("Id of a team member (plan/team/<id>.md)."))
    personas: list[PersonaRef] = []
    cadence: list[CadenceSlot] = Field(
        [],
        description=N_(
            "Recurring posting slots; each needs an RFC 5545 rrule such as FREQ=WEEKLY;BYDAY=MO, "
            "or the plain form every: week, on: [mon]."
        ),
    )
    metrics: list[str] = Field([], description=N_("The metrics tracked on this channel."))
    account: Account | None = Field(
        None, description=N_("Login, two-factor and recovery details; never published to stakeholders.")
    )


class Task(Model):
    title: str
    owner: TeamRef | None = Field(None, description=N_("Id of a team member (plan/team/<id>.md)."))
    due: Day | None = None
    status: Status = "todo"
    #: Hours of work, counted in the owner's load for the week of ``due``.
    effort: Amount | None = None


class Initiative(Entity):
    goal: GoalRef
    owner: TeamRef = Field(description=N_("Id of a team member (plan/team/<id>.md)."))
    contributors: list[TeamRef] = []
    start: Day
    end: Day | None = Field(None, description=N_("Inclusive end date (or give a duration instead)."))
    duration: Duration | None = Field(
        None, description=N_("Instead of end: 10d, 2w or 3m from start (end inclusive)."), examples=["2w"]
    )
    status: Status = "backlog"
    value: Score | None = None
    complexity: Score | None = None
    channels: list[ChannelRef] = []
    personas: list[PersonaRef] = []
    depends_on: list[InitiativeRef] = Field([], description=N_("Initiatives that must end before this one starts."))
    milestones: list[Milestone] = []
    tasks: list[Task] = []

    @field_validator("duration")
    @classmethod
    def _end_within_years(cls, duration: str | None, info: ValidationInfo) -> str | None:
        """The end a duration computes must be a date a plan can use, like a written one."""
        start = info.data.get("start")
        if duration is not None and isinstance(start, date):
            end = add_duration(start, duration)
            if end.year > MAX_YEAR:
                raise ValueError(
                    f"duration {duration} from {start.isoformat()} ends on {end.isoformat()}, after the year "
                    f"{MAX_YEAR} a plan can use"
                )
        return duration


class TeamMember(Entity):
    roles: list[str] = []
    capacity: Amount | None = None


class BudgetLine(Entity):
    category: BudgetCategory
    channel: ChannelRef | None = None
    initiative: InitiativeRef | None = None
    planned: Amount | dict[Month, Amount] = Field(
        description=N_("An amount for every horizon month, or a mapping YYYY-MM: amount for those months only."),
        examples=[250, {"2027-01": 500}],
    )
    actual: dict[Month, Amount] = Field({}, description=N_("Spend recorded so far, as a mapping YYYY-MM: amount."))
    carry_over: bool = Field(False, description=N_("true rolls unspent money into the next month."))


class Media(Model):
    """An image or video of a post: ``file`` relative to the folder of ``mkdocs.yml`` (checked
    to exist inside it and copied to the site), ``alt`` the text a screen reader says."""

    file: str
    alt: str = Field(description=N_("What a screen reader says instead of the image (required)."))


def _hashtag(value: Any) -> Any:
    # An all-digit tag (``2027``) arrives as a number; ``#`` is checked (with its line) later.
    return _id_text(value)


# A post's text is called ``copy`` (§7), which shadows pydantic's deprecated ``BaseModel.copy``;
# nothing here calls that method (``model_copy`` is the one used), so the warning is silenced.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message='Field name "copy"', category=UserWarning)

    class CalendarItem(Model):
        date: Day
        time: Time | None = None
        title: str
        channel: ChannelRef | None = None
        #: One post on several channels (§7); an item has ``channel`` or ``channels``.
        channels: list[ChannelRef] = []
        format: str | None = None
        pillar: str | None = None
        initiative: InitiativeRef | None = None
        owner: TeamRef | None = Field(None, description=N_("Id of a team member (plan/team/<id>.md)."))
        status: ItemStatus = "idea"
        effort: Amount | None = None
        copy: str | None = Field(  # type: ignore[assignment]  # the contract's field name; BaseModel.copy is deprecated
            None, description=N_("The post text (Markdown), as it goes out."), json_schema_extra={"kind": "rich text"}
        )
        media: list[Media] = Field(
            [],
            description=N_("Images or videos of the post: {file, alt}, file relative to the folder of mkdocs.yml."),
        )
        link: Url | None = Field(None, description=N_("The URL the post points to."))
        hashtags: list[Annotated[str, BeforeValidator(_hashtag)]] = Field(
            [], description=N_("Words without '#', e.g. [commute, citybike]."), examples=[["commute", "citybike"]]
        )
        approved_by: TeamRef | None = Field(None, description=N_("Id of the team member who approved the post."))


class CalendarFile(Entity):
    channel: ChannelRef | None = None
    initiative: InitiativeRef | None = None
    pillar: str | None = None
    owner: TeamRef | None = Field(None, description=N_("Id of a team member (plan/team/<id>.md)."))
    format: str | None = None
    status: ItemStatus | None = None
    effort: Amount | None = None
    items: list[CalendarItem] = Field(
        [], description=N_("Dated content; the file-level channel, owner, format... are their defaults.")
    )


class Report(Entity):
    channel: ChannelRef
    period: Month = Field(description=N_("The month reported, YYYY-MM."), examples=["2027-01"])
    metrics: dict[str, Number] = Field(
        {}, description=N_("Metric name to the number of the month."), examples=[{"followers": 1200}]
    )


class ReviewRecord(Entity):
    date: Day
    attendees: list[TeamRef] = []
    decisions: list[str] = Field([], description=N_("What the review decided."))


#: Field names the loader fills in; never accepted from frontmatter.
RESERVED_FIELDS = frozenset({"id", "section", "source", "body", "lines"})


def model_types(annotation: Any) -> list[type[BaseModel]]:
    """Model classes inside an annotation such as ``Optional[list[Task]]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    origin = get_origin(annotation)
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in get_args(annotation):
            found.extend(model_types(arg))
    return found


def add_duration(start: date, duration: str) -> date:
    """The inclusive end of a ``Nd``/``Nw``/``Nm`` duration: ``2w`` from 2027-01-04 ends 2027-01-17,
    ``1m`` from 2027-01-15 ends 2027-02-14."""
    amount, unit = int(duration[:-1]), duration[-1]
    if unit == "d":
        return start + timedelta(days=amount - 1)
    if unit == "w":
        return start + timedelta(weeks=amount) - timedelta(days=1)
    return start + relativedelta(months=amount) - timedelta(days=1)


#: The value checks above by the kind of value they accept, for the modules that describe a field
#: from the validators pydantic runs on it (the JSON Schema, the editor's form).
VALUE_CHECKS: dict[str, Any] = {
    "amount": _check_amount,
    "number": _check_number,
    "month": _check_month,
    "time": _parse_time,
    "duration": _check_duration,
    "url": _check_url,
    "rrule": _check_rrule,
    "date": _check_date,
    "id": _id_text,
}


def value_kind(check: object) -> str | None:
    """The kind (a key of :data:`VALUE_CHECKS`) a validator function checks, else None."""
    return next((kind for kind, function in VALUE_CHECKS.items() if function is check), None)
