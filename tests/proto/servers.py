"""Local AI Studio look-alikes: a grpcio server built on the generated `_pb2_grpc` servicers,
and an HTTP server that follows the grpc-gateway conventions, sharing one scripted backend.

Scripted behaviour (chosen by the request's text):
- text generation streams `STREAM_PARTS` partial responses; "fail-mid-stream" ends the stream
  with RESOURCE_EXHAUSTED after the first part;
- image generation starts an operation that is done after `POLLS_TO_FINISH` polls of
  OperationService.Get; the prompt "fail" makes it finish with INVALID_ARGUMENT plus an
  ErrorInfo detail;
- tokenize "slow" and files.get "slow" sleep `SLOW_SECONDS` (deadline tests); files.get of
  "missing" is NOT_FOUND; files.list pages through `FILES_PER_FOLDER` files (page tokens are
  offsets: "", "2", "4" for pages of 2).

Retry scenarios script failures per RPC (`Backend.fail`): each call records its metadata, then
answers with the next scripted failure for its RPC, if any, as a server that processed the call
and then failed would (a `retry-after-ms` / `retry-after` in trailing metadata or headers).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from concurrent import futures
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import grpc
from google.protobuf import any_pb2, json_format
from google.rpc import error_details_pb2, status_pb2

from tests.proto.conftest import stub
from tests.support.quiet_server import QuietOnHangUp

STREAM_PARTS = 3
POLLS_TO_FINISH = 2
SLOW_SECONDS = 0.5
FILES_PER_FOLDER = 5
FOUNDATION = "yandex.cloud.ai.foundation_models.v1"


@dataclass
class Stubs:
    text: ModuleType
    text_grpc: ModuleType
    common: ModuleType
    image: ModuleType
    image_grpc: ModuleType
    operation: ModuleType
    operation_service: ModuleType
    operation_grpc: ModuleType
    files: ModuleType
    file: ModuleType
    files_grpc: ModuleType

    @classmethod
    def of(cls, package: ModuleType) -> Stubs:
        fm = "yandex.cloud.ai.foundation_models.v1"
        return cls(
            text=stub(package, f"{fm}.text_generation.text_generation_service_pb2"),
            text_grpc=stub(package, f"{fm}.text_generation.text_generation_service_pb2_grpc"),
            common=stub(package, f"{fm}.text_common_pb2"),
            image=stub(package, f"{fm}.image_generation.image_generation_service_pb2"),
            image_grpc=stub(package, f"{fm}.image_generation.image_generation_service_pb2_grpc"),
            operation=stub(package, "yandex.cloud.operation.operation_pb2"),
            operation_service=stub(package, "yandex.cloud.operation.operation_service_pb2"),
            operation_grpc=stub(package, "yandex.cloud.operation.operation_service_pb2_grpc"),
            files=stub(package, "yandex.cloud.ai.files.v1.file_service_pb2"),
            file=stub(package, "yandex.cloud.ai.files.v1.file_pb2"),
            files_grpc=stub(package, "yandex.cloud.ai.files.v1.file_service_pb2_grpc"),
        )


class Failure(Exception):
    """A scripted error: a google.rpc.Status to send (and trailing metadata / headers)."""

    def __init__(
        self,
        code: grpc.StatusCode,
        message: str,
        details: list[any_pb2.Any] | None = None,
        trailing: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or []
        self.trailing = trailing or {}

    def status(self) -> status_pb2.Status:
        return status_pb2.Status(code=self.code.value[0], message=self.message, details=self.details)


@dataclass
class Backend:
    stubs: Stubs
    metadata: list[dict[str, str]] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)  # RPC names, in the order they arrived
    script: dict[str, list[Failure]] = field(default_factory=dict)
    page_tokens: list[str] = field(default_factory=list)
    polls: dict[str, int] = field(default_factory=dict)
    failing: set[str] = field(default_factory=set)
    cancelled: set[str] = field(default_factory=set)
    counter: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail(self, rpc: str, *failures: Failure) -> None:
        """Answer the next calls of `rpc` (e.g. "Tokenize") with these failures, in order."""
        with self.lock:
            self.script[rpc] = list(failures)

    def begin(self, rpc: str, pairs: Any) -> None:
        """Record a call; raise the failure scripted for it, if any (after "processing" it)."""
        with self.lock:
            self.calls.append(rpc)
            self.metadata.append({k.lower(): v for k, v in pairs})
            queue = self.script.get(rpc)
            failure = queue.pop(0) if queue else None
        if failure is not None:
            raise failure

    def calls_of(self, rpc: str) -> list[dict[str, str]]:
        """The metadata of each call of `rpc`."""
        with self.lock:
            return [m for name, m in zip(self.calls, self.metadata, strict=True) if name == rpc]

    def reset(self) -> None:
        with self.lock:
            self.metadata.clear()
            self.calls.clear()
            self.script.clear()
            self.page_tokens.clear()

    # --- the scripted methods -----------------------------------------------------------

    def completion(self, request: Any) -> Iterator[Any]:
        text = request.messages[0].text if request.messages else ""
        for index in range(STREAM_PARTS):
            if index == 1 and text == "fail-mid-stream":
                raise Failure(grpc.StatusCode.RESOURCE_EXHAUSTED, "quota exceeded")
            yield self.stubs.text.CompletionResponse(
                alternatives=[
                    self.stubs.common.Alternative(
                        message=self.stubs.common.Message(role="assistant", text=f"part {index}"),
                        status=self.stubs.common.Alternative.ALTERNATIVE_STATUS_PARTIAL,
                    )
                ],
                model_version="test",
            )

    def tokenize(self, request: Any) -> Any:
        if request.text == "slow":
            time.sleep(SLOW_SECONDS)
        tokens = [self.stubs.common.Token(id=i, text=word) for i, word in enumerate(request.text.split())]
        return self.stubs.text.TokenizeResponse(tokens=tokens, model_version=request.model_uri)

    def generate_image(self, request: Any) -> Any:
        with self.lock:
            self.counter += 1
            operation_id = f"op-{self.counter}"
            self.polls[operation_id] = 0
            if request.messages and request.messages[0].text == "fail":
                self.failing.add(operation_id)
        return self.stubs.operation.Operation(id=operation_id, description="image", done=False)

    def get_operation(self, operation_id: str) -> Any:
        with self.lock:
            if operation_id not in self.polls:
                raise Failure(grpc.StatusCode.NOT_FOUND, f"operation {operation_id} not found")
            self.polls[operation_id] += 1
            polls = self.polls[operation_id]
        operation = self.stubs.operation.Operation(id=operation_id, description="image")
        metadata = any_pb2.Any()
        metadata.Pack(self.stubs.image.ImageGenerationRequest(model_uri="art://f/yandex-art"))
        operation.metadata.CopyFrom(metadata)
        if operation_id in self.cancelled:
            operation.done = True
            operation.error.CopyFrom(Failure(grpc.StatusCode.CANCELLED, "cancelled").status())
        elif polls >= POLLS_TO_FINISH:
            operation.done = True
            if operation_id in self.failing:
                detail = any_pb2.Any()
                detail.Pack(error_details_pb2.ErrorInfo(reason="BAD_PROMPT", domain="art"))
                error = Failure(grpc.StatusCode.INVALID_ARGUMENT, "prompt rejected", [detail])
                operation.error.CopyFrom(error.status())
            else:
                result = self.stubs.image.ImageGenerationResponse(image=b"\x89PNG-bytes", model_version="art-1")
                operation.response.Pack(result)
        return operation

    def cancel_operation(self, operation_id: str) -> Any:
        with self.lock:
            self.cancelled.add(operation_id)
        return self.get_operation(operation_id)

    def get_file(self, file_id: str) -> Any:
        if file_id == "missing":
            raise Failure(grpc.StatusCode.NOT_FOUND, "file not found")
        if file_id == "slow":
            time.sleep(SLOW_SECONDS)
        return self.stubs.file.File(id=file_id, folder_id="folder", name=f"name of {file_id}")

    def list_files(self, request: Any) -> Any:
        with self.lock:
            self.page_tokens.append(request.page_token)
        start = int(request.page_token or 0)
        end = min(start + (request.page_size or FILES_PER_FOLDER), FILES_PER_FOLDER)
        files = [self.stubs.file.File(id=f"{request.folder_id}-{i}") for i in range(start, end)]
        following = str(end) if end < FILES_PER_FOLDER else ""
        return self.stubs.files.ListFilesResponse(files=files, next_page_token=following)


# --- gRPC ----------------------------------------------------------------------------------


def _abort(context: grpc.ServicerContext, failure: Failure) -> None:
    status = failure.status()
    trailing = [("grpc-status-details-bin", status.SerializeToString()), *failure.trailing.items()]
    context.set_trailing_metadata(tuple(trailing))
    context.abort(failure.code, failure.message)


def start_grpc(backend: Backend, port: int = 0) -> tuple[grpc.Server, int]:
    s = backend.stubs

    def unary(rpc: str, handle: Any) -> Any:
        def method(self: Any, request: Any, context: grpc.ServicerContext) -> Any:
            try:
                backend.begin(rpc, context.invocation_metadata())
                return handle(request)
            except Failure as failure:
                _abort(context, failure)

        return method

    class TextGeneration(s.text_grpc.TextGenerationServiceServicer):  # type: ignore[name-defined,misc]
        def Completion(self, request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
            try:
                backend.begin("Completion", context.invocation_metadata())
                yield from backend.completion(request)
            except Failure as failure:
                _abort(context, failure)

    class Tokenizer(s.text_grpc.TokenizerServiceServicer):  # type: ignore[name-defined,misc]
        Tokenize = unary("Tokenize", backend.tokenize)

    class ImageGeneration(s.image_grpc.ImageGenerationAsyncServiceServicer):  # type: ignore[name-defined,misc]
        Generate = unary("Generate", backend.generate_image)

    class Operations(s.operation_grpc.OperationServiceServicer):  # type: ignore[name-defined,misc]
        Get = unary("GetOperation", lambda request: backend.get_operation(request.operation_id))
        Cancel = unary("CancelOperation", lambda request: backend.cancel_operation(request.operation_id))

    class Files(s.files_grpc.FileServiceServicer):  # type: ignore[name-defined,misc]
        Get = unary("GetFile", lambda request: backend.get_file(request.file_id))
        List = unary("ListFiles", backend.list_files)

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    s.text_grpc.add_TextGenerationServiceServicer_to_server(TextGeneration(), server)
    s.text_grpc.add_TokenizerServiceServicer_to_server(Tokenizer(), server)
    s.image_grpc.add_ImageGenerationAsyncServiceServicer_to_server(ImageGeneration(), server)
    s.operation_grpc.add_OperationServiceServicer_to_server(Operations(), server)
    s.files_grpc.add_FileServiceServicer_to_server(Files(), server)
    port = server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    return server, port


# --- REST (grpc-gateway conventions) -------------------------------------------------------

_HTTP = {
    grpc.StatusCode.INVALID_ARGUMENT: 400,
    grpc.StatusCode.UNAUTHENTICATED: 401,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 429,
    grpc.StatusCode.CANCELLED: 499,
    grpc.StatusCode.UNAVAILABLE: 503,
    grpc.StatusCode.DEADLINE_EXCEEDED: 504,
}


def _status_json(failure: Failure) -> dict[str, Any]:
    return json_format.MessageToDict(failure.status())


class Gateway(QuietOnHangUp):
    def __init__(self, backend: Backend, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.backend = backend
        self.requests: list[tuple[str, str, dict[str, list[str]], Any]] = []


def _rpc(path: str) -> str:
    """The RPC a gateway path stands for (the names `Backend.fail` scripts)."""
    if path.startswith("/operations/"):
        return "CancelOperation" if path.endswith(":cancel") else "GetOperation"
    if path.startswith("/files/v1/files/"):
        return "GetFile"
    names = {
        "/foundationModels/v1/completion": "Completion",
        "/foundationModels/v1/tokenize": "Tokenize",
        "/foundationModels/v1/imageGenerationAsync": "Generate",
        "/files/v1/files": "ListFiles",
    }
    return names.get(path, path)


class _Handler(BaseHTTPRequestHandler):
    server: Gateway
    protocol_version = "HTTP/1.0"  # the body ends when the connection closes: streams stay simple

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        backend = self.server.backend
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        length = int(self.headers.get("content-length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        self.server.requests.append((self.command, url.path, query, body))
        s = backend.stubs
        try:
            backend.begin(_rpc(url.path), self.headers.items())
            if url.path == "/foundationModels/v1/completion":
                request = json_format.ParseDict(body, s.text.CompletionRequest())
                self._stream(backend.completion(request))
            elif url.path == "/foundationModels/v1/tokenize":
                self._json(backend.tokenize(json_format.ParseDict(body, s.text.TokenizeRequest())))
            elif url.path == "/foundationModels/v1/imageGenerationAsync":
                request = json_format.ParseDict(body, s.image.ImageGenerationRequest())
                self._json(backend.generate_image(request))
            elif url.path.startswith("/operations/"):
                operation_id = url.path.removeprefix("/operations/")
                if operation_id.endswith(":cancel"):
                    self._json(backend.cancel_operation(operation_id.removesuffix(":cancel")))
                else:
                    self._json(backend.get_operation(operation_id))
            elif url.path.startswith("/files/v1/files/"):
                self._json(backend.get_file(unquote(url.path.removeprefix("/files/v1/files/"))))
            elif url.path == "/files/v1/files":
                request = s.files.ListFilesRequest(
                    folder_id=query["folderId"][0],
                    page_size=int(query["pageSize"][0]),
                    page_token=query.get("pageToken", [""])[0],
                )
                self._json(backend.list_files(request))
            else:
                raise Failure(grpc.StatusCode.NOT_FOUND, f"no route for {url.path}")
        except Failure as failure:
            body = json.dumps(_status_json(failure)).encode()
            self._send(_HTTP.get(failure.code, 500), body, failure.trailing)

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("x-request-id", "req-rest-1")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, message: Any) -> None:
        self._send(200, json_format.MessageToJson(message).encode())

    def _stream(self, messages: Iterator[Any]) -> None:
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.end_headers()
        try:
            for message in messages:
                line = {"result": json_format.MessageToDict(message)}
                self.wfile.write(json.dumps(line).encode() + b"\n")
                self.wfile.flush()
        except Failure as failure:
            self.wfile.write(json.dumps({"error": _status_json(failure)}).encode() + b"\n")


def start_gateway(backend: Backend, port: int = 0) -> Gateway:
    gateway = Gateway(backend, port)
    threading.Thread(target=gateway.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return gateway
