"""The serve error page in Chromium: under ``mkdocs serve`` a broken plan shows its problems on
every URL, and the page comes back by itself when the plan is fixed (it polls its own address).
It shares the session's browser (a second Playwright in the same process is refused)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from ..conftest import MINIMAL_PLAN, make_project
from ..test_serve import free_port, start_serve
from ..test_serve_errors import MARKER, fetch, wait_for


def test_the_error_page_reloads_itself_in_a_browser_when_the_plan_is_fixed(tmp_path: Path, browser: Browser):
    """The page polls its own address: a fixed plan brings the real page back without a click."""
    cfg = make_project(tmp_path / "p", copy_plan=MINIMAL_PLAN)
    port = free_port()
    log_path = tmp_path / "serve.log"
    server = start_serve(cfg.parent, port, log_path)
    url = f"http://127.0.0.1:{port}/strategy/team/ana/"
    member = cfg.parent / "plan" / "team" / "ana.md"
    try:
        assert wait_for(lambda: "Ana Lopez" in fetch(url), 120) is not None, log_path.read_text()
        good = member.read_text(encoding="utf-8")
        member.write_text("---\ntitle: Ana\nroles: [lead\n---\n", encoding="utf-8")
        assert wait_for(lambda: MARKER in fetch(url), 30) is not None
        page = browser.new_page()
        try:
            page.goto(url)
            assert page.locator("ol.smm-plan-errors li").count() == 1
            assert "plan/team/ana.md:3" in page.locator("ol.smm-plan-errors").inner_text()
            member.write_text(good.replace("Ana Lopez", "Ana Lopez Fixed"), encoding="utf-8")
            page.wait_for_function("document.body.innerText.includes('Ana Lopez Fixed')", timeout=15_000)
            assert page.locator("ol.smm-plan-errors").count() == 0
        finally:
            page.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
