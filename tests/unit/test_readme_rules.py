"""The rules behind generated package READMEs: which call the quickstart makes, how its programs
are written, and how spec prose becomes safe Markdown."""

from __future__ import annotations

import ast
from typing import Any

import orjson

from generator.ir.model import Field, Name, ObjectType, TypeExpr
from generator.render.docs.markdown import md_fence, md_heading, md_paragraphs
from generator.render.python.grpc.auth import auth_view
from generator.render.python.grpc.surface import Argument
from generator.render.python.grpc.views import MethodView as ProtoMethod
from generator.render.python.http.operations import ArgumentView, MethodView
from generator.render.python.http.package import _calls_data, _read_resource_unit
from generator.render.python.http.resources import ResourceView
from generator.render.python.readme import (
    ProtoService,
    RestCall,
    best_rest_call,
    proto_call,
    proto_quickstart,
    rest_candidates,
    rest_quickstart,
)


def method(name: str, http: str = "GET", path: str = "/x", arguments: tuple[ArgumentView, ...] = (), **extra: Any) -> MethodView:
    return MethodView(
        name=name, http_method=http, path="", arguments=list(arguments), doc="", returns="Thing",
        async_returns="Thing", cast_to="Thing", http_path=path, **extra,
    )


def resource(*methods: MethodView, path: tuple[str, ...] = ("things",)) -> ResourceView:
    return ResourceView(path=path, class_name="Things", module="things", doc="", methods=list(methods))


PATH_ID = ArgumentView("thing_id", "thingId", "str", True, "path")
REQUIRED_QUERY = ArgumentView("kind", "kind", "str", True, "query")
MODEL_BODY = ArgumentView("thing", "thing", "Thing", True, "body")


def rest_call(*resources: ResourceView) -> RestCall | None:
    """The quickstart's call as `render_http_package` chooses it: each resource's candidates as a
    rendered unit keeps them (JSON), ranked across resources by `best_rest_call`."""
    kept = [orjson.loads(orjson.dumps(["", "", _calls_data(rest_candidates(r))])) for r in resources]
    return best_rest_call([_read_resource_unit(unit)[2] for unit in kept])


def chosen(*resources: ResourceView) -> str:
    call = rest_call(*resources)
    assert call is not None
    return call.call


def test_rest_call_prefers_a_get_with_the_fewest_required_arguments() -> None:
    get = method("get", path="/things/{thingId}", arguments=(PATH_ID,))
    search = method("search", arguments=(REQUIRED_QUERY,))
    listed = method("list")
    create = method("create", http="POST")
    assert chosen(resource(create, get, search, listed)) == "client.things.list"
    assert chosen(resource(create, search, get)) == "client.things.get"
    assert chosen(resource(create, search)) == "client.things.search"
    assert chosen(resource(create)) == "client.things.create"


def test_rest_call_ranks_across_resources_before_their_order() -> None:
    posts = resource(method("create", http="POST"), path=("posts",))
    gets = resource(method("get", path="/users/{thingId}", arguments=(PATH_ID,)), path=("users",))
    lists = resource(method("list"), path=("tags",))
    assert chosen(posts, gets) == "client.users.get"  # a GET in a later resource first
    assert chosen(posts, gets, lists) == "client.tags.list"  # then the fewest required arguments
    other_lists = resource(method("list"), path=("notes",))
    assert chosen(posts, lists, other_lists) == "client.tags.list"  # then resource order
    assert chosen(posts, other_lists, lists) == "client.notes.list"
    two = resource(method("all"), method("list"), path=("items",))
    assert chosen(two) == "client.items.all"  # then declaration order


def test_rest_call_leaves_out_streams_downloads_and_arguments_without_an_example() -> None:
    streamed = method("events", stream="always")
    download = method("download", binary=True)
    needs_model = method("replace", http="PUT", arguments=(MODEL_BODY,))
    assert rest_call(resource(streamed, download, needs_model)) is None
    assert rest_call(resource(streamed, method("get", path="/x/{thingId}", arguments=(PATH_ID,)))) is not None


def test_rest_quickstart_passes_what_no_variable_supplies() -> None:
    call = rest_call(resource(method("get", path="/things/{thingId}", arguments=(PATH_ID, REQUIRED_QUERY))))
    plain = rest_quickstart("shop", call, base_url="https://x.invalid/v1", base_url_env="", api_key_env="", takes_key=True)
    assert plain is not None
    assert 'with Client(api_key="...", base_url="https://x.invalid/v1") as client:' in plain.sync
    assert 'result = client.things.get("...", kind="...")' in plain.sync  # path parameters positional
    assert 'result = await client.things.get("...", kind="...")' in plain.async_
    assert plain.request == "GET /things/{thingId}"
    configured = rest_quickstart(
        "shop", call, base_url="https://x.invalid", base_url_env="SHOP_URL", api_key_env="SHOP_KEY", takes_key=True
    )
    assert configured is not None and "with Client() as client:" in configured.sync
    compile(configured.sync, "sync", "exec")
    compile(configured.async_, "async", "exec")


def test_rest_quickstart_iterates_a_page_and_writes_spec_text_as_a_literal() -> None:
    paged = rest_call(resource(method("list", page="PageSpec()")))
    hostile = 'https://x.invalid/"); import os; ("'
    quickstart = rest_quickstart("shop", paged, base_url=hostile, base_url_env="", api_key_env="", takes_key=False)
    assert quickstart is not None
    assert "for item in client.things.list():\n        print(item)" in quickstart.sync
    assert "async for item in client.things.list():" in quickstart.async_
    with_call = ast.parse(quickstart.sync).body[1]
    assert isinstance(with_call, ast.With) and isinstance(with_call.items[0].context_expr, ast.Call)
    (keyword,) = with_call.items[0].context_expr.keywords
    assert ast.literal_eval(keyword.value) == hostile  # one string literal, nothing else
    assert "api_key" not in quickstart.sync  # the spec declares no credential


def proto_method(rpc: str, kind: str = "unary", operation: str = "", arguments: tuple[Argument, ...] = ()) -> ProtoMethod:
    name = rpc.lower()
    return ProtoMethod(
        name=name, attr=f"_{name}", constant=rpc.upper(), path=f"/shop.v1.ItemService/{rpc}", request="Req",
        response="Res", kind=kind, http=[], arguments=list(arguments), parameters=[], build="", doc="",
        returns_sync="Res", returns_async="Res", awaits=True, check=False, operation=operation,
        idempotent=False,
    )


def service(*methods: ProtoMethod, requests: list[ObjectType | None] | None = None) -> ProtoService:
    return ProtoService("shop", "item", list(methods), requests or [None] * len(methods), package="acme.shop.v1")


def test_proto_call_prefers_unary_list_then_get_and_no_operations() -> None:
    watch = proto_method("Watch", kind="server_stream")
    upload = proto_method("Upload", kind="client_stream")
    create = proto_method("Create", operation="Item, Meta")
    get, listed, update = proto_method("Get"), proto_method("ListItems"), proto_method("Update")
    def pick(*methods: ProtoMethod) -> str:
        chosen = proto_call([service(*methods)])
        assert chosen is not None
        return chosen[0].methods[chosen[1]].name
    assert pick(watch, create, update, get, listed) == "listitems"
    assert pick(watch, create, update, get) == "get"
    assert pick(watch, create, update) == "update"
    assert pick(watch, create) == "create"
    assert pick(upload, watch) == "watch"
    assert proto_call([service(upload)]) is None


def test_proto_quickstart_names_arguments_and_credentials_as_configured() -> None:
    field = Field(name=Name("from", ("from",)), type=TypeExpr(kind="primitive", primitive="string"), required=True)
    request = ObjectType(id="shop.v1.GetRequest", name=Name("GetRequest", ("get", "request")), fields=(field,))
    get = proto_method("Get", arguments=(Argument("from_", "from", "str", ""),))
    none = proto_quickstart("shop", [service(get, requests=[request])], auth_view({}), grpc_prefixes=[])
    assert none is not None
    assert 'with Client(endpoint="localhost:50051", insecure=True) as client:' in none.sync
    assert 'response = client.shop.item.get(from_="...")' in none.sync
    keyed = proto_quickstart(
        "shop", [service(get, requests=[request])], auth_view({"auth": {"scheme": "api_key", "header": "x-key"}}),
        grpc_prefixes=["acme.shop"],
    )
    assert keyed is not None and 'with Client(api_key="...") as client:' in keyed.sync
    from_env = auth_view({"auth": {"scheme": "bearer", "env": "SHOP_TOKEN"}})
    quiet = proto_quickstart("shop", [service(get, requests=[request])], from_env, grpc_prefixes=[""])
    assert quiet is not None and "with Client() as client:" in quiet.sync
    elsewhere = proto_quickstart("shop", [service(get, requests=[request])], from_env, grpc_prefixes=["acme.shopping"])
    assert elsewhere is not None and 'Client(endpoint="localhost:50051", insecure=True)' in elsewhere.sync


def test_spec_prose_cannot_break_the_page() -> None:
    assert md_heading("Pets <img src=x onerror=alert(1)>\nAPI #") == "Pets &lt;img src=x onerror=alert(1)&gt; API \\#"
    prose = md_paragraphs("Intro.\n\n```python\nimport os\n\n# Heading\n~~~")
    assert "```" not in prose and "~~~" not in prose and "\n# " not in prose
    block = md_fence('x = "```"', "python")
    assert block.startswith("````python\n") and block.endswith("\n````")
