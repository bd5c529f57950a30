"""``smm init [DIR]``: a complete new handbook that builds with ``mkdocs build --strict`` at once.

The files come from the ``scaffold/`` folder next to this module (it ships in the wheel):
``mkdocs.yml``, ``docs/index.md``, a commented template for the mission and for every plan
section, and the GitHub Actions workflow. Two placeholders are filled in: ``@NAME@`` (the
handbook's name) and ``@YEAR@`` (the strategy year, so the horizon is the current year rather
than a stale one); ``mkdocs.yml`` also gets the site's language (``@LANGUAGE@``), the search
settings for it (``@SEARCH@``) and the words of the site a team sees on every page, from the
language's catalogue: the site name (``@SITE_NAME@``), the headings' permalink tooltip
(``@PERMALINK_TITLE@``), the 404 page's heading (``@NOT_FOUND@``, in ``overrides/404.html``) and
Material's English footer line switched off (``@GENERATOR@``). ``plan/mission.md`` gets the
team's country (:func:`country_defaults`): ``@TIMEZONE@``, ``@CURRENCY@`` and ``@HOLIDAYS@``.

``smm init --language LANG`` writes the handbook in one of :data:`LANGUAGES`. Where
``scaffold_i18n/<LANG>/`` holds a translation (Romanian today), its files replace the English
ones of the same top folder (``plan/``, ``docs/``, ``overrides/``, ``mkdocs.yml``): plan texts and comments
written in that language, with ids of its own. Other languages keep the English plan texts,
with their country's time zone, holidays and currency.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import install_spec
from .i18n import Messages, load_translations
from .resolve import valid_holiday_code

SCAFFOLD_DIR = Path(__file__).resolve().parent / "scaffold"
TRANSLATED_DIR = Path(__file__).resolve().parent / "scaffold_i18n"

#: The languages ``smm init --language`` sets up (Material's codes, as ``theme.language`` takes them).
LANGUAGES = ("en", "ro", "bg", "fi", "lv", "id", "de", "fr", "es")

#: Separators: whitespace and hyphens (Material's default), plus apostrophes where the language
#: elides with one (French "l'équipe" is found by "équipe").
_SEPARATOR = r"[\s\-]+"
_SEPARATOR_ELISION = r"[\s\-'’]+"

#: Material's search settings per language: lunr's word rules and stop words for the language
#: (ro, fi, de, fr, es, ru ... but none for Bulgarian, Latvian or Indonesian) and its separator.
#: No ``stemmer`` in the pipeline (Material's own default): Material searches word prefixes
#: ("campan" finds "campanie"), and a stemmed index loses them ("campanie" then finds nothing;
#: tests/browser/test_search_language.py). Each entry: the YAML lines under ``- search:``.
SEARCH_SETTINGS: dict[str, tuple[str, ...]] = {
    "en": ("lang: en", f"separator: '{_SEPARATOR}'"),
    "ro": ("lang: ro", f"separator: '{_SEPARATOR}'"),
    "de": ("lang: de", f"separator: '{_SEPARATOR}'"),
    "fr": ("lang: fr", "separator: '{}'".format(_SEPARATOR_ELISION.replace("'", "''"))),  # YAML doubles '
    "es": ("lang: es", f"separator: '{_SEPARATOR}'"),
    "fi": ("lang: fi", f"separator: '{_SEPARATOR}'"),
    # No Bulgarian stemmer in lunr: Material's own choice for bg is the Russian (Cyrillic) one.
    "bg": (
        "lang: ru                      # no Bulgarian stemmer in lunr; Material uses Russian's",
        f"separator: '{_SEPARATOR}'",
    ),
    # No Latvian or Indonesian word rules in lunr: no English stop words either.
    "lv": (
        "lang: en",
        f"separator: '{_SEPARATOR}'",
        "pipeline: []                  # lunr has no Latvian rules: whole words as written",
    ),
    "id": (
        "lang: en",
        f"separator: '{_SEPARATOR}'",
        "pipeline: []                  # as Material's own Indonesian setting: words as written",
    ),
}

#: The country a language's team most likely works in: ``smm init --language`` takes its time zone,
#: public holidays and currency (``--country`` chooses another, e.g. ``de`` with ``AT``). English
#: has none: its plan keeps the template's Europe/Berlin and EUR, holidays commented out.
LANGUAGE_COUNTRIES = {"ro": "RO", "bg": "BG", "fi": "FI", "lv": "LV", "id": "ID", "de": "DE", "fr": "FR", "es": "ES"}

#: The main time zone of a country with several (CLDR lists them all, in no useful order).
MAIN_ZONES = {"ID": "Asia/Jakarta", "ES": "Europe/Madrid", "DE": "Europe/Berlin", "PT": "Europe/Lisbon"}


@dataclass(frozen=True)
class CountryDefaults:
    """What ``plan/mission.md`` starts with: the ``timezone``, the ``currency`` and the
    ``holidays`` line (commented out when no country is known)."""

    timezone: str = "Europe/Berlin"
    currency: str = "EUR"
    holidays: str = "# holidays: [DE]"


def country_defaults(country: str, year: int, timezone: str | None = None) -> CountryDefaults:
    """A country's defaults for a plan starting in ``year``: its time zone (``timezone`` if
    given, else its only one or :data:`MAIN_ZONES`), the currency it uses on 1 January of that
    year (CLDR: Bulgaria's is EUR from 2026, BGN before) and its public holidays where the
    ``holidays`` package has them. ``ValueError`` says what is wrong with ``country``."""
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    code = country.strip().upper()
    zones = get_global("territory_zones").get(code)
    # On 1 January of a changeover year both are legal tender (BGN until 2026-01-31): the newer one.
    details = get_territory_currencies(code, date(year, 1, 1), include_details=True) if zones else []
    currencies = [c["currency"] for c in sorted(details, key=lambda c: c["from"] or date.min, reverse=True)]
    if not zones or not currencies:
        raise ValueError(f"{country!r} is not a country code (ISO 3166, e.g. AT, CH, MD)")
    if timezone is None:
        if len(zones) > 1 and code not in MAIN_ZONES:
            example = "America/New_York" if "America/New_York" in zones else min(zones)
            raise ValueError(f"{code} has {len(zones)} time zones: choose the team's with --timezone (e.g. {example})")
        timezone = MAIN_ZONES.get(code, zones[0])
    line = f"holidays: [{code}]" if valid_holiday_code(code) else "# holidays: []"
    return CountryDefaults(timezone=timezone, currency=currencies[0], holidays=line)


def check_timezone(name: str) -> str:
    """``name`` if it is an IANA time zone, else ``ValueError``."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{name!r} is not an IANA time zone (e.g. Europe/Vienna)") from None
    return name


#: Folders of the template whose name differs in a project: hidden folders do not survive
#: every packaging tool, so the workflow is stored as ``github/`` and written to ``.github/``
#: (and ``gitignore`` to ``.gitignore``).
_RENAMED_TOPS = {"github": ".github", "gitignore": ".gitignore"}

# A quoted placeholder date such as "@YEAR@-01-01" becomes a plain YAML date 2027-01-01.
_QUOTED_YEAR = re.compile(r'"@YEAR@([-0-9]*)"')
# A value followed by the spaces that align the comments after it keeps them aligned.
_PADDED = re.compile(r"@(TIMEZONE|CURRENCY|HOLIDAYS)@( *)")


@dataclass(frozen=True)
class ScaffoldFile:
    """One file of a new handbook: where it goes (relative to the target) and its text."""

    path: Path
    text: str


def default_year() -> int:
    """The strategy year: from ``SOURCE_DATE_EPOCH`` when set (reproducible runs), else today's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).year
    return date.today().year


def name_from_folder(target: Path) -> str:
    """``acme-bikes`` → ``Acme Bikes``: a readable default for the site and company name."""
    words = re.split(r"[-_\s]+", target.resolve().name)
    return " ".join(w[:1].upper() + w[1:] for w in words if w) or "Our"


def _template_files(root: Path) -> dict[Path, Path]:
    """``relative path → file`` of one template folder."""
    return {
        source.relative_to(root): source
        for source in sorted(root.rglob("*"))
        if source.is_file() and "__pycache__" not in source.parts
    }


def scaffold_files(
    name: str, year: int, language: str = "en", country: CountryDefaults | None = None
) -> list[ScaffoldFile]:
    """Every file of a new handbook with its placeholders filled, in a stable order."""
    if country is None:
        code = LANGUAGE_COUNTRIES.get(language)
        country = country_defaults(code, year) if code else CountryDefaults()
    sources = _template_files(SCAFFOLD_DIR)
    translated = TRANSLATED_DIR / language
    if translated.is_dir():
        # A translated top folder (plan/, docs/) replaces the English one whole: its ids differ.
        own = _template_files(translated)
        tops = {rel.parts[0] for rel in own}
        sources = {rel: path for rel, path in sources.items() if rel.parts[0] not in tops} | own
    files = []
    for rel, source in sorted(sources.items()):
        target = Path(_RENAMED_TOPS.get(rel.parts[0], rel.parts[0]), *rel.parts[1:])
        text = source.read_text(encoding="utf-8")
        text = fill_placeholders(text, name=name, year=year, language=language, country=country)
        files.append(ScaffoldFile(target, text))
    return files


def _escaped(text: str) -> str:
    """``text`` on one line, for a double-quoted YAML string (and a Markdown heading)."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')


def fill_placeholders(
    text: str, *, name: str, year: int, language: str = "en", country: CountryDefaults | None = None
) -> str:
    """Put the handbook's name, year, language, search settings, the site's own words (from
    the language's catalogue) and the country's defaults into a template file."""
    country = country or CountryDefaults()
    messages = Messages(load_translations(language), language)
    values = {"TIMEZONE": country.timezone, "CURRENCY": country.currency, "HOLIDAYS": country.holidays}
    text = _PADDED.sub(lambda m: values[m[1]].ljust(len(m[0]) - 1) + " " if m[2] else values[m[1]], text)
    # Translators: smm init: the site_name of a new handbook, in the header of every page; %(name)s is the company.
    site_name = messages.gettext("%(name)s social media handbook", name=" ".join(name.split()))
    text = text.replace("@SITE_NAME@", _escaped(site_name))
    # Translators: smm init: the tooltip of the link beside every heading of the site (toc permalink_title).
    text = text.replace("@PERMALINK_TITLE@", _escaped(messages.gettext("Permanent link")))
    # Translators: smm init: the heading of the site's page for an unknown address, after "404 - ".
    text = text.replace("@NOT_FOUND@", html.escape(messages.gettext("Page not found")))
    # Material's footer line "Made with Material for MkDocs" is English in every language.
    text = text.replace("@GENERATOR@", "true" if language == "en" else "false")
    text = text.replace("@LANGUAGE@", language)
    text = text.replace("@SEARCH@", "\n".join(f"      {line}" for line in SEARCH_SETTINGS[language]))
    text = _QUOTED_YEAR.sub(lambda m: f"{year:04d}{m.group(1)}", text)
    text = text.replace("@YEAR@", f"{year:04d}")
    # The workflow installs this very release from its git tag (no package index has it yet).
    text = text.replace("@INSTALL@", install_spec())
    # The name lands inside double-quoted YAML strings and a Markdown heading.
    return text.replace("@NAME@", _escaped(name))


def init_handbook(
    target: Path,
    *,
    name: str | None = None,
    year: int | None = None,
    language: str = "en",
    country: CountryDefaults | None = None,
) -> list[Path]:
    """Write a new handbook into ``target``. Writes nothing and raises ``FileExistsError``
    (listing every clash) if any of the files already exists."""
    files = scaffold_files(name or name_from_folder(target), year or default_year(), language, country)
    clashes = [target / f.path for f in files if (target / f.path).exists() or (target / f.path).is_symlink()]
    # A plan folder or a MkDocs configuration already there is someone's handbook: adding the
    # scaffold's files beside it would mix two plans (or two configurations).
    for taken in ("plan", "mkdocs.yaml", "mkdocs.yml"):
        path = target / taken
        if (path.is_dir() and any(path.iterdir())) or (path.is_file() and path not in clashes):
            clashes.append(path)
    if clashes:
        raise FileExistsError(clashes)
    written = []
    for scaffold_file in files:
        path = target / scaffold_file.path
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(scaffold_file.text)
        written.append(path)
    return written


def run_init(args: argparse.Namespace) -> int:
    target: Path = args.directory
    if target.exists() and not target.is_dir():
        print(f"smm init: {target} exists and is not a folder", file=sys.stderr)
        return 1
    year = args.year or default_year()
    code = args.country or LANGUAGE_COUNTRIES.get(args.language)
    try:
        timezone = check_timezone(args.timezone) if args.timezone else None
        if code:
            country = country_defaults(code, year, timezone)
        else:
            country = CountryDefaults(timezone=timezone) if timezone else CountryDefaults()
    except ValueError as exc:
        print(f"smm init: {exc}", file=sys.stderr)
        return 1
    try:
        written = init_handbook(target, name=args.name, year=year, language=args.language, country=country)
    except FileExistsError as exc:
        clashes = exc.args[0]
        print(f"smm init: not overwriting {len(clashes)} existing file(s); nothing was written:", file=sys.stderr)
        for path in clashes:
            print(f"  {path}", file=sys.stderr)
        return 1
    print(f"Created a handbook in {target} ({len(written)} files):")
    for path in written:
        print(f"  {path}")
    where = "" if target.resolve() == Path.cwd().resolve() else f"cd {target} && "
    print(f"Next: {where}smm check && mkdocs serve")
    return 0


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "init",
        help="create a new handbook (mkdocs.yml, docs/, a commented plan/, a GitHub workflow)",
        description="Scaffold a new handbook that builds with `mkdocs build --strict` at once. "
        "Existing files are never overwritten: if any would be, nothing is written.",
    )
    parser.add_argument(
        "directory",
        nargs="?",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="where to create it (default: the current folder)",
    )
    parser.add_argument("--name", help="company or brand name (default: from the folder name)")
    parser.add_argument("--year", type=int, help="strategy year for the horizon (default: this year)")
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        default="en",
        metavar="LANG",
        help="the site's language: sets theme.language (pages, dates, amounts) and the search "
        f"settings for it; one of {', '.join(LANGUAGES)} (default: en). With ro the plan texts and "
        "comments are written in Romanian too; the other languages keep the English plan texts. "
        "The plan gets the language's country: its time zone, public holidays and currency",
    )
    parser.add_argument(
        "--country",
        metavar="CC",
        help="the team's country (ISO 3166 code: AT, CH, MD ...) instead of the language's: "
        "the plan's time zone, public holidays and currency",
    )
    parser.add_argument(
        "--timezone",
        metavar="ZONE",
        help="the plan's IANA time zone (e.g. America/New_York) instead of the country's",
    )
    parser.set_defaults(run=run_init)
