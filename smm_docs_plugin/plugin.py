"""The MkDocs plugin ``smm``: thin hooks that wire load → validate → resolve → render into a
build. Everything below this module works without MkDocs (see ``smm render``)."""

from __future__ import annotations

import logging
import os
import re
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .background import BackgroundRenderer, DeferredFile, can_fork
from .check import check_docs_pages
from .cms import BACKENDS, CmsSettings, admin_files
from .context import Output, RenderContext, RenderOptions, make_environment, messages_for, overridden_files
from .errors import PlanError, Problem, sort_problems
from .loader import load_plan
from .markup import MarkdownDialect
from .model import ID_RE
from .posts import media_problems
from .render import ASSET_CSS, ASSET_JS, asset_files, rewrite_docs_page
from .resolve import for_audience
from .serve_errors import ShownProblem, error_page
from .share import ShareError, encrypt_site, mark_noindex, share_key_from, share_required_from, write_robots_txt
from .staging import StagedFolder
from .template_errors import TemplateProblem
from .today import TodayError, parse_today

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

    from .plan import Plan

log = get_plugin_logger(__name__)

#: An HTML comment in rendered HTML (code shows ``&lt;!--``, so every ``<!--`` here is markup).
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


#: Order of the generated pages in the "Strategy" navigation (by their folder name).
NAV_ORDER = (
    "",
    "goals",
    "kpis",
    "initiatives",
    "roadmap",
    "priorities",
    "board",
    "calendar",
    "channels",
    "personas",
    "competitors",
    "swot",
    "team",
    "budget",
    "reports",
    "reviews",
    "accounts",
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
            raise base.ValidationError(
                f"url_prefix must be one or more path segments of a-z, 0-9 and '-', got {value!r}"
            )
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
            raise base.ValidationError(
                f"locale must be a locale babel knows (en, en_US, de_DE, ro, ...), got {value!r}"
            ) from None
        return text


class _Cms(c.BaseConfigOption[Any]):
    """``{repo: OWNER/NAME, backend: github, branch: main, ...}``: the web editor (Decap CMS)."""

    KEYS = ("repo", "backend", "branch", "base_url", "api_root", "app_id", "root", "local_backend", "script")

    def run_validation(self, value: object) -> CmsSettings | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise base.ValidationError(f"cms must be a mapping such as {{repo: owner/name}}, got {value!r}")
        unknown = sorted(set(value) - set(self.KEYS))
        if unknown:
            raise base.ValidationError(
                f"cms: unknown option(s) {', '.join(map(str, unknown))}; known: {', '.join(self.KEYS)}"
            )
        repo = value.get("repo")
        if not isinstance(repo, str) or not re.fullmatch(r"[\w.-]+(/[\w.-]+)+", repo.strip()):
            raise base.ValidationError(f"cms: repo must be OWNER/NAME (the repository the plan lives in), got {repo!r}")
        backend = value.get("backend", "github")
        if backend not in BACKENDS:
            raise base.ValidationError(f"cms: backend must be one of {', '.join(BACKENDS)}, got {backend!r}")
        texts = {}
        for key in ("branch", "base_url", "api_root", "app_id", "root", "script"):
            item = value.get(key)
            if item is not None and (not isinstance(item, str) or not item.strip()):
                raise base.ValidationError(f"cms: {key} must be text, got {item!r}")
            if item is not None:
                texts[key] = item.strip()
        local = value.get("local_backend", False)
        if not isinstance(local, (bool, str)):
            raise base.ValidationError(
                f"cms: local_backend must be true/false or the URL of decap-server, got {local!r}"
            )
        return CmsSettings(repo=repo.strip(), backend=backend, local_backend=local, **texts)


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
    locales_dir = c.Optional(c.Dir(exists=True))
    """A folder of ``<lang>.po`` files that add a language or override single messages."""
    templates_dir = c.Optional(c.Dir(exists=True))
    """A folder whose templates override the packaged ones (same relative paths)."""
    cms = _Cms()
    """The web editor: Decap CMS at ``admin/`` of team builds (PLAN_FORMAT.md §7)."""
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
        #: ``mkdocs serve``: a plan with errors shows them on every page instead of failing.
        self._serving = False
        self._serve_problems: list[Problem] | None = None
        #: The horizon's months, for the editor's per-month amount fields.
        self._months: list[str] = []
        self._share_key: str | None = None
        #: Whether the last build rendered its pages in a background process.
        self.rendered_in_background = False
        #: The MkDocs command (``build``, ``gh-deploy``, ``serve``) and its ``--dirty`` flag.
        self._command: str | None = None
        self._dirty = False
        #: Where this build writes instead of site_dir, and the site_dir it replaces at the end.
        self._staged: StagedFolder | None = None
        self._site_dir: str | None = None
        self._staged_config: MkDocsConfig | None = None
        self._warnings: Any = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember the command: ``mkdocs serve`` builds into a temporary folder of its own and
        shows a plan's errors on every page instead of failing; every other build is staged (see
        :meth:`on_post_build`). (Defining this hook makes MkDocs keep the plugin object across
        serve rebuilds; every build still starts its state in on_pre_build.)"""
        self._command = command
        self._dirty = dirty
        self._serving = command == "serve"

    # -- configuration ----------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.plan_dir = (config_dir / self.config.plan_dir).resolve()
        docs_dir = Path(config.docs_dir).resolve()
        if self.plan_dir == docs_dir or docs_dir in self.plan_dir.parents:
            raise PluginError(
                f"plan_dir '{self.config.plan_dir}' must not be inside docs_dir: the plugin reads the plan and generates pages"
            )
        _log_ignored_templates(self.config.templates_dir)
        if not config.site_url:
            # INFO, not WARNING: the site works without it (relative links, downloadable feeds),
            # and a warning would fail `mkdocs build --strict` for every plan that `smm check`
            # passes. `mkdocs serve` sets site_url itself, so a preview stays quiet.
            log.info(
                "site_url is not set in mkdocs.yml: calendar feeds get relative addresses that "
                "calendar apps cannot subscribe to, and sitemap.xml stays empty; set site_url to "
                "the handbook's published address"
            )
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
        self._stage_site(config)
        return config

    def _stage_site(self, config: MkDocsConfig) -> None:
        """Point site_dir at a fresh folder beside it, so a build that fails at any point
        (after MkDocs cleaned site_dir, while pages render, in another plugin, in --strict)
        leaves the previous site whole. ``mkdocs serve`` is left alone: it builds into a
        temporary folder it owns. Every writer in MkDocs 1.6 (files, theme templates, the
        search index, 404.html) reads ``config.site_dir`` after ``on_config``."""
        self._discard_staged()
        if self._command == "serve":
            return
        self._site_dir = config.site_dir
        self._staged = StagedFolder(config.site_dir, copy_existing=self._dirty)
        self._staged_config = config
        config.site_dir = str(self._staged.path)
        if config.strict:
            # MkDocs turns --strict warnings into an error only after on_post_build, so the
            # swap counts them itself and keeps the previous site when there are any.
            from mkdocs.utils import CountHandler

            self._warnings = CountHandler()
            self._warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self._warnings)

    # -- loading ----------------------------------------------------------------------------
    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Load the plan before MkDocs cleans site_dir: a plan with errors stops the build
        with the previous site still intact (nothing is written half-way)."""
        if not self.config.enabled:
            return
        assert self.plan_dir is not None
        self._loaded = None
        self._serve_problems = None
        self.plan = self.ctx = None
        self._months = []
        try:
            # The site's own Markdown decides what is code in bodies (internal passages, links).
            markdown = MarkdownDialect.of(config.markdown_extensions, config.mdx_configs)
            self._loaded = load_plan(self.plan_dir, today=self.config.today, audience="team", markdown=markdown)
        except PlanError as exc:
            docs = check_docs_pages(exc.plan, Path(config.docs_dir), exc.broken) if exc.plan is not None else []
            self._months = list(getattr(exc.plan, "months", []))
            self._fail(sort_problems(exc.problems + [p for p in docs if p.severity == "error"]))
            return
        # Hand-written pages are checked now too, before MkDocs cleans site_dir.
        self._docs_problems = check_docs_pages(self._loaded, Path(config.docs_dir))
        self._months = self._loaded.months
        # Loading checked posts' media beside the plan folder; mkdocs.yml may live elsewhere.
        self._docs_problems += media_problems(self._loaded, Path(config.config_file_path or ".").resolve().parent)
        if any(p.severity == "error" for p in self._docs_problems):
            self._fail(self._docs_problems + list(self._loaded.problems))
            return
        try:  # the language's messages: a team's broken .po is `path:line: error: …`
            self._env = _environment(self.config.templates_dir, self.render_options(config))
        except PlanError as exc:
            self._fail(exc.problems)
            return
        self._start_render(config)

    def _fail(self, problems: list[Problem]) -> None:
        """Stop the build; under ``mkdocs serve``, build the error page instead."""
        if not self._serving:
            raise PluginError(_report(problems))
        log.error(_report(problems))
        self._serve_problems = problems

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
        if self.config.templates_dir:
            # A team's own templates are rendered now, all of them, so every mistake in them
            # is reported at once, before MkDocs reads a single page.
            _render_all(self._outputs.values())
        elif self.config.parallel and can_fork():
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
        if self._serve_problems is not None:
            self._add_editor(config, files)  # so that "Edit this file" opens the form
            return files  # every page becomes the error page (on_post_page)
        assert self._loaded is not None
        docs_dir = Path(config.docs_dir)
        plan = self._loaded
        for problem in sort_problems(plan.problems + self._docs_problems):
            log.warning(str(problem))
        outputs = self._outputs
        config_dir = Path(config.config_file_path or ".").resolve().parent
        assets = _as_plugin_error(partial(asset_files, self.config.templates_dir))
        _refuse_collisions(files, config, [*outputs, *assets])
        self._generated = set()
        for output in outputs.values():
            inclusion = (
                InclusionLevel.UNDEFINED if (output.nav_title or not output.is_page) else InclusionLevel.NOT_IN_NAV
            )
            if self._background is not None and not output.rendered:
                fetch = partial(_as_plugin_error, partial(self._background.get, output.src_uri))
                file: File = DeferredFile.deferred(config, output.src_uri, fetch, inclusion=inclusion)
            else:
                content = _as_plugin_error(lambda output=output: output.content)
                file = File.generated(config, output.src_uri, content=content, inclusion=inclusion)
            # Stakeholders get no "edit" link: the plan's source holds what their build leaves out.
            if output.edit_path and self.config.audience == "team":
                target = (config_dir / output.edit_path).resolve()
                file.edit_uri = os.path.relpath(target, docs_dir.resolve()).replace(os.sep, "/")
            files.append(file)
            self._generated.add(output.src_uri)
        for asset, content in assets.items():
            files.append(File.generated(config, asset, content=content))
        self._add_editor(config, files)
        self._set_nav(config, files, outputs)
        return files

    def _add_editor(self, config: MkDocsConfig, files: Files) -> None:
        """Decap CMS at admin/ of team builds; a stakeholder build carries no editor file at all
        (not even one a docs folder holds)."""
        settings = self.config.cms
        if settings is None:
            return
        if self.config.audience != "team":
            for file in [f for f in files if f.src_uri.startswith("admin/")]:
                log.info(f"'{file.src_uri}' is left out: stakeholder builds carry no editor")
                files.remove(file)
            return
        for path, content in admin_files(
            settings,
            self._months,
            plan_path=self.render_options(config).plan_path,
            language=str(config.theme.get("language") or "en") if config.theme else "en",
            site_name=config.site_name,
        ).items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=content))

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
        title = self.ctx.gettext("Strategy")
        overview = f"{prefix}/index.md"
        if config.nav is None:
            from mkdocs.utils import nest_paths

            own = [f.src_uri for f in files.documentation_pages() if f.generated_by is None and f.inclusion.is_in_nav()]
            config.nav = nest_paths(own) + [{title: section}]
        elif not _nav_mentions(config.nav, overview):
            config.nav.append({title: section})

    @event_priority(-1000)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Finish the built site, then put it in place of site_dir. Priority -1000, below MkDocs'
        "last" (-100), so this runs after every other plugin's post-build step (the search
        index, Material's plugins, a team's hooks): the share step encrypts every file of the
        finished site, whatever they wrote lands in the staged site, and when one of them fails
        the previous site is still whole."""
        self._finish_background()
        if self.config.enabled:
            self._share_site(config)
        self._publish_site(config)

    def _share_site(self, config: MkDocsConfig) -> None:
        """Encrypt the built site when a share key is set; a stakeholder build is never indexed."""
        site_dir = Path(config.site_dir)
        if self._share_key is not None:
            try:
                count = encrypt_site(
                    site_dir,
                    self._share_key,
                    language=str(config.theme.get("language") or "en") if config.theme else "en",
                    site_url=config.site_url,
                    locales_dir=Path(self.config.locales_dir) if self.config.locales_dir else None,
                )
            except (ShareError, OSError) as exc:
                self._discard_staged()
                raise PluginError(f"the site could not be encrypted, nothing was published in clear: {exc}") from None
            log.info(f"encrypted {count} files: send the link `smm share SITE_URL` prints (it carries the key)")
        elif self.config.audience == "stakeholders":
            write_robots_txt(site_dir)

    def _noindex(self, html: str) -> str | None:
        """A stakeholder build is shared, not published: no page of it asks to be indexed (an
        encrypted build marks its pages when it encrypts them)."""
        if not self.config.enabled or self.config.audience != "stakeholders" or self._share_key is not None:
            return None
        return mark_noindex(html)

    def on_build_error(self, error: Exception) -> None:
        """The build failed: drop the staged site; site_dir is as the previous build left it."""
        self._finish_background()
        self._discard_staged()

    def on_shutdown(self) -> None:
        """A build stopped by Ctrl-C raises no build error (MkDocs catches ``Exception``
        only); its staging folder goes here, the previous site untouched."""
        self._discard_staged()

    def _publish_site(self, config: MkDocsConfig) -> None:
        staged, self._staged = self._staged, None
        if staged is None:
            return
        warned = self._stop_counting_warnings()
        config.site_dir = self._site_dir  # gh-deploy reads it after the build
        self._staged_config = None
        if warned:  # --strict: MkDocs aborts right after this hook
            staged.discard()
            log.info("--strict: warnings found, the previous site is kept")
            return
        staged.publish()
        log.info(f"the site is in {self._site_dir} (built beside it, swapped in whole)")

    def _discard_staged(self) -> None:
        self._stop_counting_warnings()
        if self._staged is not None:
            self._staged.discard()
            self._staged = None
        if self._staged_config is not None:
            self._staged_config.site_dir = self._site_dir
            self._staged_config = None

    def _stop_counting_warnings(self) -> bool:
        """Whether --strict counted a warning; stops counting."""
        if self._warnings is None:
            return False
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        warned = bool(self._warnings.get_counts())
        self._warnings = None
        return warned

    def _finish_background(self) -> None:
        if self._background is not None:
            self._background.close()
            self._background = None

    # -- hand-written pages -----------------------------------------------------------------
    @event_priority(-90)  # after the theme's plugins (a blog's excerpt separator is a comment)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Stakeholder builds: no HTML comment reaches a page or the search index. The Markdown
        was stripped of passages and comments already; a comment the theme acts on (Material's
        ``<!-- material/tags -->``) is kept there and replaced by its plugin before this runs,
        so whatever is still a comment here is nobody's instruction, only text to hide."""
        if not self.config.enabled or self.config.audience != "stakeholders" or "<!--" not in html:
            return None
        return _HTML_COMMENT.sub("", html)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.ctx is None or page.file.src_uri in self._generated:
            return None
        return rewrite_docs_page(markdown, page.file.src_uri, self.ctx)

    def on_page_context(
        self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any] | None:
        """Give the page an escaped ``meta.title``. Material writes ``page.title | striptags``
        into ``<title>`` without autoescape, and striptags *unescapes*: a plan title such as
        ``</title><script>…`` (safely ``&lt;/title&gt;…`` in the heading) would come back as
        live markup. Material prints ``meta.title`` as given, so an escaped one stays text."""
        if not self.config.enabled or not page.title or page.is_homepage or page.meta.get("title"):
            return None
        from markupsafe import Markup, escape

        page.meta["title"] = str(escape(Markup(page.title).striptags()))
        return None

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        if self._serve_problems is not None:
            return self._error_page(config)
        return self._noindex(output)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str | None:
        if not template_name.endswith(".html"):
            return None
        # 404.html: MkDocs' server answers every unknown URL (a plan page, now) with it.
        if self._serve_problems is not None:
            return self._error_page(config)
        return self._noindex(output_content)

    def _error_page(self, config: MkDocsConfig) -> str:
        assert self._serve_problems is not None and self.plan_dir is not None
        config_dir = Path(config.config_file_path or ".").resolve().parent
        site_path = urlsplit(config.site_url or "/").path
        shown = [
            ShownProblem(p, _edit_url(p, config, config_dir, self.plan_dir, site_path if self.config.cms else None))
            for p in self._serve_problems
        ]
        return error_page(shown, config.site_name)

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
#: reloads the configuration on every rebuild, and compiled templates are worth keeping
#: (Jinja still reloads a template whose file changed).
_ENVIRONMENTS: dict[str, jinja2.Environment] = {}


def _environment(templates_dir: str | None, options: RenderOptions | None = None) -> jinja2.Environment:
    """One Jinja environment per templates folder and language, kept across ``mkdocs serve``
    rebuilds (Jinja reloads an edited template itself). An override added to or removed from
    the user's folder changes which file wins, so the overrides present are part of the key;
    so are the team's catalogues and their times (an edited ``.po`` is read again)."""
    options = options or RenderOptions()
    own = sorted(Path(options.locales_dir).glob("*.po")) if options.locales_dir else []
    key = "\0".join(
        [str(templates_dir), *overridden_files(templates_dir), options.language, str(options.locales_dir)]
        + [f"{p.name}:{p.stat().st_mtime_ns}" for p in own]
    )
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = make_environment(Path(templates_dir) if templates_dir else None, messages_for(options))
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
        locales_dir=Path(options.locales_dir) if options.locales_dir else None,
        plan_path=plan_path,
        config_dir=config_dir,
        shared=shared,
    )


def _render_all(outputs: Any) -> None:
    """Render every output now; all template errors at once as a PluginError."""
    problems: list[str] = []
    for output in outputs:
        try:
            output.content
        except TemplateProblem as exc:
            problems.append(str(exc))
    if problems:
        unique = sorted(set(problems))
        raise PluginError(f"{len(unique)} template error(s):\n" + "\n".join(unique))


def _as_plugin_error(render: Any) -> Any:
    """``render()``, with a template's error as a PluginError (MkDocs prints it, no traceback)."""
    try:
        return render()
    except TemplateProblem as exc:
        raise PluginError(str(exc)) from None


def _refuse_collisions(files: Files, config: MkDocsConfig, generated: list[str]) -> None:
    """A generated page or file whose URL another file already has (a hand-written page, a
    theme's or another plugin's file) is an error, all at once (see ``collisions.py``)."""
    from .collisions import collision_message, dest_uri
    from .loader import display_path

    directory_urls = bool(config.use_directory_urls)
    taken: dict[str, File] = {}
    for file in files:
        if not file.inclusion.is_excluded():
            taken.setdefault(file.dest_uri, file)
    problems = []
    for src_uri in generated:
        other = taken.get(dest_uri(src_uri, directory_urls))
        if other is None:
            continue
        if other.abs_src_path and other.generated_by is None:
            where = f"{display_path(Path(other.abs_src_path))}:1"
        else:
            where = f"{other.src_uri} (from {other.generated_by or 'the theme'})"
        problems.append(f"{where}: error: {collision_message(other.src_uri, src_uri, directory_urls)}")
    if problems:
        raise PluginError(f"{len(problems)} URL collision(s):\n" + "\n".join(sorted(problems)))


def _log_ignored_templates(templates_dir: str | None) -> None:
    """At debug level (``mkdocs build -v``): which files of templates_dir are used, and that
    the rest is ignored (listed up to a point: the folder may be huge)."""
    if not templates_dir or not log.isEnabledFor(logging.DEBUG):
        return
    used = overridden_files(templates_dir)
    log.debug(
        f"templates_dir '{templates_dir}': {len(used)} override(s) of packaged files: {', '.join(used) or 'none'}"
    )
    ignored: list[str] = []
    for root, dirs, names in os.walk(templates_dir):
        dirs.sort()
        for name in sorted(names):
            rel = Path(root, name).relative_to(templates_dir).as_posix()
            if rel not in used:
                ignored.append(rel)
        if len(ignored) > 20:
            break
    if ignored:
        more = ", ..." if len(ignored) > 20 else ""
        log.debug(
            f"templates_dir: ignored (no packaged template or asset has their path): {', '.join(sorted(ignored)[:20])}{more}"
        )


def _report(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    lines = "\n".join(str(p) for p in problems)
    return f"the plan has {errors} error(s):\n{lines}"


def _edit_url(
    problem: Problem, config: MkDocsConfig, config_dir: Path, plan_dir: Path, cms_site_path: str | None
) -> str | None:
    """Where to fix a problem: the editor's form for a plan file when ``cms`` is set, else the
    repository's edit page (``repo_url`` + ``edit_uri``), else nothing."""
    target = (Path.cwd() / problem.path).resolve()
    if cms_site_path is not None and plan_dir in target.parents:
        admin = cms_site_path.rstrip("/") + "/admin/#/collections/"
        parts = target.relative_to(plan_dir).parts
        if len(parts) == 1 and target.stem == "mission":
            return admin + "mission/entries/mission"
        if len(parts) == 2 and ID_RE.match(target.stem):
            return admin + f"{parts[0]}/entries/{target.stem}"
    if config.repo_url and config.edit_uri and config_dir in target.parents:
        base_url = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri.lstrip("/"))
        # edit_uri points into docs_dir; plan files sit beside it, as the pages' edit links say.
        relative = os.path.relpath(target, Path(config.docs_dir).resolve()).replace(os.sep, "/")
        return urljoin(base_url.rstrip("/") + "/", relative)
    return None


def _nav_mentions(nav: Any, src: str) -> bool:
    if isinstance(nav, str):
        return nav == src
    if isinstance(nav, dict):
        return any(_nav_mentions(v, src) for v in nav.values())
    if isinstance(nav, list):
        return any(_nav_mentions(v, src) for v in nav)
    return False
