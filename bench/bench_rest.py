"""REST client cost: our generated AI Studio OpenAI-compatible client (`ai_studio.openai`, sync + async)
vs raw httpx2 + json.loads, and vs the `openai` package, all against one local AI Studio-like server.

Run: .venv/bin/python bench/bench_rest.py [--quick] [--json] [--target ai_studio.openai]

The server (`--serve`) is a separate process: a minimal asyncio HTTP/1.1 keep-alive server on
127.0.0.1 that answers as AI Studio's OpenAI-compatible API under /v1:
  POST /v1/chat/completions   a JSON completion, or with `"stream": true` an SSE stream of 200 chunks,
                              a usage chunk with empty `choices`, then `data: [DONE]`
  GET  /v1/files?limit=50     a cursor page of 50 files (`has_more: false`)
  GET  /v1/models             10 models
Every response is prepared once, so the server costs the same for every contender, and since it runs
in its own process, `time.process_time()` in this process is the client's CPU alone.

Method (the same for every metric): each contender makes a batch of calls per round; rounds run the
contenders in alternating order (common.alternate), after a warm-up batch that is not counted;
reported are the medians over rounds of CPU and wall time per unit (request, SSE chunk, list), and
ratios of medians. The spread of the per-round paired ratios (interquartile range) shows the noise.
All contenders send the same request body and get the same bytes back; every httpx2 pool is given
the same limits (1000 connections, 100 kept alive: what `openai` and our runtime use).

Cold import + construct: wall time of a fresh interpreter running
`import ai_studio.openai; ai_studio.openai.Client(api_key='k')` (likewise `import openai;
openai.OpenAI(api_key='k')`) minus that of an interpreter running `pass`, with byte-code caches
written by a first (uncounted) run, median of several alternating runs. Also measured, for
information: the same plus `client.chat.completions` and a ready transport (our client imports
httpx2 only when it first sends; `openai` imports it at once).

Writes bench/results/rest.json (`rows`: each metric with ours, baseline, ratio, target, met).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from common import PYTHON, REPO, alternate, median, write_result

# The generated client under test: the module whose Client/AsyncClient we call, and the folder that
# goes on sys.path. `ai_studio.openai` (one `ai_studio` package) is the current layout;
# `ai_studio_openai` the earlier one. Picked by `resolve_target`; `--target` forces one.
TARGETS = {
    "ai_studio.openai": REPO / "generated" / "python" / "ai_studio",
    "ai_studio_openai": REPO / "generated" / "python" / "ai_studio_openai",
}
API_KEY = "bench-key"
SSE_CHUNKS = 200  # content chunks per stream; one usage chunk follows
SSE_ITEMS = SSE_CHUNKS + 1  # items every contender must yield per stream
LIST_SIZE = 50
SSE_WRITE = 16384  # the server writes a stream in slices of this many bytes
INFLIGHT = 32
POOL = {"max_connections": 1000, "max_keepalive_connections": 100}

# --------------------------------------------------------------------------- payloads

REQUEST: dict[str, Any] = {
    "model": "gpt://b1g-folder/yandexgpt/latest",
    "messages": [
        {"role": "system", "content": "You are a helpful assistant. Answer briefly."},
        {"role": "user", "content": "Write two sentences about the Volga river."},
    ],
    "temperature": 0.3,
    "max_tokens": 200,
}
STREAM_REQUEST: dict[str, Any] = {**REQUEST, "stream": True}
CREATED = 1_732_000_000
ANSWER = (
    "The Volga is the longest river in Europe, flowing about 3,530 km from the Valdai Hills to "
    "the Caspian Sea. It drains much of western Russia and has shaped the country's history, trade "
    "and culture for centuries."
)
COMPLETION = {
    "id": "chatcmpl-9f3c2b7e4a1d4c8e",
    "object": "chat.completion",
    "created": CREATED,
    "model": "yandexgpt/latest",
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": ANSWER, "refusal": None},
            "finish_reason": "stop",
            "logprobs": None,
        }
    ],
    "usage": {"prompt_tokens": 31, "completion_tokens": 52, "total_tokens": 83},
}


def _chunk(delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-9f3c2b7e4a1d4c8e",
        "object": "chat.completion.chunk",
        "created": CREATED,
        "model": "yandexgpt/latest",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
    }


def stream_events() -> list[dict[str, Any]]:
    events = [_chunk({"role": "assistant", "content": ""}, None)]
    events += [_chunk({"content": f" token{index}"}, None) for index in range(1, SSE_CHUNKS - 1)]
    events.append(_chunk({"content": "."}, "stop"))
    usage = _chunk({}, None)
    usage["choices"] = []
    usage["usage"] = {"prompt_tokens": 31, "completion_tokens": SSE_CHUNKS, "total_tokens": 231}
    events.append(usage)
    assert len(events) == SSE_ITEMS
    return events


FILES_PAGE = {
    "object": "list",
    "data": [
        {
            "id": f"file-{index:04d}a9c1e7f3b2d4",
            "object": "file",
            "bytes": 10_000 + index * 137,
            "created_at": CREATED + index,
            "expires_at": CREATED + 86_400 * 30 + index,
            "filename": f"knowledge-base-{index:02d}.pdf",
            "purpose": "assistants",
            "status": "processed",
        }
        for index in range(LIST_SIZE)
    ],
    "first_id": "file-0000a9c1e7f3b2d4",
    "last_id": f"file-{LIST_SIZE - 1:04d}a9c1e7f3b2d4",
    "has_more": False,
}
MODELS = {
    "object": "list",
    "data": [
        {
            "id": f"gpt://b1g-folder/model-{index}/latest",
            "object": "model",
            "created": CREATED,
            "owned_by": "yandex",
        }
        for index in range(10)
    ],
}

# --------------------------------------------------------------------------- server process

STREAM_FLAG = re.compile(rb'"stream"\s*:\s*true')


def _response(status: str, body: bytes, content_type: str = "application/json") -> bytes:
    return (
        f"HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {len(body)}\r\n"
        f"x-request-id: bench-request\r\n\r\n"
    ).encode() + body


def serve() -> None:
    """Run the server; print its port on stdout; serve until killed."""
    chat = _response("200 OK", json.dumps(COMPLETION).encode())
    files = _response("200 OK", json.dumps(FILES_PAGE).encode())
    models = _response("200 OK", json.dumps(MODELS).encode())
    missing = _response(
        "404 Not Found", b'{"error": {"message": "not found", "type": "not_found"}}'
    )
    frames = []
    for event in stream_events():
        data = b"data: " + json.dumps(event).encode() + b"\n\n"
        frames.append(f"{len(data):x}\r\n".encode() + data + b"\r\n")  # one chunked frame per event
    done = b"data: [DONE]\n\n"
    frames.append(f"{len(done):x}\r\n".encode() + done + b"\r\n0\r\n\r\n")
    stream = (
        b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n"
        b"x-request-id: bench-request\r\ntransfer-encoding: chunked\r\n\r\n" + b"".join(frames)
    )
    stats = {"connections": 0, "requests": 0}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        stats["connections"] += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                stats["requests"] += 1
                request_line, _, header_block = head.partition(b"\r\n")
                method, target, _ = request_line.split(b" ", 2)
                length = 0
                for line in header_block.split(b"\r\n"):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                body = await reader.readexactly(length) if length else b""
                path = target.partition(b"?")[0]
                if method == b"POST" and path == b"/v1/chat/completions":
                    if STREAM_FLAG.search(body):
                        view = memoryview(stream)
                        for start in range(0, len(stream), SSE_WRITE):
                            writer.write(view[start : start + SSE_WRITE])
                            await writer.drain()
                        continue
                    writer.write(chat)
                elif method == b"GET" and path == b"/v1/files":
                    writer.write(files)
                elif method == b"GET" and path == b"/v1/models":
                    writer.write(models)
                elif path == b"/__stats":
                    writer.write(_response("200 OK", json.dumps(stats).encode()))
                else:
                    writer.write(missing)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=256)
        print(server.sockets[0].getsockname()[1], flush=True)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def start_server() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [PYTHON, __file__, "--serve"], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    assert process.stdout is not None
    port = int(process.stdout.readline())
    return process, f"http://127.0.0.1:{port}/v1"


# --------------------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Plan:
    rounds: int
    requests: int  # sequential requests per batch (chat completion, models)
    inflight_requests: int  # requests per batch with INFLIGHT in flight
    streams: int  # SSE streams per batch
    lists: int  # list calls per batch
    imports: int  # fresh interpreters per contender for the cold import


PLANS = {
    # many short rounds: the machine is shared, and a median over many rounds shrugs off the rounds
    # that another process's burst of work lands on
    "default": Plan(rounds=15, requests=150, inflight_requests=320, streams=6, lists=80, imports=9),
    "quick": Plan(rounds=7, requests=100, inflight_requests=192, streams=4, lists=50, imports=5),
}

Sample = tuple[float, float]  # (CPU seconds, wall seconds) per unit


def timed(batch: Callable[[], int]) -> Callable[[], Sample]:
    """A contender for `alternate`: runs one batch, returns CPU and wall seconds per unit."""

    def run() -> Sample:
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        units = batch()
        return (time.process_time() - cpu) / units, (time.perf_counter() - wall) / units

    return run


def on_loop(
    loop: asyncio.AbstractEventLoop, batch: Callable[[], Awaitable[int]]
) -> Callable[[], int]:
    return lambda: loop.run_until_complete(batch())  # type: ignore[arg-type]


def quartiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 4:
        return min(values), max(values)
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


def summarize(samples: dict[str, list[Sample]], units_label: str) -> dict[str, Any]:
    out: dict[str, Any] = {"unit": units_label, "contenders": {}}
    for name, values in samples.items():
        cpus = [cpu for cpu, _ in values]
        walls = [wall for _, wall in values]
        cpu_q, wall_q = quartiles(cpus), quartiles(walls)
        out["contenders"][name] = {
            "cpu_us": median(cpus) * 1e6,
            "cpu_us_best": min(cpus) * 1e6,
            "wall_us": median(walls) * 1e6,
            "per_second": 1.0 / median(walls),
            "cpu_spread": (cpu_q[1] - cpu_q[0]) / median(cpus),  # IQR / median, over rounds
            "wall_spread": (wall_q[1] - wall_q[0]) / median(walls),
            "cpu_us_rounds": [round(v * 1e6, 3) for v in cpus],
            "wall_us_rounds": [round(v * 1e6, 3) for v in walls],
        }
    return out


def paired_ratios(
    samples: dict[str, list[Sample]], top: str, bottom: str, index: int
) -> list[float]:
    return [a[index] / b[index] for a, b in zip(samples[top], samples[bottom])]


def run_case(
    name: str,
    contenders: dict[str, Callable[[], int]],
    plan: Plan,
    unit: str,
    log: Callable[[str], None],
) -> tuple[dict[str, Any], dict[str, list[Sample]]]:
    started = time.perf_counter()
    for batch in contenders.values():  # warm-up: connections, lazy imports, validators; not counted
        batch()
    samples: dict[str, list[Sample]] = alternate(  # type: ignore[assignment]
        {key: timed(batch) for key, batch in contenders.items()},
        plan.rounds,  # type: ignore[misc]
    )
    summary = summarize(samples, unit)
    summary["seconds"] = time.perf_counter() - started
    parts = ", ".join(
        f"{key} {value['cpu_us']:.1f}/{value['wall_us']:.1f}"
        for key, value in summary["contenders"].items()
    )
    log(f"  {name:28} cpu/wall us per {unit}: {parts}  ({summary['seconds']:.1f} s)")
    return summary, samples


# --------------------------------------------------------------------------- contenders


@dataclass(frozen=True)
class Target:
    module: str  # e.g. "ai_studio_openai" or "ai_studio.openai"
    root: Path  # the folder that goes on sys.path
    source: str  # where it came from, for the report


def _from_head(relative: str, scratch: Path) -> str | None:
    """Extract `relative` as committed at git HEAD into `scratch` (the work tree is not touched)."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "HEAD", relative], capture_output=True, check=False
    )
    if archive.returncode != 0 or not archive.stdout:
        return None
    subprocess.run(["tar", "-x", "-C", str(scratch)], input=archive.stdout, check=True)
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return f"git HEAD {commit}"


def resolve_target(name: str | None, scratch: Path) -> Target:
    """The package to benchmark, from the work tree; else as committed at HEAD (another engineer may
    be regenerating `generated/` while this runs)."""
    names = [name] if name else list(TARGETS)
    for module in names:
        root = TARGETS[module]
        client = Path(*module.split(".")) / "_client.py"
        if (root / client).is_file():
            return Target(module, root, f"work tree {root.relative_to(REPO)}")
    for module in names:
        relative = TARGETS[module].relative_to(REPO).as_posix()
        source = _from_head(relative, scratch)
        if source and (scratch / relative / Path(*module.split(".")) / "_client.py").is_file():
            return Target(
                module, scratch / relative, f"{source}:{relative} (missing from the work tree)"
            )
    raise SystemExit(f"no generated client found (looked for {', '.join(names)})")


def load_package(target: Target) -> Any:
    import importlib

    if str(target.root) not in sys.path:
        sys.path.insert(0, str(target.root))
    return importlib.import_module(target.module)


def with_old(
    client: Any, batch_by: Callable[[Any], Callable[[], int]]
) -> dict[str, Callable[[], int]]:
    """The `old` contender (the same calls through the older package's client), if there is one."""
    return {"old": batch_by(client)} if client is not None else {}


def older_target(folder: Path, module: str, scratch: Path) -> Target:
    """The package in `folder` (an older checkout's generated/python/<dist>) importable beside ours:
    copied as `<top>_old` (the runtime's imports are relative, so the copy runs as it is)."""
    top, _, rest = module.partition(".")
    shutil.copytree(folder / top, scratch / "old" / f"{top}_old")
    return Target(f"{top}_old.{rest}" if rest else f"{top}_old", scratch / "old", f"--old {folder}")


def sync_cases(
    target: Target, url: str, plan: Plan, log: Callable[[str], None], old: Target | None = None
) -> dict[str, Any]:
    import importlib

    import httpx2
    import openai
    import pydantic

    pkg = load_package(target)
    models = f"{target.module}.models"
    CreateChatCompletionResponse = importlib.import_module(
        f"{models}.create_chat_completion_response"
    ).CreateChatCompletionResponse
    CreateChatCompletionStreamResponse = importlib.import_module(
        f"{models}.create_chat_completion_stream_response"
    ).CreateChatCompletionStreamResponse
    OpenAIFile = importlib.import_module(f"{models}.open_ai_file").OpenAIFile

    files_adapter = pydantic.TypeAdapter(list[OpenAIFile])
    raw = httpx2.Client(
        base_url=url, headers={"Authorization": f"Api-Key {API_KEY}"}, limits=httpx2.Limits(**POOL)
    )
    ours = pkg.Client(api_key=API_KEY, base_url=url)
    older = load_package(old).Client(api_key=API_KEY, base_url=url) if old else None
    oai = openai.OpenAI(api_key=API_KEY, base_url=url)
    n, streams, lists = plan.requests, plan.streams, plan.lists

    # chat completion
    def raw_chat() -> int:
        for _ in range(n):
            json.loads(raw.post("/chat/completions", json=REQUEST).content)
        return n

    def raw_typed_chat() -> int:
        for _ in range(n):
            CreateChatCompletionResponse.model_validate_json(
                raw.post("/chat/completions", json=REQUEST).content
            )
        return n

    def chat_by(client: Any) -> Callable[[], int]:
        def batch() -> int:
            for _ in range(n):
                client.chat.completions.create(**REQUEST)
            return n

        return batch

    def openai_chat() -> int:
        for _ in range(n):
            oai.chat.completions.create(**REQUEST)
        return n

    assert json.loads(raw.post("/chat/completions", json=REQUEST).content) == COMPLETION
    assert ours.chat.completions.create(**REQUEST).choices[0].message.content == ANSWER
    assert oai.chat.completions.create(**REQUEST).choices[0].message.content == ANSWER

    # SSE stream
    def raw_sse_once() -> int:
        count = 0
        with raw.stream("POST", "/chat/completions", json=STREAM_REQUEST) as response:
            for line in response.iter_lines():
                if line.startswith("data: "):
                    data = line[6:]
                    if data != "[DONE]":
                        json.loads(data)
                        count += 1
        return count

    def raw_typed_sse_once() -> int:
        count = 0
        with raw.stream("POST", "/chat/completions", json=STREAM_REQUEST) as response:
            for line in response.iter_lines():
                if line.startswith("data: "):
                    data = line[6:]
                    if data != "[DONE]":
                        CreateChatCompletionStreamResponse.model_validate_json(data)
                        count += 1
        return count

    def ours_sse_once() -> int:
        count = 0
        with ours.chat.completions.create(**STREAM_REQUEST) as stream:
            for _ in stream:
                count += 1
        return count

    def openai_sse_once() -> int:
        count = 0
        with oai.chat.completions.create(**STREAM_REQUEST) as stream:
            for _ in stream:
                count += 1
        return count

    def per_chunk(once: Callable[[], int]) -> Callable[[], int]:
        def batch() -> int:
            total = 0
            for _ in range(streams):
                total += once()
            return total

        return batch

    for once in (raw_sse_once, raw_typed_sse_once, ours_sse_once, openai_sse_once):
        assert once() == SSE_ITEMS, once.__name__

    # 50-item list, every item visited
    def raw_list() -> int:
        for _ in range(lists):
            for item in json.loads(raw.get("/files", params={"limit": LIST_SIZE}).content)["data"]:
                item["id"]
        return lists

    def raw_typed_list() -> int:
        for _ in range(lists):
            page = json.loads(raw.get("/files", params={"limit": LIST_SIZE}).content)
            for item in files_adapter.validate_python(page["data"]):
                item.id  # noqa: B018
        return lists

    def list_by(client: Any) -> Callable[[], int]:
        def batch() -> int:
            for _ in range(lists):
                for item in client.files.list(limit=LIST_SIZE):
                    item.id  # noqa: B018
            return lists

        return batch

    def openai_list() -> int:
        for _ in range(lists):
            for item in oai.files.list(limit=LIST_SIZE):
                item.id  # noqa: B018
        return lists

    assert [f.id for f in ours.files.list(limit=LIST_SIZE)] == [f["id"] for f in FILES_PAGE["data"]]
    assert [f.id for f in oai.files.list(limit=LIST_SIZE)] == [f["id"] for f in FILES_PAGE["data"]]

    # GET /models
    def raw_models() -> int:
        for _ in range(n):
            for item in json.loads(raw.get("/models").content)["data"]:
                item["id"]
        return n

    def ours_models() -> int:
        for _ in range(n):
            for item in ours.models.list().data:
                item.id  # noqa: B018
        return n

    def openai_models() -> int:
        for _ in range(n):
            for item in oai.models.list():
                item.id  # noqa: B018
        return n

    results: dict[str, Any] = {}
    samples: dict[str, dict[str, list[Sample]]] = {}
    for key, contenders, unit in (
        ("chat_sync", {"raw": raw_chat, "raw_typed": raw_typed_chat, "ours": chat_by(ours), "openai": openai_chat, **with_old(older, chat_by)}, "request"),
        ("sse_sync", {key: per_chunk(fn) for key, fn in (("raw", raw_sse_once), ("raw_typed", raw_typed_sse_once), ("ours", ours_sse_once), ("openai", openai_sse_once))}, "chunk"),
        ("list_sync", {"raw": raw_list, "raw_typed": raw_typed_list, "ours": list_by(ours), "openai": openai_list, **with_old(older, list_by)}, "list"),
        ("models_sync", {"raw": raw_models, "ours": ours_models, "openai": openai_models}, "request"),
    ):  # fmt: skip
        results[key], samples[key] = run_case(key, contenders, plan, unit, log)
    raw.close()
    ours.close()
    if older:
        older.close()
    oai.close()
    return {"summaries": results, "samples": samples}


def async_cases(
    target: Target, url: str, plan: Plan, log: Callable[[str], None], old: Target | None = None
) -> dict[str, Any]:
    import httpx2
    import openai

    pkg = load_package(target)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    raw = httpx2.AsyncClient(
        base_url=url, headers={"Authorization": f"Api-Key {API_KEY}"}, limits=httpx2.Limits(**POOL)
    )
    ours = pkg.AsyncClient(api_key=API_KEY, base_url=url)
    older = load_package(old).AsyncClient(api_key=API_KEY, base_url=url) if old else None
    oai = openai.AsyncOpenAI(api_key=API_KEY, base_url=url)
    n, streams, lists = plan.requests, plan.streams, plan.lists

    async def raw_call() -> None:
        json.loads((await raw.post("/chat/completions", json=REQUEST)).content)

    def call_by(client: Any) -> Callable[[], Awaitable[None]]:
        async def call() -> None:
            await client.chat.completions.create(**REQUEST)

        return call

    async def openai_call() -> None:
        await oai.chat.completions.create(**REQUEST)

    def sequential(call: Callable[[], Awaitable[None]]) -> Callable[[], int]:
        async def batch() -> int:
            for _ in range(n):
                await call()
            return n

        return on_loop(loop, batch)

    def concurrent(call: Callable[[], Awaitable[None]]) -> Callable[[], int]:
        per_worker = plan.inflight_requests // INFLIGHT

        async def worker() -> None:
            for _ in range(per_worker):
                await call()

        async def batch() -> int:
            await asyncio.gather(*(worker() for _ in range(INFLIGHT)))
            return per_worker * INFLIGHT

        return on_loop(loop, batch)

    async def raw_sse() -> int:
        count = 0
        async with raw.stream("POST", "/chat/completions", json=STREAM_REQUEST) as response:
            async for line in response.aiter_lines():
                if line.startswith("data: "):
                    data = line[6:]
                    if data != "[DONE]":
                        json.loads(data)
                        count += 1
        return count

    async def ours_sse() -> int:
        count = 0
        async with await ours.chat.completions.create(**STREAM_REQUEST) as stream:
            async for _ in stream:
                count += 1
        return count

    async def openai_sse() -> int:
        count = 0
        async with await oai.chat.completions.create(**STREAM_REQUEST) as stream:
            async for _ in stream:
                count += 1
        return count

    def per_chunk(once: Callable[[], Awaitable[int]]) -> Callable[[], int]:
        async def batch() -> int:
            total = 0
            for _ in range(streams):
                total += await once()
            return total

        return on_loop(loop, batch)

    async def raw_list_once() -> None:
        page = json.loads((await raw.get("/files", params={"limit": LIST_SIZE})).content)
        for item in page["data"]:
            item["id"]

    def list_once_by(client: Any) -> Callable[[], Awaitable[None]]:
        async def list_once() -> None:
            async for item in client.files.list(limit=LIST_SIZE):
                item.id  # noqa: B018

        return list_once

    async def openai_list_once() -> None:
        async for item in oai.files.list(limit=LIST_SIZE):
            item.id  # noqa: B018

    def lists_batch(once: Callable[[], Awaitable[None]]) -> Callable[[], int]:
        async def batch() -> int:
            for _ in range(lists):
                await once()
            return lists

        return on_loop(loop, batch)

    for once in (raw_sse, ours_sse, openai_sse):
        assert loop.run_until_complete(once()) == SSE_ITEMS, once.__name__

    results: dict[str, Any] = {}
    samples: dict[str, dict[str, list[Sample]]] = {}
    # The 32-in-flight case goes last: it leaves 32 idle keep-alive connections in every pool for
    # 5 s (httpx2's keepalive_expiry), and httpcore2 walks all pooled connections twice a request,
    # so the first rounds of the case after it paid that on every contender until the pools
    # expired, each at its own moment; how many rounds did varied from run to run, and so did the
    # async list row (1.23-1.35x).
    for key, contenders, unit in (
        ("chat_async", {"raw": sequential(raw_call), "ours": sequential(call_by(ours)), "openai": sequential(openai_call), **with_old(older, lambda c: sequential(call_by(c)))}, "request"),
        ("sse_async", {"raw": per_chunk(raw_sse), "ours": per_chunk(ours_sse), "openai": per_chunk(openai_sse)}, "chunk"),
        ("list_async", {"raw": lists_batch(raw_list_once), "ours": lists_batch(list_once_by(ours)), "openai": lists_batch(openai_list_once), **with_old(older, lambda c: lists_batch(list_once_by(c)))}, "list"),
        ("chat_async_32", {"raw": concurrent(raw_call), "ours": concurrent(call_by(ours)), "openai": concurrent(openai_call)}, "request"),
    ):  # fmt: skip
        results[key], samples[key] = run_case(key, contenders, plan, unit, log)

    async def close() -> None:
        await raw.aclose()
        await ours.close()
        if older:
            await older.close()
        await oai.close()

    loop.run_until_complete(close())
    loop.close()
    return {"summaries": results, "samples": samples}


# --------------------------------------------------------------------------- cold import


def import_scripts(module: str) -> dict[str, str]:
    return {
        "empty": "pass",
        "ours": f"import {module}; {module}.Client(api_key='k')",
        "openai": "import openai; openai.OpenAI(api_key='k')",
        # the same, plus what the first call needs: the chat resources and a ready transport
        "ours_ready": f"import {module}; c = {module}.Client(api_key='k'); c.chat.completions; c.http_client",
        "openai_ready": "import openai; c = openai.OpenAI(api_key='k'); c.chat.completions",
    }


def cold_import(target: Target, plan: Plan, log: Callable[[str], None]) -> dict[str, Any]:
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="bench-rest-import-"))
    scripts = import_scripts(target.module)
    top = target.module.split(".")[0]
    try:
        # a private copy, so that byte-code caches are written there and not into generated/
        shutil.copytree(target.root / top, work / top)
        env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
        env["PYTHONPATH"] = str(work)

        def runner(code: str) -> Callable[[], float]:
            def run() -> float:
                begin = time.perf_counter()
                subprocess.run(
                    [PYTHON, "-c", code], cwd=work, env=env, check=True, capture_output=True
                )
                return time.perf_counter() - begin

            return run

        contenders = {name: runner(code) for name, code in scripts.items()}
        for run in contenders.values():  # writes the byte-code caches; not counted
            run()
        samples = alternate(contenders, plan.imports)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    empty = median(samples["empty"])
    out: dict[str, Any] = {"interpreter_ms": empty * 1000, "runs": plan.imports, "scripts": scripts}
    for name in scripts:
        if name == "empty":
            continue
        values = [(value - empty) * 1000 for value in samples[name]]
        low, high = quartiles(values)
        out[name] = {
            "ms": median(values),
            "spread": (high - low) / median(values),
            "ms_rounds": [round(value, 2) for value in values],
        }
    out["seconds"] = time.perf_counter() - started
    log(
        "  cold import + construct ms: "
        + ", ".join(f"{name} {out[name]['ms']:.1f}" for name in scripts if name != "empty")
        + f" (interpreter {empty * 1000:.1f})  ({out['seconds']:.1f} s)"
    )
    return out


# --------------------------------------------------------------------------- report


def _row(metric: str, unit: str, ours: float, baseline: float, baseline_name: str, ratio: float,
         meaning: str, target: tuple[str, float] | None = None, ratios: list[float] | None = None,
         **extra: Any) -> dict[str, Any]:  # fmt: skip
    row: dict[str, Any] = {
        "group": "REST",
        "metric": metric,
        "unit": unit,
        "ours": ours,
        "baseline": baseline,
        "baseline_name": baseline_name,
        "ratio": ratio,
        "ratio_meaning": meaning,
        "target": None,
        "met": None,
        **extra,
    }
    if ratios:
        row["ratio_iqr"] = list(quartiles(ratios))
        row["ratio_range"] = [min(ratios), max(ratios)]
    if target:
        op, value = target
        row["target"] = f"{op} {value:g}x"
        row["met"] = ratio <= value if op == "<=" else ratio >= value
        if ratios:
            low, high = row["ratio_iqr"]
            row["noisy"] = low <= value <= high  # the target lies within the noise of the rounds
    return row


def compare(case: dict[str, Any], samples: dict[str, list[Sample]], label: str, other: str,
            limit: float | None, top: str = "ours", **extra: Any) -> dict[str, Any]:  # fmt: skip
    """Client CPU of `top` (ours) against `other`: ours/raw (target `limit`), or openai/ours
    (target 2x); ours/old and old/raw when an older package was measured beside ours."""
    ours, theirs = case[top], case[other]
    names = {"raw": "raw httpx2", "raw_typed": "raw httpx2 + pydantic model", "openai": "openai",
             "old": "older package"}  # fmt: skip
    if other == "openai":
        ratio, meaning = theirs["cpu_us"] / ours["cpu_us"], "openai / ours"
        paired = paired_ratios(samples, "openai", "ours", 0)
        best = theirs["cpu_us_best"] / ours["cpu_us_best"]
        target = (">=", 2.0) if limit else None
    else:
        ratio, meaning = ours["cpu_us"] / theirs["cpu_us"], f"{top} / {other}"
        paired = paired_ratios(samples, top, other, 0)
        best = ours["cpu_us_best"] / theirs["cpu_us_best"]
        target = ("<=", limit) if limit and other == "raw" else None
    return _row(label, "us", ours["cpu_us"], theirs["cpu_us"], names[other], ratio, meaning, target,
                paired, ratio_of_best=best, contender=top, **extra)  # fmt: skip


def throughput(
    case: dict[str, Any], samples: dict[str, list[Sample]], label: str, other: str
) -> dict[str, Any]:
    """Units per second (wall); ratio = our throughput / theirs."""
    ours, theirs = case["ours"], case[other]
    paired = [1 / value for value in paired_ratios(samples, "ours", other, 1)]
    return _row(label, "/s", ours["per_second"], theirs["per_second"],
                "raw httpx2" if other == "raw" else other, ours["per_second"] / theirs["per_second"],
                f"ours / {other} throughput", None, paired)  # fmt: skip


def rows(
    sync: dict[str, Any], asyn: dict[str, Any], imports: dict[str, Any]
) -> list[dict[str, Any]]:
    summaries = {**sync["summaries"], **asyn["summaries"]}
    samples = {**sync["samples"], **asyn["samples"]}
    out: list[dict[str, Any]] = []
    cases = (
        ("chat_sync", "chat completion, sync: client CPU per request", 1.25),
        ("chat_async", "chat completion, async sequential: client CPU per request", 1.25),
        (
            "chat_async_32",
            f"chat completion, async {INFLIGHT} in flight: client CPU per request",
            1.25,
        ),
        ("sse_sync", f"SSE stream ({SSE_ITEMS} chunks), sync: client CPU per chunk", 1.5),
        ("sse_async", f"SSE stream ({SSE_ITEMS} chunks), async: client CPU per chunk", 1.5),
        ("list_sync", f"list of {LIST_SIZE} files, sync: client CPU per list", 1.3),
        ("list_async", f"list of {LIST_SIZE} files, async: client CPU per list", 1.3),
        ("models_sync", "GET /models (10 items), sync: client CPU per request", None),
    )
    for key, label, limit in cases:
        case = summaries[key]["contenders"]
        out.append(compare(case, samples[key], label, "raw", limit))
        if (
            "raw_typed" in case
        ):  # where the difference goes: typed parsing or the rest of the runtime
            out.append(compare(case, samples[key], label, "raw_typed", None, detail=True))
        out.append(compare(case, samples[key], label, "openai", limit))
        if "old" in case:  # before/after: the older package against raw, and ours against it
            out.append(compare(case, samples[key], label, "raw", None, top="old", detail=True))
            out.append(compare(case, samples[key], label, "old", None, detail=True))
    for key, label in (
        ("chat_sync", "chat completion, sync: requests/s (wall, sequential)"),
        ("chat_async_32", f"chat completion, async {INFLIGHT} in flight: requests/s (wall)"),
        ("sse_sync", "SSE stream, sync: chunks/s (wall)"),
        ("list_sync", f"list of {LIST_SIZE} files, sync: lists/s (wall)"),
    ):
        for other in ("raw", "openai"):
            out.append(throughput(summaries[key]["contenders"], samples[key], label, other))
    ours_ms, openai_ms = imports["ours"]["ms"], imports["openai"]["ms"]
    label = "cold import + construct (sync client), fresh interpreter"
    cold = _row(label, "ms", ours_ms, 0.0, "", 0.0, "", spread=imports["ours"]["spread"])
    cold.update(
        baseline=None, ratio=None, ratio_meaning=None, target="<= 150 ms", met=ours_ms <= 150.0
    )
    out.append(cold)
    out.append(
        _row(
            label,
            "ms",
            ours_ms,
            openai_ms,
            "openai",
            openai_ms / ours_ms,
            "openai / ours",
            (">=", 2.0),
        )
    )
    out.append(_row("cold import + construct + `chat.completions` + transport ready", "ms",
                    imports["ours_ready"]["ms"], imports["openai_ready"]["ms"], "openai",
                    imports["openai_ready"]["ms"] / imports["ours_ready"]["ms"], "openai / ours"))  # fmt: skip
    return out


def main() -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and smaller batches")
    parser.add_argument("--json", action="store_true", help="print the result as JSON on stdout")
    parser.add_argument(
        "--target", choices=sorted(TARGETS), help="the generated package to measure"
    )
    parser.add_argument(
        "--root",
        type=Path,
        help="measure the package found in this folder instead (a candidate runtime, say); "
        "results go to results/rest_candidate.json",
    )
    parser.add_argument(
        "--old",
        type=Path,
        help="also measure the package in this folder (an older checkout's generated/python/"
        "ai_studio) beside ours, alternating, in the chat and list cases: rows old/raw, ours/old",
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve()
        return {}
    plan = PLANS["quick" if args.quick else "default"]

    def log(line: str) -> None:
        print(line, file=sys.stderr if args.json else sys.stdout, flush=True)

    started = time.perf_counter()
    load_before = os.getloadavg()
    scratch = Path(tempfile.mkdtemp(prefix="bench-rest-"))
    server, url = start_server()
    try:
        if args.root:
            module = args.target or next(iter(TARGETS))
            target = Target(module, args.root.resolve(), f"--root {args.root}")
        else:
            target = resolve_target(args.target, scratch)
        old = older_target(args.old.resolve(), target.module, scratch) if args.old else None
        log(f"bench_rest: {target.module} from {target.source}; plan {asdict(plan)}")
        sync = sync_cases(target, url, plan, log, old)
        asyn = async_cases(target, url, plan, log, old)
        import httpx2

        stats = httpx2.get(url.rsplit("/v1", 1)[0] + "/__stats").json()
        server.kill()
        server.wait()
        imports = cold_import(target, plan, log)
    finally:
        server.kill()
        server.wait()
        shutil.rmtree(scratch, ignore_errors=True)
    import httpx2
    import openai
    import pydantic

    result: dict[str, Any] = {
        "meta": {
            "target": {"module": target.module, "source": target.source},
            "plan": asdict(plan),
            "python": platform.python_version(),
            "httpx2": httpx2.__version__,
            "openai": openai.__version__,
            "pydantic": pydantic.VERSION,
            "cpus": os.cpu_count(),
            "load_before": list(load_before),
            "load_after": list(os.getloadavg()),
            "server": {
                "sse_write_bytes": SSE_WRITE,
                "sse_items": SSE_ITEMS,
                "list_size": LIST_SIZE,
                **stats,
            },
            "seconds": time.perf_counter() - started,
        },
        "cases": {**sync["summaries"], **asyn["summaries"]},
        "cold_import": imports,
        "rows": rows(sync, asyn, imports),
    }
    write_result("rest_candidate" if args.root else "rest_vs_old" if args.old else "rest", result)
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
    else:
        for row in result["rows"]:
            met = "" if row["met"] is None else ("met" if row["met"] else "NOT met")
            baseline = (
                ""
                if row["baseline"] is None
                else f"{row['baseline_name'][:16]:16} {row['baseline']:9.1f}"
            )
            ratio = (
                "" if row["ratio"] is None else f"{row['ratio_meaning']:>24} {row['ratio']:5.2f}x"
            )
            log(
                f"{row['metric'][:62]:62} {row.get('contender', 'ours'):4} {row['ours']:9.1f}"
                f" {row['unit']:2} | {baseline:26} |"
                f" {ratio:31} {row['target'] or '':>9} {met}"
            )
        log(f"total {result['meta']['seconds']:.0f} s")
    return result


if __name__ == "__main__":
    main()
