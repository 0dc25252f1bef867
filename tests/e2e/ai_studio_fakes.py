"""Answers shaped like AI Studio's OpenAI-compatible endpoints (recorded shapes, our own data)."""

from __future__ import annotations

from typing import Any

from tests.support.http_server import Reply, Request

MODEL = "gpt://b1gfolder/yandexgpt/latest"


def chat_completion(request: Request) -> Reply:
    body = request.json()
    if body.get("stream"):
        return Reply.sse(_chunks(body))
    return Reply.json(
        {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 1764000000,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": "Привет! Hello."},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 12, "completion_tokens": 4, "total_tokens": 16},
        },
        headers={"x-request-id": "req-chat-1"},
    )


def _chunks(body: dict[str, Any]) -> list[dict[str, Any]]:
    base = {"id": "chatcmpl-2", "object": "chat.completion.chunk", "created": 1764000000, "model": body["model"]}
    pieces = ["Hel", "lo", ", ", "world"]
    chunks = [
        {**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": piece}, "finish_reason": None}]}
        for piece in pieces
    ]
    chunks.append({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    # AI Studio ends with a usage chunk whose `choices` is empty, then `data: [DONE]`
    chunks.append({**base, "choices": [], "usage": {"prompt_tokens": 5, "completion_tokens": 4, "total_tokens": 9}})
    return chunks


def embeddings(request: Request) -> Reply:
    body = request.json()
    inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
    return Reply.json(
        {
            "object": "list",
            "data": [
                {"object": "embedding", "index": i, "embedding": [0.25 * (i + 1), -0.5, 0.125]}
                for i, _ in enumerate(inputs)
            ],
            "model": body["model"],
            "usage": {"prompt_tokens": 3 * len(inputs), "total_tokens": 3 * len(inputs)},
        }
    )
