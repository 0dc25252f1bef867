"""Hostile spec text that once crashed or misread the YAML and JSON front end.

Deep compact block nesting (`- - - -`, `? ? ? ?`) overflowed the stack of the fast YAML parser (a
segfault: only a subprocess shows it), integers past Python's digit limit and lone UTF-16
surrogates in JSON escaped as tracebacks, and a lone carriage return hid tags from the fast
path. Each is now a located error (file:line:column), exit code 1, output folder untouched; or,
for the carriage return, exactly what the same text with line feeds reads. Overlay files (read by
ruamel.yaml) raised on deep nesting, long integers and surrogates too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.openapi import parse
from generator.openapi.fast_yaml import block_nesting_may_exceed, fast_load
from tests.support.cli import generate_broken, prepared_output, run, snapshot

HEADER = 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\npaths: {}\n'
JSON_HEADER = '{"openapi": "3.0.0",\n "info": {"title": "t", "version": "1"},\n "paths": {},\n'

# ~40 KB each: far past the depth where the fast parser's stack ran out (some thousands)
DEEP_BLOCKS = {
    "sequences": "x-deep:\n  " + "- " * 20_000 + "x\n",
    "explicit-keys": "x-deep:\n  " + "? " * 20_000 + "x\n",
    "mixed": "x-deep:\n" + "- ? " * 10_000 + "x\n",
    "first-line": "- " * 20_000 + "x\n",
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One generated package for every test: each proves it is left as it was."""
    return prepared_output(tmp_path_factory.mktemp("prepared"))


@pytest.mark.parametrize("name", DEEP_BLOCKS)
def test_deep_compact_block_nesting_is_located_not_a_crash(tmp_path: Path, out: Path, name: str) -> None:
    text = DEEP_BLOCKS[name]
    result = generate_broken(tmp_path, out, text if name == "first-line" else HEADER + text)
    assert result.returncode == 1, result.stderr  # -11 (SIGSEGV) before
    assert "bad.yaml:" in result.stderr and "nesting depth" in result.stderr


def test_json_nested_20k_deep_in_a_yaml_file_is_located(tmp_path: Path, out: Path) -> None:
    result = generate_broken(tmp_path, out, HEADER + "x-deep: " + "[" * 20_000 + "]" * 20_000 + "\n")
    assert result.returncode == 1
    assert "bad.yaml:4:" in result.stderr and "nesting depth" in result.stderr


def test_block_nesting_bound_sees_every_way_to_nest() -> None:
    limit = parse.MAX_NESTING
    deep = [
        "- " * (limit // 2) + "x",  # compact sequences
        "? " * (limit // 2) + "x",  # explicit keys
        "a:\n" + "- ? : " * (limit // 6) + "- x",  # mixed indicators
        "".join(" " * level + "a:\n" for level in range(limit // 2 + 1)),  # indented mappings
        "a:\n" + "".join(" " * (2 * level) + "- b:\n" for level in range(limit // 4 + 1)),
    ]
    for text in deep:
        assert block_nesting_may_exceed(text, limit), text
        assert fast_load(text, limit) == (False, None)
    # a horizontal rule in a block scalar is text, not indicators; 4-space indentation stays fast
    shallow = "a: |\n" + " " * 10 + "-" * 80 + "\n" + "".join(" " * (4 * n) + f"k{n}:\n" for n in range(12))
    assert not block_nesting_may_exceed(shallow + " " * 48 + "v: 1\n", limit)
    # what is declined for a possible depth is read by PyYAML, and within the limit it is read
    assert parse.parse_bytes(("- " * (limit // 2) + "x").encode(), ".yaml") == _nested_list(limit // 2)


def _nested_list(depth: int) -> object:
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_an_integer_past_pythons_digit_limit_is_located(tmp_path: Path, out: Path, suffix: str) -> None:
    digits = "1" * 5000
    if suffix == ".json":  # a long fraction before it is no integer
        text = JSON_HEADER + f' "x-a": [1.{digits}, 2],\n "x-big": -{digits}}}\n'
        where = "bad.json:5:12:"
    else:
        text = HEADER + f"x-a: 1.{digits}\nx-big: {digits}\n"
        where = "bad.yaml:5:8:"
    result = generate_broken(tmp_path, out, text, name=f"bad{suffix}")
    assert result.returncode == 1
    assert f"{where} error: " in result.stderr
    assert "Python reads at most" in result.stderr


def test_a_very_long_number_is_not_read_by_the_fast_path() -> None:
    # (the fast parser converts any length, in time growing with its square: 1 s a megabyte)
    assert fast_load("a: " + "1" * 5000 + "\n", parse.MAX_NESTING) == (False, None)


def test_a_lone_surrogate_in_json_is_located_with_its_pointer(tmp_path: Path, out: Path) -> None:
    text = JSON_HEADER + ' "x-a": ["a pair is fine \\ud83d\\ude00", {"k\\ud800": 1}]}\n'
    result = generate_broken(tmp_path, out, text, name="bad.json")
    assert result.returncode == 1  # a TypeError from orjson while rendering before
    assert "bad.json:4:42: error: the string at /x-a/1/k\\ud800 holds a lone UTF-16 surrogate" in result.stderr


@pytest.mark.parametrize("where", ['"info": {"title": "\\udc00 t"', '"info": {"\\uD800": 1, "title": "t"'])
def test_lone_surrogates_are_refused_in_values_and_keys(where: str) -> None:
    data = '{"openapi": "3.0.0", ' + where + ', "version": "1"}}'
    with pytest.raises(parse.ParseError, match="lone UTF-16 surrogate"):
        parse.parse_bytes(data.encode(), ".json")


def test_escaped_surrogates_in_yaml_read_as_pyyaml_reads_them() -> None:
    # the fast parser joins an escaped pair, which PyYAML refuses: both paths refuse now
    for text in ['a: "\\ud83d\\ude00"\n', 'a: "\\ud800"\n']:
        assert fast_load(text, parse.MAX_NESTING) == (False, None)
        with pytest.raises(parse.ParseError, match="escape"):
            parse.parse_bytes(text.encode(), ".yaml")


@pytest.mark.parametrize("text", ["a:\n  !custom x\n", "a:\n  !!binary aGVsbG8=\n", "a: 1\n---\nb: 2\n", "a: &x 1\nb: *x\n"])
def test_a_lone_carriage_return_is_a_line_break_as_a_line_feed_is(text: str) -> None:
    def read(variant: str) -> object:
        try:
            return parse.parse_bytes(variant.encode(), ".yaml")
        except parse.ParseError as exc:
            return ("error", exc.message, exc.line, exc.column)

    assert read(text.replace("\n", "\r")) == read(text)
    assert read(text.replace("\n", "\r\n")) == read(text)
    assert fast_load(text.replace("\n", "\r"), parse.MAX_NESTING) == (False, None)


@pytest.mark.parametrize("tag", ["binary", "set", "omap", "pairs"])
def test_values_json_has_no_type_for_are_located(tag: str) -> None:
    value = {"binary": "aGVsbG8=", "set": "{x, y}", "omap": "[x: 1]", "pairs": "[x: 1]"}[tag]
    for text in [f"a:\n  !!{tag} {value}\n", f"a:\r  !!{tag} {value}\r"]:  # (bytes, sets, tuples before)
        with pytest.raises(parse.ParseError, match=f"!!{tag} value: JSON has no such type") as caught:
            parse.parse_bytes(text.encode(), ".yaml")
        assert (caught.value.line, caught.value.column) == (2, 3)


def test_a_date_with_its_tag_stays_a_string() -> None:
    assert parse.parse_bytes(b"a: !!timestamp 2001-01-01\nb: 2001-01-01\n", ".yaml") == {"a": "2001-01-01", "b": "2001-01-01"}


def test_line_feeds_and_crlf_stay_on_the_fast_path() -> None:
    for text in ["a:\n  b: [1, 2]\n", "a:\r\n  b: [1, 2]\r\n"]:
        assert fast_load(text, parse.MAX_NESTING) == (True, {"a": {"b": [1, 2]}})


OVERLAY = 'overlay: 1.0.0\ninfo: {title: o, version: "1"}\nactions:\n  - target: $.info\n    update:\n'
HOSTILE_OVERLAYS = {
    "surrogate": (OVERLAY + '      title: "t\\ud800"\n', "fix.yaml:6:16: error: the string at /actions/0/update/title holds a lone UTF-16 surrogate"),
    "long-integer": (OVERLAY + "      x-big: " + "1" * 5000 + "\n", "fix.yaml:6:14: error: invalid YAML: an integer 5,000"),
    "deep-block": (OVERLAY + "      x-deep:\n        " + "- " * 20_000 + "x\n", "fix.yaml: error: invalid YAML: nested too deeply"),
    "deep-flow": (OVERLAY + "      x-deep: " + "[" * 20_000 + "]" * 20_000 + "\n", "fix.yaml: error: invalid YAML: nested too deeply"),
}  # fmt: skip


@pytest.mark.parametrize("name", HOSTILE_OVERLAYS)
def test_hostile_overlays_are_located(tmp_path: Path, out: Path, name: str) -> None:
    text, expected = HOSTILE_OVERLAYS[name]
    (tmp_path / "api.yaml").write_text(HEADER)
    (tmp_path / "fix.yaml").write_text(text)
    before = snapshot(out)
    result = run("generate", "--openapi", str(tmp_path / "api.yaml"), "--overlay", str(tmp_path / "fix.yaml"),
                 "--package", "pkg", "--out", str(out), "--no-cache")  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert expected in result.stderr
    assert snapshot(out) == before


CONFIG = "packages:\n  - name: pkg\n    openapi: api.yaml\n    x: "
HOSTILE_CONFIGS = {
    "surrogate": (CONFIG + '"t\\ud800"\n', "apigen.yaml:4:10: the string at /packages/0/x holds a lone UTF-16 surrogate"),
    "long-integer": (CONFIG + "1" * 5000 + "\n", "apigen.yaml:4:8: invalid YAML: an integer 5,000"),
    "deep-block": (CONFIG + "\n      " + "- " * 20_000 + "x\n", "apigen.yaml: invalid YAML: nested too deeply"),
    "deep-flow": (CONFIG + "[" * 20_000 + "]" * 20_000 + "\n", "apigen.yaml: invalid YAML: nested too deeply"),
}  # fmt: skip


@pytest.mark.parametrize("name", HOSTILE_CONFIGS)
def test_a_hostile_configuration_is_located(tmp_path: Path, out: Path, name: str) -> None:
    """The configuration is read by the same positioned reader as overlays: the same problems are
    usage errors naming the file and place, never a traceback."""
    text, expected = HOSTILE_CONFIGS[name]
    (tmp_path / "api.yaml").write_text(HEADER)
    (tmp_path / "apigen.yaml").write_text(text)
    before = snapshot(out)
    result = run("generate", "--config", str(tmp_path / "apigen.yaml"), "--out", str(out), "--no-cache")
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert expected in result.stderr
    assert snapshot(out) == before
