"""Channel reports as trends: a metrics x months table per channel with month-over-month change.

Decisions the contract leaves open (documented in the KPI docs):

* The months of a channel's table run without gaps from its first report to its last; a
  month without a report shows an empty cell.
* Month-over-month change compares a month with the calendar month before it; with no value
  in either, there is no change. The percentage is relative to the earlier value's size and
  is left out when that value is 0.
* Two reports for the same channel and month merge, the later id winning per metric.
* A channel's tracked ``metrics`` match report metric names case-insensitively, with spaces,
  hyphens and underscores treated alike (``Link clicks`` = ``link_clicks``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ..model import Channel, Report
from ..plan import Plan, month_range

_SEPARATORS = re.compile(r"[\s_\-]+")


def metric_key(name: str) -> str:
    """The form under which a tracked metric and a reported metric are the same metric."""
    return _SEPARATORS.sub(" ", name.strip()).casefold()


@dataclass(frozen=True)
class Change:
    """The difference from the month before: ``absolute`` in the metric's unit, ``percent``
    rounded to one decimal (``None`` when the earlier value is 0)."""

    absolute: Decimal
    percent: Decimal | None

    @property
    def direction(self) -> str:
        return "up" if self.absolute > 0 else "down" if self.absolute < 0 else "flat"


def month_change(previous: Decimal | None, current: Decimal | None) -> Change | None:
    """The change from ``previous`` to ``current``; ``None`` when either is missing."""
    if previous is None or current is None:
        return None
    absolute = current - previous
    if previous == 0:
        return Change(absolute, None)
    percent = (absolute * 100 / abs(previous)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Change(absolute, percent)


@dataclass(frozen=True)
class SparkPoint:
    x: float
    y: float
    month: str
    value: Decimal


@dataclass
class MetricTrend:
    """One row of a channel's table: a value and a change per month."""

    name: str
    values: list[Decimal | None]
    changes: list[Change | None]
    tracked: bool = False

    def sparkline(self, months: list[str], width: float = 100, height: float = 24, pad: float = 2) -> list[SparkPoint]:
        """Points of a sparkline in a ``width`` x ``height`` box: the months spread evenly,
        the lowest value at the bottom and the highest at the top (a flat series in the middle)."""
        present = [(i, v) for i, v in enumerate(self.values) if v is not None]
        if not present:
            return []
        low = min(v for _, v in present)
        high = max(v for _, v in present)
        span_x = max(len(months) - 1, 1)
        points = []
        for index, value in present:
            x = pad + (width - 2 * pad) * index / span_x if len(months) > 1 else width / 2
            y = height / 2 if high == low else pad + (height - 2 * pad) * float((high - value) / (high - low))
            points.append(SparkPoint(round(x, 2), round(y, 2), months[index], value))
        return points


@dataclass
class ChannelTrend:
    """Every report of one channel, month by month."""

    channel: str
    months: list[str]
    reports: dict[str, list[Report]] = field(default_factory=dict)
    rows: list[MetricTrend] = field(default_factory=list)


def channel_trend(channel_id: str, reports: Iterable[Report], tracked: Iterable[str] = ()) -> ChannelTrend | None:
    """The trend of one channel from its reports (any order); ``None`` without reports.

    Rows list the channel's tracked metrics first (in their order), then every other reported
    metric alphabetically."""
    mine = sorted((r for r in reports if r.channel == channel_id), key=lambda r: (r.period, r.id))
    if not mine:
        return None
    months = month_range(_month_start(mine[0].period), _month_start(mine[-1].period))
    by_month: dict[str, list[Report]] = {}
    values: dict[str, dict[str, Decimal]] = {}
    names: dict[str, str] = {}
    for report in mine:
        by_month.setdefault(report.period, []).append(report)
        for name, value in report.metrics.items():
            key = metric_key(name)
            names.setdefault(key, name)
            values.setdefault(key, {})[report.period] = value
    tracked_keys = list(dict.fromkeys(metric_key(name) for name in tracked))
    ordered = [k for k in tracked_keys if k in values]
    ordered += sorted((k for k in values if k not in tracked_keys), key=lambda k: (k, names[k]))
    rows = []
    for key in ordered:
        row_values = [values[key].get(month) for month in months]
        changes = [None] + [month_change(a, b) for a, b in itertools.pairwise(row_values)]
        rows.append(MetricTrend(names[key], row_values, changes, tracked=key in tracked_keys))
    return ChannelTrend(channel=channel_id, months=months, reports=by_month, rows=rows)


def channel_trends(plan: Plan) -> dict[str, ChannelTrend]:
    """A trend per channel that has reports, keyed by channel id in id order. Reports of a
    channel the audience may not see are left out: what an internal profile measures is internal."""
    reports = [r for r in plan.all("reports") if isinstance(r, Report)]
    trends = {}
    for channel_id in sorted({r.channel for r in reports}):
        channel = plan.get("channels", channel_id)
        if not isinstance(channel, Channel):
            continue
        trend = channel_trend(channel_id, reports, channel.metrics)
        if trend is not None:
            trends[channel_id] = trend
    return trends


def untracked_metrics(channel: Channel, trend: ChannelTrend | None) -> list[str]:
    """The channel's tracked ``metrics`` that no report gives yet, in the channel's order."""
    reported = {metric_key(row.name) for row in trend.rows} if trend else set()
    return [name for name in dict.fromkeys(channel.metrics) if metric_key(name) not in reported]


MetricsIndex = dict[tuple[str, str], dict[str, Decimal]]


def metrics_index(plan: Plan) -> MetricsIndex:
    """Every report's metrics by ``(channel, period)`` (merged in id order, keys normalised),
    so a report's previous month is one lookup."""
    index: MetricsIndex = {}
    for report in sorted(plan.all("reports"), key=lambda r: r.id):
        if isinstance(report, Report):
            merged = index.setdefault((report.channel, report.period), {})
            merged.update({metric_key(k): v for k, v in report.metrics.items()})
    return index


def previous_period(period: str) -> str:
    year, month = int(period[:4]), int(period[5:])
    return f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"


def report_change(plan: Plan, report: Report, index: MetricsIndex | None = None) -> dict[str, Change]:
    """Per metric of ``report``, the change from the same channel's previous calendar month."""
    if index is None:
        index = metrics_index(plan)
    previous = index.get((report.channel, previous_period(report.period)), {})
    found = {}
    for name, value in report.metrics.items():
        change = month_change(previous.get(metric_key(name)), value)
        if change is not None:
            found[name] = change
    return found


def _month_start(period: str) -> date:
    return date(int(period[:4]), int(period[5:]), 1)
