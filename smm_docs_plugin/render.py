"""Render a resolved plan into every generated page and file. Pure: plan in, outputs out."""

from __future__ import annotations

import json
from functools import partial
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from .context import Output, RenderContext, RenderOptions, make_environment, packaged_templates_dir
from .features import all_features
from .model import CalendarFile, Channel, Entity, Goal, Initiative
from .plan import Plan
from .resolve import strip_internal

ASSET_CSS = "assets/smm/smm.css"
ASSET_JS = "assets/smm/smm.js"


def render_site(plan: Plan, options: RenderOptions, env: jinja2.Environment | None = None) -> dict[str, Output]:
    """Every generated output keyed by its source path, in a stable order. Listing them is
    cheap: the features prepare their values when the first content is rendered (on first use
    of ``Output.content``, in any order, giving the same bytes), so a build can leave all of
    that work to a background process."""
    ctx = RenderContext(plan=plan, options=options, env=env or make_environment(options.templates_dir))
    features = all_features()
    ctx.computed["features"] = features
    outputs: dict[str, Output] = {}
    for feature in features:
        for output in feature.outputs(ctx):
            outputs[output.src_uri] = output
    outputs[ctx.file("plan.json")] = Output(ctx.file("plan.json"), partial(build_plan_json, ctx, features))
    prepared = partial(_prepare, ctx, features)
    for output in outputs.values():
        output.before(prepared)
    return dict(sorted(outputs.items()))


def _prepare(ctx: RenderContext, features: list) -> None:
    """Every feature's ``prepare``, once, before the first content is rendered."""
    if not ctx.computed.get("prepared"):
        ctx.computed["prepared"] = True
        for feature in features:
            feature.prepare(ctx)


def build_plan_json(ctx: RenderContext, features: list) -> str:
    """plan.json: the resolved plan (§4). Every entity keeps its own fields, with the defaults
    the handbook applies filled in (see :func:`resolved_entity_data`); what features compute
    (``page``, ``progress``, ``status``, ...) is added under keys no entity field uses."""
    plan = ctx.plan
    data: dict[str, Any] = {
        "version": 1,
        "today": plan.today,
        "audience": plan.audience,
        "horizon": {"start": plan.horizon_start, "end": plan.horizon_end, "months": plan.months},
        "mission": {**resolved_entity_data(plan, plan.mission), "source": f"{ctx.options.plan_path.rstrip('/')}/mission.md"},
    }
    for section, entities in plan.sections.items():
        data[section] = {}
        for entity in entities.values():
            item = resolved_entity_data(plan, entity, ctx.prefix)
            item["source"] = f"{ctx.options.plan_path.rstrip('/')}/{section}/{entity.id}.md"
            for feature in features:
                extra = feature.entity_json(ctx, entity)
                clash = set(extra) & set(type(entity).model_fields)
                if clash:  # a feature must never hide what the team wrote
                    raise RuntimeError(f"plan.json: feature '{feature.name}' would overwrite field(s) {sorted(clash)} of {section}/{entity.id}")
                item.update(extra)
            data[section][entity.id] = item
    for feature in features:
        data.update(feature.json(ctx))
    return json.dumps(data, default=_json_default, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def resolved_entity_data(plan: Plan, entity: Entity, url_prefix: str = "") -> dict[str, Any]:
    """An entity for plan.json with the defaults the site applies filled in, so a script reads
    the same values the pages show: a goal's ``start`` (the horizon start), a cadence slot's
    ``owner`` (the channel's), ``start``/``end`` (the horizon) and ``effort``, a calendar
    item's ``channel``, ``owner``, ``format``, ``pillar``, ``initiative``, ``status`` and
    ``effort`` (the file's, the channel's owner, the handbook's), a task's ``owner`` (the
    initiative's). A calendar item also gets its ``channels`` (one or several) and each of its
    media files its ``url``: where the site holds the copy, relative to the site's root. A
    reference the audience may not see still reads "internal"."""
    from .features.events import ITEM_EFFORT, POST_EFFORT, effective_calendar_item
    from .posts import media_site_path
    from .resolve import entity_data

    data = entity_data(plan, entity)
    if isinstance(entity, Goal):
        data["start"] = entity.start or plan.horizon_start
    elif isinstance(entity, Channel):
        for slot, slot_data in zip(entity.cadence, data.get("cadence", [])):
            slot_data["owner"] = slot.owner or entity.owner
            slot_data["start"] = slot.start or plan.horizon_start
            slot_data["end"] = slot.end or plan.horizon_end
            slot_data["effort"] = POST_EFFORT if slot.effort is None else slot.effort
    elif isinstance(entity, Initiative):
        for task, task_data in zip(entity.tasks, data.get("tasks", [])):
            task_data["owner"] = task.owner or entity.owner
    elif isinstance(entity, CalendarFile):
        for item, item_data in zip(entity.items, data.get("items", [])):
            effective = effective_calendar_item(plan, entity, item)
            for name in ("channel", "channels", "owner", "format", "pillar", "initiative", "status", "effort"):
                item_data[name] = getattr(effective, name)
            for media, media_data in zip(item.media, item_data.get("media", [])):
                media_data["url"] = f"{url_prefix}/{media_site_path(media.file)}".lstrip("/")
            if item_data["effort"] is None:
                item_data["effort"] = ITEM_EFFORT
    return data


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")  # the plan's own notation (§1), as in calendar_window
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def asset_files(templates_dir: str | Path | None = None) -> dict[str, str]:
    """One stylesheet and one script from every ``docs_templates/**/*.css|js`` (a user's
    folder overrides a packaged file of the same relative path)."""
    roots = [packaged_templates_dir()] + ([Path(templates_dir)] if templates_dir else [])
    found: dict[str, dict[str, Path]] = {".css": {}, ".js": {}}
    for root in roots:
        for path in root.rglob("*"):
            if path.suffix in found and path.is_file():
                found[path.suffix][path.relative_to(root).as_posix()] = path
    out = {}
    for suffix, asset in ((".css", ASSET_CSS), (".js", ASSET_JS)):
        parts = [f"/* {rel} */\n{found[suffix][rel].read_text(encoding='utf-8')}" for rel in sorted(found[suffix])]
        out[asset] = "\n".join(parts) + "\n"
    return out


def rewrite_docs_page(markdown: str, page_src: str, ctx: RenderContext) -> str:
    """A hand-written page as the handbook shows it: internal passages removed for
    stakeholders, ``[[section/id|label]]`` turned into relative ``.md`` links (or "internal")."""
    if not ctx.plan.is_team:
        markdown = strip_internal(markdown)
    return ctx.resolve_wikilinks(markdown, page_src)
