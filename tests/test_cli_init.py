"""``smm init``: a new handbook that checks clean and builds ``--strict`` at once, never
overwriting anything; plus the workflow and pre-commit hook it relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from smm_docs_plugin.cli import main
from smm_docs_plugin.scaffold import fill_placeholders, name_from_folder
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


@pytest.mark.parametrize("language", ["en", "ro", "bg", "fi", "lv", "id", "de", "fr", "es"])
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
