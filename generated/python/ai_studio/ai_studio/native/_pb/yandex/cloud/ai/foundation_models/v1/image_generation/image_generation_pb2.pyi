# mypy: ignore-errors
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Message(_message.Message):
    __slots__ = ("text", "weight")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    text: str
    weight: float
    def __init__(self, text: _Optional[str] = ..., weight: _Optional[float] = ...) -> None: ...

class AspectRatio(_message.Message):
    __slots__ = ("width_ratio", "height_ratio")
    WIDTH_RATIO_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_RATIO_FIELD_NUMBER: _ClassVar[int]
    width_ratio: int
    height_ratio: int
    def __init__(self, width_ratio: _Optional[int] = ..., height_ratio: _Optional[int] = ...) -> None: ...

class ImageGenerationOptions(_message.Message):
    __slots__ = ("mime_type", "seed", "aspect_ratio")
    MIME_TYPE_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    ASPECT_RATIO_FIELD_NUMBER: _ClassVar[int]
    mime_type: str
    seed: int
    aspect_ratio: AspectRatio
    def __init__(self, mime_type: _Optional[str] = ..., seed: _Optional[int] = ..., aspect_ratio: _Optional[_Union[AspectRatio, _Mapping]] = ...) -> None: ...
