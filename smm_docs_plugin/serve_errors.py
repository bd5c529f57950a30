"""The page ``mkdocs serve`` shows while the plan has errors.

A failed rebuild leaves MkDocs' development server waiting for a good build, so the browser
loads forever and the message is only in the terminal. Under ``serve`` the plugin builds this
page instead, for every URL of the site (every page and the 404 page): each problem with its
``path:line``, its message and a link to edit the file. The page reloads itself when the
problems change: it asks the server for its own address and compares the problems' digest.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urljoin

from .errors import Problem
from .hints import ID_RE
from .i18n import Messages

#: The attribute that carries the problems' digest; a reloaded page without it is fixed.
MARKER = "data-smm-plan-errors"


@dataclass(frozen=True)
class ShownProblem:
    problem: Problem
    #: Where to fix it (the web editor's form or the repository's edit page), if known.
    edit_url: str | None = None


def problems_digest(problems: list[Problem]) -> str:
    return hashlib.sha256("\n".join(str(p) for p in problems).encode("utf-8")).hexdigest()[:16]


def error_page(shown: list[ShownProblem], site_name: str, m: Messages) -> str:
    """A self-contained HTML page (no theme: the theme may be what is broken), its own words in
    the site's language; the problems themselves read as ``smm check`` prints them (English)."""
    problems = [item.problem for item in shown]
    digest = problems_digest(problems)
    errors = sum(p.severity == "error" for p in problems)
    edit_label = m.gettext("Edit this file")
    rows = []
    for item in shown:
        problem = item.problem
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        edit = (
            f' <a class="edit" href="{escape(item.edit_url, quote=True)}">{escape(edit_label)}</a>'
            if item.edit_url
            else ""
        )
        rows.append(
            f'<li class="{problem.severity}"><code class="where">{escape(where)}</code> '
            f'<span class="severity">{problem.severity}</span>: '
            f'<span class="message">{escape(problem.message)}</span>{edit}</li>'
        )
    title = m.ngettext("The plan has %(num)s error", "The plan has %(num)s errors", errors)
    waiting = m.gettext("The site is shown again as soon as the plan is fixed; this page reloads by itself.")
    return f"""<!doctype html>
<html lang="{escape(m.language, quote=True)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} — {escape(site_name)}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1d1d1f; }}
h1 {{ color: #b00020; font-size: 1.6rem; }}
li {{ margin: .6rem 0; }}
li.error .severity {{ color: #b00020; font-weight: 600; }}
li.warning .severity {{ color: #8a5a00; font-weight: 600; }}
code {{ background: #f3f3f5; padding: .1rem .3rem; border-radius: 3px; }}
.edit {{ margin-left: .5rem; }}
</style>
</head>
<body {MARKER}="{digest}">
<main>
<h1>{escape(title)}</h1>
<p>{escape(waiting)}</p>
<ol class="smm-plan-errors">
{chr(10).join(rows)}
</ol>
</main>
<script>
(function () {{
  // Ask for this address again until the answer no longer carries these problems.
  var marker = '{MARKER}="{digest}"';
  function poll() {{
    fetch(location.href, {{cache: "no-store"}}).then(function (response) {{
      return response.text();
    }}).then(function (text) {{
      if (text.indexOf(marker) === -1) {{ location.reload(); }} else {{ setTimeout(poll, 300); }}
    }}, function () {{ setTimeout(poll, 1000); }});
  }}
  setTimeout(poll, 300);
}})();
</script>
</body>
</html>
"""


def edit_url(
    problem: Problem,
    *,
    plan_dir: Path,
    config_dir: Path,
    docs_dir: Path,
    repo_url: str | None,
    edit_uri: str | None,
    cms_site_path: str | None,
) -> str | None:
    """Where to fix a problem: the editor's form for a plan file when ``cms`` is set (its site
    path given), else the repository's edit page (``repo_url`` + ``edit_uri``), else nothing."""
    target = (Path.cwd() / problem.path).resolve()
    if cms_site_path is not None and plan_dir in target.parents:
        admin = cms_site_path.rstrip("/") + "/admin/#/collections/"
        parts = target.relative_to(plan_dir).parts
        if len(parts) == 1 and target.stem == "mission":
            return admin + "mission/entries/mission"
        if len(parts) == 2 and ID_RE.match(target.stem):
            return admin + f"{parts[0]}/entries/{target.stem}"
    if repo_url and edit_uri and config_dir in target.parents:
        base_url = urljoin(repo_url.rstrip("/") + "/", edit_uri.lstrip("/"))
        # edit_uri points into docs_dir; plan files sit beside it, as the pages' edit links say.
        relative = os.path.relpath(target, docs_dir.resolve()).replace(os.sep, "/")
        return urljoin(base_url.rstrip("/") + "/", relative)
    return None
