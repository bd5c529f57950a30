"""Goal pace: how far a goal has come and whether that is enough for the time spent.

The formula is the contract's (PLAN_FORMAT.md §2) and nothing else: a team reads "on track" as
a promise, so the computation is exact (``Fraction``, never float) and pure (today is a
parameter). Kept apart from rendering so plan.json, the pages and ``smm check`` agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ..i18n import N_
from ..model import Actual, Goal

ACHIEVED = "achieved"
MISSED = "missed"
ON_TRACK = "on-track"
AT_RISK = "at-risk"
OFF_TRACK = "off-track"
NO_DATA = "no-data"

#: Every status, best first; pages and the overview list them in this order.
PACE_STATUSES = (ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, MISSED, NO_DATA)

#: ``at-risk`` covers progress from this share of the expected progress up to it.
AT_RISK_SHARE = Fraction(4, 5)

#: What measures each goal type (§2), shown on the goal page as suggestions (translated there).
SUGGESTED_METRICS: dict[str, tuple[str, ...]] = {
    "awareness": (N_("reach"), N_("followers"), N_("mentions"), N_("share of voice")),
    "traffic": (N_("referral sessions"), N_("clicks"), N_("bounce rate")),
    "leads": (N_("sign-ups"), N_("form fills"), N_("conversion rate")),
    "revenue": (N_("social-attributed revenue"),),
    "engagement": (N_("likes per post"), N_("comments per post"), N_("shares per post")),
    "community": (N_("active members"), N_("posts per member")),
    "press": (N_("mentions"), N_("potential reach")),
    "research": (N_("conversations"), N_("feedback items"), N_("changes made")),
}


@dataclass(frozen=True)
class Pace:
    """A goal's standing on one day.

    ``progress`` is ``p`` and ``expected`` is ``e`` of the formula; both are ``None`` when no
    actual is dated on or before today. ``latest`` is the actual they were computed from.
    """

    status: str
    start: date
    progress: Fraction | None = None
    expected: Fraction | None = None
    latest: Actual | None = None

    @property
    def progress_float(self) -> float | None:
        """``progress`` as the nearest float, unrounded (what plan.json publishes)."""
        return None if self.progress is None else float(self.progress)

    @property
    def expected_float(self) -> float | None:
        return None if self.expected is None else float(self.expected)


def latest_actual(actuals: Iterable[Actual], today: date) -> Actual | None:
    """The latest measurement dated on or before ``today``; actuals may come in any order.

    A future-dated actual is a typo or a forecast, never a measurement, so it is ignored. Of
    two actuals on the same day the one listed later wins (a correction appended below).
    """
    best: Actual | None = None
    for actual in actuals:
        if actual.date > today:
            continue
        if best is None or actual.date >= best.date:
            best = actual
    return best


def progress_between(value: Decimal, baseline: Decimal, target: Decimal) -> Fraction:
    """``(value - baseline) / (target - baseline)``: the share of the way from baseline to
    target, which works for decreasing targets too (both differences are negative).

    A target equal to its baseline has no way to go: it counts as reached (1) while the value
    sits on the target and as not started (0) otherwise.
    """
    span = Fraction(target) - Fraction(baseline)
    if span == 0:
        return Fraction(1) if value == target else Fraction(0)
    return (Fraction(value) - Fraction(baseline)) / span


def expected_progress(on: date, start: date, deadline: date) -> Fraction:
    """``clamp((on - start) / (deadline - start), 0, 1)`` in whole days: the share of the goal's
    time used by ``on``. A deadline not after the start (rejected by validation) expects all."""
    total = (deadline - start).days
    if total <= 0:
        return Fraction(1) if on >= deadline else Fraction(0)
    return min(Fraction(1), max(Fraction(0), Fraction((on - start).days, total)))


def goal_pace(goal: Goal, today: date, start: date) -> Pace:
    """The contract's pace status of ``goal`` at ``today`` (§2), checked in the contract's order:
    achieved, missed, on-track, at-risk, off-track; ``no-data`` without a usable actual.
    ``start`` is the goal's effective start (``plan.effective.goal_start``: its own, else the
    horizon's)."""
    latest = latest_actual(goal.actuals, today)
    if latest is None:
        return Pace(status=NO_DATA, start=start)
    progress = progress_between(latest.value, goal.baseline, goal.target)
    expected = expected_progress(latest.date, start, goal.deadline)
    if progress >= 1:
        status = ACHIEVED
    elif today > goal.deadline:
        status = MISSED
    elif progress >= expected:
        status = ON_TRACK
    elif progress >= AT_RISK_SHARE * expected:
        status = AT_RISK
    else:
        status = OFF_TRACK
    return Pace(status=status, start=start, progress=progress, expected=expected, latest=latest)


def horizon_elapsed(today: date, start: date, end: date) -> Fraction:
    """Share of the strategy period that has passed by ``today`` (0 before it, 1 after it)."""
    return expected_progress(today, start, end)
