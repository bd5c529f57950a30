"""Whole-site build benchmark (issue 9), every figure measured side by side in one run.

    .venv/bin/python benchmarks/bench_build.py [--sizes 250,500,1000,2000] [--overhead-at 1000]

1. plugin overhead: `mkdocs build` of a synthetic plan with the plugin, divided by the build of
   the very same pages as plain Markdown (written by `smm render`, built with the plugin off);
2. scaling: seconds per generated page at each size (flat means linear);
3. `mkdocs serve`-style rebuild of the example handbook after one plan edit, in one process
   (the plugin keeps its parse cache between builds, as under `mkdocs serve`);
4. peak memory (max RSS) of each build;
5. where the plugin's own time goes at the overhead size: loading the plan, each feature's
   pages and files, plan.json (in this process, no profiler);
6. issue 15: the encrypted stakeholder build (``SMM_SHARE_KEY`` set) beside the plain
   stakeholder build, of the example handbook and at the overhead size (``--share-only`` runs
   just this part).
Each build runs in its own process (`mkdocs build -q`), as a user runs it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
CONFIG = """\
site_name: Synthetic
theme: {name: material, features: [navigation.tabs]}
plugins:
  - search
  - smm: {today: 2027-06-01}
"""


def run_build(project: Path, config: str = "mkdocs.yml") -> tuple[float, int]:
    """Seconds and peak RSS (MiB) of one `mkdocs build` in a fresh process."""
    code = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        f"r = subprocess.run([{PYTHON!r}, '-m', 'mkdocs', 'build', '-q', '-f', {config!r}]);"
        "e = time.perf_counter() - t;"
        "m = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
        "print(e, m); sys.exit(r.returncode)"
    )
    out = subprocess.run([PYTHON, "-c", code], cwd=project, env=ENV, capture_output=True, text=True, check=True)
    seconds, rss_kib = out.stdout.split()
    return float(seconds), int(rss_kib) // 1024


def make_project(root: Path, initiatives: int) -> Path:
    root.mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    generate(root, initiatives)
    return root


def pages_in(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def write_plain_config(project: Path) -> None:
    """``plain.yml``: the pages ``smm render`` writes, built without the plugin, with the same
    theme, search, assets and navigation shape (overview + section pages) as the plugin build."""
    rendered = project / "rendered"
    subprocess.run(
        [PYTHON, "-m", "smm_docs_plugin.cli", "render", str(rendered)],
        cwd=project,
        env=ENV,
        check=True,
        capture_output=True,
    )
    plain = yaml.safe_load(
        textwrap.dedent(
            """\
            site_name: Synthetic
            docs_dir: rendered
            site_dir: site-plain
            theme: {name: material, features: [navigation.tabs]}
            plugins: [search]
            extra_css: [assets/smm/smm.css]
            extra_javascript: [assets/smm/smm.js]
            not_in_nav: |
              /strategy/*/*.md
            nav:
              - Home: index.md
            """
        )
    )
    strategy = [{"Overview": "strategy/index.md"}] + [
        {p.parent.name: f"strategy/{p.parent.name}/index.md"}
        for p in sorted((rendered / "strategy").glob("*/index.md"))
    ]
    plain["nav"].append({"Strategy": strategy})
    (project / "plain.yml").write_text(yaml.safe_dump(plain, sort_keys=False), encoding="utf-8")


def overhead(tmp: Path, initiatives: int, repeat: int) -> None:
    project = make_project(tmp / f"overhead-{initiatives}", initiatives)
    write_plain_config(project)
    # The same plugin build with `parallel: false`: everything rendered in the build's own process.
    serial = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("smm: {", "smm: {parallel: false, ")
    (project / "serial.yml").write_text(
        serial.replace("site_name:", "site_dir: site-serial\nsite_name:"), encoding="utf-8"
    )
    # Alternate the builds and keep each one's best run: other work on a shared machine only
    # ever adds time.
    plugin_runs, serial_runs, plain_runs = [], [], []
    for _ in range(repeat):
        plugin_runs.append(run_build(project))
        serial_runs.append(run_build(project, "serial.yml"))
        plain_runs.append(run_build(project, "plain.yml"))
    with_plugin, rss_plugin = min(plugin_runs)
    in_process, rss_serial = min(serial_runs)
    without, rss_plain = min(plain_runs)
    pages = pages_in(project / "site")
    print(
        f"[1] overhead at N={initiatives}: plugin build {with_plugin:.1f} s, plain Markdown build {without:.1f} s "
        f"of the same {pages} pages -> ratio {with_plugin / without:.2f} (target <= 1.10)"
    )
    print(
        f"    with `parallel: false` (all rendering in the build's process): {in_process:.1f} s -> ratio "
        f"{in_process / without:.2f}"
    )
    print(
        f"[4] peak memory at N={initiatives}: plugin build {rss_plugin} MiB (the larger of the build and its render "
        "process), "
        f"parallel: false {rss_serial} MiB, plain build {rss_plain} MiB"
    )


BREAKDOWN = """
import time
started = time.perf_counter()
from pathlib import Path
from smm_docs_plugin import engine
from smm_docs_plugin.context import RenderContext, make_environment
from smm_docs_plugin.features import all_features
from smm_docs_plugin.loader import load_plan
from smm_docs_plugin.render import build_plan_json
from smm_docs_plugin.resolve import for_audience

imported = time.perf_counter() - started
project = engine.read_project(Path("mkdocs.yml").resolve())
started = time.perf_counter()
plan = load_plan(project.plan_dir, today=project.options.today, audience="team")
rows = [("import the plugin (pydantic, icalendar, babel, ...)", imported, ""),
        ("load + validate + resolve", time.perf_counter() - started, "")]
options = engine.render_options(project)
ctx = RenderContext(plan=for_audience(plan, options.audience), options=options,\
 env=make_environment(options.templates_dir))
features = all_features()
ctx.computed["features"] = features
started = time.perf_counter()
for feature in features:
    feature.prepare(ctx)
rows.append(("prepare (all features)", time.perf_counter() - started, ""))
for feature in features:
    started = time.perf_counter()
    outputs = list(feature.outputs(ctx))
    kinds = {}
    for output in outputs:
        output.content  # listing is lazy: render now
        kind = output.src_uri.rsplit(".", 1)[-1]
        kinds[kind] = kinds.get(kind, 0) + 1
    rows.append((type(feature).__name__ + " outputs (with the panels it asks for)", time.perf_counter() - started, ",\
 ".join(f"{n} .{k}" for k, n in sorted(kinds.items()))))
started = time.perf_counter()
build_plan_json(ctx, features)
rows.append(("plan.json", time.perf_counter() - started, ""))
for name, seconds, what in rows:
    print(f"    {name:58s} {seconds:6.2f} s  {what}")
print(f"    {'total':58s} {sum(r[1] for r in rows):6.2f} s")
"""


def breakdown(tmp: Path, initiatives: int) -> None:
    project = tmp / f"overhead-{initiatives}"
    out = subprocess.run([PYTHON, "-c", BREAKDOWN], cwd=project, env=ENV, capture_output=True, text=True, check=True)
    print(f"[5] the plugin's own work at N={initiatives}, by part:")
    print(out.stdout.rstrip())


def scaling(tmp: Path, sizes: list[int]) -> None:
    rows = []
    for n in sizes:
        project = make_project(tmp / f"scale-{n}", n)
        seconds, rss = run_build(project)
        pages = pages_in(project / "site")
        rows.append((n, pages, seconds, seconds / pages * 1000, rss))
    base = rows[0][3]
    print("[2] scaling (one process per build):")
    for n, pages, seconds, per_page, rss in rows:
        print(
            f"    N={n:5d}: {pages:5d} pages, {seconds:6.1f} s, {per_page:5.1f} ms/page ({per_page / base:.2f}x of "
            f"N={rows[0][0]}), {rss} MiB"
        )
    worst = max(r[3] for r in rows) / min(r[3] for r in rows)
    print(f"    max/min ms per page: {worst:.2f} (target <= 1.2)")


def serve_rebuild(tmp: Path) -> None:
    project = tmp / "example"
    for name in ("plan", "docs", "media"):  # media: the example posts' images
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    code = textwrap.dedent(
        """
        import time, pathlib
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        def once():
            cfg = load_config("mkdocs.yml")
            cfg.plugins.on_startup(command="serve", dirty=False)
            t = time.perf_counter(); build(cfg); return time.perf_counter() - t
        first = once()
        goal = pathlib.Path("plan/goals/instagram-de-followers.md")
        goal.write_text(goal.read_text().replace("title:", "title: Edited", 1))
        second = once()
        print(first, second)
        """
    )
    out = subprocess.run(
        [PYTHON, "-c", code],
        cwd=project,
        env=dict(ENV, SOURCE_DATE_EPOCH="1795305600"),
        capture_output=True,
        text=True,
        check=True,
    )
    first, second = map(float, out.stdout.split())
    print(
        f"[3] example handbook: first build {first:.2f} s, rebuild after one plan edit {second:.2f} s (in one process, "
        "as `mkdocs serve`)"
    )


def timed_build(project: Path, config: str, site: str, **env: str) -> float:
    """Seconds of one `mkdocs build` in a fresh process, with extra environment variables."""
    environment = {k: v for k, v in ENV.items() if not k.startswith("SMM_")}
    environment.update(env)
    start = time.perf_counter()
    subprocess.run(
        [PYTHON, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site],
        cwd=project,
        env=environment,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def share(tmp: Path, initiatives: int, repeat: int) -> None:
    """Encrypted stakeholder build ÷ plain stakeholder build, alternating, best of each."""
    synthetic = make_project(tmp / f"share-{initiatives}", initiatives)
    config = (synthetic / "mkdocs.yml").read_text(encoding="utf-8").replace("smm: {", "smm: {audience: stakeholders, ")
    (synthetic / "stakeholders.yml").write_text(config, encoding="utf-8")
    cases = [
        (
            "the example handbook",
            REPO,
            "mkdocs.yml",
            {"SMM_AUDIENCE": "stakeholders", "SOURCE_DATE_EPOCH": "1791806400"},
        ),
        (f"N={initiatives}", synthetic, "stakeholders.yml", {}),
    ]
    for label, project, config_name, env in cases:
        plain_runs, shared_runs = [], []
        for _ in range(repeat):
            plain_runs.append(timed_build(project, config_name, str(tmp / "site-plain"), **env))
            shared_runs.append(
                timed_build(project, config_name, str(tmp / "site-shared"), SMM_SHARE_KEY="benchmark key", **env)
            )
        plain, shared = min(plain_runs), min(shared_runs)
        files = sum(1 for p in (tmp / "site-plain").rglob("*") if p.is_file())
        print(
            f"[6] {label}, stakeholders: encrypted build {shared:.2f} s, plain build {plain:.2f} s "
            f"({files} files) -> ratio {shared / plain:.2f} (target <= 1.3)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="250,500,1000,2000")
    parser.add_argument("--overhead-at", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each overhead build (the best counts)")
    parser.add_argument("--share-only", action="store_true", help="only [6], the encrypted build beside the plain one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.share_only:
            share(tmp, args.overhead_at, args.repeat)
            return
        overhead(tmp, args.overhead_at, args.repeat)
        breakdown(tmp, args.overhead_at)
        scaling(tmp, [int(s) for s in args.sizes.split(",")])
        serve_rebuild(tmp)
        share(tmp, args.overhead_at, args.repeat)


if __name__ == "__main__":
    main()
