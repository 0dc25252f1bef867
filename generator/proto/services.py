"""Service methods as IR operations: rpc binding, HTTP bindings, streaming, operations, pages."""

from __future__ import annotations

import re
from collections.abc import Sequence

from google.protobuf import descriptor_pb2

from generator.diagnostics import Diagnostics
from generator.ir.model import (
    HttpBinding,
    Location,
    LongRunning,
    Name,
    Operation,
    Pagination,
    Parameter,
    RpcBinding,
    StreamingKind,
    TypeExpr,
)
from generator.ir.words import make_name, split_words
from generator.proto import source
from generator.proto.index import Index, ServiceDecl
from generator.proto.options import HttpRule, OperationOption
from generator.proto.scope import resolve
from generator.proto.types import field_type

OPERATION_TYPE = "yandex.cloud.operation.Operation"
OPERATION_SERVICE = "yandex.cloud.operation.OperationService"  # returns operations, is not one
_VERSION = re.compile(r"^v\d+([a-z]+\d*)?$")
_TEMPLATE_VARIABLE = re.compile(r"\{([^}=]+)(?:=[^}]*)?\}")
_IDEMPOTENT = (
    descriptor_pb2.MethodOptions.NO_SIDE_EFFECTS,
    descriptor_pb2.MethodOptions.IDEMPOTENT,
)


def group_packages(packages: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Package -> the parts that name its group: the common prefix and versions dropped.

    `yandex.cloud.ai.files.v1` next to `yandex.cloud.operation` gives (ai, files); a package
    alone keeps at least its last non-version part.
    """
    split = {p: [part for part in p.split(".") if part] for p in packages}
    common = 0
    if split:
        first = next(iter(split.values()))
        while all(len(parts) > common and parts[common] == first[common] for parts in split.values()):
            common += 1
    out: dict[str, tuple[str, ...]] = {}
    for package, parts in split.items():
        kept = [part for part in parts[common:] if not _VERSION.match(part)]
        if not kept:
            named = [part for part in parts if not _VERSION.match(part)]
            kept = named[-1:]
        out[package] = tuple(kept)
    return out


def service_operations(
    index: Index, decl: ServiceDecl, group: tuple[str, ...], diagnostics: Diagnostics
) -> list[Operation]:
    service = decl.proto
    package = decl.file.package
    service_words = split_words(service.name)
    if len(service_words) > 1 and service_words[-1] == "service":
        service_words = service_words[:-1]
    group_names = (*(make_name(part) for part in group), Name(service.name, service_words))
    operations = []
    for i, method in enumerate(service.method):
        description, location = decl.info.element((*decl.path, source.SERVICE_METHOD, i))
        request_type = method.input_type.lstrip(".")
        response_type = method.output_type.lstrip(".")
        options = method.options
        rules = index.extensions.http_rules(options) if method.HasField("options") else ()
        long_running = None
        if response_type == OPERATION_TYPE and decl.full_name != OPERATION_SERVICE:
            option = index.extensions.operation(options) if method.HasField("options") else None
            long_running = _long_running(index, package, option, location, diagnostics)
        operations.append(
            Operation(
                id=f"/{decl.full_name}/{method.name}",
                name=make_name(method.name),
                group=group_names,
                summary=_summary(description),
                description=description,
                deprecated=options.deprecated,
                idempotent=options.idempotency_level in _IDEMPOTENT
                or bool(rules and rules[0].method == "GET"),
                rpc=RpcBinding(
                    service=decl.full_name,
                    method=method.name,
                    request_type=request_type,
                    response_type=response_type,
                    client_streaming=method.client_streaming,
                    server_streaming=method.server_streaming,
                    http=tuple(_binding(index, request_type, rule) for rule in rules),
                ),
                streaming=_streaming(method),
                pagination=_pagination(index, request_type, response_type),
                long_running=long_running,
                location=location,
            )
        )
    return operations


def _streaming(method: descriptor_pb2.MethodDescriptorProto) -> StreamingKind:
    if method.client_streaming and method.server_streaming:
        return "bidi_stream"
    if method.client_streaming:
        return "client_stream"
    if method.server_streaming:
        return "server_stream"
    return "none"


def _summary(description: str) -> str:
    first = description.split("\n\n", 1)[0].replace("\n", " ").strip()
    return first


def path_variables(template: str) -> list[str]:
    """Field paths bound by a URL template: `/v1/{name=projects/*}/{a.b}` -> [name, a.b]."""
    return [match.strip() for match in _TEMPLATE_VARIABLE.findall(template)]


def _binding(index: Index, request_type: str, rule: HttpRule) -> HttpBinding:
    parameters = []
    for variable in path_variables(rule.path):
        field_expr = _field_path_type(index, request_type, variable)
        parameters.append(
            Parameter(
                name=make_name(variable),
                location="path",
                type=field_expr or TypeExpr(kind="primitive", primitive="string"),
                required=True,
            )
        )
    return HttpBinding(
        method=rule.method,
        path=rule.path,
        parameters=tuple(parameters),
        body_field=rule.body,
        response_field=rule.response_body,
    )


def _field_path_type(index: Index, message: str, dotted: str) -> TypeExpr | None:
    current = index.messages.get(message)
    expr: TypeExpr | None = None
    for part in dotted.split("."):
        if current is None:
            return None
        found = next((f for f in current.proto.field if f.name == part), None)
        if found is None:
            return None
        expr = field_type(index, found)
        current = index.messages.get(found.type_name.lstrip(".")) if found.type_name else None
    return expr


def _long_running(
    index: Index,
    package: str,
    option: OperationOption | None,
    location: Location,
    diagnostics: Diagnostics,
) -> LongRunning:
    if option is None:
        diagnostics.warn(
            location,
            "method returns yandex.cloud.operation.Operation without an (api.operation) option",
            hint="the operation's response and metadata stay untyped",
        )
        return LongRunning()
    resolved = []
    for what, name in (("metadata", option.metadata), ("response", option.response)):
        if not name:
            resolved.append("")
            continue
        full = resolve(name, package, index.type_names, index.packages)
        if full is None:
            diagnostics.warn(
                location,
                f"(api.operation) {what} type {name!r} does not resolve to a message",
                hint="write the type's full name or import the file that declares it",
            )
        resolved.append(full or "")
    return LongRunning(metadata_type=resolved[0], response_type=resolved[1])


def _pagination(index: Index, request_type: str, response_type: str) -> Pagination | None:
    request = index.messages.get(request_type)
    response = index.messages.get(response_type)
    if request is None or response is None:
        return None
    request_fields = {f.name: f for f in request.proto.field}
    response_fields = {f.name: f for f in response.proto.field}
    if "page_token" not in request_fields or "next_page_token" not in response_fields:
        return None
    lists = [
        f
        for f in response.proto.field
        if f.label == f.LABEL_REPEATED and not index.is_map_entry(f.type_name.lstrip("."))
    ]
    if not lists:
        return None
    return Pagination(
        style="page_token",
        request_param="page_token",
        response_cursor="next_page_token",
        items_field=lists[0].name,
        page_size_param="page_size" if "page_size" in request_fields else "",
    )
