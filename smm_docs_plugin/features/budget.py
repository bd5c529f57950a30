"""The budget's presentation: the budget page (monthly table grouped by category, totals and
summaries), the panels on budget line, channel and initiative pages, the overview's budget to
date and what ``budget.csv`` and ``plan.json`` publish.

Every number comes from :mod:`smm_docs_plugin.budget_core` (rows, carry-over, totals, category
order, the CSV); this module only turns them into cells and text, with ``ctx.money`` (through
:class:`Money`, its fast copy) as the one money formatter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from ..budget_core import (
    CENT,
    HIDDEN_GROUP,
    NO_GROUP,
    BudgetRow,
    BudgetTotals,
    BudgetView,
    budget_csv,
    category_order,
    format_amount,
    months_outside_horizon,
    months_to_date,
    totals_by_month,
)
from ..context import Feature, Output, RenderContext
from ..labels import BUDGET_CATEGORY_LABELS, BUDGET_NONE
from ..model import Entity


def view(ctx: RenderContext) -> BudgetView:
    """The build's budget, computed on first use."""
    found = ctx.computed.get("budget")
    if not isinstance(found, BudgetView):
        found = BudgetView.compute(ctx.plan)
        ctx.computed["budget"] = found
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
        categories = []
        for category in category_order(budget.lines_by_category):
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
