"""Request messages as plain mappings (TypedDicts), for type checkers.

Every method argument that takes a message also takes a mapping of this shape, nested to any
depth; wrapper, timestamp and duration fields take plain values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.struct_pb2 import Struct
from google.protobuf.wrappers_pb2 import BoolValue, DoubleValue, Int64Value

from ._pb.yandex.cloud.access.access_pb2 import (
    AccessBinding,
    AccessBindingAction,
    AccessBindingDelta,
    Subject,
)
from ._pb.yandex.cloud.ai.batch_inference.v1.batch_inference_task_pb2 import BatchInferenceTask
from ._pb.yandex.cloud.ai.common.common_pb2 import ExpirationConfig
from ._pb.yandex.cloud.ai.dataset.v1.dataset_pb2 import DatasetInfo
from ._pb.yandex.cloud.ai.dataset.v1.dataset_service_pb2 import UploadedPartInfo
from ._pb.yandex.cloud.ai.foundation_models.v1 import text_common_pb2
from ._pb.yandex.cloud.ai.foundation_models.v1.image_generation import image_generation_pb2
from ._pb.yandex.cloud.ai.foundation_models.v1.image_generation.image_generation_pb2 import (
    AspectRatio,
    ImageGenerationOptions,
)
from ._pb.yandex.cloud.ai.foundation_models.v1.text_classification.text_classification_pb2 import (
    ClassificationSample,
)
from ._pb.yandex.cloud.ai.foundation_models.v1.text_common_pb2 import (
    CompletionOptions,
    FunctionResult,
    FunctionTool,
    JsonSchema,
    Message,
    ReasoningOptions,
    Tool,
    ToolCall,
    ToolCallList,
    ToolChoice,
    ToolResult,
    ToolResultList,
)
from ._pb.yandex.cloud.ai.tuning.v1.tuning_optimizers_pb2 import OptimizerAdamw
from ._pb.yandex.cloud.ai.tuning.v1.tuning_schedulers_pb2 import (
    SchedulerConstant,
    SchedulerCosine,
    SchedulerLinear,
)
from ._pb.yandex.cloud.ai.tuning.v1.tuning_service_pb2 import (
    TextClassificationMulticlassParams,
    TextClassificationMultilabelParams,
    TextEmbeddingPairParams,
    TextEmbeddingTripletParams,
    TextToTextCompletionTuningParams,
    TuningRequest,
)
from ._pb.yandex.cloud.ai.tuning.v1.tuning_task_pb2 import TuningTask
from ._pb.yandex.cloud.ai.tuning.v1.tuning_types_pb2 import TuningTypeLora, TuningTypePromptTune
from ._pb.yandex.cloud.logging.v1.log_entry_pb2 import LogLevel
from ._pb.yandex.cloud.serverless.mcpgateway.v1.mcp_gateway_pb2 import (
    ContainerCall,
    ForwardHeadersPolicy,
    FunctionCall,
    GrpcCall,
    HttpCall,
    HttpMethod,
    LogOptions,
    McpCall,
    McpTool,
    McpToolAction,
    McpTransport,
    StartWorkflow,
)


class AccessBindingDeltaParams(TypedDict, total=False):
    """A `yandex.cloud.access.AccessBindingDelta` as a mapping; every key may be left out."""

    action: AccessBindingAction | str
    access_binding: AccessBinding | AccessBindingParams


class AccessBindingParams(TypedDict, total=False):
    """A `yandex.cloud.access.AccessBinding` as a mapping; every key may be left out."""

    role_id: str
    subject: Subject | SubjectParams


class ArchiveTuningRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.ArchiveTuningRequest` as a mapping; every key may be left
    out.
    """

    tuning_task_id: str


class AspectRatioParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.image_generation.AspectRatio` as a mapping;
    every key may be left out.
    """

    width_ratio: int
    height_ratio: int


class BatchCompletionRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.BatchCompletionRequest` as a mapping; every key
    may be left out.
    """

    model_uri: str
    completion_options: CompletionOptions | CompletionOptionsParams
    source_dataset_id: str
    json_object: bool
    json_schema: JsonSchema | JsonSchemaParams


class CancelBatchInferenceRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.batch_inference.v1.CancelBatchInferenceRequest` as a mapping; every
    key may be left out.
    """

    task_id: str


class CancelOperationRequestParams(TypedDict, total=False):
    """A `yandex.cloud.operation.CancelOperationRequest` as a mapping; every key may be left
    out.
    """

    operation_id: str


class CancelTuningRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.CancelTuningRequest` as a mapping; every key may be left
    out.
    """

    tuning_task_id: str


class ClassificationSampleParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.text_classification.ClassificationSample` as a
    mapping; every key may be left out.
    """

    text: str
    label: str


class CompletionOptionsParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.CompletionOptions` as a mapping; every key may
    be left out.
    """

    stream: bool
    temperature: DoubleValue | float
    max_tokens: Int64Value | int
    reasoning_options: ReasoningOptions | ReasoningOptionsParams


class CompletionRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.CompletionRequest` as a mapping; every key may
    be left out.
    """

    model_uri: str
    completion_options: CompletionOptions | CompletionOptionsParams
    messages: Iterable[Message | MessageParams]
    tools: Iterable[Tool | ToolParams]
    json_object: bool
    json_schema: JsonSchema | JsonSchemaParams
    parallel_tool_calls: BoolValue | bool
    tool_choice: ToolChoice | ToolChoiceParams


class ContainerCallParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.ContainerCall` as a mapping; every key may be
    left out.
    """

    container_id: str
    path: str
    method: HttpMethod | str
    body: str
    headers: Mapping[str, str]
    query: Mapping[str, str]
    forward_headers: ForwardHeadersPolicy | ForwardHeadersPolicyParams


class CreateDatasetRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.CreateDatasetRequest` as a mapping; every key may be left
    out.
    """

    name: str
    folder_id: str
    description: str
    metadata: str
    task_type: str
    labels: Mapping[str, str]
    upload_format: str
    allow_data_log: bool


class CreateFileRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.files.v1.CreateFileRequest` as a mapping; every key may be left out."""

    folder_id: str
    name: str
    description: str
    mime_type: str
    content: bytes
    labels: Mapping[str, str]
    expiration_config: ExpirationConfig | ExpirationConfigParams


class CreateIamTokenForServiceAccountRequestParams(TypedDict, total=False):
    """A `yandex.cloud.iam.v1.CreateIamTokenForServiceAccountRequest` as a mapping; every key
    may be left out.
    """

    service_account_id: str


class CreateIamTokenRequestParams(TypedDict, total=False):
    """A `yandex.cloud.iam.v1.CreateIamTokenRequest` as a mapping; every key may be left out."""

    yandex_passport_oauth_token: str
    jwt: str


class CreateMcpGatewayRequestParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.CreateMcpGatewayRequest` as a mapping; every
    key may be left out.
    """

    folder_id: str
    name: str
    description: str
    labels: Mapping[str, str]
    tools: Iterable[McpTool | McpToolParams]
    log_options: LogOptions | LogOptionsParams
    service_account_id: str
    network_id: str
    public: bool
    transport: McpTransport | str


class CreateTuningDraftRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.CreateTuningDraftRequest` as a mapping; every key may be
    left out.
    """

    base_model_uri: str
    train_datasets: Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams]
    validation_datasets: Iterable[
        TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams
    ]
    text_to_text_completion: (
        TextToTextCompletionTuningParams | TextToTextCompletionTuningParamsParams
    )
    text_classification_multilabel: (
        TextClassificationMultilabelParams | TextClassificationMultilabelParamsParams
    )
    text_classification_multiclass: (
        TextClassificationMulticlassParams | TextClassificationMulticlassParamsParams
    )
    text_embedding_pair_params: TextEmbeddingPairParams | TextEmbeddingPairParamsParams
    text_embedding_triplet_params: TextEmbeddingTripletParams | TextEmbeddingTripletParamsParams
    name: str
    description: str
    labels: Mapping[str, str]


class DeleteBatchInferenceRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.batch_inference.v1.DeleteBatchInferenceRequest` as a mapping; every
    key may be left out.
    """

    task_id: str


class DeleteDatasetRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.DeleteDatasetRequest` as a mapping; every key may be left
    out.
    """

    dataset_id: str


class DeleteFileRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.files.v1.DeleteFileRequest` as a mapping; every key may be left out."""

    file_id: str


class DeleteMcpGatewayRequestParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.DeleteMcpGatewayRequest` as a mapping; every
    key may be left out.
    """

    mcp_gateway_id: str


class DeleteTuningDraftRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.DeleteTuningDraftRequest` as a mapping; every key may be
    left out.
    """

    tuning_task_id: str


class DescribeBatchInferenceRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.batch_inference.v1.DescribeBatchInferenceRequest` as a mapping; every
    key may be left out.
    """

    task_id: str


class DescribeDatasetRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.DescribeDatasetRequest` as a mapping; every key may be
    left out.
    """

    dataset_id: str


class DescribeTuningRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.DescribeTuningRequest` as a mapping; every key may be left
    out.
    """

    tuning_task_id: str


class EnableBillingRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.EnableBillingRequest` as a mapping; every key may be left
    out.
    """

    tuning_task_id: str


class ExpirationConfigParams(TypedDict, total=False):
    """A `yandex.cloud.ai.common.ExpirationConfig` as a mapping; every key may be left out."""

    expiration_policy: ExpirationConfig.ExpirationPolicy | str
    ttl_days: int


class FewShotTextClassificationRequestParams(TypedDict, total=False):
    """A
    `yandex.cloud.ai.foundation_models.v1.text_classification.FewShotTextClassificationRequest`
    as a mapping; every key may be left out.
    """

    model_uri: str
    task_description: str
    labels: Iterable[str]
    text: str
    samples: Iterable[ClassificationSample | ClassificationSampleParams]


class FinishMultipartUploadDraftRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.FinishMultipartUploadDraftRequest` as a mapping; every key
    may be left out.
    """

    dataset_id: str
    uploaded_parts: Iterable[UploadedPartInfo | UploadedPartInfoParams]


class ForwardHeadersPolicyParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.ForwardHeadersPolicy` as a mapping; every key
    may be left out.
    """

    mode: ForwardHeadersPolicy.ForwardMode | str
    headers: Iterable[str]


class FunctionCallParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.FunctionCall` as a mapping; every key may be
    left out.
    """

    name: str
    arguments: Struct | Mapping[str, Any]


class FunctionCallParams_2(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.FunctionCall` as a mapping; every key may be
    left out.
    """

    function_id: str
    tag: str


class FunctionResultParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.FunctionResult` as a mapping; every key may be
    left out.
    """

    name: str
    content: str


class FunctionToolParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.FunctionTool` as a mapping; every key may be
    left out.
    """

    name: str
    description: str
    parameters: Struct | Mapping[str, Any]
    strict: bool


class GetDatasetPreviewRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.GetDatasetPreviewRequest` as a mapping; every key may be
    left out.
    """

    dataset_id: str


class GetDownloadUrlsRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.GetDownloadUrlsRequest` as a mapping; every key may be
    left out.
    """

    dataset_id: str


class GetFileRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.files.v1.GetFileRequest` as a mapping; every key may be left out."""

    file_id: str


class GetFileUrlRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.files.v1.GetFileUrlRequest` as a mapping; every key may be left out."""

    file_id: str


class GetMcpGatewayRequestParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.GetMcpGatewayRequest` as a mapping; every key
    may be left out.
    """

    mcp_gateway_id: str


class GetMetricsUrlRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.GetMetricsUrlRequest` as a mapping; every key may be left
    out.
    """

    task_id: str


class GetOperationRequestParams(TypedDict, total=False):
    """A `yandex.cloud.operation.GetOperationRequest` as a mapping; every key may be left out."""

    operation_id: str


class GetOptionsRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.GetOptionsRequest` as a mapping; every key may be left out."""

    task_id: str


class GetUploadDraftUrlRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.GetUploadDraftUrlRequest` as a mapping; every key may be
    left out.
    """

    dataset_id: str
    size_bytes: int


class GrpcCallParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.GrpcCall` as a mapping; every key may be left
    out.
    """

    endpoint: str
    method: str
    use_service_account: bool
    body: str
    headers: Mapping[str, str]
    forward_headers: ForwardHeadersPolicy | ForwardHeadersPolicyParams


class HttpCallParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.HttpCall` as a mapping; every key may be left
    out.
    """

    url: str
    method: HttpMethod | str
    body: str
    headers: Mapping[str, str]
    query: Mapping[str, str]
    use_service_account: bool
    forward_headers: ForwardHeadersPolicy | ForwardHeadersPolicyParams


class ImageGenerationOptionsParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.image_generation.ImageGenerationOptions` as a
    mapping; every key may be left out.
    """

    mime_type: str
    seed: int
    aspect_ratio: AspectRatio | AspectRatioParams


class ImageGenerationRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.image_generation.ImageGenerationRequest` as a
    mapping; every key may be left out.
    """

    model_uri: str
    messages: Iterable[image_generation_pb2.Message | MessageParams_2]
    generation_options: ImageGenerationOptions | ImageGenerationOptionsParams


class JsonSchemaParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.JsonSchema` as a mapping; every key may be left
    out.
    """

    schema: Struct | Mapping[str, Any]


class ListAccessBindingsRequestParams(TypedDict, total=False):
    """A `yandex.cloud.access.ListAccessBindingsRequest` as a mapping; every key may be left
    out.
    """

    resource_id: str
    page_size: int
    page_token: str


class ListBatchInferencesRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.batch_inference.v1.ListBatchInferencesRequest` as a mapping; every
    key may be left out.
    """

    folder_id: str
    page_size: int
    page_token: str
    status: BatchInferenceTask.Status | str


class ListDatasetsRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.ListDatasetsRequest` as a mapping; every key may be left
    out.
    """

    folder_id: str
    status: Iterable[DatasetInfo.Status | str]
    dataset_name_pattern: str
    task_type_filter: Iterable[str]
    page_size: int
    page_token: str
    dataset_ids: Iterable[str]


class ListErrorsRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.ListErrorsRequest` as a mapping; every key may be left out."""

    tuning_task_id: str


class ListFilesRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.files.v1.ListFilesRequest` as a mapping; every key may be left out."""

    folder_id: str
    page_size: int
    page_token: str


class ListMcpGatewayRequestParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.ListMcpGatewayRequest` as a mapping; every key
    may be left out.
    """

    folder_id: str
    page_size: int
    page_token: str
    filter: str


class ListOperationsIdsRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.ListOperationsIdsRequest` as a mapping; every key may be
    left out.
    """

    dataset_id: Iterable[str]


class ListOperationsRequestParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.ListOperationsRequest` as a mapping; every key
    may be left out.
    """

    mcp_gateway_id: str
    page_size: int
    page_token: str
    filter: str


class ListTuningsRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.ListTuningsRequest` as a mapping; every key may be left
    out.
    """

    folder_id: str
    page_size: int
    page_token: str
    status: TuningTask.Status | str


class ListTypesRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.ListTypesRequest` as a mapping; every key may be left out."""

    folder_id: str


class ListUploadFormatsRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.ListUploadFormatsRequest` as a mapping; every key may be
    left out.
    """

    task_type: str


class ListUploadSchemasRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.ListUploadSchemasRequest` as a mapping; every key may be
    left out.
    """

    task_type: str
    folder_id: str


class LogOptionsParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.LogOptions` as a mapping; every key may be left
    out.
    """

    disabled: bool
    log_group_id: str
    folder_id: str
    min_level: LogLevel.Level | str


class McpCallHeaderAuthorizationParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.McpCall.HeaderAuthorization` as a mapping;
    every key may be left out.
    """

    header_name: str
    header_value: str


class McpCallNoAuthorizationParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.McpCall.NoAuthorization` as a mapping; every
    key may be left out.
    """


class McpCallParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.McpCall` as a mapping; every key may be left
    out.
    """

    url: str
    tool_call: McpCall.ToolCall | McpCallToolCallParams
    transport: McpCall.Transport | str
    unauthorized: McpCall.NoAuthorization | McpCallNoAuthorizationParams
    header: McpCall.HeaderAuthorization | McpCallHeaderAuthorizationParams
    service_account: McpCall.SaAuthorization | McpCallSaAuthorizationParams
    forward_headers: Mapping[str, str]
    transfer_headers: ForwardHeadersPolicy | ForwardHeadersPolicyParams


class McpCallSaAuthorizationParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.McpCall.SaAuthorization` as a mapping; every
    key may be left out.
    """


class McpCallToolCallParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.McpCall.ToolCall` as a mapping; every key may
    be left out.
    """

    tool_name: str
    parameters_json: str


class McpToolActionParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.McpToolAction` as a mapping; every key may be
    left out.
    """

    function_call: FunctionCall | FunctionCallParams_2
    container_call: ContainerCall | ContainerCallParams
    http_call: HttpCall | HttpCallParams
    mcp_call: McpCall | McpCallParams
    grpc_call: GrpcCall | GrpcCallParams
    start_workflow: StartWorkflow | StartWorkflowParams


class McpToolParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.McpTool` as a mapping; every key may be left
    out.
    """

    name: str
    description: str
    input_json_schema: str
    action: McpToolAction | McpToolActionParams
    output_json_schema: str


class MessageParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.Message` as a mapping; every key may be left
    out.
    """

    role: str
    text: str
    tool_call_list: ToolCallList | ToolCallListParams
    tool_result_list: ToolResultList | ToolResultListParams


class MessageParams_2(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.image_generation.Message` as a mapping; every
    key may be left out.
    """

    text: str
    weight: float


class OptimizerAdamwParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.OptimizerAdamw` as a mapping; every key may be left out."""

    beta1: float
    beta2: float
    eps: float
    weight_decay: float


class ReasoningOptionsParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.ReasoningOptions` as a mapping; every key may be
    left out.
    """

    mode: ReasoningOptions.ReasoningMode | str


class RevokeIamTokenRequestParams(TypedDict, total=False):
    """A `yandex.cloud.iam.v1.RevokeIamTokenRequest` as a mapping; every key may be left out."""

    iam_token: str


class SchedulerConstantParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.SchedulerConstant` as a mapping; every key may be left out."""


class SchedulerCosineParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.SchedulerCosine` as a mapping; every key may be left out."""

    min_lr: float


class SchedulerLinearParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.SchedulerLinear` as a mapping; every key may be left out."""

    min_lr: float


class SetAccessBindingsRequestParams(TypedDict, total=False):
    """A `yandex.cloud.access.SetAccessBindingsRequest` as a mapping; every key may be left
    out.
    """

    resource_id: str
    access_bindings: Iterable[AccessBinding | AccessBindingParams]


class StartMultipartUploadDraftRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.StartMultipartUploadDraftRequest` as a mapping; every key
    may be left out.
    """

    dataset_id: str
    size_bytes: int
    parts: int


class StartWorkflowParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.StartWorkflow` as a mapping; every key may be
    left out.
    """

    workflow_id: str
    input_json: str
    mode: StartWorkflow.Mode | str


class SubjectParams(TypedDict, total=False):
    """A `yandex.cloud.access.Subject` as a mapping; every key may be left out."""

    id: str
    type: str


class TextClassificationMulticlassParamsOptimizerParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextClassificationMulticlassParams.Optimizer` as a mapping;
    every key may be left out.
    """

    adamw: OptimizerAdamw | OptimizerAdamwParams


class TextClassificationMulticlassParamsParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextClassificationMulticlassParams` as a mapping; every key
    may be left out.
    """

    seed: int
    lr: float
    n_samples: int
    additional_arguments: str
    lora: TuningTypeLora | TuningTypeLoraParams
    prompt_tune: TuningTypePromptTune | TuningTypePromptTuneParams
    scheduler: (
        TextClassificationMulticlassParams.Scheduler
        | TextClassificationMulticlassParamsSchedulerParams
    )
    optimizer: (
        TextClassificationMulticlassParams.Optimizer
        | TextClassificationMulticlassParamsOptimizerParams
    )


class TextClassificationMulticlassParamsSchedulerParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextClassificationMulticlassParams.Scheduler` as a mapping;
    every key may be left out.
    """

    linear: SchedulerLinear | SchedulerLinearParams
    constant: SchedulerConstant | SchedulerConstantParams
    cosine: SchedulerCosine | SchedulerCosineParams
    warmup_ratio: float


class TextClassificationMultilabelParamsOptimizerParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextClassificationMultilabelParams.Optimizer` as a mapping;
    every key may be left out.
    """

    adamw: OptimizerAdamw | OptimizerAdamwParams


class TextClassificationMultilabelParamsParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextClassificationMultilabelParams` as a mapping; every key
    may be left out.
    """

    seed: int
    lr: float
    n_samples: int
    additional_arguments: str
    lora: TuningTypeLora | TuningTypeLoraParams
    prompt_tune: TuningTypePromptTune | TuningTypePromptTuneParams
    scheduler: (
        TextClassificationMultilabelParams.Scheduler
        | TextClassificationMultilabelParamsSchedulerParams
    )
    optimizer: (
        TextClassificationMultilabelParams.Optimizer
        | TextClassificationMultilabelParamsOptimizerParams
    )


class TextClassificationMultilabelParamsSchedulerParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextClassificationMultilabelParams.Scheduler` as a mapping;
    every key may be left out.
    """

    linear: SchedulerLinear | SchedulerLinearParams
    constant: SchedulerConstant | SchedulerConstantParams
    cosine: SchedulerCosine | SchedulerCosineParams
    warmup_ratio: float


class TextClassificationRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.text_classification.TextClassificationRequest`
    as a mapping; every key may be left out.
    """

    model_uri: str
    text: str


class TextEmbeddingPairParamsOptimizerParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextEmbeddingPairParams.Optimizer` as a mapping; every key
    may be left out.
    """

    adamw: OptimizerAdamw | OptimizerAdamwParams


class TextEmbeddingPairParamsParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextEmbeddingPairParams` as a mapping; every key may be
    left out.
    """

    seed: int
    lr: float
    n_samples: int
    additional_arguments: str
    embedding_dims: Iterable[int]
    lora: TuningTypeLora | TuningTypeLoraParams
    prompt_tune: TuningTypePromptTune | TuningTypePromptTuneParams
    scheduler: TextEmbeddingPairParams.Scheduler | TextEmbeddingPairParamsSchedulerParams
    optimizer: TextEmbeddingPairParams.Optimizer | TextEmbeddingPairParamsOptimizerParams


class TextEmbeddingPairParamsSchedulerParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextEmbeddingPairParams.Scheduler` as a mapping; every key
    may be left out.
    """

    linear: SchedulerLinear | SchedulerLinearParams
    constant: SchedulerConstant | SchedulerConstantParams
    cosine: SchedulerCosine | SchedulerCosineParams
    warmup_ratio: float


class TextEmbeddingRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.TextEmbeddingRequest` as a mapping; every key
    may be left out.
    """

    model_uri: str
    text: str
    dim: Int64Value | int


class TextEmbeddingTripletParamsOptimizerParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextEmbeddingTripletParams.Optimizer` as a mapping; every
    key may be left out.
    """

    adamw: OptimizerAdamw | OptimizerAdamwParams


class TextEmbeddingTripletParamsParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextEmbeddingTripletParams` as a mapping; every key may be
    left out.
    """

    seed: int
    lr: float
    n_samples: int
    additional_arguments: str
    embedding_dims: Iterable[int]
    lora: TuningTypeLora | TuningTypeLoraParams
    prompt_tune: TuningTypePromptTune | TuningTypePromptTuneParams
    scheduler: TextEmbeddingTripletParams.Scheduler | TextEmbeddingTripletParamsSchedulerParams
    optimizer: TextEmbeddingTripletParams.Optimizer | TextEmbeddingTripletParamsOptimizerParams


class TextEmbeddingTripletParamsSchedulerParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextEmbeddingTripletParams.Scheduler` as a mapping; every
    key may be left out.
    """

    linear: SchedulerLinear | SchedulerLinearParams
    constant: SchedulerConstant | SchedulerConstantParams
    cosine: SchedulerCosine | SchedulerCosineParams
    warmup_ratio: float


class TextToTextCompletionTuningParamsOptimizerParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextToTextCompletionTuningParams.Optimizer` as a mapping;
    every key may be left out.
    """

    adamw: OptimizerAdamw | OptimizerAdamwParams


class TextToTextCompletionTuningParamsParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextToTextCompletionTuningParams` as a mapping; every key
    may be left out.
    """

    seed: int
    lr: float
    n_samples: int
    additional_arguments: str
    lora: TuningTypeLora | TuningTypeLoraParams
    prompt_tune: TuningTypePromptTune | TuningTypePromptTuneParams
    scheduler: (
        TextToTextCompletionTuningParams.Scheduler | TextToTextCompletionTuningParamsSchedulerParams
    )
    optimizer: (
        TextToTextCompletionTuningParams.Optimizer | TextToTextCompletionTuningParamsOptimizerParams
    )


class TextToTextCompletionTuningParamsSchedulerParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TextToTextCompletionTuningParams.Scheduler` as a mapping;
    every key may be left out.
    """

    linear: SchedulerLinear | SchedulerLinearParams
    constant: SchedulerConstant | SchedulerConstantParams
    cosine: SchedulerCosine | SchedulerCosineParams
    warmup_ratio: float


class TokenizeRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.TokenizeRequest` as a mapping; every key may be
    left out.
    """

    model_uri: str
    text: str


class ToolCallListParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.ToolCallList` as a mapping; every key may be
    left out.
    """

    tool_calls: Iterable[ToolCall | ToolCallParams]


class ToolCallParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.ToolCall` as a mapping; every key may be left
    out.
    """

    function_call: text_common_pb2.FunctionCall | FunctionCallParams


class ToolChoiceParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.ToolChoice` as a mapping; every key may be left
    out.
    """

    mode: ToolChoice.ToolChoiceMode | str
    function_name: str


class ToolParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.Tool` as a mapping; every key may be left out."""

    function: FunctionTool | FunctionToolParams


class ToolResultListParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.ToolResultList` as a mapping; every key may be
    left out.
    """

    tool_results: Iterable[ToolResult | ToolResultParams]


class ToolResultParams(TypedDict, total=False):
    """A `yandex.cloud.ai.foundation_models.v1.ToolResult` as a mapping; every key may be left
    out.
    """

    function_result: FunctionResult | FunctionResultParams


class TuneDraftRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TuneDraftRequest` as a mapping; every key may be left out."""

    tuning_task_id: str


class TuningRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TuningRequest` as a mapping; every key may be left out."""

    base_model_uri: str
    train_datasets: Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams]
    validation_datasets: Iterable[
        TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams
    ]
    validation_dataset: TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams
    test_datasets: Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams]
    text_to_text_completion: (
        TextToTextCompletionTuningParams | TextToTextCompletionTuningParamsParams
    )
    text_classification_multilabel: (
        TextClassificationMultilabelParams | TextClassificationMultilabelParamsParams
    )
    text_classification_multiclass: (
        TextClassificationMulticlassParams | TextClassificationMulticlassParamsParams
    )
    text_embedding_pair_params: TextEmbeddingPairParams | TextEmbeddingPairParamsParams
    text_embedding_triplet_params: TextEmbeddingTripletParams | TextEmbeddingTripletParamsParams
    name: str
    description: str
    labels: Mapping[str, str]


class TuningRequestWeightedDatasetParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TuningRequest.WeightedDataset` as a mapping; every key may
    be left out.
    """

    dataset_id: str
    weight: float


class TuningTypeLoraParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TuningTypeLora` as a mapping; every key may be left out."""

    rank: int
    alpha: float
    initialization: str
    type: str


class TuningTypePromptTuneParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.TuningTypePromptTune` as a mapping; every key may be left
    out.
    """

    virtual_tokens: int


class UpdateAccessBindingsRequestParams(TypedDict, total=False):
    """A `yandex.cloud.access.UpdateAccessBindingsRequest` as a mapping; every key may be left
    out.
    """

    resource_id: str
    access_binding_deltas: Iterable[AccessBindingDelta | AccessBindingDeltaParams]


class UpdateDatasetRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.UpdateDatasetRequest` as a mapping; every key may be left
    out.
    """

    dataset_id: str
    update_mask: FieldMask
    name: str
    description: str
    labels: Mapping[str, str]


class UpdateFileRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.files.v1.UpdateFileRequest` as a mapping; every key may be left out."""

    file_id: str
    update_mask: FieldMask
    name: str
    description: str
    expiration_config: ExpirationConfig | ExpirationConfigParams
    labels: Mapping[str, str]


class UpdateMcpGatewayRequestParams(TypedDict, total=False):
    """A `yandex.cloud.serverless.mcpgateway.v1.UpdateMcpGatewayRequest` as a mapping; every
    key may be left out.
    """

    mcp_gateway_id: str
    name: str
    description: str
    labels: Mapping[str, str]
    tools: Iterable[McpTool | McpToolParams]
    log_options: LogOptions | LogOptionsParams
    service_account_id: str
    network_id: str
    update_mask: FieldMask
    public: bool
    transport: McpTransport | str


class UpdateTuningDraftRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.tuning.v1.UpdateTuningDraftRequest` as a mapping; every key may be
    left out.
    """

    tuning_task_id: str
    base_model_uri: str
    train_datasets: Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams]
    validation_datasets: Iterable[
        TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams
    ]
    text_to_text_completion: (
        TextToTextCompletionTuningParams | TextToTextCompletionTuningParamsParams
    )
    text_classification_multilabel: (
        TextClassificationMultilabelParams | TextClassificationMultilabelParamsParams
    )
    text_classification_multiclass: (
        TextClassificationMulticlassParams | TextClassificationMulticlassParamsParams
    )
    text_embedding_pair_params: TextEmbeddingPairParams | TextEmbeddingPairParamsParams
    text_embedding_triplet_params: TextEmbeddingTripletParams | TextEmbeddingTripletParamsParams
    name: str
    description: str
    labels: Mapping[str, str]


class UploadedPartInfoParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.UploadedPartInfo` as a mapping; every key may be left out."""

    part_num: int
    etag: str


class ValidateDatasetRequestParams(TypedDict, total=False):
    """A `yandex.cloud.ai.dataset.v1.ValidateDatasetRequest` as a mapping; every key may be
    left out.
    """

    dataset_id: str
