"""The section registry: every plan section declared once.

A section is a folder of ``plan/`` (one Markdown file per entity), a typed model, the words the
site and the messages use for it, the columns of its index page, the fields a feature panel
shows instead of the facts table, its rank in the navigation and its page template. The loader,
``resolve``, the pages, the navigation, ``smm schema``, ``smm diff``, the editor (``cms.py``) and
the label catalogue's English fallback all read this registry, so a new section is one
:func:`register` call (see ``tests/test_registry.py``, which adds a section in a test alone).

The English texts are wrapped in ``N_()``: they are the message ids the catalogues translate
(``labels.SECTION_TITLES`` / ``SECTION_NOUNS`` / ``SECTION_INTROS`` read them from here); a
section a catalogue does not know reads the English given here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .i18n import N_
from .model import (
    BudgetLine,
    CalendarFile,
    Channel,
    Competitor,
    Entity,
    Goal,
    Initiative,
    Persona,
    Report,
    ReviewRecord,
    TeamMember,
)

#: The generic entity template: a section without a template of its own uses it.
ENTITY_TEMPLATE = "pages/entity.md.j2"
#: Where a page without a rank lands in the navigation: after every ranked one.
LAST_RANK = 1000


@dataclass(frozen=True)
class Section:
    """One plan section. ``name`` is the folder under ``plan/`` and in the site."""

    name: str
    model: type[Entity]
    #: English singular as a label ("Team member"; the entity badge, the diff), the message id
    #: the catalogues translate; :func:`noun` gives it in lower case for English sentences.
    noun: str
    title: str
    #: One sentence under the index page's heading.
    intro: str
    #: Fields shown as columns of the index table, after the title.
    columns: tuple[str, ...]
    #: Rank in the "Strategy" navigation (lower first; pages of features rank in between).
    nav_rank: int = LAST_RANK
    #: Fields a feature panel shows richer, left out of the entity page's facts table.
    panel_fields: frozenset[str] = field(default_factory=frozenset)
    #: Template of an entity page (it may extend ``pages/entity.md.j2``); None: the generic one.
    template: str | None = None

    @property
    def entity_template(self) -> str:
        return self.template or ENTITY_TEMPLATE


_REGISTRY: dict[str, Section] = {}


def register(section: Section) -> Section:
    """Add a section (after the ones declared before it). Its name must be a new folder name."""
    if section.name in _REGISTRY or section.name in PSEUDO_SECTIONS:
        raise ValueError(f"section {section.name!r} is already declared")
    _REGISTRY[section.name] = section
    return section


def unregister(name: str) -> None:
    """Remove a section added with :func:`register` (tests undo their toy sections)."""
    del _REGISTRY[name]


@contextmanager
def registered(section: Section) -> Iterator[Section]:
    """The registry with ``section`` added for the duration of a ``with`` block."""
    register(section)
    try:
        yield section
    finally:
        unregister(section.name)


def sections() -> tuple[Section, ...]:
    """Every section, in the contract's order (PLAN_FORMAT.md §1)."""
    return tuple(_REGISTRY.values())


def section_names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def get(name: str) -> Section:
    return _REGISTRY[name]


def models() -> dict[str, type[Entity]]:
    """Folder → model: what the loader validates each file of a folder with."""
    return {s.name: s.model for s in _REGISTRY.values()}


#: Names that are referenced like sections but are not folders: the mission file and the
#: company goals it lists. Their words live here too, beside the sections'.
PSEUDO_SECTIONS: dict[str, tuple[str, str]] = {
    "mission": ("mission", N_("Mission")),
    "company_goals": (N_("company goal"), N_("Company goals")),
}


def noun(name: str) -> str:
    """The English singular of a section (or of ``mission``/``company_goals``), lower case."""
    if name in _REGISTRY:
        text = _REGISTRY[name].noun
        return text[:1].lower() + text[1:]
    return PSEUDO_SECTIONS[name][0] if name in PSEUDO_SECTIONS else name


def capitalised(text: str) -> str:
    """First letter upper case, the rest as written ("team member" → "Team member")."""
    return text[:1].upper() + text[1:]


#: Generated pages that are not sections (a feature's page), by folder, ranked among the
#: sections in the "Strategy" navigation. "" is the overview.
PAGE_RANKS: dict[str, int] = {
    "": 0,
    "kpis": 15,
    "roadmap": 25,
    "priorities": 26,
    "board": 27,
    "swot": 55,
    "accounts": 90,
}


def nav_rank(folder: str) -> int:
    """Rank of a generated page's folder in the navigation (ties: by folder name)."""
    if folder in _REGISTRY:
        return _REGISTRY[folder].nav_rank
    return PAGE_RANKS.get(folder, LAST_RANK)


def field_title(name: str) -> str | None:
    """A field's label: its ``title`` when the model gives one, else its name in words."""
    for section in _REGISTRY.values():
        info = section.model.model_fields.get(name)
        if info is not None:
            return info.title or capitalised(name.replace("_", " "))
    return None


# --- the contract's sections (PLAN_FORMAT.md §1-2) -----------------------------------------------

for _section in (
    Section(
        "goals",
        Goal,
        noun=N_("Goal"),
        title=N_("Goals"),
        intro=N_("What we want social media to achieve, each goal measurable and time-bound."),
        columns=("type", "metric", "target", "deadline", "owner"),
        nav_rank=10,
        template="pages/goals.md.j2",
    ),
    Section(
        "personas",
        Persona,
        noun=N_("Persona"),
        title=N_("Personas"),
        intro=N_("Who we are talking to, and who we are not."),
        columns=("role", "location", "negative"),
        nav_rank=50,
        template="pages/personas.md.j2",
    ),
    Section(
        "competitors",
        Competitor,
        noun=N_("Competitor"),
        title=N_("Competitors"),
        intro=N_("Who else competes for our audience's attention."),
        columns=("location", "website"),
        nav_rank=52,
        # beside ours, and the statistics side by side
        panel_fields=frozenset({"swot", "channels"}),
        template="pages/competitors.md.j2",
    ),
    Section(
        "channels",
        Channel,
        noun=N_("Channel"),
        title=N_("Channels"),
        intro=N_("Every profile we run, why it exists and who owns it."),
        columns=("platform", "handle", "role", "owner"),
        nav_rank=40,
        # the posting schedule: in words, with the next dates
        panel_fields=frozenset({"cadence"}),
        template="pages/channels.md.j2",
    ),
    Section(
        "initiatives",
        Initiative,
        noun=N_("Initiative"),
        title=N_("Initiatives"),
        intro=N_("The concrete steps that move each goal, with owners and dates."),
        columns=("goal", "owner", "start", "end", "status"),
        nav_rank=20,
        # the roadmap's panel: tasks with overdue flags, milestones, dependencies
        panel_fields=frozenset({"tasks", "milestones", "depends_on"}),
        template="pages/initiatives.md.j2",
    ),
    Section(
        "team",
        TeamMember,
        noun=N_("Team member"),
        title=N_("Team"),
        intro=N_("Who does what: the hats every person wears."),
        columns=("roles", "capacity"),
        nav_rank=60,
        template="pages/team.md.j2",
    ),
    Section(
        "budget",
        BudgetLine,
        noun=N_("Budget line"),
        title=N_("Budget"),
        intro=N_("Every budget line, planned month by month against actual spend."),
        columns=("category", "channel", "initiative"),
        nav_rank=65,
        template="pages/budget.md.j2",
    ),
    Section(
        "calendar",
        CalendarFile,
        noun=N_("Calendar file"),
        title=N_("Calendar"),
        intro=N_("Campaigns and months of dated content."),
        columns=("channel", "initiative", "items"),
        nav_rank=30,
        # in date order, with each item's effective channel and owner
        panel_fields=frozenset({"items"}),
        template="pages/calendar.md.j2",
    ),
    Section(
        "reports",
        Report,
        noun=N_("Report"),
        title=N_("Reports"),
        intro=N_("Monthly channel numbers."),
        columns=("channel", "period"),
        nav_rank=70,
        # with the change from the month before
        panel_fields=frozenset({"metrics"}),
        template="pages/reports.md.j2",
    ),
    Section(
        "reviews",
        ReviewRecord,
        noun=N_("Review"),
        title=N_("Reviews"),
        intro=N_("What we decided at each strategy review."),
        columns=("date", "attendees"),
        nav_rank=80,
        panel_fields=frozenset({"attendees", "decisions"}),
        template="pages/reviews.md.j2",
    ),
):
    _REGISTRY[_section.name] = _section
del _section
