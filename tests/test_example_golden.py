"""The example handbook's generated output stays byte-identical unless a change means it.

Refactors (the section registry, the config module, the budget core) and the language work
promise that the example site does not change: the pages and files ``smm render`` writes for
both audiences (every generated Markdown page, ``budget.csv``, every ``.ics`` feed,
``plan.json``, stylesheets and scripts) are hashed and compared with
``tests/golden/example/manifest.json``, recorded on two days (a Wednesday inside the example's
horizon, and a day in another month so the rolling calendar shows other weeks).

``smm render`` is the plugin's own output, before MkDocs and Material turn it into HTML: the
comparison holds whichever Material release CI installs. When a change is meant to alter the
output, run ``scripts/update-golden`` and say why in the commit message.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "tests" / "golden" / "example" / "manifest.json"
DAYS = ("2026-12-02", "2027-03-17")
AUDIENCES = ("team", "stakeholders")


def _epoch(day: str) -> str:
    return str(int(datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp()) + 12 * 3600)


def render_example(out: Path, audience: str, day: str) -> dict[str, str]:
    """``smm render`` of the repository's example into ``out``: relative path → sha256."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": _epoch(day), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SMM_SHARE_KEY", None)
    env.pop("SMM_AUDIENCE", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "smm_docs_plugin.cli",
            "render",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "--audience",
            audience,
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def current_manifest(base: Path) -> dict[str, dict[str, str]]:
    return {
        f"{audience}@{day}": render_example(base / f"{audience}-{day}", audience, day)
        for audience in AUDIENCES
        for day in DAYS
    }


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("day", DAYS)
def test_example_output_is_unchanged(tmp_path: Path, audience: str, day: str) -> None:
    recorded = json.loads(MANIFEST.read_text(encoding="utf-8"))[f"{audience}@{day}"]
    now = render_example(tmp_path / "out", audience, day)
    added = sorted(set(now) - set(recorded))
    gone = sorted(set(recorded) - set(now))
    changed = sorted(p for p in set(now) & set(recorded) if now[p] != recorded[p])
    assert (added, gone, changed) == ([], [], []), (
        f"the example's {audience} output on {day} changed: added {added}, gone {gone}, changed {changed}; "
        "if the change is meant, run scripts/update-golden and say why in the commit message"
    )
    assert len(now) > 50  # every section's pages, the feeds, the CSV and plan.json


if __name__ == "__main__":  # scripts/update-golden
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        manifest = current_manifest(Path(tmp))
    MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{MANIFEST.relative_to(ROOT)}: {sum(len(v) for v in manifest.values())} files recorded")
