# mypy: ignore-errors
import datetime

from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from ai_studio.native._pb.yandex.cloud.logging.v1 import log_resource_pb2 as _log_resource_pb2
from ai_studio.native._pb.yandex.cloud import validation_pb2 as _validation_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LogEntry(_message.Message):
    __slots__ = ("uid", "resource", "timestamp", "ingested_at", "saved_at", "level", "message", "json_payload", "stream_name")
    UID_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    INGESTED_AT_FIELD_NUMBER: _ClassVar[int]
    SAVED_AT_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    JSON_PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    uid: str
    resource: _log_resource_pb2.LogEntryResource
    timestamp: _timestamp_pb2.Timestamp
    ingested_at: _timestamp_pb2.Timestamp
    saved_at: _timestamp_pb2.Timestamp
    level: LogLevel.Level
    message: str
    json_payload: _struct_pb2.Struct
    stream_name: str
    def __init__(self, uid: _Optional[str] = ..., resource: _Optional[_Union[_log_resource_pb2.LogEntryResource, _Mapping]] = ..., timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ingested_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., saved_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., level: _Optional[_Union[LogLevel.Level, str]] = ..., message: _Optional[str] = ..., json_payload: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., stream_name: _Optional[str] = ...) -> None: ...

class IncomingLogEntry(_message.Message):
    __slots__ = ("timestamp", "level", "message", "json_payload", "stream_name")
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    JSON_PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    timestamp: _timestamp_pb2.Timestamp
    level: LogLevel.Level
    message: str
    json_payload: _struct_pb2.Struct
    stream_name: str
    def __init__(self, timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., level: _Optional[_Union[LogLevel.Level, str]] = ..., message: _Optional[str] = ..., json_payload: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., stream_name: _Optional[str] = ...) -> None: ...

class LogEntryDefaults(_message.Message):
    __slots__ = ("level", "json_payload", "stream_name")
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    JSON_PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    level: LogLevel.Level
    json_payload: _struct_pb2.Struct
    stream_name: str
    def __init__(self, level: _Optional[_Union[LogLevel.Level, str]] = ..., json_payload: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., stream_name: _Optional[str] = ...) -> None: ...

class Destination(_message.Message):
    __slots__ = ("log_group_id", "folder_id")
    LOG_GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    log_group_id: str
    folder_id: str
    def __init__(self, log_group_id: _Optional[str] = ..., folder_id: _Optional[str] = ...) -> None: ...

class LogLevel(_message.Message):
    __slots__ = ("level",)
    class Level(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        LEVEL_UNSPECIFIED: _ClassVar[LogLevel.Level]
        TRACE: _ClassVar[LogLevel.Level]
        DEBUG: _ClassVar[LogLevel.Level]
        INFO: _ClassVar[LogLevel.Level]
        WARN: _ClassVar[LogLevel.Level]
        ERROR: _ClassVar[LogLevel.Level]
        FATAL: _ClassVar[LogLevel.Level]
    LEVEL_UNSPECIFIED: LogLevel.Level
    TRACE: LogLevel.Level
    DEBUG: LogLevel.Level
    INFO: LogLevel.Level
    WARN: LogLevel.Level
    ERROR: LogLevel.Level
    FATAL: LogLevel.Level
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    level: LogLevel.Level
    def __init__(self, level: _Optional[_Union[LogLevel.Level, str]] = ...) -> None: ...
