"""`client.native` of the committed `ai_studio` package against local gRPC and grpc-gateway servers.

Every native API of the AI Studio overview, sync and async: over gRPC (a real `grpc.server` on
127.0.0.1 with servicers from the package's own `_pb2_grpc` modules) and, for the services with
a google.api.http mapping, over REST (an HTTP server following the grpc-gateway conventions).
The client is built the way users build it: `ai_studio.AIStudio(..., transport=...,
native_endpoint=..., insecure=True).native`. Each test checks the request message that arrived,
the credentials (`authorization: Api-Key ...`, `x-folder-id`), and the typed messages returned;
REST tests also check the proto3 JSON on the wire (lowerCamelCase, int64 as strings, base64).
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator
from typing import Any

import grpc
import pytest
from ai_studio import AIStudio, AsyncAIStudio
from ai_studio.native import (
    APIError,
    AsyncOperation,
    BadRequestError,
    NotFoundError,
    Operation,
    RateLimitError,
    RestUnavailableError,
    RpcStatusError,
)
from ai_studio.native import AsyncClient as AsyncNativeClient
from ai_studio.native import Client as NativeClient
from ai_studio.native.batch_inference import (
    BatchInferenceTask,
    CancelBatchInferenceResponse,
    DescribeBatchInferenceResponse,
    ListBatchInferencesResponse,
)
from ai_studio.native.dataset import (
    CreateDatasetResponse,
    DatasetInfo,
    ListDatasetsResponse,
    ValidateDatasetMetadata,
    ValidateDatasetResponse,
)
from ai_studio.native.files import File, ListFilesResponse
from ai_studio.native.foundation_models import (
    Alternative,
    BatchCompletionMetadata,
    BatchCompletionResponse,
    CompletionOptions,
    CompletionRequest,
    CompletionResponse,
    Message,
    TextEmbeddingResponse,
    TokenizeResponse,
)
from ai_studio.native.image_generation import ImageGenerationOptions, ImageGenerationResponse
from ai_studio.native.image_generation import Message as ImagePrompt
from ai_studio.native.mcpgateway import CreateMcpGatewayMetadata, ListMcpGatewayResponse, McpGateway
from ai_studio.native.text_classification import (
    ClassificationSample,
    FewShotTextClassificationResponse,
    TextClassificationResponse,
)
from ai_studio.native.tuning import (
    ListTuningsResponse,
    TuningMetadata,
    TuningRequest,
    TuningResponse,
    TuningTask,
)
from google.protobuf.wrappers_pb2 import DoubleValue, Int64Value
from google.rpc import error_details_pb2

from tests.e2e.native_servers import (
    API_KEY,
    FOLDER,
    GENERATED_TEXT,
    PNG,
    POLLS,
    STREAM_PARTS,
    Backend,
    Gateway,
    b64,
    start_gateway,
    start_grpc,
    stop_gateway,
)

GPT = f"gpt://{FOLDER}/yandexgpt/latest"
EMB = f"emb://{FOLDER}/text-search-query/latest"
CLS = f"cls://{FOLDER}/yandexgpt-lite/latest"
ART = f"art://{FOLDER}/yandex-art/latest"
FAST = 0.01  # seconds between operation polls


# --- servers and clients ---------------------------------------------------------------------


@pytest.fixture
def backend() -> Backend:
    return Backend()


@pytest.fixture
def grpc_endpoint(backend: Backend) -> Iterator[str]:
    server, port = start_grpc(backend)
    yield f"127.0.0.1:{port}"
    server.stop(None)


@pytest.fixture
def gateway(backend: Backend) -> Iterator[Gateway]:
    running = start_gateway(backend)
    yield running
    stop_gateway(running)


@pytest.fixture(params=["grpc", "rest"])
def transport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def endpoint(transport: str, request: pytest.FixtureRequest) -> str:
    if transport == "grpc":
        return str(request.getfixturevalue("grpc_endpoint"))
    gateway: Gateway = request.getfixturevalue("gateway")
    return gateway.url


@pytest.fixture
def native(transport: Any, endpoint: str) -> Iterator[NativeClient]:
    with AIStudio(
        api_key=API_KEY, folder_id=FOLDER, transport=transport, native_endpoint=endpoint, insecure=True
    ) as studio:
        yield studio.native


@pytest.fixture
async def anative(transport: Any, endpoint: str) -> AsyncIterator[AsyncNativeClient]:
    async with AsyncAIStudio(
        api_key=API_KEY, folder_id=FOLDER, transport=transport, native_endpoint=endpoint, insecure=True
    ) as studio:
        yield studio.native


GRPC_ONLY = pytest.mark.parametrize("transport", ["grpc"])


def check_calls(backend: Backend, transport: str, *rpcs: str) -> None:
    """The server saw exactly these RPCs, over this transport, each with the client's credentials."""
    assert [call.rpc for call in backend.calls] == list(rpcs)
    for call in backend.calls:
        assert call.transport == transport
        assert call.metadata.get("authorization") == f"Api-Key {API_KEY}", call.metadata
        assert call.metadata.get("x-folder-id") == FOLDER, call.metadata


def wire(request: pytest.FixtureRequest, transport: str) -> Gateway | None:
    """The gateway (to read the HTTP exchanges) in REST runs, else None."""
    return request.getfixturevalue("gateway") if transport == "rest" else None


# --- Text Generation: Completion (server stream), Tokenizer -----------------------------------

CHAT = [Message(role="system", text="Отвечай одной фразой."), Message(role="user", text="Какая погода летом в Сочи?")]
STREAMING = CompletionOptions(stream=True, temperature=DoubleValue(value=0.3), max_tokens=Int64Value(value=200))


def check_completion_stream(parts: list[Any]) -> None:
    assert len(parts) == STREAM_PARTS + 1
    assert all(isinstance(part, CompletionResponse) for part in parts)
    statuses = [part.alternatives[0].status for part in parts]
    assert statuses == [Alternative.ALTERNATIVE_STATUS_PARTIAL] * STREAM_PARTS + [Alternative.ALTERNATIVE_STATUS_FINAL]
    texts = [part.alternatives[0].message.text for part in parts]
    for before, after in itertools.pairwise(texts):
        assert after.startswith(before) and len(after) > len(before)
    assert texts[-1] == GENERATED_TEXT
    assert parts[-1].alternatives[0].message.role == "assistant"
    assert (parts[-1].usage.input_text_tokens, parts[-1].usage.total_tokens) == (11, 18)
    assert parts[-1].model_version == "23.10.2025"


def check_completion_request(backend: Backend, gateway: Gateway | None) -> None:
    expected = CompletionRequest(model_uri=GPT, completion_options=STREAMING, messages=CHAT)
    assert backend.calls[0].request == expected
    if gateway is not None:
        exchange = gateway.exchanges[0]
        assert (exchange.method, exchange.path) == ("POST", "/foundationModels/v1/completion")
        assert exchange.headers["content-type"] == "application/json"
        assert exchange.body == {
            "modelUri": GPT,
            "completionOptions": {"stream": True, "temperature": 0.3, "maxTokens": "200"},
            "messages": [
                {"role": "system", "text": "Отвечай одной фразой."},
                {"role": "user", "text": "Какая погода летом в Сочи?"},
            ],
        }


def test_text_generation_completion_streams_partials(
    native: NativeClient, backend: Backend, transport: str, request: pytest.FixtureRequest
) -> None:
    stream = native.foundation_models.text_generation.completion(
        model_uri=GPT, completion_options=STREAMING, messages=CHAT
    )
    parts = list(stream)
    check_completion_stream(parts)
    check_calls(backend, transport, "TextGenerationService/Completion")
    check_completion_request(backend, wire(request, transport))


async def test_async_text_generation_completion_streams_partials(
    anative: AsyncNativeClient, backend: Backend, transport: str, request: pytest.FixtureRequest
) -> None:
    stream = anative.foundation_models.text_generation.completion(
        model_uri=GPT, completion_options=STREAMING, messages=CHAT
    )
    parts = [part async for part in stream]
    check_completion_stream(parts)
    check_calls(backend, transport, "TextGenerationService/Completion")
    check_completion_request(backend, wire(request, transport))


def test_text_generation_completion_without_stream_is_one_final_response(
    native: NativeClient, backend: Backend, transport: str
) -> None:
    parts = list(native.foundation_models.text_generation.completion(model_uri=GPT, messages=CHAT))
    assert len(parts) == 1
    assert parts[0].alternatives[0].message.text == GENERATED_TEXT
    check_calls(backend, transport, "TextGenerationService/Completion")


def check_quota_error(error: APIError) -> None:
    assert isinstance(error, RateLimitError) and isinstance(error, RpcStatusError)
    assert error.code == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert error.status_code == 429
    assert "token quota exceeded" in str(error)


def test_text_generation_error_mid_stream_is_typed(native: NativeClient, transport: str) -> None:
    stream = native.foundation_models.text_generation.completion(
        model_uri=GPT, completion_options=STREAMING, messages=[Message(role="user", text="fail-mid-stream")]
    )
    received = []
    with pytest.raises(APIError) as caught:
        for part in stream:
            received.append(part)
    assert len(received) == 1 and received[0].alternatives[0].message.text
    check_quota_error(caught.value)


async def test_async_text_generation_error_mid_stream_is_typed(anative: AsyncNativeClient, transport: str) -> None:
    stream = anative.foundation_models.text_generation.completion(
        model_uri=GPT, completion_options=STREAMING, messages=[Message(role="user", text="fail-mid-stream")]
    )
    received = []
    with pytest.raises(APIError) as caught:
        async for part in stream:
            received.append(part)
    assert len(received) == 1
    check_quota_error(caught.value)


def check_tokens(tokens: TokenizeResponse) -> None:
    assert isinstance(tokens, TokenizeResponse)
    assert [(t.id, t.text, t.special) for t in tokens.tokens] == [
        (100, "Привет,", False), (101, "мир", False), (2, "</s>", True),
    ]
    assert tokens.model_version == "23.10.2025"


def test_tokenizer(native: NativeClient, backend: Backend, transport: str, request: pytest.FixtureRequest) -> None:
    check_tokens(native.foundation_models.tokenizer.tokenize(model_uri=GPT, text="Привет, мир"))
    check_calls(backend, transport, "TokenizerService/Tokenize")
    gateway = wire(request, transport)
    if gateway is not None:
        assert gateway.exchanges[0].body == {"modelUri": GPT, "text": "Привет, мир"}


async def test_async_tokenizer(anative: AsyncNativeClient, backend: Backend, transport: str) -> None:
    check_tokens(await anative.foundation_models.tokenizer.tokenize(model_uri=GPT, text="Привет, мир"))
    check_calls(backend, transport, "TokenizerService/Tokenize")


# --- Text Generation async: Operation -----------------------------------------------------------


def check_get_calls(backend: Backend, operation_id: str, count: int) -> None:
    gets = backend.calls_to("OperationService/Get")
    assert [call.request.operation_id for call in gets] == [operation_id] * count


def test_text_generation_async_operation(
    native: NativeClient, backend: Backend, transport: str, request: pytest.FixtureRequest
) -> None:
    operation = native.foundation_models.text_generation_async.completion(model_uri=GPT, messages=CHAT)
    assert isinstance(operation, Operation)
    assert (operation.id, operation.done) == ("op-1", False)
    result = operation.wait(timeout=10, poll_interval=FAST)
    assert isinstance(result, CompletionResponse)
    assert result.alternatives[0].message.text == GENERATED_TEXT
    assert operation.done
    check_get_calls(backend, "op-1", POLLS["completion"])
    check_calls(backend, transport, "TextGenerationAsyncService/Completion", *["OperationService/Get"] * 2)
    gateway = wire(request, transport)
    if gateway is not None:
        assert [(e.method, e.path) for e in gateway.exchanges] == [
            ("POST", "/foundationModels/v1/completionAsync"), ("GET", "/operations/op-1"), ("GET", "/operations/op-1"),
        ]


async def test_async_text_generation_async_operation(
    anative: AsyncNativeClient, backend: Backend, transport: str
) -> None:
    operation = await anative.foundation_models.text_generation_async.completion(model_uri=GPT, messages=CHAT)
    assert isinstance(operation, AsyncOperation)
    assert not operation.done
    result = await operation.wait(timeout=10, poll_interval=FAST)
    assert isinstance(result, CompletionResponse)
    assert result.usage.total_tokens == 18
    check_get_calls(backend, operation.id, POLLS["completion"])
    check_calls(backend, transport, "TextGenerationAsyncService/Completion", *["OperationService/Get"] * 2)


# --- Image Generation: Operation polled until done ----------------------------------------------

PROMPT = [ImagePrompt(text="Кот в космосе, акварель", weight=1.0)]
IMAGE_OPTIONS = ImageGenerationOptions(mime_type="image/png", seed=1863)


def check_image_request(backend: Backend, gateway: Gateway | None) -> None:
    generate = backend.calls_to("ImageGenerationAsyncService/Generate")[0].request
    assert generate.model_uri == ART
    assert list(generate.messages) == PROMPT
    assert generate.generation_options == IMAGE_OPTIONS
    if gateway is not None:
        first = gateway.exchanges[0]
        assert (first.method, first.path) == ("POST", "/foundationModels/v1/imageGenerationAsync")
        assert first.body == {
            "modelUri": ART,
            "messages": [{"text": "Кот в космосе, акварель", "weight": 1.0}],
            "generationOptions": {"mimeType": "image/png", "seed": "1863"},
        }
        polls = gateway.exchanges[1:]
        assert [(e.method, e.path) for e in polls] == [("GET", "/operations/op-1")] * POLLS["image"]


def test_image_generation_operation(
    native: NativeClient, backend: Backend, transport: str, request: pytest.FixtureRequest
) -> None:
    operation = native.image_generation.image_generation_async.generate(
        model_uri=ART, messages=PROMPT, generation_options=IMAGE_OPTIONS
    )
    assert isinstance(operation, Operation) and not operation.done
    image = operation.wait(timeout=10, poll_interval=FAST)
    assert isinstance(image, ImageGenerationResponse)
    assert (image.image, image.model_version) == (PNG, "art-2")
    assert operation.done and operation.error is None
    check_get_calls(backend, "op-1", POLLS["image"])
    check_calls(backend, transport, "ImageGenerationAsyncService/Generate", *["OperationService/Get"] * POLLS["image"])
    check_image_request(backend, wire(request, transport))


async def test_async_image_generation_operation(
    anative: AsyncNativeClient, backend: Backend, transport: str, request: pytest.FixtureRequest
) -> None:
    operation = await anative.image_generation.image_generation_async.generate(
        model_uri=ART, messages=PROMPT, generation_options=IMAGE_OPTIONS
    )
    assert isinstance(operation, AsyncOperation) and not operation.done
    image = await operation.wait(timeout=10, poll_interval=FAST)
    assert isinstance(image, ImageGenerationResponse) and image.image == PNG
    check_get_calls(backend, "op-1", POLLS["image"])
    check_calls(backend, transport, "ImageGenerationAsyncService/Generate", *["OperationService/Get"] * POLLS["image"])
    check_image_request(backend, wire(request, transport))


def check_rejected(error: BaseException, operation_id: str) -> None:
    assert isinstance(error, BadRequestError) and isinstance(error, RpcStatusError)
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert error.operation_id == operation_id
    assert "rejected by moderation" in str(error)
    info = error_details_pb2.ErrorInfo()
    assert len(error.details) == 1 and error.details[0].Unpack(info)
    assert (info.reason, info.domain) == ("PROMPT_REJECTED", "art")


def test_image_generation_failed_operation_raises_its_status(native: NativeClient, transport: str) -> None:
    operation = native.image_generation.image_generation_async.generate(
        model_uri=ART, messages=[ImagePrompt(text="forbidden picture")]
    )
    with pytest.raises(APIError) as caught:
        operation.wait(timeout=10, poll_interval=FAST)
    check_rejected(caught.value, operation.id)


async def test_async_image_generation_failed_operation_raises_its_status(
    anative: AsyncNativeClient, transport: str
) -> None:
    operation = await anative.image_generation.image_generation_async.generate(
        model_uri=ART, messages=[ImagePrompt(text="forbidden picture")]
    )
    with pytest.raises(APIError) as caught:
        await operation.wait(timeout=10, poll_interval=FAST)
    check_rejected(caught.value, operation.id)


# --- Batch Inference (gRPC only) ------------------------------------------------------------------


def check_batch_operation_result(metadata: Any, result: Any) -> None:
    assert isinstance(metadata, BatchCompletionMetadata)
    assert (metadata.task_id, metadata.completed_batches, metadata.total_batches) == ("bt-7", 1, 4)
    assert isinstance(result, BatchCompletionResponse)
    assert (result.task_id, result.result_dataset_id) == ("bt-7", "ds-result-7")


def check_batch_tasks(described: Any, listed: Any, cancelled: Any) -> None:
    assert isinstance(described, DescribeBatchInferenceResponse)
    task = described.task
    assert (task.task_id, task.status, task.result_dataset_id) == ("bt-7", BatchInferenceTask.Status.COMPLETED, "ds-result-bt-7")
    assert task.created_at.seconds == 1764000000
    assert isinstance(listed, ListBatchInferencesResponse)
    assert [t.task_id for t in listed.tasks] == ["bt-1", "bt-2"]
    assert isinstance(cancelled, CancelBatchInferenceResponse) and cancelled.task_id == "bt-2"


BATCH_RPCS = (
    "TextGenerationBatchService/Completion",
    "OperationService/Get",
    "OperationService/Get",
    "BatchInferenceService/Describe",
    "BatchInferenceService/List",
    "BatchInferenceService/Cancel",
)


@GRPC_ONLY
def test_batch_inference(native: NativeClient, backend: Backend, transport: str) -> None:
    operation = native.foundation_models.text_generation_batch.completion(
        model_uri=f"gpt://{FOLDER}/yandexgpt-lite/latest", source_dataset_id="ds-source-1",
        completion_options=CompletionOptions(max_tokens=Int64Value(value=500)),
    )
    assert isinstance(operation, Operation)
    result = operation.wait(timeout=10, poll_interval=FAST)
    check_batch_operation_result(operation.metadata, result)
    batches = native.batch_inference.batch_inference
    check_batch_tasks(batches.describe(task_id="bt-7"), batches.list(folder_id=FOLDER, page_size=10), batches.cancel(task_id="bt-2"))
    check_calls(backend, transport, *BATCH_RPCS)
    started = backend.calls[0].request
    assert (started.source_dataset_id, started.completion_options.max_tokens.value) == ("ds-source-1", 500)
    assert backend.calls_to("BatchInferenceService/List")[0].request.page_size == 10


@GRPC_ONLY
async def test_async_batch_inference(anative: AsyncNativeClient, backend: Backend, transport: str) -> None:
    operation = await anative.foundation_models.text_generation_batch.completion(
        model_uri=f"gpt://{FOLDER}/yandexgpt-lite/latest", source_dataset_id="ds-source-1"
    )
    assert isinstance(operation, AsyncOperation)
    result = await operation.wait(timeout=10, poll_interval=FAST)
    check_batch_operation_result(operation.metadata, result)
    batches = anative.batch_inference.batch_inference
    check_batch_tasks(
        await batches.describe(task_id="bt-7"),
        await batches.list(folder_id=FOLDER, page_size=10),
        await batches.cancel(task_id="bt-2"),
    )
    check_calls(backend, transport, *BATCH_RPCS)


# --- Text Classification ---------------------------------------------------------------------------

SAMPLES = [
    ClassificationSample(text="Верните деньги за заказ", label="refund"),
    ClassificationSample(text="Где мой курьер?", label="delivery"),
]


def check_classification(single: Any, few: Any) -> None:
    assert isinstance(single, TextClassificationResponse)
    assert [(p.label, p.confidence) for p in single.predictions] == [("spam", 0.875), ("ham", 0.125)]
    assert (single.model_version, single.input_tokens) == ("cls-2", 4)
    assert isinstance(few, FewShotTextClassificationResponse)
    assert [(p.label, p.confidence) for p in few.predictions] == [("refund", 0.125), ("delivery", 0.75), ("other", 0.125)]
    assert few.input_tokens == 42


def check_classification_wire(backend: Backend, gateway: Gateway | None) -> None:
    few = backend.calls[1].request
    assert (few.task_description, list(few.labels), list(few.samples)) == (
        "Тема обращения", ["refund", "delivery", "other"], SAMPLES,
    )
    if gateway is not None:
        assert [(e.method, e.path) for e in gateway.exchanges] == [
            ("POST", "/foundationModels/v1/textClassification"),
            ("POST", "/foundationModels/v1/fewShotTextClassification"),
        ]
        assert gateway.exchanges[0].body == {"modelUri": CLS, "text": "Вы выиграли миллион рублей"}
        assert gateway.exchanges[1].body["taskDescription"] == "Тема обращения"
        assert gateway.exchanges[1].body["samples"][0] == {"text": "Верните деньги за заказ", "label": "refund"}


def test_text_classification(
    native: NativeClient, backend: Backend, transport: str, request: pytest.FixtureRequest
) -> None:
    service = native.text_classification.text_classification
    single = service.classify(model_uri=CLS, text="Вы выиграли миллион рублей")
    few = service.few_shot_classify(
        model_uri=f"cls://{FOLDER}/yandexgpt/latest", task_description="Тема обращения",
        labels=["refund", "delivery", "other"], text="Где заказ? Курьер не пришёл", samples=SAMPLES,
    )
    check_classification(single, few)
    check_calls(backend, transport, "TextClassificationService/Classify", "TextClassificationService/FewShotClassify")
    check_classification_wire(backend, wire(request, transport))


async def test_async_text_classification(
    anative: AsyncNativeClient, backend: Backend, transport: str, request: pytest.FixtureRequest
) -> None:
    service = anative.text_classification.text_classification
    single = await service.classify(model_uri=CLS, text="Вы выиграли миллион рублей")
    few = await service.few_shot_classify(
        model_uri=f"cls://{FOLDER}/yandexgpt/latest", task_description="Тема обращения",
        labels=["refund", "delivery", "other"], text="Где заказ? Курьер не пришёл", samples=SAMPLES,
    )
    check_classification(single, few)
    check_calls(backend, transport, "TextClassificationService/Classify", "TextClassificationService/FewShotClassify")
    check_classification_wire(backend, wire(request, transport))


# --- Embeddings ------------------------------------------------------------------------------------


def check_embedding(result: Any, backend: Backend, gateway: Gateway | None) -> None:
    assert isinstance(result, TextEmbeddingResponse)
    assert list(result.embedding) == [0.17, 0.295, 0.42]
    assert (result.num_tokens, result.model_version) == (3, "emb-3")
    sent = backend.calls[0].request
    assert (sent.model_uri, sent.text, sent.dim.value) == (EMB, "чем заварить пуэр", 3)
    if gateway is not None:
        assert gateway.exchanges[0].path == "/foundationModels/v1/textEmbedding"
        assert gateway.exchanges[0].body == {"modelUri": EMB, "text": "чем заварить пуэр", "dim": "3"}


def test_embeddings(native: NativeClient, backend: Backend, transport: str, request: pytest.FixtureRequest) -> None:
    result = native.foundation_models.embeddings.text_embedding(
        model_uri=EMB, text="чем заварить пуэр", dim=Int64Value(value=3)
    )
    check_embedding(result, backend, wire(request, transport))
    check_calls(backend, transport, "EmbeddingsService/TextEmbedding")


async def test_async_embeddings(
    anative: AsyncNativeClient, backend: Backend, transport: str, request: pytest.FixtureRequest
) -> None:
    result = await anative.foundation_models.embeddings.text_embedding(
        model_uri=EMB, text="чем заварить пуэр", dim=Int64Value(value=3)
    )
    check_embedding(result, backend, wire(request, transport))
    check_calls(backend, transport, "EmbeddingsService/TextEmbedding")


# --- Files ------------------------------------------------------------------------------------------

CONTENT = "Вопрос: как сбросить пароль?\nОтвет: через профиль.\n".encode()
FILE_RPCS = (
    "FileService/Create",
    "FileService/Create",
    "FileService/Create",
    "FileService/Get",
    "FileService/List",
    "FileService/List",
    "FileService/Delete",
    "FileService/Get",
)


def check_files(created: list[Any], got: Any, pages: list[Any], missing: BaseException) -> None:
    assert all(isinstance(item, File) for item in created)
    assert [f.id for f in created] == ["fl-1", "fl-2", "fl-3"]
    assert (created[0].name, created[0].mime_type, dict(created[0].labels)) == ("faq.txt", "text/plain", {"team": "support"})
    assert isinstance(got, File) and got.id == "fl-1" and got.created_at.seconds == 1764000000
    assert all(isinstance(page, ListFilesResponse) for page in pages)
    assert [[f.id for f in page.files] for page in pages] == [["fl-1", "fl-2"], ["fl-3"]]
    assert [page.next_page_token for page in pages] == ["2", ""]
    assert isinstance(missing, NotFoundError) and isinstance(missing, RpcStatusError)
    assert missing.code == grpc.StatusCode.NOT_FOUND and missing.status_code == 404


def check_file_wire(backend: Backend, gateway: Gateway | None) -> None:
    create = backend.calls[0].request
    assert (create.folder_id, create.content) == (FOLDER, CONTENT)
    assert backend.calls[5].request.page_token == "2"
    if gateway is not None:
        assert [(e.method, e.path) for e in gateway.exchanges] == [
            ("POST", "/files/v1/files"),
            ("POST", "/files/v1/files"),
            ("POST", "/files/v1/files"),
            ("GET", "/files/v1/files/fl-1"),
            ("GET", "/files/v1/files"),
            ("GET", "/files/v1/files"),
            ("DELETE", "/files/v1/files/fl-1"),
            ("GET", "/files/v1/files/fl-1"),
        ]
        assert gateway.exchanges[0].body == {
            "folderId": FOLDER, "name": "faq.txt", "mimeType": "text/plain", "content": b64(CONTENT),
            "labels": {"team": "support"},
        }
        assert gateway.exchanges[4].query == {"folderId": [FOLDER], "pageSize": ["2"]}
        assert gateway.exchanges[5].query == {"folderId": [FOLDER], "pageSize": ["2"], "pageToken": ["2"]}
        assert gateway.exchanges[6].body is None


def test_files(native: NativeClient, backend: Backend, transport: str, request: pytest.FixtureRequest) -> None:
    files = native.files.file
    created = [
        files.create(folder_id=FOLDER, name="faq.txt", mime_type="text/plain", content=CONTENT, labels={"team": "support"}),
        files.create(folder_id=FOLDER, name="b.txt", content=b"b"),
        files.create(folder_id=FOLDER, name="c.txt", content=b"c"),
    ]
    got = files.get(file_id="fl-1")
    first = files.list(folder_id=FOLDER, page_size=2)
    second = files.list(folder_id=FOLDER, page_size=2, page_token=first.next_page_token)
    files.delete(file_id="fl-1")
    with pytest.raises(APIError) as caught:
        files.get(file_id="fl-1")
    check_files(created, got, [first, second], caught.value)
    check_calls(backend, transport, *FILE_RPCS)
    check_file_wire(backend, wire(request, transport))


async def test_async_files(
    anative: AsyncNativeClient, backend: Backend, transport: str, request: pytest.FixtureRequest
) -> None:
    files = anative.files.file
    created = [
        await files.create(folder_id=FOLDER, name="faq.txt", mime_type="text/plain", content=CONTENT, labels={"team": "support"}),
        await files.create(folder_id=FOLDER, name="b.txt", content=b"b"),
        await files.create(folder_id=FOLDER, name="c.txt", content=b"c"),
    ]
    got = await files.get(file_id="fl-1")
    first = await files.list(folder_id=FOLDER, page_size=2)
    second = await files.list(folder_id=FOLDER, page_size=2, page_token=first.next_page_token)
    await files.delete(file_id="fl-1")
    with pytest.raises(APIError) as caught:
        await files.get(file_id="fl-1")
    check_files(created, got, [first, second], caught.value)
    check_calls(backend, transport, *FILE_RPCS)
    check_file_wire(backend, wire(request, transport))


# --- Dataset (gRPC only) ----------------------------------------------------------------------------

DATASET_RPCS = (
    "DatasetService/Create",
    "DatasetService/Describe",
    "DatasetService/List",
    "DatasetService/Validate",
    "OperationService/Get",
    "DatasetService/Describe",
)


def check_dataset(created: Any, described: Any, listed: Any, metadata: Any, validated: Any, missing: BaseException) -> None:
    assert isinstance(created, CreateDatasetResponse)
    assert (created.dataset_id, created.dataset.name, created.dataset.status) == ("ds-new-1", "faq-pairs", DatasetInfo.Status.DRAFT)
    assert dict(created.dataset.labels) == {"team": "support"}
    assert described.dataset.status == DatasetInfo.Status.READY and described.dataset.rows == 120
    assert isinstance(listed, ListDatasetsResponse)
    assert [d.name for d in listed.datasets] == ["faq-pairs", "support-chats"]
    assert isinstance(metadata, ValidateDatasetMetadata) and metadata.valid_rows == 120
    assert isinstance(validated, ValidateDatasetResponse) and validated.is_valid
    assert isinstance(missing, NotFoundError)


@GRPC_ONLY
def test_dataset(native: NativeClient, backend: Backend, transport: str) -> None:
    datasets = native.dataset.dataset
    created = datasets.create(
        name="faq-pairs", folder_id=FOLDER, task_type="TextToTextGeneration",
        upload_format="jsonlines", labels={"team": "support"},
    )
    described = datasets.describe(dataset_id="ds-new-1")
    listed = datasets.list(folder_id=FOLDER, dataset_name_pattern="faq")
    operation = datasets.validate(dataset_id="ds-new-1")
    validated = operation.wait(timeout=10, poll_interval=FAST)
    with pytest.raises(APIError) as caught:
        datasets.describe(dataset_id="unknown")
    check_dataset(created, described, listed, operation.metadata, validated, caught.value)
    check_calls(backend, transport, *DATASET_RPCS)
    assert backend.calls[0].request.upload_format == "jsonlines"
    assert backend.calls[2].request.dataset_name_pattern == "faq"


@GRPC_ONLY
async def test_async_dataset(anative: AsyncNativeClient, backend: Backend, transport: str) -> None:
    datasets = anative.dataset.dataset
    created = await datasets.create(
        name="faq-pairs", folder_id=FOLDER, task_type="TextToTextGeneration",
        upload_format="jsonlines", labels={"team": "support"},
    )
    described = await datasets.describe(dataset_id="ds-new-1")
    listed = await datasets.list(folder_id=FOLDER, dataset_name_pattern="faq")
    operation = await datasets.validate(dataset_id="ds-new-1")
    validated = await operation.wait(timeout=10, poll_interval=FAST)
    with pytest.raises(APIError) as caught:
        await datasets.describe(dataset_id="unknown")
    check_dataset(created, described, listed, operation.metadata, validated, caught.value)
    check_calls(backend, transport, *DATASET_RPCS)


# --- Tuning (gRPC only) -----------------------------------------------------------------------------

TRAIN = [TuningRequest.WeightedDataset(dataset_id="ds-1", weight=1.0)]
BASE = f"gpt://{FOLDER}/yandexgpt-lite/latest"


def check_tuning(metadata: Any, result: Any, listed: Any, described: Any) -> None:
    assert isinstance(metadata, TuningMetadata)
    assert (metadata.tuning_task_id, metadata.status, metadata.current_step, metadata.total_steps) == (
        "ft-9", TuningTask.Status.IN_PROGRESS, 3, 10,
    )
    assert isinstance(result, TuningResponse)
    assert (result.status, result.target_model_uri) == (TuningTask.Status.COMPLETED, f"{BASE}@ft-9")
    assert isinstance(listed, ListTuningsResponse)
    assert [(t.task_id, t.status) for t in listed.tuning_tasks] == [
        ("ft-8", TuningTask.Status.COMPLETED), ("ft-9", TuningTask.Status.IN_PROGRESS),
    ]
    assert described.tuning_task.target_model_uri == f"{BASE}@ft-9"


TUNING_RPCS = ("TuningService/Tune", "OperationService/Get", "OperationService/Get", "TuningService/List", "TuningService/Describe")


@GRPC_ONLY
def test_tuning(native: NativeClient, backend: Backend, transport: str) -> None:
    tuning = native.tuning.tuning
    operation = tuning.tune(base_model_uri=BASE, train_datasets=TRAIN, name="support-bot")
    assert isinstance(operation, Operation) and not operation.done
    result = operation.wait(timeout=10, poll_interval=FAST)
    check_tuning(operation.metadata, result, tuning.list(folder_id=FOLDER, page_size=5), tuning.describe(tuning_task_id="ft-9"))
    check_calls(backend, transport, *TUNING_RPCS)
    sent = backend.calls[0].request
    assert (sent.base_model_uri, list(sent.train_datasets), sent.name) == (BASE, TRAIN, "support-bot")


@GRPC_ONLY
async def test_async_tuning(anative: AsyncNativeClient, backend: Backend, transport: str) -> None:
    tuning = anative.tuning.tuning
    operation = await tuning.tune(base_model_uri=BASE, train_datasets=TRAIN, name="support-bot")
    assert isinstance(operation, AsyncOperation)
    result = await operation.wait(timeout=10, poll_interval=FAST)
    check_tuning(
        operation.metadata, result,
        await tuning.list(folder_id=FOLDER, page_size=5), await tuning.describe(tuning_task_id="ft-9"),
    )
    check_calls(backend, transport, *TUNING_RPCS)


# --- MCP Gateway -------------------------------------------------------------------------------------

MCP_RPCS = ("McpGatewayService/Create", "OperationService/Get", "McpGatewayService/Get", "McpGatewayService/List", "McpGatewayService/Get")


def check_gateway(operation: Any, created: Any, got: Any, listed: Any, missing: BaseException) -> None:
    metadata = operation.metadata
    assert isinstance(metadata, CreateMcpGatewayMetadata)
    assert (metadata.mcp_gateway_id, metadata.folder_id) == ("mcpg-1", FOLDER)
    assert isinstance(created, McpGateway)
    assert (created.id, created.name, created.status, created.public) == ("mcpg-1", "weather-tools", McpGateway.Status.ACTIVE, True)
    assert created.base_domain == "mcpg-1.mcpgw.example"
    assert got == created
    assert isinstance(listed, ListMcpGatewayResponse)
    assert [(g.id, g.name) for g in listed.gateways] == [("mcpg-1", "weather-tools")]
    assert isinstance(missing, NotFoundError) and "mcpg-404" in str(missing)


def check_gateway_wire(backend: Backend, gateway: Gateway | None) -> None:
    create = backend.calls[0].request
    assert (create.folder_id, create.name, dict(create.labels), create.public) == (FOLDER, "weather-tools", {"env": "test"}, True)
    if gateway is not None:
        assert [(e.method, e.path) for e in gateway.exchanges] == [
            ("POST", "/mcpgateway/v1/mcpGateways"),
            ("GET", "/operations/op-1"),
            ("GET", "/mcpgateway/v1/mcpGateways/mcpg-1"),
            ("GET", "/mcpgateway/v1/mcpGateways"),
            ("GET", "/mcpgateway/v1/mcpGateways/mcpg-404"),
        ]
        assert gateway.exchanges[0].body == {
            "folderId": FOLDER, "name": "weather-tools", "description": "Погода и пробки",
            "labels": {"env": "test"}, "public": True,
        }
        assert gateway.exchanges[3].query == {"folderId": [FOLDER]}


def test_mcp_gateway(native: NativeClient, backend: Backend, transport: str, request: pytest.FixtureRequest) -> None:
    service = native.mcpgateway.mcp_gateway
    operation = service.create(
        folder_id=FOLDER, name="weather-tools", description="Погода и пробки", labels={"env": "test"}, public=True
    )
    assert isinstance(operation, Operation)
    created = operation.wait(timeout=10, poll_interval=FAST)
    got = service.get(mcp_gateway_id=created.id)
    listed = service.list(folder_id=FOLDER)
    with pytest.raises(APIError) as caught:
        service.get(mcp_gateway_id="mcpg-404")
    check_gateway(operation, created, got, listed, caught.value)
    check_calls(backend, transport, *MCP_RPCS)
    check_gateway_wire(backend, wire(request, transport))


async def test_async_mcp_gateway(
    anative: AsyncNativeClient, backend: Backend, transport: str, request: pytest.FixtureRequest
) -> None:
    service = anative.mcpgateway.mcp_gateway
    operation = await service.create(
        folder_id=FOLDER, name="weather-tools", description="Погода и пробки", labels={"env": "test"}, public=True
    )
    assert isinstance(operation, AsyncOperation)
    created = await operation.wait(timeout=10, poll_interval=FAST)
    got = await service.get(mcp_gateway_id=created.id)
    listed = await service.list(folder_id=FOLDER)
    with pytest.raises(APIError) as caught:
        await service.get(mcp_gateway_id="mcpg-404")
    check_gateway(operation, created, got, listed, caught.value)
    check_calls(backend, transport, *MCP_RPCS)
    check_gateway_wire(backend, wire(request, transport))



# --- gRPC-only services over REST ---------------------------------------------------------------


@pytest.mark.parametrize("transport", ["rest"])
def test_grpc_only_services_refuse_rest_with_a_typed_error(
    native: NativeClient, backend: Backend, transport: str, gateway: Gateway
) -> None:
    """Batch Inference, Dataset and Tuning have no google.api.http mapping: nothing is sent."""
    calls = [
        lambda: native.batch_inference.batch_inference.describe(task_id="bt-7"),
        lambda: native.dataset.dataset.describe(dataset_id="ds-1"),
        lambda: native.tuning.tuning.list(folder_id=FOLDER),
    ]
    for call in calls:
        with pytest.raises(RestUnavailableError, match="transport='grpc'") as caught:
            call()
        assert isinstance(caught.value, APIError)
    assert backend.calls == [] and gateway.exchanges == []
