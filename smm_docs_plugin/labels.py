"""English words chosen by a value at run time (a section, a status, a field), marked with
``N_`` for extraction and translated where they are shown (``ctx.gettext(SECTION_TITLES[s])``,
in templates ``_(labels.SECTION_TITLES[s])``). A value without an entry is shown as written."""

from __future__ import annotations

from typing import Any

from .i18n import N_


class Words(dict[Any, str]):
    """A table of English words by value; a value without an entry (a section or status added
    later) reads as itself rather than failing the build."""

    def __missing__(self, key: object) -> str:
        return str(key)


class SectionWords(Words):
    """A section's words, read from the registry where each section declares them once
    (``sections.py``, its ``title``, ``noun`` or ``intro``, marked ``N_``), and for the mission
    and the company goals from ``sections.PSEUDO_SECTIONS``."""

    def __init__(self, attribute: str) -> None:
        super().__init__()
        self.attribute = attribute

    def __missing__(self, key: object) -> str:
        from .sections import PSEUDO_SECTIONS, capitalised, get

        name = str(key)
        try:
            return capitalised(str(getattr(get(name), self.attribute)))
        except KeyError:
            pass
        if name in PSEUDO_SECTIONS and self.attribute != "intro":
            singular, title = PSEUDO_SECTIONS[name]
            return capitalised(singular) if self.attribute == "noun" else title
        return name


class FieldWords(Words):
    """Field labels: a field of a section added later reads its model's title, else its name in words."""

    def __missing__(self, key: object) -> str:
        from .sections import field_title

        return field_title(str(key)) or str(key)


#: A section's title (navigation, headings).
SECTION_TITLES: dict[str, str] = SectionWords("title")
#: One entity of a section ("Goal", "Budget line").
SECTION_NOUNS: dict[str, str] = SectionWords("noun")
#: The lead sentence of a section's index page.
SECTION_INTROS: dict[str, str] = SectionWords("intro")

#: A field's label on entity pages and index tables.
FIELD_LABELS: dict[str, str] = FieldWords(
    {
        "account": N_("Account"),
        "actual": N_("Actual"),
        "actuals": N_("Actuals"),
        "age": N_("Age"),
        "attendees": N_("Attendees"),
        "avg_comments": N_("Avg. comments"),
        "avg_likes": N_("Avg. likes"),
        "avg_shares": N_("Avg. shares"),
        "backup_owner": N_("Backup owner"),
        "baseline": N_("Baseline"),
        "body": N_("link in the text"),
        "business_goals": N_("Business goals"),
        "cadence": N_("Cadence"),
        "capacity": N_("Capacity (hours per week)"),
        "carry_over": N_("Carry over unspent money"),
        "category": N_("Category"),
        "challenges": N_("Challenges"),
        "channel": N_("Channel"),
        "channels": N_("Channels"),
        "company_goals": N_("Company goals"),
        "complexity": N_("Complexity"),
        "content": N_("Content"),
        "contributors": N_("Contributors"),
        "currency": N_("Currency"),
        "date": N_("Date"),
        "deadline": N_("Deadline"),
        "decisions": N_("Decisions"),
        "depends_on": N_("Depends on"),
        "due": N_("Due"),
        "duration": N_("Duration"),
        "effort": N_("Effort (hours)"),
        "end": N_("End"),
        "family": N_("Family"),
        "followers": N_("Followers"),
        "format": N_("Format"),
        "founded": N_("Founded"),
        "founders": N_("Founders"),
        "gender": N_("Gender"),
        "goal": N_("Goal"),
        "handle": N_("Handle"),
        "headquarters": N_("Headquarters"),
        "holidays": N_("Holidays"),
        "horizon": N_("Horizon"),
        "id": N_("ID"),
        "income": N_("Income"),
        "initiative": N_("Initiative"),
        "internal": N_("Internal"),
        "items": N_("Items"),
        "languages": N_("Languages"),
        "location": N_("Location"),
        "login_email": N_("Login e-mail"),
        "metric": N_("Metric"),
        "metrics": N_("Metrics"),
        "milestones": N_("Milestones"),
        "mission": N_("Mission"),
        "negative": N_("Negative persona (exclude from targeting)"),
        "objections": N_("Objections"),
        "opportunities": N_("Opportunities"),
        "our_impact": N_("How we help"),
        "owner": N_("Owner"),
        "period": N_("Period"),
        "personal_goals": N_("Personal goals"),
        "personas": N_("Personas"),
        "pillar": N_("Pillar"),
        "planned": N_("Planned"),
        "platform": N_("Platform"),
        "posts_per_week": N_("Posts per week"),
        "private": N_("Private"),
        "purpose": N_("Purpose"),
        "recovery": N_("Recovery contact"),
        "review": N_("Review"),
        "review_by": N_("Review evidence by"),
        "role": N_("Role"),
        "roles": N_("Roles"),
        "rrule": N_("Recurrence (RRULE)"),
        "sources": N_("Sources"),
        "start": N_("Start"),
        "status": N_("Status"),
        "strengths": N_("Strengths"),
        "summary": N_("Summary"),
        "supports": N_("Supports company goal"),
        "swot": N_("SWOT"),
        "tags": N_("Tags"),
        "target": N_("Target"),
        "tasks": N_("Tasks"),
        "threats": N_("Threats"),
        "time": N_("Time"),
        "timezone": N_("Timezone"),
        "title": N_("Title"),
        "two_factor": N_("Two-factor authentication"),
        "type": N_("Type"),
        "unit": N_("Unit"),
        "url": N_("URL"),
        "usp": N_("Why we fit (USP)"),
        "value": N_("Value"),
        "values": N_("Values"),
        "vision": N_("Vision"),
        "weaknesses": N_("Weaknesses"),
        "website": N_("Website"),
    }
)

#: A status, type, category or platform in words (``ctx.label``).
VALUE_LABELS: dict[str, str] = Words(
    {
        "advertising": N_("Advertising"),
        "approved": N_("Approved"),
        "assets": N_("Assets"),
        "awareness": N_("Awareness"),
        "backlog": N_("Backlog"),
        "blog": N_("Blog"),
        "bluesky": N_("Bluesky"),
        "community": N_("Community"),
        "done": N_("Done"),
        "draft": N_("Draft"),
        "engagement": N_("Engagement"),
        "facebook": N_("Facebook"),
        "idea": N_("Idea"),
        "in-progress": N_("In progress"),
        "in-review": N_("In review"),
        "instagram": N_("Instagram"),
        "leads": N_("Leads"),
        "linkedin": N_("LinkedIn"),
        "mastodon": N_("Mastodon"),
        "news": N_("News"),
        "newsletter": N_("Newsletter"),
        "on-hold": N_("On hold"),
        "other": N_("Other"),
        "pinterest": N_("Pinterest"),
        "press": N_("Press"),
        "published": N_("Published"),
        "research": N_("Research"),
        "revenue": N_("Revenue"),
        "review": N_("In review"),  # the status before approval, not the meeting ("Review")
        "sales": N_("Sales"),
        "scheduled": N_("Scheduled"),
        "secondary-sales": N_("Secondary sales"),
        "services": N_("Services"),
        "software": N_("Software"),
        "support": N_("Support"),
        "threads": N_("Threads"),
        "tiktok": N_("TikTok"),
        "todo": N_("To do"),
        "traffic": N_("Traffic"),
        "website": N_("Website"),
        "x": N_("X"),
        "youtube": N_("YouTube"),
    }
)

#: The budget's empty state per section of a line's references.
BUDGET_NONE: dict[str, str] = Words(
    {
        "channels": N_("No channel"),
        "initiatives": N_("No initiative"),
    }
)

#: Budget line categories.
BUDGET_CATEGORY_LABELS: dict[str, str] = Words(
    {
        "advertising": N_("Advertising"),
        "assets": N_("Digital assets"),
        "other": N_("Other"),
        "services": N_("Services"),
        "software": N_("Software and tools"),
    }
)

#: What a calendar entry is (also the feeds' CATEGORIES).
CALENDAR_KINDS: dict[str, str] = Words(
    {
        "deadline": N_("Goal deadline"),
        "holiday": N_("Public holiday"),
        "initiative-end": N_("Initiative ends"),
        "initiative-start": N_("Initiative starts"),
        "item": N_("Post"),  # a calendar file's item ("Content" is a persona's field)
        "milestone": N_("Milestone"),
        "post": N_("Cadence post"),
        "review": N_("Strategy review"),
        "task": N_("Task due"),
    }
)

#: Statuses of content items and tasks in the calendar.
CALENDAR_STATUSES: dict[str, str] = Words(
    {
        "approved": N_("Approved"),
        "backlog": N_("Backlog"),
        "done": N_("Done"),
        "draft": N_("Draft"),
        "idea": N_("Idea"),
        "in-progress": N_("In progress"),
        "in-review": N_("In review"),
        "on-hold": N_("On hold"),
        "published": N_("Published"),
        "review": N_("In review"),  # the status before approval, not the meeting ("Review")
        "scheduled": N_("Scheduled"),
        "todo": N_("To do"),
    }
)

#: A goal's pace.
PACE_STATUSES: dict[str, str] = Words(
    {
        "achieved": N_("Achieved"),
        "at-risk": N_("At risk"),
        "missed": N_("Missed"),
        "no-data": N_("No data"),
        "off-track": N_("Off track"),
        "on-track": N_("On track"),
    }
)

#: A goal's type.
GOAL_TYPES: dict[str, str] = Words(
    {
        "awareness": N_("Awareness"),
        "community": N_("Community"),
        "engagement": N_("Engagement"),
        "leads": N_("Leads"),
        "press": N_("Press"),
        "research": N_("Research"),
        "revenue": N_("Revenue"),
        "traffic": N_("Traffic"),
    }
)

#: Initiative and task statuses on the roadmap.
ROADMAP_STATUSES: dict[str, str] = Words(
    {
        "backlog": N_("Backlog"),
        "done": N_("Done"),
        "in-progress": N_("In progress"),
        "on-hold": N_("On hold"),
        "review": N_("In review"),  # the status before approval, not the meeting ("Review")
        "todo": N_("To do"),
    }
)

#: The roadmap timeline's legend.
ROADMAP_LEGEND: dict[str, str] = Words(
    {
        "dependency": N_("Depends on"),
        "milestone": N_("Milestone"),
        "overdue": N_("Overdue"),
        "today": N_("Today"),
    }
)

#: Cards on the roadmap board.
BOARD_KINDS: dict[str, str] = Words(
    {
        "initiative": N_("Initiative"),
        "task": N_("Task"),
    }
)

#: An initiative's status on a goal's panel.
INITIATIVE_STATUSES: dict[str, str] = Words(
    {
        "backlog": N_("Backlog"),
        "done": N_("Done"),
        "in-progress": N_("In progress"),
        "on-hold": N_("On hold"),
        "review": N_("In review"),
        "todo": N_("To do"),
    }
)

#: The four SWOT quadrants.
SWOT_QUADRANTS: dict[str, str] = Words(
    {
        "opportunities": N_("Opportunities"),
        "strengths": N_("Strengths"),
        "threats": N_("Threats"),
        "weaknesses": N_("Weaknesses"),
    }
)

#: What needs attention on a channel's account.
ACCOUNT_PROBLEMS: dict[str, str] = Words(
    {
        "backup-is-owner": N_("Backup owner is the owner"),
        "no-backup-owner": N_("No backup owner"),
        "two-factor-off": N_("Two-factor is off"),
        "two-factor-unknown": N_("Two-factor state unknown"),
    }
)

#: Two-factor authentication of an account.
TWO_FACTOR: dict[str, str] = Words(
    {
        "off": N_("Off"),
        "on": N_("On"),
        "unknown": N_("Unknown"),
    }
)

#: The position of a weekday in a month ("the second Tuesday").
NTH: dict[int, str] = Words(
    {
        -5: N_("fifth-to-last"),
        -4: N_("fourth-to-last"),
        -3: N_("third-to-last"),
        -2: N_("second-to-last"),
        -1: N_("last"),
        1: N_("first"),
        2: N_("second"),
        3: N_("third"),
        4: N_("fourth"),
        5: N_("fifth"),
    }
)

#: The five SMART criteria on a goal's panel.
SMART_PARTS: dict[str, str] = Words(
    {
        "specific": N_("Specific"),
        "measurable": N_("Measurable"),
        "achievable": N_("Achievable"),
        "relevant": N_("Relevant"),
        "time-bound": N_("Time-bound"),
    }
)
