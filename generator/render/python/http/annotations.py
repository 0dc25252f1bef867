"""Type expressions to Python annotations, for response models (output) and call arguments (input).

Output annotations are what pydantic validates into: `list[X]`, `dict[str, X]`, `X | None`.
Input annotations accept what callers naturally have: any sequence or mapping, and a plain
mapping wherever a model is expected, so a request can be written with dicts or with models.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from generator.ir.model import EnumType, ObjectType, TypeExpr, UnionType
from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.http.symbols import Symbols
from generator.render.python.literals import py_literal

Mode = Literal["output", "input"]

_PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
_BRACKETS = frozenset("[]()")
_FORMATS = {
    ("string", "date-time"): "datetime.datetime",
    ("string", "date"): "datetime.date",
}


@lazy_dataclass
class Annotator:
    """Renders annotations and remembers what they need imported."""

    symbols: Symbols
    refs: dict[str, str] = field(default_factory=dict)  # type ids used, with their class names
    typing_names: set[str] = field(default_factory=set)  # Any, Literal, Annotated, Mapping, ...
    needs_datetime: bool = False
    runtime_names: set[str] = field(default_factory=set)  # FileTypes, discriminate, ...
    pydantic_names: set[str] = field(default_factory=set)  # Discriminator, Tag

    def annotate(self, expr: TypeExpr, mode: Mode = "output", *, nullable: bool = False) -> str:
        text = self._annotate(expr, mode)
        if (nullable or expr.nullable) and not text.endswith("| None") and text != "None":
            text = f"{text} | None"
        return text

    def _annotate(self, expr: TypeExpr, mode: Mode) -> str:
        kind = expr.kind
        if kind == "ref":
            return self._ref(expr.ref, mode, expr.nullable)
        if kind == "primitive":
            return self._primitive(expr, mode)
        if kind == "list":
            assert expr.items is not None
            inner = self.annotate(expr.items, mode)
            if mode == "input":
                self.typing_names.add("Sequence")
                return f"Sequence[{inner}]"
            return f"list[{inner}]"
        if kind == "map":
            inner = self.annotate(expr.items, mode) if expr.items is not None else self._any()
            if mode == "input":
                self.typing_names.add("Mapping")
                return f"Mapping[str, {inner}]"
            return f"dict[str, {inner}]"
        if kind == "union":
            return self._union(expr, mode)
        if kind == "const":
            return self._const(expr.const)
        return self._any()

    def _any(self) -> str:
        self.typing_names.add("Any")
        return "Any"

    def _ref(self, type_id: str, mode: Mode, nullable: bool) -> str:
        named = self.symbols.types.get(type_id)
        if named is None:
            return self._any()
        name = self.refs[type_id] = self.symbols.name(type_id)
        if mode == "input":
            if isinstance(named, ObjectType):
                self.typing_names.update({"Mapping", "Any"})
                return f"{name} | Mapping[str, Any]"
            if isinstance(named, EnumType):
                return f"{name} | {'str' if named.base == 'string' else 'int'}"
            if isinstance(named, UnionType) and any(
                v.kind == "ref" and isinstance(self.symbols.types.get(v.ref), ObjectType)
                for v in named.variants
            ):
                self.typing_names.update({"Mapping", "Any"})
                return f"{name} | Mapping[str, Any]"
        return name

    def _primitive(self, expr: TypeExpr, mode: Mode) -> str:
        primitive = expr.primitive or "string"
        if primitive == "binary":
            if mode == "input":
                self.runtime_names.add("FileTypes")
                return "FileTypes"
            return "bytes"
        special = _FORMATS.get((primitive, expr.format))
        if special is not None:
            self.needs_datetime = True
            return special
        return _PRIMITIVES.get(primitive, "str")

    def _const(self, value: object) -> str:
        if value is None:
            return "None"
        if isinstance(value, (str, int, bool)) and not isinstance(value, float):
            self.typing_names.add("Literal")
            return f"Literal[{py_literal(value)}]"
        return self._any()

    def _union(self, expr: TypeExpr, mode: Mode) -> str:
        parts: list[str] = []
        for variant in expr.variants:
            text = self.annotate(variant, mode)
            for piece in split_union(text):
                if piece not in parts:
                    parts.append(piece)
        if not parts:
            return self._any()
        if "Any" in parts:
            return "Any"
        # `Mapping[str, Any]` once, at the end, reads better than repeated after each model
        if "Mapping[str, Any]" in parts:
            parts = [p for p in parts if p != "Mapping[str, Any]"] + ["Mapping[str, Any]"]
        if "None" in parts:
            parts = [p for p in parts if p != "None"] + ["None"]
        text = " | ".join(parts)
        if mode == "output":
            return self._discriminated(expr, text) or text
        return text

    def _discriminated(self, expr: TypeExpr, text: str) -> str:
        """`text` as a union pydantic picks by the discriminator property, or "" when it cannot.

        When every variant has its own constant value, pydantic's `Field(discriminator=...)` does
        the job. Otherwise (a variant's property is an enum of several values, a plain string
        named in a mapping, or two variants share a value) a callable discriminator maps each
        wire value to one choice; variants that share a value form one choice, a plain union
        inside.
        """
        table = self.tag_table(expr)
        if table is None:
            return ""
        prop, choices, tags = table
        if all(len(names) == 1 for names in choices) and self.discriminator_for(expr):
            self.typing_names.add("Annotated")
            return f'Annotated[{text}, Field(discriminator="{prop}")]'
        self.typing_names.add("Annotated")
        self.pydantic_names.update({"Discriminator", "Tag"})
        self.runtime_names.add("discriminate")
        variants = " | ".join(
            f"Annotated[{' | '.join(names)}, Tag({py_literal(' | '.join(names))})]" for names in choices
        )
        mapping = py_literal(dict(sorted(tags.items())))
        return f"Annotated[{variants}, Discriminator(discriminate({py_literal(prop)}, {mapping}))]"

    def tag_table(self, expr: TypeExpr | UnionType) -> tuple[str, list[tuple[str, ...]], dict[str, str]] | None:
        """(property, choices, wire value -> choice tag) of a discriminated union of models.

        A variant's values: its constant, every value of its enum, the values a mapping gives it,
        else (OpenAPI's default) its schema name. None when a variant is not a model.
        """
        if expr.discriminator is None or not expr.variants:
            return None
        prop = expr.discriminator.property
        values: dict[str, list[str]] = {}  # class name -> its wire values
        by_id: dict[str, str] = {}
        for variant in expr.variants:
            named = self.symbols.types.get(variant.ref) if variant.kind == "ref" else None
            if not isinstance(named, ObjectType) or variant.nullable:
                return None
            name = self.symbols.name(variant.ref)
            by_id[variant.ref] = name
            values.setdefault(name, list(self._field_values(named, prop)))
        for value, type_id in expr.discriminator.mapping:
            mapped = by_id.get(type_id)
            if mapped is not None and value not in values[mapped]:
                values[mapped].append(value)
        sharing: dict[str, list[str]] = {}  # wire value -> the class names it may mean
        for name, own in values.items():
            for value in own or [name]:  # no value of its own: the schema name (OpenAPI's default)
                sharing.setdefault(value, []).append(name)
        choices: list[tuple[str, ...]] = []
        tags: dict[str, str] = {}
        for value, names in sharing.items():
            choice = tuple(names)
            if choice not in choices:
                choices.append(choice)
            tags[value] = " | ".join(choice)
        for name in values:  # the schema name is always a valid value too: its first choice
            tags.setdefault(name, " | ".join(next(c for c in choices if name in c)))
        return prop, choices, tags

    def _field_values(self, named: ObjectType, prop: str) -> tuple[str, ...]:
        """The values the model's `prop` field may take: a constant, or a string enum's values."""
        for f in named.fields:
            if f.name.wire != prop:
                continue
            if f.type.kind == "const" and isinstance(f.type.const, str):
                return (f.type.const,)
            target = self.symbols.types.get(f.type.ref) if f.type.kind == "ref" else None
            if isinstance(target, EnumType) and target.base == "string":
                return tuple(str(v.value) for v in target.values)
        return ()

    def discriminator_for(self, expr: TypeExpr | UnionType) -> str:
        """The property pydantic's own discriminator can use, or "" when it cannot.

        pydantic needs every variant to be a model whose discriminator field is a literal, each
        with a different value.
        """
        if expr.discriminator is None or not expr.variants:
            return ""
        prop = expr.discriminator.property
        seen: dict[str, str] = {}  # value -> the type id that has it
        for variant in expr.variants:
            if variant.kind != "ref" or variant.nullable:
                return ""
            named = self.symbols.types.get(variant.ref)
            if not isinstance(named, ObjectType):
                return ""
            found = [f for f in named.fields if f.name.wire == prop]
            if not found or found[0].type.kind != "const" or not isinstance(found[0].type.const, str):
                return ""
            if seen.setdefault(found[0].type.const, variant.ref) != variant.ref:
                return ""
        return prop


def split_union(text: str) -> list[str]:
    """Top-level `|` parts of an annotation (not those inside brackets)."""
    if not _BRACKETS.intersection(text):  # (most annotations: every `|` is at the top level)
        return [stripped for part in text.split("|") if (stripped := part.strip())]
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        if char == "|" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [p for p in parts if p]
