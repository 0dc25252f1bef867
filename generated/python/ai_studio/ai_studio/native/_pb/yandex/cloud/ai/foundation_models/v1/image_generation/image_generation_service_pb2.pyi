# mypy: ignore-errors
from google.api import annotations_pb2 as _annotations_pb2
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1.image_generation import image_generation_pb2 as _image_generation_pb2
from ai_studio.native._pb.yandex.cloud.api import operation_pb2 as _operation_pb2
from ai_studio.native._pb.yandex.cloud.operation import operation_pb2 as _operation_pb2_1
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ImageGenerationRequest(_message.Message):
    __slots__ = ("model_uri", "messages", "generation_options")
    MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    GENERATION_OPTIONS_FIELD_NUMBER: _ClassVar[int]
    model_uri: str
    messages: _containers.RepeatedCompositeFieldContainer[_image_generation_pb2.Message]
    generation_options: _image_generation_pb2.ImageGenerationOptions
    def __init__(self, model_uri: _Optional[str] = ..., messages: _Optional[_Iterable[_Union[_image_generation_pb2.Message, _Mapping]]] = ..., generation_options: _Optional[_Union[_image_generation_pb2.ImageGenerationOptions, _Mapping]] = ...) -> None: ...

class ImageGenerationResponse(_message.Message):
    __slots__ = ("image", "model_version")
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    image: bytes
    model_version: str
    def __init__(self, image: _Optional[bytes] = ..., model_version: _Optional[str] = ...) -> None: ...
