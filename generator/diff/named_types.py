"""Changes of named types: objects and their fields (proto numbers, labels, reserved ranges), enums,
unions and aliases. Types are matched by id, fields by wire name, enum values by value."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diff import rules
from generator.diff.changes import Change, Level, pointer
from generator.diff.relation import default_text, describe, relation, strip_null
from generator.diff.usage import Usage
from generator.ir.model import (
    API,
    AliasType,
    EnumType,
    Field,
    NamedType,
    ObjectType,
    UnionType,
)


class TypeComparer:
    def __init__(self, api_name: str, usage: Usage) -> None:
        self.api_name = api_name
        self.usage = usage

    def change(self, kind: str, path: str, level: Level, message: str) -> Change:
        return Change(self.api_name, "", kind, path, level, message)

    def compare(self, old: API, new: API) -> Iterator[Change]:
        old_types = {t.id: t for t in old.types}
        new_types = {t.id: t for t in new.types}
        for type_id in sorted(set(old_types) | set(new_types)):
            before, after = old_types.get(type_id), new_types.get(type_id)
            if before == after:
                continue
            path = pointer("types", type_id)
            if before is None:
                yield self.change(
                    "type_added", path, "minor", f"{_kind_word(after)} `{type_id}` added"
                )
            elif after is None:
                yield self.change(
                    "type_removed", path, "major", f"{_kind_word(before)} `{type_id}` removed"
                )
            elif before.kind != after.kind or _base(before) != _base(after):
                yield self.change(
                    "type_changed",
                    path,
                    "major",
                    f"type `{type_id}` changed from {_kind_text(before)} to {_kind_text(after)}",
                )
            else:
                yield from self._same_kind(before, after)

    def _same_kind(self, before: NamedType, after: NamedType) -> Iterator[Change]:
        if isinstance(before, ObjectType) and isinstance(after, ObjectType):
            yield from self._object(before, after)
        elif isinstance(before, EnumType) and isinstance(after, EnumType):
            yield from self._enum(before, after)
        elif isinstance(before, UnionType) and isinstance(after, UnionType):
            yield from self._union(before, after)
        elif isinstance(before, AliasType) and isinstance(after, AliasType):
            rel = relation(before.target, after.target)
            directions = self.usage.of_type(before.id)
            level = rules.type_change(rel, directions)
            if level is not None:
                yield self.change(
                    "type_changed",
                    pointer("types", before.id),
                    level,
                    f"type `{before.id}` changed from `{describe(before.target)}` to "
                    f"`{describe(after.target)}` ({rules.direction_text(directions)})",
                )

    # --- objects ---------------------------------------------------------------------

    def _object(self, before: ObjectType, after: ObjectType) -> Iterator[Change]:
        type_id = before.id
        old_fields = {f.name.wire: f for f in before.fields}
        new_fields = {f.name.wire: f for f in after.fields}
        removed_numbers = {
            f.proto.number: name
            for name, f in old_fields.items()
            if name not in new_fields and f.proto is not None
        }
        for name in sorted(set(old_fields) | set(new_fields)):
            old_field, new_field = old_fields.get(name), new_fields.get(name)
            path = pointer("types", type_id, "fields", name)
            label = f"`{type_id}.{name}`"
            if new_field is None:
                assert old_field is not None
                yield self.change(
                    "field_removed",
                    path,
                    "major",
                    f"field {label} removed{_unreserved(old_field, after)}",
                )
                continue
            reused = self._reserved_reuse(before, old_field, new_field, path, label)
            if reused is not None:
                yield reused
                if old_field is None:
                    continue
            if old_field is None:
                number = new_field.proto.number if new_field.proto is not None else None
                if number is not None and number in removed_numbers:
                    yield self.change(
                        "field_number_reused",
                        path,
                        "major",
                        f"field {label} takes number {number}, which belonged to removed field "
                        f"`{removed_numbers[number]}`: old clients decode it as that field",
                    )
                    continue
                directions = self.usage.of_field(type_id, new_field)
                required = new_field.required and not new_field.has_default
                yield self.change(
                    "field_added",
                    path,
                    rules.member_added(required, directions),
                    f"field {label} added ({'required' if required else 'optional'}, "
                    f"{rules.direction_text(directions)})",
                )
                continue
            yield from self._field(type_id, old_field, new_field, path, label)

    def _reserved_reuse(
        self, before: ObjectType, old_field: Field | None, new_field: Field, path: str, label: str
    ) -> Change | None:
        if new_field.proto is None:
            return None
        number = new_field.proto.number
        moved = old_field is None or old_field.proto is None or old_field.proto.number != number
        if moved and any(start <= number < end for start, end in before.reserved_numbers):
            return self.change(
                "reserved_number_reused",
                path,
                "major",
                f"field {label} uses number {number}, which the old version reserved",
            )
        if old_field is None and new_field.name.wire in before.reserved_names:
            return self.change(
                "reserved_name_reused",
                path,
                "major",
                f"field {label} uses the name `{new_field.name.wire}`, which the old version reserved",
            )
        return None

    def _field(
        self, type_id: str, old: Field, new: Field, path: str, label: str
    ) -> Iterator[Change]:
        directions = self.usage.of_field(type_id, new)
        where = rules.direction_text(directions)
        type_reported = False
        if old.proto is not None and new.proto is not None:
            before, after = old.proto, new.proto
            if before.number != after.number:
                yield self.change(
                    "field_number_changed",
                    path,
                    "major",
                    f"field {label} number changed from {before.number} to {after.number}",
                )
            if before.label != after.label:
                type_reported = True
                yield self.change(
                    "field_label_changed",
                    path,
                    "major",
                    f"field {label} changed from {before.label} to {after.label}",
                )
            if (before.proto_type, before.type_name) != (after.proto_type, after.type_name):
                type_reported = True
                yield self.change(
                    "field_type_changed",
                    path,
                    "major",
                    f"field {label} changed type from `{before.type_name or before.proto_type}` "
                    f"to `{after.type_name or after.proto_type}`",
                )
            if before.json_name != after.json_name:
                yield self.change(
                    "json_name_changed",
                    path,
                    "major",
                    f"field {label} JSON name changed from `{before.json_name}` to `{after.json_name}`",
                )
        if not type_reported:
            rel = relation(strip_null(old.type), strip_null(new.type))
            level = rules.type_change(rel, directions)
            if level is not None:
                yield self.change(
                    "field_type_changed",
                    path,
                    level,
                    f"field {label} changed type from `{describe(strip_null(old.type))}` to "
                    f"`{describe(strip_null(new.type))}` ({where})",
                )
        if old.required != new.required:
            yield self.change(
                "field_required_changed",
                path,
                rules.required_change(new.required, directions),
                f"field {label} is now {'required' if new.required else 'optional'} ({where})",
            )
        was_nullable, is_nullable = _nullable(old), _nullable(new)
        if was_nullable != is_nullable:
            presence = " (explicit presence, proto3 `optional`)" if new.proto is not None else ""
            state = "nullable" if is_nullable else "no longer nullable"
            yield self.change(
                "field_nullable_changed",
                path,
                rules.nullable_change(is_nullable, directions),
                f"field {label} is now {state}{presence} ({where})",
            )
        if (old.has_default, old.default) != (new.has_default, new.default):
            yield self.change(
                "field_default_changed",
                path,
                "minor",
                f"field {label} default changed from {default_text(old.has_default, old.default)} "
                f"to {default_text(new.has_default, new.default)}",
            )

    # --- enums and unions ------------------------------------------------------------

    def _enum(self, before: EnumType, after: EnumType) -> Iterator[Change]:
        old_values = {v.value: v for v in before.values}
        new_values = {v.value: v for v in after.values}
        for value in sorted(
            set(old_values) | set(new_values), key=lambda v: (isinstance(v, str), str(v))
        ):
            path = pointer("types", before.id, "values", value)
            old_value, new_value = old_values.get(value), new_values.get(value)
            shown = f"`{value}`" if isinstance(value, str) else str(value)
            if old_value is None:
                yield self.change(
                    "enum_value_added", path, "minor", f"enum `{before.id}` gained value {shown}"
                )
            elif new_value is None:
                yield self.change(
                    "enum_value_removed", path, "major", f"enum `{before.id}` lost value {shown}"
                )
            elif (
                old_value.number is not None
                and new_value.number is not None
                and old_value.number != new_value.number
            ):
                yield self.change(
                    "enum_number_changed",
                    path,
                    "major",
                    f"enum `{before.id}` value {shown} number changed from {old_value.number} "
                    f"to {new_value.number}",
                )

    def _union(self, before: UnionType, after: UnionType) -> Iterator[Change]:
        directions = self.usage.of_type(before.id)
        shown = {describe(v): v for v in (*before.variants, *after.variants)}
        for text in sorted(shown):
            variant = shown[text]
            path = pointer("types", before.id, "variants", text)
            if variant not in before.variants:
                yield self.change(
                    "union_variant_added",
                    path,
                    "minor",
                    f"union `{before.id}` gained alternative `{text}`",
                )
            elif variant not in after.variants:
                level = rules.type_change("removed_alternatives", directions) or "major"
                yield self.change(
                    "union_variant_removed",
                    path,
                    level,
                    f"union `{before.id}` lost alternative `{text}` ({rules.direction_text(directions)})",
                )


def _kind_word(named: NamedType | None) -> str:
    kind = named.kind if named is not None else "type"
    return {"object": "object", "enum": "enum", "union": "union", "alias": "type"}.get(kind, "type")


def _kind_text(named: NamedType) -> str:
    if isinstance(named, AliasType):
        return f"`{describe(named.target)}`"
    if isinstance(named, EnumType):
        return f"an enum of {named.base}s"
    return f"an {named.kind}" if named.kind == "object" else f"a {named.kind}"


def _base(named: NamedType) -> str:
    return named.base if isinstance(named, EnumType) else ""


def _nullable(field: Field) -> bool:
    return field.nullable or field.type.nullable


def _unreserved(field: Field, after: ObjectType) -> str:
    """A hint for proto: the number of a removed field should be reserved so nobody reuses it."""
    if field.proto is None:
        return ""
    number = field.proto.number
    if any(start <= number < end for start, end in after.reserved_numbers):
        return ""
    return f" (its number {number} is not reserved)"
