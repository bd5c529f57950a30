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
