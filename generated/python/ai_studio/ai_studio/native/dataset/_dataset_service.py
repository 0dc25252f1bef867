"""The `yandex.cloud.ai.dataset.v1.DatasetService` service."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

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
from .._pb.yandex.cloud.ai.dataset.v1.dataset_pb2 import DatasetInfo
from .._pb.yandex.cloud.ai.dataset.v1.dataset_service_pb2 import (
    CreateDatasetRequest,
    CreateDatasetResponse,
    DeleteDatasetRequest,
    DeleteDatasetResponse,
    DescribeDatasetRequest,
    DescribeDatasetResponse,
    FinishMultipartUploadDraftRequest,
    FinishMultipartUploadDraftResponse,
    GetDatasetPreviewRequest,
    GetDatasetPreviewResponse,
    GetDownloadUrlsRequest,
    GetDownloadUrlsResponse,
    GetUploadDraftUrlRequest,
    GetUploadDraftUrlResponse,
    ListDatasetsRequest,
    ListDatasetsResponse,
    ListOperationsIdsRequest,
    ListOperationsIdsResponse,
    ListTypesRequest,
    ListTypesResponse,
    ListUploadFormatsRequest,
    ListUploadFormatsResponse,
    ListUploadSchemasRequest,
    ListUploadSchemasResponse,
    StartMultipartUploadDraftRequest,
    StartMultipartUploadDraftResponse,
    UpdateDatasetRequest,
    UpdateDatasetResponse,
    UploadedPartInfo,
    ValidateDatasetMetadata,
    ValidateDatasetRequest,
    ValidateDatasetResponse,
)
from .._pb.yandex.cloud.operation import operation_pb2
from .._rules import check as _check

if TYPE_CHECKING:
    from ..params import UploadedPartInfoParams

CREATE = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/Create",
    CreateDatasetRequest,
    CreateDatasetResponse,
    package="yandex.cloud.ai.dataset.v1",
)
DELETE = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/Delete",
    DeleteDatasetRequest,
    DeleteDatasetResponse,
    package="yandex.cloud.ai.dataset.v1",
)
DESCRIBE = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/Describe",
    DescribeDatasetRequest,
    DescribeDatasetResponse,
    package="yandex.cloud.ai.dataset.v1",
    idempotent=True,
)
FINISH_MULTIPART_UPLOAD_DRAFT = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/FinishMultipartUploadDraft",
    FinishMultipartUploadDraftRequest,
    FinishMultipartUploadDraftResponse,
    package="yandex.cloud.ai.dataset.v1",
)
GET_DOWNLOAD_URLS = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/GetDownloadUrls",
    GetDownloadUrlsRequest,
    GetDownloadUrlsResponse,
    package="yandex.cloud.ai.dataset.v1",
    idempotent=True,
)
GET_PREVIEW = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/GetPreview",
    GetDatasetPreviewRequest,
    GetDatasetPreviewResponse,
    package="yandex.cloud.ai.dataset.v1",
    idempotent=True,
)
GET_UPLOAD_DRAFT_URL = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/GetUploadDraftUrl",
    GetUploadDraftUrlRequest,
    GetUploadDraftUrlResponse,
    package="yandex.cloud.ai.dataset.v1",
    idempotent=True,
)
LIST = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/List",
    ListDatasetsRequest,
    ListDatasetsResponse,
    package="yandex.cloud.ai.dataset.v1",
    idempotent=True,
)
LIST_OPERATIONS_IDS = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/ListOperationsIds",
    ListOperationsIdsRequest,
    ListOperationsIdsResponse,
    package="yandex.cloud.ai.dataset.v1",
    idempotent=True,
)
LIST_TYPES = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/ListTypes",
    ListTypesRequest,
    ListTypesResponse,
    package="yandex.cloud.ai.dataset.v1",
    idempotent=True,
)
LIST_UPLOAD_FORMATS = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/ListUploadFormats",
    ListUploadFormatsRequest,
    ListUploadFormatsResponse,
    package="yandex.cloud.ai.dataset.v1",
    idempotent=True,
)
LIST_UPLOAD_SCHEMAS = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/ListUploadSchemas",
    ListUploadSchemasRequest,
    ListUploadSchemasResponse,
    package="yandex.cloud.ai.dataset.v1",
    idempotent=True,
)
START_MULTIPART_UPLOAD_DRAFT = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/StartMultipartUploadDraft",
    StartMultipartUploadDraftRequest,
    StartMultipartUploadDraftResponse,
    package="yandex.cloud.ai.dataset.v1",
)
UPDATE = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/Update",
    UpdateDatasetRequest,
    UpdateDatasetResponse,
    package="yandex.cloud.ai.dataset.v1",
)
VALIDATE = Method(
    "/yandex.cloud.ai.dataset.v1.DatasetService/Validate",
    ValidateDatasetRequest,
    operation_pb2.Operation,
    package="yandex.cloud.ai.dataset.v1",
)


class DatasetService:
    """Creates, uploads, validates and manages datasets. The usual flow: Create a draft, upload
    the data through a presigned URL, then Validate. gRPC only; there is no REST mapping.
    """

    def __init__(
        self,
        transport: Transport,
        poller: Poller | None = None,
    ) -> None:
        self._poller = poller
        self._create = transport.unary(CREATE)
        self._delete = transport.unary(DELETE)
        self._describe = transport.unary(DESCRIBE)
        self._finish_multipart_upload_draft = transport.unary(FINISH_MULTIPART_UPLOAD_DRAFT)
        self._get_download_urls = transport.unary(GET_DOWNLOAD_URLS)
        self._get_preview = transport.unary(GET_PREVIEW)
        self._get_upload_draft_url = transport.unary(GET_UPLOAD_DRAFT_URL)
        self._list = transport.unary(LIST)
        self._list_operations_ids = transport.unary(LIST_OPERATIONS_IDS)
        self._list_types = transport.unary(LIST_TYPES)
        self._list_upload_formats = transport.unary(LIST_UPLOAD_FORMATS)
        self._list_upload_schemas = transport.unary(LIST_UPLOAD_SCHEMAS)
        self._start_multipart_upload_draft = transport.unary(START_MULTIPART_UPLOAD_DRAFT)
        self._update = transport.unary(UPDATE)
        self._validate = transport.unary(VALIDATE)

    def create(
        self,
        request: CreateDatasetRequest | None = None,
        *,
        name: str | None = None,
        folder_id: str | None = None,
        description: str | None = None,
        metadata_: str | None = None,
        task_type: str | None = None,
        labels: Mapping[str, str] | None = None,
        upload_format: str | None = None,
        allow_data_log: bool | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> CreateDatasetResponse:
        """Creates an empty dataset in the `DRAFT` stage, ready for upload.

        Args:
            name: Display name, up to 63 characters. (required; length <=63)
            folder_id: Folder to create the dataset in. (required; length <=50)
            description: Free-form description.
            metadata_: Free-form metadata string.
            task_type: Kind of task the records are for; see `ListTypes`. (required; length
                <=50)
            labels: User-defined key-value labels.
            upload_format: Layout of the data to be uploaded; `ListUploadSchemas` lists the
                formats a task type accepts. (required; length <=50)
            allow_data_log: Whether the service may use the data to improve its models; off
                unless set.
        """
        if request is None:
            request = _build(
                CreateDatasetRequest,
                {
                    "name": name,
                    "folder_id": folder_id,
                    "description": description,
                    "metadata": metadata_,
                    "task_type": task_type,
                    "labels": labels,
                    "upload_format": upload_format,
                    "allow_data_log": allow_data_log,
                },
            )
        elif _any_set(
            name,
            folder_id,
            description,
            metadata_,
            task_type,
            labels,
            upload_format,
            allow_data_log,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._create(request, timeout, metadata, max_retries, idempotency_key)

    def delete(
        self,
        request: DeleteDatasetRequest | None = None,
        *,
        dataset_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> DeleteDatasetResponse:
        """Removes a dataset and its data.

        Args:
            dataset_id: Dataset to remove. (required)
        """
        if request is None:
            request = _build(DeleteDatasetRequest, {"dataset_id": dataset_id})
        elif _any_set(
            dataset_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._delete(request, timeout, metadata, max_retries, idempotency_key)

    def describe(
        self,
        request: DescribeDatasetRequest | None = None,
        *,
        dataset_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> DescribeDatasetResponse:
        """Returns a dataset's attributes.

        Args:
            dataset_id: Dataset to return. (required)
        """
        if request is None:
            request = _build(DescribeDatasetRequest, {"dataset_id": dataset_id})
        elif _any_set(
            dataset_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._describe(request, timeout, metadata, max_retries, idempotency_key)

    def finish_multipart_upload_draft(
        self,
        request: FinishMultipartUploadDraftRequest | None = None,
        *,
        dataset_id: str | None = None,
        uploaded_parts: Iterable[UploadedPartInfo | UploadedPartInfoParams] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> FinishMultipartUploadDraftResponse:
        """Completes a multipart upload once every part has been sent.

        Args:
            dataset_id: Draft dataset being uploaded. (required)
            uploaded_parts: Every uploaded part with the ETag S3 returned for it.
        """
        if request is None:
            request = _build(
                FinishMultipartUploadDraftRequest,
                {"dataset_id": dataset_id, "uploaded_parts": uploaded_parts},
            )
        elif _any_set(
            dataset_id,
            uploaded_parts,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._finish_multipart_upload_draft(
            request, timeout, metadata, max_retries, idempotency_key
        )

    def get_download_urls(
        self,
        request: GetDownloadUrlsRequest | None = None,
        *,
        dataset_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> GetDownloadUrlsResponse:
        """Returns temporary links to download the dataset's stored parts.

        Args:
            dataset_id: Dataset to download. (required)
        """
        if request is None:
            request = _build(GetDownloadUrlsRequest, {"dataset_id": dataset_id})
        elif _any_set(
            dataset_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._get_download_urls(request, timeout, metadata, max_retries, idempotency_key)

    def get_preview(
        self,
        request: GetDatasetPreviewRequest | None = None,
        *,
        dataset_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> GetDatasetPreviewResponse:
        """Returns a few records of a dataset as text lines, for a quick look.

        Args:
            dataset_id: Dataset to preview. (required)
        """
        if request is None:
            request = _build(GetDatasetPreviewRequest, {"dataset_id": dataset_id})
        elif _any_set(
            dataset_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._get_preview(request, timeout, metadata, max_retries, idempotency_key)

    def get_upload_draft_url(
        self,
        request: GetUploadDraftUrlRequest | None = None,
        *,
        dataset_id: str | None = None,
        size_bytes: int | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> GetUploadDraftUrlResponse:
        """Returns one presigned S3 URL to upload a draft's data with a single PUT; for data up
        to 5 GB.

        Args:
            dataset_id: Draft dataset to upload into. (required)
            size_bytes: Exact size of the data that will be uploaded, in bytes. (value >0)
        """
        if request is None:
            request = _build(
                GetUploadDraftUrlRequest, {"dataset_id": dataset_id, "size_bytes": size_bytes}
            )
        elif _any_set(
            dataset_id,
            size_bytes,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._get_upload_draft_url(request, timeout, metadata, max_retries, idempotency_key)

    def list(
        self,
        request: ListDatasetsRequest | None = None,
        *,
        folder_id: str | None = None,
        status: Iterable[DatasetInfo.Status | str] | None = None,
        dataset_name_pattern: str | None = None,
        task_type_filter: Iterable[str] | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        dataset_ids: Iterable[str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListDatasetsResponse:
        """Returns the datasets of a folder, filtered and a page at a time.

        Args:
            folder_id: Folder whose datasets to list. (required)
            status: Only datasets in one of these stages. (each one of `STATUS_UNSPECIFIED`,
                `DRAFT`, `VALIDATING`, `READY`, `INVALID`, `DELETING`)
            dataset_name_pattern: Only datasets whose name contains this text.
            task_type_filter: Only datasets of one of these task types.
            page_size: Most datasets to return in one page; 100 when 0.
            page_token: `next_page_token` of the previous page; empty for the first page.
            dataset_ids: Only datasets with one of these IDs.
        """
        if request is None:
            request = _build(
                ListDatasetsRequest,
                {
                    "folder_id": folder_id,
                    "status": status,
                    "dataset_name_pattern": dataset_name_pattern,
                    "task_type_filter": task_type_filter,
                    "page_size": page_size,
                    "page_token": page_token,
                    "dataset_ids": dataset_ids,
                },
            )
        elif _any_set(
            folder_id,
            status,
            dataset_name_pattern,
            task_type_filter,
            page_size,
            page_token,
            dataset_ids,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._list(request, timeout, metadata, max_retries, idempotency_key)

    def list_all(
        self,
        request: ListDatasetsRequest | None = None,
        *,
        folder_id: str | None = None,
        status: Iterable[DatasetInfo.Status | str] | None = None,
        dataset_name_pattern: str | None = None,
        task_type_filter: Iterable[str] | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        dataset_ids: Iterable[str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
    ) -> Pager[ListDatasetsResponse, DatasetInfo]:
        """Every `DatasetInfo` that `list` returns, across pages: iterating calls `list` again
        with each response's `next_page_token` as `page_token` when the items so far run
        out; `.pages()` yields the responses.

        Takes the arguments of `list`; `timeout` applies to each page.
        """
        if request is None:
            request = _build(
                ListDatasetsRequest,
                {
                    "folder_id": folder_id,
                    "status": status,
                    "dataset_name_pattern": dataset_name_pattern,
                    "task_type_filter": task_type_filter,
                    "page_size": page_size,
                    "page_token": page_token,
                    "dataset_ids": dataset_ids,
                },
            )
        elif _any_set(
            folder_id,
            status,
            dataset_name_pattern,
            task_type_filter,
            page_size,
            page_token,
            dataset_ids,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return Pager(
            self._list,
            request,
            lambda page: page.datasets,
            timeout,
            metadata,
            max_retries,
        )

    def list_operations_ids(
        self,
        request: ListOperationsIdsRequest | None = None,
        *,
        dataset_id: Iterable[str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListOperationsIdsResponse:
        """Maps each given dataset to the ID of the operation that belongs to it.

        Args:
            dataset_id: Datasets to look up.
        """
        if request is None:
            request = _build(ListOperationsIdsRequest, {"dataset_id": dataset_id})
        elif _any_set(
            dataset_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        return self._list_operations_ids(request, timeout, metadata, max_retries, idempotency_key)

    def list_types(
        self,
        request: ListTypesRequest | None = None,
        *,
        folder_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListTypesResponse:
        """Lists the task types a dataset can be created for.

        Args:
            folder_id: Folder whose private task types are included; with no folder only
                public task types are returned.
        """
        if request is None:
            request = _build(ListTypesRequest, {"folder_id": folder_id})
        elif _any_set(
            folder_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        return self._list_types(request, timeout, metadata, max_retries, idempotency_key)

    def list_upload_formats(
        self,
        request: ListUploadFormatsRequest | None = None,
        *,
        task_type: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListUploadFormatsResponse:
        """Lists upload formats of a task type. Deprecated: `ListUploadSchemas` returns the
        formats together with their schemas.

        Args:
            task_type: Task type whose formats to list. (required)

        Deprecated.
        """
        if request is None:
            request = _build(ListUploadFormatsRequest, {"task_type": task_type})
        elif _any_set(
            task_type,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._list_upload_formats(request, timeout, metadata, max_retries, idempotency_key)

    def list_upload_schemas(
        self,
        request: ListUploadSchemasRequest | None = None,
        *,
        task_type: str | None = None,
        folder_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListUploadSchemasResponse:
        """Lists the upload formats of a task type with the record schema of each.

        Args:
            task_type: Task type whose schemas to list. (required)
            folder_id: Folder whose private task types are also searched; with no folder
                only public task types are found.
        """
        if request is None:
            request = _build(
                ListUploadSchemasRequest, {"task_type": task_type, "folder_id": folder_id}
            )
        elif _any_set(
            task_type,
            folder_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._list_upload_schemas(request, timeout, metadata, max_retries, idempotency_key)

    def start_multipart_upload_draft(
        self,
        request: StartMultipartUploadDraftRequest | None = None,
        *,
        dataset_id: str | None = None,
        size_bytes: int | None = None,
        parts: int | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> StartMultipartUploadDraftResponse:
        """Starts an S3 multipart upload of a draft's data and returns one presigned URL per
        part; use it for large data.

        Args:
            dataset_id: Draft dataset to upload into. (required)
            size_bytes: Exact size of the data that will be uploaded, in bytes. (value >0)
            parts: How many parts to split the data into. Each part must be between 5 MB and
                5 GB; the service chooses when 0.
        """
        if request is None:
            request = _build(
                StartMultipartUploadDraftRequest,
                {"dataset_id": dataset_id, "size_bytes": size_bytes, "parts": parts},
            )
        elif _any_set(
            dataset_id,
            size_bytes,
            parts,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._start_multipart_upload_draft(
            request, timeout, metadata, max_retries, idempotency_key
        )

    def update(
        self,
        request: UpdateDatasetRequest | None = None,
        *,
        dataset_id: str | None = None,
        update_mask: FieldMask | None = None,
        name: str | None = None,
        description: str | None = None,
        labels: Mapping[str, str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> UpdateDatasetResponse:
        """Changes a dataset's name, description or labels.

        Args:
            dataset_id: Dataset to change. (required)
            update_mask: Names of the fields below to overwrite.
            name: New display name.
            description: New description.
            labels: New labels; they replace all existing ones.
        """
        if request is None:
            request = _build(
                UpdateDatasetRequest,
                {
                    "dataset_id": dataset_id,
                    "update_mask": update_mask,
                    "name": name,
                    "description": description,
                    "labels": labels,
                },
            )
        elif _any_set(
            dataset_id,
            update_mask,
            name,
            description,
            labels,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._update(request, timeout, metadata, max_retries, idempotency_key)

    def validate(
        self,
        request: ValidateDatasetRequest | None = None,
        *,
        dataset_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[ValidateDatasetResponse, ValidateDatasetMetadata]:
        """Checks uploaded data against the dataset's task type and upload format. Returns an
        operation that reports rows checked so far; a dataset that passes becomes `READY`.

        Args:
            dataset_id: Dataset to check. (required)

        Starts a long-running operation: `wait()` on the returned handle gives
        `ValidateDatasetResponse`.
        """
        if request is None:
            request = _build(ValidateDatasetRequest, {"dataset_id": dataset_id})
        elif _any_set(
            dataset_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = self._validate(request, timeout, metadata, max_retries, idempotency_key)
        return Operation(operation, ValidateDatasetResponse, ValidateDatasetMetadata, self._poller)


class AsyncDatasetService:
    """Creates, uploads, validates and manages datasets. The usual flow: Create a draft, upload
    the data through a presigned URL, then Validate. gRPC only; there is no REST mapping.
    """

    def __init__(
        self,
        transport: AsyncTransport,
        poller: AsyncPoller | None = None,
    ) -> None:
        self._poller = poller
        self._create = transport.unary(CREATE)
        self._delete = transport.unary(DELETE)
        self._describe = transport.unary(DESCRIBE)
        self._finish_multipart_upload_draft = transport.unary(FINISH_MULTIPART_UPLOAD_DRAFT)
        self._get_download_urls = transport.unary(GET_DOWNLOAD_URLS)
        self._get_preview = transport.unary(GET_PREVIEW)
        self._get_upload_draft_url = transport.unary(GET_UPLOAD_DRAFT_URL)
        self._list = transport.unary(LIST)
        self._list_operations_ids = transport.unary(LIST_OPERATIONS_IDS)
        self._list_types = transport.unary(LIST_TYPES)
        self._list_upload_formats = transport.unary(LIST_UPLOAD_FORMATS)
        self._list_upload_schemas = transport.unary(LIST_UPLOAD_SCHEMAS)
        self._start_multipart_upload_draft = transport.unary(START_MULTIPART_UPLOAD_DRAFT)
        self._update = transport.unary(UPDATE)
        self._validate = transport.unary(VALIDATE)

    async def create(
        self,
        request: CreateDatasetRequest | None = None,
        *,
        name: str | None = None,
        folder_id: str | None = None,
        description: str | None = None,
        metadata_: str | None = None,
        task_type: str | None = None,
        labels: Mapping[str, str] | None = None,
        upload_format: str | None = None,
        allow_data_log: bool | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> CreateDatasetResponse:
        """Creates an empty dataset in the `DRAFT` stage, ready for upload.

        Args:
            name: Display name, up to 63 characters. (required; length <=63)
            folder_id: Folder to create the dataset in. (required; length <=50)
            description: Free-form description.
            metadata_: Free-form metadata string.
            task_type: Kind of task the records are for; see `ListTypes`. (required; length
                <=50)
            labels: User-defined key-value labels.
            upload_format: Layout of the data to be uploaded; `ListUploadSchemas` lists the
                formats a task type accepts. (required; length <=50)
            allow_data_log: Whether the service may use the data to improve its models; off
                unless set.
        """
        if request is None:
            request = _build(
                CreateDatasetRequest,
                {
                    "name": name,
                    "folder_id": folder_id,
                    "description": description,
                    "metadata": metadata_,
                    "task_type": task_type,
                    "labels": labels,
                    "upload_format": upload_format,
                    "allow_data_log": allow_data_log,
                },
            )
        elif _any_set(
            name,
            folder_id,
            description,
            metadata_,
            task_type,
            labels,
            upload_format,
            allow_data_log,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._create(request, timeout, metadata, max_retries, idempotency_key)

    async def delete(
        self,
        request: DeleteDatasetRequest | None = None,
        *,
        dataset_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> DeleteDatasetResponse:
        """Removes a dataset and its data.

        Args:
            dataset_id: Dataset to remove. (required)
        """
        if request is None:
            request = _build(DeleteDatasetRequest, {"dataset_id": dataset_id})
        elif _any_set(
            dataset_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._delete(request, timeout, metadata, max_retries, idempotency_key)

    async def describe(
        self,
        request: DescribeDatasetRequest | None = None,
        *,
        dataset_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> DescribeDatasetResponse:
        """Returns a dataset's attributes.

        Args:
            dataset_id: Dataset to return. (required)
        """
        if request is None:
            request = _build(DescribeDatasetRequest, {"dataset_id": dataset_id})
        elif _any_set(
            dataset_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._describe(request, timeout, metadata, max_retries, idempotency_key)

    async def finish_multipart_upload_draft(
        self,
        request: FinishMultipartUploadDraftRequest | None = None,
        *,
        dataset_id: str | None = None,
        uploaded_parts: Iterable[UploadedPartInfo | UploadedPartInfoParams] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> FinishMultipartUploadDraftResponse:
        """Completes a multipart upload once every part has been sent.

        Args:
            dataset_id: Draft dataset being uploaded. (required)
            uploaded_parts: Every uploaded part with the ETag S3 returned for it.
        """
        if request is None:
            request = _build(
                FinishMultipartUploadDraftRequest,
                {"dataset_id": dataset_id, "uploaded_parts": uploaded_parts},
            )
        elif _any_set(
            dataset_id,
            uploaded_parts,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._finish_multipart_upload_draft(
            request, timeout, metadata, max_retries, idempotency_key
        )

    async def get_download_urls(
        self,
        request: GetDownloadUrlsRequest | None = None,
        *,
        dataset_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> GetDownloadUrlsResponse:
        """Returns temporary links to download the dataset's stored parts.

        Args:
            dataset_id: Dataset to download. (required)
        """
        if request is None:
            request = _build(GetDownloadUrlsRequest, {"dataset_id": dataset_id})
        elif _any_set(
            dataset_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._get_download_urls(
            request, timeout, metadata, max_retries, idempotency_key
        )

    async def get_preview(
        self,
        request: GetDatasetPreviewRequest | None = None,
        *,
        dataset_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> GetDatasetPreviewResponse:
        """Returns a few records of a dataset as text lines, for a quick look.

        Args:
            dataset_id: Dataset to preview. (required)
        """
        if request is None:
            request = _build(GetDatasetPreviewRequest, {"dataset_id": dataset_id})
        elif _any_set(
            dataset_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._get_preview(request, timeout, metadata, max_retries, idempotency_key)

    async def get_upload_draft_url(
        self,
        request: GetUploadDraftUrlRequest | None = None,
        *,
        dataset_id: str | None = None,
        size_bytes: int | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> GetUploadDraftUrlResponse:
        """Returns one presigned S3 URL to upload a draft's data with a single PUT; for data up
        to 5 GB.

        Args:
            dataset_id: Draft dataset to upload into. (required)
            size_bytes: Exact size of the data that will be uploaded, in bytes. (value >0)
        """
        if request is None:
            request = _build(
                GetUploadDraftUrlRequest, {"dataset_id": dataset_id, "size_bytes": size_bytes}
            )
        elif _any_set(
            dataset_id,
            size_bytes,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._get_upload_draft_url(
            request, timeout, metadata, max_retries, idempotency_key
        )

    async def list(
        self,
        request: ListDatasetsRequest | None = None,
        *,
        folder_id: str | None = None,
        status: Iterable[DatasetInfo.Status | str] | None = None,
        dataset_name_pattern: str | None = None,
        task_type_filter: Iterable[str] | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        dataset_ids: Iterable[str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListDatasetsResponse:
        """Returns the datasets of a folder, filtered and a page at a time.

        Args:
            folder_id: Folder whose datasets to list. (required)
            status: Only datasets in one of these stages. (each one of `STATUS_UNSPECIFIED`,
                `DRAFT`, `VALIDATING`, `READY`, `INVALID`, `DELETING`)
            dataset_name_pattern: Only datasets whose name contains this text.
            task_type_filter: Only datasets of one of these task types.
            page_size: Most datasets to return in one page; 100 when 0.
            page_token: `next_page_token` of the previous page; empty for the first page.
            dataset_ids: Only datasets with one of these IDs.
        """
        if request is None:
            request = _build(
                ListDatasetsRequest,
                {
                    "folder_id": folder_id,
                    "status": status,
                    "dataset_name_pattern": dataset_name_pattern,
                    "task_type_filter": task_type_filter,
                    "page_size": page_size,
                    "page_token": page_token,
                    "dataset_ids": dataset_ids,
                },
            )
        elif _any_set(
            folder_id,
            status,
            dataset_name_pattern,
            task_type_filter,
            page_size,
            page_token,
            dataset_ids,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._list(request, timeout, metadata, max_retries, idempotency_key)

    def list_all(
        self,
        request: ListDatasetsRequest | None = None,
        *,
        folder_id: str | None = None,
        status: Iterable[DatasetInfo.Status | str] | None = None,
        dataset_name_pattern: str | None = None,
        task_type_filter: Iterable[str] | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        dataset_ids: Iterable[str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
    ) -> AsyncPager[ListDatasetsResponse, DatasetInfo]:
        """Every `DatasetInfo` that `list` returns, across pages: iterating calls `list` again
        with each response's `next_page_token` as `page_token` when the items so far run
        out; `.pages()` yields the responses.

        Takes the arguments of `list`; `timeout` applies to each page.
        """
        if request is None:
            request = _build(
                ListDatasetsRequest,
                {
                    "folder_id": folder_id,
                    "status": status,
                    "dataset_name_pattern": dataset_name_pattern,
                    "task_type_filter": task_type_filter,
                    "page_size": page_size,
                    "page_token": page_token,
                    "dataset_ids": dataset_ids,
                },
            )
        elif _any_set(
            folder_id,
            status,
            dataset_name_pattern,
            task_type_filter,
            page_size,
            page_token,
            dataset_ids,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return AsyncPager(
            self._list,
            request,
            lambda page: page.datasets,
            timeout,
            metadata,
            max_retries,
        )

    async def list_operations_ids(
        self,
        request: ListOperationsIdsRequest | None = None,
        *,
        dataset_id: Iterable[str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListOperationsIdsResponse:
        """Maps each given dataset to the ID of the operation that belongs to it.

        Args:
            dataset_id: Datasets to look up.
        """
        if request is None:
            request = _build(ListOperationsIdsRequest, {"dataset_id": dataset_id})
        elif _any_set(
            dataset_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        return await self._list_operations_ids(
            request, timeout, metadata, max_retries, idempotency_key
        )

    async def list_types(
        self,
        request: ListTypesRequest | None = None,
        *,
        folder_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListTypesResponse:
        """Lists the task types a dataset can be created for.

        Args:
            folder_id: Folder whose private task types are included; with no folder only
                public task types are returned.
        """
        if request is None:
            request = _build(ListTypesRequest, {"folder_id": folder_id})
        elif _any_set(
            folder_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        return await self._list_types(request, timeout, metadata, max_retries, idempotency_key)

    async def list_upload_formats(
        self,
        request: ListUploadFormatsRequest | None = None,
        *,
        task_type: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListUploadFormatsResponse:
        """Lists upload formats of a task type. Deprecated: `ListUploadSchemas` returns the
        formats together with their schemas.

        Args:
            task_type: Task type whose formats to list. (required)

        Deprecated.
        """
        if request is None:
            request = _build(ListUploadFormatsRequest, {"task_type": task_type})
        elif _any_set(
            task_type,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._list_upload_formats(
            request, timeout, metadata, max_retries, idempotency_key
        )

    async def list_upload_schemas(
        self,
        request: ListUploadSchemasRequest | None = None,
        *,
        task_type: str | None = None,
        folder_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListUploadSchemasResponse:
        """Lists the upload formats of a task type with the record schema of each.

        Args:
            task_type: Task type whose schemas to list. (required)
            folder_id: Folder whose private task types are also searched; with no folder
                only public task types are found.
        """
        if request is None:
            request = _build(
                ListUploadSchemasRequest, {"task_type": task_type, "folder_id": folder_id}
            )
        elif _any_set(
            task_type,
            folder_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._list_upload_schemas(
            request, timeout, metadata, max_retries, idempotency_key
        )

    async def start_multipart_upload_draft(
        self,
        request: StartMultipartUploadDraftRequest | None = None,
        *,
        dataset_id: str | None = None,
        size_bytes: int | None = None,
        parts: int | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> StartMultipartUploadDraftResponse:
        """Starts an S3 multipart upload of a draft's data and returns one presigned URL per
        part; use it for large data.

        Args:
            dataset_id: Draft dataset to upload into. (required)
            size_bytes: Exact size of the data that will be uploaded, in bytes. (value >0)
            parts: How many parts to split the data into. Each part must be between 5 MB and
                5 GB; the service chooses when 0.
        """
        if request is None:
            request = _build(
                StartMultipartUploadDraftRequest,
                {"dataset_id": dataset_id, "size_bytes": size_bytes, "parts": parts},
            )
        elif _any_set(
            dataset_id,
            size_bytes,
            parts,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._start_multipart_upload_draft(
            request, timeout, metadata, max_retries, idempotency_key
        )

    async def update(
        self,
        request: UpdateDatasetRequest | None = None,
        *,
        dataset_id: str | None = None,
        update_mask: FieldMask | None = None,
        name: str | None = None,
        description: str | None = None,
        labels: Mapping[str, str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> UpdateDatasetResponse:
        """Changes a dataset's name, description or labels.

        Args:
            dataset_id: Dataset to change. (required)
            update_mask: Names of the fields below to overwrite.
            name: New display name.
            description: New description.
            labels: New labels; they replace all existing ones.
        """
        if request is None:
            request = _build(
                UpdateDatasetRequest,
                {
                    "dataset_id": dataset_id,
                    "update_mask": update_mask,
                    "name": name,
                    "description": description,
                    "labels": labels,
                },
            )
        elif _any_set(
            dataset_id,
            update_mask,
            name,
            description,
            labels,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._update(request, timeout, metadata, max_retries, idempotency_key)

    async def validate(
        self,
        request: ValidateDatasetRequest | None = None,
        *,
        dataset_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> AsyncOperation[ValidateDatasetResponse, ValidateDatasetMetadata]:
        """Checks uploaded data against the dataset's task type and upload format. Returns an
        operation that reports rows checked so far; a dataset that passes becomes `READY`.

        Args:
            dataset_id: Dataset to check. (required)

        Starts a long-running operation: `wait()` on the returned handle gives
        `ValidateDatasetResponse`.
        """
        if request is None:
            request = _build(ValidateDatasetRequest, {"dataset_id": dataset_id})
        elif _any_set(
            dataset_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = await self._validate(request, timeout, metadata, max_retries, idempotency_key)
        return AsyncOperation(
            operation, ValidateDatasetResponse, ValidateDatasetMetadata, self._poller
        )
