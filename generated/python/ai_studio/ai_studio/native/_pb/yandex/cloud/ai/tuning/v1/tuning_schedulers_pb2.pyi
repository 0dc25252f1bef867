# mypy: ignore-errors
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class SchedulerLinear(_message.Message):
    __slots__ = ("min_lr",)
    MIN_LR_FIELD_NUMBER: _ClassVar[int]
    min_lr: float
    def __init__(self, min_lr: _Optional[float] = ...) -> None: ...

class SchedulerConstant(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SchedulerCosine(_message.Message):
    __slots__ = ("min_lr",)
    MIN_LR_FIELD_NUMBER: _ClassVar[int]
    min_lr: float
    def __init__(self, min_lr: _Optional[float] = ...) -> None: ...
