"""The IR snapshot (`ir/<package>.json`): orjson writes it; values orjson cannot write exactly
(infinities, NaN, integers beyond 64 bits, lone surrogates) fall back to the `json` module's text.
Every form reads back to the same IR."""

from __future__ import annotations

import json
import math

import pytest

from generator.ir import serialize
from generator.ir.model import API, Field, Name, ObjectType, TypeExpr


def _api(default: object) -> API:
    field = Field(name=Name("x", ("x",)), type=TypeExpr(kind="primitive", primitive="number"), default=default, has_default=True)
    return API(name="p", title="T é", version="1", types=(ObjectType(id="T", name=Name("T", ("t",)), fields=(field,)),))


def _default(text: str) -> object:
    return json.loads(text)["types"][0]["fields"][0].get("default")


@pytest.mark.parametrize("value", [0.5, 1e-05, 2**63 - 1, "ünïcode", None, [1, {"a": "b"}]])
def test_plain_values_read_back(value: object) -> None:
    text = serialize.dumps(_api(value))
    assert _default(text) == value
    assert serialize.loads(text) == _api(value)
    assert text.endswith("}\n") and '\n  "title": "T é"' in text  # indent 2, non-ASCII kept


@pytest.mark.parametrize("value", [math.inf, -math.inf, 2**70, "\ud800"])
def test_values_orjson_cannot_write_fall_back(value: object) -> None:
    text = serialize.dumps(_api(value))
    assert text == json.dumps(serialize.to_data(_api(value)), indent=2, ensure_ascii=False) + "\n"
    assert _default(text) == value


def test_nan_is_kept_not_nulled() -> None:
    assert math.isnan(_default(serialize.dumps(_api(math.nan))))


def test_same_text_as_the_json_module_for_plain_data() -> None:
    api = _api([1.25, "a\u2028b", {"k": [True, False, None]}])
    expected = json.dumps(serialize.to_data(api), indent=2, ensure_ascii=False) + "\n"
    assert serialize.dumps(api) == expected
