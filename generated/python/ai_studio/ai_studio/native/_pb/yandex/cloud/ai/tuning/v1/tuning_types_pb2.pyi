# mypy: ignore-errors
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class TuningTypeLora(_message.Message):
    __slots__ = ("rank", "alpha", "initialization", "type")
    RANK_FIELD_NUMBER: _ClassVar[int]
    ALPHA_FIELD_NUMBER: _ClassVar[int]
    INITIALIZATION_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    rank: int
    alpha: float
    initialization: str
    type: str
    def __init__(self, rank: _Optional[int] = ..., alpha: _Optional[float] = ..., initialization: _Optional[str] = ..., type: _Optional[str] = ...) -> None: ...

class TuningTypePromptTune(_message.Message):
    __slots__ = ("virtual_tokens",)
    VIRTUAL_TOKENS_FIELD_NUMBER: _ClassVar[int]
    virtual_tokens: int
    def __init__(self, virtual_tokens: _Optional[int] = ...) -> None: ...
