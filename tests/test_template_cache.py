"""Compiled templates are kept between processes (Jinja's FileSystemBytecodeCache in its private
per-user folder) and the cache is only ever a shortcut: reused unchanged while the templates are,
compiled again after a team edits an override, and a cache that is cut short, filled with
garbage or cannot be made at all gives the very same pages, never an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jinja2.bccache import bc_magic

from .conftest import EXAMPLE_PLAN, make_project


def render(project: Path, tmp: Path, out: Path) -> dict[str, bytes]:
    """``smm render`` in a new process whose temporary folder is ``tmp``; every file it wrote."""
    env = dict(os.environ, TMPDIR=str(tmp))
    done = subprocess.run(
        [sys.executable, "-m", "smm_docs_plugin.cli", "render", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def cache_files(tmp: Path) -> dict[str, int]:
    folder = tmp / f"_jinja2-cache-{os.getuid()}"
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("__smm_*.cache")}


def test_compiled_templates_are_reused_and_a_broken_cache_changes_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", copy_plan=EXAMPLE_PLAN, options={"templates_dir": "overrides"}).parent
    (project / "overrides").mkdir()
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    first = render(project, tmp, tmp_path / "out1")
    assert "strategy/roadmap/index.md" in first
    made = cache_files(tmp)
    assert len(made) >= 20  # one file per template used
    assert oct((tmp / f"_jinja2-cache-{os.getuid()}").stat().st_mode & 0o777) == "0o700"

    # A second process reads every compiled template back: none is written again.
    assert render(project, tmp, tmp_path / "out2") == first
    assert cache_files(tmp) == made

    # A team's override is compiled (and cached) anew; the packaged ones are still reused.
    overrides = project / "overrides" / "roadmap"
    overrides.mkdir()
    packaged = Path(__file__).parents[1] / "docs_templates" / "roadmap" / "timeline.svg.j2"
    overrides.joinpath("timeline.svg.j2").write_text(
        packaged.read_text(encoding="utf-8").replace('font-size="11"', 'font-size="12"'), encoding="utf-8"
    )
    own = render(project, tmp, tmp_path / "out3")
    assert b'font-size="12"' in own["strategy/roadmap/index.md"]
    assert b'font-size="12"' not in first["strategy/roadmap/index.md"]
    after = cache_files(tmp)
    assert len(after) == len(made) + 1
    assert {name: after[name] for name in made} == made
    overrides.joinpath("timeline.svg.j2").unlink()

    # Cut short, garbage after Jinja's own header, the code cut short, or emptied: compiled again, same pages.
    folder = tmp / f"_jinja2-cache-{os.getuid()}"
    for index, path in enumerate(sorted(folder.glob("__smm_*.cache"))):
        data = path.read_bytes()
        broken = [data[:5], bc_magic + b"\x80garbage", bc_magic + b"garbage", data[: len(bc_magic) + 60], b""]
        path.write_bytes(broken[index % len(broken)])
    assert render(project, tmp, tmp_path / "out4") == first

    # No safe folder for the cache (a file where it belongs): no cache at all, same pages.
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.write_text("not a folder\n", encoding="utf-8")
    assert render(project, tmp, tmp_path / "out5") == first
    assert folder.read_text(encoding="utf-8") == "not a folder\n"
