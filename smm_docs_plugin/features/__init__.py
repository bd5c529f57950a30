"""The parts of the handbook, in the order they render. Each module owns its pages, templates
(``docs_templates/<name>/``), labels (``locales/<lang>/<name>.yml``) and tests."""

from __future__ import annotations

from ..context import Feature


def all_features() -> list[Feature]:
    from .budget import BudgetFeature
    from .calendar import CalendarFeature
    from .kpis import KpisFeature
    from .pages import PagesFeature
    from .roadmap import RoadmapFeature

    # Pages first: the generic section indexes and entity pages that later features extend
    # (panels) or replace (a later output at the same path wins).
    return [PagesFeature(), RoadmapFeature(), BudgetFeature(), CalendarFeature(), KpisFeature()]
