"""The client: one object per credentials, giving access to every service of the package."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from types import TracebackType
from typing import Any

from ._grpc._auth import AsyncTokenProvider, TokenProvider, credential_metadata, one_of
from ._grpc._endpoints import endpoints_from_env
from ._grpc._operations import AsyncPoller, Poller
from ._grpc._retry_policy import (
    DEFAULT_MAX_RETRIES,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_DELAY,
    RetryPolicy,
)
from ._grpc._transport import (
    AsyncTransport,
    Transport,
    TransportKind,
    make_async_transport,
    make_transport,
)
from ._pb.yandex.cloud.operation.operation_service_pb2 import (
    CancelOperationRequest,
    GetOperationRequest,
)
from .batch_inference._batch_inference_service import (
    AsyncBatchInferenceService,
    BatchInferenceService,
)
from .dataset._dataset_service import AsyncDatasetService, DatasetService
from .files._file_service import AsyncFileService, FileService
from .foundation_models._embeddings_service import AsyncEmbeddingsService, EmbeddingsService
from .foundation_models._text_generation_async_service import (
    AsyncTextGenerationAsyncService,
    TextGenerationAsyncService,
)
from .foundation_models._text_generation_batch_service import (
    AsyncTextGenerationBatchService,
    TextGenerationBatchService,
)
from .foundation_models._text_generation_service import (
    AsyncTextGenerationService,
    TextGenerationService,
)
from .foundation_models._tokenizer_service import AsyncTokenizerService, TokenizerService
from .iam._iam_token_service import AsyncIamTokenService, IamTokenService
from .image_generation._image_generation_async_service import (
    AsyncImageGenerationAsyncService,
    ImageGenerationAsyncService,
)
from .mcpgateway._mcp_gateway_service import AsyncMcpGatewayService, McpGatewayService
from .operation._operation_service import (
    CANCEL as _OPERATION_CANCEL,
    GET as _OPERATION_GET,
    AsyncOperationService,
    OperationService,
)
from .text_classification._text_classification_service import (
    AsyncTextClassificationService,
    TextClassificationService,
)
from .tuning._tuning_service import AsyncTuningService, TuningService

# proto package prefix -> endpoint; the longest matching prefix wins
GRPC_ENDPOINTS: dict[str, str] = {
    "yandex.cloud.ai": "llm.api.cloud.yandex.net:443",
    "yandex.cloud.ai.files": "assistant.api.cloud.yandex.net:443",
    "yandex.cloud.iam": "iam.api.cloud.yandex.net:443",
    "yandex.cloud.operation": "operation.api.cloud.yandex.net:443",
    "yandex.cloud.serverless.mcpgateway": "serverless-mcp-gateway.api.cloud.yandex.net:443",
}
REST_ENDPOINTS: dict[str, str] = {
    "yandex.cloud.ai.files": "https://rest-assistant.api.cloud.yandex.net",
    "yandex.cloud.ai.foundation_models": "https://llm.api.cloud.yandex.net",
    "yandex.cloud.iam": "https://iam.api.cloud.yandex.net",
    "yandex.cloud.operation": "https://operation.api.cloud.yandex.net",
    "yandex.cloud.serverless.mcpgateway": "https://serverless-mcp-gateway.api.cloud.yandex.net",
}
# environment variables over the endpoints above: one for every service, then one per prefix
GRPC_ENDPOINT_ENV = "AI_STUDIO_GRPC_ENDPOINT"
REST_ENDPOINT_ENV = "AI_STUDIO_REST_ENDPOINT"
GRPC_ENDPOINT_ENVS: dict[str, str] = {
    "yandex.cloud.ai": "AI_STUDIO_AI_GRPC_ENDPOINT",
    "yandex.cloud.ai.files": "AI_STUDIO_FILES_GRPC_ENDPOINT",
    "yandex.cloud.iam": "AI_STUDIO_IAM_GRPC_ENDPOINT",
    "yandex.cloud.operation": "AI_STUDIO_OPERATION_GRPC_ENDPOINT",
    "yandex.cloud.serverless.mcpgateway": "AI_STUDIO_MCPGATEWAY_GRPC_ENDPOINT",
}
REST_ENDPOINT_ENVS: dict[str, str] = {
    "yandex.cloud.ai.files": "AI_STUDIO_FILES_REST_ENDPOINT",
    "yandex.cloud.ai.foundation_models": "AI_STUDIO_FOUNDATION_MODELS_REST_ENDPOINT",
    "yandex.cloud.iam": "AI_STUDIO_IAM_REST_ENDPOINT",
    "yandex.cloud.operation": "AI_STUDIO_OPERATION_REST_ENDPOINT",
    "yandex.cloud.serverless.mcpgateway": "AI_STUDIO_MCPGATEWAY_REST_ENDPOINT",
}
DEFAULT_TIMEOUT = 600.0


def _poller(transport: Transport) -> Poller:
    get = transport.unary(_OPERATION_GET)
    cancel = transport.unary(_OPERATION_CANCEL)
    return Poller(
        get=lambda operation_id, timeout: get(
            GetOperationRequest(operation_id=operation_id), timeout, None, None, None
        ),
        cancel=lambda operation_id, timeout: cancel(
            CancelOperationRequest(operation_id=operation_id), timeout, None, None, None
        ),
    )


def _async_poller(transport: AsyncTransport) -> AsyncPoller:
    get = transport.unary(_OPERATION_GET)
    cancel = transport.unary(_OPERATION_CANCEL)
    return AsyncPoller(
        get=lambda operation_id, timeout: get(
            GetOperationRequest(operation_id=operation_id), timeout, None, None, None
        ),
        cancel=lambda operation_id, timeout: cancel(
            CancelOperationRequest(operation_id=operation_id), timeout, None, None, None
        ),
    )


class BatchInferenceNamespace:
    """Services of `yandex.cloud.ai.batch_inference.v1`."""

    def __init__(self, transport: Transport, poller: Poller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def batch_inference(self) -> BatchInferenceService:
        return BatchInferenceService(self._transport, self._poller)


class DatasetNamespace:
    """Services of `yandex.cloud.ai.dataset.v1`."""

    def __init__(self, transport: Transport, poller: Poller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def dataset(self) -> DatasetService:
        return DatasetService(self._transport, self._poller)


class FilesNamespace:
    """Services of `yandex.cloud.ai.files.v1`."""

    def __init__(self, transport: Transport, poller: Poller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def file(self) -> FileService:
        return FileService(self._transport, self._poller)


class FoundationModelsNamespace:
    """Services of `yandex.cloud.ai.foundation_models.v1`."""

    def __init__(self, transport: Transport, poller: Poller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def embeddings(self) -> EmbeddingsService:
        return EmbeddingsService(self._transport, self._poller)

    @cached_property
    def text_generation_async(self) -> TextGenerationAsyncService:
        return TextGenerationAsyncService(self._transport, self._poller)

    @cached_property
    def text_generation_batch(self) -> TextGenerationBatchService:
        return TextGenerationBatchService(self._transport, self._poller)

    @cached_property
    def text_generation(self) -> TextGenerationService:
        return TextGenerationService(self._transport, self._poller)

    @cached_property
    def tokenizer(self) -> TokenizerService:
        return TokenizerService(self._transport, self._poller)


class ImageGenerationNamespace:
    """Services of `yandex.cloud.ai.foundation_models.v1.image_generation`."""

    def __init__(self, transport: Transport, poller: Poller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def image_generation_async(self) -> ImageGenerationAsyncService:
        return ImageGenerationAsyncService(self._transport, self._poller)


class TextClassificationNamespace:
    """Services of `yandex.cloud.ai.foundation_models.v1.text_classification`."""

    def __init__(self, transport: Transport, poller: Poller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def text_classification(self) -> TextClassificationService:
        return TextClassificationService(self._transport, self._poller)


class TuningNamespace:
    """Services of `yandex.cloud.ai.tuning.v1`."""

    def __init__(self, transport: Transport, poller: Poller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def tuning(self) -> TuningService:
        return TuningService(self._transport, self._poller)


class IamNamespace:
    """Services of `yandex.cloud.iam.v1`."""

    def __init__(self, transport: Transport, poller: Poller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def iam_token(self) -> IamTokenService:
        return IamTokenService(self._transport, self._poller)


class OperationNamespace:
    """Services of `yandex.cloud.operation`."""

    def __init__(self, transport: Transport, poller: Poller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def operation(self) -> OperationService:
        return OperationService(self._transport, self._poller)


class McpgatewayNamespace:
    """Services of `yandex.cloud.serverless.mcpgateway.v1`."""

    def __init__(self, transport: Transport, poller: Poller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def mcp_gateway(self) -> McpGatewayService:
        return McpGatewayService(self._transport, self._poller)


class Client:
    """Yandex AI Studio native API"""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        iam_token: str | None = None,
        folder_id: str | None = None,
        token_provider: TokenProvider | None = None,
        transport: TransportKind = "grpc",
        endpoint: str | None = None,
        endpoints: Mapping[str, str] | None = None,
        insecure: bool = False,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        initial_retry_delay: float = INITIAL_RETRY_DELAY,
        max_retry_delay: float = MAX_RETRY_DELAY,
        metadata: Iterable[tuple[str, str]] = (),
        http_client: Any = None,
    ) -> None:
        """Connect with `api_key` or `iam_token` or `token_provider`.

        Args:
            api_key: An API key, sent as `authorization: Api-Key ...`.
            iam_token: A token, sent as `authorization: Bearer ...`.
            folder_id: Sent as `x-folder-id` with every call.
            token_provider: A callable that returns a fresh token, or a
                `(token, expires_at)` pair (seconds since the epoch): the token is then reused
                until 60 s before `expires_at`; a plain token is asked for on every call.
            transport: "grpc" (default) or "rest" (HTTP/JSON from the google.api.http options).
            endpoint: One `host:port` (gRPC) or base URL (REST) for every service, e.g. a local
                test server; overrides the built-in endpoints.
            endpoints: Proto package prefix -> endpoint, merged over the built-in ones and
                those from the environment: `AI_STUDIO_GRPC_ENDPOINT` /
                `AI_STUDIO_REST_ENDPOINT` for every service, one variable per prefix
                (`GRPC_ENDPOINT_ENVS`, `REST_ENDPOINT_ENVS` in this module) over those.
            insecure: Plain-text gRPC (and `http://` for a bare REST endpoint), for local servers.
            timeout: Default seconds per call, retries included; each method also takes
                `timeout=`.
            max_retries: How many times a failed call that is safe to repeat is tried again
                (see the package docs); each method also takes `max_retries=`.
            initial_retry_delay: Seconds before the first retry; it doubles with each retry.
            max_retry_delay: The longest wait between two attempts.
            metadata: Extra metadata (gRPC) or headers (REST) for every call.
            http_client: An `httpx2.Client` to use for REST.
        """
        auth = one_of(api_key=api_key, iam_token=iam_token, token_provider=token_provider)
        grpc_endpoints = endpoints_from_env(GRPC_ENDPOINTS, GRPC_ENDPOINT_ENV, GRPC_ENDPOINT_ENVS)
        rest_endpoints = endpoints_from_env(REST_ENDPOINTS, REST_ENDPOINT_ENV, REST_ENDPOINT_ENVS)
        if endpoints:
            (grpc_endpoints if transport == "grpc" else rest_endpoints).update(endpoints)
        self._transport = make_transport(
            transport,
            grpc_endpoints=grpc_endpoints,
            rest_endpoints=rest_endpoints,
            endpoint=endpoint,
            insecure=insecure,
            metadata=credential_metadata(
                transport == "rest",
                [
                    ("authorization", "authorization", "Api-Key", api_key, True),
                    ("authorization", "authorization", "Bearer", iam_token, True),
                    ("x-folder-id", "x-folder-id", "", folder_id, False),
                ],
                metadata,
            ),
            token_provider=token_provider,
            timeout=timeout,
            retry=RetryPolicy(max_retries, initial_retry_delay, max_retry_delay),
            http_client=http_client,
        )
        self._summary = f"auth={auth}, transport={transport!r}"  # never a secret
        self._poller = _poller(self._transport)

    @cached_property
    def batch_inference(self) -> BatchInferenceNamespace:
        return BatchInferenceNamespace(self._transport, self._poller)

    @cached_property
    def dataset(self) -> DatasetNamespace:
        return DatasetNamespace(self._transport, self._poller)

    @cached_property
    def files(self) -> FilesNamespace:
        return FilesNamespace(self._transport, self._poller)

    @cached_property
    def foundation_models(self) -> FoundationModelsNamespace:
        return FoundationModelsNamespace(self._transport, self._poller)

    @cached_property
    def image_generation(self) -> ImageGenerationNamespace:
        return ImageGenerationNamespace(self._transport, self._poller)

    @cached_property
    def text_classification(self) -> TextClassificationNamespace:
        return TextClassificationNamespace(self._transport, self._poller)

    @cached_property
    def tuning(self) -> TuningNamespace:
        return TuningNamespace(self._transport, self._poller)

    @cached_property
    def iam(self) -> IamNamespace:
        return IamNamespace(self._transport, self._poller)

    @cached_property
    def operation(self) -> OperationNamespace:
        return OperationNamespace(self._transport, self._poller)

    @cached_property
    def mcpgateway(self) -> McpgatewayNamespace:
        return McpgatewayNamespace(self._transport, self._poller)

    def __repr__(self) -> str:
        return f"Client({self._summary})"

    def close(self) -> None:
        """Close the channels (or the HTTP connection pool)."""
        self._transport.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncBatchInferenceNamespace:
    """Services of `yandex.cloud.ai.batch_inference.v1`."""

    def __init__(self, transport: AsyncTransport, poller: AsyncPoller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def batch_inference(self) -> AsyncBatchInferenceService:
        return AsyncBatchInferenceService(self._transport, self._poller)


class AsyncDatasetNamespace:
    """Services of `yandex.cloud.ai.dataset.v1`."""

    def __init__(self, transport: AsyncTransport, poller: AsyncPoller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def dataset(self) -> AsyncDatasetService:
        return AsyncDatasetService(self._transport, self._poller)


class AsyncFilesNamespace:
    """Services of `yandex.cloud.ai.files.v1`."""

    def __init__(self, transport: AsyncTransport, poller: AsyncPoller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def file(self) -> AsyncFileService:
        return AsyncFileService(self._transport, self._poller)


class AsyncFoundationModelsNamespace:
    """Services of `yandex.cloud.ai.foundation_models.v1`."""

    def __init__(self, transport: AsyncTransport, poller: AsyncPoller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def embeddings(self) -> AsyncEmbeddingsService:
        return AsyncEmbeddingsService(self._transport, self._poller)

    @cached_property
    def text_generation_async(self) -> AsyncTextGenerationAsyncService:
        return AsyncTextGenerationAsyncService(self._transport, self._poller)

    @cached_property
    def text_generation_batch(self) -> AsyncTextGenerationBatchService:
        return AsyncTextGenerationBatchService(self._transport, self._poller)

    @cached_property
    def text_generation(self) -> AsyncTextGenerationService:
        return AsyncTextGenerationService(self._transport, self._poller)

    @cached_property
    def tokenizer(self) -> AsyncTokenizerService:
        return AsyncTokenizerService(self._transport, self._poller)


class AsyncImageGenerationNamespace:
    """Services of `yandex.cloud.ai.foundation_models.v1.image_generation`."""

    def __init__(self, transport: AsyncTransport, poller: AsyncPoller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def image_generation_async(self) -> AsyncImageGenerationAsyncService:
        return AsyncImageGenerationAsyncService(self._transport, self._poller)


class AsyncTextClassificationNamespace:
    """Services of `yandex.cloud.ai.foundation_models.v1.text_classification`."""

    def __init__(self, transport: AsyncTransport, poller: AsyncPoller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def text_classification(self) -> AsyncTextClassificationService:
        return AsyncTextClassificationService(self._transport, self._poller)


class AsyncTuningNamespace:
    """Services of `yandex.cloud.ai.tuning.v1`."""

    def __init__(self, transport: AsyncTransport, poller: AsyncPoller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def tuning(self) -> AsyncTuningService:
        return AsyncTuningService(self._transport, self._poller)


class AsyncIamNamespace:
    """Services of `yandex.cloud.iam.v1`."""

    def __init__(self, transport: AsyncTransport, poller: AsyncPoller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def iam_token(self) -> AsyncIamTokenService:
        return AsyncIamTokenService(self._transport, self._poller)


class AsyncOperationNamespace:
    """Services of `yandex.cloud.operation`."""

    def __init__(self, transport: AsyncTransport, poller: AsyncPoller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def operation(self) -> AsyncOperationService:
        return AsyncOperationService(self._transport, self._poller)


class AsyncMcpgatewayNamespace:
    """Services of `yandex.cloud.serverless.mcpgateway.v1`."""

    def __init__(self, transport: AsyncTransport, poller: AsyncPoller) -> None:
        self._transport = transport
        self._poller = poller

    @cached_property
    def mcp_gateway(self) -> AsyncMcpGatewayService:
        return AsyncMcpGatewayService(self._transport, self._poller)


class AsyncClient:
    """Yandex AI Studio native API"""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        iam_token: str | None = None,
        folder_id: str | None = None,
        token_provider: AsyncTokenProvider | None = None,
        transport: TransportKind = "grpc",
        endpoint: str | None = None,
        endpoints: Mapping[str, str] | None = None,
        insecure: bool = False,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        initial_retry_delay: float = INITIAL_RETRY_DELAY,
        max_retry_delay: float = MAX_RETRY_DELAY,
        metadata: Iterable[tuple[str, str]] = (),
        http_client: Any = None,
    ) -> None:
        """Connect with `api_key` or `iam_token` or `token_provider`.

        Args:
            api_key: An API key, sent as `authorization: Api-Key ...`.
            iam_token: A token, sent as `authorization: Bearer ...`.
            folder_id: Sent as `x-folder-id` with every call.
            token_provider: A callable (plain or async) that returns a fresh token, or a
                `(token, expires_at)` pair (seconds since the epoch): the token is then reused
                until 60 s before `expires_at`; a plain token is asked for on every call.
            transport: "grpc" (default) or "rest" (HTTP/JSON from the google.api.http options).
            endpoint: One `host:port` (gRPC) or base URL (REST) for every service, e.g. a local
                test server; overrides the built-in endpoints.
            endpoints: Proto package prefix -> endpoint, merged over the built-in ones and
                those from the environment: `AI_STUDIO_GRPC_ENDPOINT` /
                `AI_STUDIO_REST_ENDPOINT` for every service, one variable per prefix
                (`GRPC_ENDPOINT_ENVS`, `REST_ENDPOINT_ENVS` in this module) over those.
            insecure: Plain-text gRPC (and `http://` for a bare REST endpoint), for local servers.
            timeout: Default seconds per call, retries included; each method also takes
                `timeout=`.
            max_retries: How many times a failed call that is safe to repeat is tried again
                (see the package docs); each method also takes `max_retries=`.
            initial_retry_delay: Seconds before the first retry; it doubles with each retry.
            max_retry_delay: The longest wait between two attempts.
            metadata: Extra metadata (gRPC) or headers (REST) for every call.
            http_client: An `httpx2.AsyncClient` to use for REST.
        """
        auth = one_of(api_key=api_key, iam_token=iam_token, token_provider=token_provider)
        grpc_endpoints = endpoints_from_env(GRPC_ENDPOINTS, GRPC_ENDPOINT_ENV, GRPC_ENDPOINT_ENVS)
        rest_endpoints = endpoints_from_env(REST_ENDPOINTS, REST_ENDPOINT_ENV, REST_ENDPOINT_ENVS)
        if endpoints:
            (grpc_endpoints if transport == "grpc" else rest_endpoints).update(endpoints)
        self._transport = make_async_transport(
            transport,
            grpc_endpoints=grpc_endpoints,
            rest_endpoints=rest_endpoints,
            endpoint=endpoint,
            insecure=insecure,
            metadata=credential_metadata(
                transport == "rest",
                [
                    ("authorization", "authorization", "Api-Key", api_key, True),
                    ("authorization", "authorization", "Bearer", iam_token, True),
                    ("x-folder-id", "x-folder-id", "", folder_id, False),
                ],
                metadata,
            ),
            token_provider=token_provider,
            timeout=timeout,
            retry=RetryPolicy(max_retries, initial_retry_delay, max_retry_delay),
            http_client=http_client,
        )
        self._summary = f"auth={auth}, transport={transport!r}"  # never a secret
        self._poller = _async_poller(self._transport)

    @cached_property
    def batch_inference(self) -> AsyncBatchInferenceNamespace:
        return AsyncBatchInferenceNamespace(self._transport, self._poller)

    @cached_property
    def dataset(self) -> AsyncDatasetNamespace:
        return AsyncDatasetNamespace(self._transport, self._poller)

    @cached_property
    def files(self) -> AsyncFilesNamespace:
        return AsyncFilesNamespace(self._transport, self._poller)

    @cached_property
    def foundation_models(self) -> AsyncFoundationModelsNamespace:
        return AsyncFoundationModelsNamespace(self._transport, self._poller)

    @cached_property
    def image_generation(self) -> AsyncImageGenerationNamespace:
        return AsyncImageGenerationNamespace(self._transport, self._poller)

    @cached_property
    def text_classification(self) -> AsyncTextClassificationNamespace:
        return AsyncTextClassificationNamespace(self._transport, self._poller)

    @cached_property
    def tuning(self) -> AsyncTuningNamespace:
        return AsyncTuningNamespace(self._transport, self._poller)

    @cached_property
    def iam(self) -> AsyncIamNamespace:
        return AsyncIamNamespace(self._transport, self._poller)

    @cached_property
    def operation(self) -> AsyncOperationNamespace:
        return AsyncOperationNamespace(self._transport, self._poller)

    @cached_property
    def mcpgateway(self) -> AsyncMcpgatewayNamespace:
        return AsyncMcpgatewayNamespace(self._transport, self._poller)

    def __repr__(self) -> str:
        return f"AsyncClient({self._summary})"

    async def close(self) -> None:
        """Close the channels (or the HTTP connection pool)."""
        await self._transport.close()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()
