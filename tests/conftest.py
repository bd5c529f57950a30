"""Shared fixtures: build real sites with real MkDocs and Material into tmp_path."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_PLAN = REPO / "plan"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL_PLAN = FIXTURES / "minimal_plan"


def write_plan(root: Path, files: dict[str, str]) -> Path:
    """Write ``{"mission.md": "...", "goals/x.md": "..."}`` (dedented) under ``root/plan``."""
    plan = root / "plan"
    for rel, text in files.items():
        path = plan / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return plan


def make_project(
    root: Path,
    plan_files: dict[str, str] | None = None,
    *,
    copy_plan: Path | None = None,
    docs: dict[str, str] | None = None,
    options: dict[str, Any] | None = None,
    config: dict[str, Any] | None = None,
) -> Path:
    """A project folder (mkdocs.yml, docs/, plan/) in ``root``; returns the mkdocs.yml path."""
    root.mkdir(parents=True, exist_ok=True)
    if copy_plan is not None:
        shutil.copytree(copy_plan, root / "plan")
        # Posts' media files live beside the plan (paths relative to the folder of mkdocs.yml).
        if (copy_plan.parent / "media").is_dir():
            shutil.copytree(copy_plan.parent / "media", root / "media")
    if plan_files:
        write_plan(root, plan_files)
    docs_dir = root / "docs"
    docs_dir.mkdir(exist_ok=True)
    for rel, text in (docs or {"index.md": "# Handbook\n"}).items():
        path = docs_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    smm = {"today": "2027-03-10"}
    smm.update(options or {})
    cfg: dict[str, Any] = {
        "site_name": "Test handbook",
        "theme": {"name": "material"},
        "plugins": ["search", {"smm": smm}],
    }
    cfg.update(config or {})
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    return path


def build(config_file: Path, strict: bool = False) -> Path:
    """Build with the real MkDocs API; returns the site folder."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site = config_file.parent / "site"
    cfg = load_config(str(config_file), site_dir=str(site), strict=strict)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return site


@pytest.fixture
def build_site(tmp_path: Path):
    """``build_site(plan_files=None, copy_plan=None, docs=None, options=None, config=None,
    strict=False) -> site Path``: a real MkDocs + Material build in tmp_path."""

    counter = {"n": 0}

    def _build(plan_files=None, *, copy_plan=None, docs=None, options=None, config=None, strict=False):
        counter["n"] += 1
        root = tmp_path / f"project{counter['n']}"
        cfg = make_project(root, plan_files, copy_plan=copy_plan, docs=docs, options=options, config=config)
        return build(cfg, strict=strict)

    return _build
