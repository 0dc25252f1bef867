"""Operations to method views: arguments, how each goes on the wire, and what the call returns."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import field, replace

from generator.ir.model import (
    HttpBinding,
    NamedType,
    ObjectType,
    Operation,
    Parameter,
    RequestBody,
    Response,
    TypeExpr,
)
from generator.lazy_dataclass import lazy_dataclass
from generator.render.constraints import constraint_notes
from generator.render.python.http.annotations import Annotator
from generator.render.python.http.errors import ErrorView, declared_errors
from generator.render.python.literals import clean_text, docstring, py_literal
from generator.render.python.naming import dedupe, safe_argument, snake

# Keyword arguments every method has; spec parameters never take these names.
CALL_OPTIONS = ("extra_headers", "extra_query", "extra_body", "timeout", "max_retries", "idempotency_key")
_JSON = re.compile(r"^application/([\w.+-]+\+)?json\s*(;|$)")  # not jsonl, json-seq, json5: other formats
_BINARY_PREFIXES = ("application/octet-stream", "audio/", "image/", "video/", "application/zip", "application/pdf")


@lazy_dataclass(frozen=True)
class ArgumentView:
    name: str  # Python argument name
    wire: str
    annotation: str
    required: bool
    where: str  # path | query | header | cookie | body | file | form | content
    doc: str = ""
    notes: tuple[str, ...] = ()  # constraints, format, enum values, default (constraint_notes)


@lazy_dataclass
class MethodView:
    name: str
    http_method: str
    path: str  # Python expression
    arguments: list[ArgumentView]
    doc: str
    returns: str  # annotation of the sync return value
    async_returns: str
    cast_to: str
    body: str = "none"  # none | json | json_value | multipart | form | content
    body_argument: str = ""  # json_value/content: the argument that is the whole body
    content_type: str = ""
    idempotent: bool = False
    stream: str = "never"  # never | always | flag
    stream_flag: str = ""  # Python name of the flag argument
    stream_item: str = ""
    stream_terminator: str = ""
    stream_format: str = "sse"
    binary: bool = False
    accept: str = ""  # the Accept header when it is not JSON ("" = JSON, or the stream's type)
    page: str = ""  # PageSpec(...) expression
    page_item: str = ""
    query_styles: dict[str, str] = field(default_factory=dict)
    header_styles: dict[str, str] = field(default_factory=dict)
    cookie_styles: dict[str, str] = field(default_factory=dict)
    errors: list[ErrorView] = field(default_factory=list)  # declared error bodies, by status
    deprecated: bool = False
    http_path: str = ""  # the path template as the spec writes it (for docs)
    prose: str = ""  # summary and description as plain text (for docs)

    @property
    def query(self) -> list[ArgumentView]:
        return [a for a in self.arguments if a.where == "query"]

    @property
    def headers(self) -> list[ArgumentView]:
        return [a for a in self.arguments if a.where == "header"]

    @property
    def cookies(self) -> list[ArgumentView]:
        return [a for a in self.arguments if a.where == "cookie"]

    @property
    def error_types(self) -> list[tuple[str, str]]:
        """(status, annotation) of every declared error body: the call's `error_types`."""
        return [(e.status, e.annotation) for e in self.errors if e.annotation]

    @property
    def body_fields(self) -> list[ArgumentView]:
        return [a for a in self.arguments if a.where in ("body", "form")]

    @property
    def files(self) -> list[ArgumentView]:
        return [a for a in self.arguments if a.where == "file"]

    @property
    def positional_arguments(self) -> list[ArgumentView]:
        """Path parameters, in the order the path names them: `tasks.get("t-1")`."""
        path = [a for a in self.arguments if a.where == "path"]
        return sorted(path, key=lambda a: self.http_path.find("{" + a.wire + "}"))

    @property
    def keyword_arguments(self) -> list[ArgumentView]:
        """Every other argument, keyword-only: required ones first."""
        rest = [a for a in self.arguments if a.where != "path"]
        return [a for a in rest if a.required] + [a for a in rest if not a.required]

    @property
    def ordered_arguments(self) -> list[ArgumentView]:
        return self.positional_arguments + self.keyword_arguments


def choose_body(bodies: tuple[RequestBody, ...]) -> RequestBody | None:
    """One request shape per method: multipart when it carries files (JSON cannot), else JSON
    first, then multipart, form and raw bytes."""
    for body in bodies:
        if body.media_type == "multipart/form-data" and body.file_fields:
            return body
    order = ["json", "multipart/form-data", "application/x-www-form-urlencoded"]
    for wanted in order:
        for body in bodies:
            if (wanted == "json" and _JSON.match(body.media_type)) or body.media_type == wanted:
                return body
    return bodies[0] if bodies else None


def success_response(responses: tuple[Response, ...]) -> Response | None:
    for response in responses:
        if response.status.startswith("2"):
            return response
    return None


def build_method(
    operation: Operation, name: str, annotator: Annotator, api_types: Mapping[str, NamedType]
) -> MethodView:
    http = operation.http
    assert http is not None
    method = MethodView(
        name=name,
        http_method=http.method.upper(),
        path="",
        arguments=[],
        doc="",
        returns="None",
        async_returns="None",
        cast_to="None",
        idempotent=operation.idempotent,
        deprecated=operation.deprecated,
    )
    body = choose_body(http.bodies)
    raw_args: list[tuple[str, ArgumentView]] = []  # (preferred name, view with placeholder name)
    body_args = _body_arguments(body, annotator, api_types, method)
    raw_args.extend(body_args)
    for parameter in http.parameters:
        raw_args.append((snake(parameter.name.words), _parameter_argument(parameter, annotator, api_types)))
        styles = {"query": method.query_styles, "header": method.header_styles, "cookie": method.cookie_styles}
        style = parameter_style(parameter)
        if style:
            styles[parameter.location][parameter.name.wire] = style
    names = dedupe([safe_argument(n, CALL_OPTIONS) for n, _ in raw_args])
    method.arguments = [replace(a, name=n) for n, (_, a) in zip(names, raw_args)]
    method.errors = declared_errors(http.responses, annotator)
    if method.body_argument:
        method.body_argument = next(a.name for a in method.arguments if a.where in ("json_value", "content"))
    method.path = _path_expression(http, method.arguments)
    method.http_path = http.path
    _returns(operation, http, annotator, method)
    method.prose = operation_prose(operation)
    method.doc = _method_doc(operation, method)
    return method


def parameter_style(parameter: Parameter) -> str:
    """The runtime's name for a non-default serialization of a query, header or cookie parameter
    ("" = the location's default: form exploded for query and cookie, simple for a header)."""
    if parameter.location == "header":
        return "simpleExploded" if parameter.explode is True else ""
    if parameter.location not in ("query", "cookie"):
        return ""
    style = parameter.style or "form"
    if style == "form":
        return "commaDelimited" if parameter.explode is False else ""
    return style if parameter.location == "query" else ""


def _parameter_argument(
    parameter: Parameter, annotator: Annotator, api_types: Mapping[str, NamedType]
) -> ArgumentView:
    annotation = annotator.annotate(parameter.type, "input")
    notes = constraint_notes(
        parameter.validation,
        parameter.type,
        api_types,
        has_default=parameter.has_default,
        default=parameter.default,
    )
    return ArgumentView(
        name="",
        wire=parameter.name.wire,
        annotation=annotation,
        required=parameter.required or parameter.location == "path",
        where=parameter.location,
        doc=parameter.description,
        notes=tuple(notes),
    )


def _body_arguments(
    body: RequestBody | None, annotator: Annotator, api_types: Mapping[str, NamedType], method: MethodView
) -> list[tuple[str, ArgumentView]]:
    if body is None:
        return []
    media = body.media_type
    target = body.type
    obj = api_types.get(target.ref) if target.kind == "ref" else None
    if media == "multipart/form-data":
        method.body = "multipart"
    elif media == "application/x-www-form-urlencoded":
        method.body = "form"
    elif _JSON.match(media):
        method.body = "json"
        if media != "application/json":  # e.g. application/merge-patch+json: the server tells them apart
            method.content_type = media
    else:
        method.body = "content"
        method.content_type = media
        method.body_argument = "content"
        annotator.typing_names.add("IO")
        return [
            (
                "content",
                ArgumentView("", "", "bytes | IO[bytes]", body.required, "content", body.description),
            )
        ]
    if not isinstance(obj, ObjectType) or target.nullable:
        if method.body == "json":
            method.body = "json_value"
            method.body_argument = "body"
            annotation = annotator.annotate(target, "input")
            return [("body", ArgumentView("", "", annotation, body.required, "json_value", body.description))]
        return []
    out: list[tuple[str, ArgumentView]] = []
    file_fields = set(body.file_fields)
    for f in obj.fields:
        if f.read_only:
            continue
        where = "body" if method.body == "json" else "form"
        if method.body == "multipart" and (f.name.wire in file_fields or _is_binary(f.type)):
            where = "file"
        nullable = f.nullable or f.type.nullable
        annotation = annotator.annotate(f.type, "input", nullable=nullable)
        notes = constraint_notes(f.validation, f.type, api_types, has_default=f.has_default, default=f.default)
        view = ArgumentView(
            "", f.name.wire, annotation, f.required and body.required, where, f.description, tuple(notes)
        )
        out.append((snake(f.name.words), view))
    return out


def _is_binary(expr: TypeExpr) -> bool:
    if expr.kind == "primitive":
        return expr.primitive == "binary"
    if expr.kind == "list" and expr.items is not None:
        return _is_binary(expr.items)
    return False


_PLACEHOLDER = re.compile(r"\{([^}=]+)(=[^}]*)?\}")


def _path_expression(http: HttpBinding, arguments: list[ArgumentView]) -> str:
    """The request path as a Python expression: a plain string, or an f-string that encodes each
    path argument. Spec text only appears inside escaped string parts."""
    by_wire = {a.wire: a.name for a in arguments if a.where == "path"}
    pieces: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(http.path):
        argument = by_wire.get(match.group(1))
        if argument is None:
            continue
        pieces.append(_fstring_text(http.path[position : match.start()]))
        pieces.append("{encode_path(" + argument + ")}")
        position = match.end()
    if not pieces:
        return py_literal(http.path)
    pieces.append(_fstring_text(http.path[position:]))
    return 'f"' + "".join(pieces) + '"'


def _fstring_text(text: str) -> str:
    inner = py_literal(text)[1:-1]  # escaped as a double-quoted literal
    return inner.replace("{", "{{").replace("}", "}}")


def _returns(operation: Operation, http: HttpBinding, annotator: Annotator, method: MethodView) -> None:
    response = success_response(http.responses)
    json_type: TypeExpr | None = None
    sse_type: TypeExpr | None = None
    binary = False
    text = False
    if response is not None:
        method.accept = accept_header(response)
        for content in response.contents:
            media = content.media_type
            if _JSON.match(media) and json_type is None and content.type is not None:
                json_type = content.type
            elif media == "text/event-stream" or media in ("application/x-ndjson", "application/jsonl"):
                sse_type = content.type or TypeExpr(kind="any")
                method.stream_format = "sse" if media == "text/event-stream" else "ndjson"
            elif media.startswith(_BINARY_PREFIXES) or (content.type and content.type.primitive == "binary"):
                binary = True
            elif media.startswith("text/"):
                text = True
            else:  # any other media type (OpenAI's `application/sdp`): its bytes, never dropped
                binary = True
    if operation.pagination is not None and json_type is not None:
        item = _page_item(json_type, operation.pagination.items_field, annotator)
        if item:
            p = operation.pagination
            method.page = (
                f"PageSpec({py_literal(p.style)}, {py_literal(p.request_param)}, "
                f"{py_literal(p.response_cursor)}, {py_literal(p.items_field)}, {py_literal(p.has_more_field)})"
            )
            method.page_item = item
            method.returns = f"SyncPage[{item}]"
            method.async_returns = f"AsyncPaginator[{item}]"
            return
    if sse_type is not None:
        method.stream_item = annotator.annotate(sse_type)
        method.stream_terminator = operation.stream_terminator
        flag = [
            a
            for a in method.arguments
            if a.wire == operation.stream_flag and a.where in ("body", "form")
        ]
        if json_type is not None and flag:
            method.stream = "flag"
            method.stream_flag = flag[0].name
            method.cast_to = annotator.annotate(json_type)
            method.accept = ""  # the runtime asks for JSON or the stream, as the flag says
        else:
            method.stream = "always"
        method.returns = f"Stream[{method.stream_item}]"
        method.async_returns = f"AsyncStream[{method.stream_item}]"
        if binary and json_type is None:  # bytes or events (speech): the answer's type decides
            method.binary = True
            method.returns = f"BinaryResponse | {method.returns}"
            method.async_returns = f"AsyncBinaryResponse | {method.async_returns}"
        if method.stream == "flag":
            method.returns = f"{method.cast_to} | Stream[{method.stream_item}]"
            method.async_returns = f"{method.cast_to} | AsyncStream[{method.stream_item}]"
        return
    if json_type is not None:
        method.cast_to = annotator.annotate(json_type)
        method.returns = method.async_returns = method.cast_to
        if binary:  # a download also offered as JSON (OpenAI's video content): the answer decides
            method.binary = True
            method.returns = f"BinaryResponse | {method.cast_to}"
            method.async_returns = f"AsyncBinaryResponse | {method.cast_to}"
    elif binary:
        method.binary = True
        method.returns = "BinaryResponse"
        method.async_returns = "AsyncBinaryResponse"
    elif text:
        method.cast_to = method.returns = method.async_returns = "str"


def accept_header(response: Response) -> str:
    """The Accept header for a response that is not only JSON: its declared media types."""
    media = list(dict.fromkeys(content.media_type for content in response.contents))
    if not media or all(_JSON.match(m) for m in media):
        return ""
    return ", ".join(media)


def _page_item(expr: TypeExpr, items_field: str, annotator: Annotator) -> str:
    named = annotator.symbols.types.get(expr.ref) if expr.kind == "ref" else None
    if not isinstance(named, ObjectType):
        return ""
    for f in named.fields:
        if f.name.wire == items_field and f.type.kind == "list" and f.type.items is not None:
            return annotator.annotate(f.type.items)
    return ""


def operation_prose(operation: Operation) -> str:
    """Summary, then description (when it says more), as plain text."""
    parts = [clean_text(operation.summary)] if operation.summary else []
    description = clean_text(operation.description)
    if description and (not parts or description != parts[0]):
        parts.append(description)
    return "\n\n".join(parts)


def _method_doc(operation: Operation, method: MethodView) -> str:
    """The method's docstring: its prose (`method.prose`, made first), then Args and Raises."""
    parts = [method.prose] if method.prose else []
    if operation.deprecated:
        parts.append("Deprecated: this operation may be removed in a future version of the API.")
    args = [a for a in method.ordered_arguments if a.doc.strip() or a.notes]
    if args:
        lines = ["Args:"]
        for a in args:
            first, *rest = argument_text(a).split("\n")
            lines.append(f"    {a.name}: {first}")
            lines.extend(f"        {line}" if line else "" for line in rest)
        parts.append("\n".join(lines))
    raises = [f"    {e.exception}: {e.doc}" for e in method.errors]
    if raises:
        parts.append("\n".join(["Raises:", *raises]))
    return docstring("\n\n".join(parts), "        ")


def argument_text(argument: ArgumentView) -> str:
    """An argument's description, then its notes in parentheses (`How many. (<= 100; default
    `20`)`); the notes alone as a sentence when it has no description."""
    text = clean_text(argument.doc)
    if not argument.notes:
        return text
    notes = "; ".join(argument.notes)
    return f"{text} ({notes})" if text else notes[:1].upper() + notes[1:] + "."
