"""Answers shaped like AI Studio's OpenAI-compatible endpoints, for the e2e tests of `client.openai`.

Payload builders follow the OpenAI object shapes (the service returns them as is); the data is
our own. Route helpers turn them into `Reply`s of `tests.support.http_server`, including
cursor-paginated lists, typed SSE event streams (`event:` + `data:` lines, no `[DONE]`) and
binary downloads, and `multipart()` reads back what the client uploaded.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import quote

from tests.support.http_server import Reply, Request

API_KEY = "e2e-key-5b2c"
FOLDER = "b1g-e2e-folder"
MODEL = f"gpt://{FOLDER}/yandexgpt/latest"
CREATED = 1764000000


def path_of(*segments: str) -> str:
    """A request path with every segment percent-encoded the way a client must send it."""
    return "".join("/" + quote(segment, safe="") for segment in segments)


def check_auth(request: Request) -> None:
    """The credentials every call of the OpenAI-compatible group must carry."""
    assert request.headers.get("authorization") == f"Api-Key {API_KEY}", request.headers
    assert request.headers.get("openai-project") == FOLDER, request.headers


# --- models --------------------------------------------------------------------------------


def model(model_id: str, owned_by: str = "yandex") -> dict[str, Any]:
    return {"id": model_id, "object": "model", "created": CREATED, "owned_by": owned_by}


MODELS = [
    model(MODEL),
    model(f"gpt://{FOLDER}/yandexgpt-lite/rc"),
    model(f"emb://{FOLDER}/text-search-doc/latest"),
]


# --- files ---------------------------------------------------------------------------------


def file_object(file_id: str, filename: str, size: int, purpose: str = "assistants") -> dict[str, Any]:
    return {
        "id": file_id,
        "object": "file",
        "bytes": size,
        "created_at": CREATED,
        "expires_at": None,
        "filename": filename,
        "purpose": purpose,
    }


def multipart(request: Request) -> dict[str, tuple[str | None, str, bytes]]:
    """The fields of a multipart/form-data body: name -> (filename, content type, bytes)."""
    content_type = request.headers.get("content-type", "")
    assert content_type.startswith("multipart/form-data; boundary="), content_type
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + request.body)
    assert message.is_multipart()
    fields: dict[str, tuple[str | None, str, bytes]] = {}
    for part in message.iter_parts():
        assert isinstance(part, Message)
        name = part.get_param("name", header="content-disposition")
        assert isinstance(name, str)
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        fields[name] = (part.get_filename(), part.get_content_type(), payload)
    return fields


def paged(items: Sequence[dict[str, Any]]) -> Callable[[Request], Reply]:
    """A cursor-paginated list: `limit` items after the id given as `after`, with `has_more`."""

    served = 0

    def route(request: Request) -> Reply:
        nonlocal served
        served += 1
        if served > len(items) + 1:  # a client that never advances the cursor fails, not hangs
            return Reply.json({"error": {"message": "pagination runaway: the cursor did not advance"}}, 400)
        check_auth(request)
        limit = int(request.query.get("limit", ["20"])[0])
        after = request.query.get("after", [None])[0]
        start = 0
        if after is not None:
            start = next(i for i, item in enumerate(items) if item["id"] == after) + 1
        page = list(items[start : start + limit])
        return Reply.json(
            {
                "object": "list",
                "data": page,
                "first_id": page[0]["id"] if page else "",
                "last_id": page[-1]["id"] if page else "",
                "has_more": start + limit < len(items),
            }
        )

    return route


def binary(content: bytes, chunk: int = 7) -> Reply:
    """A download sent in small chunks (chunked encoding), as a large file would arrive."""
    pieces = [content[i : i + chunk] for i in range(0, len(content), chunk)]
    return Reply(200, b"", {"content-type": "application/octet-stream"}, pieces)


# --- vector stores -------------------------------------------------------------------------


def counts(completed: int = 0, in_progress: int = 0) -> dict[str, int]:
    return {
        "in_progress": in_progress,
        "completed": completed,
        "failed": 0,
        "cancelled": 0,
        "total": completed + in_progress,
    }


def vector_store(
    store_id: str,
    name: str,
    *,
    status: str = "completed",
    completed: int = 2,
    metadata: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "id": store_id,
        "object": "vector_store",
        "created_at": CREATED,
        "name": name,
        "usage_bytes": 4096,
        "file_counts": counts(completed=completed),
        "status": status,
        "expires_after": {"anchor": "last_active_at", "days": 7},
        "expires_at": CREATED + 7 * 86400,
        "last_active_at": CREATED,
        "metadata": metadata or {},
    }


def vector_store_file(file_id: str, store_id: str, status: str = "completed") -> dict[str, Any]:
    return {
        "id": file_id,
        "object": "vector_store.file",
        "usage_bytes": 1024,
        "created_at": CREATED,
        "vector_store_id": store_id,
        "status": status,
        "last_error": None,
        "chunking_strategy": {
            "type": "static",
            "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
        },
        "attributes": {"lang": "ru", "year": 2025},
    }


def file_batch(batch_id: str, store_id: str, status: str, completed: int, in_progress: int) -> dict[str, Any]:
    return {
        "id": batch_id,
        "object": "vector_store.files_batch",
        "created_at": CREATED,
        "vector_store_id": store_id,
        "status": status,
        "file_counts": counts(completed=completed, in_progress=in_progress),
    }


def search_results(query: str) -> dict[str, Any]:
    return {
        "object": "vector_store.search_results.page",
        "search_query": [query],
        "data": [
            {
                "file_id": "file-tea",
                "filename": "tea.md",
                "score": 0.92,
                "attributes": {"lang": "ru"},
                "content": [{"type": "text", "text": "Пуэр заваривают водой 95 °C."}],
            },
            {
                "file_id": "file-coffee",
                "filename": "coffee.md",
                "score": 0.41,
                "attributes": {"lang": "en"},
                "content": [{"type": "text", "text": "Espresso needs 9 bar."}],
            },
        ],
        "has_more": False,
        "next_page": None,
    }


# --- conversations -------------------------------------------------------------------------


def conversation(conversation_id: str, metadata: dict[str, str]) -> dict[str, Any]:
    return {"id": conversation_id, "object": "conversation", "created_at": CREATED, "metadata": metadata}


def message_item(item_id: str, role: str, text: str) -> dict[str, Any]:
    kind = "output_text" if role == "assistant" else "input_text"
    part: dict[str, Any] = {"type": kind, "text": text}
    if kind == "output_text":
        part.update(annotations=[], logprobs=[])
    return {"type": "message", "id": item_id, "status": "completed", "role": role, "content": [part]}


# --- responses -----------------------------------------------------------------------------


def output_message(item_id: str, text: str, status: str = "completed") -> dict[str, Any]:
    return {
        "type": "message",
        "id": item_id,
        "status": status,
        "role": "assistant",
        "content": [{"type": "output_text", "text": text, "annotations": [], "logprobs": []}],
    }


def response_object(
    response_id: str,
    *,
    text: str | None,
    status: str = "completed",
    model_uri: str = MODEL,
    previous_response_id: str | None = None,
) -> dict[str, Any]:
    """A response as the service returns it: `error` is null unless the response failed."""
    done = status == "completed"
    return {
        "id": response_id,
        "object": "response",
        "created_at": CREATED,
        "completed_at": CREATED + 2 if done else None,
        "status": status,
        "error": None,
        "incomplete_details": None,
        "instructions": "Answer briefly.",
        "model": model_uri,
        "output": [output_message("msg-1", text)] if text is not None else [],
        "usage": (
            {
                "input_tokens": 21,
                "input_tokens_details": {"cached_tokens": 0},
                "output_tokens": 5,
                "output_tokens_details": {"reasoning_tokens": 0},
                "total_tokens": 26,
            }
            if done
            else None
        ),
        "tools": [],
        "tool_choice": "auto",
        "parallel_tool_calls": True,
        "temperature": 0.3,
        "top_p": None,
        "max_output_tokens": None,
        "previous_response_id": previous_response_id,
        "metadata": {"ticket": "T-42"},
    }


RESPONSE_PIECES = ["Чай ", "лучше ", "кофе."]


def response_events(response_id: str) -> list[tuple[str, dict[str, Any]]]:
    """The typed events of a streamed response, in the order the service sends them."""
    text = "".join(RESPONSE_PIECES)
    running = response_object(response_id, text=None, status="in_progress")
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": running},
        {"type": "response.in_progress", "response": running},
        {"type": "response.output_item.added", "output_index": 0,
         "item": {**output_message("msg-1", "", "in_progress"), "content": []}},
        {"type": "response.content_part.added", "item_id": "msg-1", "output_index": 0, "content_index": 0,
         "part": {"type": "output_text", "text": "", "annotations": [], "logprobs": []}},
    ]
    events += [
        {"type": "response.output_text.delta", "item_id": "msg-1", "output_index": 0, "content_index": 0,
         "delta": piece, "logprobs": []}
        for piece in RESPONSE_PIECES
    ]
    events += [
        {"type": "response.output_text.done", "item_id": "msg-1", "output_index": 0, "content_index": 0,
         "text": text, "logprobs": []},
        {"type": "response.output_item.done", "output_index": 0, "item": output_message("msg-1", text)},
        {"type": "response.completed", "response": response_object(response_id, text=text)},
    ]
    return [(event["type"], {**event, "sequence_number": n}) for n, event in enumerate(events)]


def sse(events: Sequence[tuple[str, dict[str, Any]]]) -> Reply:
    """Typed server-sent events (`event:` and `data:` lines); the stream just ends, no `[DONE]`."""

    def chunks() -> Iterator[bytes]:
        for name, data in events:
            yield f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()

    return Reply(200, b"", {"content-type": "text/event-stream"}, chunks())


def input_items() -> list[dict[str, Any]]:
    """The stored input items of a response: a system and a user message."""
    return [
        {"type": "message", "id": "in-1", "role": "system", "status": "completed",
         "content": [{"type": "input_text", "text": "Answer briefly."}]},
        {"type": "message", "id": "in-2", "role": "user", "status": "completed",
         "content": [{"type": "input_text", "text": "Чай или кофе?"}]},
        {"type": "message", "id": "in-3", "role": "user", "status": "completed",
         "content": [{"type": "input_text", "text": "And why?"}]},
    ]
