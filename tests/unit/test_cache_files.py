"""Checked cache files: their content, then the XXH3-64 of it (`generator.cache_files`)."""

from __future__ import annotations

from pathlib import Path
from typing import IO

import xxhash

from generator.cache_files import map_checked, read_checked, write_checked


def _written(path: Path, content: bytes) -> bytes:
    def write(stream: IO[bytes]) -> None:
        for start in range(0, len(content), 7):  # (in pieces, as a pickler writes its frames)
            stream.write(content[start : start + 7])

    write_checked(path, write)
    return path.read_bytes()


def test_a_checked_file_ends_with_the_xxh3_of_its_content(tmp_path: Path) -> None:
    """What is written in pieces is checked whole: the XXH3-64 of all of it, big-endian, after it
    (~1 ms per 30 MB to check, where a CRC-32 took ~12 ms)."""
    content = bytes(range(256)) * 40
    data = _written(tmp_path / "cache.pickle", content)
    assert data == content + xxhash.xxh3_64_intdigest(content).to_bytes(8, "big")
    assert read_checked(tmp_path / "cache.pickle") == data
    mapped = map_checked(tmp_path / "cache.pickle")
    assert mapped is not None and mapped[:] == data
    mapped.close()


def test_a_flipped_byte_or_a_file_cut_short_fails_its_check(tmp_path: Path) -> None:
    content = b"x" * 1000
    path = tmp_path / "cache.pickle"
    for damage in ("flipped", "cut"):
        data = bytearray(_written(path, content))
        if damage == "flipped":
            data[500] ^= 0x01
        else:
            del data[-1]
        path.write_bytes(bytes(data))
        assert read_checked(path) is None and map_checked(path) is None
