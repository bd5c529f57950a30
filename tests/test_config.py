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


def _hooks() -> list[str]:
    return sorted(name for name in vars(SmmPlugin) if name.startswith("on_"))


def _declared_hooks() -> dict[str, tuple[list[str], list[str], list[str]]]:
    """MkDocs' own hook signatures, as ``mkdocs/plugins.py`` declares them on BasePlugin (it
    deletes them at import time; they are there for docs and type checkers):
    ``(positional-only, positional-or-keyword, keyword-only)`` parameter names."""
    import ast
    import inspect

    import mkdocs.plugins

    tree = ast.parse(inspect.getsource(mkdocs.plugins))
    base = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "BasePlugin")
    return {f.name: _kinds(f.args) for f in base.body if isinstance(f, ast.FunctionDef) and f.name.startswith("on_")}


def _kinds(args: object) -> tuple[list[str], list[str], list[str]]:
    import ast

    assert isinstance(args, ast.arguments)
    return (
        [a.arg for a in args.posonlyargs],
        [a.arg for a in args.args],
        [a.arg for a in args.kwonlyargs],
    )


def test_plugin_py_holds_only_hooks() -> None:
    """plugin.py defines no function of its own and the plugin's public methods are MkDocs hooks
    (the few private methods hold its state between hooks)."""
    import ast
    import inspect

    from smm_docs_plugin import plugin

    tree = ast.parse(inspect.getsource(plugin))
    assert not [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    public = [name for name, value in vars(SmmPlugin).items() if callable(value) and not name.startswith("_")]
    assert public and all(name.startswith("on_") for name in public), public
    assert set(_hooks()) <= set(_declared_hooks())


@pytest.mark.parametrize("hook", _hooks())
def test_each_hook_has_mkdocs_signature_and_explains_its_priority(hook: str) -> None:
    """The event's item positional-only, everything else keyword-only, as MkDocs declares them
    (Material's tags plugin: ``def on_files(self, files, /, *, config)``); the docstring says
    at which priority the hook runs and why."""
    import ast
    import inspect
    import textwrap

    from smm_docs_plugin import plugin

    tree = ast.parse(textwrap.dedent(inspect.getsource(plugin.SmmPlugin)))
    ours = next(f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name == hook)
    assert _kinds(ours.args) == _declared_hooks()[hook]
    doc = getattr(SmmPlugin, hook).__doc__ or ""
    assert "priority" in doc.lower(), f"{hook}: say at which priority it runs and why"
