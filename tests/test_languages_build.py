"""The example handbook in every shipped language (issue 17's proof): `mkdocs build --strict`
with only `theme.language` changed (and the website's monthly slot moved to the first of the
month), and what a reader meets speaks that language — every page's `lang`, the navigation's
section titles and each section page's heading, no English label of the catalogue on any page,
dates that end with a period (Bulgarian "30.06.2027 г.", Latvian "1. jūl.") closing their
sentence without a second one, French "1er" — while the English build keeps its English."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from smm_docs_plugin import sections
from smm_docs_plugin.i18n import load_translations, packaged_languages

from .conftest import REPO, build

# 2026-12-02 12:00 UTC: inside the example's horizon.
EPOCH = "1796212800"
LANGUAGES = packaged_languages()


def test_every_shipped_language_is_built_below() -> None:
    assert LANGUAGES == ["bg", "de", "en", "es", "fi", "fr", "id", "lv", "ro"]


@pytest.fixture(scope="module", params=LANGUAGES)
def example_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    language = request.param
    root = tmp_path_factory.mktemp(f"example-{language}")
    for name in ("plan", "docs", "media"):
        shutil.copytree(REPO / name, root / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config, replaced = re.subn(r"(?m)^  language: en$", f"  language: {language}", config)
    assert replaced == 1
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    # A slot on the first of every month: "on day 1 of the month" in each language's sentences.
    website = root / "plan" / "channels" / "website.md"
    text = website.read_text(encoding="utf-8")
    assert "FREQ=MONTHLY;BYDAY=2MO" in text
    website.write_text(text.replace("FREQ=MONTHLY;BYDAY=2MO", "FREQ=MONTHLY;BYMONTHDAY=1"), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return language, build(root / "mkdocs.yml", strict=True)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_example_builds_strict_and_reads_in_the_language(example_site: tuple[str, Path]) -> None:
    language, site = example_site
    words = load_translations(language)
    pages = sorted((site / "strategy").rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in html, page
    overview = (site / "strategy" / "index.html").read_text(encoding="utf-8")
    # The site navigation: the primary sidebar (the page's own TOC is the secondary one).
    nav = _text(overview[overview.index("md-sidebar--primary") : overview.index("md-sidebar--secondary")])
    for section in sections.sections():
        index = site / "strategy" / section.name / "index.html"
        if not index.is_file():
            continue
        title = words.gettext(section.title)
        assert title in nav, (section.name, title)
        page = _text(index.read_text(encoding="utf-8"))
        assert "<h1" in index.read_text(encoding="utf-8") and title in page, (section.name, title)
        if language != "en":
            assert words.gettext(section.intro) != section.intro, (language, section.intro)
            assert section.intro not in page, (language, section.intro)  # no English lead sentence left
            if title != section.title:
                assert f" {section.title} " not in f" {nav} ", (language, section.title)
    feeds = sorted((site / "strategy" / "calendar").rglob("*.ics"))
    assert feeds
    for feed in feeds:
        text = feed.read_text(encoding="utf-8")
        assert "X-WR-CALNAME:" in text and "VEVENT" in text, feed


def _english_messages(language: str) -> list[str]:
    """The catalogue's English sentences and labels a reader would notice (two words or more,
    no placeholder) whose translation in ``language`` differs from the English."""
    from babel.messages.pofile import read_po

    with open(REPO / "smm_docs_plugin" / "locales" / language / "LC_MESSAGES" / "smm.po", "rb") as handle:
        catalogue = read_po(handle)
    found = []
    for message in catalogue:
        if not message.id or isinstance(message.id, tuple) or "%" in message.id or " " not in message.id.strip():
            continue
        if message.string and message.string != message.id:
            found.append(message.id)
    return found


class _Texts(HTMLParser):
    """A page's text nodes and the attributes a reader meets (title, aria-label, alt,
    placeholder), each stripped; script and style left out."""

    SHOWN = ("title", "aria-label", "alt", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.texts: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.texts.update((value or "").strip() for name, value in attrs if name in self.SHOWN)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.texts.add(data.strip())


def test_no_english_label_of_the_catalogue_is_left_on_a_page(example_site: tuple[str, Path]) -> None:
    """Every generated page, read as a reader meets it: no text node or shown attribute is one
    of the catalogue's English phrases (whose translation differs) in a non-English build. (The
    example's plan is written in English, so a phrase inside a plan sentence is the plan's.)"""
    language, site = example_site
    if language == "en":
        return
    written = " ".join(
        re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
        for folder in ("plan", "docs")
        for path in sorted((REPO / folder).rglob("*.md"))
    )
    # A phrase the team itself wrote somewhere in its plan or pages ("**carries over**") is theirs.
    phrases = {phrase for phrase in _english_messages(language) if phrase not in written}
    assert len(phrases) > 200
    leftovers: dict[str, list[str]] = {}
    for path in [*(site / "strategy").rglob("*.html"), site / "index.html"]:
        parser = _Texts()
        parser.feed(path.read_text(encoding="utf-8"))
        for text in parser.texts:
            if text.rstrip(":").strip() in phrases:
                leftovers.setdefault(text, []).append(str(path.relative_to(site)))
    assert leftovers == {}, {k: v[:3] for k, v in leftovers.items()}


#: A word, then two periods, then a space, a tag or the end of a line ("2027 г.. Измервания").
DOUBLED = re.compile(r"\w\.\.(?=[\s<\"]|$)", re.MULTILINE)
FRENCH_MONTHS = "janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc"


def _pages_and_feeds(site: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site)): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*"))
        if path.suffix in (".html", ".ics") and path.is_file()
    }


def test_no_doubled_period_after_a_date(example_site: tuple[str, Path]) -> None:
    language, site = example_site
    texts = _pages_and_feeds(site)
    assert any(name.endswith(".ics") for name in texts)
    doubled = {name: DOUBLED.findall(text) for name, text in texts.items() if DOUBLED.search(text)}
    assert doubled == {}
    if language == "bg":  # the dates of the goal panels end their sentences with the year's "г."
        goals = "".join(text for name, text in texts.items() if name.startswith("strategy/goals/"))
        assert re.search(r"\d{4}\u202fг\. Измервания", goals)


def test_french_writes_the_first_of_a_month_1er(example_site: tuple[str, Path]) -> None:
    language, site = example_site
    if language != "fr":
        return
    texts = _pages_and_feeds(site)
    pages = "".join(text for name, text in texts.items() if name.endswith(".html"))
    assert "horizon du 1er juil. 2026 au 30 juin 2027" in pages
    assert re.search(rf"\b1er ({FRENCH_MONTHS})", pages)
    assert not re.search(rf"(?<![\d/.])1 ({FRENCH_MONTHS})", pages)  # never "1 juil."
    website = texts["strategy/channels/website/index.html"]
    assert "Tous les mois le 1er à 09:30" in website
    assert not re.search(r"\ble 1(?![\der])", website)
    # Other days keep the plain number.
    assert re.search(rf"\b2 ({FRENCH_MONTHS})", pages) or re.search(rf"\b15 ({FRENCH_MONTHS})", pages)
