"""The `yandex.cloud.ai.foundation_models.v1.EmbeddingsService` service."""

from __future__ import annotations

from collections.abc import Sequence

from google.protobuf.wrappers_pb2 import Int64Value

from .._grpc._methods import HttpRule, Method
from .._grpc._operations import AsyncPoller, Poller
from .._grpc._transport import (
    BOTH_GIVEN as _BOTH_GIVEN,
    AsyncTransport,
    Transport,
    any_set as _any_set,
)
from .._grpc._values import build as _build
from .._pb.yandex.cloud.ai.foundation_models.v1.embedding.embedding_service_pb2 import (
    TextEmbeddingRequest,
    TextEmbeddingResponse,
)

TEXT_EMBEDDING = Method(
    "/yandex.cloud.ai.foundation_models.v1.EmbeddingsService/TextEmbedding",
    TextEmbeddingRequest,
    TextEmbeddingResponse,
    package="yandex.cloud.ai.foundation_models.v1",
    http=(HttpRule("POST", "/foundationModels/v1/textEmbedding", body="*"),),
)


class EmbeddingsService:
    """Turns text into vectors for search, clustering and similarity."""

    def __init__(
        self,
        transport: Transport,
        poller: Poller | None = None,
    ) -> None:
        self._text_embedding = transport.unary(TEXT_EMBEDDING)

    def text_embedding(
        self,
        request: TextEmbeddingRequest | None = None,
        *,
        model_uri: str | None = None,
        text: str | None = None,
        dim: Int64Value | int | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> TextEmbeddingResponse:
        """Returns the embedding vector of one text.

        Args:
            model_uri: Embedding model to use, as a URI such as
                `emb://<folder_id>/text-search-doc/latest`. For search, embed documents with
                `text-search-doc` and queries with `text-search-query`.
            text: Text to embed.
            dim: Vector length to return, for models that offer several; the model's default
                when unset.
        """
        if request is None:
            request = _build(
                TextEmbeddingRequest, {"model_uri": model_uri, "text": text, "dim": dim}
            )
        elif _any_set(
            model_uri,
            text,
            dim,
        ):
            raise TypeError(_BOTH_GIVEN)
        return self._text_embedding(request, timeout, metadata, max_retries, idempotency_key)


class AsyncEmbeddingsService:
    """Turns text into vectors for search, clustering and similarity."""

    def __init__(
        self,
        transport: AsyncTransport,
        poller: AsyncPoller | None = None,
    ) -> None:
        self._text_embedding = transport.unary(TEXT_EMBEDDING)

    async def text_embedding(
        self,
        request: TextEmbeddingRequest | None = None,
        *,
        model_uri: str | None = None,
        text: str | None = None,
        dim: Int64Value | int | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> TextEmbeddingResponse:
        """Returns the embedding vector of one text.

        Args:
            model_uri: Embedding model to use, as a URI such as
                `emb://<folder_id>/text-search-doc/latest`. For search, embed documents with
                `text-search-doc` and queries with `text-search-query`.
            text: Text to embed.
            dim: Vector length to return, for models that offer several; the model's default
                when unset.
        """
        if request is None:
            request = _build(
                TextEmbeddingRequest, {"model_uri": model_uri, "text": text, "dim": dim}
            )
        elif _any_set(
            model_uri,
            text,
            dim,
        ):
            raise TypeError(_BOTH_GIVEN)
        return await self._text_embedding(request, timeout, metadata, max_retries, idempotency_key)
