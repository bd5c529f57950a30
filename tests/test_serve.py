"""`mkdocs serve` watches the plan: an edit rebuilds the site; a half-written file shows the error
and the next save recovers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import MINIMAL_PLAN, make_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def start_serve(root: Path, port: int, log_path: Path, *flags: str, **env: str) -> subprocess.Popen[bytes]:
    """A real `mkdocs serve` of the project in ``root`` on 127.0.0.1:``port`` (``flags`` before
    the address, e.g. ``-v``; ``env`` on top of this process's), its output in ``log_path``."""
    with open(log_path, "w") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *flags, "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def test_plan_edit_rebuilds_and_a_broken_file_recovers(tmp_path: Path):
    cfg = make_project(tmp_path / "p", copy_plan=MINIMAL_PLAN)
    port = free_port()
    log_path = tmp_path / "serve.log"
    server = start_serve(cfg.parent, port, log_path)
    url = f"http://127.0.0.1:{port}/strategy/team/ana/"
    try:
        assert wait_for(lambda: "Ana Lopez" in fetch(url)), log_path.read_text()
        member = cfg.parent / "plan" / "team" / "ana.md"
        member.write_text("---\ntitle: Ana Lopez-Garcia\nroles: [lead]\n---\n", encoding="utf-8")
        assert wait_for(lambda: "Ana Lopez-Garcia" in fetch(url)), log_path.read_text()

        # Half-written: the error is reported (file and line), the server keeps running.
        member.write_text("---\ntitle: Ana\nroles: [lead\n---\n", encoding="utf-8")
        assert wait_for(
            lambda: (
                "plan/team/ana.md:3: error: invalid YAML" in log_path.read_text()
                and "unknown team member" not in log_path.read_text()
            )
        ), log_path.read_text()
        assert server.poll() is None

        member.write_text("---\ntitle: Ana Recovered\n---\n", encoding="utf-8")
        assert wait_for(lambda: "Ana Recovered" in fetch(url)), log_path.read_text()
        assert "Traceback" not in log_path.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
