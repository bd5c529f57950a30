"""RFC 5545 §3.3.10, table by table: which BYxxx part goes with which FREQ, numbered weekdays,
BYSETPOS; and the bounded expansion (``recurrence.expand``) gives exactly what dateutil gives,
for every allowed combination, without ever walking past its bound."""

from __future__ import annotations

from datetime import datetime

import pytest
from dateutil.rrule import rrulestr

from smm_docs_plugin.model import CadenceSlot
from smm_docs_plugin.recurrence import MAX_OCCURRENCES, RuleError, check_rule, expand

FREQS = ("HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")

#: The RFC's table (SECONDLY and MINUTELY are refused anyway: a cadence repeats at most
#: hourly). "L" limit, "E" expand, "N" N/A (forbidden), "1"/"2" the RFC's notes on BYDAY.
RFC_TABLE = {
    #              HOURLY DAILY WEEKLY MONTHLY YEARLY
    "BYMONTH": ("L", "L", "L", "L", "E"),
    "BYWEEKNO": ("N", "N", "N", "N", "E"),
    "BYYEARDAY": ("L", "N", "N", "N", "E"),
    "BYMONTHDAY": ("L", "L", "N", "E", "E"),
    "BYDAY": ("L", "L", "E", "1", "2"),
    "BYHOUR": ("L", "E", "E", "E", "E"),
    "BYMINUTE": ("E", "E", "E", "E", "E"),
    "BYSECOND": ("E", "E", "E", "E", "E"),
}
SAMPLES = {
    "BYMONTH": "2,7",
    "BYWEEKNO": "5,-1",
    "BYYEARDAY": "1,100,-1",
    "BYMONTHDAY": "1,15,-1",
    "BYDAY": "MO,FR",
    "BYHOUR": "9,17",
    "BYMINUTE": "30",
    "BYSECOND": "0",
}
#: The RFC's sentence for each forbidden combination (quoted in the message).
REASONS = {
    "BYWEEKNO": "MUST NOT be used when the FREQ rule part is set to anything other than YEARLY",
    "BYYEARDAY": "MUST NOT be specified when the FREQ rule part is set to DAILY, WEEKLY, or MONTHLY",
    "BYMONTHDAY": "MUST NOT be specified when the FREQ rule part is set to WEEKLY",
}
TABLE_CASES = [(part, freq, kind) for part, row in RFC_TABLE.items() for freq, kind in zip(FREQS, row, strict=False)]

STARTS = [datetime(2027, 1, 20, 10, 15), datetime(2027, 3, 1), datetime(2026, 12, 31, 23, 0)]
LAST = datetime(2029, 12, 31, 23, 59, 59)


def dateutil_until(rule: str, start: datetime, last: datetime = LAST) -> list[datetime]:
    """dateutil's own expansion, for rules known to occur often (so it ends quickly)."""
    found = []
    for moment in rrulestr("RRULE:" + rule, dtstart=start):
        if moment > last:
            break
        found.append(moment)
    return found


@pytest.mark.parametrize(("part", "freq", "kind"), TABLE_CASES, ids=[f"{f}-{p}" for p, f, _ in TABLE_CASES])
def test_the_rfc_table_of_parts_and_frequencies(part: str, freq: str, kind: str) -> None:
    rule = f"FREQ={freq};{part}={SAMPLES[part]}"
    if kind == "N":
        with pytest.raises(RuleError) as refused:
            check_rule(rule)
        message = str(refused.value)
        assert f"{part} with FREQ={freq}; RFC 5545 §3.3.10:" in message
        assert REASONS[part] in message
        return
    assert check_rule(rule) == rule
    last = datetime(2027, 12, 31, 23, 59) if freq == "HOURLY" else LAST  # within MAX_OCCURRENCES
    for start in STARTS:
        # Limits filter, expansions add: either way the bounded expansion is dateutil's.
        assert expand(rule, start, last) == dateutil_until(rule, start, last), (rule, start)


NUMBERED_WEEKDAYS = [
    # (rule, error fragment or None)
    ("FREQ=MONTHLY;BYDAY=1MO", None),
    ("FREQ=MONTHLY;BYDAY=-1FR,2TU", None),
    ("FREQ=MONTHLY;BYDAY=5SU", None),
    ("FREQ=MONTHLY;BYDAY=+5SU", None),
    ("FREQ=YEARLY;BYDAY=20MO", None),
    ("FREQ=YEARLY;BYDAY=-53FR", None),
    ("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", None),
    ("FREQ=MONTHLY;BYDAY=+9MO", "BYDAY '+9MO' never occurs: a month has at most 5 of each weekday"),
    ("FREQ=MONTHLY;BYDAY=-6TU", "BYDAY '-6TU' never occurs: a month has at most 5 of each weekday"),
    ("FREQ=MONTHLY;BYDAY=0MO", "BYDAY '0MO' never occurs"),
    ("FREQ=YEARLY;BYDAY=54FR", "BYDAY '54FR' never occurs: a year has at most 53 of each weekday"),
    (
        "FREQ=WEEKLY;BYDAY=1MO",
        (
            "a numbered BYDAY ('1MO') with FREQ=WEEKLY; RFC 5545 §3.3.10: \"The BYDAY rule part MUST NOT be "
            "specified with a numeric value when the FREQ rule part is not set to MONTHLY or YEARLY."
        ),
    ),
    ("FREQ=DAILY;BYDAY=-1FR", "a numbered BYDAY ('-1FR') with FREQ=DAILY"),
    ("FREQ=HOURLY;BYDAY=2TU", "a numbered BYDAY ('2TU') with FREQ=HOURLY"),
    (
        "FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO",
        (
            'with FREQ=YEARLY and BYWEEKNO; RFC 5545 §3.3.10: "The BYDAY rule part MUST NOT be specified with a '
            "numeric value when the FREQ rule part is not set to MONTHLY or YEARLY. Furthermore, the BYDAY rule part "
            "MUST NOT be specified with a numeric value with the FREQ rule part set to YEARLY when the BYWEEKNO rule "
            'part is specified."'
        ),
    ),
    ("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", None),
    ("FREQ=MONTHLY;BYDAY=+MO", "BYDAY values are weekdays (MO … SU), optionally numbered (1MO, -1FR), got '+MO'"),
    ("FREQ=WEEKLY;BYDAY=XY", "BYDAY values are weekdays"),
    (
        "FREQ=DAILY;BYSETPOS=1",
        (
            'BYSETPOS without another BY part; RFC 5545 §3.3.10: "[BYSETPOS] MUST only be used in conjunction with '
            'another BYxxx rule part."'
        ),
    ),
    ("FREQ=MONTHLY;BYSETPOS=-1", "BYSETPOS without another BY part"),
    ("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR", None),
    ("FREQ=DAILY;BYHOUR=9,12,17;BYSETPOS=2", None),
    ("FREQ=WEEKLY;BYDAY=TU;WKST=XX", "WKST is a weekday (MO, TU, WE, TH, FR, SA, SU), got 'XX'"),
    ("FREQ=WEEKLY;UNTIL=2027", "UNTIL must be a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS[Z]"),
]


@pytest.mark.parametrize(("rule", "error"), NUMBERED_WEEKDAYS, ids=[r for r, _ in NUMBERED_WEEKDAYS])
def test_numbered_weekdays_setpos_and_week_start(rule: str, error: str | None) -> None:
    if error is None:
        assert check_rule(rule) == rule
        for start in STARTS:
            assert expand(rule, start, LAST) == dateutil_until(rule, start), (rule, start)
        return
    with pytest.raises(RuleError) as refused:
        check_rule(rule)
    assert str(refused.value).startswith(f"invalid RRULE {rule!r}: ")
    assert error in str(refused.value)


def test_the_plan_model_reports_the_rfc_reason() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as refused:
        CadenceSlot.model_validate({"rrule": "FREQ=WEEKLY;BYMONTHDAY=5"})
    assert "The BYMONTHDAY rule part MUST NOT be specified when the FREQ rule part is set to WEEKLY." in str(
        refused.value
    )


#: Rules where dateutil's own expansion is quick, with filters, BYSETPOS, intervals, WKST,
#: COUNT and UNTIL: the bounded expansion must be the same, from starts on and off the rule.
EQUIVALENT = [
    "FREQ=WEEKLY;BYDAY=MO,TH",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA",
    "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=DAILY;COUNT=5",
    "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=28",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=WEEKLY;BYDAY=FR;UNTIL=20270402T235959",
    "FREQ=HOURLY;INTERVAL=6",
    "FREQ=DAILY;BYMINUTE=30;COUNT=2",
    "FREQ=DAILY;BYMONTH=2,3;BYDAY=MO,FR",
    "FREQ=HOURLY;BYMONTH=3;BYHOUR=9,21;BYDAY=TU",
    "FREQ=HOURLY;BYYEARDAY=1,-1,100",
    "FREQ=DAILY;BYHOUR=9,12,17;BYSETPOS=-1",
    "FREQ=DAILY;BYHOUR=9,12,17;BYSETPOS=1,2;BYDAY=MO",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=2",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYMONTH=2;BYSETPOS=-1",
    "FREQ=WEEKLY;BYDAY=SU,MO;WKST=SU;BYSETPOS=1;INTERVAL=3",
    "FREQ=WEEKLY;BYMONTH=4,5",
    "FREQ=YEARLY;BYWEEKNO=10,40;BYDAY=WE",
    "FREQ=YEARLY;INTERVAL=2;BYMONTH=1,7;BYDAY=1SU",
    "FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=1,-1",
    "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
    "FREQ=MONTHLY",
    "FREQ=YEARLY",
    "FREQ=WEEKLY",
    "FREQ=DAILY",
    "FREQ=MONTHLY;BYMONTH=2,8;BYDAY=-2TU",
    "FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=3,-3;COUNT=7",
    "FREQ=HOURLY;INTERVAL=5;BYHOUR=9,14,19",
    "FREQ=DAILY;INTERVAL=3;BYDAY=SA",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=HOURLY;BYSETPOS=1;BYDAY=MO",
    "FREQ=WEEKLY;BYDAY=MO,FR;BYHOUR=9,18;BYSETPOS=-2",
    "FREQ=DAILY;BYSETPOS=1;BYHOUR=8,9;BYMONTH=5",
    "FREQ=MONTHLY;INTERVAL=2;COUNT=4",
    "FREQ=YEARLY;BYYEARDAY=60;BYMONTH=3",
]


@pytest.mark.parametrize("rule", EQUIVALENT)
def test_bounded_expansion_is_dateutils(rule: str) -> None:
    check_rule(rule)
    for start in STARTS:
        assert expand(rule, start, LAST) == dateutil_until(rule, start), (rule, start)


#: Rules dateutil alone would walk to the year 9999 for (1 to 30 s each) or list a billion of.
UNBOUNDED = [
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31", 0),
    ("FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30", 0),
    ("FREQ=MONTHLY;BYDAY=5MO;BYMONTH=2", 0),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", 0),
    ("FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2", 0),
    ("FREQ=DAILY;COUNT=1000000000", 1096),
    ("FREQ=HOURLY;INTERVAL=24;COUNT=1000000000", 1096),
    ("FREQ=MONTHLY;BYDAY=5MO;BYMONTH=2;COUNT=3", 1),  # 2028-02-28 is not a Monday; 2028-02 has 5 Tuesdays
]


@pytest.mark.parametrize(("rule", "count"), UNBOUNDED, ids=[r for r, _ in UNBOUNDED])
def test_rules_that_never_or_seldom_occur_end_at_the_bound(rule: str, count: int) -> None:
    found = expand(rule, datetime(2027, 1, 1, 9), LAST)
    if rule.startswith("FREQ=MONTHLY;BYDAY=5MO"):
        count = len(dateutil_until(rule, datetime(2027, 1, 1, 9)))  # dateutil finds the one there is
    assert len(found) == count
    assert all(datetime(2027, 1, 1, 9) <= moment <= LAST for moment in found)


def test_too_many_occurrences_is_an_error_naming_the_bound() -> None:
    with pytest.raises(RuleError) as refused:
        expand("FREQ=HOURLY;COUNT=1000000000", datetime(2027, 1, 1), LAST)
    assert f"occurs more than {MAX_OCCURRENCES:,} times between 2027-01-01 and 2029-12-31" in str(refused.value)
    assert len(expand("FREQ=HOURLY;COUNT=1000000000", datetime(2027, 1, 1), datetime(2027, 1, 2, 23, 59))) == 48


def test_a_rule_dateutil_cannot_start_is_an_error_not_a_traceback() -> None:
    with pytest.raises(RuleError) as refused:
        expand("FREQ=HOURLY;INTERVAL=2;BYHOUR=2", datetime(2027, 1, 1, 9), LAST)
    assert str(refused.value) == "never occurs from 2027-01-01 09:00: stepping by its INTERVAL never reaches a BYHOUR"
