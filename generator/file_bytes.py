"""A file's bytes, read through its descriptor without a buffered file object (the spec files of
a proto tree are a thousand small files, read every run: a third less CPU than `open().read()`),
and the marks of a file's status that tell whether it changed since (`marks`)."""

from __future__ import annotations

import os

FileRead = tuple[bytes, list[int]]  # a file's bytes and its `marks` when they were read
# What the regeneration key saw of a file: a `FileRead`, or (None, marks) for a file the key knew
# by a digest remembered with those marks (`generator.input_digests`) and did not read
KeySeen = tuple[bytes | None, list[int]]


def read_path(path: str) -> FileRead:
    """The bytes of the file at `path`, and its `marks` as they were when it was read."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(descriptor)
        return read_descriptor(descriptor, status.st_size), marks(status)
    finally:
        os.close(descriptor)


def read_descriptor(descriptor: int, size: int) -> bytes:
    """The bytes of the open file `descriptor`, from where it stands (`size`: the file's size,
    as its status told: one read for a file that still has it)."""
    parts = [os.read(descriptor, size + 1)]
    while parts[-1]:  # (to the end: a file longer than its status told, or a short read)
        parts.append(os.read(descriptor, 1 << 16))  # (small: `os.read` allocates what it asks)
    # one read and the empty one that ends it: the bytes as read, not copied again (a join
    # would copy a 10 MB description: 9 ms of page faults and copying, against 1 ms)
    return parts[0] if len(parts) <= 2 else b"".join(parts)


def marks(status: os.stat_result) -> list[int]:
    """What tells that a file was changed or replaced: its size, modification time, inode and
    change time (which an edit that puts back the size and modification time still moves, and a
    user cannot set)."""
    return [status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns]
