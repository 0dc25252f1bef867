# mypy: ignore-errors
from google.api import annotations_pb2 as _annotations_pb2
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1.text_classification import text_classification_pb2 as _text_classification_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TextClassificationRequest(_message.Message):
    __slots__ = ("model_uri", "text")
    MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    model_uri: str
    text: str
    def __init__(self, model_uri: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class TextClassificationResponse(_message.Message):
    __slots__ = ("predictions", "model_version", "input_tokens")
    PREDICTIONS_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    predictions: _containers.RepeatedCompositeFieldContainer[_text_classification_pb2.ClassificationLabel]
    model_version: str
    input_tokens: int
    def __init__(self, predictions: _Optional[_Iterable[_Union[_text_classification_pb2.ClassificationLabel, _Mapping]]] = ..., model_version: _Optional[str] = ..., input_tokens: _Optional[int] = ...) -> None: ...

class FewShotTextClassificationRequest(_message.Message):
    __slots__ = ("model_uri", "task_description", "labels", "text", "samples")
    MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    TASK_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SAMPLES_FIELD_NUMBER: _ClassVar[int]
    model_uri: str
    task_description: str
    labels: _containers.RepeatedScalarFieldContainer[str]
    text: str
    samples: _containers.RepeatedCompositeFieldContainer[_text_classification_pb2.ClassificationSample]
    def __init__(self, model_uri: _Optional[str] = ..., task_description: _Optional[str] = ..., labels: _Optional[_Iterable[str]] = ..., text: _Optional[str] = ..., samples: _Optional[_Iterable[_Union[_text_classification_pb2.ClassificationSample, _Mapping]]] = ...) -> None: ...

class FewShotTextClassificationResponse(_message.Message):
    __slots__ = ("predictions", "model_version", "input_tokens")
    PREDICTIONS_FIELD_NUMBER: _ClassVar[int]
    MODEL_VERSION_FIELD_NUMBER: _ClassVar[int]
    INPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    predictions: _containers.RepeatedCompositeFieldContainer[_text_classification_pb2.ClassificationLabel]
    model_version: str
    input_tokens: int
    def __init__(self, predictions: _Optional[_Iterable[_Union[_text_classification_pb2.ClassificationLabel, _Mapping]]] = ..., model_version: _Optional[str] = ..., input_tokens: _Optional[int] = ...) -> None: ...
