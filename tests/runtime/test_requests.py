"""Plain requests through the runtime against a real local HTTP server: encoding, parsing, errors."""

from __future__ import annotations

import datetime as dt
import enum
import json
from types import SimpleNamespace
from typing import Any, Literal

import pytest

from tests.runtime.scripted_server import Reply, ScriptedServer
from tests.support.tokens import Peeking


def make_models(rt: SimpleNamespace) -> SimpleNamespace:
    class Color(rt.models.OpenEnum):
        RED = "red"
        GREEN = "green"

    class Level(rt.models.OpenIntEnum):
        LOW = 1
        HIGH = 2

    class Item(rt.models.BaseModel):
        id: str
        color: Color | None = None
        level: Level | None = None
        created_at: int = 0

    class Message(rt.models.BaseModel):
        role: str
        content: str | None = None

    return SimpleNamespace(Color=Color, Level=Level, Item=Item, Message=Message)


@pytest.fixture
def client(rt: SimpleNamespace, server: ScriptedServer) -> Any:
    with rt.base_client.SyncAPIClient(base_url=server.url + "/v1", api_key="sk-test") as client:
        yield client


def test_json_response_is_parsed_into_the_model_keeping_unknown_fields(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    m = make_models(rt)
    server.reply(
        "GET",
        "/v1/items/a",
        Reply(body={"id": "a", "color": "red", "level": 2, "new_field": [1, 2]}),
    )
    item = client.request("GET", "/items/a", cast_to=m.Item)
    assert isinstance(item, m.Item)
    assert item.id == "a"
    assert item.color is m.Color.RED
    assert item.level is m.Level.HIGH
    assert item.new_field == [1, 2]  # type: ignore[attr-defined]


def test_unknown_enum_values_are_tolerated(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    m = make_models(rt)
    server.reply("GET", "/v1/items/b", Reply(body={"id": "b", "color": "ultraviolet", "level": 7}))
    item = client.request("GET", "/items/b", cast_to=m.Item)
    assert isinstance(item.color, m.Color)
    assert item.color == "ultraviolet"
    assert item.color.value == "ultraviolet"
    assert str(item.color) == "ultraviolet"
    assert f"{item.color}" == "ultraviolet"
    assert isinstance(item.level, m.Level)
    assert item.level == 7
    assert list(m.Color) == [m.Color.RED, m.Color.GREEN]  # unknown values never become members
    assert str(m.Color.GREEN) == "green"


@pytest.mark.parametrize(
    ("cast_to", "body", "expected"),
    [
        (list[int], [1, 2, 3], [1, 2, 3]),
        (dict[str, int], {"a": 1}, {"a": 1}),
        (Literal["x", "y"], "y", "y"),
        (int | str, "7", "7"),
        (bool, True, True),
    ],
)
def test_non_model_types_are_parsed_with_a_cached_adapter(
    rt: SimpleNamespace,
    server: ScriptedServer,
    client: Any,
    cast_to: Any,
    body: Any,
    expected: Any,
) -> None:
    server.reply("GET", "/v1/value", Reply(body=json.dumps(body).encode()))
    assert client.request("GET", "/value", cast_to=cast_to) == expected
    assert rt.models.json_parser(cast_to) is rt.models.json_parser(cast_to)


def test_parse_json_handles_none_lists_of_models_and_unions(rt: SimpleNamespace) -> None:
    m = make_models(rt)
    assert rt.models.parse_json(None, b'{"a": 1}') is None
    items = rt.models.parse_json(list[m.Item], b'[{"id": "1"}, {"id": "2", "color": "green"}]')
    assert [item.id for item in items] == ["1", "2"]
    assert items[1].color is m.Color.GREEN
    union = rt.models.parse_json(m.Message | m.Item, b'{"id": "9"}')
    assert isinstance(union, m.Item)


def test_no_content_and_cast_to_none_give_none(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    m = make_models(rt)
    server.reply("DELETE", "/v1/items/a", Reply(status=204))
    assert client.request("DELETE", "/items/a", cast_to=m.Item) is None
    server.reply("POST", "/v1/ping", Reply(body={"ok": True}))
    assert client.request("POST", "/ping", cast_to=None) is None


def test_text_and_bytes_responses(server: ScriptedServer, client: Any) -> None:
    server.reply("GET", "/v1/text", Reply(body="plain words"))
    assert client.request("GET", "/text", cast_to=str) == "plain words"
    server.reply("GET", "/v1/bytes", Reply(body=b"\x00\x01"))
    assert client.request("GET", "/bytes", cast_to=bytes) == b"\x00\x01"


def test_omit_drops_values_but_none_is_sent_as_null(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    omit = rt.types.omit
    server.reply("POST", "/v1/chat", Reply(body={}))
    client.request(
        "POST",
        "/chat",
        cast_to=None,
        json_body={"model": "m", "temperature": omit, "stop": None, "n": 0, "stream": False},
        params={"a": omit, "b": None, "c": "x"},
        headers={"X-Omitted": omit, "X-None": None, "X-Flag": True},
    )
    request = server.requests[-1]
    assert request.json() == {"model": "m", "stop": None, "n": 0, "stream": False}
    assert request.query == [("c", "x")]
    assert "x-omitted" not in request.headers
    assert "x-none" not in request.headers
    assert request.headers["x-flag"] == "true"
    assert request.headers["content-type"] == "application/json"


def test_omit_sentinel_behaviour(rt: SimpleNamespace) -> None:
    omit = rt.types.omit
    assert not omit
    assert repr(omit) == "omit"
    assert rt.types.Omit() is omit
    assert rt.types.make_options() is None
    assert rt.types.make_options(extra_headers={}, timeout=rt.types.omit) is None
    assert rt.types.make_options(timeout=None) == {"timeout": None}
    assert rt.types.make_options(max_retries=0, idempotency_key="k") == {
        "max_retries": 0,
        "idempotency_key": "k",
    }


def test_json_body_converts_models_enums_and_dates(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    m = make_models(rt)

    class Plain(enum.Enum):
        A = "a"

    server.reply("POST", "/v1/echo", Reply(body={}))
    client.request(
        "POST",
        "/echo",
        cast_to=None,
        json_body={
            "messages": [m.Message(role="user"), {"role": "system", "content": "be brief"}],
            "color": m.Color.GREEN,
            "plain": Plain.A,
            "day": dt.date(2024, 5, 6),
            "at": dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC),
            "nested": {"keep": None, "drop": rt.types.omit, "tuple": (1, 2)},
        },
    )
    assert server.requests[-1].json() == {
        # a model sends only the fields that were set
        "messages": [{"role": "user"}, {"role": "system", "content": "be brief"}],
        "color": "green",
        "plain": "a",
        "day": "2024-05-06",
        "at": "2024-05-06T07:08:09Z",
        "nested": {"keep": None, "tuple": [1, 2]},
    }


def test_plain_json_body_is_not_copied(rt: SimpleNamespace) -> None:
    body = {"a": 1, "b": "x", "c": None}
    assert rt.body.jsonable(body) is body
    assert rt.body.jsonable({"a": rt.types.omit}) == {}


def test_extra_options_are_merged(rt: SimpleNamespace, server: ScriptedServer) -> None:
    client = rt.base_client.SyncAPIClient(
        base_url=server.url,
        api_key="k",
        default_headers={"X-Default": "d", "X-Removed": "r"},
        default_query={"api-version": "1"},
    )
    server.reply("POST", "/things", Reply(body={}))
    options = rt.types.make_options(
        extra_headers={"X-Extra": "e", "X-Removed": rt.types.omit},
        extra_query={"debug": "1"},
        extra_body={"extra_field": [1]},
    )
    client.request(
        "POST",
        "/things",
        cast_to=None,
        params={"limit": 5},
        json_body={"name": "n"},
        options=options,
    )
    request = server.requests[-1]
    assert request.headers["x-default"] == "d"
    assert request.headers["x-extra"] == "e"
    assert "x-removed" not in request.headers
    assert request.query == [("api-version", "1"), ("limit", "5"), ("debug", "1")]
    assert request.json() == {"name": "n", "extra_field": [1]}
    client.close()


def test_extra_body_without_a_body_sends_json(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/v1/run", Reply(body={}))
    options = rt.types.make_options(extra_body={"x": 1})
    client.request("POST", "/run", cast_to=None, options=options)
    assert server.requests[-1].json() == {"x": 1}


def test_query_styles(rt: SimpleNamespace) -> None:
    encode = rt.query.encode_query

    class Order(enum.Enum):
        ASC = "asc"

    params = {
        "ids": ["a", "b"],
        "csv": ["a", "b"],
        "space": [1, 2],
        "pipe": [True, False],
        "filter": {"status": "active", "tags": ["x", "y"], "skip": None},
        "spread": {"r": 1, "g": 2},
        "order": Order.ASC,
        "since": dt.datetime(2024, 1, 2, 3, 4, 5),
        "flag": False,
    }
    styles = {
        "csv": "commaDelimited",
        "space": "spaceDelimited",
        "pipe": "pipeDelimited",
        "filter": "deepObject",
    }
    assert encode(params, styles) == [
        ("ids", "a"),
        ("ids", "b"),
        ("csv", "a,b"),
        ("space", "1 2"),
        ("pipe", "true|false"),
        ("filter[status]", "active"),
        ("filter[tags]", "x"),
        ("filter[tags]", "y"),
        ("r", "1"),
        ("g", "2"),
        ("order", "asc"),
        ("since", "2024-01-02T03:04:05"),
        ("flag", "false"),
    ]


def test_a_model_as_a_query_value_sends_its_fields(rt: SimpleNamespace) -> None:
    """An object query parameter is typed as a model: its set fields go on the wire by wire name,
    in every style (it was sent as the model's repr)."""
    import pydantic

    class Window(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(populate_by_name=True)
        start: int
        end_at: int | None = pydantic.Field(default=None, alias="endAt")

    window = Window(start=1, endAt=5)
    encode = rt.query.encode_query
    assert encode({"w": window}) == [("start", "1"), ("endAt", "5")]
    assert encode({"w": window}, {"w": "commaDelimited"}) == [("w", "start,1,endAt,5")]
    assert encode({"w": window}, {"w": "deepObject"}) == [("w[start]", "1"), ("w[endAt]", "5")]
    assert encode({"w": Window(start=2)}) == [("start", "2")]  # unset fields stay off the wire


def test_header_values_in_the_simple_style(rt: SimpleNamespace) -> None:
    value = rt.query.header_value
    assert value("plain") == "plain"
    assert value(["a", None, 2, True]) == "a,2,true"
    assert value({"b", "a"}) == "a,b"  # a set: sorted, for stable requests
    assert value({"k": "v", "n": 1, "gone": None}) == "k,v,n,1"
    assert value({"k": "v", "n": 1}, "simpleExploded") == "k=v,n=1"
    assert value(dt.date(2024, 1, 2)) == "2024-01-02"


def test_cookie_parameters_in_the_form_style(rt: SimpleNamespace) -> None:
    encode, merge = rt.query.encode_cookies, rt.query.cookie_header
    cookies = {"sid": "a b;c", "tags": ["x", "y"], "f": {"k": "v"}, "off": None, "empty": []}
    assert encode(cookies) == "sid=a%20b%3Bc; tags=x; tags=y; k=v"
    styles = {"tags": "commaDelimited", "f": "commaDelimited"}
    assert encode(cookies, styles) == "sid=a%20b%3Bc; tags=x,y; f=k,v"
    assert merge(None, "a=1") == "a=1"
    assert merge("jar=1; a=old;b=2", "a=1; c=3") == "jar=1; b=2; a=1; c=3"


def test_query_styles_reach_the_server(server: ScriptedServer, client: Any) -> None:
    server.reply("GET", "/v1/search", Reply(body=[]))
    client.request(
        "GET",
        "/search",
        cast_to=list[int],
        params={"tags": ["a b", "c&d"], "meta": {"k": "v"}},
        query_styles={"meta": "deepObject", "tags": "pipeDelimited"},
    )
    assert server.requests[-1].query == [("tags", "a b|c&d"), ("meta[k]", "v")]


def test_path_params_are_escaped(rt: SimpleNamespace) -> None:
    assert rt.query.encode_path("a/b c?") == "a%2Fb%20c%3F"
    assert rt.query.encode_path("../x") == "..%2Fx"
    assert rt.query.encode_path(True) == "true"
    with pytest.raises(ValueError, match="must not be empty"):
        rt.query.encode_path("")


def test_form_and_raw_content_bodies(server: ScriptedServer, client: Any) -> None:
    server.reply("POST", "/v1/form", Reply(body={}))
    client.request(
        "POST", "/form", cast_to=None, form={"a": "1", "b": True, "c": ["x", "y"], "d": None}
    )
    request = server.requests[-1]
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.body == b"a=1&b=true&c=x&c=y"
    server.reply("PUT", "/v1/blob", Reply(body={}))
    client.request("PUT", "/blob", cast_to=None, content=b"\x01\x02", content_type="image/png")
    request = server.requests[-1]
    assert request.body == b"\x01\x02"
    assert request.headers["content-type"] == "image/png"


def test_auth_headers(rt: SimpleNamespace, server: ScriptedServer) -> None:
    server.reply("GET", "/me", Reply(body={}))
    rt.base_client.SyncAPIClient(
        base_url=server.url, api_key="AQVN1", auth_scheme="Api-Key"
    ).request("GET", "/me", cast_to=None)
    assert server.requests[-1].headers["authorization"] == "Api-Key AQVN1"
    rt.base_client.SyncAPIClient(base_url=server.url).request("GET", "/me", cast_to=None)
    assert "authorization" not in server.requests[-1].headers
    rt.base_client.SyncAPIClient(base_url=server.url, api_key="t1", user_agent="ua/1").request(
        "GET", "/me", cast_to=None
    )
    assert server.requests[-1].headers["authorization"] == "Bearer t1"
    assert server.requests[-1].headers["user-agent"] == "ua/1"


def test_token_provider_with_expiry_is_cached_until_it_nearly_expires(
    rt: SimpleNamespace, server: ScriptedServer
) -> None:
    import time

    calls: list[int] = []
    lifetime = [3600.0]

    def provider() -> tuple[str, float]:
        calls.append(1)
        return f"iam-{len(calls)}", time.time() + lifetime[0]

    client = rt.base_client.SyncAPIClient(base_url=server.url, token_provider=provider)
    server.reply("GET", "/me", Reply(body={}))
    for _ in range(3):
        client.request("GET", "/me", cast_to=None)
    assert len(calls) == 1
    assert server.requests[-1].headers["authorization"] == "Bearer iam-1"
    client._forget_token()
    lifetime[0] = 30.0  # within the 60 s margin: refreshed on every request
    client.request("GET", "/me", cast_to=None)
    client.request("GET", "/me", cast_to=None)
    assert len(calls) == 3
    assert server.requests[-1].headers["authorization"] == "Bearer iam-3"


def test_a_renewal_never_pairs_the_old_token_with_the_new_expiry(
    rt: SimpleNamespace, server: ScriptedServer
) -> None:
    import time

    new = Peeking("iam-new-2")
    results = iter([("iam-old-1", time.time() + 30), (new, time.time() + 3600)])
    client = rt.base_client.SyncAPIClient(base_url=server.url, token_provider=lambda: next(results))
    seen: list[str | None] = []
    new.peek = lambda: seen.append(client._cached_token())
    server.reply("GET", "/me", Reply(body={}))
    client.request("GET", "/me", cast_to=None)  # iam-old-1 is within the 60 s margin: renewed next
    client.request("GET", "/me", cast_to=None)
    assert [r.headers["authorization"] for r in server.requests] == [
        "Bearer iam-old-1",
        "Bearer iam-new-2",
    ]
    # a caller in the middle of the renewal finds no token (and waits for the renewal's lock),
    # never the old one as if it were good until the new one's expiry
    assert seen and set(seen) == {None}


def test_token_provider_without_expiry_is_called_per_request(
    rt: SimpleNamespace, server: ScriptedServer
) -> None:
    tokens = iter(["t1", "t2"])
    client = rt.base_client.SyncAPIClient(base_url=server.url, token_provider=lambda: next(tokens))
    server.reply("GET", "/me", Reply(body={}))
    client.request("GET", "/me", cast_to=None)
    client.request("GET", "/me", cast_to=None)
    assert [r.headers["authorization"] for r in server.requests] == ["Bearer t1", "Bearer t2"]


def test_token_is_refreshed_once_after_a_401(rt: SimpleNamespace, server: ScriptedServer) -> None:
    import time

    tokens = iter(["old", "new"])
    client = rt.base_client.SyncAPIClient(
        base_url=server.url, token_provider=lambda: (next(tokens), time.time() + 3600)
    )
    server.reply("GET", "/me", Reply(status=401, body={"error": "expired"}), Reply(body={"ok": 1}))
    assert client.request("GET", "/me", cast_to=dict[str, int]) == {"ok": 1}
    assert [r.headers["authorization"] for r in server.requests] == ["Bearer old", "Bearer new"]


async def test_async_token_provider_may_be_a_coroutine(
    rt: SimpleNamespace, server: ScriptedServer
) -> None:
    async def provider() -> str:
        return "async-token"

    server.reply("GET", "/me", Reply(body={}))
    async with rt.base_client.AsyncAPIClient(
        base_url=server.url, token_provider=provider
    ) as client:
        await client.request("GET", "/me", cast_to=None)
    assert server.requests[-1].headers["authorization"] == "Bearer async-token"


@pytest.mark.parametrize(
    ("status", "error_name"),
    [
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (409, "ConflictError"),
        (422, "UnprocessableEntityError"),
        (429, "RateLimitError"),
        (500, "InternalServerError"),
        (502, "InternalServerError"),
        (418, "APIStatusError"),
    ],
)
def test_each_status_raises_its_error_class(
    rt: SimpleNamespace, server: ScriptedServer, status: int, error_name: str
) -> None:
    client = rt.base_client.SyncAPIClient(base_url=server.url, max_retries=0)
    server.reply(
        "POST",
        "/fail",
        Reply(
            status=status,
            body={"error": {"message": "went wrong", "code": "x"}},
            headers={"x-request-id": "req-42"},
        ),
    )
    with pytest.raises(rt.errors.APIStatusError) as caught:
        client.request("POST", "/fail", cast_to=None, json_body={})
    error = caught.value
    assert type(error).__name__ == error_name
    assert isinstance(error, rt.errors.APIError)
    assert error.status_code == status
    assert error.request_id == "req-42"
    assert error.body == {"error": {"message": "went wrong", "code": "x"}}
    assert "went wrong" in error.message
    assert error.response.status_code == status
    assert error.request is not None and error.request.method == "POST"


def test_non_json_error_body_is_kept_as_text(rt: SimpleNamespace, server: ScriptedServer) -> None:
    client = rt.base_client.SyncAPIClient(base_url=server.url, max_retries=0)
    server.reply("GET", "/gateway", Reply(status=502, body="<html>bad gateway</html>"))
    with pytest.raises(rt.errors.InternalServerError) as caught:
        client.request("GET", "/gateway", cast_to=None)
    assert caught.value.body == "<html>bad gateway</html>"


def test_schema_mismatch_raises_validation_error(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    m = make_models(rt)
    server.reply("GET", "/v1/items/c", Reply(body={"no_id": 1}))
    with pytest.raises(rt.errors.APIResponseValidationError) as caught:
        client.request("GET", "/items/c", cast_to=m.Item)
    assert caught.value.body == {"no_id": 1}
    server.reply("GET", "/v1/items/d", Reply(body="not json"))
    with pytest.raises(rt.errors.APIResponseValidationError):
        client.request("GET", "/items/d", cast_to=m.Item)


def test_repr_never_shows_secrets(rt: SimpleNamespace) -> None:
    client = rt.base_client.SyncAPIClient(base_url="http://h", api_key="sk-very-secret")
    assert "sk-very-secret" not in repr(client)
    assert "redacted" in repr(client)
    tokenized = rt.base_client.AsyncAPIClient(
        base_url="http://h", token_provider=lambda: "tok-secret"
    )
    assert "tok-secret" not in repr(tokenized)


def test_with_options_copies_settings_and_shares_the_pool(
    rt: SimpleNamespace, server: ScriptedServer
) -> None:
    class Things(rt.base_client.SyncResource):
        def get(self) -> Any:
            return self._client.request("GET", "/things", cast_to=dict[str, int])

    class Client(rt.base_client.SyncAPIClient):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.things = Things(self)

    server.reply("GET", "/things", Reply(body={"n": 1}))
    client = Client(base_url=server.url, api_key="a", default_headers={"X-A": "1"})
    other = client.with_options(api_key="b", default_headers={"X-B": "2"}, max_retries=5)
    assert other.max_retries == 5 and client.max_retries == 2
    assert other.things._client is other
    assert client.things._client is client
    other.things.get()
    client.things.get()
    first, second = server.requests
    assert first.headers["authorization"] == "Bearer b"
    assert first.headers["x-a"] == "1" and first.headers["x-b"] == "2"
    assert second.headers["authorization"] == "Bearer a"
    assert "x-b" not in second.headers
    assert other.http_client is client.http_client
    assert first.client_port == second.client_port  # one pool, one keep-alive connection
    client.close()


def test_per_call_timeout_override(rt: SimpleNamespace, server: ScriptedServer) -> None:
    client = rt.base_client.SyncAPIClient(base_url=server.url, max_retries=0)
    server.reply("GET", "/slow", Reply(delay=0.4, body={}))
    with pytest.raises(rt.errors.APITimeoutError):
        client.request("GET", "/slow", cast_to=None, options=rt.types.make_options(timeout=0.1))
    assert client.request("GET", "/slow", cast_to=dict[str, int]) == {}


def test_base_url_with_and_without_trailing_slash(
    rt: SimpleNamespace, server: ScriptedServer
) -> None:
    server.reply("GET", "/v1/models", Reply(body=[]))
    for base in (server.url + "/v1", server.url + "/v1/"):
        rt.base_client.SyncAPIClient(base_url=base).request("GET", "/models", cast_to=list[int])
    assert [r.path for r in server.requests] == ["/v1/models", "/v1/models"]


async def test_async_request_and_errors(rt: SimpleNamespace, server: ScriptedServer) -> None:
    m = make_models(rt)
    server.reply("POST", "/v1/items", Reply(body={"id": "z", "color": "red"}))
    server.reply("GET", "/v1/missing", Reply(status=404, body={"message": "gone"}))
    async with rt.base_client.AsyncAPIClient(base_url=server.url + "/v1", api_key="k") as client:
        item = await client.request(
            "POST", "/items", cast_to=m.Item, json_body={"a": rt.types.omit}
        )
        assert item.id == "z" and item.color is m.Color.RED
        assert server.requests[-1].body == b"{}"
        with pytest.raises(rt.errors.NotFoundError) as caught:
            await client.request("GET", "/missing", cast_to=m.Item)
        assert caught.value.message == "Error code: 404 - gone"


def test_request_id_header_is_json_serializable_error_body(rt: SimpleNamespace) -> None:
    # error_message picks the human text out of the common error body shapes
    message = rt.errors.error_message
    assert message({"error": {"message": "m1"}}) == "m1"
    assert message({"message": "m2"}) == "m2"
    assert message({"error": "m3"}) == "m3"
    assert message({"detail": "m4"}) == "m4"
    assert message(None) == ""
    assert json.loads(json.dumps({"x": message("text")})) == {"x": "text"}
