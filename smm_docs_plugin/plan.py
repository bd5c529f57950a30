"""The resolved plan: every entity by section, references both ways, computed values."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .effective import EffectiveValues, effective_values
from .model import Entity, Mission

if TYPE_CHECKING:
    from .markup import MarkdownDialect


def month_range(start: date, end: date) -> list[str]:
    """Every month ``YYYY-MM`` from the month of ``start`` to the month of ``end``."""
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class Hidden(str):
    """What a reference to an entity the audience may not see becomes: it reads "internal" and
    finds nothing, even where a visible entity's id is literally ``internal``."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:  # equal to no id, so no join by id can find it
        return isinstance(other, Hidden)

    def __ne__(self, other: object) -> bool:
        return not isinstance(other, Hidden)

    __hash__ = str.__hash__


@dataclass(frozen=True)
class BackRef:
    """``section/id`` points at the target through ``field`` (a dotted path such as ``tasks.2.owner``)."""

    section: str
    id: str
    field: str


@dataclass
class Plan:
    """A validated, resolved plan for one audience.

    ``sections`` maps a section name to its entities keyed by id, in id order. In a
    stakeholder plan internal entities are simply absent, so any reference that cannot be
    resolved with :meth:`get` must be shown as "internal".
    """

    root: Path
    mission: Mission
    sections: dict[str, dict[str, Entity]]
    today: date
    audience: str = "team"
    backrefs: dict[tuple[str, str], list[BackRef]] = field(default_factory=dict)
    #: Warnings found while loading (errors never reach a Plan).
    problems: list = field(default_factory=list)
    #: The site's Markdown (extensions and configs): it decides what in a body is code.
    markdown: MarkdownDialect | None = None

    def get(self, section: str, id: str | None) -> Entity | None:
        if id is None or type(id) is Hidden:
            return None
        return self.sections.get(section, {}).get(id)

    def all(self, section: str) -> list[Entity]:
        return list(self.sections.get(section, {}).values())

    def entities(self) -> Iterator[Entity]:
        for entities in self.sections.values():  # in the registry's order (see resolve)
            yield from entities.values()

    def referenced_by(self, entity: Entity) -> list[BackRef]:
        return self.backrefs.get((entity.section, entity.id), [])

    @property
    def is_team(self) -> bool:
        return self.audience == "team"

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.mission.timezone)

    @cached_property
    def effective(self) -> EffectiveValues:
        """The defaults the handbook applies (a goal's start, a slot's owner, ...), resolved once
        for this plan's entities: every page, feed, ``plan.json`` and ``smm diff`` reads them here."""
        return effective_values(self.mission, self.sections)

    @property
    def horizon_start(self) -> date:
        return self.mission.horizon.start

    @property
    def horizon_end(self) -> date:
        return self.mission.horizon.end

    @cached_property
    def months(self) -> list[str]:
        """The horizon's months, ``YYYY-MM``, in order."""
        return month_range(self.horizon_start, self.horizon_end)

    @property
    def window_start(self) -> date:
        """Monday of the week that holds today."""
        return self.today - timedelta(days=self.today.weekday())

    def window_end(self, weeks: int) -> date:
        """Last day (Sunday) of a rolling window of ``weeks`` weeks."""
        return self.window_start + timedelta(days=7 * weeks - 1)
