"""Every RPC of the committed `ai_studio.native` package, on the wire, against the UPSTREAM protos.

The servers know nothing of our specs or our generated stubs: they are built from a
descriptor pool compiled out of `../shared/upstream/cloudapi` + `iam` (message classes from
`GetMessageClass`, gRPC handlers from `grpc.method_handlers_generic_handler`, REST routes from
the upstream `google.api.http` options, transcoded the grpc-gateway way with `json_format` on the
upstream pool). For each method, requests and responses are generated from the upstream
descriptors (`tests/proto/wire_messages.py`: every field set, each oneof member in one of
them, plus one with every field that has presence set to its zero value). The client sends our
own message (the upstream bytes parsed into our generated class) through the package's
transports, sync and async (gRPC, then REST where the method has an http rule); the server
checks that what arrived is the expected upstream message, answers with the generated upstream
response (over REST with one extra unknown field, as a newer server would), and the client
checks the typed result equals it. Before any call: our methods are exactly upstream's RPCs of
our services, with the same first http binding; our request classes name every upstream field;
and the request built from plain keyword values (the generated methods' way) is the same
message. Any difference fails, naming the method, the transport, the case and the field path;
the counts are printed (`pytest -s`).

Not covered: client- and bidi-streaming RPCs (none upstream in our services; the server
refuses to register one), `additional_bindings` (none upstream in our services; our REST
transport follows the first binding), and "/" inside single-segment path variables
(grpc-gateway's unescaping of %2F depends on its mode).
"""

from __future__ import annotations

import asyncio
import importlib
import json
import pkgutil
import re
import sys
import threading
import time
from collections.abc import Iterator
from concurrent import futures
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import grpc
import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor, MethodDescriptor
from google.protobuf.message import Message
from google.protobuf.message_factory import GetMessageClass
from google.protobuf.unknown_fields import UnknownFieldSet

from tests.proto.wire_messages import Generator, plain
from tests.support.paths import GENERATED
from tests.support.quiet_server import QuietOnHangUp
from tests.unit.test_proto_specs_match_upstream import compile_upstream

PACKAGE_ROOT = GENERATED / "python" / "ai_studio"
if str(PACKAGE_ROOT) not in sys.path:
    sys.path.insert(0, str(PACKAGE_ROOT))

from ai_studio.native._grpc._methods import Method  # noqa: E402
from ai_studio.native._grpc._retry_policy import RetryPolicy  # noqa: E402
from ai_studio.native._grpc._transport import (  # noqa: E402
    AsyncTransport,
    Transport,
    make_async_transport,
    make_transport,
)
from ai_studio.native._grpc._values import build  # noqa: E402

CASE_HEADER = "x-wire-case"
# Sent in every REST response besides the upstream fields, as a newer server would.
FUTURE_FIELD = "fieldAddedLater"
CALL_TIMEOUT = 10.0  # seconds per call; a local server answers in milliseconds


# --- the upstream side ----------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One upstream google.api.http binding."""

    verb: str
    template: str
    body: str


@dataclass(frozen=True)
class UpstreamMethod:
    descriptor: MethodDescriptor
    request: type[Message]
    response: type[Message]
    client_streaming: bool
    server_streaming: bool
    rule: Rule | None

    @property
    def path(self) -> str:
        return f"/{self.descriptor.containing_service.full_name}/{self.descriptor.name}"


@dataclass
class Upstream:
    pool: descriptor_pool.DescriptorPool
    methods: dict[str, UpstreamMethod]  # by "/package.Service/Method"


def load_upstream(tmp: Path) -> Upstream:
    serialized = compile_upstream(tmp)
    pool = descriptor_pool.DescriptorPool()
    for file in descriptor_pb2.FileDescriptorSet.FromString(serialized).file:
        pool.Add(file)
    # Options parsed with the upstream pool's own FileDescriptorSet name the http extension.
    file_set = GetMessageClass(pool.FindMessageTypeByName("google.protobuf.FileDescriptorSet"))
    files: Any = file_set.FromString(serialized)
    http = pool.FindExtensionByName("google.api.http")
    methods: dict[str, UpstreamMethod] = {}
    for file in files.file:
        for service in file.service:
            full_service = f"{file.package}.{service.name}"
            service_descriptor = pool.FindServiceByName(full_service)
            for proto in service.method:
                descriptor = service_descriptor.methods_by_name[proto.name]
                rule = None
                if proto.options.HasExtension(http):
                    option = proto.options.Extensions[http]
                    verb = option.WhichOneof("pattern")
                    rule = Rule(verb.upper(), getattr(option, verb), option.body)
                method = UpstreamMethod(
                    descriptor,
                    GetMessageClass(descriptor.input_type),
                    GetMessageClass(descriptor.output_type),
                    proto.client_streaming,
                    proto.server_streaming,
                    rule,
                )
                methods[method.path] = method
    return Upstream(pool, methods)


def our_methods() -> dict[str, Method[Any, Any]]:
    """Every `Method` table the committed package defines, by RPC path."""
    import ai_studio.native as native

    # the class as imported now: a test that imports the package afresh makes a new one
    method_class = importlib.import_module("ai_studio.native._grpc._methods").Method
    found: dict[str, Method[Any, Any]] = {}
    for info in pkgutil.walk_packages(native.__path__, "ai_studio.native."):
        if "._pb" in info.name or "._grpc" in info.name:
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, method_class):
                found[value.path] = value
    return found


def our_rule(method: Method[Any, Any]) -> Rule | None:
    """The binding our REST transport follows (the first one), in the upstream's terms."""
    if not method.http:
        return None
    rule = method.http[0]
    return Rule(rule.method.upper(), rule.path, rule.body)


# --- cases: what each call must carry both ways ---------------------------------------------


@dataclass(frozen=True)
class Case:
    key: str  # "<rpc path>#<n>", sent in CASE_HEADER
    method: UpstreamMethod
    request: Message
    responses: tuple[Message, ...]  # one for unary calls, a stream otherwise


def build_cases(upstream: Upstream, paths: list[str]) -> dict[str, Case]:
    generator = Generator(upstream.pool)
    cases: dict[str, Case] = {}
    for path in paths:
        method = upstream.methods[path]
        requests = generator.instances(method.descriptor.input_type)
        if method.rule is not None:  # the URL needs its variables, even in the all-zero request
            for name in (match[1] for match in _VARIABLE.finditer(method.rule.template)):
                copy_field(requests[0], requests[-1], name.split("."))
        responses = generator.instances(method.descriptor.output_type)
        for n in range(max(len(requests), len(responses))):
            answer = [responses[n % len(responses)]]
            if method.server_streaming:
                answer.append(responses[(n + 1) % len(responses)])
            key = f"{path}#{n}"
            cases[key] = Case(key, method, requests[n % len(requests)], tuple(answer))
    return cases


def copy_field(source: Any, target: Any, path: list[str]) -> None:
    for name in path[:-1]:
        source, target = getattr(source, name), getattr(target, name)
    setattr(target, path[-1], getattr(source, path[-1]))


def differences(expected: Message, actual: Message, path: str = "") -> Iterator[str]:
    """Field paths where two messages of the same type differ."""
    descriptor = expected.DESCRIPTOR
    for field_descriptor in descriptor.fields:
        name = f"{path}.{field_descriptor.name}" if path else field_descriptor.name
        left: Any = getattr(expected, field_descriptor.name)
        right: Any = getattr(actual, field_descriptor.name)
        if field_descriptor.message_type is not None and not field_descriptor.is_repeated:
            if expected.HasField(field_descriptor.name) != actual.HasField(field_descriptor.name):
                yield f"{name}: set {expected.HasField(field_descriptor.name)} vs {actual.HasField(field_descriptor.name)}"
            elif expected.HasField(field_descriptor.name):
                yield from differences(left, right, name)
        elif (
            field_descriptor.is_repeated
            and field_descriptor.message_type is not None
            and not (field_descriptor.message_type.GetOptions().map_entry)
        ):
            if len(left) != len(right):
                yield f"{name}: {len(left)} items vs {len(right)}"
            else:
                for index, (a, b) in enumerate(zip(left, right, strict=True)):
                    yield from differences(a, b, f"{name}[{index}]")
        elif left != right:
            yield f"{name}: {show(left)} vs {show(right)}"
    if (
        expected.SerializeToString(deterministic=True)
        != actual.SerializeToString(deterministic=True)
        and not path
    ):
        yield "<serialized bytes differ>"


def show(value: Any) -> str:
    """A field value as text: maps and repeated containers as a dict or a list."""
    if isinstance(value, Message):
        return "{" + " ".join(str(value).split()) + "}"
    if isinstance(value, str | bytes | int | float):
        return repr(value)
    if hasattr(value, "keys"):
        return repr({key: show(value[key]) for key in value})
    return repr([show(item) for item in value])


def unknown_field_paths(message: Message, path: str = "") -> Iterator[str]:
    """Fields our generated class could not name: a field upstream has that our spec lacks."""
    if len(UnknownFieldSet(message)):
        numbers = sorted({item.field_number for item in UnknownFieldSet(message)})
        yield f"{path or '<root>'}: unknown field numbers {numbers}"
    for field_descriptor, value in message.ListFields():
        if field_descriptor.message_type is None:
            continue
        name = f"{path}.{field_descriptor.name}" if path else field_descriptor.name
        if field_descriptor.message_type.GetOptions().map_entry:
            if field_descriptor.message_type.fields_by_name["value"].message_type is not None:
                for key, item in value.items():
                    yield from unknown_field_paths(item, f"{name}[{key!r}]")
        elif field_descriptor.is_repeated:
            for index, item in enumerate(value):
                yield from unknown_field_paths(item, f"{name}[{index}]")
        else:
            yield from unknown_field_paths(value, name)


def mismatch(case: Case, what: str, expected: Message, actual: Message) -> str | None:
    found = list(differences(expected, actual))
    if not found:
        return None
    return f"{case.key}: {what} differs at " + "; ".join(found[:5])


# --- the servers ----------------------------------------------------------------------------


@dataclass
class Record:
    """What the servers saw: case keys served per transport, and every mismatch."""

    served: dict[str, list[str]] = field(default_factory=lambda: {"grpc": [], "rest": []})
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, transport: str, key: str, problem: str | None) -> None:
        with self.lock:
            self.served[transport].append(key)
            if problem:
                self.problems.append(f"[{transport}] {problem}")


def check_request(case: Case, received: Message) -> str | None:
    return mismatch(case, "request", case.request, received)


def start_grpc(cases: dict[str, Case], record: Record) -> tuple[grpc.Server, int]:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    by_service: dict[str, dict[str, grpc.RpcMethodHandler]] = {}
    methods = {case.method.path: case.method for case in cases.values()}
    for method in methods.values():
        handler = _grpc_handler(method, cases, record)
        service = method.descriptor.containing_service.full_name
        by_service.setdefault(service, {})[method.descriptor.name] = handler
    server.add_generic_rpc_handlers(
        [
            grpc.method_handlers_generic_handler(name, handlers)
            for name, handlers in by_service.items()
        ]
    )
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    return server, port


def _grpc_handler(
    method: UpstreamMethod, cases: dict[str, Case], record: Record
) -> grpc.RpcMethodHandler:
    def receive(raw: bytes, context: grpc.ServicerContext) -> Case:
        key = dict(context.invocation_metadata()).get(CASE_HEADER, "")
        case = cases[str(key)]
        received = method.request.FromString(raw)
        problem = check_request(case, received)
        if problem is None and received.SerializeToString(
            deterministic=True
        ) != case.request.SerializeToString(deterministic=True):
            problem = f"{case.key}: request re-serializes differently"
        record.note("grpc", case.key, problem)
        if problem:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, problem)
        return case

    def unary(raw: bytes, context: grpc.ServicerContext) -> Message:
        return receive(raw, context).responses[0]

    def stream(raw: bytes, context: grpc.ServicerContext) -> Iterator[Message]:
        yield from receive(raw, context).responses

    serialize = lambda message: message.SerializeToString()  # noqa: E731
    identity = lambda raw: raw  # noqa: E731 - the handler parses, to report what went wrong
    assert not method.client_streaming, f"{method.path}: client streaming is not exercised yet"
    if method.server_streaming:
        return grpc.unary_stream_rpc_method_handler(
            stream, request_deserializer=identity, response_serializer=serialize
        )
    return grpc.unary_unary_rpc_method_handler(
        unary, request_deserializer=identity, response_serializer=serialize
    )


# grpc-gateway path templates: `{field}`, `{field=pattern/*}`, `{field=**}`.
_VARIABLE = re.compile(r"\{([^}=]+)(?:=([^}]*))?\}")


def template_regex(template: str) -> re.Pattern[str]:
    pattern, position, names = "", 0, []
    for match in _VARIABLE.finditer(template):
        pattern += re.escape(template[position : match.start()])
        segments = match[2] or "*"
        inner = "/".join(
            ".+" if part == "**" else "[^/]+" if part == "*" else re.escape(part)
            for part in segments.split("/")
        )
        pattern += f"(?P<v{len(names)}>{inner})"
        names.append(match[1])
        position = match.end()
    pattern += re.escape(template[position:])
    return re.compile(f"^{pattern}$")


def set_path(
    target: dict[str, Any], descriptor: Descriptor, dotted: list[str], value: str, append: bool
) -> None:
    """Put one path variable or query parameter into the request's JSON, typed by the descriptor."""
    current: Descriptor | None = descriptor
    for position, name in enumerate(dotted):
        assert current is not None, f"{'.'.join(dotted)}: no such field"
        field_descriptor = current.fields_by_name.get(name) or next(
            (f for f in current.fields if f.json_name == name), None
        )
        assert field_descriptor is not None, f"{current.full_name} has no field {name!r}"
        last = position == len(dotted) - 1
        if (
            field_descriptor.message_type is not None
            and field_descriptor.message_type.GetOptions().map_entry
        ):
            assert position == len(dotted) - 2, f"{'.'.join(dotted)}: a map needs one key"
            target.setdefault(field_descriptor.name, {})[dotted[-1]] = value
            return
        if last:
            typed: Any = value
            if field_descriptor.type == FieldDescriptor.TYPE_BOOL:
                typed = value == "true"
            if field_descriptor.is_repeated or append:
                target.setdefault(field_descriptor.name, []).append(typed)
            else:
                target[field_descriptor.name] = typed
            return
        target = target.setdefault(field_descriptor.name, {})
        current = field_descriptor.message_type


class Gateway(QuietOnHangUp):
    def __init__(self, upstream: Upstream, cases: dict[str, Case], record: Record) -> None:
        super().__init__(("127.0.0.1", 0), _GatewayHandler)
        self.upstream = upstream
        self.cases = cases
        self.record = record
        self.routes = [
            (method.rule.verb, template_regex(method.rule.template), method)
            for method in {case.method.path: case.method for case in cases.values()}.values()
            if method.rule is not None
        ]
        self.names = {
            method.path: [m[1] for m in _VARIABLE.finditer(method.rule.template)]
            for _, _, method in self.routes
            if method.rule is not None
        }


class _GatewayHandler(BaseHTTPRequestHandler):
    server: Gateway
    protocol_version = "HTTP/1.1"
    wbufsize = 1 << 16  # headers and body leave in one segment (no delayed-ACK stall)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.handle_call()

    do_POST = do_PATCH = do_PUT = do_DELETE = do_GET

    def handle_call(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        key = self.headers.get(CASE_HEADER, "")
        case = self.server.cases.get(key)
        if case is None:
            return self.answer(404, {"code": 5, "message": f"unknown case {key!r}"})
        try:
            received = self.transcode(case.method, raw)
        except Exception as exc:  # reported as the failure of this case
            problem = f"{case.key}: the request does not transcode: {type(exc).__name__}: {exc}"
        else:
            problem = check_request(case, received)
        self.server.record.note("rest", case.key, problem)
        if problem:
            return self.answer(400, {"code": 3, "message": problem})
        pool = self.server.upstream.pool
        bodies = [json_format.MessageToDict(m, descriptor_pool=pool) for m in case.responses]
        for body in bodies:  # a field added upstream later: a client must ignore it
            body[FUTURE_FIELD] = {"added": "later"}
        if not case.method.server_streaming:
            return self.answer(200, bodies[0])
        lines = b"".join(json.dumps({"result": body}).encode() + b"\n" for body in bodies)
        self.answer_bytes(200, lines)

    def transcode(self, method: UpstreamMethod, raw: bytes) -> Message:
        assert method.rule is not None
        url = urlsplit(self.path)
        if self.command != method.rule.verb:
            raise AssertionError(f"verb {self.command}, upstream says {method.rule.verb}")
        match = template_regex(method.rule.template).match(url.path)
        if match is None:
            raise AssertionError(f"path {url.path!r} does not fit {method.rule.template!r}")
        descriptor = method.descriptor.input_type
        data: dict[str, Any] = {}
        if method.rule.body == "*":
            data = json.loads(raw)
        elif method.rule.body:
            data[method.rule.body] = json.loads(raw)
        elif raw:
            raise AssertionError(f"a body was sent, the http rule has none: {raw[:80]!r}")
        for index, name in enumerate(self.server.names[method.path]):
            set_path(data, descriptor, name.split("."), unquote(match[f"v{index}"]), False)
        if url.query and method.rule.body == "*":
            raise AssertionError(f"query parameters with body '*': {url.query}")
        for name, value in parse_qsl(url.query, keep_blank_values=True):
            set_path(data, descriptor, name.split("."), value, False)
        return json_format.ParseDict(
            data, method.request(), descriptor_pool=self.server.upstream.pool
        )

    def answer(self, status: int, body: object) -> None:
        self.answer_bytes(status, json.dumps(body).encode())

    def answer_bytes(self, status: int, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


# --- the test -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def upstream(tmp_path_factory: pytest.TempPathFactory) -> Upstream:
    return load_upstream(tmp_path_factory.mktemp("upstream"))


def transport_options(endpoint: str) -> dict[str, Any]:
    return {
        "grpc_endpoints": {},
        "rest_endpoints": {},
        "endpoint": endpoint,
        "insecure": True,
        "metadata": (),
        "timeout": CALL_TIMEOUT,
        "retry": RetryPolicy(0, 0.01, 0.01),
    }


def our_request(method: Method[Any, Any], case: Case) -> tuple[Message, list[str]]:
    """The upstream request's bytes as our generated class, and the fields it could not name."""
    ours = method.request_type.FromString(case.request.SerializeToString())
    return ours, [f"{case.key}: request {p}" for p in unknown_field_paths(ours)]


def plain_values_mismatch(method: Method[Any, Any], case: Case) -> str | None:
    """The request built from plain keyword values (the generated methods' way) must be the same."""
    try:
        built = build(method.request_type, plain(case.request))
    except Exception as exc:  # every case is reported
        return f"{case.key}: plain values refused: {type(exc).__name__}: {exc}"
    return mismatch(
        case, "request", case.request, type(case.request).FromString(built.SerializeToString())
    )


def call(transport: Transport, method: Method[Any, Any], case: Case) -> list[Message]:
    request, _ = our_request(method, case)
    metadata = [(CASE_HEADER, case.key)]
    if case.method.server_streaming:
        return list(transport.server_stream(method)(request, None, metadata, 0, None))
    return [transport.unary(method)(request, None, metadata, 0, None)]


async def acall(transport: AsyncTransport, method: Method[Any, Any], case: Case) -> list[Message]:
    request, _ = our_request(method, case)
    metadata = [(CASE_HEADER, case.key)]
    if case.method.server_streaming:
        stream = transport.server_stream(method)(request, None, metadata, 0, None)
        return [item async for item in stream]
    return [await transport.unary(method)(request, None, metadata, 0, None)]


def check_answer(case: Case, answers: list[Message]) -> list[str]:
    if len(answers) != len(case.responses):
        return [f"{case.key}: {len(answers)} responses, {len(case.responses)} sent"]
    problems = []
    for expected, ours in zip(case.responses, answers, strict=True):
        problems.extend(f"{case.key}: response {p}" for p in unknown_field_paths(ours))
        as_upstream = type(expected).FromString(ours.SerializeToString())
        problem = mismatch(case, "response", expected, as_upstream)
        if problem:
            problems.append(problem)
    return problems


@dataclass
class Run:
    """The cases one transport carries, and what went wrong."""

    label: str  # "grpc sync", "rest async", ...
    kind: str
    endpoint: str
    cases: list[Case]
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def outcome(self, case: Case, answers: list[Message] | BaseException) -> None:
        if isinstance(answers, BaseException):
            failure = f"call failed: {type(answers).__name__}: {answers}"
            self.problems.append(f"[{self.label}] {case.key}: {failure}")
        else:
            self.problems.extend(f"[{self.label}] {p}" for p in check_answer(case, answers))


def run_sync(run: Run, ours: dict[str, Method[Any, Any]]) -> None:
    transport = make_transport(run.kind, **transport_options(run.endpoint))  # type: ignore[arg-type]
    try:
        for case in run.cases:
            try:
                run.outcome(case, call(transport, ours[case.method.path], case))
            except Exception as exc:  # every case is reported
                run.outcome(case, exc)
    finally:
        transport.close()


async def run_async(run: Run, ours: dict[str, Method[Any, Any]]) -> None:
    transport = make_async_transport(run.kind, **transport_options(run.endpoint))  # type: ignore[arg-type]
    try:
        for case in run.cases:
            try:
                run.outcome(case, await acall(transport, ours[case.method.path], case))
            except Exception as exc:  # every case is reported
                run.outcome(case, exc)
    finally:
        await transport.close()


def test_every_rpc_round_trips_against_the_upstream_descriptors(upstream: Upstream) -> None:
    ours = our_methods()
    missing = sorted(set(ours) - set(upstream.methods))
    assert not missing, f"RPCs of our package that upstream does not have: {missing}"
    services = {path.rsplit("/", 1)[0] for path in ours}
    not_generated = sorted(
        path for path in upstream.methods if path.rsplit("/", 1)[0] in services and path not in ours
    )
    assert not not_generated, f"upstream RPCs of our services without a method: {not_generated}"
    rules = [
        f"{path}: ours {ours[path].http[:1]} vs upstream {upstream.methods[path].rule}"
        for path in ours
        if our_rule(ours[path]) != upstream.methods[path].rule
    ]
    assert not rules, "http rules differ:\n" + "\n".join(rules)

    cases = build_cases(upstream, sorted(ours))
    requests_lacking = [
        p for case in cases.values() for p in our_request(ours[case.method.path], case)[1]
    ]
    assert not requests_lacking, "our request types lack upstream fields:\n" + "\n".join(
        requests_lacking
    )
    from_plain = [
        problem
        for case in cases.values()
        if (problem := plain_values_mismatch(ours[case.method.path], case)) is not None
    ]
    assert not from_plain, "the plain-values API builds other requests:\n" + "\n".join(from_plain)
    record = Record()
    server, port = start_grpc(cases, record)
    gateway = Gateway(upstream, cases, record)
    threading.Thread(target=gateway.serve_forever, daemon=True).start()
    rest_cases = [case for case in cases.values() if case.method.rule is not None]
    grpc_endpoint, rest_endpoint = (
        f"127.0.0.1:{port}",
        f"http://127.0.0.1:{gateway.server_address[1]}",
    )
    runs = [
        Run("grpc sync", "grpc", grpc_endpoint, list(cases.values())),
        Run("rest sync", "rest", rest_endpoint, rest_cases),
        Run("grpc async", "grpc", grpc_endpoint, list(cases.values())),
        Run("rest async", "rest", rest_endpoint, rest_cases),
    ]
    try:
        for run in runs:
            started = time.perf_counter()
            if "async" in run.label:
                asyncio.run(run_async(run, ours))
            else:
                run_sync(run, ours)
            run.seconds = time.perf_counter() - started
    finally:
        server.stop(None)
        gateway.shutdown()
        gateway.server_close()

    rest_methods = sum(1 for path in ours if upstream.methods[path].rule is not None)
    calls = ", ".join(f"{run.label} {len(run.cases)} ({run.seconds:.1f} s)" for run in runs)
    print(
        f"\nwire conformance: {len(ours)} methods ({rest_methods} with REST rules), "
        f"{len(cases)} request/response cases; calls: {calls}"
    )
    problems = [p for run in runs for p in run.problems]
    every = problems + [p for p in record.problems if p not in " ".join(problems)]
    assert not every, f"{len(every)} wire mismatches:\n" + "\n".join(every[:60])
    for transport, expected in (("grpc", 2 * len(cases)), ("rest", 2 * len(rest_cases))):
        assert len(record.served[transport]) == expected, f"{transport}: some calls never arrived"


@pytest.mark.parametrize("kind", ["grpc", "rest"])
def test_a_request_that_differs_is_reported_with_its_field_path(
    upstream: Upstream, kind: str
) -> None:
    """The checks are not vacuous: one changed field fails the call and names that field."""
    path = "/yandex.cloud.ai.files.v1.FileService/Update"
    method = our_methods()[path]
    case = build_cases(upstream, [path])[f"{path}#0"]
    record = Record()
    server, port = start_grpc({case.key: case}, record)
    gateway = Gateway(upstream, {case.key: case}, record)
    threading.Thread(target=gateway.serve_forever, daemon=True).start()
    endpoint = (
        f"127.0.0.1:{port}"
        if kind == "grpc"
        else f"http://{gateway.server_address[0]}:{gateway.server_address[1]}"
    )
    transport = make_transport(kind, **transport_options(endpoint))  # type: ignore[arg-type]
    request, _ = our_request(method, case)
    request.description += "!"
    try:
        with pytest.raises(Exception, match=r"request differs at description: "):
            transport.unary(method)(request, None, [(CASE_HEADER, case.key)], 0, None)
    finally:
        transport.close()
        server.stop(None)
        gateway.shutdown()
        gateway.server_close()
    assert record.served[kind] == [case.key]
    assert len(record.problems) == 1 and "description" in record.problems[0]
