"""A cache file of many entries: each save writes only what differs from the base (an overlay),
the base again once the overlay grows; what reads back is always exactly the latest save, and
a damaged or foreign overlay leaves the base alone (a miss at worst, never a wrong entry)."""

from __future__ import annotations

import mmap
from pathlib import Path

import pytest

from generator import cache_files, cache_pickle
from generator.cache_files import CHECK_BYTES, map_checked, write_checked
from generator.cache_layers import BUFFERED, MIN_OVERLAY, WRITE_AT_ONCE, Layered
from generator.cache_pickle import MIN_BUFFER
from tests.support.cache_files import as_bytes

ENTRIES = {f"file{i:03d}": ("key", b"blob" * i) for i in range(400)}


def _saved(path: Path, sections: dict[str, dict[object, object]], salt: str = "s") -> Layered:
    Layered.load(path, salt).save(sections)
    return Layered.load(path, salt)


def test_a_small_change_writes_an_overlay_and_reads_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "cache.pickle"
    first = _saved(path, {"entries": ENTRIES, "runs": {"inputs": ("a",)}})
    assert first.sections == {"entries": ENTRIES, "runs": {"inputs": ("a",)}}
    base = path.read_bytes()
    changed = {**ENTRIES, "file001": ("other", b"x"), "new": ("key", b"y")}
    del changed["file002"]
    first.save({"entries": changed, "runs": {"inputs": ("a",)}})
    assert path.read_bytes() == base  # the base is as it was: the change went to the overlay
    assert Path(f"{path}.overlay").is_file()
    again = Layered.load(path, "s")
    assert again.sections == {"entries": changed, "runs": {"inputs": ("a",)}}
    # the next save is again measured against the base, not the overlay
    again.save({"entries": ENTRIES, "runs": {}})
    assert path.read_bytes() == base
    assert Layered.load(path, "s").sections == {"entries": ENTRIES, "runs": {}}


def test_a_large_change_writes_the_base_again(tmp_path: Path) -> None:
    path = tmp_path / "cache.pickle"
    first = _saved(path, {"entries": ENTRIES})
    first.save({"entries": {**ENTRIES, "file001": ("changed", b"")}})  # an overlay
    changed = {name: ("new key", blob) for name, (_, blob) in ENTRIES.items()}
    Layered.load(path, "s").save({"entries": changed})
    assert not Path(f"{path}.overlay").exists()
    assert Layered.load(path, "s").sections == {"entries": changed}
    assert len(ENTRIES) // 4 > MIN_OVERLAY  # (the rule, not the floor, decided)


def test_a_damaged_or_foreign_overlay_reads_as_the_base_alone(tmp_path: Path) -> None:
    path, overlay = tmp_path / "cache.pickle", tmp_path / "cache.pickle.overlay"
    first = _saved(path, {"entries": ENTRIES})
    first.save({"entries": {**ENTRIES, "file001": ("changed", b"")}})
    foreign = overlay.read_bytes()
    overlay.write_bytes(b"damaged")
    assert Layered.load(path, "s").sections == {"entries": ENTRIES}
    _saved(path, {"entries": {"other": ("k", b"")}})  # a new base, as another run writes it
    overlay.write_bytes(foreign)  # the overlay of the old base
    assert Layered.load(path, "s").sections == {"entries": {"other": ("k", b"")}}


def test_a_damaged_base_or_another_salt_is_an_empty_cache(tmp_path: Path) -> None:
    path = tmp_path / "cache.pickle"
    _saved(path, {"entries": ENTRIES})
    assert Layered.load(path, "other salt").sections == {}
    path.write_bytes(b"damaged")
    assert Layered.load(path, "s").sections == {}
    Layered.load(path, "s").save({"entries": ENTRIES})
    assert Layered.load(path, "s").sections == {"entries": ENTRIES}


def test_saving_twice_compares_with_the_base_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "cache.pickle"
    layered = Layered.load(path, "s")
    layered.save({"entries": ENTRIES})  # the first base
    base = path.read_bytes()
    layered.save({"entries": {**ENTRIES, "file001": ("changed", b"")}})  # an overlay on it
    assert path.read_bytes() == base and Path(f"{path}.overlay").is_file()
    assert Layered.load(path, "s").sections == {"entries": {**ENTRIES, "file001": ("changed", b"")}}


def _flip(path: Path, at: float) -> None:
    data = bytearray(path.read_bytes())
    data[int(len(data) * at)] ^= 0x01  # the same length: a pickle that may well still load
    path.write_bytes(bytes(data))


def test_a_flipped_byte_is_damage_not_other_content(tmp_path: Path) -> None:
    """Inside a string a flipped byte still unpickles, as another string: the checksum written
    after each file turns it into a miss (an empty cache, or the base alone)."""
    path, overlay = tmp_path / "cache.pickle", tmp_path / "cache.pickle.overlay"
    for at in (0.3, 0.6, 0.9):
        _saved(path, {"entries": ENTRIES}).save({"entries": {**ENTRIES, "file001": ("changed", b"")}})
        _flip(overlay, at)
        assert Layered.load(path, "s").sections == {"entries": ENTRIES}
        _flip(path, at)
        assert Layered.load(path, "s").sections == {}
        path.unlink()
        overlay.unlink()


def test_sections_changed_in_place_by_the_caller_are_saved(tmp_path: Path) -> None:
    """The sections read are the caller's to change (the proto cache updates its entries in
    place): a save compares them with the base as read, not with themselves."""
    path = tmp_path / "cache.pickle"
    for with_overlay in (False, True):
        first = _saved(path, {"entries": ENTRIES, "runs": {"inputs": ("a",)}})
        if with_overlay:
            first.save({"entries": {**ENTRIES, "file001": ("changed", b"")}, "runs": {"inputs": ("a",)}})
            first = Layered.load(path, "s")
        first.sections["entries"]["file002"] = ("changed in place", b"")
        del first.sections["entries"]["file003"]
        first.save(first.sections)
        expected = {**ENTRIES, "file002": ("changed in place", b"")}
        if with_overlay:
            expected["file001"] = ("changed", b"")
        del expected["file003"]
        assert Layered.load(path, "s").sections["entries"] == expected


def test_a_file_too_short_to_hold_its_check_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "cache.pickle"
    for content in (b"", b"\x00", b"\x00\x00\x00\x00"):
        path.write_bytes(content)
        assert map_checked(path) is None
        assert Layered.load(path, "s").sections == {}


LARGE = {f"piece{i:03d}": bytes([i]) * (MIN_BUFFER + i) for i in range(100)}
BUFFERED_SECTIONS = {"pieces": LARGE, "units": {"u": ["read", b"short"], "v": ["read", b"long" * 200]}}


def test_large_bytes_are_kept_out_of_the_pickle_and_read_as_views_of_the_file(tmp_path: Path) -> None:
    """Saved `with_buffers`, bytes of `MIN_BUFFER` and more (anywhere in an entry) are written
    after the pickle and read back as views of the mapped file: the same bytes, not copied.
    Shorter ones stay in the pickle; an unchanged save writes nothing; an overlay keeps its own."""
    path = tmp_path / "cache.pickle"
    Layered(path, "s", with_buffers=True).save(BUFFERED_SECTIONS)
    data = path.read_bytes()
    assert data.startswith(BUFFERED) and data.count(LARGE["piece099"]) == 1
    first = Layered.load(path, "s", with_buffers=True)
    pieces, units = first.sections["pieces"], first.sections["units"]
    assert all(type(piece) is memoryview for piece in pieces.values())
    assert type(units["u"][1]) is bytes and type(units["v"][1]) is memoryview
    assert as_bytes(first.sections) == BUFFERED_SECTIONS
    first.save(first.sections)  # the views read are the base's entries: nothing differs
    assert path.read_bytes() == data and not Path(f"{path}.overlay").exists()
    first.save({**first.sections, "pieces": {**pieces, "piece001": b"x" * 4096}})
    assert path.read_bytes() == data and Path(f"{path}.overlay").read_bytes().startswith(BUFFERED)
    again = Layered.load(path, "s", with_buffers=True).sections
    assert as_bytes(again) == {**BUFFERED_SECTIONS, "pieces": {**LARGE, "piece001": b"x" * 4096}}
    # a base written afresh from views of the file it replaces holds the same bytes
    Layered(path, "s", with_buffers=True).save(again)
    assert as_bytes(Layered.load(path, "s", with_buffers=True).sections) == as_bytes(again)


def _plant(path: Path, content: bytes) -> None:
    write_checked(path, lambda stream: stream.write(content))


def test_a_buffered_file_of_another_shape_under_a_valid_check_is_a_miss(tmp_path: Path) -> None:
    """The sizes of the buffers are read from the end of the file: sizes that do not fit the
    file or the pickle's end, or are not a list of sizes, and a pickle naming a buffer the file
    does not hold, are a damaged file (an empty cache), never a traceback or other content."""
    path = tmp_path / "cache.pickle"
    Layered(path, "s", with_buffers=True).save(BUFFERED_SECTIONS)
    content = path.read_bytes()[:-CHECK_BYTES]
    trailer = int.from_bytes(content[-8:], "big")
    body, sizes = content[: -8 - trailer], cache_pickle.loads(content[-8 - trailer : -8])
    assert Layered.load(path, "s", with_buffers=True).sections  # (as written: read back)

    def with_sizes(value: object) -> bytes:
        written = cache_pickle.dumps(value)
        return body + written + len(written).to_bytes(8, "big")

    damaged = [
        content[:-8] + (trailer + 1).to_bytes(8, "big"),  # the size of the sizes, one off
        content[:-8] + (len(content) * 2).to_bytes(8, "big"),  # beyond the file's start
        content[:-1] + bytes([content[-1] ^ 0x01]),  # a flipped bit in it
        with_sizes([*sizes[:-1], sizes[-1] + len(content)]),  # buffers beyond the file's start
        with_sizes([*sizes[:-1], -1]),
        with_sizes({"sizes": sizes}),
        with_sizes([*sizes[:-1], "1"]),
        with_sizes(sizes[:-1]),  # one buffer fewer than the pickle names
        with_sizes([sizes[0] - 1, *sizes[1:]]),  # the buffers begin a byte past the pickle's end
        with_sizes([sizes[0] + 10, *sizes[1:]]),  # ... within the pickle
        content[: len(BUFFERED)],  # nothing but the beginning
    ]
    for index, planted in enumerate(damaged):
        _plant(path, planted)
        assert Layered.load(path, "s", with_buffers=True).sections == {}, index
    path.write_bytes(content[: len(content) // 2])  # cut short: fails its check
    assert Layered.load(path, "s", with_buffers=True).sections == {}


def test_a_file_saved_without_buffers_reads_as_before(tmp_path: Path) -> None:
    """Only a file saved `with_buffers` keeps bytes out of its pickle (other caches read their
    bytes as bytes); either kind of file is read by either kind of reader."""
    path = tmp_path / "cache.pickle"
    Layered(path, "s").save(BUFFERED_SECTIONS)
    assert not path.read_bytes().startswith(BUFFERED)
    assert Layered.load(path, "s", with_buffers=True).sections == BUFFERED_SECTIONS


def test_where_a_mapped_file_cannot_be_replaced_a_copy_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Windows: `cache_files.KEEP_MAPPED` false.) The same sections, as views of a copy; the
    file is then replaced by a save as elsewhere."""
    path = tmp_path / "cache.pickle"
    Layered(path, "s", with_buffers=True).save(BUFFERED_SECTIONS)
    monkeypatch.setattr(cache_files, "KEEP_MAPPED", False)
    read = Layered.load(path, "s", with_buffers=True)
    assert as_bytes(read.sections) == BUFFERED_SECTIONS
    assert not any(isinstance(piece.obj, mmap.mmap) for piece in read.sections["pieces"].values())
    read.save({**read.sections, "units": {"u": ["read", b"changed"]}})
    again = Layered.load(path, "s", with_buffers=True).sections
    assert as_bytes(again) == {**BUFFERED_SECTIONS, "units": {"u": ["read", b"changed"]}}


def test_kept_bytes_are_written_in_few_large_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of texts of a few KB each (a large package's units) are gathered into writes of
    about `WRITE_AT_ONCE` bytes, not written one by one (a system call every few); the file
    reads back the same."""
    writes: list[int] = []
    write = cache_files._Checking.write

    def counted(self: cache_files._Checking, data: bytes) -> int:
        writes.append(memoryview(data).nbytes)
        return write(self, data)

    monkeypatch.setattr(cache_files._Checking, "write", counted)
    texts = {f"unit{i:04d}": [f"read{i}", bytes([65 + i % 26]) * (MIN_BUFFER + i % 4000)] for i in range(3000)}
    path = tmp_path / "cache.pickle"
    Layered(path, "s", with_buffers=True).save({"units": texts})
    kept = sum(len(text) for _, text in texts.values())
    assert kept > 4 * WRITE_AT_ONCE
    assert len(writes) < kept // WRITE_AT_ONCE + 200, len(writes)  # (the pickle's frames: ~70)
    assert as_bytes(Layered.load(path, "s", with_buffers=True).sections) == {"units": texts}
