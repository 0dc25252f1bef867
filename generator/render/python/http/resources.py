"""Operations grouped into a tree of resources (`client.chat.completions.create`), one module each."""

from __future__ import annotations

import re
from dataclasses import field, replace

from generator.ir.model import API, Name, Operation
from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.http.annotations import Annotator
from generator.render.python.http.operations import MethodView, build_method
from generator.render.python.http.symbols import Symbols
from generator.render.python.http.websockets import IMPORT as CHANNEL_IMPORT
from generator.render.python.http.websockets import ChannelView, build_channel
from generator.render.python.imports import group_imports
from generator.render.python.literals import docstring
from generator.render.python.naming import dedupe, pascal, safe_attribute, snake


@lazy_dataclass
class ChildView:
    attribute: str
    class_name: str
    module: str


@lazy_dataclass
class ResourceView:
    path: tuple[str, ...]  # group words joined per level, e.g. ("chat", "completions")
    class_name: str
    module: str
    doc: str
    methods: list[MethodView] = field(default_factory=list)
    channels: list[ChannelView] = field(default_factory=list)  # WebSocket `connect` methods
    children: list[ChildView] = field(default_factory=list)
    imports: list[str] = field(default_factory=list)
    operation_ids: dict[str, str] = field(default_factory=dict)  # method name -> operation id


@lazy_dataclass
class _Node:
    names: tuple[Name, ...]
    operations: list[Operation] = field(default_factory=list)
    children: dict[str, _Node] = field(default_factory=dict)


def resource_tree(api: API) -> _Node:
    root = _Node(names=())
    for operation in api.operations:
        if operation.http is None and operation.websocket is None:
            continue
        node = root
        for level, name in enumerate(operation.group):
            key = snake(name.words)
            if key not in node.children:
                node.children[key] = _Node(names=operation.group[: level + 1])
            node = node.children[key]
        node.operations.append(operation)
    return root


@lazy_dataclass(frozen=True)
class ResourcePlan:
    """What one resource is, decided for the whole API (the tree, names that must not collide);
    its view is built from this alone (`build_resource`)."""

    path: tuple[str, ...]
    class_name: str
    module: str
    doc: str
    children: tuple[ChildView, ...]
    operations: tuple[Operation, ...]  # sorted by id
    method_names: tuple[str, ...]  # one per operation


def plan_resources(api: API, symbols: Symbols) -> tuple[list[ResourcePlan], list[ChildView]]:
    """Every resource's plan, plus the top-level children that the client exposes."""
    root = resource_tree(api)
    if root.operations:
        # operations without a group hang off a resource named after the API
        root.children.setdefault("default", _Node(names=(Name("default", ("default",)),), operations=root.operations))
        root.operations = []
    nodes: list[_Node] = []
    _collect(root, nodes)
    model_names = set(symbols.class_names.values())
    class_names = dedupe(
        sorted(model_names) + [_resource_class_name(node, model_names) for node in nodes]
    )[len(model_names) :]
    modules = dedupe([snake([w for n in node.names for w in n.words]) for node in nodes])
    index = {id(node): (c, m) for node, c, m in zip(nodes, class_names, modules)}
    plans: list[ResourcePlan] = []
    for node in nodes:
        class_name, module = index[id(node)]
        child_attrs = dedupe([safe_attribute(key, {"with_raw_response"}) for key in sorted(node.children)])
        children = tuple(
            ChildView(attr, *index[id(node.children[key])])
            for attr, key in zip(child_attrs, sorted(node.children))
        )
        taken = {c.attribute for c in children} | {"with_raw_response"}
        operations = tuple(sorted(node.operations, key=lambda op: op.id))
        method_names = dedupe([safe_attribute(snake(op.name.words), taken) for op in operations])
        plans.append(
            ResourcePlan(
                path=tuple(snake(n.words) for n in node.names),
                class_name=class_name,
                module=module,
                doc=docstring(_resource_doc(node), "    "),
                children=children,
                operations=operations,
                method_names=tuple(method_names),
            )
        )
    top = [ChildView(c_attr, *index[id(root.children[key])]) for c_attr, key in zip(
        dedupe([safe_attribute(k) for k in sorted(root.children)]), sorted(root.children))]
    return plans, top


def build_resource(plan: ResourcePlan, symbols: Symbols, base_url: str) -> ResourceView:
    """The view of one resource: its methods, channels and imports."""
    annotator = Annotator(symbols)
    pairs = list(zip(plan.operations, plan.method_names))
    methods = [build_method(op, name, annotator, symbols.types) for op, name in pairs if op.websocket is None]
    channels = [build_channel(op, name, annotator, base_url) for op, name in pairs if op.websocket is not None]
    taken = {c.attribute for c in plan.children} | {"with_raw_response"}
    _qualify_shadowed_builtins(methods, {m.name for m in methods} | taken)
    view = ResourceView(
        path=plan.path,
        class_name=plan.class_name,
        module=plan.module,
        doc=plan.doc,
        methods=methods,
        channels=channels,
        children=list(plan.children),
        operation_ids={name: op.id for op, name in pairs},
    )
    view.imports = _imports(view, annotator, symbols)
    return view


def base_url_of(api: API) -> str:
    return api.servers[0].url if api.servers else ""


def build_resources(api: API, symbols: Symbols) -> tuple[list[ResourceView], list[ChildView]]:
    """All resource views, plus the top-level children that the client exposes."""
    plans, top = plan_resources(api, symbols)
    return [build_resource(plan, symbols, base_url_of(api)) for plan in plans], top


def _resource_class_name(node: _Node, model_names: set[str]) -> str:
    """Pascal-case group words; `Resource` appended when a model already has the name."""
    name = pascal([w for n in node.names for w in n.words])
    if name in model_names or f"Async{name}" in model_names:
        name += "Resource"
    return name


def _collect(node: _Node, out: list[_Node]) -> None:
    for key in sorted(node.children):
        child = node.children[key]
        out.append(child)
        _collect(child, out)


def _resource_doc(node: _Node) -> str:
    words = " ".join(w for n in node.names for w in n.words)
    return f"Operations on {words}." if words else ""


_BUILTIN_GENERIC = re.compile(r"(?<![\w.])(list|dict|type)\[")


def _qualify_shadowed_builtins(methods: list[MethodView], members: set[str]) -> None:
    """Inside a class with a method named `list`, the annotation `list[X]` would mean the method."""
    shadowed = members & {"list", "dict", "type"}
    if not shadowed:
        return
    pattern = re.compile(r"(?<![\w.])(" + "|".join(sorted(shadowed)) + r")\[")
    for method in methods:
        method.returns = pattern.sub(r"builtins.\1[", method.returns)
        method.async_returns = pattern.sub(r"builtins.\1[", method.async_returns)
        method.stream_item = pattern.sub(r"builtins.\1[", method.stream_item)
        method.arguments = [
            replace(a, annotation=pattern.sub(r"builtins.\1[", a.annotation)) for a in method.arguments
        ]
        method.errors = [
            replace(e, annotation=pattern.sub(r"builtins.\1[", e.annotation)) for e in method.errors
        ]


def _imports(view: ResourceView, annotator: Annotator, symbols: Symbols) -> list[str]:
    lines: list[str] = []
    texts = [
        m.returns + m.async_returns + m.stream_item + "".join(a.annotation for a in m.arguments)
        + "".join(e.annotation for e in m.errors)
        for m in view.methods
    ]
    texts += [c.client_events + c.server_events + "".join(a.annotation for a in c.arguments) for c in view.channels]
    if any("builtins." in t for t in texts):
        lines.append("import builtins")
    if annotator.needs_datetime:
        lines.append("import datetime")
    typing_names = set(annotator.typing_names) - {"Mapping", "Sequence"}
    if any(m.stream == "flag" for m in view.methods):
        typing_names |= {"Literal", "overload"}
    if view.children:
        typing_names.add("TYPE_CHECKING")
    if typing_names:
        lines.append(f"from typing import {', '.join(sorted(typing_names))}")
    if view.children:
        lines.append("from functools import cached_property")
    abc = sorted(annotator.typing_names & {"Mapping", "Sequence"})
    if abc:
        lines.append(f"from collections.abc import {', '.join(abc)}")
    pydantic_names = set(annotator.pydantic_names)
    if any("Field(" in t for t in texts):
        pydantic_names.add("Field")
    if pydantic_names:
        lines.append(f"from pydantic import {', '.join(sorted(pydantic_names))}")
    lines.append("from .._runtime._base_client import AsyncResource, SyncResource")
    types_names = {"Headers", "Omit", "Query", "Timeout", "make_options", "omit"}
    if view.methods or not view.channels:
        types_names.add("Body")
    if any(m.page for m in view.methods):
        types_names.add("PageSpec")
    if "FileTypes" in annotator.runtime_names:
        types_names.add("FileTypes")
    lines.append(f"from .._runtime._types import {', '.join(sorted(types_names, key=lambda n: (n.lower(), n)))}")
    if any(m.path.startswith("f") for m in view.methods):
        lines.append("from .._runtime._query import encode_path")
    if any(m.files or m.body == "multipart" for m in view.methods):
        lines.append("from .._runtime._files import file_parts")
    response_names = set()
    if view.methods:
        response_names |= {"async_to_raw_response_wrapper", "to_raw_response_wrapper"}
    if any(m.binary for m in view.methods):
        response_names |= {"AsyncBinaryResponse", "BinaryResponse"}
    if response_names:
        lines.append(f"from .._runtime._response import {', '.join(sorted(response_names))}")
    if any(m.stream != "never" for m in view.methods):
        lines.append("from .._runtime._streaming import AsyncStream, Stream")
    if any(m.page for m in view.methods):
        lines.append("from .._runtime._pagination import AsyncPaginator, SyncPage")
    if "discriminate" in annotator.runtime_names:
        lines.append("from .._runtime._models import discriminate")
    if view.channels:
        lines.append(CHANNEL_IMPORT)
    by_module: dict[str, set[str]] = {}
    for ref, name in annotator.refs.items():
        by_module.setdefault(symbols.modules[ref], set()).add(name)
    for module in sorted(by_module):
        lines.append(f"from ..models.{module} import {', '.join(sorted(by_module[module]))}")
    return group_imports(lines)
