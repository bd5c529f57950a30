"""Hatch build hook: compile every packaged message catalogue (``locales/<lang>/LC_MESSAGES/smm.po``)
into the ``smm.mo`` the wheel carries, with Babel, so an installed handbook never parses ``.po``."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        out = Path(tempfile.mkdtemp(prefix="smm-mo-"))
        root = Path(self.root)
        for po in sorted(root.glob("smm_docs_plugin/locales/*/LC_MESSAGES/smm.po")):
            language = po.parent.parent.name
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=language, domain="smm", abort_invalid=True)
            mo = out / language / "smm.mo"
            mo.parent.mkdir(parents=True, exist_ok=True)
            with mo.open("wb") as fh:
                write_mo(fh, catalog)
            build_data["force_include"][str(mo)] = f"smm_docs_plugin/locales/{language}/LC_MESSAGES/smm.mo"
