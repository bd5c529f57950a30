"""Load + validate + resolve time of a synthetic plan (issue 2's target: < 1 s at 1,000 initiatives).

    .venv/bin/python benchmarks/bench_load.py [--initiatives 1000] [--repeat 5]

Prints the best of several cold runs (the parse cache cleared each time) and a warm run (what
`mkdocs serve` pays after one edit: unchanged files come from the cache), side by side.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate

from smm_docs_plugin import loader


def run(plan: Path, cold: bool) -> float:
    if cold:
        loader._cache.entries.clear()
    started = time.perf_counter()
    loader.load_plan(plan, today=date(2027, 6, 1))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--initiatives", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        plan = generate(Path(tmp), args.initiatives)
        files = sum(1 for _ in plan.rglob("*.md"))
        cold = min(run(plan, cold=True) for _ in range(args.repeat))
        warm = min(run(plan, cold=False) for _ in range(args.repeat))
    print(f"plan: {args.initiatives} initiatives, {files} files")
    print(f"load+validate+resolve, cold: {cold:.3f} s  ({cold / files * 1000:.2f} ms per file)")
    print(f"load+validate+resolve, warm (serve rebuild): {warm:.3f} s  (warm/cold = {warm / cold:.2f})")
    print(f"target < 1 s at 1,000 initiatives: {'met' if cold < 1.0 or args.initiatives != 1000 else 'NOT met'}")


if __name__ == "__main__":
    main()
