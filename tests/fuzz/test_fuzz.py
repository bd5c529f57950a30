"""The fuzzer in CI size: a fixed seed, a few dozen mutants of the example plan (issue #14).

Each mutant is checked with ``smm check``; when the check passes, both audiences are built
with real MkDocs + Material. Zero tracebacks, zero hangs, zero check/build disagreements.
The full run (1,000+ mutants) is ``benchmarks/fuzz.py``; its figures are in BENCHMARKS.md.
"""

from __future__ import annotations

from .mutator import fuzz

#: Seed and count chosen so that both passing and failing mutants occur (see the assertions).
SEED = 1914
COUNT = 20


def test_mutants_of_the_example_never_crash_hang_or_disagree():
    summary = fuzz(COUNT, SEED)
    assert len(summary.outcomes) == COUNT
    passed = [o for o in summary.outcomes if o.check_passed]
    assert passed and len(passed) < COUNT, "the seed should give mutants that pass and that fail"
    assert all(set(o.builds) == {"team", "stakeholders"} for o in passed)
    assert not summary.tracebacks, "\n\n".join(o.name + "\n" + o.traceback for o in summary.tracebacks)
    assert not summary.hangs, [(o.name, o.timings) for o in summary.hangs]
    assert not summary.disagreements, [(o.name, o.check_passed, o.builds) for o in summary.disagreements]


def test_mutations_change_the_file_and_are_reproducible():
    import random

    from .mutator import REPO, mutate

    text = (REPO / "plan" / "goals" / "instagram-de-followers.md").read_text(encoding="utf-8")
    first = [mutate(text, random.Random(7)) for _ in range(2)]
    assert first[0] == first[1]
    changed = [mutate(text, random.Random(seed)) for seed in range(50)]
    assert sum(new != text for new, _ in changed) >= 45
    assert {what.split(" ")[0] for _, what in changed} >= {"delete", "duplicate", "rename", "indent"}
