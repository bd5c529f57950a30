"""The corpus of leak shapes: each case (tests/golden/leaks/*.yml) is a plan body, a plan file
and/or a docs page that hides text behind ``<!-- internal -->`` markers, ``internal: true`` or
look-alikes of them, written in a shape some Markdown construct could misread. Every secret
carries a canary (``CANARY-…``). The runner builds the stakeholder site for real (MkDocs +
Material, the case's ``markdown_extensions``) and asserts that no byte of any canary reaches any
output file or file name, or that ``smm check`` and the build both stop with the expected
``path:line: error``.

Case keys: ``description``; ``extensions`` (mkdocs.yml ``markdown_extensions``, default
:data:`MATERIAL`); ``bodies`` (each one the body of a new persona ``plan/personas/leak-N.md``,
whose body starts on line 4); ``files`` (plan files, full text, over the minimal plan);
``docs`` (hand-written pages); ``expect`` (errors, ``{at: path:line, error: text}``: the check
and the build stop with each); ``shown`` (text the stakeholder pages must still show);
``code`` (text the stakeholder pages must show inside ``<code>``); ``team`` (text the team
build must show: it is built too).
"""

from __future__ import annotations

import contextlib
import html
import io
import logging
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError

from smm_docs_plugin.cli import main

from .conftest import MINIMAL_PLAN, build, make_project

CASES = sorted((Path(__file__).parent / "golden" / "leaks").glob("*.yml"))
CANARY = re.compile(r"CANARY-[A-Za-z0-9]+")

#: The extensions of a typical Material site (and of the Material examples).
MATERIAL = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    {"toc": {"permalink": True}},
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.superfences",
    {"pymdownx.tabbed": {"alternate_style": True}},
]


def _load(case_file: Path) -> dict:
    return yaml.safe_load(case_file.read_text(encoding="utf-8"))


def _project(case: dict, root: Path, audience: str) -> Path:
    files: dict[str, str] = {}
    for index, body in enumerate(case.get("bodies") or [], start=1):
        files[f"personas/leak-{index}.md"] = f"---\ntitle: Leak persona {index}\n---\n{body}"
    files.update(case.get("files") or {})
    config = make_project(
        root,
        copy_plan=MINIMAL_PLAN,
        docs={"index.md": "# Home\n", **(case.get("docs") or {})},
        options={"audience": audience},
        config={"markdown_extensions": case.get("extensions", MATERIAL)},
    )
    for rel, text in files.items():  # written as given: CRLF, NBSP and trailing spaces are the point
        path = root / "plan" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    for rel, text in (case.get("docs") or {}).items():
        (root / "docs" / rel).write_bytes(text.encode("utf-8"))
    return config


def _canaries(case: dict) -> set[str]:
    found = set(CANARY.findall(yaml.safe_dump(case, allow_unicode=True)))
    assert found, "every case hides at least one canary"
    return found


def _check(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(root)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["check", "plan", "--today", "2027-03-10"])
    return code, out.getvalue().splitlines()


def _outputs(site: Path) -> dict[str, str]:
    """Every output file's text (bytes read as UTF-8 with replacement), by relative path."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes().decode("utf-8", "replace")
        for p in site.rglob("*")
        if p.is_file()
    }


def _code_texts(page: str) -> str:
    return html.unescape(" ".join(re.findall(r"<code[^>]*>(.*?)</code>", page, re.DOTALL)))


def test_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_no_byte_of_a_secret_reaches_stakeholders(case_file, tmp_path, monkeypatch, caplog):
    case = _load(case_file)
    canaries = _canaries(case)
    root = tmp_path / "stakeholders"
    config = _project(case, root, "stakeholders")
    code, out = _check(root, monkeypatch)
    expected = case.get("expect") or []
    if expected:
        assert code == 1, out
        for item in expected:
            assert any(line.startswith(f"{item['at']}: error: ") and item["error"] in line for line in out), (item, out)
        caplog.set_level(logging.ERROR)
        with pytest.raises((Abort, PluginError)):
            build(config)
        for item in expected:
            assert f"{item['at']}: error: " in caplog.text and item["error"] in caplog.text, item
        assert not (root / "site").exists(), "a stopped build writes nothing"
        return
    assert code == 0, out  # check passes, so the build must pass
    site = build(config)
    outputs = _outputs(site)
    assert "strategy/plan.json" in outputs and "search/search_index.json" in outputs
    for rel, text in outputs.items():
        for canary in canaries:
            assert canary not in rel and canary not in text, f"{canary} leaked into {rel}"
    pages = "\n".join(text for rel, text in outputs.items() if rel.endswith(".html"))
    for text in case.get("shown") or []:
        assert text in pages, f"{text!r} should still be shown"
    code_texts = "\n".join(_code_texts(text) for rel, text in outputs.items() if rel.endswith(".html"))
    for text in case.get("code") or []:
        assert text in code_texts, f"{text!r} should be shown as code"
    if case.get("team"):
        team = build(_project(case, tmp_path / "team", "team"))
        team_pages = "\n".join(text for rel, text in _outputs(team).items() if rel.endswith(".html"))
        for text in case["team"]:
            assert text in team_pages, f"the team build should show {text!r}"
