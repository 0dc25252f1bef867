"""Lenient response models and fast JSON parsing into any annotated type."""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable, Hashable
from typing import Any

import pydantic
from pydantic_core import core_schema

__all__ = [
    "BaseModel",
    "Lenient",
    "OpenEnum",
    "OpenIntEnum",
    "discriminate",
    "json_parser",
    "parse_json",
]


class BaseModel(pydantic.BaseModel):
    """Keeps unknown fields, accepts field names and aliases, builds its validator on first use."""

    model_config = pydantic.ConfigDict(
        extra="allow",
        populate_by_name=True,
        defer_build=True,
        protected_namespaces=(),
    )

    def __init__(self, /, **data: Any) -> None:
        super().__init__(**data)
        # A const field (`type: Literal["text"] = "text"`) counts as set, so that requests, which
        # are dumped with exclude_unset, still carry the discriminator a server needs.
        consts = _const_fields(type(self))
        if consts:
            self.__pydantic_fields_set__.update(consts)

    # Only objects built in code need the step above. This tells pydantic that the override
    # keeps BaseModel's own behaviour, so parsing responses skips the Python-level call.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]


_consts: dict[type, frozenset[str]] = {}


def _const_fields(cls: type[pydantic.BaseModel]) -> frozenset[str]:
    found = _consts.get(cls)
    if found is None:
        found = frozenset(
            name
            for name, field in cls.model_fields.items()
            if typing.get_origin(field.annotation) is typing.Literal
            and len(typing.get_args(field.annotation)) == 1
            and field.default == typing.get_args(field.annotation)[0]
        )
        _consts[cls] = found
    return found


class OpenEnum(enum.StrEnum):
    """A string enum that tolerates values the spec did not list (servers add them over time)."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        pseudo = str.__new__(cls, value)
        pseudo._name_ = value
        pseudo._value_ = value
        return pseudo

    def __str__(self) -> str:
        return str(self._value_)

    def __format__(self, format_spec: str) -> str:
        return format(str(self._value_), format_spec)


class OpenIntEnum(int, enum.Enum):
    """An integer enum that tolerates values the spec did not list."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        pseudo = int.__new__(cls, value)
        pseudo._name_ = f"VALUE_{value}".replace("-", "MINUS_")
        pseudo._value_ = value
        return pseudo

    def __str__(self) -> str:
        return str(self._value_)

    def __format__(self, format_spec: str) -> str:
        return format(int(self._value_), format_spec)


def _kept(value: Any) -> Any:
    from ._logging import get_logger

    get_logger().info("kept a value the API description does not allow here: %.200r", value)
    return value


class _Lenient:
    """Metadata for a constant field: `Annotated[Literal["function"], Lenient]`.

    A value other than the constant is kept (and logged) instead of failing the whole response:
    servers drift (AI Studio streams tool calls with `"type": ""`). The constant is tried first,
    in pydantic's own code, so expected values cost nothing extra. Constants that choose a
    union's variant are not marked lenient.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: pydantic.GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        kept = core_schema.no_info_after_validator_function(_kept, core_schema.any_schema())
        return core_schema.union_schema([handler(source), kept], mode="left_to_right")


Lenient = _Lenient()


def discriminate(prop: str, tags: dict[str, str]) -> Callable[[Any], str | None]:
    """For `pydantic.Discriminator`: which variant a value is, by its discriminator property.

    Used when a spec maps discriminator values to schemas (`mapping: {kitty: Cat}`) and the
    variants' property is a plain string rather than a constant per variant.
    """

    def tag(value: Any) -> str | None:
        raw = value.get(prop) if isinstance(value, dict) else getattr(value, prop, None)
        raw = getattr(raw, "value", raw)
        return tags.get(raw, raw) if isinstance(raw, str) else None

    return tag


# How many annotations each cache also remembers by identity (see AnnotationCache): enough for
# every module-level type a client passes; annotations built afresh at a call site only churn it.
RECENT_ANNOTATIONS = 256

V = typing.TypeVar("V")


def annotation_key(annotation: Any) -> Hashable:
    """What caches of validators key `annotation` by: a class is its own key; anything else is
    its origin with its arguments' keys in order (`Annotated` metadata included).

    Python finds `A | B` equal to `B | A` (and `Literal[1, 2]` to `Literal[2, 1]`), with the same
    hash, but pydantic tries a union's members in order, so a value both members take becomes
    whichever comes first. Keyed by the annotation itself, the order seen first in a process
    would decide for the other. The result is unhashable when the annotation's metadata is.
    """
    if isinstance(annotation, type):
        return annotation
    kind = type(annotation)
    if kind is types.GenericAlias:  # list[X], dict[K, V]: read directly, as typing would
        return (annotation.__origin__, tuple(map(annotation_key, annotation.__args__)))
    if kind is types.UnionType:  # X | Y
        return (types.UnionType, tuple(map(annotation_key, annotation.__args__)))
    origin = typing.get_origin(annotation)
    if origin is None:
        # a leaf: a literal value or metadata (typed, as `Literal[1]` is not `Literal[True]`),
        # or a type-like object such as a TypeVar or NewType
        if kind is list:  # `Callable[[A, B], R]`'s parameters
            return (list, tuple(map(annotation_key, annotation)))
        return (kind, annotation)
    return (origin, tuple(map(annotation_key, typing.get_args(annotation))))


class AnnotationCache(typing.Generic[V]):
    """What `build` makes of each annotation, built once per `annotation_key`.

    Classes (most calls: a model) are found by themselves, a class being equal only to itself.
    Of other annotations, the last RECENT_ANNOTATIONS are also found by identity, which skips
    computing the key: the entry holds the annotation, so its id cannot be reused while it is
    there, and the table is emptied when full, so annotations made afresh on each call cannot
    grow it. Unhashable annotations get a fresh value each time.
    """

    __slots__ = ("_build", "_by_key", "_classes", "_recent")

    def __init__(self, build: Callable[[Any], V]) -> None:
        self._build = build
        self._classes: dict[type, V] = {}  # a class is equal only to itself
        self._by_key: dict[Hashable, V] = {}
        self._recent: dict[int, tuple[Any, V]] = {}

    def get(self, annotation: Any) -> V:
        """The value for `annotation`, built on first use."""
        if isinstance(annotation, type):  # the common case: a model
            try:
                return self._classes[annotation]
            except KeyError:
                value = self._classes[annotation] = self._build(annotation)
                return value
        recent = self._recent.get(id(annotation))
        if recent is not None and recent[0] is annotation:
            return recent[1]
        return self._get_by_key(annotation)

    def _get_by_key(self, annotation: Any) -> V:
        key = annotation_key(annotation)
        try:
            value = self._by_key.get(key)
        except TypeError:  # unhashable: build afresh each time, as pydantic would
            return self._build(annotation)
        if value is None:
            value = self._by_key[key] = self._build(annotation)
        if len(self._recent) >= RECENT_ANNOTATIONS:
            self._recent.clear()
        self._recent[id(annotation)] = (annotation, value)
        return value


def _build_json_parser(cast_to: Any) -> Callable[[bytes], Any]:
    if isinstance(cast_to, type) and issubclass(cast_to, pydantic.BaseModel):
        return cast_to.model_validate_json
    return pydantic.TypeAdapter(cast_to).validate_json


def _build_python_validator(cast_to: Any) -> Callable[[Any], Any]:
    if isinstance(cast_to, type) and issubclass(cast_to, pydantic.BaseModel):
        return cast_to.model_validate
    return pydantic.TypeAdapter(cast_to).validate_python


_parsers: AnnotationCache[Callable[[bytes], Any]] = AnnotationCache(_build_json_parser)

# json_parser(cast_to): the (cached) function that validates JSON bytes into `cast_to`. The
# clients call it on every response, so it is the cache's own method, without a wrapper.
json_parser = _parsers.get


def parse_json(cast_to: Any, data: bytes) -> Any:
    """Parse JSON bytes into `cast_to` (a model, list[X], a union, a scalar...); None → None."""
    if cast_to is None:
        return None
    return json_parser(cast_to)(data)


# python_validator(cast_to): the (cached) function that validates already-decoded JSON data
# into `cast_to`
python_validator = AnnotationCache(_build_python_validator).get
