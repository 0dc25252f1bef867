"""An output file given as UTF-8 pieces (`generator.encoded.Encoded`): the IR snapshot of kept
encoded operations and types is made of those very bytes, and is hashed, compared and written
as the text it stands for would be."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest
import xxhash

from generator import write
from generator.encoded import PIECES_PER_WRITE, Encoded
from generator.ir import serialize
from generator.ir.model import API, Field, Name, ObjectType, TypeExpr


def _api(count: int, extra: str = "") -> API:
    def field(name: str) -> Field:
        return Field(name=Name(name, (name,)), type=TypeExpr(kind="primitive", primitive="string"))

    types = tuple(
        ObjectType(
            id=f"T{index}",
            name=Name(f"T{index}", ("t", str(index))),
            description=f"Typ é {index} \U0001f600",  # (non-ASCII: sizes in bytes, not characters)
            fields=(field("a"), *([field(extra)] if extra and index == 1 else [])),
        )
        for index in range(count)
    )
    return API(name="p", title="T é", version="1", types=types)


def test_the_snapshot_of_kept_fragments_is_made_of_their_bytes() -> None:
    first = serialize.Fragments()
    snapshot = serialize.encoded(_api(3), first)
    assert isinstance(snapshot, Encoded) and first.encoded == 3
    assert snapshot.text() == serialize.dumps(_api(3))
    assert snapshot.size == len(serialize.dumps(_api(3)).encode())

    again = serialize.Fragments(first.previous | first.current)
    changed = serialize.encoded(_api(3, extra="b"), again)  # one type gained a field
    assert isinstance(changed, Encoded) and (again.encoded, again.reused) == (1, 2)
    assert changed.text() == serialize.dumps(_api(3, extra="b"))
    taken = {id(piece) for piece in changed.pieces}
    kept = [text for key, text in first.current.items() if key in again.current and again.current[key] is text]
    assert len(kept) == 2 and all(id(text) in taken for text in kept)  # not decoded or encoded again


def test_kept_fragments_read_as_views_of_the_cache_file_are_taken_as_their_bytes() -> None:
    """(The units file keeps its large bytes after its pickle and reads them as views of the
    mapped file, `cache_layers`: a view is a kept fragment, taken as it is.)"""
    first = serialize.Fragments()
    serialize.encoded(_api(3), first)
    views = {key: memoryview(text) if isinstance(text, bytes) else text for key, text in first.current.items()}
    again = serialize.Fragments(views)
    changed = serialize.encoded(_api(3, extra="b"), again)
    assert isinstance(changed, Encoded) and (again.encoded, again.reused) == (1, 2)
    assert changed.text() == serialize.dumps(_api(3, extra="b"))
    assert sum(type(piece) is memoryview for piece in changed.pieces) == 2


def test_a_kept_fragment_of_another_type_is_encoded_afresh() -> None:
    """(A damaged entry, or one an earlier version kept as text: a miss, never other output.)"""
    first = serialize.Fragments()
    serialize.encoded(_api(2), first)
    as_text = {key: text.decode() if isinstance(text, bytes) else text for key, text in first.current.items()}
    again = serialize.Fragments(as_text)
    snapshot = serialize.encoded(_api(2), again)
    assert (again.encoded, again.reused) == (2, 0)
    assert isinstance(snapshot, Encoded) and snapshot.text() == serialize.dumps(_api(2))


def test_pieces_are_written_hashed_and_compared_as_their_text(tmp_path: Path) -> None:
    pieces = tuple(f"{index} é\n".encode() for index in range(3 * PIECES_PER_WRITE + 5))
    text = Encoded(pieces)
    data = b"".join(pieces)
    xxh3 = xxhash.xxh3_128_digest(data)  # (a file nothing formats: `write.new_digest`)
    assert write.text_digest(text, "ir/p.json").digest() == xxh3 == write.text_digest(data.decode(), "ir/p.json").digest()

    write.write_files(str(tmp_path / "new"), {"ir/p.json": text})  # (more pieces than one write takes)
    assert (tmp_path / "new" / "ir" / "p.json").read_bytes() == data

    out, staging = tmp_path / "out", tmp_path / "staging"
    (out / "ir").mkdir(parents=True)
    staging.mkdir()
    held, other = out / "ir" / "held.json", out / "ir" / "other.json"
    held.write_bytes(data)
    other.write_bytes(data[:-3] + b"X\xc3\xa9")  # the same size, other bytes
    before = held.stat()
    digests = write.TextDigests()
    written = write.update_in_place({"ir/held.json": text, "ir/other.json": text}, out, ["ir"], staging, (), digests)

    assert written == ["ir/other.json"] and other.read_bytes() == data
    assert (held.stat().st_ino, held.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # untouched
    assert digests("ir/held.json", text) == digests("ir/other.json", text) == xxh3
    assert digests.from_bytes == 2  # (both taken as compared or written, not hashed again)


def test_pieces_a_write_takes_only_in_part_are_written_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write may take fewer bytes than it was given (a signal, a full disk's last blocks):
    the rest follows, in order."""
    real = os.writev

    def short(handle: int, pieces: Sequence[bytes]) -> int:  # takes at most 5 bytes a call
        return real(handle, [b"".join(pieces)[:5]])

    monkeypatch.setattr(os, "writev", short)
    pieces = (b"{\n", b'  "a": "\xc3\xa9"', b"", b",\n  ", b'"b": 1' * 7, b"\n}\n")
    write.write_files(str(tmp_path), {"p.json": Encoded(pieces)})
    assert (tmp_path / "p.json").read_bytes() == b"".join(pieces)


def test_pieces_are_written_whole_where_the_platform_has_no_writev(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "writev")
    pieces = tuple(b"piece %d, " % n for n in range(3000))  # (more than one batch)
    write.write_files(str(tmp_path), {"p.json": Encoded(pieces)})
    assert (tmp_path / "p.json").read_bytes() == b"".join(pieces)
