"""The golden corpus of broken plans: each case is a data file (tests/golden/errors/*.yml) that
overlays the minimal plan with a mistake and lists the exact file, line and message expected."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from smm_docs_plugin.cli import main

from .conftest import MINIMAL_PLAN, REPO, make_project

CASES = sorted((Path(__file__).parent / "golden" / "errors").glob("*.yml"))


def materialise(case: dict, root: Path) -> Path:
    plan = root / "plan"
    shutil.copytree(MINIMAL_PLAN, plan)
    for rel in case.get("delete", []):
        (plan / rel).unlink()
    for rel, text in (case.get("files") or {}).items():
        path = plan / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for rel, hexdata in (case.get("files_hex") or {}).items():
        (plan / rel).write_bytes(bytes.fromhex(hexdata))
    for rel, target in (case.get("symlinks") or {}).items():
        os.symlink(target, plan / rel)
    for rel, spec in (case.get("files_generated") or {}).items():
        # Large files are described, not stored: head + repeat * times + tail.
        text = spec.get("head", "") + spec["repeat"] * spec["times"] + spec.get("tail", "")
        (plan / rel).parent.mkdir(parents=True, exist_ok=True)
        (plan / rel).write_text(text, encoding="utf-8")
    for rel in case.get("fifos", []):
        os.mkfifo(plan / rel)
    for rel in case.get("sockets", []):
        _bind_socket(plan / rel)
    return plan


def _bind_socket(path: Path) -> None:
    """A Unix socket file at ``path`` (bound from its folder: socket paths are short)."""
    import socket

    here = os.getcwd()
    os.chdir(path.parent)
    try:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(path.name)
    finally:
        os.chdir(here)


def expectations(case: dict) -> list[tuple[str, str, str]]:
    found = []
    for item in case["expect"]:
        severity = "error" if "error" in item else "warning"
        found.append((item["at"], severity, item[severity]))
    return found


def test_corpus_is_large_enough():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_broken_plan_reports_file_line_and_message(case_file, tmp_path, monkeypatch, capsys):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    materialise(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    code = main(["check", "plan", "--today", "2027-03-10"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1, out
    for line in out:  # every line is path:line: severity: message
        assert re.match(r"plan/[^:]+:\d+: (error|warning): \S", line), line
    for at, severity, message in expectations(case):
        prefix = f"{at}: {severity}: " if at.count(":") else f"{at}"
        matching = [l for l in out if l.startswith(prefix) and message in l]
        assert matching, f"expected {prefix!r} … {message!r} in:\n" + "\n".join(out)
    if case.get("only"):  # nothing else is reported: no echo of the same mistake elsewhere
        assert len(out) == len(case["expect"]), "\n".join(out)


@pytest.mark.parametrize("name", ["yaml-bomb", "unsafe-tag", "invalid-utf8", "dependency-cycle"])
def test_cli_never_prints_a_traceback(name, tmp_path):
    case = yaml.safe_load((Path(__file__).parent / "golden" / "errors" / f"{name}.yml").read_text(encoding="utf-8"))
    materialise(case, tmp_path)
    marker = Path("/tmp/smm-pwned")
    marker.unlink(missing_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", "smm_docs_plugin.cli", "check", "plan", "--today", "2027-03-10"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "plan/" in result.stdout
    assert not marker.exists(), "an unsafe YAML tag was executed"


def test_github_annotations(tmp_path, monkeypatch, capsys):
    case = yaml.safe_load(
        (Path(__file__).parent / "golden" / "errors" / "dangling-reference.yml").read_text(encoding="utf-8")
    )
    materialise(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "plan", "--format", "github", "--today", "2027-03-10"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        "::error file=plan/goals/grow-instagram.md,line=7::owner: unknown team member 'anna'; did you mean 'ana'?"
        in out
    )


def test_valid_plan_checks_clean(tmp_path, monkeypatch, capsys):
    shutil.copytree(MINIMAL_PLAN, tmp_path / "plan")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "plan", "--today", "2027-03-10"]) == 0
    assert capsys.readouterr().out == ""


def test_example_plan_has_no_errors(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    assert main(["check", "plan", "--today", "2026-11-22"]) == 0
    assert ": error: " not in capsys.readouterr().out


def test_mkdocs_build_stops_with_the_same_messages_and_writes_nothing(tmp_path):
    case = yaml.safe_load(
        (Path(__file__).parent / "golden" / "errors" / "wrong-section-reference.yml").read_text(encoding="utf-8")
    )
    root = tmp_path / "project"
    materialise(case, root)
    make_project(root)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    good = (root / "plan" / "initiatives" / "launch-reels.md").read_text(encoding="utf-8")
    (root / "plan" / "initiatives" / "launch-reels.md").write_text(
        (MINIMAL_PLAN / "initiatives" / "launch-reels.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    first = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, timeout=120, env=env
    )
    assert first.returncode == 0, first.stderr
    before = sorted(p.relative_to(root) for p in (root / "site").rglob("*"))
    (root / "plan" / "initiatives" / "launch-reels.md").write_text(good, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 1
    assert "plan/initiatives/launch-reels.md:3: error: goal: unknown goal 'instagram'" in result.stderr
    assert "Traceback" not in result.stderr
    # The previous site is left as it was: nothing is written (or deleted) half-way.
    assert sorted(p.relative_to(root) for p in (root / "site").rglob("*")) == before


def test_warnings_fail_a_strict_build(tmp_path):
    case = yaml.safe_load(
        (Path(__file__).parent / "golden" / "errors" / "unknown-field.yml").read_text(encoding="utf-8")
    )
    root = tmp_path / "project"
    materialise(case, root)
    (root / "plan" / "team" / "ana.md").write_text("---\ntitle: Ana Lopez\n---\n", encoding="utf-8")
    make_project(root)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    loose = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, timeout=120, env=env
    )
    assert loose.returncode == 0, loose.stderr
    assert "plan/goals/grow-instagram.md:6: warning: unknown field 'dedline'; did you mean 'deadline'?" in loose.stderr
    strict = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert strict.returncode == 1


def test_a_file_name_ending_in_a_newline_is_not_an_id(tmp_path, monkeypatch, capsys):
    shutil.copytree(MINIMAL_PLAN, tmp_path / "plan")
    (tmp_path / "plan" / "team" / "bea\n.md").write_text("---\ntitle: Bea\n---\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "plan", "--today", "2027-03-10"]) == 1
    assert capsys.readouterr().out.startswith("plan/team/bea\\n.md:1: error: invalid id 'bea\\n'")


def test_a_bad_source_date_epoch_is_a_clean_error(tmp_path, monkeypatch, capsys):
    shutil.copytree(MINIMAL_PLAN, tmp_path / "plan")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    assert main(["check", "plan"]) == 1
    assert capsys.readouterr().out == "SOURCE_DATE_EPOCH: error: must be a whole number of seconds, got 'abc'\n"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("lei", "; did you mean 'RON'?"),
        ("Lei", "; did you mean 'RON'?"),
        ("лева", "; did you mean 'BGN'? (Bulgaria uses 'EUR' since 2026)"),
        ("BGN лева", "; did you mean 'BGN'? (Bulgaria uses 'EUR' since 2026)"),
        ("euro", "; did you mean 'EUR'?"),
        ("€", "; did you mean 'EUR'?"),
        ("zł", "; did you mean 'PLN'?"),
        ("EURO", "; did you mean 'EUR'?"),
        ("ron", "; did you mean 'RON'?"),
        ("dinheiro", ""),
    ],
)
def test_a_currency_written_as_people_say_it_suggests_its_code(written, hint, tmp_path, monkeypatch, capsys):
    """Local names and symbols (CLDR's, in the shipped languages and the currency's own
    countries'), never a code that only looks alike: 'lei' is not Sierra Leone's SLE."""
    shutil.copytree(MINIMAL_PLAN, tmp_path / "plan")
    mission = tmp_path / "plan" / "mission.md"
    mission.write_text(mission.read_text(encoding="utf-8").replace("currency: EUR", f"currency: {written}"), "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "plan", "--today", "2027-03-10"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"plan/mission.md:7: error: currency: unknown ISO 4217 code '{written}'{hint}"
    ]


def test_mkdocs_build_gives_the_same_local_hints(tmp_path):
    """The hints are the plan's messages, so `mkdocs build` prints them as `smm check` does."""
    root = tmp_path / "project"
    make_project(root, copy_plan=MINIMAL_PLAN)
    mission = root / "plan" / "mission.md"
    text = mission.read_text(encoding="utf-8").replace("currency: EUR", "currency: lei")
    mission.write_text(text.replace("timezone: Europe/Berlin", "timezone: București"), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 1
    assert "plan/mission.md:7: error: currency: unknown ISO 4217 code 'lei'; did you mean 'RON'?" in result.stderr
    assert (
        "plan/mission.md:8: error: timezone: unknown IANA time zone 'București'; did you mean 'Europe/Bucharest'?"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_holiday_codes_are_the_ones_the_holidays_package_lists(tmp_path, monkeypatch, capsys):
    """The check reads the holidays package's registry instead of importing every country: it
    accepts exactly the codes ``holidays.list_supported_countries()`` gives (aliases too), each
    with its subdivision codes, and nothing else (codes are read in any case, so the few
    subdivisions the package lists by name, such as BE "Flemish", are not codes here)."""
    import holidays

    supported = holidays.list_supported_countries()
    good = sorted(supported) + sorted(f"{c}-{s}" for c, subs in supported.items() for s in subs[:3] if s == s.upper())
    bad = ["XX", "ZZ-1", "RO-ZZ", "DE-BY-X", "-", "U S"]
    bad += [f"{c}-Q9" for c in sorted(supported)[:40]]
    shutil.copytree(MINIMAL_PLAN, tmp_path / "plan")
    mission = tmp_path / "plan" / "mission.md"
    text = mission.read_text(encoding="utf-8")
    codes = ", ".join(f'"{code}"' for code in good + bad)
    mission.write_text(text.replace("---\n", f"---\nholidays: [{codes}]\n", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "plan", "--today", "2027-03-10"]) == 1
    refused = re.findall(r"unknown country or subdivision code '([^']*)'", capsys.readouterr().out)
    assert refused == [code.upper() for code in bad]
