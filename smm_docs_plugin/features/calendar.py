"""calendar (placeholder until its issue lands)."""

from __future__ import annotations

from ..context import Feature


class CalendarFeature(Feature):
    name = "calendar"
