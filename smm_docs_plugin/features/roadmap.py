"""The roadmap (timeline of initiatives by goal), the value-vs-complexity matrix and the task
board, plus the panels that put a goal's lane, an initiative's place and a person's board on
their own pages. Geometry lives in ``roadmap_timeline``/``roadmap_matrix``, board logic in
``roadmap_board``; this module turns the plan into their inputs and renders the templates in
``docs_templates/roadmap/``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from markupsafe import Markup, escape

from ..context import Feature, Output, Record, RenderContext, overridden_files
from ..labels import BOARD_KINDS, ROADMAP_LEGEND, ROADMAP_STATUSES
from ..model import STATUSES, Entity, Initiative
from .roadmap_board import BoardItem, board_columns, board_items, is_overdue, personal_items, shown_in_column
from .roadmap_matrix import ScoredItem, layout_matrix, quadrant, rank
from .roadmap_timeline import BarSpec, LaneSpec, MilestoneSpec, TimelineLayout, fmt, layout_timeline

#: Lane key of initiatives whose goal the audience may not see (never a valid id: ids are
#: lower-case and cannot start with an underscore).
INTERNAL_LANE = "_internal"

#: Fallback colours (CSS in ``roadmap.css`` overrides them per colour scheme) and the pattern
#: laid over the colour, so status never depends on colour alone.
STATUS_STYLE: dict[str, Record] = {
    "backlog": Record(colour="#9e9e9e", pattern=None),
    "todo": Record(colour="#4f8fd9", pattern=None),
    "in-progress": Record(colour="#f0a030", pattern=None),
    "on-hold": Record(colour="#9c6ade", pattern="hatch"),
    "review": Record(colour="#2bb3a3", pattern="dots"),
    "done": Record(colour="#4caf50", pattern="grid"),
}


@dataclass
class RoadmapData:
    """Computed once per build in ``prepare`` and shared by pages and panels. ``dates`` and
    ``hrefs`` memoise formatting: a 500-initiative roadmap repeats the same few hundred dates
    and links thousands of times, and Babel and ``relpath`` dominate its render time."""

    initiatives: list[Initiative]
    board: list[BoardItem]
    dates: dict[date, str] = field(default_factory=dict)
    hrefs: dict[tuple[str, str], str] = field(default_factory=dict)
    # ``entity_link`` and ``_item_view`` memoised the same way: the board page shows each item
    # in its column and again on every personal board it belongs to, with the same few hundred
    # owner and goal links.
    links: dict[tuple[str, str, str], Markup] = field(default_factory=dict)
    views: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    #: What a card or row shows the same on every page, by item key (see ``_item_markup``).
    item_markup: dict[str, tuple[Markup, Markup]] = field(default_factory=dict)
    # Indexes so that each entity's panel costs the same whatever the plan's size.
    by_id: dict[str, Initiative] = field(default_factory=dict)
    needed_by: dict[str, list[Initiative]] = field(default_factory=dict)
    by_goal: dict[str, list[Initiative]] = field(default_factory=dict)
    by_person: dict[str, list[BoardItem]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {i.id: i for i in self.initiatives}
        for initiative in self.initiatives:
            self.by_goal.setdefault(initiative.goal, []).append(initiative)
            for dep in initiative.depends_on:
                self.needed_by.setdefault(dep, []).append(initiative)
        for item in self.board:
            people = {item.owner} | (set(item.initiative.contributors) if item.task is None else set())
            for person in people:
                self.by_person.setdefault(person, []).append(item)

    def items_of(self, person: str) -> list[BoardItem]:
        return self.by_person.get(person, [])


class RoadmapFeature(Feature):
    name = "roadmap"

    def prepare(self, ctx: RenderContext) -> None:
        initiatives = [i for i in ctx.plan.all("initiatives") if isinstance(i, Initiative)]
        ctx.computed["roadmap"] = RoadmapData(initiatives=initiatives, board=board_items(ctx.plan))

    def outputs(self, ctx: RenderContext) -> Iterable[Output]:
        yield Output(ctx.src("roadmap"), partial(render_roadmap_page, ctx), nav_title=ctx.gettext("Roadmap"))
        yield Output(ctx.src("priorities"), partial(render_priorities_page, ctx), nav_title=ctx.gettext("Priorities"))
        yield Output(ctx.src("board"), partial(render_board_page, ctx), nav_title=ctx.gettext("Board"))

    def panels(self, ctx: RenderContext, entity: Entity, page_src: str) -> Iterable[str]:
        if entity.section == "goals":
            yield render_goal_panel(ctx, entity, page_src)
        elif entity.section == "initiatives" and isinstance(entity, Initiative):
            yield render_initiative_panel(ctx, entity, page_src)
        elif entity.section == "team":
            yield render_team_panel(ctx, entity, page_src)

    def entity_json(self, ctx: RenderContext, entity: Entity) -> dict[str, Any]:
        if entity.section == "initiatives" and isinstance(entity, Initiative):
            return {"overdue": is_overdue(entity.end, entity.status, ctx.today)}
        return {}


# --- shared helpers -------------------------------------------------------------------------


def _data(ctx: RenderContext) -> RoadmapData:
    if "roadmap" not in ctx.computed:
        RoadmapFeature().prepare(ctx)
    return ctx.computed["roadmap"]


def day(ctx: RenderContext, value: date | None) -> str:
    """``ctx.date`` (the locale's medium date), memoised for the build."""
    if value is None:
        return ""
    dates = _data(ctx).dates
    if value not in dates:
        dates[value] = ctx.date(value)
    return dates[value]


def href(ctx: RenderContext, page_src: str, target_src: str, anchor: str | None = None) -> str:
    """``ctx.href`` memoised for the build."""
    hrefs = _data(ctx).hrefs
    key = (page_src, target_src)
    if key not in hrefs:
        hrefs[key] = ctx.href(page_src, target_src)
    return hrefs[key] + (f"#{anchor}" if anchor else "")


def entity_link(ctx: RenderContext, page_src: str, section: str, id: str | None) -> Markup:
    """A link to an entity, or the label "internal" when the audience may not see it (never
    its id or title)."""
    if type(id) is not str:  # None or a hidden reference (a ``str`` subclass: no memo key)
        return _new_entity_link(ctx, page_src, section, id)
    links = _data(ctx).links
    key = (page_src, section, id)
    if key not in links:
        links[key] = _new_entity_link(ctx, page_src, section, id)
    return links[key]


def _new_entity_link(ctx: RenderContext, page_src: str, section: str, id: str | None) -> Markup:
    target = ctx.plan.get(section, id)
    if target is None:
        if id is None:
            return Markup("")
        return Markup('<span class="smm-internal">%s</span>') % ctx.gettext("internal")
    return Markup('<a href="%s">%s</a>') % (href(ctx, page_src, ctx.src(section, target.id)), target.title)


def _title_or_internal(ctx: RenderContext, section: str, id: str | None) -> str:
    target = ctx.plan.get(section, id)
    return target.title if target is not None else ctx.gettext("internal")


def status_label(ctx: RenderContext, status: str) -> str:
    return ctx.gettext(ROADMAP_STATUSES[status])


def _render(ctx: RenderContext, template: str, page_src: str, **values: Any) -> str:
    """``ctx.render`` with the helpers every roadmap template may use: ``day(date)``,
    ``status_label(status)`` and ``fmt(number)`` for SVG coordinates."""
    return ctx.render(
        template,
        page_src,
        day=partial(day, ctx),
        status_label=partial(status_label, ctx),
        fmt=fmt,
        **values,
    )


def _initiative_end(initiative: Initiative) -> date:
    """The computed inclusive end (the resolver always sets it; a missing one is a bug)."""
    if initiative.end is None:
        raise ValueError(f"initiative {initiative.id!r} has no resolved end date")
    return initiative.end


def _sorted_initiatives(initiatives: Iterable[Initiative]) -> list[Initiative]:
    return sorted(initiatives, key=lambda i: (i.start, _initiative_end(i), i.title.casefold(), i.id))


def _svg_prefix(*parts: str) -> str:
    """Id prefix for one SVG's patterns and markers, unique on its page."""
    return "smm-" + "-".join(parts)


# --- timeline -------------------------------------------------------------------------------


def _lanes_for(ctx: RenderContext, initiatives: Sequence[Initiative], all_goals: bool) -> list[LaneSpec]:
    """One lane per visible goal (every goal on the roadmap page, only used ones elsewhere),
    ordered by title; then, if needed, one lane for initiatives whose goal is internal."""
    if all_goals:
        goals = ctx.plan.all("goals")
    else:  # the goals of a few initiatives, not a scan of every goal for each of 1,200 timelines
        goals = [g for g in (ctx.plan.get("goals", key) for key in {i.goal for i in initiatives}) if g is not None]
    lanes = [LaneSpec(g.id, g.title) for g in sorted(goals, key=lambda g: (g.title.casefold(), g.id))]
    if any(ctx.plan.get("goals", i.goal) is None for i in initiatives):
        lanes.append(LaneSpec(INTERNAL_LANE, ctx.gettext("internal")))
    return lanes


def _bar_spec(ctx: RenderContext, initiative: Initiative, highlighted: str | None) -> BarSpec:
    lane = initiative.goal if ctx.plan.get("goals", initiative.goal) is not None else INTERNAL_LANE
    return BarSpec(
        id=initiative.id,
        label=initiative.title,
        start=initiative.start,
        end=_initiative_end(initiative),
        status=initiative.status,
        lane=lane,
        overdue=is_overdue(initiative.end, initiative.status, ctx.today),
        milestones=tuple(MilestoneSpec(m.date, m.title) for m in initiative.milestones),
        depends_on=tuple(d for d in initiative.depends_on if ctx.plan.get("initiatives", d) is not None),
        highlighted=initiative.id == highlighted,
    )


def timeline_layout(
    ctx: RenderContext,
    initiatives: Sequence[Initiative],
    *,
    all_goals: bool = True,
    highlighted: str | None = None,
    legend: bool = True,
) -> TimelineLayout:
    """The timeline of ``initiatives`` over the plan's horizon, labels from the catalogue."""
    legend_items: list[tuple[str, str]] = []
    if legend:
        legend_items = [(s, status_label(ctx, s)) for s in STATUSES]
        legend_items += [
            (key, ctx.gettext(ROADMAP_LEGEND[key])) for key in ("overdue", "milestone", "dependency", "today")
        ]
    return layout_timeline(
        ctx.plan.horizon_start,
        ctx.plan.horizon_end,
        _lanes_for(ctx, initiatives, all_goals),
        [_bar_spec(ctx, i, highlighted) for i in initiatives],
        today=ctx.today,
        month_label=lambda d: ctx.date(d, "MMM"),
        year_label=lambda d: ctx.date(d, "y"),
        quarter_label=lambda d: ctx.gettext("Q%(quarter)s", quarter=(d.month - 1) // 3 + 1),
        overdue_suffix=ctx.gettext("overdue"),
        legend=legend_items,
        axis_cache=ctx.computed.setdefault("roadmap_timeline_axes", {}),
    )


def _bar_tooltip(ctx: RenderContext, initiative: Initiative) -> str:
    lines = [
        initiative.title,
        ctx.gettext("Goal: %(goal)s", goal=_title_or_internal(ctx, "goals", initiative.goal)),
        ctx.gettext("Owner: %(owner)s", owner=_title_or_internal(ctx, "team", initiative.owner)),
        ctx.gettext(
            "%(start)s – %(end)s (%(days)s days)",
            start=day(ctx, initiative.start),
            end=day(ctx, initiative.end),
            days=(_initiative_end(initiative) - initiative.start).days + 1,
        ),
        ctx.gettext("Status: %(status)s", status=status_label(ctx, initiative.status)),
    ]
    if is_overdue(initiative.end, initiative.status, ctx.today):
        lines.append(ctx.gettext("Overdue"))
    return "\n".join(lines)


def render_timeline_svg(
    ctx: RenderContext,
    page_src: str,
    layout: TimelineLayout,
    prefix: str,
    title: str,
    description: str,
) -> Markup:
    """The timeline as inline SVG (template ``roadmap/timeline.svg.j2``)."""
    by_id = _data(ctx).by_id
    links = {bar.spec.id: href(ctx, page_src, ctx.src("initiatives", bar.spec.id)) for bar in layout.bars}
    goal_links = {
        lane.spec.key: href(ctx, page_src, ctx.src("goals", lane.spec.key))
        for lane in layout.lanes
        if lane.spec.key != INTERNAL_LANE
    }
    tooltips = {bar.spec.id: _bar_tooltip(ctx, by_id[bar.spec.id]) for bar in layout.bars}
    titles = {bar.spec.id: by_id[bar.spec.id].title for bar in layout.bars}
    svg = _render(
        ctx,
        "roadmap/timeline.svg.j2",
        page_src,
        layout=layout,
        prefix=prefix,
        title=title,
        description=description,
        links=links,
        goal_links=goal_links,
        tooltips=tooltips,
        titles=titles,
        styles=STATUS_STYLE,
        **_timeline_grid(ctx, layout),
    )
    return ctx.raw_html(svg.strip())


def _timeline_grid(ctx: RenderContext, layout: TimelineLayout) -> dict[str, Markup]:
    """``grid_svg`` and ``today_svg``: the timeline template's ``grid`` block (month lines and
    axis labels) and ``today`` block (the line and its label), each rendered once per horizon
    and chart height: the 1,200 timelines of a 1,000-initiative plan share a handful. None for
    a team's own timeline template (its blocks may read any value)."""
    own = ctx.computed.get("roadmap_own_timeline")
    if own is None:
        own = ctx.computed["roadmap_own_timeline"] = "roadmap/timeline.svg.j2" in overridden_files(
            ctx.options.templates_dir
        )
    if own:
        return {}
    height = (layout.scale, layout.chart_top, layout.chart_bottom)
    keys = {
        "grid_svg": (
            "grid",
            *height,
            tuple(layout.horizon_edges),
            tuple((line.x, line.major) for line in layout.grid),
            tuple((label.x, label.y, label.text) for label in layout.axis_labels),
        ),
        "today_svg": ("today", *height, layout.today_x, layout.today_label_x, layout.today_anchor),
    }
    blocks: dict[tuple[Any, ...], Markup] = ctx.computed.setdefault("roadmap_timeline_blocks", {})
    for key in keys.values():
        if key not in blocks:
            template = ctx.env.get_template("roadmap/timeline.svg.j2")
            values = {
                "ctx": ctx,
                "plan": ctx.plan,
                "layout": layout,
                "f": layout.scale,
                "fmt": fmt,
                "day": partial(day, ctx),
            }
            blocks[key] = Markup("".join(template.blocks[key[0]](template.new_context(values))))
    return {value: blocks[key] for value, key in keys.items()}


def _timeline_description(ctx: RenderContext, initiatives: Sequence[Initiative], lanes: int) -> str:
    return ctx.gettext(
        "Initiatives: %(count)s; lanes: %(lanes)s; horizon %(start)s to %(end)s; today %(today)s.",
        count=len(initiatives),
        lanes=lanes,
        start=ctx.date(ctx.plan.horizon_start),
        end=ctx.date(ctx.plan.horizon_end),
        today=ctx.date(ctx.today),
    )


def _table_rows(ctx: RenderContext, page_src: str, initiatives: Sequence[Initiative]) -> list[dict[str, Any]]:
    return [
        Record(
            {
                "initiative": entity_link(ctx, page_src, "initiatives", i.id),
                "goal": entity_link(ctx, page_src, "goals", i.goal),
                "owner": entity_link(ctx, page_src, "team", i.owner),
                "start": i.start,
                "end": i.end,
                "status": i.status,
                "overdue": is_overdue(i.end, i.status, ctx.today),
                "id": i.id,
            }
        )
        for i in _sorted_initiatives(initiatives)
    ]


def render_roadmap_page(ctx: RenderContext) -> str:
    page_src = ctx.src("roadmap")
    initiatives = _data(ctx).initiatives
    layout = timeline_layout(ctx, initiatives)
    svg = render_timeline_svg(
        ctx,
        page_src,
        layout,
        _svg_prefix("roadmap"),
        ctx.gettext("Roadmap timeline"),
        _timeline_description(ctx, initiatives, len(layout.lanes)),
    )
    return _render(
        ctx,
        "roadmap/roadmap.md.j2",
        page_src,
        svg=svg,
        rows=_table_rows(ctx, page_src, initiatives),
        overdue=sum(1 for i in initiatives if is_overdue(i.end, i.status, ctx.today)),
        count=len(initiatives),
    )


# --- priorities -----------------------------------------------------------------------------


def scored_items(initiatives: Iterable[Initiative]) -> tuple[list[ScoredItem], list[Initiative]]:
    """Initiatives with both scores (ranked) and those missing one (listed apart, by title)."""
    scored, unscored = [], []
    for i in initiatives:
        if i.value is not None and i.complexity is not None:
            scored.append(ScoredItem(i.id, i.title, i.value, i.complexity))
        else:
            unscored.append(i)
    return rank(scored), sorted(unscored, key=lambda i: (i.title.casefold(), i.id))


def render_priorities_page(ctx: RenderContext) -> str:
    page_src = ctx.src("priorities")
    by_id = {i.id: i for i in _data(ctx).initiatives}
    ranked, unscored = scored_items(by_id.values())
    layout = layout_matrix(ranked)
    quadrants = {
        "quick-wins": ctx.gettext("Quick wins"),
        "big-bets": ctx.gettext("Big bets"),
        "fill-ins": ctx.gettext("Fill-ins"),
        "money-pits": ctx.gettext("Money pits"),
    }
    svg = _render(
        ctx,
        "roadmap/matrix.svg.j2",
        page_src,
        layout=layout,
        prefix=_svg_prefix("priorities"),
        quadrants=quadrants,
        links={p.item.id: href(ctx, page_src, ctx.src("initiatives", p.item.id)) for p in layout.points},
        tooltips={
            p.item.id: ctx.gettext(
                "%(rank)s. %(title)s: value %(value)s, complexity %(complexity)s (%(quadrant)s)",
                rank=p.rank,
                title=p.item.title,
                value=p.item.value,
                complexity=p.item.complexity,
                quadrant=quadrants[quadrant(p.item.value, p.item.complexity)],
            )
            for p in layout.points
        },
    )
    rows = [
        Record(
            {
                "rank": position,
                "initiative": entity_link(ctx, page_src, "initiatives", item.id),
                "value": item.value,
                "complexity": item.complexity,
                "quadrant": quadrants[quadrant(item.value, item.complexity)],
                "goal": entity_link(ctx, page_src, "goals", by_id[item.id].goal),
                "owner": entity_link(ctx, page_src, "team", by_id[item.id].owner),
                "status": by_id[item.id].status,
                "id": item.id,
            }
        )
        for position, item in enumerate(ranked, start=1)
    ]
    unscored_rows = [
        {
            "initiative": entity_link(ctx, page_src, "initiatives", i.id),
            "value": i.value,
            "complexity": i.complexity,
            "id": i.id,
        }
        for i in unscored
    ]
    return _render(
        ctx,
        "roadmap/priorities.md.j2",
        page_src,
        svg=ctx.raw_html(svg.strip()),
        rows=rows,
        unscored=unscored_rows,
    )


# --- board ----------------------------------------------------------------------------------


def _item_view(ctx: RenderContext, page_src: str, item: BoardItem) -> dict[str, Any]:
    """What a card or a personal-board row shows, links relative to ``page_src`` (memoised:
    templates only read it)."""
    views = _data(ctx).views
    memo = (page_src, item.key)
    if memo not in views:
        views[memo] = _new_item_view(ctx, page_src, item)
    return views[memo]


def _item_markup(ctx: RenderContext, item: BoardItem) -> tuple[Markup, Markup]:
    """An item's ``data-`` attributes and its due date as ``<time>`` (empty without one), the
    same on the board and on every personal board: written once per item."""
    found = _data(ctx).item_markup.get(item.key)
    if found is None:
        attrs = Markup(
            f'data-kind="{escape(item.kind)}" data-key="{escape(item.key)}" data-status="{escape(item.status)}"'
        )
        due = (
            Markup(f'<time datetime="{item.due.isoformat()}">{escape(day(ctx, item.due))}</time>')
            if item.due
            else Markup("")
        )
        found = _data(ctx).item_markup[item.key] = (attrs, due)
    return found


def _new_item_view(ctx: RenderContext, page_src: str, item: BoardItem) -> dict[str, Any]:
    anchor = f"task-{item.task_index}" if item.task is not None else None
    attrs, due = _item_markup(ctx, item)
    return Record(
        {
            "key": item.key,
            "kind": item.kind,
            "kind_label": ctx.gettext(BOARD_KINDS[item.kind]),
            "title": item.title,
            "href": href(ctx, page_src, ctx.src("initiatives", item.initiative.id), anchor),
            "status": item.status,
            "status_label": status_label(ctx, item.status),
            "owner": entity_link(ctx, page_src, "team", item.owner),
            "goal": entity_link(ctx, page_src, "goals", item.goal),
            "due": item.due,
            "overdue": item.overdue,
            "attrs": attrs,
            "due_html": due,
        }
    )


def _people(ctx: RenderContext) -> list[Entity]:
    return sorted(ctx.plan.all("team"), key=lambda p: (p.title.casefold(), p.id))


def render_board_page(ctx: RenderContext) -> str:
    page_src = ctx.src("board")
    items = _data(ctx).board
    columns = [
        {
            "status": status,
            "label": status_label(ctx, status),
            "shown": shown_in_column(status, len(column)),
            "items": [_item_view(ctx, page_src, i) for i in column],
        }
        for status, column in board_columns(items).items()
    ]
    people = [
        {
            "person": person,
            "link": entity_link(ctx, page_src, "team", person.id),
            "items": [_item_view(ctx, page_src, i) for i in personal_items(_data(ctx).items_of(person.id), person.id)],
        }
        for person in _people(ctx)
    ]
    return _render(ctx, "roadmap/board.md.j2", page_src, columns=columns, people=people)


# --- panels ---------------------------------------------------------------------------------


def render_goal_panel(ctx: RenderContext, goal: Entity, page_src: str) -> str:
    """The goal's own lane of the roadmap."""
    initiatives = _data(ctx).by_goal.get(goal.id, [])
    svg = None
    if initiatives:
        layout = timeline_layout(ctx, initiatives, all_goals=False, legend=False)
        svg = render_timeline_svg(
            ctx,
            page_src,
            layout,
            _svg_prefix("goal", goal.id),
            ctx.gettext("Roadmap lane of %(goal)s", goal=goal.title),
            _timeline_description(ctx, initiatives, len(layout.lanes)),
        )
    return _render(
        ctx,
        "roadmap/goal_panel.md.j2",
        page_src,
        goal=goal,
        svg=svg,
        rows=_table_rows(ctx, page_src, initiatives),
        roadmap_href=href(ctx, page_src, ctx.src("roadmap")),
    )


def render_initiative_panel(ctx: RenderContext, initiative: Initiative, page_src: str) -> str:
    """Where the initiative sits (beside what it depends on and what waits for it), then its
    milestones, tasks and dependencies."""
    data = _data(ctx)
    depends_on = ctx.visible("initiatives", initiative.depends_on)
    needed_by = sorted(data.needed_by.get(initiative.id, []), key=lambda i: (i.title.casefold(), i.id))
    shown_ids = {initiative.id, *(d.id for d in depends_on), *(n.id for n in needed_by)}
    shown = [data.by_id[i] for i in sorted(shown_ids) if i in data.by_id]  # plan (id) order
    layout = timeline_layout(ctx, shown, all_goals=False, highlighted=initiative.id, legend=False)
    svg = render_timeline_svg(
        ctx,
        page_src,
        layout,
        _svg_prefix("initiative", initiative.id),
        ctx.gettext("%(initiative)s on the roadmap", initiative=initiative.title),
        _timeline_description(ctx, shown, len(layout.lanes)),
    )
    tasks = [
        Record(
            {
                "index": index,
                "title": task.title,
                "owner": entity_link(ctx, page_src, "team", ctx.plan.effective.task_owner(initiative, index)),
                "due": task.due,
                "status": task.status,
                "overdue": is_overdue(task.due, task.status, ctx.today),
            }
        )
        for index, task in enumerate(initiative.tasks)
    ]
    milestones = sorted(initiative.milestones, key=lambda m: (m.date, m.title))
    return _render(
        ctx,
        "roadmap/initiative_panel.md.j2",
        page_src,
        initiative=initiative,
        svg=svg,
        overdue=is_overdue(initiative.end, initiative.status, ctx.today),
        milestones=milestones,
        tasks=tasks,
        depends_on=[entity_link(ctx, page_src, "initiatives", d.id) for d in depends_on],
        needed_by=[entity_link(ctx, page_src, "initiatives", n.id) for n in needed_by],
        roadmap_href=href(ctx, page_src, ctx.src("roadmap")),
    )


def render_team_panel(ctx: RenderContext, person: Entity, page_src: str) -> str:
    """The person's own board: their initiatives and tasks, overdue first."""
    items = [_item_view(ctx, page_src, i) for i in personal_items(_data(ctx).items_of(person.id), person.id)]
    return _render(
        ctx,
        "roadmap/team_panel.md.j2",
        page_src,
        person=person,
        items=items,
        board_href=href(ctx, page_src, ctx.src("board")),
    )
