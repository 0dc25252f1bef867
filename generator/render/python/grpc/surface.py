"""The shape of a proto client: namespaces, service classes, methods and their arguments.

`client.<namespace>.<service>.<method>(...)`: the namespace is the service's proto package
(its last non-version part, more when two packages would clash), the service attribute is
the service name without "Service" (`TextGenerationAsyncService` -> `text_generation_async`),
and the method is the RPC name in snake case.
"""

from __future__ import annotations

import keyword
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import field
from typing import NamedTuple

from generator.ir.model import API, Field, ObjectType, Operation
from generator.ir.words import split_words
from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.grpc.params import Plain
from generator.render.python.naming import dedupe, pascal, safe_attribute, snake

OPERATION_SERVICE = "yandex.cloud.operation.OperationService"
OPERATION_TYPE = "yandex.cloud.operation.Operation"
FieldDoc = Callable[[Field], str]


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class ServiceInfo:
    full_name: str  # package.Service
    package: str
    proto_name: str  # Service
    class_name: str
    attribute: str  # on the namespace
    module: str  # module file name inside the namespace folder, without .py
    operations: list[Operation] = field(default_factory=list)
    description: str = ""


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class NamespaceInfo:
    package: str
    attribute: str  # on the client, and the folder name
    class_name: str  # the namespace class in _client.py
    services: list[ServiceInfo] = field(default_factory=list)


def _is_version(part: str) -> bool:
    words = split_words(part)
    return bool(words) and words[0].startswith("v") and words[0][1:2].isdigit()


def namespace_attributes(packages: Sequence[str]) -> dict[str, str]:
    """Package -> namespace name: the shortest tail of its parts no other package shares.

    Version parts (`v1`, `v2beta`) are skipped unless they are all that tells packages apart.
    """
    named = {p: [x for x in p.split(".") if x and not _is_version(x)] or [p] for p in packages}
    full = {p: [x for x in p.split(".") if x] or [p] for p in packages}
    chosen: list[str] = []
    ordered = sorted(packages)
    tails_named, tails_full = _TailCounts(named), _TailCounts(full)
    for package in ordered:
        tail = (
            _unique_tail(package, named, tails_named)
            or _unique_tail(package, full, tails_full)
            or full[package]
        )
        chosen.append(snake([w for part in tail for w in split_words(part)]))
    return dict(zip(ordered, dedupe(chosen), strict=True))


class _TailCounts:
    """How many packages end in each tail of `length` parts, counted once per length."""

    def __init__(self, parts: dict[str, list[str]]) -> None:
        self.parts = parts
        self.by_length: dict[int, Counter[tuple[str, ...]]] = {}

    def count(self, tail: list[str]) -> int:
        length = len(tail)
        counts = self.by_length.get(length)
        if counts is None:
            counts = self.by_length[length] = Counter(
                tuple(own[-length:]) for own in self.parts.values()
            )
        return counts[tuple(tail)]


def _unique_tail(package: str, parts: dict[str, list[str]], tails: _TailCounts) -> list[str] | None:
    own = parts[package]
    for length in range(1, len(own) + 1):
        tail = own[-length:]
        if all(_is_version(part) for part in tail):
            continue
        if tails.count(tail) == 1:  # this package's own tail is the only one
            return tail
    return None


def class_name(proto_name: str) -> str:
    if proto_name.isidentifier() and not keyword.iskeyword(proto_name) and proto_name[0].isupper():
        return proto_name
    return pascal(split_words(proto_name))


def build_namespaces(api: API) -> list[NamespaceInfo]:
    by_service: dict[str, list[Operation]] = defaultdict(list)
    for op in api.operations:
        if op.rpc is not None:
            by_service[op.rpc.service].append(op)
    packages = sorted({service.rsplit(".", 1)[0] if "." in service else "" for service in by_service})
    attributes = namespace_attributes(packages)
    namespaces: dict[str, NamespaceInfo] = {}
    for package in packages:
        attribute = attributes[package]
        namespaces[package] = NamespaceInfo(
            package=package,
            attribute=attribute,
            class_name=pascal(split_words(attribute)) + "Namespace",
        )
    for service in sorted(by_service):
        package, _, proto_name = service.rpartition(".")
        words = by_service[service][0].group[-1].words or split_words(proto_name)
        namespaces[package].services.append(
            ServiceInfo(
                full_name=service,
                package=package,
                proto_name=proto_name,
                class_name=class_name(proto_name),
                attribute=snake(words),
                module="_" + snake(split_words(proto_name)),
                operations=sorted(by_service[service], key=lambda op: op.id),
            )
        )
    for namespace in namespaces.values():
        attributes_ = dedupe([safe_attribute(s.attribute) for s in namespace.services])
        modules = dedupe([s.module for s in namespace.services])
        for info, attribute, module in zip(namespace.services, attributes_, modules, strict=True):
            info.attribute = attribute
            info.module = module
    return [namespaces[p] for p in packages]


def method_names(operations: Sequence[Operation]) -> list[str]:
    return dedupe([safe_attribute(snake(op.name.words)) for op in operations])


# --- arguments -----------------------------------------------------------------------------

RESERVED_ARGUMENTS = frozenset(
    {"self", "request", "requests", "timeout", "metadata", "max_retries", "idempotency_key"}
)


class Argument(NamedTuple):  # (a tuple: one per request field of every method)
    name: str  # Python keyword argument
    wire: str  # proto field name
    annotation: str  # without "| None"
    doc: str


def argument_name(wire: str, reserved: set[str]) -> str:
    """A keyword argument for a field: the field name unless it is a keyword or taken."""
    name = wire.lstrip("_") or "field"
    if not name.isidentifier():
        name = snake(split_words(name))
    if name[0].isdigit():
        name = "n_" + name
    if keyword.iskeyword(name) or name in reserved or name in RESERVED_ARGUMENTS:
        name += "_"
    return name


def arguments(
    message: ObjectType | None,
    plain: Plain,
    reserved: set[str],
    describe: FieldDoc,
) -> list[Argument]:
    """One keyword argument per request field, typed by what it accepts (see `params`)."""
    if message is None:
        return []
    names = dedupe([argument_name(f.name.wire, reserved) for f in message.fields])
    return [
        Argument(name=name, wire=f.name.wire, annotation=plain.field(f), doc=describe(f))
        for f, name in zip(message.fields, names, strict=True)
    ]
