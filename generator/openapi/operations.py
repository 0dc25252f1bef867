"""Path Items -> IR operations: grouping and naming, parameters, bodies, responses, streaming."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from generator.diagnostics import Diagnostics
from generator.ir.model import (
    HttpBinding,
    JSONValue,
    Name,
    Operation,
    Pagination,
    Parameter,
    ParameterLocation,
    RequestBody,
    Response,
    ResponseContent,
    StreamingKind,
    TypeExpr,
)
from generator.ir.serialize import content_digest
from generator.ir.words import make_name, split_words
from generator.openapi import constraints, lookup, media, pagination, shapes
from generator.openapi.load import RefProblem, Site, Spec
from generator.openapi.method_names import shorten_method_names
from generator.openapi.naming import Place
from generator.openapi.schema_units import SchemaUnits
from generator.openapi.schemas import SchemaConverter

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
_LOCATIONS: tuple[ParameterLocation, ...] = ("path", "query", "header", "cookie")
_BINARY = TypeExpr(kind="primitive", primitive="binary", format="binary")
_TEXT = TypeExpr(kind="primitive", primitive="string")
_TEMPLATE = re.compile(r"{([^{}]+)}")


def operation_id(raw: dict[str, Any], method: str, path: str) -> str:
    given = raw.get("operationId")
    return given if isinstance(given, str) and given else f"{method.upper()} {path}"


def literal_segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s and not _TEMPLATE.search(s)]


def template_names(path: str) -> list[str]:
    return _TEMPLATE.findall(path)


# (path, method, operation, its site, path item, the path item's site); `$ref`s followed
OperationNode = tuple[str, str, dict[str, Any], Site, dict[str, Any], Site]


def operation_nodes(spec: Spec, report: Callable[[RefProblem], None]) -> Iterator[OperationNode]:
    """Every operation of the spec, path items and operations given as `$ref` resolved (real
    descriptions write `get: {$ref: ops/get_x.yaml}` though OpenAPI only allows it on path items).
    A reference that cannot be followed is reported and its operation left out."""
    paths = spec.root.data.get("paths")
    if not isinstance(paths, dict):
        return
    paths_site = spec.root_site.child("paths")
    for path, item in paths.items():
        try:
            item_node, item_site = spec.deref(item, paths_site.child(path))
        except RefProblem as problem:
            report(problem)
            continue
        if not isinstance(item_node, dict):
            continue
        for method in METHODS:
            if method not in item_node:
                continue
            try:
                raw, site = spec.deref(item_node[method], item_site.child(method))
            except RefProblem as problem:
                report(problem)
                continue
            if isinstance(raw, dict):
                yield str(path), method, raw, site, item_node, item_site


class OperationConverter:
    def __init__(self, spec: Spec, schemas: SchemaConverter, diagnostics: Diagnostics) -> None:
        self.spec = spec
        self.schemas = schemas
        self.diagnostics = diagnostics

    def convert_all(self) -> list[Operation]:
        operations: list[Operation] = []
        declared: list[str] = []  # ids of operations whose `x-codegen-method` names them
        for found in operation_nodes(self.spec, self._report):
            try:
                operations.append(self._unit(found))
            except RefProblem as problem:
                self.diagnostics.error(problem.where, problem.message)
                continue
            raw = found[2]
            if isinstance(raw.get("x-codegen-method"), str) and raw["x-codegen-method"]:
                declared.append(operations[-1].id)
            elif not (isinstance(raw.get("operationId"), str) and raw["operationId"]):
                self.diagnostics.warn(
                    self.spec.where(found[3]),
                    f"`{found[1].upper()} {found[0]}` has no operationId: its method name comes "
                    "from the HTTP method and path and changes when the path does; add an "
                    "operationId (or x-codegen-method)",
                )
        return shorten_method_names(operations, declared)

    def _report(self, problem: RefProblem) -> None:
        self.diagnostics.error(problem.where, problem.message)

    # --- units: one operation, replayed when nothing it read changed (`schema_units`) ----

    def _unit(self, found: OperationNode) -> Operation:
        """The operation, replayed from the last run when every entry, site, place and named
        type it read is as it was then; else converted (and recorded for the next run)."""
        units = self.schemas.units
        if units is None:
            return self._operation(found)
        path, method, _, site, _, item_site = found
        if site.path != self.spec.root.path or item_site.path != self.spec.root.path:
            return self._operation(found)  # (another file: see `schema_units`)
        key = ("operation", method, path)  # (a tuple: no component schema's key)
        replayed = self._replayed(units.recorded(key), units)
        if replayed is not None:
            units.keep(key, units.recorded(key))
            units.operations_reused += 1
            units.operations_digested.append(replayed)
            return replayed[0]
        units.operations_converted += 1
        looked: set[str] = set()
        handed = {self.spec.root_site.child("paths", path), item_site, site}  # (found before)
        operation, record = self.schemas.recorded(handed, units, lambda: self._operation(found), looked)
        if record is not None:
            made = {fact[0] for fact in record[5]}  # (what it made itself is read as it made it)
            types = tuple((i, self.schemas.type_digest(i, units)) for i in sorted(looked - made))
            digest = content_digest(operation)  # (taken downstream anyway: handed on from here)
            units.keep(key, (record, operation, types, digest))
            units.operations_digested.append((operation, digest))
        return operation

    def _replayed(self, record: Any, units: SchemaUnits) -> tuple[Operation, str] | None:
        """The recorded operation and its content digest when its record replays (its unit's
        effects then made)."""
        try:
            unit, operation, types, digest = record
            if any(self.schemas.type_digest(i, units) != known for i, known in types):
                return None
        except (TypeError, ValueError):  # none, damaged or foreign: a miss
            return None
        if type(operation) is not Operation or type(digest) is not str:
            return None
        if not self.schemas.replayed(unit, units):
            return None
        return operation, digest

    # --- one operation ----------------------------------------------------------------

    def _operation(self, found: OperationNode) -> Operation:
        path, method, raw, site, item, item_site = found
        op_id = operation_id(raw, method, path)
        place = Place.root(
            op_id if "operationId" in raw else "_".join(_fallback_words(method, path))
        )
        parameters = self._parameters(item, item_site, raw, site, place)
        bodies = self._bodies(raw, site, place)
        responses = self._responses(raw, site, place)
        streaming, stream_flag = self._streaming(responses, bodies)
        verb = method.upper()
        terminator = raw.get("x-codegen-sse-terminator")
        idempotent_flag = raw.get("x-idempotent")
        return Operation(
            id=op_id,
            name=self._method_name(raw, method, path),
            group=self._group(raw, path),
            summary=_text(raw.get("summary")),
            description=_text(raw.get("description")),
            deprecated=raw.get("deprecated") is True,
            idempotent=idempotent_flag
            if isinstance(idempotent_flag, bool)
            else verb in _IDEMPOTENT,
            http=HttpBinding(
                method=verb,
                path=path,
                parameters=parameters,
                bodies=bodies,
                responses=responses,
            ),
            streaming=streaming,
            stream_flag=stream_flag,
            stream_terminator=terminator if isinstance(terminator, str) else "",
            pagination=self._pagination(raw, site, verb, parameters, responses),
            location=self.spec.location(site),
        )

    def _group(self, raw: dict[str, Any], path: str) -> tuple[Name, ...]:
        resource = raw.get("x-codegen-resource")
        if isinstance(resource, str) and resource.strip("."):
            return tuple(make_name(part) for part in resource.split(".") if part)
        tags = raw.get("tags")
        if isinstance(tags, list) and tags and isinstance(tags[0], str):
            return (make_name(tags[0]),)
        segments = literal_segments(path)
        return (make_name(segments[0]),) if segments else (Name("root", ("root",)),)

    def _method_name(self, raw: dict[str, Any], method: str, path: str) -> Name:
        declared = raw.get("x-codegen-method")
        if isinstance(declared, str) and declared:
            return make_name(declared)
        given = raw.get("operationId")
        if isinstance(given, str) and given:
            return make_name(given)
        return Name(f"{method.upper()} {path}", _fallback_words(method, path))

    # --- parameters -------------------------------------------------------------------

    def _parameters(
        self,
        item: dict[str, Any],
        item_site: Site,
        raw: dict[str, Any],
        site: Site,
        place: Place,
    ) -> tuple[Parameter, ...]:
        merged: dict[tuple[str, str], tuple[dict[str, Any], Site]] = {}
        for owner, owner_site in ((item, item_site), (raw, site)):
            listed = owner.get("parameters")
            if not isinstance(listed, list):
                continue
            for index, entry in enumerate(listed):
                node, node_site = self.spec.deref(entry, owner_site.child("parameters", index))
                if not isinstance(node, dict):
                    continue
                name, where = node.get("name"), node.get("in")
                if isinstance(name, str) and where in _LOCATIONS:
                    merged[(name, where)] = (node, node_site)
                else:
                    self.diagnostics.warn(
                        self.spec.where(node_site), "parameter without a valid `name` and `in`"
                    )
        return tuple(self._parameter(node, node_site, place) for node, node_site in merged.values())

    def _parameter(self, node: dict[str, Any], site: Site, place: Place) -> Parameter:
        name: str = node["name"]
        where: ParameterLocation = node["in"]
        schema, schema_site = node.get("schema"), site.child("schema")
        content = node.get("content")
        if schema is None and isinstance(content, dict) and content:
            media_type = next(iter(content))
            schema = _get(content[media_type], "schema")
            schema_site = site.child("content", media_type, "schema")
        expr = self.schemas.expr(schema, schema_site, place.child(name))
        default_owner = schema if isinstance(schema, dict) and "default" in schema else node
        has_default = isinstance(default_owner, dict) and "default" in default_owner
        default: JSONValue = default_owner.get("default") if has_default else None
        explode = node.get("explode")
        style = node.get("style")
        required = where == "path" or node.get("required") is True
        return Parameter(
            name=make_name(name),
            location=where,
            type=expr,
            required=required,
            style=style if isinstance(style, str) else "",
            explode=explode if isinstance(explode, bool) else None,
            deprecated=node.get("deprecated") is True,
            description=_text(node.get("description")) or shapes.description(schema),
            default=default,
            has_default=has_default,
            validation=constraints.validation(schema, required),
            source=self.spec.location(site),
        )

    # --- bodies -----------------------------------------------------------------------

    def _bodies(self, raw: dict[str, Any], site: Site, place: Place) -> tuple[RequestBody, ...]:
        if "requestBody" not in raw:
            return ()
        node, body_site = self.spec.deref(raw["requestBody"], site.child("requestBody"))
        if not isinstance(node, dict):
            return ()
        content = node.get("content")
        if not isinstance(content, dict):
            return ()
        bodies = []
        body_place = place.child("request")
        for media_type, raw_entry in content.items():
            entry, entry_site = self.spec.deref(raw_entry, body_site.child("content", media_type))
            schema = _get(entry, "schema")
            schema_site = entry_site.child("schema")
            if media.essence(media_type) == "application/octet-stream" or (
                schema is None and not media.is_json(media_type)
            ):
                expr = _BINARY
            else:
                expr = self.schemas.expr(schema, schema_site, body_place)
            bodies.append(
                RequestBody(
                    media_type=media_type,
                    type=expr,
                    required=node.get("required") is True,
                    description=_text(node.get("description")),
                    file_fields=self._file_fields(media_type, expr),
                )
            )
        return tuple(bodies)

    def _file_fields(self, media_type: str, expr: TypeExpr) -> tuple[str, ...]:
        if media.essence(media_type) != "multipart/form-data":
            return ()
        obj = lookup.object_of(expr, self.schemas.named)
        if obj is None:
            return ()
        types = self.schemas.named
        return tuple(f.name.wire for f in obj.fields if lookup.carries_files(f.type, types))

    # --- responses --------------------------------------------------------------------

    def _responses(self, raw: dict[str, Any], site: Site, place: Place) -> tuple[Response, ...]:
        declared = raw.get("responses")
        if not isinstance(declared, dict):
            return ()
        resolved: list[tuple[str, dict[str, Any], Site]] = []
        for status, entry in declared.items():
            node, node_site = self.spec.deref(entry, site.child("responses", str(status)))
            if isinstance(node, dict):
                resolved.append((str(status), node, node_site))
        inline = [status for status, node, _ in resolved if _has_inline_schema(node)]
        responses = []
        for status, node, node_site in sorted(resolved, key=lambda r: status_order(r[0])):
            response_place = place.child("response")
            if len(inline) > 1:
                response_place = response_place.child(status)
            responses.append(self._response(status, node, node_site, response_place))
        return tuple(responses)

    def _response(self, status: str, node: dict[str, Any], site: Site, place: Place) -> Response:
        contents = []
        content = node.get("content")
        for media_type, raw_entry in (content or {}).items() if isinstance(content, dict) else ():
            # a Media Type Object given as `$ref`: not in OpenAPI, but written in the wild
            entry, entry_site = self.spec.deref(raw_entry, site.child("content", media_type))
            schema = _get(entry, "schema")
            schema_site = entry_site.child("schema")
            content_place = (
                place
                if media.is_json(media_type)
                else place.child("_".join(split_words(media.essence(media_type).split("/")[-1])))
            )
            expr: TypeExpr | None
            if media.is_binary(media_type):
                expr = _BINARY
            elif schema is None:
                expr = _TEXT if media.is_text(media_type) else None
            else:
                expr = self.schemas.expr(schema, schema_site, content_place)
            contents.append(ResponseContent(media_type=media_type, type=expr))
        headers = node.get("headers")
        return Response(
            status=status,
            description=_text(node.get("description")),
            contents=tuple(contents),
            headers=tuple(sorted(headers)) if isinstance(headers, dict) else (),
        )

    # --- behaviour --------------------------------------------------------------------

    def _streaming(
        self, responses: tuple[Response, ...], bodies: tuple[RequestBody, ...]
    ) -> tuple[StreamingKind, str]:
        for response in responses:
            if not response.status.startswith("2"):
                continue
            kinds = [c.media_type for c in response.contents]
            kind: StreamingKind = "none"
            if any(media.is_sse(k) for k in kinds):
                kind = "sse"
            elif any(media.is_ndjson(k) for k in kinds):
                kind = "ndjson"
            if kind == "none":
                continue
            flag = ""
            if any(media.is_json(k) for k in kinds):
                # a boolean `stream` in any body, JSON or form (image edits, transcriptions)
                for body in bodies:
                    stream = lookup.field(lookup.object_of(body.type, self.schemas.named), "stream")
                    if stream is not None and lookup.is_kind(
                        stream.type, self.schemas.named, "primitive", "boolean"
                    ):
                        flag = "stream"
            return kind, flag
        return "none", ""

    def _pagination(
        self,
        raw: dict[str, Any],
        site: Site,
        verb: str,
        parameters: tuple[Parameter, ...],
        responses: tuple[Response, ...],
    ) -> Pagination | None:
        if "x-codegen-pagination" in raw:
            found = pagination.declared(raw["x-codegen-pagination"])
            if isinstance(found, Pagination):
                return found
            self.diagnostics.warn(self.spec.where(site.child("x-codegen-pagination")), found)
            return None
        return pagination.recognize(verb, parameters, responses, self.schemas.named)


def status_order(status: str) -> tuple[int, str]:
    """1xx..5xx by number, then ranges (2XX), then `default`, then anything else."""
    if status.isdigit():
        return 0, status.zfill(3)
    if len(status) == 3 and status[0].isdigit() and status[1:].upper() == "XX":
        return 1, status.upper()
    if status == "default":
        return 2, status
    return 3, status


def _has_inline_schema(response: dict[str, Any]) -> bool:
    content = response.get("content")
    if not isinstance(content, dict):
        return False
    for entry in content.values():
        schema = _get(entry, "schema")
        if isinstance(schema, dict) and not shapes.is_pure_ref(schema):
            return True
    return False


def _fallback_words(method: str, path: str) -> tuple[str, ...]:
    words = [method.lower()]
    for segment in literal_segments(path):
        words.extend(split_words(segment))
    return tuple(words)


def _get(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
