"""Competitors compared: SWOT quadrants and channel statistics, side by side.

``interactions per post`` is average likes + shares + comments; a figure the plan leaves out
counts as 0 as long as one of the three is given (with none of them there is no figure).
``engagement rate`` is interactions per post as a share of followers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..model import Competitor, CompetitorChannel, Entity
from ..plan import Plan

#: The quadrants in reading order of the 2x2 grid: internal row first, then external.
QUADRANTS = ("strengths", "weaknesses", "opportunities", "threats")


def interactions_per_post(channel: CompetitorChannel) -> Decimal | None:
    parts = [channel.avg_likes, channel.avg_shares, channel.avg_comments]
    if all(part is None for part in parts):
        return None
    return sum((part for part in parts if part is not None), Decimal(0))


def engagement_rate(channel: CompetitorChannel) -> Decimal | None:
    """Interactions per post per follower, as a fraction (0.012 is 1.2 %)."""
    interactions = interactions_per_post(channel)
    if interactions is None or not channel.followers:
        return None
    return interactions / channel.followers


@dataclass(frozen=True)
class StatRow:
    """One competitor profile in the side-by-side statistics table."""

    competitor: Competitor
    channel: CompetitorChannel
    interactions: Decimal | None
    engagement: Decimal | None


def competitor_stats(competitors: list[Competitor]) -> list[StatRow]:
    """Every competitor profile, grouped by platform so like is beside like, then by
    competitor title and position in its file."""
    rows = []
    for competitor in competitors:
        for channel in competitor.channels:
            rows.append(StatRow(competitor, channel, interactions_per_post(channel), engagement_rate(channel)))
    order = {id(row): index for index, row in enumerate(rows)}
    return sorted(
        rows,
        key=lambda r: (r.channel.platform.casefold(), r.competitor.title.casefold(), r.competitor.id, order[id(r)]),
    )


def competitors(plan: Plan) -> list[Competitor]:
    """The competitors the audience may see, by title."""
    found = [c for c in plan.all("competitors") if isinstance(c, Competitor)]
    return sorted(found, key=lambda c: (c.title.casefold(), c.id))


def needs_review(entity: Entity, today: date) -> bool:
    """Evidence past its ``review_by`` date (strictly before today) must be checked again."""
    return entity.review_by is not None and entity.review_by < today


def stale_entities(plan: Plan) -> list[Entity]:
    """Every entity (mission included) whose evidence has expired, oldest expiry first."""
    found: list[Entity] = [e for e in [plan.mission, *plan.entities()] if needs_review(e, plan.today)]
    return sorted(found, key=lambda e: (e.review_by, e.section, e.id))
