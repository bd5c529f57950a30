"""The message catalogues (#17): the committed .pot is what the code and templates hold, every
shipped catalogue is complete and passes Babel's checkers, plurals follow CLDR, and a team's
``locales_dir`` adds a language or overrides messages; a broken .po is a clean error."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from smm_docs_plugin.i18n import PACKAGE_LOCALES, Messages, candidates, load_translations, packaged_languages

from .conftest import EXAMPLE_PLAN, REPO, make_project


def _messages(path: Path) -> dict[object, tuple[object, frozenset[str]]]:
    with path.open("rb") as fh:
        catalog = read_po(fh)
    return {(m.context, m.id): (m.string, frozenset(m.flags - {"fuzzy"})) for m in catalog if m.id}


def test_the_committed_pot_is_a_fresh_extraction(tmp_path: Path) -> None:
    fresh = tmp_path / "smm.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(REPO / "babel.cfg"),
            "-k",
            "N_",
            "-k",
            "N_plural:1,2",
            "-o",
            str(fresh),
            str(REPO),
        ]
    )
    committed = {key: flags for key, (_, flags) in _messages(PACKAGE_LOCALES / "smm.pot").items()}
    extracted = {key: flags for key, (_, flags) in _messages(fresh).items()}
    assert sorted(map(str, set(extracted) - set(committed))) == [], "run scripts/i18n-update"
    assert sorted(map(str, set(committed) - set(extracted))) == [], "run scripts/i18n-update"
    assert committed == extracted
    assert len(committed) > 400


#: Terms a language's marketers use in English (their glossary says so).
KEPT_IN_ENGLISH = {("id", "share of voice")}


def test_every_shipped_catalogue_is_complete_and_passes_babels_checks() -> None:
    languages = packaged_languages()
    assert "en" in languages
    template = set(_messages(PACKAGE_LOCALES / "smm.pot"))
    for language in languages:
        po = PACKAGE_LOCALES / language / "LC_MESSAGES" / "smm.po"
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=language)
        messages = [m for m in catalog if m.id]
        assert {(m.context, m.id) for m in messages} == template, f"{po}: run scripts/i18n-update"
        assert [m.id for m in messages if m.fuzzy] == [], f"{po}: fuzzy messages"
        untranslated = [m.id for m in messages if not (all(m.string) if isinstance(m.string, tuple) else m.string)]
        assert untranslated == [], f"{po}: untranslated"
        if language != "en":
            # A sentence (three words or more) reads differently in every shipped language: the
            # English standing as its own translation is a message nobody translated.
            english = [
                m.id
                for m in messages
                if not isinstance(m.id, tuple)
                and m.string == m.id
                and len([w for w in m.id.split() if w.isalpha()]) >= 3
                and (language, m.id) not in KEPT_IN_ENGLISH
            ]
            assert english == [], f"{po}: English left as the translation"
        assert [(m.id, e) for m, errors in catalog.check() for e in errors] == [], po  # python_format, num_plurals
        for message in messages:
            if isinstance(message.id, tuple):
                assert len(message.string) == catalog.num_plurals, (po, message.id)


def test_the_english_catalogue_is_the_source_text() -> None:
    for (_, msgid), (msgstr, _) in _messages(PACKAGE_LOCALES / "en" / "LC_MESSAGES" / "smm.po").items():
        assert msgstr == (msgid if isinstance(msgid, str) else tuple(msgid)), msgid


ROMANIAN = textwrap.dedent(
    """\
    msgid ""
    msgstr ""
    "Language: ro\\n"
    "Content-Type: text/plain; charset=utf-8\\n"
    "Plural-Forms: nplurals=3; plural=(n == 1 ? 0 : n == 0 || n != 1 && n % 100 >= 1 && n % 100 <= 19 ? 1 : 2);\\n"

    msgid "Strategy"
    msgstr "Strategie"

    msgid "Goals"
    msgstr "Obiective"

    #, python-format
    msgid "As of %(date)s: the week from %(start)s to %(end)s."
    msgid_plural "As of %(date)s: the %(weeks)s weeks from %(start)s to %(end)s."
    msgstr[0] "La %(date)s: săptămâna %(start)s – %(end)s."
    msgstr[1] "La %(date)s: cele %(weeks)s săptămâni %(start)s – %(end)s."
    msgstr[2] "La %(date)s: cele %(weeks)s de săptămâni %(start)s – %(end)s."
    """
)

AS_OF = (
    "As of %(date)s: the week from %(start)s to %(end)s.",
    "As of %(date)s: the %(weeks)s weeks from %(start)s to %(end)s.",
)


def test_plural_forms_follow_cldr_romanian_and_latvian(tmp_path: Path) -> None:
    (tmp_path / "ro.po").write_text(ROMANIAN, encoding="utf-8")
    ro = Messages(load_translations("ro", tmp_path), "ro")
    forms = {n: ro.ngettext(*AS_OF, n, date="d", weeks=n, start="a", end="b") for n in (1, 2, 19, 20, 101, 120)}
    assert forms[1] == "La d: săptămâna a – b."
    assert forms[2] == forms[19].replace("19", "2") == "La d: cele 2 săptămâni a – b."  # few
    assert forms[20] == "La d: cele 20 de săptămâni a – b."  # other
    assert forms[101] == "La d: cele 101 săptămâni a – b."  # few again
    assert forms[120] == "La d: cele 120 de săptămâni a – b."
    (tmp_path / "lv.po").write_text(
        textwrap.dedent(
            """\
            msgid ""
            msgstr ""
            "Language: lv\\n"
            "Content-Type: text/plain; charset=utf-8\\n"

            #, python-format
            msgid "%(n)s time"
            msgid_plural "%(n)s times"
            msgstr[0] "ZERO %(n)s"
            msgstr[1] "ONE %(n)s"
            msgstr[2] "OTHER %(n)s"
            """
        ),
        encoding="utf-8",
    )
    lv = Messages(load_translations("lv", tmp_path), "lv")
    said = {n: lv.ngettext("%(n)s time", "%(n)s times", n, n=n).split()[0] for n in (0, 1, 2, 10, 11, 21, 22, 30)}
    assert said == {0: "ZERO", 1: "ONE", 2: "OTHER", 10: "ZERO", 11: "ZERO", 21: "ONE", 22: "OTHER", 30: "ZERO"}
    assert Messages(load_translations("ro"), "ro").join(["a", "b", "c"]) == "a, b și c"  # Babel's lists


def _mkdocs_build(config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )


def test_a_teams_locales_dir_adds_a_language_to_a_real_build(tmp_path: Path) -> None:
    locales = tmp_path / "my-locales"
    locales.mkdir()
    (locales / "ro.po").write_text(ROMANIAN, encoding="utf-8")
    config = make_project(
        tmp_path / "p",
        copy_plan=EXAMPLE_PLAN,
        options={"today": "2026-12-02", "locales_dir": str(locales)},
        config={"theme": {"name": "material", "language": "ro"}},
    )
    done = _mkdocs_build(config)
    assert done.returncode == 0, done.stderr
    assert "no message catalogue" not in done.stderr  # the team's ro.po is one
    site = config.parent / "site"
    calendar = (site / "strategy" / "calendar" / "index.html").read_text(encoding="utf-8")
    assert "săptămâni" in calendar and "As of" not in calendar
    goals = (site / "strategy" / "goals" / "index.html").read_text(encoding="utf-8")
    assert "Obiective" in goals and "Strategie" in goals and ">Goals<" not in goals
    assert "Inițiative" in goals  # a message the team did not override keeps the packaged Romanian


def test_a_language_without_catalogue_is_english_with_one_warning(tmp_path: Path) -> None:
    config = make_project(
        tmp_path / "p",
        copy_plan=EXAMPLE_PLAN,
        options={"today": "2026-12-02"},
        config={"theme": {"name": "material", "language": "ja"}},
    )
    done = _mkdocs_build(config)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("no message catalogue for theme.language 'ja'") == 1, done.stderr
    goals = (config.parent / "site" / "strategy" / "goals" / "index.html").read_text(encoding="utf-8")
    assert ">Goals</" in goals


def test_a_broken_po_is_a_path_line_error_not_a_traceback(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    locales.mkdir()
    (locales / "de.po").write_text(
        textwrap.dedent(
            """\
            msgid ""
            msgstr ""
            "Language: de\\n"
            "Content-Type: text/plain; charset=utf-8\\n"

            #, python-format
            msgid "Week %(number)s: %(start)s – %(end)s"
            msgstr "Woche %(nummer)s: %(start)s – %(end)s"

            msgid "Goals"
            msgstr "Ziele" "
            """
        ),
        encoding="utf-8",
    )
    config = make_project(
        tmp_path / "p",
        copy_plan=EXAMPLE_PLAN,
        options={"today": "2026-12-02", "locales_dir": str(locales)},
        config={"theme": {"name": "material", "language": "de"}},
    )
    done = _mkdocs_build(config)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert f"{locales / 'de.po'}:" in done.stderr and ": error: " in done.stderr, done.stderr
    # The syntax error first; once fixed, the placeholder mismatch is reported the same way.
    text = (locales / "de.po").read_text(encoding="utf-8").replace('"Ziele" "', '"Ziele"')
    (locales / "de.po").write_text(text, encoding="utf-8")
    done = _mkdocs_build(config)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert f"{locales / 'de.po'}:7: error:" in done.stderr and "nummer" in done.stderr, done.stderr


def test_materials_language_codes_find_their_catalogue(tmp_path: Path) -> None:
    assert candidates("pt-BR") == ["pt-BR", "pt_BR", "pt"]
    assert candidates("zh-Hant") == ["zh-Hant", "zh_Hant", "zh"]
    assert candidates("ro") == ["ro"]
    header = 'msgid ""\nmsgstr ""\n"Language: pt\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
    (tmp_path / "pt.po").write_text(header + 'msgid "Goals"\nmsgstr "Metas"\n', encoding="utf-8")
    assert Messages(load_translations("pt-BR", tmp_path), "pt-BR").gettext("Goals") == "Metas"


def test_the_migration_script_converts_late_keys_calls_and_translations(tmp_path: Path) -> None:
    """What the lead reruns after merging a branch from before the catalogues: a new English
    key and its ``ctx.t`` calls, a translator's YAML with plurals; twice gives the same tree."""
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(REPO / "smm_docs_plugin", root / "smm_docs_plugin", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "docs_templates", root / "docs_templates")
    (root / "scripts").mkdir()
    for name in ("i18n_migrate.py", "i18n_keys.json"):
        shutil.copy(REPO / "scripts" / name, root / "scripts" / name)
    en = root / "smm_docs_plugin" / "locales" / "en"
    (en / "late.yml").write_text('late.hello: "Hello {name}, 100% sure"\n', encoding="utf-8")
    feature = root / "smm_docs_plugin" / "features" / "late.py"
    feature.write_text("def hello(ctx):\n    return f\"{ctx.t('late.hello', name=ctx.plan)}\"\n", encoding="utf-8")
    template = root / "docs_templates" / "late.md.j2"
    template.write_text('{{ ctx.t("late.hello", name=x) }} {{ t("calendar.title") }} {{ ctx.t("x." ~ y) }}\n')
    ro = root / "smm_docs_plugin" / "locales" / "ro"
    shutil.rmtree(ro)  # as when a translator brought the first Romanian catalogue
    ro.mkdir()
    (ro / "late.yml").write_text('late.hello: "Salut {name}, 100% sigur"\ncalendar.as_of: "x"\n', encoding="utf-8")
    (ro / "calendar.yml").write_text('calendar.title: "Calendarul de conținut"\n', encoding="utf-8")
    (ro / "plurals.yml").write_text(
        'calendar.as_of: {one: "O {date} {start} {end}", few: "F {weeks} {date} {start} {end}", '
        'other: "A {weeks} {date} {start} {end}"}\n',
        encoding="utf-8",
    )

    def run() -> str:
        done = subprocess.run(
            [sys.executable, str(root / "scripts" / "i18n_migrate.py")], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    out = run()
    assert "hand fix: docs_templates/late.md.j2:1:" in out  # the computed key
    assert (
        feature.read_text()
        == "def hello(ctx):\n    return f\"{ctx.gettext('Hello %(name)s, 100%% sure', name=ctx.plan)}\"\n"
    )
    assert template.read_text().startswith('{{ _("Hello %(name)s, 100%% sure", name=x) }} {{ _("Content calendar") }}')
    assert not list(en.glob("*.yml")) and not list(ro.glob("*.yml"))
    with (ro / "LC_MESSAGES" / "smm.po").open("rb") as fh:
        catalog = read_po(fh, locale="ro")
    assert catalog.get("Hello %(name)s, 100%% sure").string == "Salut %(name)s, 100%% sigur"
    assert catalog.get("Content calendar").string == "Calendarul de conținut"
    plural = catalog.get(AS_OF)
    assert plural.string == (
        "O %(date)s %(start)s %(end)s",
        "F %(weeks)s %(date)s %(start)s %(end)s",
        "A %(weeks)s %(date)s %(start)s %(end)s",
    )
    assert [e for _, errors in catalog.check() for e in errors] == []
    files = {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    run()
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts} == files


def test_a_team_po_with_too_few_plural_forms_is_a_path_line_error(tmp_path: Path) -> None:
    """Romanian counts in three forms (one, few, other): a team's ro.po that gives a counted
    message two is refused at the message's line, before anything is built."""
    locales = tmp_path / "locales"
    locales.mkdir()
    (locales / "ro.po").write_text(
        textwrap.dedent(
            """\
            msgid ""
            msgstr ""
            "Language: ro\\n"
            "Content-Type: text/plain; charset=utf-8\\n"
            "Plural-Forms: nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);\\n"

            #, python-format
            msgid "%(days)s day"
            msgid_plural "%(days)s days"
            msgstr[0] "%(days)s zi"
            msgstr[1] "%(days)s zile"
            """
        ),
        encoding="utf-8",
    )
    site = tmp_path / "p" / "site"
    config = make_project(
        tmp_path / "p",
        copy_plan=EXAMPLE_PLAN,
        options={"today": "2026-12-02", "locales_dir": str(locales)},
        config={"theme": {"name": "material", "language": "ro"}},
    )
    done = _mkdocs_build(config)
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    assert f"{locales / 'ro.po'}:8: error:" in done.stderr, done.stderr
    assert "plural" in done.stderr.split(f"{locales / 'ro.po'}:8: error:")[1].splitlines()[0], done.stderr
    assert not (site / "index.html").exists()
