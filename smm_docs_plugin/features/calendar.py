"""The rolling content calendar and its subscribable .ics feeds."""

from __future__ import annotations

from ..context import Feature
from .events import review_dates

__all__ = ["CalendarFeature", "review_dates"]


class CalendarFeature(Feature):
    name = "calendar"
