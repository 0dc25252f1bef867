"""Yandex validation options (`(required) = true`, `(length) = "<=64"`, ...) as IR Validation."""

from __future__ import annotations

import re
from typing import NamedTuple

from generator.ir.model import Validation

_NUMBER = r"-?\d+(?:\.\d+)?"
_BOUND = re.compile(rf"^\s*(?P<op><=|>=|<|>|==)?\s*(?P<n>{_NUMBER})\s*$")
_RANGE = re.compile(rf"^\s*(?P<lo>{_NUMBER})\s*-\s*(?P<hi>{_NUMBER})\s*$")


class Bounds(NamedTuple):
    low: float | None = None
    high: float | None = None
    low_exclusive: bool = False
    high_exclusive: bool = False


def parse_bounds(text: str) -> Bounds | None:
    """`<=64`, `>0`, `1-64`, `==5`; None for anything else (kept as text only)."""
    match = _RANGE.match(text)
    if match:
        return Bounds(float(match["lo"]), float(match["hi"]))
    match = _BOUND.match(text)
    if not match:
        return None
    number = float(match["n"])
    op = match["op"] or "=="
    if op == "==":
        return Bounds(number, number)
    if op in ("<", "<="):
        return Bounds(high=number, high_exclusive=op == "<")
    return Bounds(low=number, low_exclusive=op == ">")


def _int_bounds(bounds: Bounds) -> tuple[int | None, int | None]:
    """Inclusive integer limits for lengths and sizes."""
    low = high = None
    if bounds.low is not None:
        low = int(bounds.low) + (1 if bounds.low_exclusive else 0)
    if bounds.high is not None:
        high = int(bounds.high) - (1 if bounds.high_exclusive else 0)
    return low, high


def to_validation(rules: tuple[tuple[str, str], ...], extra: tuple[str, ...] = ()) -> Validation | None:
    """rules: (option, value as written), e.g. ("length", "<=64"); extra: more rule text."""
    if not rules and not extra:
        return None
    values: dict[str, object] = {}
    for option, value in rules:
        if option == "required":
            values["required"] = True
        elif option == "pattern":
            values["pattern"] = value
        elif option in ("length", "size"):
            bounds = parse_bounds(value)
            if bounds is not None:
                low, high = _int_bounds(bounds)
                prefix = "length" if option == "length" else "items"
                values[f"min_{prefix}"] = low
                values[f"max_{prefix}"] = high
        elif option == "value":
            bounds = parse_bounds(value)
            if bounds is not None:
                values["minimum"] = bounds.low
                values["maximum"] = bounds.high
                values["exclusive_minimum"] = bounds.low_exclusive
                values["exclusive_maximum"] = bounds.high_exclusive
    text = "; ".join([*(_rule_text(option, value) for option, value in rules), *extra])
    return Validation(
        required=bool(values.get("required", False)),
        min_length=_opt_int(values.get("min_length")),
        max_length=_opt_int(values.get("max_length")),
        minimum=_opt_float(values.get("minimum")),
        maximum=_opt_float(values.get("maximum")),
        exclusive_minimum=bool(values.get("exclusive_minimum", False)),
        exclusive_maximum=bool(values.get("exclusive_maximum", False)),
        min_items=_opt_int(values.get("min_items")),
        max_items=_opt_int(values.get("max_items")),
        pattern=str(values.get("pattern", "")),
        text=text,
    )


def _rule_text(option: str, value: str) -> str:
    return option if value == "true" else f"{option} {value}"


def _opt_int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _opt_float(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
