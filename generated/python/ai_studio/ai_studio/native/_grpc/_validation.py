"""Cheap client-side checks from the Yandex validation options, run before a request is sent.

The generator writes the rules as data (`<package>/_rules.py`); `check` walks a request and
raises `RequestValidationError` (a `ValueError`) at the first broken rule. Unset optional
fields are not checked, as on the server.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from google.protobuf.message import Message

__all__ = ["RequestValidationError", "Rule", "check"]


class RequestValidationError(ValueError):
    """A request field breaks a rule of the API description; nothing was sent."""

    def __init__(self, message: str, *, field: str, rule: str) -> None:
        super().__init__(message)
        self.field = field
        self.rule = rule


@dataclass(frozen=True)
class Rule:
    field: str
    kind: Literal["scalar", "message", "repeated"]
    text: str  # the rule as written, for messages
    required: bool = False
    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False
    min_items: int | None = None
    max_items: int | None = None
    pattern: re.Pattern[str] | None = None


def _fail(path: str, rule: Rule, problem: str) -> RequestValidationError:
    return RequestValidationError(f"{path}: {problem} ({rule.text})", field=path, rule=rule.text)


def _is_set(message: Message, rule: Rule, value: Any) -> bool:
    if rule.kind == "message":
        return message.HasField(rule.field)
    if rule.kind == "repeated":
        return len(value) > 0
    return bool(value)


def _check_rule(message: Message, rule: Rule, path: str) -> None:
    value = getattr(message, rule.field)
    if not _is_set(message, rule, value):
        if rule.required:
            raise _fail(path, rule, "is required")
        return
    if rule.kind == "repeated":
        size = len(value)
        if rule.min_items is not None and size < rule.min_items:
            raise _fail(path, rule, f"has {size} items")
        if rule.max_items is not None and size > rule.max_items:
            raise _fail(path, rule, f"has {size} items")
        return
    if isinstance(value, (str, bytes)):
        length = len(value)
        if rule.min_length is not None and length < rule.min_length:
            raise _fail(path, rule, f"is {length} long")
        if rule.max_length is not None and length > rule.max_length:
            raise _fail(path, rule, f"is {length} long")
        if (
            rule.pattern is not None
            and isinstance(value, str)
            and not rule.pattern.fullmatch(value)
        ):
            raise _fail(path, rule, "does not match the pattern")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        low, high = rule.minimum, rule.maximum
        if low is not None and (value <= low if rule.exclusive_minimum else value < low):
            raise _fail(path, rule, f"is {value}")
        if high is not None and (value >= high if rule.exclusive_maximum else value > high):
            raise _fail(path, rule, f"is {value}")


def check(
    message: Message,
    rules: Mapping[str, tuple[Rule, ...]],
    nested: Mapping[str, tuple[str, ...]],
    path: str = "",
) -> None:
    """Check `message` against `rules` (by message full name), descending into `nested` fields."""
    name = message.DESCRIPTOR.full_name
    for rule in rules.get(name, ()):
        _check_rule(message, rule, f"{path}{rule.field}")
    for field in nested.get(name, ()):
        value = getattr(message, field)
        if isinstance(value, Message):
            if message.HasField(field):
                check(value, rules, nested, f"{path}{field}.")
        elif hasattr(value, "values") and callable(value.values):  # map of messages
            for key, item in value.items():
                check(item, rules, nested, f"{path}{field}[{key!r}].")
        else:
            for index, item in enumerate(value):
                check(item, rules, nested, f"{path}{field}[{index}].")
