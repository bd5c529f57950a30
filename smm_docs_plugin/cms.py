"""The web editor: Decap CMS (``admin/``) configured from the plan model.

``admin/config.yml`` is Decap's own configuration, generated from the same pydantic classes the
loader validates with (and the hover help of :mod:`.schema`), so a field added to the model
appears in the editor without a second list to keep. Pure: settings and a loaded plan in, the
files of ``admin/`` out; the plugin only decides when to add them (team builds with ``cms``).

What a marketer reads in the form is in the site's language: collection and field labels (the
words the pages use, :mod:`.labels`), a select's options (stored values unchanged, shown as the
pages show them) and the help under a field (the model's field descriptions, marked for the
catalogue). Names, ids and stored values stay as the plan files spell them.
"""

from __future__ import annotations

import html
import types
import typing
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any, Literal, Union

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import labels
from .formats import Formats, babel_locale
from .hints import ID_PATTERN
from .i18n import N_, Messages, load_translations
from .model import RESERVED_FIELDS, Entity, Mission, Ref, kind_of
from .schema import DURATION_PATTERN, MONTH_PATTERN, TIME_PATTERN, URL_PATTERN
from .sections import sections

#: The Decap CMS release copied into the package (``vendor/``), from npm ``decap-cms``.
DECAP_VERSION = "3.16.3"
DECAP_SCRIPT = "decap-cms.js"
ADMIN = "admin"
BACKENDS = ("github", "gitlab", "gitea")

#: Decap's interface languages (``decap-cms-locales``); another language falls back to English.
DECAP_LOCALES = frozenset(
    {
        "bg",
        "ca",
        "cs",
        "da",
        "de",
        "en",
        "es",
        "fa",
        "fr",
        "gr",
        "he",
        "hr",
        "hu",
        "it",
        "ja",
        "ko",
        "lt",
        "nb_no",
        "nl",
        "nn_no",
        "pl",
        "pt",
        "ro",
        "ru",
        "sl",
        "sv",
        "th",
        "tr",
        "uk",
        "vi",
        "zh_Hans",
        "zh_Hant",
    }
)

#: What Decap writes for a ``YYYY-MM-DD`` date (moment.js tokens).
DATE_FORMAT = "YYYY-MM-DD"


@dataclass(frozen=True)
class CmsSettings:
    """The ``cms`` option of ``mkdocs.yml`` (PLAN_FORMAT.md §7)."""

    repo: str
    backend: str = "github"
    branch: str = "main"
    base_url: str | None = None
    api_root: str | None = None
    app_id: str | None = None
    #: The folder of ``mkdocs.yml`` inside the repository ("" = its top).
    root: str = ""
    #: ``True`` or a proxy URL: Decap's local backend (``decap-server``) when it answers.
    local_backend: bool | str = False
    #: Another address for ``decap-cms.js``; by default the packaged copy is served from admin/.
    script: str | None = None


def admin_files(
    settings: CmsSettings,
    months: list[str],
    *,
    plan_path: str,
    language: str,
    site_name: str,
    messages: Messages | None = None,
) -> dict[str, str | bytes]:
    """The files of ``admin/`` keyed by their path in the site, its words from ``messages``
    (the site's catalogue; by default the packaged one of ``language``)."""
    m = messages or Messages(load_translations(language), language)
    files: dict[str, str | bytes] = {
        f"{ADMIN}/index.html": admin_index(settings, site_name, m),
        f"{ADMIN}/config.yml": dump_config(
            decap_config(settings, months, plan_path=plan_path, language=language, messages=m)
        ),
        f"{ADMIN}/{EDITOR_SCRIPT}": EDITOR_JS,
    }
    if settings.script is None:
        for name, content in vendored_files().items():
            files[f"{ADMIN}/{name}"] = content
    return files


def vendored_files() -> dict[str, bytes]:
    """Decap CMS's minified bundle as shipped in ``smm_docs_plugin/vendor/decap-cms/`` (MIT, see
    its LICENSE): ``decap-cms.js`` and the chunks it loads on demand from its own folder."""
    folder = resources.files(__package__).joinpath("vendor").joinpath("decap-cms")
    return {
        entry.name: entry.read_bytes() for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.is_file()
    }


def admin_index(settings: CmsSettings, site_name: str, m: Messages) -> str:
    """Decap's page: it reads ``config.yml`` beside it and renders the editor into <body>."""
    script = html.escape(settings.script or DECAP_SCRIPT, quote=True)
    title = html.escape(m.gettext("%(site)s — editor", site=site_name) if site_name else m.gettext("Editor"))
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(m.language, quote=True)}">\n'
        "<head>\n"
        '  <meta charset="utf-8">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '  <meta name="robots" content="noindex">\n'
        f"  <title>{title}</title>\n"
        '  <link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
        "</head>\n"
        "<body>\n"
        f'  <script src="{script}"></script>\n'
        f'  <script src="{EDITOR_SCRIPT}"></script>\n'
        "</body>\n"
        "</html>\n"
    )


EDITOR_SCRIPT = "smm-editor.js"

#: Decap saves an optional field left empty as "" (a date field must have default "" or Decap
#: fills in "now"), and "" is not a date, time or amount: ``smm check`` would reject the file.
#: Before every save, empty values are dropped, at any depth, so an empty field is simply absent.
EDITOR_JS = """// Generated by the smm plugin: drop empty values before Decap CMS saves a plan file.
(function () {
  function isImmutable(value) {
    return value !== null && typeof value === "object" && typeof value.toJS === "function" && typeof value.filter ===\
 "function";
  }
  function clean(value) {
    if (!isImmutable(value)) return value;
    return value.map(clean).filter(function (item) { return item !== "" && item !== null && item !== undefined; });
  }
  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (event) { return clean(event.entry.get("data")); },
  });
})();
"""


def dump_config(config: dict[str, Any]) -> str:
    header = (
        "# Decap CMS configuration, generated by the smm plugin from the plan model: edit mkdocs.yml, not this file.\n"
    )
    return header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=1000)


def decap_config(
    settings: CmsSettings, months: list[str], *, plan_path: str, language: str, messages: Messages | None = None
) -> dict[str, Any]:
    """Decap's configuration: the backend, the editorial workflow and one collection per section."""
    m = messages or Messages(load_translations(language), language)
    root = settings.root.strip("/")
    plan_folder = "/".join(part for part in (root, plan_path.strip("/")) if part and part != ".")
    config: dict[str, Any] = {"backend": _backend(settings)}
    if settings.local_backend:
        config["local_backend"] = {"url": settings.local_backend} if isinstance(settings.local_backend, str) else True
    locale = language.replace("-", "_")
    config["locale"] = (
        locale if locale in DECAP_LOCALES else locale.split("_")[0] if locale.split("_")[0] in DECAP_LOCALES else "en"
    )
    config["publish_mode"] = "editorial_workflow"
    media = "/".join(part for part in (root, "media") if part)
    # Decap stores uploads in media_folder (from the repository's top) and writes public_folder
    # into the file: "media/…", relative to mkdocs.yml as plan files name their media.
    config["media_folder"] = media
    config["public_folder"] = "media"
    # File names are ids: ASCII, lower case, '-' for anything else (Decap lower-cases itself).
    config["slug"] = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    builder = _FieldBuilder(months, m)
    collections: list[dict[str, Any]] = [
        {
            "name": "mission",
            "label": m.gettext(labels.SECTION_TITLES["mission"]),
            "editor": {"preview": False},
            "files": [
                {
                    "name": "mission",
                    "label": m.gettext("Mission, horizon and settings"),
                    "file": f"{plan_folder}/mission.md",
                    "fields": builder.entity_fields(Mission),
                }
            ],
        }
    ]
    for section in sections():
        collections.append(
            {
                "name": section.name,
                "label": m.gettext(labels.SECTION_TITLES[section.name]),
                "label_singular": m.gettext(labels.SECTION_NOUNS[section.name]),
                "folder": f"{plan_folder}/{section.name}",
                "extension": "md",
                "format": "frontmatter",
                "create": True,
                "delete": True,
                "identifier_field": "title",
                "slug": "{{slug}}",
                "summary": "{{title}}",
                "sortable_fields": ["title"],
                "editor": {"preview": False},
                "fields": builder.entity_fields(section.model),
            }
        )
    config["collections"] = collections
    return config


def _backend(settings: CmsSettings) -> dict[str, Any]:
    backend: dict[str, Any] = {"name": settings.backend, "repo": settings.repo, "branch": settings.branch}
    for key in ("base_url", "api_root", "app_id"):
        value = getattr(settings, key)
        if value:
            backend[key] = value
    if settings.backend == "gitlab" and settings.app_id:
        backend["auth_type"] = "pkce"
    backend["squash_merges"] = True
    return backend


# --- fields from the model --------------------------------------------------------------------


class _FieldBuilder:
    """Decap field definitions from pydantic fields: the widget follows the field's type."""

    def __init__(self, months: list[str], m: Messages):
        #: The horizon's months: a ``YYYY-MM: amount`` mapping becomes one number per month.
        self.months = months
        self.m = m
        self.formats = Formats(babel_locale(m.language))

    def month(self, period: str) -> str:
        """A horizon month's field label as the pages write it ("November 2026", "noiembrie
        2026"); the field's name, the key the file stores, stays ``2026-11``."""
        return self.formats.month(period)

    def label(self, name: str) -> str:
        """A field's label: the pages' word for it (``labels.FIELD_LABELS``), else the editor's own."""
        english = dict.get(labels.FIELD_LABELS, name) or EDITOR_LABELS.get(name)
        return self.m.gettext(english) if english else _label(name)

    def item_label(self, name: str) -> str:
        """One item of the list field ``name`` ("Strength" of ``strengths``)."""
        english = ITEM_LABELS.get(name)
        return self.m.gettext(english) if english else _label(_singular(name))

    def hint(self, english: str) -> str:
        return self.m.gettext(english)

    def entity_fields(self, cls: type[Entity]) -> list[dict[str, Any]]:
        names = [n for n in cls.model_fields if n not in RESERVED_FIELDS]
        # The title first (it names the file), the common fields of every entity last.
        common = [n for n in Entity.model_fields if n not in RESERVED_FIELDS and n != "title"]
        ordered = ["title"] + [n for n in names if n not in common and n != "title"] + common
        fields = [self.field(name, cls.model_fields[name], top=True) for name in ordered]
        fields.append(
            {
                "label": self.m.gettext("Notes (Markdown)"),
                "name": "body",
                "widget": "markdown",
                "required": False,
                "hint": self.m.gettext("The page text; [[section/id]] links to another entry."),
            }
        )
        return [f for f in fields if f is not None]

    def field(self, name: str, info: FieldInfo, *, top: bool = False) -> dict[str, Any] | None:
        annotation, required = _unwrap_optional(info.annotation)
        required = required and info.is_required()
        # The field's own FieldInfo goes with its metadata: it carries the field's kind.
        widget = self.widget(name, annotation, [info, *info.metadata])
        if widget is None:
            return None
        field: dict[str, Any] = {"label": self.label(name), "name": name}
        field.update(widget)
        field["required"] = required
        # A new entry starts with the model's default status or flag, as smm check reads it.
        default = None if info.is_required() else info.get_default(call_default_factory=False)
        if field["widget"] in ("boolean", "select") and isinstance(default, (bool, str)):
            field["default"] = default
        hint = self.hint(info.description) if info.description else None
        if hint:
            field["hint"] = " ".join(filter(None, (hint, field.pop("hint", None))))
        return field

    def widget(self, name: str, annotation: Any, metadata: list[Any]) -> dict[str, Any] | None:
        """The widget part of a field (``widget`` and its options) for one type."""
        annotation, metadata = _flatten(annotation, metadata)
        section = _ref_target(metadata)
        if section is not None:
            return _relation(section, multiple=False)
        origin = typing.get_origin(annotation)
        if origin is list:
            (item,) = typing.get_args(annotation)
            item, item_meta = _flatten(item, [])
            target = _ref_target(item_meta)
            if target is not None:
                return _relation(target, multiple=True)
            # default []: a new entry starts without an empty item (Decap adds one otherwise).
            if isinstance(item, type) and issubclass(item, BaseModel):
                return {
                    "widget": "list",
                    "label_singular": self.item_label(name),
                    "collapsed": True,
                    "summary": _summary(item),
                    "default": [],
                    "fields": self.model_fields(item),
                }
            # One input per item: a comma-separated text box would split "fast, fresh" in two.
            return {
                "widget": "list",
                "label_singular": self.item_label(name),
                "default": [],
                "field": {
                    "label": self.item_label(name),
                    "name": _singular(name),
                    **(self.widget(name, item, item_meta) or {"widget": "string"}),
                },
            }
        if origin is Literal:
            # The stored value stays the plan's; the option reads as the pages show it.
            words = OPTION_WORDS.get(name, labels.VALUE_LABELS)
            return {
                "widget": "select",
                "options": [
                    {"label": self.m.gettext(words[value]) if value in words else str(value), "value": value}
                    for value in typing.get_args(annotation)
                ],
            }
        if origin is dict:
            key, value = typing.get_args(annotation)
            key, key_meta = _flatten(key, [])
            if kind_of(key, key_meta) == "month" and self.months:
                value_widget = self.widget(name, value, [])
                return {
                    "widget": "object",
                    "collapsed": False,
                    "hint": self.m.gettext("One amount per month of the horizon; leave a month empty for none."),
                    "fields": [
                        {"label": self.month(month), "name": month, "required": False, **(value_widget or {})}
                        for month in self.months
                    ],
                }
            return None  # free mappings (private, report metrics): kept as written, edited in the file
        if origin in _UNIONS:
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            # Decap has no "this or that" widget: offer the form written most often and keep a
            # mapping (e.g. planned per month) when the type allows one.
            mappings = [a for a in options if typing.get_origin(_flatten(a, [])[0]) is dict]
            if mappings and self.months:
                return self.widget(name, mappings[0], [])
            return {"widget": "string"}  # e.g. founded: a year or a date
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return {"widget": "object", "collapsed": False, "fields": self.model_fields(annotation)}
        return _scalar(annotation, metadata, self.m)

    def model_fields(self, cls: type[BaseModel]) -> list[dict[str, Any]]:
        # Loader-only names are reserved on entities; a company goal's own ``id`` is written.
        reserved = RESERVED_FIELDS if issubclass(cls, Entity) else frozenset()
        fields = [self.field(name, info) for name, info in cls.model_fields.items() if name not in reserved]
        return [f for f in fields if f is not None]


def _scalar(annotation: Any, metadata: list[Any], m: Messages) -> dict[str, Any]:
    """A single value's widget, chosen by its kind (``model.kind_of``: declared on the model)."""
    kind = kind_of(annotation, metadata)
    if annotation is bool:
        return {"widget": "boolean"}
    if kind == "date":
        return _date_widget()
    if kind == "time":
        return {
            "widget": "string",
            "pattern": [TIME_PATTERN, m.gettext("Write the time as HH:MM, 24 h (e.g. 19:00)")],
            "hint": m.gettext("HH:MM, 24 h (e.g. 19:00)"),
        }
    if kind == "month":
        return {"widget": "string", "pattern": [MONTH_PATTERN, m.gettext("Write the month as YYYY-MM (e.g. 2027-03)")]}
    if kind == "url":
        return {
            "widget": "string",
            "pattern": [URL_PATTERN, m.gettext("A web address starting with https:// (or mailto:)")],
        }
    if kind == "rrule":
        return {"widget": "string", "hint": m.gettext("How it repeats, e.g. FREQ=WEEKLY;BYDAY=TU,TH")}
    if kind == "duration":
        return {
            "widget": "string",
            "pattern": [DURATION_PATTERN, m.gettext("A number of days, weeks or months: 10d, 2w, 3m")],
        }
    if kind == "money":
        return {
            "widget": "number",
            "value_type": "float",
            "min": 0,
            "step": 0.01,
            "hint": m.gettext("A plain number with a dot for decimals: 1234.50"),
        }
    if kind == "number":
        return {"widget": "number", "value_type": "float"}
    if kind == "rich text":
        return {"widget": "text"}  # several lines of Markdown, kept as written
    if annotation is int:
        bounds = {
            key: getattr(item, key) for item in metadata for key in ("ge", "le") if getattr(item, key, None) is not None
        }
        widget: dict[str, Any] = {"widget": "number", "value_type": "int"}
        if "ge" in bounds:
            widget["min"] = bounds["ge"]
        if "le" in bounds:
            widget["max"] = bounds["le"]
        return widget
    if annotation is date:
        return _date_widget()
    if any(getattr(item, "pattern", None) == ID_PATTERN for item in metadata):
        return {
            "widget": "string",
            "pattern": [ID_PATTERN, m.gettext("An id: lower-case letters, digits and '-' (the file name)")],
        }
    return {"widget": "string"}


def _date_widget() -> dict[str, Any]:
    # default "": Decap fills an empty date field with "now" otherwise (a silent review_by).
    # picker_utc: the day picked is the day stored, whatever the browser's time zone.
    return {
        "widget": "datetime",
        "format": DATE_FORMAT,
        "date_format": DATE_FORMAT,
        "time_format": False,
        "picker_utc": True,
        "default": "",
    }


def _relation(section: str, *, multiple: bool) -> dict[str, Any]:
    """A reference: search the target section by title, store its id (the file name)."""
    widget: dict[str, Any]
    if section == "company_goals":
        widget = {
            "widget": "relation",
            "collection": "mission",
            "file": "mission",
            "search_fields": ["company_goals.*.title"],
            "value_field": "company_goals.*.id",
            "display_fields": ["company_goals.*.title"],
        }
    else:
        widget = {
            "widget": "relation",
            "collection": section,
            "search_fields": ["title"],
            "value_field": "{{slug}}",
            "display_fields": ["title"],
        }
    if multiple:
        widget["multiple"] = True
    widget["options_length"] = 1000
    return widget


def _summary(cls: type[BaseModel]) -> str:
    names = [n for n in ("date", "month", "title", "platform") if n in cls.model_fields]
    # Decap's summary template: {{fields.NAME}} (Jinja-like braces, kept out of an f-string for legibility).
    return " — ".join("{{fields." + n + "}}" for n in names) or "{{fields." + next(iter(cls.model_fields)) + "}}"


# --- type plumbing ----------------------------------------------------------------------------


#: ``Optional[X]``/``Union[X, Y]`` and ``X | None`` (the model uses the latter).
_UNIONS = (Union, types.UnionType)


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    """``Optional[X]`` -> ``(X, False)``; anything else -> ``(annotation, True)``."""
    if typing.get_origin(annotation) in _UNIONS:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) < len(typing.get_args(annotation)):
            return (args[0] if len(args) == 1 else Union[tuple(args)]), False  # noqa: UP007 - a computed union has no `|` form
    return annotation, True


def _flatten(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """``Annotated[X, a, b]`` -> ``(X, [a, b, ...metadata])``, however deeply nested."""
    metadata = list(metadata)
    while typing.get_origin(annotation) is typing.Annotated:
        annotation, *extras = typing.get_args(annotation)
        for extra in extras:
            # ``Field(ge=1, le=5)`` inside a type: its constraints, like a top-level field's.
            # The FieldInfo itself stays too: it carries the type's kind.
            metadata.extend([extra, *extra.metadata] if isinstance(extra, FieldInfo) else [extra])
    return annotation, metadata


def _ref_target(metadata: list[Any]) -> str | None:
    return next((item.section for item in metadata if isinstance(item, Ref)), None)


def _label(name: str) -> str:
    """A field added later without a word in the catalogue: its name in English words."""
    return name.replace("_", " ").replace("-", " ").capitalize()


#: Labels of fields the pages never name (``labels.FIELD_LABELS`` has the others).
EDITOR_LABELS = {
    "alt": N_("Alt text"),
    "approved_by": N_("Approved by"),
    "copy": N_("Post text"),
    "every": N_("Repeats"),
    "file": N_("File"),
    "hashtags": N_("Hashtags"),
    "interval": N_("Interval"),
    "link": N_("Link"),
    "media": N_("Images and videos"),
    "on": N_("On"),
}

#: One item of a list field, for Decap's "Add …" button and the item's own input.
ITEM_LABELS = {
    "actuals": N_("Measurement"),
    "business_goals": N_("Business goal"),
    "cadence": N_("Slot"),
    "challenges": N_("Challenge"),
    "channels": N_("Channel"),
    "company_goals": N_("Company goal"),
    "content": N_("Content type"),
    "decisions": N_("Decision"),
    "founders": N_("Founder"),
    "hashtags": N_("Hashtag"),
    "holidays": N_("Country"),
    "items": N_("Post"),
    "languages": N_("Language"),
    "media": N_("Image or video"),
    "metrics": N_("Metric"),
    "milestones": N_("Milestone"),
    "objections": N_("Objection"),
    "opportunities": N_("Opportunity"),
    "personal_goals": N_("Personal goal"),
    "roles": N_("Role"),
    "sources": N_("Source"),
    "strengths": N_("Strength"),
    "tags": N_("Tag"),
    "tasks": N_("Task"),
    "threats": N_("Threat"),
    "values": N_("Value"),
    "weaknesses": N_("Weakness"),
}

#: A select's options in words, by field; other fields read ``labels.VALUE_LABELS``.
OPTION_WORDS: dict[str, dict[str, str]] = {
    "category": labels.BUDGET_CATEGORY_LABELS,
    "every": {"day": N_("Daily"), "week": N_("Weekly"), "month": N_("Monthly"), "year": N_("Yearly")},
}


def _singular(section: str) -> str:
    irregular = {
        "team": "team member",
        "budget": "budget line",
        "calendar": "calendar",
        "personas": "persona",
        "strengths": "strength",
        "weaknesses": "weakness",
        "opportunities": "opportunity",
        "threats": "threat",
        "values": "value",
        "languages": "language",
        "challenges": "challenge",
        "objections": "objection",
        "business_goals": "business goal",
        "personal_goals": "personal goal",
        "roles": "role",
        "metrics": "metric",
        "decisions": "decision",
        "tags": "tag",
        "sources": "source",
        "holidays": "country",
        "founders": "founder",
        "content": "content type",
        "hashtags": "hashtag",
        "actuals": "actual",
        "milestones": "milestone",
        "tasks": "task",
        "items": "item",
        "cadence": "slot",
        "company_goals": "company goal",
        "media": "media file",
    }
    return irregular.get(section, section.removesuffix("s"))
