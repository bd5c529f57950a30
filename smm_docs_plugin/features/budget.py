"""The budget: planned against actual spend per line and month, carry-over, variance, totals.

The computation (:func:`budget_rows` and the totals helpers) is pure and public: the budget
page, ``budget.csv``, ``plan.json``, the overview and ``smm diff`` all read the same rows, so
a number a finance colleague sees in the CSV is the number the page shows. Every amount is a
``Decimal`` from the plan file to the output; rounding happens only when text is written.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from markupsafe import Markup, escape

from ..context import Feature, Output, RenderContext
from ..labels import BUDGET_CATEGORY_LABELS, BUDGET_NONE
from ..model import BUDGET_CATEGORIES, BudgetLine, Entity
from ..plan import Plan

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


def sum_rows(rows: Iterable[BudgetRow], today_month: str | None = None) -> BudgetTotals:
    """Totals of ``rows``. With ``today_month`` (``YYYY-MM``) the to-date sums count the rows of
    that month and earlier; without it they stay 0."""
    planned = carried_in = available = actual = variance = ZERO
    planned_recorded = planned_to_date = actual_to_date = ZERO
    count = recorded = 0
    for row in rows:
        count += 1
        planned += row.planned
        carried_in += row.carried_in
        available += row.available
        to_date = today_month is not None and row.month <= today_month
        if to_date:
            planned_to_date += row.planned
        if row.actual is not None:
            recorded += 1
            actual += row.actual
            planned_recorded += row.planned
            variance += row.variance if row.variance is not None else ZERO
            if to_date:
                actual_to_date += row.actual
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
    order = [c for c in BUDGET_CATEGORIES if c in groups] + sorted(set(groups) - set(BUDGET_CATEGORIES))
    return {category: sum_rows(groups[category], today_month) for category in order}


#: Group keys of :func:`totals_by_channel`/:func:`totals_by_initiative` besides visible ids.
HIDDEN_GROUP = ("hidden",)
NO_GROUP = ("none",)


def _reference_group(ref: str | None, hidden: bool) -> Any:
    if hidden:
        return HIDDEN_GROUP
    return ref if ref is not None else NO_GROUP


def _ordered_reference_groups(groups: dict[Any, list[BudgetRow]]) -> list[Any]:
    ids = sorted(k for k in groups if isinstance(k, str))
    return ids + [k for k in (HIDDEN_GROUP, NO_GROUP) if k in groups]


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


# --- views for the templates ----------------------------------------------------------------


@dataclass
class BudgetView:
    """Everything computed once per build (kept on ``ctx.computed["budget"]``): the rows, the
    rows per line and the lines per category, channel and initiative, and the totals."""

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
        if field == "category":
            order = [c for c in BUDGET_CATEGORIES if c in groups] + sorted(set(groups) - set(BUDGET_CATEGORIES))
        else:
            order = _ordered_reference_groups(groups)
        return {key: self.totals_of(groups[key]) for key in order}


def view(ctx: RenderContext) -> BudgetView:
    """The build's budget, computed on first use."""
    found = ctx.computed.get("budget")
    if not isinstance(found, BudgetView):
        found = BudgetView.compute(ctx.plan)
        ctx.computed["budget"] = found
        ctx.computed["budget_rows"] = found.rows
    return found


#: One row of figures as the templates draw it: kind (``planned``, ``carried``, ``available``,
#: ``actual``, ``variance``), its label, and its cells (one ``<td>`` per month, then the horizon
#: ``<td>``) already rendered by :func:`amount_cells`.
FigureRow = tuple[str, str, Markup]


@lru_cache(maxsize=16)
def _flag_html(flag: str) -> str:
    return f'<span class="smm-flag">{escape(flag)}</span> '


def amount_cells(
    money: Money, flag: str, amounts: Iterable[Decimal | None], overspend: bool = False, last_class: str = ""
) -> Markup:
    """``<td>`` cells for amounts (``None`` is an empty cell). With ``overspend`` a negative amount
    is flagged in words (``flag``, e.g. "▲ overspent") and by the ``smm-overspent`` class, not by
    colour alone. Built in Python: a 1,000-line budget has 120,000 cells, and a Jinja loop with
    autoescape over them costs most of a second."""
    flagged = _flag_html(flag)
    parts = []
    for amount in amounts:
        if amount is None:
            parts.append("<td></td>")
        elif overspend and amount < 0:
            parts.append(f'<td class="smm-overspent">{flagged}{money.html(amount)}</td>')
        else:
            parts.append(f"<td>{money.html(amount)}</td>")
    if last_class and parts:
        last = parts[-1]
        parts[-1] = (
            last.replace('<td class="', f'<td class="{last_class} ', 1)
            if last.startswith('<td class="')
            else last.replace("<td", f'<td class="{last_class}"', 1)
        )
    return Markup("".join(parts))


def summary_cells(ctx: RenderContext, money: Money, totals: BudgetTotals) -> Markup:
    """Planned, planned to date, spent to date and remaining, then the horizon's actual and
    variance (flagged when negative).

    Spend to date stops at today's month; the horizon actual also counts spend already recorded
    for later months, so no recorded amount is missing from a summary. The variance is
    :attr:`BudgetTotals.balance`, the figure the monthly table's horizon column shows; both are
    empty when nothing is recorded.
    """
    return amount_cells(
        money,
        ctx.gettext("▲ overspent"),
        [
            totals.planned,
            totals.planned_to_date,
            totals.actual_to_date,
            totals.remaining,
            totals.actual if totals.has_actual else None,
            totals.balance,
        ],
        overspend=True,
    )


def figure_rows(
    ctx: RenderContext, money: Money, cells: Sequence[BudgetRow | BudgetTotals], horizon: BudgetTotals
) -> list[FigureRow]:
    """The five figure rows (planned, carried in, available, actual, variance) of a line, a
    subtotal or the total: one cell per month and a horizon cell. A carried-in of 0 and a
    month without recorded spend show an empty cell; the horizon column shows planned and
    actual totals and, as its variance, :attr:`BudgetTotals.balance`."""
    flag = ctx.gettext("▲ overspent")
    horizon_class = "smm-budget-horizon"

    def cells_of(amounts: list[Decimal | None], horizon_amount: Decimal | None, overspend: bool = False) -> Markup:
        return amount_cells(money, flag, [*amounts, horizon_amount], overspend, horizon_class)

    return [
        ("planned", ctx.gettext("Planned"), cells_of([c.planned for c in cells], horizon.planned)),
        ("carried", ctx.gettext("Carried in"), cells_of([c.carried_in or None for c in cells], None)),
        ("available", ctx.gettext("Available"), cells_of([c.available for c in cells], None)),
        (
            "actual",
            ctx.gettext("Actual"),
            cells_of(
                [c.actual if c.has_actual else None for c in cells], horizon.actual if horizon.has_actual else None
            ),
        ),
        ("variance", ctx.gettext("Variance"), cells_of([c.variance for c in cells], horizon.balance, overspend=True)),
    ]


def month_labels(ctx: RenderContext) -> dict[str, str]:
    """Horizon months as column headings ("Jan 2027" in English), computed once per build."""
    found = ctx.computed.get("budget_month_labels")
    if not isinstance(found, dict):
        found = ctx.computed["budget_month_labels"] = {m: _month_label(ctx, m) for m in ctx.plan.months}
    return found


_HTML_SPECIAL = re.compile(r"[&<>\"']")


class Money:
    """``ctx.money`` for many amounts, byte for byte the same text, fast enough for a 1,000-line
    budget (babel takes tens of microseconds per call; a budget page shows ~100,000 amounts).

    The locale's layout (symbol and sign placement, group and decimal separators, group sizes)
    is read once from what babel prints for a probe amount; the copy is then checked against
    babel on a set of amounts and used only if every one matches. Otherwise (a currency
    without cents, a locale with unusual grouping) every distinct amount goes through babel once.
    """

    PROBE = Decimal("1234567.89")
    CHECKS = tuple(
        Decimal(text) * sign
        for text in (
            "0",
            "0.01",
            "0.5",
            "7",
            "12.34",
            "999.99",
            "1000",
            "1234.5",
            "10000",
            "99999.99",
            "100000",
            "1234567.89",
            "123456789.01",
            "1000000000000.01",
        )
        for sign in (1, -1)
    )

    def __init__(self, format: Callable[[Decimal], str]):
        self._format = format
        self._seen: dict[Decimal, str] = {}
        self._seen_html: dict[Decimal, str] = {}
        self._layout = self._read_layout()

    @classmethod
    def of(cls, ctx: RenderContext) -> Money:
        """The build's formatter (one per context, so every page shares what it learned)."""
        found = ctx.computed.get("budget_money")
        if not isinstance(found, Money):
            found = ctx.computed["budget_money"] = cls(ctx.money)
        return found

    def _read_layout(self) -> tuple[str, str, str, str, str, str, int, int] | None:
        layouts = []
        for probe in (self.PROBE, -self.PROBE):
            text = self._format(probe)
            digits = [i for i, char in enumerate(text) if "0" <= char <= "9"]
            if not digits:
                return None
            number = text[digits[0] : digits[-1] + 1]
            parts, separators = re.split(r"[^0-9]+", number), re.findall(r"[^0-9]+", number)
            if "".join(parts) != "123456789" or len(parts) < 3 or parts[-1] != "89":
                return None
            groups, decimal_sep = parts[:-1], separators[-1]
            if len(set(separators[:-1])) != 1:
                return None
            layouts.append(
                (
                    text[: digits[0]],
                    text[digits[-1] + 1 :],
                    separators[0],
                    decimal_sep,
                    len(groups[-1]),
                    len(groups[-2]),
                )
            )
        (prefix, suffix, group, decimal, primary, secondary), (neg_prefix, neg_suffix, *_) = layouts
        if layouts[0][2:] != layouts[1][2:]:
            return None
        layout = (prefix, suffix, neg_prefix, neg_suffix, group, decimal, primary, secondary)
        if any(self._fast(amount, layout) != self._format(amount) for amount in self.CHECKS):
            return None
        return layout

    @staticmethod
    def _fast(amount: Decimal, layout: tuple[str, str, str, str, str, str, int, int]) -> str:
        prefix, suffix, neg_prefix, neg_suffix, group, decimal, primary, secondary = layout
        negative = amount.is_signed()
        if primary == secondary == 3:
            number = f"{abs(amount):,.2f}".translate({44: group, 46: decimal})
            return f"{neg_prefix}{number}{neg_suffix}" if negative else f"{prefix}{number}{suffix}"
        whole, cents = f"{abs(amount).quantize(CENT):f}".split(".")
        groups = [whole[-primary:]]
        whole = whole[:-primary]
        while whole:
            groups.append(whole[-secondary:])
            whole = whole[:-secondary]
        number = group.join(reversed(groups)) + decimal + cents
        return f"{neg_prefix}{number}{neg_suffix}" if negative else f"{prefix}{number}{suffix}"

    def html(self, amount: Decimal) -> str:
        """The amount's text escaped for HTML (escaped once per distinct amount)."""
        text = self._seen_html.get(amount)
        if text is None:
            text = self(amount)
            if _HTML_SPECIAL.search(text):
                text = str(escape(text))
            self._seen_html[amount] = text
        return text

    def __call__(self, amount: Decimal | None) -> str:
        if amount is None:
            return ""
        text = self._seen.get(amount)
        if text is None:
            layout = self._layout
            text = self._fast(amount, layout) if layout is not None else self._format(amount)
            self._seen[amount] = text
        return text


def _month_label(ctx: RenderContext, month: str) -> str:
    year, number = month.split("-")
    return ctx.date(date(int(year), int(number), 1), "MMM y")


def _to_date_label(ctx: RenderContext) -> str | None:
    """The last month counted "to date", as people read it; None before the horizon starts."""
    months = months_to_date(ctx.plan)
    return month_labels(ctx)[months[-1]] if months else None


def _reference_label(ctx: RenderContext, page_src: str, section: str, key: Any) -> Markup:
    if key == HIDDEN_GROUP:
        return Markup('<span class="smm-internal">{}</span>').format(ctx.gettext("internal"))
    if key == NO_GROUP:
        return Markup('<span class="smm-none">{}</span>').format(ctx.gettext(BUDGET_NONE[section]))
    return ctx.link(page_src, section, key)


# --- the feature ----------------------------------------------------------------------------


class BudgetFeature(Feature):
    """``budget/`` (replacing the generic section index), ``budget.csv``, panels on budget
    line, channel and initiative pages, the overview's budget to date and ``budget_rows`` in
    ``plan.json``."""

    name = "budget"

    def prepare(self, ctx: RenderContext) -> None:
        view(ctx)

    def outputs(self, ctx: RenderContext) -> Iterator[Output]:
        # Plain str: Markup would escape whatever a later step appends to the page.
        yield Output(ctx.src("budget"), lambda: str(self.render_page(ctx, view(ctx))), nav_title=ctx.gettext("Budget"))
        yield Output(ctx.file("budget.csv"), lambda: budget_csv(view(ctx).rows))

    def render_page(self, ctx: RenderContext, budget: BudgetView) -> Markup:
        """The budget page: monthly table grouped by category, totals and summaries."""
        page_src = ctx.src("budget")
        money = Money.of(ctx)
        current = budget.today_month
        categories = []
        for category in [c for c in BUDGET_CATEGORIES if c in budget.lines_by_category]:
            members = budget.lines_by_category[category]
            label = ctx.gettext(BUDGET_CATEGORY_LABELS[category])
            categories.append(
                {
                    "id": category,
                    "label": label,
                    "lines": [
                        {
                            "id": line_id,
                            "link": ctx.link(page_src, "budget", line_id),
                            "carry_over": budget.lines[line_id].carry_over,
                            "figures": figure_rows(ctx, money, budget.by_line[line_id], budget.line_totals[line_id]),
                        }
                        for line_id in members
                    ],
                    "subtotal": ctx.gettext("Subtotal: %(category)s", category=label),
                    "figures": figure_rows(
                        ctx,
                        money,
                        list(totals_by_month(budget.rows_of(members), budget.months).values()),
                        budget.totals_of(members),
                    ),
                }
            )
        summaries = [
            {
                "key": "category",
                "title": ctx.gettext("By category"),
                "column": ctx.gettext("Category"),
                "items": [
                    (Markup("{}").format(ctx.gettext(BUDGET_CATEGORY_LABELS[k])), summary_cells(ctx, money, t))
                    for k, t in budget.totals_per("category").items()
                ],
            },
            {
                "key": "channel",
                "title": ctx.gettext("By channel"),
                "column": ctx.gettext("Channel"),
                "items": [
                    (_reference_label(ctx, page_src, "channels", k), summary_cells(ctx, money, t))
                    for k, t in budget.totals_per("channel").items()
                ],
            },
            {
                "key": "initiative",
                "title": ctx.gettext("By initiative"),
                "column": ctx.gettext("Initiative"),
                "items": [
                    (_reference_label(ctx, page_src, "initiatives", k), summary_cells(ctx, money, t))
                    for k, t in budget.totals_per("initiative").items()
                ],
            },
        ]
        return ctx.render(
            "budget/page.md.j2",
            page_src,
            budget=budget,
            money=money,
            months=list(month_labels(ctx).items()),
            categories=categories,
            total_figures=figure_rows(
                ctx, money, list(totals_by_month(budget.rows, budget.months).values()), budget.totals
            ),
            summaries=summaries,
            csv_href=ctx.href(page_src, ctx.file("budget.csv")),
            to_date_label=_to_date_label(ctx),
        )

    def panels(self, ctx: RenderContext, entity: Entity, page_src: str) -> Iterator[str]:
        budget = view(ctx)
        money = Money.of(ctx)
        if entity.section == "budget":
            rows = budget.by_line.get(entity.id)
            if rows:
                labels = month_labels(ctx)
                flag = ctx.gettext("▲ overspent")
                totals = budget.line_totals[entity.id]
                yield ctx.render(
                    "budget/line_panel.md.j2",
                    page_src,
                    line=entity,
                    current_month=budget.today_month,
                    outside=[_month_label(ctx, m) for m in months_outside_horizon(ctx.plan, budget.lines[entity.id])],
                    months=[
                        (
                            row.month,
                            labels[row.month],
                            amount_cells(
                                money,
                                flag,
                                [row.planned, row.carried_in or None, row.available, row.actual, row.variance],
                                overspend=True,
                            ),
                        )
                        for row in rows
                    ],
                    total_cells=amount_cells(
                        money,
                        flag,
                        [totals.planned, None, None, totals.actual if totals.has_actual else None, totals.balance],
                        overspend=True,
                    ),
                    budget_href=ctx.href(page_src, ctx.src("budget")),
                )
        elif entity.section in ("channels", "initiatives"):
            index = budget.lines_by_channel if entity.section == "channels" else budget.lines_by_initiative
            line_ids = index.get(entity.id, [])
            if line_ids:
                yield ctx.render(
                    "budget/reference_panel.md.j2",
                    page_src,
                    entity=entity,
                    items=[
                        {
                            "link": ctx.link(page_src, "budget", line_id),
                            "category": ctx.gettext(BUDGET_CATEGORY_LABELS[budget.lines[line_id].category]),
                            "totals": budget.line_totals[line_id],
                            "cells": summary_cells(ctx, money, budget.line_totals[line_id]),
                        }
                        for line_id in line_ids
                    ],
                    total_cells=summary_cells(ctx, money, budget.totals_of(line_ids)),
                    to_date_label=_to_date_label(ctx),
                    budget_href=ctx.href(page_src, ctx.src("budget")),
                )

    def overview(self, ctx: RenderContext, page_src: str) -> Iterator[tuple[int, str]]:
        budget = view(ctx)
        if budget.rows:
            yield (
                50,
                ctx.render(
                    "budget/overview.md.j2",
                    page_src,
                    totals=budget.totals,
                    to_date_label=_to_date_label(ctx),
                    money=Money.of(ctx),
                    budget_href=ctx.href(page_src, ctx.src("budget")),
                    csv_href=ctx.href(page_src, ctx.file("budget.csv")),
                ),
            )

    def json(self, ctx: RenderContext) -> dict[str, Any]:
        budget = view(ctx)
        totals = budget.totals
        return {
            "budget_rows": [row.record() for row in budget.rows],
            "budget_totals": {
                "planned": format_amount(totals.planned),
                "actual": format_amount(totals.actual),
                "planned_to_date": format_amount(totals.planned_to_date),
                "actual_to_date": format_amount(totals.actual_to_date),
                "remaining": format_amount(totals.remaining),
                "today_month": budget.today_month,
            },
        }
