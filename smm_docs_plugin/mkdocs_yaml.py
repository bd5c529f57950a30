"""Reading ``mkdocs.yml`` without MkDocs (which takes a while to import and runs every plugin's
setup): ``smm check``, ``smm render`` and the Markdown dialect need only a few settings from it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml


class MkDocsYamlError(Exception):
    """``mkdocs.yml`` cannot be read, or has no ``smm`` entry under ``plugins``."""


class _MkDocsYamlLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` without MkDocs: ``!ENV`` is resolved as MkDocs resolves it, and any
    other tag (``!!python/name:...`` of Material's emoji setup, ``!relative``) loads as plain
    data instead of failing, since only the ``smm`` options matter here."""


def _construct_env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable that is set, read as
    a YAML scalar (so "6" is 6), else the default (the last item of a list of two or more)."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
    for name in names:
        if str(name) in os.environ:
            text = os.environ[str(name)]
            tag = loader.resolve(yaml.ScalarNode, text, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, text))
    return default


def _construct_any(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_MkDocsYamlLoader.add_constructor("!ENV", _construct_env)
_MkDocsYamlLoader.add_multi_constructor("", _construct_any)


def read_mkdocs_yaml(path: Path) -> dict[str, Any]:
    """``mkdocs.yml`` as data, with ``INHERIT`` followed like MkDocs does."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_MkDocsYamlLoader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise MkDocsYamlError(f"cannot read {path}: {exc}") from None
    if not isinstance(data, dict):
        raise MkDocsYamlError(f"{path} is not a mapping of settings")
    parent = data.pop("INHERIT", None)
    if parent:
        base = read_mkdocs_yaml((path.parent / str(parent)).resolve())
        merged = {**base, **data}
        return merged
    return data


def smm_options(config: dict[str, Any]) -> dict[str, Any]:
    """The ``smm`` plugin's options from ``plugins`` (list or mapping form)."""
    plugins = config.get("plugins") or []
    entries: list[tuple[str, Any]] = []
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    else:
        for item in plugins:
            if isinstance(item, str):
                entries.append((item, {}))
            elif isinstance(item, dict):
                entries.extend(item.items())
    for name, options in entries:
        if name == "smm":
            return dict(options or {})
    raise MkDocsYamlError("mkdocs.yml has no 'smm' entry under plugins")


def mkdocs_yaml_beside(plan_dir: Path) -> Path | None:
    """The ``mkdocs.yml`` (or ``mkdocs.yaml``) in the folder that holds ``plan_dir``, if any."""
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        path = plan_dir.resolve().parent / name
        if path.is_file():
            return path
    return None


def folders_beside(plan_dir: Path) -> tuple[Path, Path]:
    """``docs_dir`` and ``site_dir`` as the ``mkdocs.yml`` beside ``plan_dir`` sets them,
    relative to its folder; MkDocs' defaults (``docs``, ``site``) where it sets none, has none
    or cannot be read (the build itself reports a broken one)."""
    root = plan_dir.resolve().parent
    config: dict[str, Any] = {}
    path = mkdocs_yaml_beside(plan_dir)
    if path is not None:
        try:
            config = read_mkdocs_yaml(path)
        except MkDocsYamlError:
            config = {}
    docs_dir, site_dir = config.get("docs_dir"), config.get("site_dir")
    return (
        root / (str(docs_dir) if isinstance(docs_dir, str) and docs_dir else "docs"),
        root / (str(site_dir) if isinstance(site_dir, str) and site_dir else "site"),
    )
