"""Lenient response models and fast JSON parsing into any annotated type."""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable
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


_parsers: dict[Any, Callable[[bytes], Any]] = {}


def json_parser(cast_to: Any) -> Callable[[bytes], Any]:
    """The (cached) function that validates JSON bytes into `cast_to`."""
    try:
        return _parsers[cast_to]
    except KeyError:
        pass
    except TypeError:  # unhashable annotation: build a fresh adapter each time
        return pydantic.TypeAdapter(cast_to).validate_json
    parser: Callable[[bytes], Any]
    if isinstance(cast_to, type) and issubclass(cast_to, pydantic.BaseModel):
        parser = cast_to.model_validate_json
    else:
        parser = pydantic.TypeAdapter(cast_to).validate_json
    _parsers[cast_to] = parser
    return parser


def parse_json(cast_to: Any, data: bytes) -> Any:
    """Parse JSON bytes into `cast_to` (a model, list[X], a union, a scalar...); None → None."""
    if cast_to is None:
        return None
    return json_parser(cast_to)(data)


_python_validators: dict[Any, Callable[[Any], Any]] = {}


def python_validator(cast_to: Any) -> Callable[[Any], Any]:
    """The (cached) function that validates already-decoded JSON data into `cast_to`."""
    try:
        return _python_validators[cast_to]
    except KeyError:
        pass
    except TypeError:
        return pydantic.TypeAdapter(cast_to).validate_python
    validator: Callable[[Any], Any]
    if isinstance(cast_to, type) and issubclass(cast_to, pydantic.BaseModel):
        validator = cast_to.model_validate
    else:
        validator = pydantic.TypeAdapter(cast_to).validate_python
    _python_validators[cast_to] = validator
    return validator
