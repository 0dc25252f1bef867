"""The `yandex.cloud.serverless.mcpgateway.v1.McpGatewayService` service."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from google.protobuf.empty_pb2 import Empty
from google.protobuf.field_mask_pb2 import FieldMask

from .._grpc._methods import HttpRule, Method
from .._grpc._operations import AsyncOperation, AsyncPoller, Operation, Poller
from .._grpc._pagination import AsyncPager, Pager
from .._grpc._transport import (
    BOTH_GIVEN as _BOTH_GIVEN,
    AsyncTransport,
    Transport,
    any_set as _any_set,
)
from .._grpc._values import build as _build
from .._pb.yandex.cloud.access.access_pb2 import (
    AccessBinding,
    AccessBindingDelta,
    ListAccessBindingsRequest,
    ListAccessBindingsResponse,
    SetAccessBindingsMetadata,
    SetAccessBindingsRequest,
    UpdateAccessBindingsMetadata,
    UpdateAccessBindingsRequest,
)
from .._pb.yandex.cloud.operation import operation_pb2
from .._pb.yandex.cloud.serverless.mcpgateway.v1.mcp_gateway_pb2 import (
    LogOptions,
    McpGateway,
    McpGatewayPreview,
    McpTool,
    McpTransport,
)
from .._pb.yandex.cloud.serverless.mcpgateway.v1.mcp_gateway_service_pb2 import (
    CreateMcpGatewayMetadata,
    CreateMcpGatewayRequest,
    DeleteMcpGatewayMetadata,
    DeleteMcpGatewayRequest,
    GetMcpGatewayRequest,
    ListMcpGatewayRequest,
    ListMcpGatewayResponse,
    ListOperationsRequest,
    ListOperationsResponse,
    UpdateMcpGatewayMetadata,
    UpdateMcpGatewayRequest,
)
from .._rules import check as _check

if TYPE_CHECKING:
    from ..params import (
        AccessBindingDeltaParams,
        AccessBindingParams,
        LogOptionsParams,
        McpToolParams,
    )

CREATE = Method(
    "/yandex.cloud.serverless.mcpgateway.v1.McpGatewayService/Create",
    CreateMcpGatewayRequest,
    operation_pb2.Operation,
    package="yandex.cloud.serverless.mcpgateway.v1",
    http=(HttpRule("POST", "/mcpgateway/v1/mcpGateways", body="*"),),
)
DELETE = Method(
    "/yandex.cloud.serverless.mcpgateway.v1.McpGatewayService/Delete",
    DeleteMcpGatewayRequest,
    operation_pb2.Operation,
    package="yandex.cloud.serverless.mcpgateway.v1",
    http=(HttpRule("DELETE", "/mcpgateway/v1/mcpGateways/{mcp_gateway_id}"),),
)
GET = Method(
    "/yandex.cloud.serverless.mcpgateway.v1.McpGatewayService/Get",
    GetMcpGatewayRequest,
    McpGateway,
    package="yandex.cloud.serverless.mcpgateway.v1",
    http=(HttpRule("GET", "/mcpgateway/v1/mcpGateways/{mcp_gateway_id}"),),
    idempotent=True,
)
LIST = Method(
    "/yandex.cloud.serverless.mcpgateway.v1.McpGatewayService/List",
    ListMcpGatewayRequest,
    ListMcpGatewayResponse,
    package="yandex.cloud.serverless.mcpgateway.v1",
    http=(HttpRule("GET", "/mcpgateway/v1/mcpGateways"),),
    idempotent=True,
)
LIST_ACCESS_BINDINGS = Method(
    "/yandex.cloud.serverless.mcpgateway.v1.McpGatewayService/ListAccessBindings",
    ListAccessBindingsRequest,
    ListAccessBindingsResponse,
    package="yandex.cloud.serverless.mcpgateway.v1",
    http=(HttpRule("GET", "/mcpgateway/v1/mcpGateways/{resource_id}:listAccessBindings"),),
    idempotent=True,
)
LIST_OPERATIONS = Method(
    "/yandex.cloud.serverless.mcpgateway.v1.McpGatewayService/ListOperations",
    ListOperationsRequest,
    ListOperationsResponse,
    package="yandex.cloud.serverless.mcpgateway.v1",
    http=(HttpRule("GET", "/mcpgateway/v1/mcpGateways/{mcp_gateway_id}/operations"),),
    idempotent=True,
)
SET_ACCESS_BINDINGS = Method(
    "/yandex.cloud.serverless.mcpgateway.v1.McpGatewayService/SetAccessBindings",
    SetAccessBindingsRequest,
    operation_pb2.Operation,
    package="yandex.cloud.serverless.mcpgateway.v1",
    http=(
        HttpRule("POST", "/mcpgateway/v1/mcpGateways/{resource_id}:setAccessBindings", body="*"),
    ),
)
UPDATE = Method(
    "/yandex.cloud.serverless.mcpgateway.v1.McpGatewayService/Update",
    UpdateMcpGatewayRequest,
    operation_pb2.Operation,
    package="yandex.cloud.serverless.mcpgateway.v1",
    http=(HttpRule("PATCH", "/mcpgateway/v1/mcpGateways/{mcp_gateway_id}", body="*"),),
)
UPDATE_ACCESS_BINDINGS = Method(
    "/yandex.cloud.serverless.mcpgateway.v1.McpGatewayService/UpdateAccessBindings",
    UpdateAccessBindingsRequest,
    operation_pb2.Operation,
    package="yandex.cloud.serverless.mcpgateway.v1",
    http=(
        HttpRule(
            "PATCH", "/mcpgateway/v1/mcpGateways/{resource_id}:updateAccessBindings", body="*"
        ),
    ),
)


class McpGatewayService:
    """Creates and manages MCP gateways and who may use them. Changes run as long-running
    operations.
    """

    def __init__(
        self,
        transport: Transport,
        poller: Poller | None = None,
    ) -> None:
        self._poller = poller
        self._create = transport.unary(CREATE)
        self._delete = transport.unary(DELETE)
        self._get = transport.unary(GET)
        self._list = transport.unary(LIST)
        self._list_access_bindings = transport.unary(LIST_ACCESS_BINDINGS)
        self._list_operations = transport.unary(LIST_OPERATIONS)
        self._set_access_bindings = transport.unary(SET_ACCESS_BINDINGS)
        self._update = transport.unary(UPDATE)
        self._update_access_bindings = transport.unary(UPDATE_ACCESS_BINDINGS)

    def create(
        self,
        request: CreateMcpGatewayRequest | None = None,
        *,
        folder_id: str | None = None,
        name: str | None = None,
        description: str | None = None,
        labels: Mapping[str, str] | None = None,
        tools: Iterable[McpTool | McpToolParams] | None = None,
        log_options: LogOptions | LogOptionsParams | None = None,
        service_account_id: str | None = None,
        network_id: str | None = None,
        public: bool | None = None,
        transport: McpTransport | str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[McpGateway, CreateMcpGatewayMetadata]:
        """Creates a gateway; the operation's response is the new `McpGateway`.

        Args:
            folder_id: Folder to create the gateway in. (required)
            name: Name: lower-case letters, digits and `-`, starting with a letter and not
                ending with `-`. (required; length <=128; pattern
                |[a-z]([-a-z0-9]{0,61}[a-z0-9])?)
            description: Free-form description. (length <=65536)
            labels: User-defined labels: up to 64 pairs of lower-case keys and values.
                (length <=63; size <=64; pattern [-_./\\@0-9a-z]*; map_key pattern
                [a-z][-_./\\@0-9a-z]*, length 1-63)
            tools: Tools the gateway offers.
            log_options: Where and how the gateway writes its logs.
            service_account_id: Service account the gateway uses to call the tools'
                backends.
            network_id: VPC network to run in, for access to private resources.
            public: When true, anyone can call the gateway without cloud credentials.
            transport: MCP transport to serve clients with. (one of
                `MCP_TRANSPORT_UNSPECIFIED`, `SSE`, `STREAMABLE`)

        Starts a long-running operation: `wait()` on the returned handle gives `McpGateway`.
        """
        if request is None:
            request = _build(
                CreateMcpGatewayRequest,
                {
                    "folder_id": folder_id,
                    "name": name,
                    "description": description,
                    "labels": labels,
                    "tools": tools,
                    "log_options": log_options,
                    "service_account_id": service_account_id,
                    "network_id": network_id,
                    "public": public,
                    "transport": transport,
                },
            )
        elif _any_set(
            folder_id,
            name,
            description,
            labels,
            tools,
            log_options,
            service_account_id,
            network_id,
            public,
            transport,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = self._create(request, timeout, metadata, max_retries, idempotency_key)
        return Operation(operation, McpGateway, CreateMcpGatewayMetadata, self._poller)

    def delete(
        self,
        request: DeleteMcpGatewayRequest | None = None,
        *,
        mcp_gateway_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[Empty, DeleteMcpGatewayMetadata]:
        """Removes a gateway.

        Args:
            mcp_gateway_id: Gateway to remove. (required)

        Starts a long-running operation: `wait()` on the returned handle gives `Empty`.
        """
        if request is None:
            request = _build(DeleteMcpGatewayRequest, {"mcp_gateway_id": mcp_gateway_id})
        elif _any_set(
            mcp_gateway_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = self._delete(request, timeout, metadata, max_retries, idempotency_key)
        return Operation(operation, Empty, DeleteMcpGatewayMetadata, self._poller)

    def get(
        self,
        request: GetMcpGatewayRequest | None = None,
        *,
        mcp_gateway_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> McpGateway:
        """Returns one gateway with its tools.

        Args:
            mcp_gateway_id: Gateway to return. (required)
        """
        if request is None:
            request = _build(GetMcpGatewayRequest, {"mcp_gateway_id": mcp_gateway_id})
        elif _any_set(
            mcp_gateway_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._get(request, timeout, metadata, max_retries, idempotency_key)

    def list(
        self,
        request: ListMcpGatewayRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListMcpGatewayResponse:
        """Returns the gateways of a folder, a page at a time.

        Args:
            folder_id: Folder whose gateways to list. (required)
            page_size: Most gateways to return in one page; 100 when 0.
            page_token: `next_page_token` of the previous page; empty for the first page.
            filter: Optional condition of the form `<field>="<value>"`, where the field is
                `name` or `created_at`; for example `name="my-mcp-gateway"`.
        """
        if request is None:
            request = _build(
                ListMcpGatewayRequest,
                {
                    "folder_id": folder_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "filter": filter,
                },
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
            filter,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._list(request, timeout, metadata, max_retries, idempotency_key)

    def list_all(
        self,
        request: ListMcpGatewayRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
    ) -> Pager[ListMcpGatewayResponse, McpGatewayPreview]:
        """Every `McpGatewayPreview` that `list` returns, across pages: iterating calls `list`
        again with each response's `next_page_token` as `page_token` when the items so far
        run out; `.pages()` yields the responses.

        Takes the arguments of `list`; `timeout` applies to each page.
        """
        if request is None:
            request = _build(
                ListMcpGatewayRequest,
                {
                    "folder_id": folder_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "filter": filter,
                },
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
            filter,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return Pager(
            self._list,
            request,
            lambda page: page.gateways,
            timeout,
            metadata,
            max_retries,
        )

    def list_access_bindings(
        self,
        request: ListAccessBindingsRequest | None = None,
        *,
        resource_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListAccessBindingsResponse:
        """Returns the role grants on a gateway.

        Args:
            resource_id: Resource whose grants to list; its ID comes from the owning
                service's List call. (required; length <=64)
            page_size: Most grants to return in one page, up to 1000; 100 when 0. (value
                0-1000)
            page_token: `next_page_token` of the previous page; empty for the first page.
                (length <=100)
        """
        if request is None:
            request = _build(
                ListAccessBindingsRequest,
                {"resource_id": resource_id, "page_size": page_size, "page_token": page_token},
            )
        elif _any_set(
            resource_id,
            page_size,
            page_token,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._list_access_bindings(request, timeout, metadata, max_retries, idempotency_key)

    def list_all_access_bindings(
        self,
        request: ListAccessBindingsRequest | None = None,
        *,
        resource_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
    ) -> Pager[ListAccessBindingsResponse, AccessBinding]:
        """Every `AccessBinding` that `list_access_bindings` returns, across pages: iterating
        calls `list_access_bindings` again with each response's `next_page_token` as
        `page_token` when the items so far run out; `.pages()` yields the responses.

        Takes the arguments of `list_access_bindings`; `timeout` applies to each page.
        """
        if request is None:
            request = _build(
                ListAccessBindingsRequest,
                {"resource_id": resource_id, "page_size": page_size, "page_token": page_token},
            )
        elif _any_set(
            resource_id,
            page_size,
            page_token,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return Pager(
            self._list_access_bindings,
            request,
            lambda page: page.access_bindings,
            timeout,
            metadata,
            max_retries,
        )

    def list_operations(
        self,
        request: ListOperationsRequest | None = None,
        *,
        mcp_gateway_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListOperationsResponse:
        """Returns the operations that changed a gateway.

        Args:
            mcp_gateway_id: Gateway whose operations to list. (required)
            page_size: Most operations to return in one page, up to 1000; 100 when 0. (value
                0-1000)
            page_token: `next_page_token` of the previous page; empty for the first page.
                (length <=100)
            filter: Optional condition on `done` or `created_by`, such as `done=false`.
                (length <=1000)
        """
        if request is None:
            request = _build(
                ListOperationsRequest,
                {
                    "mcp_gateway_id": mcp_gateway_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "filter": filter,
                },
            )
        elif _any_set(
            mcp_gateway_id,
            page_size,
            page_token,
            filter,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._list_operations(request, timeout, metadata, max_retries, idempotency_key)

    def list_all_operations(
        self,
        request: ListOperationsRequest | None = None,
        *,
        mcp_gateway_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
    ) -> Pager[ListOperationsResponse, operation_pb2.Operation]:
        """Every `operation_pb2.Operation` that `list_operations` returns, across pages:
        iterating calls `list_operations` again with each response's `next_page_token` as
        `page_token` when the items so far run out; `.pages()` yields the responses.

        Takes the arguments of `list_operations`; `timeout` applies to each page.
        """
        if request is None:
            request = _build(
                ListOperationsRequest,
                {
                    "mcp_gateway_id": mcp_gateway_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "filter": filter,
                },
            )
        elif _any_set(
            mcp_gateway_id,
            page_size,
            page_token,
            filter,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return Pager(
            self._list_operations,
            request,
            lambda page: page.operations,
            timeout,
            metadata,
            max_retries,
        )

    def set_access_bindings(
        self,
        request: SetAccessBindingsRequest | None = None,
        *,
        resource_id: str | None = None,
        access_bindings: Iterable[AccessBinding | AccessBindingParams] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[Empty, SetAccessBindingsMetadata]:
        """Replaces all role grants on a gateway with the given list.

        Args:
            resource_id: Resource to change; its ID comes from the owning service's List
                call. (required; length <=64)
            access_bindings: The complete new list of grants, up to 1000; grants not listed
                are revoked. (size <=1000)

        Starts a long-running operation: `wait()` on the returned handle gives `Empty`.
        """
        if request is None:
            request = _build(
                SetAccessBindingsRequest,
                {"resource_id": resource_id, "access_bindings": access_bindings},
            )
        elif _any_set(
            resource_id,
            access_bindings,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = self._set_access_bindings(
            request, timeout, metadata, max_retries, idempotency_key
        )
        return Operation(operation, Empty, SetAccessBindingsMetadata, self._poller)

    def update(
        self,
        request: UpdateMcpGatewayRequest | None = None,
        *,
        mcp_gateway_id: str | None = None,
        name: str | None = None,
        description: str | None = None,
        labels: Mapping[str, str] | None = None,
        tools: Iterable[McpTool | McpToolParams] | None = None,
        log_options: LogOptions | LogOptionsParams | None = None,
        service_account_id: str | None = None,
        network_id: str | None = None,
        update_mask: FieldMask | None = None,
        public: bool | None = None,
        transport: McpTransport | str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[McpGateway, UpdateMcpGatewayMetadata]:
        """Changes a gateway; the operation's response is the updated `McpGateway`.

        Args:
            mcp_gateway_id: Gateway to change. (required)
            name: New name; same rules as on creation. (length <=128; pattern
                |[a-z]([-a-z0-9]{0,61}[a-z0-9])?)
            description: New description. (length <=65536)
            labels: New labels; they replace all existing ones. (length <=63; size <=64;
                pattern [-_./\\@0-9a-z]*; map_key pattern [a-z][-_./\\@0-9a-z]*, length
                1-63)
            tools: New complete list of tools.
            log_options: New logging settings.
            service_account_id: New service account.
            network_id: New VPC network.
            update_mask: Names of the fields to overwrite.
            public: New public access flag.
            transport: New MCP transport. (one of `MCP_TRANSPORT_UNSPECIFIED`, `SSE`,
                `STREAMABLE`)

        Starts a long-running operation: `wait()` on the returned handle gives `McpGateway`.
        """
        if request is None:
            request = _build(
                UpdateMcpGatewayRequest,
                {
                    "mcp_gateway_id": mcp_gateway_id,
                    "name": name,
                    "description": description,
                    "labels": labels,
                    "tools": tools,
                    "log_options": log_options,
                    "service_account_id": service_account_id,
                    "network_id": network_id,
                    "update_mask": update_mask,
                    "public": public,
                    "transport": transport,
                },
            )
        elif _any_set(
            mcp_gateway_id,
            name,
            description,
            labels,
            tools,
            log_options,
            service_account_id,
            network_id,
            update_mask,
            public,
            transport,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = self._update(request, timeout, metadata, max_retries, idempotency_key)
        return Operation(operation, McpGateway, UpdateMcpGatewayMetadata, self._poller)

    def update_access_bindings(
        self,
        request: UpdateAccessBindingsRequest | None = None,
        *,
        resource_id: str | None = None,
        access_binding_deltas: (
            Iterable[AccessBindingDelta | AccessBindingDeltaParams] | None
        ) = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[Empty, UpdateAccessBindingsMetadata]:
        """Adds or revokes individual role grants on a gateway.

        Args:
            resource_id: Resource to change. (required; length <=64)
            access_binding_deltas: Grants to add or revoke, 1 to 1000; grants not mentioned
                stay. (size 1-1000)

        Starts a long-running operation: `wait()` on the returned handle gives `Empty`.
        """
        if request is None:
            request = _build(
                UpdateAccessBindingsRequest,
                {"resource_id": resource_id, "access_binding_deltas": access_binding_deltas},
            )
        elif _any_set(
            resource_id,
            access_binding_deltas,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = self._update_access_bindings(
            request, timeout, metadata, max_retries, idempotency_key
        )
        return Operation(operation, Empty, UpdateAccessBindingsMetadata, self._poller)


class AsyncMcpGatewayService:
    """Creates and manages MCP gateways and who may use them. Changes run as long-running
    operations.
    """

    def __init__(
        self,
        transport: AsyncTransport,
        poller: AsyncPoller | None = None,
    ) -> None:
        self._poller = poller
        self._create = transport.unary(CREATE)
        self._delete = transport.unary(DELETE)
        self._get = transport.unary(GET)
        self._list = transport.unary(LIST)
        self._list_access_bindings = transport.unary(LIST_ACCESS_BINDINGS)
        self._list_operations = transport.unary(LIST_OPERATIONS)
        self._set_access_bindings = transport.unary(SET_ACCESS_BINDINGS)
        self._update = transport.unary(UPDATE)
        self._update_access_bindings = transport.unary(UPDATE_ACCESS_BINDINGS)

    async def create(
        self,
        request: CreateMcpGatewayRequest | None = None,
        *,
        folder_id: str | None = None,
        name: str | None = None,
        description: str | None = None,
        labels: Mapping[str, str] | None = None,
        tools: Iterable[McpTool | McpToolParams] | None = None,
        log_options: LogOptions | LogOptionsParams | None = None,
        service_account_id: str | None = None,
        network_id: str | None = None,
        public: bool | None = None,
        transport: McpTransport | str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> AsyncOperation[McpGateway, CreateMcpGatewayMetadata]:
        """Creates a gateway; the operation's response is the new `McpGateway`.

        Args:
            folder_id: Folder to create the gateway in. (required)
            name: Name: lower-case letters, digits and `-`, starting with a letter and not
                ending with `-`. (required; length <=128; pattern
                |[a-z]([-a-z0-9]{0,61}[a-z0-9])?)
            description: Free-form description. (length <=65536)
            labels: User-defined labels: up to 64 pairs of lower-case keys and values.
                (length <=63; size <=64; pattern [-_./\\@0-9a-z]*; map_key pattern
                [a-z][-_./\\@0-9a-z]*, length 1-63)
            tools: Tools the gateway offers.
            log_options: Where and how the gateway writes its logs.
            service_account_id: Service account the gateway uses to call the tools'
                backends.
            network_id: VPC network to run in, for access to private resources.
            public: When true, anyone can call the gateway without cloud credentials.
            transport: MCP transport to serve clients with. (one of
                `MCP_TRANSPORT_UNSPECIFIED`, `SSE`, `STREAMABLE`)

        Starts a long-running operation: `wait()` on the returned handle gives `McpGateway`.
        """
        if request is None:
            request = _build(
                CreateMcpGatewayRequest,
                {
                    "folder_id": folder_id,
                    "name": name,
                    "description": description,
                    "labels": labels,
                    "tools": tools,
                    "log_options": log_options,
                    "service_account_id": service_account_id,
                    "network_id": network_id,
                    "public": public,
                    "transport": transport,
                },
            )
        elif _any_set(
            folder_id,
            name,
            description,
            labels,
            tools,
            log_options,
            service_account_id,
            network_id,
            public,
            transport,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = await self._create(request, timeout, metadata, max_retries, idempotency_key)
        return AsyncOperation(operation, McpGateway, CreateMcpGatewayMetadata, self._poller)

    async def delete(
        self,
        request: DeleteMcpGatewayRequest | None = None,
        *,
        mcp_gateway_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> AsyncOperation[Empty, DeleteMcpGatewayMetadata]:
        """Removes a gateway.

        Args:
            mcp_gateway_id: Gateway to remove. (required)

        Starts a long-running operation: `wait()` on the returned handle gives `Empty`.
        """
        if request is None:
            request = _build(DeleteMcpGatewayRequest, {"mcp_gateway_id": mcp_gateway_id})
        elif _any_set(
            mcp_gateway_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = await self._delete(request, timeout, metadata, max_retries, idempotency_key)
        return AsyncOperation(operation, Empty, DeleteMcpGatewayMetadata, self._poller)

    async def get(
        self,
        request: GetMcpGatewayRequest | None = None,
        *,
        mcp_gateway_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> McpGateway:
        """Returns one gateway with its tools.

        Args:
            mcp_gateway_id: Gateway to return. (required)
        """
        if request is None:
            request = _build(GetMcpGatewayRequest, {"mcp_gateway_id": mcp_gateway_id})
        elif _any_set(
            mcp_gateway_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._get(request, timeout, metadata, max_retries, idempotency_key)

    async def list(
        self,
        request: ListMcpGatewayRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListMcpGatewayResponse:
        """Returns the gateways of a folder, a page at a time.

        Args:
            folder_id: Folder whose gateways to list. (required)
            page_size: Most gateways to return in one page; 100 when 0.
            page_token: `next_page_token` of the previous page; empty for the first page.
            filter: Optional condition of the form `<field>="<value>"`, where the field is
                `name` or `created_at`; for example `name="my-mcp-gateway"`.
        """
        if request is None:
            request = _build(
                ListMcpGatewayRequest,
                {
                    "folder_id": folder_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "filter": filter,
                },
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
            filter,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._list(request, timeout, metadata, max_retries, idempotency_key)

    def list_all(
        self,
        request: ListMcpGatewayRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
    ) -> AsyncPager[ListMcpGatewayResponse, McpGatewayPreview]:
        """Every `McpGatewayPreview` that `list` returns, across pages: iterating calls `list`
        again with each response's `next_page_token` as `page_token` when the items so far
        run out; `.pages()` yields the responses.

        Takes the arguments of `list`; `timeout` applies to each page.
        """
        if request is None:
            request = _build(
                ListMcpGatewayRequest,
                {
                    "folder_id": folder_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "filter": filter,
                },
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
            filter,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return AsyncPager(
            self._list,
            request,
            lambda page: page.gateways,
            timeout,
            metadata,
            max_retries,
        )

    async def list_access_bindings(
        self,
        request: ListAccessBindingsRequest | None = None,
        *,
        resource_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListAccessBindingsResponse:
        """Returns the role grants on a gateway.

        Args:
            resource_id: Resource whose grants to list; its ID comes from the owning
                service's List call. (required; length <=64)
            page_size: Most grants to return in one page, up to 1000; 100 when 0. (value
                0-1000)
            page_token: `next_page_token` of the previous page; empty for the first page.
                (length <=100)
        """
        if request is None:
            request = _build(
                ListAccessBindingsRequest,
                {"resource_id": resource_id, "page_size": page_size, "page_token": page_token},
            )
        elif _any_set(
            resource_id,
            page_size,
            page_token,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._list_access_bindings(
            request, timeout, metadata, max_retries, idempotency_key
        )

    def list_all_access_bindings(
        self,
        request: ListAccessBindingsRequest | None = None,
        *,
        resource_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
    ) -> AsyncPager[ListAccessBindingsResponse, AccessBinding]:
        """Every `AccessBinding` that `list_access_bindings` returns, across pages: iterating
        calls `list_access_bindings` again with each response's `next_page_token` as
        `page_token` when the items so far run out; `.pages()` yields the responses.

        Takes the arguments of `list_access_bindings`; `timeout` applies to each page.
        """
        if request is None:
            request = _build(
                ListAccessBindingsRequest,
                {"resource_id": resource_id, "page_size": page_size, "page_token": page_token},
            )
        elif _any_set(
            resource_id,
            page_size,
            page_token,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return AsyncPager(
            self._list_access_bindings,
            request,
            lambda page: page.access_bindings,
            timeout,
            metadata,
            max_retries,
        )

    async def list_operations(
        self,
        request: ListOperationsRequest | None = None,
        *,
        mcp_gateway_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListOperationsResponse:
        """Returns the operations that changed a gateway.

        Args:
            mcp_gateway_id: Gateway whose operations to list. (required)
            page_size: Most operations to return in one page, up to 1000; 100 when 0. (value
                0-1000)
            page_token: `next_page_token` of the previous page; empty for the first page.
                (length <=100)
            filter: Optional condition on `done` or `created_by`, such as `done=false`.
                (length <=1000)
        """
        if request is None:
            request = _build(
                ListOperationsRequest,
                {
                    "mcp_gateway_id": mcp_gateway_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "filter": filter,
                },
            )
        elif _any_set(
            mcp_gateway_id,
            page_size,
            page_token,
            filter,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._list_operations(request, timeout, metadata, max_retries, idempotency_key)

    def list_all_operations(
        self,
        request: ListOperationsRequest | None = None,
        *,
        mcp_gateway_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        filter: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
    ) -> AsyncPager[ListOperationsResponse, operation_pb2.Operation]:
        """Every `operation_pb2.Operation` that `list_operations` returns, across pages:
        iterating calls `list_operations` again with each response's `next_page_token` as
        `page_token` when the items so far run out; `.pages()` yields the responses.

        Takes the arguments of `list_operations`; `timeout` applies to each page.
        """
        if request is None:
            request = _build(
                ListOperationsRequest,
                {
                    "mcp_gateway_id": mcp_gateway_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "filter": filter,
                },
            )
        elif _any_set(
            mcp_gateway_id,
            page_size,
            page_token,
            filter,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return AsyncPager(
            self._list_operations,
            request,
            lambda page: page.operations,
            timeout,
            metadata,
            max_retries,
        )

    async def set_access_bindings(
        self,
        request: SetAccessBindingsRequest | None = None,
        *,
        resource_id: str | None = None,
        access_bindings: Iterable[AccessBinding | AccessBindingParams] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> AsyncOperation[Empty, SetAccessBindingsMetadata]:
        """Replaces all role grants on a gateway with the given list.

        Args:
            resource_id: Resource to change; its ID comes from the owning service's List
                call. (required; length <=64)
            access_bindings: The complete new list of grants, up to 1000; grants not listed
                are revoked. (size <=1000)

        Starts a long-running operation: `wait()` on the returned handle gives `Empty`.
        """
        if request is None:
            request = _build(
                SetAccessBindingsRequest,
                {"resource_id": resource_id, "access_bindings": access_bindings},
            )
        elif _any_set(
            resource_id,
            access_bindings,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = await self._set_access_bindings(
            request, timeout, metadata, max_retries, idempotency_key
        )
        return AsyncOperation(operation, Empty, SetAccessBindingsMetadata, self._poller)

    async def update(
        self,
        request: UpdateMcpGatewayRequest | None = None,
        *,
        mcp_gateway_id: str | None = None,
        name: str | None = None,
        description: str | None = None,
        labels: Mapping[str, str] | None = None,
        tools: Iterable[McpTool | McpToolParams] | None = None,
        log_options: LogOptions | LogOptionsParams | None = None,
        service_account_id: str | None = None,
        network_id: str | None = None,
        update_mask: FieldMask | None = None,
        public: bool | None = None,
        transport: McpTransport | str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> AsyncOperation[McpGateway, UpdateMcpGatewayMetadata]:
        """Changes a gateway; the operation's response is the updated `McpGateway`.

        Args:
            mcp_gateway_id: Gateway to change. (required)
            name: New name; same rules as on creation. (length <=128; pattern
                |[a-z]([-a-z0-9]{0,61}[a-z0-9])?)
            description: New description. (length <=65536)
            labels: New labels; they replace all existing ones. (length <=63; size <=64;
                pattern [-_./\\@0-9a-z]*; map_key pattern [a-z][-_./\\@0-9a-z]*, length
                1-63)
            tools: New complete list of tools.
            log_options: New logging settings.
            service_account_id: New service account.
            network_id: New VPC network.
            update_mask: Names of the fields to overwrite.
            public: New public access flag.
            transport: New MCP transport. (one of `MCP_TRANSPORT_UNSPECIFIED`, `SSE`,
                `STREAMABLE`)

        Starts a long-running operation: `wait()` on the returned handle gives `McpGateway`.
        """
        if request is None:
            request = _build(
                UpdateMcpGatewayRequest,
                {
                    "mcp_gateway_id": mcp_gateway_id,
                    "name": name,
                    "description": description,
                    "labels": labels,
                    "tools": tools,
                    "log_options": log_options,
                    "service_account_id": service_account_id,
                    "network_id": network_id,
                    "update_mask": update_mask,
                    "public": public,
                    "transport": transport,
                },
            )
        elif _any_set(
            mcp_gateway_id,
            name,
            description,
            labels,
            tools,
            log_options,
            service_account_id,
            network_id,
            update_mask,
            public,
            transport,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = await self._update(request, timeout, metadata, max_retries, idempotency_key)
        return AsyncOperation(operation, McpGateway, UpdateMcpGatewayMetadata, self._poller)

    async def update_access_bindings(
        self,
        request: UpdateAccessBindingsRequest | None = None,
        *,
        resource_id: str | None = None,
        access_binding_deltas: (
            Iterable[AccessBindingDelta | AccessBindingDeltaParams] | None
        ) = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> AsyncOperation[Empty, UpdateAccessBindingsMetadata]:
        """Adds or revokes individual role grants on a gateway.

        Args:
            resource_id: Resource to change. (required; length <=64)
            access_binding_deltas: Grants to add or revoke, 1 to 1000; grants not mentioned
                stay. (size 1-1000)

        Starts a long-running operation: `wait()` on the returned handle gives `Empty`.
        """
        if request is None:
            request = _build(
                UpdateAccessBindingsRequest,
                {"resource_id": resource_id, "access_binding_deltas": access_binding_deltas},
            )
        elif _any_set(
            resource_id,
            access_binding_deltas,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = await self._update_access_bindings(
            request, timeout, metadata, max_retries, idempotency_key
        )
        return AsyncOperation(operation, Empty, UpdateAccessBindingsMetadata, self._poller)
