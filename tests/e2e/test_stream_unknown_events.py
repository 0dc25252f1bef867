"""A stream keeps going when the server sends an event type this client does not know yet."""

from __future__ import annotations

from typing import Any

import pytest
from ai_studio import AIStudio, AsyncAIStudio
from ai_studio.openai import APIResponseValidationError
from ai_studio.openai.models import (
    ResponseCompletedEvent,
    ResponseCreatedEvent,
    ResponseTextDeltaEvent,
)

from tests.e2e import openai_fakes as fake
from tests.support.http_server import LocalServer

NEW_EVENT = {"type": "response.reasoning_summary_text.delta", "item_id": "rs-1", "delta": "thinking"}


def with_new_event_types() -> list[tuple[str, dict[str, Any]]]:
    events = fake.response_events("resp-new")
    return [events[0], (NEW_EVENT["type"], NEW_EVENT), *events[1:], ("response.future_kind", {"type": "response.future_kind"})]


def known_events(events: list[Any]) -> None:
    assert isinstance(events[0], ResponseCreatedEvent)
    assert isinstance(events[-1], ResponseCompletedEvent)
    assert [e.delta for e in events if isinstance(e, ResponseTextDeltaEvent)] == fake.RESPONSE_PIECES
    assert len(events) == len(fake.response_events("resp-new"))  # the two unknown ones skipped


def test_unknown_event_types_are_skipped(server: LocalServer) -> None:
    server.route("POST", "/responses", lambda _request: fake.sse(with_new_event_types()))
    client = AIStudio(api_key=fake.API_KEY, folder_id=fake.FOLDER, openai_base_url=server.url)
    with client.openai.responses.create(model=fake.MODEL, input="hi", stream=True) as stream:
        known_events(list(stream))


async def test_async_unknown_event_types_are_skipped(server: LocalServer) -> None:
    server.route("POST", "/responses", lambda _request: fake.sse(with_new_event_types()))
    async with AsyncAIStudio(api_key=fake.API_KEY, folder_id=fake.FOLDER, openai_base_url=server.url) as client:
        stream = await client.openai.responses.create(model=fake.MODEL, input="hi", stream=True)
        known_events([event async for event in stream])


def test_a_known_event_with_a_wrong_shape_still_raises(server: LocalServer) -> None:
    broken = [("response.created", {"type": "response.created", "response": "not an object", "sequence_number": 0})]
    server.route("POST", "/responses", lambda _request: fake.sse(broken))
    client = AIStudio(api_key=fake.API_KEY, folder_id=fake.FOLDER, openai_base_url=server.url)
    with pytest.raises(APIResponseValidationError):
        list(client.openai.responses.create(model=fake.MODEL, input="hi", stream=True))
