"""Markdown docs for a generated Python package: index, one page per resource, models, errors."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import NamedTuple

from generator.encoded import Encoded, Piece, Text
from generator.ir.model import API, EnumType, Field, NamedType, ObjectType, Operation
from generator.render.constraints import constraint_notes
from generator.render.docs import pages as page_names
from generator.render.docs.markdown import anchor, md_cell, md_code, md_text
from generator.render.docs.wire import argument_notes, example_bodies, link_types, raised_errors
from generator.render.python.http.annotations import Annotator
from generator.render.python.http.operations import MethodView
from generator.render.python.http.resources import ResourceView
from generator.render.python.http.symbols import Symbols
from generator.render.python.http.units import Units, unit_name
from generator.render.python.http.websockets import ChannelView, EventTypes
from generator.render.templates import render_template


def render_docs(
    api: API,
    package: str,
    symbols: Symbols,
    resource_pages: list[tuple[str, str, int, str]],
    units: Units | None = None,
) -> dict[str, Text]:
    """The docs pages of a package; `resource_pages` holds each resource's (path, page file,
    number of methods, text), rendered by `resource_page`."""
    base = f"docs/{package}"
    files: dict[str, Text] = {f"{base}/{page}": text for _, page, _, text in resource_pages}
    files[f"{base}/index.md"] = render_template(
        "docs/python/index.md.j2",
        api=api,
        package=package,
        pages=[(path, page, count) for path, page, count, _ in resource_pages],
        type_count=len(symbols.types),
        md_text=md_text,
        reference=page_names,
    )
    files[f"{base}/{page_names.DATA_TYPES}"] = _data_types_page(package, symbols, units or Units.off())
    for template, page in (("errors", page_names.ERRORS), ("sign_in", page_names.SIGN_IN)):
        files[f"{base}/{page}"] = render_template(
            f"docs/python/{template}.md.j2", package=package, pages=page_names
        )
    return files


def model_links(symbols: Symbols) -> dict[str, str]:
    """Every model's name, linked to its entry of the data-types page (by the names alone: a
    changed type changes no link)."""
    return {name: f"{page_names.DATA_TYPES}#{anchor(name)}" for name in symbols.class_names.values()}


def resource_page(
    resource: ResourceView,
    package: str,
    symbols: Symbols,
    operations: Mapping[tuple[str, str], Operation | None],
    links: dict[str, str],
) -> str:
    """The page of one resource; `operations` maps each method's (HTTP method, path) to the
    operation documented with it, `links` is `model_links`."""
    return render_template(
        "docs/python/resource.md.j2",
        package=package,
        resource=resource,
        methods=[
            _method_doc(m, resource, package, links)
            | _wire_doc(operations.get((m.http_method, m.http_path)), symbols.types, m, links)
            for m in resource.methods
        ],
        channels=[_channel_doc(c, resource, links) for c in resource.channels],
        children=[(c.attribute, f"{c.module}.md") for c in resource.children],
        md_text=md_text,
        pages=page_names,
    )


def _method_doc(m: MethodView, r: ResourceView, package: str, links: dict[str, str]) -> dict[str, object]:
    call = ".".join(("client", *r.path, m.name))
    required = [a for a in m.keyword_arguments if a.required]
    example_args = ", ".join(
        [example_literal(a.annotation) for a in m.positional_arguments]
        + [f"{a.name}={example_literal(a.annotation)}" for a in required]
    )
    rows = [
        {
            "name": a.name,
            "type": link_types(a.annotation, links),
            "required": "yes" if a.required else "no",
            "where": a.where,
            "description": md_cell(a.doc),
        }
        for a in m.ordered_arguments
    ]
    return {
        "name": m.name,
        "call": call,
        "signature": signature_text(call, m),
        "http": f"{m.http_method} {m.http_path}",
        "rows": rows,
        "returns": link_types(m.returns, links),
        "async_returns": link_types(m.async_returns, links),
        "example_args": example_args,
        "returns_none": m.returns == "None",
        "stream": m.stream,
        "stream_flag": m.stream_flag,
        "page": bool(m.page),
        "binary": m.binary,
        "doc": md_text(m.prose),
        "deprecated": m.deprecated,
    }


_SCALAR_EXAMPLES = {"str": '"..."', "int": "1", "float": "0.5", "bool": "True", "bytes": 'b"..."'}


def _alternatives(annotation: str) -> list[str]:
    """The top-level members of a `A | B[C | D] | E` annotation."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(annotation):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts.append(annotation[start:i].strip())
            start = i + 1
    parts.append(annotation[start:].strip())
    return parts


def example_literal(annotation: str) -> str:
    """A Python value that type-checks as an argument of this annotation, for the examples:
    the simplest alternative wins (a scalar, an empty sequence, an empty mapping, file bytes)."""
    alternatives = _alternatives(annotation)
    for alternative in alternatives:
        if alternative in _SCALAR_EXAMPLES:
            return _SCALAR_EXAMPLES[alternative]
    for alternative in alternatives:
        if alternative.startswith("Sequence["):
            return "[]"
        if alternative.startswith("Mapping["):
            return "{}"
        if alternative == "FileTypes":
            return 'b"file content"'
    return "None"


def _wire_doc(
    op: Operation | None, types: Mapping[str, NamedType], m: MethodView, links: dict[str, str]
) -> dict[str, object]:
    """Argument rows with where each is sent, its constraints and default; raised errors; example
    bodies."""
    if op is None:
        return {"notes": {}, "raises": [], "request_json": "", "response_status": "", "response_json": ""}
    request_json, status, response_json = example_bodies(op, types)
    return {
        "notes": {a.name: argument_notes(a.where, a.notes) for a in m.ordered_arguments},
        "raises": raised_errors(m.errors, links),
        "request_json": request_json,
        "response_status": status,
        "response_json": response_json,
    }


def _channel_doc(c: ChannelView, r: ResourceView, links: dict[str, str]) -> dict[str, object]:
    required = [a for a in c.ordered_arguments if a.required]
    return {
        "name": c.name,
        "call": ".".join(("client", *r.path, c.name)),
        "url": md_code(c.url),
        "rows": [
            {
                "name": a.name,
                "type": link_types(a.annotation, links),
                "required": "yes" if a.required else "no",
                "description": md_cell(a.doc),
            }
            for a in c.ordered_arguments
        ],
        "example_args": ", ".join(f"{a.name}={example_literal(a.annotation)}" for a in required),
        "client_events": link_types(c.client_events, links),
        "server_events": link_types(c.server_events, links),
        "client_event_types": _event_rows(c.client_event_types, links),
        "server_event_types": _event_rows(c.server_event_types, links),
        "doc": md_text(c.text),
        "deprecated": c.deprecated,
        "example_event": _example_event(c.client_event_types),
    }


def _example_event(events: EventTypes) -> str:
    """A client event as the dict `send` takes: its tag and the first tag value, as a literal."""
    tag, rows = events
    value = next((value for value, _ in rows if value), "")
    return repr({tag: value}) if tag and value else "{}"


def _event_rows(events: EventTypes, links: dict[str, str]) -> dict[str, object]:
    tag, rows = events
    return {
        "tag": tag,
        "rows": [(md_code(value) if value else "", link_types(name, links)) for value, name in rows],
    }


def signature_text(call: str, m: MethodView) -> str:
    """The method's Python signature as readers know it from an IDE (one argument per line)."""
    lines = [f"{call}("]
    lines.extend(f"    {a.name}: {a.annotation}," for a in m.positional_arguments)
    if m.keyword_arguments:
        lines.append("    *,")
    for a in m.keyword_arguments:
        default = "" if a.required else " = omit"
        lines.append(f"    {a.name}: {a.annotation}{default},")
    lines.append(f") -> {m.returns}")
    return "\n".join(lines)


def _data_types_page(package: str, symbols: Symbols, units: Units) -> Encoded:
    """The data-types page: its head, then each type's entry, as UTF-8 bytes. A large API's page
    (8 MB) is made of the entries' bytes as kept, mostly: never decoded, joined, or encoded again
    to be hashed and written (its head's `·` made the joined text one of two bytes a character)."""
    head = render_template("docs/python/models.md.j2", package=package, pages=page_names)
    pieces: list[Piece] = [head.encode()]
    for entry in _model_entries(symbols, units):
        pieces.extend(entry.pieces if isinstance(entry, Encoded) else (entry.encode(),))
    return Encoded(tuple(pieces))


def _model_entries(symbols: Symbols, units: Units) -> list[Text]:
    """The text of each type's entry of the data-types page, in the page's order: each one a
    unit, so a changed type re-renders its own entry (and those that name it) only."""
    order = sorted(symbols.types, key=lambda i: symbols.name(i).lower())
    names = [unit_name("docs-type", type_id) for type_id in order]
    return units.render_files(symbols, names, lambda index: partial(_entry_text, order[index]), checked=True)


# Named tuples: one row is made per field of every model (made faster than a frozen dataclass),
# and the entry's template unpacks a row's cells in that order (no attribute lookups per cell).
class FieldRow(NamedTuple):
    name: str
    type: str
    required: str
    description: str


class ModelEntry(NamedTuple):
    name: str
    id: str
    kind: str
    description: str
    fields: list[FieldRow]
    enum_values: list[str]


def _entry_text(type_id: str, symbols: Symbols) -> str:
    return render_template("docs/python/model_entry.md.j2", m=model_entry(type_id, symbols))


def model_entry(type_id: str, symbols: Symbols) -> ModelEntry:
    named = symbols.types[type_id]
    fields: list[FieldRow] = []
    enum_values: list[str] = []
    if isinstance(named, ObjectType):
        annotator = Annotator(symbols)  # one for the entry: what it collects is not used here
        types = symbols.types
        fields = [
            FieldRow(
                f.name.wire,
                md_cell(annotator.annotate(f.type)),
                "yes" if f.required else "no",
                _field_cell(f, types),
            )
            for f in named.fields
        ]
    elif isinstance(named, EnumType):
        enum_values = [md_code(str(v.value)) for v in named.values]
    return ModelEntry(
        name=symbols.name(type_id),
        id=type_id,
        kind=named.kind,
        description=md_text(named.description),
        fields=fields,
        enum_values=enum_values,
    )


def _field_cell(f: Field, types: Mapping[str, NamedType]) -> str:
    """A field's description, then its constraints, enum values and default in italics."""
    notes = constraint_notes(f.validation, f.type, types, has_default=f.has_default, default=f.default)
    text = md_cell(f.description)
    if not notes:
        return text
    return f"{text} *({md_cell('; '.join(notes))})*".strip()
