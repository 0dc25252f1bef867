"""Unions that differ only in member order are parsed each in its own order, in one process.

Python finds `A | B` equal to `B | A` (same hash), while pydantic gives a value both members
take to the first one; the runtime's caches of validators must not let the order used first
decide for the other. Against a real local server, sync and async.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Annotated, Any, Literal, Union

import pytest

from tests.runtime.scripted_server import Reply, ScriptedServer

MODES = ["sync", "async"]
STAMP = "2024-01-01T00:00:00Z"
WHEN = datetime(2024, 1, 1, tzinfo=UTC)
JSON = {"Content-Type": "application/json"}

# each builds the annotation afresh, as a call site does; the first order reads STAMP as a
# datetime, the second keeps the string
ORDERS: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
    "pipe": (lambda: datetime | str, lambda: str | datetime),
    "Union": (
        lambda: Union[datetime, str],  # noqa: UP007 - the typing form is what is tested
        lambda: Union[str, datetime],  # noqa: UP007
    ),
    # (not `Annotated[A | B, m]` against `Annotated[B | A, m]`: typing's own cache of
    # subscriptions hands back whichever of those two was made first)
    "Annotated": (
        lambda: Annotated[datetime, "when"] | str,
        lambda: str | Annotated[datetime, "when"],
    ),
}

# a response that is the union's value, or a list of them (body, what the first order makes of it)
SHAPES: dict[str, tuple[Callable[[Any], Any], Any, Any]] = {
    "value": (lambda union: union, STAMP, WHEN),
    "list": (lambda union: list[union], [STAMP], [WHEN]),
}


def fetch(
    rt: SimpleNamespace, server: ScriptedServer, mode: str, call: Callable[[Any], Any]
) -> Any:
    """`call(client)` (a coroutine's result when async) on a client of `server`."""
    if mode == "sync":
        with rt.base_client.SyncAPIClient(base_url=server.url, max_retries=0) as client:
            return call(client)

    async def run() -> Any:
        async with rt.base_client.AsyncAPIClient(base_url=server.url, max_retries=0) as client:
            return await call(client)

    return asyncio.run(run())


def response(
    rt: SimpleNamespace, server: ScriptedServer, mode: str, cast_to: Any, body: Any
) -> Any:
    server.reply("GET", "/one", Reply(body=json.dumps(body).encode(), headers=JSON))
    return fetch(rt, server, mode, lambda client: client.request("GET", "/one", cast_to=cast_to))


def page_items(rt: SimpleNamespace, server: ScriptedServer, mode: str, item: Any) -> list[Any]:
    server.reply("GET", "/list", Reply(body={"data": [STAMP], "has_more": False}))
    spec = rt.types.PageSpec("cursor", "after", "", "data", "has_more")

    def call(client: Any) -> Any:
        return client.request_page("GET", "/list", item=item, page=spec, params={})

    items: list[Any] = fetch(rt, server, mode, call).items
    return items


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("form", sorted(ORDERS))
def test_a_response_is_parsed_in_its_own_union_order(
    rt: SimpleNamespace, server: ScriptedServer, form: str, shape: str, mode: str
) -> None:
    first, second = ORDERS[form]
    wrap, body, as_datetime = SHAPES[shape]
    for _ in range(2):  # each order again once the other is cached
        assert response(rt, server, mode, wrap(first()), body) == as_datetime
        assert response(rt, server, mode, wrap(second()), body) == body


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("form", sorted(ORDERS))
def test_page_items_are_parsed_in_their_own_union_order(
    rt: SimpleNamespace, server: ScriptedServer, form: str, mode: str
) -> None:
    first, second = ORDERS[form]
    for _ in range(2):
        assert page_items(rt, server, mode, first()) == [WHEN]
        assert page_items(rt, server, mode, second()) == [STAMP]


def test_decoded_data_is_validated_in_its_own_union_order(rt: SimpleNamespace) -> None:
    # python_validator serves error bodies and pages that go the general way; from Python
    # data a str is a str's exact match, so the members here take "1" alike only laxly
    validator = rt.models.python_validator
    for _ in range(2):
        assert repr(validator(list[int | float])(["1"])) == "[1]"
        assert repr(validator(list[float | int])(["1"])) == "[1.0]"


def test_cache_keys_tell_apart_what_validates_differently(rt: SimpleNamespace) -> None:
    key = rt.models.annotation_key
    assert key(int | str) != key(str | int)
    assert key(list[int | str]) != key(list[str | int])
    assert key(Literal[1, 2]) != key(Literal[2, 1])
    assert key(Literal[1]) != key(Literal[True])  # equal as tuples, not as literals
    assert key(Annotated[int, "a"]) != key(Annotated[int, "b"])
    assert key(list[int | str]) == key(list[int | str])
    assert key(rt.models.BaseModel) is rt.models.BaseModel


def test_unhashable_and_fresh_annotations(rt: SimpleNamespace) -> None:
    parser = rt.models.json_parser
    unhashable = Annotated[int, {"not": "hashable"}]
    assert parser(unhashable)(b"7") == 7
    assert parser(unhashable) is not parser(unhashable)  # a fresh adapter each time, as before
    # annotations made afresh on every call share one parser and grow nothing without bound
    cache = rt.models._parsers
    parsers = {parser(list[int | bytes]) for _ in range(3 * rt.models.RECENT_ANNOTATIONS)}
    assert len(parsers) == 1
    assert len(cache._recent) <= rt.models.RECENT_ANNOTATIONS
