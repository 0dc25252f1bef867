# mypy: ignore-errors
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TuningError(_message.Message):
    __slots__ = ("tuning_task_id", "message", "type")
    class Type(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        TYPE_UNSPECIFIED: _ClassVar[TuningError.Type]
        PUBLIC: _ClassVar[TuningError.Type]
        INTERNAL: _ClassVar[TuningError.Type]
    TYPE_UNSPECIFIED: TuningError.Type
    PUBLIC: TuningError.Type
    INTERNAL: TuningError.Type
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    message: str
    type: TuningError.Type
    def __init__(self, tuning_task_id: _Optional[str] = ..., message: _Optional[str] = ..., type: _Optional[_Union[TuningError.Type, str]] = ...) -> None: ...
