"""The `yandex.cloud.ai.foundation_models.v1.image_generation.ImageGenerationAsyncService`
service.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from google.protobuf import any_pb2

from .._grpc._methods import HttpRule, Method
from .._grpc._operations import AsyncOperation, AsyncPoller, Operation, Poller
from .._grpc._transport import (
    BOTH_GIVEN as _BOTH_GIVEN,
    AsyncTransport,
    Transport,
    any_set as _any_set,
)
from .._grpc._values import build as _build
from .._pb.yandex.cloud.ai.foundation_models.v1.image_generation.image_generation_pb2 import (
    ImageGenerationOptions,
    Message,
)
from .._pb.yandex.cloud.ai.foundation_models.v1.image_generation.image_generation_service_pb2 import (
    ImageGenerationRequest,
    ImageGenerationResponse,
)
from .._pb.yandex.cloud.operation import operation_pb2

if TYPE_CHECKING:
    from ..params import ImageGenerationOptionsParams, MessageParams_2

GENERATE = Method(
    "/yandex.cloud.ai.foundation_models.v1.image_generation.ImageGenerationAsyncService/Generate",
    ImageGenerationRequest,
    operation_pb2.Operation,
    package="yandex.cloud.ai.foundation_models.v1.image_generation",
    http=(HttpRule("POST", "/foundationModels/v1/imageGenerationAsync", body="*"),),
)


class ImageGenerationAsyncService:
    """Draws images from text prompts in the background."""

    def __init__(
        self,
        transport: Transport,
        poller: Poller | None = None,
    ) -> None:
        self._poller = poller
        self._generate = transport.unary(GENERATE)

    def generate(
        self,
        request: ImageGenerationRequest | None = None,
        *,
        model_uri: str | None = None,
        messages: Iterable[Message | MessageParams_2] | None = None,
        generation_options: ImageGenerationOptions | ImageGenerationOptionsParams | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[ImageGenerationResponse, any_pb2.Any]:
        """Starts drawing an image and returns an operation; when it is done its response is an
        `ImageGenerationResponse` holding the picture.

        Args:
            model_uri: Model to use, as a URI such as `art://<folder_id>/yandex-art/latest`.
            messages: The prompt, as one or more weighted text pieces.
            generation_options: Format, seed and proportions of the result.

        Starts a long-running operation: `wait()` on the returned handle gives
        `ImageGenerationResponse`.
        """
        if request is None:
            request = _build(
                ImageGenerationRequest,
                {
                    "model_uri": model_uri,
                    "messages": messages,
                    "generation_options": generation_options,
                },
            )
        elif _any_set(
            model_uri,
            messages,
            generation_options,
        ):
            raise TypeError(_BOTH_GIVEN)
        operation = self._generate(request, timeout, metadata, max_retries, idempotency_key)
        return Operation(operation, ImageGenerationResponse, any_pb2.Any, self._poller)


class AsyncImageGenerationAsyncService:
    """Draws images from text prompts in the background."""

    def __init__(
        self,
        transport: AsyncTransport,
        poller: AsyncPoller | None = None,
    ) -> None:
        self._poller = poller
        self._generate = transport.unary(GENERATE)

    async def generate(
        self,
        request: ImageGenerationRequest | None = None,
        *,
        model_uri: str | None = None,
        messages: Iterable[Message | MessageParams_2] | None = None,
        generation_options: ImageGenerationOptions | ImageGenerationOptionsParams | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> AsyncOperation[ImageGenerationResponse, any_pb2.Any]:
        """Starts drawing an image and returns an operation; when it is done its response is an
        `ImageGenerationResponse` holding the picture.

        Args:
            model_uri: Model to use, as a URI such as `art://<folder_id>/yandex-art/latest`.
            messages: The prompt, as one or more weighted text pieces.
            generation_options: Format, seed and proportions of the result.

        Starts a long-running operation: `wait()` on the returned handle gives
        `ImageGenerationResponse`.
        """
        if request is None:
            request = _build(
                ImageGenerationRequest,
                {
                    "model_uri": model_uri,
                    "messages": messages,
                    "generation_options": generation_options,
                },
            )
        elif _any_set(
            model_uri,
            messages,
            generation_options,
        ):
            raise TypeError(_BOTH_GIVEN)
        operation = await self._generate(request, timeout, metadata, max_retries, idempotency_key)
        return AsyncOperation(operation, ImageGenerationResponse, any_pb2.Any, self._poller)
