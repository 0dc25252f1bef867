"""The `yandex.cloud.ai.batch_inference.v1.BatchInferenceService` service."""

from __future__ import annotations

from collections.abc import Sequence

from .._grpc._methods import HttpRule, Method
from .._grpc._operations import AsyncPoller, Poller
from .._grpc._pagination import AsyncPager, Pager
from .._grpc._transport import (
    BOTH_GIVEN as _BOTH_GIVEN,
    AsyncTransport,
    Transport,
    any_set as _any_set,
)
from .._grpc._values import build as _build
from .._pb.yandex.cloud.ai.batch_inference.v1.batch_inference_service_pb2 import (
    CancelBatchInferenceRequest,
    CancelBatchInferenceResponse,
    DeleteBatchInferenceRequest,
    DeleteBatchInferenceResponse,
    DescribeBatchInferenceRequest,
    DescribeBatchInferenceResponse,
    ListBatchInferencesRequest,
    ListBatchInferencesResponse,
)
from .._pb.yandex.cloud.ai.batch_inference.v1.batch_inference_task_pb2 import BatchInferenceTask
from .._rules import check as _check

CANCEL = Method(
    "/yandex.cloud.ai.batch_inference.v1.BatchInferenceService/Cancel",
    CancelBatchInferenceRequest,
    CancelBatchInferenceResponse,
    package="yandex.cloud.ai.batch_inference.v1",
)
DELETE = Method(
    "/yandex.cloud.ai.batch_inference.v1.BatchInferenceService/Delete",
    DeleteBatchInferenceRequest,
    DeleteBatchInferenceResponse,
    package="yandex.cloud.ai.batch_inference.v1",
)
DESCRIBE = Method(
    "/yandex.cloud.ai.batch_inference.v1.BatchInferenceService/Describe",
    DescribeBatchInferenceRequest,
    DescribeBatchInferenceResponse,
    package="yandex.cloud.ai.batch_inference.v1",
    idempotent=True,
)
LIST = Method(
    "/yandex.cloud.ai.batch_inference.v1.BatchInferenceService/List",
    ListBatchInferencesRequest,
    ListBatchInferencesResponse,
    package="yandex.cloud.ai.batch_inference.v1",
    idempotent=True,
)


class BatchInferenceService:
    """Inspects and manages batch inference tasks: jobs that run a model over every record of a
    dataset and write the answers to a new dataset. gRPC only; there is no REST mapping.
    """

    def __init__(
        self,
        transport: Transport,
        poller: Poller | None = None,
    ) -> None:
        self._cancel = transport.unary(CANCEL)
        self._delete = transport.unary(DELETE)
        self._describe = transport.unary(DESCRIBE)
        self._list = transport.unary(LIST)

    def cancel(
        self,
        request: CancelBatchInferenceRequest | None = None,
        *,
        task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> CancelBatchInferenceResponse:
        """Stops a task that has not finished yet.

        Args:
            task_id: Task to stop. (required)
        """
        if request is None:
            request = _build(CancelBatchInferenceRequest, {"task_id": task_id})
        elif _any_set(
            task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._cancel(request, timeout, metadata, max_retries, idempotency_key)

    def delete(
        self,
        request: DeleteBatchInferenceRequest | None = None,
        *,
        task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> DeleteBatchInferenceResponse:
        """Removes a task record.

        Args:
            task_id: Task to remove. (required)
        """
        if request is None:
            request = _build(DeleteBatchInferenceRequest, {"task_id": task_id})
        elif _any_set(
            task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._delete(request, timeout, metadata, max_retries, idempotency_key)

    def describe(
        self,
        request: DescribeBatchInferenceRequest | None = None,
        *,
        task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> DescribeBatchInferenceResponse:
        """Returns one task with its status, datasets and errors.

        Args:
            task_id: Task to return. (required)
        """
        if request is None:
            request = _build(DescribeBatchInferenceRequest, {"task_id": task_id})
        elif _any_set(
            task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._describe(request, timeout, metadata, max_retries, idempotency_key)

    def list(
        self,
        request: ListBatchInferencesRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        status: BatchInferenceTask.Status | str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListBatchInferencesResponse:
        """Returns the tasks of a folder, a page at a time.

        Args:
            folder_id: Folder whose tasks to list. (required)
            page_size: Most tasks to return in one page; the server picks a default when 0.
            page_token: `next_page_token` of the previous page; empty for the first page.
            status: Only return tasks in this stage. Deprecated; may be ignored. (one of
                `STATUS_UNSPECIFIED`, `CREATED`, `PENDING`, `IN_PROGRESS`, `COMPLETED`,
                `FAILED`, `CANCELED`)
        """
        if request is None:
            request = _build(
                ListBatchInferencesRequest,
                {
                    "folder_id": folder_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "status": status,
                },
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
            status,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._list(request, timeout, metadata, max_retries, idempotency_key)

    def list_all(
        self,
        request: ListBatchInferencesRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        status: BatchInferenceTask.Status | str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
    ) -> Pager[ListBatchInferencesResponse, BatchInferenceTask]:
        """Every `BatchInferenceTask` that `list` returns, across pages: iterating calls `list`
        again with each response's `next_page_token` as `page_token` when the items so far
        run out; `.pages()` yields the responses.

        Takes the arguments of `list`; `timeout` applies to each page.
        """
        if request is None:
            request = _build(
                ListBatchInferencesRequest,
                {
                    "folder_id": folder_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "status": status,
                },
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
            status,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return Pager(
            self._list,
            request,
            lambda page: page.tasks,
            timeout,
            metadata,
            max_retries,
        )


class AsyncBatchInferenceService:
    """Inspects and manages batch inference tasks: jobs that run a model over every record of a
    dataset and write the answers to a new dataset. gRPC only; there is no REST mapping.
    """

    def __init__(
        self,
        transport: AsyncTransport,
        poller: AsyncPoller | None = None,
    ) -> None:
        self._cancel = transport.unary(CANCEL)
        self._delete = transport.unary(DELETE)
        self._describe = transport.unary(DESCRIBE)
        self._list = transport.unary(LIST)

    async def cancel(
        self,
        request: CancelBatchInferenceRequest | None = None,
        *,
        task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> CancelBatchInferenceResponse:
        """Stops a task that has not finished yet.

        Args:
            task_id: Task to stop. (required)
        """
        if request is None:
            request = _build(CancelBatchInferenceRequest, {"task_id": task_id})
        elif _any_set(
            task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._cancel(request, timeout, metadata, max_retries, idempotency_key)

    async def delete(
        self,
        request: DeleteBatchInferenceRequest | None = None,
        *,
        task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> DeleteBatchInferenceResponse:
        """Removes a task record.

        Args:
            task_id: Task to remove. (required)
        """
        if request is None:
            request = _build(DeleteBatchInferenceRequest, {"task_id": task_id})
        elif _any_set(
            task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._delete(request, timeout, metadata, max_retries, idempotency_key)

    async def describe(
        self,
        request: DescribeBatchInferenceRequest | None = None,
        *,
        task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> DescribeBatchInferenceResponse:
        """Returns one task with its status, datasets and errors.

        Args:
            task_id: Task to return. (required)
        """
        if request is None:
            request = _build(DescribeBatchInferenceRequest, {"task_id": task_id})
        elif _any_set(
            task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._describe(request, timeout, metadata, max_retries, idempotency_key)

    async def list(
        self,
        request: ListBatchInferencesRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        status: BatchInferenceTask.Status | str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListBatchInferencesResponse:
        """Returns the tasks of a folder, a page at a time.

        Args:
            folder_id: Folder whose tasks to list. (required)
            page_size: Most tasks to return in one page; the server picks a default when 0.
            page_token: `next_page_token` of the previous page; empty for the first page.
            status: Only return tasks in this stage. Deprecated; may be ignored. (one of
                `STATUS_UNSPECIFIED`, `CREATED`, `PENDING`, `IN_PROGRESS`, `COMPLETED`,
                `FAILED`, `CANCELED`)
        """
        if request is None:
            request = _build(
                ListBatchInferencesRequest,
                {
                    "folder_id": folder_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "status": status,
                },
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
            status,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._list(request, timeout, metadata, max_retries, idempotency_key)

    def list_all(
        self,
        request: ListBatchInferencesRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        status: BatchInferenceTask.Status | str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
    ) -> AsyncPager[ListBatchInferencesResponse, BatchInferenceTask]:
        """Every `BatchInferenceTask` that `list` returns, across pages: iterating calls `list`
        again with each response's `next_page_token` as `page_token` when the items so far
        run out; `.pages()` yields the responses.

        Takes the arguments of `list`; `timeout` applies to each page.
        """
        if request is None:
            request = _build(
                ListBatchInferencesRequest,
                {
                    "folder_id": folder_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "status": status,
                },
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
            status,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return AsyncPager(
            self._list,
            request,
            lambda page: page.tasks,
            timeout,
            metadata,
            max_retries,
        )
