"""Pseudo-locale proof (#17): with a team's ``en.po`` whose every msgstr is wrapped in ⟦…⟧, a real
MkDocs + Material build writes no word of its own outside the markers. Every text node and
every title, aria-label and alt of every generated page (and its navigation entries), the SVG
text and the feeds' calendar names, summaries, descriptions and categories either lies inside
markers or is a word of the plan (titles, names, values), a number or a date."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import get_day_names, get_month_names, get_timezone, get_timezone_location
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from babel.numbers import get_currency_name

from smm_docs_plugin.i18n import PACKAGE_LOCALES

from .conftest import EXAMPLE_PLAN, build, make_project

OPEN, CLOSE = "⟦", "⟧"
_INNERMOST = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_WORD = re.compile(r"[^\W\d_]+")


def pseudo_catalogue(folder: Path) -> Path:
    """``folder/en.po``: every message of the package, its English wrapped in markers."""
    with (PACKAGE_LOCALES / "smm.pot").open("rb") as fh:
        template = read_po(fh)
    catalog = Catalog(locale="en", domain="smm")
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            string: object = tuple(f"{OPEN}{form}{CLOSE}" for form in message.id)
        else:
            string = f"{OPEN}{message.id}{CLOSE}"
        catalog.add(message.id, string, flags=message.flags, context=message.context)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "en.po").open("wb") as fh:
        write_po(fh, catalog)
    return folder


def outside_markers(text: str) -> str:
    """``text`` without every marked span (markers nest: a message inside a message's value)."""
    while True:
        stripped = _INNERMOST.sub(" ", text)
        if stripped == text:
            return text
        text = stripped


def plan_words(plan: Path) -> set[str]:
    """Every word written in the plan's values and bodies (not its YAML keys)."""
    words: set[str] = set()

    def walk(value: object, top: bool = True) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if not top:  # a free-form map's own keys (private: {phone: …}); fields are translated
                    words.update(w.lower() for w in _WORD.findall(str(key)))
                walk(item, top=False)
        elif isinstance(value, list):
            for item in value:
                walk(item, top=False)
        elif value is not None:
            words.update(w.lower() for w in _WORD.findall(str(value)))

    for path in plan.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            _, front, body = text.split("---", 2)
            walk(yaml.safe_load(front))
        else:
            body = text
        words.update(w.lower() for w in _WORD.findall(body))
        words.update(w.lower() for w in _WORD.findall(path.stem))
    return words


_SKIP = {"script", "style", "code", "pre"}
_READABLE = ("title", "aria-label", "alt")


def page_texts(page: Path) -> list[str]:
    """The text nodes and readable attributes (title, aria-label, alt) of a page's article, its
    ``<title>`` and its navigation entries that lead into the handbook's generated pages."""
    import html5lib

    root = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    texts: list[str] = []
    title = root.find(".//title")
    if title is not None and title.text:
        texts.append(title.text)

    def walk(element, *, skip: bool = False) -> None:  # type: ignore[no-untyped-def]
        tag = element.tag if isinstance(element.tag, str) else ""
        local = tag.rsplit("}", 1)[-1]
        skip = skip or local in _SKIP or "headerlink" in (element.get("class") or "")
        if not skip:
            texts.extend(v for k, v in element.attrib.items() if k in _READABLE and v)
            if element.text and local:
                texts.append(element.text)
        for child in element:
            walk(child, skip=skip)
            if child.tail and not skip:
                texts.append(child.tail)

    for article in root.iter("article"):
        walk(article)
    for link in root.iter("a"):
        href = link.get("href") or ""
        if "md-nav__link" in (link.get("class") or "") and "strategy" in href:
            texts.append("".join(link.itertext()))
    return [t for t in texts if t.strip()]


_FILE_NAME = re.compile(r"[\w.-]+\.(?:csv|json|ics)\b")
_CUT = re.compile(r"([^\W\d_]+)…")


def leaks(text: str, allowed: set[str]) -> list[str]:
    """The words of ``text`` outside markers that are neither the plan's nor allowed; a title
    cut short ("First four origin stories publi…") ends in the start of a plan word; file
    names (plan.json) are names."""
    rest = _FILE_NAME.sub(" ", outside_markers(text))
    cut = {m.group(1) for m in _CUT.finditer(rest)}
    return [
        w
        for w in _WORD.findall(rest)
        if w.lower() not in allowed and not (w in cut and any(a.startswith(w.lower()) for a in allowed))
    ]


def _allowed(plan: Path, site_name: str) -> set[str]:
    import holidays

    allowed = plan_words(plan) | {w.lower() for w in _WORD.findall(site_name)}
    # Public holidays' names come from the holidays package (in the site's language where it has it).
    mission = yaml.safe_load((plan / "mission.md").read_text(encoding="utf-8").split("---")[1]) or {}
    for country in mission.get("holidays") or []:
        for name in holidays.country_holidays(str(country), years=range(2025, 2030)).values():
            allowed |= {w.lower() for w in _WORD.findall(name)}
    for names in (get_month_names("wide", locale="en"), get_month_names("abbreviated", locale="en")):
        allowed |= {n.lower() for n in names.values()}
    for names in (get_day_names("wide", locale="en"), get_day_names("abbreviated", locale="en")):
        allowed |= {n.lower() for n in names.values()}
    # CLDR's names of the plan's codes on the overview: holiday countries, currency, time zone's city.
    english = Locale.parse("en")
    names = [english.territories.get(str(c).upper().split("-")[0], "") for c in mission.get("holidays") or []]
    names.append(get_currency_name(str(mission.get("currency", "EUR")), locale="en"))
    zone = get_timezone(str(mission.get("timezone", "Europe/Berlin")))
    names.append(str(get_timezone_location(zone, locale="en", return_city=True)))
    allowed |= {w.lower() for name in names for w in _WORD.findall(name)}
    # Babel's own patterns and symbols: "Dec 7, 2026", "9:30 AM", "€", "W49"
    allowed |= {"am", "pm", "w", "eur", "usd", "ron", "h"}
    return allowed


def assert_all_words_from_catalogue_or_plan(site: Path, plan: Path, site_name: str) -> int:
    allowed = _allowed(plan, site_name)
    found: dict[str, list[str]] = {}
    pages = sorted((site / "strategy").rglob("*.html"))
    assert pages
    for page in pages:
        for text in page_texts(page):
            bad = leaks(text, allowed)
            if bad:
                found.setdefault(page.relative_to(site).as_posix(), []).append(
                    f"{' '.join(bad)!r} in {text.strip()[:80]!r}"
                )
    for feed in sorted((site / "strategy").rglob("*.ics")):
        for line in feed.read_text(encoding="utf-8").replace("\n ", "").splitlines():
            name, _, value = line.partition(":")
            if name.split(";")[0] in ("X-WR-CALNAME", "SUMMARY", "DESCRIPTION", "CATEGORIES", "NAME"):
                value = re.sub(r"https?://\S+", " ", value.replace("\\n", " ").replace("\\,", ","))
                bad = leaks(value, allowed)
                if bad:
                    found.setdefault(feed.relative_to(site).as_posix(), []).append(f"{bad!r} in {value[:80]!r}")
    assert found == {}, "\n".join(f"{page}: {items[:6]}" for page, items in found.items())
    return len(pages)


def test_the_example_writes_every_word_through_the_catalogue(tmp_path: Path) -> None:
    locales = pseudo_catalogue(tmp_path / "locales")
    config = make_project(
        tmp_path / "p",
        copy_plan=EXAMPLE_PLAN,
        options={"today": "2026-12-02", "locales_dir": str(locales)},
        config={"site_url": "https://example.org/handbook/", "site_name": "Handbook"},
    )
    site = build(config)
    assert "⟦Goals⟧" in (site / "strategy" / "goals" / "index.html").read_text(encoding="utf-8")
    assert assert_all_words_from_catalogue_or_plan(site, config.parent / "plan", "Handbook") > 50
    stakeholders = make_project(
        tmp_path / "s",
        copy_plan=EXAMPLE_PLAN,
        options={"today": "2027-03-10", "locales_dir": str(locales), "audience": "stakeholders"},
        config={"site_url": "https://example.org/handbook/", "site_name": "Handbook"},
    )
    site = build(stakeholders)
    assert assert_all_words_from_catalogue_or_plan(site, stakeholders.parent / "plan", "Handbook") > 20


#: A second plan, written in Romanian so that no English word of the handbook can pass as the
#: plan's own: every section, one actual (a singular), recurrences with intervals, counts, month
#: days and an nth weekday, a one-week calendar window, a post over Instagram's limits.
SECOND_PLAN = {
    "mission.md": """\
        ---
        title: Florăria Zorile
        mission: Flori proaspete livrate în aceeași zi în Cluj.
        vision: Florăria la care se gândesc primii clujenii de ziua mamei.
        values: [Prospețime, Sinceritate]
        founded: 2018
        founders: [Ana Pop]
        horizon: {start: 2027-01-01, end: 2027-06-30}
        currency: RON
        timezone: Europe/Bucharest
        swot:
          strengths: [Livrare în două ore]
          weaknesses: [Echipă mică]
          opportunities: [Nunțile de vară]
          threats: [Supermarketurile]
        company_goals:
          - id: vanzari
            title: Vânzări online duble
        review:
          rrule: FREQ=MONTHLY;BYDAY=2WE
          title: Analiza lunară
          time: "10:00"
        holidays: [RO]
        ---
        Povestea noastră începe într-o piață din Cluj.
        """,
    "goals/comunitate.md": """\
        ---
        title: Comunitate de cumpărători fideli
        type: community
        supports: vanzari
        metric: Membri activi în grup
        unit: membri
        baseline: 0
        target: 300
        start: 2027-01-01
        deadline: 2027-06-30
        owner: ana-pop
        channels: [instagram-zorile]
        actuals:
          - date: 2027-02-01
            value: 40
        ---
        """,
    "goals/vanzari-online.md": """\
        ---
        title: Comenzi online
        type: revenue
        supports: vanzari
        metric: Comenzi pe lună
        unit: comenzi
        baseline: 100
        target: 200
        start: 2027-01-01
        deadline: 2027-06-30
        owner: radu-ilie
        ---
        """,
    "personas/mireasa-maria.md": """\
        ---
        title: Maria, mireasa
        summary: Își caută florile pentru nuntă.
        age: 29
        channels: [instagram-zorile]
        challenges: [Timp puțin]
        ---
        """,
    "competitors/flori-rapide.md": """\
        ---
        title: Flori Rapide
        summary: Lanț național de florării.
        channels:
          - platform: instagram
            handle: "@florirapide"
            followers: 12000
            avg_likes: 300
            avg_shares: 10
            avg_comments: 20
            posts_per_week: 5
        swot:
          strengths: [Prețuri mici]
          weaknesses: [Flori vechi]
        ---
        """,
    "channels/instagram-zorile.md": """\
        ---
        title: Instagram Zorile
        platform: instagram
        handle: "@zorile"
        purpose: Aranjamente florale zilnice.
        role: sales
        owner: ana-pop
        followers: 2100
        cadence:
          - rrule: FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH
            time: "18:00"
            title: Buchetul săptămânii
            effort: 1
          - rrule: FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=6
            time: "09:00"
            title: Oferta lunii
          - rrule: FREQ=MONTHLY;BYDAY=-1FR
            title: Culisele atelierului
        account:
          login_email: social@zorile.example
          two_factor: false
        ---
        """,
    "channels/newsletter-zorile.md": """\
        ---
        title: Scrisoarea Zorile
        platform: newsletter
        purpose: Noutăți pentru abonați.
        role: sales
        owner: radu-ilie
        cadence:
          - rrule: FREQ=YEARLY;BYMONTH=2,3
            title: Scrisoare de sezon
        ---
        """,
    "initiatives/nunti.md": """\
        ---
        title: Sezonul nunților
        goal: vanzari-online
        owner: radu-ilie
        contributors: [ana-pop]
        start: 2027-02-01
        duration: 3m
        status: in-progress
        value: 4
        complexity: 2
        channels: [instagram-zorile]
        personas: [mireasa-maria]
        depends_on: [grup]
        milestones:
          - date: 2027-03-01
            title: Catalogul de nuntă online
        tasks:
          - title: Fotografii cu aranjamente
            owner: ana-pop
            due: 2027-02-20
            status: todo
          - title: Prețuri pentru pachete
            owner: radu-ilie
            due: 2027-02-10
            status: done
        ---
        """,
    "initiatives/grup.md": """\
        ---
        title: Grupul clienților
        goal: comunitate
        owner: ana-pop
        start: 2027-01-10
        end: 2027-02-28
        status: backlog
        ---
        """,
    "team/ana-pop.md": """\
        ---
        title: Ana Pop
        roles: [lead, creative]
        capacity: 2
        ---
        """,
    "team/radu-ilie.md": """\
        ---
        title: Radu Ilie
        roles: [ads]
        capacity: 10
        ---
        """,
    "budget/reclame.md": """\
        ---
        title: Reclame Instagram
        category: advertising
        channel: instagram-zorile
        initiative: nunti
        planned: {2027-01: 500, 2027-02: 500, 2027-03: 800}
        actual: {2027-01: 620.50}
        carry_over: true
        ---
        """,
    "calendar/martie.md": """\
        ---
        title: Martie
        items:
          - date: 2027-03-08
            time: "08:00"
            title: Mărțișor și flori de 8 martie
            channel: instagram-zorile
            owner: ana-pop
            status: draft
            copy: Comandă acum pe https://zorile.example/8martie
            hashtags: [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16,
              a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a31]
            media:
              - file: media/floare.png
                alt: ""
          - date: 2027-03-10
            title: Concurs de primăvară
            channel: newsletter-zorile
            status: idea
        ---
        """,
    "reports/instagram-zorile-2027-01.md": """\
        ---
        title: Raport ianuarie
        channel: instagram-zorile
        period: 2027-01
        metrics: {urmăritori: 2100, aprecieri: 5400}
        ---
        """,
    "reviews/analiza-februarie.md": """\
        ---
        title: Analiza din februarie
        date: 2027-02-10
        attendees: [ana-pop, radu-ilie]
        decisions: [Mai multe clipuri]
        ---
        """,
}


def test_a_romanian_plan_writes_every_word_through_the_catalogue(tmp_path: Path) -> None:
    locales = pseudo_catalogue(tmp_path / "locales")
    for audience in ("team", "stakeholders"):
        root = tmp_path / audience
        (root / "media").mkdir(parents=True)
        (root / "media" / "floare.png").write_bytes(
            bytes.fromhex(
                "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c50000000049454e44ae426082"
            )
        )
        config = make_project(
            root,
            SECOND_PLAN,
            options={"today": "2027-02-15", "locales_dir": str(locales), "audience": audience, "calendar_weeks": 1},
            config={"site_url": "https://example.org/zorile/", "site_name": "Zorile"},
        )
        site = build(config)
        pages = assert_all_words_from_catalogue_or_plan(site, root / "plan", "Zorile")
        assert pages > 10
        if audience == "team":
            calendar = (site / "strategy" / "calendar" / "index.html").read_text(encoding="utf-8")
            assert "⟦As of" in calendar  # the one-week window's singular


def test_the_share_page_words_come_from_the_catalogue(tmp_path: Path) -> None:
    from smm_docs_plugin.share import write_opening_files

    locales = pseudo_catalogue(tmp_path / "locales")
    site = tmp_path / "site"
    site.mkdir()
    write_opening_files(site, language="en", site_url=None, locales_dir=locales)
    page = site / "index.html"
    import html5lib

    root = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    texts = [t for el in root.iter() if el.tag in ("title", "h1", "p") for t in [el.text or ""] if t.strip()]
    assert len(texts) >= 10
    assert [t for t in texts if leaks(t, set())] == []
    assert "⟦Shared handbook⟧" in page.read_text(encoding="utf-8")
