"""Rendering in a background process (option ``parallel``) gives the very same site as
rendering in-process, survives a child that stops early, and cleans up after itself."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from smm_docs_plugin.background import BackgroundRenderer
from smm_docs_plugin.context import Output, RenderOptions
from smm_docs_plugin.loader import load_plan
from smm_docs_plugin.render import render_site
from smm_docs_plugin.resolve import for_audience

from .conftest import EXAMPLE_PLAN, REPO, make_project


def _render_folders(folder: Path | None = None) -> set[str]:
    return {name for name in os.listdir(folder or tempfile.gettempdir()) if name.startswith("smm-render-")}


def _build(config_file: Path, site: Path) -> str:
    """``mkdocs build -v`` in a fresh process (one thread, as a user runs it); its log. Its
    temporary folders go to ``<project>/tmp`` (other builds on the machine share /tmp)."""
    temp = config_file.parent / "tmp"
    temp.mkdir(exist_ok=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(temp))
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-v", "-f", str(config_file), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
    )
    return f"exit {run.returncode}\n{run.stdout}{run.stderr}"


BACKGROUND = "generated files in a background process"


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _example_project(root: Path, options: dict) -> Path:
    docs = {
        p.relative_to(REPO / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (REPO / "docs").rglob("*.md")
    }
    return make_project(
        root, copy_plan=EXAMPLE_PLAN, docs=docs, options=options, config={"site_url": "https://example.com/handbook/"}
    )


@pytest.mark.parametrize("audience", ["team", "stakeholders"])
def test_background_build_is_byte_identical_to_in_process_build(tmp_path, monkeypatch, audience):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")
    parallel = _build(_example_project(tmp_path / "parallel", {"audience": audience}), tmp_path / "site-parallel")
    serial = _build(
        _example_project(tmp_path / "serial", {"audience": audience, "parallel": False}), tmp_path / "site-serial"
    )
    assert parallel.startswith("exit 0") and serial.startswith("exit 0")
    assert BACKGROUND in parallel, "two CPUs and a one-thread process: the background path must run"
    assert BACKGROUND not in serial
    one, two = _tree(tmp_path / "site-parallel"), _tree(tmp_path / "site-serial")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    # Every kind of generated output is there (pages, CSV, ICS, JSON), and nothing is left behind.
    assert {"strategy/index.html", "strategy/budget.csv", "strategy/calendar.ics", "strategy/plan.json"} <= one.keys()
    assert _render_folders(tmp_path / "parallel" / "tmp") == set() == _render_folders(tmp_path / "serial" / "tmp")


def test_outputs_render_the_same_in_any_order():
    plan = for_audience(load_plan(EXAMPLE_PLAN, today=None, audience="team"), "team")
    options = RenderOptions(site_url="https://example.com/")
    forward = render_site(plan, options)
    backward = render_site(plan, options)
    assert not any(o.rendered for o in forward.values()), "listing outputs renders nothing"
    for output in reversed(list(backward.values())):
        _ = output.content  # rendered on first access, last one first
    assert {k: o.content for k, o in forward.items()} == {k: o.content for k, o in backward.items()}


def _outputs(parent: int) -> list[Output]:
    def text(n: int):
        def render() -> str:
            if n == 2 and os.getpid() != parent:
                os._exit(3)  # the child dies half-way
            return f"page {n} ü"

        return render

    outputs = [Output(f"p{n}.md", text(n)) for n in range(5)]
    outputs.append(Output("feed.ics", lambda: b"BEGIN:VCALENDAR\r\n"))
    return outputs


def test_what_a_stopped_child_did_not_write_is_rendered_here():
    before = _render_folders()
    outputs = _outputs(os.getpid())
    renderer = BackgroundRenderer(outputs)
    got = [renderer.get(o.src_uri) for o in outputs]
    renderer.close()
    assert got == ["page 0 ü", "page 1 ü", "page 2 ü", "page 3 ü", "page 4 ü", b"BEGIN:VCALENDAR\r\n"]
    # Only what the child never wrote was rendered in this process.
    assert [o.rendered for o in outputs] == [False, False, True, True, True, True]
    assert _render_folders() == before


def test_a_broken_template_fails_the_same_way_in_both_modes(tmp_path):
    templates = tmp_path / "my-templates" / "pages"
    templates.mkdir(parents=True)
    (templates / "entity.md.j2").write_text("{{ no_such_helper() }}\n", encoding="utf-8")
    for parallel in (True, False):
        config = make_project(
            tmp_path / f"p-{parallel}",
            copy_plan=EXAMPLE_PLAN,
            options={"parallel": parallel, "templates_dir": str(tmp_path / "my-templates")},
        )
        log = _build(config, tmp_path / f"site-{parallel}")
        assert log.startswith("exit 1") and "Traceback" not in log
        assert "templates/pages/entity.md.j2:1: 'no_such_helper' is undefined" in log
        # A team's own templates are all rendered up front, so every error shows at once.
        assert BACKGROUND not in log
        assert _render_folders(config.parent / "tmp") == set()
