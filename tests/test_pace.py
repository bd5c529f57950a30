"""The pace formula of PLAN_FORMAT.md §2, edge case by edge case (pure, no site build)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smm_docs_plugin.effective import effective_values
from smm_docs_plugin.features.pace import (
    expected_progress,
    goal_pace,
    horizon_elapsed,
    latest_actual,
    progress_between,
)
from smm_docs_plugin.model import Actual, Goal, Mission

HORIZON_START = date(2027, 1, 1)
MISSION = Mission(title="Roastery", mission="Coffee", horizon={"start": HORIZON_START, "end": date(2027, 12, 31)})


def make_goal(**fields: Any) -> Goal:
    data: dict[str, Any] = {
        "title": "Grow",
        "type": "awareness",
        "metric": "followers",
        "baseline": 0,
        "target": 100,
        "deadline": "2027-04-11",  # 100 days after 2027-01-01
        "owner": "ana",
    }
    data.update(fields)
    goal = Goal.model_validate(data)
    goal.id = "grow"
    return goal


def pace(today: str, **fields: Any):
    goal = make_goal(**fields)
    start = effective_values(MISSION, {"goals": {goal.id: goal}}).goal_start(goal)  # the plan's one default rule
    return goal_pace(goal, date.fromisoformat(today), start)


def test_no_actual_is_no_data() -> None:
    result = pace("2027-02-01")
    assert result.status == "no-data"
    assert result.progress is None and result.latest is None


def test_no_data_even_after_the_deadline() -> None:
    assert pace("2027-12-01").status == "no-data"


def test_future_dated_actual_is_ignored() -> None:
    result = pace("2027-02-01", actuals=[{"date": "2027-03-01", "value": 100}])
    assert result.status == "no-data"
    result = pace(
        "2027-02-01",
        actuals=[{"date": "2027-01-21", "value": 10}, {"date": "2027-03-01", "value": 100}],
    )
    assert result.latest is not None and result.latest.date == date(2027, 1, 21)
    assert result.progress == Fraction(1, 10)
    assert result.status == "off-track"


def test_actual_dated_today_counts() -> None:
    result = pace("2027-01-21", actuals=[{"date": "2027-01-21", "value": 20}])
    assert result.latest is not None and result.latest.value == 20
    assert result.status == "on-track"


def test_actuals_in_any_order_use_the_latest_date() -> None:
    result = pace(
        "2027-03-01",
        actuals=[
            {"date": "2027-02-20", "value": 50},
            {"date": "2027-01-11", "value": 90},
            {"date": "2027-01-31", "value": 5},
        ],
    )
    assert result.latest is not None and result.latest.date == date(2027, 2, 20)
    assert result.progress == Fraction(1, 2)
    # e uses the actual's date: 50 days of 100.
    assert result.expected == Fraction(1, 2)
    assert result.status == "on-track"


def test_same_day_later_listed_actual_wins() -> None:
    actuals = [Actual(date=date(2027, 1, 5), value=Decimal(1)), Actual(date=date(2027, 1, 5), value=Decimal(2))]
    assert latest_actual(actuals, date(2027, 1, 5)).value == 2  # type: ignore[union-attr]


def test_achieved() -> None:
    assert pace("2027-01-02", actuals=[{"date": "2027-01-02", "value": 100}]).status == "achieved"
    assert pace("2027-01-02", actuals=[{"date": "2027-01-02", "value": 140}]).progress == Fraction(7, 5)


def test_achieved_beats_missed() -> None:
    result = pace("2027-06-01", actuals=[{"date": "2027-04-01", "value": 120}])
    assert result.status == "achieved"


def test_missed_deadline() -> None:
    result = pace("2027-04-12", actuals=[{"date": "2027-04-11", "value": 99}])
    assert result.status == "missed"


def test_on_the_deadline_day_is_not_missed() -> None:
    result = pace("2027-04-11", actuals=[{"date": "2027-04-11", "value": 99}])
    assert result.status == "at-risk"  # p 0.99 < e 1, >= 0.8


def test_exactly_on_pace_is_on_track() -> None:
    # 2027-01-31 is 30 days in: e = 0.3.
    assert pace("2027-02-01", actuals=[{"date": "2027-01-31", "value": 30}]).status == "on-track"


def test_exactly_at_the_at_risk_threshold() -> None:
    # e = 0.3, 0.8 * e = 0.24: exactly 24 is at-risk, a hair below is off-track.
    assert pace("2027-02-01", actuals=[{"date": "2027-01-31", "value": 24}]).status == "at-risk"
    assert pace("2027-02-01", actuals=[{"date": "2027-01-31", "value": "23.99"}]).status == "off-track"
    assert pace("2027-02-01", actuals=[{"date": "2027-01-31", "value": "29.99"}]).status == "at-risk"


def test_threshold_is_exact_with_awkward_decimals() -> None:
    # baseline 0.1, target 0.4: a float computation drifts; the contract's arithmetic does not.
    goal = {"baseline": "0.1", "target": "0.4", "deadline": "2027-01-11"}  # 10 days
    # d = 2027-01-06: e = 0.5, 0.8e = 0.4 -> v = 0.1 + 0.4 * 0.3 = 0.22
    assert pace("2027-01-06", actuals=[{"date": "2027-01-06", "value": "0.22"}], **goal).status == "at-risk"
    assert pace("2027-01-06", actuals=[{"date": "2027-01-06", "value": "0.25"}], **goal).status == "on-track"


def test_decreasing_target() -> None:
    goal = {"baseline": 60, "target": 40, "deadline": "2027-04-11"}  # bounce rate 60% -> 40%
    result = pace("2027-02-20", actuals=[{"date": "2027-02-20", "value": 50}], **goal)
    assert result.progress == Fraction(1, 2)
    assert result.status == "on-track"
    assert pace("2027-02-20", actuals=[{"date": "2027-02-20", "value": 65}], **goal).status == "off-track"
    assert pace("2027-02-20", actuals=[{"date": "2027-02-20", "value": 38}], **goal).status == "achieved"


def test_value_moving_the_wrong_way_is_negative_progress() -> None:
    result = pace("2027-02-01", actuals=[{"date": "2027-01-31", "value": -10}])
    assert result.progress == Fraction(-1, 10)
    assert result.status == "off-track"


def test_actual_before_start_expects_nothing() -> None:
    result = pace(
        "2027-03-01",
        start="2027-02-01",
        deadline="2027-05-01",
        actuals=[{"date": "2027-01-15", "value": 0}],
    )
    assert result.expected == 0
    assert result.status == "on-track"
    assert result.start == date(2027, 2, 1)


def test_start_defaults_to_horizon_start() -> None:
    result = pace("2027-02-01", actuals=[{"date": "2027-01-31", "value": 30}])
    assert result.start == HORIZON_START
    assert result.expected == Fraction(3, 10)


def test_actual_after_deadline_clamps_expected_to_one() -> None:
    assert expected_progress(date(2027, 9, 1), date(2027, 1, 1), date(2027, 4, 11)) == 1


def test_target_equal_to_baseline() -> None:
    assert progress_between(Decimal(5), Decimal(5), Decimal(5)) == 1
    assert progress_between(Decimal(6), Decimal(5), Decimal(5)) == 0


def test_horizon_elapsed() -> None:
    start, end = date(2027, 1, 1), date(2027, 1, 11)
    assert horizon_elapsed(date(2026, 12, 1), start, end) == 0
    assert horizon_elapsed(date(2027, 1, 6), start, end) == Fraction(1, 2)
    assert horizon_elapsed(date(2028, 1, 1), start, end) == 1


@pytest.mark.parametrize("target,value", [(100, 30), (0, 70)])
def test_direction_symmetry(target: int, value: int) -> None:
    baseline = 100 - target
    result = pace("2027-02-01", baseline=baseline, target=target, actuals=[{"date": "2027-01-31", "value": value}])
    assert result.progress == Fraction(3, 10)


@given(
    baseline=st.integers(-1000, 1000),
    delta=st.integers(-1000, 1000).filter(lambda d: d != 0),
    value=st.integers(-3000, 3000),
    day=st.integers(0, 200),
    today_offset=st.integers(0, 200),
)
def test_status_follows_the_contract(baseline: int, delta: int, value: int, day: int, today_offset: int) -> None:
    """The contract's decision list, written out once more in plain fractions."""
    from datetime import timedelta

    target = baseline + delta
    actual_date = HORIZON_START + timedelta(days=day)
    today = actual_date + timedelta(days=today_offset)
    result = goal_pace(
        make_goal(baseline=baseline, target=target, actuals=[{"date": actual_date, "value": value}]),
        today,
        HORIZON_START,
    )
    p = Fraction(value - baseline, target - baseline)
    e = min(Fraction(1), Fraction(day, 100))
    if p >= 1:
        expected = "achieved"
    elif today > date(2027, 4, 11):
        expected = "missed"
    elif p >= e:
        expected = "on-track"
    elif p >= Fraction(8, 10) * e:
        expected = "at-risk"
    else:
        expected = "off-track"
    assert result.status == expected
    assert result.progress == p
