# mypy: ignore-errors
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from ai_studio.native._pb.yandex.cloud.ai.dataset.v1 import dataset_pb2 as _dataset_pb2
from ai_studio.native._pb.yandex.cloud.api import operation_pb2 as _operation_pb2
from ai_studio.native._pb.yandex.cloud.operation import operation_pb2 as _operation_pb2_1
from ai_studio.native._pb.yandex.cloud import validation_pb2 as _validation_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DescribeDatasetRequest(_message.Message):
    __slots__ = ("dataset_id",)
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    def __init__(self, dataset_id: _Optional[str] = ...) -> None: ...

class DescribeDatasetResponse(_message.Message):
    __slots__ = ("dataset",)
    DATASET_FIELD_NUMBER: _ClassVar[int]
    dataset: _dataset_pb2.DatasetInfo
    def __init__(self, dataset: _Optional[_Union[_dataset_pb2.DatasetInfo, _Mapping]] = ...) -> None: ...

class ValidateDatasetRequest(_message.Message):
    __slots__ = ("dataset_id",)
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    def __init__(self, dataset_id: _Optional[str] = ...) -> None: ...

class ValidateDatasetMetadata(_message.Message):
    __slots__ = ("dataset_id", "valid_rows", "processed_rows", "total_rows")
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    VALID_ROWS_FIELD_NUMBER: _ClassVar[int]
    PROCESSED_ROWS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ROWS_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    valid_rows: int
    processed_rows: int
    total_rows: int
    def __init__(self, dataset_id: _Optional[str] = ..., valid_rows: _Optional[int] = ..., processed_rows: _Optional[int] = ..., total_rows: _Optional[int] = ...) -> None: ...

class ValidateDatasetResponse(_message.Message):
    __slots__ = ("dataset_id", "is_valid", "errors")
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    IS_VALID_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    is_valid: bool
    errors: _containers.RepeatedCompositeFieldContainer[_dataset_pb2.ValidationError]
    def __init__(self, dataset_id: _Optional[str] = ..., is_valid: _Optional[bool] = ..., errors: _Optional[_Iterable[_Union[_dataset_pb2.ValidationError, _Mapping]]] = ...) -> None: ...

class DeleteDatasetRequest(_message.Message):
    __slots__ = ("dataset_id",)
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    def __init__(self, dataset_id: _Optional[str] = ...) -> None: ...

class DeleteDatasetResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class CreateDatasetRequest(_message.Message):
    __slots__ = ("name", "folder_id", "description", "metadata", "task_type", "labels", "upload_format", "allow_data_log")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_FORMAT_FIELD_NUMBER: _ClassVar[int]
    ALLOW_DATA_LOG_FIELD_NUMBER: _ClassVar[int]
    name: str
    folder_id: str
    description: str
    metadata: str
    task_type: str
    labels: _containers.ScalarMap[str, str]
    upload_format: str
    allow_data_log: bool
    def __init__(self, name: _Optional[str] = ..., folder_id: _Optional[str] = ..., description: _Optional[str] = ..., metadata: _Optional[str] = ..., task_type: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., upload_format: _Optional[str] = ..., allow_data_log: _Optional[bool] = ...) -> None: ...

class CreateDatasetResponse(_message.Message):
    __slots__ = ("dataset_id", "dataset")
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    DATASET_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    dataset: _dataset_pb2.DatasetInfo
    def __init__(self, dataset_id: _Optional[str] = ..., dataset: _Optional[_Union[_dataset_pb2.DatasetInfo, _Mapping]] = ...) -> None: ...

class UpdateDatasetRequest(_message.Message):
    __slots__ = ("dataset_id", "update_mask", "name", "description", "labels")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    update_mask: _field_mask_pb2.FieldMask
    name: str
    description: str
    labels: _containers.ScalarMap[str, str]
    def __init__(self, dataset_id: _Optional[str] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ...) -> None: ...

class UpdateDatasetResponse(_message.Message):
    __slots__ = ("dataset",)
    DATASET_FIELD_NUMBER: _ClassVar[int]
    dataset: _dataset_pb2.DatasetInfo
    def __init__(self, dataset: _Optional[_Union[_dataset_pb2.DatasetInfo, _Mapping]] = ...) -> None: ...

class GetUploadDraftUrlRequest(_message.Message):
    __slots__ = ("dataset_id", "size_bytes")
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    size_bytes: int
    def __init__(self, dataset_id: _Optional[str] = ..., size_bytes: _Optional[int] = ...) -> None: ...

class GetUploadDraftUrlResponse(_message.Message):
    __slots__ = ("dataset_id", "upload_url")
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_URL_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    upload_url: str
    def __init__(self, dataset_id: _Optional[str] = ..., upload_url: _Optional[str] = ...) -> None: ...

class StartMultipartUploadDraftRequest(_message.Message):
    __slots__ = ("dataset_id", "size_bytes", "parts")
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    PARTS_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    size_bytes: int
    parts: int
    def __init__(self, dataset_id: _Optional[str] = ..., size_bytes: _Optional[int] = ..., parts: _Optional[int] = ...) -> None: ...

class StartMultipartUploadDraftResponse(_message.Message):
    __slots__ = ("dataset_id", "multipart_upload_urls")
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    MULTIPART_UPLOAD_URLS_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    multipart_upload_urls: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, dataset_id: _Optional[str] = ..., multipart_upload_urls: _Optional[_Iterable[str]] = ...) -> None: ...

class UploadedPartInfo(_message.Message):
    __slots__ = ("part_num", "etag")
    PART_NUM_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    part_num: int
    etag: str
    def __init__(self, part_num: _Optional[int] = ..., etag: _Optional[str] = ...) -> None: ...

class FinishMultipartUploadDraftRequest(_message.Message):
    __slots__ = ("dataset_id", "uploaded_parts")
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    UPLOADED_PARTS_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    uploaded_parts: _containers.RepeatedCompositeFieldContainer[UploadedPartInfo]
    def __init__(self, dataset_id: _Optional[str] = ..., uploaded_parts: _Optional[_Iterable[_Union[UploadedPartInfo, _Mapping]]] = ...) -> None: ...

class FinishMultipartUploadDraftResponse(_message.Message):
    __slots__ = ("dataset_id",)
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    def __init__(self, dataset_id: _Optional[str] = ...) -> None: ...

class GetDownloadUrlsRequest(_message.Message):
    __slots__ = ("dataset_id",)
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    def __init__(self, dataset_id: _Optional[str] = ...) -> None: ...

class GetDownloadUrlsResponse(_message.Message):
    __slots__ = ("dataset_id", "download_urls")
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    DOWNLOAD_URLS_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    download_urls: _containers.RepeatedCompositeFieldContainer[_dataset_pb2.DatasetFileDownloadUrl]
    def __init__(self, dataset_id: _Optional[str] = ..., download_urls: _Optional[_Iterable[_Union[_dataset_pb2.DatasetFileDownloadUrl, _Mapping]]] = ...) -> None: ...

class ListDatasetsRequest(_message.Message):
    __slots__ = ("folder_id", "status", "dataset_name_pattern", "task_type_filter", "page_size", "page_token", "dataset_ids")
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DATASET_NAME_PATTERN_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FILTER_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    DATASET_IDS_FIELD_NUMBER: _ClassVar[int]
    folder_id: str
    status: _containers.RepeatedScalarFieldContainer[_dataset_pb2.DatasetInfo.Status]
    dataset_name_pattern: str
    task_type_filter: _containers.RepeatedScalarFieldContainer[str]
    page_size: int
    page_token: str
    dataset_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, folder_id: _Optional[str] = ..., status: _Optional[_Iterable[_Union[_dataset_pb2.DatasetInfo.Status, str]]] = ..., dataset_name_pattern: _Optional[str] = ..., task_type_filter: _Optional[_Iterable[str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., dataset_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ListDatasetsResponse(_message.Message):
    __slots__ = ("datasets", "next_page_token")
    DATASETS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    datasets: _containers.RepeatedCompositeFieldContainer[_dataset_pb2.DatasetInfo]
    next_page_token: str
    def __init__(self, datasets: _Optional[_Iterable[_Union[_dataset_pb2.DatasetInfo, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListUploadFormatsRequest(_message.Message):
    __slots__ = ("task_type",)
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    task_type: str
    def __init__(self, task_type: _Optional[str] = ...) -> None: ...

class ListUploadFormatsResponse(_message.Message):
    __slots__ = ("formats",)
    FORMATS_FIELD_NUMBER: _ClassVar[int]
    formats: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, formats: _Optional[_Iterable[str]] = ...) -> None: ...

class ListUploadSchemasRequest(_message.Message):
    __slots__ = ("task_type", "folder_id")
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    task_type: str
    folder_id: str
    def __init__(self, task_type: _Optional[str] = ..., folder_id: _Optional[str] = ...) -> None: ...

class ListUploadSchemasResponse(_message.Message):
    __slots__ = ("schemas",)
    SCHEMAS_FIELD_NUMBER: _ClassVar[int]
    schemas: _containers.RepeatedCompositeFieldContainer[_dataset_pb2.DatasetUploadSchema]
    def __init__(self, schemas: _Optional[_Iterable[_Union[_dataset_pb2.DatasetUploadSchema, _Mapping]]] = ...) -> None: ...

class ListTypesRequest(_message.Message):
    __slots__ = ("folder_id",)
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    folder_id: str
    def __init__(self, folder_id: _Optional[str] = ...) -> None: ...

class ListTypesResponse(_message.Message):
    __slots__ = ("types",)
    TYPES_FIELD_NUMBER: _ClassVar[int]
    types: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, types: _Optional[_Iterable[str]] = ...) -> None: ...

class GetDatasetPreviewRequest(_message.Message):
    __slots__ = ("dataset_id",)
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    def __init__(self, dataset_id: _Optional[str] = ...) -> None: ...

class GetDatasetPreviewResponse(_message.Message):
    __slots__ = ("dataset_id", "preview_lines")
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    PREVIEW_LINES_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    preview_lines: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, dataset_id: _Optional[str] = ..., preview_lines: _Optional[_Iterable[str]] = ...) -> None: ...

class ListOperationsIdsRequest(_message.Message):
    __slots__ = ("dataset_id",)
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    dataset_id: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, dataset_id: _Optional[_Iterable[str]] = ...) -> None: ...

class ListOperationsIdsResponse(_message.Message):
    __slots__ = ("dataset_id_to_operation_id",)
    class DatasetIdToOperationIdEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DATASET_ID_TO_OPERATION_ID_FIELD_NUMBER: _ClassVar[int]
    dataset_id_to_operation_id: _containers.ScalarMap[str, str]
    def __init__(self, dataset_id_to_operation_id: _Optional[_Mapping[str, str]] = ...) -> None: ...
