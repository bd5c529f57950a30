"""The handbook among Material's plugins: plan ``tags`` reach Material's tags plugin, and a
build without ``site_url`` says once what it needs it for (without failing ``--strict``)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import html5lib
import pytest

from .conftest import build, make_project

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_PLAN = REPO / "plan"
XHTML = {"h": "http://www.w3.org/1999/xhtml"}
SITE_URL_NOTE = "site_url is not set in mkdocs.yml"


def _tag_index(site: Path) -> dict[str, set[str]]:
    """Tag name -> the pages Material's tags listing links under it."""
    doc = html5lib.parse((site / "tags" / "index.html").read_text(encoding="utf-8"), namespaceHTMLElements=True)
    article = doc.find(".//h:article", XHTML)
    listing: dict[str, set[str]] = {}
    current = None
    for element in article.iter():
        tag = element.tag.split("}")[-1]
        if tag in ("h2", "h3"):
            current = "".join(element.itertext()).strip().strip("¶").strip()
            listing[current] = set()
        elif tag == "a" and current is not None and "headerlink" not in (element.get("class") or ""):
            listing[current].add(element.get("href"))
    return listing


@pytest.mark.parametrize("audience", ["team", "stakeholders"])
def test_plan_tags_reach_materials_tags_plugin(tmp_path: Path, audience: str) -> None:
    config = make_project(
        tmp_path / "project",
        copy_plan=EXAMPLE_PLAN,
        docs={"index.md": "# Handbook\n", "tags.md": "# Tags\n\n<!-- material/tags -->\n"},
        options={"audience": audience},
        config={"plugins": ["search", "tags", {"smm": {"today": "2026-10-12", "audience": audience}}]},
    )
    site = build(config, strict=True)
    listing = _tag_index(site)
    # The example's goal "Grow the German Instagram audience" carries tags [instagram, germany].
    assert any(href.endswith("strategy/goals/instagram-de-followers/") for href in listing["instagram"]), listing.get(
        "instagram"
    )
    assert any(href.endswith("strategy/goals/instagram-de-followers/") for href in listing["germany"])
    # Every linked page exists in this build (an internal entity has no page for stakeholders).
    for hrefs in listing.values():
        for href in hrefs:
            target = (site / "tags" / href.split("#")[0]).resolve()
            assert (target / "index.html").is_file() or target.is_file(), href
    # The goal page itself names its tags (Material's own tag links, beside the plan's badges).
    page = (site / "strategy" / "goals" / "instagram-de-followers" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="md-tag[^"]*"[^>]*>\s*instagram', page)


def test_without_site_url_the_build_says_once_what_needs_it_and_still_passes_strict(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs")
    config = make_project(tmp_path / "without", copy_plan=EXAMPLE_PLAN)
    site = build(config, strict=True)
    assert (site / "strategy" / "calendar.ics").is_file()
    notes = [r for r in caplog.records if SITE_URL_NOTE in r.getMessage()]
    assert len(notes) == 1 and notes[0].levelno == logging.INFO
    assert "feeds" in notes[0].getMessage() and "sitemap.xml" in notes[0].getMessage()

    caplog.clear()
    config = make_project(
        tmp_path / "with", copy_plan=EXAMPLE_PLAN, config={"site_url": "https://example.com/handbook/"}
    )
    site = build(config, strict=True)
    assert not [r for r in caplog.records if SITE_URL_NOTE in r.getMessage()]
    assert "https://example.com/handbook/strategy/" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_scaffold_and_example_set_site_url() -> None:
    for path in (REPO / "mkdocs.yml", REPO / "smm_docs_plugin" / "scaffold" / "mkdocs.yml"):
        assert re.search(r"^site_url: https://\S+/\s", path.read_text(encoding="utf-8"), re.MULTILINE), path


def test_a_theme_directive_keeps_working_for_stakeholders_and_hides_its_text_without_its_plugin(tmp_path: Path) -> None:
    """Stakeholder builds drop HTML comments, but not Material's ``<!-- material/tags -->`` (its
    plugin replaces it by the listing, as the test above shows); without that plugin nothing of
    the comment may reach a page, the search index or any other file."""
    config = make_project(
        tmp_path / "project",
        copy_plan=EXAMPLE_PLAN,
        docs={
            "index.md": "# Handbook\n",
            "tags.md": (
                "# Tags\n\n<!-- material/tags { include: [CANARY-5e1d] } -->\n\nText <!--more CANARY-77aa--> after.\n"
            ),
        },
        options={"audience": "stakeholders"},
        config={"plugins": ["search", {"smm": {"today": "2026-10-12", "audience": "stakeholders"}}]},
    )
    site = build(config, strict=True)
    assert "after." in (site / "tags" / "index.html").read_text(encoding="utf-8")
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"CANARY" not in data and b"material/tags" not in data, path
