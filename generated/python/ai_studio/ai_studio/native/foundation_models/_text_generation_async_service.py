"""The `yandex.cloud.ai.foundation_models.v1.TextGenerationAsyncService` service."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from google.protobuf import any_pb2
from google.protobuf.wrappers_pb2 import BoolValue

from .._grpc._methods import HttpRule, Method
from .._grpc._operations import AsyncOperation, AsyncPoller, Operation, Poller
from .._grpc._transport import (
    BOTH_GIVEN as _BOTH_GIVEN,
    AsyncTransport,
    Transport,
    any_set as _any_set,
)
from .._grpc._values import build as _build
from .._pb.yandex.cloud.ai.foundation_models.v1.text_common_pb2 import (
    CompletionOptions,
    JsonSchema,
    Message,
    Tool,
    ToolChoice,
)
from .._pb.yandex.cloud.ai.foundation_models.v1.text_generation.text_generation_service_pb2 import (
    CompletionRequest,
    CompletionResponse,
)
from .._pb.yandex.cloud.operation import operation_pb2

if TYPE_CHECKING:
    from ..params import (
        CompletionOptionsParams,
        JsonSchemaParams,
        MessageParams,
        ToolChoiceParams,
        ToolParams,
    )

COMPLETION = Method(
    "/yandex.cloud.ai.foundation_models.v1.TextGenerationAsyncService/Completion",
    CompletionRequest,
    operation_pb2.Operation,
    package="yandex.cloud.ai.foundation_models.v1",
    http=(HttpRule("POST", "/foundationModels/v1/completionAsync", body="*"),),
)


class TextGenerationAsyncService:
    """Generates text in the background: start a job, then poll the operation."""

    def __init__(
        self,
        transport: Transport,
        poller: Poller | None = None,
    ) -> None:
        self._poller = poller
        self._completion = transport.unary(COMPLETION)

    def completion(
        self,
        request: CompletionRequest | None = None,
        *,
        model_uri: str | None = None,
        completion_options: CompletionOptions | CompletionOptionsParams | None = None,
        messages: Iterable[Message | MessageParams] | None = None,
        tools: Iterable[Tool | ToolParams] | None = None,
        json_object: bool | None = None,
        json_schema: JsonSchema | JsonSchemaParams | None = None,
        parallel_tool_calls: BoolValue | bool | None = None,
        tool_choice: ToolChoice | ToolChoiceParams | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[CompletionResponse, any_pb2.Any]:
        """Starts a completion and returns an operation at once; when the operation is done its
        response is a `CompletionResponse`. Suits long answers and callers that cannot hold
        a connection open.

        Args:
            model_uri: Model to use, as a URI such as `gpt://<folder_id>/yandexgpt/latest`.
            completion_options: Sampling, length, streaming and reasoning settings.
            messages: The conversation, oldest turn first; usually an optional `system` turn
                followed by `user` and `assistant` turns.
            tools: Functions the model may ask to call while answering. Not supported by the
                service yet: it ignores this list.
            json_object: Answer with some valid JSON object. Also ask for JSON in the
                prompt; without that the model may emit whitespace until `max_tokens` runs
                out.
            json_schema: Answer with JSON that matches the given schema.
            parallel_tool_calls: Whether one answer may contain several tool calls; true
                when unset.
            tool_choice: Whether and which tools the model has to call.

        Starts a long-running operation: `wait()` on the returned handle gives
        `CompletionResponse`.
        """
        if request is None:
            request = _build(
                CompletionRequest,
                {
                    "model_uri": model_uri,
                    "completion_options": completion_options,
                    "messages": messages,
                    "tools": tools,
                    "json_object": json_object,
                    "json_schema": json_schema,
                    "parallel_tool_calls": parallel_tool_calls,
                    "tool_choice": tool_choice,
                },
            )
        elif _any_set(
            model_uri,
            completion_options,
            messages,
            tools,
            json_object,
            json_schema,
            parallel_tool_calls,
            tool_choice,
        ):
            raise TypeError(_BOTH_GIVEN)
        operation = self._completion(request, timeout, metadata, max_retries, idempotency_key)
        return Operation(operation, CompletionResponse, any_pb2.Any, self._poller)


class AsyncTextGenerationAsyncService:
    """Generates text in the background: start a job, then poll the operation."""

    def __init__(
        self,
        transport: AsyncTransport,
        poller: AsyncPoller | None = None,
    ) -> None:
        self._poller = poller
        self._completion = transport.unary(COMPLETION)

    async def completion(
        self,
        request: CompletionRequest | None = None,
        *,
        model_uri: str | None = None,
        completion_options: CompletionOptions | CompletionOptionsParams | None = None,
        messages: Iterable[Message | MessageParams] | None = None,
        tools: Iterable[Tool | ToolParams] | None = None,
        json_object: bool | None = None,
        json_schema: JsonSchema | JsonSchemaParams | None = None,
        parallel_tool_calls: BoolValue | bool | None = None,
        tool_choice: ToolChoice | ToolChoiceParams | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> AsyncOperation[CompletionResponse, any_pb2.Any]:
        """Starts a completion and returns an operation at once; when the operation is done its
        response is a `CompletionResponse`. Suits long answers and callers that cannot hold
        a connection open.

        Args:
            model_uri: Model to use, as a URI such as `gpt://<folder_id>/yandexgpt/latest`.
            completion_options: Sampling, length, streaming and reasoning settings.
            messages: The conversation, oldest turn first; usually an optional `system` turn
                followed by `user` and `assistant` turns.
            tools: Functions the model may ask to call while answering. Not supported by the
                service yet: it ignores this list.
            json_object: Answer with some valid JSON object. Also ask for JSON in the
                prompt; without that the model may emit whitespace until `max_tokens` runs
                out.
            json_schema: Answer with JSON that matches the given schema.
            parallel_tool_calls: Whether one answer may contain several tool calls; true
                when unset.
            tool_choice: Whether and which tools the model has to call.

        Starts a long-running operation: `wait()` on the returned handle gives
        `CompletionResponse`.
        """
        if request is None:
            request = _build(
                CompletionRequest,
                {
                    "model_uri": model_uri,
                    "completion_options": completion_options,
                    "messages": messages,
                    "tools": tools,
                    "json_object": json_object,
                    "json_schema": json_schema,
                    "parallel_tool_calls": parallel_tool_calls,
                    "tool_choice": tool_choice,
                },
            )
        elif _any_set(
            model_uri,
            completion_options,
            messages,
            tools,
            json_object,
            json_schema,
            parallel_tool_calls,
            tool_choice,
        ):
            raise TypeError(_BOTH_GIVEN)
        operation = await self._completion(request, timeout, metadata, max_retries, idempotency_key)
        return AsyncOperation(operation, CompletionResponse, any_pb2.Any, self._poller)
