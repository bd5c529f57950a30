#!/usr/bin/env python3
"""Move the handbook from YAML label keys to gettext messages (issue #17). Idempotent: run it
again after merging a branch that still adds ``ctx.t("key")`` calls or ``locales/*/*.yml`` files.

1. Every ``locales/en/*.yml`` key → its English text as a gettext msgid (``{a}`` → ``%(a)s``,
   ``%`` → ``%%``), recorded in ``scripts/i18n_keys.json`` so later runs know the keys after the
   English YAML is gone.
2. Every ``ctx.t("key", a=b)`` in ``smm_docs_plugin/**/*.py`` → ``ctx.gettext("English", a=b)``,
   and in ``docs_templates/**/*.j2`` → ``_("English", a=b)`` (Jinja's i18n extension). Calls with
   a computed key (``ctx.t(f"section.{x}")``) are listed for a hand fix.
3. Every ``locales/<lang>/*.yml`` (same keys as English) and ``plurals.yml`` (``key: {one: …,
   few: …, other: …}`` by CLDR category) → ``locales/<lang>/LC_MESSAGES/smm.po`` (merged into the
   one there), then the YAML files are deleted.

Afterwards run ``scripts/i18n-update`` (extract the .pot, update every catalogue).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "smm_docs_plugin"
LOCALES = PACKAGE / "locales"
TEMPLATES = ROOT / "docs_templates"
KEYS_FILE = ROOT / "scripts" / "i18n_keys.json"

sys.path.insert(0, str(ROOT))

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
#: ``ctx.t("key"`` / ``self.ctx.t("key"`` anywhere, and a bare ``t("key"`` (a template's own).
_CALL = re.compile(
    r"""(?:(?P<recv>\b(?:self\.)?ctx)\.|(?<![\w.]))t\(\s*(?P<q>["'])(?P<key>[A-Za-z0-9_.\-]+)(?P=q)(?=\s*[,)])"""
)
_DYNAMIC = re.compile(r"""(?:\bctx\.|(?<![\w.]))t\((?!\s*["'][A-Za-z0-9_.\-]+["']\s*[,)])(?=\s*f?["'(])""")


def to_msgid(text: str) -> str:
    """``"Week {number}"`` → ``"Week %(number)s"``; a literal ``%`` is doubled."""
    text = text.replace("%", "%%")

    def repl(match: re.Match[str]) -> str:
        if match.group(0) == "{{":
            return "{"
        if match.group(0) == "}}":
            return "}"
        return f"%({match.group(1)})s"

    return _PLACEHOLDER.sub(repl, text)


def literal(text: str, quote: str = '"') -> str:
    """A string literal in ``quote`` (the call's own, so a call inside an f-string stays valid
    before Python 3.12) that Python and Jinja read back as ``text``."""
    return quote + text.replace("\\", "\\\\").replace(quote, "\\" + quote).replace("\n", "\\n") + quote


def read_yaml(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: expected key: text pairs")
    return {str(k): v for k, v in data.items()}


def load_keys() -> dict:
    keys = json.loads(KEYS_FILE.read_text(encoding="utf-8")) if KEYS_FILE.is_file() else {}
    keys.setdefault("messages", {})
    keys.setdefault("plurals", {})
    for path in sorted((LOCALES / "en").glob("*.yml")):
        if path.name == "plurals.yml":
            continue
        for key, text in read_yaml(path).items():
            keys["messages"].setdefault(key, to_msgid(str(text)))
    return keys


def rewrite_calls(keys: dict) -> list[str]:
    """Rewrite every static ``ctx.t("key"`` call; return the places left for a hand fix."""
    messages: dict[str, str] = keys["messages"]
    left: list[str] = []
    files = [(p, "py") for p in sorted(PACKAGE.rglob("*.py"))] + [(p, "j2") for p in sorted(TEMPLATES.rglob("*.j2"))]
    for path, kind in files:
        text = path.read_text(encoding="utf-8")
        if ".t(" not in text:
            continue

        def repl(match: re.Match[str], kind: str = kind) -> str:
            key = match.group("key")
            if key in keys["plurals"] or key not in messages:
                return match.group(0)
            msgid = literal(messages[key], match.group("q"))
            if kind == "j2":
                return f"_({msgid}"
            if match.group("recv") is None:
                return match.group(0)  # a bare t() in Python: its receiver is unknown, left for a hand fix
            return f"{match.group('recv')}.gettext({msgid}"

        new = _CALL.sub(repl, text)
        if new != text:
            path.write_text(new, encoding="utf-8")
        for number, line in enumerate(new.splitlines(), 1):
            if _DYNAMIC.search(line) or any(
                m.group("recv") or kind == "j2" or m.group("key") in messages for m in _CALL.finditer(line)
            ):
                left.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:110]}")
    return left


def convert_language(folder: Path, keys: dict) -> list[str]:
    """``locales/<lang>/*.yml`` → ``locales/<lang>/LC_MESSAGES/smm.po``; the YAML is deleted."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    from smm_docs_plugin.i18n import DOMAIN, babel_language, plural_categories

    language = folder.name
    notes: list[str] = []
    texts: dict[str, str] = {}
    plurals: dict[str, dict] = {}
    yamls = sorted(folder.glob("*.yml"))
    for path in yamls:
        data = read_yaml(path)
        if path.name == "plurals.yml":
            plurals.update({k: v for k, v in data.items() if isinstance(v, dict)})
        else:
            texts.update({k: str(v) for k, v in data.items()})
    po = folder / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po.is_file():
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=babel_language(language), domain=DOMAIN)
    else:
        catalog = Catalog(locale=babel_language(language), domain=DOMAIN, project="smm-handbook")
    order = plural_categories(language)
    chosen: dict[object, str] = {}
    for key in sorted(set(texts) | set(plurals)):
        pair = keys["plurals"].get(key)
        if pair:
            # [singular, plural, key of the singular's own YAML text (or null)]
            forms = {c: to_msgid(str(t)) for c, t in plurals.get(key, {}).items()}
            single_key = pair[2] if len(pair) > 2 else None
            if single_key and single_key in texts:
                forms.setdefault("one", to_msgid(texts[single_key]))
            other = forms.get("other") or (to_msgid(texts[key]) if key in texts else None) or forms.get("one")
            if other is None:
                continue
            msgstr: object = tuple(forms.get(category) or other for category in order)
            msgid: object = tuple(pair[:2])
        elif key in keys["messages"] and key in texts:
            msgid, msgstr = keys["messages"][key], to_msgid(texts[key])
        else:
            notes.append(f"{folder.name}: {key}: no English message of that key, left out")
            continue
        if msgid in chosen and chosen[msgid] != msgstr:
            notes.append(
                f"{language}: {key}: same English as another key, translated differently; kept {chosen[msgid]!r}"
            )
            continue
        chosen[msgid] = msgstr  # type: ignore[assignment]
        existing = catalog.get(msgid)
        if existing is not None and existing.string and not existing.fuzzy and existing.string != msgstr:
            continue  # a translator already edited the .po: the .po wins
        catalog.add(msgid, msgstr, flags=("python-format",) if "%" in str(msgid) else ())
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=True)
    for path in yamls:
        path.unlink()
    return notes


def main() -> int:
    keys = load_keys()
    KEYS_FILE.write_text(json.dumps(keys, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    left = rewrite_calls(keys)
    notes: list[str] = []
    for folder in sorted(p for p in LOCALES.iterdir() if p.is_dir() and p.name != "en"):
        if any(folder.glob("*.yml")):
            notes += convert_language(folder, keys)
    for path in sorted((LOCALES / "en").glob("*.yml")):
        path.unlink()
    for line in notes:
        print(f"note: {line}")
    for line in left:
        print(f"hand fix: {line}")
    print(f"{len(keys['messages'])} keys known; {len(left)} call(s) left for a hand fix")
    return 0


if __name__ == "__main__":
    sys.exit(main())
