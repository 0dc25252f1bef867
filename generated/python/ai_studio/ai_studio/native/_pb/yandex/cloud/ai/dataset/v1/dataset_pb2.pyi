# mypy: ignore-errors
import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DatasetInfo(_message.Message):
    __slots__ = ("dataset_id", "folder_id", "name", "description", "metadata", "status", "task_type", "created_at", "updated_at", "rows", "size_bytes", "created_by_id", "labels", "created_by", "updated_by", "validation_error", "allow_data_log")
    class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATUS_UNSPECIFIED: _ClassVar[DatasetInfo.Status]
        DRAFT: _ClassVar[DatasetInfo.Status]
        VALIDATING: _ClassVar[DatasetInfo.Status]
        READY: _ClassVar[DatasetInfo.Status]
        INVALID: _ClassVar[DatasetInfo.Status]
        DELETING: _ClassVar[DatasetInfo.Status]
    STATUS_UNSPECIFIED: DatasetInfo.Status
    DRAFT: DatasetInfo.Status
    VALIDATING: DatasetInfo.Status
    READY: DatasetInfo.Status
    INVALID: DatasetInfo.Status
    DELETING: DatasetInfo.Status
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_ID_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_ERROR_FIELD_NUMBER: _ClassVar[int]
    ALLOW_DATA_LOG_FIELD_NUMBER: _ClassVar[int]
    dataset_id: str
    folder_id: str
    name: str
    description: str
    metadata: str
    status: DatasetInfo.Status
    task_type: str
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    rows: int
    size_bytes: int
    created_by_id: str
    labels: _containers.ScalarMap[str, str]
    created_by: str
    updated_by: str
    validation_error: _containers.RepeatedCompositeFieldContainer[ValidationError]
    allow_data_log: bool
    def __init__(self, dataset_id: _Optional[str] = ..., folder_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., metadata: _Optional[str] = ..., status: _Optional[_Union[DatasetInfo.Status, str]] = ..., task_type: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., rows: _Optional[int] = ..., size_bytes: _Optional[int] = ..., created_by_id: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., created_by: _Optional[str] = ..., updated_by: _Optional[str] = ..., validation_error: _Optional[_Iterable[_Union[ValidationError, _Mapping]]] = ..., allow_data_log: _Optional[bool] = ...) -> None: ...

class ValidationError(_message.Message):
    __slots__ = ("error", "error_description", "row_numbers")
    ERROR_FIELD_NUMBER: _ClassVar[int]
    ERROR_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ROW_NUMBERS_FIELD_NUMBER: _ClassVar[int]
    error: str
    error_description: str
    row_numbers: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, error: _Optional[str] = ..., error_description: _Optional[str] = ..., row_numbers: _Optional[_Iterable[int]] = ...) -> None: ...

class DatasetFileDownloadUrl(_message.Message):
    __slots__ = ("key", "url")
    KEY_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    key: str
    url: str
    def __init__(self, key: _Optional[str] = ..., url: _Optional[str] = ...) -> None: ...

class DatasetUploadSchema(_message.Message):
    __slots__ = ("task_type", "upload_format", "schema")
    TASK_TYPE_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_FORMAT_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_FIELD_NUMBER: _ClassVar[int]
    task_type: str
    upload_format: str
    schema: str
    def __init__(self, task_type: _Optional[str] = ..., upload_format: _Optional[str] = ..., schema: _Optional[str] = ...) -> None: ...
