"""Measuring and reviewing: goal pace (``kpis/``), channel reports (``reports/``), SWOT and
competitors (``swot/``), account safety (``accounts/``, team builds only), the review log
(``reviews/``), their panels on entity pages and their overview fragments.

The numbers come from pure helpers (:mod:`.pace`, :mod:`.reports`, :mod:`.swot`,
:mod:`.accounts`, :mod:`.reviews`); this module only turns them into view values for the
templates in ``docs_templates/kpis/``. Published goal values in ``plan.json``: ``progress``
is the unrounded float of ``p`` (``null`` without a usable actual), ``status`` one of
``achieved``, ``missed``, ``on-track``, ``at-risk``, ``off-track``, ``no-data``; ``expected``
is ``e`` and ``latest_actual`` the ``{date, value}`` they were computed from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import partial
from typing import Any

from babel import Locale

from ..context import Feature, Output, RenderContext
from ..formats import Formats as BaseFormats
from ..labels import GOAL_TYPES
from ..labels import PACE_STATUSES as PACE_LABELS
from ..model import Channel, Competitor, Entity, Goal, Initiative, Report, ReviewRecord
from .accounts import account_checks, check_account
from .pace import PACE_STATUSES, SUGGESTED_METRICS, Pace, goal_pace, horizon_elapsed
from .reports import Change, ChannelTrend, MetricTrend, channel_trends, metrics_index, report_change, untracked_metrics
from .reviews import last_review, next_review_entry, planned_reviews, review_log, upcoming_reviews
from .swot import QUADRANTS, competitor_stats, competitors, needs_review, stale_entities

PACE_KEY = "kpis.pace"
TRENDS_KEY = "kpis.trends"
FORMATS_KEY = "kpis.formats"
REPORT_INDEX_KEY = "kpis.report_index"
SERVING_KEY = "kpis.serving"


# --- formatting -------------------------------------------------------------------------------


class Formats(BaseFormats):
    """The shared formats (:class:`~smm_docs_plugin.formats.Formats`) plus a report's
    month-over-month change, each remembered: report tables repeat the same changes."""

    def __init__(self, locale: str | Locale, first_day: str = "1"):
        super().__init__(locale, first_day)
        self._changes: dict[tuple[Decimal, Decimal | None], str] = {}

    def change(self, change: Change | None) -> str:
        """``+120 (+9.1%)``; without a percentage (previous value 0) only the absolute change."""
        if change is None:
            return ""
        key = (change.absolute, change.percent)
        text = self._changes.get(key)
        if text is None:
            text = self.signed(change.absolute)
            if change.percent is not None:
                text += " (" + self.signed_percent(change.percent) + ")"
            self._changes[key] = text
        return text

    def month(self, period: str, format: str = "MMM y") -> str:
        return super().month(period, format)


def formats(ctx: RenderContext) -> Formats:
    """The build's one :class:`Formats`."""
    found = ctx.computed.get(FORMATS_KEY)
    if found is None:
        found = ctx.computed[FORMATS_KEY] = Formats(ctx.locale, ctx.first_day)
    return found


def percent(ctx: RenderContext, share: Fraction | Decimal | float | None) -> str:
    return formats(ctx).percent(share)


# --- view values --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """An accessible progress bar: the fill clamped to 0-100 %, the text the true value."""

    fill: float
    text: str
    label: str
    now: int
    marker: float | None = None


def progress_bar(ctx: RenderContext, share: Fraction | None, expected: Fraction | None = None) -> Bar:
    """The horizon's bar: the share passed, with one decimal."""
    if share is None:
        return Bar(0.0, ctx.gettext("no actual yet"), ctx.gettext("No progress recorded"), 0)
    fill = float(min(Fraction(1), max(Fraction(0), share)) * 100)
    if expected is None:
        marker, label = None, percent(ctx, share)
    else:
        marker = round(float(expected * 100), 2)
        label = ctx.gettext(
            "Progress %(percent)s, expected %(expected)s", percent=percent(ctx, share), expected=percent(ctx, expected)
        )
    return Bar(round(fill, 2), percent(ctx, share), label, round(float(share * 100)), marker)


def goal_bar(ctx: RenderContext, pace: Pace) -> Bar:
    """A goal's bar: progress and expected progress in whole percent cut toward zero (see
    :meth:`Formats.progress`), the same number in ``aria-valuenow``; the fill is exact."""
    share, expected = pace.progress, pace.expected
    if share is None:
        return Bar(0.0, ctx.gettext("no actual yet"), ctx.gettext("No progress recorded"), 0)
    fmt = formats(ctx)
    now, text = fmt.progress_parts(share)
    fill = float(min(Fraction(1), max(Fraction(0), share)) * 100)
    marker = None if expected is None else round(float(expected * 100), 2)
    label = (
        text
        if expected is None
        else ctx.gettext("Progress %(percent)s, expected %(expected)s", percent=text, expected=fmt.progress(expected))
    )
    return Bar(round(fill, 2), text, label, now, marker)


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    pace: Pace
    bar: Bar
    status_label: str
    type_label: str

    @property
    def status(self) -> str:
        return self.pace.status


def goal_view(ctx: RenderContext, goal: Goal) -> GoalView:
    pace = pace_of(ctx, goal)
    return GoalView(
        goal=goal,
        pace=pace,
        bar=goal_bar(ctx, pace),
        status_label=ctx.gettext(PACE_LABELS[pace.status]),
        type_label=ctx.gettext(GOAL_TYPES[goal.type]),
    )


def pace_of(ctx: RenderContext, goal: Goal) -> Pace:
    """The goal's pace, computed once per build in :meth:`KpisFeature.prepare`."""
    paces = ctx.computed.setdefault(PACE_KEY, {})
    if goal.id not in paces:
        paces[goal.id] = goal_pace(goal, ctx.today, ctx.plan.effective.goal_start(goal))
    return paces[goal.id]


def sorted_goals(ctx: RenderContext) -> list[Goal]:
    goals = [g for g in ctx.plan.all("goals") if isinstance(g, Goal)]
    return sorted(goals, key=lambda g: (g.deadline, g.title.casefold(), g.id))


def trends_of(ctx: RenderContext) -> dict[str, ChannelTrend]:
    if TRENDS_KEY not in ctx.computed:
        ctx.computed[TRENDS_KEY] = channel_trends(ctx.plan)
    return ctx.computed[TRENDS_KEY]


@dataclass(frozen=True)
class SmartPart:
    key: str
    present: bool
    detail: str


def smart_check(ctx: RenderContext, goal: Goal, page_src: str) -> list[SmartPart]:
    """Which SMART parts the goal file states: metric, target and unit, a baseline or actuals
    to judge achievability, the company goal it supports, a deadline."""
    fmt = formats(ctx)
    number = fmt.number
    achievable = "baseline" in goal.model_fields_set or bool(goal.actuals)
    return [
        SmartPart("specific", bool(goal.metric.strip()), ctx.gettext("metric: %(metric)s", metric=goal.metric)),
        SmartPart(
            "measurable",
            bool(goal.unit),
            ctx.gettext("target %(target)s %(unit)s", target=number(goal.target), unit=goal.unit)
            if goal.unit
            else ctx.gettext("target %(target)s, but no “unit”", target=number(goal.target)),
        ),
        SmartPart(
            "achievable",
            achievable,
            ctx.ngettext(
                "baseline %(baseline)s, %(count)s actual recorded",
                "baseline %(baseline)s, %(count)s actuals recorded",
                len(goal.actuals),
                baseline=number(goal.baseline),
                count=len(goal.actuals),
            )
            if achievable
            else ctx.gettext("no “baseline” and no “actuals” to judge it by"),
        ),
        SmartPart(
            "relevant",
            goal.supports is not None,
            ctx.gettext("supports: %(company_goal)s", company_goal=ctx.company_goal_title(goal.supports))
            if goal.supports
            else ctx.gettext("no “supports”: which company goal does it serve?"),
        ),
        SmartPart("time-bound", True, ctx.gettext("deadline %(deadline)s", deadline=fmt.date(goal.deadline))),
    ]


@dataclass(frozen=True)
class Chart:
    """Geometry of the goal chart (SVG user units): the ideal line, the actuals, today."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    ideal: tuple[tuple[float, float], tuple[float, float]]
    points: list[tuple[float, float, str]]
    today_x: float | None
    y_labels: list[tuple[float, str]]
    x_labels: list[tuple[float, str, str]]

    @property
    def polyline(self) -> str:
        return " ".join(f"{x},{y}" for x, y, _ in self.points)


def pace_chart(ctx: RenderContext, goal: Goal, pace: Pace) -> Chart:
    """Actuals (dated up to today) against the straight line from baseline at the start to
    target at the deadline; y grows upwards whatever the goal's direction."""
    width, height, left, right, top, bottom = 360, 180, 56, 12, 12, 30
    actuals = sorted((a for a in goal.actuals if a.date <= ctx.today), key=lambda a: a.date)
    first_day = min([pace.start] + [a.date for a in actuals])
    last_day = max([goal.deadline] + [a.date for a in actuals])
    span_days = max((last_day - first_day).days, 1)
    values = [goal.baseline, goal.target] + [a.value for a in actuals]
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1

    def x_of(day: date) -> float:
        return round(left + (width - left - right) * (day - first_day).days / span_days, 2)

    def y_of(value: Decimal) -> float:
        return round(top + (height - top - bottom) * float((high - value) / (high - low)), 2)

    today_x = x_of(ctx.today) if first_day <= ctx.today <= last_day else None
    fmt = formats(ctx)
    points = [(x_of(a.date), y_of(a.value), f"{fmt.date(a.date)}: {fmt.number(a.value)}") for a in actuals]
    y_labels = sorted({(y_of(goal.baseline), fmt.number(goal.baseline)), (y_of(goal.target), fmt.number(goal.target))})
    x_labels = [
        (x_of(pace.start), fmt.date(pace.start, "short"), "start"),
        (x_of(goal.deadline), fmt.date(goal.deadline, "short"), "end"),
    ]
    return Chart(
        width,
        height,
        left,
        right,
        top,
        bottom,
        ideal=((x_of(pace.start), y_of(goal.baseline)), (x_of(goal.deadline), y_of(goal.target))),
        points=points,
        today_x=today_x,
        y_labels=y_labels,
        x_labels=x_labels,
    )


@dataclass(frozen=True)
class TrendView:
    channel: Channel
    trend: ChannelTrend
    months: list[tuple[str, str, Report | None]]
    rows: list[MetricTrend]


def trend_view(ctx: RenderContext, channel: Channel, trend: ChannelTrend) -> TrendView:
    months = []
    for period in trend.months:
        reports = trend.reports.get(period, [])
        months.append((period, formats(ctx).month(period), reports[-1] if reports else None))
    return TrendView(channel, trend, months, trend.rows)


def _render(ctx: RenderContext, template: str, page_src: str, **values: Any) -> str:
    """Render one of the templates with the shared formatters at hand (``fmt``, ``percent``,
    ``change``)."""
    fmt = formats(ctx)
    return ctx.render(
        template, page_src, fmt=fmt, percent=fmt.percent, progress=fmt.progress, change=fmt.change, **values
    )


# --- the feature --------------------------------------------------------------------------------


class KpisFeature(Feature):
    name = "kpis"

    def prepare(self, ctx: RenderContext) -> None:
        ctx.computed[PACE_KEY] = {
            goal.id: goal_pace(goal, ctx.today, ctx.plan.effective.goal_start(goal)) for goal in sorted_goals(ctx)
        }
        ctx.computed[TRENDS_KEY] = channel_trends(ctx.plan)
        ctx.computed[REPORT_INDEX_KEY] = metrics_index(ctx.plan)
        serving: dict[str, list[Initiative]] = {}
        for initiative in ctx.plan.all("initiatives"):
            if isinstance(initiative, Initiative):
                serving.setdefault(initiative.goal, []).append(initiative)
        ctx.computed[SERVING_KEY] = {
            goal_id: sorted(found, key=lambda i: (i.start, i.title.casefold(), i.id))
            for goal_id, found in serving.items()
        }

    # -- pages -----------------------------------------------------------------------------------
    def outputs(self, ctx: RenderContext) -> Iterable[Output]:
        yield self.kpis_page(ctx)
        yield self.reports_page(ctx)
        yield self.swot_page(ctx)
        if ctx.plan.is_team:
            yield self.accounts_page(ctx)
        yield self.reviews_page(ctx)

    def kpis_page(self, ctx: RenderContext) -> Output:
        return Output(ctx.src("kpis"), partial(self.render_kpis, ctx), nav_title=ctx.gettext("KPIs"))

    def render_kpis(self, ctx: RenderContext) -> str:
        src = ctx.src("kpis")
        views = [goal_view(ctx, g) for g in sorted_goals(ctx)]
        counts = [(s, ctx.gettext(PACE_LABELS[s]), sum(v.status == s for v in views)) for s in PACE_STATUSES]
        trends = [
            trend_view(ctx, channel, trend)
            for channel_id, trend in trends_of(ctx).items()
            if isinstance(channel := ctx.plan.get("channels", channel_id), Channel)
        ]
        return _render(
            ctx,
            "kpis/kpis.md.j2",
            src,
            goals=views,
            counts=[c for c in counts if c[2]],
            trends=trends,
        )

    def reports_page(self, ctx: RenderContext) -> Output:
        return Output(ctx.src("reports"), partial(self.render_reports, ctx), nav_title=ctx.gettext("Reports"))

    def render_reports(self, ctx: RenderContext) -> str:
        src = ctx.src("reports")
        views = []
        for channel_id, trend in trends_of(ctx).items():
            channel = ctx.plan.get("channels", channel_id)
            if isinstance(channel, Channel):
                views.append(trend_view(ctx, channel, trend))
        views.sort(key=lambda v: (v.channel.title.casefold(), v.channel.id))
        # A public report on a channel this audience may not see has no trend to join: it is
        # still listed, so its page is reachable (its channel reads "internal").
        others = [r for r in ctx.plan.all("reports") if ctx.plan.get("channels", getattr(r, "channel", None)) is None]
        return _render(ctx, "reports/reports.md.j2", src, trends=views, others=others)

    def swot_page(self, ctx: RenderContext) -> Output:
        return Output(ctx.src("swot"), partial(self.render_swot, ctx), nav_title=ctx.gettext("SWOT"))

    def render_swot(self, ctx: RenderContext) -> str:
        src = ctx.src("swot")
        rivals = competitors(ctx.plan)
        return _render(
            ctx,
            "swot/swot.md.j2",
            src,
            competitors=rivals,
            stats=competitor_stats(rivals),
            quadrants=QUADRANTS,
            stale=lambda e: needs_review(e, ctx.today),
        )

    def accounts_page(self, ctx: RenderContext) -> Output:
        return Output(ctx.src("accounts"), partial(self.render_accounts, ctx), nav_title=ctx.gettext("Accounts"))

    def render_accounts(self, ctx: RenderContext) -> str:
        src = ctx.src("accounts")
        checks = account_checks(ctx.plan)
        return _render(ctx, "accounts/accounts.md.j2", src, checks=checks, problems=[c for c in checks if not c.ok])

    def reviews_page(self, ctx: RenderContext) -> Output:
        return Output(ctx.src("reviews"), partial(self.render_reviews, ctx), nav_title=ctx.gettext("Reviews"))

    def render_reviews(self, ctx: RenderContext) -> str:
        src = ctx.src("reviews")
        return _render(
            ctx,
            "reviews/reviews.md.j2",
            src,
            log=review_log(ctx.plan),
            planned=planned_reviews(ctx.plan),
            upcoming=upcoming_reviews(ctx.plan, 4),
            schedule=ctx.plan.mission.review,
        )

    # -- panels ----------------------------------------------------------------------------------
    def panels(self, ctx: RenderContext, entity: Entity, page_src: str) -> Iterable[str]:
        if isinstance(entity, Goal):
            yield self.goal_panel(ctx, entity, page_src)
        elif isinstance(entity, Channel):
            yield self.channel_panel(ctx, entity, page_src)
        elif isinstance(entity, Competitor):
            yield self.competitor_panel(ctx, entity, page_src)
        elif isinstance(entity, ReviewRecord):
            yield _render(ctx, "reviews/review_panel.md.j2", page_src, review=entity)
        elif isinstance(entity, Report):
            yield self.report_panel(ctx, entity, page_src)

    def goal_panel(self, ctx: RenderContext, goal: Goal, page_src: str) -> str:
        view = goal_view(ctx, goal)
        initiatives = ctx.computed.get(SERVING_KEY, {}).get(goal.id, [])
        return _render(
            ctx,
            "kpis/goal_panel.md.j2",
            page_src,
            view=view,
            goal=goal,
            chart=pace_chart(ctx, goal, view.pace),
            suggested=SUGGESTED_METRICS.get(goal.type, ()),
            initiatives=initiatives,
            smart=smart_check(ctx, goal, page_src),
        )

    def channel_panel(self, ctx: RenderContext, channel: Channel, page_src: str) -> str:
        trend = trends_of(ctx).get(channel.id)
        latest = None
        if trend is not None:
            latest = trend_view(ctx, channel, trend)
        return _render(
            ctx,
            "reports/channel_panel.md.j2",
            page_src,
            channel=channel,
            trend=latest,
            untracked=untracked_metrics(channel, trend),
        )

    def competitor_panel(self, ctx: RenderContext, competitor: Competitor, page_src: str) -> str:
        return _render(
            ctx,
            "swot/competitor_panel.md.j2",
            page_src,
            competitor=competitor,
            stats=competitor_stats([competitor]),
            quadrants=QUADRANTS,
        )

    def report_panel(self, ctx: RenderContext, report: Report, page_src: str) -> str:
        changes = report_change(ctx.plan, report, ctx.computed.get(REPORT_INDEX_KEY))
        rows = [(name, value, changes.get(name)) for name, value in report.metrics.items()]
        return _render(ctx, "reports/report_panel.md.j2", page_src, report=report, rows=rows)

    # -- overview --------------------------------------------------------------------------------
    def overview(self, ctx: RenderContext, page_src: str) -> Iterable[tuple[int, str]]:
        plan = ctx.plan
        yield 10, _render(ctx, "kpis/overview_mission.md.j2", page_src, mission=plan.mission)
        elapsed = horizon_elapsed(ctx.today, plan.horizon_start, plan.horizon_end)
        yield (
            20,
            _render(
                ctx,
                "kpis/overview_horizon.md.j2",
                page_src,
                bar=progress_bar(ctx, elapsed),
                elapsed=elapsed,
                # The end date is part of the horizon: on it one day (today) is left, after it none.
                elapsed_text=percent(ctx, elapsed),
                days_left=max((plan.horizon_end - ctx.today).days + 1, 0),
                days_until=max((plan.horizon_start - ctx.today).days, 0),
                over=ctx.today > plan.horizon_end,
            ),
        )
        goals = [goal_view(ctx, g) for g in sorted_goals(ctx)]
        if goals:
            yield 30, _render(ctx, "kpis/overview_goals.md.j2", page_src, goals=goals)
        if plan.is_team:
            checks = account_checks(plan)
            if checks:
                yield (
                    60,
                    _render(
                        ctx,
                        "accounts/overview_accounts.md.j2",
                        page_src,
                        checks=checks,
                        problems=[c for c in checks if not c.ok],
                    ),
                )
        yield (
            70,
            _render(
                ctx,
                "reviews/overview_review.md.j2",
                page_src,
                upcoming=upcoming_reviews(plan, 1),
                schedule=plan.mission.review,
                last=last_review(plan),
            ),
        )
        # The to-do list of evidence to refresh is the team's housekeeping; each page still
        # shows its own "needs review" notice to every audience.
        stale = stale_entities(plan) if plan.is_team else []
        if stale:
            yield 80, _render(ctx, "kpis/overview_stale.md.j2", page_src, stale=stale)

    # -- plan.json -------------------------------------------------------------------------------
    def entity_json(self, ctx: RenderContext, entity: Entity) -> dict[str, Any]:
        if isinstance(entity, Goal):
            pace = pace_of(ctx, entity)
            latest = pace.latest
            return {
                "progress": pace.progress_float,
                "status": pace.status,
                "expected": pace.expected_float,
                "latest_actual": None if latest is None else {"date": latest.date, "value": latest.value},
                "pace_start": ctx.plan.effective.goal_start(entity),
            }
        if isinstance(entity, Report):
            return {
                "change": {
                    name: {"absolute": c.absolute, "percent": c.percent}
                    for name, c in report_change(ctx.plan, entity, ctx.computed.get(REPORT_INDEX_KEY)).items()
                }
            }
        if isinstance(entity, Channel) and ctx.plan.is_team:
            return {"account_problems": list(check_account(entity).problems)}
        return {}

    def json(self, ctx: RenderContext) -> dict[str, Any]:
        upcoming = next_review_entry(ctx.plan)
        return {
            "horizon_elapsed": float(horizon_elapsed(ctx.today, ctx.plan.horizon_start, ctx.plan.horizon_end)),
            "next_review": upcoming.date if upcoming else None,
            "next_review_details": None
            if upcoming is None
            else {
                "date": upcoming.date,
                "time": upcoming.time,
                "title": upcoming.title,
                "review": upcoming.record.id if upcoming.record else None,
            },
            "stale": [
                "mission" if e.section in ("", "mission") else f"{e.section}/{e.id}" for e in stale_entities(ctx.plan)
            ],
        }
