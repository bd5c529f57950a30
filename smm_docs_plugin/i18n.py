"""Messages in the team's language (gettext catalogues through Babel and Jinja2's i18n extension).

Every word the handbook writes is an English message (the msgid) looked up in the gettext
domain ``smm``: packaged catalogues live in ``locales/<lang>/LC_MESSAGES/smm.po`` (a wheel also
carries the compiled ``smm.mo``, see ``hatch_build.py``); a team's ``locales_dir`` holds
``<lang>.po`` files that add a language or override single messages. Placeholders are named
(``%(date)s``) so a translation may reorder them; a literal percent sign is written ``%%``.

``N_`` marks an English message where it is declared (a section's title, a status's label) so
``pybabel extract`` finds it; it is translated where it is shown.
"""

from __future__ import annotations

import copy
import gettext as _gettext
import io
import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations
from markupsafe import Markup

from .errors import PlanError, Problem

DOMAIN = "smm"
PACKAGE_LOCALES = Path(__file__).resolve().parent / "locales"
SOURCE_LANGUAGE = "en"

log = logging.getLogger("mkdocs.plugins.smm_docs_plugin.i18n")


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it here."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a count (``ngettext(*pair, n)`` where it is shown) for extraction."""
    return singular, plural


# --- languages ------------------------------------------------------------------------------


def babel_language(code: str) -> str:
    """Material's language code as Babel writes it: ``pt-BR`` → ``pt_BR``, ``zh-Hant`` → ``zh_Hant``."""
    try:
        return str(Locale.parse(code.replace("_", "-"), sep="-"))
    except (ValueError, TypeError, UnknownLocaleError):
        return code.replace("-", "_")


def candidates(language: str) -> list[str]:
    """The catalogue names to look for, most specific first: ``pt-BR`` → pt-BR, pt_BR, pt."""
    code = babel_language(language)
    parts = code.split("_")
    names = [language] + ["_".join(parts[:i]) for i in range(len(parts), 0, -1)]
    return list(dict.fromkeys(n for n in names if n))


def packaged_languages() -> list[str]:
    """Every language the package ships a catalogue for (``en``, ``ro``, ...)."""
    return sorted(
        p.parent.parent.name
        for p in PACKAGE_LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.*")
        if p.suffix in (".po", ".mo")
        if p.is_file()
    )


def plural_categories(language: str) -> list[str]:
    """The CLDR plural categories of ``language`` in gettext's index order (the order of the
    ``msgstr[i]`` forms under Babel's Plural-Forms header): Romanian one, few, other; Latvian
    zero, one, other."""
    from babel.messages.plurals import get_plural

    count = get_plural(babel_language(language)).num_plurals
    tags = Locale.parse(babel_language(language)).plural_form.tags | {"other"}
    order: list[str] = [t for t in ("zero", "one", "two", "few", "many", "other") if t in tags]
    if len(order) != count:  # a hand-written table in Babel disagreeing with CLDR: one form per index
        return order[:count] if len(order) > count else order + ["other"] * (count - len(order))
    return order


# --- loading --------------------------------------------------------------------------------


def read_catalogue(path: Path, language: str, shown: str | None = None) -> Catalog:
    """A ``.po`` file read and checked: an unreadable file, a syntax error, a placeholder that
    differs from the English or a wrong number of plural forms is a :class:`PlanError` with
    ``path:line: error: …`` lines, all at once."""
    name = shown or str(path)
    try:
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=babel_language(language), domain=DOMAIN, abort_invalid=True)
    except PoFileError as exc:
        raise PlanError([Problem(name, int(getattr(exc, "lineno", 0) or 0), "error", str(exc))]) from None
    except (OSError, UnicodeDecodeError, ValueError, UnknownLocaleError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise PlanError([Problem(name, 0, "error", f"cannot read this message catalogue: {reason}")]) from None
    problems = [
        Problem(name, message.lineno or 0, "error", f"{message.id!r}: {error}")
        for message, errors in catalog.check()
        for error in errors
    ]
    # Babel pads a counted message's missing forms with empty ones (gettext would then print
    # nothing for those counts): some forms translated and some not is a wrong number of forms.
    for message in catalog:
        forms = message.string if isinstance(message.string, (list, tuple)) else ()
        if any(forms) and not all(forms):
            missing = ", ".join(f"msgstr[{index}]" for index, form in enumerate(forms) if not form)
            problems.append(
                Problem(
                    name,
                    message.lineno or 0,
                    "error",
                    f"{message.id[0]!r}: wrong number of plural forms: {language} counts in "
                    f"{len(forms)} forms ({', '.join(plural_categories(language))}); {missing} missing",
                )
            )
    if problems:
        raise PlanError(problems)
    return catalog


def compile_catalogue(catalog: Catalog) -> Translations:
    """Translations from a catalogue read in memory (what ``pybabel compile`` writes to ``.mo``)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@lru_cache(maxsize=32)
def _packaged(language: str) -> Translations | None:
    """The packaged catalogue of ``language``: the compiled ``.mo`` of a wheel, or in a source
    checkout the ``.po`` compiled in memory on first use (cached for the process)."""
    folder = PACKAGE_LOCALES / language / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return Translations(fh, domain=DOMAIN)
    if po.is_file():
        return compile_catalogue(read_catalogue(po, language))
    return None


@lru_cache(maxsize=32)
def _own(path: str, language: str, mtime_ns: int) -> Translations:
    """A team's ``<lang>.po`` (the mtime in the key: ``mkdocs serve`` picks up an edit)."""
    return compile_catalogue(read_catalogue(Path(path), language))


@lru_cache(maxsize=64)
def _warn_no_catalogue(language: str) -> None:
    log.warning(
        f"no message catalogue for theme.language {language!r} (shipped: {', '.join(packaged_languages())}); "
        "the handbook's own words stay English. Add one with the plugin's locales_dir option."
    )


def load_translations(
    language: str = SOURCE_LANGUAGE, locales_dir: Path | str | None = None
) -> _gettext.NullTranslations:
    """The messages for ``language``: the team's ``locales_dir/<lang>.po`` first (single
    messages override the package's), then the packaged catalogue, then English. A language
    nobody has a catalogue for falls back to English with one warning per process."""
    chain: list[_gettext.NullTranslations] = []
    names = candidates(language or SOURCE_LANGUAGE)
    if locales_dir:
        for name in names:
            path = Path(locales_dir) / f"{name}.po"
            if path.is_file():
                chain.append(_own(str(path), name, path.stat().st_mtime_ns))
    packaged = [t for t in (_packaged(name) for name in names) if t is not None]
    if not chain and not packaged:
        _warn_no_catalogue(language)
    chain.extend(packaged)
    english = _packaged(SOURCE_LANGUAGE)
    if english is not None and not packaged:
        chain.append(english)
    if not chain:
        return _gettext.NullTranslations()
    # Shallow copies chained: the cached catalogues (shared by every build of the process)
    # never get a fallback themselves; the copies share their read-only message tables.
    layers = [copy.copy(translations) for translations in chain]
    for layer in layers[1:]:
        layers[0].add_fallback(layer)
    return layers[0]


# --- messages -------------------------------------------------------------------------------


def _ends_with_period(value: object) -> bool:
    if not isinstance(value, str):
        return False
    text = value.striptags() if isinstance(value, Markup) else value
    return text.rstrip().endswith(".")


def closing_period(translation: str, values: dict[str, Any]) -> str:
    """``translation`` without the period that follows a placeholder whose value already ends
    with one: a Bulgarian date ("30.06.2027 г.") or a Latvian abbreviated month ("1. jūl.")
    that ends a sentence closes it ("… 30.06.2027 г.", never "г.."), in every language."""
    if ")s." not in translation:
        return translation
    for name, value in values.items():
        if _ends_with_period(value):
            translation = translation.replace(f"%({name})s.", f"%({name})s")
    return translation


class Messages:
    """gettext with keyword placeholders, as code calls it (templates get the same through
    Jinja's i18n extension): ``gettext("Week %(number)s", number=3)``."""

    def __init__(self, translations: _gettext.NullTranslations, language: str) -> None:
        self.translations = translations
        self.language = language
        #: A message without values reads the same every time (the catalogue never changes):
        #: a large plan asks for "Owner" or "internal" tens of thousands of times.
        self._plain: dict[str, str] = {}

    def gettext(self, message: str, **values: Any) -> str:
        if values:
            return closing_period(self.translations.gettext(message), values) % values
        plain = self._plain.get(message)
        if plain is None:
            plain = self._plain[message] = self.translations.gettext(message) % values
        return plain

    def ngettext(self, singular: str, plural: str, num: int, **values: Any) -> str:
        values.setdefault("num", num)
        return closing_period(self.translations.ngettext(singular, plural, num), values) % values

    def pgettext(self, context: str, message: str, **values: Any) -> str:
        return closing_period(self.translations.pgettext(context, message), values) % values

    def npgettext(self, context: str, singular: str, plural: str, num: int, **values: Any) -> str:
        values.setdefault("num", num)
        return closing_period(self.translations.npgettext(context, singular, plural, num), values) % values

    def join(self, items: Iterable[str], style: str = "standard") -> str:
        """Items joined as the language lists them ("a, b and c", "a, b și c")."""
        words = [str(i) for i in items]
        if not words:
            return ""
        try:
            return format_list(words, style=style, locale=babel_language(self.language))  # type: ignore[arg-type]
        except (ValueError, UnknownLocaleError):
            return format_list(words, style=style, locale=SOURCE_LANGUAGE)  # type: ignore[arg-type]


def translate_permalink_title(mdx_configs: dict[str, Any], messages: Messages) -> None:
    """Python-Markdown's heading links (``toc: {permalink: true}``) carry the English tooltip
    "Permanent link" unless ``mkdocs.yml`` names one: give it in the site's language (a team's
    own ``permalink_title`` wins; English reads as before)."""
    toc = mdx_configs.get("toc")
    if isinstance(toc, dict) and toc.get("permalink") and "permalink_title" not in toc:
        toc["permalink_title"] = messages.gettext("Permanent link")
