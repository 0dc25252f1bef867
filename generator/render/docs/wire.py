"""What a method's docs say about the wire: argument constraints and defaults, the errors a
method raises, example request and response bodies. Shared by the HTTP and gRPC pages."""

from __future__ import annotations

import re
from collections.abc import Mapping

from generator.ir.model import NamedType, Operation
from generator.render.docs.examples import example_json
from generator.render.python.http.errors import ErrorView


def argument_notes(where: str, notes: tuple[str, ...]) -> str:
    """Where an argument is sent and its notes (constraints, enum values, default), as one italic
    note for its row."""
    return "*(" + "; ".join([f"in {where}", *notes]).replace("|", "\\|") + ")*"


def raised_errors(errors: list[ErrorView], links: Mapping[str, str]) -> list[str]:
    """The exceptions a call can raise, as Markdown: those of the error statuses the spec lists
    (with the model `err.body` is parsed into), then the ones every call can raise."""
    out: list[str] = []
    for error in errors:
        body = f", `err.body`: {link_types(error.annotation, links)}" if error.annotation else ""
        out.append(f"`{error.exception}` ({error.when}{body})")
    named = {error.exception for error in errors}
    return [*out, *(f"`{name}`" for name in _ALWAYS if name not in named)]


_ALWAYS = ("APIStatusError", "APITimeoutError", "APIConnectionError")


_IDENTIFIER = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)")


def link_types(annotation: str, links: Mapping[str, str]) -> str:
    """An annotation as Markdown with every model name linked to its section."""
    pieces = _IDENTIFIER.split(annotation)
    out = []
    for piece in pieces:
        target = links.get(piece)
        out.append(f"[{piece}]({target})" if target else piece.replace("|", "\\|").replace("[", "\\[").replace("]", "\\]"))
    return "".join(out)


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
