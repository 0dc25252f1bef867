"""Named IR types to pydantic models, open enums and type aliases, one module per reference cycle."""

from __future__ import annotations

import builtins
import re
from collections.abc import Mapping
from dataclasses import field
from functools import partial
from typing import NamedTuple

from generator.encoded import Text
from generator.ir.model import (
    AliasType,
    EnumType,
    Field,
    NamedType,
    ObjectType,
    TypeExpr,
    UnionType,
)
from generator.lazy_dataclass import lazy_dataclass
from generator.render.constraints import constraint_notes
from generator.render.python.http.annotations import Annotator
from generator.render.python.http.symbols import Symbols
from generator.render.python.http.units import Units, unit_name
from generator.render.python.imports import group_imports
from generator.render.python.literals import docstring, py_literal
from generator.render.python.naming import (
    MODEL_RESERVED,
    dedupe,
    safe_attribute,
    snake,
    upper_snake,
)
from generator.render.templates import fit_annotation, render_template
from generator.text_memo import short_text_memo

_BUILTIN_NAMES = frozenset(dir(builtins))


# The views of fields, members and definitions are named tuples: one is made per field of
# every model, and a tuple is made in a fraction of a frozen dataclass's time.
class FieldView(NamedTuple):
    name: str
    annotation: str
    default: str  # "" = required
    doc: str

    @property
    def declaration(self) -> str:
        """`name: annotation = default` as the class body has it, an overlong annotation
        parenthesized (`fit_annotation`): one call where the template would make several."""
        tail = f" = {self.default}" if self.default else ""
        return f"{self.name}: {fit_annotation(self.annotation, self.name, tail, 4)}{tail}"


class EnumMemberView(NamedTuple):
    name: str
    value: str
    doc: str


class DefinitionView(NamedTuple):
    kind: str  # "model" | "enum" | "alias"
    name: str
    doc: str
    base: str = ""
    fields: tuple[FieldView, ...] = ()
    members: tuple[EnumMemberView, ...] = ()
    value: str = ""  # alias: the annotation


@lazy_dataclass
class ModuleView:
    name: str
    imports: list[str] = field(default_factory=list)
    definitions: list[DefinitionView] = field(default_factory=list)


def model_modules(symbols: Symbols, units: Units | None = None) -> dict[str, Text]:
    """The text of every models module, by module name (units unchanged since the last run
    reused, see `units`)."""
    units = units or Units.off()
    modules = sorted(symbols.module_members.items())
    names = [unit_name("models", module, ids) for module, ids in modules]
    texts = units.render_files(symbols, names, lambda index: partial(_module_text, *modules[index]))
    return {module: text for (module, _), text in zip(modules, texts, strict=True)}


def _module_text(module: str, type_ids: tuple[str, ...], symbols: Symbols) -> str:
    return render_template("python/models/module.py.j2", module=render_module(module, type_ids, symbols))


def render_module(module: str, type_ids: tuple[str, ...], symbols: Symbols) -> ModuleView:
    annotator = Annotator(symbols)
    view = ModuleView(name=module)
    names = [symbols.name(i) for i in type_ids]
    local_names = set(names)
    undefined = set(local_names)  # names of this module not yet defined at this point
    for type_id, name in zip(type_ids, names):
        view.definitions.append(
            _definition(symbols.types[type_id], name, symbols, annotator, local_names, undefined)
        )
        undefined.discard(name)
    view.imports = _imports(module, annotator, symbols, view)
    return view


def _definition(
    named: NamedType,
    name: str,
    symbols: Symbols,
    annotator: Annotator,
    local_names: set[str],
    undefined: set[str],
) -> DefinitionView:
    doc = docstring(named.description, "    ") if not isinstance(named, (AliasType, UnionType)) else ""
    if isinstance(named, EnumType):
        return _enum(named, name, doc)
    if isinstance(named, ObjectType):
        return _model(named, name, doc, annotator, symbols, local_names)
    if isinstance(named, UnionType):
        expr = TypeExpr(kind="union", variants=named.variants, discriminator=named.discriminator)
    else:
        expr = named.target
    unfolded = unfold_union_cycle(named.id, symbols)
    if unfolded is not None:
        expr = TypeExpr(kind="union", variants=unfolded)
    value = annotator.annotate(expr)
    # An alias runs when its module loads: one that names itself or a later alias (a recursive
    # type) is a TypeAliasType, whose value is evaluated when first used.
    kind = "lazy_alias" if _names_in(value) & undefined else "alias"
    return DefinitionView(kind=kind, name=name, doc=_comment_doc(named.description), value=value)


def _bare_members(named: NamedType | None) -> tuple[TypeExpr, ...] | None:
    """What an alias stands for without a container around it: a union's variants, or the one
    type an alias names; None for other types."""
    if isinstance(named, UnionType):
        return named.variants
    if isinstance(named, AliasType):
        target = named.target
        return target.variants if target.kind == "union" else (target,)
    return None


def _reaches(start: str, goal: str, symbols: Symbols) -> bool:
    """Whether `start` leads to `goal` through bare union members and aliases only."""
    pending, seen = [start], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for member in _bare_members(symbols.types.get(current)) or ():
            if member.kind == "ref":
                if member.ref == goal:
                    return True
                pending.append(member.ref)
    return False


def unfold_union_cycle(type_id: str, symbols: Symbols) -> tuple[TypeExpr, ...] | None:
    """The variants of a union that contains itself through other unions (`A = B | str`,
    `B = A | int`), with the members leading back replaced by their own variants (`A = int |
    str`): Python's type system has no such alias. None when the union contains no such cycle."""
    own = _bare_members(symbols.types.get(type_id))
    if own is None or not _reaches(type_id, type_id, symbols):
        return None
    out: list[TypeExpr] = []

    def walk(members: tuple[TypeExpr, ...], visiting: frozenset[str]) -> None:
        for member in members:
            inner = _bare_members(symbols.types.get(member.ref)) if member.kind == "ref" else None
            if inner is None or not _reaches(member.ref, type_id, symbols):
                if member not in out:
                    out.append(member)
            elif member.ref not in visiting:
                walk(inner, visiting | {member.ref})

    walk(own, frozenset({type_id}))
    return tuple(out)


def _comment_doc(text: str) -> str:
    return docstring(text, "") if text.strip() else ""


def _enum(named: EnumType, name: str, doc: str) -> DefinitionView:
    base = "OpenEnum" if named.base == "string" else "OpenIntEnum"
    words = []
    for value in named.values:
        if value.name.words:
            words.append(upper_snake(value.name.words))
        elif isinstance(value.value, int):
            words.append(upper_snake(("value", str(value.value))))
        else:
            words.append("EMPTY")
    names = dedupe([n if n not in ("NAME", "VALUE") and not n.startswith("_") else n + "_" for n in words])
    members = tuple(
        EnumMemberView(name=n, value=py_literal(v.value), doc=docstring(v.description, "    "))
        for n, v in zip(names, named.values)
    )
    return DefinitionView(kind="enum", name=name, doc=doc, base=base, members=members)


def _model(
    named: ObjectType,
    name: str,
    doc: str,
    annotator: Annotator,
    symbols: Symbols,
    local_names: set[str],
) -> DefinitionView:
    lenient = named.id not in symbols.union_variants
    annotations = [_field_annotation(f, annotator, lenient) for f in named.fields]
    # A field must not shadow a name its class's annotations use (`date: date` breaks both pydantic and mypy).
    reserved = local_names.union(MODEL_RESERVED, _ALWAYS_RESERVED, *map(_names_in, annotations))
    python_names = dedupe([safe_attribute(snake(f.name.words), reserved) for f in named.fields])
    types = symbols.types
    fields = tuple(
        _fit_field(
            FieldView(py_name, annotation, _default(f, py_name), docstring(_field_doc(f, types), "    ")),
            annotator,
        )
        for f, py_name, annotation in zip(named.fields, python_names, annotations)
    )
    return DefinitionView(kind="model", name=name, doc=doc, base="BaseModel", fields=fields)


_ALWAYS_RESERVED = frozenset({"datetime"})
_FIELD_CALL = re.compile(r"^Field\((?:default=(?P<default>.*), )?(?P<alias>alias=.*)\)$")


def _fit_field(view: FieldView, annotator: Annotator) -> FieldView:
    """Move a long field's alias into `Annotated[...]`.

    `x: VeryLongName = Field(alias="x")` is the one overlong line shape that ruff and Black
    split differently; the `Annotated` spelling is split the same way by both.
    """
    if 4 + len(view.name) + 2 + len(view.annotation) + 3 + len(view.default) <= 100:
        return view  # the line `    name: annotation = default` fits (most do)
    match = _FIELD_CALL.match(view.default)
    if not match or not _NAME.fullmatch(view.annotation):
        return view
    annotator.typing_names.add("Annotated")
    annotation = f"Annotated[{view.annotation}, Field({match.group('alias')})]"
    return FieldView(view.name, annotation, match.group("default") or "", view.doc)


def _field_annotation(f: Field, annotator: Annotator, lenient: bool) -> str:
    """`lenient`: a constant keeps an unexpected value (the model is no union's variant, so no
    constant of it picks a variant)."""
    optional = not f.required or f.nullable
    if f.type.kind == "const" and not f.nullable:
        literal = annotator.annotate(f.type)
        if not lenient or not literal.startswith("Literal["):
            return literal
        annotator.typing_names.add("Annotated")
        annotator.runtime_names.add("Lenient")
        return f"Annotated[{literal}, Lenient]"
    return annotator.annotate(f.type, nullable=optional)


def _default(f: Field, py_name: str) -> str:
    alias = f.name.wire if f.name.wire != py_name else None
    if f.type.kind == "const" and not f.nullable and f.type.const is not None:
        value = py_literal(f.type.const)
    elif not f.required or f.nullable or f.type.nullable:
        # required-but-nullable fields default to None too: servers often leave out a null
        value = "None"
    else:
        value = ""
    if alias is not None:
        if value:
            return f"Field(default={value}, alias={py_literal(alias)})"
        return f"Field(alias={py_literal(alias)})"
    return value


def _field_doc(f: Field, types: Mapping[str, NamedType]) -> str:
    """The description, then `Deprecated.` and the constraint notes as one sentence."""
    notes = constraint_notes(f.validation, f.type, types, has_default=f.has_default, default=f.default)
    tail = ["Deprecated."] if f.deprecated else []
    if notes:
        sentence = "; ".join(notes)
        tail.append(sentence[:1].upper() + sentence[1:] + ".")
    if not tail:
        return f.description
    return (f.description + "\n\n" if f.description else "") + " ".join(tail)


@short_text_memo(maxsize=4096)  # a pure function; annotations repeat (`str | None`)
def _names_in(annotation: str) -> frozenset[str]:
    """The module-level names an annotation uses (`datetime.date` uses `datetime` only)."""
    without_strings = _STRING.sub('""', annotation)
    return frozenset(m.group(1).split(".")[0] for m in _NAME.finditer(without_strings))


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"' + r"|'(?:[^'\\]|\\.)*'")


_NAME = re.compile(r"(?<![\w.])([A-Za-z_][\w.]*)")


def _imports(module: str, annotator: Annotator, symbols: Symbols, view: ModuleView) -> list[str]:
    lines: list[str] = []
    if annotator.needs_datetime:
        lines.append("import datetime")
    typing_set = annotator.typing_names - {"Mapping", "Sequence"}
    if any(d.kind == "alias" for d in view.definitions):
        typing_set = typing_set | {"TypeAlias"}
    if typing_set:
        lines.append(f"from typing import {', '.join(sorted(typing_set))}")
    if any(d.kind == "lazy_alias" for d in view.definitions):
        lines.append("from typing_extensions import TypeAliasType")  # a pydantic dependency
    abc = sorted(annotator.typing_names & {"Mapping", "Sequence"})
    if abc:
        lines.append(f"from collections.abc import {', '.join(abc)}")
    uses_field = any(
        "Field(" in f.default or "Field(" in f.annotation for d in view.definitions for f in d.fields
    ) or any(
        "Field(" in d.value for d in view.definitions
    )
    pydantic_names = set(annotator.pydantic_names) | ({"Field"} if uses_field else set())
    if pydantic_names:
        lines.append(f"from pydantic import {', '.join(sorted(pydantic_names))}")
    model_names = {d.base for d in view.definitions if d.base} | (annotator.runtime_names & {"discriminate", "Lenient"})
    if model_names:
        lines.append(f"from .._runtime._models import {', '.join(sorted(model_names))}")
    if "FileTypes" in annotator.runtime_names:
        lines.append("from .._runtime._types import FileTypes")
    by_module: dict[str, set[str]] = {}
    for ref, name in annotator.refs.items():
        other = symbols.modules[ref]
        if other != module:
            by_module.setdefault(other, set()).add(name)
    for other in sorted(by_module):
        lines.append(f"from .{other} import {', '.join(sorted(by_module[other]))}")
    return group_imports(lines)
