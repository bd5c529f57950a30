"""roadmap (placeholder until its issue lands)."""

from __future__ import annotations

from ..context import Feature


class RoadmapFeature(Feature):
    name = "roadmap"
