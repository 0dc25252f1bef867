"""Calls every generated method against the conformance server and judges the outcome.

Arguments come from the drawn data (`draws.py`), mapped to the method's keyword arguments by
their wire names (compared without case and punctuation); the IR only says which method serves
which operation, which body fields are files and which argument switches streaming on.

A call passes when the server's validator found no fault in any request it made, the reply the
case asked for was served, and what the method returned, turned back into plain data, equals
what the server sent (see `same` for the documented lenient rules).
"""

from __future__ import annotations

import inspect
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from tests.conformance.server import CASE_HEADER, ConformanceServer

CALL_TIMEOUT = 10.0  # seconds, a deadline for each call (the client applies it across reads)
_ids = itertools.count()
STREAM_ERROR = {"(the stream raised StreamError)": True}


@dataclass
class Call:
    operation_id: str
    label: str  # "sync/full/text/event-stream#2"
    kwargs: dict[str, Any]
    expected: dict[str, Any]  # the preferred reply
    replies: dict[str | None, dict[str, Any]]
    is_async: bool
    route: str  # "METHOD /template" of the operation in the spec
    typed: bool  # the reply's schema declares an object with properties: expect a model


def norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def method_of(client: Any, operation: dict[str, Any]) -> Callable[..., Any]:
    target = client
    for part in [*operation["group"], operation["name"]]:
        name = "_".join(part["words"])
        target = getattr(target, name, None) or getattr(target, name + "_")
    return target  # type: ignore[no-any-return]


def plan(
    operation: dict[str, Any],
    drawn: dict[str, Any],
    signature: inspect.Signature,
    route: str,
    typed: set[str],
    declared: set[str],
    *,
    is_async: bool,
) -> list[Call]:
    """One call per drawn reply: the first draw of each media type with required arguments only."""
    calls = []
    first: dict[str | None, dict[str, Any]] = {}
    for reply in drawn["replies"]:
        first.setdefault(reply["media_type"], reply)
    counts: dict[str | None, int] = {}
    terminator = operation.get("stream_terminator")
    for reply in drawn["replies"]:
        media_type = reply["media_type"]
        index = counts[media_type] = counts.get(media_type, -1) + 1
        mode = "required" if index == 0 else "full"
        if media_type == "text/event-stream":
            reply = dict(reply, terminator=terminator)
        replies = {media_type: reply} | {m: r for m, r in first.items() if m != media_type}
        kwargs = arguments(
            operation,
            drawn["arguments"][mode],
            signature,
            streaming=media_type == "text/event-stream",
            full=mode == "full",
            declared=declared,
        )
        label = f"{'async' if is_async else 'sync'}/{mode}/{media_type or 'no content'}#{index}"
        call = Call(
            operation["id"], label, kwargs, reply, replies, is_async, route, media_type in typed
        )
        calls.append(call)
    return calls


def arguments(
    operation: dict[str, Any],
    drawn: dict[str, Any],
    signature: inspect.Signature,
    *,
    streaming: bool,
    full: bool,
    declared: set[str],
) -> dict[str, Any]:
    """Keyword arguments; a body property the spec does not declare (drawn where the schema
    allows additional properties) goes in `extra_body`."""
    names = {norm(name): name for name in signature.parameters}
    out: dict[str, Any] = {}

    def put(wire: str, value: Any) -> None:
        name = names.get(norm(wire))
        if name is None:
            raise LookupError(
                f"the method has no argument for `{wire}`: {sorted(signature.parameters)}"
            )
        out[name] = value

    for key, value in drawn["parameters"].items():
        location, wire = key.split(":", 1)
        if location == "path" and isinstance(value, str) and set(value) == {"."}:
            value += "_"  # "." and ".." are dot segments, which URLs resolve away, not ids
        put(wire, value)
    body = drawn["body"]
    if body is not None:
        bodies = operation["http"].get("bodies", [])
        files = {name for body in bodies for name in body.get("file_fields", [])}
        value = body["value"]
        if isinstance(value, dict) and "body" not in signature.parameters:
            for wire, item in value.items():
                if wire in declared or norm(wire) in names:
                    put(wire, as_file(wire, item) if wire in files else item)
                else:
                    out.setdefault("extra_body", {})[wire] = item
        else:
            out["body" if "body" in signature.parameters else "content"] = value
    flag = operation.get("stream_flag")
    if flag:
        if streaming:
            put(flag, True)
        elif full:
            put(flag, False)
        else:
            out.pop(names.get(norm(flag), flag), None)
    return out


def as_file(wire: str, value: Any) -> Any:
    """A drawn binary (a string) as an upload; an object drawn for a field that takes a file or
    an object (OpenAI's video `input_reference`) stays an object."""
    if isinstance(value, list):
        return [as_file(f"{wire}{i}", item) for i, item in enumerate(value)]
    if isinstance(value, dict):
        return value
    return (f"{wire}.bin", str(value).encode(), "application/octet-stream")


def prepare(server: ConformanceServer, call: Call) -> dict[str, Any]:
    case_id = f"{call.operation_id}-{next(_ids)}"
    call.case = server.expect(case_id, call.replies)  # type: ignore[attr-defined]
    return dict(
        call.kwargs, extra_headers={CASE_HEADER: case_id}, timeout=CALL_TIMEOUT, max_retries=0
    )


def run_sync(
    method: Callable[..., Any], server: ConformanceServer, call: Call, operation: dict[str, Any]
) -> list[str]:
    try:
        result = method(**prepare(server, call))
        got = realize_sync(result, call.expected, operation)
    except Exception as exc:
        return judge(call, None, exc)
    return judge(call, got, None)


async def run_async(
    method: Callable[..., Any], server: ConformanceServer, call: Call, operation: dict[str, Any]
) -> list[str]:
    try:
        result = await method(**prepare(server, call))
        got = await realize_async(result, call.expected, operation)
    except Exception as exc:
        return judge(call, None, exc)
    return judge(call, got, None)


def realize_sync(result: Any, expected: dict[str, Any], operation: dict[str, Any]) -> Any:
    media_type = expected["media_type"]
    if (
        media_type == "text/event-stream"
        and hasattr(result, "__iter__")
        and not isinstance(result, (dict, list))
        and not hasattr(result, "model_dump")
    ):
        events = []
        try:
            for event in result:
                events.append(dump(event))
        except Exception as exc:
            if type(exc).__name__ != "StreamError":
                raise
            events.append(STREAM_ERROR)
        return events
    if hasattr(result, "read") and not hasattr(result, "model_dump"):
        return result.read()
    return realize_value(result, operation)


async def realize_async(result: Any, expected: dict[str, Any], operation: dict[str, Any]) -> Any:
    media_type = expected["media_type"]
    if media_type == "text/event-stream" and hasattr(result, "__aiter__"):
        events = []
        try:
            async for event in result:
                events.append(dump(event))
        except Exception as exc:
            if type(exc).__name__ != "StreamError":
                raise
            events.append(STREAM_ERROR)
        return events
    if hasattr(result, "read") and not hasattr(result, "model_dump"):
        return await result.read()
    return realize_value(result, operation)


def realize_value(result: Any, operation: dict[str, Any]) -> Any:
    pagination = operation.get("pagination")
    if pagination and hasattr(result, "raw") and hasattr(result, "items"):
        raw = dict(result.raw)
        raw[pagination["items_field"]] = [dump(item) for item in result.items]
        return raw
    if isinstance(result, dict):
        return PlainDict(dump(result))
    return dump(result)


class PlainDict(dict[str, Any]):
    """A result that came back as a dict where the spec declares a typed object."""


def dump(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [dump(v) for v in value]
    if isinstance(value, dict):
        return {k: dump(v) for k, v in value.items()}
    if hasattr(value, "value") and hasattr(value, "name"):  # an enum member
        return value.value
    return value


def judge(call: Call, got: Any, error: BaseException | None) -> list[str]:
    case = call.case  # type: ignore[attr-defined]
    where = f"{call.operation_id} [{call.label}]"
    problems = []
    for seen in case.seen:
        for message in seen.errors:
            problems.append(f"{where}: invalid request {seen.method} {seen.path}: {message[:400]}")
    if not case.seen:
        problems.append(f"{where}: no request reached the server")
    # a spec path may carry a query (OpenAI's `/responses?beta=true`): the validator's path finder
    # matches the path alone, so the query is checked here, pair by pair
    route, _, route_query = call.route.partition("?")
    for seen in case.seen:
        query = parse_qsl(seen.path.partition("?")[2], keep_blank_values=True)
        if seen.operation is not None and (
            seen.operation != route
            or not set(parse_qsl(route_query, keep_blank_values=True)) <= set(query)
        ):
            problems.append(
                f"{where}: {seen.method} {seen.path} reached {seen.operation}, not {call.route}"
            )
    media_type = call.expected["media_type"]
    served = [seen.served for seen in case.seen]
    if case.seen and not case.seen[0].errors and served[0] != media_type:
        problems.append(
            f"{where}: the server could not serve {media_type} (Accept: {case.seen[0].accept!r}, "
            f"served {served[0]}, status {case.seen[0].status})"
        )
    if error is not None:
        problems.append(f"{where}: {type(error).__name__}: {str(error)[:600]}")
        return problems
    if problems:
        return problems
    if media_type is None:
        expected: Any = None
    elif media_type == "text/event-stream":
        expected = expected_events(call.expected["events"])
    elif "body" in call.expected:
        expected = call.expected["body"]
    else:
        from tests.conformance.draws import binary_body

        expected = binary_body(call.expected["binary_seed"])
    if isinstance(got, PlainDict) and call.typed:
        problems.append(f"{where}: the result is a plain dict, not the declared model")
    difference = same(got, expected, "")
    if difference:
        problems.append(f"{where}: the result differs from the reply at {difference}")
    return problems


def expected_events(events: list[Any]) -> list[Any]:
    """A stream yields every event up to an `error` event (sent as `event: error`, see the
    server), which ends it with a StreamError."""
    for index, event in enumerate(events):
        if isinstance(event, dict) and event.get("type") == "error":
            return [*events[:index], STREAM_ERROR]
    return events


def same(got: Any, sent: Any, at: str) -> str | None:
    """Where `got` differs from `sent`, or None. Lenient rules: 1 == 1.0, and a number's float
    value is compared with a relative tolerance of 1e-12 (JSON floats round-trip through Python)."""
    if isinstance(sent, dict):
        if not isinstance(got, dict):
            return f"{at or '/'}: {type(got).__name__} instead of an object"
        if set(got) != set(sent):
            return f"{at or '/'}: keys {sorted(set(got) ^ set(sent))} differ"
        for key in sent:
            found = same(got[key], sent[key], f"{at}/{key}")
            if found:
                return found
        return None
    if isinstance(sent, list):
        if not isinstance(got, list) or len(got) != len(sent):
            return f"{at or '/'}: {_short(got)} instead of a list of {len(sent)}"
        for index, (a, b) in enumerate(zip(got, sent)):
            found = same(a, b, f"{at}/{index}")
            if found:
                return found
        return None
    if (
        isinstance(sent, bool)
        or isinstance(got, bool)
        or sent is None
        or isinstance(sent, (str, bytes))
    ):
        return (
            None
            if got == sent and type(got) is type(sent)
            else f"{at or '/'}: {_short(got)} instead of {_short(sent)}"
        )
    if isinstance(sent, (int, float)) and isinstance(got, (int, float)):
        return (
            None if math.isclose(got, sent, rel_tol=1e-12) else f"{at}: {got!r} instead of {sent!r}"
        )
    return f"{at or '/'}: {_short(got)} instead of {_short(sent)}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 120 else text[:117] + "..."
