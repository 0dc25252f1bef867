"""Local look-alikes of AI Studio's native API for the e2e tests of `client.native`.

One scripted `Backend` answers every RPC the tests use; it is served two ways on 127.0.0.1:
- `start_grpc(backend)`: a real `grpc.server` with servicers subclassed from the COMMITTED
  package's `*_pb2_grpc` modules (`ai_studio.native._pb....`), registered with their
  `add_*Servicer_to_server` functions;
- `start_gateway(backend)`: an HTTP/1.1 server that follows the grpc-gateway conventions of
  the google.api.http options: proto3 JSON bodies (lowerCamelCase, int64 as strings, enums by
  name, bytes as base64), path variables and query parameters merged into the request, a
  server stream as chunked newline-delimited `{"result": ...}` objects ending with
  `{"error": ...}` on failure, and errors as `{"code", "message", "details"}` with the HTTP
  status grpc-gateway maps the code to.

Every call is recorded (`backend.calls`): the RPC, the parsed request message, the metadata or
headers that arrived, and the transport. Scripted behaviour:
- TextGenerationService.Completion streams `STREAM_PARTS` growing partial alternatives then a
  final one with usage (one final response when `completion_options.stream` is false); the
  user text "fail-mid-stream" ends the stream with RESOURCE_EXHAUSTED after the first part;
- every long-running operation is done after `POLLS[kind]` calls of OperationService.Get;
- FileService.Get / McpGatewayService.Get / DatasetService.Describe of an unknown id is NOT_FOUND.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import threading
from collections.abc import Callable, Iterator
from concurrent import futures
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import grpc
from ai_studio.native._pb.yandex.cloud.ai.batch_inference.v1 import (
    batch_inference_service_pb2 as bi,
)
from ai_studio.native._pb.yandex.cloud.ai.batch_inference.v1 import (
    batch_inference_service_pb2_grpc as bi_grpc,
)
from ai_studio.native._pb.yandex.cloud.ai.batch_inference.v1 import (
    batch_inference_task_pb2 as bi_task,
)
from ai_studio.native._pb.yandex.cloud.ai.dataset.v1 import dataset_pb2
from ai_studio.native._pb.yandex.cloud.ai.dataset.v1 import dataset_service_pb2 as ds
from ai_studio.native._pb.yandex.cloud.ai.dataset.v1 import dataset_service_pb2_grpc as ds_grpc
from ai_studio.native._pb.yandex.cloud.ai.files.v1 import file_pb2
from ai_studio.native._pb.yandex.cloud.ai.files.v1 import file_service_pb2 as fs
from ai_studio.native._pb.yandex.cloud.ai.files.v1 import file_service_pb2_grpc as fs_grpc
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1 import (
    batch_inference_task_status_pb2 as batch_status,
)
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1 import text_common_pb2 as common
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1.embedding import (
    embedding_service_pb2 as emb,
)
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1.embedding import (
    embedding_service_pb2_grpc as emb_grpc,
)
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1.image_generation import (
    image_generation_service_pb2 as img,
)
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1.image_generation import (
    image_generation_service_pb2_grpc as img_grpc,
)
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1.text_classification import (
    text_classification_pb2 as cls_common,
)
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1.text_classification import (
    text_classification_service_pb2 as cls,
)
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1.text_classification import (
    text_classification_service_pb2_grpc as cls_grpc,
)
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1.text_generation import (
    text_generation_service_pb2 as tg,
)
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1.text_generation import (
    text_generation_service_pb2_grpc as tg_grpc,
)
from ai_studio.native._pb.yandex.cloud.ai.tuning.v1 import tuning_service_pb2 as tn
from ai_studio.native._pb.yandex.cloud.ai.tuning.v1 import tuning_service_pb2_grpc as tn_grpc
from ai_studio.native._pb.yandex.cloud.ai.tuning.v1 import tuning_task_pb2
from ai_studio.native._pb.yandex.cloud.operation import operation_pb2
from ai_studio.native._pb.yandex.cloud.operation import operation_service_pb2 as ops
from ai_studio.native._pb.yandex.cloud.operation import operation_service_pb2_grpc as ops_grpc
from ai_studio.native._pb.yandex.cloud.serverless.mcpgateway.v1 import mcp_gateway_pb2
from ai_studio.native._pb.yandex.cloud.serverless.mcpgateway.v1 import (
    mcp_gateway_service_pb2 as mcp,
)
from ai_studio.native._pb.yandex.cloud.serverless.mcpgateway.v1 import (
    mcp_gateway_service_pb2_grpc as mcp_grpc,
)
from google.protobuf import any_pb2, json_format, timestamp_pb2
from google.protobuf.message import Message
from google.rpc import error_details_pb2, status_pb2

from tests.support.quiet_server import QuietOnHangUp

FOLDER = "b1g-native-folder"
API_KEY = "native-key-9e41"
STREAM_PARTS = 4
POLLS = {"image": 3, "completion": 2, "batch": 2, "validate": 1, "tune": 2, "mcp": 1}
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64)) + b"IEND\xaeB`\x82"
CREATED = timestamp_pb2.Timestamp(seconds=1764000000)
GENERATED_TEXT = "Летом в Сочи тепло и солнечно."


class Failure(Exception):
    """A scripted error, sent as a google.rpc.Status."""

    def __init__(self, code: grpc.StatusCode, message: str, details: list[Message] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or []

    def status(self) -> status_pb2.Status:
        packed = []
        for detail in self.details:
            item = any_pb2.Any()
            item.Pack(detail)
            packed.append(item)
        return status_pb2.Status(code=self.code.value[0], message=self.message, details=packed)


@dataclass
class Call:
    rpc: str  # "Service/Method"
    request: Message
    metadata: dict[str, str]
    transport: str  # "grpc" or "rest"


@dataclass
class _Operation:
    kind: str
    description: str
    polls_needed: int
    response: Message | None = None
    metadata: Message | None = None
    error: Failure | None = None
    polls: int = 0


def _pack(message: Message) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed


@dataclass
class Backend:
    calls: list[Call] = field(default_factory=list)
    operations: dict[str, _Operation] = field(default_factory=dict)
    files: dict[str, file_pb2.File] = field(default_factory=dict)
    contents: dict[str, bytes] = field(default_factory=dict)
    gateways: dict[str, mcp_gateway_pb2.McpGateway] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    counters: dict[str, Iterator[int]] = field(default_factory=dict)
    storage_url: str = ""  # where presigned dataset upload/download URLs point (a test's HTTP server)
    invalid_datasets: set[str] = field(default_factory=set)  # Validate reports these as invalid
    answer: str = GENERATED_TEXT  # the final text of a completion

    # --- bookkeeping ------------------------------------------------------------------------

    def record(self, rpc: str, request: Message, metadata: Any, transport: str) -> None:
        pairs = {str(key).lower(): str(value) for key, value in metadata}
        with self.lock:
            self.calls.append(Call(rpc, request, pairs, transport))

    def calls_to(self, rpc: str) -> list[Call]:
        return [call for call in self.calls if call.rpc == rpc]

    def _next_id(self, prefix: str) -> str:
        with self.lock:
            counter = self.counters.setdefault(prefix, itertools.count(1))
            return f"{prefix}-{next(counter)}"

    def _start(self, kind: str, description: str, metadata: Message | None = None, **outcome: Any) -> operation_pb2.Operation:
        operation_id = self._next_id("op")
        state = _Operation(kind, description, POLLS[kind], metadata=metadata, **outcome)
        with self.lock:
            self.operations[operation_id] = state
        return self._operation(operation_id, state)

    def _operation(self, operation_id: str, state: _Operation) -> operation_pb2.Operation:
        done = state.polls >= state.polls_needed
        operation = operation_pb2.Operation(
            id=operation_id, description=state.description, created_at=CREATED, created_by="e2e", done=done
        )
        if state.metadata is not None:
            operation.metadata.CopyFrom(_pack(state.metadata))
        if done and state.error is not None:
            operation.error.CopyFrom(state.error.status())
        elif done and state.response is not None:
            operation.response.CopyFrom(_pack(state.response))
        return operation

    # --- the RPCs ---------------------------------------------------------------------------

    def handle(self, rpc: str, request: Any) -> Any:
        handler: Callable[[Any], Any] = getattr(self, _HANDLERS[rpc])
        return handler(request)

    def completion(self, request: tg.CompletionRequest) -> Iterator[tg.CompletionResponse]:
        user_text = request.messages[-1].text if request.messages else ""
        usage = common.ContentUsage(input_text_tokens=11, completion_tokens=7, total_tokens=18)
        final = tg.CompletionResponse(
            alternatives=[
                common.Alternative(
                    message=common.Message(role="assistant", text=self.answer),
                    status=common.Alternative.ALTERNATIVE_STATUS_FINAL,
                )
            ],
            usage=usage,
            model_version="23.10.2025",
        )
        if not request.completion_options.stream:
            yield final
            return
        words = GENERATED_TEXT.split(" ")
        for part in range(1, STREAM_PARTS + 1):
            if part == 2 and user_text == "fail-mid-stream":
                raise Failure(grpc.StatusCode.RESOURCE_EXHAUSTED, "token quota exceeded for the folder")
            text = " ".join(words[: max(1, len(words) * part // (STREAM_PARTS + 1))])
            yield tg.CompletionResponse(
                alternatives=[
                    common.Alternative(
                        message=common.Message(role="assistant", text=text),
                        status=common.Alternative.ALTERNATIVE_STATUS_PARTIAL,
                    )
                ],
                usage=common.ContentUsage(input_text_tokens=11, completion_tokens=part, total_tokens=11 + part),
                model_version="23.10.2025",
            )
        yield final

    def completion_async(self, request: tg.CompletionRequest) -> operation_pb2.Operation:
        final = next(iter(self.completion(tg.CompletionRequest(model_uri=request.model_uri))))
        return self._start("completion", "Async GPT Request", response=final)

    def completion_batch(self, request: tg.BatchCompletionRequest) -> operation_pb2.Operation:
        metadata = tg.BatchCompletionMetadata(
            task_id="bt-7", task_status=batch_status.IN_PROGRESS, completed_batches=1, total_batches=4
        )
        response = tg.BatchCompletionResponse(
            task_id="bt-7", task_status=batch_status.COMPLETED, result_dataset_id="ds-result-7"
        )
        return self._start("batch", "Batch completion", metadata=metadata, response=response)

    def tokenize(self, request: tg.TokenizeRequest) -> tg.TokenizeResponse:
        tokens = [common.Token(id=100 + i, text=word) for i, word in enumerate(request.text.split())]
        tokens.append(common.Token(id=2, text="</s>", special=True))
        return tg.TokenizeResponse(tokens=tokens, model_version="23.10.2025")

    def text_embedding(self, request: emb.TextEmbeddingRequest) -> emb.TextEmbeddingResponse:
        size = request.dim.value if request.HasField("dim") else 4
        vector = [round(len(request.text) / 100 + i / 8, 6) for i in range(size)]
        return emb.TextEmbeddingResponse(embedding=vector, num_tokens=len(request.text.split()), model_version="emb-3")

    def classify(self, request: cls.TextClassificationRequest) -> cls.TextClassificationResponse:
        spam = 0.875 if "выиграли" in request.text else 0.125
        return cls.TextClassificationResponse(
            predictions=[
                cls_common.ClassificationLabel(label="spam", confidence=spam),
                cls_common.ClassificationLabel(label="ham", confidence=1 - spam),
            ],
            model_version="cls-2",
            input_tokens=len(request.text.split()),
        )

    def few_shot_classify(self, request: cls.FewShotTextClassificationRequest) -> cls.FewShotTextClassificationResponse:
        labels = list(request.labels)
        best = next((s.label for s in request.samples if s.text.split()[0] in request.text), labels[0])
        rest = (1 - 0.75) / max(1, len(labels) - 1)
        return cls.FewShotTextClassificationResponse(
            predictions=[
                cls_common.ClassificationLabel(label=label, confidence=0.75 if label == best else rest)
                for label in labels
            ],
            model_version="cls-few-1",
            input_tokens=42,
        )

    def generate_image(self, request: img.ImageGenerationRequest) -> operation_pb2.Operation:
        prompt = " ".join(m.text for m in request.messages)
        if "forbidden" in prompt:
            error = Failure(
                grpc.StatusCode.INVALID_ARGUMENT,
                "the prompt was rejected by moderation",
                [error_details_pb2.ErrorInfo(reason="PROMPT_REJECTED", domain="art")],
            )
            return self._start("image", "Image generation", error=error)
        return self._start(
            "image", "Image generation", response=img.ImageGenerationResponse(image=PNG, model_version="art-2")
        )

    def get_operation(self, request: ops.GetOperationRequest) -> operation_pb2.Operation:
        with self.lock:
            state = self.operations.get(request.operation_id)
            if state is None:
                raise Failure(grpc.StatusCode.NOT_FOUND, f"operation {request.operation_id} not found")
            state.polls += 1
        return self._operation(request.operation_id, state)

    def cancel_operation(self, request: ops.CancelOperationRequest) -> operation_pb2.Operation:
        with self.lock:
            state = self.operations[request.operation_id]
            state.error = Failure(grpc.StatusCode.CANCELLED, "cancelled by the caller")
            state.polls = state.polls_needed
        return self._operation(request.operation_id, state)

    # files

    def create_file(self, request: fs.CreateFileRequest) -> file_pb2.File:
        file_id = self._next_id("fl")
        stored = file_pb2.File(
            id=file_id,
            folder_id=request.folder_id,
            name=request.name,
            description=request.description,
            mime_type=request.mime_type,
            created_by="e2e",
            created_at=CREATED,
            labels=dict(request.labels),
        )
        with self.lock:
            self.files[file_id] = stored
            self.contents[file_id] = request.content
        return stored

    def get_file(self, request: fs.GetFileRequest) -> file_pb2.File:
        found = self.files.get(request.file_id)
        if found is None:
            raise Failure(grpc.StatusCode.NOT_FOUND, f"file {request.file_id} not found")
        return found

    def list_files(self, request: fs.ListFilesRequest) -> fs.ListFilesResponse:
        ordered = sorted((f for f in self.files.values() if f.folder_id == request.folder_id), key=lambda f: f.id)
        start = int(request.page_token or 0)
        size = request.page_size or 100
        page = ordered[start : start + size]
        more = start + size < len(ordered)
        return fs.ListFilesResponse(files=page, next_page_token=str(start + size) if more else "")

    def delete_file(self, request: fs.DeleteFileRequest) -> fs.DeleteFileResponse:
        if self.files.pop(request.file_id, None) is None:
            raise Failure(grpc.StatusCode.NOT_FOUND, f"file {request.file_id} not found")
        return fs.DeleteFileResponse()

    # batch inference

    def _task(self, task_id: str) -> bi_task.BatchInferenceTask:
        return bi_task.BatchInferenceTask(
            task_id=task_id,
            operation_id=f"op-{task_id}",
            folder_id=FOLDER,
            model_uri=f"gpt://{FOLDER}/yandexgpt-lite/latest",
            source_dataset_id="ds-source-1",
            status=bi_task.BatchInferenceTask.Status.COMPLETED,
            result_dataset_id=f"ds-result-{task_id}",
            created_at=CREATED,
        )

    def describe_batch(self, request: bi.DescribeBatchInferenceRequest) -> bi.DescribeBatchInferenceResponse:
        return bi.DescribeBatchInferenceResponse(task=self._task(request.task_id))

    def list_batches(self, request: bi.ListBatchInferencesRequest) -> bi.ListBatchInferencesResponse:
        return bi.ListBatchInferencesResponse(tasks=[self._task("bt-1"), self._task("bt-2")], next_page_token="")

    def cancel_batch(self, request: bi.CancelBatchInferenceRequest) -> bi.CancelBatchInferenceResponse:
        return bi.CancelBatchInferenceResponse(task_id=request.task_id)

    # datasets

    def _dataset(self, dataset_id: str, name: str = "faq-pairs") -> dataset_pb2.DatasetInfo:
        return dataset_pb2.DatasetInfo(
            dataset_id=dataset_id,
            folder_id=FOLDER,
            name=name,
            status=dataset_pb2.DatasetInfo.Status.READY,
            task_type="TextToTextGeneration",
            rows=120,
            size_bytes=48213,
            created_at=CREATED,
        )

    def create_dataset(self, request: ds.CreateDatasetRequest) -> ds.CreateDatasetResponse:
        info = self._dataset("ds-new-1", request.name)
        info.status = dataset_pb2.DatasetInfo.Status.DRAFT
        info.labels.update(request.labels)
        return ds.CreateDatasetResponse(dataset_id=info.dataset_id, dataset=info)

    def describe_dataset(self, request: ds.DescribeDatasetRequest) -> ds.DescribeDatasetResponse:
        if not request.dataset_id.startswith("ds-"):
            raise Failure(grpc.StatusCode.NOT_FOUND, f"dataset {request.dataset_id} not found")
        return ds.DescribeDatasetResponse(dataset=self._dataset(request.dataset_id))

    def list_datasets(self, request: ds.ListDatasetsRequest) -> ds.ListDatasetsResponse:
        return ds.ListDatasetsResponse(datasets=[self._dataset("ds-1"), self._dataset("ds-2", "support-chats")])

    def validate_dataset(self, request: ds.ValidateDatasetRequest) -> operation_pb2.Operation:
        metadata = ds.ValidateDatasetMetadata(dataset_id=request.dataset_id, valid_rows=120, processed_rows=120, total_rows=120)
        response = ds.ValidateDatasetResponse(dataset_id=request.dataset_id, is_valid=True)
        if request.dataset_id in self.invalid_datasets:
            response.is_valid = False
            response.errors.add(error="bad_json", error_description="line is not JSON", row_numbers=[2])
        return self._start("validate", "Dataset validation", metadata=metadata, response=response)

    def get_upload_draft_url(self, request: ds.GetUploadDraftUrlRequest) -> ds.GetUploadDraftUrlResponse:
        url = f"{self.storage_url}/upload/{request.dataset_id}?signature=s1"
        return ds.GetUploadDraftUrlResponse(dataset_id=request.dataset_id, upload_url=url)

    def get_download_urls(self, request: ds.GetDownloadUrlsRequest) -> ds.GetDownloadUrlsResponse:
        parts = [
            dataset_pb2.DatasetFileDownloadUrl(key=f"part-{n}.jsonl", url=f"{self.storage_url}/results/{request.dataset_id}/{n}")
            for n in (0, 1)
        ]
        return ds.GetDownloadUrlsResponse(dataset_id=request.dataset_id, download_urls=parts)

    # tuning

    def _tuning(self, task_id: str, status: int) -> tuning_task_pb2.TuningTask:
        return tuning_task_pb2.TuningTask(
            task_id=task_id,
            operation_id=f"op-{task_id}",
            status=status,  # type: ignore[arg-type]
            folder_id=FOLDER,
            created_at=CREATED,
            source_model_uri=f"gpt://{FOLDER}/yandexgpt-lite/latest",
            target_model_uri=f"gpt://{FOLDER}/yandexgpt-lite/latest@{task_id}",
            name=f"tuning {task_id}",
        )

    def tune(self, request: tn.TuningRequest) -> operation_pb2.Operation:
        metadata = tn.TuningMetadata(
            tuning_task_id="ft-9", status=tuning_task_pb2.TuningTask.Status.IN_PROGRESS, total_steps=10, current_step=3
        )
        response = tn.TuningResponse(
            tuning_task_id="ft-9",
            status=tuning_task_pb2.TuningTask.Status.COMPLETED,
            target_model_uri=f"{request.base_model_uri}@ft-9",
        )
        return self._start("tune", "Tuning", metadata=metadata, response=response)

    def list_tunings(self, request: tn.ListTuningsRequest) -> tn.ListTuningsResponse:
        return tn.ListTuningsResponse(
            tuning_tasks=[
                self._tuning("ft-8", tuning_task_pb2.TuningTask.Status.COMPLETED),
                self._tuning("ft-9", tuning_task_pb2.TuningTask.Status.IN_PROGRESS),
            ],
            next_page_token="",
        )

    def describe_tuning(self, request: tn.DescribeTuningRequest) -> tn.DescribeTuningResponse:
        return tn.DescribeTuningResponse(
            tuning_task=self._tuning(request.tuning_task_id, tuning_task_pb2.TuningTask.Status.COMPLETED)
        )

    # MCP gateway

    def create_gateway(self, request: mcp.CreateMcpGatewayRequest) -> operation_pb2.Operation:
        gateway_id = self._next_id("mcpg")
        gateway = mcp_gateway_pb2.McpGateway(
            id=gateway_id,
            folder_id=request.folder_id,
            created_at=CREATED,
            name=request.name,
            description=request.description,
            labels=dict(request.labels),
            status=mcp_gateway_pb2.McpGateway.Status.ACTIVE,
            base_domain=f"{gateway_id}.mcpgw.example",
            public=request.public,
        )
        with self.lock:
            self.gateways[gateway_id] = gateway
        metadata = mcp.CreateMcpGatewayMetadata(mcp_gateway_id=gateway_id, folder_id=request.folder_id)
        return self._start("mcp", "Create MCP gateway", metadata=metadata, response=gateway)

    def get_gateway(self, request: mcp.GetMcpGatewayRequest) -> mcp_gateway_pb2.McpGateway:
        found = self.gateways.get(request.mcp_gateway_id)
        if found is None:
            raise Failure(grpc.StatusCode.NOT_FOUND, f"MCP gateway {request.mcp_gateway_id} not found")
        return found

    def list_gateways(self, request: mcp.ListMcpGatewayRequest) -> mcp.ListMcpGatewayResponse:
        previews = [
            mcp_gateway_pb2.McpGatewayPreview(id=g.id, folder_id=g.folder_id, name=g.name, status=g.status, public=g.public)
            for g in self.gateways.values()
            if g.folder_id == request.folder_id
        ]
        return mcp.ListMcpGatewayResponse(gateways=previews)


_HANDLERS = {
    "TextGenerationService/Completion": "completion",
    "TextGenerationAsyncService/Completion": "completion_async",
    "TextGenerationBatchService/Completion": "completion_batch",
    "TokenizerService/Tokenize": "tokenize",
    "EmbeddingsService/TextEmbedding": "text_embedding",
    "TextClassificationService/Classify": "classify",
    "TextClassificationService/FewShotClassify": "few_shot_classify",
    "ImageGenerationAsyncService/Generate": "generate_image",
    "OperationService/Get": "get_operation",
    "OperationService/Cancel": "cancel_operation",
    "FileService/Create": "create_file",
    "FileService/Get": "get_file",
    "FileService/List": "list_files",
    "FileService/Delete": "delete_file",
    "BatchInferenceService/Describe": "describe_batch",
    "BatchInferenceService/List": "list_batches",
    "BatchInferenceService/Cancel": "cancel_batch",
    "DatasetService/Create": "create_dataset",
    "DatasetService/Describe": "describe_dataset",
    "DatasetService/List": "list_datasets",
    "DatasetService/Validate": "validate_dataset",
    "DatasetService/GetUploadDraftUrl": "get_upload_draft_url",
    "DatasetService/GetDownloadUrls": "get_download_urls",
    "TuningService/Tune": "tune",
    "TuningService/List": "list_tunings",
    "TuningService/Describe": "describe_tuning",
    "McpGatewayService/Create": "create_gateway",
    "McpGatewayService/Get": "get_gateway",
    "McpGatewayService/List": "list_gateways",
}


# --- gRPC ------------------------------------------------------------------------------------


def _abort(context: grpc.ServicerContext, failure: Failure) -> None:
    status = failure.status()
    context.set_trailing_metadata((("grpc-status-details-bin", status.SerializeToString()),))
    context.abort(failure.code, failure.message)


def _unary(backend: Backend, rpc: str) -> Callable[[Any, Any, grpc.ServicerContext], Any]:
    def method(self: Any, request: Any, context: grpc.ServicerContext) -> Any:
        backend.record(rpc, request, context.invocation_metadata(), "grpc")
        try:
            return backend.handle(rpc, request)
        except Failure as failure:
            _abort(context, failure)

    return method


def _server_stream(backend: Backend, rpc: str) -> Callable[[Any, Any, grpc.ServicerContext], Iterator[Any]]:
    def method(self: Any, request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
        backend.record(rpc, request, context.invocation_metadata(), "grpc")
        try:
            yield from backend.handle(rpc, request)
        except Failure as failure:
            _abort(context, failure)

    return method


_SERVICERS: list[tuple[Any, str, Callable[[Any, grpc.Server], None]]] = [
    (tg_grpc.TextGenerationServiceServicer, "TextGenerationService", tg_grpc.add_TextGenerationServiceServicer_to_server),
    (tg_grpc.TextGenerationAsyncServiceServicer, "TextGenerationAsyncService", tg_grpc.add_TextGenerationAsyncServiceServicer_to_server),
    (tg_grpc.TextGenerationBatchServiceServicer, "TextGenerationBatchService", tg_grpc.add_TextGenerationBatchServiceServicer_to_server),
    (tg_grpc.TokenizerServiceServicer, "TokenizerService", tg_grpc.add_TokenizerServiceServicer_to_server),
    (emb_grpc.EmbeddingsServiceServicer, "EmbeddingsService", emb_grpc.add_EmbeddingsServiceServicer_to_server),
    (cls_grpc.TextClassificationServiceServicer, "TextClassificationService", cls_grpc.add_TextClassificationServiceServicer_to_server),
    (img_grpc.ImageGenerationAsyncServiceServicer, "ImageGenerationAsyncService", img_grpc.add_ImageGenerationAsyncServiceServicer_to_server),
    (ops_grpc.OperationServiceServicer, "OperationService", ops_grpc.add_OperationServiceServicer_to_server),
    (fs_grpc.FileServiceServicer, "FileService", fs_grpc.add_FileServiceServicer_to_server),
    (bi_grpc.BatchInferenceServiceServicer, "BatchInferenceService", bi_grpc.add_BatchInferenceServiceServicer_to_server),
    (ds_grpc.DatasetServiceServicer, "DatasetService", ds_grpc.add_DatasetServiceServicer_to_server),
    (tn_grpc.TuningServiceServicer, "TuningService", tn_grpc.add_TuningServiceServicer_to_server),
    (mcp_grpc.McpGatewayServiceServicer, "McpGatewayService", mcp_grpc.add_McpGatewayServiceServicer_to_server),
]


def start_grpc(backend: Backend) -> tuple[grpc.Server, int]:
    """A grpcio server on 127.0.0.1 with a servicer per service; RPCs not scripted stay UNIMPLEMENTED."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    for base, service, add in _SERVICERS:
        methods: dict[str, Any] = {}
        for rpc in _HANDLERS:
            name, _, method = rpc.partition("/")
            if name == service:
                streams = rpc == "TextGenerationService/Completion"
                methods[method] = (_server_stream if streams else _unary)(backend, rpc)
        add(type(service, (base,), methods)(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    return server, port


# --- REST (grpc-gateway conventions) ---------------------------------------------------------

_HTTP_STATUS = {
    grpc.StatusCode.INVALID_ARGUMENT: 400,
    grpc.StatusCode.UNAUTHENTICATED: 401,
    grpc.StatusCode.PERMISSION_DENIED: 403,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 429,
    grpc.StatusCode.CANCELLED: 499,
    grpc.StatusCode.UNIMPLEMENTED: 501,
}


@dataclass(frozen=True)
class Route:
    verb: str
    template: str  # google.api.http path, e.g. /files/v1/files/{file_id}
    rpc: str
    request_type: type[Message]
    body: bool  # body: "*"
    stream: bool = False

    def match(self, verb: str, path: str) -> dict[str, str] | None:
        if verb != self.verb:
            return None
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/:]+)", re.escape(self.template))
        found = re.fullmatch(pattern, path)
        return {k: unquote(v) for k, v in found.groupdict().items()} if found else None


# The google.api.http rules of the upstream protos, written out as grpc-gateway would serve them.
ROUTES = [
    Route("POST", "/foundationModels/v1/completion", "TextGenerationService/Completion", tg.CompletionRequest, True, stream=True),
    Route("POST", "/foundationModels/v1/completionAsync", "TextGenerationAsyncService/Completion", tg.CompletionRequest, True),
    Route("POST", "/foundationModels/v1/tokenize", "TokenizerService/Tokenize", tg.TokenizeRequest, True),
    Route("POST", "/foundationModels/v1/textEmbedding", "EmbeddingsService/TextEmbedding", emb.TextEmbeddingRequest, True),
    Route("POST", "/foundationModels/v1/textClassification", "TextClassificationService/Classify", cls.TextClassificationRequest, True),
    Route("POST", "/foundationModels/v1/fewShotTextClassification", "TextClassificationService/FewShotClassify", cls.FewShotTextClassificationRequest, True),
    Route("POST", "/foundationModels/v1/imageGenerationAsync", "ImageGenerationAsyncService/Generate", img.ImageGenerationRequest, True),
    Route("GET", "/operations/{operation_id}:cancel", "OperationService/Cancel", ops.CancelOperationRequest, False),
    Route("GET", "/operations/{operation_id}", "OperationService/Get", ops.GetOperationRequest, False),
    Route("POST", "/files/v1/files", "FileService/Create", fs.CreateFileRequest, True),
    Route("GET", "/files/v1/files", "FileService/List", fs.ListFilesRequest, False),
    Route("GET", "/files/v1/files/{file_id}", "FileService/Get", fs.GetFileRequest, False),
    Route("DELETE", "/files/v1/files/{file_id}", "FileService/Delete", fs.DeleteFileRequest, False),
    Route("POST", "/mcpgateway/v1/mcpGateways", "McpGatewayService/Create", mcp.CreateMcpGatewayRequest, True),
    Route("GET", "/mcpgateway/v1/mcpGateways", "McpGatewayService/List", mcp.ListMcpGatewayRequest, False),
    Route("GET", "/mcpgateway/v1/mcpGateways/{mcp_gateway_id}", "McpGatewayService/Get", mcp.GetMcpGatewayRequest, False),
]


@dataclass
class HttpExchange:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any  # the parsed JSON body, or None


def _status_body(failure: Failure) -> dict[str, Any]:
    return json_format.MessageToDict(failure.status())


def _to_json(message: Message) -> dict[str, Any]:
    return json_format.MessageToDict(message)


def _nest(query: dict[str, list[str]]) -> dict[str, Any]:
    """`a.b=1&c=2&c=3` -> {"a": {"b": "1"}, "c": ["2", "3"]}; ParseDict takes JSON or proto names."""
    out: dict[str, Any] = {}
    for key, values in query.items():
        *parents, last = key.split(".")
        target = out
        for parent in parents:
            target = target.setdefault(parent, {})
        target[last] = values if len(values) > 1 else values[0]
    return out


class Gateway(QuietOnHangUp):
    def __init__(self, backend: Backend) -> None:
        super().__init__(("127.0.0.1", 0), _GatewayHandler)
        self.backend = backend
        self.exchanges: list[HttpExchange] = []

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


class _GatewayHandler(BaseHTTPRequestHandler):
    server: Gateway
    protocol_version = "HTTP/1.1"
    wbufsize = 1 << 16  # headers and body leave in one segment; streamed chunks are flushed

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def _handle(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        query = parse_qs(url.query, keep_blank_values=True)
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.server.exchanges.append(HttpExchange(self.command, url.path, query, headers, body))
        for route in ROUTES:
            variables = route.match(self.command, url.path)
            if variables is not None:
                break
        else:
            failure = Failure(grpc.StatusCode.NOT_FOUND, f"no route for {self.command} {url.path}")
            return self._send(404, _status_body(failure))
        try:
            request = route.request_type()
            json_format.ParseDict(body if route.body and body else {}, request)
            json_format.ParseDict(_nest(query), request)
            for name, value in variables.items():
                setattr(request, name, value)
        except json_format.ParseError as exc:
            failure = Failure(grpc.StatusCode.INVALID_ARGUMENT, f"bad request: {exc}")
            return self._send(400, _status_body(failure))
        backend = self.server.backend
        backend.record(route.rpc, request, headers.items(), "rest")
        try:
            result = backend.handle(route.rpc, request)
            if route.stream:
                return self._stream(result)
            return self._send(200, _to_json(result))
        except Failure as failure:
            return self._send(_HTTP_STATUS.get(failure.code, 500), _status_body(failure))

    do_GET = do_POST = do_DELETE = do_PATCH = _handle

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("x-request-id", f"req-{len(self.server.exchanges)}")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _chunk(self, line: dict[str, Any]) -> None:
        data = json.dumps(line, ensure_ascii=False).encode() + b"\n"
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _stream(self, messages: Iterator[Message]) -> None:
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        try:
            for message in messages:
                self._chunk({"result": _to_json(message)})
        except Failure as failure:
            self._chunk({"error": _status_body(failure)})
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


def start_gateway(backend: Backend) -> Gateway:
    gateway = Gateway(backend)
    threading.Thread(target=gateway.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return gateway


def stop_gateway(gateway: Gateway) -> None:
    gateway.shutdown()
    gateway.server_close()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
