"""A compiled descriptor set as an IR `API`.

Types: every message and enum declared in the input files, plus whatever they (and the
operations) reference from imported files, well-known types included. Map entry messages
are not types of their own: a map field is `TypeExpr(kind="map")`.
"""

from __future__ import annotations

import keyword

from generator.diagnostics import Diagnostics
from generator.ir.extensions import PROTO_FINGERPRINT, PROTO_SERVICE_DOCS
from generator.ir.model import API, Location, NamedType, Operation
from generator.proto.compile import Compiled
from generator.proto.index import Index
from generator.proto.services import group_packages, service_operations
from generator.proto.types import enum_type, message_type, referenced_types


def to_ir(compiled: Compiled, package: str, diagnostics: Diagnostics) -> API:
    index = Index(compiled.file_set())
    inputs = set(compiled.files)
    services = sorted(
        (decl for decl in index.services.values() if decl.file.name in inputs),
        key=lambda decl: decl.full_name,
    )
    groups = group_packages(sorted({decl.file.package for decl in services}))
    operations: list[Operation] = []
    for decl in services:
        operations.extend(service_operations(index, decl, groups[decl.file.package], diagnostics))
    operations.sort(key=lambda op: op.id)

    wanted = [
        name
        for name, decl in sorted(index.messages.items())
        if decl.file.name in inputs and not decl.proto.options.map_entry
    ]
    wanted += [name for name, decl in sorted(index.enums.items()) if decl.file.name in inputs]
    for op in operations:
        assert op.rpc is not None
        wanted += [op.rpc.request_type, op.rpc.response_type]
        if op.long_running:
            wanted += [op.long_running.metadata_type, op.long_running.response_type]
    types: dict[str, NamedType] = {}
    while wanted:
        name = wanted.pop()
        if not name or name in types:
            continue
        parent = name.rsplit(".", 1)[0]
        if parent in index.messages:  # nested types travel with the type that declares them
            wanted.append(parent)
        message = index.messages.get(name)
        if message is not None:
            types[name] = message_type(index, message)
            wanted.extend(referenced_types(index, message.proto))
        elif name in index.enums:
            types[name] = enum_type(index.enums[name])
    _refuse_keywords(types, operations, diagnostics)

    return API(
        name=package,
        title=package,
        version="",
        source="proto",
        operations=tuple(operations),
        types=tuple(types[name] for name in sorted(types)),
        extensions=(
            (PROTO_FINGERPRINT, compiled.fingerprint),
            (
                PROTO_SERVICE_DOCS,
                {decl.full_name: decl.info.description(decl.path) for decl in services},
            ),
        ),
        files=compiled.files,
    )


def _refuse_keywords(types: dict[str, NamedType], operations: list[Operation], diagnostics: Diagnostics) -> None:
    """A message, enum, service or method named like a Python keyword (`message class`) is valid
    proto, but protoc's Python modules then hold `x.class` and `def class`: nothing can reach it."""
    named = [(t.id, t.location) for t in types.values()]
    for op in operations:
        assert op.rpc is not None
        named.append((f"{op.rpc.service}.{op.rpc.method}", op.location))
    for full_name, location in named:
        bad = [part for part in full_name.split(".") if keyword.iskeyword(part)]
        if bad:
            diagnostics.error(
                location or Location(full_name),
                f"{full_name!r}: {bad[0]!r} is a Python keyword, which the protobuf modules "
                "protoc writes cannot hold as a name",
                "rename it in the .proto file",
            )
