"""What every renderer gets: the plan for one audience, today, options, one Jinja environment,
the label catalogue, URL helpers and locale-aware formatting. Knows nothing of MkDocs."""

from __future__ import annotations

import datetime as _dt  # the types, for annotations below the methods named date and time
import os
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from fractions import Fraction
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from babel import Locale
from markupsafe import Markup, escape

from . import labels
from .formats import DateTimeWidth, Formats, formats_locale
from .i18n import Messages, closing_period, load_translations
from .model import Entity
from .plan import Plan
from .raw_html import wrapped
from .template_cache import template_cache
from .template_errors import template_problem

if TYPE_CHECKING:
    from .posts import MediaFolder

PACKAGE_DIR = Path(__file__).resolve().parent


def packaged_templates_dir() -> Path:
    """``docs_templates`` inside the wheel, or beside the package in a source checkout."""
    inside = PACKAGE_DIR / "docs_templates"
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / "docs_templates"


# --- outputs and features -------------------------------------------------------------------


class Output:
    """One generated file, relative to the site's docs root (e.g. ``strategy/roadmap/index.md``).

    ``content`` is the text or bytes, or a function that renders them: features list their
    outputs first and render on demand, so a build can hand the rendering to another process
    (see ``background.py``) and an output replaced by a later feature is never rendered.
    ``nav_title`` puts a Markdown page into the "Strategy" navigation; ``edit_path`` is the plan
    file (relative to the folder holding ``mkdocs.yml``) that an edit button should open.
    """

    __slots__ = ("_before", "_content", "edit_path", "nav_title", "src_uri")

    def __init__(
        self,
        src_uri: str,
        content: str | bytes | Callable[[], str | bytes],
        nav_title: str | None = None,
        edit_path: str | None = None,
    ) -> None:
        self.src_uri = src_uri
        self._content = content
        self._before: Callable[[], None] | None = None
        self.nav_title = nav_title
        self.edit_path = edit_path

    @property
    def content(self) -> str | bytes:
        """The rendered text or bytes (rendered on first use). A template that fails raises
        :class:`~.template_errors.TemplateProblem` (``template <path>:<line>: <message>``)."""
        if callable(self._content):
            try:
                if self._before is not None:
                    self._before()
                self._content = self._content()
            except Exception as exc:
                problem = template_problem(exc)
                if problem is None:
                    raise
                raise problem from None  # the template's place says it all; no Jinja traceback
        return self._content

    def before(self, step: Callable[[], None]) -> None:
        """Run ``step`` (e.g. the features' preparation) before rendering the content."""
        self._before = step

    @property
    def rendered(self) -> bool:
        return not callable(self._content)

    @property
    def is_page(self) -> bool:
        return self.src_uri.endswith(".md")

    def __repr__(self) -> str:
        return f"Output({self.src_uri!r}, nav_title={self.nav_title!r})"


class Feature:
    """A part of the handbook (roadmap, budget, calendar, ...). Every method is optional.

    ``prepare`` runs first for every feature (compute values, keep them on ``ctx.computed``);
    then ``outputs`` gives whole pages/files (a later feature's output replaces an earlier one
    at the same ``src_uri``), ``panels`` gives Markdown fragments appended to an entity page,
    ``overview`` weighted fragments for the overview page, ``json``/``entity_json`` values for plan.json.
    """

    name = "feature"

    def prepare(self, ctx: RenderContext) -> None:
        return None

    def outputs(self, ctx: RenderContext) -> Iterable[Output]:
        return ()

    def panels(self, ctx: RenderContext, entity: Entity, page_src: str) -> Iterable[str]:
        return ()

    def overview(self, ctx: RenderContext, page_src: str) -> Iterable[tuple[int, str]]:
        """``(weight, markdown)`` fragments; the overview sorts them by weight. Weights used:
        10 mission and vision, 20 horizon, 30 goal statuses, 40 next 14 days, 50 budget to
        date, 60 account problems, 70 next review, 80 stale evidence, 90 section counts."""
        return ()

    def json(self, ctx: RenderContext) -> dict[str, Any]:
        return {}

    def entity_json(self, ctx: RenderContext, entity: Entity) -> dict[str, Any]:
        return {}


# --- escaping -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~^=:<>&\"'-])")


def md_escape(value: Any) -> Markup:
    """Plain text made safe for a Markdown line (headings, link labels): HTML escaped and every
    Markdown control character backslash-escaped, so a value can neither add markup nor a link."""
    return Markup(_md_escaped(str(value)))


@lru_cache(maxsize=8192)
def _md_escaped(value: str) -> str:
    """``md_escape`` of a text, once per text (headings and labels repeat on every page)."""
    # Runs of whitespace become one space, except a non-breaking space: it is there on purpose
    # (a date kept on one line, features/calendar_grid.unbroken).
    text = re.sub(r"[^\S\u00a0\u202f]+", " ", value).strip()
    html = str(escape(text))
    # Escape Markdown syntax in the text between entities (leave '&lt;' etc. intact).
    parts = re.split(r"(&[#a-zA-Z0-9]+;)", html)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(part)
        else:
            out.append(re.sub(r"([\\`*_{}\[\]()#+!|~^=])", r"\\\1", part))
    return "".join(out)


# --- the context ----------------------------------------------------------------------------


@dataclass
class RenderOptions:
    url_prefix: str = "strategy"
    audience: str = "team"
    calendar_weeks: int = 6
    #: The formats' locale (Babel's spelling, ``de_CH``); empty: the one of ``language``.
    locale: str = ""
    #: The site's language (``theme.language``, Material's spelling: ``ro``, ``pt-BR``).
    language: str = "en"
    site_url: str | None = None
    use_directory_urls: bool = True
    templates_dir: Path | None = None
    #: A folder of ``.po`` catalogues that add or override languages (the ``locales_dir`` option).
    locales_dir: Path | None = None
    #: Folder of the plan relative to the folder of mkdocs.yml, for edit links (e.g. "plan").
    plan_path: str = "plan"
    #: The folder of mkdocs.yml: posts' media files are relative to it (None: the plan's parent).
    config_dir: Path | None = None
    #: Where posts' media files may come from (the build's folders); None: as ``smm check`` sees it.
    media: MediaFolder | None = None
    #: Write each entity page as ``<section>/<id>/index.md`` (same URL): for engines such as
    #: Zensical that resolve links in a page's HTML against its source file (``smm render``).
    page_folders: bool = False
    #: The build is encrypted (``smm share``): downloads work only in a browser that opened the link.
    shared: bool = False
    #: A MkDocs build's random mark (``raw_html.new_mark``): large blocks of generated HTML are
    #: written between comments carrying it, for the plugin's Markdown extension to stash whole.
    #: Empty (``smm render``, pages for any engine): written as they are.
    raw_html_mark: str = ""

    def __post_init__(self) -> None:
        self.locale = formats_locale(self.locale, self.language)


@dataclass
class RenderContext:
    plan: Plan
    options: RenderOptions
    env: jinja2.Environment
    #: Values computed once per build and shared by features, keyed by a name (or a name and its inputs).
    computed: dict[Any, Any] = field(default_factory=dict)
    #: Memos for the build: the same links and dates are asked for thousands of times.
    _hrefs: dict[tuple[str, str], str] = field(default_factory=dict, repr=False, compare=False)

    # -- basics --------------------------------------------------------------------------
    @property
    def today(self) -> date:
        return self.plan.today

    @property
    def prefix(self) -> str:
        return self.options.url_prefix.strip("/")

    # -- messages (gettext; see i18n.py) --------------------------------------------------
    @cached_property
    def messages(self) -> Messages:
        return messages_for(self.options)

    def gettext(self, message: str, **values: Any) -> str:
        """``message`` (English, with ``%(name)s`` placeholders) in the build's language."""
        return self.messages.gettext(message, **values)

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> str:
        """The form of the message for ``num`` in the build's language (``%(num)s`` is the count)."""
        return self.messages.ngettext(singular, plural, num, **values)

    def pgettext(self, context: str, message: str, **values: Any) -> str:
        return self.messages.pgettext(context, message, **values)

    def npgettext(self, context: str, singular: str, plural: str, num: int, **values: Any) -> str:
        return self.messages.npgettext(context, singular, plural, num, **values)

    def join(self, items: Iterable[str]) -> str:
        """Words listed as the language lists them ("a, b and c")."""
        return self.messages.join(items)

    def raw_html(self, html: str) -> Markup:
        """A large block of generated HTML (an SVG chart) for a page: in a MkDocs build, marked
        for the plugin's Markdown extension to hand to Python-Markdown whole (``raw_html.py``)."""
        return Markup(wrapped(str(html), self.options.raw_html_mark))  # str: Markup + str escapes

    # -- paths and links -----------------------------------------------------------------
    def src(self, *parts: str) -> str:
        """Source path of a generated page: ``src("goals")`` is the goals index,
        ``src("goals", "x")`` the goal page, ``src()`` the overview, ``src("roadmap")`` ..."""
        if not parts:
            return f"{self.prefix}/index.md"
        if len(parts) == 1:
            return f"{self.prefix}/{parts[0]}/index.md"
        if parts[1] == "index" or self.options.page_folders:  # "<section>/index.md" is the section's index
            return f"{self.prefix}/{parts[0]}/{parts[1]}/index.md"
        return f"{self.prefix}/{parts[0]}/{parts[1]}.md"

    def file(self, name: str) -> str:
        """Source path of a generated non-page file: ``file("budget.csv")``."""
        return f"{self.prefix}/{name}"

    def url(self, src_uri: str) -> str:
        """The site-relative URL MkDocs gives a source path."""
        if not src_uri.endswith(".md"):
            return src_uri
        stem = src_uri[:-3]
        if self.options.use_directory_urls:
            if stem == "index" or stem.endswith("/index"):
                return stem[:-5]
            return stem + "/"
        return stem + ".html"

    def href(self, from_src: str, to_src: str, anchor: str | None = None) -> str:
        """A relative URL from the page ``from_src`` to ``to_src`` (a page or a file)."""
        key = (from_src, to_src)
        rel = self._hrefs.get(key)
        if rel is None:
            rel = self._hrefs[key] = self._relative(from_src, to_src)
        return rel + (f"#{anchor}" if anchor else "")

    def _relative(self, from_src: str, to_src: str) -> str:
        base = self.url(from_src)
        base_dir = base if base.endswith("/") or base == "" else posixpath.dirname(base)
        target = self.url(to_src)
        rel = _relpath(target, base_dir)
        if target.endswith("/") or target == "":
            rel = rel.rstrip("/") + "/" if rel != "." else "./"
        return rel

    def absolute_url(self, src_uri: str) -> str | None:
        if not self.options.site_url:
            return None
        return self.options.site_url.rstrip("/") + "/" + self.url(src_uri)

    def entity(self, section: str, id: str | None) -> Entity | None:
        return self.plan.get(section, id)

    def link(self, page_src: str, section: str, id: str | None, label: str | None = None) -> Markup:
        """An HTML link to an entity, or the word "internal" when the audience may not see it."""
        target = self.plan.get(section, id)
        if target is None:
            if id is None:
                return Markup("")
            if section == "company_goals":
                return escape(self.company_goal_title(id))
            return Markup('<span class="smm-internal">{}</span>').format(self.gettext("internal"))
        text = label if label is not None else target.title
        # An f-string of escaped values: Markup.format runs string.Formatter in Python, and a
        # 1,000-initiative plan asks for some 17,000 links.
        return Markup(f'<a href="{escape(self.href(page_src, self.src(section, target.id)))}">{escape(text)}</a>')

    def links(self, page_src: str, section: str, ids: Iterable[str]) -> Markup:
        """Comma-separated links; references the audience may not see are left out."""
        return Markup(", ").join(self.link(page_src, section, i) for i in ids if self.plan.get(section, i) is not None)

    def visible(self, section: str, ids: Iterable[str]) -> list[Entity]:
        """The referenced entities the audience may see, in the given order."""
        found = (self.plan.get(section, i) for i in ids)
        return [e for e in found if e is not None]

    def resolve_wikilinks(self, markdown: str, page_src: str) -> str:
        """``[[section/id|label]]`` in Markdown as source-relative ``.md`` links, which MkDocs
        (and other engines) resolve and check; "internal" for what the audience may not see."""
        from .wikilinks import replace_wikilinks

        if "[[" not in markdown:
            return markdown
        here = posixpath.dirname(page_src)

        def render(section: str, id: str, label: str | None) -> str:
            target = self.plan.get(section, id)
            if target is None:
                return str(md_escape(self.gettext("internal")))
            text = md_escape(label if label is not None else target.title)
            return f"[{text}]({posixpath.relpath(self.src(section, id), here or '.')})"

        def literal(section: str, id: str) -> str | None:
            # In code, escaped, in a comment or an attribute the text stays as written, but a
            # stakeholder page never shows the id of an entity it may not show.
            return None if self.plan.is_team or self.plan.get(section, id) is not None else self.gettext("internal")

        return replace_wikilinks(markdown, render, self.plan.markdown, literal)

    def company_goal_title(self, id: str) -> str:
        for goal in self.plan.mission.company_goals:
            if goal.id == id:
                return goal.title
        return id

    # -- formatting ----------------------------------------------------------------------
    @cached_property
    def locale(self) -> Locale:
        """The babel locale, parsed once per build (parsing it per call triples the cost)."""
        return Locale.parse(self.options.locale)

    @cached_property
    def fmt(self) -> Formats:
        """Every number, amount, share, date and time in the locale's form (:mod:`.formats`)."""
        return Formats(self.locale, first_day=self.first_day)

    @cached_property
    def first_day(self) -> str:
        """Day 1 of a month as the language writes it in a date ("1", French "1er")."""
        # Translators: day 1 of a month in a date ("1 July", "on day 1 of the month"): "1" in
        # most languages; French writes "1er" ("1er juillet").
        return self.pgettext("first day of a month", "1")

    def money(self, amount: Decimal | int | None) -> str:
        """An amount in the plan's currency. Amounts keep their cents even in a currency
        without minor units (¥33.33, not ¥33; -¥0.20, not -¥0); whole amounts there show none (¥100)."""
        return self.fmt.money(amount, self.plan.mission.currency)

    def number(self, value: Decimal | float | None) -> str:
        return self.fmt.number(value)

    def percent(self, share: Fraction | Decimal | float | None) -> str:
        """A share as a percentage, at most one decimal (``0.3`` → ``30%``; ``30 %`` in German)."""
        return self.fmt.percent(share)

    def date(self, value: date | None, format: str = "medium") -> str:
        return self.fmt.date(value, format)

    def month(self, period: str, format: str = "MMMM y") -> str:
        """A ``YYYY-MM`` month in words (``2027-02`` → "February 2027")."""
        return self.fmt.month(period, format)

    def time(self, value: time | None) -> str:
        """A time of day as the locale writes it (``9:30 AM``, ``09:30``); machine data (ICS,
        plan.json, ``datetime`` attributes) keeps the plan's ``HH:MM`` instead."""
        return self.fmt.time(value)

    def datetime(self, day: _dt.date, at: _dt.time | None, format: DateTimeWidth = "full") -> str:
        """A date with a time, joined by the locale's own date-time pattern."""
        return self.fmt.datetime(day, at, format)

    # -- templates -----------------------------------------------------------------------
    def render(self, template: str, page_src: str, **values: Any) -> Markup:
        """Render a template for the page ``page_src`` (links inside are relative to it). The
        result is markup already escaped by the template, safe to embed in another template."""
        return Markup(self.env.get_template(template).render(ctx=self, plan=self.plan, page_src=page_src, **values))

    def label(self, value: str) -> str:
        """A status, type, category, role or platform in words (``in-progress`` → "In progress"):
        the English of ``labels.VALUE_LABELS`` translated; a value without one stays as written."""
        english = labels.VALUE_LABELS.get(value)
        return self.gettext(english) if english is not None else value


def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath`` for two site-relative URL paths (no ``.`` or ``..`` parts), without
    its two ``abspath`` calls: a large plan asks for tens of thousands of links."""
    to_parts = [part for part in target.split("/") if part]
    from_parts = [part for part in start.split("/") if part]
    common = 0
    for one, other in zip(to_parts, from_parts, strict=False):
        if one != other:
            break
        common += 1
    parts = [".."] * (len(from_parts) - common) + to_parts[common:]
    return "/".join(parts) or "."


@lru_cache(maxsize=1)
def packaged_files() -> tuple[str, ...]:
    """Relative paths of every packaged template and asset (``pages/goals.md.j2``,
    ``calendar/calendar.js``, ...): the only names a ``templates_dir`` can override."""
    root = packaged_templates_dir()
    return tuple(sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()))


def overridden_files(templates_dir: Path | str | None) -> dict[str, Path]:
    """The files of ``templates_dir`` that replace a packaged template or asset of the same
    relative path. Nothing else in that folder is read: the plugin asks for files by name, so
    ``templates_dir: /usr/share`` costs a few dozen lookups, not a walk of the whole tree."""
    if not templates_dir:
        return {}
    root = Path(templates_dir)
    return {rel: root / rel for rel in packaged_files() if (root / rel).is_file()}


class _TemplateLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, with an unreadable or non-UTF-8 template as a one-line problem
    naming the file instead of a ``UnicodeDecodeError`` traceback."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        try:
            return super().get_source(environment, template)
        except jinja2.TemplateNotFound:  # an OSError too, but Jinja's own, with the name
            raise
        except (OSError, UnicodeDecodeError) as exc:
            from .template_errors import TemplateProblem, shown_path

            path = next(
                (str(Path(root) / template) for root in self.searchpath if (Path(root) / template).is_file()), template
            )
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise TemplateProblem(shown_path(path), 0, f"cannot read: {reason}") from None


class Record(dict[str, Any]):
    """A dict a template reads by attribute (``item.title``) without a failed attribute lookup
    first: Jinja's ``getattr`` tries ``getattr(obj, name)`` and only then ``obj[name]``, and for
    a plain dict the first try raises AttributeError every time (some 290,000 times for a
    1,000-initiative plan). As in Jinja, a dict method still wins over a key of the same name
    (``items``: write ``record["items"]``), and a missing key is undefined."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def messages_for(options: RenderOptions) -> Messages:
    """The build's messages: ``theme.language``'s catalogue, a team's ``locales_dir`` over it."""
    return Messages(load_translations(options.language, options.locales_dir), options.language)


#: How every template is compiled (the compiled code depends on these: they name its cache).
TEMPLATE_SETTINGS: dict[str, Any] = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
    "extensions": ["jinja2.ext.i18n"],
}


def make_environment(templates_dir: Path | None = None, messages: Messages | None = None) -> jinja2.Environment:
    """One Jinja environment per build: the user's folder first, then the packaged templates.
    Autoescape is on for everything: pages are Markdown with HTML blocks and inline SVG.
    Jinja's i18n extension gives templates ``_``, ``gettext``, ``ngettext``, ``pgettext`` with
    keyword placeholders (``_("Week %(number)s", number=3)``) in the build's language."""
    paths = [str(packaged_templates_dir())]
    if templates_dir is not None:
        paths.insert(0, str(templates_dir))
    env = jinja2.Environment(
        loader=_TemplateLoader(paths),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=template_cache(TEMPLATE_SETTINGS),
        # Templates never change during a build: no stat of the file on every get_template
        # (thousands per build); shared_environment drops them between builds instead.
        auto_reload=False,
        **TEMPLATE_SETTINGS,
    )
    env.filters["md"] = md_escape
    env.filters["raw_html"] = _raw_html_filter
    if messages is None:
        messages = Messages(load_translations(), "en")
    # Jinja's newstyle gettext marks a translation safe; escaping it first keeps a translator's
    # "&" or "<" text (as every message was before catalogues), the values are escaped by Jinja.
    translations = messages.translations
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message: escape(translations.gettext(message)),
        lambda singular, plural, n: escape(translations.ngettext(singular, plural, n)),
        newstyle=True,
        pgettext=lambda context, message: escape(translations.pgettext(context, message)),
        npgettext=lambda context, singular, plural, n: escape(translations.npgettext(context, singular, plural, n)),
    )
    # Jinja's newstyle callables as the extension makes them, plus what ``Messages`` does: a
    # value that ends with a period (a Bulgarian date) closes the sentence (``closing_period``).
    # A message without values comes out the same every time: memoised for the environment's
    # life (its catalogue never changes), because a board or a calendar asks for "Owner" or
    # "Due" thousands of times. ``_`` is the same function: Jinja's alias would look
    # ``gettext`` up and call it through the context once more for every message.
    plain: dict[str, Markup] = {}

    def template_gettext(message: str, **values: Any) -> Markup:
        if values:
            return _formatted(escape(translations.gettext(message)), values)
        if message not in plain:
            plain[message] = _formatted(escape(translations.gettext(message)), values)
        return plain[message]

    env.globals["_"] = template_gettext
    env.globals.update(
        gettext=template_gettext,
        ngettext=lambda singular, plural, num, **values: _formatted(
            escape(translations.ngettext(singular, plural, num)), {"num": num, **values}
        ),
        pgettext=lambda context, message, **values: _formatted(
            escape(translations.pgettext(context, message)), {"context": context, **values}
        ),
        npgettext=lambda context, singular, plural, num, **values: _formatted(
            escape(translations.npgettext(context, singular, plural, num)), {"context": context, "num": num, **values}
        ),
    )
    env.globals["join_list"] = messages.join
    env.globals["labels"] = labels  # the N_-marked tables: _(labels.SECTION_TITLES[section])
    return env


@jinja2.pass_context
def _raw_html_filter(context: jinja2.runtime.Context, html: str) -> Markup:
    """``{% filter raw_html %}`` around a large block of HTML inside an HTML element of a page
    (a board's columns, a calendar's grids): :meth:`RenderContext.raw_html`."""
    ctx = context.get("ctx")
    return ctx.raw_html(html) if isinstance(ctx, RenderContext) else Markup(html)


def _formatted(translation: Markup, values: dict[str, Any]) -> Markup:
    return closing_period(translation, values) % values  # type: ignore[return-value]


#: One Jinja environment per templates folder for the life of the process: `mkdocs serve`
#: reloads the configuration on every rebuild, and compiled templates are worth keeping
#: (each build starts from the files as they are: see ``shared_environment``).
_ENVIRONMENTS: dict[str, jinja2.Environment] = {}


def shared_environment(templates_dir: str | None, options: RenderOptions | None = None) -> jinja2.Environment:
    """One Jinja environment per templates folder and language, kept across ``mkdocs serve``
    rebuilds (Jinja reloads an edited template itself). An override added to or removed from
    the user's folder changes which file wins, so the overrides present are part of the key;
    so are the team's catalogues and their times (an edited ``.po`` is read again)."""
    options = options or RenderOptions()
    own = sorted(Path(options.locales_dir).glob("*.po")) if options.locales_dir else []
    key = "\0".join(
        [str(templates_dir), *overridden_files(templates_dir), options.language, str(options.locales_dir)]
        + [f"{p.name}:{p.stat().st_mtime_ns}" for p in own]
    )
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = make_environment(Path(templates_dir) if templates_dir else None, messages_for(options))
    env = _ENVIRONMENTS[key]
    if env.cache is not None:  # a template edited since the last build is read again; the
        env.cache.clear()  # others come back from the bytecode cache (all of them: ~0.01 s)
    return env


def templates_dir_report(templates_dir: str) -> list[str]:
    """For ``mkdocs build -v``: which files of templates_dir override packaged ones, and which
    are ignored (listed up to a point: the folder may be huge)."""
    used = overridden_files(templates_dir)
    lines = [f"templates_dir '{templates_dir}': {len(used)} override(s) of packaged files: {', '.join(used) or 'none'}"]
    ignored: list[str] = []
    for root, dirs, names in os.walk(templates_dir):
        dirs.sort()
        for name in sorted(names):
            rel = Path(root, name).relative_to(templates_dir).as_posix()
            if rel not in used:
                ignored.append(rel)
        if len(ignored) > 20:
            break
    if ignored:
        more = ", ..." if len(ignored) > 20 else ""
        lines.append(
            "templates_dir: ignored (no packaged template or asset has their path): "
            f"{', '.join(sorted(ignored)[:20])}{more}"
        )
    return lines
