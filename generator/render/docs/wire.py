"""What a method's docs say about the wire: argument constraints and defaults, the errors a
method raises, example request and response bodies. Shared by the HTTP and gRPC pages."""

from __future__ import annotations

import json
from collections.abc import Mapping

from generator.ir.model import JSONValue, NamedType, ObjectType, Operation, Validation
from generator.render.docs.examples import example_json
from generator.render.docs.markdown import md_code

# the exception each documented status raises (the runtime's status → class table)
STATUS_ERRORS = {
    "400": "BadRequestError",
    "401": "AuthenticationError",
    "403": "PermissionDeniedError",
    "404": "NotFoundError",
    "409": "ConflictError",
    "422": "UnprocessableEntityError",
    "429": "RateLimitError",
}


def constraint_text(validation: Validation | None) -> str:
    """A validation rule in words: `1..100 chars`, `>= 0`, `pattern ...`; "" when there is none."""
    if validation is None:
        return ""
    parts = []
    if validation.min_length is not None or validation.max_length is not None:
        parts.append(f"{_range(validation.min_length, validation.max_length)} chars")
    if validation.min_items is not None or validation.max_items is not None:
        parts.append(f"{_range(validation.min_items, validation.max_items)} items")
    if validation.minimum is not None:
        parts.append(f"{'>' if validation.exclusive_minimum else '>='} {_number(validation.minimum)}")
    if validation.maximum is not None:
        parts.append(f"{'<' if validation.exclusive_maximum else '<='} {_number(validation.maximum)}")
    if validation.pattern:
        parts.append(f"pattern {md_code(validation.pattern)}")
    if validation.text and not parts:
        parts.append(validation.text)
    return "; ".join(parts)


def _range(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low}..{high}"
    return f">= {low}" if low is not None else f"<= {high}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def default_text(has_default: bool, default: JSONValue) -> str:
    """A spec default as JSON text, "" when there is none."""
    return json.dumps(default, ensure_ascii=False) if has_default else ""


def argument_notes(where: str, constraints: str, default: str) -> str:
    """Where an argument is sent, its constraints and default, as one italic note for its row."""
    parts = [f"in {where}", constraints, f"default {md_code(default)}" if default else ""]
    return "*(" + "; ".join(p for p in parts if p).replace("|", "\\|") + ")*"


def raised_errors(op: Operation) -> list[str]:
    """The exceptions a call can raise: those of the statuses the spec lists, then the ones every
    call can raise (in a fixed order)."""
    statuses = [r.status for r in op.http.responses] if op.http is not None else []
    named = [STATUS_ERRORS[s] for s in sorted(set(statuses)) if s in STATUS_ERRORS]
    if any(s.startswith("5") or s == "5XX" for s in statuses):
        named.append("InternalServerError")
    return [*named, "APIStatusError", "APITimeoutError", "APIConnectionError"]


def body_fields(op: Operation, types: Mapping[str, NamedType]) -> dict[str, tuple[str, str]]:
    """Wire name → (constraints, default) of the parameters and JSON body fields of an operation."""
    out: dict[str, tuple[str, str]] = {}
    if op.http is None:
        return out
    for p in op.http.parameters:
        out[p.name.wire] = ("", default_text(p.has_default, p.default))
    for body in op.http.bodies[:1]:
        named = types.get(body.type.ref) if body.type.kind == "ref" else None
        if isinstance(named, ObjectType):
            for f in named.fields:
                out[f.name.wire] = (constraint_text(f.validation), default_text(f.has_default, f.default))
    return out


def example_bodies(op: Operation, types: Mapping[str, NamedType]) -> tuple[str, str, str]:
    """(request JSON, response status, response JSON) of an HTTP operation; "" where it has none."""
    if op.http is None:
        return "", "", ""
    request = next((b for b in op.http.bodies if b.media_type == "application/json"), None)
    request_json = example_json(request.type, types) if request is not None else ""
    for response in op.http.responses:
        if not response.status.startswith("2"):
            continue
        content = next((c for c in response.contents if c.media_type == "application/json"), None)
        if content is not None and content.type is not None:
            return request_json, response.status, example_json(content.type, types)
    return request_json, "", ""
