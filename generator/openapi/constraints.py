"""Value constraints a client may check and docs show (minLength, maximum, pattern, ...)."""

from __future__ import annotations

from typing import Any

from generator.ir.model import Validation

# every keyword `validation` reads: a schema with none of them has no constraints (most have none)
_KEYWORDS = frozenset(
    {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength"}
    | {"minItems", "maxItems", "multipleOf", "pattern"}
)


def validation(node: Any, required: bool) -> Validation | None:
    """The checkable constraints of a schema; None when it has none."""
    if not isinstance(node, dict) or _KEYWORDS.isdisjoint(node):
        return None
    minimum, exclusive_min = _bound(node, "minimum", "exclusiveMinimum")
    maximum, exclusive_max = _bound(node, "maximum", "exclusiveMaximum")
    pattern = node.get("pattern")
    result = Validation(
        required=required,
        min_length=_int(node.get("minLength")),
        max_length=_int(node.get("maxLength")),
        minimum=minimum,
        maximum=maximum,
        exclusive_minimum=exclusive_min,
        exclusive_maximum=exclusive_max,
        min_items=_int(node.get("minItems")),
        max_items=_int(node.get("maxItems")),
        multiple_of=_number(node.get("multipleOf")),
        pattern=pattern if isinstance(pattern, str) else "",
    )
    return result if result != Validation(required=required) else None


def _bound(node: dict[str, Any], plain: str, exclusive: str) -> tuple[float | None, bool]:
    value = _number(node.get(plain))
    flag = node.get(exclusive)
    if flag is True:  # OpenAPI 3.0: a flag beside minimum/maximum
        return value, value is not None
    number = _number(flag)
    if number is not None:  # OpenAPI 3.1 (JSON Schema 2020-12): the bound itself
        return number, True
    return value, False


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value
