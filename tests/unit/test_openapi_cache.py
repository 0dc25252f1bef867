"""`generator.openapi.cache.Cache`: what is put is what is got back, whichever JSON reader reads it
(orjson first; the standard library for what orjson refuses), and a damaged entry is a miss."""

from __future__ import annotations

import math
from pathlib import Path

from generator.openapi.cache import Cache


def test_values_come_back_as_put(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    value = {"records": [["a", "/paths/~1x", "é \u2028"], [1, 2.5, -0.0, None, True]], "n": 2**63 - 1}
    cache.put("kind", "key", value)
    assert cache.get("kind", "key") == value


def test_what_orjson_refuses_is_read_as_json_reads_it(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("kind", "big", {"n": 2**70, "s": "\ud800"})  # (a lone surrogate: not written)
    assert cache.get("kind", "big") is None
    cache.put("kind", "big", {"n": 2**70})
    assert cache.get("kind", "big") == {"n": 2**70}
    # integers no float holds, beyond 64 bits either way: orjson would read the nearest float
    huge = [123456789012345678901234567890, 2**64, -(2**63) - 1, 2**70 + 1]
    cache.put("kind", "huge", {"n": huge, "fits": [2**64 - 1, -(2**63)]})
    found = cache.get("kind", "huge")
    assert found == {"n": huge, "fits": [2**64 - 1, -(2**63)]}
    assert all(type(n) is int for n in found["n"] + found["fits"])
    cache.put("kind", "nan", [math.inf])
    assert cache.get("kind", "nan") == [math.inf]


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("kind", "key", {"a": 1})
    (path,) = tmp_path.glob("kind-key.json")
    path.write_bytes(b'{"a": ')
    assert cache.get("kind", "key") is None
    path.write_bytes(b"\xff\xfe")
    assert cache.get("kind", "key") is None
    assert Cache(None).get("kind", "key") is None


def test_a_flipped_digit_is_a_miss_not_another_value(tmp_path: Path) -> None:
    """Still valid JSON after the flip ("17" becomes "16"): the checksum after the text makes it a
    miss, as the records of validation by parts must not come back with other findings."""
    cache = Cache(tmp_path)
    cache.put("kind", "key", {"line": 17, "message": "kept"})
    (path,) = tmp_path.glob("kind-key.json")
    data = bytearray(path.read_bytes())
    data[data.index(b"17") + 1] ^= 0x01
    path.write_bytes(bytes(data))
    assert cache.get("kind", "key") is None


def test_plain_values_come_back_as_put_whichever_writer_wrote_them(tmp_path: Path) -> None:
    """`plain` values (strings, integers, lists, dicts) are written by orjson, else (integers
    past 64 bits, lone surrogates) by the json module, as without `plain`."""
    cache = Cache(tmp_path)
    value = {"records": [["a", "/paths/~1x", "é \u2028 \"q\" \\"], [1, 0, -3]], "n": 2**63 - 1}
    cache.put("kind", "orjson", value, plain=True)
    assert cache.get("kind", "orjson") == value
    cache.put("kind", "json", {"n": 2**70}, plain=True)
    assert cache.get("kind", "json") == {"n": 2**70}
    cache.put("kind", "neither", {"s": "\ud800"}, plain=True)
    assert cache.get("kind", "neither") is None
