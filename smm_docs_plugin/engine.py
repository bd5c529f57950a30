"""``smm render OUT_DIR``: the handbook as plain files, for any static-site engine.

MkDocs runs the ``smm`` plugin (so does ProperDocs, unchanged). Engines that run no
third-party plugins, such as Zensical, publish a folder instead: this command writes every
page and file the plugin would generate (Markdown pages, ``budget.csv``, ``.ics`` feeds,
``plan.json``, the stylesheet and script), plus the hand-written ``docs/`` pages with their
``[[section/id]]`` links already turned into Markdown links. Point the engine's ``docs_dir``
at ``OUT_DIR`` and build. The options are read from the ``smm`` entry of ``mkdocs.yml`` and
validated by the plugin's own option classes, so a render and a plugin build agree.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .context import Output, RenderContext, RenderOptions, make_environment, messages_for
from .docs_pages import check_docs_pages
from .errors import PlanError, Problem
from .loader import load_plan
from .markup import MarkdownDialect
from .mkdocs_yaml import MkDocsYamlError, read_mkdocs_yaml, smm_options
from .posts import MediaFolder, media_problems
from .render import rewrite_docs_page
from .resolve import for_audience
from .staging import StagedFolder
from .template_errors import TemplateProblem

#: Written into every render folder, so a later render may replace it (and nothing else).
MARKER = ".smm-render"


class RenderError(Exception):
    """The project cannot be rendered: a bad mkdocs.yml, bad options or an unsafe OUT_DIR."""


class TemplateErrors(Exception):
    """Templates that failed to render (every one found, not just the first)."""

    def __init__(self, problems: list[TemplateProblem]) -> None:
        self.problems = sorted(problems, key=str)
        super().__init__("\n".join(str(p) for p in self.problems))

    def summary(self) -> str:
        """``N template error(s):`` and each different one on a line of its own."""
        unique = sorted({str(p) for p in self.problems})
        return f"{len(unique)} template error(s):\n" + "\n".join(unique)


# --- rendering -----------------------------------------------------------------------------


@dataclass
class RenderResult:
    generated: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Project:
    """What a render needs from a project: its folders and the plugin's validated options."""

    config_dir: Path
    docs_dir: Path
    plan_dir: Path
    options: Any  # the plugin's PluginConfig, validated
    mkdocs: dict[str, Any]


def read_project(config_file: Path, audience: str | None = None) -> Project:
    from .config import PluginConfig

    config_file = config_file.resolve()
    try:
        mkdocs = read_mkdocs_yaml(config_file)
        raw = smm_options(mkdocs)
    except MkDocsYamlError as exc:
        raise RenderError(str(exc)) from None
    if audience is not None:
        raw["audience"] = audience
    options = PluginConfig(config_file_path=str(config_file))
    options.load_dict(raw)
    failed, _warnings = options.validate()
    if failed:
        raise RenderError("; ".join(f"smm option '{key}': {error}" for key, error in failed))
    config_dir = config_file.parent
    return Project(
        config_dir=config_dir,
        docs_dir=(config_dir / str(mkdocs.get("docs_dir") or "docs")).resolve(),
        plan_dir=(config_dir / options.plan_dir).resolve(),
        options=options,
        mkdocs=mkdocs,
    )


def render_options(project: Project) -> RenderOptions:
    """The same options the plugin derives from mkdocs.yml."""
    from .config import make_render_options

    theme = project.mkdocs.get("theme")
    site_dir = project.config_dir / str(project.mkdocs.get("site_dir") or "site")
    return make_render_options(
        project.options,
        config_dir=project.config_dir,
        plan_dir=project.plan_dir,
        theme_language=theme.get("language") if isinstance(theme, dict) else None,
        site_url=project.mkdocs.get("site_url"),
        use_directory_urls=bool(project.mkdocs.get("use_directory_urls", True)),
        media=MediaFolder.of(project.config_dir, plan_dir=project.plan_dir, site_dir=site_dir),
    )


#: First line of the marker; the files the render wrote follow, one per line.
MARKER_HEADER = "Written by `smm render`. The next render replaces the files listed below and keeps any other file."


def _check_out_dir(out_dir: Path, project: Project) -> dict[str, Path]:
    """Refuse folders a render must never touch. Returns the files in ``out_dir`` that a
    previous render did not write (a team's own files, kept by the next render)."""
    out = out_dir.resolve()
    for name, protected in (("docs_dir", project.docs_dir), ("plan_dir", project.plan_dir)):
        if out == protected or protected in out.parents or out in protected.parents:
            raise RenderError(f"OUT_DIR {out_dir} overlaps {name} ({protected}); choose a separate folder")
    if out == project.config_dir or out in project.config_dir.parents:
        raise RenderError(f"OUT_DIR {out_dir} holds the project itself; choose a separate folder")
    if not out.exists():
        return {}
    if not out.is_dir():
        raise RenderError(f"OUT_DIR {out_dir} is not a folder")
    if not any(out.iterdir()):
        return {}
    if not (out / MARKER).is_file():
        raise RenderError(
            f"OUT_DIR {out_dir} is not empty and was not written by smm render; choose an empty or new folder"
        )
    listed = (out / MARKER).read_text(encoding="utf-8", errors="replace").splitlines()[1:]
    written = set(listed)
    if not written:  # a marker without a list (an earlier version): the whole folder was the render's
        return {}
    own: dict[str, Path] = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if (path.is_file() or path.is_symlink()) and rel != MARKER and rel not in written:
            own[rel] = path
    return own


def _keep_own_files(own: dict[str, Path], staged: Path, out_dir: Path) -> None:
    """Copy a team's own files from the previous render folder into the new one; one at a path
    the render writes is an error (nothing is touched)."""
    clashes = sorted(rel for rel in own if (staged / rel).exists() or rel == MARKER)
    if clashes:
        raise RenderError(
            f"OUT_DIR {out_dir} holds file(s) smm render did not write at path(s) it writes: "
            f"{', '.join(clashes)}; move them away"
        )
    for rel, path in own.items():
        target = staged / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target, follow_symlinks=False)


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(content)


def render_project(
    config_file: Path,
    out_dir: Path,
    *,
    audience: str | None = None,
    include_docs: bool = True,
    page_folders: bool = False,
    raw_html_mark: str = "",
) -> RenderResult:
    """Write the handbook of ``config_file`` into ``out_dir`` as plain files. Raises
    :class:`PlanError` when the plan (or a ``[[link]]`` in docs) has errors. With
    ``raw_html_mark``, the large HTML blocks are marked for a Markdown that has
    ``raw_html.RawHtmlBlocks`` with the same mark (as the plugin's build does)."""
    from .render import asset_files, render_site

    project = read_project(config_file, audience)
    extensions = project.mkdocs.get("markdown_extensions")
    markdown = MarkdownDialect.of(extensions if isinstance(extensions, list) else [])
    plan = load_plan(project.plan_dir, today=project.options.today, audience="team", markdown=markdown)
    result = RenderResult(warnings=list(plan.problems))

    doc_files = (
        sorted(p for p in project.docs_dir.rglob("*") if p.is_file())
        if include_docs and project.docs_dir.is_dir()
        else []
    )
    options = replace(render_options(project), page_folders=page_folders, raw_html_mark=raw_html_mark)
    docs_problems = check_docs_pages(plan, project.docs_dir) if include_docs else []
    # Loading judged posts' media as `smm check` does; this mkdocs.yml's folders may differ.
    assert options.media is not None
    docs_problems += media_problems(plan, options.media)
    if any(p.severity == "error" for p in docs_problems):
        raise PlanError(docs_problems)
    result.warnings.extend(docs_problems)

    env = make_environment(options.templates_dir, messages_for(options))
    view = for_audience(plan, options.audience)
    outputs = render_site(view, options, env)
    ctx = RenderContext(plan=view, options=options, env=env)
    docs = {path.relative_to(project.docs_dir).as_posix(): path for path in doc_files}
    assets = asset_files(options.templates_dir)
    _refuse_collisions(docs, [*outputs, *assets], ctx, project)
    render_all(outputs.values())
    own = _check_out_dir(out_dir, project)

    # Everything is written into a folder beside OUT_DIR, which replaces it only at the end:
    # a render that fails at any point leaves the previous one as it was.
    staged = StagedFolder(out_dir)
    try:
        for src, path in docs.items():
            if path.suffix == ".md" and not view.is_team and _is_internal_page(path):
                continue  # a docs page marked internal: true is team-only, as in the plugin's build
            if path.suffix == ".md":
                _write(
                    staged.path / src, rewrite_docs_page(path.read_text(encoding="utf-8"), src, ctx, whole_file=True)
                )
            else:
                _write(staged.path / src, path.read_bytes())
            result.docs.append(src)
        for src, output in outputs.items():
            _write(staged.path / src, output.content)
            result.generated.append(src)
        for src, content in assets.items():
            _write(staged.path / src, content)
            result.assets.append(src)
        _keep_own_files(own, staged.path, out_dir)
        written = sorted([*result.docs, *result.generated, *result.assets])
        _write(staged.path / MARKER, "\n".join([MARKER_HEADER, *written]) + "\n")
        staged.publish()
    except BaseException:
        staged.discard()
        raise
    return result


def _is_internal_page(path: Path) -> bool:
    from .docs_pages import is_internal_page, page_meta
    from .mkdocs_rules import split_front_matter

    head, _ = split_front_matter(path.read_text(encoding="utf-8-sig", errors="replace"))
    return bool(head.strip()) and is_internal_page(page_meta(head))


def render_all(outputs: Iterable[Output]) -> None:
    """Render every output now (before anything is written); all template errors at once."""
    problems = []
    for output in outputs:
        try:
            _ = output.content  # rendered on first access
        except TemplateProblem as exc:
            problems.append(exc)
    if problems:
        raise TemplateErrors(problems)


def _refuse_collisions(docs: dict[str, Path], generated: list[str], ctx: RenderContext, project: Project) -> None:
    """A hand-written page or file at the URL of a generated one is an error, as in a plugin
    build (``strategy.md`` and ``strategy/index.md`` share ``strategy/`` with directory URLs)."""
    from .collisions import url_collisions
    from .errors import display_path

    shown = {src: display_path(path) for src, path in docs.items()}
    problems = url_collisions(shown, generated, use_directory_urls=ctx.options.use_directory_urls)
    if problems:
        raise PlanError(problems)


def run_render(args: argparse.Namespace) -> int:
    try:
        result = render_project(
            args.config,
            args.out_dir,
            audience=args.audience,
            include_docs=not args.only_generated,
            page_folders=args.page_folders,
        )
    except RenderError as exc:
        print(f"smm render: {exc}", file=sys.stderr)
        return 2
    except TemplateErrors as exc:
        for template_problem in exc.problems:
            print(template_problem, file=sys.stderr)
        print(f"smm render: {len(exc.problems)} template error(s); nothing was written", file=sys.stderr)
        return 1
    except PlanError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.severity == "error" for p in exc.problems)
        print(f"smm render: {errors} error(s); nothing was written", file=sys.stderr)
        return 1
    for problem in result.warnings:
        print(problem, file=sys.stderr)
    print(
        f"Wrote {len(result.generated)} generated files, {len(result.docs)} docs files and "
        f"{len(result.assets)} assets to {args.out_dir}"
    )
    print(
        "Publish it with any engine whose docs_dir is that folder (with assets/smm/smm.css and smm.js as extra "
        "CSS and JavaScript); for Zensical render with --page-folders (see the README)"
    )
    return 0


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "render",
        help="write the generated pages and files into a folder, for engines without plugins",
        description="Write exactly the pages and files the smm plugin generates (Markdown, CSV, ICS, "
        "JSON, stylesheet), plus the hand-written docs pages with [[section/id]] links rewritten, "
        "into OUT_DIR. Options come from the smm entry in mkdocs.yml (!ENV tags are honoured).",
    )
    parser.add_argument(
        "out_dir",
        type=Path,
        metavar="OUT_DIR",
        help="a new or empty folder, or one a previous render wrote: the files it wrote are "
        "replaced, any file you added is kept",
    )
    parser.add_argument(
        "--config",
        "-f",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="FILE",
        help="the project's configuration (default: mkdocs.yml)",
    )
    parser.add_argument("--audience", choices=("team", "stakeholders"), help="override the audience set in mkdocs.yml")
    parser.add_argument(
        "--only-generated",
        action="store_true",
        help="leave out the hand-written docs pages (only what the plugin generates)",
    )
    parser.add_argument(
        "--page-folders",
        action="store_true",
        help="write each entity page as <section>/<id>/index.md (same URLs), for engines that "
        "resolve links in a page's HTML against its source file, such as Zensical",
    )
    parser.set_defaults(run=run_render)
