"""A seeded fuzzer for the example handbook: mutate one plan file, run ``smm check``, and when
it passes build both audiences; count tracebacks, hangs and check/build disagreements.

Used by ``benchmarks/fuzz.py`` (the full run, 1,000+ mutants) and by ``tests/fuzz/test_fuzz.py``
(a fixed seed, a CI-sized count). Each mutant runs in a forked child so that a hang is seen
(and killed) from the outside and a crash cannot poison the next mutant.
"""

from __future__ import annotations

import contextlib
import io
import logging
import multiprocessing
import os
import random
import re
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
TODAY = "2027-03-10"
#: A command that takes longer than this is a hang (issue #14: "zero hangs over 10 s").
HANG_SECONDS = 10.0
#: A child still running after this long is killed and counted as a hang.
KILL_AFTER_SECONDS = 300.0

#: Values that stress every layer: the model's bounds, YAML's readings, the renderers' maths.
EDGE_VALUES = [
    # numbers: huge, tiny, negative, non-finite, European and Indian habits
    "1e25",
    "99999999999999999999999999",
    "1e-30",
    "1e309",
    "-1e309",
    ".nan",
    ".inf",
    "-.inf",
    "-1",
    "0",
    "-0.0",
    "0.000001",
    "0.0000001",
    "999999999999999",
    "1000000000000000",
    "2.890",
    "1.234,50",
    "1,234.50",
    "2.890,75",
    "1_000",
    "0x1F",
    "0o17",
    "1e3",
    "12,00",
    # dates and times at the edges
    "9999-12-31",
    "9999-12-30",
    "0001-01-01",
    "1899-12-31",
    "1900-01-01",
    "2200-12-31",
    "2201-01-01",
    "2027-02-29",
    "2028-02-29",
    "2027-13-01",
    "2027-01-01 10:00",
    "2027-01",
    "2027-W01",
    "19.00",
    "7pm",
    "24:00",
    "23:59",
    "9999d",
    "0d",
    "1m",
    "99w",
    "1000m",
    # text: empty, long, unicode, markup
    "''",
    '""',
    "' '",
    "x" * 300,
    "ü" * 50,
    '"\\u202e\\u200b"',
    "'<script>alert(1)</script>'",
    "'{{ 7*7 }}'",
    "'[[goals/nope]]'",
    "'=1+1'",
    "în lucru",
    "erledigt",
    "wip",
    "doing",
    # wrong types and YAML tricks
    "true",
    "false",
    "null",
    "~",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "!!float abc",
    "!!binary aGk=",
    "&a x",
    "*a",
    "|",
    ">",
    "'unclosed",
    "[unclosed",
    "{unclosed",
    "-",
    ": x",
    "? x",
    "FREQ=SECONDLY",
    "FREQ=DAILY;COUNT=1000000000",
    "FREQ=HOURLY;COUNT=1000000000",
    "FREQ=WEEKLY;BYDAY=+9MO",
]

_KEY_LINE = re.compile(r"^(?P<indent>[ \t]*(?:- )?)(?P<key>[A-Za-z_][\w-]*):(?P<rest>.*)$")
_ITEM_LINE = re.compile(r"^(?P<indent>[ \t]*- )(?P<rest>.+)$")


@dataclass
class Outcome:
    """What happened to one mutant."""

    name: str
    check_passed: bool = False
    builds: dict[str, bool] = field(default_factory=dict)
    traceback: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    hang: bool = False

    @property
    def disagreement(self) -> bool:
        return any(built != self.check_passed for built in self.builds.values())


# --- mutations ---------------------------------------------------------------------------------


def _frontmatter_span(lines: list[str]) -> tuple[int, int]:
    """(first, last) index of the frontmatter lines between the two '---' lines."""
    if not lines or lines[0].strip() != "---":
        return 0, len(lines)
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return 1, index
    return 1, len(lines)


def mutate(text: str, rng: random.Random) -> tuple[str, str]:
    """One mutation of a plan file's text: (new text, what was done)."""
    lines = text.split("\n")
    first, last = _frontmatter_span(lines)
    candidates = [i for i in range(first, last) if lines[i].strip()]
    if not candidates:
        return text + "\n" + rng.choice(EDGE_VALUES), "append"
    index = rng.choice(candidates)
    line = lines[index]
    key_match = _KEY_LINE.match(line)
    kind = rng.choice(["value", "value", "value", "value", "delete", "duplicate", "rename", "indent", "flow"])
    if kind == "value" and key_match:
        value = rng.choice(EDGE_VALUES)
        lines[index] = f"{key_match['indent']}{key_match['key']}: {value}"
        what = f"{key_match['key']}: {value}"
    elif kind == "value" and _ITEM_LINE.match(line):
        value = rng.choice(EDGE_VALUES)
        lines[index] = f"{_ITEM_LINE.match(line)['indent']}{value}"  # type: ignore[index]
        what = f"item: {value}"
    elif kind == "delete":
        del lines[index]
        what = f"delete {line.strip()[:40]}"
    elif kind == "duplicate":
        lines.insert(index, line)
        what = f"duplicate {line.strip()[:40]}"
    elif kind == "rename" and key_match:
        new = rng.choice(["Internal", "titel", "dedline", "x", "private", "Title", "id", "body", "end_date", "status"])
        lines[index] = f"{key_match['indent']}{new}:{key_match['rest']}"
        what = f"rename {key_match['key']} -> {new}"
    elif kind == "indent":
        how = rng.choice(["  ", "\t", "dedent", " "])
        if how == "dedent":
            lines[index] = line.lstrip()
        else:
            lines[index] = how + line
        what = f"indent {how!r} {line.strip()[:40]}"
    else:
        # A value spliced into an inline mapping or list, where YAML's flow rules apply.
        value = rng.choice(EDGE_VALUES)
        lines[index] = line + f", {value}" if line.rstrip().endswith(("]", "}")) else f"{line} {value}"
        what = f"splice {value!r} into {line.strip()[:40]}"
    return "\n".join(lines), what


# --- running -----------------------------------------------------------------------------------


def _project(root: Path) -> Path:
    """A copy of the example project (plan, docs, media, mkdocs.yml with a fixed today)."""
    shutil.copytree(REPO / "plan", root / "plan")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "media", root / "media")  # the example posts' images (relative to mkdocs.yml)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("calendar_weeks: 6", f"calendar_weeks: 6\n      today: {TODAY}")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root / "mkdocs.yml"


def _timed(outcome: Outcome, name: str, action: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    try:
        return action()
    finally:
        outcome.timings[name] = time.perf_counter() - started


def _check(root: Path) -> bool:
    from smm_docs_plugin.cli import main

    out = io.StringIO()
    previous = os.getcwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = main(["check", "plan", "--today", TODAY])
    finally:
        os.chdir(previous)
    if code not in (0, 1):
        raise AssertionError(f"smm check exited {code}")
    return code == 0


def _build(config_file: Path, audience: str) -> bool:
    """A real MkDocs build; False on MkDocs' own clean stop, anything else propagates."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    os.environ["SMM_AUDIENCE"] = audience
    site = config_file.parent / f"site-{audience}"
    config = load_config(str(config_file), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
        return (site / "strategy" / "plan.json").is_file()
    except (Abort, PluginError):
        return False
    finally:
        config.plugins.on_shutdown()


def run_mutant(root: Path, rel: str, text: str, name: str) -> Outcome:
    """Check one mutant and build it when the check passes (in this process)."""
    outcome = Outcome(name)
    (root / "plan" / rel).write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    logging.disable(logging.CRITICAL)  # an aborted build logs every error; we only count
    try:
        outcome.check_passed = _timed(outcome, "check", lambda: _check(root))
        # A failed check must fail the build too: build one audience to see it does.
        audiences = ("team", "stakeholders") if outcome.check_passed else ("team",)
        for audience in audiences:
            outcome.builds[audience] = _timed(outcome, f"build-{audience}", lambda a=audience: _build(config, a))
    except BaseException:  # noqa: BLE001 - anything but MkDocs' clean stop is a traceback
        outcome.traceback = traceback.format_exc()
    finally:
        logging.disable(logging.NOTSET)
    return outcome


def _child(root: str, rel: str, text: str, name: str, sender: Any) -> None:
    sender.send(run_mutant(Path(root), rel, text, name))
    sender.close()


@dataclass
class Summary:
    outcomes: list[Outcome]
    #: Seconds each step takes on the unchanged example in the same run: on a busy machine a
    #: normal build alone may take several seconds, and a hang is time beyond that.
    baseline: dict[str, float] = field(default_factory=dict)

    @property
    def tracebacks(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.traceback]

    @property
    def hangs(self) -> list[Outcome]:
        return [
            o for o in self.outcomes if o.hang or any(seconds > self.limit(step) for step, seconds in o.timings.items())
        ]

    def limit(self, step: str) -> float:
        """Seconds after which a step counts as a hang: 10 s more than twice what the unchanged
        example took in this run (builds vary a lot from one to the next on a shared machine)."""
        return 2 * self.baseline.get(step, 0.0) + HANG_SECONDS

    @property
    def disagreements(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.disagreement and not o.traceback]

    def worst(self, step: str) -> tuple[float, str]:
        timed = [(o.timings[step], o.name) for o in self.outcomes if step in o.timings]
        return max(timed) if timed else (0.0, "")


def _in_child(context: Any, root: Path, rel: str, text: str, name: str) -> Outcome:
    """Run one mutant in a forked child; a child still busy after the limit is killed (a hang)."""
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(str(root), rel, text, name, sender))
    started = time.perf_counter()
    child.start()
    sender.close()
    outcome: Outcome | None = None
    try:
        if receiver.poll(KILL_AFTER_SECONDS):
            outcome = receiver.recv()
    except EOFError:
        outcome = None
    except BaseException:
        child.kill()  # stopped from outside (Ctrl-C): leave no child behind
        child.join()
        raise
    if outcome is None:
        alive = child.is_alive()
        if alive:
            child.kill()
        child.join()
        outcome = Outcome(
            name, hang=alive, traceback="" if alive else f"the child process died (exit code {child.exitcode})"
        )
        outcome.timings["total"] = time.perf_counter() - started
    else:
        child.join()
    receiver.close()
    return outcome


def fuzz(
    count: int,
    seed: int,
    progress: Callable[[int, Outcome], None] | None = None,
    baseline: dict[str, float] | None = None,
) -> Summary:
    """``count`` mutants of the example plan from ``seed``; each run in a forked child."""
    rng = random.Random(seed)
    files = sorted(p.relative_to(REPO / "plan").as_posix() for p in (REPO / "plan").rglob("*.md"))
    originals = {rel: (REPO / "plan" / rel).read_text(encoding="utf-8") for rel in files}
    # Import MkDocs, Material and the plugin once; every forked child starts warm.
    import mkdocs.commands.build  # noqa: F401

    import smm_docs_plugin.plugin  # noqa: F401

    context = multiprocessing.get_context("fork")
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="smm-fuzz-") as tmp:
        root = Path(tmp)
        _project(root)
        reference = _in_child(context, root, files[0], originals[files[0]], "the unchanged example")
        if reference.traceback or not reference.check_passed or not all(reference.builds.values()):
            raise RuntimeError(f"the unchanged example does not build: {reference.traceback or reference.builds}")
        if baseline is not None:
            baseline.update(reference.timings)
        for number in range(count):
            rel = rng.choice(files)
            text, what = mutate(originals[rel], rng)
            if rng.random() < 0.2:  # sometimes two mutations in one file
                text, more = mutate(text, rng)
                what += f" + {more}"
            outcome = _in_child(context, root, rel, text, f"#{number} {rel}: {what}")
            outcomes.append(outcome)
            (root / "plan" / rel).write_text(originals[rel], encoding="utf-8")
            if progress:
                progress(number, outcome)
    return Summary(outcomes, dict(reference.timings))
