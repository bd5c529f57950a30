"""A shared handbook: the built site encrypted so that only the holders of one link can read it.

How it works (the README's "Share a read-only link" says it for users):

* The share key (``share_key`` / ``SMM_SHARE_KEY``) is stretched once with PBKDF2-SHA256 into a
  256-bit *link token*. The link is ``SITE_URL#key=<token>``: the fragment never reaches the
  server, so neither the host nor its logs see it.
* Every file of the built site (pages, search index, sitemap, ``.ics``, ``budget.csv``,
  ``plan.json``, Material's assets) is encrypted with AES-256-GCM (``cryptography``) and stored
  as ``smm-share/<name>``, where ``<name>`` is an HMAC of its path: file names reveal nothing.
  The path is the GCM associated data, so a host cannot swap one page for another.
* What stays readable: a small opening page (``index.html``, ``404.html``) that says in the
  site's language what to do, ``robots.txt`` (disallow all) and a service worker. Opening the
  link stores the keys (non-extractable WebCrypto keys, in IndexedDB) and installs the service
  worker, which decrypts every request in the browser (WebCrypto): Material's instant
  navigation, search and our calendar filter see the site as it was built.

Cryptography comes from maintained libraries only: ``hashlib`` (PBKDF2), ``cryptography``
(HKDF, HMAC, AES-GCM) at build time, the browser's WebCrypto when reading. The nonce of each
file is derived from its key, path and content (a PRF, as in SIV modes), so the same plan,
"today" and key give a byte-identical site, and different contents never share a nonce.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from .i18n import N_, Messages, load_translations

#: Where the encrypted files live, beside the opening page. No leading underscore: GitHub Pages'
#: Jekyll would drop such a folder from a branch-published site.
DATA_DIR = "smm-share"
SERVICE_WORKER = "smm-share-sw.js"
#: The link's fragment: ``#key=<43 characters of base64url>``.
LINK_PARAM = "key"
#: The path (no site has it) of the file a link's key is checked against.
PROBE = ".smm-share"
#: PBKDF2 stretches a weak share key; a key made by ``smm share --new-key`` needs none of it.
KDF_SALT = b"smm-handbook/share/v1"
KDF_ITERATIONS = 200_000
#: HKDF labels of the three keys derived from the link token (the browser uses the first two).
INFO_ENCRYPT = b"smm-share/v1 encrypt"
INFO_NAMES = b"smm-share/v1 names"
INFO_NONCES = b"smm-share/v1 nonces"
ROBOTS_TXT = "User-agent: *\nDisallow: /\n"
NOINDEX = '<meta name="robots" content="noindex, nofollow">'
#: Runs first in every decrypted page: strips the key from the address bar (a bookmark or
#: screenshot then holds no key; the opening page stored the keys already). Pages with our SVG
#: charts also carry ``svg_links.SVG_HREF_SHIM`` (every build, see ``plugin.on_post_page``).
_PAGE_SCRIPT = (
    "<script>if(location.hash.indexOf('#" + LINK_PARAM + "=')===0)"
    "history.replaceState(history.state,'',location.pathname+location.search)</script>"
)
_HEAD_RE = re.compile(rb"<head(?:\s[^>]*)?>", re.IGNORECASE)
_HEAD_TEXT_RE = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_ASSETS = resources.files(__package__) / "share_assets"


class ShareError(Exception):
    """A share key that cannot be used, or a site that cannot be encrypted."""


def share_key_from(option: str | None) -> str | None:
    """The share key in force: the option, else ``SMM_SHARE_KEY``; empty means none (GitHub
    Actions expands a missing secret to an empty string)."""
    value = option if option is not None else os.environ.get("SMM_SHARE_KEY")
    value = (value or "").strip()
    return value or None


def share_required_from(option: bool | None) -> bool:
    """Whether a build without a share key must fail: the option, else ``SMM_SHARE_REQUIRED``."""
    if option is not None:
        return option
    return os.environ.get("SMM_SHARE_REQUIRED", "").strip().lower() in ("1", "true", "yes", "on")


def new_key() -> str:
    """A fresh random share key (256 bits) for the ``SMM_SHARE_KEY`` secret."""
    import secrets

    return secrets.token_urlsafe(32)


@lru_cache(maxsize=8)
def link_token(share_key: str) -> str:
    """The token the link carries: the share key stretched with PBKDF2-SHA256, base64url."""
    raw = hashlib.pbkdf2_hmac("sha256", share_key.encode("utf-8"), KDF_SALT, KDF_ITERATIONS, dklen=32)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def share_link(site_url: str, share_key: str) -> str:
    """The link to send: the site's address with the token in its fragment."""
    parts = urlsplit(site_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ShareError(
            f"SITE_URL must be the site's http(s) address, e.g. https://example.github.io/handbook/, got {site_url!r}"
        )
    if parts.fragment or parts.query:
        raise ShareError(f"SITE_URL must not carry a query or fragment, got {site_url!r}")
    base = site_url.strip()
    if not parts.path.endswith("/"):
        base += "/"  # the opening page is the site's index: its folder, not a file
    return f"{base}#{LINK_PARAM}={link_token(share_key)}"


@dataclass(frozen=True)
class _Keys:
    encrypt: bytes
    names: bytes
    nonces: bytes


def _keys(share_key: str) -> _Keys:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    token = base64.urlsafe_b64decode(link_token(share_key) + "=")

    def derive(info: bytes) -> bytes:
        # No salt: RFC 5869 then uses a string of zeros, as WebCrypto does with an empty salt.
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(token)

    return _Keys(encrypt=derive(INFO_ENCRYPT), names=derive(INFO_NAMES), nonces=derive(INFO_NONCES))


def stored_name(names_key: bytes, path: str) -> str:
    """The name a site file is stored under: 128 bits of HMAC-SHA256 of its path, in hex."""
    return hmac.new(names_key, path.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def _encrypt(keys: _Keys, aead: object, path: str, data: bytes) -> bytes:
    # A nonce from a PRF of the path and content: deterministic output, and two different
    # plaintexts get the same nonce only with the odds of a 96-bit collision.
    nonce = hmac.new(keys.nonces, path.encode("utf-8") + b"\0" + data, hashlib.sha256).digest()[:12]
    return nonce + aead.encrypt(nonce, data, path.encode("utf-8"))  # type: ignore[attr-defined]


def _mark_page(html: bytes) -> bytes:
    """Every decrypted page carries ``noindex`` and runs ``_PAGE_SCRIPT`` first."""
    match = _HEAD_RE.search(html)
    if match is None:
        return html
    return html[: match.end()] + (NOINDEX + _PAGE_SCRIPT).encode("utf-8") + html[match.end() :]


def mark_noindex(html: str) -> str:
    """``html`` with ``<meta name="robots" content="noindex, nofollow">`` first in its head."""
    match = _HEAD_TEXT_RE.search(html)
    return html if match is None else html[: match.end()] + NOINDEX + html[match.end() :]


def write_robots_txt(site_dir: Path) -> None:
    """A ``robots.txt`` that asks every crawler to stay away (it replaces one from docs_dir)."""
    (site_dir / "robots.txt").write_text(ROBOTS_TXT, encoding="utf-8")


def site_files(site_dir: Path) -> list[str]:
    """Every file under ``site_dir`` as a POSIX path relative to it, sorted (deterministic)."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file() or p.is_symlink())


def encrypt_site(
    site_dir: Path, share_key: str, *, language: str, site_url: str | None, locales_dir: Path | None = None
) -> int:
    """Replace the built site in ``site_dir`` by its encrypted form; returns the file count.

    Fails closed: if anything goes wrong, ``site_dir`` is emptied rather than left with files
    in clear (the caller reports the error and the build fails)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    keys = _keys(share_key)
    aead = AESGCM(keys.encrypt)
    data_dir = site_dir / DATA_DIR
    try:
        paths = site_files(site_dir)
        if any(p == DATA_DIR or p.startswith(DATA_DIR + "/") for p in paths):
            raise ShareError(
                f"the site already has a '{DATA_DIR}/' folder, where the encrypted files go: rename it in docs_dir"
            )
        data_dir.mkdir()
        for path in paths:
            source = site_dir / path
            if source.is_symlink():
                raise ShareError(f"'{path}' in the built site is a symbolic link: it cannot be encrypted")
            data = source.read_bytes()
            if path.endswith(".html"):
                data = _mark_page(data)
            (data_dir / stored_name(keys.names, path)).write_bytes(_encrypt(keys, aead, path, data))
            source.unlink()
        # The opening page checks a link's key against this file: it exists in every site.
        (data_dir / stored_name(keys.names, PROBE)).write_bytes(_encrypt(keys, aead, PROBE, b""))
        for folder in sorted((p for p in site_dir.rglob("*") if p.is_dir() and p != data_dir), reverse=True):
            folder.rmdir()
        write_opening_files(site_dir, language=language, site_url=site_url, locales_dir=locales_dir)
    except BaseException:
        _empty(site_dir)
        raise
    return len(paths)


def _empty(site_dir: Path) -> None:
    for child in site_dir.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


#: The opening page's words (``{{ missing.heading }}`` in open.html), translated at build time.
OPENING_TEXTS: dict[str, str] = {
    "expired.heading": N_("Your access to this handbook has ended"),
    "expired.text": N_(
        "The handbook was published again with a new key, so the link you opened earlier no longer works. Ask"
        " the person who shared it for a new link."
    ),
    "failed.heading": N_("The handbook could not be opened"),
    "failed.text": N_(
        "Something went wrong while opening it. Reload the page; if that does not help, ask the person who shared it."
    ),
    "missing.heading": N_("This handbook is shared privately"),
    "missing.text": N_(
        "Open it with the complete link you were sent: the part after “#key=” is what unlocks it. If you only"
        " have the address of this site, ask the person who shared it for the link."
    ),
    "opening": N_("Opening the handbook…"),
    "title": N_("Shared handbook"),
    "unsupported.heading": N_("This browser cannot open the handbook"),
    "unsupported.text": N_(
        "The handbook is encrypted and is decrypted in your browser. That needs JavaScript, a secure (https) "
        "connection and a browser feature that private windows often block: open the link in an up-to-date "
        "browser, in a normal window."
    ),
    "wrong.heading": N_("This link does not open the handbook"),
    "wrong.text": N_(
        "The key in this link does not fit the handbook as it is published now: it was mistyped, cut off, or "
        "the key has been changed since the link was sent. Ask the person who shared it for a new link."
    ),
}


def write_opening_files(
    site_dir: Path, *, language: str, site_url: str | None, locales_dir: Path | None = None
) -> None:
    """The files that stay readable: the opening page (also as ``404.html``, which static hosts
    such as GitHub Pages serve for a deep link), the service worker, ``robots.txt``."""
    messages = Messages(load_translations(language, locales_dir), language)
    labels = {key: messages.gettext(english) for key, english in OPENING_TEXTS.items()}
    lang = language.replace("_", "-")
    # A deep link is answered with 404.html at any depth: it needs the site's folder, which only
    # site_url tells (GitHub Pages project sites live under /<repository>/).
    base_path = urlsplit(site_url).path if site_url else "/"
    if not base_path.endswith("/"):
        base_path += "/"
    template = (_ASSETS / "open.html").read_text(encoding="utf-8")
    for name, base in (("index.html", None), ("404.html", base_path)):
        page = template
        settings = {
            "base": base,
            "data": DATA_DIR + "/",
            "worker": SERVICE_WORKER,
            "param": LINK_PARAM,
            "info": {"encrypt": INFO_ENCRYPT.decode(), "names": INFO_NAMES.decode()},
        }
        page = page.replace("{{ lang }}", _attr(lang))
        page = page.replace("{{ settings }}", json.dumps(settings, sort_keys=True).replace("<", "\\u003c"))
        for key, text in labels.items():
            page = page.replace("{{ " + key + " }}", _text(text))
        (site_dir / name).write_text(page, encoding="utf-8")
    (site_dir / SERVICE_WORKER).write_text((_ASSETS / "sw.js").read_text(encoding="utf-8"), encoding="utf-8")
    write_robots_txt(site_dir)
    (site_dir / ".nojekyll").write_text("", encoding="utf-8")


def _text(value: str) -> str:
    from markupsafe import escape

    return str(escape(value))


def _attr(value: str) -> str:
    return _text(value)


# --- the ``smm share`` command ----------------------------------------------------------------


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "share",
        help="print the link that opens the encrypted handbook at SITE_URL (key from SMM_SHARE_KEY)",
        description=(
            "Print the link to send: SITE_URL with the key (derived from the environment variable "
            "SMM_SHARE_KEY) in its fragment, which browsers never send to the server. Anyone who "
            "has the link can read the handbook until the key is changed."
        ),
    )
    parser.add_argument(
        "site_url", nargs="?", help="the address the handbook is published at, e.g. https://example.github.io/handbook/"
    )
    parser.add_argument(
        "--new-key", action="store_true", help="print a new random share key (for the SMM_SHARE_KEY secret) and exit"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.new_key:
        print(new_key())
        return 0
    if not args.site_url:
        print("smm share: error: SITE_URL is required (or --new-key)", file=sys.stderr)
        return 2
    key = share_key_from(None)
    if key is None:
        print(
            "smm share: error: SMM_SHARE_KEY is not set: set it to the share key the handbook was built with "
            "(the repository secret SMM_SHARE_KEY; `smm share --new-key` makes a new one)",
            file=sys.stderr,
        )
        return 2
    try:
        print(share_link(args.site_url, key))
    except ShareError as exc:
        print(f"smm share: error: {exc}", file=sys.stderr)
        return 2
    return 0
