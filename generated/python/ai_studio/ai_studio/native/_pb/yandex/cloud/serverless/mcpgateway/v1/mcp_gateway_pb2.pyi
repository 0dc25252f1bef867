# mypy: ignore-errors
import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from ai_studio.native._pb.yandex.cloud.logging.v1 import log_entry_pb2 as _log_entry_pb2
from ai_studio.native._pb.yandex.cloud import validation_pb2 as _validation_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class McpTransport(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MCP_TRANSPORT_UNSPECIFIED: _ClassVar[McpTransport]
    SSE: _ClassVar[McpTransport]
    STREAMABLE: _ClassVar[McpTransport]

class HttpMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HTTP_METHOD_UNSPECIFIED: _ClassVar[HttpMethod]
    OPTIONS: _ClassVar[HttpMethod]
    GET: _ClassVar[HttpMethod]
    HEAD: _ClassVar[HttpMethod]
    POST: _ClassVar[HttpMethod]
    PUT: _ClassVar[HttpMethod]
    PATCH: _ClassVar[HttpMethod]
    DELETE: _ClassVar[HttpMethod]
    TRACE: _ClassVar[HttpMethod]
    CONNECT: _ClassVar[HttpMethod]
MCP_TRANSPORT_UNSPECIFIED: McpTransport
SSE: McpTransport
STREAMABLE: McpTransport
HTTP_METHOD_UNSPECIFIED: HttpMethod
OPTIONS: HttpMethod
GET: HttpMethod
HEAD: HttpMethod
POST: HttpMethod
PUT: HttpMethod
PATCH: HttpMethod
DELETE: HttpMethod
TRACE: HttpMethod
CONNECT: HttpMethod

class McpGateway(_message.Message):
    __slots__ = ("id", "folder_id", "tools", "created_at", "name", "description", "labels", "status", "base_domain", "log_options", "service_account_id", "network_id", "cloud_id", "public", "transport")
    class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATUS_UNSPECIFIED: _ClassVar[McpGateway.Status]
        CREATING: _ClassVar[McpGateway.Status]
        ACTIVE: _ClassVar[McpGateway.Status]
        UPDATING: _ClassVar[McpGateway.Status]
        DELETING: _ClassVar[McpGateway.Status]
        ERROR: _ClassVar[McpGateway.Status]
    STATUS_UNSPECIFIED: McpGateway.Status
    CREATING: McpGateway.Status
    ACTIVE: McpGateway.Status
    UPDATING: McpGateway.Status
    DELETING: McpGateway.Status
    ERROR: McpGateway.Status
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    TOOLS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    BASE_DOMAIN_FIELD_NUMBER: _ClassVar[int]
    LOG_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    SERVICE_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    NETWORK_ID_FIELD_NUMBER: _ClassVar[int]
    CLOUD_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_FIELD_NUMBER: _ClassVar[int]
    TRANSPORT_FIELD_NUMBER: _ClassVar[int]
    id: str
    folder_id: str
    tools: _containers.RepeatedCompositeFieldContainer[McpTool]
    created_at: _timestamp_pb2.Timestamp
    name: str
    description: str
    labels: _containers.ScalarMap[str, str]
    status: McpGateway.Status
    base_domain: str
    log_options: LogOptions
    service_account_id: str
    network_id: str
    cloud_id: str
    public: bool
    transport: McpTransport
    def __init__(self, id: _Optional[str] = ..., folder_id: _Optional[str] = ..., tools: _Optional[_Iterable[_Union[McpTool, _Mapping]]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., status: _Optional[_Union[McpGateway.Status, str]] = ..., base_domain: _Optional[str] = ..., log_options: _Optional[_Union[LogOptions, _Mapping]] = ..., service_account_id: _Optional[str] = ..., network_id: _Optional[str] = ..., cloud_id: _Optional[str] = ..., public: _Optional[bool] = ..., transport: _Optional[_Union[McpTransport, str]] = ...) -> None: ...

class McpGatewayPreview(_message.Message):
    __slots__ = ("id", "folder_id", "created_at", "name", "description", "labels", "status", "base_domain", "log_options", "network_id", "service_account_id", "public")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    BASE_DOMAIN_FIELD_NUMBER: _ClassVar[int]
    LOG_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    NETWORK_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICE_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_FIELD_NUMBER: _ClassVar[int]
    id: str
    folder_id: str
    created_at: _timestamp_pb2.Timestamp
    name: str
    description: str
    labels: _containers.ScalarMap[str, str]
    status: McpGateway.Status
    base_domain: str
    log_options: LogOptions
    network_id: str
    service_account_id: str
    public: bool
    def __init__(self, id: _Optional[str] = ..., folder_id: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., status: _Optional[_Union[McpGateway.Status, str]] = ..., base_domain: _Optional[str] = ..., log_options: _Optional[_Union[LogOptions, _Mapping]] = ..., network_id: _Optional[str] = ..., service_account_id: _Optional[str] = ..., public: _Optional[bool] = ...) -> None: ...

class LogOptions(_message.Message):
    __slots__ = ("disabled", "log_group_id", "folder_id", "min_level")
    DISABLED_FIELD_NUMBER: _ClassVar[int]
    LOG_GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    MIN_LEVEL_FIELD_NUMBER: _ClassVar[int]
    disabled: bool
    log_group_id: str
    folder_id: str
    min_level: _log_entry_pb2.LogLevel.Level
    def __init__(self, disabled: _Optional[bool] = ..., log_group_id: _Optional[str] = ..., folder_id: _Optional[str] = ..., min_level: _Optional[_Union[_log_entry_pb2.LogLevel.Level, str]] = ...) -> None: ...

class McpTool(_message.Message):
    __slots__ = ("name", "description", "input_json_schema", "action", "output_json_schema")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    INPUT_JSON_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    OUTPUT_JSON_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    input_json_schema: str
    action: McpToolAction
    output_json_schema: str
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ..., input_json_schema: _Optional[str] = ..., action: _Optional[_Union[McpToolAction, _Mapping]] = ..., output_json_schema: _Optional[str] = ...) -> None: ...

class McpToolAction(_message.Message):
    __slots__ = ("function_call", "container_call", "http_call", "mcp_call", "grpc_call", "start_workflow")
    FUNCTION_CALL_FIELD_NUMBER: _ClassVar[int]
    CONTAINER_CALL_FIELD_NUMBER: _ClassVar[int]
    HTTP_CALL_FIELD_NUMBER: _ClassVar[int]
    MCP_CALL_FIELD_NUMBER: _ClassVar[int]
    GRPC_CALL_FIELD_NUMBER: _ClassVar[int]
    START_WORKFLOW_FIELD_NUMBER: _ClassVar[int]
    function_call: FunctionCall
    container_call: ContainerCall
    http_call: HttpCall
    mcp_call: McpCall
    grpc_call: GrpcCall
    start_workflow: StartWorkflow
    def __init__(self, function_call: _Optional[_Union[FunctionCall, _Mapping]] = ..., container_call: _Optional[_Union[ContainerCall, _Mapping]] = ..., http_call: _Optional[_Union[HttpCall, _Mapping]] = ..., mcp_call: _Optional[_Union[McpCall, _Mapping]] = ..., grpc_call: _Optional[_Union[GrpcCall, _Mapping]] = ..., start_workflow: _Optional[_Union[StartWorkflow, _Mapping]] = ...) -> None: ...

class FunctionCall(_message.Message):
    __slots__ = ("function_id", "tag")
    FUNCTION_ID_FIELD_NUMBER: _ClassVar[int]
    TAG_FIELD_NUMBER: _ClassVar[int]
    function_id: str
    tag: str
    def __init__(self, function_id: _Optional[str] = ..., tag: _Optional[str] = ...) -> None: ...

class ContainerCall(_message.Message):
    __slots__ = ("container_id", "path", "method", "body", "headers", "query", "forward_headers")
    class HeadersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class QueryEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CONTAINER_ID_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    FORWARD_HEADERS_FIELD_NUMBER: _ClassVar[int]
    container_id: str
    path: str
    method: HttpMethod
    body: str
    headers: _containers.ScalarMap[str, str]
    query: _containers.ScalarMap[str, str]
    forward_headers: ForwardHeadersPolicy
    def __init__(self, container_id: _Optional[str] = ..., path: _Optional[str] = ..., method: _Optional[_Union[HttpMethod, str]] = ..., body: _Optional[str] = ..., headers: _Optional[_Mapping[str, str]] = ..., query: _Optional[_Mapping[str, str]] = ..., forward_headers: _Optional[_Union[ForwardHeadersPolicy, _Mapping]] = ...) -> None: ...

class HttpCall(_message.Message):
    __slots__ = ("url", "method", "body", "headers", "query", "use_service_account", "forward_headers")
    class HeadersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class QueryEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    URL_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    USE_SERVICE_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    FORWARD_HEADERS_FIELD_NUMBER: _ClassVar[int]
    url: str
    method: HttpMethod
    body: str
    headers: _containers.ScalarMap[str, str]
    query: _containers.ScalarMap[str, str]
    use_service_account: bool
    forward_headers: ForwardHeadersPolicy
    def __init__(self, url: _Optional[str] = ..., method: _Optional[_Union[HttpMethod, str]] = ..., body: _Optional[str] = ..., headers: _Optional[_Mapping[str, str]] = ..., query: _Optional[_Mapping[str, str]] = ..., use_service_account: _Optional[bool] = ..., forward_headers: _Optional[_Union[ForwardHeadersPolicy, _Mapping]] = ...) -> None: ...

class ForwardHeadersPolicy(_message.Message):
    __slots__ = ("mode", "headers")
    class ForwardMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        FORWARD_MODE_UNSPECIFIED: _ClassVar[ForwardHeadersPolicy.ForwardMode]
        WHITE_LIST: _ClassVar[ForwardHeadersPolicy.ForwardMode]
        BLACK_LIST: _ClassVar[ForwardHeadersPolicy.ForwardMode]
    FORWARD_MODE_UNSPECIFIED: ForwardHeadersPolicy.ForwardMode
    WHITE_LIST: ForwardHeadersPolicy.ForwardMode
    BLACK_LIST: ForwardHeadersPolicy.ForwardMode
    MODE_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    mode: ForwardHeadersPolicy.ForwardMode
    headers: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, mode: _Optional[_Union[ForwardHeadersPolicy.ForwardMode, str]] = ..., headers: _Optional[_Iterable[str]] = ...) -> None: ...

class McpCall(_message.Message):
    __slots__ = ("url", "tool_call", "transport", "unauthorized", "header", "service_account", "forward_headers", "transfer_headers")
    class Transport(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        TRANSPORT_UNSPECIFIED: _ClassVar[McpCall.Transport]
        SSE: _ClassVar[McpCall.Transport]
        STREAMABLE: _ClassVar[McpCall.Transport]
    TRANSPORT_UNSPECIFIED: McpCall.Transport
    SSE: McpCall.Transport
    STREAMABLE: McpCall.Transport
    class ForwardHeadersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class NoAuthorization(_message.Message):
        __slots__ = ()
        def __init__(self) -> None: ...
    class SaAuthorization(_message.Message):
        __slots__ = ()
        def __init__(self) -> None: ...
    class HeaderAuthorization(_message.Message):
        __slots__ = ("header_name", "header_value")
        HEADER_NAME_FIELD_NUMBER: _ClassVar[int]
        HEADER_VALUE_FIELD_NUMBER: _ClassVar[int]
        header_name: str
        header_value: str
        def __init__(self, header_name: _Optional[str] = ..., header_value: _Optional[str] = ...) -> None: ...
    class ToolCall(_message.Message):
        __slots__ = ("tool_name", "parameters_json")
        TOOL_NAME_FIELD_NUMBER: _ClassVar[int]
        PARAMETERS_JSON_FIELD_NUMBER: _ClassVar[int]
        tool_name: str
        parameters_json: str
        def __init__(self, tool_name: _Optional[str] = ..., parameters_json: _Optional[str] = ...) -> None: ...
    URL_FIELD_NUMBER: _ClassVar[int]
    TOOL_CALL_FIELD_NUMBER: _ClassVar[int]
    TRANSPORT_FIELD_NUMBER: _ClassVar[int]
    UNAUTHORIZED_FIELD_NUMBER: _ClassVar[int]
    HEADER_FIELD_NUMBER: _ClassVar[int]
    SERVICE_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    FORWARD_HEADERS_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_HEADERS_FIELD_NUMBER: _ClassVar[int]
    url: str
    tool_call: McpCall.ToolCall
    transport: McpCall.Transport
    unauthorized: McpCall.NoAuthorization
    header: McpCall.HeaderAuthorization
    service_account: McpCall.SaAuthorization
    forward_headers: _containers.ScalarMap[str, str]
    transfer_headers: ForwardHeadersPolicy
    def __init__(self, url: _Optional[str] = ..., tool_call: _Optional[_Union[McpCall.ToolCall, _Mapping]] = ..., transport: _Optional[_Union[McpCall.Transport, str]] = ..., unauthorized: _Optional[_Union[McpCall.NoAuthorization, _Mapping]] = ..., header: _Optional[_Union[McpCall.HeaderAuthorization, _Mapping]] = ..., service_account: _Optional[_Union[McpCall.SaAuthorization, _Mapping]] = ..., forward_headers: _Optional[_Mapping[str, str]] = ..., transfer_headers: _Optional[_Union[ForwardHeadersPolicy, _Mapping]] = ...) -> None: ...

class GrpcCall(_message.Message):
    __slots__ = ("endpoint", "method", "use_service_account", "body", "headers", "forward_headers")
    class HeadersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    USE_SERVICE_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    FORWARD_HEADERS_FIELD_NUMBER: _ClassVar[int]
    endpoint: str
    method: str
    use_service_account: bool
    body: str
    headers: _containers.ScalarMap[str, str]
    forward_headers: ForwardHeadersPolicy
    def __init__(self, endpoint: _Optional[str] = ..., method: _Optional[str] = ..., use_service_account: _Optional[bool] = ..., body: _Optional[str] = ..., headers: _Optional[_Mapping[str, str]] = ..., forward_headers: _Optional[_Union[ForwardHeadersPolicy, _Mapping]] = ...) -> None: ...

class StartWorkflow(_message.Message):
    __slots__ = ("workflow_id", "input_json", "mode")
    class Mode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        MODE_UNSPECIFIED: _ClassVar[StartWorkflow.Mode]
        SYNC: _ClassVar[StartWorkflow.Mode]
        ASYNC: _ClassVar[StartWorkflow.Mode]
    MODE_UNSPECIFIED: StartWorkflow.Mode
    SYNC: StartWorkflow.Mode
    ASYNC: StartWorkflow.Mode
    WORKFLOW_ID_FIELD_NUMBER: _ClassVar[int]
    INPUT_JSON_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    workflow_id: str
    input_json: str
    mode: StartWorkflow.Mode
    def __init__(self, workflow_id: _Optional[str] = ..., input_json: _Optional[str] = ..., mode: _Optional[_Union[StartWorkflow.Mode, str]] = ...) -> None: ...
