"""``smm init [DIR]``: a complete new handbook that builds with ``mkdocs build --strict`` at once.

The files come from the ``scaffold/`` folder next to this module (it ships in the wheel):
``mkdocs.yml``, ``docs/index.md``, a commented template for the mission and for every plan
section, and the GitHub Actions workflow. Two placeholders are filled in: ``@NAME@`` (the
handbook's name) and ``@YEAR@`` (the strategy year, so the horizon is the current year rather
than a stale one); ``mkdocs.yml`` also gets the site's language (``@LANGUAGE@``) and the search
settings for it (``@SEARCH@``).

``smm init --language LANG`` writes the handbook in one of :data:`LANGUAGES`. Where
``scaffold_i18n/<LANG>/`` holds a translation (Romanian today), its files replace the English
ones of the same top folder (``plan/``, ``docs/``, ``mkdocs.yml``): plan texts and comments
written in that language, with ids of its own. Other languages keep the English plan texts.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from . import install_spec

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

#: Folders of the template whose name differs in a project: hidden folders do not survive
#: every packaging tool, so the workflow is stored as ``github/`` and written to ``.github/``.
_RENAMED_TOPS = {"github": ".github"}

# A quoted placeholder date such as "@YEAR@-01-01" becomes a plain YAML date 2027-01-01.
_QUOTED_YEAR = re.compile(r'"@YEAR@([-0-9]*)"')


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


def scaffold_files(name: str, year: int, language: str = "en") -> list[ScaffoldFile]:
    """Every file of a new handbook with its placeholders filled, in a stable order."""
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
        files.append(ScaffoldFile(target, fill_placeholders(text, name=name, year=year, language=language)))
    return files


def fill_placeholders(text: str, *, name: str, year: int, language: str = "en") -> str:
    """Put the handbook's name, year, language and search settings into a template file."""
    text = text.replace("@LANGUAGE@", language)
    text = text.replace("@SEARCH@", "\n".join(f"      {line}" for line in SEARCH_SETTINGS[language]))
    text = _QUOTED_YEAR.sub(lambda m: f"{year:04d}{m.group(1)}", text)
    text = text.replace("@YEAR@", f"{year:04d}")
    # The workflow installs this very release from its git tag (no package index has it yet).
    text = text.replace("@INSTALL@", install_spec())
    # The name lands inside double-quoted YAML strings and a Markdown heading.
    safe_name = " ".join(name.split()).replace("\\", "\\\\").replace('"', '\\"')
    return text.replace("@NAME@", safe_name)


def init_handbook(
    target: Path, *, name: str | None = None, year: int | None = None, language: str = "en"
) -> list[Path]:
    """Write a new handbook into ``target``. Writes nothing and raises ``FileExistsError``
    (listing every clash) if any of the files already exists."""
    files = scaffold_files(name or name_from_folder(target), year or default_year(), language)
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
    try:
        written = init_handbook(target, name=args.name, year=args.year, language=args.language)
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
        "comments are written in Romanian too; the other languages keep the English plan texts",
    )
    parser.set_defaults(run=run_init)
