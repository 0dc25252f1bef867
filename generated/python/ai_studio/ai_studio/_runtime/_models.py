"""Lenient response models and fast JSON parsing into any annotated type."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import pydantic

__all__ = ["BaseModel", "OpenEnum", "OpenIntEnum", "json_parser", "parse_json"]


class BaseModel(pydantic.BaseModel):
    """Keeps unknown fields, accepts field names and aliases, builds its validator on first use."""

    model_config = pydantic.ConfigDict(
        extra="allow",
        populate_by_name=True,
        defer_build=True,
        protected_namespaces=(),
    )


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
