"""The `yandex.cloud.operation.OperationService` service."""

from __future__ import annotations

from collections.abc import Sequence

from .._grpc._methods import HttpRule, Method
from .._grpc._operations import AsyncPoller, Poller
from .._grpc._transport import (
    BOTH_GIVEN as _BOTH_GIVEN,
    AsyncTransport,
    Transport,
    any_set as _any_set,
)
from .._grpc._values import build as _build
from .._pb.yandex.cloud.operation import operation_pb2
from .._pb.yandex.cloud.operation.operation_service_pb2 import (
    CancelOperationRequest,
    GetOperationRequest,
)
from .._rules import check as _check

CANCEL = Method(
    "/yandex.cloud.operation.OperationService/Cancel",
    CancelOperationRequest,
    operation_pb2.Operation,
    package="yandex.cloud.operation",
    http=(HttpRule("GET", "/operations/{operation_id}:cancel"),),
    idempotent=True,
)
GET = Method(
    "/yandex.cloud.operation.OperationService/Get",
    GetOperationRequest,
    operation_pb2.Operation,
    package="yandex.cloud.operation",
    http=(HttpRule("GET", "/operations/{operation_id}"),),
    idempotent=True,
)


class OperationService:
    """Tracks long-running operations returned by other Yandex Cloud services."""

    def __init__(
        self,
        transport: Transport,
        poller: Poller | None = None,
    ) -> None:
        self._cancel = transport.unary(CANCEL)
        self._get = transport.unary(GET)

    def cancel(
        self,
        request: CancelOperationRequest | None = None,
        *,
        operation_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> operation_pb2.Operation:
        """Asks the service to stop an operation and returns its state afterwards. Not every
        service can cancel its operations.

        Args:
            operation_id: The `Operation.id` to cancel. (required)
        """
        if request is None:
            request = _build(CancelOperationRequest, {"operation_id": operation_id})
        elif _any_set(
            operation_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._cancel(request, timeout, metadata, max_retries, idempotency_key)

    def get(
        self,
        request: GetOperationRequest | None = None,
        *,
        operation_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> operation_pb2.Operation:
        """Fetches the current state of an operation; call it repeatedly to wait for
        completion.

        Args:
            operation_id: The `Operation.id` to look up. (required)
        """
        if request is None:
            request = _build(GetOperationRequest, {"operation_id": operation_id})
        elif _any_set(
            operation_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._get(request, timeout, metadata, max_retries, idempotency_key)


class AsyncOperationService:
    """Tracks long-running operations returned by other Yandex Cloud services."""

    def __init__(
        self,
        transport: AsyncTransport,
        poller: AsyncPoller | None = None,
    ) -> None:
        self._cancel = transport.unary(CANCEL)
        self._get = transport.unary(GET)

    async def cancel(
        self,
        request: CancelOperationRequest | None = None,
        *,
        operation_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> operation_pb2.Operation:
        """Asks the service to stop an operation and returns its state afterwards. Not every
        service can cancel its operations.

        Args:
            operation_id: The `Operation.id` to cancel. (required)
        """
        if request is None:
            request = _build(CancelOperationRequest, {"operation_id": operation_id})
        elif _any_set(
            operation_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._cancel(request, timeout, metadata, max_retries, idempotency_key)

    async def get(
        self,
        request: GetOperationRequest | None = None,
        *,
        operation_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> operation_pb2.Operation:
        """Fetches the current state of an operation; call it repeatedly to wait for
        completion.

        Args:
            operation_id: The `Operation.id` to look up. (required)
        """
        if request is None:
            request = _build(GetOperationRequest, {"operation_id": operation_id})
        elif _any_set(
            operation_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._get(request, timeout, metadata, max_retries, idempotency_key)
