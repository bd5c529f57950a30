"""Fail without damage: a build or a render that fails, in any way and at any point, leaves the
previous site (or render folder) byte for byte as it was, and no staging folder behind.

The ways to break a build are data: ``tests/golden/fail_safe/*.yml``, each applied to a copy of
a project whose site was built once. A case holds ``files`` (written relative to the project),
``replace`` (``path: [old, new]``), ``config`` (merged into mkdocs.yml), ``options`` (merged
into the ``smm`` options), ``encoding`` (of the files, UTF-8 unless given), ``strict`` and ``expect`` (texts the error\
 must contain). With
``no_traceback: true`` the case runs ``mkdocs build`` as a user does and checks its output.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from smm_docs_plugin.cli import main
from smm_docs_plugin.engine import MARKER

from .conftest import MINIMAL_PLAN, build, make_project

CASES_DIR = Path(__file__).parent / "golden" / "fail_safe"
CASES = sorted(path.stem for path in CASES_DIR.glob("*.yml"))


def _tree(folder: Path) -> dict[str, bytes | str]:
    """Every file (bytes), link (target) and folder of ``folder``."""
    tree: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            tree[rel] = "link:" + os.readlink(path)
        elif path.is_dir():
            tree[rel + "/"] = "dir"
        else:
            tree[rel] = path.read_bytes()
    return tree


def _leftovers(parent: Path) -> list[str]:
    return sorted(name for name in os.listdir(parent) if ".smm-staging-" in name)


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose site was built once, copied by each case."""
    root = tmp_path_factory.mktemp("fail-safe") / "project"
    config = make_project(
        root,
        copy_plan=MINIMAL_PLAN,
        docs={"index.md": "# Handbook\n", "about.md": "# About\n\nSee [[goals/grow-instagram]].\n"},
    )
    site = build(config)
    assert (site / "strategy/index.html").is_file() and (site / "about/index.html").is_file()
    return root


def _apply(case: dict[str, Any], root: Path) -> None:
    for rel, text in (case.get("files") or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding=case.get("encoding", "utf-8"))
    for rel, (old, new) in (case.get("replace") or {}).items():
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(case.get("config") or {})
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "smm" in plugin:
            plugin["smm"].update(case.get("options") or {})
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("name", CASES)
def test_a_failed_build_leaves_the_previous_site_whole(
    name: str, built_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    case = yaml.safe_load((CASES_DIR / f"{name}.yml").read_text(encoding="utf-8"))
    root = tmp_path / "project"
    shutil.copytree(built_project, root, symlinks=True)
    before = _tree(root / "site")
    assert len(before) > 40
    _apply(case, root)
    monkeypatch.chdir(root)  # messages name files relative to the current folder
    monkeypatch.syspath_prepend(str(root))  # a case's own Markdown extension
    if case.get("no_traceback"):
        args = [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"] + (
            ["--strict"] if case.get("strict") else []
        )
        run = subprocess.run(
            args, cwd=root, capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1")
        )
        said = run.stdout + run.stderr
        assert run.returncode == 1, said
        assert "Traceback" not in said
    else:
        with pytest.raises(Exception) as failure:
            build(root / "mkdocs.yml", strict=bool(case.get("strict")))
        said = f"{failure.value}\n{caplog.text}"
    for expected in case["expect"]:
        assert expected in said
    assert _tree(root / "site") == before
    assert _leftovers(root) == []


def test_a_successful_build_replaces_the_whole_site(built_project: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(built_project, root, symlinks=True)
    (root / "site" / "stale.html").write_text("from an earlier build\n", encoding="utf-8")
    (root / "docs" / "about.md").write_text("# About us\n", encoding="utf-8")
    site = build(root / "mkdocs.yml")
    assert not (site / "stale.html").exists()  # a clean build, as MkDocs' own
    assert "About us" in (site / "about/index.html").read_text(encoding="utf-8")
    assert (site / "strategy/index.html").is_file() and (site / "search/search_index.json").is_file()
    assert _leftovers(root) == []


def _build_as(config_file: Path, command: str, *, dirty: bool = False) -> Any:
    """A build as ``mkdocs <command>`` runs it; returns the config MkDocs used."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    cfg = load_config(str(config_file), site_dir=str(config_file.parent / "site"))
    cfg.plugins.on_startup(command=command, dirty=dirty)
    try:
        mkdocs_build(cfg, dirty=dirty)
    finally:
        cfg.plugins.on_shutdown()
    return cfg


@pytest.mark.parametrize("command", ["build", "gh-deploy", "serve"])
def test_builds_are_staged_except_serve_and_site_dir_is_restored(
    command: str, built_project: Path, tmp_path: Path
) -> None:
    root = tmp_path / "project"
    shutil.copytree(built_project, root, symlinks=True)
    seen = root / "seen.txt"
    (root / "hooks.py").write_text(
        "from pathlib import Path\n\n"
        "def on_post_build(config):\n"
        f"    Path({str(seen)!r}).write_text(config.site_dir)\n",
        encoding="utf-8",
    )
    _apply({"config": {"hooks": ["hooks.py"]}}, root)
    cfg = _build_as(root / "mkdocs.yml", command)
    written_to = Path(seen.read_text(encoding="utf-8"))
    if command == "serve":  # `mkdocs serve` builds into its own temporary folder
        assert written_to == root / "site"
    else:
        assert written_to.parent == root and ".site.smm-staging-" in written_to.name
    # gh-deploy pushes config.site_dir after the build: it must be the real one again.
    assert Path(cfg.site_dir) == root / "site"
    assert (root / "site/strategy/index.html").is_file()
    assert _leftovers(root) == []


def test_a_build_stopped_by_ctrl_c_leaves_the_previous_site(built_project: Path, tmp_path: Path) -> None:
    """MkDocs runs no build_error event for a KeyboardInterrupt; on_shutdown still cleans up."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    root = tmp_path / "project"
    shutil.copytree(built_project, root, symlinks=True)
    before = _tree(root / "site")
    (root / "hooks.py").write_text(
        "def on_page_content(html, page, config, files):\n"
        "    if page.file.src_uri.startswith('strategy/'):\n"
        "        raise KeyboardInterrupt\n"
        "    return html\n",
        encoding="utf-8",
    )
    _apply({"config": {"hooks": ["hooks.py"]}}, root)
    cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    cfg.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(KeyboardInterrupt):
        try:
            mkdocs_build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    assert _tree(root / "site") == before and _leftovers(root) == []
    assert Path(cfg.site_dir) == root / "site"


def test_a_dirty_build_starts_from_the_previous_site(built_project: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(built_project, root, symlinks=True)
    (root / "site" / "kept-by-dirty.txt").write_text("a dirty build cleans nothing\n", encoding="utf-8")
    _build_as(root / "mkdocs.yml", "build", dirty=True)
    assert (root / "site" / "kept-by-dirty.txt").read_text(encoding="utf-8") == "a dirty build cleans nothing\n"
    assert (root / "site/strategy/index.html").is_file()
    assert _leftovers(root) == []


def test_a_symlinked_site_dir_stays_a_link(built_project: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(built_project, root, symlinks=True)
    real = tmp_path / "published"
    shutil.move(str(root / "site"), str(real))
    (root / "site").symlink_to(real, target_is_directory=True)
    (root / "docs" / "about.md").write_text("# About us\n", encoding="utf-8")
    build(root / "mkdocs.yml")
    assert (root / "site").is_symlink() and os.readlink(root / "site") == str(real)
    assert "About us" in (real / "about/index.html").read_text(encoding="utf-8")
    assert _leftovers(tmp_path) == [] and _leftovers(root) == []


def test_without_directory_urls_strategy_md_is_its_own_page(tmp_path: Path) -> None:
    config = make_project(
        tmp_path,
        copy_plan=MINIMAL_PLAN,
        docs={"index.md": "# Home\n", "strategy.md": "# Why we post\n"},
        config={"use_directory_urls": False},
    )
    site = build(config)
    heading = '<h1 id="why-we-post">Why we post</h1>'
    assert heading in (site / "strategy.html").read_text(encoding="utf-8")
    assert heading not in (site / "strategy/index.html").read_text(encoding="utf-8")


# --- templates_dir --------------------------------------------------------------------------


def test_templates_dir_contributes_only_the_files_the_plugin_asks_for(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    templates = tmp_path / "share"
    (templates / "calendar").mkdir(parents=True)
    (templates / "calendar" / "calendar.js").write_text("/* our own calendar script */\n", encoding="utf-8")
    (templates / "vendor").mkdir()
    (templates / "vendor" / "huge.js").write_text("var huge = '" + "x" * 200_000 + "';\n", encoding="utf-8")
    (templates / "site.css").write_text("body { color: red }\n", encoding="utf-8")
    (templates / "pages").mkdir()
    (templates / "pages" / "notes.md.j2").write_text("{{ broken\n", encoding="utf-8")  # never asked for
    config = make_project(tmp_path / "project", copy_plan=MINIMAL_PLAN, options={"templates_dir": str(templates)})
    caplog.set_level(logging.DEBUG, logger="mkdocs")
    site = build(config)
    script = (site / "assets/smm/smm.js").read_text(encoding="utf-8")
    style = (site / "assets/smm/smm.css").read_text(encoding="utf-8")
    assert "/* calendar/calendar.js */\n/* our own calendar script */" in script
    assert "huge" not in script and "color: red" not in style
    assert len(script) < 100_000
    assert "1 override(s) of packaged files: calendar/calendar.js" in caplog.text
    assert (
        "ignored (no packaged template or asset has their path): pages/notes.md.j2, site.css, vendor/huge.js"
        in caplog.text
    )


def test_an_override_template_with_an_undefined_variable_is_reported_in_both_render_modes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = tmp_path / "templates" / "pages"
    templates.mkdir(parents=True)
    (templates / "entity.md.j2").write_text("# {{ entity.title }}\n\n{{ entity.no_such_field }}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for parallel in (True, False):
        root = tmp_path / f"p-{parallel}"
        config = make_project(
            root, copy_plan=MINIMAL_PLAN, options={"parallel": parallel, "templates_dir": str(tmp_path / "templates")}
        )
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )
        said = run.stdout + run.stderr
        assert run.returncode == 1 and "Traceback" not in said
        assert (
            "template templates/pages/entity.md.j2:3: 'smm_docs_plugin.model." in said
            and "has no attribute 'no_such_field'" in said
        )
        assert not (root / "site").exists() and _leftovers(root) == []


# --- smm render -----------------------------------------------------------------------------


def test_a_failed_render_leaves_the_previous_render_and_a_teams_own_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "project"
    config = make_project(root, copy_plan=MINIMAL_PLAN, options={"templates_dir": "templates"})
    (root / "templates").mkdir()
    out = tmp_path / "rendered"
    monkeypatch.chdir(root)
    assert main(["render", str(out), "--config", str(config)]) == 0
    (out / "notes.txt").write_text("our own notes\n", encoding="utf-8")
    (out / "strategy" / "extra.md").write_text("# Ours\n", encoding="utf-8")
    before = _tree(out)
    capsys.readouterr()

    (root / "templates" / "pages").mkdir()
    (root / "templates" / "pages" / "counts.md.j2").write_text("Counts\n{{ counts_of_everything }}\n", encoding="utf-8")
    assert main(["render", str(out), "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert "template templates/pages/counts.md.j2:2: 'counts_of_everything' is undefined" in err
    assert "nothing was written" in err and "Traceback" not in err
    assert _tree(out) == before and _leftovers(tmp_path) == []

    # Fixed: the render's files are replaced, the team's own files are kept.
    (root / "templates" / "pages" / "counts.md.j2").write_text("Counts, our way\n", encoding="utf-8")
    (root / "plan" / "initiatives" / "launch-reels.md").rename(root / "plan" / "initiatives" / "launch-stories.md")
    assert main(["render", str(out), "--config", str(config)]) == 0
    assert (out / "notes.txt").read_text(encoding="utf-8") == "our own notes\n"
    assert (out / "strategy" / "extra.md").read_text(encoding="utf-8") == "# Ours\n"
    assert (out / "strategy" / "initiatives" / "launch-stories.md").is_file()
    assert not (out / "strategy" / "initiatives" / "launch-reels.md").exists()  # the previous render's, replaced
    assert "Counts, our way" in (out / "strategy" / "index.md").read_text(encoding="utf-8")
    listed = (out / MARKER).read_text(encoding="utf-8").splitlines()
    assert "strategy/index.md" in listed and "notes.txt" not in listed
    assert _leftovers(tmp_path) == []


def test_a_teams_file_where_the_render_writes_stops_the_render(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = make_project(tmp_path / "project", copy_plan=MINIMAL_PLAN)
    out = tmp_path / "rendered"
    assert main(["render", str(out), "--config", str(config)]) == 0
    marker = (out / MARKER).read_text(encoding="utf-8")
    (out / MARKER).write_text(
        marker.replace("strategy/plan.json\n", ""), encoding="utf-8"
    )  # as if the team had put it there
    before = _tree(out)
    capsys.readouterr()
    assert main(["render", str(out), "--config", str(config)]) == 2
    assert "did not write at path(s) it writes: strategy/plan.json" in capsys.readouterr().err
    assert _tree(out) == before and _leftovers(tmp_path) == []


def test_render_refuses_a_docs_page_at_a_generated_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "project"
    config = make_project(
        root,
        copy_plan=MINIMAL_PLAN,
        docs={"index.md": "# Home\n", "strategy.md": "# Ours\n", "strategy/budget.csv": "a,b\n"},
    )
    monkeypatch.chdir(root)
    assert main(["render", str(tmp_path / "out"), "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert "docs/strategy.md:1: error: its URL 'strategy/' is the URL of the generated 'strategy/index.md'" in err
    assert (
        "docs/strategy/budget.csv:1: error: its URL 'strategy/budget.csv' is the URL of the generated "
        "'strategy/budget.csv'" in err
    )
    assert not (tmp_path / "out").exists()


def test_smm_check_reports_the_url_collisions_the_build_would_stop_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(
        tmp_path,
        copy_plan=MINIMAL_PLAN,
        options={"url_prefix": "handbook/strategy"},
        docs={
            "index.md": "# Home\n",
            "strategy.md": "# Not under the prefix\n",
            "handbook/strategy.md": "# Ours\n",
            "handbook/strategy/notes.md": "# Notes: no generated page here\n",
            "handbook/strategy/goals/README.md": "# Goals\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "plan"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        (
            "docs/handbook/strategy.md:1: error: its URL 'handbook/strategy/' is the URL of the generated "
            "'handbook/strategy/index.md'; rename or move it, or choose another url_prefix"
        ),
        (
            "docs/handbook/strategy/goals/README.md:1: error: its URL 'handbook/strategy/goals/' is the URL of the "
            "generated 'handbook/strategy/goals/index.md'; rename or move it, or choose another url_prefix"
        ),
    ]
    (tmp_path / "docs/handbook/strategy.md").unlink()
    (tmp_path / "docs/handbook/strategy/goals/README.md").unlink()
    assert main(["check", "plan"]) == 0
    site = build(tmp_path / "mkdocs.yml")  # check passes: the build passes
    assert (site / "handbook/strategy/notes/index.html").is_file() and (site / "strategy/index.html").is_file()
