"""Proto pipeline benchmarks (`make bench`): generation time and client CPU per call.

1. Generation from the upstream cloudapi tree: our `load_proto` + `render_proto_package`
   (and the same plus `ruff format`, as the pipeline does) against plain
   `python -m grpc_tools.protoc --python_out --pyi_out --grpc_python_out`, each as a fresh
   process, the three alternating round by round; medians and the min–max of per-round ratios.
2. Client CPU (this process, all threads) per unary call, per streamed message and with 32
   async calls in flight, for our sync and async gRPC clients against the raw generated stubs
   sending the same metadata, with a grpcio server running in a separate process so that its
   CPU is not counted. Raw and ours alternate within each round; the ratio is taken per round
   and reported as its median with the interquartile range.

Writes bench/results/grpc.json (rows for bench/run.py).

Usage: .venv/bin/python bench/bench_grpc.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CLOUDAPI = REPO.parent / "shared" / "upstream" / "cloudapi"
PACKAGE = "bench_cloudapi"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from common import alternate, median, write_result  # noqa: E402


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_process(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one child process."""
    cpu = child_cpu()
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=REPO, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, child_cpu() - cpu


def bench_generation(rounds: int) -> list[dict[str, Any]]:
    from generator.proto.compile import find_protos

    files = list(find_protos(CLOUDAPI))
    with tempfile.TemporaryDirectory() as tmp:
        plain = [
            sys.executable, "-m", "grpc_tools.protoc", f"-I{CLOUDAPI}",
            f"--python_out={tmp}", f"--pyi_out={tmp}", f"--grpc_python_out={tmp}", *files,
        ]  # fmt: skip
        ours = [sys.executable, __file__, "--generate-only", tmp]
        commands = {"grpc_tools.protoc": plain, "apigen": ours, "apigen+format": [*ours, "--format"]}
        samples = alternate({name: lambda c=command: timed_process(c)[0] for name, command in commands.items()}, rounds)
    base = samples["grpc_tools.protoc"]
    print(f"generation from {len(files)} upstream files (median of {rounds} alternating rounds, fresh process each):")
    rows = []
    for name, walls in samples.items():
        ratios = [wall / plain_wall for wall, plain_wall in zip(walls, base)]
        print(
            f"  {name:18s} wall {median(walls) * 1000:7.0f} ms"
            f"  ({median(ratios):.2f}x, min–max {min(ratios):.2f}–{max(ratios):.2f})"
        )
        if name != "grpc_tools.protoc":
            rows.append(
                {
                    "group": "gRPC",
                    "metric": f"generate from the upstream protos ({len(files)} files): {name} (wall, median)",
                    "unit": "ms",
                    "ours": median(walls) * 1000,
                    "baseline": median(base) * 1000,
                    "baseline_name": "grpc_tools.protoc",
                    "ratio": median(ratios),
                    "target": None,
                    "met": None,
                    "ratio_meaning": f"ours / baseline per round, min–max {min(ratios):.2f}–{max(ratios):.2f}",
                }
            )
    return rows


def native_options() -> dict[str, Any]:
    """The options of the AI Studio native package (its Api-Key/IAM auth and folder header), so
    that the benchmarked client sends what the AI Studio client sends."""
    from generator.config import load_config

    bundle = next(p for p in load_config(REPO / "specs" / "generator.yaml").packages if p.apis)
    return dict(next(api for api in bundle.apis if api.name.endswith(".native")).options)


def generate_only(out: Path, format_output: bool) -> None:
    from generator.diagnostics import Diagnostics
    from generator.proto import load_proto
    from generator.render.python.grpc.package import render_proto_package

    api, artifacts = load_proto(CLOUDAPI, [], PACKAGE, Diagnostics())
    files = render_proto_package(api, artifacts, PACKAGE, native_options())
    target = out / "gen"
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if format_output:
        from generator import write

        write.format_python(target)


# --- client CPU -----------------------------------------------------------------------------

SERVER = """
import sys, time
from concurrent import futures
import grpc
sys.path.insert(0, sys.argv[1])
from {pkg}._pb.yandex.cloud.ai.foundation_models.v1.text_generation import (
    text_generation_service_pb2 as t, text_generation_service_pb2_grpc as tg)
from {pkg}._pb.yandex.cloud.ai.foundation_models.v1 import text_common_pb2 as c

class Tokenizer(tg.TokenizerServiceServicer):
    def Tokenize(self, request, context):
        return t.TokenizeResponse(tokens=[c.Token(id=1, text="a")], model_version="v")

PART = t.CompletionResponse(alternatives=[c.Alternative(message=c.Message(role="assistant", text="token"))])

class TextGeneration(tg.TextGenerationServiceServicer):
    def Completion(self, request, context):
        for _ in range(int(request.messages[0].text)):
            yield PART

server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
tg.add_TokenizerServiceServicer_to_server(Tokenizer(), server)
tg.add_TextGenerationServiceServicer_to_server(TextGeneration(), server)
port = server.add_insecure_port("127.0.0.1:0")
server.start()
print(port, flush=True)
server.wait_for_termination()
"""

IN_FLIGHT = 32  # concurrent async calls in the "in flight" rows


class Pairs:
    """Per-round CPU per unit of paired contenders (a raw stub and our client doing the same work).

    Each round runs every pair once, the two sides in alternating order, so machine noise hits
    both alike; each pair keeps its own raw samples (a raw stub that is the baseline of two of
    our variants runs once for each), its ratio is taken within its round and summarised by its
    median and spread over the rounds."""

    def __init__(self) -> None:
        self.samples: dict[tuple[str, str], list[tuple[float, float]]] = {}
        self.targets: dict[tuple[str, str], bool] = {}

    def add(self, raw: str, ours: str, raw_seconds: float, ours_seconds: float, *, target: bool = True) -> None:
        self.samples.setdefault((raw, ours), []).append((raw_seconds, ours_seconds))
        self.targets[(raw, ours)] = target

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for (raw, ours), samples in self.samples.items():
            ratios = sorted(o / r for r, o in samples)
            ratio = statistics.median(ratios)
            quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratio] * 3
            judged = self.targets[(raw, ours)]
            out.append(
                {
                    "group": "gRPC",
                    "metric": f"{ours}: client CPU (median of {len(ratios)} alternating rounds)",
                    "unit": "us",
                    "ours": statistics.median(o for _, o in samples) * 1e6,
                    "baseline": statistics.median(r for r, _ in samples) * 1e6,
                    "baseline_name": raw,
                    "ratio": ratio,
                    "target": "<= 1.05x" if judged else None,
                    "met": ratio <= 1.05 if judged else None,
                    "ratio_meaning": f"ours / raw stub per round, IQR {quartiles[0]:.3f}–{quartiles[2]:.3f}",
                }
            )
        return out


def measure_pair(
    results: Pairs, index: int, raw: tuple[str, Callable[[], float]], ours: tuple[str, Callable[[], float]],
    *, target: bool = True,
) -> None:  # fmt: skip
    """One round of a pair: both sides measured, in an order that alternates with the round."""
    order = [raw, ours] if index % 2 == 0 else [ours, raw]
    seconds = {name: measure() for name, measure in order}
    results.add(raw[0], ours[0], seconds[raw[0]], seconds[ours[0]], target=target)


def cpu_per_unit(action: Callable[[], None], count: int) -> float:
    start = time.process_time()
    action()
    return (time.process_time() - start) / count


def bench_clients(calls: int, messages: int, rounds: int) -> list[dict[str, Any]]:
    import importlib

    import grpc

    with tempfile.TemporaryDirectory() as tmp:
        generate_only(Path(tmp), format_output=False)
        folder = str(Path(tmp) / "gen" / "python" / PACKAGE)
        sys.path.insert(0, folder)
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER.format(pkg=PACKAGE), folder],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert server.stdout is not None
            port = int(server.stdout.readline())
            pkg = importlib.import_module(PACKAGE)
            base = f"{PACKAGE}._pb.yandex.cloud.ai.foundation_models.v1"
            stubs = Stubs(
                importlib.import_module(f"{base}.text_generation.text_generation_service_pb2"),
                importlib.import_module(f"{base}.text_generation.text_generation_service_pb2_grpc"),
                importlib.import_module(f"{base}.text_common_pb2"),
                f"127.0.0.1:{port}",
                messages,
            )
            results = Pairs()
            _sync_rounds(pkg, stubs, grpc, calls, messages, rounds, results)
            import asyncio

            asyncio.run(_async_rounds(pkg, stubs, calls, messages, rounds, results))
        finally:
            server.kill()
            server.wait()
    rows = results.rows()
    print(f"client CPU (this process; {calls} unary calls, {messages} streamed messages, {rounds} rounds):")
    for item in rows:
        print(
            f"  {item['metric']:72s} {item['ours']:8.1f} us vs {item['baseline']:8.1f} us"
            f"  ({item['ratio']:.3f}x, {item['ratio_meaning']})"
        )
    return rows


class Stubs:
    """The raw generated modules and the requests both sides send."""

    def __init__(self, t: Any, tg: Any, c: Any, target: str, messages: int) -> None:
        self.tg = tg
        self.target = target
        # the metadata our client sends by itself (auth, folder), so both sides carry the same pairs
        self.metadata = (("authorization", "Api-Key k"), ("x-folder-id", "f"))
        self.request = t.TokenizeRequest(model_uri="gpt://f/m", text="a")
        self.stream_request = t.CompletionRequest(messages=[c.Message(text=str(messages))])


def _sync_rounds(pkg: Any, s: Stubs, grpc: Any, calls: int, messages: int, rounds: int, results: Pairs) -> None:
    channel = grpc.insecure_channel(s.target)
    raw = s.tg.TokenizerServiceStub(channel)
    raw_stream = s.tg.TextGenerationServiceStub(channel)
    client = pkg.Client(api_key="k", folder_id="f", endpoint=s.target, insecure=True, timeout=None)
    ours = client.foundation_models.tokenizer
    ours_stream = client.foundation_models.text_generation
    for _ in range(200):  # warm up both
        raw.Tokenize(s.request, metadata=s.metadata)
        ours.tokenize(s.request)

    def raw_unary() -> None:
        for _ in range(calls):
            raw.Tokenize(s.request, metadata=s.metadata)

    def ours_unary() -> None:
        for _ in range(calls):
            ours.tokenize(s.request)

    def ours_unary_kwargs() -> None:
        for _ in range(calls):
            ours.tokenize(model_uri="gpt://f/m", text="a")

    def raw_streaming() -> None:
        for _ in raw_stream.Completion(s.stream_request, metadata=s.metadata):
            pass

    def ours_streaming() -> None:
        for _ in ours_stream.completion(s.stream_request):
            pass

    # the keyword form builds its request on every call, which the raw stub does not: shown, not judged
    groups = (
        ("sync raw stub, unary", raw_unary, calls, (("sync client, unary (request=)", ours_unary, True),
                                                    ("sync client, unary (keywords)", ours_unary_kwargs, False))),
        ("sync raw stub, per streamed message", raw_streaming, messages,
         (("sync client, per streamed message", ours_streaming, True),)),
    )  # fmt: skip
    for index in range(rounds):
        for raw_name, raw_action, count, contenders in groups:
            for ours_name, ours_action, judged in contenders:
                measure_pair(
                    results, index,
                    (raw_name, lambda a=raw_action, c=count: cpu_per_unit(a, c)),
                    (ours_name, lambda a=ours_action, c=count: cpu_per_unit(a, c)),
                    target=judged,
                )  # fmt: skip
    client.close()
    channel.close()


async def _async_rounds(pkg: Any, s: Stubs, calls: int, messages: int, rounds: int, results: Pairs) -> None:
    import asyncio

    import grpc.aio

    channel = grpc.aio.insecure_channel(s.target)
    raw = s.tg.TokenizerServiceStub(channel)
    raw_stream = s.tg.TextGenerationServiceStub(channel)
    client = pkg.AsyncClient(api_key="k", folder_id="f", endpoint=s.target, insecure=True, timeout=None)
    ours = client.foundation_models.tokenizer
    ours_stream = client.foundation_models.text_generation
    for _ in range(200):
        await raw.Tokenize(s.request, metadata=s.metadata)
        await ours.tokenize(s.request)

    async def raw_unary() -> None:
        for _ in range(calls):
            await raw.Tokenize(s.request, metadata=s.metadata)

    async def ours_unary() -> None:
        for _ in range(calls):
            await ours.tokenize(s.request)

    async def raw_in_flight() -> None:
        for _ in range(calls // IN_FLIGHT):
            await asyncio.gather(*(raw.Tokenize(s.request, metadata=s.metadata) for _ in range(IN_FLIGHT)))

    async def ours_in_flight() -> None:
        for _ in range(calls // IN_FLIGHT):
            await asyncio.gather(*(ours.tokenize(s.request) for _ in range(IN_FLIGHT)))

    async def raw_streaming() -> None:
        async for _ in raw_stream.Completion(s.stream_request, metadata=s.metadata):
            pass

    async def ours_streaming() -> None:
        async for _ in ours_stream.completion(s.stream_request):
            pass

    async def cpu(body: Callable[[], Any], count: int) -> float:
        start = time.process_time()
        await body()
        return (time.process_time() - start) / count

    in_flight_calls = calls // IN_FLIGHT * IN_FLIGHT
    groups = (
        ("async raw stub, unary", raw_unary, "async client, unary (request=)", ours_unary, calls),
        (f"async raw stub, {IN_FLIGHT} calls in flight", raw_in_flight,
         f"async client, {IN_FLIGHT} calls in flight", ours_in_flight, in_flight_calls),
        ("async raw stub, per streamed message", raw_streaming,
         "async client, per streamed message", ours_streaming, messages),
    )  # fmt: skip
    for index in range(rounds):
        for raw_name, raw_action, ours_name, ours_action, count in groups:
            order = [(raw_name, raw_action), (ours_name, ours_action)]
            seconds = {}
            for name, action in order if index % 2 == 0 else reversed(order):
                seconds[name] = await cpu(action, count)
            results.add(raw_name, ours_name, seconds[raw_name], seconds[ours_name])
    await client.close()
    await channel.close(None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer iterations")
    parser.add_argument("--generate-only", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--format", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_only:
        generate_only(Path(args.generate_only), args.format)
        return
    os.environ.setdefault("GRPC_VERBOSITY", "ERROR")
    generation = bench_generation(rounds=3 if args.quick else 7)
    if args.quick:
        clients = bench_clients(calls=960, messages=5000, rounds=5)
    else:
        clients = bench_clients(calls=3200, messages=30000, rounds=11)
    write_result("grpc", {"rows": clients + generation})


if __name__ == "__main__":
    main()
