"""Changes of operations: added or removed, moved in the client, HTTP and WebSocket endpoints,
streaming, parameters, request bodies, responses, rpc messages and long-running results.

Operations are matched by id (OpenAPI operationId, `/package.Service/Method` for proto),
parameters by location and wire name, request bodies by media type, responses by status and
media type. Parameters and request bodies travel in requests; responses in responses.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diff import rules
from generator.diff.changes import Change, Level, pointer
from generator.diff.relation import default_text, describe, relation
from generator.diff.usage import REQUEST, RESPONSE
from generator.ir.model import (
    API,
    HttpBinding,
    LongRunning,
    Operation,
    Parameter,
    RequestBody,
    TypeExpr,
    WebSocketChannel,
)


def group_of(operation: Operation) -> str:
    """The section an operation is listed under: its proto service, or its client resource path."""
    if operation.rpc is not None:
        return operation.rpc.service
    return ".".join(name.wire for name in operation.group) or "(client)"


def endpoint(operation: Operation) -> str:
    """How a reader recognizes the operation: `GET /models` (for an rpc its first HTTP binding)."""
    if operation.http is not None:
        return f"{operation.http.method} {operation.http.path}"
    if operation.rpc is not None:
        first = operation.rpc.http[:1]
        return f"{first[0].method} {first[0].path}" if first else "gRPC only"
    if operation.websocket is not None:
        return f"WebSocket {operation.websocket.url}"
    return "no endpoint"


def method_path(operation: Operation) -> str:
    """Where the generated client puts the operation: `chat.completions.create`."""
    return ".".join([*(name.wire for name in operation.group), operation.name.wire])


class OperationComparer:
    def __init__(self, api_name: str) -> None:
        self.api_name = api_name
        self.group = ""
        self.op_id = ""

    def change(self, kind: str, level: Level, message: str, *segments: str) -> Change:
        return Change(
            self.api_name,
            self.group,
            kind,
            pointer("operations", self.op_id, *segments),
            level,
            message,
        )

    def compare(self, old: API, new: API) -> Iterator[Change]:
        old_ops = {o.id: o for o in old.operations}
        new_ops = {o.id: o for o in new.operations}
        for op_id in sorted(set(old_ops) | set(new_ops)):
            before, after = old_ops.get(op_id), new_ops.get(op_id)
            if before == after:
                continue
            shown = after if after is not None else before
            assert shown is not None
            self.op_id, self.group = op_id, group_of(shown)
            if before is None:
                yield self.change(
                    "operation_added",
                    "minor",
                    f"{_noun(shown)} `{op_id}` (`{endpoint(shown)}`) added",
                )
            elif after is None:
                yield self.change(
                    "operation_removed",
                    "major",
                    f"{_noun(before)} `{op_id}` (`{endpoint(before)}`) removed",
                )
            else:
                yield from self._operation(before, after)

    def _operation(self, before: Operation, after: Operation) -> Iterator[Change]:
        name = f"`{before.id}`"
        if method_path(before) != method_path(after):
            yield self.change(
                "operation_renamed",
                "major",
                f"{name}: client method moved from `{method_path(before)}` to `{method_path(after)}`",
            )
        if (before.streaming, before.stream_flag) != (after.streaming, after.stream_flag):
            yield self.change(
                "streaming_changed",
                "major",
                f"{name}: streaming changed from {_streaming(before)} to {_streaming(after)}",
                "streaming",
            )
        yield from self._http(name, before.http, after.http)
        yield from self._rpc(name, before, after)
        yield from self._long_running(name, before.long_running, after.long_running)
        yield from self._websocket(name, before.websocket, after.websocket)

    # --- HTTP --------------------------------------------------------------------------

    def _http(
        self, name: str, before: HttpBinding | None, after: HttpBinding | None
    ) -> Iterator[Change]:
        if before is None and after is None:
            return
        if before is None or after is None:
            level: Level = "major" if after is None else "minor"
            state = "lost its HTTP binding" if after is None else "gained an HTTP binding"
            yield self.change("http_changed", level, f"{name} {state}", "http")
            return
        if (before.method, before.path) != (after.method, after.path):
            yield self.change(
                "http_changed",
                "major",
                f"{name}: endpoint changed from `{before.method} {before.path}` to `{after.method} {after.path}`",
                "http",
            )
        yield from self._parameters(name, before.parameters, after.parameters)
        yield from self._bodies(name, before.bodies, after.bodies)
        yield from self._responses(name, before, after)

    def _parameters(
        self,
        name: str,
        before: tuple[Parameter, ...],
        after: tuple[Parameter, ...],
        base: str = "parameters",
    ) -> Iterator[Change]:
        old_params = {(p.location, p.name.wire): p for p in before}
        new_params = {(p.location, p.name.wire): p for p in after}
        for key in sorted(set(old_params) | set(new_params)):
            old_param, new_param = old_params.get(key), new_params.get(key)
            where, wire = key
            segments = (base, where, wire)
            label = f"{name} {where} parameter `{wire}`"
            if old_param is None:
                assert new_param is not None
                required = new_param.required and not new_param.has_default
                yield self.change(
                    "parameter_added",
                    rules.member_added(required, REQUEST),
                    f"{label} added ({'required' if required else 'optional'})",
                    *segments,
                )
            elif new_param is None:
                yield self.change("parameter_removed", "major", f"{label} removed", *segments)
            else:
                yield from self._parameter(label, old_param, new_param, segments)

    def _parameter(
        self, label: str, old: Parameter, new: Parameter, segments: tuple[str, ...]
    ) -> Iterator[Change]:
        level = rules.type_change(relation(old.type, new.type), REQUEST)
        if level is not None:
            yield self.change(
                "parameter_type_changed",
                level,
                f"{label} changed type from `{describe(old.type)}` to `{describe(new.type)}`",
                *segments,
            )
        if old.required != new.required:
            yield self.change(
                "parameter_required_changed",
                rules.required_change(new.required, REQUEST),
                f"{label} is now {'required' if new.required else 'optional'}",
                *segments,
            )
        if (old.has_default, old.default) != (new.has_default, new.default):
            yield self.change(
                "parameter_default_changed",
                "minor",
                f"{label} default changed from {default_text(old.has_default, old.default)} to "
                f"{default_text(new.has_default, new.default)}",
                *segments,
            )

    def _bodies(
        self, name: str, before: tuple[RequestBody, ...], after: tuple[RequestBody, ...]
    ) -> Iterator[Change]:
        old_bodies = {b.media_type: b for b in before}
        new_bodies = {b.media_type: b for b in after}
        for media in sorted(set(old_bodies) | set(new_bodies)):
            old_body, new_body = old_bodies.get(media), new_bodies.get(media)
            segments = ("request_body", media)
            label = f"{name} request body `{media}`"
            if old_body is None:
                assert new_body is not None
                # another media type beside an existing body is an alternative, not a new demand
                required = new_body.required and not before
                yield self.change(
                    "request_body_added",
                    rules.member_added(required, REQUEST),
                    f"{label} added ({'required' if required else 'optional'})",
                    *segments,
                )
            elif new_body is None:
                yield self.change("request_body_removed", "major", f"{label} removed", *segments)
            else:
                level = rules.type_change(relation(old_body.type, new_body.type), REQUEST)
                if level is not None:
                    yield self.change(
                        "request_body_type_changed",
                        level,
                        f"{label} changed type from `{describe(old_body.type)}` to `{describe(new_body.type)}`",
                        *segments,
                    )
                if old_body.required != new_body.required:
                    yield self.change(
                        "request_body_required_changed",
                        rules.required_change(new_body.required, REQUEST),
                        f"{label} is now {'required' if new_body.required else 'optional'}",
                        *segments,
                    )

    def _responses(self, name: str, before: HttpBinding, after: HttpBinding) -> Iterator[Change]:
        old_slots = _response_slots(before)
        new_slots = _response_slots(after)
        for key in sorted(set(old_slots) | set(new_slots)):
            status, media = key
            segments = ("responses", status, *((media,) if media else ()))
            label = f"{name} response {status}" + (f" `{media}`" if media else "")
            if key not in old_slots:
                yield self.change("response_added", "minor", f"{label} added", *segments)
            elif key not in new_slots:
                level: Level = "major" if status.startswith("2") else "patch"
                yield self.change("response_removed", level, f"{label} removed", *segments)
            else:
                yield from self._type_change(
                    "response_type_changed",
                    label,
                    old_slots[key],
                    new_slots[key],
                    "response",
                    segments,
                )

    # --- rpc, long-running, WebSocket -------------------------------------------------

    def _rpc(self, name: str, before: Operation, after: Operation) -> Iterator[Change]:
        old_rpc, new_rpc = before.rpc, after.rpc
        if old_rpc is None or new_rpc is None:
            return
        if old_rpc.request_type != new_rpc.request_type:
            yield self.change(
                "request_type_changed",
                "major",
                f"{name}: request message changed from `{old_rpc.request_type}` to `{new_rpc.request_type}`",
                "request",
            )
        if old_rpc.response_type != new_rpc.response_type:
            yield self.change(
                "response_type_changed",
                "major",
                f"{name}: response message changed from `{old_rpc.response_type}` to `{new_rpc.response_type}`",
                "response",
            )
        old_bindings = [_binding_text(b) for b in old_rpc.http]
        new_bindings = [_binding_text(b) for b in new_rpc.http]
        if old_bindings != new_bindings:
            lost = [b for b in old_bindings if b not in new_bindings]
            level: Level = "major" if lost or old_bindings[:1] != new_bindings[:1] else "minor"
            yield self.change(
                "http_changed",
                level,
                f"{name}: HTTP bindings changed from {_listing(old_bindings)} to {_listing(new_bindings)}",
                "http",
            )

    def _long_running(
        self, name: str, before: LongRunning | None, after: LongRunning | None
    ) -> Iterator[Change]:
        if before == after:
            return
        if before is None or after is None:
            state = "is no longer long-running" if after is None else "is now long-running"
            yield self.change("response_type_changed", "major", f"{name} {state}", "long_running")
            return
        for part, old_id, new_id in (
            ("response_type", before.response_type, after.response_type),
            ("metadata_type", before.metadata_type, after.metadata_type),
        ):
            if old_id != new_id:
                what = "result" if part == "response_type" else "metadata"
                yield self.change(
                    "response_type_changed",
                    "major",
                    f"{name}: long-running {what} changed from `{old_id or 'none'}` to `{new_id or 'none'}`",
                    "long_running",
                    part,
                )

    def _websocket(
        self, name: str, before: WebSocketChannel | None, after: WebSocketChannel | None
    ) -> Iterator[Change]:
        if before is None or after is None:
            if before != after:
                level: Level = "major" if after is None else "minor"
                state = (
                    "lost its WebSocket channel" if after is None else "gained a WebSocket channel"
                )
                yield self.change("websocket_changed", level, f"{name} {state}", "websocket")
            return
        if before.url != after.url:
            yield self.change(
                "websocket_changed",
                "major",
                f"{name}: WebSocket URL changed from `{before.url}` to `{after.url}`",
                "websocket",
            )
        yield from self._parameters(name, before.query, after.query, base="websocket_query")
        yield from self._type_change(
            "request_type_changed",
            f"{name} client events",
            before.client_events,
            after.client_events,
            "request",
            ("websocket", "client_events"),
        )
        yield from self._type_change(
            "response_type_changed",
            f"{name} server events",
            before.server_events,
            after.server_events,
            "response",
            ("websocket", "server_events"),
        )

    def _type_change(
        self,
        kind: str,
        label: str,
        before: TypeExpr | None,
        after: TypeExpr | None,
        direction: str,
        segments: tuple[str, ...],
    ) -> Iterator[Change]:
        if before == after:
            return
        if before is None or after is None:
            level: Level = "major"
        else:
            found = rules.type_change(
                relation(before, after), REQUEST if direction == "request" else RESPONSE
            )
            if found is None:
                return
            level = found
        old_text = describe(before) if before is not None else "no schema"
        new_text = describe(after) if after is not None else "no schema"
        yield self.change(
            kind, level, f"{label} changed type from `{old_text}` to `{new_text}`", *segments
        )


def _noun(operation: Operation) -> str:
    return "rpc" if operation.rpc is not None else "operation"


def _streaming(operation: Operation) -> str:
    text = f"`{operation.streaming}`"
    if operation.stream_flag:
        text += f" (when `{operation.stream_flag}` is set)"
    return text


def _response_slots(binding: HttpBinding) -> dict[tuple[str, str], TypeExpr | None]:
    slots: dict[tuple[str, str], TypeExpr | None] = {}
    for response in binding.responses:
        if not response.contents:
            slots[(response.status, "")] = None
        for content in response.contents:
            slots[(response.status, content.media_type)] = content.type
    return slots


def _binding_text(binding: HttpBinding) -> str:
    text = f"{binding.method} {binding.path}"
    if binding.body_field:
        text += f" body:{binding.body_field}"
    if binding.response_field:
        text += f" response:{binding.response_field}"
    return text


def _listing(items: list[str]) -> str:
    return ", ".join(f"`{item}`" for item in items) if items else "none"
