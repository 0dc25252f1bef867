# mypy: ignore-errors
from ai_studio.native._pb.yandex.cloud import validation_pb2 as _validation_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AccessBindingAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACCESS_BINDING_ACTION_UNSPECIFIED: _ClassVar[AccessBindingAction]
    ADD: _ClassVar[AccessBindingAction]
    REMOVE: _ClassVar[AccessBindingAction]
ACCESS_BINDING_ACTION_UNSPECIFIED: AccessBindingAction
ADD: AccessBindingAction
REMOVE: AccessBindingAction

class Subject(_message.Message):
    __slots__ = ("id", "type")
    ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    id: str
    type: str
    def __init__(self, id: _Optional[str] = ..., type: _Optional[str] = ...) -> None: ...

class AccessBinding(_message.Message):
    __slots__ = ("role_id", "subject")
    ROLE_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    role_id: str
    subject: Subject
    def __init__(self, role_id: _Optional[str] = ..., subject: _Optional[_Union[Subject, _Mapping]] = ...) -> None: ...

class AccessPolicy(_message.Message):
    __slots__ = ("id", "name", "description")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    description: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class AccessPolicyBinding(_message.Message):
    __slots__ = ("access_policy_template_id", "parameters")
    class ParametersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ACCESS_POLICY_TEMPLATE_ID_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    access_policy_template_id: str
    parameters: _containers.ScalarMap[str, str]
    def __init__(self, access_policy_template_id: _Optional[str] = ..., parameters: _Optional[_Mapping[str, str]] = ...) -> None: ...

class BindAccessPolicyRequest(_message.Message):
    __slots__ = ("resource_id", "access_policy_binding")
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    ACCESS_POLICY_BINDING_FIELD_NUMBER: _ClassVar[int]
    resource_id: str
    access_policy_binding: AccessPolicyBinding
    def __init__(self, resource_id: _Optional[str] = ..., access_policy_binding: _Optional[_Union[AccessPolicyBinding, _Mapping]] = ...) -> None: ...

class BindAccessPolicyMetadata(_message.Message):
    __slots__ = ("resource_id", "access_policy_binding")
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    ACCESS_POLICY_BINDING_FIELD_NUMBER: _ClassVar[int]
    resource_id: str
    access_policy_binding: AccessPolicyBinding
    def __init__(self, resource_id: _Optional[str] = ..., access_policy_binding: _Optional[_Union[AccessPolicyBinding, _Mapping]] = ...) -> None: ...

class BindAccessPolicyResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListAccessBindingsRequest(_message.Message):
    __slots__ = ("resource_id", "page_size", "page_token")
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    resource_id: str
    page_size: int
    page_token: str
    def __init__(self, resource_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAccessBindingsResponse(_message.Message):
    __slots__ = ("access_bindings", "next_page_token")
    ACCESS_BINDINGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    access_bindings: _containers.RepeatedCompositeFieldContainer[AccessBinding]
    next_page_token: str
    def __init__(self, access_bindings: _Optional[_Iterable[_Union[AccessBinding, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListAccessPolicyBindingsRequest(_message.Message):
    __slots__ = ("resource_id", "page_size", "page_token")
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    resource_id: str
    page_size: int
    page_token: str
    def __init__(self, resource_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAccessPolicyBindingsResponse(_message.Message):
    __slots__ = ("access_policy_bindings", "next_page_token")
    ACCESS_POLICY_BINDINGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    access_policy_bindings: _containers.RepeatedCompositeFieldContainer[AccessPolicyBinding]
    next_page_token: str
    def __init__(self, access_policy_bindings: _Optional[_Iterable[_Union[AccessPolicyBinding, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UnbindAccessPolicyRequest(_message.Message):
    __slots__ = ("resource_id", "access_policy_template_id")
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    ACCESS_POLICY_TEMPLATE_ID_FIELD_NUMBER: _ClassVar[int]
    resource_id: str
    access_policy_template_id: str
    def __init__(self, resource_id: _Optional[str] = ..., access_policy_template_id: _Optional[str] = ...) -> None: ...

class UnbindAccessPolicyMetadata(_message.Message):
    __slots__ = ("resource_id", "access_policy_template_id")
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    ACCESS_POLICY_TEMPLATE_ID_FIELD_NUMBER: _ClassVar[int]
    resource_id: str
    access_policy_template_id: str
    def __init__(self, resource_id: _Optional[str] = ..., access_policy_template_id: _Optional[str] = ...) -> None: ...

class UnbindAccessPolicyResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class UpdateAccessPolicyBindingParametersRequest(_message.Message):
    __slots__ = ("resource_id", "access_policy_binding")
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    ACCESS_POLICY_BINDING_FIELD_NUMBER: _ClassVar[int]
    resource_id: str
    access_policy_binding: AccessPolicyBinding
    def __init__(self, resource_id: _Optional[str] = ..., access_policy_binding: _Optional[_Union[AccessPolicyBinding, _Mapping]] = ...) -> None: ...

class UpdateAccessPolicyBindingParametersMetadata(_message.Message):
    __slots__ = ("resource_id", "access_policy_binding")
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    ACCESS_POLICY_BINDING_FIELD_NUMBER: _ClassVar[int]
    resource_id: str
    access_policy_binding: AccessPolicyBinding
    def __init__(self, resource_id: _Optional[str] = ..., access_policy_binding: _Optional[_Union[AccessPolicyBinding, _Mapping]] = ...) -> None: ...

class UpdateAccessPolicyBindingParametersResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetAccessBindingsRequest(_message.Message):
    __slots__ = ("resource_id", "access_bindings")
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    ACCESS_BINDINGS_FIELD_NUMBER: _ClassVar[int]
    resource_id: str
    access_bindings: _containers.RepeatedCompositeFieldContainer[AccessBinding]
    def __init__(self, resource_id: _Optional[str] = ..., access_bindings: _Optional[_Iterable[_Union[AccessBinding, _Mapping]]] = ...) -> None: ...

class SetAccessBindingsMetadata(_message.Message):
    __slots__ = ("resource_id",)
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    resource_id: str
    def __init__(self, resource_id: _Optional[str] = ...) -> None: ...

class UpdateAccessBindingsRequest(_message.Message):
    __slots__ = ("resource_id", "access_binding_deltas")
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    ACCESS_BINDING_DELTAS_FIELD_NUMBER: _ClassVar[int]
    resource_id: str
    access_binding_deltas: _containers.RepeatedCompositeFieldContainer[AccessBindingDelta]
    def __init__(self, resource_id: _Optional[str] = ..., access_binding_deltas: _Optional[_Iterable[_Union[AccessBindingDelta, _Mapping]]] = ...) -> None: ...

class UpdateAccessBindingsMetadata(_message.Message):
    __slots__ = ("resource_id",)
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    resource_id: str
    def __init__(self, resource_id: _Optional[str] = ...) -> None: ...

class AccessBindingDelta(_message.Message):
    __slots__ = ("action", "access_binding")
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ACCESS_BINDING_FIELD_NUMBER: _ClassVar[int]
    action: AccessBindingAction
    access_binding: AccessBinding
    def __init__(self, action: _Optional[_Union[AccessBindingAction, str]] = ..., access_binding: _Optional[_Union[AccessBinding, _Mapping]] = ...) -> None: ...

class AccessBindingsOperationResult(_message.Message):
    __slots__ = ("effective_deltas",)
    EFFECTIVE_DELTAS_FIELD_NUMBER: _ClassVar[int]
    effective_deltas: _containers.RepeatedCompositeFieldContainer[AccessBindingDelta]
    def __init__(self, effective_deltas: _Optional[_Iterable[_Union[AccessBindingDelta, _Mapping]]] = ...) -> None: ...
