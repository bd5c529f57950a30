"""Helpers of the share tests: read an encrypted site the way a browser with the link does, and
list the plan's text to look for in a site's bytes."""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


class Reader:
    """Decrypts the files of an encrypted site with the token of a link, as the service worker
    does (HKDF → AES-256-GCM key and HMAC key; file ``smm-share/<HMAC(path)[:16] hex>``; the
    path is the associated data). Written from the format, not with the plugin's code."""

    def __init__(self, site: Path, link: str) -> None:
        token = link.split("#key=", 1)[1]
        raw = base64.urlsafe_b64decode(token + "=")
        assert len(raw) == 32

        def derive(info: bytes) -> bytes:
            return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(raw)

        self.site = site
        self.aead = AESGCM(derive(b"smm-share/v1 encrypt"))
        self.names = derive(b"smm-share/v1 names")

    def stored(self, path: str) -> Path:
        return self.site / "smm-share" / hmac.new(self.names, path.encode(), hashlib.sha256).hexdigest()[:32]

    def read(self, path: str) -> bytes:
        blob = self.stored(path).read_bytes()
        return self.aead.decrypt(blob[:12], blob[12:], path.encode())

    def opens(self, path: str) -> bool:
        try:
            self.read(path)
        except (FileNotFoundError, InvalidTag):
            return False
        return True


def _strings(value: Any, private: bool = False) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if private:  # the keys of a private mapping are the team's words; others are fields
                yield str(key)
            yield from _strings(item, private or key == "private")
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item, private)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, float):
        yield f"{value:.2f}"
    else:
        yield str(value)


#: Words that are the contract's vocabulary (enum values, field names), not a plan's text.
_VOCABULARY = {
    "awareness",
    "traffic",
    "revenue",
    "engagement",
    "community",
    "research",
    "backlog",
    "in-progress",
    "on-hold",
    "review",
    "advertising",
    "software",
    "services",
    "assets",
    "secondary-sales",
    "support",
    "instagram",
    "facebook",
    "tiktok",
    "linkedin",
    "youtube",
    "pinterest",
    "threads",
    "bluesky",
    "mastodon",
    "website",
    "newsletter",
    "scheduled",
    "published",
    "followers",
    "planned",
}


def plan_text(plan_dir: Path, min_length: int = 6) -> set[str]:
    """Every piece of plan text worth looking for (lower case): ids, titles, field values,
    private keys, amounts, and runs of words from every body."""
    needles: set[str] = set()
    for path in sorted(plan_dir.rglob("*.md")):
        _, head, body = path.read_text(encoding="utf-8").split("---", 2)
        needles.add(path.stem)
        needles.update(_strings(yaml.safe_load(head)))
        for run in re.findall(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ ,']{11,}", body):
            needles.add(run.strip(" ,")[:40])
    found = set()
    for needle in needles:
        if re.fullmatch(r"[a-z]{1,11}", needle.strip()):
            continue  # one lower-case word ("direct", "service"): a value from a list, not a name
        text = needle.strip().lower()
        # Dates, times, numbers and hex-like words are as likely in random bytes as anywhere.
        if len(text) < min_length or re.fullmatch(r"[0-9a-f:.\- +/tz]+", text) or text in _VOCABULARY:
            continue
        if text.startswith(("freq=", "http://", "https://", "europe/", "america/")):
            continue
        found.add(text)
    return found


def decoded_views(data: bytes) -> Iterator[bytes]:
    """The bytes, URL-decoded, and every base64 / base64url run decoded: text hidden in any of
    these forms is still text."""
    yield data.lower()
    text = data.decode("latin-1")
    yield urllib.parse.unquote(text).encode("latin-1", "replace").lower()
    for run in re.findall(r"[A-Za-z0-9+/_-]{16,}={0,2}", text):
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            with contextlib.suppress(binascii.Error, ValueError):
                yield decode(run + "=" * (-len(run) % 4)).lower()


def leaks(site: Path, needles: set[str]) -> list[str]:
    """``path: needle`` for every piece of plan text in a file's name or bytes (decoded too)."""
    found = []
    encoded = {needle: needle.encode("utf-8") for needle in needles}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        views = list(decoded_views(path.read_bytes()))
        for needle, raw in encoded.items():
            if needle in rel.lower() or any(raw in view for view in views):
                found.append(f"{rel}: {needle}")
    return found
