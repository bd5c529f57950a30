"""The budget's arithmetic: rows per line and month, carry-over, available, actual, variance,
totals (per month, line, category, channel, initiative, horizon), the category order and
``budget.csv``. Pure: a :class:`~smm_docs_plugin.plan.Plan` in, ``Decimal`` rows, totals and CSV
text out — no HTML, no templates, no MkDocs.

The budget page (``features/budget.py``, its presentation), ``budget.csv``, ``plan.json``, the
overview and ``smm diff`` all read these rows and totals, so a number a finance colleague sees
in the CSV is the number the page shows and the one a pull request's diff reports. Every amount
is a ``Decimal`` from the plan file to the output; rounding happens only when text is written
(:func:`format_amount` for files, ``context.format_money`` for people).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from .model import BUDGET_CATEGORIES, BudgetLine
from .plan import Plan

ZERO = Decimal("0.00")
CENT = Decimal("0.01")

#: The columns of ``budget.csv`` and the keys of ``plan.json``'s ``budget_rows``, in order.
CSV_HEADER: tuple[str, ...] = (
    "line",
    "title",
    "category",
    "channel",
    "initiative",
    "month",
    "planned",
    "carried_in",
    "available",
    "actual",
    "variance",
)
#: What a reference the audience may not see reads in the CSV and JSON.
INTERNAL = "internal"
#: A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


# --- the rows -------------------------------------------------------------------------------


class BudgetRow(NamedTuple):
    """One budget line in one horizon month, computed exactly as PLAN_FORMAT §2 says.

    ``channel``/``initiative`` hold the referenced id only when the plan's audience may see
    that entity; a reference to a hidden (internal) entity is ``None`` with ``*_hidden`` set,
    so no consumer of the rows can print an id a stakeholder must not see.
    ``actual`` and ``variance`` are ``None`` when no spend is recorded for the month.
    (A named tuple: immutable, and cheap enough for 24,000 rows.)
    """

    line: str
    title: str
    category: str
    channel: str | None
    initiative: str | None
    month: str
    planned: Decimal
    carried_in: Decimal
    available: Decimal
    actual: Decimal | None
    variance: Decimal | None
    channel_hidden: bool = False
    initiative_hidden: bool = False

    @property
    def has_actual(self) -> bool:
        return self.actual is not None

    @property
    def overspent(self) -> bool:
        """Negative variance: more was spent than was available this month."""
        return self.variance is not None and self.variance < 0

    @property
    def channel_cell(self) -> str | None:
        """The channel as published: its id, ``"internal"`` when hidden, ``None`` when none."""
        return INTERNAL if self.channel_hidden else self.channel

    @property
    def initiative_cell(self) -> str | None:
        """The initiative as published: its id, ``"internal"`` when hidden, ``None`` when none."""
        return INTERNAL if self.initiative_hidden else self.initiative

    def amounts(self) -> tuple[str, str, str, str | None, str | None]:
        """planned, carried_in, available, actual, variance as published (``"1234.50"``)."""
        return (
            f"{self.planned:.2f}",
            f"{self.carried_in:.2f}",
            f"{self.available:.2f}",
            None if self.actual is None else f"{self.actual:.2f}",
            None if self.variance is None else f"{self.variance:.2f}",
        )

    def record(self) -> dict[str, str | None]:
        """The row as published (CSV cells, ``plan.json``): amounts as ``"1234.50"``, ``None``
        where the cell is empty, a hidden reference as ``"internal"``."""
        return dict(
            zip(
                CSV_HEADER,
                (
                    self.line,
                    self.title,
                    self.category,
                    self.channel_cell,
                    self.initiative_cell,
                    self.month,
                    *self.amounts(),
                ),
                strict=True,
            )
        )


def format_amount(amount: Decimal | None) -> str | None:
    """Two decimals and a dot, never locale-formatted and never through a float."""
    if amount is None:
        return None
    return f"{amount:.2f}"


def month_key(day: date) -> str:
    """``YYYY-MM`` of a date, the form budget mappings use."""
    return f"{day.year:04d}-{day.month:02d}"


def planned_in(line: BudgetLine, month: str) -> Decimal:
    """``planned(m)`` for a horizon month: a number is that amount in every horizon month; a
    mapping gives only its own months (0 elsewhere)."""
    if isinstance(line.planned, dict):
        return line.planned.get(month, ZERO)
    return line.planned


def line_rows(plan: Plan, line: BudgetLine) -> list[BudgetRow]:
    """The rows of one budget line, one per horizon month in order, following §2:

    ``carried_in(m) = max(0, available(m-1) - actual(m-1))`` when ``carry_over`` is on and the
    previous horizon month has a recorded actual, else 0; ``available = planned + carried_in``;
    ``variance = available - actual`` only when an actual is recorded.
    """
    channel_hidden = line.channel is not None and plan.get("channels", line.channel) is None
    initiative_hidden = line.initiative is not None and plan.get("initiatives", line.initiative) is None
    channel = None if channel_hidden else line.channel
    initiative = None if initiative_hidden else line.initiative

    rows: list[BudgetRow] = []
    previous: BudgetRow | None = None
    for month in plan.months:
        planned = planned_in(line, month)
        carried_in = ZERO
        if line.carry_over and previous is not None and previous.actual is not None:
            carried_in = max(ZERO, previous.available - previous.actual)
        available = planned + carried_in
        actual = line.actual.get(month)
        variance = available - actual if actual is not None else None
        previous = BudgetRow(
            line=line.id,
            title=line.title,
            category=line.category,
            channel=channel,
            initiative=initiative,
            month=month,
            planned=planned,
            carried_in=carried_in,
            available=available,
            actual=actual,
            variance=variance,
            channel_hidden=channel_hidden,
            initiative_hidden=initiative_hidden,
        )
        rows.append(previous)
    return rows


def budget_lines(plan: Plan) -> list[BudgetLine]:
    """The budget lines the plan's audience may see, in id order."""
    lines = [line for line in plan.all("budget") if isinstance(line, BudgetLine)]
    return sorted(lines, key=lambda line: line.id)


def budget_rows(plan: Plan) -> list[BudgetRow]:
    """Every visible budget line for every horizon month: lines in id order, months in order.

    This is exactly the content of ``budget.csv`` and of ``plan.json``'s ``budget_rows``.
    """
    return [row for line in budget_lines(plan) for row in line_rows(plan, line)]


# --- totals ---------------------------------------------------------------------------------


def category_order(categories: Iterable[str]) -> list[str]:
    """The categories that occur, in the one order every table, summary and diff lists them:
    the contract's order (``software``, ``advertising``, ``services``, ``assets``, ``other``),
    then anything else alphabetically."""
    present = set(categories)
    return [c for c in BUDGET_CATEGORIES if c in present] + sorted(present - set(BUDGET_CATEGORIES))


@dataclass(frozen=True)
class BudgetTotals:
    """Sums over a set of rows.

    ``variance`` sums the variances of the months with a recorded actual (``None`` if there is
    none): per month that is the month's variance across lines. Over several months of a
    carry-over line monthly variances are not additive (unspent money would be counted once
    per month it rolls), so :attr:`balance` — planned minus actual over the months with a
    recorded actual — is the figure for a horizon. "To date" means horizon months up to and
    including today's month.
    """

    planned: Decimal = ZERO
    carried_in: Decimal = ZERO
    available: Decimal = ZERO
    actual: Decimal = ZERO
    variance: Decimal | None = None
    planned_recorded: Decimal = ZERO
    planned_to_date: Decimal = ZERO
    actual_to_date: Decimal = ZERO
    rows: int = 0
    recorded: int = 0

    @property
    def has_actual(self) -> bool:
        return self.recorded > 0

    @property
    def remaining(self) -> Decimal:
        """What is left of the horizon's plan after the spend to date."""
        return self.planned - self.actual_to_date

    @property
    def balance(self) -> Decimal | None:
        """Planned minus actual over the months that have an actual (negative: overspent)."""
        return self.planned_recorded - self.actual if self.recorded else None

    @property
    def overspent(self) -> bool:
        return self.variance is not None and self.variance < 0

    @property
    def balance_overspent(self) -> bool:
        balance = self.balance
        return balance is not None and balance < 0


def row_totals(row: BudgetRow, today_month: str | None = None) -> BudgetTotals:
    """The totals of one row: what :func:`merge_totals` adds up. With ``today_month``
    (``YYYY-MM``) a row of that month or earlier counts in the to-date sums."""
    to_date = today_month is not None and row.month <= today_month
    recorded = row.actual is not None
    return BudgetTotals(
        planned=row.planned,
        carried_in=row.carried_in,
        available=row.available,
        actual=row.actual if row.actual is not None else ZERO,
        variance=(row.variance if row.variance is not None else ZERO) if recorded else None,
        planned_recorded=row.planned if recorded else ZERO,
        planned_to_date=row.planned if to_date else ZERO,
        actual_to_date=row.actual if to_date and row.actual is not None else ZERO,
        rows=1,
        recorded=1 if recorded else 0,
    )


def sum_rows(rows: Iterable[BudgetRow], today_month: str | None = None) -> BudgetTotals:
    """Totals of ``rows``. With ``today_month`` (``YYYY-MM``) the to-date sums count the rows of
    that month and earlier; without it they stay 0."""
    return merge_totals(row_totals(row, today_month) for row in rows)


def merge_totals(parts: Iterable[BudgetTotals]) -> BudgetTotals:
    """The totals of several disjoint sets of rows (e.g. a category from its lines' totals)."""
    planned = carried_in = available = actual = variance = ZERO
    planned_recorded = planned_to_date = actual_to_date = ZERO
    count = recorded = 0
    for part in parts:
        planned += part.planned
        carried_in += part.carried_in
        available += part.available
        actual += part.actual
        if part.variance is not None:
            variance += part.variance
        planned_recorded += part.planned_recorded
        planned_to_date += part.planned_to_date
        actual_to_date += part.actual_to_date
        count += part.rows
        recorded += part.recorded
    return BudgetTotals(
        planned=planned,
        carried_in=carried_in,
        available=available,
        actual=actual,
        variance=variance if recorded else None,
        planned_recorded=planned_recorded,
        planned_to_date=planned_to_date,
        actual_to_date=actual_to_date,
        rows=count,
        recorded=recorded,
    )


def today_month(plan: Plan) -> str:
    """The month that holds the plan's today."""
    return month_key(plan.today)


def months_to_date(plan: Plan) -> list[str]:
    """Horizon months up to and including today's month (all of them once the horizon is over,
    none before it starts)."""
    current = today_month(plan)
    return [month for month in plan.months if month <= current]


def months_outside_horizon(plan: Plan, line: BudgetLine) -> list[str]:
    """The months a line's ``planned`` mapping or ``actual`` names outside the horizon, in
    order: the plan file lists them, but no row, total or summary counts them (§2: a warning)."""
    named = set(line.actual)
    if isinstance(line.planned, dict):
        named.update(line.planned)
    horizon = set(plan.months)
    return sorted(month for month in named if month not in horizon)


def _group(rows: Iterable[BudgetRow], key: Callable[[BudgetRow], Any]) -> dict[Any, list[BudgetRow]]:
    groups: dict[Any, list[BudgetRow]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return groups


def totals_by(
    rows: Iterable[BudgetRow], key: Callable[[BudgetRow], Any], today_month: str | None = None
) -> dict[Any, BudgetTotals]:
    """Totals per group of ``key(row)``, groups in sorted key order."""
    groups = _group(rows, key)
    return {k: sum_rows(groups[k], today_month) for k in sorted(groups, key=_sort_key)}


def _sort_key(value: Any) -> Any:
    return (value is None, value if value is not None else "")


def totals_by_month(rows: Iterable[BudgetRow], months: Sequence[str]) -> dict[str, BudgetTotals]:
    """Totals per month across lines, for every given month (an empty month sums to 0)."""
    groups = _group(rows, lambda row: row.month)
    return {month: sum_rows(groups.get(month, ())) for month in months}


def totals_by_line(rows: Iterable[BudgetRow], today_month: str | None = None) -> dict[str, BudgetTotals]:
    """Horizon totals per budget line id."""
    return totals_by(rows, lambda row: row.line, today_month)


def totals_by_category(rows: Iterable[BudgetRow], today_month: str | None = None) -> dict[str, BudgetTotals]:
    """Totals per category, in the contract's category order (only categories that occur)."""
    groups = _group(rows, lambda row: row.category)
    return {category: sum_rows(groups[category], today_month) for category in category_order(groups)}


#: Group keys of :func:`totals_by_channel`/:func:`totals_by_initiative` besides visible ids.
HIDDEN_GROUP = ("hidden",)
NO_GROUP = ("none",)


def _reference_group(ref: str | None, hidden: bool) -> Any:
    if hidden:
        return HIDDEN_GROUP
    return ref if ref is not None else NO_GROUP


def _ordered_reference_groups(keys: Iterable[Any]) -> list[Any]:
    """Visible ids in id order, then the hidden group, then the group without a reference."""
    present = set(keys)
    return sorted(k for k in present if isinstance(k, str)) + [k for k in (HIDDEN_GROUP, NO_GROUP) if k in present]


def totals_by_channel(rows: Iterable[BudgetRow], today_month: str | None = None) -> dict[Any, BudgetTotals]:
    """Totals per channel id; lines pointing at a channel the audience may not see are summed
    under :data:`HIDDEN_GROUP`, lines without a channel under :data:`NO_GROUP` (both last)."""
    groups = _group(rows, lambda row: _reference_group(row.channel, row.channel_hidden))
    return {k: sum_rows(groups[k], today_month) for k in _ordered_reference_groups(groups)}


def totals_by_initiative(rows: Iterable[BudgetRow], today_month: str | None = None) -> dict[Any, BudgetTotals]:
    """Totals per initiative id, hidden and missing references grouped as in
    :func:`totals_by_channel`."""
    groups = _group(rows, lambda row: _reference_group(row.initiative, row.initiative_hidden))
    return {k: sum_rows(groups[k], today_month) for k in _ordered_reference_groups(groups)}


def horizon_totals(plan: Plan, rows: Iterable[BudgetRow] | None = None) -> BudgetTotals:
    """Totals of the whole budget over the horizon, with spend and plan to date (today's month
    included). The overview and ``smm diff`` use this."""
    return sum_rows(budget_rows(plan) if rows is None else rows, today_month(plan))


# --- the CSV --------------------------------------------------------------------------------


def neutralise_formula(text: str) -> str:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def budget_csv(rows: Iterable[BudgetRow]) -> str:
    """``budget.csv``: the exact header, one row per line per horizon month, amounts as
    ``1234.50``, empty cells where nothing is recorded; text cells neutralised against formula
    injection (amount cells are numbers and stay as they are)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    text_cells: dict[str, tuple[str, ...]] = {}
    for row in rows:
        cells = text_cells.get(row.line)
        if cells is None:
            # A lone CR is not quoted by the csv module (our line terminator is LF) yet ends
            # the row in every spreadsheet: a title "x\r=1+1" would start a row with a formula.
            cells = text_cells[row.line] = tuple(
                neutralise_formula(text or "").replace("\r\n", "\n").replace("\r", "\n")
                for text in (row.line, row.title, row.category, row.channel_cell, row.initiative_cell)
            )
        writer.writerow((*cells, neutralise_formula(row.month), *("" if a is None else a for a in row.amounts())))
    return buffer.getvalue()


# --- the budget of a plan, computed once -------------------------------------------------


@dataclass
class BudgetView:
    """A plan's budget, computed once (a build keeps it on ``ctx.computed["budget"]``): the
    rows, the rows per line and the lines per category, channel and initiative, and the totals."""

    rows: list[BudgetRow]
    months: list[str]
    today_month: str
    lines: dict[str, BudgetLine]
    by_line: dict[str, list[BudgetRow]]
    line_totals: dict[str, BudgetTotals]
    totals: BudgetTotals
    lines_by_category: dict[str, list[str]]
    lines_by_channel: dict[str, list[str]]
    lines_by_initiative: dict[str, list[str]]

    @classmethod
    def compute(cls, plan: Plan) -> BudgetView:
        rows = budget_rows(plan)
        current = today_month(plan)
        lines = {line.id: line for line in budget_lines(plan)}
        by_line = dict(_group(rows, lambda row: row.line))
        line_totals = {line: sum_rows(line_rows_, current) for line, line_rows_ in by_line.items()}
        by_category: dict[str, list[str]] = defaultdict(list)
        by_channel: dict[str, list[str]] = defaultdict(list)
        by_initiative: dict[str, list[str]] = defaultdict(list)
        for line_id, line_rows_ in by_line.items():
            first = line_rows_[0]
            by_category[first.category].append(line_id)
            if first.channel is not None:
                by_channel[first.channel].append(line_id)
            if first.initiative is not None:
                by_initiative[first.initiative].append(line_id)
        return cls(
            rows=rows,
            months=list(plan.months),
            today_month=current,
            lines=lines,
            by_line=by_line,
            line_totals=line_totals,
            totals=merge_totals(line_totals.values()),
            lines_by_category=dict(by_category),
            lines_by_channel=dict(by_channel),
            lines_by_initiative=dict(by_initiative),
        )

    def rows_of(self, line_ids: Iterable[str]) -> list[BudgetRow]:
        return [row for line_id in line_ids for row in self.by_line[line_id]]

    def totals_of(self, line_ids: Iterable[str]) -> BudgetTotals:
        """Totals of some lines, merged from their line totals (no second pass over rows)."""
        return merge_totals(self.line_totals[line_id] for line_id in line_ids)

    def totals_per(self, field: str) -> dict[Any, BudgetTotals]:
        """The same as :func:`totals_by_category` / ``_channel`` / ``_initiative`` (``field`` is
        ``category``, ``channel`` or ``initiative``), merged from the line totals."""
        groups: dict[Any, list[str]] = defaultdict(list)
        for line_id, rows in self.by_line.items():
            first = rows[0]
            if field == "category":
                groups[first.category].append(line_id)
            else:
                groups[_reference_group(getattr(first, field), getattr(first, f"{field}_hidden"))].append(line_id)
        order = category_order(groups) if field == "category" else _ordered_reference_groups(groups)
        return {key: self.totals_of(groups[key]) for key in order}
