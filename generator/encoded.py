"""An output file's text held as its UTF-8 bytes, in pieces: what a renderer may give instead of
a `str` for a large file assembled from kept parts (the IR snapshot of a large API: tens of MB
from thousands of encoded operations and types, `generator.ir.serialize.Fragments`).

A regeneration that changed one type takes every other part as the bytes the last run kept: the
file is hashed, compared and written from those pieces, never joined, decoded or encoded again.
Renderers that do not need this give `str`; the writers take either (`Text`).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.cache_files import TakenEntryDamaged

Piece = bytes | memoryview  # (a piece kept in a cache file may be a view of the mapped file)


def is_piece(value: object) -> bool:
    """Whether `value` is a `Piece` (exactly: bytes or a view of them)."""
    return type(value) is bytes or type(value) is memoryview

PIECES_PER_WRITE = 1024  # pieces handed to one `os.writev` (Linux takes at most 1,024)


class Encoded:
    """A text as the UTF-8 bytes of its pieces, in order; `len` is its size in bytes."""

    __slots__ = ("pieces", "size")

    def __init__(self, pieces: tuple[Piece, ...]) -> None:
        self.pieces = pieces
        self.size = sum(map(len, pieces))

    def __len__(self) -> int:
        return self.size

    def text(self) -> str:
        """The text itself (for readers of its content: the changes report, custom code's
        checks). Pieces kept in a cache are not checked as UTF-8 when taken (that would touch
        every byte the pass-through saves): bytes that are none are a damaged entry."""
        try:
            return b"".join(self.pieces).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TakenEntryDamaged(f"a kept text is no UTF-8 ({exc.reason})") from exc

    def batches(self) -> Iterator[tuple[Piece, ...]]:
        """The pieces, `PIECES_PER_WRITE` at a time."""
        pieces = self.pieces
        for start in range(0, len(pieces), PIECES_PER_WRITE):
            yield pieces[start : start + PIECES_PER_WRITE]


Text = str | Encoded  # an output file's text, as a renderer gives it


def as_str(text: Text) -> str:
    return text if isinstance(text, str) else text.text()
