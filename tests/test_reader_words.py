"""Romanian and Bulgarian as a marketer in Cluj or Plovdiv reads them (the December 2026 tester's
notes): real builds of a small bakery plan in ro and a dental clinic plan in bg, asserting the
words a reader gets — feed names without a possessive that depends on the person, the review
meeting called "analiză" and the status "În verificare" in ro, no Bulgarian "в" before a channel
name that may need "във", the time zone, country and currency by name, holiday names without
the country code when the plan has one country, post anchors in the title's own letters, and an
opening page of a shared handbook without "service workers" jargon."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smm_docs_plugin.i18n import packaged_languages
from smm_docs_plugin.share import write_opening_files

from .conftest import build, make_project

BAKERY = {
    "mission.md": """
        ---
        title: Brutăria Spicul de Aur
        mission: Pâine și cozonac din Cluj.
        horizon: {start: 2026-10-01, end: 2027-03-31}
        currency: RON
        timezone: Europe/Bucharest
        holidays: [RO]
        review: {rrule: "FREQ=MONTHLY;BYDAY=1TU", time: "10:00"}
        ---
        """,
    "team/ioana-serban.md": "---\ntitle: Ioana Șerban\ncapacity: 20\n---\n",
    "channels/facebook.md": """
        ---
        title: Pagina de Facebook
        platform: facebook
        purpose: Comenzi de cozonac
        owner: ioana-serban
        ---
        """,
    "goals/cozonac.md": """
        ---
        title: 2.000 de cozonaci de Crăciun
        type: revenue
        metric: comenzi
        owner: ioana-serban
        baseline: 0
        target: 2000
        deadline: 2026-12-24
        ---
        """,
    "initiatives/precomenzi.md": """
        ---
        title: Precomenzi de cozonac
        goal: cozonac
        owner: ioana-serban
        start: 2026-11-15
        duration: 4w
        status: review
        ---
        """,
    "calendar/decembrie.md": """
        ---
        title: Decembrie
        channel: facebook
        owner: ioana-serban
        items:
          - {date: 2026-12-10, time: "18:00", title: "Crăciun fericit de la Spicul de Aur!", status: in-review}
          - {date: 2026-12-11, time: "18:00", title: Ultima zi pentru precomenzi, status: idea}
        ---
        """,
}

CLINIC = {
    "mission.md": """
        ---
        title: Дентална клиника Усмивка
        mission: Здрави усмивки в Пловдив.
        horizon: {start: 2026-10-01, end: 2027-03-31}
        currency: EUR
        timezone: Europe/Sofia
        holidays: [BG, RO]
        ---
        """,
    "team/dimitar.md": "---\ntitle: Димитър Петров\ncapacity: 20\n---\n",
    "channels/facebook.md": """
        ---
        title: Фейсбук страница
        platform: facebook
        purpose: Нови пациенти
        owner: dimitar
        ---
        """,
    "goals/patients.md": """
        ---
        title: Нови пациенти
        type: leads
        metric: пациенти
        owner: dimitar
        baseline: 0
        target: 100
        deadline: 2027-03-31
        ---
        """,
    "initiatives/campaign.md": """
        ---
        title: Коледна кампания
        goal: patients
        owner: dimitar
        start: 2027-01-10
        duration: 4w
        status: backlog
        ---
        """,
    "calendar/december.md": """
        ---
        title: Декември
        channel: facebook
        owner: dimitar
        items:
          - {date: 2026-12-10, time: "18:00", title: Честита Коледа, status: draft, copy: Весели празници!}
        ---
        """,
}


def _site(root: Path, plan: dict[str, str], language: str) -> Path:
    config = make_project(
        root, plan, options={"today": "2026-12-02"}, config={"theme": {"name": "material", "language": language}}
    )
    return build(config, strict=True)


@pytest.fixture(scope="module")
def ro(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("ro"), BAKERY, "ro")


@pytest.fixture(scope="module")
def bg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("bg"), CLINIC, "bg")


def _html(site: Path, *parts: str) -> str:
    return (site.joinpath("strategy", *parts) / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _fact(html: str, label: str) -> str:
    """The value cell of the facts row ``label``, as text."""
    match = re.search(rf'<th scope="row">{re.escape(label)}</th><td>(.*?)</td></tr>', html, re.DOTALL)
    assert match, label
    return _text(match.group(1)).strip()


def _calname(site: Path, person: str) -> str:
    return next(line for line in _feed(site, "calendar", "people", f"{person}.ics") if line.startswith("X-WR-CALNAME:"))


def _feed(site: Path, *parts: str) -> list[str]:
    """The lines of an iCalendar feed, unfolded (RFC 5545 folds at 75 octets)."""
    data = site.joinpath("strategy", *parts).read_bytes().decode("utf-8")
    return data.replace("\r\n ", "").split("\r\n")


def test_a_persons_feed_is_named_without_a_possessive_that_depends_on_the_name(ro: Path, bg: Path) -> None:
    # "calendarul lui Ioana Șerban" is wrong Romanian (Ioanei); the name stands alone.
    assert _calname(ro, "ioana-serban") == "X-WR-CALNAME:Brutăria Spicul de Aur: calendar personal – Ioana Șerban"
    assert _calname(bg, "dimitar") == "X-WR-CALNAME:Дентална клиника Усмивка: календар на Димитър Петров"


def test_romanian_calls_the_meeting_analiza_and_the_status_in_verificare(ro: Path) -> None:
    overview = _text(_html(ro))
    assert "Următoarea analiză" in overview
    reviews = _text(_html(ro, "reviews"))
    assert "Ședințe de analiză" in reviews and "Nicio analiză înregistrată deocamdată." in reviews
    assert "CATEGORIES:Analiza strategiei" in _feed(ro, "calendar.ics")
    initiative = _html(ro, "initiatives", "precomenzi")
    assert _fact(initiative, "Stare") == "În verificare"
    calendar = _text(_html(ro, "calendar"))
    assert "Crăciun fericit de la Spicul de Aur! Postare Ioana Șerban În verificare" in calendar
    # Not one "revizuire" left on any page or feed of the site.
    for path in sorted((ro / "strategy").rglob("*")):
        if path.suffix in (".html", ".ics"):
            assert "revizuir" not in path.read_text(encoding="utf-8").lower(), path


def test_bulgarian_names_a_channel_without_a_preposition_and_says_publication(bg: Path) -> None:
    page = _html(bg, "calendar", "december")
    assert 'aria-label="Преглед: Фейсбук страница"' in page
    assert "Преглед в " not in page
    calendar = _html(bg, "calendar")
    assert '<option value="">Всички статуси</option>' in calendar and "Всеки статус" not in calendar
    assert "Честита Коледа Публикация Димитър Петров Чернова" in _text(calendar)
    # The same word as Material's table of contents would be ambiguous.
    assert "Съдържание" not in _text(calendar[calendar.index("<table") : calendar.rindex("</table>")])
    assert "Списък със задачи" in _text(_html(bg, "roadmap")) and "Беклог" not in _html(bg, "roadmap")


def test_overview_names_the_time_zone_countries_and_currency_in_the_sites_language(ro: Path, bg: Path) -> None:
    overview = _html(ro)
    assert _fact(overview, "Fus orar") == "București (Europe/Bucharest)"
    assert _fact(overview, "Sărbători legale") == "România"
    assert _fact(overview, "Monedă") == "leu românesc (RON)"
    overview = _html(bg)
    assert _fact(overview, "Часова зона") == "София (Europe/Sofia)"
    assert _fact(overview, "Официални празници") == "България Румъния"
    assert _fact(overview, "Валута") == "Евро (EUR)"  # CLDR's capital


def test_a_holiday_names_its_country_only_when_the_plan_has_several(ro: Path, bg: Path) -> None:
    calendar = _text(_html(ro, "calendar"))
    assert "Ziua Națională a României" in calendar and "(RO)" not in calendar
    assert "SUMMARY:Ziua Națională a României" in _feed(ro, "calendar.ics")
    calendar = _text(_html(bg, "calendar"))
    assert "(BG)" in calendar and "(RO)" in calendar


def test_post_anchors_keep_the_titles_letters(ro: Path, bg: Path) -> None:
    page = _html(ro, "calendar", "decembrie")
    assert 'id="post-crăciun-fericit-de-la-spicul-de-aur"' in page
    assert 'id="post-ultima-zi-pentru-precomenzi"' in page  # plain letters: as before
    assert 'href="decembrie/#post-crăciun-fericit-de-la-spicul-de-aur"' in _html(ro, "calendar")
    assert 'id="post-честита-коледа"' in _html(bg, "calendar", "december")


@pytest.mark.parametrize("language", packaged_languages())
def test_the_shared_handbooks_opening_page_says_no_service_workers(tmp_path: Path, language: str) -> None:
    write_opening_files(tmp_path, language=language, site_url=None)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert f'lang="{language}"' in page
    # What a banker reads when the browser cannot open it (the script's comments aside).
    match = re.search(r'<div class="state" id="unsupported"><h1>.*?</h1><p>(.*?)</p></div>', page)
    assert match, language
    text = match.group(1)
    assert "JavaScript" in text and "https" in text
    assert "service" not in text.lower() and "worker" not in text.lower(), text
