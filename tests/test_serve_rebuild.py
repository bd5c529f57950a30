"""`mkdocs serve` builds in its own process (issue 16): with ``parallel: true`` (the default), the
first build and every rebuild render the plan in the server's process, with no render child and
no thread left behind, and a plan edit shows up after the rebuild."""

from __future__ import annotations

import time
from pathlib import Path

from .conftest import MINIMAL_PLAN, make_project
from .test_serve import fetch, free_port, start_serve, wait_for

BACKGROUND = "generated files in a background process"


def _children(pid: int) -> list[int]:
    """The process's child processes, from every one of its threads (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except FileNotFoundError:  # a thread that ended while we looked
            continue
    return found


def _threads(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    raise AssertionError(f"no thread count for {pid}")


def test_serve_rebuilds_in_one_process_and_shows_the_edit(tmp_path: Path):
    cfg = make_project(tmp_path / "p", copy_plan=MINIMAL_PLAN, options={"parallel": True})
    temp = tmp_path / "tmp"  # a background render would leave its smm-render-* folder here
    temp.mkdir()
    log_path = tmp_path / "serve.log"
    port = free_port()
    server = start_serve(cfg.parent, port, log_path, "-v", TMPDIR=str(temp))
    url = f"http://127.0.0.1:{port}/strategy/team/ana/"
    try:
        assert wait_for(lambda: "Ana Lopez" in fetch(url)), log_path.read_text()
        assert _children(server.pid) == []
        time.sleep(1)  # the request's thread ends; then only the server's own threads remain
        threads = _threads(server.pid)

        member = cfg.parent / "plan" / "team" / "ana.md"
        for round_ in range(2):
            title = f"Ana Edited {round_}"
            member.write_text(f"---\ntitle: {title}\nroles: [lead]\n---\n", encoding="utf-8")
            assert wait_for(lambda title=title: title in fetch(url)), log_path.read_text()
            assert _children(server.pid) == []
            assert wait_for(lambda: _threads(server.pid) <= threads, seconds=10), (_threads(server.pid), threads)

        text = log_path.read_text()
        # The first build and two rebuilds, each started by serve's own "Building documentation..."
        # and ended by build's "Documentation built in N.NN seconds" (MkDocs' DuplicateFilter drops
        # a repeated line, so two rebuilds of the same length print that line once) and, for each
        # rebuild, livereload's "Reloading browsers".
        assert text.count("Building documentation...") >= 3, text
        assert "Documentation built in" in text, text
        assert text.count("Reloading browsers") >= 2, text
        assert BACKGROUND not in text, text
        assert "Traceback" not in text, text
        assert list(temp.glob("smm-render-*")) == []
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)
