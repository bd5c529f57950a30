"""Numbers, amounts, percentages, dates, times and holiday names in the site's language
(``theme.language``), with the plugin's ``locale`` overriding the formats only."""

from __future__ import annotations

import html
import json
import re
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest

from smm_docs_plugin.context import RenderOptions
from smm_docs_plugin.formats import Formats, babel_locale, formats_locale

# Today is Wednesday 2 December 2026: the next weekly review is Monday 7 December at 09:30, and
# the six-week window (30 November to 10 January) holds Christmas and New Year.
PLAN = {
    "mission.md": """
        ---
        title: Velo Cluj
        mission: Bikes for commuters.
        horizon: {start: 2026-07-01, end: 2027-06-30}
        currency: EUR
        timezone: Europe/Bucharest
        holidays: [RO, DE]
        review: {rrule: "FREQ=WEEKLY;BYDAY=MO", time: "09:30", title: Weekly review}
        ---
        """,
    "team/ana.md": "---\ntitle: Ana\ncapacity: 1200.5\n---\n",
    "goals/followers.md": """
        ---
        title: Followers
        type: awareness
        metric: Instagram followers
        baseline: 0
        target: 1000
        start: 2026-07-01
        deadline: 2027-06-30
        owner: ana
        actuals: [{date: 2026-11-30, value: 305}]
        ---
        """,
    "budget/ads.md": "---\ntitle: Ads\ncategory: advertising\nplanned: 1200\n---\n",
}
TODAY = "2026-12-02"


def _text(page: Path) -> str:
    """A page's visible text, tags stripped and spaces collapsed (entities decoded)."""
    source = re.sub(r"<script.*?</script>", " ", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    # Only ASCII white space collapses: no-break spaces are part of the locale's formats.
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", source)))


def _unfolded(feed: Path) -> str:
    return feed.read_text(encoding="utf-8").replace("\r\n ", "").replace("\r\n", "\n").replace("\\,", ",")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same plan built in English, Romanian, German, and English words with Swiss formats."""
    from .conftest import build, make_project

    root = tmp_path_factory.mktemp("formats")
    found = {}
    for name, language, locale in (("en", "en", None), ("ro", "ro", None), ("de", "de", None), ("ch", "en", "de_CH")):
        options = {"today": TODAY, **({"locale": locale} if locale else {})}
        config = make_project(
            root / name, PLAN, options=options, config={"theme": {"name": "material", "language": language}}
        )
        found[name] = build(config, strict=True)
    return found


# --- the locale of a build --------------------------------------------------------------------


def test_material_language_codes_map_to_babel_locales() -> None:
    assert babel_locale("ro") == "ro"
    assert babel_locale("pt-BR") == "pt_BR"
    assert babel_locale("zh-Hant") == "zh_Hant"
    assert babel_locale("zh-TW") == "zh_Hant_TW"
    assert babel_locale("sh") == "sr_Latn"
    assert babel_locale(None) == "en"
    assert babel_locale("xx-nonsense") == "en"  # the words fall back to English, so do the formats
    # The plugin's ``locale`` wins over the language, for the formats only.
    assert formats_locale("de_CH", "en") == "de_CH"
    assert formats_locale("", "bg") == "bg"
    assert RenderOptions(language="pt-BR").locale == "pt_BR"
    assert RenderOptions(language="ro", locale="de_CH").locale == "de_CH"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "09:30"),  # plain English keeps the 24-hour clock plans are written in
        ("en_US", "9:30\u202fAM"),
        ("ro", "09:30"),
        ("de", "09:30"),
        ("bg", "9:30"),
        ("fi", "9.30"),
        ("lv", "09:30"),
        ("id", "09.30"),
        ("fr", "09:30"),
        ("es", "9:30"),
    ],
)
def test_times_as_the_locale_writes_them(locale: str, expected: str) -> None:
    assert Formats(locale).time(time(9, 30)) == expected
    evening = Formats(locale).time(time(19, 0))
    assert ("PM" in evening) == (locale == "en_US"), evening  # 24-hour everywhere but American English


def test_a_date_with_a_time_is_joined_by_the_locales_own_pattern() -> None:
    monday = date(2026, 12, 7)
    assert Formats("ro").datetime(monday, time(9, 30)) == "luni, 7 decembrie 2026, 09:30"
    assert Formats("en").datetime(monday, time(9, 30)) == "Monday, December 7, 2026 at 09:30"
    assert Formats("en_US").datetime(monday, time(9, 30)) == "Monday, December 7, 2026, 9:30\u202fAM"
    assert Formats("fi").datetime(monday, time(9, 30)) == "maanantai 7. joulukuuta 2026 9.30"
    assert Formats("ro").datetime(monday, None) == "luni, 7 decembrie 2026"


def test_numbers_and_percentages_in_the_locales_form() -> None:
    ro, de, en = Formats("ro"), Formats("de"), Formats("en")
    assert ro.percent(Decimal("0.305")) == "30,5\u00a0%"
    assert en.percent(Decimal("0.305")) == "30.5%"
    assert ro.progress(Decimal("0.3999")) == "39\u00a0%"  # cut toward zero, never rounded up
    assert de.signed_percent(Decimal("9.1")) == "+9,1\u00a0%"
    assert de.signed(Decimal("-3.5")) == "-3,5" and de.signed(Decimal(1200)) == "+1.200"
    assert ro.number(Decimal("1200.5")) == "1.200,5"
    assert Formats("tr").percent(Decimal("0.3")) == "%30"  # the locale's pattern, sign before
    assert ro.money(Decimal(1200), "RON") == "1.200,00\u00a0RON"
    assert ro.month("2027-02") == "februarie 2027"


# --- built sites ------------------------------------------------------------------------------


def test_romanian_site_writes_romanian_dates_times_amounts_and_percentages(sites: dict[str, Path]) -> None:
    overview = _text(sites["ro"] / "strategy" / "index.html")
    assert "Weekly review: luni, 7 decembrie 2026, la 09:30" in overview
    assert " at 09:30" not in overview and "AM" not in overview
    budget = _text(sites["ro"] / "strategy" / "budget" / "index.html")
    assert "14.400,00\u00a0EUR" in budget and "1.200,00\u00a0EUR" in budget  # CLDR's Romanian writes the code
    kpis = _text(sites["ro"] / "strategy" / "kpis" / "index.html")
    assert "30\u00a0%" in kpis and "30.5%" not in kpis
    calendar = sites["ro"] / "strategy" / "calendar" / "index.html"
    assert 'datetime="09:30">09:30</time>' in calendar.read_text(encoding="utf-8")
    assert "decembrie 2026" in _text(calendar)
    team = _text(sites["ro"] / "strategy" / "team" / "ana" / "index.html")
    assert "1.200,5" in team  # hours of capacity


def test_english_site_keeps_its_24_hour_times_and_machine_data_stays_hh_mm(sites: dict[str, Path]) -> None:
    overview = _text(sites["en"] / "strategy" / "index.html")
    assert "Weekly review: Monday, December 7, 2026 at 09:30" in overview
    calendar = (sites["en"] / "strategy" / "calendar" / "index.html").read_text(encoding="utf-8")
    assert 'datetime="09:30">09:30</time>' in calendar
    assert "€14,400.00" in _text(sites["en"] / "strategy" / "budget" / "index.html")
    for name in ("en", "ro"):
        plan = json.loads((sites[name] / "strategy" / "plan.json").read_text(encoding="utf-8"))
        reviews = [e for e in plan["calendar_window"] if e["kind"] == "review"]
        assert reviews and {e["time"] for e in reviews} == {"09:30"}, name
        feed = _unfolded(sites[name] / "strategy" / "calendar.ics")
        assert "SUMMARY:Weekly review\nDTSTART;TZID=Europe/Bucharest:20260706T093000\n" in feed  # RFC 5545


def test_locale_overrides_the_formats_and_keeps_the_languages_words(sites: dict[str, Path]) -> None:
    budget = _text(sites["ch"] / "strategy" / "budget" / "index.html")
    # Babel's de_CH (CLDR 47) groups with an apostrophe and keeps the decimal point.
    assert "EUR\u00a014'400.00" in budget and "EUR\u00a01'200.00" in budget
    assert "Budget to date" in budget  # English words: ``locale`` never changes the language
    overview = _text(sites["ch"] / "strategy" / "index.html")
    assert "Weekly review: Montag, 7. Dezember 2026 at 09:30" in overview


def test_holiday_names_in_the_sites_language_where_the_holidays_package_has_it(sites: dict[str, Path]) -> None:
    ro = _text(sites["ro"] / "strategy" / "calendar" / "index.html")
    assert "Crăciunul (RO)" in ro
    assert "Erster Weihnachtstag (DE)" in ro  # no Romanian names for Germany: its own language
    de = _text(sites["de"] / "strategy" / "calendar" / "index.html")
    assert "Erster Weihnachtstag (DE)" in de and "Neujahr (DE)" in de
    assert "Crăciunul (RO)" in de  # no German names for Romania's holidays: Romanian
    en = _text(sites["en"] / "strategy" / "calendar" / "index.html")
    assert "Christmas Day (DE)" in en and "Christmas Day (RO)" in en
    # The feeds carry the same names as the pages.
    assert "SUMMARY:Crăciunul (RO)" in _unfolded(sites["ro"] / "strategy" / "calendar.ics")
    assert "Erster Weihnachtstag (DE)" in _unfolded(sites["de"] / "strategy" / "calendar.ics")
