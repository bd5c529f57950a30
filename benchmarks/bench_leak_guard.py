"""What asking the Markdown engine costs (issue 14, "one notion of code"), side by side in one run.

    .venv/bin/python benchmarks/bench_leak_guard.py --before /tmp/before [--repeat 3]

``--before`` is a checkout of the code before the change (e.g. ``git worktree add /tmp/before
<commit>``); each build runs in a fresh process with ``PYTHONPATH`` pointing at one checkout.

1. ``smm check plan`` on the example handbook: CPU seconds before, after, ratio (target: under 1 s);
2. ``mkdocs build`` of the example's stakeholder site: CPU seconds before, after, ratio
   (parallel rendering spreads it over two processes; both are counted);
3. in one process: classifying every plan body and docs page of the example (cold cache), and
   the worst cases of one text: a 200 KB body with 2,000 passages, and one with 5,000 links.
Each figure is the best of ``--repeat`` alternating runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _timed(command: list[str], cwd: Path, code_dir: Path, **env: str) -> float:
    """CPU seconds (user + system) of the command: on a shared machine wall time mostly
    measures the neighbours."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(code_dir), **env)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, env=environment, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _project(root: Path) -> Path:
    for name in ("mkdocs.yml", "docs", "plan"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    return root


def side_by_side(before: Path, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = _project(Path(tmp))
        check = [PYTHON, "-m", "smm_docs_plugin.cli", "check", "plan", "--today", "2026-11-22"]
        build = [PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(Path(tmp) / "site")]
        for label, command, env in (
            ("smm check plan", check, {}),
            ("stakeholder mkdocs build", build, {"SMM_AUDIENCE": "stakeholders"}),
        ):
            best = {"before": float("inf"), "after": float("inf")}
            for _ in range(repeat):
                for name, code in (("before", before), ("after", REPO)):
                    best[name] = min(best[name], _timed(command, project, code, **env))
            print(
                f"{label:28s} CPU before {best['before']:.2f} s   after {best['after']:.2f} s   ratio "
                f"{best['after'] / best['before']:.2f}"
            )


def in_process() -> None:
    from smm_docs_plugin import markup
    from smm_docs_plugin.loader import read_plan
    from smm_docs_plugin.resolve import internal_marker_problems

    dialect = markup.dialect_of_mkdocs_yaml(REPO / "mkdocs.yml")
    loaded = read_plan(REPO / "plan")
    texts = [e.body for section in loaded.sections.values() for e in section.values()]
    texts += [loaded.mission.body] if loaded.mission else []
    texts += [p.read_text(encoding="utf-8") for p in (REPO / "docs").rglob("*.md")]
    asked = [t for t in texts if "<!--" in t or ("[[" in t and markup._CODE_OR_MARKUP.search(t))]
    markup._classify.cache_clear()
    markup._engine(dialect)  # the converter is built once per process
    start = time.perf_counter()
    for text in texts:
        markup.candidates(text, dialect)
    print(
        f"classify the example: {len(texts)} texts, {len(asked)} sent to the engine, {time.perf_counter() - start:.3f} "
        "s"
    )
    passages = "".join(
        f"Paragraph {i} with some words.\n<!-- internal -->\nSecret {i} text here.\n<!-- /internal -->\n\n"
        for i in range(2000)
    )
    links = "".join(f"See [[goals/goal-{i}]] and `[[team/x-{i}]]`.\n" for i in range(5000))
    for label, text in (("2,000 passages", passages), ("5,000 links", links)):
        markup._classify.cache_clear()
        start = time.perf_counter()
        internal_marker_problems(text, "x.md", 1, dialect)
        print(f"worst case, one body of {len(text) // 1024} KB with {label}: {time.perf_counter() - start:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="a checkout of the code before the change")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.before:
        side_by_side(args.before.resolve(), args.repeat)
    in_process()


if __name__ == "__main__":
    main()
