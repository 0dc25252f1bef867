"""The hand-written workflows of `ai_studio` (specs/custom/ai_studio/) against local servers.

Native calls go to a real grpcio server (tests/e2e/native_servers.py); presigned dataset
upload/download URLs and the OpenAI-compatible API go to a real HTTP server on 127.0.0.1.
Every workflow runs sync and async.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pydantic
import pytest
from ai_studio import (
    AIStudio,
    AsyncAIStudio,
    DatasetValidationError,
    ProgressEvent,
    ProgressLine,
    StructuredOutputError,
    ToolArgumentsError,
    Toolset,
    strict_json_schema,
)
from ai_studio._custom.progress import reporter
from ai_studio.native.foundation_models import Message
from ai_studio.native.tuning import TuningMetadata, TuningRequest

from tests.e2e.native_servers import API_KEY, FOLDER, Backend, start_grpc
from tests.e2e.openai_fakes import response_object
from tests.support.http_server import LocalServer, Reply, Request

MODEL = f"gpt://{FOLDER}/yandexgpt/latest"
REQUESTS = ["Столица Франции?", [{"role": "system", "text": "Кратко."}, {"role": "user", "text": "2+2?"}]]
RESULT_PARTS = [
    b'{"request": [{"role": "user", "text": "a"}], "response": {"text": "Paris"}}\n',
    b'\n{"request": [{"role": "user", "text": "b"}], "response": {"text": "4"}}\n',
]


class Invoice(pydantic.BaseModel):
    number: str
    total: float
    items: list[str]
    note: str | None = None


@pytest.fixture
def backend() -> Backend:
    return Backend()


@pytest.fixture
def storage(backend: Backend) -> Iterator[LocalServer]:
    """The object storage behind presigned URLs: keeps uploads, serves result parts."""
    with LocalServer() as server:
        backend.storage_url = server.url
        for dataset_id in ("ds-new-1",):
            server.route("PUT", f"/upload/{dataset_id}", Reply(200))
        for n, part in enumerate(RESULT_PARTS):
            server.route("GET", f"/results/ds-result-7/{n}", Reply(200, part))
        yield server


@pytest.fixture
def endpoint(backend: Backend, storage: LocalServer) -> Iterator[str]:
    server, port = start_grpc(backend)
    yield f"127.0.0.1:{port}"
    server.stop(None)


@pytest.fixture
def studio(endpoint: str, server: LocalServer) -> Iterator[AIStudio]:
    with AIStudio(
        api_key=API_KEY, folder_id=FOLDER, native_endpoint=endpoint, insecure=True,
        openai_base_url=server.url, max_retries=0,
    ) as client:
        client.workflows.poll_interval = 0.01
        yield client


@pytest.fixture
async def astudio(endpoint: str, server: LocalServer) -> AsyncIterator[AsyncAIStudio]:
    async with AsyncAIStudio(
        api_key=API_KEY, folder_id=FOLDER, native_endpoint=endpoint, insecure=True,
        openai_base_url=server.url, max_retries=0,
    ) as client:
        client.workflows.poll_interval = 0.01
        yield client


# --- Operation.wait(progress=...) and the progress line -------------------------------------


def test_operation_wait_reports_each_poll(studio: AIStudio) -> None:
    seen: list[tuple[int, float]] = []

    def progress(operation: Any, elapsed: float) -> None:
        assert isinstance(operation.metadata, TuningMetadata)
        seen.append((operation.metadata.current_step, elapsed))

    operation = studio.native.tuning.tuning.tune(base_model_uri=MODEL, train_datasets=[TuningRequest.WeightedDataset(dataset_id="ds-1", weight=1.0)])
    operation.wait(timeout=10, poll_interval=0.01, progress=progress)
    assert [step for step, _ in seen] == [3, 3]  # one call per poll; the fake is done after 2
    assert 0 < seen[0][1] <= seen[1][1]


async def test_async_operation_wait_reports_each_poll(astudio: AsyncAIStudio) -> None:
    elapsed: list[float] = []
    operation = await astudio.native.tuning.tuning.tune(base_model_uri=MODEL, train_datasets=[TuningRequest.WeightedDataset(dataset_id="ds-1", weight=1.0)])
    await operation.wait(timeout=10, poll_interval=0.01, progress=lambda _op, seconds: elapsed.append(seconds))
    assert len(elapsed) == 2


def test_progress_line_draws_in_place_and_only_on_a_terminal() -> None:
    stream = io.StringIO()
    line = ProgressLine(stream)
    line(ProgressEvent("upload", 512, 1024, 1.2))
    line(ProgressEvent("tuning", 3, None, 4.0, "IN_PROGRESS"))
    line.close()
    drawn = stream.getvalue()
    assert drawn.startswith("\rupload:  50% 512/1024 (1 s)")
    assert "\rtuning: 3 IN_PROGRESS (4 s)" in drawn and drawn.endswith("\n")
    assert reporter(True) is None  # pytest captures stderr: not a terminal
    assert reporter(False) is None and reporter(print) is print


# --- dataset upload ------------------------------------------------------------------------


def _check_upload(backend: Backend, storage: LocalServer, data: bytes, events: list[ProgressEvent]) -> None:
    put = [r for r in storage.requests if r.method == "PUT"]
    assert len(put) == 1 and put[0].body == data and put[0].query == {"signature": ["s1"]}
    assert "authorization" not in put[0].headers  # the presigned URL carries its own signature
    created = backend.calls_to("DatasetService/Create")[0].request
    assert (created.folder_id, created.name, created.upload_format) == (FOLDER, "faq", "jsonlines")
    assert backend.calls_to("DatasetService/GetUploadDraftUrl")[0].request.size_bytes == len(data)
    assert events[0].stage == "upload" and (events[-2].done, events[-2].total) == (len(data), len(data))
    assert (events[-1].stage, events[-1].done, events[-1].total) == ("validate", 120, 120)


def test_upload_dataset(studio: AIStudio, backend: Backend, storage: LocalServer, tmp_path: Any) -> None:
    data = b'{"request": [{"role": "user", "text": "hi"}], "response": "hello"}\n' * 3
    path = tmp_path / "faq.jsonl"
    path.write_bytes(data)
    events: list[ProgressEvent] = []
    dataset_id = studio.workflows.upload_dataset(path, name="faq", progress=events.append)
    assert dataset_id == "ds-new-1"
    _check_upload(backend, storage, data, events)


async def test_async_upload_dataset(astudio: AsyncAIStudio, backend: Backend, storage: LocalServer) -> None:
    data = b'{"request": [], "response": "x"}\n'
    events: list[ProgressEvent] = []
    assert await astudio.workflows.upload_dataset(data, name="faq", progress=events.append) == "ds-new-1"
    _check_upload(backend, storage, data, events)


def test_invalid_dataset_raises_with_the_service_findings(studio: AIStudio, backend: Backend) -> None:
    backend.invalid_datasets.add("ds-new-1")
    with pytest.raises(DatasetValidationError) as caught:
        studio.workflows.upload_dataset(b"not json\n", name="faq", progress=False)
    assert caught.value.dataset_id == "ds-new-1"
    assert caught.value.errors == ["bad_json: line is not JSON (rows [2])"]


# --- batch inference -----------------------------------------------------------------------


def _check_batch(result: Any, backend: Backend, storage: LocalServer, events: list[ProgressEvent]) -> None:
    assert (result.task_id, result.result_dataset_id) == ("bt-7", "ds-result-7")
    assert [row["response"]["text"] for row in result.rows] == ["Paris", "4"]
    uploaded = [json.loads(line) for line in storage.requests[0].body.decode().splitlines()]
    assert uploaded == [
        {"request": [{"role": "user", "text": "Столица Франции?"}]},
        {"request": [{"role": "system", "text": "Кратко."}, {"role": "user", "text": "2+2?"}]},
    ]
    assert backend.calls_to("DatasetService/Create")[0].request.task_type == "TextToTextGenerationRequest"
    started = backend.calls_to("TextGenerationBatchService/Completion")[0].request
    assert (started.source_dataset_id, started.completion_options.max_tokens.value) == ("ds-new-1", 50)
    batch = [e for e in events if e.stage == "batch"]
    assert (batch[-1].done, batch[-1].total, batch[-1].status) == (1, 4, "IN_PROGRESS")


def test_batch_from_requests(studio: AIStudio, backend: Backend, storage: LocalServer) -> None:
    events: list[ProgressEvent] = []
    result = studio.workflows.batch(MODEL, requests=REQUESTS, max_tokens=50, progress=events.append)
    _check_batch(result, backend, storage, events)


async def test_async_batch_from_requests(astudio: AsyncAIStudio, backend: Backend, storage: LocalServer) -> None:
    events: list[ProgressEvent] = []
    result = await astudio.workflows.batch(MODEL, requests=REQUESTS, max_tokens=50, progress=events.append)
    _check_batch(result, backend, storage, events)


def test_batch_from_a_dataset_needs_no_upload(studio: AIStudio, backend: Backend, storage: LocalServer) -> None:
    result = studio.workflows.batch(MODEL, dataset_id="ds-source-1", progress=False)
    assert len(result.rows) == 2 and not backend.calls_to("DatasetService/Create")
    with pytest.raises(ValueError, match="one of dataset_id and requests"):
        studio.workflows.batch(MODEL)


# --- tuning --------------------------------------------------------------------------------


def test_tune(studio: AIStudio, backend: Backend) -> None:
    events: list[ProgressEvent] = []
    uri = studio.workflows.tune(MODEL, {"ds-1": 0.7, "ds-2": 0.3}, validation_dataset="ds-3", name="bot", progress=events.append)
    assert uri == f"{MODEL}@ft-9"
    sent = backend.calls_to("TuningService/Tune")[0].request
    assert [(d.dataset_id, d.weight) for d in sent.train_datasets] == [("ds-1", 0.7), ("ds-2", 0.3)]
    assert (sent.validation_dataset.dataset_id, sent.name) == ("ds-3", "bot")
    assert sent.HasField("text_to_text_completion")
    assert [(e.stage, e.done, e.total, e.status) for e in events] == [("tuning", 3, 10, "IN_PROGRESS")] * 2


async def test_async_tune(astudio: AsyncAIStudio, backend: Backend) -> None:
    assert await astudio.workflows.tune(MODEL, ["ds-1"], progress=False) == f"{MODEL}@ft-9"
    assert backend.calls_to("TuningService/Tune")[0].request.train_datasets[0].weight == 1.0


# --- structured output ---------------------------------------------------------------------

INVOICE = {"number": "INV-7", "total": 12.5, "items": ["tea", "cake"], "note": None}


def chat_reply(message: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "chatcmpl-s", "object": "chat.completion", "created": 1764000000, "model": MODEL,
        "choices": [{"index": 0, "message": {"role": "assistant", **message}, "finish_reason": "stop"}],
    }


def _check_schema_sent(request: Request) -> None:
    body = request.json()
    response_format = body["response_format"]
    assert response_format["type"] == "json_schema" and response_format["json_schema"]["strict"] is True
    schema = response_format["json_schema"]["schema"]
    assert schema["required"] == ["number", "total", "items", "note"]
    assert schema["additionalProperties"] is False and "default" not in schema["properties"]["note"]


def test_structured_chat(studio: AIStudio, server: LocalServer) -> None:
    server.route("POST", "/chat/completions", Reply.json(chat_reply({"content": json.dumps(INVOICE)})))
    invoice = studio.structured.chat(model=MODEL, messages=[{"role": "user", "content": "Invoice?"}], output=Invoice, temperature=0)
    assert invoice == Invoice(number="INV-7", total=12.5, items=["tea", "cake"])
    _check_schema_sent(server.requests[-1])
    assert server.requests[-1].json()["temperature"] == 0


async def test_async_structured_chat_error_keeps_the_raw_text(astudio: AsyncAIStudio, server: LocalServer) -> None:
    server.route("POST", "/chat/completions", Reply.json(chat_reply({"content": '{"number": 7}'})))
    with pytest.raises(StructuredOutputError) as caught:
        await astudio.structured.chat(model=MODEL, messages=[{"role": "user", "content": "Invoice?"}], output=Invoice)
    assert caught.value.raw == '{"number": 7}' and caught.value.output is Invoice
    assert "number: Input should be a valid string" in str(caught.value)


def test_structured_responses(studio: AIStudio, server: LocalServer) -> None:
    server.route("POST", "/responses", Reply.json(response_object("resp-1", text=json.dumps(INVOICE))))
    assert studio.structured.responses(model=MODEL, input="Invoice?", output=Invoice).number == "INV-7"
    text_format = server.requests[-1].json()["text"]["format"]
    assert (text_format["type"], text_format["name"], text_format["strict"]) == ("json_schema", "Invoice", True)


async def test_async_structured_responses(astudio: AsyncAIStudio, server: LocalServer) -> None:
    server.route("POST", "/responses", Reply.json(response_object("resp-1", text=json.dumps(INVOICE))))
    assert (await astudio.structured.responses(model=MODEL, input="Invoice?", output=Invoice)).total == 12.5


def test_structured_native_completion(studio: AIStudio, backend: Backend) -> None:
    backend.answer = json.dumps(INVOICE)
    invoice = studio.structured.completion(model_uri=MODEL, messages=[{"role": "user", "text": "Invoice?"}], output=Invoice)
    assert invoice.items == ["tea", "cake"]
    sent = backend.calls_to("TextGenerationService/Completion")[0].request
    assert sent.json_schema.schema["required"] == ["number", "total", "items", "note"]
    assert sent.messages[0].text == "Invoice?"


async def test_async_structured_native_completion(astudio: AsyncAIStudio, backend: Backend) -> None:
    backend.answer = "not json"
    with pytest.raises(StructuredOutputError) as caught:
        await astudio.structured.completion(model_uri=MODEL, messages=[Message(role="user", text="Invoice?")], output=Invoice)
    assert caught.value.raw == "not json"


class Setting(pydantic.BaseModel):
    default: str = "on"  # a field named like the schema keyword
    levels: list[Invoice] = []


def test_strict_schema_closes_nested_objects_and_keeps_a_field_named_default() -> None:
    schema = strict_json_schema(Setting)
    assert schema["required"] == ["default", "levels"] and "default" not in schema["properties"]["default"]
    nested = schema["$defs"]["Invoice"]
    assert nested["additionalProperties"] is False and nested["required"] == ["number", "total", "items", "note"]


# --- tool calling --------------------------------------------------------------------------


def get_weather(city: str, days: int = 1) -> dict[str, Any]:
    """The forecast for a city.

    Longer notes that the model does not need.
    """
    return {"city": city, "days": days, "forecast": "sunny"}


class Refund(pydantic.BaseModel):
    """Refund an order."""

    order_id: str
    amount: float


def test_tool_definitions_from_functions_and_models() -> None:
    tools = Toolset(get_weather, Refund)
    weather, refund = tools.openai()
    assert weather["function"]["name"] == "get_weather"
    assert weather["function"]["description"] == "The forecast for a city."
    parameters = weather["function"]["parameters"]
    assert parameters["properties"]["city"] == {"title": "City", "type": "string"}
    assert parameters["required"] == ["city", "days"] and parameters["additionalProperties"] is False
    assert refund["function"]["description"] == "Refund an order."
    native = tools.native()[1]
    assert native.function.name == "Refund" and native.function.parameters["required"] == ["order_id", "amount"]
    call = tools.call("c1", "Refund", {"order_id": "o-1", "amount": "9.5"})
    assert call.arguments == Refund(order_id="o-1", amount=9.5)
    with pytest.raises(ToolArgumentsError) as caught:
        tools.call("c2", "get_weather", '{"days": 2}')
    assert caught.value.raw == '{"days": 2}' and "city: Field required" in str(caught.value)


def tool_round(request: Request) -> Reply:
    """First answer: a call of get_weather; once its result is sent back: the final text."""
    messages = request.json()["messages"]
    if messages[-1]["role"] == "tool":
        return Reply.json(chat_reply({"content": f"It is {json.loads(messages[-1]['content'])['forecast']}."}))
    call = {"id": "call-1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Sochi"}'}}
    return Reply.json(chat_reply({"content": None, "tool_calls": [call]}))


def _check_tool_round(server: LocalServer) -> None:
    first, second = (r.json() for r in server.requests)
    assert first["tools"][0]["function"]["name"] == "get_weather"
    assert second["messages"][1]["tool_calls"][0]["id"] == "call-1"
    assert second["messages"][2] == {
        "role": "tool", "tool_call_id": "call-1",
        "content": '{"city": "Sochi", "days": 1, "forecast": "sunny"}',
    }


def test_tools_run_one_round(studio: AIStudio, server: LocalServer) -> None:
    server.route("POST", "/chat/completions", tool_round)
    answer = studio.tools.run(model=MODEL, messages=[{"role": "user", "content": "Weather?"}], tools=Toolset(get_weather))
    assert answer.choices[0].message.content == "It is sunny."
    _check_tool_round(server)


async def test_async_tools_run_one_round(astudio: AsyncAIStudio, server: LocalServer) -> None:
    server.route("POST", "/chat/completions", tool_round)
    answer = await astudio.tools.run(model=MODEL, messages=[{"role": "user", "content": "Weather?"}], tools=Toolset(get_weather))
    assert answer.choices[0].message.content == "It is sunny."
    _check_tool_round(server)


# --- logging -------------------------------------------------------------------------------


def test_the_package_logs_under_its_own_name(studio: AIStudio, server: LocalServer, caplog: pytest.LogCaptureFixture) -> None:
    server.route("POST", "/chat/completions", Reply.json(chat_reply({"content": json.dumps(INVOICE)})))
    with caplog.at_level(logging.DEBUG, logger="ai_studio"):
        studio.structured.chat(model=MODEL, messages=[{"role": "user", "content": "Invoice?"}], output=Invoice)
    assert {r.name for r in caplog.records} == {"ai_studio"}
    assert API_KEY not in caplog.text
