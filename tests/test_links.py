"""No broken internal link anywhere in the example site, in both audiences; generated pages
are well-formed HTML."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest

from .browser.example import build_example


@pytest.fixture(scope="module", params=["team", "stakeholders"])
def site(request, tmp_path_factory) -> Path:
    return build_example(tmp_path_factory.getbasetemp(), request.param)


def _targets(html_file: Path, site: Path):
    document = html5lib.parse(html_file.read_bytes(), namespaceHTMLElements=False)
    for element in document.iter():
        for attribute in ("href", "src"):
            value = element.get(attribute)
            if value:
                yield element.tag, value


def _resolve(site: Path, page: Path, link: str) -> Path | None:
    """The file a relative link points at, or None for links that leave the site."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "mailto:", "data:", "javascript:")):
        return None
    path = unquote(parts.path)
    if not path:
        return None
    base = page.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(base, path)) if not path.startswith("/") else path.lstrip("/")
    assert not target.startswith(".."), f"{page.relative_to(site)}: link {link!r} leaves the site"
    resolved = site / target
    if path.endswith("/") or resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved


def test_no_broken_internal_link(site: Path):
    broken = []
    checked = 0
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue  # MkDocs writes it with site-absolute links for the server's root
        for tag, link in _targets(page, site):
            target = _resolve(site, page, link)
            if target is None:
                continue
            checked += 1
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: <{tag}> {link}")
    assert checked > 1000
    assert broken == []


def test_generated_pages_are_well_formed_html(site: Path):
    """html5lib in strict mode raises on any parse error (unclosed or misnested tags, bad
    attributes): the content the plugin generates must not produce one."""
    pages = sorted((site / "strategy").rglob("*.html"))
    assert len(pages) > 40
    problems = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>") + len("</article>")]
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            parser.parseFragment(article)
        except html5lib.html5parser.ParseError as exc:
            problems.append(f"{page.relative_to(site)}: {exc}")
    assert problems == []
