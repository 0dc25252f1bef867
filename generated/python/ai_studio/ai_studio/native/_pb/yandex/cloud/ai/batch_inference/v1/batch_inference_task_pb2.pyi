# mypy: ignore-errors
import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.rpc import status_pb2 as _status_pb2
from ai_studio.native._pb.yandex.cloud.ai.batch_inference.v1 import inference_options_pb2 as _inference_options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BatchInferenceTask(_message.Message):
    __slots__ = ("task_id", "operation_id", "folder_id", "model_uri", "source_dataset_id", "completion_request", "status", "result_dataset_id", "labels", "created_by", "created_at", "started_at", "finished_at", "errors")
    class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATUS_UNSPECIFIED: _ClassVar[BatchInferenceTask.Status]
        CREATED: _ClassVar[BatchInferenceTask.Status]
        PENDING: _ClassVar[BatchInferenceTask.Status]
        IN_PROGRESS: _ClassVar[BatchInferenceTask.Status]
        COMPLETED: _ClassVar[BatchInferenceTask.Status]
        FAILED: _ClassVar[BatchInferenceTask.Status]
        CANCELED: _ClassVar[BatchInferenceTask.Status]
    STATUS_UNSPECIFIED: BatchInferenceTask.Status
    CREATED: BatchInferenceTask.Status
    PENDING: BatchInferenceTask.Status
    IN_PROGRESS: BatchInferenceTask.Status
    COMPLETED: BatchInferenceTask.Status
    FAILED: BatchInferenceTask.Status
    CANCELED: BatchInferenceTask.Status
    class ErrorsInfo(_message.Message):
        __slots__ = ("status", "line_errors", "batch_errors")
        class LineError(_message.Message):
            __slots__ = ("line_number", "message")
            LINE_NUMBER_FIELD_NUMBER: _ClassVar[int]
            MESSAGE_FIELD_NUMBER: _ClassVar[int]
            line_number: int
            message: str
            def __init__(self, line_number: _Optional[int] = ..., message: _Optional[str] = ...) -> None: ...
        class BatchError(_message.Message):
            __slots__ = ("batch_number", "first_line", "last_line", "message")
            BATCH_NUMBER_FIELD_NUMBER: _ClassVar[int]
            FIRST_LINE_FIELD_NUMBER: _ClassVar[int]
            LAST_LINE_FIELD_NUMBER: _ClassVar[int]
            MESSAGE_FIELD_NUMBER: _ClassVar[int]
            batch_number: int
            first_line: int
            last_line: int
            message: str
            def __init__(self, batch_number: _Optional[int] = ..., first_line: _Optional[int] = ..., last_line: _Optional[int] = ..., message: _Optional[str] = ...) -> None: ...
        STATUS_FIELD_NUMBER: _ClassVar[int]
        LINE_ERRORS_FIELD_NUMBER: _ClassVar[int]
        BATCH_ERRORS_FIELD_NUMBER: _ClassVar[int]
        status: _status_pb2.Status
        line_errors: _containers.RepeatedCompositeFieldContainer[BatchInferenceTask.ErrorsInfo.LineError]
        batch_errors: _containers.RepeatedCompositeFieldContainer[BatchInferenceTask.ErrorsInfo.BatchError]
        def __init__(self, status: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., line_errors: _Optional[_Iterable[_Union[BatchInferenceTask.ErrorsInfo.LineError, _Mapping]]] = ..., batch_errors: _Optional[_Iterable[_Union[BatchInferenceTask.ErrorsInfo.BatchError, _Mapping]]] = ...) -> None: ...
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    OPERATION_ID_FIELD_NUMBER: _ClassVar[int]
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    SOURCE_DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_REQUEST_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RESULT_DATASET_ID_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    operation_id: str
    folder_id: str
    model_uri: str
    source_dataset_id: str
    completion_request: _inference_options_pb2.BatchCompletionRequest
    status: BatchInferenceTask.Status
    result_dataset_id: str
    labels: _containers.ScalarMap[str, str]
    created_by: str
    created_at: _timestamp_pb2.Timestamp
    started_at: _timestamp_pb2.Timestamp
    finished_at: _timestamp_pb2.Timestamp
    errors: BatchInferenceTask.ErrorsInfo
    def __init__(self, task_id: _Optional[str] = ..., operation_id: _Optional[str] = ..., folder_id: _Optional[str] = ..., model_uri: _Optional[str] = ..., source_dataset_id: _Optional[str] = ..., completion_request: _Optional[_Union[_inference_options_pb2.BatchCompletionRequest, _Mapping]] = ..., status: _Optional[_Union[BatchInferenceTask.Status, str]] = ..., result_dataset_id: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., created_by: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., errors: _Optional[_Union[BatchInferenceTask.ErrorsInfo, _Mapping]] = ...) -> None: ...
