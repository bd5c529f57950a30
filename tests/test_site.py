"""The foundation, seen as a user sees it: real MkDocs + Material builds of small plans."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLE_PLAN, MINIMAL_PLAN, REPO, build, make_project

SECTIONS = (
    "goals",
    "personas",
    "competitors",
    "channels",
    "initiatives",
    "team",
    "budget",
    "calendar",
    "reports",
    "reviews",
)


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def article(html: str) -> str:
    """The page's content, without Material's navigation around it."""
    return html[html.index("<article") : html.index("</article>")]


def test_every_entity_gets_a_page_and_every_section_an_index(build_site):
    site = build_site(copy_plan=MINIMAL_PLAN)
    for rel in ("team/ana", "goals/grow-instagram", "channels/instagram", "initiatives/launch-reels"):
        assert (site / "strategy" / rel / "index.html").is_file(), rel
    for section in SECTIONS:
        assert (site / "strategy" / section / "index.html").is_file(), section
    assert (site / "strategy" / "index.html").is_file()


def test_references_are_links_both_ways(build_site):
    site = build_site(copy_plan=MINIMAL_PLAN)
    initiative = article(read(site, "strategy/initiatives/launch-reels/index.html"))
    assert '<a href="../../goals/grow-instagram/">Grow Instagram</a>' in initiative
    assert '<a href="../../team/ana/">Ana Lopez</a>' in initiative
    # "Referenced by" on the team member lists everything that points at her, once each.
    ana = article(read(site, "strategy/team/ana/index.html"))
    referenced = ana[ana.index('id="referenced-by"') :]
    for href in ("../../goals/grow-instagram/", "../../channels/instagram/", "../../initiatives/launch-reels/"):
        assert referenced.count(f'href="{href}"') == 1, href
    assert "Owner" in referenced and "Tasks" in referenced


def test_entity_page_reads_like_a_page_not_a_yaml_dump(build_site):
    site = build_site(copy_plan=MINIMAL_PLAN)
    page = article(read(site, "strategy/initiatives/launch-reels/index.html"))
    assert "<h1" in page and "Launch reels" in page
    assert "In progress" in page  # status in words
    assert "Feb 28, 2027" in page  # computed end from duration: 4w
    assert "Short vertical videos of commutes." in page  # the body
    assert "goal:" not in page and "---" not in page


def test_wikilinks_in_plan_bodies_and_docs_pages(build_site):
    files = {
        "team/ana.md": """
            ---
            title: Ana Lopez
            ---
            Ana runs [[initiatives/launch-reels]] for [[goals/grow-instagram|the Instagram goal]].
            Write links as `[[section/id]]` (inline code is left alone).

            ```
            [[not/a-link]] inside code stays as it is
            ```
            """,
    }
    docs = {
        "index.md": "# Home\n\nSee [[team/ana]] and [[channels/instagram|our main channel]].\n",
        "guide/deep.md": "# Deep\n\n[[team/ana]]\n",
    }
    site = build_site(copy_plan=MINIMAL_PLAN, docs=docs)
    home = article(read(site, "index.html"))
    assert '<a href="strategy/team/ana/">Ana Lopez</a>' in home
    assert '<a href="strategy/channels/instagram/">our main channel</a>' in home
    deep = article(read(site, "guide/deep/index.html"))
    assert '<a href="../../strategy/team/ana/">Ana Lopez</a>' in deep
    site2 = build_site(files, copy_plan=MINIMAL_PLAN)
    ana = article(read(site2, "strategy/team/ana/index.html"))
    assert '<a href="../../initiatives/launch-reels/">Launch reels</a>' in ana
    assert '<a href="../../goals/grow-instagram/">the Instagram goal</a>' in ana
    assert "[[not/a-link]] inside code" in ana
    assert "<code>[[section/id]]</code>" in ana


def test_navigation_lists_section_indexes_not_entities(build_site):
    site = build_site(
        copy_plan=MINIMAL_PLAN,
        config={"site_url": "https://example.com/", "theme": {"name": "material", "features": ["navigation.tabs"]}},
    )
    html = read(site, "index.html")
    nav = html[html.index("md-nav--primary") :]
    assert "Strategy" in html
    assert 'href="strategy/goals/"' in nav
    assert 'href="strategy/goals/grow-instagram/"' not in nav
    # The generated entity pages are still built and in the sitemap (they are public pages).
    assert "strategy/goals/grow-instagram/" in read(site, "sitemap.xml")


def test_explicit_nav_gets_the_strategy_section_appended(build_site):
    site = build_site(
        copy_plan=MINIMAL_PLAN,
        docs={"index.md": "# Home\n", "about.md": "# About\n"},
        config={"nav": [{"Home": "index.md"}, {"About": "about.md"}]},
    )
    html = read(site, "about/index.html")
    assert 'href="../strategy/"' in html and 'href="../strategy/initiatives/"' in html


def test_plan_json_holds_entities_references_and_computed_ends(build_site):
    site = build_site(copy_plan=MINIMAL_PLAN)
    data = json.loads(read(site, "strategy/plan.json"))
    assert data["today"] == "2027-03-10"
    assert data["horizon"]["months"][0] == "2027-01" and data["horizon"]["months"][-1] == "2027-06"
    initiative = data["initiatives"]["launch-reels"]
    assert initiative["end"] == "2027-02-28" and initiative["duration"] == "4w"
    assert {"section": "goals", "id": "grow-instagram", "field": "goal"} in initiative["references"]
    ana = data["team"]["ana"]
    assert {"section": "initiatives", "id": "launch-reels", "field": "tasks.0.owner"} in ana["referenced_by"]
    assert data["mission"]["title"] == "Acme Bikes"
    # Paths are relative to mkdocs.yml, whatever folder the build ran from.
    assert initiative["source"] == "plan/initiatives/launch-reels.md"
    assert data["mission"]["source"] == "plan/mission.md"


def test_duration_end_is_inclusive(build_site):
    files = {
        "initiatives/two-weeks.md": (
            "---\ntitle: Two weeks\ngoal: grow-instagram\nowner: ana\nstart: 2027-01-04\nduration: 2w\n---\n"
        ),
        "initiatives/one-month.md": (
            "---\ntitle: One month\ngoal: grow-instagram\nowner: ana\nstart: 2027-01-15\nduration: 1m\n---\n"
        ),
        "initiatives/ten-days.md": (
            "---\ntitle: Ten days\ngoal: grow-instagram\nowner: ana\nstart: 2027-01-01\nduration: 10d\n---\n"
        ),
    }
    site = build_site(files, copy_plan=MINIMAL_PLAN)
    data = json.loads(read(site, "strategy/plan.json"))["initiatives"]
    assert data["two-weeks"]["end"] == "2027-01-17"
    assert data["one-month"]["end"] == "2027-02-14"
    assert data["ten-days"]["end"] == "2027-01-10"


def test_edit_links_open_plan_files(build_site):
    config = {
        "repo_url": "https://github.com/acme/handbook",
        "edit_uri": "edit/main/docs/",
        "theme": {"name": "material", "features": ["content.action.edit"]},
    }
    site = build_site(copy_plan=MINIMAL_PLAN, config=config, docs={"index.md": "# Home\n"})
    goal = read(site, "strategy/goals/grow-instagram/index.html")
    assert 'href="https://github.com/acme/handbook/edit/main/plan/goals/grow-instagram.md"' in goal
    overview = read(site, "strategy/index.html")
    assert 'href="https://github.com/acme/handbook/edit/main/plan/mission.md"' in overview
    index = read(site, "strategy/goals/index.html")
    assert "/edit/main/" not in index  # a generated page without a source file has no edit button
    home = read(site, "index.html")
    assert 'href="https://github.com/acme/handbook/edit/main/docs/index.md"' in home


def test_user_templates_override_packaged_ones(build_site, tmp_path):
    templates = tmp_path / "my-templates" / "pages"
    templates.mkdir(parents=True)
    (templates / "goals.md.j2").write_text(
        '{% extends "pages/entity.md.j2" %}\n{% block body %}\n<p class="house-style">Our goal: {{ entity.metric '
        "}}</p>\n{% endblock %}\n",
        encoding="utf-8",
    )
    site = build_site(copy_plan=MINIMAL_PLAN, options={"templates_dir": str(tmp_path / "my-templates")})
    goal = article(read(site, "strategy/goals/grow-instagram/index.html"))
    assert '<p class="house-style">Our goal: Instagram followers</p>' in goal


def test_build_writes_nothing_into_plan_or_docs(tmp_path):
    cfg = make_project(tmp_path / "p", copy_plan=MINIMAL_PLAN)
    before = sorted(
        (p.relative_to(tmp_path), p.stat().st_mtime_ns) for p in (tmp_path / "p").rglob("*") if "site" not in p.parts
    )
    build(cfg)
    after = sorted(
        (p.relative_to(tmp_path), p.stat().st_mtime_ns) for p in (tmp_path / "p").rglob("*") if "site" not in p.parts
    )
    assert before == after


def test_today_from_source_date_epoch(tmp_path, monkeypatch):
    cfg = make_project(tmp_path / "p", copy_plan=MINIMAL_PLAN, options={"today": None})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # 2027-01-15
    site = build(cfg)
    assert json.loads((site / "strategy" / "plan.json").read_text())["today"] == "2027-01-15"


def test_url_prefix_and_bad_option(tmp_path):
    cfg = make_project(tmp_path / "p", copy_plan=MINIMAL_PLAN, options={"url_prefix": "plan-site"})
    site = build(cfg)
    assert (site / "plan-site" / "goals" / "grow-instagram" / "index.html").is_file()
    bad = make_project(tmp_path / "q", copy_plan=MINIMAL_PLAN, options={"calendar_weeks": 0})
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=bad.parent, capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 1
    assert "calendar_weeks must be a whole number from 1 to 104" in result.stderr
    assert "Traceback" not in result.stderr


def test_frontmatter_values_are_escaped(build_site):
    files = {
        "team/ana.md": (
            '---\ntitle: "<script>alert(1)</script> [x](javascript:alert(2))"\n'
            "roles: ['<img src=x onerror=alert(3)>']\n---\n"
        ),
    }
    site = build_site(files, copy_plan=MINIMAL_PLAN)
    for rel in ("strategy/team/ana/index.html", "strategy/team/index.html", "strategy/goals/grow-instagram/index.html"):
        html = article(read(site, rel))
        assert "<script>alert(1)" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article(read(site, "strategy/team/ana/index.html"))


def test_wheel_ships_templates_and_builds_a_site_elsewhere(tmp_path):
    """`pip install .` (not editable): the templates come from inside the wheel."""
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)],
        check=True,
        timeout=300,
        capture_output=True,
    )
    wheel = next(dist.glob("smm_handbook-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "smm_docs_plugin/docs_templates/pages/entity.md.j2" in names
    assert "smm_docs_plugin/locales/en/LC_MESSAGES/smm.mo" in names  # compiled by hatch_build.py
    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        timeout=300,
        capture_output=True,
    )
    project = tmp_path / "elsewhere"
    make_project(project, copy_plan=MINIMAL_PLAN)
    env = dict(os.environ, PYTHONPATH=str(target), NO_MKDOCS_2_WARNING="1")
    probe = subprocess.run(
        [sys.executable, "-c", "import smm_docs_plugin.context as c; print(c.packaged_templates_dir())"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip().startswith(str(target))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "Grow Instagram" in (project / "site" / "strategy" / "goals" / "grow-instagram" / "index.html").read_text()


def test_example_handbook_builds_strict(tmp_path):
    shutil.copytree(REPO / "plan", tmp_path / "plan")
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    shutil.copytree(REPO / "media", tmp_path / "media")  # the example posts' images
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795305600")  # 2026-11-22
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "site"
    for entity in EXAMPLE_PLAN.rglob("*.md"):
        if entity.name == "mission.md":
            continue
        text = entity.read_text(encoding="utf-8")
        if re.search(r"^internal:\s*true", text, re.MULTILINE):
            continue
        section, id = entity.parent.name, entity.stem
        assert (site / "strategy" / section / id / "index.html").is_file(), f"{section}/{id}"


def test_links_work_without_directory_urls(build_site):
    site = build_site(
        copy_plan=MINIMAL_PLAN, config={"use_directory_urls": False}, docs={"index.md": "# Home\n\n[[team/ana]]\n"}
    )
    initiative = article(read(site, "strategy/initiatives/launch-reels.html"))
    assert '<a href="../goals/grow-instagram.html">Grow Instagram</a>' in initiative
    assert '<a href="../team/ana.html">Ana Lopez</a>' in initiative
    index = article(read(site, "strategy/initiatives/index.html"))
    assert 'href="launch-reels.html"' in index
    overview = article(read(site, "strategy/index.html"))
    assert 'href="goals/index.html"' in overview
    assert '<a href="strategy/team/ana.html">Ana Lopez</a>' in article(read(site, "index.html"))
