"""Render a resolved plan into every generated page and file. Pure: plan in, outputs out."""

from __future__ import annotations

import json
from datetime import date, time
from decimal import Decimal
from typing import Any

import jinja2

from .context import Output, RenderContext, RenderOptions, make_environment
from .features import all_features
from .plan import Plan


def render_site(plan: Plan, options: RenderOptions, env: jinja2.Environment | None = None) -> dict[str, Output]:
    """Every generated output keyed by its source path, in a stable order."""
    ctx = RenderContext(plan=plan, options=options, env=env or make_environment(options.templates_dir))
    features = all_features()
    ctx.computed["features"] = features
    for feature in features:
        feature.prepare(ctx)
    outputs: dict[str, Output] = {}
    for feature in features:
        for output in feature.outputs(ctx):
            outputs[output.src_uri] = output
    plan_json = build_plan_json(ctx, features)
    outputs[ctx.file("plan.json")] = Output(ctx.file("plan.json"), plan_json)
    return dict(sorted(outputs.items()))


def build_plan_json(ctx: RenderContext, features: list) -> str:
    from .resolve import entity_data

    plan = ctx.plan
    data: dict[str, Any] = {
        "version": 1,
        "today": plan.today,
        "audience": plan.audience,
        "horizon": {"start": plan.horizon_start, "end": plan.horizon_end, "months": plan.months},
        "mission": entity_data(plan, plan.mission),
    }
    for section, entities in plan.sections.items():
        data[section] = {}
        for entity in entities.values():
            item = entity_data(plan, entity)
            for feature in features:
                item.update(feature.entity_json(ctx, entity))
            data[section][entity.id] = item
    for feature in features:
        data.update(feature.json(ctx))
    return json.dumps(data, default=_json_default, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")
