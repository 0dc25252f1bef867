"""A YAML description read entry by entry (with entries remembered from the last reading) is
exactly the document a reading of the whole gives, or the same error at the same place."""

from __future__ import annotations

import pickle
import random
from pathlib import Path
from typing import Any

import pytest

from generator.cache_files import CHECK_BYTES
from generator.openapi import parse_entries
from generator.openapi.cache import Cache
from generator.openapi.parse import MAX_NESTING, ParseError, parse_bytes, parse_cached
from tests.support.cache_files import plant_cache_file

BASE = """openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      description: 'two
        lines'
      responses:
        '200': {description: ok}
  # a comment between entries
  /things/{id}:
    delete:
      operationId: deleteThing
      responses:
        '204':
          description: |
            gone

            for good
components:
  parameters:
    Id: {name: id, in: path, required: true, schema: {type: string}}
  schemas:
    Thing:
      type: object
      properties:
        id: {type: string}
        tags: [a, b,
          c]
    Owner:
      type: object
      description: >
        folded
        text
      properties:
        name: {type: string, default: '017'}
    '200': {type: integer}
tags: [{name: x}]
"""


@pytest.mark.parametrize("text", [BASE, BASE.replace("folded", "gefaltet \u00e4\u20ac")], ids=["ascii", "utf-8"])
def test_the_digests_from_the_bytes_are_those_of_the_entries_text(text: str) -> None:
    """ASCII text: each entry's digest is taken of its piece of the bytes, not of its text
    encoded again; it must be the digest of its text all the same (else cache entries mix)."""
    parts, by_text = parse_entries.split(text, text.encode()), parse_entries.split(text)
    assert parts is not None and by_text is not None
    assert [e.digest for e in parts[1]] == [e.digest for e in by_text[1]]
    assert [e.digest for e in parts[1]] == [parse_entries.digest(f"{e.indent}:{e.text}") for e in parts[1]]
    assert len({e.digest for e in parts[1]}) == len(parts[1])
    assert parts[1][0].text.startswith("  /things:\n") and parts[1][-1].text.startswith("    '200':")


def _reading(text: str) -> Any:
    try:
        return parse_bytes(text.encode(), ".yaml")
    except ParseError as error:
        return ("error", error.message, error.line, error.column)


def _cached(text: str, cache: Cache, path: Path) -> Any:
    try:
        return parse_cached(text.encode(), ".yaml", cache, path)
    except ParseError as error:
        return ("error", error.message, error.line, error.column)


def test_the_plain_layout_splits_and_reads_as_the_whole() -> None:
    parts = parse_entries.split(BASE)
    assert parts is not None
    skeleton, entries = parts
    assert [e.keys for e in entries] == [("paths",)] * 2 + [("components", "schemas")] * 3
    assert "Thing" not in skeleton and "parameters:" in skeleton
    found = parse_entries.parse(parts, MAX_NESTING, {})
    assert found is not None and found[0] == parse_bytes(BASE.encode(), ".yaml")


@pytest.mark.parametrize(
    "text",
    [
        BASE.replace("      type: object\n      properties:\n        id", "      description: 'a\n    b'\n      properties:\n        id"),
        BASE.replace("    Owner:\n", "    Thing:\n"),  # a key twice
        BASE.replace("    Owner:\n", "    - Owner\n"),
        BASE.replace("    Owner:\n", "    ? Owner\n    :\n"),
        BASE.replace("\n", "\r\n"),
        BASE.replace("  schemas:\n", "  schemas: &s\n"),
        BASE.replace("paths:\n", "paths:\n  {}: x\n"),
        BASE.replace("default: '017'", "default: 017"),  # YAML 1.1 and 1.2 differ
        BASE + "'paths':\n",  # the header's key again, spelled otherwise: the last one holds
        BASE + "paths :\n",
        BASE + "paths:",
        BASE.replace("components:\n", "components:\n  schemas: null\nx-other:\n"),  # not under components
    ],
    ids=[
        "quoted-text-out-dented", "key-twice", "list-item", "complex-key", "crlf", "anchor", "flow-key", "octal",
        "paths-again-quoted", "paths-again-spaced", "paths-again-at-the-end", "schemas-elsewhere",
    ],
)
def test_other_layouts_are_not_read_by_entries(text: str, tmp_path: Path) -> None:
    """Layouts the entry reader cannot vouch for: it declines them (no split, or no reading of
    the parts), and the cached reading, cold or with BASE's entries remembered, is the whole's."""
    parts = parse_entries.split(text)
    assert parts is None or parse_entries.parse(parts, MAX_NESTING, {}) is None
    cache, path = Cache(tmp_path / "cache"), tmp_path / "api.yaml"
    assert _cached(text, cache, path) == _reading(text)  # cold
    assert _cached(BASE, cache, path) == _reading(BASE)
    assert _cached(text, cache, path) == _reading(text)  # after a reading by entries


@pytest.mark.parametrize("spelling", ["'paths':", "paths :", '"paths":'])
def test_entries_are_not_remembered_from_another_section_of_the_same_key(spelling: str, tmp_path: Path) -> None:
    """A first reading (the whole document's) remembers the entries cut out only where the
    section it read is theirs: not where the key is written again below (the last one holds)."""
    again = f"{spelling}\n  /other:\n    get: {{operationId: other}}\n  /more:\n    get: {{operationId: more}}\n"
    cache, path = Cache(tmp_path / "cache"), tmp_path / "api.yaml"
    assert _cached(BASE + again, cache, path) == _reading(BASE + again)
    assert _cached(BASE, cache, path) == _reading(BASE)


@pytest.mark.parametrize("line_break", ["\x85", "\u2028", "\u2029"])
def test_line_breaks_of_other_kinds_leave_the_reading_to_the_whole_document(line_break: str, tmp_path: Path) -> None:
    """PyYAML breaks lines at NEL, LS and PS too: a key hidden behind one, with a key written
    twice, kept the count of keys and shifted every entry's value by one."""
    hidden = BASE.replace("        folded\n", f"        folded{line_break}    Hidden:{line_break}      type: string\n")
    text = hidden.replace("tags: [{name: x}]\n", "") + "    Owner:\n      type: object\ntags: [{name: x}]\n"
    assert parse_entries.split(text) is None
    cache, path = Cache(tmp_path / "cache"), tmp_path / "api.yaml"
    assert _cached(BASE, cache, path) == _reading(BASE)
    assert _cached(text, cache, path) == _reading(text)
    assert _cached(BASE, cache, path) == _reading(BASE)


def test_entries_are_remembered_only_under_the_keys_they_were_cut_at() -> None:
    parts = parse_entries.split(BASE)
    assert parts is not None
    assert parse_entries.remember(_reading(BASE), parts, MAX_NESTING) is not None
    shifted = _reading(BASE.replace("    Thing:\n", "    Thing2:\n"))  # the same count of keys
    assert parse_entries.remember(shifted, parts, MAX_NESTING) is None


@pytest.mark.parametrize("header", ["|", ">", "|-", "|+"])
def test_an_entry_ending_in_an_empty_block_scalar_reads_as_in_the_whole(header: str, tmp_path: Path) -> None:
    """An entry is read on its own, where its last block scalar runs to the text's end."""
    text = BASE.replace("    '200': {type: integer}\n", f"    '200': {{type: integer}}\n    Empty:\n      default: {header}\n\n")
    parts = parse_entries.split(text)
    assert parts is not None
    found = parse_entries.parse(parts, MAX_NESTING, {})
    assert found is not None and found[0] == _reading(text)
    cache, path = Cache(tmp_path / "cache"), tmp_path / "api.yaml"
    assert _cached(BASE, cache, path) == _reading(BASE)
    assert _cached(text, cache, path) == _reading(text)  # the new entry read by entries


_LINES = [
    "    Extra:\n",
    "      type: string\n",
    "  /more:\n",
    "    get: {operationId: more}\n",
    "        extra: {type: integer}\n",
    "      description: \"open\n",
    "  x\"\n",
    "    # note\n",
    "\n",
    "    Thing:\n",
    "  \n",
    "      - item\n",
    "    &a Anchored:\n",
    "components:\n",
    "      default: |\n",  # a block scalar, empty where it ends an entry
    "      description: >-\n",
    "paths:\n",
]


@pytest.mark.parametrize("seed", range(12))
def test_random_edits_read_as_the_whole_document(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    cache, path = Cache(tmp_path / "cache"), tmp_path / "api.yaml"
    lines = BASE.splitlines(keepends=True)
    assert _cached(BASE, cache, path) == _reading(BASE)
    for _ in range(15):
        edit = rng.choice(["insert", "delete", "duplicate", "indent"])
        at = rng.randrange(len(lines))
        if edit == "insert":
            lines.insert(at, rng.choice(_LINES))
        elif edit == "delete" and len(lines) > 5:
            del lines[at]
        elif edit == "duplicate":
            lines.insert(at, lines[at])
        else:
            lines[at] = "  " + lines[at] if rng.random() < 0.5 else lines[at].removeprefix("  ")
        text = "".join(lines)
        assert _cached(text, cache, path) == _reading(text), text


def test_entries_are_taken_from_the_last_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache, path = Cache(tmp_path / "cache"), tmp_path / "api.yaml"
    big = BASE.replace("    '200': {type: integer}\n", "".join(f"    T{i}: {{type: string}}\n" for i in range(40)))
    _cached(big, cache, path)
    parsed: list[str] = []
    real = parse_entries.fast_load

    def counting(text: str, max_nesting: int) -> Any:
        parsed.append(text)
        return real(text, max_nesting)

    monkeypatch.setattr(parse_entries, "fast_load", counting)
    changed = big.replace("    T7: {type: string}\n", "    T7: {type: integer}\n")
    assert _cached(changed, cache, path) == _reading(changed)
    assert len(parsed) == 2, parsed  # the skeleton and the changed entry


def test_an_entry_reading_an_anchor_of_another_is_not_remembered(tmp_path: Path) -> None:
    """B's `*x` reads A's anchor: once A is gone, B must fail as on a cold run, not come back
    from the cache as it read before."""
    cache, path = Cache(tmp_path / "cache"), tmp_path / "api.yaml"
    fillers = "\n".join(f"    S{i}:\n      type: string" for i in range(10))
    before = f"openapi: 3.1.0\ncomponents:\n  schemas:\n    A:\n      x: &x\n        type: integer\n{fillers}\n    B:\n      y: *x\n"
    after = f"openapi: 3.1.0\ncomponents:\n  schemas:\n{fillers}\n    B:\n      y: *x\n"
    assert parse_cached(before.encode(), ".yaml", cache, path)["components"]["schemas"]["B"] == {
        "y": {"type": "integer"}
    }
    with pytest.raises(ParseError) as cold:
        parse_bytes(after.encode(), ".yaml")
    with pytest.raises(ParseError) as cached:
        parse_cached(after.encode(), ".yaml", cache, path)
    assert (cached.value.message, cached.value.line) == (cold.value.message, cold.value.line)


@pytest.mark.parametrize("damaged", ["overlay", "base", "entry"])
def test_a_small_edit_writes_an_overlay_and_damage_is_a_miss(damaged: str, tmp_path: Path) -> None:
    """The entries file is left as it was after a one-entry edit (only an overlay of what changed
    is written, `cache_layers`); values come back exactly (NaN too); a damaged overlay, base or
    entry is read afresh, never an error."""
    cache, path = Cache(tmp_path / "cache"), tmp_path / "api.yaml"
    big = BASE.replace(
        "    '200': {type: integer}\n",
        "".join(f"    T{i}: {{type: number, maximum: 1e400}}\n" for i in range(40)) + "    N: {default: .nan}\n",
    )
    _cached(big, cache, path)
    (base,) = (tmp_path / "cache").glob("entries-*.pickle")
    before = base.read_bytes()
    changed = big.replace("    T7: {type: number", "    T7: {type: integer")
    again = _cached(changed, cache, path)
    overlay = base.with_name(base.name + ".overlay")
    assert base.read_bytes() == before and overlay.is_file()
    assert len(overlay.read_bytes()) * 4 < len(before)
    assert repr(again) == repr(_reading(changed))  # (repr: nan != nan)

    if damaged == "entry":  # a well-formed file whose entries are of the wrong shape
        data = pickle.loads(base.read_bytes())
        data["sections"]["entries"] = {key: [1] for key in data["sections"]["entries"]}
        plant_cache_file(base, data)
        overlay.unlink()
    else:
        (overlay if damaged == "overlay" else base).write_bytes(b"damaged")
    last = big.replace("    T9: {type: number", "    T9: {type: string")
    assert repr(_cached(last, cache, path)) == repr(_reading(last))


@pytest.mark.parametrize("first", ["whole", "by entries"])
def test_stored_entries_hold_each_text_once(first: str, tmp_path: Path) -> None:
    """Equal keys and strings of the entries stored are one object (each text pickled once:
    the store a quarter the size, read back in half the time), whether the entries came from a
    reading of the whole document or were read one by one; the document read back is as ever."""
    cache, path = Cache(tmp_path / "cache"), tmp_path / "api.yaml"
    schemas = "".join(f"    T{i}:\n      type: object\n      properties:\n        name: {{type: string}}\n" for i in range(40))
    big = BASE.replace("    '200': {type: integer}\n", schemas)
    if first == "by entries":  # a reading before, of the same but ten entries: those ten read apart
        _cached(big.replace("    T1", "    U1"), cache, path)
    assert _cached(big, cache, path) == _reading(big)
    (base,) = (tmp_path / "cache").glob("entries-*.pickle")
    overlay = base.with_name(base.name + ".overlay")
    stored = pickle.loads((overlay if overlay.is_file() else base).read_bytes()[:-CHECK_BYTES])
    entries = stored["sections"]["entries"]
    values = entries[0] if first == "by entries" else entries
    texts: dict[str, list[int]] = {}
    pending: list[Any] = list(values.values())
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                texts.setdefault(key, []).append(id(key))
                pending.append(value)
        elif isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, str):
            texts.setdefault(node, []).append(id(node))
    assert len(texts["type"]) >= 20 and len(texts["string"]) >= 10
    assert all(len(set(ids)) == 1 for ids in texts.values()), [t for t, ids in texts.items() if len(set(ids)) > 1]
    assert _cached(big.replace("T3:", "T3x:"), cache, path) == _reading(big.replace("T3:", "T3x:"))
