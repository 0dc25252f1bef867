"""Lines out of a byte stream in linear time, with a bound on the length of one line.

A partial line is kept as a list of pieces and joined once, when its end arrives, so a line
of n bytes fed in k chunks costs O(n), not O(n * k) as `buffer + chunk` would.
"""

from __future__ import annotations

from ._errors import ResponseTooLargeError

__all__ = ["DEFAULT_MAX_LINE_BYTES", "LineSplitter"]

DEFAULT_MAX_LINE_BYTES = 256 * 1024 * 1024  # one SSE line / event or NDJSON line: 256 MiB


class LineSplitter:
    """`feed(chunk)` returns the lines completed by `chunk` (without their line ends).

    `universal`: CRLF, LF and CR end a line (SSE); otherwise only LF does (NDJSON).
    """

    __slots__ = ("_limit", "_pending", "_pending_cr", "_size", "_universal")

    def __init__(self, *, universal: bool, limit: int = DEFAULT_MAX_LINE_BYTES) -> None:
        self._universal = universal
        self._limit = limit
        self._pending: list[bytes] = []
        self._size = 0
        self._pending_cr = False

    def feed(self, chunk: bytes) -> list[bytes]:
        if self._pending_cr:
            self._pending_cr = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
        if not chunk:
            return []
        if b"\n" not in chunk and not (self._universal and b"\r" in chunk):
            self._keep(chunk)
            return []
        lines = chunk.splitlines() if self._universal else chunk.split(b"\n")
        last = chunk[-1]
        if not self._universal:
            rest = lines.pop()  # b"" when the chunk ended with LF
        elif last == 13:  # a CR at the end may be the first half of a CRLF
            self._pending_cr = True
            rest = b""
        elif last != 10:
            rest = lines.pop()
        else:
            rest = b""
        if self._pending:
            self._check(self._size + len(lines[0]))
            lines[0] = b"".join((*self._pending, lines[0]))
            self._pending = []
            self._size = 0
        for line in lines:
            self._check(len(line))
        if rest:
            self._keep(rest)
        return lines

    def flush(self) -> bytes:
        """The last line, when the stream ended without a line end."""
        rest = b"".join(self._pending)
        self._pending = []
        self._size = 0
        return rest

    def _keep(self, piece: bytes) -> None:
        self._size += len(piece)
        self._check(self._size)
        self._pending.append(piece)

    def _check(self, size: int) -> None:
        if size > self._limit:
            raise ResponseTooLargeError(
                f"A line of the stream is longer than max_line_bytes={self._limit}", limit=self._limit
            )
