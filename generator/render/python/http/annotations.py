"""Type expressions to Python annotations, for response models (output) and call arguments (input).

Output annotations are what pydantic validates into: `list[X]`, `dict[str, X]`, `X | None`.
Input annotations accept what callers naturally have: any sequence or mapping, and a plain
mapping wherever a model is expected, so a request can be written with dicts or with models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from generator.ir.model import EnumType, ObjectType, TypeExpr, UnionType
from generator.render.python.http.symbols import Symbols
from generator.render.python.literals import py_literal

Mode = Literal["output", "input"]

_PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
_FORMATS = {
    ("string", "date-time"): "datetime.datetime",
    ("string", "date"): "datetime.date",
}


@dataclass
class Annotator:
    """Renders annotations and remembers what they need imported."""

    symbols: Symbols
    refs: set[str] = field(default_factory=set)  # type ids used
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
        self.refs.add(type_id)
        name = self.symbols.name(type_id)
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
        discriminator = self.discriminator_for(expr)
        if mode == "output" and discriminator:
            self.typing_names.add("Annotated")
            return f'Annotated[{text}, Field(discriminator="{discriminator}")]'
        if mode == "output":
            return self._tagged_union(expr) or text
        return text

    def _tagged_union(self, expr: TypeExpr) -> str:
        """A union chosen by a discriminator mapping when the variants' property is no constant."""
        if expr.discriminator is None or not expr.variants:
            return ""
        names: dict[str, str] = {}
        for variant in expr.variants:
            if variant.kind != "ref" or not isinstance(self.symbols.types.get(variant.ref), ObjectType):
                return ""
            names[variant.ref] = self.symbols.name(variant.ref)
        tags = {value: names[ref] for value, ref in expr.discriminator.mapping if ref in names}
        for name in names.values():
            tags.setdefault(name, name)  # OpenAPI: the schema name is the default value
        self.typing_names.add("Annotated")
        self.pydantic_names.update({"Discriminator", "Tag"})
        self.runtime_names.add("discriminate")
        variants = " | ".join(f"Annotated[{n}, Tag({py_literal(n)})]" for n in names.values())
        mapping = py_literal(dict(sorted(tags.items())))
        prop = py_literal(expr.discriminator.property)
        return f"Annotated[{variants}, Discriminator(discriminate({prop}, {mapping}))]"

    def discriminator_for(self, expr: TypeExpr | UnionType) -> str:
        """The property pydantic can discriminate on, or "" when a plain union must do.

        pydantic needs every variant to be a model whose discriminator field is a literal.
        """
        if expr.discriminator is None or not expr.variants:
            return ""
        prop = expr.discriminator.property
        for variant in expr.variants:
            if variant.kind != "ref" or variant.nullable:
                return ""
            named = self.symbols.types.get(variant.ref)
            if not isinstance(named, ObjectType):
                return ""
            found = [f for f in named.fields if f.name.wire == prop]
            if not found or found[0].type.kind != "const" or not isinstance(found[0].type.const, str):
                return ""
        return prop


def split_union(text: str) -> list[str]:
    """Top-level `|` parts of an annotation (not those inside brackets)."""
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
