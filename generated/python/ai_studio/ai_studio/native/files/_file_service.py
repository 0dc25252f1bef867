"""The `yandex.cloud.ai.files.v1.FileService` service."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from google.protobuf.field_mask_pb2 import FieldMask

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
from .._pb.yandex.cloud.ai.common.common_pb2 import ExpirationConfig
from .._pb.yandex.cloud.ai.files.v1.file_pb2 import File
from .._pb.yandex.cloud.ai.files.v1.file_service_pb2 import (
    CreateFileRequest,
    DeleteFileRequest,
    DeleteFileResponse,
    GetFileRequest,
    GetFileUrlRequest,
    GetFileUrlResponse,
    ListFilesRequest,
    ListFilesResponse,
    UpdateFileRequest,
)
from .._rules import check as _check

if TYPE_CHECKING:
    from ..params import ExpirationConfigParams

CREATE = Method(
    "/yandex.cloud.ai.files.v1.FileService/Create",
    CreateFileRequest,
    File,
    package="yandex.cloud.ai.files.v1",
    http=(HttpRule("POST", "/files/v1/files", body="*"),),
)
DELETE = Method(
    "/yandex.cloud.ai.files.v1.FileService/Delete",
    DeleteFileRequest,
    DeleteFileResponse,
    package="yandex.cloud.ai.files.v1",
    http=(HttpRule("DELETE", "/files/v1/files/{file_id}"),),
)
GET = Method(
    "/yandex.cloud.ai.files.v1.FileService/Get",
    GetFileRequest,
    File,
    package="yandex.cloud.ai.files.v1",
    http=(HttpRule("GET", "/files/v1/files/{file_id}"),),
    idempotent=True,
)
GET_URL = Method(
    "/yandex.cloud.ai.files.v1.FileService/GetUrl",
    GetFileUrlRequest,
    GetFileUrlResponse,
    package="yandex.cloud.ai.files.v1",
    http=(HttpRule("GET", "/files/v1/files:getUrl"),),
    idempotent=True,
)
LIST = Method(
    "/yandex.cloud.ai.files.v1.FileService/List",
    ListFilesRequest,
    ListFilesResponse,
    package="yandex.cloud.ai.files.v1",
    http=(HttpRule("GET", "/files/v1/files"),),
    idempotent=True,
)
UPDATE = Method(
    "/yandex.cloud.ai.files.v1.FileService/Update",
    UpdateFileRequest,
    File,
    package="yandex.cloud.ai.files.v1",
    http=(HttpRule("PATCH", "/files/v1/files/{file_id}", body="*"),),
)


class FileService:
    """Uploads, inspects, changes and removes stored files."""

    def __init__(
        self,
        transport: Transport,
        poller: Poller | None = None,
    ) -> None:
        self._create = transport.unary(CREATE)
        self._delete = transport.unary(DELETE)
        self._get = transport.unary(GET)
        self._get_url = transport.unary(GET_URL)
        self._list = transport.unary(LIST)
        self._update = transport.unary(UPDATE)

    def create(
        self,
        request: CreateFileRequest | None = None,
        *,
        folder_id: str | None = None,
        name: str | None = None,
        description: str | None = None,
        mime_type: str | None = None,
        content: bytes | None = None,
        labels: Mapping[str, str] | None = None,
        expiration_config: ExpirationConfig | ExpirationConfigParams | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> File:
        """Uploads a file; its contents travel inside the request.

        Args:
            folder_id: Folder to store the file in. (required)
            name: Display name.
            description: Free-form description.
            mime_type: Media type such as `application/pdf`; detected from the contents when
                left empty.
            content: The file's bytes (base64 in JSON). (required)
            labels: User-defined key-value labels.
            expiration_config: Rule for deleting the file automatically.
        """
        if request is None:
            request = _build(
                CreateFileRequest,
                {
                    "folder_id": folder_id,
                    "name": name,
                    "description": description,
                    "mime_type": mime_type,
                    "content": content,
                    "labels": labels,
                    "expiration_config": expiration_config,
                },
            )
        elif _any_set(
            folder_id,
            name,
            description,
            mime_type,
            content,
            labels,
            expiration_config,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._create(request, timeout, metadata, max_retries, idempotency_key)

    def delete(
        self,
        request: DeleteFileRequest | None = None,
        *,
        file_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> DeleteFileResponse:
        """Removes a file.

        Args:
            file_id: File to remove. (required)
        """
        if request is None:
            request = _build(DeleteFileRequest, {"file_id": file_id})
        elif _any_set(
            file_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._delete(request, timeout, metadata, max_retries, idempotency_key)

    def get(
        self,
        request: GetFileRequest | None = None,
        *,
        file_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> File:
        """Returns a file's attributes (not its contents).

        Args:
            file_id: File to return. (required)
        """
        if request is None:
            request = _build(GetFileRequest, {"file_id": file_id})
        elif _any_set(
            file_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._get(request, timeout, metadata, max_retries, idempotency_key)

    def get_url(
        self,
        request: GetFileUrlRequest | None = None,
        *,
        file_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> GetFileUrlResponse:
        """Returns a link to download the file's contents.

        Args:
            file_id: File to link to. (required)
        """
        if request is None:
            request = _build(GetFileUrlRequest, {"file_id": file_id})
        elif _any_set(
            file_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._get_url(request, timeout, metadata, max_retries, idempotency_key)

    def list(
        self,
        request: ListFilesRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListFilesResponse:
        """Returns the files of a folder, a page at a time.

        Args:
            folder_id: Folder whose files to list. (required)
            page_size: Most files to return in one page; the server picks a default when 0.
            page_token: `next_page_token` of the previous page; empty for the first page.
        """
        if request is None:
            request = _build(
                ListFilesRequest,
                {"folder_id": folder_id, "page_size": page_size, "page_token": page_token},
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._list(request, timeout, metadata, max_retries, idempotency_key)

    def list_all(
        self,
        request: ListFilesRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
    ) -> Pager[ListFilesResponse, File]:
        """Every `File` that `list` returns, across pages: iterating calls `list` again with
        each response's `next_page_token` as `page_token` when the items so far run out;
        `.pages()` yields the responses.

        Takes the arguments of `list`; `timeout` applies to each page.
        """
        if request is None:
            request = _build(
                ListFilesRequest,
                {"folder_id": folder_id, "page_size": page_size, "page_token": page_token},
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return Pager(
            self._list,
            request,
            lambda page: page.files,
            timeout,
            metadata,
            max_retries,
        )

    def update(
        self,
        request: UpdateFileRequest | None = None,
        *,
        file_id: str | None = None,
        update_mask: FieldMask | None = None,
        name: str | None = None,
        description: str | None = None,
        expiration_config: ExpirationConfig | ExpirationConfigParams | None = None,
        labels: Mapping[str, str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> File:
        """Changes the attributes listed in `update_mask`.

        Args:
            file_id: File to change. (required)
            update_mask: Names of the fields below to overwrite; other fields are left
                alone. (required)
            name: New display name.
            description: New description.
            expiration_config: New rule for automatic deletion.
            labels: New labels; they replace all existing ones.
        """
        if request is None:
            request = _build(
                UpdateFileRequest,
                {
                    "file_id": file_id,
                    "update_mask": update_mask,
                    "name": name,
                    "description": description,
                    "expiration_config": expiration_config,
                    "labels": labels,
                },
            )
        elif _any_set(
            file_id,
            update_mask,
            name,
            description,
            expiration_config,
            labels,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._update(request, timeout, metadata, max_retries, idempotency_key)


class AsyncFileService:
    """Uploads, inspects, changes and removes stored files."""

    def __init__(
        self,
        transport: AsyncTransport,
        poller: AsyncPoller | None = None,
    ) -> None:
        self._create = transport.unary(CREATE)
        self._delete = transport.unary(DELETE)
        self._get = transport.unary(GET)
        self._get_url = transport.unary(GET_URL)
        self._list = transport.unary(LIST)
        self._update = transport.unary(UPDATE)

    async def create(
        self,
        request: CreateFileRequest | None = None,
        *,
        folder_id: str | None = None,
        name: str | None = None,
        description: str | None = None,
        mime_type: str | None = None,
        content: bytes | None = None,
        labels: Mapping[str, str] | None = None,
        expiration_config: ExpirationConfig | ExpirationConfigParams | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> File:
        """Uploads a file; its contents travel inside the request.

        Args:
            folder_id: Folder to store the file in. (required)
            name: Display name.
            description: Free-form description.
            mime_type: Media type such as `application/pdf`; detected from the contents when
                left empty.
            content: The file's bytes (base64 in JSON). (required)
            labels: User-defined key-value labels.
            expiration_config: Rule for deleting the file automatically.
        """
        if request is None:
            request = _build(
                CreateFileRequest,
                {
                    "folder_id": folder_id,
                    "name": name,
                    "description": description,
                    "mime_type": mime_type,
                    "content": content,
                    "labels": labels,
                    "expiration_config": expiration_config,
                },
            )
        elif _any_set(
            folder_id,
            name,
            description,
            mime_type,
            content,
            labels,
            expiration_config,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._create(request, timeout, metadata, max_retries, idempotency_key)

    async def delete(
        self,
        request: DeleteFileRequest | None = None,
        *,
        file_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> DeleteFileResponse:
        """Removes a file.

        Args:
            file_id: File to remove. (required)
        """
        if request is None:
            request = _build(DeleteFileRequest, {"file_id": file_id})
        elif _any_set(
            file_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._delete(request, timeout, metadata, max_retries, idempotency_key)

    async def get(
        self,
        request: GetFileRequest | None = None,
        *,
        file_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> File:
        """Returns a file's attributes (not its contents).

        Args:
            file_id: File to return. (required)
        """
        if request is None:
            request = _build(GetFileRequest, {"file_id": file_id})
        elif _any_set(
            file_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._get(request, timeout, metadata, max_retries, idempotency_key)

    async def get_url(
        self,
        request: GetFileUrlRequest | None = None,
        *,
        file_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> GetFileUrlResponse:
        """Returns a link to download the file's contents.

        Args:
            file_id: File to link to. (required)
        """
        if request is None:
            request = _build(GetFileUrlRequest, {"file_id": file_id})
        elif _any_set(
            file_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._get_url(request, timeout, metadata, max_retries, idempotency_key)

    async def list(
        self,
        request: ListFilesRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListFilesResponse:
        """Returns the files of a folder, a page at a time.

        Args:
            folder_id: Folder whose files to list. (required)
            page_size: Most files to return in one page; the server picks a default when 0.
            page_token: `next_page_token` of the previous page; empty for the first page.
        """
        if request is None:
            request = _build(
                ListFilesRequest,
                {"folder_id": folder_id, "page_size": page_size, "page_token": page_token},
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._list(request, timeout, metadata, max_retries, idempotency_key)

    def list_all(
        self,
        request: ListFilesRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
    ) -> AsyncPager[ListFilesResponse, File]:
        """Every `File` that `list` returns, across pages: iterating calls `list` again with
        each response's `next_page_token` as `page_token` when the items so far run out;
        `.pages()` yields the responses.

        Takes the arguments of `list`; `timeout` applies to each page.
        """
        if request is None:
            request = _build(
                ListFilesRequest,
                {"folder_id": folder_id, "page_size": page_size, "page_token": page_token},
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return AsyncPager(
            self._list,
            request,
            lambda page: page.files,
            timeout,
            metadata,
            max_retries,
        )

    async def update(
        self,
        request: UpdateFileRequest | None = None,
        *,
        file_id: str | None = None,
        update_mask: FieldMask | None = None,
        name: str | None = None,
        description: str | None = None,
        expiration_config: ExpirationConfig | ExpirationConfigParams | None = None,
        labels: Mapping[str, str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> File:
        """Changes the attributes listed in `update_mask`.

        Args:
            file_id: File to change. (required)
            update_mask: Names of the fields below to overwrite; other fields are left
                alone. (required)
            name: New display name.
            description: New description.
            expiration_config: New rule for automatic deletion.
            labels: New labels; they replace all existing ones.
        """
        if request is None:
            request = _build(
                UpdateFileRequest,
                {
                    "file_id": file_id,
                    "update_mask": update_mask,
                    "name": name,
                    "description": description,
                    "expiration_config": expiration_config,
                    "labels": labels,
                },
            )
        elif _any_set(
            file_id,
            update_mask,
            name,
            description,
            expiration_config,
            labels,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._update(request, timeout, metadata, max_retries, idempotency_key)
