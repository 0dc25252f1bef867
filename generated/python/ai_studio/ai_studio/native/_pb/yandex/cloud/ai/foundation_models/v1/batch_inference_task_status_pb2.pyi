# mypy: ignore-errors
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class BatchInferenceTaskStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BATCH_INFERENCE_TASK_STATUS_UNSPECIFIED: _ClassVar[BatchInferenceTaskStatus]
    CREATED: _ClassVar[BatchInferenceTaskStatus]
    PENDING: _ClassVar[BatchInferenceTaskStatus]
    IN_PROGRESS: _ClassVar[BatchInferenceTaskStatus]
    COMPLETED: _ClassVar[BatchInferenceTaskStatus]
    FAILED: _ClassVar[BatchInferenceTaskStatus]
    CANCELED: _ClassVar[BatchInferenceTaskStatus]
BATCH_INFERENCE_TASK_STATUS_UNSPECIFIED: BatchInferenceTaskStatus
CREATED: BatchInferenceTaskStatus
PENDING: BatchInferenceTaskStatus
IN_PROGRESS: BatchInferenceTaskStatus
COMPLETED: BatchInferenceTaskStatus
FAILED: BatchInferenceTaskStatus
CANCELED: BatchInferenceTaskStatus
