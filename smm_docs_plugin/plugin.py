"""The MkDocs plugin ``smm``: thin hooks that wire load → validate → resolve → render into a
build. Everything below this module works without MkDocs (see ``smm render``)."""

from __future__ import annotations

import os
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .background import BackgroundRenderer, DeferredFile, can_fork
from .check import check_docs_pages
from .context import Output, RenderContext, RenderOptions, make_environment
from .errors import PlanError, Problem, sort_problems
from .loader import load_plan
from .model import ID_RE
from .render import ASSET_CSS, ASSET_JS, asset_files, rewrite_docs_page
from .resolve import for_audience
from .share import ShareError, encrypt_site, mark_noindex, share_key_from, share_required_from, write_robots_txt
from .today import TodayError, parse_today

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

    from .plan import Plan

log = get_plugin_logger(__name__)


#: Order of the generated pages in the "Strategy" navigation (by their folder name).
NAV_ORDER = (
    "", "goals", "kpis", "initiatives", "roadmap", "priorities", "board", "calendar", "channels",
    "personas", "competitors", "swot", "team", "budget", "reports", "reviews", "accounts",
)


class _Today(c.BaseConfigOption[Any]):
    """A date (YAML date or ``YYYY-MM-DD``); empty means SOURCE_DATE_EPOCH, else the build date."""

    def run_validation(self, value: object) -> date | None:
        try:
            return parse_today(value)
        except TodayError as exc:
            raise base.ValidationError(str(exc)) from None


class _UrlPrefix(c.Type[str]):
    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip("/")
        if not text or not all(ID_RE.match(part) for part in text.split("/")):
            raise base.ValidationError(f"url_prefix must be one or more path segments of a-z, 0-9 and '-', got {value!r}")
        return text


class _Weeks(c.Type[int]):
    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)  # from !ENV [SMM_WEEKS, 6]: environment variables are text
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 104:
            raise base.ValidationError(f"calendar_weeks must be a whole number from 1 to 104, got {value!r}")
        return value


class _Locale(c.Type[str]):
    """A locale babel knows; ``de-DE`` is read as ``de_DE``."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        from babel import Locale, UnknownLocaleError

        text = super().run_validation(value).strip().replace("-", "_")
        try:
            Locale.parse(text)
        except (ValueError, TypeError, UnknownLocaleError):
            raise base.ValidationError(f"locale must be a locale babel knows (en, en_US, de_DE, ro, ...), got {value!r}") from None
        return text


class PluginConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it (e.g. for a quick docs-only preview)."""
    plan_dir = c.Type(str, default="plan")
    """The plan folder, relative to mkdocs.yml. Never inside docs_dir."""
    url_prefix = _UrlPrefix(default="strategy")
    """Generated pages live under this path."""
    audience = c.Choice(("team", "stakeholders"), default="team")
    """``team``: everything; ``stakeholders``: a read-only build without anything internal."""
    calendar_weeks = _Weeks(default=6)
    """Length of the rolling calendar window, in weeks."""
    today = _Today()
    """The build's "today"; else SOURCE_DATE_EPOCH; else the build date."""
    locale = _Locale(default="en")
    """Locale for numbers, amounts and dates (babel), e.g. ``en``, ``de_DE``, ``ro``."""
    templates_dir = c.Optional(c.Dir(exists=True))
    """A folder whose templates override the packaged ones (same relative paths)."""
    share_key = c.Optional(c.Type(str))
    """Encrypt the build (either audience) so that only the link ``smm share SITE_URL`` prints
    opens it; default: the environment variable ``SMM_SHARE_KEY`` (never write the key here)."""
    share_required = c.Optional(c.Type(bool))
    """Fail the build when no share key is set rather than publish in clear; default: the
    environment variable ``SMM_SHARE_REQUIRED`` (``true``/``1``/``yes``)."""
    parallel = c.Type(bool, default=True)
    """Render the generated pages in a second process while MkDocs builds the site (where a
    fork is safe and a second CPU exists; ``mkdocs serve`` rebuilds render in-process).
    The output is the same either way."""


class SmmPlugin(BasePlugin[PluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._env: jinja2.Environment | None = None
        self.plan: Plan | None = None
        self.ctx: RenderContext | None = None
        self.plan_dir: Path | None = None
        self._generated: set[str] = set()
        self._loaded: Plan | None = None
        self._background: BackgroundRenderer | None = None
        self._outputs: dict[str, Output] = {}
        self._docs_problems: list[Problem] = []
        self._share_key: str | None = None
        #: Whether the last build rendered its pages in a background process.
        self.rendered_in_background = False

    # -- configuration ----------------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.plan_dir = (config_dir / self.config.plan_dir).resolve()
        docs_dir = Path(config.docs_dir).resolve()
        if self.plan_dir == docs_dir or docs_dir in self.plan_dir.parents:
            raise PluginError(f"plan_dir '{self.config.plan_dir}' must not be inside docs_dir: the plugin reads the plan and generates pages")
        self._env = _environment(self.config.templates_dir)
        # Decided before anything is written: a build that must be encrypted never starts in clear.
        self._share_key = share_key_from(self.config.share_key)
        if self._share_key is None and share_required_from(self.config.share_required):
            raise PluginError(
                "this build must be encrypted (share_required / SMM_SHARE_REQUIRED) but no share key is set: "
                "put one in the environment variable SMM_SHARE_KEY (in GitHub Actions: the repository secret "
                "SMM_SHARE_KEY; `smm share --new-key` makes one), or drop share_required to publish in clear"
            )
        if ASSET_CSS not in [str(x) for x in config.extra_css]:
            config.extra_css.append(ASSET_CSS)
        if ASSET_JS not in [str(x) for x in config.extra_javascript]:
            config.extra_javascript.append(ASSET_JS)
        return config

    # -- loading ----------------------------------------------------------------------------
    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Load the plan before MkDocs cleans site_dir: a plan with errors stops the build
        with the previous site still intact (nothing is written half-way)."""
        if not self.config.enabled:
            return
        assert self.plan_dir is not None
        self._loaded = None
        try:
            self._loaded = load_plan(self.plan_dir, today=self.config.today, audience="team")
        except PlanError as exc:
            docs = check_docs_pages(exc.plan, Path(config.docs_dir), exc.broken) if exc.plan is not None else []
            raise PluginError(_report(sort_problems(exc.problems + [p for p in docs if p.severity == "error"]))) from None
        # Hand-written pages are checked now too, before MkDocs cleans site_dir.
        self._docs_problems = check_docs_pages(self._loaded, Path(config.docs_dir))
        if any(p.severity == "error" for p in self._docs_problems):
            raise PluginError(_report(self._docs_problems + list(self._loaded.problems)))
        self._start_render(config)

    def _start_render(self, config: MkDocsConfig) -> None:
        """List the outputs and, where it is safe, start rendering them in the background now,
        while MkDocs cleans site_dir, collects docs_dir and builds the navigation."""
        from .render import render_site

        assert self._loaded is not None and self._env is not None
        view = for_audience(self._loaded, self.config.audience)
        options = self.render_options(config)
        self._outputs = render_site(view, options, self._env)
        self.plan = view
        self.ctx = RenderContext(plan=view, options=options, env=self._env)
        self._background = None
        self.rendered_in_background = False
        if self.config.parallel and can_fork():
            # Pages in the order MkDocs reads them, then the files it copies at the end.
            ordered = sorted(self._outputs.values(), key=lambda o: not o.is_page)
            self._background = BackgroundRenderer(ordered)
            self.rendered_in_background = True
            log.debug(f"rendering {len(ordered)} generated files in a background process")

    # -- generated files --------------------------------------------------------------------
    @event_priority(-50)  # after other plugins added their files, so ours are the final word under url_prefix
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        assert self._loaded is not None
        docs_dir = Path(config.docs_dir)
        plan = self._loaded
        for problem in sort_problems(plan.problems + self._docs_problems):
            log.warning(str(problem))
        outputs = self._outputs
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self._generated = set()
        for output in outputs.values():
            existing = files.get_file_from_path(output.src_uri)
            if existing is not None:
                log.warning(f"'{output.src_uri}' in docs_dir is replaced by the generated page of the same path")
                files.remove(existing)
            inclusion = InclusionLevel.UNDEFINED if (output.nav_title or not output.is_page) else InclusionLevel.NOT_IN_NAV
            if self._background is not None:
                fetch = partial(self._background.get, output.src_uri)
                file: File = DeferredFile.deferred(config, output.src_uri, fetch, inclusion=inclusion)
            else:
                file = File.generated(config, output.src_uri, content=output.content, inclusion=inclusion)
            # Stakeholders get no "edit" link: the plan's source holds what their build leaves out.
            if output.edit_path and self.config.audience == "team":
                target = (config_dir / output.edit_path).resolve()
                file.edit_uri = os.path.relpath(target, docs_dir.resolve()).replace(os.sep, "/")
            files.append(file)
            self._generated.add(output.src_uri)
        for asset, content in asset_files(self.config.templates_dir).items():
            files.append(File.generated(config, asset, content=content))
        self._set_nav(config, files, outputs)
        return files

    def render_options(self, config: MkDocsConfig) -> RenderOptions:
        assert self.plan_dir is not None
        return make_render_options(
            self.config,
            config_dir=Path(config.config_file_path or ".").resolve().parent,
            plan_dir=self.plan_dir,
            theme_language=config.theme.get("language") if config.theme else None,
            site_url=config.site_url,
            use_directory_urls=bool(config.use_directory_urls),
            shared=self._share_key is not None,
        )

    def _set_nav(self, config: MkDocsConfig, files: Files, outputs: dict) -> None:
        prefix = self.config.url_prefix
        entries = []
        for output in outputs.values():
            if not output.nav_title:
                continue
            folder = output.src_uri[len(prefix) + 1 :].rsplit("index.md", 1)[0].strip("/")
            rank = NAV_ORDER.index(folder) if folder in NAV_ORDER else len(NAV_ORDER)
            entries.append((rank, folder, {output.nav_title: output.src_uri}))
        section = [entry for _, _, entry in sorted(entries, key=lambda e: (e[0], e[1]))]
        assert self.ctx is not None
        title = self.ctx.t("nav.strategy")
        overview = f"{prefix}/index.md"
        if config.nav is None:
            from mkdocs.utils import nest_paths

            own = [f.src_uri for f in files.documentation_pages() if f.generated_by is None and f.inclusion.is_in_nav()]
            config.nav = nest_paths(own) + [{title: section}]
        elif not _nav_mentions(config.nav, overview):
            config.nav.append({title: section})

    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Last of all plugins (the search plugin writes its index in its own ``on_post_build``),
        so the share step encrypts every file of the finished site; a step that moves the built
        site into place must come after it."""
        self._finish_background()
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        if self._share_key is not None:
            try:
                count = encrypt_site(
                    site_dir, self._share_key,
                    language=str(config.theme.get("language") or "en") if config.theme else "en",
                    site_url=config.site_url,
                )
            except (ShareError, OSError) as exc:
                raise PluginError(f"the site could not be encrypted, nothing was published in clear: {exc}") from None
            log.info(f"encrypted {count} files: send the link `smm share SITE_URL` prints (it carries the key)")
        elif self.config.audience == "stakeholders":
            write_robots_txt(site_dir)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        """A stakeholder build is shared, not published: no page of it asks to be indexed (an
        encrypted build marks its pages when it encrypts them)."""
        if not self.config.enabled or self.config.audience != "stakeholders" or self._share_key is not None:
            return None
        return mark_noindex(output)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str | None:
        """The same for pages built from a theme template alone (``404.html``)."""
        if not self.config.enabled or self.config.audience != "stakeholders" or self._share_key is not None:
            return None
        return mark_noindex(output_content) if template_name.endswith(".html") else None

    def on_build_error(self, error: Exception) -> None:
        self._finish_background()

    def _finish_background(self) -> None:
        if self._background is not None:
            self._background.close()
            self._background = None

    # -- hand-written pages -----------------------------------------------------------------
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.ctx is None or page.file.src_uri in self._generated:
            return None
        return rewrite_docs_page(markdown, page.file.src_uri, self.ctx)

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any] | None:
        """Give the page an escaped ``meta.title``. Material writes ``page.title | striptags``
        into ``<title>`` without autoescape, and striptags *unescapes*: a plan title such as
        ``</title><script>…`` (safely ``&lt;/title&gt;…`` in the heading) would come back as
        live markup. Material prints ``meta.title`` as given, so an escaped one stays text."""
        if not self.config.enabled or not page.title or page.is_homepage or page.meta.get("title"):
            return None
        from markupsafe import Markup, escape

        page.meta["title"] = str(escape(Markup(page.title).striptags()))
        return None

    # -- serve ------------------------------------------------------------------------------
    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        if not self.config.enabled:
            return None
        if self.plan_dir is not None:
            server.watch(str(self.plan_dir))
        if self.config.templates_dir:
            server.watch(str(self.config.templates_dir))
        return server


#: One Jinja environment per templates folder for the life of the process: `mkdocs serve`
#: creates new plugin instances on every rebuild, and compiled templates are worth keeping
#: (Jinja still reloads a template whose file changed).
_ENVIRONMENTS: dict[str, jinja2.Environment] = {}


def _environment(templates_dir: str | None) -> jinja2.Environment:
    """One Jinja environment per templates folder, kept across ``mkdocs serve`` rebuilds (Jinja
    reloads an edited template itself). A template added to or removed from the user's folder
    changes which file wins, so the folder's listing is part of the key."""
    key = str(templates_dir)
    if templates_dir:
        key += "\0" + "\0".join(sorted(p.relative_to(templates_dir).as_posix() for p in Path(templates_dir).rglob("*") if p.is_file()))
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = make_environment(Path(templates_dir) if templates_dir else None)
    return _ENVIRONMENTS[key]


def make_render_options(
    options: PluginConfig,
    *,
    config_dir: Path,
    plan_dir: Path,
    theme_language: object,
    site_url: str | None,
    use_directory_urls: bool,
    shared: bool = False,
) -> RenderOptions:
    """The renderer's options from the plugin's and the site's (shared with ``smm render``)."""
    # Relative to mkdocs.yml even for an absolute plan_dir: a build machine's paths never get
    # into plan.json, and edit links resolve against the repository.
    plan_path = Path(os.path.relpath(plan_dir, config_dir)).as_posix()
    return RenderOptions(
        url_prefix=options.url_prefix,
        audience=options.audience,
        calendar_weeks=options.calendar_weeks,
        locale=options.locale,
        language=str(theme_language or "en"),
        site_url=site_url or None,
        use_directory_urls=use_directory_urls,
        templates_dir=Path(options.templates_dir) if options.templates_dir else None,
        plan_path=plan_path,
        shared=shared,
    )


def _report(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    lines = "\n".join(str(p) for p in problems)
    return f"the plan has {errors} error(s):\n{lines}"


def _nav_mentions(nav: Any, src: str) -> bool:
    if isinstance(nav, str):
        return nav == src
    if isinstance(nav, dict):
        return any(_nav_mentions(v, src) for v in nav.values())
    if isinstance(nav, list):
        return any(_nav_mentions(v, src) for v in nav)
    return False
