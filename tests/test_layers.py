"""The package's layers, read from its source with ``ast`` (every import counts, also one inside a
function or a method): the core works without MkDocs and the CLI, no two modules import each
other (directly or round a longer loop), and no private name (``_x``) is imported across
modules. A failure names the offending import (``module.py:line``)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import smm_docs_plugin

PACKAGE_DIR = Path(smm_docs_plugin.__file__).parent
PACKAGE = "smm_docs_plugin"

#: The modules that may import MkDocs, ``plugin`` or ``cli``, and why. Everything else is the
#: core, which ``smm render`` runs for engines without plugins and ``smm check`` without a build.
ADAPTERS = {
    "plugin": "the MkDocs hooks",
    "cli": "the ``smm`` command",
    "config": "the plugin's options are MkDocs config_options (``smm render`` validates with them too)",
    "background": "a MkDocs File whose content a second process renders",
    "mkdocs_files": "the generated pages and files as MkDocs File objects",
    "mkdocs_rules": "the rules the core asks MkDocs itself (a file's URL, a page's front matter and its meta), lazily",
}


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name inside the package, e.g. ``features.pages``
    line: int
    target: str  # absolute dotted name of the module imported from
    names: tuple[str, ...]  # names taken from it (``from x import a, b``), else ()
    type_checking: bool  # under ``if TYPE_CHECKING:``: a type is only named, nothing runs

    def where(self) -> str:
        """``module.py:line`` (a package's own module is its ``__init__.py``)."""
        if self.importer in MODULES:
            return f"{PACKAGE}/{MODULES[self.importer].relative_to(PACKAGE_DIR).as_posix()}:{self.line}"
        return f"{self.importer.replace('.', '/')}.py:{self.line}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if "vendor" not in path.relative_to(PACKAGE_DIR).parts
    }


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports_of(name: str, path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    # The package a relative import starts from: the module's own package.
    own_package = [PACKAGE, *name.split(".")] if name else [PACKAGE]
    if not is_package:
        own_package = own_package[:-1]
    found: list[Import] = []

    def visit(node: ast.AST, type_checking: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, type_checking)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(name, node.lineno, alias.name, (), type_checking))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = own_package[: len(own_package) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            found.append(Import(name, node.lineno, target, tuple(a.name for a in node.names), type_checking))
        for child in ast.iter_child_nodes(node):
            visit(child, type_checking)

    visit(tree, False)
    return found


MODULES = _modules()
IMPORTS = [imp for name, path in MODULES.items() for imp in _imports_of(name, path)]


def _internal(target: str) -> str | None:
    """The package module a dotted name is, or None for a module outside the package."""
    if target == PACKAGE:
        return ""
    if target.startswith(PACKAGE + "."):
        return target[len(PACKAGE) + 1 :]
    return None


def _edges() -> dict[str, dict[str, Import]]:
    """module → {module it imports → the first import that does}. ``from . import x`` imports the
    module ``x`` when there is one. A package's ``__init__`` that Python runs on the way to a
    submodule is not counted: only names one module takes from another make a dependency."""
    edges: dict[str, dict[str, Import]] = {name: {} for name in MODULES}
    for imp in IMPORTS:
        target = _internal(imp.target)
        if imp.type_checking or target is None:
            continue
        submodules = [f"{target}.{name}" if target else name for name in imp.names]
        targets = [one for one in submodules if one in MODULES] or [target]
        for one in targets:
            # The package's own __init__ (``from . import __version__``) depends on nothing.
            if one != imp.importer and one in MODULES and one != "" and one not in edges[imp.importer]:
                edges[imp.importer][one] = imp
    return edges


def test_the_scan_sees_the_package() -> None:
    """The scan itself works: it finds the modules and the imports this test is about."""
    assert {"plugin", "cli", "loader", "resolve", "render", "engine", "features.pages"} <= set(MODULES)
    assert any(i.importer == "plugin" and i.target.startswith("mkdocs") for i in IMPORTS)
    function_level = [i for i in IMPORTS if i.importer == "loader" and _internal(i.target) == "resolve"]
    assert function_level, "the import of resolve inside loader.load_plan must be seen"


@pytest.mark.parametrize("forbidden", ["mkdocs", f"{PACKAGE}.plugin", f"{PACKAGE}.cli"])
def test_the_core_imports_neither_mkdocs_nor_the_adapters(forbidden: str) -> None:
    offending = [
        f"{imp.where()}: imports {imp.target}"
        for imp in IMPORTS
        if imp.importer not in ADAPTERS
        and not imp.type_checking
        and (imp.target == forbidden or imp.target.startswith(forbidden + "."))
    ]
    assert not offending, "the core must work without MkDocs, the plugin and the CLI:\n" + "\n".join(offending)


def _cycles(edges: dict[str, dict[str, Import]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0

    def connect(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges[node]):
            if other not in index:
                connect(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return sorted(components)


def _describe(component: list[str], edges: dict[str, dict[str, Import]]) -> str:
    members = set(component)
    lines = [
        f"  {imp.where()}: imports {target}"
        for module in component
        for target, imp in sorted(edges[module].items())
        if target in members
    ]
    return "cycle among " + ", ".join(component) + ":\n" + "\n".join(lines)


def test_no_import_cycle() -> None:
    edges = _edges()
    cycles = _cycles(edges)
    assert not cycles, "\n".join(_describe(c, edges) for c in cycles)


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: two modules importing each other inside functions are a cycle."""
    a = Import("a", 3, f"{PACKAGE}.b", ("x",), False)
    b = Import("b", 7, f"{PACKAGE}.a", ("y",), False)
    edges = {"a": {"b": a}, "b": {"a": b}, "c": {}}
    assert _cycles(edges) == [["a", "b"]]
    assert "a.py:3: imports b" in _describe(["a", "b"], edges)


def test_no_private_name_is_imported_across_modules() -> None:
    offending = [
        f"{imp.where()}: imports {name} from {imp.target}"
        for imp in IMPORTS
        if _internal(imp.target) is not None
        for name in imp.names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert not offending, "make these public or move them where they are used:\n" + "\n".join(offending)


def test_no_private_name_is_read_through_an_imported_module() -> None:
    """``from . import model`` then ``model._check_date`` is the same reach into another module's
    privates as importing the name: make it public or give the module a public way to ask."""
    offending = []
    for name, path in MODULES.items():
        modules_here = {
            alias.asname or alias.name
            for imp in IMPORTS
            if imp.importer == name and _internal(imp.target) is not None
            for alias in [ast.alias(n) for n in imp.names]
            if f"{_internal(imp.target)}.{alias.name}".strip(".") in MODULES
        }
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules_here
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                offending.append(
                    f"{PACKAGE}/{path.relative_to(PACKAGE_DIR).as_posix()}:{node.lineno}: "
                    f"reads {node.value.id}.{node.attr}"
                )
    assert not offending, "\n".join(offending)
