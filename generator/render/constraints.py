"""What a value may be, in a few words, for docstrings and docs: lengths, ranges, multiples,
patterns, item counts, format, default and enum values. One rule for method arguments, model
fields and proto fields; the renderers only lay the notes out."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache

from generator.ir.model import EnumType, Field, JSONValue, NamedType, TypeExpr, Validation
from generator.render.docs.markdown import md_code

# How many enum values a note lists; a longer enum ends with "(+N more)".
ENUM_VALUES_SHOWN = 8
# Longer enum values and defaults are cut to this many characters (with "…").
VALUE_CHARS_SHOWN = 40
# Formats the Python type already says (bytes, int, float): not repeated in the notes.
_SILENT_FORMATS = frozenset({"binary", "int32", "int64", "float", "double"})
_NO_TYPES: Mapping[str, NamedType] = {}


def constraint_notes(
    validation: Validation | None,
    type_expr: TypeExpr | None = None,
    types: Mapping[str, NamedType] | None = None,
    *,
    has_default: bool = False,
    default: JSONValue = None,
) -> list[str]:
    """Short notes, in a fixed order: `1..64 chars`, `at least 0`, `less than 10`,
    `multiple of 5`, `pattern ...`, `1..10 items`, `format date-time`, `one of a, b`,
    `default 20`. Words rather than `>=`, so that a wrapped docstring line reads well.

    Values and patterns are code spans (backticks), readable in a docstring and in Markdown."""
    notes: list[str] = []
    v = validation
    if v is not None and v.text:  # the rule as the source writes it (proto validation options)
        notes.append(v.text)
    elif v is not None:
        if v.min_length is not None or v.max_length is not None:
            notes.append(_count(v.min_length, v.max_length, "char"))
        if v.minimum is not None:
            bound = "more than" if v.exclusive_minimum else "at least"
            notes.append(f"{bound} {_number(v.minimum)}")
        if v.maximum is not None:
            bound = "less than" if v.exclusive_maximum else "at most"
            notes.append(f"{bound} {_number(v.maximum)}")
        if v.multiple_of is not None:
            notes.append(f"multiple of {_number(v.multiple_of)}")
        if v.pattern:
            notes.append(f"pattern {md_code(v.pattern)}")
        if v.min_items is not None or v.max_items is not None:
            notes.append(_count(v.min_items, v.max_items, "item"))
    if type_expr is not None:
        # (`types` is not asked whether it is empty: a unit's recording view would note that read)
        notes.extend(_type_notes(type_expr, types if types is not None else _NO_TYPES))
    if has_default and default is not None:
        notes.append(f"default {md_code(_short(json.dumps(default, ensure_ascii=False)))}")
    return notes


def enum_note(values: list[str | int]) -> str:
    """`one of `a`, `b`, `c``, the first ENUM_VALUES_SHOWN values then `(+N more)`."""
    return _enum_note(tuple(str(value) for value in values[:ENUM_VALUES_SHOWN]), len(values))


@lru_cache(maxsize=1024)  # every field of an enum type has its note: made once per enum
def _enum_note(shown: tuple[str, ...], count: int) -> str:
    """`enum_note` of the values whose first ones are `shown`, `count` values in all."""
    listed = ", ".join(md_code(_short(value)) for value in shown)
    rest = count - len(shown)
    return f"one of {listed}" + (f" (+{rest} more)" if rest > 0 else "")


def proto_field_notes(f: Field, types: Mapping[str, NamedType]) -> list[str]:
    """The notes of a proto field's type: its enum values (a `bytes` field takes bytes in Python,
    so its JSON format, base64, is no news)."""
    if f.proto is not None and f.proto.proto_type == "bytes":
        return []
    return _type_notes(f.type, types)


def _type_notes(expr: TypeExpr, types: Mapping[str, NamedType]) -> list[str]:
    notes = []
    if expr.kind == "primitive" and expr.format and expr.format not in _SILENT_FORMATS:
        notes.append(f"format {md_code(expr.format)}")
    each = expr.kind == "list" and expr.items is not None
    target = expr.items if each and expr.items is not None else expr
    named = types.get(target.ref) if target.kind == "ref" else None
    if isinstance(named, EnumType) and named.values:
        values = named.values
        note = _enum_note(tuple(str(v.value) for v in values[:ENUM_VALUES_SHOWN]), len(values))
        notes.append(f"each {note}" if each else note)
    return notes


def _count(low: int | None, high: int | None, unit: str) -> str:
    """`1..64 chars`, `exactly 3 items`, `at least 1 item`, `at most 20 items`."""
    if low is not None and high is not None:
        if low == high:
            return f"exactly {low} {unit}{'s' if low != 1 else ''}"
        return f"{low}..{high} {unit}s"
    if low is not None:
        return f"at least {low} {unit}{'s' if low != 1 else ''}"
    return f"at most {high} {unit}{'s' if high != 1 else ''}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _short(text: str) -> str:
    return text if len(text) <= VALUE_CHARS_SHOWN else text[: VALUE_CHARS_SHOWN - 1] + "…"
