"""`yandex.cloud.ai.foundation_models.v1.image_generation`: services, and the messages they
take.
"""

from .._pb.yandex.cloud.ai.foundation_models.v1.image_generation.image_generation_pb2 import (
    AspectRatio,
    ImageGenerationOptions,
    Message,
)
from .._pb.yandex.cloud.ai.foundation_models.v1.image_generation.image_generation_service_pb2 import (
    ImageGenerationRequest,
    ImageGenerationResponse,
)
from ._image_generation_async_service import (
    AsyncImageGenerationAsyncService,
    ImageGenerationAsyncService,
)

__all__ = [
    "AspectRatio",
    "AsyncImageGenerationAsyncService",
    "ImageGenerationAsyncService",
    "ImageGenerationOptions",
    "ImageGenerationRequest",
    "ImageGenerationResponse",
    "Message",
]
