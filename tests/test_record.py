"""``Record``: the dict that templates read by attribute. It must read exactly as Jinja reads a
plain dict (attribute first, then key; a dict method wins over a key; a missing key is
undefined), only without the failed attribute lookup."""

from __future__ import annotations

import pickle

import jinja2
import pytest

from smm_docs_plugin.context import Record, make_environment


def test_a_record_reads_in_templates_as_a_dict_does() -> None:
    env = make_environment()
    template = env.from_string('{{ r.title }}|{{ r["items"] }}|{{ r.items is callable }}|{{ r.get("x", "-") }}')
    values = {"title": "Reels <3", "items": 7}
    assert template.render(r=Record(values)) == template.render(r=dict(values)) == "Reels &lt;3|7|True|-"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ r.missing }}").render(r=Record(values))
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ r.missing }}").render(r=dict(values))


def test_a_record_is_still_a_dict() -> None:
    record = Record(a=1)
    assert record == {"a": 1} and isinstance(record, dict)
    assert record.a == 1
    with pytest.raises(AttributeError):
        _ = record.b
    assert pickle.loads(pickle.dumps(record)) == record
