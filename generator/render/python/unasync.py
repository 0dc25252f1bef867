"""Sync twins of async runtime code: the async code is the one source, its sync twin is derived.

A runtime template marks the async code that has a sync twin:

    # unasync: begin
    class AsyncPager(...):
        async def pages(self) -> AsyncIterator[PageT]: ...
    # unasync: end

`expand` replaces each marked region by its sync twin followed by the async code itself, so a
fix made once in the async code lands in both. The twin is made by token rules (like httpcore's
`unasync`): `async def`/`async with`/`async for` lose `async`, `await ` goes, and every name of
`NAMES` is replaced whole-word. Where the two really differ, a line of the async code may end
with `# unasync: async only` (left out of the twin; when it is an `async with` or `async for`
that only the async code needs, such as `async with async_deadline(...):`, its body moves out
one level), and a comment line
`# unasync: sync: CODE` stands for the line CODE in the twin only. A name that looks asynchronous (`Async...`, `async_`,
`aclose`, `asyncio`, `await`, ...) left in a twin is an error naming the template and line, so
a new async name is added to the table here, reviewed, not silently copied.
"""

from __future__ import annotations

import re

BEGIN = "# unasync: begin"
END = "# unasync: end"
ASYNC_ONLY = "# unasync: async only"
SYNC_LINE = "# unasync: sync: "
INDENT = 4

# async name -> sync name, replaced as whole words inside marked regions (and their docstrings).
NAMES: dict[str, str] = {
    # the standard library and typing
    "AsyncIterator": "Iterator",
    "AsyncIterable": "Iterable",
    "AsyncGenerator": "Generator",
    "StopAsyncIteration": "StopIteration",
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
    "asyncio.sleep": "time.sleep",
    "aclose": "close",
    "anext": "next",
    "aiter_raw": "iter_raw",
    "aiter_bytes": "iter_bytes",
    "grpc.aio.Channel": "grpc.Channel",
    "grpc.aio.secure_channel": "grpc.secure_channel",
    "grpc.aio.insecure_channel": "grpc.insecure_channel",
    "httpx2.AsyncClient": "httpx2.Client",
    # the runtime's own pairs
    "AsyncAPIClient": "SyncAPIClient",
    "AsyncAPIResponse": "APIResponse",
    "AsyncBinaryResponse": "BinaryResponse",
    "AsyncBidiCall": "BidiCall",
    "AsyncClientStreamCall": "ClientStreamCall",
    "AsyncGrpcTransport": "GrpcTransport",
    "AsyncOperation": "Operation",
    "AsyncOperationCall": "OperationCall",
    "AsyncPage": "SyncPage",
    "AsyncPager": "Pager",
    "AsyncPoller": "Poller",
    "AsyncRestTransport": "RestTransport",
    "AsyncStream": "Stream",
    "AsyncStreamCall": "StreamCall",
    "AsyncTokenProvider": "TokenProvider",
    "AsyncTokenSource": "TokenSource",
    "AsyncRequests": "Requests",
    "_aiterate": "_iterate",
    "_aitems_from": "_items_from",
    "AsyncTransport": "Transport",
    "AsyncUnaryCall": "UnaryCall",
    "aread_body": "read_body",
    "_sleep": "time.sleep",
    "make_async_transport": "make_transport",
    "async_fetch_page": "fetch_page",
}

_KEYWORDS = re.compile(r"\basync (?=(?:def|with|for)\b)|\bawait ")
# One group between the word-boundary checks (not the checks in every alternative): a position
# inside a word is rejected once instead of once per name, and the names are tried only where
# one may start (every run derives the runtime's twins: 45 ms of a 0.5 s run before, 8 ms now).
_NAMES = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(name) for name in sorted(NAMES, key=len, reverse=True))  # longest first
    + r")(?!\w)"
)
# what must not survive in a sync twin
_LEFTOVER = re.compile(r"(?<![A-Za-z0-9])(?:Async|async|await|aclose|aread|aiter|anext|aenter|aexit)\w*")


class UnasyncError(ValueError):
    """A malformed region or an async name without a sync counterpart (a template bug)."""


def unasync_line(line: str) -> str:
    """The sync form of one line of async code."""
    line = _KEYWORDS.sub("", line)
    return _NAMES.sub(lambda match: NAMES[match.group(0)], line)


def expand(text: str, source: str) -> str:
    """`text` with every marked region replaced by its sync twin and then its async code."""
    if BEGIN not in text and END not in text:
        return text  # (most runtime files have no region: not walked line by line every run)
    out: list[str] = []
    region: list[tuple[int, str]] | None = None
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        stripped = line.strip()
        if stripped == BEGIN:
            if region is not None:
                raise UnasyncError(f"{source}:{number}: `{BEGIN}` inside a region")
            region = []
        elif stripped == END:
            if region is None:
                raise UnasyncError(f"{source}:{number}: `{END}` without `{BEGIN}`")
            out.extend(_twin(region, source))
            out.append("\n\n")
            out.extend(_async_code(region))
            region = None
        elif region is not None:
            region.append((number, line))
        else:
            out.append(line)
    if region is not None:
        raise UnasyncError(f"{source}: `{BEGIN}` without `{END}`")
    return "".join(out)


def _twin(region: list[tuple[int, str]], source: str) -> list[str]:
    lines = []
    block: int | None = None  # the indent of an async-only `with`/`for` whose body moves out
    for number, line in region:
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if block is not None:
            if stripped and indent <= block:
                block = None
            else:
                line = line[INDENT:] if line.startswith(" " * (block + INDENT)) else line
                stripped = line.lstrip()
        if line.rstrip().endswith(ASYNC_ONLY):
            if stripped.startswith(("async with ", "async for ")):
                block = indent
            continue
        if stripped.startswith(SYNC_LINE):
            lines.append(line[: len(line) - len(stripped)] + stripped[len(SYNC_LINE) :])
            continue
        sync = unasync_line(line)
        leftover = _LEFTOVER.search(sync)
        if leftover:
            raise UnasyncError(
                f"{source}:{number}: `{leftover.group(0)}` has no sync counterpart; add it to "
                "generator/render/python/unasync.py NAMES or mark the line `# unasync: async only`"
            )
        lines.append(sync)
    return lines


def _async_code(region: list[tuple[int, str]]) -> list[str]:
    lines = []
    for _, line in region:
        if line.lstrip().startswith(SYNC_LINE):
            continue
        if line.rstrip().endswith(ASYNC_ONLY):
            line = line.rstrip()[: -len(ASYNC_ONLY)].rstrip() + "\n"
        lines.append(line)
    return lines
