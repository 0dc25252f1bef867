"""The one retry table (`_runtime/_retries.py`), shared by REST, proto-REST, gRPC and WebSocket,
tested once: what each failure is called, whether it is repeated, how long to wait."""

from __future__ import annotations

import time
from email.utils import formatdate
from types import SimpleNamespace

import pytest

# (what failed, how the transport names it) -> (outcome, retried for any call, for idempotent)
CASES = [
    ("http 429", ("status", 429), "REJECTED", True, True),
    ("http 503", ("status", 503), "REJECTED", True, True),
    ("http 408", ("status", 408), "FAILED", False, True),
    ("http 500", ("status", 500), "FAILED", False, True),
    ("http 502", ("status", 502), "FAILED", False, True),
    ("http 504", ("status", 504), "FAILED", False, True),
    ("http 501", ("status", 501), "FINAL", False, False),
    ("http 400", ("status", 400), "FINAL", False, False),
    ("http 401", ("status", 401), "FINAL", False, False),
    ("http 409", ("status", 409), "FINAL", False, False),
    ("refused", ("error", "ConnectError"), "NOT_SENT", True, True),
    ("connect timeout", ("error", "ConnectTimeout"), "NOT_SENT", True, True),
    ("pool timeout", ("error", "PoolTimeout"), "NOT_SENT", True, True),
    ("read timeout", ("error", "ReadTimeout"), "FAILED", False, True),
    ("reset mid-call", ("error", "ReadError"), "FAILED", False, True),
    ("cut body", ("error", "RemoteProtocolError"), "FAILED", False, True),
    ("redirect loop", ("error", "TooManyRedirects"), "FINAL", False, False),
    ("websocket refused", ("oserror", None), "NOT_SENT", True, True),
    ("grpc exhausted", ("grpc", ("RESOURCE_EXHAUSTED", "quota")), "REJECTED", True, True),
    (
        "grpc own size limit",
        ("grpc", ("RESOURCE_EXHAUSTED", "Received message larger than max (5 vs. 4)")),
        "FINAL",
        False,
        False,
    ),
    ("grpc unavailable (server)", ("grpc", ("UNAVAILABLE", "restarting")), "REJECTED", True, True),
    (
        "grpc not connected",
        ("grpc", ("UNAVAILABLE", "failed to connect to all addresses; last error")),
        "NOT_SENT",
        True,
        True,
    ),
    ("grpc socket closed", ("grpc", ("UNAVAILABLE", "Socket closed")), "FAILED", False, True),
    ("grpc internal", ("grpc", ("INTERNAL", "boom")), "FAILED", False, True),
    ("grpc deadline", ("grpc", ("DEADLINE_EXCEEDED", "")), "FAILED", False, True),
    ("grpc invalid", ("grpc", ("INVALID_ARGUMENT", "bad")), "FINAL", False, False),
    ("grpc unauthenticated", ("grpc", ("UNAUTHENTICATED", "")), "FINAL", False, False),
]


def outcome_of(rt: SimpleNamespace, kind: str, value: object) -> object:
    import httpx2

    retries = rt.retries
    if kind == "status":
        return retries.status_outcome(value)
    if kind == "error":
        cls = getattr(httpx2, str(value))
        return retries.transport_outcome(cls("x"))
    if kind == "oserror":
        return retries.transport_outcome(ConnectionRefusedError())
    code, details = value  # type: ignore[misc]
    return retries.grpc_outcome(code, details)


@pytest.mark.parametrize(
    "name, failure, outcome, any_call, idempotent", CASES, ids=[c[0] for c in CASES]
)
def test_rule_table(
    rt: SimpleNamespace,
    name: str,
    failure: tuple[str, object],
    outcome: str,
    any_call: bool,
    idempotent: bool,
) -> None:
    found = outcome_of(rt, *failure)
    assert found is rt.retries.Outcome[outcome]
    assert rt.retries.retryable(found, False) is any_call
    assert rt.retries.retryable(found, True) is idempotent


def attempts(rt: SimpleNamespace, timeout: float | None, retries: int = 5) -> object:
    return rt.retries.Attempts(
        max_retries=retries, deadline=rt.retries.Deadline(timeout), idempotent=True
    )


def test_backoff_doubles_with_jitter_up_to_the_maximum(rt: SimpleNamespace) -> None:
    for retries_done, ceiling in [
        (0, 0.5),
        (1, 1.0),
        (2, 2.0),
        (3, 4.0),
        (4, 8.0),
        (9, 8.0),
        (999, 8.0),
    ]:
        value = rt.retries.backoff(retries_done, 0.5, 8.0)
        assert 0.75 * ceiling <= value <= ceiling


def test_retry_after_forms(rt: SimpleNamespace) -> None:
    wait = rt.retries.requested_wait
    in_30s = formatdate(time.time() + 30, usegmt=True)
    assert 28 <= wait({"retry-after": in_30s}) <= 30
    assert wait({"retry-after": "2"}) == 2.0
    assert wait({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert wait({"retry-after": "soon"}) is None
    assert wait({"retry-after": "-5"}) == 0.0
    assert wait(None) is None


def test_long_retry_after_is_capped_without_deadline_and_refused_with_one(
    rt: SimpleNamespace,
) -> None:
    rejected = rt.retries.Outcome.REJECTED
    assert (
        attempts(rt, None).after(rejected, {"retry-after": "100000"}) == rt.retries.MAX_RETRY_AFTER
    )
    assert attempts(rt, 2.0).after(rejected, {"retry-after": "100000"}) is None  # give up now
    assert attempts(rt, 2.0).after(rejected, {"retry-after": "1"}) == 1.0


def test_attempts_count_and_stop(rt: SimpleNamespace) -> None:
    state = attempts(rt, None, retries=2)
    failed = rt.retries.Outcome.FAILED
    assert state.after(failed) is not None and state.number == 1
    assert state.after(failed) is not None and state.number == 2
    assert state.after(failed) is None
    state = rt.retries.Attempts(max_retries=3, deadline=rt.retries.Deadline(None), idempotent=False)
    assert state.after(failed) is None
    assert state.after(rt.retries.Outcome.NOT_SENT) is not None
