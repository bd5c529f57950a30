"""The serial build path and `mkdocs serve` rebuilds (issue 16, "faster where it counts"),
every figure measured side by side in one run.

    .venv/bin/python benchmarks/bench_serial.py [--initiatives 1000] [--repeat 5] [--rebuilds 5]
                                                [--before /tmp/before]

1. builds of the same N-initiative plan, each `mkdocs build -q` in a fresh process, in rounds
   (each round runs every kind once, in a rotated order, so a burst of load from the neighbours
   falls on every kind alike):
   - plain: the very pages the plugin generates (written by `smm render`), plugin off;
   - plain, stashed: the same pages with their large HTML blocks marked, built with the
     plugin's Markdown extension (raw_html.py), plugin off: MkDocs' own work as in the plugin's
     build, so serial against it is the plugin's own cost;
   - serial: the plugin with `parallel: false` (everything in the build's own process);
   - parallel: the plugin with `parallel: true` (the default: a forked child renders);
   - with ``--before DIR`` (a checkout of the code before the change, e.g. ``git archive <commit>
     | tar -x -C /tmp/before``), the serial build of that code too.
   Printed: the median, fastest and slowest wall-clock seconds of each kind, the ratios of the
   medians to plain (targets: serial <= 1.20, parallel <= 1.10) and to plain stashed, and the
   median CPU seconds.
   With ``--instructions`` (valgrind installed), first each kind once under cachegrind: the
   instructions it executed, a ratio no neighbour's load moves.
2. a real `mkdocs serve` of the plugin project and one of the plain pages, both started on
   127.0.0.1 and left running side by side; in turns, one initiative's plan file is edited
   (plugin) and the same initiative's generated page is edited (plain), and the rebuild time
   MkDocs logs ("Documentation built in ...") is read, plus the seconds from the edit to the
   rebuild's "Reloading browsers". Printed: medians of each, and their ratios. (MkDocs' own
   DuplicateFilter drops a "Documentation built in" line equal to an earlier one, so rebuilds are
   counted by livereload's "Reloading browsers", and a rebuild whose figure was dropped counts by
   its edit-to-reload time only.)
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import ENV, PYTHON, make_project, write_plain_config

#: One line of `mkdocs serve`'s log per build.
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
RELOADED = "Reloading browsers"


#: A MkDocs hooks file for ``plain-stashed.yml``: Python-Markdown gets the plugin's extension
#: (``raw_html.RawHtmlBlocks``), so MkDocs' own work equals the plugin build's.
STASH_HOOK = """
from smm_docs_plugin.raw_html import RawHtmlBlocks
def on_config(config):
    config.markdown_extensions.append(RawHtmlBlocks("bench"))
"""


def write_stashed_config(project: Path) -> None:
    """``plain-stashed.yml``: ``plain.yml`` over the same pages with their large HTML blocks
    marked (``render_project(raw_html_mark=...)``) and the plugin's Markdown extension, the
    plugin off: the plain build as MkDocs does it inside the plugin's build. Serial against
    it is the plugin's own cost; plain against it is what the stash saves."""
    from smm_docs_plugin.engine import render_project

    render_project(project / "mkdocs.yml", project / "rendered-stashed", raw_html_mark="bench")
    (project / "stash_hook.py").write_text(STASH_HOOK, encoding="utf-8")
    config = (project / "plain.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: rendered\n", "docs_dir: rendered-stashed\n")
    config = config.replace("site_dir: site-plain\n", "site_dir: site-plain-stashed\n")
    (project / "plain-stashed.yml").write_text(config + "hooks:\n- stash_hook.py\n", encoding="utf-8")


def write_plugin_config(project: Path, name: str, parallel: bool) -> None:
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("smm: {", f"smm: {{parallel: {str(parallel).lower()}, ")
    (project / name).write_text(f"site_dir: site-{Path(name).stem}\n" + config, encoding="utf-8")


def timed_build(project: Path, config: str, code_dir: Path | None) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, the render child included) of one build."""
    env = dict(ENV, PYTHONPATH=str(code_dir)) if code_dir is not None else ENV
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [PYTHON, "-m", "mkdocs", "build", "-q", "-f", config], cwd=project, env=env, check=True, capture_output=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def builds(project: Path, repeat: int, before: Path | None) -> None:
    kinds: list[tuple[str, str, Path | None]] = [
        ("plain", "plain.yml", None),
        ("plain, stashed", "plain-stashed.yml", None),
        ("serial", "serial.yml", None),
        ("parallel", "parallel.yml", None),
    ]
    if before is not None:
        kinds.append(("serial, before", "serial.yml", before))
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in kinds}
    for round_ in range(repeat):
        shift = round_ % len(kinds)
        for name, config, code in kinds[shift:] + kinds[:shift]:
            runs[name].append(timed_build(project, config, code))
        print(
            f"    round {round_ + 1}: "
            + ", ".join(f"{name} {runs[name][-1][0]:.1f} s (CPU {runs[name][-1][1]:.1f} s)" for name, _, _ in kinds),
            flush=True,
        )
    plain = statistics.median(wall for wall, _ in runs["plain"])
    stashed = statistics.median(wall for wall, _ in runs["plain, stashed"])
    print(f"[1] builds of N={project.name}, {repeat} rounds (wall-clock seconds; CPU seconds incl. the render child):")
    for name, _, _ in kinds:
        walls = [wall for wall, _ in runs[name]]
        median = statistics.median(walls)
        cpu = statistics.median(cpu for _, cpu in runs[name])
        print(
            f"    {name:17s} median {median:6.1f} s (fastest {min(walls):.1f}, slowest {max(walls):.1f}, "
            f"spread {max(walls) / min(walls):.2f}x)  CPU {cpu:6.1f} s  -> ratio to plain {median / plain:.2f}, "
            f"to plain stashed {median / stashed:.2f}"
        )


#: cachegrind's summary line: the instructions one process executed.
INSTRUCTIONS = re.compile(r"I\s+refs:\s+([0-9,]+)")


def instruction_counts(project: Path) -> None:
    """Each kind built once under ``valgrind --tool=cachegrind --cache-sim=no`` (about 30 times
    slower; two at a time): the instructions executed, a figure the neighbours' load does not
    move (on a shared machine wall-clock time varies by 10-50 % from one build to the next). A
    forked render child reports its own summary; a kind's count is the sum of its processes."""
    kinds = [
        ("plain", "plain.yml"),
        ("plain, stashed", "plain-stashed.yml"),
        ("serial", "serial.yml"),
        ("parallel", "parallel.yml"),
    ]
    counts: dict[str, int] = {}
    for start in range(0, len(kinds), 2):
        running = []
        for name, config in kinds[start : start + 2]:
            command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
            command += [PYTHON, "-m", "mkdocs", "build", "-q", "-f", config]
            running.append((name, subprocess.Popen(command, cwd=project, env=ENV, stderr=subprocess.PIPE, text=True)))
        for name, process in running:
            _, err = process.communicate()
            if process.returncode != 0:
                raise RuntimeError(f"{name}: the build failed under valgrind:\n{err[-2000:]}")
            counts[name] = sum(int(found.replace(",", "")) for found in INSTRUCTIONS.findall(err))
    print(f"[0] instructions executed by one build of N={project.name} (cachegrind):")
    for name, _ in kinds:
        ratio = counts[name] / counts["plain"]
        note = "  (both processes: work, not time; the child's overlaps MkDocs')" if name == "parallel" else ""
        print(f"    {name:17s} {counts[name] / 1e9:8.2f} billion  -> ratio to plain {ratio:.3f}{note}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`mkdocs serve` of one configuration, its log read from a file."""

    def __init__(self, project: Path, config: str, log: Path) -> None:
        self.log = log
        with open(log, "w") as handle:
            self.process = subprocess.Popen(
                [PYTHON, "-m", "mkdocs", "serve", "-f", config, "-a", f"127.0.0.1:{free_port()}"],
                cwd=project,
                env=ENV,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )

    def builds(self) -> tuple[int, list[float]]:
        """How many builds finished (the first, then one "Reloading browsers" per rebuild) and the
        figures MkDocs logged (fewer when its DuplicateFilter dropped a repeated one)."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        figures = [float(x) for x in BUILT.findall(text)]
        return (text.count(RELOADED) + 1 if figures else 0), figures

    def wait_for_build(self, count: int, timeout: float = 3600) -> float | None:
        """Wait until build number ``count`` finished; its seconds as MkDocs measured them, or
        None when MkDocs dropped that line as a duplicate of an earlier figure."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            finished, figures = self.builds()
            if finished >= count:
                return figures[count - 1] if len(figures) == count else None
            if self.process.poll() is not None:
                raise RuntimeError(f"mkdocs serve stopped:\n{self.log.read_text()}")
            time.sleep(0.05)
        raise RuntimeError(f"no build {count} after {timeout} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        """Ctrl-C, as a user stops it: `mkdocs serve` then removes its temporary site folder."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            self.process.wait(timeout=60)


def serve_rebuilds(project: Path, rebuilds: int, tmp: Path) -> None:
    plan_file = project / "plan" / "initiatives" / "initiative-0.md"
    page = project / "rendered" / "strategy" / "initiatives" / "initiative-0.md"
    if not plan_file.is_file() or not page.is_file():
        raise SystemExit(f"expected {plan_file} and {page}")
    servers = {
        "plugin": Server(project, "parallel.yml", tmp / "serve-plugin.log"),
        "plain": Server(project, "plain.yml", tmp / "serve-plain.log"),
    }
    edited = {"plugin": plan_file, "plain": page}
    originals = {name: path.read_text(encoding="utf-8") for name, path in edited.items()}
    logged: dict[str, list[float]] = {name: [] for name in servers}
    waited: dict[str, list[float]] = {name: [] for name in servers}
    try:
        first = {name: server.wait_for_build(1) for name, server in servers.items()}
        time.sleep(2)  # the watchers start after the first build
        for round_ in range(rebuilds):
            for name, server in servers.items():
                # The initiative's title, changed in its plan file or on its page (first line).
                text = originals[name].replace("Initiative 0", f"Initiative 0 edit {round_}", 1)
                edited[name].write_text(text, encoding="utf-8")
                start = time.monotonic()
                figure = server.wait_for_build(round_ + 2)
                waited[name].append(time.monotonic() - start)
                if figure is not None:
                    logged[name].append(figure)
            print(
                f"    round {round_ + 1}: "
                + ", ".join(f"{name} edit to reload {waited[name][-1]:.1f} s" for name in servers),
                flush=True,
            )
    finally:
        for server in servers.values():
            server.stop()
        for name, path in edited.items():
            path.write_text(originals[name], encoding="utf-8")
    print(f"[2] `mkdocs serve` rebuilds after one edit, {rebuilds} rounds (MkDocs' own figure; edit to reload):")
    for name in servers:
        figures = logged[name] or [float("nan")]
        print(
            f"    {name:7s} first build {first[name] or float('nan'):6.1f} s, "
            f"rebuild median {statistics.median(figures):6.1f} s over {len(logged[name])} logged "
            f"(fastest {min(figures):.1f}, slowest {max(figures):.1f}); "
            f"edit to reload median {statistics.median(waited[name]):.1f} s"
        )
    if logged["plugin"] and logged["plain"]:
        ratio = statistics.median(logged["plugin"]) / statistics.median(logged["plain"])
        print(f"    plugin rebuild / plain rebuild (MkDocs' figures): {ratio:.2f}")
    ratio = statistics.median(waited["plugin"]) / statistics.median(waited["plain"])
    print(f"    plugin / plain, edit to reload: {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--initiatives", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5, help="rounds of builds (medians are reported)")
    parser.add_argument("--rebuilds", type=int, default=5, help="edits per `mkdocs serve` (0: skip part 2)")
    parser.add_argument("--before", type=Path, help="a checkout of the code before the change, built beside it")
    parser.add_argument("--skip-builds", action="store_true", help="only part 2")
    parser.add_argument(
        "--instructions", action="store_true", help="also count each kind's instructions once with valgrind (slow)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        project = make_project(tmp / str(args.initiatives), args.initiatives)
        write_plain_config(project)
        write_stashed_config(project)
        write_plugin_config(project, "serial.yml", parallel=False)
        write_plugin_config(project, "parallel.yml", parallel=True)
        load = os.getloadavg()
        print(f"load average before: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; CPUs: {os.cpu_count()}", flush=True)
        if args.instructions:
            instruction_counts(project)
        if not args.skip_builds:
            builds(project, args.repeat, args.before.resolve() if args.before else None)
        if args.rebuilds:
            serve_rebuilds(project, args.rebuilds, tmp)
        load = os.getloadavg()
        print(f"load average after: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


if __name__ == "__main__":
    main()
