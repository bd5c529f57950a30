"""kpis (placeholder until its issue lands)."""

from __future__ import annotations

from ..context import Feature


class KpisFeature(Feature):
    name = "kpis"
