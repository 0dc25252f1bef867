"""`yandex.cloud.ai.foundation_models.v1.text_classification`: services, and the messages they
take.
"""

from .._pb.yandex.cloud.ai.foundation_models.v1.text_classification.text_classification_pb2 import (
    ClassificationLabel,
    ClassificationSample,
)
from .._pb.yandex.cloud.ai.foundation_models.v1.text_classification.text_classification_service_pb2 import (
    FewShotTextClassificationRequest,
    FewShotTextClassificationResponse,
    TextClassificationRequest,
    TextClassificationResponse,
)
from ._text_classification_service import AsyncTextClassificationService, TextClassificationService

__all__ = [
    "AsyncTextClassificationService",
    "ClassificationLabel",
    "ClassificationSample",
    "FewShotTextClassificationRequest",
    "FewShotTextClassificationResponse",
    "TextClassificationRequest",
    "TextClassificationResponse",
    "TextClassificationService",
]
