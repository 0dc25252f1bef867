# mypy: ignore-errors
from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from ai_studio.native._pb.yandex.cloud.access import access_pb2 as _access_pb2
from ai_studio.native._pb.yandex.cloud.api import operation_pb2 as _operation_pb2
from ai_studio.native._pb.yandex.cloud.operation import operation_pb2 as _operation_pb2_1
from ai_studio.native._pb.yandex.cloud.serverless.mcpgateway.v1 import mcp_gateway_pb2 as _mcp_gateway_pb2
from ai_studio.native._pb.yandex.cloud import validation_pb2 as _validation_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetMcpGatewayRequest(_message.Message):
    __slots__ = ("mcp_gateway_id",)
    MCP_GATEWAY_ID_FIELD_NUMBER: _ClassVar[int]
    mcp_gateway_id: str
    def __init__(self, mcp_gateway_id: _Optional[str] = ...) -> None: ...

class ListMcpGatewayRequest(_message.Message):
    __slots__ = ("folder_id", "page_size", "page_token", "filter")
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    folder_id: str
    page_size: int
    page_token: str
    filter: str
    def __init__(self, folder_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class ListMcpGatewayResponse(_message.Message):
    __slots__ = ("gateways", "next_page_token")
    GATEWAYS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    gateways: _containers.RepeatedCompositeFieldContainer[_mcp_gateway_pb2.McpGatewayPreview]
    next_page_token: str
    def __init__(self, gateways: _Optional[_Iterable[_Union[_mcp_gateway_pb2.McpGatewayPreview, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateMcpGatewayRequest(_message.Message):
    __slots__ = ("folder_id", "name", "description", "labels", "tools", "log_options", "service_account_id", "network_id", "public", "transport")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    TOOLS_FIELD_NUMBER: _ClassVar[int]
    LOG_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    SERVICE_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    NETWORK_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_FIELD_NUMBER: _ClassVar[int]
    TRANSPORT_FIELD_NUMBER: _ClassVar[int]
    folder_id: str
    name: str
    description: str
    labels: _containers.ScalarMap[str, str]
    tools: _containers.RepeatedCompositeFieldContainer[_mcp_gateway_pb2.McpTool]
    log_options: _mcp_gateway_pb2.LogOptions
    service_account_id: str
    network_id: str
    public: bool
    transport: _mcp_gateway_pb2.McpTransport
    def __init__(self, folder_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., tools: _Optional[_Iterable[_Union[_mcp_gateway_pb2.McpTool, _Mapping]]] = ..., log_options: _Optional[_Union[_mcp_gateway_pb2.LogOptions, _Mapping]] = ..., service_account_id: _Optional[str] = ..., network_id: _Optional[str] = ..., public: _Optional[bool] = ..., transport: _Optional[_Union[_mcp_gateway_pb2.McpTransport, str]] = ...) -> None: ...

class CreateMcpGatewayMetadata(_message.Message):
    __slots__ = ("mcp_gateway_id", "folder_id")
    MCP_GATEWAY_ID_FIELD_NUMBER: _ClassVar[int]
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    mcp_gateway_id: str
    folder_id: str
    def __init__(self, mcp_gateway_id: _Optional[str] = ..., folder_id: _Optional[str] = ...) -> None: ...

class UpdateMcpGatewayRequest(_message.Message):
    __slots__ = ("mcp_gateway_id", "name", "description", "labels", "tools", "log_options", "service_account_id", "network_id", "update_mask", "public", "transport")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    MCP_GATEWAY_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    TOOLS_FIELD_NUMBER: _ClassVar[int]
    LOG_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    SERVICE_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    NETWORK_ID_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_FIELD_NUMBER: _ClassVar[int]
    TRANSPORT_FIELD_NUMBER: _ClassVar[int]
    mcp_gateway_id: str
    name: str
    description: str
    labels: _containers.ScalarMap[str, str]
    tools: _containers.RepeatedCompositeFieldContainer[_mcp_gateway_pb2.McpTool]
    log_options: _mcp_gateway_pb2.LogOptions
    service_account_id: str
    network_id: str
    update_mask: _field_mask_pb2.FieldMask
    public: bool
    transport: _mcp_gateway_pb2.McpTransport
    def __init__(self, mcp_gateway_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., tools: _Optional[_Iterable[_Union[_mcp_gateway_pb2.McpTool, _Mapping]]] = ..., log_options: _Optional[_Union[_mcp_gateway_pb2.LogOptions, _Mapping]] = ..., service_account_id: _Optional[str] = ..., network_id: _Optional[str] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., public: _Optional[bool] = ..., transport: _Optional[_Union[_mcp_gateway_pb2.McpTransport, str]] = ...) -> None: ...

class UpdateMcpGatewayMetadata(_message.Message):
    __slots__ = ("mcp_gateway_id", "folder_id")
    MCP_GATEWAY_ID_FIELD_NUMBER: _ClassVar[int]
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    mcp_gateway_id: str
    folder_id: str
    def __init__(self, mcp_gateway_id: _Optional[str] = ..., folder_id: _Optional[str] = ...) -> None: ...

class DeleteMcpGatewayRequest(_message.Message):
    __slots__ = ("mcp_gateway_id",)
    MCP_GATEWAY_ID_FIELD_NUMBER: _ClassVar[int]
    mcp_gateway_id: str
    def __init__(self, mcp_gateway_id: _Optional[str] = ...) -> None: ...

class DeleteMcpGatewayMetadata(_message.Message):
    __slots__ = ("mcp_gateway_id",)
    MCP_GATEWAY_ID_FIELD_NUMBER: _ClassVar[int]
    mcp_gateway_id: str
    def __init__(self, mcp_gateway_id: _Optional[str] = ...) -> None: ...

class ListOperationsRequest(_message.Message):
    __slots__ = ("mcp_gateway_id", "page_size", "page_token", "filter")
    MCP_GATEWAY_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    mcp_gateway_id: str
    page_size: int
    page_token: str
    filter: str
    def __init__(self, mcp_gateway_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class ListOperationsResponse(_message.Message):
    __slots__ = ("operations", "next_page_token")
    OPERATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    operations: _containers.RepeatedCompositeFieldContainer[_operation_pb2_1.Operation]
    next_page_token: str
    def __init__(self, operations: _Optional[_Iterable[_Union[_operation_pb2_1.Operation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
