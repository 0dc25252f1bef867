"""Client-side request checks from the API's validation options (see `_grpc/_validation.py`)."""

from __future__ import annotations

import re

from google.protobuf.message import Message

from ._grpc._validation import Rule
from ._grpc._validation import check as _check_message

RULES: dict[str, tuple[Rule, ...]] = {
    "yandex.cloud.access.AccessBinding": (
        Rule("role_id", "scalar", "required; length <=64", required=True, max_length=64),
        Rule("subject", "message", "required", required=True),
    ),
    "yandex.cloud.access.AccessBindingDelta": (
        Rule("action", "scalar", "required", required=True),
        Rule("access_binding", "message", "required", required=True),
    ),
    "yandex.cloud.access.AccessPolicyBinding": (
        Rule(
            "access_policy_template_id",
            "scalar",
            "required; length <=64",
            required=True,
            max_length=64,
        ),
        Rule(
            "parameters",
            "repeated",
            "length <=1024; size <=64; map_key pattern [a-z][-_0-9a-z]*, length 1-63",
            max_length=1024,
            max_items=64,
        ),
    ),
    "yandex.cloud.access.BindAccessPolicyRequest": (
        Rule("resource_id", "scalar", "required; length <=64", required=True, max_length=64),
        Rule("access_policy_binding", "message", "required", required=True),
    ),
    "yandex.cloud.access.ListAccessBindingsRequest": (
        Rule("resource_id", "scalar", "required; length <=64", required=True, max_length=64),
        Rule("page_size", "scalar", "value 0-1000", minimum=0.0, maximum=1000.0),
        Rule("page_token", "scalar", "length <=100", max_length=100),
    ),
    "yandex.cloud.access.ListAccessPolicyBindingsRequest": (
        Rule("resource_id", "scalar", "required; length <=64", required=True, max_length=64),
        Rule("page_size", "scalar", "value 0-1000", minimum=0.0, maximum=1000.0),
        Rule("page_token", "scalar", "length <=100", max_length=100),
    ),
    "yandex.cloud.access.SetAccessBindingsRequest": (
        Rule("resource_id", "scalar", "required; length <=64", required=True, max_length=64),
        Rule("access_bindings", "repeated", "size <=1000", max_items=1000),
    ),
    "yandex.cloud.access.Subject": (
        Rule("id", "scalar", "required; length <=100", required=True, max_length=100),
        Rule("type", "scalar", "required; length <=100", required=True, max_length=100),
    ),
    "yandex.cloud.access.UnbindAccessPolicyRequest": (
        Rule("resource_id", "scalar", "required; length <=64", required=True, max_length=64),
        Rule("access_policy_template_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.access.UpdateAccessBindingsRequest": (
        Rule("resource_id", "scalar", "required; length <=64", required=True, max_length=64),
        Rule("access_binding_deltas", "repeated", "size 1-1000", min_items=1, max_items=1000),
    ),
    "yandex.cloud.access.UpdateAccessPolicyBindingParametersRequest": (
        Rule("resource_id", "scalar", "required; length <=64", required=True, max_length=64),
        Rule("access_policy_binding", "message", "required", required=True),
    ),
    "yandex.cloud.ai.batch_inference.v1.BatchCompletionRequest": (
        Rule("model_uri", "scalar", "required", required=True),
        Rule("source_dataset_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.batch_inference.v1.CancelBatchInferenceRequest": (
        Rule("task_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.batch_inference.v1.DeleteBatchInferenceRequest": (
        Rule("task_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.batch_inference.v1.DescribeBatchInferenceRequest": (
        Rule("task_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.batch_inference.v1.ListBatchInferencesRequest": (
        Rule("folder_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.dataset.v1.CreateDatasetRequest": (
        Rule("name", "scalar", "required; length <=63", required=True, max_length=63),
        Rule("folder_id", "scalar", "required; length <=50", required=True, max_length=50),
        Rule("task_type", "scalar", "required; length <=50", required=True, max_length=50),
        Rule("upload_format", "scalar", "required; length <=50", required=True, max_length=50),
    ),
    "yandex.cloud.ai.dataset.v1.DeleteDatasetRequest": (
        Rule("dataset_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.dataset.v1.DescribeDatasetRequest": (
        Rule("dataset_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.dataset.v1.FinishMultipartUploadDraftRequest": (
        Rule("dataset_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.dataset.v1.GetDatasetPreviewRequest": (
        Rule("dataset_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.dataset.v1.GetDownloadUrlsRequest": (
        Rule("dataset_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.dataset.v1.GetUploadDraftUrlRequest": (
        Rule("dataset_id", "scalar", "required", required=True),
        Rule("size_bytes", "scalar", "value >0", minimum=0.0, exclusive_minimum=True),
    ),
    "yandex.cloud.ai.dataset.v1.ListDatasetsRequest": (
        Rule("folder_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.dataset.v1.ListUploadFormatsRequest": (
        Rule("task_type", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.dataset.v1.ListUploadSchemasRequest": (
        Rule("task_type", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.dataset.v1.StartMultipartUploadDraftRequest": (
        Rule("dataset_id", "scalar", "required", required=True),
        Rule("size_bytes", "scalar", "value >0", minimum=0.0, exclusive_minimum=True),
    ),
    "yandex.cloud.ai.dataset.v1.UpdateDatasetRequest": (
        Rule("dataset_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.dataset.v1.UploadedPartInfo": (
        Rule("part_num", "scalar", "value 1-10000", minimum=1.0, maximum=10000.0),
        Rule("etag", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.dataset.v1.ValidateDatasetRequest": (
        Rule("dataset_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.files.v1.CreateFileRequest": (
        Rule("folder_id", "scalar", "required", required=True),
        Rule("content", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.files.v1.DeleteFileRequest": (
        Rule("file_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.files.v1.GetFileRequest": (
        Rule("file_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.files.v1.GetFileUrlRequest": (
        Rule("file_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.files.v1.ListFilesRequest": (
        Rule("folder_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.files.v1.UpdateFileRequest": (
        Rule("file_id", "scalar", "required", required=True),
        Rule("update_mask", "message", "required", required=True),
    ),
    "yandex.cloud.ai.tuning.v1.ArchiveTuningRequest": (
        Rule("tuning_task_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.tuning.v1.CancelTuningRequest": (
        Rule("tuning_task_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.tuning.v1.CreateTuningDraftRequest": (
        Rule("base_model_uri", "scalar", "required", required=True),
        Rule("train_datasets", "repeated", "size >0", min_items=1),
        Rule(
            "name",
            "scalar",
            "pattern ^[A-Za-z0-9 _-]{3,100}$",
            pattern=re.compile("^[A-Za-z0-9 _-]{3,100}$"),
        ),
    ),
    "yandex.cloud.ai.tuning.v1.DeleteTuningDraftRequest": (
        Rule("tuning_task_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.tuning.v1.DescribeTuningRequest": (
        Rule("tuning_task_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.tuning.v1.EnableBillingRequest": (
        Rule("tuning_task_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.tuning.v1.GetMetricsUrlRequest": (
        Rule("task_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.tuning.v1.GetOptionsRequest": (
        Rule("task_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.tuning.v1.ListTuningsRequest": (
        Rule("folder_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.tuning.v1.TuneDraftRequest": (
        Rule("tuning_task_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.tuning.v1.TuningRequest": (
        Rule("base_model_uri", "scalar", "required", required=True),
        Rule("train_datasets", "repeated", "size >0", min_items=1),
    ),
    "yandex.cloud.ai.tuning.v1.TuningRequest.WeightedDataset": (
        Rule("dataset_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.ai.tuning.v1.TuningTask": (
        Rule(
            "name",
            "scalar",
            "pattern ^[A-Za-z0-9 _-]{3,100}$",
            pattern=re.compile("^[A-Za-z0-9 _-]{3,100}$"),
        ),
    ),
    "yandex.cloud.ai.tuning.v1.UpdateTuningDraftRequest": (
        Rule("tuning_task_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.iam.v1.CreateIamTokenForServiceAccountRequest": (
        Rule("service_account_id", "scalar", "required; length <=50", required=True, max_length=50),
    ),
    "yandex.cloud.iam.v1.CreateIamTokenRequest": (
        Rule(
            "yandex_passport_oauth_token",
            "message",
            "length <=4000; exactly one of `identity`",
            max_length=4000,
        ),
        Rule("jwt", "message", "length <=8000; exactly one of `identity`", max_length=8000),
    ),
    "yandex.cloud.iam.v1.RevokeIamTokenRequest": (
        Rule("iam_token", "scalar", "required; length <=4096", required=True, max_length=4096),
    ),
    "yandex.cloud.logging.v1.Destination": (
        Rule(
            "log_group_id",
            "message",
            "length <=63; pattern ([a-zA-Z][-a-zA-Z0-9_.]{0,63})?; exactly one of `destination`",
            max_length=63,
            pattern=re.compile("([a-zA-Z][-a-zA-Z0-9_.]{0,63})?"),
        ),
        Rule(
            "folder_id",
            "message",
            "pattern ([a-zA-Z][-a-zA-Z0-9_.]{0,63})?; exactly one of `destination`",
            pattern=re.compile("([a-zA-Z][-a-zA-Z0-9_.]{0,63})?"),
        ),
    ),
    "yandex.cloud.logging.v1.IncomingLogEntry": (
        Rule("timestamp", "message", "required", required=True),
        Rule("stream_name", "scalar", "length <=71", max_length=71),
    ),
    "yandex.cloud.logging.v1.LogEntry": (
        Rule("stream_name", "scalar", "length <=71", max_length=71),
    ),
    "yandex.cloud.logging.v1.LogEntryDefaults": (
        Rule("stream_name", "scalar", "length <=71", max_length=71),
    ),
    "yandex.cloud.logging.v1.LogEntryResource": (
        Rule("type", "scalar", "length <=63", max_length=63),
        Rule("id", "scalar", "length <=63", max_length=63),
    ),
    "yandex.cloud.operation.CancelOperationRequest": (
        Rule("operation_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.operation.GetOperationRequest": (
        Rule("operation_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.ContainerCall": (
        Rule("container_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.CreateMcpGatewayMetadata": (
        Rule("mcp_gateway_id", "scalar", "required", required=True),
        Rule("folder_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.CreateMcpGatewayRequest": (
        Rule("folder_id", "scalar", "required", required=True),
        Rule(
            "name",
            "scalar",
            "required; length <=128; pattern |[a-z]([-a-z0-9]{0,61}[a-z0-9])?",
            required=True,
            max_length=128,
            pattern=re.compile("|[a-z]([-a-z0-9]{0,61}[a-z0-9])?"),
        ),
        Rule("description", "scalar", "length <=65536", max_length=65536),
        Rule(
            "labels",
            "repeated",
            "length <=63; size <=64; pattern [-_./\\@0-9a-z]*; map_key pattern [a-z][-_./\\@0-9a-z]*, length 1-63",
            max_length=63,
            max_items=64,
            pattern=re.compile("[-_./\\@0-9a-z]*"),
        ),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.DeleteMcpGatewayMetadata": (
        Rule("mcp_gateway_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.DeleteMcpGatewayRequest": (
        Rule("mcp_gateway_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.ForwardHeadersPolicy": (
        Rule("mode", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.FunctionCall": (
        Rule("function_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.GetMcpGatewayRequest": (
        Rule("mcp_gateway_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.GrpcCall": (
        Rule("endpoint", "scalar", "required", required=True),
        Rule("method", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.HttpCall": (
        Rule("url", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.ListMcpGatewayRequest": (
        Rule("folder_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.ListOperationsRequest": (
        Rule("mcp_gateway_id", "scalar", "required", required=True),
        Rule("page_size", "scalar", "value 0-1000", minimum=0.0, maximum=1000.0),
        Rule("page_token", "scalar", "length <=100", max_length=100),
        Rule("filter", "scalar", "length <=1000", max_length=1000),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.McpCall": (
        Rule("url", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.McpCall.ToolCall": (
        Rule("tool_name", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.McpGateway": (
        Rule("id", "scalar", "required", required=True),
        Rule("folder_id", "scalar", "required", required=True),
        Rule("created_at", "message", "required", required=True),
        Rule("name", "scalar", "required", required=True),
        Rule("status", "scalar", "required", required=True),
        Rule("cloud_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.McpGatewayPreview": (
        Rule("id", "scalar", "required", required=True),
        Rule("folder_id", "scalar", "required", required=True),
        Rule("created_at", "message", "required", required=True),
        Rule("name", "scalar", "required", required=True),
        Rule("status", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.McpTool": (
        Rule(
            "name",
            "scalar",
            "required; length <=128; pattern ([a-zA-Z][-a-zA-Z0-9_]{0,63})?",
            required=True,
            max_length=128,
            pattern=re.compile("([a-zA-Z][-a-zA-Z0-9_]{0,63})?"),
        ),
        Rule("description", "scalar", "length <=65536", max_length=65536),
        Rule("action", "message", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.StartWorkflow": (
        Rule("workflow_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.UpdateMcpGatewayMetadata": (
        Rule("mcp_gateway_id", "scalar", "required", required=True),
        Rule("folder_id", "scalar", "required", required=True),
    ),
    "yandex.cloud.serverless.mcpgateway.v1.UpdateMcpGatewayRequest": (
        Rule("mcp_gateway_id", "scalar", "required", required=True),
        Rule(
            "name",
            "scalar",
            "length <=128; pattern |[a-z]([-a-z0-9]{0,61}[a-z0-9])?",
            max_length=128,
            pattern=re.compile("|[a-z]([-a-z0-9]{0,61}[a-z0-9])?"),
        ),
        Rule("description", "scalar", "length <=65536", max_length=65536),
        Rule(
            "labels",
            "repeated",
            "length <=63; size <=64; pattern [-_./\\@0-9a-z]*; map_key pattern [a-z][-_./\\@0-9a-z]*, length 1-63",
            max_length=63,
            max_items=64,
            pattern=re.compile("[-_./\\@0-9a-z]*"),
        ),
    ),
}

# fields to descend into: they hold messages that have rules somewhere below
NESTED: dict[str, tuple[str, ...]] = {
    "yandex.cloud.access.AccessBinding": ("subject",),
    "yandex.cloud.access.AccessBindingDelta": ("access_binding",),
    "yandex.cloud.access.AccessBindingsOperationResult": ("effective_deltas",),
    "yandex.cloud.access.BindAccessPolicyMetadata": ("access_policy_binding",),
    "yandex.cloud.access.BindAccessPolicyRequest": ("access_policy_binding",),
    "yandex.cloud.access.ListAccessBindingsResponse": ("access_bindings",),
    "yandex.cloud.access.ListAccessPolicyBindingsResponse": ("access_policy_bindings",),
    "yandex.cloud.access.SetAccessBindingsRequest": ("access_bindings",),
    "yandex.cloud.access.UpdateAccessBindingsRequest": ("access_binding_deltas",),
    "yandex.cloud.access.UpdateAccessPolicyBindingParametersMetadata": ("access_policy_binding",),
    "yandex.cloud.access.UpdateAccessPolicyBindingParametersRequest": ("access_policy_binding",),
    "yandex.cloud.ai.batch_inference.v1.BatchInferenceResponse": ("task",),
    "yandex.cloud.ai.batch_inference.v1.BatchInferenceTask": ("completion_request",),
    "yandex.cloud.ai.batch_inference.v1.DescribeBatchInferenceResponse": ("task",),
    "yandex.cloud.ai.batch_inference.v1.ListBatchInferencesResponse": ("tasks",),
    "yandex.cloud.ai.dataset.v1.FinishMultipartUploadDraftRequest": ("uploaded_parts",),
    "yandex.cloud.ai.tuning.v1.CreateTuningDraftRequest": (
        "train_datasets",
        "validation_datasets",
    ),
    "yandex.cloud.ai.tuning.v1.DescribeTuningResponse": ("tuning_task",),
    "yandex.cloud.ai.tuning.v1.GetOptionsResponse": (
        "train_datasets",
        "validation_datasets",
    ),
    "yandex.cloud.ai.tuning.v1.ListTuningsResponse": ("tuning_tasks",),
    "yandex.cloud.ai.tuning.v1.TuningRequest": (
        "train_datasets",
        "validation_datasets",
        "validation_dataset",
        "test_datasets",
    ),
    "yandex.cloud.ai.tuning.v1.UpdateTuningDraftRequest": (
        "train_datasets",
        "validation_datasets",
    ),
    "yandex.cloud.logging.v1.LogEntry": ("resource",),
    "yandex.cloud.serverless.mcpgateway.v1.ContainerCall": ("forward_headers",),
    "yandex.cloud.serverless.mcpgateway.v1.CreateMcpGatewayRequest": ("tools",),
    "yandex.cloud.serverless.mcpgateway.v1.GrpcCall": ("forward_headers",),
    "yandex.cloud.serverless.mcpgateway.v1.HttpCall": ("forward_headers",),
    "yandex.cloud.serverless.mcpgateway.v1.ListMcpGatewayResponse": ("gateways",),
    "yandex.cloud.serverless.mcpgateway.v1.McpCall": (
        "tool_call",
        "transfer_headers",
    ),
    "yandex.cloud.serverless.mcpgateway.v1.McpGateway": ("tools",),
    "yandex.cloud.serverless.mcpgateway.v1.McpTool": ("action",),
    "yandex.cloud.serverless.mcpgateway.v1.McpToolAction": (
        "function_call",
        "container_call",
        "http_call",
        "mcp_call",
        "grpc_call",
        "start_workflow",
    ),
    "yandex.cloud.serverless.mcpgateway.v1.UpdateMcpGatewayRequest": ("tools",),
}


def check(message: Message) -> None:
    """Raise `RequestValidationError` if `message` breaks a rule; nothing is sent then."""
    _check_message(message, RULES, NESTED)
