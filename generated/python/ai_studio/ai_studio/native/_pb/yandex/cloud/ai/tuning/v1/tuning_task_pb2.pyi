# mypy: ignore-errors
import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from ai_studio.native._pb.yandex.cloud import validation_pb2 as _validation_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TuningTask(_message.Message):
    __slots__ = ("task_id", "operation_id", "status", "folder_id", "created_by", "created_at", "started_at", "finished_at", "source_model_uri", "target_model_uri", "name", "description", "labels")
    class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATUS_UNSPECIFIED: _ClassVar[TuningTask.Status]
        CREATED: _ClassVar[TuningTask.Status]
        PENDING: _ClassVar[TuningTask.Status]
        IN_PROGRESS: _ClassVar[TuningTask.Status]
        COMPLETED: _ClassVar[TuningTask.Status]
        FAILED: _ClassVar[TuningTask.Status]
        CANCELED: _ClassVar[TuningTask.Status]
        DRAFT: _ClassVar[TuningTask.Status]
        ARCHIVED: _ClassVar[TuningTask.Status]
        PAID: _ClassVar[TuningTask.Status]
    STATUS_UNSPECIFIED: TuningTask.Status
    CREATED: TuningTask.Status
    PENDING: TuningTask.Status
    IN_PROGRESS: TuningTask.Status
    COMPLETED: TuningTask.Status
    FAILED: TuningTask.Status
    CANCELED: TuningTask.Status
    DRAFT: TuningTask.Status
    ARCHIVED: TuningTask.Status
    PAID: TuningTask.Status
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    OPERATION_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    TARGET_MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    operation_id: str
    status: TuningTask.Status
    folder_id: str
    created_by: str
    created_at: _timestamp_pb2.Timestamp
    started_at: _timestamp_pb2.Timestamp
    finished_at: _timestamp_pb2.Timestamp
    source_model_uri: str
    target_model_uri: str
    name: str
    description: str
    labels: _containers.ScalarMap[str, str]
    def __init__(self, task_id: _Optional[str] = ..., operation_id: _Optional[str] = ..., status: _Optional[_Union[TuningTask.Status, str]] = ..., folder_id: _Optional[str] = ..., created_by: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., source_model_uri: _Optional[str] = ..., target_model_uri: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ...) -> None: ...
