"""The MkDocs plugin ``smm``: thin hooks that wire load → validate → resolve → render into a
build. Everything below this module works without MkDocs (see ``smm render``).

Only MkDocs hooks live here, with the signatures MkDocs declares (the event's item positional,
the rest keyword-only); each says when it runs and why at that priority. The few private
methods hold this object's state between hooks (the staged site, the background renderer, a
failed plan under ``mkdocs serve``); the work itself lives in the modules it belongs to."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from .background import BackgroundRenderer, can_fork
from .cms import admin_files
from .collisions import build_collisions
from .config import PluginConfig, make_render_options
from .context import Output, RenderContext, RenderOptions, shared_environment, templates_dir_report
from .docs_pages import check_docs_pages, hide_front_matter_links, internal_docs_pages, snippet_problem_of_page
from .engine import TemplateErrors, render_all
from .errors import PlanError, Problem, plan_report, sort_problems
from .guard import StakeholderGuard, hidden_targets, page_key
from .i18n import SOURCE_LANGUAGE, Messages, load_translations, translate_permalink_title
from .loader import load_plan
from .markup import MarkdownDialect
from .mkdocs_files import as_plugin_error, drop_files_under, generated_files, replace_files
from .nav import nav_mentions, strategy_section, without_pages
from .posts import MediaFolder, media_problems
from .raw_html import RawHtmlBlocks, new_mark
from .render import ASSET_CSS, ASSET_JS, asset_files, render_site, rewrite_docs_page
from .resolve import for_audience
from .serve_errors import ShownProblem, edit_url, error_page
from .share import ShareError, encrypt_site, mark_noindex, share_key_from, share_required_from, write_robots_txt
from .staging import StagedSite
from .svg_links import with_svg_link_shim

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

    from .plan import Plan

log = get_plugin_logger(__name__)

#: An HTML comment in rendered HTML (code shows ``&lt;!--``, so every ``<!--`` here is markup).
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


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
        #: The MkDocs command (``build``, ``gh-deploy``, ``serve``) and its ``--dirty`` flag.
        self._command: str | None = None
        self._dirty = False
        #: Where this build writes instead of site_dir, swapped in whole at the end.
        self._staged: StagedSite | None = None
        #: Stakeholder builds: links to hidden pages and snippets' text, inside the engine.
        self._guard: StakeholderGuard | None = None
        #: Drawn once per plugin instance, which `mkdocs serve` keeps across rebuilds: see raw_html.py.
        self._raw_html_mark = new_mark()
        #: The page the engine converts (for the guard's errors).
        self._page: Page | None = None
        #: The real site_dir (a staged build points config.site_dir elsewhere).
        self._site_dir: Path | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Once per MkDocs command, before the configuration. Remember the command: ``mkdocs
        serve`` builds into a temporary folder of its own and shows a plan's errors on every page
        instead of failing; every other build is staged (see :meth:`on_post_build`). (Defining
        this hook makes MkDocs keep the plugin object across serve rebuilds; every build still
        starts its state in on_pre_build.) Default priority: nothing else depends on it."""
        self._command = command
        self._dirty = dirty
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Default priority: check the folders and the share settings before anything is
        written, add the stylesheet and script, and stage site_dir (a build that must be
        encrypted never starts in clear; a failed build keeps the previous site)."""
        if not self.config.enabled:
            return None
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.plan_dir = (config_dir / self.config.plan_dir).resolve()
        docs_dir = Path(config.docs_dir).resolve()
        if self.plan_dir == docs_dir or docs_dir in self.plan_dir.parents:
            raise PluginError(
                f"plan_dir '{self.config.plan_dir}' must not be inside docs_dir: the plugin reads the plan and "
                "generates pages"
            )
        if self.config.templates_dir and log.isEnabledFor(logging.DEBUG):  # `mkdocs build -v`
            for line in templates_dir_report(self.config.templates_dir):
                log.debug(line)
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
        translate_permalink_title(config.mdx_configs, self._site_messages(config))
        if ASSET_CSS not in [str(x) for x in config.extra_css]:
            config.extra_css.append(ASSET_CSS)
        if ASSET_JS not in [str(x) for x in config.extra_javascript]:
            config.extra_javascript.append(ASSET_JS)
        # Generated pages' large HTML blocks (charts, the board, calendar grids, tables) reach
        # Python-Markdown whole, in its HTML stash, instead of tag by tag (raw_html.py).
        config.markdown_extensions.append(RawHtmlBlocks(self._raw_html_mark))  # type: ignore[arg-type]
        self._guard = None
        if self.config.audience == "stakeholders":
            self._guard = StakeholderGuard("internal", self._snippet_failed)
            self._guard.site_path = urlsplit(config.site_url or "/").path or "/"
            config.markdown_extensions.append(self._guard)  # type: ignore[arg-type]
        self._discard_staged()
        self._site_dir = Path(config.site_dir).resolve()
        # `mkdocs serve` is left alone: it builds into a temporary folder it owns.
        if self._command != "serve":
            dirty = self._dirty
            if dirty and self.config.audience != "team":
                # Nothing records which audience built the previous site: a team build's
                # accounts, internal pages and feeds would stay in a stakeholder site.
                log.info(
                    "--dirty is ignored for a stakeholder build: it starts from an empty site, never a previous one"
                )
                dirty = False
            self._staged = StagedSite(config, dirty=dirty)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Default priority. Load the plan before MkDocs cleans site_dir: a plan with errors
        stops the build with the previous site still intact (nothing is written half-way)."""
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
            self._months = list(exc.plan.months) if exc.plan is not None else []
            self._fail(sort_problems(exc.problems + [p for p in docs if p.severity == "error"]))
            return
        # Hand-written pages are checked now too, before MkDocs cleans site_dir.
        self._docs_problems = check_docs_pages(self._loaded, Path(config.docs_dir))
        self._months = self._loaded.months
        # Loading checked posts' media as `smm check` does; this build's folders may differ.
        self._docs_problems += media_problems(self._loaded, self._media_folder(config))
        if any(p.severity == "error" for p in self._docs_problems):
            self._fail(self._docs_problems + list(self._loaded.problems))
            return
        try:  # the language's messages: a team's broken .po is `path:line: error: …`
            self._env = shared_environment(self.config.templates_dir, self._render_options(config))
        except PlanError as exc:
            self._fail(exc.problems)
            return
        self._start_render(config)

    @event_priority(-50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Priority -50: after other plugins added their files, so ours are the final word under
        url_prefix and a collision with any of theirs is found. Adds the generated pages and
        files, the editor, and the "Strategy" navigation."""
        if not self.config.enabled:
            return None
        if self._serve_problems is not None:
            self._add_editor(config, files)  # so that "Edit this file" opens the form
            return files  # every page becomes the error page (on_post_page)
        assert self._loaded is not None and self.ctx is not None
        for problem in sort_problems(self._loaded.problems + self._docs_problems):
            log.warning(str(problem))
        if self._guard is not None:
            self._leave_out_internal_pages(files, config)
        outputs = self._outputs
        assets = as_plugin_error(partial(asset_files, self.config.templates_dir))
        collisions = build_collisions(files, [*outputs, *assets], use_directory_urls=bool(config.use_directory_urls))
        if collisions:
            raise PluginError(f"{len(collisions)} URL collision(s):\n" + "\n".join(collisions))
        for file in generated_files(
            config, outputs.values(), background=self._background, edit_links=self.config.audience == "team"
        ):
            files.append(file)
        self._generated = set(outputs)
        replace_files(files, config, dict(assets))
        self._add_editor(config, files)
        title = self.ctx.gettext("Strategy")
        section = strategy_section(outputs.values(), self.config.url_prefix)
        if config.nav is None:
            from mkdocs.utils import nest_paths

            own = [f.src_uri for f in files.documentation_pages() if f.generated_by is None and f.inclusion.is_in_nav()]
            config.nav = nest_paths(own) + [{title: section}]
        elif not nav_mentions(config.nav, f"{self.config.url_prefix}/index.md"):
            config.nav.append({title: section})
        return files

    @event_priority(-1000)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Finish the built site, then put it in place of site_dir. Priority -1000, below MkDocs'
        "last" (-100), so this runs after every other plugin's post-build step (the search
        index, Material's plugins, a team's hooks): the share step encrypts every file of the
        finished site, whatever they wrote lands in the staged site, and when one of them fails
        the previous site is still whole."""
        self._finish_background()
        site_dir = Path(config.site_dir)
        if self.config.enabled and self._share_key is not None:
            language = str(config.theme.get("language") or "en") if config.theme else "en"
            try:
                count = encrypt_site(
                    site_dir,
                    self._share_key,
                    language=language,
                    site_url=config.site_url,
                    locales_dir=Path(self.config.locales_dir) if self.config.locales_dir else None,
                )
            except (ShareError, OSError) as exc:
                self._discard_staged()
                raise PluginError(f"the site could not be encrypted, nothing was published in clear: {exc}") from None
            log.info(f"encrypted {count} files: send the link `smm share SITE_URL` prints (it carries the key)")
        elif self.config.enabled and self.config.audience == "stakeholders":
            write_robots_txt(site_dir)  # a stakeholder build is shared, never indexed
        staged, self._staged = self._staged, None
        if staged is None:
            return
        if not staged.publish():  # --strict: MkDocs aborts right after this hook
            log.info("--strict: warnings found, the previous site is kept")
            return
        log.info(f"the site is in {staged.site_dir} (built beside it, swapped in whole)")

    def on_build_error(self, *, error: Exception) -> None:
        """Default priority. The build failed: drop the staged site; site_dir is as the previous
        build left it."""
        self._finish_background()
        self._discard_staged()

    def on_shutdown(self) -> None:
        """Default priority. A build stopped by Ctrl-C raises no build error (MkDocs catches
        ``Exception`` only); its staging folder goes here, the previous site untouched."""
        self._discard_staged()

    @event_priority(-90)
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Stakeholder builds: no HTML comment reaches a page or the search index. Priority -90:
        after the theme's plugins (a blog's excerpt separator is a comment). The Markdown was
        stripped of passages and comments already; a comment the theme acts on (Material's
        ``<!-- material/tags -->``) is kept there and replaced by its plugin before this runs,
        so whatever is still a comment here is nobody's instruction, only text to hide."""
        if not self.config.enabled or self.config.audience != "stakeholders":
            return None
        if self._guard is not None:
            html = self._guard.hide_html_links(html)  # links written as HTML (F9's shape)
        return _HTML_COMMENT.sub("", html) if "<!--" in html else html

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Default priority: a hand-written page's ``[[section/id]]`` links become Markdown links
        (and a stakeholder build drops its internal passages) before any Markdown extension
        reads it. Generated pages are left alone: they were written that way."""
        if not self.config.enabled or self.ctx is None:
            return None
        self._page = page
        if self._guard is not None:
            self._guard.start(page.file.src_uri, page.file.url)
        if page.file.src_uri in self._generated:
            return None
        if not self.ctx.plan.is_team:
            hide_front_matter_links(page.meta, self.ctx)
        return rewrite_docs_page(markdown, page.file.src_uri, self.ctx)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Default priority. Give the page an escaped ``meta.title``. Material writes
        ``page.title | striptags`` into ``<title>`` without autoescape, and striptags *unescapes*:
        a plan title such as ``</title><script>…`` (safely ``&lt;/title&gt;…`` in the heading)
        would come back as live markup. Material prints ``meta.title`` as given, so an escaped
        one stays text."""
        if not self.config.enabled or not page.title or page.is_homepage or page.meta.get("title"):
            return None
        from markupsafe import Markup, escape

        page.meta["title"] = str(escape(Markup(page.title).striptags()))
        return None

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Default priority: under ``mkdocs serve`` with a broken plan every page is the error
        page; a stakeholder build marks every page ``noindex``."""
        if self._serve_problems is not None:
            return self._error_page(config)
        return self._noindex(output)

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        """Default priority: the theme's own pages (404.html, which MkDocs' server answers every
        unknown URL with) as :meth:`on_post_page` treats the others."""
        if not template_name.endswith(".html"):
            return None
        if self._serve_problems is not None:
            return self._error_page(config)
        return self._noindex(output_content)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        """Default priority: ``mkdocs serve`` also rebuilds when the plan or the templates_dir
        changes."""
        if not self.config.enabled:
            return None
        if self.plan_dir is not None:
            server.watch(str(self.plan_dir))
        if self.config.templates_dir:
            server.watch(str(self.config.templates_dir))
        return server

    # -- this object's state between hooks ------------------------------------------------------

    def _fail(self, problems: list[Problem]) -> None:
        """Stop the build; under ``mkdocs serve``, build the error page instead."""
        if not self._serving:
            raise PluginError(plan_report(problems))
        log.error(plan_report(problems))
        self._serve_problems = problems

    def _render_options(self, config: MkDocsConfig) -> RenderOptions:
        assert self.plan_dir is not None
        return make_render_options(
            self.config,
            config_dir=Path(config.config_file_path or ".").resolve().parent,
            plan_dir=self.plan_dir,
            theme_language=config.theme.get("language") if config.theme else None,
            site_url=config.site_url,
            use_directory_urls=bool(config.use_directory_urls),
            shared=self._share_key is not None,
            media=self._media_folder(config),
            raw_html_mark=self._raw_html_mark,
        )

    def _media_folder(self, config: MkDocsConfig) -> MediaFolder:
        """Where posts' media files may come from in this build: its folder of mkdocs.yml,
        without its plan folder and (real) site_dir."""
        assert self.plan_dir is not None
        return MediaFolder.of(
            Path(config.config_file_path or ".").resolve().parent,
            plan_dir=self.plan_dir,
            site_dir=self._site_dir or Path(config.site_dir),
        )

    def _start_render(self, config: MkDocsConfig) -> None:
        """List the outputs and, where it is safe, start rendering them in the background now,
        while MkDocs cleans site_dir, collects docs_dir and builds the navigation."""
        assert self._loaded is not None and self._env is not None
        view = for_audience(self._loaded, self.config.audience)
        options = self._render_options(config)
        self._outputs = render_site(view, options, self._env)
        self.plan = view
        self.ctx = RenderContext(plan=view, options=options, env=self._env)
        self._background = None
        if self.config.templates_dir:
            # A team's own templates are rendered now, all of them, so every mistake in them
            # is reported at once, before MkDocs reads a single page.
            try:
                render_all(self._outputs.values())
            except TemplateErrors as exc:
                raise PluginError(exc.summary()) from None
        elif self.config.parallel and not self._serving and can_fork():
            # Never under `mkdocs serve`: its first build runs before the web server's threads
            # start (so a fork would look safe), and every rebuild then runs beside them. A
            # team editing a plan waits for the serial path, in this one process.
            # Pages in the order MkDocs reads them, then the files it copies at the end.
            ordered = sorted(self._outputs.values(), key=lambda o: not o.is_page)
            self._background = BackgroundRenderer(ordered)
            log.debug(f"rendering {len(ordered)} generated files in a background process")

    def _leave_out_internal_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Stakeholder builds: a hand-written page marked ``internal: true`` is no page at all
        (no HTML, navigation entry, sitemap or search entry); links to it, and to every page the
        team build generates and this one does not, read "internal" (see ``guard.py``)."""
        assert self._guard is not None and self.ctx is not None and self._loaded is not None
        left_out = internal_docs_pages(files)
        for file in left_out:
            files.remove(file)
            log.info(f"'{file.src_uri}' is left out: it is marked 'internal: true'")
        if config.nav is not None:
            config.nav = without_pages(config.nav, {f.src_uri for f in left_out})
        team = render_site(self._loaded, replace(self.ctx.options, audience="team"), self._env)
        self._guard.internal = self.ctx.gettext("internal")
        self._guard.hidden = hidden_targets(team, self._outputs) | {page_key(f.src_uri) for f in left_out}

    def _snippet_failed(self, found: str) -> None:
        """The guard found hidden text that pymdownx.snippets inserted into the current page."""
        page = self._page
        problem = snippet_problem_of_page(page.file if page is not None else None, found, self.ctx)
        raise PluginError(plan_report([problem]))

    def _add_editor(self, config: MkDocsConfig, files: Files) -> None:
        """Decap CMS at admin/ of team builds; a stakeholder build carries no editor file at all
        (not even one a docs folder holds)."""
        settings = self.config.cms
        if settings is None:
            return
        if self.config.audience != "team":
            for dropped in drop_files_under(files, "admin"):
                log.info(f"'{dropped}' is left out: stakeholder builds carry no editor")
            return
        editor = admin_files(
            settings,
            self._months,
            plan_path=self._render_options(config).plan_path,
            language=str(config.theme.get("language") or "en") if config.theme else "en",
            site_name=config.site_name,
            messages=self._site_messages(config),
        )
        replace_files(files, config, dict(editor))

    def _error_page(self, config: MkDocsConfig) -> str:
        assert self._serve_problems is not None and self.plan_dir is not None
        plan_dir, config_dir = self.plan_dir, Path(config.config_file_path or ".").resolve().parent
        cms_site_path = urlsplit(config.site_url or "/").path if self.config.cms else None
        shown = [
            ShownProblem(
                p,
                edit_url(
                    p,
                    plan_dir=plan_dir,
                    config_dir=config_dir,
                    docs_dir=Path(config.docs_dir),
                    repo_url=config.repo_url,
                    edit_uri=config.edit_uri,
                    cms_site_path=cms_site_path,
                ),
            )
            for p in self._serve_problems
        ]
        return error_page(shown, config.site_name, self._site_messages(config))

    def _site_messages(self, config: MkDocsConfig) -> Messages:
        """The site's language for the error page and the editor; English when the team's own
        catalogue is what is broken (the build reports it)."""
        language = str(config.theme.get("language") or SOURCE_LANGUAGE) if config.theme else SOURCE_LANGUAGE
        try:
            return Messages(load_translations(language, self.config.locales_dir), language)
        except PlanError:
            return Messages(load_translations(SOURCE_LANGUAGE), SOURCE_LANGUAGE)

    def _noindex(self, html: str) -> str | None:
        """A stakeholder build is shared, not published: no page of it asks to be indexed (an
        encrypted build marks its pages when it encrypts them). Every page gets the shim that
        lets Material's instant navigation pass our SVG charts' links (``svg_links``)."""
        if not self.config.enabled:
            return None
        html = with_svg_link_shim(html)
        if self.config.audience != "stakeholders" or self._share_key is not None:
            return html
        return mark_noindex(html)

    def _finish_background(self) -> None:
        if self._background is not None:
            self._background.close()
            self._background = None

    def _discard_staged(self) -> None:
        if self._staged is not None:
            self._staged.discard()
            self._staged = None
