# mypy: ignore-errors
from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import wrappers_pb2 as _wrappers_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TextEmbeddingRequest(_message.Message):
    __slots__ = ("model_uri", "text", "dim")
    MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    DIM_FIELD_NUMBER: _ClassVar[int]
    model_uri: str
    text: str
    dim: _wrappers_pb2.Int64Value
    def __init__(self, model_uri: _Optional[str] = ..., text: _Optional[str] = ..., dim: _Optional[_Union[_wrappers_pb2.Int64Value, _Mapping]] = ...) -> None: ...

class TextEmbeddingResponse(_message.Message):
    __slots__ = ("embedding", "num_tokens", "model_version")
    EMBEDDING_FIELD_NUMBER: _ClassVar[int]
    NUM_TOKENS_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    embedding: _containers.RepeatedScalarFieldContainer[float]
    num_tokens: int
    model_version: str
    def __init__(self, embedding: _Optional[_Iterable[float]] = ..., num_tokens: _Optional[int] = ..., model_version: _Optional[str] = ...) -> None: ...
