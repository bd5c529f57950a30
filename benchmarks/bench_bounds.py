"""Worst cases of one plan file for `smm check` (issue #14, "bounded work").

    .venv/bin/python benchmarks/bench_bounds.py [--repeat 3]

Each case adds one file at a limit of the loader to a copy of the example plan and times
`smm check` in this process (parse cache cleared), side by side with the unchanged example:
a file of 1,000,000 bytes (the size limit), a frontmatter of 20,000 values (the node limit),
one value of 100,000 characters (the field limit) and a body of 50 nested lists (the depth
limit). Files past each limit are refused before any work that grows with them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from smm_docs_plugin import loader
from smm_docs_plugin.check import check_plan
from smm_docs_plugin.yamlsafe import MAX_FIELD_CHARS, MAX_NODES

HEAD = "---\ntitle: Worst case\n"
CASES = {
    "unchanged example": None,
    "1,000,000-byte file (at the size limit)": HEAD
    + "---\n"
    + ("All work and no play. " * 45_500)[: loader.MAX_FILE_BYTES - len(HEAD) - 4],
    "1,100,000-byte file (over the limit)": HEAD + "---\n" + "x" * 1_100_000,
    f"{MAX_NODES - 10:,} values in the frontmatter": HEAD
    + "languages: ["
    + ", ".join(["de"] * (MAX_NODES - 10))
    + "]\n---\n",
    f"one value of {MAX_FIELD_CHARS:,} characters": HEAD + "summary: " + "w" * MAX_FIELD_CHARS + "\n---\n",
    f"{loader.MAX_BODY_NESTING} nested lists in the body": HEAD
    + "---\n"
    + "".join("  " * i + "- x\n" for i in range(loader.MAX_BODY_NESTING)),
}


def time_check(plan: Path) -> float:
    loader._cache.entries.clear()
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        check_plan(plan, "2027-03-10")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"| case | smm check (best of {args.repeat}) |")
    print("|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in CASES.items():
            plan = Path(tmp) / "plan"
            shutil.rmtree(plan, ignore_errors=True)
            shutil.copytree(REPO / "plan", plan)
            if text is not None:
                (plan / "personas" / "worst-case.md").write_text(text, encoding="utf-8")
            best = min(time_check(plan) for _ in range(args.repeat))
            print(f"| {name} | {best:.2f} s |")


if __name__ == "__main__":
    main()
