# mypy: ignore-errors
from ai_studio.native._pb.yandex.cloud.ai.batch_inference.v1 import batch_inference_task_pb2 as _batch_inference_task_pb2
from ai_studio.native._pb.yandex.cloud import validation_pb2 as _validation_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BatchInferenceMetadata(_message.Message):
    __slots__ = ("task_id", "task_status", "completed_batches", "total_batches")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_STATUS_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_BATCHES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BATCHES_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    task_status: _batch_inference_task_pb2.BatchInferenceTask.Status
    completed_batches: int
    total_batches: int
    def __init__(self, task_id: _Optional[str] = ..., task_status: _Optional[_Union[_batch_inference_task_pb2.BatchInferenceTask.Status, str]] = ..., completed_batches: _Optional[int] = ..., total_batches: _Optional[int] = ...) -> None: ...

class BatchInferenceResponse(_message.Message):
    __slots__ = ("task",)
    TASK_FIELD_NUMBER: _ClassVar[int]
    task: _batch_inference_task_pb2.BatchInferenceTask
    def __init__(self, task: _Optional[_Union[_batch_inference_task_pb2.BatchInferenceTask, _Mapping]] = ...) -> None: ...

class DescribeBatchInferenceRequest(_message.Message):
    __slots__ = ("task_id",)
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    def __init__(self, task_id: _Optional[str] = ...) -> None: ...

class DescribeBatchInferenceResponse(_message.Message):
    __slots__ = ("task",)
    TASK_FIELD_NUMBER: _ClassVar[int]
    task: _batch_inference_task_pb2.BatchInferenceTask
    def __init__(self, task: _Optional[_Union[_batch_inference_task_pb2.BatchInferenceTask, _Mapping]] = ...) -> None: ...

class ListBatchInferencesRequest(_message.Message):
    __slots__ = ("folder_id", "page_size", "page_token", "status")
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    folder_id: str
    page_size: int
    page_token: str
    status: _batch_inference_task_pb2.BatchInferenceTask.Status
    def __init__(self, folder_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., status: _Optional[_Union[_batch_inference_task_pb2.BatchInferenceTask.Status, str]] = ...) -> None: ...

class ListBatchInferencesResponse(_message.Message):
    __slots__ = ("tasks", "next_page_token")
    TASKS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tasks: _containers.RepeatedCompositeFieldContainer[_batch_inference_task_pb2.BatchInferenceTask]
    next_page_token: str
    def __init__(self, tasks: _Optional[_Iterable[_Union[_batch_inference_task_pb2.BatchInferenceTask, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CancelBatchInferenceRequest(_message.Message):
    __slots__ = ("task_id",)
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    def __init__(self, task_id: _Optional[str] = ...) -> None: ...

class CancelBatchInferenceResponse(_message.Message):
    __slots__ = ("task_id",)
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    def __init__(self, task_id: _Optional[str] = ...) -> None: ...

class DeleteBatchInferenceRequest(_message.Message):
    __slots__ = ("task_id",)
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    def __init__(self, task_id: _Optional[str] = ...) -> None: ...

class DeleteBatchInferenceResponse(_message.Message):
    __slots__ = ("task_id",)
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    def __init__(self, task_id: _Optional[str] = ...) -> None: ...
