"""`yandex.cloud.ai.batch_inference.v1`: services, and the messages they take."""

from .._pb.yandex.cloud.ai.batch_inference.v1.batch_inference_service_pb2 import (
    BatchInferenceMetadata,
    BatchInferenceResponse,
    CancelBatchInferenceRequest,
    CancelBatchInferenceResponse,
    DeleteBatchInferenceRequest,
    DeleteBatchInferenceResponse,
    DescribeBatchInferenceRequest,
    DescribeBatchInferenceResponse,
    ListBatchInferencesRequest,
    ListBatchInferencesResponse,
)
from .._pb.yandex.cloud.ai.batch_inference.v1.batch_inference_task_pb2 import BatchInferenceTask
from .._pb.yandex.cloud.ai.batch_inference.v1.inference_options_pb2 import (
    BatchCompletionRequest,
    CompletionOptions,
    JsonSchema,
    ReasoningOptions,
)
from ._batch_inference_service import AsyncBatchInferenceService, BatchInferenceService

__all__ = [
    "AsyncBatchInferenceService",
    "BatchCompletionRequest",
    "BatchInferenceMetadata",
    "BatchInferenceResponse",
    "BatchInferenceService",
    "BatchInferenceTask",
    "CancelBatchInferenceRequest",
    "CancelBatchInferenceResponse",
    "CompletionOptions",
    "DeleteBatchInferenceRequest",
    "DeleteBatchInferenceResponse",
    "DescribeBatchInferenceRequest",
    "DescribeBatchInferenceResponse",
    "JsonSchema",
    "ListBatchInferencesRequest",
    "ListBatchInferencesResponse",
    "ReasoningOptions",
]
