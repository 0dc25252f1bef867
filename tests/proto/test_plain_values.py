"""Plain Python values on a generated proto client: mappings nested to any depth, wrappers from
`bool`/`int`/`float`/`str`, `datetime`/`timedelta`, enums by name, bytes, maps and oneofs,
over gRPC and the proto-REST transport, sync and async; and errors that name the field path,
raised before anything is sent."""

from __future__ import annotations

import importlib
import json
import threading
import typing
from collections.abc import Iterator
from concurrent import futures
from datetime import UTC, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler
from types import ModuleType
from typing import Any

import grpc
import pytest
from google.protobuf import json_format

from tests.proto.conftest import inline_package
from tests.support.quiet_server import QuietOnHangUp

PROTO = """
syntax = "proto3";
package plain.v1;

import "google/api/annotations.proto";
import "google/protobuf/duration.proto";
import "google/protobuf/struct.proto";
import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";

service JobService {
  rpc Submit(Job) returns (Job) { option (google.api.http) = {post: "/v1/jobs" body: "*"}; }
  rpc Watch(Job) returns (stream Job);
}

enum Priority {
  PRIORITY_UNSPECIFIED = 0;
  LOW = 1;
  HIGH = 2;
}

message Limits {
  repeated int32 sizes = 1;
  google.protobuf.Duration budget = 2;
}

message Options {
  google.protobuf.DoubleValue temperature = 1;
  google.protobuf.Int64Value max_tokens = 2;
  google.protobuf.BoolValue stream = 3;
  google.protobuf.StringValue label = 4;
  Limits limits = 5;
}

message Step {
  string name = 1;
  Priority priority = 2;
  oneof action {
    string text = 3;
    Options options = 4;
  }
}

message Job {
  string id = 1;
  Options options = 2;
  repeated Step steps = 3;
  map<string, Step> by_name = 4;
  map<string, string> labels = 5;
  google.protobuf.Timestamp start_at = 6;
  google.protobuf.Duration run_for = 7;
  bytes payload = 8;
  Priority priority = 9;
  google.protobuf.Struct extra = 10;
  google.protobuf.BoolValue dry_run = 11;
  repeated Priority priorities = 12;
  optional int32 retries = 13;
}
"""

PACKAGE = "plain_client"
START = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=3)))


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    with inline_package(tmp_path_factory, PACKAGE, "plain/v1/jobs.proto", PROTO, {"grpc_endpoints": {"plain": "localhost:1"}}) as package:
        yield package


@pytest.fixture(scope="module")
def pb(package: ModuleType) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}._pb.plain.v1.jobs_pb2")


class Received:
    """The requests the servers got."""

    def __init__(self) -> None:
        self.requests: list[Any] = []


@pytest.fixture
def received() -> Received:
    return Received()


@pytest.fixture
def grpc_endpoint(package: ModuleType, pb: ModuleType, received: Received) -> Iterator[str]:
    pb_grpc = importlib.import_module(f"{PACKAGE}._pb.plain.v1.jobs_pb2_grpc")

    class Jobs(pb_grpc.JobServiceServicer):  # type: ignore[misc]
        def Submit(self, request: Any, context: Any) -> Any:
            received.requests.append(request)
            return request

        def Watch(self, request: Any, context: Any) -> Iterator[Any]:
            received.requests.append(request)
            yield request

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    pb_grpc.add_JobServiceServicer_to_server(Jobs(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield f"127.0.0.1:{port}"
    server.stop(None)


@pytest.fixture
def rest_endpoint(pb: ModuleType, received: Received) -> Iterator[str]:
    """A grpc-gateway-like server for `POST /v1/jobs` (body "*"): proto3 JSON in, the same out."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"]))
            request = json_format.Parse(body, pb.Job())
            received.requests.append(request)
            data = json.dumps(json_format.MessageToDict(request)).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = QuietOnHangUp(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["grpc", "rest"])
def transport(request: pytest.FixtureRequest) -> tuple[str, str]:
    kind = str(request.param)
    return kind, str(request.getfixturevalue(f"{kind}_endpoint"))


def plain_arguments(pb: ModuleType) -> dict[str, Any]:
    """Every kind of plain value, nested; one ready-made message among them."""
    return {
        "id": "job-1",
        "options": {
            "temperature": 0.3,
            "max_tokens": 200,
            "stream": True,
            "label": "x",
            "limits": {"sizes": [1, 2], "budget": timedelta(seconds=3, milliseconds=5)},
        },
        "steps": [
            {"name": "a", "priority": "HIGH", "text": "hi"},
            pb.Step(name="b", priority=pb.LOW),
            {"name": "c", "options": {"max_tokens": 0}},
        ],
        "by_name": {"k": {"priority": 1, "options": {"stream": False}}},
        "labels": {"team": "ml"},
        "start_at": START,
        "run_for": timedelta(minutes=1),
        "payload": b"\x00\xff",
        "priority": "LOW",
        "extra": {"a": [1, "b", None], "c": {"d": True}},
        "dry_run": False,
        "priorities": ["HIGH", 1],
        "retries": 0,
    }


def expected_job(pb: ModuleType) -> Any:
    from google.protobuf import duration_pb2, struct_pb2, timestamp_pb2, wrappers_pb2

    extra = struct_pb2.Struct()
    extra.update({"a": [1, "b", None], "c": {"d": True}})
    start = timestamp_pb2.Timestamp()
    start.FromDatetime(START)
    return pb.Job(
        id="job-1",
        options=pb.Options(
            temperature=wrappers_pb2.DoubleValue(value=0.3),
            max_tokens=wrappers_pb2.Int64Value(value=200),
            stream=wrappers_pb2.BoolValue(value=True),
            label=wrappers_pb2.StringValue(value="x"),
            limits=pb.Limits(sizes=[1, 2], budget=duration_pb2.Duration(seconds=3, nanos=5_000_000)),
        ),
        steps=[
            pb.Step(name="a", priority=pb.HIGH, text="hi"),
            pb.Step(name="b", priority=pb.LOW),
            pb.Step(name="c", options=pb.Options(max_tokens=wrappers_pb2.Int64Value(value=0))),
        ],
        by_name={"k": pb.Step(priority=pb.LOW, options=pb.Options(stream=wrappers_pb2.BoolValue(value=False)))},
        labels={"team": "ml"},
        start_at=start,
        run_for=duration_pb2.Duration(seconds=60),
        payload=b"\x00\xff",
        priority=pb.LOW,
        extra=extra,
        dry_run=wrappers_pb2.BoolValue(value=False),
        priorities=[pb.HIGH, pb.LOW],
        retries=0,
    )


def check_job(job: Any, pb: ModuleType) -> None:
    assert job == expected_job(pb)
    # a wrapper or an optional scalar set to its default is still set
    assert job.HasField("dry_run") and job.HasField("retries")
    assert job.steps[2].options.HasField("max_tokens")
    assert job.start_at.ToDatetime(tzinfo=UTC) == START


def test_plain_values_reach_the_server(
    package: ModuleType, pb: ModuleType, transport: tuple[str, str], received: Received
) -> None:
    kind, endpoint = transport
    with package.Client(transport=kind, endpoint=endpoint, insecure=True) as client:
        reply = client.plain.job.submit(**plain_arguments(pb))
    check_job(received.requests[0], pb)
    check_job(reply, pb)


async def test_async_plain_values_reach_the_server(
    package: ModuleType, pb: ModuleType, transport: tuple[str, str], received: Received
) -> None:
    kind, endpoint = transport
    async with package.AsyncClient(transport=kind, endpoint=endpoint, insecure=True) as client:
        reply = await client.plain.job.submit(**plain_arguments(pb))
    check_job(received.requests[0], pb)
    check_job(reply, pb)


def test_plain_values_on_a_server_stream(
    package: ModuleType, pb: ModuleType, grpc_endpoint: str, received: Received
) -> None:
    with package.Client(endpoint=grpc_endpoint, insecure=True) as client:
        replies = list(client.plain.job.watch(**plain_arguments(pb)))
    check_job(received.requests[0], pb)
    assert len(replies) == 1


def test_ready_made_messages_are_used_as_they_are(
    package: ModuleType, pb: ModuleType, grpc_endpoint: str, received: Received
) -> None:
    job = expected_job(pb)
    with package.Client(endpoint=grpc_endpoint, insecure=True) as client:
        client.plain.job.submit(job)
        fields = {f.name: getattr(job, f.name) for f in job.DESCRIPTOR.fields}
        client.plain.job.submit(**fields)
    assert received.requests == [job, job]


BAD_ARGUMENTS = [
    ({"options": {"max_tokens": "200"}}, "options.max_tokens: expected int, got str"),
    ({"options": {"max_token": 1}}, "options.max_token: plain.v1.Options has no field `max_token`; did you mean `max_tokens`?"),
    ({"options": {"stream": 1}}, "options.stream: expected bool, got int"),
    ({"options": {"temperature": True}}, "options.temperature: expected float, got bool"),
    ({"options": {"limits": {"sizes": [1, "2"]}}}, "options.limits.sizes[1]: expected int, got str"),
    ({"options": {"limits": {"budget": 3}}}, "options.limits.budget: expected timedelta or Duration, got int"),
    ({"options": {"limits": {"sizes": [2**40]}}}, "options.limits.sizes"),
    ({"steps": [{}, {"priority": "HIGHEST"}]}, "steps[1].priority: Priority has no value `HIGHEST`; did you mean `HIGH`?"),
    ({"steps": [{"text": "a", "options": {}}]}, "steps[0].options: only one of the fields of `action` may be set, and `text` is"),
    ({"steps": {"name": "a"}}, "steps: expected a list, got dict"),
    ({"steps": ["a"]}, "steps[0]: expected a mapping or Step, got str"),
    ({"by_name": {"k": {"nme": "x"}}}, "by_name['k'].nme: plain.v1.Step has no field `nme`; did you mean `name`?"),
    ({"labels": {"a": 1}}, "labels['a']: expected str, got int"),
    ({"start_at": datetime(2025, 1, 1)}, "start_at: a naive datetime has no time zone"),
    ({"payload": "text"}, "payload: expected bytes, got str"),
    ({"options": "fast"}, "options: expected a mapping or Options, got str"),
    ({"options": {"zzz": 1}}, "options.zzz: plain.v1.Options has no field `zzz`; fields: label, limits, max_tokens, stream, temperature"),
]


@pytest.mark.parametrize(("arguments", "message"), BAD_ARGUMENTS)
def test_errors_name_the_field_path_and_nothing_is_sent(
    package: ModuleType, grpc_endpoint: str, received: Received, arguments: dict[str, Any], message: str
) -> None:
    with package.Client(endpoint=grpc_endpoint, insecure=True) as client, pytest.raises(
        package.RequestValueError
    ) as caught:
        client.plain.job.submit(**arguments)
    assert str(caught.value).startswith(message), str(caught.value)
    assert caught.value.field == message.split(":")[0]
    assert isinstance(caught.value, TypeError) and isinstance(caught.value, ValueError)
    assert received.requests == []


def test_a_message_of_another_type_is_refused(package: ModuleType, pb: ModuleType) -> None:
    refused = pytest.raises(package.RequestValueError, match=r"^options: expected Options or a mapping, got Limits")
    with package.Client(endpoint="127.0.0.1:1", insecure=True) as client, refused:
        client.plain.job.submit(options=pb.Limits())


async def test_async_errors_are_raised_before_the_call(package: ModuleType, received: Received, grpc_endpoint: str) -> None:
    async with package.AsyncClient(endpoint=grpc_endpoint, insecure=True) as client:
        with pytest.raises(package.RequestValueError, match=r"^options\.max_tokens: expected int, got str"):
            await client.plain.job.submit(options={"max_tokens": "1"})
    assert received.requests == []


def test_params_typed_dicts(package: ModuleType) -> None:
    params = importlib.import_module(f"{PACKAGE}.params")
    assert params.OptionsParams.__total__ is False
    assert set(params.JobParams.__annotations__) >= {"options", "steps", "start_at", "run_for"}
    from google.protobuf.wrappers_pb2 import Int64Value

    assert typing.get_type_hints(params.OptionsParams)["max_tokens"] == Int64Value | int
