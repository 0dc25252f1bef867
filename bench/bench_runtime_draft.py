"""Micro-benchmark: the generated-client runtime vs raw httpx2 + json.loads, against a local server.

Run: .venv/bin/python bench/bench_runtime_draft.py [--quick]

The server runs in its own process (a minimal asyncio HTTP/1.1 keep-alive server), so the client
process's CPU time measures the client alone. Reported: wall time and client CPU time per request
(POST + JSON parse), per SSE chunk, and the time to import the runtime and construct a client.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RUNTIME = ROOT / "templates" / "python" / "runtime"

COMPLETION = {
    "id": "chatcmpl-123",
    "object": "chat.completion",
    "created": 1700000000,
    "model": "yandexgpt/latest",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": "Hello! How can I help you today? " * 4},
            "finish_reason": "stop",
            "logprobs": None,
        }
    ],
    "usage": {"prompt_tokens": 20, "completion_tokens": 40, "total_tokens": 60},
}
CHUNK = {
    "id": "chatcmpl-123",
    "object": "chat.completion.chunk",
    "created": 1700000000,
    "model": "yandexgpt/latest",
    "choices": [{"index": 0, "delta": {"content": "token "}, "finish_reason": None}],
}
REQUEST = {
    "model": "gpt://folder/yandexgpt/latest",
    "messages": [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "Hello, how are you doing today?"},
    ],
    "temperature": 0.3,
    "max_tokens": 200,
}


# --------------------------------------------------------------------------- server process


def _serve(port_queue: Any, chunks_per_stream: int) -> None:
    body = json.dumps(COMPLETION).encode()
    plain = (
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
        + f"content-length: {len(body)}\r\n\r\n".encode()
        + body
    )
    event = b"data: " + json.dumps(CHUNK).encode() + b"\n\n"
    # several events per TCP write, like a real server under load; chunked framing per event
    framed = f"{len(event):x}\r\n".encode() + event + b"\r\n"
    done = b"data: [DONE]\n\n"
    stream_body = (
        framed * chunks_per_stream + f"{len(done):x}\r\n".encode() + done + b"\r\n0\r\n\r\n"
    )
    stream_head = (
        b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
    )

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                if length:
                    await reader.readexactly(length)
                if b" /stream " in head[:64]:
                    writer.write(stream_head)
                    view = memoryview(stream_body)
                    for start in range(0, len(stream_body), 16384):
                        writer.write(view[start : start + 16384])
                        await writer.drain()
                else:
                    writer.write(plain)
                    await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port_queue.put(server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def start_server(chunks_per_stream: int) -> tuple[multiprocessing.Process, str]:
    queue: Any = multiprocessing.Queue()
    process = multiprocessing.Process(target=_serve, args=(queue, chunks_per_stream), daemon=True)
    process.start()
    return process, f"http://127.0.0.1:{queue.get(timeout=10)}"


# --------------------------------------------------------------------------- measuring


def measure(fn: Callable[[], object], repeat: int, rounds: int) -> tuple[float, float]:
    """(best wall seconds, best CPU seconds) per call over `rounds` rounds of `repeat` calls."""
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(repeat):
            fn()
        walls.append((time.perf_counter() - wall) / repeat)
        cpus.append((time.process_time() - cpu) / repeat)
    return min(walls), statistics.median(cpus)


def import_runtime() -> tuple[Any, Path]:
    folder = Path(tempfile.mkdtemp(prefix="apigen-bench-"))
    shutil.copytree(RUNTIME, folder / "benchpkg" / "_runtime")
    (folder / "benchpkg" / "__init__.py").write_text("")
    sys.path.insert(0, str(folder))
    import benchpkg._runtime as runtime  # type: ignore[import-not-found]

    return runtime, folder


def models(runtime: Any) -> tuple[Any, Any]:
    class Message(runtime.BaseModel):
        role: str
        content: str | None = None

    class Choice(runtime.BaseModel):
        index: int
        message: Message
        finish_reason: str | None = None

    class Usage(runtime.BaseModel):
        prompt_tokens: int
        completion_tokens: int
        total_tokens: int

    class ChatCompletion(runtime.BaseModel):
        id: str
        object: str
        created: int
        model: str
        choices: list[Choice]
        usage: Usage | None = None

    class Delta(runtime.BaseModel):
        role: str | None = None
        content: str | None = None

    class ChunkChoice(runtime.BaseModel):
        index: int
        delta: Delta
        finish_reason: str | None = None

    class ChatCompletionChunk(runtime.BaseModel):
        id: str
        object: str
        created: int
        model: str
        choices: list[ChunkChoice]
        usage: Usage | None = None

    return ChatCompletion, ChatCompletionChunk


def import_and_construct(folder: Path, names: str) -> float:
    """Best of 5 fresh interpreters: import the runtime and construct the named clients.

    Byte-code caching is on (as after `pip install`), and a first run writes the caches.
    """
    constructs = "".join(
        f"{name}(base_url='https://llm.api.cloud.yandex.net/v1', api_key='k')\n"
        for name in names.split(",")
    )
    script = (
        "import time; t = time.perf_counter()\n"
        f"from benchpkg._runtime import {names}\n"
        f"{constructs}"
        "print(time.perf_counter() - t)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(folder)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = []
    for _ in range(6):
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        runs.append(float(out.stdout))
    return min(runs[1:])


def main() -> None:
    quick = "--quick" in sys.argv
    chunks = 1000
    repeat, rounds = (300, 3) if quick else (1000, 5)
    process, url = start_server(chunks)
    runtime, folder = import_runtime()
    import httpx2

    ChatCompletion, ChatCompletionChunk = models(runtime)
    raw = httpx2.Client(base_url=url)
    api = runtime.SyncAPIClient(base_url=url, api_key="sk-bench")
    body_bytes = json.dumps(REQUEST).encode()

    def raw_post() -> object:
        return json.loads(raw.post("/chat", json=REQUEST).content)

    def raw_post_model() -> object:
        return ChatCompletion.model_validate_json(raw.post("/chat", json=REQUEST).content)

    def api_post() -> object:
        return api.request("POST", "/chat", cast_to=ChatCompletion, json_body=REQUEST)

    def raw_stream() -> object:
        count = 0
        with raw.stream("POST", "/stream", content=body_bytes) as response:
            for line in response.iter_lines():
                if line.startswith("data: ") and line != "data: [DONE]":
                    json.loads(line[6:])
                    count += 1
        return count

    def api_stream() -> object:
        count = 0
        with api.request(
            "POST",
            "/stream",
            cast_to=None,
            json_body=REQUEST,
            stream=True,
            stream_item=ChatCompletionChunk,
            stream_terminator="[DONE]",
        ) as stream:
            for _ in stream:
                count += 1
        return count

    assert raw_stream() == chunks and api_stream() == chunks
    for fn in (raw_post, raw_post_model, api_post):
        fn()
    results: dict[str, tuple[float, float]] = {}
    for name, fn in (("raw", raw_post), ("raw+model", raw_post_model), ("runtime", api_post)):
        results[name] = measure(fn, repeat, rounds)
    stream_repeat = 10 if quick else 30
    for name, fn in (("raw_sse", raw_stream), ("runtime_sse", api_stream)):
        wall, cpu = measure(fn, stream_repeat, rounds)
        results[name] = (wall / chunks, cpu / chunks)

    async def async_case() -> None:
        araw = httpx2.AsyncClient(base_url=url)
        aapi = runtime.AsyncAPIClient(base_url=url, api_key="sk-bench")

        async def loop(call: Callable[[], Any], n: int) -> tuple[float, float]:
            best = (1e9, 1e9)
            for _ in range(rounds):
                wall, cpu = time.perf_counter(), time.process_time()
                for _ in range(n):
                    await call()
                best = min(
                    best, ((time.perf_counter() - wall) / n, (time.process_time() - cpu) / n)
                )
            return best

        async def raw_call() -> object:
            return json.loads((await araw.post("/chat", json=REQUEST)).content)

        async def api_call() -> object:
            return await aapi.request("POST", "/chat", cast_to=ChatCompletion, json_body=REQUEST)

        async def raw_sse() -> object:
            async with araw.stream("POST", "/stream", content=body_bytes) as response:
                async for line in response.aiter_lines():
                    if line.startswith("data: ") and line != "data: [DONE]":
                        json.loads(line[6:])
            return None

        async def api_sse() -> object:
            stream = await aapi.request(
                "POST",
                "/stream",
                cast_to=None,
                json_body=REQUEST,
                stream=True,
                stream_item=ChatCompletionChunk,
                stream_terminator="[DONE]",
            )
            async with stream:
                async for _ in stream:
                    pass
            return None

        await raw_call()
        await api_call()
        results["async_raw"] = await loop(raw_call, repeat)
        results["async_runtime"] = await loop(api_call, repeat)
        for name, call in (("async_raw_sse", raw_sse), ("async_runtime_sse", api_sse)):
            wall, cpu = await loop(call, stream_repeat)
            results[name] = (wall / chunks, cpu / chunks)
        await araw.aclose()
        await aapi.close()

    asyncio.run(async_case())
    startup_sync = import_and_construct(folder, "SyncAPIClient")
    startup_both = import_and_construct(folder, "SyncAPIClient,AsyncAPIClient")
    process.kill()
    shutil.rmtree(folder, ignore_errors=True)

    def line(label: str, base: str, ours: str) -> str:
        (bw, bc), (ow, oc) = results[base], results[ours]
        return (
            f"{label:<28} raw {bw * 1e6:8.1f} us wall {bc * 1e6:8.1f} us cpu | runtime "
            f"{ow * 1e6:8.1f} us wall {oc * 1e6:8.1f} us cpu | ratio wall {ow / bw:.2f} cpu {oc / bc:.2f}"
        )

    print(line("POST + parse (sync)", "raw", "runtime"))
    print(line("POST + model (sync)", "raw+model", "runtime"))
    print(line("POST + parse (async)", "async_raw", "async_runtime"))
    print(line("SSE chunk (sync)", "raw_sse", "runtime_sse"))
    print(line("SSE chunk (async)", "async_raw_sse", "async_runtime_sse"))
    print(f"{'import + construct (sync)':<28} {startup_sync * 1000:.1f} ms")
    print(f"{'import + construct (both)':<28} {startup_both * 1000:.1f} ms")


if __name__ == "__main__":
    main()
