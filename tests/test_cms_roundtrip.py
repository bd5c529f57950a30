"""Round trip through the web editor: every example plan file, read and saved the way Decap CMS
does (its own YAML libraries, run with node), still passes ``smm check`` and means the same:
the built ``plan.json`` is byte-identical."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import yaml

from smm_docs_plugin.check import check_plan
from smm_docs_plugin.cms import CmsSettings, decap_config
from smm_docs_plugin.loader import load_plan

from .conftest import EXAMPLE_PLAN, build, make_project

BROWSER = Path(__file__).resolve().parent / "browser"
SCRIPT = BROWSER / "decap_frontmatter.js"


def decap_save(files: dict[str, str], fields: dict[str, list[str]]) -> dict[str, str]:
    """``{path: text}`` as Decap CMS saves each file after opening it (no field changed)."""
    payload = {"files": [{"path": path, "text": text, "fields": fields[path]} for path, text in files.items()]}
    result = subprocess.run(
        ["node", str(SCRIPT)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=BROWSER,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _field_order(plan_dir: Path) -> dict[str, list[str]]:
    """The top-level field order Decap sorts keys by: the collection's fields in config.yml."""
    plan = load_plan(plan_dir, today=None, audience="team")
    config = decap_config(CmsSettings(repo="o/n"), plan.months, plan_path="plan", language="en")
    order: dict[str, list[str]] = {}
    for collection in config["collections"]:
        fields = collection["files"][0]["fields"] if "files" in collection else collection["fields"]
        order[collection["name"]] = [f["name"] for f in fields]
    return order


def test_every_example_file_saved_by_the_editor_means_the_same(tmp_path: Path):
    order = _field_order(EXAMPLE_PLAN)
    originals = {
        p.relative_to(EXAMPLE_PLAN).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(EXAMPLE_PLAN.rglob("*.md"))
    }
    fields = {path: order["mission" if path == "mission.md" else path.split("/")[0]] for path in originals}
    saved = decap_save(originals, fields)
    assert set(saved) == set(originals)

    before = make_project(tmp_path / "before", copy_plan=EXAMPLE_PLAN)
    after = make_project(tmp_path / "after", copy_plan=EXAMPLE_PLAN)
    for path, text in saved.items():
        (after.parent / "plan" / path).write_text(text, encoding="utf-8")
    # Decap rewrites the YAML (its own quoting and indentation, comments dropped): the files differ…
    assert sum(saved[p] != originals[p] for p in originals) > 10

    # …and smm check finds the same as before (lines move with the keys), no error.
    def findings(root: Path) -> list[tuple[str, str, str]]:
        return sorted(
            (p.path.rsplit("plan/", 1)[-1], p.severity, p.message)
            for p in check_plan(root / "plan", today="2027-03-10")
        )

    assert [f for f in findings(after.parent) if f[1] == "error"] == []
    assert findings(after.parent) == findings(before.parent)

    # The same plan: plan.json (every entity, every computed value) is byte-identical.
    first = (build(before) / "strategy" / "plan.json").read_bytes()
    second = (build(after) / "strategy" / "plan.json").read_bytes()
    assert first == second


def test_values_keep_their_kind_through_the_editor(tmp_path: Path):
    """Dates stay dates, times stay HH:MM text, all-digit ids stay ids, amounts stay exact."""
    text = (
        "---\n"
        "title: Launch\n"
        "date: 2027-01-04\n"
        "items:\n"
        '  - {date: 2027-01-05, time: "09:30", title: "Post, with a comma", channel: "2027"}\n'
        "  - {date: 2027-01-06, time: '19:00', title: Evening, channel: 2027}\n"
        "planned: {2027-01: 0.10, 2027-02: 1234.50, 2027-03: 56.98}\n"
        "flag: yes\n"
        "# a comment the editor does not keep\n"
        "---\n"
        "Body with [[goals/x]] and a trailing line.\n"
    )
    saved = decap_save({"x.md": text}, {"x.md": ["title", "date", "items", "planned"]})["x.md"]
    data = yaml.safe_load(saved.split("---\n")[1])
    from smm_docs_plugin import yamlsafe

    loaded = yamlsafe.load(saved.split("---\n")[1]).data
    assert str(loaded["date"]) == "2027-01-04" and type(loaded["date"]).__name__ == "date"
    assert loaded["items"][0]["time"] == "09:30" and loaded["items"][1]["time"] == "19:00"
    assert loaded["items"][0]["channel"] == "2027"  # quoted stays text
    assert loaded["items"][0]["title"] == "Post, with a comma"
    assert [str(v) for v in loaded["planned"].values()] == ["0.1", "1234.5", "56.98"]  # same amounts
    assert data["flag"] in ("yes", True)
    assert "# a comment" not in saved  # documented: YAML comments are not kept
    assert saved.endswith("---\nBody with [[goals/x]] and a trailing line.\n")


def test_a_new_entry_written_by_the_editor_passes_smm_check(tmp_path: Path):
    """A goal as the form writes it (numbers as numbers, dates as text, ids from relations)."""
    root = tmp_path / "p"
    shutil.copytree(EXAMPLE_PLAN, root / "plan")
    shutil.copytree(EXAMPLE_PLAN.parent / "media", root / "media")  # the example posts' images
    node_input = {
        "title": "Grow LinkedIn",
        "type": "awareness",
        "metric": "LinkedIn followers",
        "baseline": 120,
        "target": 1500.5,
        "deadline": "2027-05-31",
        "owner": "mara-schulz",
        "channels": ["linkedin"],
        "actuals": [{"date": "2026-10-01", "value": 180}],
        "internal": False,
        "body": "Why we do it.\n",
    }
    script = (
        "const m=require('gray-matter'),y=require('yaml');"
        "const d=JSON.parse(process.argv[1]);const {body,...meta}=d;"
        "process.stdout.write(m.stringify(body,meta,{engines:{yaml:{stringify:(o)=>{const c=y.createNode(o);"
        "const doc=new y.Document();doc.contents=c;return doc.toString();},parse:(s)=>y.parse(s)}},language:'yaml'}));"
    )
    result = subprocess.run(
        ["node", "-e", script, json.dumps(node_input)],
        capture_output=True,
        text=True,
        cwd=BROWSER,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (root / "plan" / "goals" / "grow-linkedin.md").write_text(result.stdout, encoding="utf-8")
    problems = check_plan(root / "plan", today="2027-03-10")
    assert not [p for p in problems if p.severity == "error"], problems
    goal = load_plan(root / "plan", today="2027-03-10", audience="team").get("goals", "grow-linkedin")
    assert str(goal.target) == "1500.5" and str(goal.deadline) == "2027-05-31" and goal.owner == "mara-schulz"
