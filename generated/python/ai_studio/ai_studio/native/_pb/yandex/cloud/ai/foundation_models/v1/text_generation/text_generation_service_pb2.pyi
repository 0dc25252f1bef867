# mypy: ignore-errors
from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import wrappers_pb2 as _wrappers_pb2
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1 import batch_inference_task_status_pb2 as _batch_inference_task_status_pb2
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1 import text_common_pb2 as _text_common_pb2
from ai_studio.native._pb.yandex.cloud.api import operation_pb2 as _operation_pb2
from ai_studio.native._pb.yandex.cloud.operation import operation_pb2 as _operation_pb2_1
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CompletionRequest(_message.Message):
    __slots__ = ("model_uri", "completion_options", "messages", "tools", "json_object", "json_schema", "parallel_tool_calls", "tool_choice")
    MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    TOOLS_FIELD_NUMBER: _ClassVar[int]
    JSON_OBJECT_FIELD_NUMBER: _ClassVar[int]
    JSON_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    PARALLEL_TOOL_CALLS_FIELD_NUMBER: _ClassVar[int]
    TOOL_CHOICE_FIELD_NUMBER: _ClassVar[int]
    model_uri: str
    completion_options: _text_common_pb2.CompletionOptions
    messages: _containers.RepeatedCompositeFieldContainer[_text_common_pb2.Message]
    tools: _containers.RepeatedCompositeFieldContainer[_text_common_pb2.Tool]
    json_object: bool
    json_schema: _text_common_pb2.JsonSchema
    parallel_tool_calls: _wrappers_pb2.BoolValue
    tool_choice: _text_common_pb2.ToolChoice
    def __init__(self, model_uri: _Optional[str] = ..., completion_options: _Optional[_Union[_text_common_pb2.CompletionOptions, _Mapping]] = ..., messages: _Optional[_Iterable[_Union[_text_common_pb2.Message, _Mapping]]] = ..., tools: _Optional[_Iterable[_Union[_text_common_pb2.Tool, _Mapping]]] = ..., json_object: _Optional[bool] = ..., json_schema: _Optional[_Union[_text_common_pb2.JsonSchema, _Mapping]] = ..., parallel_tool_calls: _Optional[_Union[_wrappers_pb2.BoolValue, _Mapping]] = ..., tool_choice: _Optional[_Union[_text_common_pb2.ToolChoice, _Mapping]] = ...) -> None: ...

class CompletionResponse(_message.Message):
    __slots__ = ("alternatives", "usage", "model_version")
    ALTERNATIVES_FIELD_NUMBER: _ClassVar[int]
    USAGE_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    alternatives: _containers.RepeatedCompositeFieldContainer[_text_common_pb2.Alternative]
    usage: _text_common_pb2.ContentUsage
    model_version: str
    def __init__(self, alternatives: _Optional[_Iterable[_Union[_text_common_pb2.Alternative, _Mapping]]] = ..., usage: _Optional[_Union[_text_common_pb2.ContentUsage, _Mapping]] = ..., model_version: _Optional[str] = ...) -> None: ...

class BatchCompletionRequest(_message.Message):
    __slots__ = ("model_uri", "completion_options", "source_dataset_id", "json_object", "json_schema")
    MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    JSON_OBJECT_FIELD_NUMBER: _ClassVar[int]
    JSON_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    model_uri: str
    completion_options: _text_common_pb2.CompletionOptions
    source_dataset_id: str
    json_object: bool
    json_schema: _text_common_pb2.JsonSchema
    def __init__(self, model_uri: _Optional[str] = ..., completion_options: _Optional[_Union[_text_common_pb2.CompletionOptions, _Mapping]] = ..., source_dataset_id: _Optional[str] = ..., json_object: _Optional[bool] = ..., json_schema: _Optional[_Union[_text_common_pb2.JsonSchema, _Mapping]] = ...) -> None: ...

class BatchCompletionMetadata(_message.Message):
    __slots__ = ("task_id", "task_status", "completed_batches", "total_batches")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_STATUS_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_BATCHES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BATCHES_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    task_status: _batch_inference_task_status_pb2.BatchInferenceTaskStatus
    completed_batches: int
    total_batches: int
    def __init__(self, task_id: _Optional[str] = ..., task_status: _Optional[_Union[_batch_inference_task_status_pb2.BatchInferenceTaskStatus, str]] = ..., completed_batches: _Optional[int] = ..., total_batches: _Optional[int] = ...) -> None: ...

class BatchCompletionResponse(_message.Message):
    __slots__ = ("task_id", "task_status", "result_dataset_id")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_STATUS_FIELD_NUMBER: _ClassVar[int]
    RESULT_DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    task_status: _batch_inference_task_status_pb2.BatchInferenceTaskStatus
    result_dataset_id: str
    def __init__(self, task_id: _Optional[str] = ..., task_status: _Optional[_Union[_batch_inference_task_status_pb2.BatchInferenceTaskStatus, str]] = ..., result_dataset_id: _Optional[str] = ...) -> None: ...

class TokenizeRequest(_message.Message):
    __slots__ = ("model_uri", "text")
    MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    model_uri: str
    text: str
    def __init__(self, model_uri: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class TokenizeResponse(_message.Message):
    __slots__ = ("tokens", "model_version")
    TOKENS_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    tokens: _containers.RepeatedCompositeFieldContainer[_text_common_pb2.Token]
    model_version: str
    def __init__(self, tokens: _Optional[_Iterable[_Union[_text_common_pb2.Token, _Mapping]]] = ..., model_version: _Optional[str] = ...) -> None: ...
