"""The REST runtime against servers that misbehave: bombs, drips, long waits, odd redirects."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.runtime.scripted_server import Reply, ScriptedServer
from tests.support.timing import SLACK

FAST = {"initial_retry_delay": 0.02, "max_retry_delay": 0.05}


def drip() -> Reply:
    """A JSON body sent one byte each 0.4 s: every read is quick, the whole body takes 24 s."""
    return Reply(chunks=[b"{"] + [b" "] * 60 + [b"}"], chunk_delay=0.4)


@pytest.fixture
def client(rt: SimpleNamespace, server: ScriptedServer) -> Iterator[Any]:
    with rt.base_client.SyncAPIClient(base_url=server.url, api_key="sk-faults-1", **FAST) as c:
        yield c


def warm_up(server: ScriptedServer, client: Any) -> None:
    """One call first: the client's one-time transport set-up is not part of a call's deadline."""
    server.reply("GET", "/warm", Reply(body={}))
    client.request("GET", "/warm", cast_to=dict)


def drip_ends_in_time(rt: SimpleNamespace, client: Any, timeout: float) -> bool:
    """Whether a sync call to /drip raised APITimeoutError within `timeout` (+ SLACK) seconds."""
    started = time.monotonic()
    try:
        client.request("GET", "/drip", cast_to=dict, options=rt.types.make_options(timeout=timeout))
    except rt.errors.APITimeoutError:
        return time.monotonic() - started < timeout + SLACK
    return False


def test_dripping_body_ends_at_the_deadline(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("GET", "/drip", drip())
    warm_up(server, client)
    assert drip_ends_in_time(rt, client, 2)


async def test_async_dripping_body_ends_at_the_deadline(
    rt: SimpleNamespace, server: ScriptedServer
) -> None:
    server.reply("GET", "/drip", drip())
    server.reply("GET", "/warm", Reply(body={}))
    async with rt.base_client.AsyncAPIClient(base_url=server.url, timeout=2, **FAST) as client:
        await client.request("GET", "/warm", cast_to=dict)  # the transport is set up once, before
        started = time.monotonic()
        with pytest.raises(rt.errors.APITimeoutError):
            await client.request("GET", "/drip", cast_to=dict)
    assert time.monotonic() - started < 2 + SLACK


def test_a_forked_child_still_ends_a_dripping_body_at_the_deadline(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    # the parent's call starts the watchdog's thread; a fork copies the watchdog, not its thread
    server.reply("GET", "/drip", drip())
    warm_up(server, client)
    child = os.fork()
    if child == 0:  # the child reports by its exit code: 0 = timed out in time
        code = 1
        try:
            code = 0 if drip_ends_in_time(rt, client, 1) else 1
        finally:
            os._exit(code)
    given_up = time.monotonic() + 1 + SLACK + 30  # the drip takes 24 s: a child that hangs fails
    while True:
        done, status = os.waitpid(child, os.WNOHANG)
        if done or time.monotonic() > given_up:
            break
        time.sleep(0.05)
    if not done:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    assert done and os.waitstatus_to_exitcode(status) == 0  # 1: the drip ran to its end


@pytest.fixture
def watchdog(rt: SimpleNamespace, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A deadline watchdog of the test's own (the process's one is shared by every test)."""
    fresh = rt.receive._Watchdog()
    monkeypatch.setattr(rt.receive, "_WATCHDOG", fresh)
    return fresh


CALLS_IN_SEQUENCE = 100


def test_the_watchdog_sleeps_through_calls_in_sequence(
    rt: SimpleNamespace, server: ScriptedServer, client: Any, watchdog: Any
) -> None:
    # every call with a deadline is watched, but the watchdog's thread need only wake when a
    # deadline comes due: woken once per call (a thread switch and a GIL hand-over each time),
    # it made a sync call 30 % dearer than raw httpx2
    server.reply("GET", "/quick", Reply(body={}))
    for _ in range(CALLS_IN_SEQUENCE):
        client.request("GET", "/quick", cast_to=dict)
    assert watchdog.wakeups == 0
    assert len(watchdog._heap) <= 1


def test_the_watchdog_forgets_calls_that_end_out_of_order(
    rt: SimpleNamespace, watchdog: Any
) -> None:
    # calls overlapping in threads: the earlier call ends first, so its entry is not the heap's
    # last; cancelled entries are compacted away instead of piling up until their deadlines
    far = time.monotonic() + 3600
    left, right = socket.socketpair()
    with left, right:
        previous = watchdog.watch(far, left)
        for offset in range(1, 1000):
            current = watchdog.watch(far + offset, left)
            watchdog.cancel(previous)
            previous = current
            assert len(watchdog._heap) <= rt.receive.COMPACT_FROM
        watchdog.cancel(previous)
    assert watchdog.wakeups == 0  # every deadline came after the first: no reason to wake


def test_an_earlier_deadline_wakes_the_watchdog(rt: SimpleNamespace, watchdog: Any) -> None:
    # the thread sleeps until the earliest deadline it knows of (an hour away here); a call due
    # sooner must wake it, and the blocked read ends when its socket is shut down
    later = time.monotonic() + 3600
    left, right = socket.socketpair()
    with left, right:
        for offset in range(200):
            watchdog.cancel(watchdog.watch(later + offset, left))
        time.sleep(0.2)  # the thread starts and goes to sleep until `later`
        left.settimeout(0.5 + SLACK + 5)  # a watchdog that never fires fails the test, no hang
        started = time.monotonic()
        entry = watchdog.watch(started + 0.5, left)
        assert left.recv(1) == b""  # shut down: the read ends as if the peer had closed
        elapsed = time.monotonic() - started
        watchdog.cancel(entry)
    assert 0.5 <= elapsed < 0.5 + SLACK


def test_retry_after_longer_than_the_time_left_gives_up_at_once(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/busy", Reply(status=429, headers={"Retry-After": "100000"}))
    started = time.monotonic()
    with pytest.raises(rt.errors.RateLimitError):
        client.request(
            "POST", "/busy", cast_to=dict, json_body={}, options=rt.types.make_options(timeout=60)
        )
    assert time.monotonic() - started < SLACK  # waiting up to the deadline: 60 s
    assert len(server.requests_to("/busy")) == 1


HANG = 30.0  # a server delay far past the deadline and its slack


def test_retries_stop_at_the_deadline(rt: SimpleNamespace, server: ScriptedServer) -> None:
    # two quick rejections are retried; the third attempt hangs, with no limit on a read: only
    # the call's deadline can end it
    quick = Reply(status=503)
    server.reply("GET", "/flaky", quick, quick, Reply(status=503, delay=HANG))
    deadline = rt.types.Timeout(1.5, read=None)
    with rt.base_client.SyncAPIClient(
        base_url=server.url, max_retries=100, initial_retry_delay=0.01, max_retry_delay=0.01
    ) as client:
        warm_up(server, client)
        started = time.monotonic()
        with pytest.raises(rt.errors.APITimeoutError):
            client.request(
                "GET", "/flaky", cast_to=dict, options=rt.types.make_options(timeout=deadline)
            )
    elapsed = time.monotonic() - started
    assert len(server.requests_to("/flaky")) == 3
    assert elapsed < 1.5 + SLACK  # without the deadline: the 30 s the server holds the third one


BOMB_LIMIT = 64 * 1024 * 1024
# What a call may hold past the limit: the decoded piece that crossed it (httpx2 inflates at most
# 1 MiB at a time), zlib's output blocks while it builds that piece, and the read buffers
BOMB_TRACED_SLACK = 4 * 1024 * 1024
BOMB_RSS_SLACK = 16 * 1024 * 1024  # and the allocator's own spare pages on top

# Run in a child process of its own, whose memory is measured two ways: the peak of Python's
# allocations during the call (tracemalloc: the same on every run, whatever the load) and the
# growth of the process's resident high-water mark (VmHWM). Not `ru_maxrss`: Linux keeps the
# parent's peak across fork and exec, so under pytest it reported the test runner's size.
BOMB_SCRIPT = """
import asyncio, sys, tracemalloc
sys.path.insert(0, sys.argv[1])
from rtpkg._runtime._base_client import AsyncAPIClient, SyncAPIClient
from rtpkg._runtime._errors import ResponseTooLargeError
LIMIT = int(sys.argv[3])


def high_water():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))


def report(mode, error, started):
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(mode, error.limit, peak, high_water() - started)


with SyncAPIClient(base_url=sys.argv[2], max_response_bytes=LIMIT) as client:
    client.request("GET", "/warm", cast_to=dict)  # the one-time set-up is not part of the call
    started = high_water()
    tracemalloc.start()
    try:
        client.request("GET", "/bomb", cast_to=dict)
    except ResponseTooLargeError as exc:
        report("sync", exc, started)


async def main():
    async with AsyncAPIClient(base_url=sys.argv[2], max_response_bytes=LIMIT) as client:
        await client.request("GET", "/warm", cast_to=dict)
        # `started` stays the level before the sync call: the high-water mark never falls, so the
        # growth printed here bounds both calls (tracemalloc's peak is this call's alone)
        tracemalloc.start()
        try:
            await client.request("GET", "/bomb", cast_to=dict)
        except ResponseTooLargeError as exc:
            report("async", exc, started)


asyncio.run(main())
"""


def test_gzip_bomb_stops_at_max_response_bytes(rt: SimpleNamespace, server: ScriptedServer) -> None:
    # one gzip stream of 2 GiB of zeros: after a full flush the compressor starts afresh, so
    # each further MiB compresses to the same bytes (the stream is cut before its trailer,
    # which a client that respects its limit never reaches)
    mib = b"\0" * (1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    bomb = head + block * 2047
    assert len(bomb) < 3 * 1024 * 1024
    server.reply("GET", "/warm", Reply(body={}))
    server.reply(
        "GET",
        "/bomb",
        Reply(body=bomb, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"}),
    )
    root = str(Path(rt.pkg.__file__).parents[2])
    done = subprocess.run(
        [sys.executable, "-c", BOMB_SCRIPT, root, server.url, str(BOMB_LIMIT)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    measured: dict[str, list[int]] = {}
    for line in done.stdout.splitlines():
        mode, *numbers = line.split()
        measured[mode] = [int(number) for number in numbers]
    assert set(measured) == {"sync", "async"}, done.stdout  # each raised ResponseTooLargeError
    for mode, (limit, traced_peak, rss_growth) in measured.items():
        assert limit == BOMB_LIMIT
        # inflated whole, the bomb is 2 GiB
        assert traced_peak < BOMB_LIMIT + BOMB_TRACED_SLACK, (mode, traced_peak)
        assert rss_growth < BOMB_LIMIT + BOMB_TRACED_SLACK + BOMB_RSS_SLACK, (mode, rss_growth)


def test_post_redirected_by_302_is_not_turned_into_a_get(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/old", Reply(status=302, headers={"Location": "/new"}))
    with pytest.raises(rt.errors.RedirectError) as raised:
        client.request("POST", "/old", cast_to=dict, json_body={"a": 1})
    assert raised.value.location.endswith("/new")
    assert server.requests_to("/new") == []


def test_307_keeps_method_and_body_within_the_origin(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/old", Reply(status=307, headers={"Location": "/new"}))
    server.reply("POST", "/new", Reply(body={"ok": 1}))
    assert client.request("POST", "/old", cast_to=dict, json_body={"a": 1}) == {"ok": 1}
    moved = server.requests_to("/new")[0]
    assert moved.json() == {"a": 1} and moved.headers["authorization"] == "Bearer sk-faults-1"


def test_credentials_never_follow_a_redirect_to_another_host(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    other = ScriptedServer()
    other.start()
    try:
        other.reply("GET", "/elsewhere", Reply(body={"ok": 1}))
        server.reply(
            "GET",
            "/away",
            Reply(
                status=302,
                headers={"Location": other.url.replace("127.0.0.1", "localhost") + "/elsewhere"},
            ),
        )
        assert client.request("GET", "/away", cast_to=dict) == {"ok": 1}
        assert "authorization" not in other.requests[0].headers
        # nor do cookie parameters (they stay with the first origin, like a browser's cookies)
        cookies = {"session": "s-1"}
        assert client.request("GET", "/away", cast_to=dict, cookies=cookies) == {"ok": 1}
        assert server.requests_to("/away")[-1].headers["cookie"] == "session=s-1"
        assert "cookie" not in other.requests[1].headers
    finally:
        other.stop()


def test_redirect_loop_is_our_error(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("GET", "/loop", Reply(status=302, headers={"Location": "/loop"}))
    with pytest.raises(rt.errors.RedirectError):
        client.request("GET", "/loop", cast_to=dict)


def test_deeply_nested_error_body_is_our_error(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply(
        "GET",
        "/deep",
        Reply(
            status=400,
            body="[" * 200_000 + "]" * 200_000,
            headers={"Content-Type": "application/json"},
        ),
    )
    with pytest.raises(rt.errors.BadRequestError):
        client.request("GET", "/deep", cast_to=dict)


def test_empty_200_for_a_model_is_a_validation_error(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("GET", "/empty", Reply(body=b""))
    with pytest.raises(rt.errors.APIResponseValidationError):
        client.request("GET", "/empty", cast_to=dict[str, int])


def test_sse_line_longer_than_the_limit_is_our_error(
    rt: SimpleNamespace, server: ScriptedServer
) -> None:
    server.reply("GET", "/sse", Reply(chunks=[b"data: " + b"x" * 4096] * 64))
    with rt.base_client.SyncAPIClient(base_url=server.url, max_line_bytes=100_000) as client:
        stream = client.request("GET", "/sse", cast_to=None, stream=True)
        with pytest.raises(rt.errors.ResponseTooLargeError):
            list(stream)


def test_sse_long_line_in_many_chunks_is_linear(rt: SimpleNamespace) -> None:
    decoder = rt.streaming.SSEDecoder()
    piece = b"x" * 1024
    decoder.feed(b"data: ")
    for _ in range(20_000):  # 20 MB in 1 KB chunks: quadratic joining would take minutes
        assert decoder.feed(piece) == []
    (event,) = decoder.feed(b"\n\n")
    assert len(event[1]) == 20_000 * 1024
