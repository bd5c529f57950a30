"""Plugin options as mkdocs.yml gives them: text from environment variables included."""

from __future__ import annotations

import json

import pytest
from mkdocs.exceptions import Abort

from .conftest import MINIMAL_PLAN, build, make_project


def test_calendar_weeks_given_as_text(build_site):
    site = build_site(copy_plan=MINIMAL_PLAN, options={"calendar_weeks": "3"})
    window = json.loads((site / "strategy/plan.json").read_text(encoding="utf-8"))["calendar_window_range"]
    assert window == {"start": "2027-03-08", "end": "2027-03-28", "weeks": 3}


@pytest.mark.parametrize("weeks", ["0", "-1", "many", 105, 1.5, True])
def test_calendar_weeks_out_of_range_is_a_config_error(tmp_path, weeks, caplog):
    config = make_project(tmp_path, copy_plan=MINIMAL_PLAN, options={"calendar_weeks": weeks})
    with pytest.raises(Abort, match="configuration error"):
        build(config)
    assert "option 'calendar_weeks': calendar_weeks must be a whole number from 1 to 104" in caplog.text


@pytest.mark.parametrize("locale", ["xx_YY", "", "de-DE-x-nonsense"])
def test_an_unknown_locale_is_a_config_error_and_keeps_the_site(tmp_path, locale, caplog):
    config = make_project(tmp_path, copy_plan=MINIMAL_PLAN)
    site = build(config)
    before = sorted(site.rglob("*"))
    config = make_project(tmp_path, options={"locale": locale})
    with pytest.raises(Abort, match="configuration error"):
        build(config)
    assert "option 'locale': locale must be a locale babel knows" in caplog.text
    assert sorted(site.rglob("*")) == before


def test_a_locale_written_with_a_hyphen(build_site):
    site = build_site(copy_plan=MINIMAL_PLAN, options={"locale": "de-DE"})
    goals = (site / "strategy/goals/index.html").read_text(encoding="utf-8")
    assert "2.000" in goals and "2,000" not in goals  # the target, in German digits


@pytest.mark.parametrize("today", ["2027-W02-3", "20270113", 20270113, "13.01.2027"])
def test_today_is_yyyy_mm_dd_only(tmp_path, today, caplog):
    config = make_project(tmp_path, copy_plan=MINIMAL_PLAN, options={"today": today})
    with pytest.raises(Abort, match="configuration error"):
        build(config)
    assert "'today' must be a date YYYY-MM-DD" in caplog.text


def test_an_absolute_plan_dir_never_puts_the_machine_path_in_the_output(tmp_path):
    import shutil

    shared = tmp_path / "shared-plan"
    shutil.copytree(MINIMAL_PLAN, shared)
    config = make_project(tmp_path / "site-project", options={"plan_dir": str(shared)})
    site = build(config)
    data = json.loads((site / "strategy/plan.json").read_text(encoding="utf-8"))
    assert data["goals"]["grow-instagram"]["source"] == "../shared-plan/goals/grow-instagram.md"
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".ics", ".csv"}:
            assert str(tmp_path) not in path.read_text(encoding="utf-8"), path


def test_a_template_added_to_templates_dir_is_used_on_the_next_build(tmp_path):
    from smm_docs_plugin.context import shared_environment as _environment

    overrides = tmp_path / "overrides"
    (overrides / "pages").mkdir(parents=True)
    (overrides / "pages" / "other.md.j2").write_text("other\n", encoding="utf-8")
    first = _environment(str(overrides))
    packaged = first.get_template("pages/counts.md.j2").filename
    assert packaged is not None and str(overrides) not in packaged
    (overrides / "pages" / "counts.md.j2").write_text("mine\n", encoding="utf-8")
    second = _environment(str(overrides))
    assert second.get_template("pages/counts.md.j2").filename == str(overrides / "pages" / "counts.md.j2")
    assert packaged != second.get_template("pages/counts.md.j2").filename
    assert _environment(str(overrides)) is second  # unchanged folder: the same environment
    # An override edited between two builds (mkdocs serve) is read again by the next one.
    assert second.get_template("pages/counts.md.j2").render() == "mine\n"
    (overrides / "pages" / "counts.md.j2").write_text("edited\n", encoding="utf-8")
    assert _environment(str(overrides)).get_template("pages/counts.md.j2").render() == "edited\n"
