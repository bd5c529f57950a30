"""``smm diff``: a real git repository, two commits, and the plain-language report a reviewer reads."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from smm_docs_plugin.cli import main
from smm_docs_plugin.diff import compare_plans, diff_revisions, money
from smm_docs_plugin.loader import load_plan

from .conftest import MINIMAL_PLAN

TODAY = date(2027, 3, 10)
BUDGET_LINE = """\
---
title: Instagram ads
category: advertising
channel: instagram
planned: 300
---
"""


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def write(repo: Path, rel: str, text: str) -> None:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A handbook repository whose first commit holds the minimal plan plus a budget line."""
    root = tmp_path / "handbook"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shutil.copytree(MINIMAL_PLAN, root / "plan")
    write(root, "plan/budget/instagram-ads.md", BUDGET_LINE)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "plan")
    return root


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def test_moved_end_date_and_budget_change_with_horizon_total(repo: Path) -> None:
    # launch-reels: 4w from 2027-02-01 ends 2027-02-28; 6w ends 2027-03-14.
    edit(repo, "plan/initiatives/launch-reels.md", "duration: 4w", "duration: 6w")
    # 300 → 450 a month over the six horizon months: 1,800 → 2,700 (+900).
    edit(repo, "plan/budget/instagram-ads.md", "planned: 300", "planned: 450")
    edit(repo, "plan/goals/grow-instagram.md", "target: 2000", "target: 2500")
    edit(repo, "plan/initiatives/launch-reels.md", "status: in-progress", "status: done")
    commit(repo, "more reels")

    report, code = diff_revisions("HEAD~1", "HEAD", Path("plan"), cwd=repo, today=TODAY)
    assert code == 0
    assert "Initiative **Launch reels**: end 2027-02-28 → 2027-03-14 (+14 days)" in report
    assert "| Instagram ads | €1,800.00 | €2,700.00 | +€900.00 |" in report
    assert "| *Advertising* | €1,800.00 | €2,700.00 | +€900.00 |" in report  # the budget page's category word
    assert "| **Total** | €1,800.00 | €2,700.00 | +€900.00 |" in report
    assert "Budget planned over the horizon (2027-01 to 2027-06)" in report
    assert "Goal **Grow Instagram**: target 2,000 → 2,500" in report
    assert "Initiative **Launch reels**: status In progress → Done" in report  # the pages' status words
    # The duration itself is reported as an ordinary change, not as a date.
    assert "Initiative **Launch reels**: changed: duration" in report


def test_added_removed_renamed_and_task_changes(repo: Path) -> None:
    git(repo, "mv", "plan/budget/instagram-ads.md", "plan/budget/ig-ads.md")  # same content, new id
    write(repo, "plan/team/ben.md", "---\ntitle: Ben Ortiz\n---\n")
    write(repo, "plan/reviews/kickoff.md", "---\ntitle: Kickoff\ndate: 2027-01-04\n---\n")
    commit(repo, "reshuffle")
    git(repo, "rm", "-q", "plan/reviews/kickoff.md")
    edit(repo, "plan/initiatives/launch-reels.md", "due: 2027-02-10, status: done", "due: 2027-02-12, status: review")
    commit(repo, "tasks")

    report, code = diff_revisions("HEAD~2", "HEAD", Path("plan"), cwd=repo, today=TODAY)
    assert code == 0
    assert "1 added, 0 removed, 1 renamed." in report
    assert "- Team member **Ben Ortiz**: new in `team/ben`" in report
    assert "- Budget line **Instagram ads**: `budget/instagram-ads` → `budget/ig-ads`" in report
    assert "task “Script five reels” due 2027-02-10 → 2027-02-12 (+2 days)" in report
    assert "task “Script five reels” status Done → In review" in report
    assert "Budget planned" not in report  # a rename moves no money

    git(repo, "mv", "plan/team/ben.md", "plan/team/benjamin.md")
    edit(repo, "plan/team/benjamin.md", "Ben Ortiz", "Ben Ortiz Jr")
    commit(repo, "full name")
    renamed, _ = diff_revisions("HEAD~1", "HEAD", Path("plan"), cwd=repo, today=TODAY)
    assert "- Team member **Ben Ortiz Jr**: `team/ben` → `team/benjamin`" in renamed
    assert "- Team member **Ben Ortiz Jr**: title “Ben Ortiz” → “Ben Ortiz Jr”" in renamed

    removed, _ = diff_revisions("HEAD~2", "HEAD~1", Path("plan"), cwd=repo, today=TODAY)
    assert "- Review **Kickoff**: was `reviews/kickoff`" in removed


def test_no_change_and_a_broken_head(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, "docs/index.md", "# Handbook\n")
    commit(repo, "docs only")
    monkeypatch.chdir(repo)
    assert main(["diff", "HEAD~1"]) == 0
    assert "No change to the plan." in capsys.readouterr().out

    edit(repo, "plan/goals/grow-instagram.md", "owner: ana", "owner: nobody")
    commit(repo, "broken")
    assert main(["diff", "HEAD~1", "HEAD", "--plan-dir", "plan"]) == 1
    out = capsys.readouterr().out
    assert "has errors" in out
    assert "plan/goals/grow-instagram.md:" in out and "nobody" in out

    assert main(["diff", "no-such-revision"]) == 2
    assert "smm diff:" in capsys.readouterr().err


def test_diff_from_a_subfolder_and_a_plan_added_by_the_change(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "site").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    write(root, "README.md", "hello\n")
    commit(root, "empty")
    shutil.copytree(MINIMAL_PLAN, root / "site" / "plan")
    commit(root, "plan")
    report, code = diff_revisions("HEAD~1", "HEAD", Path("plan"), cwd=root / "site", today=TODAY)
    assert code == 0
    assert "- Goal **Grow Instagram**: new in `goals/grow-instagram`" in report
    assert "- Mission: new in `plan/mission.md`" in report


def test_titles_cannot_inject_markdown() -> None:
    before = load_plan(MINIMAL_PLAN, today=TODAY)
    after = load_plan(MINIMAL_PLAN, today=TODAY)
    after.sections["team"]["ana"].title = "[click](javascript:alert(1))"
    after.sections["team"]["ana"].capacity = Decimal(30)
    diff = compare_plans(before, after)
    text = " ".join(c.subject for c in diff.other)
    assert "](javascript" not in text and "\\[click\\]" in text


def test_money_is_signed_and_uses_the_plan_currency() -> None:
    assert money(Decimal(900), "EUR", signed=True) == "+€900.00"
    assert money(Decimal("-12.5"), "USD", signed=True) == "-$12.50"
    assert money(Decimal("0.10") + Decimal("0.20"), "EUR") == "€0.30"


def test_diff_money_keeps_cents_in_a_currency_without_minor_units():
    from decimal import Decimal

    from smm_docs_plugin.diff import money

    assert money(Decimal("33.33"), "JPY") == "¥33.33"
    assert money(Decimal(100), "JPY") == "¥100"
    assert money(Decimal(900), "EUR", signed=True) == "+€900.00"


def test_the_pr_comment_speaks_the_projects_language(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``theme.language`` of the project's mkdocs.yml (here a pseudo-English ``locales_dir``
    catalogue) words the whole report; ``--language`` chooses another one."""
    from .test_i18n_pseudo import leaks, plan_words, pseudo_catalogue

    pseudo_catalogue(repo / "locales")
    write(
        repo,
        "mkdocs.yml",
        "site_name: H\ntheme: {name: material, language: en}\nplugins: [{smm: {locales_dir: locales}}]\n",
    )
    commit(repo, "project")
    edit(repo, "plan/initiatives/launch-reels.md", "duration: 4w", "duration: 6w")
    edit(repo, "plan/budget/instagram-ads.md", "planned: 300", "planned: 450")
    edit(repo, "plan/initiatives/launch-reels.md", "status: in-progress", "status: done")
    edit(repo, "plan/initiatives/launch-reels.md", "due: 2027-02-10, status: done", "due: 2027-02-11, status: review")
    write(repo, "plan/team/ben.md", "---\ntitle: Ben Ortiz\n---\n")
    commit(repo, "changes")
    monkeypatch.chdir(repo)
    assert main(["diff", "HEAD~1"]) == 0
    report = capsys.readouterr().out
    assert "⟦What this change does to the plan" in report and "⟦+14 days⟧" in report and "⟦+1 day⟧" in report
    # `HEAD~1` and 6w are the reader's own; fields and statuses (in-progress) are named as the plan's YAML
    # (and the PR's diff) spells them.
    allowed = plan_words(repo / "plan") | {"head", "w", "end", "due", "status", "duration", "in", "progress"}
    assert [w for line in report.splitlines() for w in leaks(line, allowed)] == [], report

    assert main(["diff", "HEAD~1", "--language", "ja"]) == 0  # no catalogue: English
    assert "### What this change does to the plan" in capsys.readouterr().out


def test_a_romanian_comment_writes_numbers_amounts_and_quotes_as_the_site_does(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Romanian reviewer reads "2,000" as two: the comment writes numbers and amounts in the
    site's formats (theme.language, or the plugin's locale option) and titles in its quotes."""
    write(repo, "mkdocs.yml", "site_name: H\ntheme: {name: material, language: ro}\nplugins: [smm]\n")
    commit(repo, "project")
    edit(repo, "plan/goals/grow-instagram.md", "target: 2000", "target: 2500")
    edit(repo, "plan/budget/instagram-ads.md", "planned: 300", "planned: 450")
    edit(repo, "plan/initiatives/launch-reels.md", "due: 2027-02-10", "due: 2027-02-11")
    commit(repo, "changes")
    monkeypatch.chdir(repo)
    assert main(["diff", "HEAD~1"]) == 0
    report = capsys.readouterr().out
    assert "2.000 → 2.500" in report, report
    assert "| Instagram ads | 1.800,00\xa0EUR | 2.700,00\xa0EUR | +900,00\xa0EUR |" in report, report
    assert "„" in report and "“" not in report and "2,000" not in report and "€1,800" not in report, report

    # The plugin's locale option overrides the formats alone (Swiss grouping), not the words.
    write(
        repo, "mkdocs.yml", "site_name: H\ntheme: {name: material, language: ro}\nplugins: [{smm: {locale: de_CH}}]\n"
    )
    assert main(["diff", "HEAD~1"]) == 0
    swiss = capsys.readouterr().out
    assert "2’000 → 2’500" in swiss or "2'000 → 2'500" in swiss, swiss
    # --locale wins over both.
    assert main(["diff", "HEAD~1", "--locale", "en"]) == 0
    assert "2,000 → 2,500" in capsys.readouterr().out


CALENDAR_FILE = """\
---
title: Spring posts
channel: instagram
items:
  - {date: 2027-03-02, title: Tram reel, status: in-review}
---
"""


@pytest.mark.parametrize(
    ("language", "post", "initiative", "category"),
    [
        (
            "ro",
            "postarea „Tram reel” a trecut la Aprobat (era În verificare)",
            "Inițiativă **Launch reels**: status În lucru → Finalizat",
            "| *Publicitate* |",
        ),
        (
            "de",
            "Beitrag „Tram reel“ nach Freigegeben verschoben (vorher In Prüfung)",
            "Maßnahme **Launch reels**: status In Arbeit → Erledigt",
            "| *Werbung* |",
        ),
    ],
)
def test_the_pr_comment_names_statuses_and_categories_as_the_pages_do(
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    language: str,
    post: str,
    initiative: str,
    category: str,
) -> None:
    """A post's workflow step, an initiative's status and a budget category read in the
    language's own words (the words of the pages), never the YAML values."""
    write(repo, "plan/calendar/spring.md", CALENDAR_FILE)
    commit(repo, "calendar")
    edit(repo, "plan/calendar/spring.md", "status: in-review", "status: approved")
    edit(repo, "plan/initiatives/launch-reels.md", "status: in-progress", "status: done")
    edit(repo, "plan/budget/instagram-ads.md", "planned: 300", "planned: 450")
    commit(repo, "approved")
    monkeypatch.chdir(repo)
    assert main(["diff", "HEAD~1", "--language", language]) == 0
    report = capsys.readouterr().out
    assert post in report and initiative in report and category in report, report
    for raw in ("in-review", "approved", "in-progress", "done", "advertising"):
        assert raw not in report, (raw, report)
