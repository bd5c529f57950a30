"""What a language costs (issue #17: "the example in Romanian within 5 % of English").

    .venv/bin/python benchmarks/bench_language.py [--repeat 7]
    .venv/bin/python benchmarks/bench_language.py --build [--repeat 5]

Without ``--build``: renders every generated page of the example (``render_site`` and each output's content, the
plugin's own work in a build) side by side in this process: in English, and in a language whose
every message is translated — Romanian when the package ships it, else a team catalogue
(``locales_dir``) with every message of ``smm.pot`` translated (pseudo-English ⟦…⟧). The runs
alternate; the median of each and their ratio are printed.

With ``--build``: the whole example (a copy of ``mkdocs.yml``, ``plan/``, ``docs/``, ``media/``)
built by ``mkdocs build`` in a fresh process, once with ``theme.language: en`` and once with
``ro``, alternating, each round in the other order than the one before; the medians of wall-clock
and CPU seconds (the child's user + system) and their ratios are printed. This is the issue's
"build time of the example in Romanian within 5 % of English".
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
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


def example_in(folder: Path, language: str) -> Path:
    """A copy of the example project with ``theme.language`` set; its ``mkdocs.yml``."""
    for name in ("plan", "docs", "media"):
        shutil.copytree(REPO / name, folder / name)
    config, replaced = re.subn(
        r"(?m)^  language: en$", f"  language: {language}", (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    )
    assert replaced == 1, "the example's mkdocs.yml names its theme.language on one line"
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml"


def build_once(config: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one ``mkdocs build`` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(config.parent / "site")],
        check=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1796212800"),
    )
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare_builds(repeat: int) -> None:
    load = os.getloadavg()
    print(f"load average before: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; CPUs: {os.cpu_count()}", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        configs = {language: example_in(Path(scratch) / language, language) for language in ("en", "ro")}
        for config in configs.values():
            build_once(config)  # warm: the page cache, compiled bytecode
        wall: dict[str, list[float]] = {language: [] for language in configs}
        cpu: dict[str, list[float]] = {language: [] for language in configs}
        for round_ in range(repeat):
            order = list(configs) if round_ % 2 == 0 else list(reversed(configs))
            for language in order:
                seconds, used = build_once(configs[language])
                wall[language].append(seconds)
                cpu[language].append(used)
            print(
                f"  round {round_ + 1}: "
                + ", ".join(f"{k} {wall[k][-1]:.2f} s ({cpu[k][-1]:.2f} CPU)" for k in configs),
                flush=True,
            )
    print(f"{'mkdocs build of the example':<30} {'median wall s':>13} {'ratio':>6} {'median CPU s':>13} {'ratio':>6}")
    for language in configs:
        w, c = statistics.median(wall[language]), statistics.median(cpu[language])
        base_w, base_c = statistics.median(wall["en"]), statistics.median(cpu["en"])
        print(f"{language:<30} {w:>13.2f} {w / base_w:>6.3f} {c:>13.2f} {c / base_c:>6.3f}")
    load = os.getloadavg()
    print(f"load average after: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--build", action="store_true", help="whole `mkdocs build`s of the example, en beside ro")
    args = parser.parse_args()
    if args.build:
        compare_builds(args.repeat)
        return
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
