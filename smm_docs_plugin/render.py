"""Render a resolved plan into every generated page and file. Pure: plan in, outputs out."""

from __future__ import annotations

import json
import re
from datetime import date, time
from decimal import Decimal
from functools import partial
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import jinja2

from .budget_core import format_amount
from .context import (
    Output,
    RenderContext,
    RenderOptions,
    make_environment,
    messages_for,
    overridden_files,
    packaged_files,
    packaged_templates_dir,
)
from .effective import effective_data
from .features import all_features
from .markup import WIKILINK_CANDIDATE
from .mkdocs_rules import split_front_matter
from .model import BudgetLine, CalendarFile, Entity
from .plan import Plan
from .resolve import strip_internal
from .template_errors import TemplateProblem, shown_path

ASSET_CSS = "assets/smm/smm.css"
ASSET_JS = "assets/smm/smm.js"


def render_site(plan: Plan, options: RenderOptions, env: jinja2.Environment | None = None) -> dict[str, Output]:
    """Every generated output keyed by its source path, in a stable order. Listing them is
    cheap: the features prepare their values when the first content is rendered (on first use
    of ``Output.content``, in any order, giving the same bytes), so a build can leave all of
    that work to a background process."""
    ctx = RenderContext(
        plan=plan, options=options, env=env or make_environment(options.templates_dir, messages_for(options))
    )
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
        "mission": {
            **resolved_entity_data(plan, plan.mission),
            "source": f"{ctx.options.plan_path.rstrip('/')}/mission.md",
        },
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
                    raise RuntimeError(
                        f"plan.json: feature '{feature.name}' would overwrite field(s) {sorted(clash)} of "
                        f"{section}/{entity.id}"
                    )
                item.update(extra)
            data[section][entity.id] = item
    for feature in features:
        data.update(feature.json(ctx))
    return plan_json_text(data)


def plan_json_text(data: Any) -> str:
    """``json.dumps(data, default=_json_default, indent=2, ensure_ascii=False)`` and a newline,
    the same text written in one pass: with ``indent`` the standard library takes its
    pure-Python encoder, whose generators cost a large plan more than building the data. Leaves
    go through the library's own functions (``encode_basestring``, ``float.__repr__``), so
    only the layout is written here; ``tests/test_plan_json.py`` holds the two equal."""
    parts: list[str] = []
    write = parts.append

    def value(item: Any, indent: str) -> None:
        if isinstance(item, str):
            write(encode_basestring(item))
        elif item is None:
            write("null")
        elif item is True:
            write("true")
        elif item is False:
            write("false")
        elif isinstance(item, int):
            write(int.__repr__(item))
        elif isinstance(item, float):
            write(json.dumps(item))
        elif isinstance(item, (list, tuple, dict)):
            is_mapping = isinstance(item, dict)
            if not item:
                write("{}" if is_mapping else "[]")
                return
            # (the text before each element, the element): a mapping's key, or nothing.
            members = (
                ((encode_basestring(k if isinstance(k, str) else json.dumps(k)) + ": ", e) for k, e in item.items())
                if isinstance(item, dict)
                else (("", e) for e in item)
            )
            inner = indent + "  "
            write(("{" if is_mapping else "[") + "\n" + inner)
            separator = ",\n" + inner
            for index, (key, element) in enumerate(members):
                if index:
                    write(separator)
                write(key)
                if type(element) is str:  # most leaves: no call
                    write(encode_basestring(element))
                else:
                    value(element, inner)
            write("\n" + indent + ("}" if is_mapping else "]"))
        else:
            value(_json_default(item), indent)

    value(data, "")
    return "".join(parts) + "\n"


def resolved_entity_data(plan: Plan, entity: Entity, url_prefix: str = "") -> dict[str, Any]:
    """An entity for plan.json with the defaults the site applies filled in from
    ``plan.effective`` (see :func:`effective.effective_data`), so a script reads the same values
    the pages show: a goal's ``start``, a cadence slot's ``title``, ``owner``, ``start``/``end``
    and ``effort``, a calendar item's ``channel``, ``channels``, ``owner``, ``format``,
    ``pillar``, ``initiative``, ``status`` and ``effort``, a task's ``owner``. Each media file of
    a calendar item gets its ``url``: where the site holds the copy, relative to the site's root.
    A budget line's amounts are decimal text. A reference the audience may not see still reads
    "internal". A stakeholder plan has no ``capacity`` or ``effort`` at all."""
    from .posts import media_site_path
    from .resolve import entity_data, pop_workload

    data = effective_data(plan.effective, entity, entity_data(plan, entity))
    if not plan.is_team:
        pop_workload(data)  # no capacity, no effort: a person's hours are the team's business
    if isinstance(entity, BudgetLine):
        # Money as exact decimal text with two decimals, exactly like budget.csv (§7): a JSON
        # number would turn 312.40 into 312.4 and sums of floats drift.
        planned = entity.planned
        data["planned"] = (
            {m: format_amount(a) for m, a in planned.items()} if isinstance(planned, dict) else format_amount(planned)
        )
        data["actual"] = {m: format_amount(a) for m, a in entity.actual.items()}
    elif isinstance(entity, CalendarFile):
        for item, item_data in zip(entity.items, data.get("items", []), strict=True):
            for media, media_data in zip(item.media, item_data.get("media", []), strict=True):
                media_data["url"] = f"{url_prefix}/{media_site_path(media.file)}".lstrip("/")
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
    """One stylesheet and one script from the packaged ``docs_templates/**/*.css|js``, each
    replaced by the file of the same relative path in ``templates_dir`` where there is one.
    Other files in ``templates_dir`` are never bundled (a folder such as ``/usr/share`` must
    not turn into a megabyte of script on every page)."""
    overrides = overridden_files(templates_dir)
    root = packaged_templates_dir()
    out = {}
    for suffix, asset in ((".css", ASSET_CSS), (".js", ASSET_JS)):
        names = [rel for rel in packaged_files() if rel.endswith(suffix)]
        parts = [f"/* {rel} */\n{_read_asset(overrides.get(rel, root / rel))}" for rel in names]
        out[asset] = "\n".join(parts) + "\n"
    return out


def _read_asset(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise TemplateProblem(shown_path(str(path)), 0, f"cannot read: {reason}") from None


def rewrite_docs_page(markdown: str, page_src: str, ctx: RenderContext, *, whole_file: bool = False) -> str:
    """A hand-written page as the handbook shows it: internal passages and HTML comments removed
    for stakeholders, ``[[section/id|label]]`` turned into relative ``.md`` links (or "internal"),
    both decided by the site's Markdown engine (``ctx.plan.markdown``)."""
    # `smm render` passes the whole file: its front matter is kept as written, not classified
    # (MkDocs hands the plugin the Markdown after it; splitting twice would skip real text).
    head, markdown = split_front_matter(markdown) if whole_file else ("", markdown)
    if not ctx.plan.is_team:
        markdown = strip_internal(markdown, ctx.plan.markdown, drop_comments=True)
        if "[[" in head:  # its texts are shown: a link to a hidden entity reads "internal" there too
            head = WIKILINK_CANDIDATE.sub(partial(hidden_link, ctx), head)
    return head + ctx.resolve_wikilinks(markdown, page_src)


def hidden_link(ctx: RenderContext, match: re.Match[str]) -> str:
    """A ``[[link]]`` matched in a shown text, or "internal" when ``ctx``'s audience may not see
    its target."""
    from .wikilinks import parse_target

    target = parse_target(match.group(1))
    return match.group(0) if target is None or ctx.plan.get(*target) is not None else ctx.gettext("internal")
