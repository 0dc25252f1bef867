"""The `yandex.cloud.ai.foundation_models.v1.TextGenerationBatchService` service."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._grpc._methods import HttpRule, Method
from .._grpc._operations import AsyncOperation, AsyncPoller, Operation, Poller
from .._grpc._transport import (
    BOTH_GIVEN as _BOTH_GIVEN,
    AsyncTransport,
    Transport,
    any_set as _any_set,
)
from .._grpc._values import build as _build
from .._pb.yandex.cloud.ai.foundation_models.v1.text_common_pb2 import CompletionOptions, JsonSchema
from .._pb.yandex.cloud.ai.foundation_models.v1.text_generation.text_generation_service_pb2 import (
    BatchCompletionMetadata,
    BatchCompletionRequest,
    BatchCompletionResponse,
)
from .._pb.yandex.cloud.operation import operation_pb2

if TYPE_CHECKING:
    from ..params import CompletionOptionsParams, JsonSchemaParams

COMPLETION = Method(
    "/yandex.cloud.ai.foundation_models.v1.TextGenerationBatchService/Completion",
    BatchCompletionRequest,
    operation_pb2.Operation,
    package="yandex.cloud.ai.foundation_models.v1",
    http=(HttpRule("POST", "/foundationModels/v1/completionBatch", body="*"),),
)


class TextGenerationBatchService:
    """Runs one prompt configuration over every record of a dataset."""

    def __init__(
        self,
        transport: Transport,
        poller: Poller | None = None,
    ) -> None:
        self._poller = poller
        self._completion = transport.unary(COMPLETION)

    def completion(
        self,
        request: BatchCompletionRequest | None = None,
        *,
        model_uri: str | None = None,
        completion_options: CompletionOptions | CompletionOptionsParams | None = None,
        source_dataset_id: str | None = None,
        json_object: bool | None = None,
        json_schema: JsonSchema | JsonSchemaParams | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[BatchCompletionResponse, BatchCompletionMetadata]:
        """Starts a batch completion over a dataset and returns an operation that reports
        progress as `BatchCompletionMetadata`. Announced by the service but not implemented
        yet.

        Args:
            model_uri: Model to use, as a URI such as `gpt://<folder_id>/yandexgpt/latest`.
            completion_options: Settings applied to every record of the batch.
            source_dataset_id: Dataset whose records are the conversations to complete.
            json_object: Answer with some valid JSON object. Also ask for JSON in the
                prompts; without that the model may emit whitespace until `max_tokens` runs
                out.
            json_schema: Answer with JSON that matches the given schema.

        Starts a long-running operation: `wait()` on the returned handle gives
        `BatchCompletionResponse`.
        """
        if request is None:
            request = _build(
                BatchCompletionRequest,
                {
                    "model_uri": model_uri,
                    "completion_options": completion_options,
                    "source_dataset_id": source_dataset_id,
                    "json_object": json_object,
                    "json_schema": json_schema,
                },
            )
        elif _any_set(
            model_uri,
            completion_options,
            source_dataset_id,
            json_object,
            json_schema,
        ):
            raise TypeError(_BOTH_GIVEN)
        operation = self._completion(request, timeout, metadata, max_retries, idempotency_key)
        return Operation(operation, BatchCompletionResponse, BatchCompletionMetadata, self._poller)


class AsyncTextGenerationBatchService:
    """Runs one prompt configuration over every record of a dataset."""

    def __init__(
        self,
        transport: AsyncTransport,
        poller: AsyncPoller | None = None,
    ) -> None:
        self._poller = poller
        self._completion = transport.unary(COMPLETION)

    async def completion(
        self,
        request: BatchCompletionRequest | None = None,
        *,
        model_uri: str | None = None,
        completion_options: CompletionOptions | CompletionOptionsParams | None = None,
        source_dataset_id: str | None = None,
        json_object: bool | None = None,
        json_schema: JsonSchema | JsonSchemaParams | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> AsyncOperation[BatchCompletionResponse, BatchCompletionMetadata]:
        """Starts a batch completion over a dataset and returns an operation that reports
        progress as `BatchCompletionMetadata`. Announced by the service but not implemented
        yet.

        Args:
            model_uri: Model to use, as a URI such as `gpt://<folder_id>/yandexgpt/latest`.
            completion_options: Settings applied to every record of the batch.
            source_dataset_id: Dataset whose records are the conversations to complete.
            json_object: Answer with some valid JSON object. Also ask for JSON in the
                prompts; without that the model may emit whitespace until `max_tokens` runs
                out.
            json_schema: Answer with JSON that matches the given schema.

        Starts a long-running operation: `wait()` on the returned handle gives
        `BatchCompletionResponse`.
        """
        if request is None:
            request = _build(
                BatchCompletionRequest,
                {
                    "model_uri": model_uri,
                    "completion_options": completion_options,
                    "source_dataset_id": source_dataset_id,
                    "json_object": json_object,
                    "json_schema": json_schema,
                },
            )
        elif _any_set(
            model_uri,
            completion_options,
            source_dataset_id,
            json_object,
            json_schema,
        ):
            raise TypeError(_BOTH_GIVEN)
        operation = await self._completion(request, timeout, metadata, max_retries, idempotency_key)
        return AsyncOperation(
            operation, BatchCompletionResponse, BatchCompletionMetadata, self._poller
        )
