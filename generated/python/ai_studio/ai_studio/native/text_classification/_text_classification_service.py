"""The `yandex.cloud.ai.foundation_models.v1.text_classification.TextClassificationService`
service.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .._grpc._methods import HttpRule, Method
from .._grpc._operations import AsyncPoller, Poller
from .._grpc._transport import (
    BOTH_GIVEN as _BOTH_GIVEN,
    AsyncTransport,
    Transport,
    any_set as _any_set,
)
from .._grpc._values import build as _build
from .._pb.yandex.cloud.ai.foundation_models.v1.text_classification.text_classification_pb2 import (
    ClassificationSample,
)
from .._pb.yandex.cloud.ai.foundation_models.v1.text_classification.text_classification_service_pb2 import (
    FewShotTextClassificationRequest,
    FewShotTextClassificationResponse,
    TextClassificationRequest,
    TextClassificationResponse,
)

if TYPE_CHECKING:
    from ..params import ClassificationSampleParams

CLASSIFY = Method(
    "/yandex.cloud.ai.foundation_models.v1.text_classification.TextClassificationService/Classify",
    TextClassificationRequest,
    TextClassificationResponse,
    package="yandex.cloud.ai.foundation_models.v1.text_classification",
    http=(HttpRule("POST", "/foundationModels/v1/textClassification", body="*"),),
)
FEW_SHOT_CLASSIFY = Method(
    "/yandex.cloud.ai.foundation_models.v1.text_classification.TextClassificationService/FewShotClassify",
    FewShotTextClassificationRequest,
    FewShotTextClassificationResponse,
    package="yandex.cloud.ai.foundation_models.v1.text_classification",
    http=(HttpRule("POST", "/foundationModels/v1/fewShotTextClassification", body="*"),),
)


class TextClassificationService:
    """Sorts texts into classes, with a tuned model or from a task description."""

    def __init__(
        self,
        transport: Transport,
        poller: Poller | None = None,
    ) -> None:
        self._classify = transport.unary(CLASSIFY)
        self._few_shot_classify = transport.unary(FEW_SHOT_CLASSIFY)

    def classify(
        self,
        request: TextClassificationRequest | None = None,
        *,
        model_uri: str | None = None,
        text: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> TextClassificationResponse:
        """Classifies a text with a model tuned for classification. The classes were fixed when
        the model was tuned, so the request names none.

        Args:
            model_uri: URI of the tuned classifier (`cls://...`), as reported when tuning
                finished.
            text: Text to classify.
        """
        if request is None:
            request = _build(TextClassificationRequest, {"model_uri": model_uri, "text": text})
        elif _any_set(
            model_uri,
            text,
        ):
            raise TypeError(_BOTH_GIVEN)
        return self._classify(request, timeout, metadata, max_retries, idempotency_key)

    def few_shot_classify(
        self,
        request: FewShotTextClassificationRequest | None = None,
        *,
        model_uri: str | None = None,
        task_description: str | None = None,
        labels: Iterable[str] | None = None,
        text: str | None = None,
        samples: Iterable[ClassificationSample | ClassificationSampleParams] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> FewShotTextClassificationResponse:
        """Classifies a text into classes named in the request (binary or up to 20 classes),
        guided by a task description and optional examples.

        Args:
            model_uri: Classifier model to use, as a URI such as
                `cls://<folder_id>/yandexgpt/latest`.
            task_description: What the classification is about, in plain words.
            labels: Names of the classes to choose from. Descriptive names work best: prefer
                `chemistry` over `chm`.
            text: Text to classify.
            samples: Optional labelled examples that help the model tell the classes apart.
        """
        if request is None:
            request = _build(
                FewShotTextClassificationRequest,
                {
                    "model_uri": model_uri,
                    "task_description": task_description,
                    "labels": labels,
                    "text": text,
                    "samples": samples,
                },
            )
        elif _any_set(
            model_uri,
            task_description,
            labels,
            text,
            samples,
        ):
            raise TypeError(_BOTH_GIVEN)
        return self._few_shot_classify(request, timeout, metadata, max_retries, idempotency_key)


class AsyncTextClassificationService:
    """Sorts texts into classes, with a tuned model or from a task description."""

    def __init__(
        self,
        transport: AsyncTransport,
        poller: AsyncPoller | None = None,
    ) -> None:
        self._classify = transport.unary(CLASSIFY)
        self._few_shot_classify = transport.unary(FEW_SHOT_CLASSIFY)

    async def classify(
        self,
        request: TextClassificationRequest | None = None,
        *,
        model_uri: str | None = None,
        text: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> TextClassificationResponse:
        """Classifies a text with a model tuned for classification. The classes were fixed when
        the model was tuned, so the request names none.

        Args:
            model_uri: URI of the tuned classifier (`cls://...`), as reported when tuning
                finished.
            text: Text to classify.
        """
        if request is None:
            request = _build(TextClassificationRequest, {"model_uri": model_uri, "text": text})
        elif _any_set(
            model_uri,
            text,
        ):
            raise TypeError(_BOTH_GIVEN)
        return await self._classify(request, timeout, metadata, max_retries, idempotency_key)

    async def few_shot_classify(
        self,
        request: FewShotTextClassificationRequest | None = None,
        *,
        model_uri: str | None = None,
        task_description: str | None = None,
        labels: Iterable[str] | None = None,
        text: str | None = None,
        samples: Iterable[ClassificationSample | ClassificationSampleParams] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> FewShotTextClassificationResponse:
        """Classifies a text into classes named in the request (binary or up to 20 classes),
        guided by a task description and optional examples.

        Args:
            model_uri: Classifier model to use, as a URI such as
                `cls://<folder_id>/yandexgpt/latest`.
            task_description: What the classification is about, in plain words.
            labels: Names of the classes to choose from. Descriptive names work best: prefer
                `chemistry` over `chm`.
            text: Text to classify.
            samples: Optional labelled examples that help the model tell the classes apart.
        """
        if request is None:
            request = _build(
                FewShotTextClassificationRequest,
                {
                    "model_uri": model_uri,
                    "task_description": task_description,
                    "labels": labels,
                    "text": text,
                    "samples": samples,
                },
            )
        elif _any_set(
            model_uri,
            task_description,
            labels,
            text,
            samples,
        ):
            raise TypeError(_BOTH_GIVEN)
        return await self._few_shot_classify(
            request, timeout, metadata, max_retries, idempotency_key
        )
