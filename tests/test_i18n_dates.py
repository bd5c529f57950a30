"""Dates inside the handbook's sentences, in every shipped language: a date that ends with a
period (Bulgarian "30.06.2027 г.", Latvian "1. jūl.") closes its sentence without a second one,
and French writes the first of a month "1er" (issue #17)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smm_docs_plugin.i18n import packaged_languages

from .conftest import EXAMPLE_PLAN, build, make_project

#: A word, then two periods, then a space, a tag or the end of a line ("2027 г.. Измервания").
DOUBLED = re.compile(r"\w\.\.(?=[\s<\"]|$)", re.MULTILINE)
FRENCH_MONTHS = "janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc"


def _site(tmp_path: Path, language: str) -> Path:
    cfg = make_project(
        tmp_path / "p",
        copy_plan=EXAMPLE_PLAN,
        config={"theme": {"name": "material", "language": language}, "site_url": "https://example.org/"},
    )
    # A slot on the first of every month: "on day 1 of the month" in each language.
    website = cfg.parent / "plan" / "channels" / "website.md"
    website.write_text(
        website.read_text(encoding="utf-8").replace("FREQ=MONTHLY;BYDAY=2MO", "FREQ=MONTHLY;BYMONTHDAY=1"),
        encoding="utf-8",
    )
    return build(cfg)


def _texts(site: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site)): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*"))
        if path.suffix in (".html", ".ics") and path.is_file()
    }


@pytest.mark.parametrize("language", packaged_languages())
def test_no_doubled_period_after_a_date(tmp_path: Path, language: str):
    texts = _texts(_site(tmp_path, language))
    assert any(name.endswith(".ics") for name in texts)
    doubled = {name: DOUBLED.findall(text) for name, text in texts.items() if DOUBLED.search(text)}
    assert doubled == {}
    if language == "bg":  # the dates of the goal panels end their sentences with the year's "г."
        goals = "".join(text for name, text in texts.items() if name.startswith("strategy/goals/"))
        assert re.search(r"\d{4}\u202fг\. Измервания", goals)


def test_french_writes_the_first_of_a_month_1er(tmp_path: Path):
    texts = _texts(_site(tmp_path, "fr"))
    pages = "".join(text for name, text in texts.items() if name.endswith(".html"))
    assert "horizon du 1er juil. 2026 au 30 juin 2027" in pages
    assert re.search(rf"\b1er ({FRENCH_MONTHS})", pages)
    assert not re.search(rf"(?<![\d/.])1 ({FRENCH_MONTHS})", pages)  # never "1 juil."
    website = texts["strategy/channels/website/index.html"]
    assert "Tous les mois le 1er à 09:30" in website
    assert not re.search(r"\ble 1(?![\der])", website)
    # Other days keep the plain number.
    assert re.search(rf"\b2 ({FRENCH_MONTHS})", pages) or re.search(rf"\b15 ({FRENCH_MONTHS})", pages)
