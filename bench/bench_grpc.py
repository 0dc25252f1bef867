"""Proto pipeline benchmarks (`make bench`): generation time and client CPU per call.

1. Generation from the upstream cloudapi tree: our `load_proto` + `render_proto_package`
   (and the same plus `ruff format`, as the pipeline does) against plain
   `python -m grpc_tools.protoc --python_out --pyi_out --grpc_python_out`, each as a fresh
   process, best of several runs.
2. Client CPU (this process, all threads) per unary call and per streamed message, for our
   sync and async gRPC clients against the raw generated stubs, with a grpcio server running
   in a separate process so that its CPU is not counted.

Usage: .venv/bin/python bench/bench_grpc.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import resource
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


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_process(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one child process."""
    cpu = child_cpu()
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=REPO, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, child_cpu() - cpu


def bench_generation(runs: int) -> None:
    from generator.proto.compile import find_protos

    files = list(find_protos(CLOUDAPI))
    with tempfile.TemporaryDirectory() as tmp:
        plain = [
            sys.executable, "-m", "grpc_tools.protoc", f"-I{CLOUDAPI}",
            f"--python_out={tmp}", f"--pyi_out={tmp}", f"--grpc_python_out={tmp}", *files,
        ]  # fmt: skip
        ours = [sys.executable, __file__, "--generate-only", tmp]
        ours_formatted = [*ours, "--format"]
        results = {}
        for name, command in (("grpc_tools.protoc", plain), ("apigen", ours), ("apigen+format", ours_formatted)):
            samples = [timed_process(command) for _ in range(runs)]
            results[name] = (min(s[0] for s in samples), min(s[1] for s in samples))
    base_wall, base_cpu = results["grpc_tools.protoc"]
    print(f"generation from {len(files)} upstream files (best of {runs}, fresh process each):")
    for name, (wall, cpu) in results.items():
        print(
            f"  {name:18s} wall {wall * 1000:7.0f} ms  cpu {cpu * 1000:7.0f} ms"
            f"  ({wall / base_wall:.2f}x wall, {cpu / base_cpu:.2f}x cpu)"
        )


def generate_only(out: Path, format_output: bool) -> None:
    from generator.diagnostics import Diagnostics
    from generator.proto import load_proto
    from generator.render.python.grpc.package import render_proto_package

    api, artifacts = load_proto(CLOUDAPI, [], PACKAGE, Diagnostics())
    files = render_proto_package(api, artifacts, PACKAGE, {})
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

server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
tg.add_TokenizerServiceServicer_to_server(Tokenizer(), server)
tg.add_TextGenerationServiceServicer_to_server(TextGeneration(), server)
port = server.add_insecure_port("127.0.0.1:0")
server.start()
print(port, flush=True)
server.wait_for_termination()
"""


def cpu_per(action: Callable[[], None], count: int, repeats: int) -> float:
    """Best CPU seconds per unit over `repeats` runs of `action` (which does `count` units)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        action()
        best = min(best, (time.process_time() - start) / count)
    return best


def bench_clients(calls: int, messages: int, repeats: int) -> None:
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
            t = importlib.import_module(f"{base}.text_generation.text_generation_service_pb2")
            tg = importlib.import_module(f"{base}.text_generation.text_generation_service_pb2_grpc")
            c = importlib.import_module(f"{base}.text_common_pb2")
            target = f"127.0.0.1:{port}"
            metadata = (("authorization", "Api-Key k"), ("x-folder-id", "f"))
            request = t.TokenizeRequest(model_uri="gpt://f/m", text="a")
            stream_request = t.CompletionRequest(messages=[c.Message(text=str(messages))])
            results: dict[str, float] = {}

            channel = grpc.insecure_channel(target)
            raw = tg.TokenizerServiceStub(channel)
            raw_stream = tg.TextGenerationServiceStub(channel)
            client = pkg.Client(api_key="k", folder_id="f", endpoint=target, insecure=True, timeout=None)
            ours = client.foundation_models.tokenizer
            ours_stream = client.foundation_models.text_generation
            for _ in range(200):  # warm up both
                raw.Tokenize(request, metadata=metadata)
                ours.tokenize(request)

            def raw_unary() -> None:
                for _ in range(calls):
                    raw.Tokenize(request, metadata=metadata)

            def ours_unary() -> None:
                for _ in range(calls):
                    ours.tokenize(request)

            def ours_unary_kwargs() -> None:
                for _ in range(calls):
                    ours.tokenize(model_uri="gpt://f/m", text="a")

            def raw_streaming() -> None:
                for _ in raw_stream.Completion(stream_request, metadata=metadata):
                    pass

            def ours_streaming() -> None:
                for _ in ours_stream.completion(stream_request):
                    pass

            for _ in range(2):  # interleave to even out machine noise
                for name, action, count in (
                    ("sync raw stub, unary", raw_unary, calls),
                    ("sync client, unary (request=)", ours_unary, calls),
                    ("sync client, unary (keywords)", ours_unary_kwargs, calls),
                    ("sync raw stub, per message", raw_streaming, messages),
                    ("sync client, per message", ours_streaming, messages),
                ):
                    value = cpu_per(action, count, repeats)
                    results[name] = min(results.get(name, value), value)
            client.close()
            channel.close()
            import asyncio

            results.update(asyncio.run(_async_bench(pkg, tg, target, metadata, request, stream_request, calls, messages, repeats)))
        finally:
            server.kill()
            server.wait()
    print(f"client CPU (this process; {calls} unary calls, {messages} streamed messages, best of {repeats}x2):")
    pairs = [
        ("sync raw stub, unary", ("sync client, unary (request=)", "sync client, unary (keywords)")),
        ("sync raw stub, per message", ("sync client, per message",)),
        ("async raw stub, unary", ("async client, unary (request=)",)),
        ("async raw stub, per message", ("async client, per message",)),
    ]
    for base, variants in pairs:
        print(f"  {base:32s} {results[base] * 1e6:8.1f} us")
        for name in variants:
            print(f"  {name:32s} {results[name] * 1e6:8.1f} us  ({results[name] / results[base]:.3f}x)")


async def _async_bench(
    pkg: Any, tg: Any, target: str, metadata: Any, request: Any, stream_request: Any,
    calls: int, messages: int, repeats: int,
) -> dict[str, float]:  # fmt: skip
    import grpc.aio

    channel = grpc.aio.insecure_channel(target)
    raw = tg.TokenizerServiceStub(channel)
    raw_stream = tg.TextGenerationServiceStub(channel)
    client = pkg.AsyncClient(api_key="k", folder_id="f", endpoint=target, insecure=True, timeout=None)
    ours = client.foundation_models.tokenizer
    ours_stream = client.foundation_models.text_generation
    for _ in range(200):
        await raw.Tokenize(request, metadata=metadata)
        await ours.tokenize(request)
    results: dict[str, float] = {}

    async def measure(name: str, body: Callable[[], Any], count: int) -> None:
        best = float("inf")
        for _ in range(repeats):
            start = time.process_time()
            await body()
            best = min(best, (time.process_time() - start) / count)
        results[name] = min(results.get(name, best), best)

    async def raw_unary() -> None:
        for _ in range(calls):
            await raw.Tokenize(request, metadata=metadata)

    async def ours_unary() -> None:
        for _ in range(calls):
            await ours.tokenize(request)

    async def raw_streaming() -> None:
        async for _ in raw_stream.Completion(stream_request, metadata=metadata):
            pass

    async def ours_streaming() -> None:
        async for _ in ours_stream.completion(stream_request):
            pass

    for _ in range(2):
        await measure("async raw stub, unary", raw_unary, calls)
        await measure("async client, unary (request=)", ours_unary, calls)
        await measure("async raw stub, per message", raw_streaming, messages)
        await measure("async client, per message", ours_streaming, messages)
    await client.close()
    await channel.close(None)
    return results


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
    bench_generation(runs=3 if args.quick else 7)
    if args.quick:
        bench_clients(calls=1000, messages=5000, repeats=2)
    else:
        bench_clients(calls=3000, messages=30000, repeats=3)


if __name__ == "__main__":
    main()
