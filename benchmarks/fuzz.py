"""Fuzz the example handbook: mutate one plan file at a time, run ``smm check``, and when it
passes build both audiences (issue #14). Prints the counts that must all be zero and the
worst-case time of each step.

    .venv/bin/python benchmarks/fuzz.py [--count 1000] [--seed 14]

The mutations and the runner live in ``tests/fuzz/mutator.py`` (the test suite runs the same
code with a fixed seed and a smaller count).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from tests.fuzz.mutator import HANG_SECONDS, Outcome, Summary, fuzz


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--verbose", action="store_true", help="print every mutant")
    args = parser.parse_args()

    outcomes: list[Outcome] = []
    started = time.perf_counter()

    def progress(number: int, outcome: Outcome) -> None:
        outcomes.append(outcome)
        bad = outcome.traceback or outcome.hang or outcome.disagreement
        if args.verbose or bad:
            state = (
                "TRACEBACK"
                if outcome.traceback
                else "HANG"
                if outcome.hang
                else "DISAGREE"
                if outcome.disagreement
                else "ok"
            )
            print(
                f"{state:9} {outcome.name}  check={'pass' if outcome.check_passed else 'fail'} builds={outcome.builds}",
                flush=True,
            )
            if outcome.traceback:
                print(outcome.traceback, flush=True)
        if number % 50 == 49:
            done = outcomes[: number + 1]
            print(
                f"… {number + 1} mutants, {time.perf_counter() - started:.0f} s: check passed "
                f"{sum(o.check_passed for o in done)}, "
                f"tracebacks {sum(bool(o.traceback) for o in done)}, killed {sum(o.hang for o in done)}, "
                f"disagreements {sum(o.disagreement and not o.traceback for o in done)}",
                flush=True,
            )

    baseline: dict[str, float] = {}
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        summary = fuzz(args.count, args.seed, progress, baseline)
    except KeyboardInterrupt:
        # Stopped early (Ctrl-C or SIGTERM): report the mutants that ran.
        print("\nstopped before the requested count", flush=True)
        summary = Summary(outcomes, baseline)
    elapsed = time.perf_counter() - started
    passed = sum(o.check_passed for o in summary.outcomes)
    print(
        f"\nmutants: {len(summary.outcomes)} (seed {args.seed}) in {elapsed:.0f} s; check passed {passed}, failed "
        f"{len(summary.outcomes) - passed}"
    )
    print(f"tracebacks: {len(summary.tracebacks)}")
    print(f"hangs over {HANG_SECONDS:.0f} s: {len(summary.hangs)}")
    print(f"check/build disagreements: {len(summary.disagreements)}")
    for step in ("check", "build-team", "build-stakeholders"):
        seconds, name = summary.worst(step)
        print(
            f"worst {step}: {seconds:.2f} s ({name}); unchanged example {summary.baseline.get(step, 0):.2f} s, hang "
            f"limit {summary.limit(step):.1f} s"
        )
    return 1 if summary.tracebacks or summary.hangs or summary.disagreements else 0


if __name__ == "__main__":
    raise SystemExit(main())
