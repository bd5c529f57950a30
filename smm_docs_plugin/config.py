"""The ``smm`` plugin's options, as MkDocs reads them from ``mkdocs.yml`` (``config_options``,
each documented below its declaration, as mkdocstrings does), and the renderer's options derived
from them. The plugin, ``smm render`` and ``smm check`` validate with these same classes, so a
build and a render agree on what a setting means."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import base
from mkdocs.config import config_options as c

from .cms import BACKENDS, CmsSettings
from .context import RenderOptions
from .hints import ID_RE
from .today import TodayError, parse_today

if TYPE_CHECKING:
    from .posts import MediaFolder


class _Today(base.BaseConfigOption[date | None]):
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
    """A locale babel knows; ``de-DE`` is read as ``de_DE``. Unset: the site's language decides."""

    def __init__(self) -> None:
        super().__init__(str)

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


class _Cms(base.BaseConfigOption[CmsSettings | None]):
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
    """The options of the ``smm`` entry under ``plugins`` in mkdocs.yml (PLAN_FORMAT.md §7)."""

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
    locale = c.Optional(_Locale())
    """Overrides the formats of numbers, amounts, dates and times (babel), e.g. ``de_CH``; unset,
    they follow ``theme.language``. Never changes the words."""
    templates_dir = c.Optional(c.Dir(exists=True))
    """A folder whose templates override the packaged ones (same relative paths)."""
    locales_dir = c.Optional(c.Dir(exists=True))
    """A folder of ``.po`` catalogues that add or override languages (PLAN_FORMAT.md §7)."""
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
    fork is safe and a second CPU exists; ``mkdocs serve`` builds, the first one included,
    render in-process). The output is the same either way."""


def make_render_options(
    options: PluginConfig,
    *,
    config_dir: Path,
    plan_dir: Path,
    theme_language: object,
    site_url: str | None,
    use_directory_urls: bool,
    shared: bool = False,
    media: MediaFolder | None = None,
    raw_html_mark: str = "",
) -> RenderOptions:
    """The renderer's options from the plugin's and the site's (shared with ``smm render``)."""
    # Relative to mkdocs.yml even for an absolute plan_dir: a build machine's paths never get
    # into plan.json, and edit links resolve against the repository.
    plan_path = Path(os.path.relpath(plan_dir, config_dir)).as_posix()
    return RenderOptions(
        url_prefix=options.url_prefix,
        audience=options.audience,
        calendar_weeks=options.calendar_weeks,
        locale=options.locale or "",  # empty: the formats follow the language
        language=str(theme_language or "en"),
        site_url=site_url or None,
        use_directory_urls=use_directory_urls,
        templates_dir=Path(options.templates_dir) if options.templates_dir else None,
        locales_dir=Path(options.locales_dir) if options.locales_dir else None,
        plan_path=plan_path,
        config_dir=config_dir,
        media=media,
        shared=shared,
        raw_html_mark=raw_html_mark,
    )
