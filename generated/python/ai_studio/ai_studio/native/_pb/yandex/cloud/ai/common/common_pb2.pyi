# mypy: ignore-errors
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExpirationConfig(_message.Message):
    __slots__ = ("expiration_policy", "ttl_days")
    class ExpirationPolicy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        EXPIRATION_POLICY_UNSPECIFIED: _ClassVar[ExpirationConfig.ExpirationPolicy]
        STATIC: _ClassVar[ExpirationConfig.ExpirationPolicy]
        SINCE_LAST_ACTIVE: _ClassVar[ExpirationConfig.ExpirationPolicy]
    EXPIRATION_POLICY_UNSPECIFIED: ExpirationConfig.ExpirationPolicy
    STATIC: ExpirationConfig.ExpirationPolicy
    SINCE_LAST_ACTIVE: ExpirationConfig.ExpirationPolicy
    EXPIRATION_POLICY_FIELD_NUMBER: _ClassVar[int]
    TTL_DAYS_FIELD_NUMBER: _ClassVar[int]
    expiration_policy: ExpirationConfig.ExpirationPolicy
    ttl_days: int
    def __init__(self, expiration_policy: _Optional[_Union[ExpirationConfig.ExpirationPolicy, str]] = ..., ttl_days: _Optional[int] = ...) -> None: ...

class Error(_message.Message):
    __slots__ = ("code", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    message: str
    def __init__(self, code: _Optional[int] = ..., message: _Optional[str] = ...) -> None: ...
