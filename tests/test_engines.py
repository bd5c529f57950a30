"""Every engine: ``smm render`` writes exactly what the plugin generates; Zensical publishes
that folder; ProperDocs runs the plugin unchanged and builds the same pages as MkDocs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from smm_docs_plugin.cli import main
from smm_docs_plugin.engine import MARKER, render_project
from smm_docs_plugin.mkdocs_yaml import read_mkdocs_yaml, smm_options

from .conftest import EXAMPLE_PLAN, MINIMAL_PLAN, REPO, build, make_project

BIN = Path(sys.executable).parent
DOCS = {
    "index.md": "# Handbook\n\nOur goal: [[goals/grow-instagram]]; the [[team/ana|lead]].\n",
    "img/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
}


def site_path(src_uri: str) -> str:
    """Where MkDocs (directory URLs) puts the page built from ``src_uri``."""
    if src_uri.endswith("index.md"):
        return src_uri[:-3] + ".html"
    return src_uri[:-3] + "/index.html"


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", copy_plan=MINIMAL_PLAN, docs=DOCS)


def test_render_writes_exactly_what_a_plugin_build_generates(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "rendered"
    result = render_project(project, out)
    site = build(project)

    rendered = files_under(out / "strategy")
    assert {
        "index.md",
        "roadmap/index.md",
        "budget/index.md",
        "calendar/index.md",
        "kpis/index.md",
        "goals/grow-instagram.md",
        "plan.json",
        "budget.csv",
        "calendar.ics",
    } <= rendered
    assert sorted(result.generated) == sorted(f"strategy/{p}" for p in rendered)
    built = files_under(site / "strategy")
    # Every generated page became a page of the build, and the build has no other generated page.
    assert {site_path(p) for p in rendered if p.endswith(".md")} == {p for p in built if p.endswith(".html")}
    # Files that are not pages are byte-identical to the ones the build publishes.
    for name in sorted(p for p in rendered if not p.endswith(".md")):
        assert (out / "strategy" / name).read_bytes() == (site / "strategy" / name).read_bytes(), name
    assert (out / "assets" / "smm" / "smm.css").read_text(encoding="utf-8") == (
        site / "assets" / "smm" / "smm.css"
    ).read_text(encoding="utf-8")


def test_render_rewrites_links_in_docs_pages_and_copies_other_files(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "rendered"
    render_project(project, out)
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "[Grow Instagram](strategy/goals/grow-instagram.md)" in index
    assert "[lead](strategy/team/ana.md)" in index
    assert "[[" not in index
    assert (out / "img" / "logo.svg").read_text(encoding="utf-8") == DOCS["img/logo.svg"]

    only = tmp_path / "only"
    render_project(project, only, include_docs=False)
    assert not (only / "index.md").exists()
    assert (only / "strategy" / "index.md").is_file()


def test_render_reads_env_tags_and_the_audience(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "envproject"
    make_project(root, copy_plan=MINIMAL_PLAN)
    (root / "mkdocs.yml").write_text(
        textwrap.dedent("""\
        site_name: Env
        theme: {name: material}
        markdown_extensions:
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
        plugins:
          - search
          - smm:
              audience: !ENV [SMM_AUDIENCE, team]
              calendar_weeks: !ENV [SMM_WEEKS, 6]
              today: 2027-03-10
        """),
        encoding="utf-8",
    )
    monkeypatch.setenv("SMM_AUDIENCE", "stakeholders")
    monkeypatch.setenv("SMM_WEEKS", "3")
    options = smm_options(read_mkdocs_yaml(root / "mkdocs.yml"))
    assert options["audience"] == "stakeholders" and options["calendar_weeks"] == 3

    out = tmp_path / "stakeholders"
    render_project(root / "mkdocs.yml", out)
    assert not (out / "strategy" / "accounts").exists()
    assert json.loads((out / "strategy" / "plan.json").read_text(encoding="utf-8"))["audience"] == "stakeholders"

    team = tmp_path / "team"
    render_project(root / "mkdocs.yml", team, audience="team")
    assert (team / "strategy" / "accounts" / "index.md").is_file()


def test_render_replaces_only_its_own_folder(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rendered"
    assert main(["render", str(out), "--config", str(project)]) == 0
    assert (out / MARKER).is_file()
    (out / "mine.md").write_text("a team's own file\n", encoding="utf-8")
    assert main(["render", str(out), "--config", str(project)]) == 0
    assert (out / "mine.md").read_text(encoding="utf-8") == "a team's own file\n"  # kept: not the render's
    assert "generated files" in capsys.readouterr().out

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep\n", encoding="utf-8")
    assert main(["render", str(mine), "--config", str(project)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep\n"

    assert main(["render", str(project.parent / "docs" / "out"), "--config", str(project)]) == 2
    assert "overlaps docs_dir" in capsys.readouterr().err


def test_render_stops_on_plan_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "broken"
    config = make_project(root, copy_plan=MINIMAL_PLAN)
    goal = root / "plan" / "goals" / "grow-instagram.md"
    goal.write_text(goal.read_text(encoding="utf-8").replace("owner: ana", "owner: nobody"), encoding="utf-8")
    assert main(["render", str(tmp_path / "out"), "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert "grow-instagram.md" in err and "nothing was written" in err
    assert not (tmp_path / "out").exists()


ZENSICAL_CONFIG = """\
site_name: Example handbook
docs_dir: rendered
site_dir: site
use_directory_urls: true
extra_css: [assets/smm/smm.css]
extra_javascript: [assets/smm/smm.js]
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
"""


def test_zensical_builds_the_rendered_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09-21, inside the example's horizon
    monkeypatch.delenv("SMM_AUDIENCE", raising=False)
    site_root = tmp_path / "zensical"
    rendered = site_root / "rendered"
    result = render_project(REPO / "mkdocs.yml", rendered, page_folders=True)
    (site_root / "zensical.yml").write_text(ZENSICAL_CONFIG, encoding="utf-8")

    run = subprocess.run(
        [str(BIN / "zensical"), "build", "--strict", "-f", "zensical.yml"],
        cwd=site_root,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    assert run.returncode == 0, run.stdout + run.stderr
    site = site_root / "site"
    for src in result.generated:
        target = site / (site_path(src) if src.endswith(".md") else src)
        assert target.is_file(), src
    roadmap = (site / "strategy" / "roadmap" / "index.html").read_text(encoding="utf-8")
    assert "data-initiative=" in roadmap and "<svg" in roadmap
    assert (site / "strategy" / "plan.json").read_bytes() == (rendered / "strategy" / "plan.json").read_bytes()
    assert (site / "assets" / "smm" / "smm.css").is_file()
    for path in EXAMPLE_PLAN.glob("goals/*.md"):
        assert (site / "strategy" / "goals" / path.stem / "index.html").is_file()
    # Zensical resolves links in a page's HTML against its source file: with --page-folders
    # every entity page's source sits where its URL is, so no link breaks.
    from .test_links import _resolve, _targets

    broken, checked = [], 0
    for page in sorted((site / "strategy").rglob("*.html")):
        for tag, link in _targets(page, site):
            target = _resolve(site, page, link)
            if target is not None:
                checked += 1
                if not target.exists():
                    broken.append(f"{page.relative_to(site)}: <{tag}> {link}")
    assert checked > 1000 and broken == []


def test_properdocs_runs_the_plugin_unchanged(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Both builds run from the project folder, as a team runs them (source paths are shown
    # relative to the current folder).
    monkeypatch.chdir(project.parent)
    mkdocs_site = build(project)
    run = subprocess.run(
        [str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", "site-properdocs"],
        cwd=project.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    properdocs_site = project.parent / "site-properdocs"
    generated = files_under(mkdocs_site / "strategy")
    assert len(generated) > 20
    assert files_under(properdocs_site / "strategy") == generated
    for name in ("plan.json", "budget.csv", "calendar.ics"):
        assert (properdocs_site / "strategy" / name).read_bytes() == (mkdocs_site / "strategy" / name).read_bytes()
    roadmap = (properdocs_site / "strategy" / "roadmap" / "index.html").read_text(encoding="utf-8")
    assert 'data-initiative="launch-reels"' in roadmap
    home = (properdocs_site / "index.html").read_text(encoding="utf-8")
    assert "strategy/goals/grow-instagram/" in home  # [[goals/grow-instagram]] became a link


def test_properdocs_builds_the_example_handbook_strict(tmp_path: Path) -> None:
    """CI builds the example handbook itself with ProperDocs, not only a small project."""
    from .conftest import REPO

    for name in ("plan", "docs", "media"):  # media: the example posts' images
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795305600"}
    run = subprocess.run(
        [str(BIN / "properdocs"), "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    for page in ("roadmap", "priorities", "board", "budget", "calendar", "kpis", "swot", "accounts", "reviews"):
        assert (tmp_path / "site" / "strategy" / page / "index.html").is_file(), page
