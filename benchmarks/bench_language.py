"""What a language costs (issue #17: "the example in Romanian within 5 % of English").

    .venv/bin/python benchmarks/bench_language.py [--repeat 7]

Renders every generated page of the example (``render_site`` and each output's content, the
plugin's own work in a build) side by side in this process: in English, and in a language whose
every message is translated — Romanian when the package ships it, else a team catalogue
(``locales_dir``) with every message of ``smm.pot`` translated (pseudo-English ⟦…⟧). The runs
alternate; the median of each and their ratio are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from smm_docs_plugin.context import RenderOptions, make_environment, messages_for
from smm_docs_plugin.i18n import packaged_languages
from smm_docs_plugin.loader import load_plan
from smm_docs_plugin.render import render_site


def pseudo_locales(folder: Path) -> Path:
    sys.path.insert(0, str(REPO))
    from tests.test_i18n_pseudo import pseudo_catalogue

    return pseudo_catalogue(folder)


def render_once(plan, options: RenderOptions) -> float:  # type: ignore[no-untyped-def]
    start = time.process_time()  # CPU time: the machine is shared, wall time is noise
    env = make_environment(None, messages_for(options))
    for output in render_site(plan, options, env).values():
        output.content  # noqa: B018 - rendering is the work measured
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    plan = load_plan(REPO / "plan", today=None, audience="team")
    english = RenderOptions(plan_path="plan", config_dir=REPO)
    with tempfile.TemporaryDirectory() as scratch:
        if "ro" in packaged_languages():
            other, name = replace(english, language="ro", locale="ro"), "Romanian (packaged catalogue)"
        else:
            locales = pseudo_locales(Path(scratch) / "locales")
            other, name = replace(english, locales_dir=locales), "every message translated (locales_dir)"
        render_once(plan, english), render_once(plan, other)  # warm: imports, catalogues, templates
        times: dict[str, list[float]] = {"English": [], name: []}
        for _ in range(args.repeat):
            times["English"].append(render_once(plan, english))
            times[name].append(render_once(plan, other))
    base = statistics.median(times["English"])
    print(f"{'language':<45} {'median CPU s':>12} {'ratio':>6}")
    for label, values in times.items():
        median = statistics.median(values)
        print(f"{label:<45} {median:>12.3f} {median / base:>6.3f}")


if __name__ == "__main__":
    main()
