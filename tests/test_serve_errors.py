"""Under ``mkdocs serve`` a plan with errors shows them on every URL of the site, and the site
comes back by itself once the plan is fixed; ``mkdocs build`` still fails."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from .conftest import MINIMAL_PLAN, build, make_project
from .test_serve import free_port, start_serve

MARKER = "data-smm-plan-errors"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:  # the 404 page is an answer too
        return error.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float) -> float | None:
    """Seconds until ``predicate()`` held, polling every 50 ms; None when it never did."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def test_serve_shows_every_problem_on_every_url_and_recovers(tmp_path: Path):
    cfg = make_project(
        tmp_path / "p",
        copy_plan=MINIMAL_PLAN,
        options={"cms": {"repo": "team/handbook"}},
        config={"repo_url": "https://github.com/team/handbook", "edit_uri": "edit/main/docs/"},
    )
    port = free_port()
    log_path = tmp_path / "serve.log"
    base = f"http://127.0.0.1:{port}/"
    member_url = base + "strategy/team/ana/"
    server = start_serve(cfg.parent, port, log_path)
    try:
        assert wait_for(lambda: "Ana Lopez" in fetch(member_url), 120) is not None, log_path.read_text()
        member = cfg.parent / "plan" / "team" / "ana.md"
        good = member.read_text(encoding="utf-8")

        # Two mistakes at once: both are listed, with their place and a link to fix them.
        member.write_text("---\ntitle: Ana\nroles: [lead\n---\n", encoding="utf-8")
        mission = cfg.parent / "plan" / "mission.md"
        mission_text = mission.read_text(encoding="utf-8")
        mission.write_text(
            mission_text.replace("currency: EUR", "currency: EURO")
            if "currency: EUR" in mission_text
            else mission_text.replace("---\n", "---\ncurrency: EURO\n", 1),
            encoding="utf-8",
        )
        broken_after = wait_for(lambda: MARKER in fetch(member_url), 30)
        assert broken_after is not None, log_path.read_text()
        page = fetch(member_url)
        assert "plan/team/ana.md:3" in page and "invalid YAML" in page
        assert "plan/mission.md:" in page and "EURO" in page
        assert 'href="/admin/#/collections/team/entries/ana"' in page  # the editor's form (cms is set)
        # Every URL: a hand-written page, the home page and an address that does not exist.
        for url in (base, base + "strategy/", base + "no/such/page/"):
            assert MARKER in fetch(url), url
        assert server.poll() is None

        member.write_text(good, encoding="utf-8")
        mission.write_text(mission_text, encoding="utf-8")
        fixed_after = wait_for(lambda: "Ana Lopez" in fetch(member_url) and MARKER not in fetch(member_url), 30)
        assert fixed_after is not None, log_path.read_text()
        assert "Traceback" not in log_path.read_text()
        # The target is 2 s; speed is not asserted here (a shared CI machine varies by
        # several times), only that both happen without a restart or a click. The figures:
        print(f"\nserve: error page after {broken_after:.2f} s, site again after {fixed_after:.2f} s")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_build_still_fails_on_a_broken_plan(tmp_path: Path, caplog):
    cfg = make_project(tmp_path / "p", copy_plan=MINIMAL_PLAN)
    (cfg.parent / "plan" / "team" / "ana.md").write_text("---\ntitle: Ana\nroles: [lead\n---\n", encoding="utf-8")
    with pytest.raises(Abort, match="BuildError"):
        build(cfg)
    assert "plan/team/ana.md:3: error: invalid YAML" in caplog.text
    assert MARKER not in caplog.text
    assert not (cfg.parent / "site" / "index.html").exists()


@pytest.mark.parametrize(
    ("language", "title", "waiting", "edit"),
    [
        (
            "ro",
            "Planul are 1 eroare",
            "Site-ul apare din nou de îndată ce planul este corectat; această pagină se reîncarcă singură.",
            "Editați acest fișier",
        ),
        (
            "fi",
            "Suunnitelmassa on 1 virhe",
            "Sivusto näkyy taas heti, kun suunnitelma on korjattu; tämä sivu latautuu uudelleen itsestään.",
            "Muokkaa tätä tiedostoa",
        ),
    ],
)
def test_the_error_page_speaks_the_sites_language(tmp_path: Path, language: str, title: str, waiting: str, edit: str):
    """The page's own words in ``theme.language``; the problem reads as ``smm check`` prints it."""
    cfg = make_project(
        tmp_path / "p",
        copy_plan=MINIMAL_PLAN,
        options={"cms": {"repo": "team/handbook"}},
        config={"theme": {"name": "material", "language": language}},
    )
    (cfg.parent / "plan" / "team" / "ana.md").write_text("---\ntitle: Ana\nroles: [lead\n---\n", encoding="utf-8")
    port = free_port()
    log_path = tmp_path / "serve.log"
    server = start_serve(cfg.parent, port, log_path)
    try:
        url = f"http://127.0.0.1:{port}/"
        assert wait_for(lambda: MARKER in fetch(url), 120) is not None, log_path.read_text()
        page = fetch(url)
        assert f'<html lang="{language}">' in page
        assert f"<h1>{title}</h1>" in page and f"<title>{title} — Test handbook</title>" in page
        assert f"<p>{waiting}</p>" in page
        assert f'href="/admin/#/collections/team/entries/ana">{edit}</a>' in page
        assert "plan/team/ana.md:3" in page and "invalid YAML" in page  # the problem as smm check says it
        for english in ("The plan has", "Edit this file", "reloads by itself"):
            assert english not in page
    finally:
        server.terminate()
        server.wait(timeout=30)
