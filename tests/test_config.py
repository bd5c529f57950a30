"""The plugin's options live in ``config.py``; the plugin, ``smm render`` and ``smm check`` read
them through the same classes. ``locales_dir`` (PLAN_FORMAT.md §7) is accepted and handed to the
renderer."""

from __future__ import annotations

import json

import pytest
from mkdocs.exceptions import Abort

from smm_docs_plugin.config import PluginConfig
from smm_docs_plugin.engine import RenderError, read_project, render_options
from smm_docs_plugin.plugin import SmmPlugin

from .conftest import MINIMAL_PLAN, build, make_project


def test_the_plugin_reads_its_options_from_config() -> None:
    assert SmmPlugin.config_class is PluginConfig
    documented = PluginConfig.__doc__ or ""
    assert "mkdocs.yml" in documented


def test_locales_dir_builds_in_strict_mode_and_reaches_the_renderer(tmp_path) -> None:
    (tmp_path / "locales").mkdir()
    config = make_project(tmp_path, copy_plan=MINIMAL_PLAN, options={"locales_dir": "locales"})
    site = build(config, strict=True)
    assert json.loads((site / "strategy/plan.json").read_text(encoding="utf-8"))["mission"]
    options = render_options(read_project(config))
    assert options.locales_dir == (tmp_path / "locales").resolve()


def test_without_locales_dir_the_renderer_gets_none(tmp_path) -> None:
    config = make_project(tmp_path, copy_plan=MINIMAL_PLAN)
    assert render_options(read_project(config)).locales_dir is None


def test_a_missing_locales_dir_is_a_config_error(tmp_path, caplog) -> None:
    config = make_project(tmp_path, copy_plan=MINIMAL_PLAN, options={"locales_dir": "no-such-folder"})
    with pytest.raises(Abort, match="configuration error"):
        build(config)
    assert "locales_dir" in caplog.text
    with pytest.raises(RenderError, match="smm option 'locales_dir'"):
        read_project(config)
