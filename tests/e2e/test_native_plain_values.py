"""The issue's call, `completion(model_uri=..., completion_options={...}, messages=[{...}])`, on
the committed `ai_studio` package: it reaches local gRPC and grpc-gateway servers as the same
request the message classes build, sync and async, and type-checks under `mypy --strict`. Also
the `AI_STUDIO_*_ENDPOINT` variables that point the native services elsewhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ai_studio import AIStudio
from ai_studio.native import AsyncClient as AsyncNativeClient
from ai_studio.native import Client as NativeClient
from ai_studio.native import RequestValueError
from ai_studio.native._grpc._endpoints import endpoints_from_env
from ai_studio.native.foundation_models import CompletionOptions, CompletionRequest, Message
from google.protobuf.wrappers_pb2 import DoubleValue, Int64Value

from tests.e2e import test_native_group as group
from tests.e2e.native_servers import GENERATED_TEXT, Backend, Gateway
from tests.support.paths import GENERATED

# the servers and clients of test_native_group: gRPC and REST, sync and async
backend, grpc_endpoint, gateway = group.backend, group.grpc_endpoint, group.gateway
transport, endpoint, native, anative = group.transport, group.endpoint, group.native, group.anative
GPT = group.GPT

EXPECTED = CompletionRequest(
    model_uri=GPT,
    completion_options=CompletionOptions(temperature=DoubleValue(value=0.3), max_tokens=Int64Value(value=200)),
    messages=[Message(role="user", text="Hi")],
)


def test_completion_with_plain_values(native: NativeClient, backend: Backend) -> None:
    parts = list(
        native.foundation_models.text_generation.completion(
            model_uri=GPT,
            completion_options={"temperature": 0.3, "max_tokens": 200},
            messages=[{"role": "user", "text": "Hi"}],
        )
    )
    assert parts[-1].alternatives[0].message.text == GENERATED_TEXT
    assert backend.calls[0].request == EXPECTED


async def test_async_completion_with_plain_values(anative: AsyncNativeClient, backend: Backend) -> None:
    stream = anative.foundation_models.text_generation.completion(
        model_uri=GPT,
        completion_options={"temperature": 0.3, "max_tokens": 200},
        messages=[{"role": "user", "text": "Hi"}],
    )
    parts = [part async for part in stream]
    assert parts[-1].alternatives[0].message.text == GENERATED_TEXT
    assert backend.calls[0].request == EXPECTED


def test_wrapper_argument_takes_a_plain_bool(native: NativeClient, backend: Backend) -> None:
    list(native.foundation_models.text_generation.completion(model_uri=GPT, parallel_tool_calls=False))
    request: Any = backend.calls[0].request
    assert request.HasField("parallel_tool_calls") and request.parallel_tool_calls.value is False


def test_a_wrong_value_names_its_field(native: NativeClient, backend: Backend) -> None:
    with pytest.raises(RequestValueError, match=r"^completion_options\.max_tokens: expected int, got str$"):
        native.foundation_models.text_generation.completion(
            model_uri=GPT, completion_options={"max_tokens": "200"}
        )
    assert backend.calls == []


SNIPPET = """
from ai_studio import AIStudio

client = AIStudio(api_key="k", folder_id="f")
for part in client.native.foundation_models.text_generation.completion(
    model_uri="gpt://f/yandexgpt",
    completion_options={"temperature": 0.3, "max_tokens": 200},
    messages=[{"role": "user", "text": "Hi"}],
):
    text: str = part.alternatives[0].message.text
"""
WRONG = """
client.native.foundation_models.text_generation.completion(
    completion_options={"max_tokens": "200"}, messages=[{"rol": "user"}]
)
"""


def _mypy(script: Path) -> subprocess.CompletedProcess[str]:
    package = GENERATED / "python" / "ai_studio"
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", str(script)],
        cwd=package, capture_output=True, text=True, check=False,
        env={"MYPYPATH": str(package), "PATH": str(Path(sys.executable).parent)},
    )  # fmt: skip


def test_plain_values_type_check_and_wrong_ones_do_not(tmp_path: Path) -> None:
    script = tmp_path / "snippet.py"
    script.write_text(SNIPPET)
    result = _mypy(script)
    assert result.returncode == 0, result.stdout[-3000:]
    script.write_text(SNIPPET + WRONG)
    result = _mypy(script)
    assert result.returncode == 1
    assert result.stdout.count("error:") == 2, result.stdout
    assert '"completion_options"' in result.stdout and '"Message | MessageParams"' in result.stdout


# --- AI_STUDIO_* endpoint variables -----------------------------------------------------------


def test_one_variable_points_every_grpc_service_at_a_server(
    backend: Backend, grpc_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AI_STUDIO_GRPC_ENDPOINT", grpc_endpoint)
    with AIStudio(api_key="k", folder_id="f", insecure=True) as studio:
        studio.native.foundation_models.tokenizer.tokenize(model_uri=GPT, text="a")
    assert [call.rpc for call in backend.calls] == ["TokenizerService/Tokenize"]


def test_a_prefix_variable_wins_over_the_one_for_every_service(
    backend: Backend, grpc_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AI_STUDIO_GRPC_ENDPOINT", "127.0.0.1:1")  # nothing listens there
    monkeypatch.setenv("AI_STUDIO_AI_GRPC_ENDPOINT", grpc_endpoint)
    with AIStudio(api_key="k", folder_id="f", insecure=True) as studio:
        studio.native.foundation_models.tokenizer.tokenize(model_uri=GPT, text="a")
    assert [call.rpc for call in backend.calls] == ["TokenizerService/Tokenize"]


def test_rest_variable_per_prefix(backend: Backend, gateway: Gateway, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AI_STUDIO_FOUNDATION_MODELS_REST_ENDPOINT", gateway.url)
    with AIStudio(api_key="k", folder_id="f", transport="rest") as studio:
        studio.native.foundation_models.tokenizer.tokenize(model_uri=GPT, text="a")
    assert [(call.rpc, call.transport) for call in backend.calls] == [("TokenizerService/Tokenize", "rest")]


def test_endpoint_precedence() -> None:
    builtin = {"a": "a:443", "a.b": "b:443"}
    per_prefix = {"a": "X_A", "a.b": "X_B"}
    assert endpoints_from_env(builtin, "X", per_prefix, {}) == builtin
    assert endpoints_from_env(builtin, "X", per_prefix, {"X": "", "X_A": ""}) == builtin
    assert endpoints_from_env(builtin, "X", per_prefix, {"X": "h:1"}) == {"a": "h:1", "a.b": "h:1", "": "h:1"}
    assert endpoints_from_env(builtin, "X", per_prefix, {"X": "h:1", "X_B": "b:2"}) == {
        "a": "h:1", "a.b": "b:2", "": "h:1",
    }  # fmt: skip
    assert endpoints_from_env(builtin, "", per_prefix, {"X_A": "a:2"}) == {"a": "a:2", "a.b": "b:443"}
