# mypy: ignore-errors
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import wrappers_pb2 as _wrappers_pb2
from ai_studio.native._pb.yandex.cloud import validation_pb2 as _validation_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BatchCompletionRequest(_message.Message):
    __slots__ = ("model_uri", "source_dataset_id", "completion_options", "data_logging_enabled", "json_object", "json_schema")
    MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    SOURCE_DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    DATA_LOGGING_ENABLED_FIELD_NUMBER: _ClassVar[int]
    JSON_OBJECT_FIELD_NUMBER: _ClassVar[int]
    JSON_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    model_uri: str
    source_dataset_id: str
    completion_options: CompletionOptions
    data_logging_enabled: bool
    json_object: bool
    json_schema: JsonSchema
    def __init__(self, model_uri: _Optional[str] = ..., source_dataset_id: _Optional[str] = ..., completion_options: _Optional[_Union[CompletionOptions, _Mapping]] = ..., data_logging_enabled: _Optional[bool] = ..., json_object: _Optional[bool] = ..., json_schema: _Optional[_Union[JsonSchema, _Mapping]] = ...) -> None: ...

class CompletionOptions(_message.Message):
    __slots__ = ("temperature", "max_tokens", "reasoning_options")
    TEMPERATURE_FIELD_NUMBER: _ClassVar[int]
    MAX_TOKENS_FIELD_NUMBER: _ClassVar[int]
    REASONING_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    temperature: _wrappers_pb2.DoubleValue
    max_tokens: _wrappers_pb2.Int64Value
    reasoning_options: ReasoningOptions
    def __init__(self, temperature: _Optional[_Union[_wrappers_pb2.DoubleValue, _Mapping]] = ..., max_tokens: _Optional[_Union[_wrappers_pb2.Int64Value, _Mapping]] = ..., reasoning_options: _Optional[_Union[ReasoningOptions, _Mapping]] = ...) -> None: ...

class ReasoningOptions(_message.Message):
    __slots__ = ("mode",)
    class ReasoningMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        REASONING_MODE_UNSPECIFIED: _ClassVar[ReasoningOptions.ReasoningMode]
        DISABLED: _ClassVar[ReasoningOptions.ReasoningMode]
        ENABLED_HIDDEN: _ClassVar[ReasoningOptions.ReasoningMode]
    REASONING_MODE_UNSPECIFIED: ReasoningOptions.ReasoningMode
    DISABLED: ReasoningOptions.ReasoningMode
    ENABLED_HIDDEN: ReasoningOptions.ReasoningMode
    MODE_FIELD_NUMBER: _ClassVar[int]
    mode: ReasoningOptions.ReasoningMode
    def __init__(self, mode: _Optional[_Union[ReasoningOptions.ReasoningMode, str]] = ...) -> None: ...

class JsonSchema(_message.Message):
    __slots__ = ("schema",)
    SCHEMA_FIELD_NUMBER: _ClassVar[int]
    schema: _struct_pb2.Struct
    def __init__(self, schema: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...
