"""Effective values: the defaults the handbook applies where a plan leaves a field out, resolved
once per plan, right after validation (``Plan.effective``, first read by ``resolve``).

Pages, feeds, ``plan.json`` and ``smm diff`` read these values instead of each applying the
rule again, so they cannot disagree: a goal without ``start`` starts at the horizon start, a
cadence slot takes its channel's owner, the horizon as its period, one hour of effort and its
format (else its channel's title) as its title; a task takes its initiative's owner; a calendar
item takes its file's channel, initiative, pillar, format, owner, status and effort, then its
channel's owner and one hour of effort. The written values stay on the model as the author wrote
them (a page still says "the horizon start" where ``start`` was left out, and UIDs keep their
keys), and the stakeholder plan (``resolve.for_audience``) resolves its own, from what it shows.

An initiative's ``end`` computed from its ``duration`` is resolved in ``resolve`` itself: the
checks of its milestones and dependencies need it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .model import CalendarFile, CalendarItem, Channel, Goal, Initiative

if TYPE_CHECKING:
    from .model import Entity, Mission

#: Hours a post of a cadence slot takes when the slot does not say.
POST_EFFORT = Decimal(1)
#: Hours a dated calendar item takes when neither it nor its file says.
ITEM_EFFORT = Decimal(1)


@dataclass(frozen=True)
class EffectiveSlot:
    """A cadence slot's values after the defaults: ``title`` (its own, else its ``format``,
    else its channel's title), ``owner`` (else the channel's), ``start``/``end`` (else the
    horizon's) and ``effort`` (else :data:`POST_EFFORT`)."""

    title: str
    owner: str | None
    start: date
    end: date
    effort: Decimal


@dataclass(frozen=True)
class EffectiveValues:
    """Every default of one plan, by entity id and list position (see the module docstring)."""

    goal_starts: Mapping[str, date]
    slots: Mapping[str, tuple[EffectiveSlot, ...]]
    task_owners: Mapping[str, tuple[str, ...]]
    items: Mapping[str, tuple[CalendarItem, ...]]

    def goal_start(self, goal: Goal) -> date:
        return self.goal_starts[goal.id]

    def slot(self, channel: Channel, index: int) -> EffectiveSlot:
        return self.slots[channel.id][index]

    def task_owner(self, initiative: Initiative, index: int) -> str:
        return self.task_owners[initiative.id][index]

    def item(self, calendar_file: CalendarFile, index: int) -> CalendarItem:
        """The ``index``-th item of ``calendar_file`` with every default applied."""
        return self.items[calendar_file.id][index]


def effective_values(mission: Mission, sections: Mapping[str, Mapping[str, Entity]]) -> EffectiveValues:
    """The defaults of the plan made of ``mission`` and ``sections`` (one audience's entities)."""
    horizon = mission.horizon
    channels = sections.get("channels", {})
    goal_starts: dict[str, date] = {}
    for goal in sections.get("goals", {}).values():
        if isinstance(goal, Goal):
            goal_starts[goal.id] = goal.start if goal.start is not None else horizon.start
    slots: dict[str, tuple[EffectiveSlot, ...]] = {}
    for channel in channels.values():
        if isinstance(channel, Channel):
            slots[channel.id] = tuple(
                EffectiveSlot(
                    title=slot.title or slot.format or channel.title,
                    owner=slot.owner or channel.owner,
                    start=slot.start or horizon.start,
                    end=slot.end or horizon.end,
                    effort=POST_EFFORT if slot.effort is None else slot.effort,
                )
                for slot in channel.cadence
            )
    task_owners: dict[str, tuple[str, ...]] = {}
    for initiative in sections.get("initiatives", {}).values():
        if isinstance(initiative, Initiative):
            task_owners[initiative.id] = tuple(task.owner or initiative.owner for task in initiative.tasks)
    items: dict[str, tuple[CalendarItem, ...]] = {}
    for calendar_file in sections.get("calendar", {}).values():
        if isinstance(calendar_file, CalendarFile):
            items[calendar_file.id] = tuple(
                _effective_item(channels, calendar_file, item) for item in calendar_file.items
            )
    return EffectiveValues(goal_starts=goal_starts, slots=slots, task_owners=task_owners, items=items)


def item_channels(calendar_file: CalendarFile, item: CalendarItem) -> list[str]:
    """Where a post goes out (§7): its ``channels``, else its ``channel``, else the file's."""
    if item.channels:
        return list(dict.fromkeys(item.channels))
    channel_id = item.channel or calendar_file.channel
    return [channel_id] if channel_id is not None else []


def _effective_item(channels: Mapping[str, Entity], calendar_file: CalendarFile, item: CalendarItem) -> CalendarItem:
    """``item`` with its file's defaults applied (§2, §7): ``channels`` (its own, else its
    ``channel``, else the file's), ``channel`` (the one channel, None for a post on several),
    ``initiative``, ``pillar``, ``format``, ``owner`` (else the first channel's owner), ``status``
    and ``effort`` (else the file's, else :data:`ITEM_EFFORT`; handbook extensions)."""
    found = item_channels(calendar_file, item)
    # A channel the audience may not see is absent here, and so is its owner.
    channel = _visible(channels, found[0]) if found else None
    owner = item.owner or calendar_file.owner or (channel.owner if isinstance(channel, Channel) else None)
    status = item.status
    if "status" not in item.model_fields_set and calendar_file.status is not None:
        status = calendar_file.status
    effort = item.effort if item.effort is not None else calendar_file.effort
    return item.model_copy(
        update={
            "channel": found[0] if len(found) == 1 else None,
            "channels": found,
            "owner": owner,
            "format": item.format or calendar_file.format,
            "pillar": item.pillar or calendar_file.pillar,
            "initiative": item.initiative or calendar_file.initiative,
            "status": status,
            "effort": ITEM_EFFORT if effort is None else effort,
        }
    )


def _visible(entities: Mapping[str, Entity], id: str) -> Entity | None:
    if type(id) is not str:
        return None  # a hidden reference ("internal", a ``plan.Hidden``) names no entity
    return entities.get(id)


def effective_data(values: EffectiveValues, entity: Entity, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (``entity``'s fields as dumped by pydantic) with the defaults filled in, as
    ``plan.json`` writes them and ``smm diff`` compares them: a goal's ``start``, each cadence
    slot's ``title``, ``owner``, ``start``, ``end`` and ``effort``, each task's ``owner``, each
    calendar item's ``channel``, ``channels``, ``owner``, ``format``, ``pillar``, ``initiative``,
    ``status`` and ``effort``. Changes ``data`` in place and returns it."""
    if isinstance(entity, Goal):
        data["start"] = values.goal_start(entity)
    elif isinstance(entity, Channel):
        for index, slot_data in enumerate(data.get("cadence", [])):
            slot = values.slot(entity, index)
            slot_data.update(title=slot.title, owner=slot.owner, start=slot.start, end=slot.end, effort=slot.effort)
    elif isinstance(entity, Initiative):
        for index, task_data in enumerate(data.get("tasks", [])):
            task_data["owner"] = values.task_owner(entity, index)
    elif isinstance(entity, CalendarFile):
        for index, item_data in enumerate(data.get("items", [])):
            item = values.item(entity, index)
            for name in ("channel", "channels", "owner", "format", "pillar", "initiative", "status", "effort"):
                item_data[name] = getattr(item, name)
    return data


__all__ = [
    "ITEM_EFFORT",
    "POST_EFFORT",
    "EffectiveSlot",
    "EffectiveValues",
    "effective_data",
    "effective_values",
    "item_channels",
]
