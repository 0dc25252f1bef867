"""The retry rule and the per-method facts behind it, as pure functions.

The renderer decides idempotency and paging (generator/render/python/grpc/calls.py); the runtime's
`_retry_policy` decides, per failure, whether and when to try again.
"""

from __future__ import annotations

import importlib
import re
import time
import uuid
from pathlib import Path
from types import ModuleType

import grpc
import pytest

from generator.ir.model import HttpBinding, Name, Operation, RpcBinding
from generator.ir.words import split_words
from generator.render.python.grpc.calls import is_idempotent, pager_names
from tests.support.timing import SLACK
from tests.support.tokens import Peeking

CONNECT_FAILURE = (
    "failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:1: "
    "Failed to connect to remote host: Connection refused"
)


def rpc_op(
    method: str, verb: str = "", *, client_streaming: bool = False, declared: bool = False
) -> Operation:
    bindings = (HttpBinding(method=verb, path="/x"),) if verb else ()
    return Operation(
        id=f"/p.S/{method}",
        name=Name(method, tuple(split_words(method))),
        group=(),
        idempotent=declared,
        rpc=RpcBinding(
            service="p.S", method=method, request_type="p.Req", response_type="p.Resp",
            client_streaming=client_streaming, http=bindings,
        ),
    )  # fmt: skip


def test_reads_are_idempotent() -> None:
    assert is_idempotent(rpc_op("Get", "GET"))
    assert is_idempotent(rpc_op("Cancel", "GET"))  # the binding decides, not the name
    assert not is_idempotent(rpc_op("GetStats", "POST"))
    assert not is_idempotent(rpc_op("Completion", "POST"))
    assert is_idempotent(rpc_op("Tokenize", "POST", declared=True))  # idempotency_level
    # without a binding, the name decides: Get / List / Describe as its first word
    assert is_idempotent(rpc_op("Describe"))
    assert is_idempotent(rpc_op("ListTuningTasks"))
    assert is_idempotent(rpc_op("GetOptions"))
    assert not is_idempotent(rpc_op("Listen"))
    assert not is_idempotent(rpc_op("Getaway"))
    assert not is_idempotent(rpc_op("CreateDraft"))
    assert not is_idempotent(rpc_op("GetStream", client_streaming=True))


def test_pager_names() -> None:
    names = ["get", "list", "list_operations", "search", "list_all"]
    paged = [False, True, True, True, False]
    assert pager_names(names, paged) == ["", "list_all_2", "list_all_operations", "search_all", ""]
    assert pager_names(["list"], [True]) == ["list_all"]


def test_generated_methods_carry_idempotency_as_data(generated_root: Path) -> None:
    folder = generated_root / "python" / "cloudapi_client" / "cloudapi_client"
    files = (folder / "files" / "_file_service.py").read_text()
    flagged = set(re.findall(r"^(\w+) = Method\((?:(?!\n\)).)*idempotent=True", files, re.M | re.S))
    assert flagged == {"GET", "GET_URL", "LIST"}
    generation = (folder / "foundation_models" / "_text_generation_service.py").read_text()
    assert "idempotent=True" not in generation
    assert "def list_all(" in files and "Pager[ListFilesResponse, File]" in files


# --- the runtime's rule ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def policy(client_package: ModuleType) -> ModuleType:
    return importlib.import_module(f"{client_package.__name__}._grpc._retry_policy")


def test_proto_calls_use_the_shared_rule_table(policy: ModuleType) -> None:
    """The table itself is tested once, in tests/runtime/test_retry_rules.py."""
    shared = importlib.import_module(policy.__name__.rsplit("._grpc.", 1)[0] + "._runtime._retries")
    assert shared.grpc_outcome is policy.grpc_outcome and shared.Deadline is policy.Deadline
    rule = policy.RetryPolicy()
    assert (rule.max_retries, rule.initial_delay, rule.max_delay) == (2, 0.5, 8.0)
    assert dict(rule.channel_options()) == {
        "grpc.initial_reconnect_backoff_ms": 500, "grpc.max_reconnect_backoff_ms": 8000,
    }  # fmt: skip


class _Error(grpc.RpcError):
    def __init__(self, code: grpc.StatusCode, details: str, trailing: tuple[tuple[str, str], ...] = ()) -> None:
        self._code, self._details, self._trailing = code, details, trailing

    def code(self) -> grpc.StatusCode:
        return self._code

    def details(self) -> str:
        return self._details

    def trailing_metadata(self) -> tuple[tuple[str, str], ...]:
        return self._trailing


def test_attempts_count_keep_one_id_and_respect_the_deadline(client_package: ModuleType, policy: ModuleType) -> None:
    methods = importlib.import_module(f"{client_package.__name__}._grpc._methods")
    files = importlib.import_module(f"{client_package.__name__}._pb.yandex.cloud.ai.files.v1.file_service_pb2")
    read = methods.Method("/p.S/Get", files.GetFileRequest, files.GetFileRequest, package="p", idempotent=True)
    write = methods.Method("/p.S/Create", files.GetFileRequest, files.GetFileRequest, package="p")
    fast = policy.RetryPolicy(max_retries=2, initial_delay=0.001, max_delay=0.002)
    unavailable = _Error(grpc.StatusCode.UNAVAILABLE, "Socket closed")  # broken mid-call

    attempts = policy.Attempts(fast, read, None, None, None)
    first = dict(attempts.metadata((("a", "1"),)))
    assert first["a"] == "1" and first["x-retry-attempt"] == "0" and "idempotency-key" not in first
    assert attempts.after_grpc_error(unavailable) is not None
    assert attempts.after_grpc_error(unavailable) is not None
    assert attempts.after_grpc_error(unavailable) is None  # max_retries used up
    third = dict(attempts.metadata(()))
    assert third["x-retry-attempt"] == "2" and third["x-client-request-id"] == first["x-client-request-id"]
    assert attempts.timeout() is None

    assert policy.Attempts(fast, write, None, None, None).after_grpc_error(unavailable) is None
    keyed = policy.Attempts(fast, write, None, None, "k-1")
    assert dict(keyed.metadata(()))["idempotency-key"] == "k-1"
    assert keyed.after_grpc_error(unavailable) is not None
    assert policy.Attempts(fast, read, None, 0, None).after_grpc_error(unavailable) is None

    waiting = _Error(grpc.StatusCode.RESOURCE_EXHAUSTED, "quota", (("retry-after-ms", "40"),))
    assert policy.Attempts(fast, write, 60.0, None, None).after_grpc_error(waiting) == 0.04
    assert policy.Attempts(fast, write, 0.02, None, None).after_grpc_error(waiting) is None  # past the deadline
    timed = policy.Attempts(fast, read, 60.0, None, None)
    remaining = timed.timeout()
    assert remaining is not None and 60.0 - SLACK < remaining <= 60.0
    time.sleep(0.01)
    assert timed.timeout() < remaining  # type: ignore[operator]


def test_token_cache(client_package: ModuleType) -> None:
    auth = importlib.import_module(f"{client_package.__name__}._grpc._auth")
    calls: list[float] = []

    def provider() -> tuple[str, float]:
        calls.append(time.time())
        return f"t{len(calls)}", time.time() + 3600

    source = auth.TokenSource(provider)
    assert source.pair() == ("authorization", "Bearer t1") == source.pair()
    assert len(calls) == 1
    assert "t1" not in repr(source)
    asked: list[int] = []

    def soon() -> tuple[str, float]:
        asked.append(1)
        return "soon", time.time() + 59

    expiring = auth.TokenSource(soon)
    expiring.pair()
    expiring.pair()  # expires within the 60 s margin: asked again
    assert len(asked) == 2
    plain = iter(["a", "b"])
    every_call = auth.TokenSource(lambda: next(plain))
    assert [every_call.pair()[1], every_call.pair()[1]] == ["Bearer a", "Bearer b"]


def test_token_renewal_never_pairs_the_old_token_with_the_new_expiry(client_package: ModuleType) -> None:
    auth = importlib.import_module(f"{client_package.__name__}._grpc._auth")
    new = Peeking("t-new-2")
    results = iter([("t-old-1", time.time() + 30), (new, time.time() + 3600)])
    source = auth.TokenSource(lambda: next(results))
    seen: list[object] = []
    new.peek = lambda: seen.append(source.cached())
    assert source.pair()[1] == "Bearer t-old-1"  # within the 60 s margin: renewed next
    assert source.pair()[1] == "Bearer t-new-2"
    assert seen and set(seen) == {None}  # mid-renewal: no token, never the old one as fresh


def test_docs_explain_retries_tokens_and_pages(generated_root: Path) -> None:
    docs = generated_root / "docs" / "cloudapi_client"
    index = (docs / "index.md").read_text()
    assert "## Pagination" in index
    errors = (docs / "errors-and-retries.md").read_text()
    for text in ("## Retries and deadlines", "x-client-request-id", "## Errors"):
        assert text in errors, text
    sign_in = (docs / "sign-in.md").read_text()
    assert "# Sign-in" in sign_in and "token_provider=" in sign_in
    for page in ("sign-in.md", "errors-and-retries.md", "messages.md"):
        assert f"]({page})" in index, page
    files = (docs / "files" / "file.md").read_text()
    assert "for item in client.files.file.list_all(folder_id=" in files
    assert "async for item in client.files.file.list_all(" in files
    assert files.count("> Retries: safe to repeat") == 3  # get, get_url, list
    generation = (docs / "foundation_models" / "text_generation.md").read_text()
    assert "> Retries: not idempotent" in generation and "idempotency_key=" in generation


def test_request_ids_are_uuid4(policy: ModuleType) -> None:
    ids = {policy.request_id() for _ in range(2000)}
    assert len(ids) == 2000
    for value in ids:
        parsed = uuid.UUID(value)
        assert str(parsed) == value and parsed.version == 4 and parsed.variant == uuid.RFC_4122
