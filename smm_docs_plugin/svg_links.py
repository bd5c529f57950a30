"""Links inside the handbook's inline SVG charts, with Material's instant navigation.

Material's ``navigation.instant`` re-assigns ``el.href = el.href`` to every ``[href]`` of a page
it swaps in. An SVG link's ``href`` is a read-only ``SVGAnimatedString``: the assignment throws
and cuts the navigation short (the roadmap and priorities pages then break every later link).
A few bytes of script, run in ``<head>`` before Material's bundle, give the SVG elements'
``href`` a setter that writes the attribute; the links keep their plain ``href`` attribute.
Every page carries it: with instant navigation the first page a reader opens (often the
overview, which has no chart) is the one whose scripts run for the whole visit.
"""

from __future__ import annotations

import re

#: Runs before Material's bundle: SVG ``href`` gets a setter that writes the attribute.
SVG_HREF_SHIM = (
    "<script>['SVGAElement','SVGImageElement','SVGUseElement'].forEach(function(n){var t=window[n],"
    "d=t&&Object.getOwnPropertyDescriptor(t.prototype,'href');if(!d||!d.get||d.set)return;"
    "Object.defineProperty(t.prototype,'href',{configurable:true,enumerable:d.enumerable,get:d.get,"
    "set:function(v){if(typeof v==='string')this.setAttribute('href',v)}})})</script>"
)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)


def with_svg_link_shim(html: str) -> str:
    """``html`` with the shim first in its ``<head>``."""
    if SVG_HREF_SHIM in html:
        return html
    head = _HEAD.search(html)
    return html if head is None else html[: head.end()] + SVG_HREF_SHIM + html[head.end() :]
