"""Every plan value is untrusted (plan files come from many hands through pull requests).

A plan whose every free-text field carries a payload is built with real MkDocs + Material;
the HTML (pages, inline SVG with ``<title>`` tooltips), the search index, ``budget.csv`` and
the ``.ics`` feeds are parsed the way a browser, a spreadsheet and a calendar app read them,
and no payload may come alive. Hostile files (huge, deeply nested, symlinked) end in clean
errors; see also the golden cases in tests/golden/errors (javascript-url, hostile-urls,
symlink-*, deep-*, yaml-bomb, unsafe-tag).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import icalendar
import pytest

from smm_docs_plugin.cli import main

from .conftest import MINIMAL_PLAN


def script(tag: str) -> str:
    """A script payload; ``tag`` says which field it came from when one comes alive."""
    return f'<script>alert("{tag}")</script>'


def attr(tag: str) -> str:
    """An attribute-breaking payload (for values that may land inside an attribute)."""
    return f'"\'><img src=x onerror=alert("{tag}")>'


def yq(text: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(text)


NEWLINE_TITLE = "Launch day\nATTENDEE:mailto:evil@example.com\nX-INJECTED:1"
CR_TITLE = "Teaser\r\nLOCATION:Evil HQ\rX-ALSO:1"
TEMPLATE_TEXT = " {{ 7*191 }} {% raw %}"
PERSONA_TITLE = "Pat\n" + script("persona-title-newline")
CHANNEL_TITLE = "Insta\n" + script("channel-title") + "\nX-CHANNEL:1"
FORMULAS = {
    "hyperlink": '=HYPERLINK("http://evil.example.com/steal","Click me")',
    "plus": "+1",
    "minus": "-1",
    "at": "@SUM(A1:A9)",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}

HOSTILE_PLAN = {
    "mission.md": f"""
        ---
        title: {yq("Acme " + script("mission-title"))}
        mission: {yq(script("mission-mission"))}
        vision: {yq(attr("mission-vision"))}
        values: [{yq(script("mission-value"))}]
        headquarters: {yq(attr("mission-hq"))}
        founders: [{yq(script("mission-founder"))}]
        milestones:
          - {{date: 2026-05-01, title: {yq(script("mission-milestone"))}}}
        horizon: {{start: 2027-01-01, end: 2027-06-30}}
        timezone: Europe/Berlin
        swot:
          strengths: [{yq(attr("mission-swot"))}]
        company_goals:
          - {{id: grow, title: {yq(script("company-goal"))}}}
        review: {{rrule: "FREQ=MONTHLY;BYMONTHDAY=1", time: "10:00",\
 title: {yq(script("review-title") + NEWLINE_TITLE)}}}
        ---
        Our story.
        """,
    "team/ana.md": f"""
        ---
        title: {yq("Ana " + script("team-title"))}
        roles: [{yq(attr("team-role"))}]
        capacity: 20
        private:
          {yq(attr("private-key"))}: {yq(script("private-value"))}
        ---
        """,
    "personas/pat.md": f"""
        ---
        title: {yq(PERSONA_TITLE)}
        summary: {yq(script("persona-summary"))}
        role: {yq(attr("persona-role"))}
        location: {yq(script("persona-location"))}
        objections: [{yq(script("persona-objection"))}]
        our_impact: {yq(attr("persona-impact"))}
        channels: [instagram]
        ---
        """,
    "competitors/rival.md": f"""
        ---
        title: {yq(attr("competitor-title"))}
        website: "https://rival.example.com/?q='onmouseover='alert(1)"
        summary: {yq(script("competitor-summary"))}
        swot:
          threats: [{yq(script("competitor-threat"))}]
        channels:
          - {{platform: {yq(script("competitor-platform"))}, handle: {yq(attr("competitor-handle"))},\
 followers: 10, url: "https://x.example.com/'onclick='alert(1)"}}
        ---
        """,
    "channels/instagram.md": f"""
        ---
        title: {yq(CHANNEL_TITLE)}
        platform: instagram
        handle: {yq(attr("channel-handle"))}
        url: "https://instagram.example.com/'onmouseover='alert(1)"
        purpose: {yq(script("channel-purpose"))}
        role: sales
        owner: ana
        personas: [pat]
        metrics: [{yq(script("channel-metric"))}]
        cadence:
          - {{rrule: "FREQ=WEEKLY;BYDAY=MO", time: "09:00", title: {yq(script("cadence-title") + CR_TITLE)},\
 format: {yq(attr("cadence-format"))}, pillar: {yq(script("cadence-pillar"))}}}
        account: {{login_email: {yq(attr("account-email"))}, two_factor: false}}
        ---
        """,
    "goals/grow.md": f"""
        ---
        title: {yq("[click](javascript:alert(1)) " + script("goal-title"))}
        type: awareness
        supports: grow
        metric: {yq(script("goal-metric"))}
        unit: {yq(attr("goal-unit"))}
        baseline: 100
        target: 200
        deadline: 2027-06-30
        owner: ana
        channels: [instagram]
        actuals:
          - {{date: 2027-02-01, value: 130}}
        ---
        """,
    "initiatives/launch.md": f"""
        ---
        title: {yq(script("initiative-title") + TEMPLATE_TEXT)}
        tags: [{yq(script("initiative-tag"))}]
        goal: grow
        owner: ana
        start: 2027-03-01
        duration: 6w
        status: in-progress
        value: 4
        complexity: 2
        channels: [instagram]
        milestones:
          - {{date: 2027-03-20, title: {yq(attr("initiative-milestone") + NEWLINE_TITLE)}}}
        tasks:
          - {{title: {yq(script("initiative-task") + NEWLINE_TITLE)}, owner: ana, due: 2027-03-12}}
        ---
        """,
    "initiatives/follow-up.md": f"""
        ---
        title: {yq(attr("initiative-2-title"))}
        goal: grow
        owner: ana
        start: 2027-04-20
        end: 2027-05-20
        value: 2
        complexity: 4
        depends_on: [launch]
        ---
        """,
    **{
        f"budget/{name}.md": f"""
        ---
        title: {yq(formula)}
        category: advertising
        channel: instagram
        initiative: launch
        planned: 10
        ---
        """
        for name, formula in FORMULAS.items()
    },
    "budget/scripted.md": f"""
        ---
        title: {yq(script("budget-title"))}
        category: software
        planned: 5
        actual: {{2027-01: 7}}
        ---
        """,
    "calendar/march.md": f"""
        ---
        title: {yq(script("calendar-title"))}
        channel: instagram
        items:
          - {{date: 2027-03-11, time: "10:00", title: {yq(NEWLINE_TITLE)},\
 format: {yq(attr("item-format"))}, pillar: {yq(script("item-pillar"))}}}
          - {{date: 2027-03-12, title: {yq(CR_TITLE)}}}
          - {{date: 2027-03-13, title: {yq(script("item-title"))}}}
          - {{date: 2027-03-14, title: "Commas, semicolons; and \\\\ backslashes"}}
        ---
        """,
    "reports/insta-feb.md": f"""
        ---
        title: {yq(script("report-title"))}
        channel: instagram
        period: 2027-02
        metrics: {{{yq(script("report-metric"))}: 5, followers: 120}}
        ---
        """,
    "reviews/feb.md": f"""
        ---
        title: {yq("</title>" + script("title-breakout"))}
        date: 2027-02-01
        attendees: [ana]
        decisions: [{yq(script("review-decision"))}]
        ---
        """,
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import build, make_project

    root = tmp_path_factory.mktemp("hostile")
    config = make_project(root, HOSTILE_PLAN, config={"site_url": "https://example.com/"})
    return build(config)


def test_hostile_plan_is_valid():
    """The payloads must not be rejected for another reason, or the site tests prove nothing."""
    import tempfile

    from .conftest import write_plan

    with tempfile.TemporaryDirectory() as tmp:
        plan = write_plan(Path(tmp), HOSTILE_PLAN)
        assert main(["check", str(plan), "--today", "2027-03-10"]) == 0


# --- HTML -----------------------------------------------------------------------------------


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _alive(document) -> list[str]:
    """What a browser would run: script elements with our payload, event-handler attributes,
    injected images, javascript: links."""
    found = []
    for element in document.iter():
        tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if tag == "script" and "alert(" in "".join(element.itertext()):
            found.append(f"<script> {''.join(element.itertext())[:60]}")
        if tag == "img" and element.get("src") == "x":
            found.append("<img src=x>")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                found.append(f"{tag} {local}={value[:40]}")
            if local in ("href", "src", "action", "formaction") and re.sub(r"\s", "", value).lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                found.append(f"{tag} {local}={value[:40]}")
    return found


def test_no_payload_comes_alive_in_any_page(hostile_site):
    problems = []
    for page in _html_files(hostile_site):
        document = html5lib.parse(page.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)
        problems.extend(f"{page.relative_to(hostile_site)}: {p}" for p in _alive(document))
    assert not problems, "\n".join(problems)


def _text(page: Path) -> str:
    document = html5lib.parse(page.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)
    return " ".join("".join(document.itertext()).split())


@pytest.mark.parametrize(
    "page, payload",
    [
        ("strategy/index.html", script("mission-mission")),
        ("strategy/index.html", "Acme " + script("mission-title")),
        ("strategy/initiatives/launch/index.html", script("initiative-title")),
        ("strategy/initiatives/launch/index.html", script("initiative-task")),
        ("strategy/initiatives/follow-up/index.html", attr("initiative-2-title")),
        ("strategy/goals/grow/index.html", "[click](javascript:alert(1)) " + script("goal-title")),
        ("strategy/goals/grow/index.html", script("goal-metric")),
        ("strategy/team/ana/index.html", script("private-value")),
        ("strategy/team/ana/index.html", attr("private-key")),
        ("strategy/personas/pat/index.html", script("persona-summary")),
        ("strategy/competitors/rival/index.html", attr("competitor-handle")),
        ("strategy/channels/instagram/index.html", script("channel-purpose")),
        ("strategy/budget/index.html", script("budget-title")),
        ("strategy/budget/index.html", FORMULAS["hyperlink"]),
        ("strategy/reports/insta-feb/index.html", script("report-metric")),
        ("strategy/reviews/feb/index.html", script("review-decision")),
        ("strategy/roadmap/index.html", script("initiative-title")),
        ("strategy/priorities/index.html", attr("initiative-2-title")),
        ("strategy/kpis/index.html", script("goal-title")),
        ("strategy/calendar/index.html", script("item-title")),
        ("strategy/swot/index.html", script("competitor-threat")),
        ("strategy/accounts/index.html", attr("account-email")),
    ],
)
def test_payloads_are_shown_as_text(hostile_site, page, payload):
    """Escaped, not dropped: the reader sees exactly what the plan says."""
    assert " ".join(payload.split()) in _text(hostile_site / page)


def test_templates_are_not_evaluated_in_values(hostile_site):
    text = _text(hostile_site / "strategy" / "initiatives" / "launch" / "index.html")
    assert TEMPLATE_TEXT.strip() in text
    assert "1337" not in text


def test_a_newline_in_a_title_cannot_start_a_markdown_block(hostile_site):
    """``Pat\\n<script>`` on a heading line would become a raw HTML block if the newline survived."""
    page = (hostile_site / "strategy" / "personas" / "pat" / "index.html").read_text(encoding="utf-8")
    assert '<script>alert("persona-title-newline")' not in page
    assert (
        "&lt;script&gt;alert(&#34;persona-title-newline&#34;)" in page
        or "&lt;script&gt;alert(&quot;persona-title-newline&quot;)" in page
    )


def _svgs(site: Path, rel: str) -> list[str]:
    page = (site / rel).read_text(encoding="utf-8")
    return re.findall(r"<svg\b.*?</svg>", page, re.DOTALL)


@pytest.mark.parametrize(
    "rel",
    [
        "strategy/roadmap/index.html",
        "strategy/priorities/index.html",
        "strategy/goals/grow/index.html",
        "strategy/reports/index.html",
    ],
)
def test_svg_stays_well_formed_and_its_tooltips_are_text(hostile_site, rel):
    svgs = [s for s in _svgs(hostile_site, rel) if 'role="img"' in s or 'role="group"' in s]
    assert svgs, f"no chart in {rel}"
    titles = []
    for svg in svgs:
        root = ET.fromstring(svg)  # raises on anything a payload broke
        for element in root.iter():
            local = element.tag.rsplit("}", 1)[-1]
            assert local not in ("script", "foreignObject", "img"), (rel, local)
            assert not any(name.rsplit("}", 1)[-1].lower().startswith("on") for name in element.attrib), (
                rel,
                element.attrib,
            )
            if local == "title":
                titles.append("".join(element.itertext()))
    assert any("alert(" in title for title in titles), f"no payload reached a tooltip in {rel}: {titles[:5]}"


def test_search_index_holds_payloads_as_escaped_text(hostile_site):
    """Material inserts search results as HTML, so the index must carry escaped text."""
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert "<script" not in doc[field].lower() and "<img" not in doc[field].lower(), (
                doc["location"],
                doc[field][:200],
            )
    assert any("&lt;script&gt;alert(" in doc["text"] for doc in index["docs"])


# --- CSV ------------------------------------------------------------------------------------


def test_budget_csv_formulas_are_inert(hostile_site):
    with (hostile_site / "strategy" / "budget.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    assert header == [
        "line",
        "title",
        "category",
        "channel",
        "initiative",
        "month",
        "planned",
        "carried_in",
        "available",
        "actual",
        "variance",
    ]
    assert len(body) == 7 * 6  # seven lines, six horizon months
    by_line = {row[0]: row for row in body}
    for name, formula in FORMULAS.items():
        # Titles lose surrounding whitespace (a leading tab or CR too); what is left is guarded.
        assert by_line[name][1] == "'" + formula.strip().replace("\r", "\n"), name
    assert by_line["scripted"][1] == script("budget-title")
    for row in body:
        assert len(row) == len(header)
        for cell in row[:6]:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row


# --- ICS ------------------------------------------------------------------------------------


#: Every property our feeds may carry on an event; an injected line would add another.
EVENT_PROPERTIES = {
    "SUMMARY",
    "DTSTART",
    "DTEND",
    "DURATION",
    "DTSTAMP",
    "UID",
    "RRULE",
    "CATEGORIES",
    "DESCRIPTION",
    "URL",
    "TRANSP",
    "STATUS",
    "SEQUENCE",
    "LAST-MODIFIED",
    "CREATED",
    "EXDATE",
    "RDATE",
}


def _feeds(site: Path) -> list[Path]:
    return sorted(site.rglob("*.ics"))


def test_a_line_break_in_a_title_cannot_add_an_ics_property(hostile_site):
    feeds = _feeds(hostile_site)
    assert len(feeds) >= 3
    for feed in feeds:
        raw = feed.read_bytes()
        calendar = icalendar.Calendar.from_ical(raw)
        for component in calendar.walk():
            assert "X-INJECTED" not in component and "ATTENDEE" not in component and "LOCATION" not in component
            assert "X-CHANNEL" not in component and "X-ALSO" not in component
            if component.name == "VEVENT":
                assert set(component.keys()) <= EVENT_PROPERTIES, (feed.name, set(component.keys()) - EVENT_PROPERTIES)
        for line in raw.decode("utf-8").replace("\r\n ", "").split("\r\n"):
            assert not line.startswith(("ATTENDEE", "X-INJECTED", "LOCATION", "X-ALSO", "X-CHANNEL")), (feed.name, line)


def test_hostile_titles_round_trip_through_the_ics(hostile_site):
    calendar = icalendar.Calendar.from_ical((hostile_site / "strategy" / "calendar.ics").read_bytes())
    summaries = [str(event.get("SUMMARY")) for event in calendar.walk("VEVENT")]
    joined = "\n".join(summaries)
    assert "ATTENDEE:mailto:evil@example.com" in joined  # kept as text inside the summary
    assert "Commas, semicolons; and \\ backslashes" in joined
    assert any(script("item-title") in s for s in summaries)


# --- hostile files --------------------------------------------------------------------------


def _check(plan: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "smm_docs_plugin.cli", "check", "plan", "--today", "2027-03-10"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("huge", "---\ntitle: Big\n---\n" + "x" * 1_100_000, "file is too large (1,100,019 bytes)"),
        # 30,000 levels crashed LibYAML's recursive composer (SIGSEGV) before yamlsafe scanned depth.
        (
            "deep-flow",
            "---\ntitle: Deep\nnotes: " + "[" * 30_000 + "]" * 30_000 + "\n---\n",
            "nested more than 32 levels deep",
        ),
        (
            "deep-map",
            "---\ntitle: Deep\nnotes: " + "{a: " * 30_000 + "1" + "}" * 30_000 + "\n---\n",
            "nested more than 32 levels deep",
        ),
        ("deep-unclosed", "---\ntitle: Deep\nnotes: " + "[" * 100_000 + "\n---\n", "nested more than 32 levels deep"),
        ("wide", "---\ntitle: Wide\nnotes: [" + ",".join(["1"] * 30_000) + "]\n---\n", "too large"),
        ("deep-body", "---\ntitle: Deep body\n---\n" + "> " * 5_000 + "text\n", None),
    ],
)
def test_hostile_files_end_in_a_clean_error(tmp_path, name, text, message):
    shutil.copytree(MINIMAL_PLAN, tmp_path / "plan")
    (tmp_path / "plan" / "team" / f"{name}.md").write_text(text, encoding="utf-8")
    result = _check(tmp_path / "plan", tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    if message is None:
        assert result.returncode in (0, 1), result.stderr
    else:
        assert result.returncode == 1, result.stdout + result.stderr
        assert f"plan/team/{name}.md:" in result.stdout and message in result.stdout, result.stdout


def test_a_symlink_loop_is_refused_without_a_traceback(tmp_path):
    shutil.copytree(MINIMAL_PLAN, tmp_path / "plan")
    os.symlink("loop.md", tmp_path / "plan" / "team" / "loop.md")
    result = _check(tmp_path / "plan", tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "plan/team/loop.md:1: error: link points outside the plan folder: refused" in result.stdout


def test_a_symlink_outside_the_plan_is_never_read_into_a_site(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    from .conftest import build, make_project

    secret = tmp_path / "outside.md"
    secret.write_text("---\ntitle: OUTSIDE-SECRET-zq7k\n---\n", encoding="utf-8")
    config = make_project(tmp_path / "project", copy_plan=MINIMAL_PLAN)
    os.symlink(secret, tmp_path / "project" / "plan" / "team" / "bob.md")
    with pytest.raises(Abort):
        build(config)
    assert "plan/team/bob.md:1: error: link points outside the plan folder: refused" in caplog.text
    assert "OUTSIDE-SECRET" not in caplog.text
    assert not (tmp_path / "project" / "site" / "strategy").exists()


def test_a_line_break_in_a_key_cannot_forge_a_problem_line(tmp_path, capsys):
    shutil.copytree(MINIMAL_PLAN, tmp_path / "plan")
    forged = "x\nplan/team/ana.md:1: error: forged\n::error file=a::forged\u2028y"
    (tmp_path / "plan" / "team" / "bob.md").write_text(
        f"---\ntitle: Bob\n{json.dumps(forged)}: 1\n---\n", encoding="utf-8"
    )
    for fmt in ("text", "github"):
        assert main(["check", str(tmp_path / "plan"), "--today", "2027-03-10", "--format", fmt]) == 0
        out = capsys.readouterr().out
        # GitHub splits workflow commands on LF only; our text format is one line for any reader.
        lines = out.rstrip("\n").split("\n") if fmt == "github" else out.splitlines()
        assert len(lines) == 1, out
        assert "forged" in out and "unknown field" in out


# --- issue #14 part 3: values `smm check` accepts must render -------------------------------

from .conftest import EXAMPLE_PLAN, build

YEARS = "outside the years 1900-2200"
LARGE = "is too large: numbers must stay below"

#: The one-line edits of the example that passed `smm check` and crashed the build (issue #14):
#: (file, line as written, the edit, the message now expected at that line).
EDGE_EDITS = [
    ("goals/instagram-de-followers.md", "deadline: 2027-06-30", "deadline: 9999-12-31", YEARS),
    ("goals/instagram-de-followers.md", "deadline: 2027-06-30", "deadline: 9999-12-30", YEARS),
    ("initiatives/blog-origin-stories.md", "    due: 2027-01-22", "    due: 9999-12-31", YEARS),
    ("initiatives/blog-origin-stories.md", "    due: 2027-01-22", "    due: 9999-12-30", YEARS),
    ("reviews/review-2026-11.md", "date: 2026-11-03", "date: 9999-12-31", YEARS),
    ("reviews/review-2026-11.md", "date: 2026-11-03", "date: 9999-12-30", YEARS),
    ("initiatives/blog-origin-stories.md", "  - date: 2027-02-08", "  - date: 9999-12-31", YEARS),
    ("initiatives/blog-origin-stories.md", "  - date: 2027-02-08", "  - date: 9999-12-30", YEARS),
    ("initiatives/blog-origin-stories.md", "duration: 8w", "end: 9999-12-31", YEARS),
    ("initiatives/blog-origin-stories.md", "duration: 8w", "end: 9999-12-30", YEARS),
    ("channels/tiktok.md", "    end: 2027-05-31", "    end: 9999-12-31", YEARS),
    ("channels/tiktok.md", "    end: 2027-05-31", "    end: 9999-12-30", YEARS),
    ("initiatives/blog-origin-stories.md", "start: 2027-01-11", "start: 9999-12-31", YEARS),
    ("goals/instagram-de-followers.md", "target: 15000", "target: 1e25", LARGE),
    ("goals/instagram-de-followers.md", "target: 15000", "target: 99999999999999999999999999", LARGE),
    ("goals/instagram-de-followers.md", "target: 15000", "target: 1e-30", "has more than 6 decimals"),
    ("goals/instagram-de-followers.md", "target: 15000", "target: 1e309", LARGE),
    ("goals/instagram-de-followers.md", "baseline: 8400", "baseline: 1e25", LARGE),
    ("goals/instagram-de-followers.md", "baseline: 8400", "baseline: 1e-30", "has more than 6 decimals"),
    ("goals/instagram-de-followers.md", "    value: 11050", "    value: 99999999999999999999999999", LARGE),
    ("goals/instagram-de-followers.md", "    value: 11050", "    value: 1e309", LARGE),
    ("reports/instagram-2026-10.md", "  reach: 58700", "  reach: 1e25", LARGE),
    ("reports/instagram-2026-10.md", "  reach: 58700", "  reach: 1e-30", "has more than 6 decimals"),
    ("team/mara-schulz.md", "capacity: 32", "capacity: 1e25", LARGE),
    ("team/mara-schulz.md", "capacity: 32", "capacity: 1e309", LARGE),
    ("budget/meta-ads.md", "  2026-07: 400", "  2026-07: 99999999999999999999999999", LARGE),
    ("budget/meta-ads.md", "  2026-07: 312.40", "  2026-07: 1e-30", "has more than two decimals"),
    ("budget/meta-ads.md", "  2026-07: 312.40", "  2026-07: 1e309", LARGE),
]


def _edit_example(root: Path, rel: str, old: str, new: str) -> int:
    """Copy the example plan to ``root/plan`` with one line changed; returns that line's number."""
    shutil.copytree(EXAMPLE_PLAN, root / "plan")
    shutil.copytree(EXAMPLE_PLAN.parent / "media", root / "media")  # the example posts' images
    path = root / "plan" / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    index = lines.index(old)
    lines[index] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


@pytest.mark.parametrize(
    "rel, old, new, message", EDGE_EDITS, ids=[f"{e[0].split('/')[-1][:-3]}-{e[2].strip()}" for e in EDGE_EDITS]
)
def test_an_edit_that_crashed_the_build_is_refused_by_check(tmp_path, capsys, monkeypatch, rel, old, new, message):
    line = _edit_example(tmp_path, rel, old, new)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "plan", "--today", "2027-03-10"]) == 1
    out = capsys.readouterr().out
    errors = [l for l in out.splitlines() if ": error: " in l]
    assert errors == [l for l in errors if l.startswith(f"plan/{rel}:{line}: error: ") and message in l] and errors, out


def test_values_at_the_bounds_pass_check_and_build_both_audiences(tmp_path, capsys):
    """The largest and smallest values the model accepts render in every feature."""
    from .conftest import make_project

    edits = [
        ("goals/instagram-de-followers.md", "deadline: 2027-06-30", "deadline: 2200-12-31"),
        ("goals/instagram-de-followers.md", "target: 15000", "target: 999999999999999.999999"),
        ("goals/instagram-de-followers.md", "baseline: 8400", "baseline: -999999999999999"),
        ("goals/instagram-de-followers.md", "    value: 11050", "    value: 0.000001"),
        ("initiatives/blog-origin-stories.md", "start: 2027-01-11", "start: 1900-01-01"),
        ("initiatives/blog-origin-stories.md", "duration: 8w", "end: 2200-12-31"),
        ("initiatives/blog-origin-stories.md", "    due: 2027-01-22", "    due: 2200-12-31"),
        ("initiatives/blog-origin-stories.md", "  - date: 2027-02-08", "  - date: 1900-01-01"),
        ("initiatives/bucharest-brew-club.md", "duration: 4m", "duration: 9999d"),
        ("channels/tiktok.md", "    end: 2027-05-31", "    end: 2200-12-31"),
        ("reviews/review-2026-11.md", "date: 2026-11-03", "date: 2200-12-31"),
        ("reports/instagram-2026-10.md", "  reach: 58700", "  reach: 999999999999999"),
        ("team/mara-schulz.md", "capacity: 32", "capacity: 999999999999999.99"),
        ("budget/meta-ads.md", "  2026-07: 400", "  2026-07: 999999999999999.99"),
        ("budget/meta-ads.md", "  2026-07: 312.40", "  2026-07: 0.01"),
    ]
    root = tmp_path / "project"
    shutil.copytree(EXAMPLE_PLAN, root / "plan")
    shutil.copytree(EXAMPLE_PLAN.parent / "media", root / "media")  # the example posts' images
    for rel, old, new in edits:
        path = root / "plan" / rel
        text = path.read_text(encoding="utf-8")
        assert f"\n{old}\n" in text, (rel, old)
        path.write_text(text.replace(f"\n{old}\n", f"\n{new}\n", 1), encoding="utf-8")
    assert main(["check", str(root / "plan"), "--today", "2027-03-10"]) == 0, capsys.readouterr().out
    for audience in ("team", "stakeholders"):
        config = make_project(root, docs={"index.md": "# Handbook\n"}, options={"audience": audience})
        site = build(config)
        plan_json = (site / "strategy" / "plan.json").read_text(encoding="utf-8")
        assert "2200-12-31" in plan_json and "999999999999999.99" in plan_json
        assert (site / "strategy" / "calendar.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
        roadmap = (site / "strategy" / "roadmap" / "index.html").read_text(encoding="utf-8")
        assert 'data-start="1900-01-01" data-end="2200-12-31"' in roadmap
        assert "2200" in (site / "strategy" / "kpis" / "index.html").read_text(encoding="utf-8")


# --- issue #14 part 4: files that are not ordinary, readable text --------------------------------


def _world_readable_copy() -> Path:
    """The minimal plan in a folder another user may enter (pytest's tmp_path is root-only)."""
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="smm-perm-"))
    root.chmod(0o755)
    shutil.copytree(MINIMAL_PLAN, root / "plan")
    for path in [root / "plan", *(root / "plan").rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return root


def test_an_unreadable_file_or_folder_is_a_clean_error_for_a_non_root_user():
    # Root reads anything, so the check runs as 'nobody' (setpriv, util-linux) on files it may
    # not read. When the suite already runs as a normal user, chmod alone is enough.
    root = _world_readable_copy()
    try:
        (root / "plan" / "team" / "bob.md").write_text("---\ntitle: Bob\n---\n", encoding="utf-8")
        (root / "plan" / "team" / "bob.md").chmod(0o000)
        (root / "plan" / "reviews").mkdir()
        (root / "plan" / "reviews" / "march.md").write_text(
            "---\ntitle: March\ndate: 2027-03-01\n---\n", encoding="utf-8"
        )
        (root / "plan" / "reviews").chmod(0o000)
        command = [sys.executable, "-m", "smm_docs_plugin.cli", "check", "plan", "--today", "2027-03-10"]
        if os.geteuid() == 0:
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        result = subprocess.run(
            command, cwd=root, capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(root)}
        )
        assert "Traceback" not in result.stdout + result.stderr, result.stderr
        assert result.returncode == 1, result.stdout + result.stderr
        assert "plan/team/bob.md:1: error: cannot read file: Permission denied" in result.stdout
        assert "plan/reviews:1: error: cannot read folder: Permission denied" in result.stdout
    finally:
        (root / "plan" / "reviews").chmod(0o755)
        shutil.rmtree(root)


def test_a_fifo_or_socket_never_blocks_check_or_build(tmp_path):
    import socket

    from .conftest import make_project

    config = make_project(tmp_path, copy_plan=MINIMAL_PLAN)
    os.mkfifo(tmp_path / "plan" / "team" / "pipe.md")
    (tmp_path / "plan" / "personas").mkdir(exist_ok=True)
    here = os.getcwd()
    os.chdir(tmp_path / "plan" / "personas")
    try:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind("sock.md")
    finally:
        os.chdir(here)
    result = _check(tmp_path / "plan", tmp_path)  # a timeout (120 s) fails the test: a hang
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "plan/team/pipe.md:1: error: not a regular file (a named pipe)" in result.stdout
    assert "plan/personas/sock.md:1: error: not a regular file (a socket)" in result.stdout
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert "plan/team/pipe.md:1: error: not a regular file (a named pipe)" in build.stderr
    assert not (tmp_path / "site" / "strategy").exists()


def test_hints_echo_no_forged_line_and_no_megabyte(tmp_path, capsys):
    """The hints that show what was written (a line quoted back, an id, a currency) stay one
    short line: a 60,000-character caption with ': ' is not echoed, a line break or U+2028 in
    a currency forges no problem line, and a file name of symbols gets no made-up id."""
    shutil.copytree(MINIMAL_PLAN, tmp_path / "plan")
    plan = tmp_path / "plan"
    mission = plan / "mission.md"
    mission.write_text(
        mission.read_text(encoding="utf-8").replace(
            "currency: EUR", 'currency: "лв.\\nplan/team/ana.md:1: error: forged\\u2028"'
        ),
        encoding="utf-8",
    )
    (plan / "team" / "bob.md").write_text("---\ntitle: Bob\nroles: x: " + "y" * 60_000 + "\n---\n", encoding="utf-8")
    (plan / "team" / "😀✨.md").write_text("---\ntitle: Star\n---\n", encoding="utf-8")
    assert main(["check", str(plan), "--today", "2027-03-10"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3, lines
    assert all(len(line) < 1_000 for line in lines), [len(line) for line in lines]
    by_file = {line.split(":", 1)[0].rsplit("/", 1)[-1]: line for line in lines}
    assert 'needs the text in quotes, e.g. roles: "…"' in by_file["bob.md"]
    assert "'лв.\\nplan/team/ana.md:1: error: forged'" in by_file["mission.md"]
    assert "did you mean" not in by_file["mission.md"]
    assert "invalid id '😀✨'" in by_file["😀✨.md"] and "did you mean" not in by_file["😀✨.md"]
