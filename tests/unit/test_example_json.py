"""The docs' example bodies are written by orjson where its text equals the standard library's."""

from __future__ import annotations

import json

import pytest

from generator.render.docs.examples import indented_json

VALUES = [
    {},
    [],
    {"a": [1, {"b": {}}, []], "c": "\x7f\u2028\x01\"\\é", "d": None, "e": True},
    {"small": 1e-7, "big": 1e16, "half": 0.5, "zero": -0.0, "tiny": 2.5e-5},
    {"nan": float("nan"), "inf": float("inf")},
    {"huge": 2**70, "negative": -(2**64)},
    ["\ud800"],  # a lone surrogate
]


@pytest.mark.parametrize("value", VALUES)
def test_indented_json_is_what_json_dumps_writes(value: object) -> None:
    assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)  # type: ignore[arg-type]
