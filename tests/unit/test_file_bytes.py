"""`file_bytes`: a file's bytes read through its descriptor, whatever its status told."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from generator.file_bytes import marks, read_descriptor, read_path


@pytest.mark.parametrize("size", [0, 1, 4095, 70_000, 300_000])
def test_a_file_is_read_whole(size: int, tmp_path: Path) -> None:
    path = tmp_path / "f.proto"
    data = os.urandom(size)
    path.write_bytes(data)
    read, status = read_path(str(path))
    assert read == data
    assert status == marks(path.stat())


@pytest.mark.parametrize("told", [0, 10, 69_999])
def test_a_file_longer_than_its_status_told_is_read_to_its_end(told: int, tmp_path: Path) -> None:
    path = tmp_path / "grown"
    data = os.urandom(200_000)
    path.write_bytes(data)
    descriptor = os.open(path, os.O_RDONLY)
    try:
        assert read_descriptor(descriptor, told) == data
    finally:
        os.close(descriptor)


def test_short_reads_are_read_on_to_the_end() -> None:
    """A pipe gives what was written so far: each read may be short."""
    reader, writer = os.pipe()
    chunks = [os.urandom(1000 * (index + 1)) for index in range(40)]

    def write() -> None:
        for chunk in chunks:
            os.write(writer, chunk)
        os.close(writer)

    thread = threading.Thread(target=write)
    thread.start()
    try:
        assert read_descriptor(reader, 10) == b"".join(chunks)
    finally:
        thread.join()
        os.close(reader)
