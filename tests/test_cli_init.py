"""``smm init``: a new handbook that checks clean and builds ``--strict`` at once, never
overwriting anything; plus the workflow and pre-commit hook it relies on."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from smm_docs_plugin.cli import main
from smm_docs_plugin.scaffold import LANGUAGES, fill_placeholders, name_from_folder
from smm_docs_plugin.sections import section_names

from .conftest import REPO, build

# 2027-03-10 00:00 UTC: "today" for builds of the scaffold (the plugin reads SOURCE_DATE_EPOCH).
EPOCH_2027_03_10 = "1804636800"


class EnvTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml the way MkDocs does, keeping ``!ENV`` tags visible for assertions."""


EnvTagLoader.add_constructor("!ENV", lambda loader, node: {"!ENV": loader.construct_sequence(node)})


@pytest.fixture
def handbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2027_03_10)
    target = tmp_path / "acme-bikes"
    assert main(["init", str(target)]) == 0
    return target


def test_init_reports_what_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "new"), "--name", "Acme", "--year", "2030"]) == 0
    out = capsys.readouterr().out
    assert "Created a handbook" in out and "Next: cd " in out and "smm check" in out
    assert str(tmp_path / "new" / "plan" / "mission.md") in out
    assert "  start: 2030-01-01\n" in (tmp_path / "new" / "plan" / "mission.md").read_text(encoding="utf-8")


def test_init_writes_a_complete_commented_handbook(handbook: Path) -> None:
    assert (handbook / "docs" / "index.md").is_file()
    assert (handbook / ".github" / "workflows" / "handbook.yml").is_file()
    assert (handbook / "plan" / "mission.md").is_file()
    for section in section_names():
        files = sorted((handbook / "plan" / section).glob("*.md"))
        assert files, f"no template for {section}"
        first = files[0].read_text(encoding="utf-8")
        # Each section's first template explains its fields in YAML comments.
        assert first.startswith("---\n# "), files[0]
        assert "required" in first, files[0]

    config = yaml.load((handbook / "mkdocs.yml").read_text(encoding="utf-8"), Loader=EnvTagLoader)
    assert config["site_name"] == "Acme Bikes social media handbook"
    assert config["theme"]["name"] == "material"
    smm = next(p["smm"] for p in config["plugins"] if isinstance(p, dict) and "smm" in p)
    assert smm["audience"] == {"!ENV": ["SMM_AUDIENCE", "team"]}
    assert smm["plan_dir"] == "plan"

    mission = (handbook / "plan" / "mission.md").read_text(encoding="utf-8")
    assert 'title: "Acme Bikes"' in mission
    # The horizon is the strategy year (from SOURCE_DATE_EPOCH here), as plain YAML dates.
    assert "  start: 2027-01-01\n" in mission and "  end: 2027-12-31\n" in mission
    assert "@YEAR@" not in mission and "@NAME@" not in mission


def test_scaffold_checks_clean(
    handbook: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    capsys.readouterr()
    monkeypatch.chdir(handbook)
    assert main(["check"]) == 0
    report = capsys.readouterr()
    assert "error:" not in report.out + report.err
    assert "warning:" not in report.out + report.err


def test_scaffold_builds_strict_with_generated_pages(handbook: Path) -> None:
    site = build(handbook / "mkdocs.yml", strict=True)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "strategy/goals/grow-instagram/" in home  # the [[goals/grow-instagram]] link works
    for page in (
        "strategy/index.html",
        "strategy/roadmap/index.html",
        "strategy/budget/index.html",
        "strategy/calendar/index.html",
        "strategy/goals/grow-instagram/index.html",
    ):
        assert (site / page).is_file(), page
    plan = json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    assert plan["today"] == "2027-03-10"
    assert plan["initiatives"]["launch-reels"]["end"] == "2027-03-28"  # 8w from 2027-02-01


def test_stakeholder_build_of_the_scaffold_hides_private_fields(
    handbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMM_AUDIENCE", "stakeholders")
    site = build(handbook / "mkdocs.yml", strict=True)
    plan_json = (site / "strategy" / "plan.json").read_text(encoding="utf-8")
    assert json.loads(plan_json)["audience"] == "stakeholders"
    assert "alex@example.com" not in plan_json and "social@example.com" not in plan_json
    assert not (site / "strategy" / "accounts").exists()


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "existing"
    (target / "docs").mkdir(parents=True)
    (target / "docs" / "index.md").write_text("# Ours\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text("site_name: Ours\n", encoding="utf-8")

    assert main(["init", str(target)]) == 1
    err = capsys.readouterr().err
    assert "not overwriting 2 existing file(s)" in err
    assert str(target / "mkdocs.yml") in err and str(target / "docs" / "index.md") in err
    assert (target / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Ours\n"
    assert not (target / "plan").exists()
    assert not (target / ".github").exists()


def test_init_in_a_non_folder_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    assert main(["init", str(target)]) == 1
    assert "not a folder" in capsys.readouterr().err


def test_placeholders_and_names() -> None:
    assert name_from_folder(Path("/x/acme-bikes_de")) == "Acme Bikes De"
    text = fill_placeholders('a: "@YEAR@-02-01"\nb: "@NAME@"\n# "@YEAR@-03": 1\n', name='Say "hi"', year=2031)
    assert text == 'a: 2031-02-01\nb: "Say \\"hi\\""\n# 2031-03: 1\n'
    assert yaml.safe_load(text)["b"] == 'Say "hi"'


def test_repository_workflow_is_the_scaffolds_and_does_the_pr_workflow() -> None:
    scaffold = (REPO / "smm_docs_plugin" / "scaffold" / "github" / "workflows" / "handbook.yml").read_text(
        encoding="utf-8"
    )
    assert (REPO / ".github" / "workflows" / "handbook.yml").read_text(encoding="utf-8") == scaffold
    workflow = yaml.safe_load(scaffold)
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert {"pull_request", "push", "schedule"} <= set(triggers)
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]  # daily
    steps = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert any("smm check --format github" in run for run in steps)
    assert any("smm diff" in run for run in steps)
    builds = [s for s in workflow["jobs"]["build"]["steps"] if "mkdocs build --strict" in s.get("run", "")]
    assert sorted(s["env"]["SMM_AUDIENCE"] for s in builds) == ["stakeholders", "team"]
    assert workflow["jobs"]["publish"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    # The team build is published too, but only to an access-controlled repository.
    team = workflow["jobs"]["publish-team"]
    assert "vars.TEAM_SITE_REPOSITORY" in team["if"]
    assert [s.get("with", {}).get("publish_dir") for s in team["steps"]][-1] == "site-team"
    assert team["steps"][-1]["with"]["external_repository"] == "${{ vars.TEAM_SITE_REPOSITORY }}"


def test_pre_commit_hook_runs_smm_check_on_plan_files() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "smm-check")
    assert hook["entry"] == "smm check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["files"] == "^(plan|docs)/"  # docs pages' [[links]] are checked too


@pytest.mark.parametrize("existing", ["plan/goals/ours.md", "mkdocs.yaml"])
def test_init_leaves_an_existing_handbook_alone(tmp_path, existing, capsys) -> None:
    path = tmp_path / existing
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\ntitle: Ours\n---\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 1
    assert "nothing was written" in capsys.readouterr().err
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [existing]


# --- smm init --language -------------------------------------------------------------------------


@pytest.fixture
def romanian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2027_03_10)
    target = tmp_path / "velo-cluj"
    assert main(["init", str(target), "--language", "ro"]) == 0
    return target


def test_init_in_romanian_writes_the_plan_and_its_comments_in_romanian(romanian: Path) -> None:
    config = yaml.load((romanian / "mkdocs.yml").read_text(encoding="utf-8"), Loader=EnvTagLoader)
    assert config["theme"]["language"] == "ro"
    assert config["site_name"] == "Manualul de social media Velo Cluj"
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert search == {"lang": "ro", "separator": r"[\s\-]+"}
    assert "# căutarea Material, potrivită limbii site-ului" in (romanian / "mkdocs.yml").read_text(encoding="utf-8")

    mission = (romanian / "plan" / "mission.md").read_text(encoding="utf-8")
    assert "mission: Îi convingem pe tot mai mulți clujeni" in mission
    assert "# Singurul fișier din rădăcina planului" in mission
    assert "currency: RON" in mission and "timezone: Europe/Bucharest" in mission and "holidays: [RO]" in mission
    plan_files = sorted((romanian / "plan").rglob("*.md"))
    for section in section_names():
        files = sorted((romanian / "plan" / section).glob("*.md"))
        assert files, f"no template for {section}"
        first = files[0].read_text(encoding="utf-8")
        assert first.startswith("---\n# ") and "obligatoriu" in first, files[0]
    text = "".join(p.read_text(encoding="utf-8") for p in [*plan_files, romanian / "docs" / "index.md"])
    # Romanian as written today: s and t with a comma below, never the old cedilla forms.
    assert "ș" in text and "ț" in text and not set("şţŞŢ") & set(text)
    assert "(required)" not in text and "grow-instagram" not in text
    assert "Manualul de social media Velo Cluj" in (romanian / "docs" / "index.md").read_text(encoding="utf-8")


def test_romanian_scaffold_checks_clean_and_builds_strict(
    romanian: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    capsys.readouterr()
    monkeypatch.chdir(romanian)
    assert main(["check"]) == 0
    report = capsys.readouterr()
    assert "error:" not in report.out + report.err and "warning:" not in report.out + report.err

    site = build(romanian / "mkdocs.yml", strict=True)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ro"' in home
    assert "strategy/goals/crestere-instagram/" in home
    overview = (site / "strategy" / "index.html").read_text(encoding="utf-8")
    # The formats follow the language: the next review (first Monday of April) and amounts.
    assert "Analiza strategiei: luni, 5 aprilie 2027, la 10:00" in overview
    budget = (site / "strategy" / "budget" / "index.html").read_text(encoding="utf-8")
    assert "1.500,00\u00a0RON" in budget
    plan = json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    assert plan["initiatives"]["lansare-reels"]["end"] == "2027-03-28"


@pytest.mark.parametrize("language", LANGUAGES)
def test_init_language_sets_the_theme_and_materials_search_for_it(tmp_path: Path, language: str) -> None:
    from mkdocs.config import load_config

    target = tmp_path / language
    assert main(["init", str(target), "--language", language]) == 0
    # MkDocs validates the search plugin's settings (a language lunr lacks would fail here).
    config = load_config(str(target / "mkdocs.yml"))
    assert config.theme["language"] == language
    search = config.plugins["material/search"].config
    expected = {"bg": "ru", "lv": "en", "id": "en"}.get(language, language)
    assert search.lang == [expected]
    if language == "fr":
        assert search.separator == r"[\s\-'’]+"  # "l'équipe" is found by "équipe"
    if language in ("lv", "id"):
        assert search.pipeline == []  # no stemmer for them in lunr: whole words
    if language != "ro":  # the plan texts stay English for the languages without a scaffold of their own
        assert "(required)" in (target / "plan" / "mission.md").read_text(encoding="utf-8")


def test_init_help_names_the_languages_and_what_is_translated(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["init", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--language LANG" in text and "en, ro, bg, fi, lv, id, de, fr, es" in text
    assert "Romanian" in text and "keep the English plan texts" in text


def test_init_refuses_a_language_it_does_not_set_up(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["init", str(tmp_path / "x"), "--language", "klingon"])
    assert "invalid choice" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


# --- the language's country and the words of the site around the plan ----------------------------

#: language: (timezone, currency, holidays line) of a plan starting in 2027. English keeps the
#: template's own (holidays commented out); Bulgaria pays in EUR since 2026.
COUNTRY_DEFAULTS = {
    "en": ("Europe/Berlin", "EUR", "# holidays: [DE]"),
    "ro": ("Europe/Bucharest", "RON", "holidays: [RO]"),
    "bg": ("Europe/Sofia", "EUR", "holidays: [BG]"),
    "fi": ("Europe/Helsinki", "EUR", "holidays: [FI]"),
    "lv": ("Europe/Riga", "EUR", "holidays: [LV]"),
    "id": ("Asia/Jakarta", "IDR", "holidays: [ID]"),
    "de": ("Europe/Berlin", "EUR", "holidays: [DE]"),
    "fr": ("Europe/Paris", "EUR", "holidays: [FR]"),
    "es": ("Europe/Madrid", "EUR", "holidays: [ES]"),
}

#: language: (the site name of "Acme Bikes", the headings' permalink tooltip, the 404 heading).
SITE_WORDS = {
    "en": ("Acme Bikes social media handbook", "Permanent link", "404 - Page not found"),
    "ro": ("Manualul de social media Acme Bikes", "Legătură permanentă", "404 - Pagina nu a fost găsită"),
    "bg": ("Наръчник за социалните мрежи – Acme Bikes", "Постоянна връзка", "404 - Страницата не е намерена"),
    "fi": ("Acme Bikes – sosiaalisen median käsikirja", "Pysyvä linkki", "404 - Sivua ei löytynyt"),
    "lv": ("Acme Bikes – sociālo mediju rokasgrāmata", "Pastāvīgā saite", "404 - Lapa nav atrasta"),
    "id": ("Buku panduan media sosial Acme Bikes", "Tautan permanen", "404 - Halaman tidak ditemukan"),
    "de": ("Acme Bikes – Social-Media-Handbuch", "Permalink", "404 - Seite nicht gefunden"),
    "fr": ("Guide des réseaux sociaux – Acme Bikes", "Lien permanent", "404 - Page introuvable"),
    "es": ("Manual de redes sociales de Acme Bikes", "Enlace permanente", "404 - Página no encontrada"),
}


def _plan_value(mission: str, key: str) -> str:
    """The value of a top-level ``key:`` line of plan/mission.md, without its comment."""
    line = next(line for line in mission.splitlines() if line.startswith(f"{key}:"))
    return line.split("#")[0].split(":", 1)[1].strip()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_languages_scaffold_gets_its_country_and_site_words_and_builds_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2027_03_10)
    target = tmp_path / "acme-bikes"
    assert main(["init", str(target), "--language", language]) == 0
    mission = (target / "plan" / "mission.md").read_text(encoding="utf-8")
    timezone, currency, holidays = COUNTRY_DEFAULTS[language]
    assert _plan_value(mission, "timezone") == timezone and _plan_value(mission, "currency") == currency
    assert any(line.startswith(f"{holidays}  ") for line in mission.splitlines()), holidays
    assert "@" not in mission.replace("example.com", "")  # every placeholder filled

    capsys.readouterr()
    monkeypatch.chdir(target)
    assert main(["check"]) == 0
    report = capsys.readouterr()
    assert "error:" not in report.out + report.err and "warning:" not in report.out + report.err

    site = build(target / "mkdocs.yml", strict=True)
    site_name, permalink, not_found = SITE_WORDS[language]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>{site_name}</title>" in home
    assert "<h1 id=" in home and f'>{site_name}<a class="headerlink"' in home
    overview = (site / "strategy" / "index.html").read_text(encoding="utf-8")
    for page in (home, overview):
        assert f'title="{permalink}"' in page
        assert ('title="Permanent link"' in page) == (language == "en")
        # Material's footer line is English in every language: only the English site keeps it.
        assert ("Made with" in page) == (language == "en")
    assert f"<h1>{not_found}</h1>" in (site / "404.html").read_text(encoding="utf-8")
    plan = json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    assert plan["mission"]["timezone"] == timezone and plan["mission"]["currency"] == currency


def test_init_country_overrides_the_languages_and_the_currency_follows_the_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A German-speaking team in Austria, one in Switzerland (CHF); a Romanian one in Moldova.
    for language, country, zone, currency in (
        ("de", "AT", "Europe/Vienna", "EUR"),
        ("de", "ch", "Europe/Zurich", "CHF"),
        ("ro", "MD", "Europe/Chisinau", "MDL"),
        ("en", "GB", "Europe/London", "GBP"),
    ):
        target = tmp_path / f"{language}-{country}"
        assert main(["init", str(target), "--language", language, "--country", country, "--year", "2027"]) == 0
        mission = (target / "plan" / "mission.md").read_text(encoding="utf-8")
        assert _plan_value(mission, "timezone") == zone and _plan_value(mission, "currency") == currency
        assert _plan_value(mission, "holidays") == f"[{country.upper()}]"
    # Bulgaria paid in BGN until the end of 2025, EUR from 1 January 2026 (both legal tender that
    # January: the newer one), as CLDR dates them (through Babel).
    for year, currency in (("2025", "BGN"), ("2026", "EUR")):
        assert main(["init", str(tmp_path / f"bg-{year}"), "--language", "bg", "--year", year]) == 0
        mission = (tmp_path / f"bg-{year}" / "plan" / "mission.md").read_text(encoding="utf-8")
        assert _plan_value(mission, "currency") == currency, year
    # A country of several time zones needs the team's; --timezone also overrides any country's.
    capsys.readouterr()
    assert main(["init", str(tmp_path / "us"), "--country", "US"]) == 1
    assert re.search(
        r"US has \d+ time zones: choose the team's with --timezone \(e.g. America/New_York\)", capsys.readouterr().err
    )
    assert not (tmp_path / "us").exists()
    assert main(["init", str(tmp_path / "us"), "--country", "US", "--timezone", "America/Chicago"]) == 0
    mission = (tmp_path / "us" / "plan" / "mission.md").read_text(encoding="utf-8")
    assert _plan_value(mission, "timezone") == "America/Chicago" and _plan_value(mission, "currency") == "USD"
    assert main(["init", str(tmp_path / "fi"), "--language", "fi", "--timezone", "Europe/Tallinn"]) == 0
    assert _plan_value((tmp_path / "fi" / "plan" / "mission.md").read_text(encoding="utf-8"), "timezone") == (
        "Europe/Tallinn"
    )
    capsys.readouterr()
    assert main(["init", str(tmp_path / "zz"), "--country", "ZZ"]) == 1
    assert "smm init: 'ZZ' is not a country code" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "zz"), "--timezone", "Europe/Sofija"]) == 1
    assert "smm init: 'Europe/Sofija' is not an IANA time zone" in capsys.readouterr().err
    assert not (tmp_path / "zz").exists()


def _article_text(page: str) -> str:
    """The words of a page's content, as a reader sees them (tags dropped, spaces collapsed)."""
    article = page[page.index("<article") : page.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).replace("¶", "").split())


@pytest.mark.parametrize(
    ("language", "reader_text"),
    [
        (
            "en",
            (
                "Acme Bikes social media handbook Our social media strategy in one place: what we aim for, who we "
                "write for, where we post and when, and what it costs. The strategy at a glance Our main goal right "
                "now: Grow our Instagram audience Who we write for: the busy commuter"
            ),
        ),
        (
            "ro",
            (
                "Manualul de social media Acme Bikes Strategia noastră de social media, într-un singur loc: ce ne "
                "propunem, pentru cine scriem, unde și când postăm și cât costă. Strategia pe scurt Obiectivul "
                "nostru principal acum: Mai mulți urmăritori pe Instagram Pentru cine scriem: navetista grăbită"
            ),
        ),
    ],
)
def test_the_home_page_stakeholders_see_first_leaves_out_the_team_instructions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, reader_text: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2027_03_10)
    target = tmp_path / "acme-bikes"
    assert main(["init", str(target), "--language", language]) == 0
    team_home = _article_text((build(target / "mkdocs.yml", strict=True) / "index.html").read_text(encoding="utf-8"))
    assert team_home.startswith(reader_text.split(" ", 3)[0]) and "smm diff" in team_home and "docs/" in team_home
    assert "pull request" in team_home

    monkeypatch.setenv("SMM_AUDIENCE", "stakeholders")
    site = build(target / "mkdocs.yml", strict=True)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert _article_text(home) == reader_text
    assert "smm diff" not in home and "internal" not in home and "plan/" not in _article_text(home)
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "smm diff" not in index and "pull request" not in index and "pull-request" not in index


def test_a_new_handbook_ignores_its_built_sites(tmp_path: Path) -> None:
    """The workflow builds the team site (private fields, account details) into site-team/
    inside the project: a new handbook's .gitignore keeps both built sites and a stopped
    build's staging folder out of every commit."""
    target = tmp_path / "handbook"
    assert main(["init", str(target)]) == 0
    ignored = (target / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"site/", "site-team/", ".*.smm-staging-*/"} <= set(ignored)
    assert not (target / "gitignore").exists()
    subprocess.run(["git", "init", "-q", str(target)], check=True)
    for folder in ("site", "site-team", ".site.smm-staging-abc123"):
        (target / folder).mkdir()
        (target / folder / "index.html").write_text("x", encoding="utf-8")
    status = subprocess.run(
        ["git", "-C", str(target), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    untracked = [line.split(maxsplit=1)[1] for line in status.splitlines()]
    assert untracked and not [
        p for p in untracked if p.split("/")[0] in ("site", "site-team", ".site.smm-staging-abc123")
    ]
