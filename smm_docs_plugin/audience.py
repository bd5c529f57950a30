"""Field names that would change what stakeholders see if they were spelled right.

An unknown field is normally a warning (§6). One that resembles ``internal`` or ``private``
(``Internal: true``, ``INTERNAL``, ``hidden``, ``confidential``, ``Private:``, ``privat``) is an
author trying to hide something: ignoring it would publish what they meant to hide, so it is an
error in ``smm check`` and in every build."""

from __future__ import annotations

import difflib
import re
import unicodedata

#: Words people use for "leave this out of the shared build".
_MEANS_INTERNAL = frozenset(
    {
        "hidden",
        "hide",
        "confidential",
        "secret",
        "restricted",
        "nonpublic",
        "notpublic",
        "unpublished",
        "teamonly",
        "onlyteam",
        "donotpublish",
        "dontpublish",
        "notforstakeholders",
        "nichtoffentlich",
        "internalonly",
        "onlyinternal",
        "visibility",
        "public",
        "intern",
        "interne",
        "vertraulich",
        "geheim",
    }
)
_MEANS_PRIVATE = frozenset({"privat", "privee", "privado", "privato"})


def audience_field(key: str) -> str | None:
    """``internal`` or ``private`` when an unknown field name ``key`` most likely means one of
    them (any case, spacing, punctuation, small typos, common synonyms); else None."""
    folded = unicodedata.normalize("NFKD", key.casefold())  # "nicht öffentlich", "privée"
    word = re.sub(r"[^a-z]", "", folded)
    if not word:
        return None
    if word in _MEANS_INTERNAL or word.startswith("internal"):
        return "internal"
    if word in _MEANS_PRIVATE or word.startswith("private"):
        return "private"
    close = difflib.get_close_matches(word, ["internal", "private"], n=1, cutoff=0.75)
    return close[0] if close else None
