# mypy: ignore-errors
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import wrappers_pb2 as _wrappers_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CompletionOptions(_message.Message):
    __slots__ = ("stream", "temperature", "max_tokens", "reasoning_options")
    STREAM_FIELD_NUMBER: _ClassVar[int]
    TEMPERATURE_FIELD_NUMBER: _ClassVar[int]
    MAX_TOKENS_FIELD_NUMBER: _ClassVar[int]
    REASONING_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    stream: bool
    temperature: _wrappers_pb2.DoubleValue
    max_tokens: _wrappers_pb2.Int64Value
    reasoning_options: ReasoningOptions
    def __init__(self, stream: _Optional[bool] = ..., temperature: _Optional[_Union[_wrappers_pb2.DoubleValue, _Mapping]] = ..., max_tokens: _Optional[_Union[_wrappers_pb2.Int64Value, _Mapping]] = ..., reasoning_options: _Optional[_Union[ReasoningOptions, _Mapping]] = ...) -> None: ...

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

class Message(_message.Message):
    __slots__ = ("role", "text", "tool_call_list", "tool_result_list")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TOOL_CALL_LIST_FIELD_NUMBER: _ClassVar[int]
    TOOL_RESULT_LIST_FIELD_NUMBER: _ClassVar[int]
    role: str
    text: str
    tool_call_list: ToolCallList
    tool_result_list: ToolResultList
    def __init__(self, role: _Optional[str] = ..., text: _Optional[str] = ..., tool_call_list: _Optional[_Union[ToolCallList, _Mapping]] = ..., tool_result_list: _Optional[_Union[ToolResultList, _Mapping]] = ...) -> None: ...

class ContentUsage(_message.Message):
    __slots__ = ("input_text_tokens", "completion_tokens", "total_tokens", "completion_tokens_details")
    class CompletionTokensDetails(_message.Message):
        __slots__ = ("reasoning_tokens",)
        REASONING_TOKENS_FIELD_NUMBER: _ClassVar[int]
        reasoning_tokens: int
        def __init__(self, reasoning_tokens: _Optional[int] = ...) -> None: ...
    INPUT_TEXT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_TOKENS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_TOKENS_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_TOKENS_DETAILS_FIELD_NUMBER: _ClassVar[int]
    input_text_tokens: int
    completion_tokens: int
    total_tokens: int
    completion_tokens_details: ContentUsage.CompletionTokensDetails
    def __init__(self, input_text_tokens: _Optional[int] = ..., completion_tokens: _Optional[int] = ..., total_tokens: _Optional[int] = ..., completion_tokens_details: _Optional[_Union[ContentUsage.CompletionTokensDetails, _Mapping]] = ...) -> None: ...

class Alternative(_message.Message):
    __slots__ = ("message", "status")
    class AlternativeStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        ALTERNATIVE_STATUS_UNSPECIFIED: _ClassVar[Alternative.AlternativeStatus]
        ALTERNATIVE_STATUS_PARTIAL: _ClassVar[Alternative.AlternativeStatus]
        ALTERNATIVE_STATUS_TRUNCATED_FINAL: _ClassVar[Alternative.AlternativeStatus]
        ALTERNATIVE_STATUS_FINAL: _ClassVar[Alternative.AlternativeStatus]
        ALTERNATIVE_STATUS_CONTENT_FILTER: _ClassVar[Alternative.AlternativeStatus]
        ALTERNATIVE_STATUS_TOOL_CALLS: _ClassVar[Alternative.AlternativeStatus]
    ALTERNATIVE_STATUS_UNSPECIFIED: Alternative.AlternativeStatus
    ALTERNATIVE_STATUS_PARTIAL: Alternative.AlternativeStatus
    ALTERNATIVE_STATUS_TRUNCATED_FINAL: Alternative.AlternativeStatus
    ALTERNATIVE_STATUS_FINAL: Alternative.AlternativeStatus
    ALTERNATIVE_STATUS_CONTENT_FILTER: Alternative.AlternativeStatus
    ALTERNATIVE_STATUS_TOOL_CALLS: Alternative.AlternativeStatus
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    message: Message
    status: Alternative.AlternativeStatus
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ..., status: _Optional[_Union[Alternative.AlternativeStatus, str]] = ...) -> None: ...

class Token(_message.Message):
    __slots__ = ("id", "text", "special")
    ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SPECIAL_FIELD_NUMBER: _ClassVar[int]
    id: int
    text: str
    special: bool
    def __init__(self, id: _Optional[int] = ..., text: _Optional[str] = ..., special: _Optional[bool] = ...) -> None: ...

class Tool(_message.Message):
    __slots__ = ("function",)
    FUNCTION_FIELD_NUMBER: _ClassVar[int]
    function: FunctionTool
    def __init__(self, function: _Optional[_Union[FunctionTool, _Mapping]] = ...) -> None: ...

class FunctionTool(_message.Message):
    __slots__ = ("name", "description", "parameters", "strict")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    STRICT_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    parameters: _struct_pb2.Struct
    strict: bool
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ..., parameters: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., strict: _Optional[bool] = ...) -> None: ...

class FunctionCall(_message.Message):
    __slots__ = ("name", "arguments")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ARGUMENTS_FIELD_NUMBER: _ClassVar[int]
    name: str
    arguments: _struct_pb2.Struct
    def __init__(self, name: _Optional[str] = ..., arguments: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class ToolCall(_message.Message):
    __slots__ = ("function_call",)
    FUNCTION_CALL_FIELD_NUMBER: _ClassVar[int]
    function_call: FunctionCall
    def __init__(self, function_call: _Optional[_Union[FunctionCall, _Mapping]] = ...) -> None: ...

class ToolCallList(_message.Message):
    __slots__ = ("tool_calls",)
    TOOL_CALLS_FIELD_NUMBER: _ClassVar[int]
    tool_calls: _containers.RepeatedCompositeFieldContainer[ToolCall]
    def __init__(self, tool_calls: _Optional[_Iterable[_Union[ToolCall, _Mapping]]] = ...) -> None: ...

class FunctionResult(_message.Message):
    __slots__ = ("name", "content")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    name: str
    content: str
    def __init__(self, name: _Optional[str] = ..., content: _Optional[str] = ...) -> None: ...

class ToolResult(_message.Message):
    __slots__ = ("function_result",)
    FUNCTION_RESULT_FIELD_NUMBER: _ClassVar[int]
    function_result: FunctionResult
    def __init__(self, function_result: _Optional[_Union[FunctionResult, _Mapping]] = ...) -> None: ...

class ToolResultList(_message.Message):
    __slots__ = ("tool_results",)
    TOOL_RESULTS_FIELD_NUMBER: _ClassVar[int]
    tool_results: _containers.RepeatedCompositeFieldContainer[ToolResult]
    def __init__(self, tool_results: _Optional[_Iterable[_Union[ToolResult, _Mapping]]] = ...) -> None: ...

class JsonSchema(_message.Message):
    __slots__ = ("schema",)
    SCHEMA_FIELD_NUMBER: _ClassVar[int]
    schema: _struct_pb2.Struct
    def __init__(self, schema: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class ToolChoice(_message.Message):
    __slots__ = ("mode", "function_name")
    class ToolChoiceMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        TOOL_CHOICE_MODE_UNSPECIFIED: _ClassVar[ToolChoice.ToolChoiceMode]
        NONE: _ClassVar[ToolChoice.ToolChoiceMode]
        AUTO: _ClassVar[ToolChoice.ToolChoiceMode]
        REQUIRED: _ClassVar[ToolChoice.ToolChoiceMode]
    TOOL_CHOICE_MODE_UNSPECIFIED: ToolChoice.ToolChoiceMode
    NONE: ToolChoice.ToolChoiceMode
    AUTO: ToolChoice.ToolChoiceMode
    REQUIRED: ToolChoice.ToolChoiceMode
    MODE_FIELD_NUMBER: _ClassVar[int]
    FUNCTION_NAME_FIELD_NUMBER: _ClassVar[int]
    mode: ToolChoice.ToolChoiceMode
    function_name: str
    def __init__(self, mode: _Optional[_Union[ToolChoice.ToolChoiceMode, str]] = ..., function_name: _Optional[str] = ...) -> None: ...
