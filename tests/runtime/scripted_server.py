"""A scriptable HTTP/1.1 server on 127.0.0.1 for the runtime tests (stdlib, thread per connection).

A test queues replies per path; a reply can be chunked, delayed, held mid-body until the test
lets it go on, cut short mid-body, or replaced by a connection reset. Keep-alive is on, so tests
can check that connections are reused.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

HOLD_LIMIT = 60.0  # a held reply goes on after this long even if the test never lets it


@dataclass
class Reply:
    """One scripted response."""

    status: int = 200
    body: Any = b""  # bytes, str, or anything JSON-serializable
    headers: dict[str, str] = field(default_factory=dict)
    chunks: list[bytes] | None = None  # sent with Transfer-Encoding: chunked, flushed one by one
    chunk_delay: float = 0.0
    delay: float = 0.0  # before the status line
    cut_after_chunks: int | None = None  # close the connection after this many chunks
    reset: bool = False  # read the request, then reset the connection without answering
    # chunks after the first are sent once the test sets this (at most HOLD_LIMIT s later)
    hold: threading.Event | None = None

    def encoded_body(self) -> tuple[bytes, str]:
        if isinstance(self.body, bytes):
            return self.body, "application/octet-stream"
        if isinstance(self.body, str):
            return self.body.encode(), "text/plain; charset=utf-8"
        return json.dumps(self.body).encode(), "application/json"


@dataclass
class Recorded:
    """One request as the server received it."""

    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes
    client_port: int

    def json(self) -> Any:
        return json.loads(self.body)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # clients that time out or break off are part of the tests, not server failures
        pass


class ScriptedServer:
    def __init__(self) -> None:
        self._replies: dict[tuple[str, str], deque[Reply]] = defaultdict(deque)
        self._handlers: dict[tuple[str, str], Callable[[Recorded], Reply]] = {}
        self._last: dict[tuple[str, str], Reply] = {}
        self._lock = threading.Lock()
        self.requests: list[Recorded] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, port: int = 0) -> None:
        self._httpd = _QuietServer(("127.0.0.1", port), _make_handler(self))
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def reply(self, method: str, path: str, *replies: Reply) -> None:
        """Queue replies for METHOD path, used in order; once drained, the last one served repeats."""
        with self._lock:
            self._replies[(method, path)].extend(replies)

    def handle_with(self, method: str, path: str, handler: Callable[[Recorded], Reply]) -> None:
        self._handlers[(method, path)] = handler

    def requests_to(self, path: str) -> list[Recorded]:
        return [request for request in self.requests if request.path == path]

    def _next_reply(self, request: Recorded) -> Reply:
        key = (request.method, request.path)
        with self._lock:
            self.requests.append(request)
            handler = self._handlers.get(key)
            if handler is None:
                queue = self._replies.get(key)
                if queue:
                    self._last[key] = queue.popleft()
                last = self._last.get(key)
                if last is None:
                    return Reply(status=404, body={"error": {"message": f"no reply for {key}"}})
                return last
        return handler(request)


def _make_handler(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 10

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def setup(self) -> None:
            super().setup()
            # without this, Nagle + delayed ACK add 40 ms to every keep-alive request
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def _read_body(self) -> bytes:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                parts = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                    if size == 0:
                        self.rfile.readline()
                        return b"".join(parts)
                    parts.append(self.rfile.read(size))
                    self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def _handle(self) -> None:
            split = urlsplit(self.path)
            request = Recorded(
                method=self.command,
                path=split.path,
                query=parse_qsl(split.query, keep_blank_values=True),
                headers={name.lower(): value for name, value in self.headers.items()},
                body=self._read_body(),
                client_port=self.client_address[1],
            )
            reply = server._next_reply(request)
            try:
                self._send(reply)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def _reset(self) -> None:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()

        def _send(self, reply: Reply) -> None:
            if reply.delay:
                time.sleep(reply.delay)
            if reply.reset:
                self._reset()
                return
            self.send_response(reply.status)
            if reply.chunks is None:
                body, content_type = reply.encoded_body()
                headers = {"Content-Type": content_type, **reply.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()
                return
            headers = {"Content-Type": "text/event-stream", **reply.headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for index, chunk in enumerate(reply.chunks):
                if reply.cut_after_chunks is not None and index >= reply.cut_after_chunks:
                    self.wfile.flush()
                    self._reset()
                    return
                if index == 1 and reply.hold is not None:
                    reply.hold.wait(HOLD_LIMIT)
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.flush()
                if reply.chunk_delay:
                    time.sleep(reply.chunk_delay)
            if reply.cut_after_chunks is not None:
                self.wfile.flush()
                self._reset()
                return
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _handle

    return Handler


def free_port() -> int:
    """A port nothing listens on (connections to it are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def sse(*events: str, done: bool = True) -> list[bytes]:
    """SSE chunks, one `data:` event per chunk, then `data: [DONE]`."""
    chunks = [f"data: {event}\n\n".encode() for event in events]
    if done:
        chunks.append(b"data: [DONE]\n\n")
    return chunks
