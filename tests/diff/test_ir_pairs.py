"""Changes that no small spec shows directly, on IR built by hand: long-running results, sockets,
aliases, packages, and the direction rules for write-only fields and unused types."""

from __future__ import annotations

from dataclasses import replace

from generator.diff import bump, diff_api, diff_apis
from generator.ir.model import (
    API,
    AliasType,
    Field,
    LongRunning,
    Name,
    ObjectType,
    Operation,
    RpcBinding,
    TypeExpr,
    WebSocketChannel,
)
from tests.diff.pairs import entries

STRING = TypeExpr(kind="primitive", primitive="string")
INTEGER = TypeExpr(kind="primitive", primitive="integer")
NUMBER = TypeExpr(kind="primitive", primitive="number")


def ref(type_id: str) -> TypeExpr:
    return TypeExpr(kind="ref", ref=type_id)


def name(wire: str) -> Name:
    return Name(wire, (wire.lower(),))


def field(wire: str, type_: TypeExpr, **extra: object) -> Field:
    return Field(name=name(wire), type=type_, **extra)  # type: ignore[arg-type]


def obj(type_id: str, *fields: Field) -> ObjectType:
    return ObjectType(id=type_id, name=name(type_id), fields=fields)


MAKE = Operation(
    id="/demo.Jobs/Make",
    name=name("Make"),
    group=(name("Jobs"),),
    rpc=RpcBinding(
        service="demo.Jobs", method="Make", request_type="demo.Job", response_type="demo.Operation"
    ),
    long_running=LongRunning(metadata_type="demo.Progress", response_type="demo.Job"),
)
CHANNEL = WebSocketChannel(
    url="wss://example.test/v1/realtime",
    client_events=ref("ClientEvent"),
    server_events=ref("ServerEvent"),
)
SOCKET = Operation(
    id="realtime",
    name=name("connect"),
    group=(name("realtime"),),
    streaming="websocket",
    websocket=CHANNEL,
)
TYPES = (
    obj("demo.Job", field("id", STRING), field("secret", STRING, write_only=True)),
    obj("demo.Operation", field("done", TypeExpr(kind="primitive", primitive="boolean"))),
    obj("demo.Progress", field("percent", NUMBER)),
    obj("demo.Result", field("value", STRING)),
    AliasType(id="ClientEvent", name=name("ClientEvent"), target=STRING),
    AliasType(id="ServerEvent", name=name("ServerEvent"), target=STRING),
    AliasType(id="Loose", name=name("Loose"), target=INTEGER),
)
API_ = API(name="demo", title="Demo", version="1", operations=(SOCKET, MAKE), types=TYPES)


def with_operation(old: Operation, new: Operation) -> API:
    return replace(API_, operations=tuple(new if o is old else o for o in API_.operations))


def with_type(type_id: str, new: object) -> API:
    return replace(API_, types=tuple(new if t.id == type_id else t for t in API_.types))  # type: ignore[misc]


def test_long_running_result_changed() -> None:
    new = with_operation(
        MAKE, replace(MAKE, long_running=LongRunning("demo.Progress", "demo.Result"))
    )
    assert entries(diff_api(API_, new)) == [
        (
            "response_type_changed",
            "/operations/~1demo.Jobs~1Make/long_running/response_type",
            "major",
        )
    ]


def test_no_longer_long_running() -> None:
    new = with_operation(MAKE, replace(MAKE, long_running=None))
    assert entries(diff_api(API_, new)) == [
        ("response_type_changed", "/operations/~1demo.Jobs~1Make/long_running", "major")
    ]


def test_websocket_url_changed() -> None:
    moved = replace(SOCKET, websocket=replace(CHANNEL, url="wss://example.test/v2/realtime"))
    assert entries(diff_api(API_, with_operation(SOCKET, moved))) == [
        ("websocket_changed", "/operations/realtime/websocket", "major")
    ]


def test_websocket_events_follow_direction() -> None:
    client = TypeExpr(kind="union", variants=(ref("ClientEvent"), ref("Loose")))
    server = TypeExpr(kind="union", variants=(ref("ServerEvent"), ref("Loose")))
    channel = replace(CHANNEL, client_events=client, server_events=server)
    changes = diff_api(API_, with_operation(SOCKET, replace(SOCKET, websocket=channel)))
    # more alternatives: compatible both ways
    assert entries(changes) == [
        ("request_type_changed", "/operations/realtime/websocket/client_events", "minor"),
        ("response_type_changed", "/operations/realtime/websocket/server_events", "minor"),
    ]
    # another type altogether: breaking both ways
    channel = replace(CHANNEL, client_events=ref("Loose"), server_events=ref("Loose"))
    changes = diff_api(API_, with_operation(SOCKET, replace(SOCKET, websocket=channel)))
    assert entries(changes) == [
        ("request_type_changed", "/operations/realtime/websocket/client_events", "major"),
        ("response_type_changed", "/operations/realtime/websocket/server_events", "major"),
    ]


def test_client_method_moved() -> None:
    new = with_operation(SOCKET, replace(SOCKET, name=name("open")))
    changes = diff_api(API_, new)
    assert entries(changes) == [("operation_renamed", "/operations/realtime", "major")]
    assert (
        changes[0].message
        == "`realtime`: client method moved from `realtime.connect` to `realtime.open`"
    )


def test_alias_target_changed_by_direction() -> None:
    # ClientEvent travels in requests: string -> any widens it, which requests accept
    widened = with_type(
        "ClientEvent",
        AliasType(id="ClientEvent", name=name("ClientEvent"), target=TypeExpr(kind="any")),
    )
    assert entries(diff_api(API_, widened)) == [("type_changed", "/types/ClientEvent", "patch")]
    # ServerEvent travels in responses: readers of a string now get anything
    loosened = with_type(
        "ServerEvent",
        AliasType(id="ServerEvent", name=name("ServerEvent"), target=TypeExpr(kind="any")),
    )
    assert entries(diff_api(API_, loosened)) == [("type_changed", "/types/ServerEvent", "major")]


def test_unused_type_counts_as_both_ways() -> None:
    # integer -> number widens: fine for requests, not for responses; unused means both
    new = with_type("Loose", AliasType(id="Loose", name=name("Loose"), target=NUMBER))
    assert entries(diff_api(API_, new)) == [("type_changed", "/types/Loose", "major")]


def test_write_only_field_counts_as_request_only() -> None:
    # demo.Job is a request and a long-running result; `secret` is write-only, so only sent
    job = obj(
        "demo.Job", field("id", STRING), field("secret", STRING, write_only=True, required=True)
    )
    assert entries(diff_api(API_, with_type("demo.Job", job))) == [
        ("field_required_changed", "/types/demo.Job/fields/secret", "major")
    ]
    job = obj(
        "demo.Job",
        field("id", STRING, nullable=True),
        field("secret", STRING, write_only=True, nullable=True),
    )
    assert entries(diff_api(API_, with_type("demo.Job", job))) == [
        ("field_nullable_changed", "/types/demo.Job/fields/id", "major"),
        ("field_nullable_changed", "/types/demo.Job/fields/secret", "patch"),
    ]


def test_packages_added_and_removed() -> None:
    other = replace(API_, name="other")
    third = replace(API_, name="third")
    changes = diff_apis([API_, other], [API_, third])
    assert entries(changes) == [("api_removed", "", "major"), ("api_added", "", "minor")]
    assert [c.api for c in changes] == ["other", "third"]


def test_single_packages_pair_whatever_their_names() -> None:
    assert diff_apis([API_], [replace(API_, name="renamed")]) == []


def test_bump_is_the_highest_level() -> None:
    assert bump([]) == "none"
    patch = diff_api(
        API_,
        with_type(
            "ClientEvent",
            AliasType(id="ClientEvent", name=name("ClientEvent"), target=TypeExpr(kind="any")),
        ),
    )
    assert bump(patch) == "patch"
    minor = diff_api(API_, replace(API_, types=(*TYPES, obj("demo.New"))))
    assert bump(minor) == "minor"
    assert bump([*patch, *minor]) == "minor"
    assert bump(diff_api(API_, replace(API_, operations=(SOCKET,)))) == "major"


def test_every_change_kind_has_a_pair_test() -> None:
    from generator.diff.changes import KINDS
    from tests.diff import test_openapi_pairs, test_proto_pairs

    tables = (test_openapi_pairs.CASES, test_proto_pairs.CASES)
    covered = {entry[0] for table in tables for _, expected in table.values() for entry in expected}
    covered |= {"api_added", "api_removed", "websocket_changed"}  # in this module
    assert covered == set(KINDS)


def test_long_type_lists_in_an_operation_entry_are_counted() -> None:
    chain = [obj(f"demo.T{i:02}", field("next", ref(f"demo.T{i + 1:02}"))) for i in range(11)]
    rpc = RpcBinding(
        service="demo.Jobs", method="Chain", request_type="demo.T00", response_type="demo.T00"
    )
    start = replace(MAKE, id="/demo.Jobs/Chain", rpc=rpc, long_running=None)
    old = replace(API_, operations=(*API_.operations, start), types=(*TYPES, *chain))
    changes = diff_api(old, API_)
    assert entries(changes) == [("operation_removed", "/operations/~1demo.Jobs~1Chain", "major")]
    assert changes[0].message == (
        "rpc `/demo.Jobs/Chain` (`gRPC only`) removed, with its types "
        + ", ".join(f"`demo.T{i:02}`" for i in range(8))
        + " and 3 more"
    )
