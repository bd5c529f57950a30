"""The overview, one index per section and one page per entity, every reference a link.

Fields are shown generically from the typed model (declaration order, labels from the
catalogue, references as links), so a field added to the contract shows up everywhere at once;
features add richer panels (roadmap lanes, budget tables, ...) below.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from decimal import Decimal
from functools import partial
from typing import Any

from babel import Locale
from markupsafe import Markup, escape
from pydantic import BaseModel

from ..context import Feature, Output, RenderContext
from ..labels import FIELD_LABELS, SECTION_NOUNS, SECTION_TITLES
from ..model import MONTH_RE, RESERVED_FIELDS, BudgetLine, Entity, Goal, Mission
from ..resolve import WORKLOAD_FIELDS, field_plan
from ..sections import field_title, section_names
from ..sections import get as get_section
from .pace import latest_actual

#: Fields whose values are keywords shown in words from the catalogue (``value.<keyword>``).
ENUM_FIELDS = {"type", "status", "category", "role", "platform"}

#: Fields shown in the page header rather than in the facts table.
_HEADER_FIELDS = {"title", "tags", "internal", "review_by", "sources", "private"}


class PagesFeature(Feature):
    name = "pages"

    def outputs(self, ctx: RenderContext) -> Iterable[Output]:
        yield Output(
            ctx.src(),
            partial(self.render_overview, ctx),
            nav_title=ctx.gettext("Overview"),
            edit_path=_edit_path(ctx, ctx.plan.mission),
        )
        for section in section_names():
            yield Output(
                ctx.src(section),
                partial(self.render_index, ctx, section),
                nav_title=ctx.gettext(SECTION_TITLES[section]),
            )
            for entity in ctx.plan.all(section):
                yield Output(
                    ctx.src(section, entity.id),
                    partial(self.render_entity, ctx, entity),
                    edit_path=_edit_path(ctx, entity),
                )

    def render_index(self, ctx: RenderContext, section: str) -> str:
        src = ctx.src(section)
        return ctx.render(
            "pages/section_index.md.j2",
            src,
            section=section,
            entities=ctx.plan.all(section),
            # A stakeholder plan has no workload (the team's capacity column): not an empty column.
            columns=[c for c in get_section(section).columns if ctx.plan.is_team or c not in WORKLOAD_FIELDS],
            cell=lambda e, f: self.cell(ctx, src, e, f),
        )

    # -- overview ------------------------------------------------------------------------------
    def render_overview(self, ctx: RenderContext) -> str:
        page_src = ctx.src()
        fragments: list[tuple[int, int, str]] = []
        for order, feature in enumerate(ctx.computed["features"]):
            for weight, text in feature.overview(ctx, page_src):
                fragments.append((weight, order, text))
        fragments.sort(key=lambda f: (f[0], f[1]))
        mission = ctx.plan.mission
        return ctx.render(
            "pages/overview.md.j2",
            page_src,
            mission=mission,
            fragments=[f[2] for f in fragments],
            body=self.body(ctx, mission, page_src),
            private=mission.private if ctx.plan.is_team else {},
        )

    def overview(self, ctx: RenderContext, page_src: str) -> Iterable[tuple[int, str]]:
        """0 the stakeholder banner, 5 the mission's tags and "needs review" notice (as on an
        entity page's header), 15 the company facts, 90 the section counts."""
        if not ctx.plan.is_team:
            yield 0, ctx.render("pages/stakeholder_banner.md.j2", page_src)
        mission = ctx.plan.mission
        needs_review = bool(mission.review_by and mission.review_by < ctx.today)
        if mission.tags or needs_review:
            yield 5, ctx.render("pages/mission_header.md.j2", page_src, mission=mission, needs_review=needs_review)
        yield (
            15,
            ctx.render(
                "pages/company.md.j2",
                page_src,
                mission=ctx.plan.mission,
                facts=self.facts(
                    ctx, ctx.plan.mission, page_src, skip={"mission", "vision", "horizon", "swot", "review"}
                ),
            ),
        )
        counts = [(s, len(ctx.plan.all(s))) for s in section_names()]
        yield 90, ctx.render("pages/counts.md.j2", page_src, counts=counts)

    # -- entity pages --------------------------------------------------------------------------
    def render_entity(self, ctx: RenderContext, entity: Entity) -> str:
        page_src = ctx.src(entity.section, entity.id)
        panels: list[str] = []
        for feature in ctx.computed["features"]:
            panels.extend(feature.panels(ctx, entity, page_src))
        referenced = self.referenced_by(ctx, entity, page_src)
        section = get_section(entity.section)
        return ctx.render(
            section.entity_template,
            page_src,
            entity=entity,
            noun=ctx.gettext(SECTION_NOUNS[entity.section]),
            facts=self.facts(ctx, entity, page_src, skip=set(section.panel_fields)),
            body=self.body(ctx, entity, page_src),
            panels=panels,
            referenced_by=referenced,
            needs_review=bool(entity.review_by and entity.review_by < ctx.today),
        )

    def body(self, ctx: RenderContext, entity: Entity, page_src: str) -> Markup:
        """The entity's Markdown narrative with ``[[section/id]]`` turned into links. It is the
        team's own Markdown (like a docs page), so it is passed through, not escaped."""

        # Stripped before the links are resolved: the engine must classify the text the page embeds.
        return Markup(ctx.resolve_wikilinks(entity.body.strip(), page_src).strip())

    def referenced_by(self, ctx: RenderContext, entity: Entity, page_src: str) -> list[tuple[Markup, str, list[str]]]:
        """(link, section noun, fields) per referencing entity, grouped, in a stable order."""
        grouped: dict[tuple[str, str], list[str]] = {}
        for ref in ctx.plan.referenced_by(entity):
            grouped.setdefault((ref.section, ref.id), []).append(ref.field)
        order = {s: i for i, s in enumerate(("mission", *section_names()))}
        rows = []
        for (section, id), fields in sorted(grouped.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])):
            labels = sorted({field_label(ctx, f.split(".")[0]) for f in fields})
            if section == "mission":  # the mission's text is the overview
                link = Markup('<a href="{}">{}</a>').format(ctx.href(page_src, ctx.src()), ctx.plan.mission.title)
                rows.append((link, ctx.gettext("Overview"), labels))
                continue
            rows.append((ctx.link(page_src, section, id), ctx.gettext(SECTION_NOUNS[section]), labels))
        return rows

    # -- fields --------------------------------------------------------------------------------
    def facts(
        self, ctx: RenderContext, model: BaseModel, page_src: str, skip: set[str] | None = None
    ) -> list[tuple[str, Markup]]:
        """(label, value) for every field set on the model, in declaration order. A field the
        handbook fills in (a goal's start) shows its effective value and says where it comes from."""
        skip = (skip or set()) | _HEADER_FIELDS | RESERVED_FIELDS
        refs = {name: section for name, section, _ in field_plan(type(model)) if section}
        rows = []
        for name in type(model).model_fields:
            if name in skip:
                continue
            value = getattr(model, name)
            special = self.special_value(ctx, model, name, value, page_src)
            if special is not None:
                if special:  # an empty Markup: shown elsewhere on the page
                    rows.append((field_label(ctx, name), special))
                continue
            if _is_empty(value):
                continue
            rows.append((field_label(ctx, name), self.value(ctx, value, page_src, refs.get(name), name)))
        return rows

    def special_value(
        self, ctx: RenderContext, model: BaseModel, name: str, value: Any, page_src: str
    ) -> Markup | None:
        """Fields whose raw value would mislead or read as code: defaults applied, amounts as
        money, months in words, actuals in date order with the ones that do not count marked."""
        if isinstance(model, Goal):
            if name == "start" and value is None:  # left out: say where the effective start comes from
                return escape(
                    ctx.gettext("%(date)s (horizon start)", date=ctx.date(ctx.plan.effective.goal_start(model)))
                )
            if name == "actuals" and value:
                return self.actuals_table(ctx, model, page_src)
        elif isinstance(model, Mission) and value:
            # Codes a reader should not have to decode: named in the site's language, the code
            # kept beside the name (it is what the team writes in mission.md).
            if name == "timezone":
                return escape(zone_name(value, ctx.locale))
            if name == "currency":
                return escape(currency_name(value, ctx.locale))
            if name == "holidays":
                items = [escape(country_name(code, ctx.locale)) for code in value]
                return ctx.render("pages/list_inline.html.j2", page_src, items=items)
        elif isinstance(model, BudgetLine):
            if name == "planned" and not isinstance(value, dict):
                return escape(ctx.gettext("%(amount)s every horizon month", amount=ctx.money(value)))
            if name in ("planned", "actual") and value:
                rows = [(ctx.month(month), escape(ctx.money(amount))) for month, amount in sorted(value.items())]
                return ctx.render("pages/facts_inline.html.j2", page_src, rows=rows)
        return None

    def actuals_table(self, ctx: RenderContext, goal: Goal, page_src: str) -> Markup:
        """A goal's measurements by date (same day: file order). Of each day the later entry
        counts; an actual after today is not counted yet; the latest counted one sets the pace."""
        latest = latest_actual(goal.actuals, ctx.today)
        last_of_day = {a.date: a for a in goal.actuals}
        header = [ctx.gettext("Date"), ctx.gettext("Value"), ctx.gettext("Note")]
        rows = []
        for actual in sorted(goal.actuals, key=lambda a: a.date):
            if actual.date > ctx.today:
                note = ctx.gettext("Future date: not counted yet")
            elif last_of_day[actual.date] is not actual:
                note = ctx.gettext("Replaced by a later entry for the same day")
            elif actual is latest:
                note = ctx.gettext("Latest: sets the pace status")
            else:
                note = ""
            value = ctx.number(actual.value) + (f" {goal.unit}" if goal.unit else "")
            rows.append([escape(ctx.date(actual.date)), escape(value), escape(note)])
        return ctx.render("pages/table_inline.html.j2", page_src, header=header, rows=rows)

    def value(self, ctx: RenderContext, value: Any, page_src: str, ref: str | None = None, name: str = "") -> Markup:
        if name in ENUM_FIELDS and isinstance(value, str):
            return escape(ctx.label(value))
        if ref is not None:
            if isinstance(value, list):
                links = [ctx.link(page_src, ref, v) for v in value if ref == "company_goals" or ctx.plan.get(ref, v)]
                return Markup(", ").join(links) if links else Markup("")
            return ctx.link(page_src, ref, value)
        if isinstance(value, bool):
            return escape(ctx.gettext("Yes") if value else ctx.gettext("No"))
        if name == "founded" and isinstance(value, int):
            return escape(str(value))  # a year, not a quantity
        if isinstance(value, (Decimal, int, float)):
            return escape(ctx.number(value))
        if isinstance(value, date):
            return escape(ctx.date(value))
        if isinstance(value, time):
            return escape(ctx.time(value))
        if isinstance(value, str):
            if name == "period" and MONTH_RE.match(value):
                return escape(ctx.month(value))
            if value.startswith(("http://", "https://", "mailto:")) and " " not in value:
                return Markup('<a href="{0}" rel="noopener nofollow">{0}</a>').format(value)
            return escape(value)
        if isinstance(value, BaseModel):
            rows = self.facts(ctx, value, page_src)
            return ctx.render("pages/facts_inline.html.j2", page_src, rows=rows)
        if isinstance(value, dict):
            rows = [(str(k), self.value(ctx, v, page_src)) for k, v in value.items()]
            return ctx.render("pages/facts_inline.html.j2", page_src, rows=rows)
        if isinstance(value, list):
            if value and all(isinstance(v, BaseModel) for v in value):
                return self.table(ctx, value, page_src)
            return ctx.render(
                "pages/list_inline.html.j2", page_src, items=[self.value(ctx, v, page_src) for v in value]
            )
        return escape(str(value))

    def table(self, ctx: RenderContext, items: list[BaseModel], page_src: str) -> Markup:
        model = type(items[0])
        refs = {name: section for name, section, _ in field_plan(model) if section}
        columns = [n for n in model.model_fields if any(getattr(i, n) not in (None, [], {}) for i in items)]
        header = [field_label(ctx, c) for c in columns]
        rows = [
            [
                self.value(ctx, getattr(i, c), page_src, refs.get(c), c)
                if getattr(i, c) not in (None, [], {})
                else Markup("")
                for c in columns
            ]
            for i in items
        ]
        return ctx.render("pages/table_inline.html.j2", page_src, header=header, rows=rows)

    def cell(self, ctx: RenderContext, src: str, entity: Entity, name: str) -> Markup:
        if name == "items":
            return escape(ctx.number(len(getattr(entity, "items", []))))
        value = getattr(entity, name, None)
        if value is None or value == []:
            return Markup("")
        refs = {n: s for n, s, _ in field_plan(type(entity)) if s}
        return self.value(ctx, value, src, refs.get(name), name)

    def entity_json(self, ctx: RenderContext, entity: Entity) -> dict[str, Any]:
        # "page", not "url": a channel's own ``url`` (its profile) is a field of the plan.
        return {"page": ctx.url(ctx.src(entity.section, entity.id))}


def zone_name(zone: str, locale: Locale) -> str:
    """A time zone as a reader knows it, its id beside: "București (Europe/Bucharest)" (CLDR's
    city in the site's language; "UTC" stays as it is)."""
    from babel.dates import get_timezone, get_timezone_location

    try:
        city = str(get_timezone_location(get_timezone(zone), locale=locale, return_city=True))
    except (LookupError, ValueError):  # a zone Babel's CLDR data does not name
        return zone
    return zone if city in (zone, "") or "/" not in zone else f"{city} ({zone})"


def country_name(code: str, locale: Locale) -> str:
    """A ``holidays`` country in the site's language ("RO" → "România"); a subdivision keeps
    its code beside the country ("Statele Unite ale Americii (US-CA)")."""
    country = code.upper().split("-")[0]
    name = locale.territories.get(country)
    if name is None:
        return code
    return name if "-" not in code else f"{name} ({code.upper()})"


def currency_name(code: str, locale: Locale) -> str:
    """A currency in the site's language with its code: "leu românesc (RON)"."""
    from babel.numbers import get_currency_name

    name = get_currency_name(code, locale=locale)
    return code if name == code else f"{name} ({code})"


def _is_empty(value: Any) -> bool:
    """Nothing to show: unset, an empty list or mapping, or a record whose fields are all empty
    (a competitor without a SWOT)."""
    if value is None or value == [] or value == {}:
        return True
    if isinstance(value, BaseModel):
        return all(_is_empty(getattr(value, name)) for name in type(value).model_fields)
    return False


def _edit_path(ctx: RenderContext, entity: Entity) -> str:
    name = "mission.md" if entity.section == "mission" else f"{entity.section}/{entity.id}.md"
    return f"{ctx.options.plan_path.rstrip('/')}/{name}"


__all__ = ["PagesFeature"]


def field_label(ctx: RenderContext, name: str) -> str:
    """A field's label in the build's language (a field without one keeps its name)."""
    english = FIELD_LABELS.get(name)
    if english is None:  # a field of a section added later: the model's title, else its name in words
        return field_title(name) or name
    return ctx.gettext(english)
