"""`yandex.cloud.ai.files.v1`: services, and the messages they take."""

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
from ._file_service import AsyncFileService, FileService

__all__ = [
    "AsyncFileService",
    "CreateFileRequest",
    "DeleteFileRequest",
    "DeleteFileResponse",
    "ExpirationConfig",
    "File",
    "FileService",
    "GetFileRequest",
    "GetFileUrlRequest",
    "GetFileUrlResponse",
    "ListFilesRequest",
    "ListFilesResponse",
    "UpdateFileRequest",
]
