"""What a user calls: the Python names the renderers give an API's operations, models and fields.

The change report shows these next to the spec ids (`getTask` is `client.tasks.get_task(...)`), so
they come from the same functions the renderers use, not from a second naming rule.
"""

from __future__ import annotations

from generator.ir.model import API, ObjectType
from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.naming import MODEL_RESERVED, dedupe, safe_attribute, snake


@lazy_dataclass(frozen=True)
class Surface:
    operations: dict[str, str]  # operation id -> `client.tasks.get_task(...)`
    types: dict[str, str]  # type id -> the class name users import
    fields: dict[tuple[str, str], str]  # (type id, wire name) -> `Task.title`


def python_surface(api: API) -> Surface:
    if api.source == "proto":
        return _proto_surface(api)
    from generator.render.python.http.resources import build_resources
    from generator.render.python.http.symbols import build_symbols

    symbols = build_symbols(api)
    resources, _ = build_resources(api, symbols)
    operations = {
        op_id: f"client.{'.'.join((*resource.path, method))}(...)"
        for resource in resources
        for method, op_id in resource.operation_ids.items()
    }
    types = dict(symbols.class_names)
    return Surface(operations, types, _fields(api, types))


def _proto_surface(api: API) -> Surface:
    from generator.render.python.grpc.surface import build_namespaces, method_names

    operations = {}
    for namespace in build_namespaces(api):
        for service in namespace.services:
            for op, name in zip(service.operations, method_names(service.operations), strict=True):
                operations[op.id] = f"client.{namespace.attribute}.{service.attribute}.{name}(...)"
    types = {t.id: t.id.rsplit(".", 1)[-1] for t in api.types}
    return Surface(operations, types, {})  # proto fields keep their .proto names


def _fields(api: API, types: dict[str, str]) -> dict[tuple[str, str], str]:
    found = {}
    for named in api.types:
        if isinstance(named, ObjectType) and named.id in types:
            # the models renderer also steers clear of names the annotations use; rare enough
            # that the report's plain rule is right for every field we have seen
            names = dedupe([safe_attribute(snake(f.name.words), MODEL_RESERVED) for f in named.fields])
            for f, name in zip(named.fields, names, strict=True):
                found[(named.id, f.name.wire)] = f"{types[named.id]}.{name}"
    return found
