"""Build the example handbook (repo root ``mkdocs.yml`` + ``plan/`` + ``docs/``) as a user does.

Shared by the browser tests and ``tests/test_links.py`` so one pytest run builds each audience
of the example once. The build runs ``mkdocs build`` in a subprocess: the fixed
``SOURCE_DATE_EPOCH`` (the plugin's "today" when ``mkdocs.yml`` sets none) and ``SMM_AUDIENCE``
then reach the plugin exactly as they would from a shell, without touching this process's
environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

#: 2026-10-12 12:00 UTC: inside the example's horizon (2026-07-01 .. 2027-06-30), a Monday, so
#: the calendar window, "today" lines and overdue badges all have something to show.
SOURCE_DATE_EPOCH = "1791806400"

_built: dict[str, Path] = {}


def build_example(base: Path, audience: str = "team") -> Path:
    """The example built for ``audience`` under ``base`` (once per process); returns the site."""
    if audience in _built:
        return _built[audience]
    site = base / f"example-{audience}"
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, SMM_AUDIENCE=audience, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(REPO / "mkdocs.yml"), "-d", str(site)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"the example did not build for {audience}:\n{result.stdout}\n{result.stderr}"
    _built[audience] = site
    return site
