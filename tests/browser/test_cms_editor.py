"""The web editor end to end: Decap CMS from the built team site, against Decap's local git
backend (``decap-server``, npm) on a temporary repository holding a copy of the example. Through
the forms: create a goal, move an initiative to ``done``, record a budget actual, add a calendar
post; each is saved and published through the editorial workflow (a ``cms/…`` branch merged
into ``main``). Then the files pass ``smm check`` and the rebuilt site shows the changes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page

from smm_docs_plugin import yamlsafe
from smm_docs_plugin.check import check_plan

from .conftest import free_port
from .example import REPO

DECAP_SERVER = Path(__file__).resolve().parent / "node_modules" / "decap-server" / "dist" / "index.js"
TODAY = "2026-10-12"


def _git(repo: Path, *args: str) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.org",
    )
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env=env).stdout


def _wait_for_http(url: str, process: subprocess.Popen, data: bytes | None = None) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{url} did not answer") from None
            time.sleep(0.1)


def _build(repo: Path, site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(repo / "mkdocs.yml"), "-d", str(site)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@dataclass
class Editor:
    repo: Path
    site: Path
    url: str


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """A git repository with the example plan, decap-server on it, and the team site served."""
    base = tmp_path_factory.mktemp("cms-e2e")
    repo = base / "repo"
    shutil.copytree(REPO / "plan", repo / "plan")
    shutil.copytree(REPO / "media", repo / "media")  # the example posts' images
    (repo / "docs").mkdir()
    (repo / "docs" / "index.md").write_text("# Handbook\n", encoding="utf-8")
    api_port, site_port = free_port(), free_port()
    api = f"http://127.0.0.1:{api_port}/api/v1"
    config = {
        "site_name": "Kaffeeklatsch handbook",
        "theme": {"name": "material"},
        "plugins": [
            "search",
            {"smm": {"today": TODAY, "cms": {"repo": "kaffeeklatsch/handbook", "local_backend": api}}},
        ],
    }
    (repo / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "The example plan")
    site = base / "site"
    _build(repo, site)

    env = dict(
        os.environ,
        MODE="git",
        GIT_REPO_DIRECTORY=str(repo),
        PORT=str(api_port),
        BIND_HOST="127.0.0.1",
        LOG_LEVEL="warn",
    )
    with open(base / "decap-server.log", "w") as log:
        server = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=log, stderr=subprocess.STDOUT)
        http = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(site_port), "--bind", "127.0.0.1", "--directory", str(site)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for_http(api, server, data=b'{"action": "info"}')
            _wait_for_http(f"http://127.0.0.1:{site_port}/admin/", http)
            yield Editor(repo, site, f"http://127.0.0.1:{site_port}/")
        finally:
            for process in (http, server):
                process.terminate()
                process.wait(timeout=10)


@pytest.fixture
def cms(browser: Browser, editor: Editor) -> Iterator[Page]:
    """Decap CMS, logged in to the local backend. Requests to other hosts are aborted."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route(re.compile(r"^(?!http://127\.0\.0\.1:\d+/)"), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("dialog", lambda dialog: dialog.accept())  # "publish this entry?"
    page.goto(editor.url + "admin/")
    page.get_by_role("button", name="Login").click()
    page.get_by_role("link", name="Goals").first.wait_for()
    yield page
    context.close()


def _open(page: Page, editor: Editor, route: str) -> None:
    page.goto(editor.url + "admin/#/" + route)
    page.get_by_label("Title", exact=True).first.wait_for()


def _choose(page: Page, label: str, option: str, nth: int = 0) -> None:
    """A select or relation widget (react-select): type, then pick the option."""
    field = page.get_by_label(label, exact=True).nth(nth)
    field.click()
    field.fill(option)
    page.get_by_role("option", name=option, exact=True).first.click()


def _save_and_publish(page: Page) -> None:
    """Save (a cms/… branch), mark it ready, publish it now (merged into main)."""
    page.get_by_role("button", name="Save").click()
    status = page.get_by_role("button", name=re.compile("^Status: "))
    status.wait_for()
    status.click()
    page.get_by_role("menuitem", name="Ready").click()
    page.get_by_role("button", name=re.compile("^Status: Ready")).wait_for()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_role("menuitem", name="Publish now").click()
    page.get_by_text("Entry published").first.wait_for()


def _on_main(editor: Editor, path: str) -> dict:
    """A file's frontmatter on main, read as the handbook reads it (Decap writes YAML 1.2:
    ``time: 19:00`` unquoted is text there and here, not YAML 1.1's base-60 number)."""
    text = _git(editor.repo, "show", f"main:plan/{path}")
    return yamlsafe.load(text.split("---\n")[1]).data


def test_create_a_goal(cms: Page, editor: Editor):
    _open(cms, editor, "collections/goals/new")
    cms.get_by_label("Title", exact=True).fill("Grow LinkedIn reach")
    _choose(cms, "Type", "Awareness")  # the pages' word; the file stores awareness
    cms.get_by_label("Metric", exact=True).fill("LinkedIn followers")
    cms.get_by_label("Target", exact=True).fill("1500")
    cms.get_by_label("Deadline", exact=True).fill("2027-05-31")
    _choose(cms, "Owner", "Mara Schulz")
    _save_and_publish(cms)
    goal = _on_main(editor, "goals/grow-linkedin-reach.md")
    assert goal["type"] == "awareness" and goal["owner"] == "mara-schulz" and str(goal["target"]) == "1500"
    assert str(goal["deadline"]) == "2027-05-31"
    assert "start" not in goal and "review_by" not in goal  # empty fields are left out, not ""


def test_move_an_initiative_to_done(cms: Page, editor: Editor):
    assert _on_main(editor, "initiatives/community-inbox.md")["status"] == "review"
    _open(cms, editor, "collections/initiatives/entries/community-inbox")
    _choose(cms, "Status (optional)", "Done")  # the first: the initiative's, before its tasks'
    _save_and_publish(cms)
    assert _on_main(editor, "initiatives/community-inbox.md")["status"] == "done"


def test_record_a_budget_actual(cms: Page, editor: Editor):
    _open(cms, editor, "collections/budget/entries/meta-ads")
    months = cms.get_by_label("November 2026 (optional)", exact=True)  # stored as 2026-11
    assert months.count() == 2  # planned, then actual
    months.nth(1).fill("812.35")
    _save_and_publish(cms)
    line = _on_main(editor, "budget/meta-ads.md")
    assert str(line["actual"]["2026-11"]) == "812.35" and str(line["actual"]["2026-07"]) == "312.4"
    assert str(line["planned"]["2026-11"]) == "900"


def test_add_a_calendar_post(cms: Page, editor: Editor):
    _open(cms, editor, "collections/calendar/new")
    cms.get_by_label("Title", exact=True).fill("Autumn brewing posts")
    cms.get_by_role("button", name=re.compile("Add post", re.IGNORECASE)).click()  # the items are posts
    cms.get_by_label("Date", exact=True).last.fill("2026-10-20")
    cms.get_by_label("Time (optional)", exact=True).last.fill("19:00")
    cms.get_by_label("Title", exact=True).last.fill("Pour-over in five steps")
    _choose(cms, "Channel (optional)", "Instagram (DE)", nth=1)
    _save_and_publish(cms)
    post = _on_main(editor, "calendar/autumn-brewing-posts.md")["items"][0]
    assert post["title"] == "Pour-over in five steps" and post["channel"] == "instagram"
    assert str(post["date"]) == "2026-10-20" and post["time"] == "19:00"


def test_the_saved_plan_passes_smm_check_and_the_site_shows_the_changes(editor: Editor, tmp_path: Path):
    """Runs after the four edits above (pytest keeps the file's order)."""
    _git(editor.repo, "checkout", "-q", "main")
    assert not [p for p in check_plan(editor.repo / "plan", today=TODAY) if p.severity == "error"]
    branches = _git(editor.repo, "branch", "--format=%(refname:short)").split()
    assert branches == ["main"]  # every cms/… branch was merged and removed on publishing
    site = tmp_path / "site"
    _build(editor.repo, site)
    plan = json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    assert plan["goals"]["grow-linkedin-reach"]["title"] == "Grow LinkedIn reach"
    assert plan["initiatives"]["community-inbox"]["status"] == "done"
    assert plan["budget"]["meta-ads"]["actual"]["2026-11"] in ("812.35", 812.35)
    goal_page = (site / "strategy" / "goals" / "grow-linkedin-reach" / "index.html").read_text(encoding="utf-8")
    assert "LinkedIn followers" in goal_page
    calendar = (site / "strategy" / "calendar" / "index.html").read_text(encoding="utf-8")
    assert "Pour-over in five steps" in calendar
