"""`yandex.cloud.ai.foundation_models.v1`: services, and the messages they take."""

from .._pb.yandex.cloud.ai.foundation_models.v1.batch_inference_task_status_pb2 import (
    BatchInferenceTaskStatus,
)
from .._pb.yandex.cloud.ai.foundation_models.v1.embedding.embedding_service_pb2 import (
    TextEmbeddingRequest,
    TextEmbeddingResponse,
)
from .._pb.yandex.cloud.ai.foundation_models.v1.text_common_pb2 import (
    Alternative,
    CompletionOptions,
    ContentUsage,
    FunctionCall,
    FunctionResult,
    FunctionTool,
    JsonSchema,
    Message,
    ReasoningOptions,
    Token,
    Tool,
    ToolCall,
    ToolCallList,
    ToolChoice,
    ToolResult,
    ToolResultList,
)
from .._pb.yandex.cloud.ai.foundation_models.v1.text_generation.text_generation_service_pb2 import (
    BatchCompletionMetadata,
    BatchCompletionRequest,
    BatchCompletionResponse,
    CompletionRequest,
    CompletionResponse,
    TokenizeRequest,
    TokenizeResponse,
)
from ._embeddings_service import AsyncEmbeddingsService, EmbeddingsService
from ._text_generation_async_service import (
    AsyncTextGenerationAsyncService,
    TextGenerationAsyncService,
)
from ._text_generation_batch_service import (
    AsyncTextGenerationBatchService,
    TextGenerationBatchService,
)
from ._text_generation_service import AsyncTextGenerationService, TextGenerationService
from ._tokenizer_service import AsyncTokenizerService, TokenizerService

__all__ = [
    "Alternative",
    "AsyncEmbeddingsService",
    "AsyncTextGenerationAsyncService",
    "AsyncTextGenerationBatchService",
    "AsyncTextGenerationService",
    "AsyncTokenizerService",
    "BatchCompletionMetadata",
    "BatchCompletionRequest",
    "BatchCompletionResponse",
    "BatchInferenceTaskStatus",
    "CompletionOptions",
    "CompletionRequest",
    "CompletionResponse",
    "ContentUsage",
    "EmbeddingsService",
    "FunctionCall",
    "FunctionResult",
    "FunctionTool",
    "JsonSchema",
    "Message",
    "ReasoningOptions",
    "TextEmbeddingRequest",
    "TextEmbeddingResponse",
    "TextGenerationAsyncService",
    "TextGenerationBatchService",
    "TextGenerationService",
    "Token",
    "TokenizeRequest",
    "TokenizeResponse",
    "TokenizerService",
    "Tool",
    "ToolCall",
    "ToolCallList",
    "ToolChoice",
    "ToolResult",
    "ToolResultList",
]
