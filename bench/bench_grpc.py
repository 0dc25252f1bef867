"""Proto pipeline benchmarks (`make bench`): generation time and client CPU per call.

1. Generation from the upstream cloudapi tree: our `load_proto` + `render_proto_package`
   (and the same plus `ruff format`, as the pipeline does) against plain
   `python -m grpc_tools.protoc --python_out --pyi_out --grpc_python_out`, each as a fresh
   process, the three alternating round by round; medians and the min–max of per-round ratios.
2. Client CPU (this process, all threads: `time.process_time`) per unary call, per streamed
   message and with 32 async calls in flight, for our sync and async gRPC clients against the
   raw generated stubs, with a grpcio server in a separate process so that its CPU is not
   counted. Both sides do the same work: the raw stub sends the metadata our client sends (auth,
   folder, a fresh request id per call, the attempt number; checked through the server before
   measuring), built outside the timed part, while our client builds its own inside it. Our
   clients are built with their defaults, as a user builds them (so each call carries the
   default deadline, 600 s), and the raw stub is given the same deadline on every call. The
   sides run in pairs of blocks, back to back, the first of a pair alternating (see `Plan`); a
   round's ratio is the median of its pairs' ratios, a row the median of the rounds' ratios
   with their IQR. A raw-against-raw row measured the same way shows the noise floor, and a
   row per client gives our Python per call over a stub that answers at once (no I/O noise).

Writes bench/results/grpc.json (rows for bench/run.py).

Usage: .venv/bin/python bench/bench_grpc.py [--quick] [--clients]
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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
    from generator.proto.tree import scan

    files = list(scan(CLOUDAPI).protos)
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
        if request.text == {echo!r}:  # what the call carried: keys and value lengths, not values
            shape = sorted((key, len(value)) for key, value in context.invocation_metadata())
            left = context.time_remaining()  # and its deadline, in whole minutes
            return t.TokenizeResponse(model_version=repr((shape, left and round(left / 60))))
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
# the request text that makes the server answer with the shape of the metadata it received
ECHO_METADATA = "echo the metadata"
IN_FLIGHT = 32  # concurrent async calls in the "in flight" rows


@dataclass(frozen=True)
class Plan:
    """How much work one run measures. A round runs `blocks` pairs of blocks of a contest: the
    raw stub's block and ours back to back, the first of the two alternating from pair to pair
    (raw, ours, ours, raw, ...), so that both meet the same machine. The CPU of neighbouring
    blocks moves together (other processes come and go), so the ratio of a round is the median
    of its pairs' ratios (ours / raw), and a row is the median of the rounds' ratios, with their
    IQR; the ratio of the whole run's CPU sums is shown beside it as a cross-check."""

    rounds: int
    unary_block: int  # calls per block of the unary rows
    unary_blocks: int
    in_flight_block: int  # gathers of IN_FLIGHT calls per block
    in_flight_blocks: int
    stream_block: int  # messages per block (one streamed call)
    stream_blocks: int


FULL = Plan(rounds=15, unary_block=64, unary_blocks=16, in_flight_block=1, in_flight_blocks=96,
            stream_block=1000, stream_blocks=6)  # fmt: skip
QUICK = Plan(rounds=7, unary_block=64, unary_blocks=8, in_flight_block=1, in_flight_blocks=32,
             stream_block=500, stream_blocks=4)  # fmt: skip


@dataclass(frozen=True)
class Contest:
    """A raw stub and our client doing the same work: `units` calls (or streamed messages) per
    block, each block handed `calls` fresh metadata tuples built outside the timed part (the
    raw stub sends them; our client builds its own, and that cost is counted)."""

    raw_name: str
    ours_name: str
    raw: Callable[[list[Any]], Any]
    ours: Callable[[list[Any]], Any]
    units: int
    calls: int
    blocks: int
    judged: bool = True
    note: str = "ours / raw stub"


Pairs = list[tuple[float, float]]  # CPU seconds of (raw, ours) per pair of blocks


class Results:
    """The block pairs of each contest, round by round; rows of medians and IQRs."""

    def __init__(self) -> None:
        self.rounds: dict[Contest, list[Pairs]] = {}

    def add(self, contest: Contest, pairs: Pairs) -> None:
        self.rounds.setdefault(contest, []).append(pairs)

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for contest, rounds in self.rounds.items():
            ratios = sorted(statistics.median(ours / raw for raw, ours in pairs) for pairs in rounds)
            ratio = statistics.median(ratios)
            low, _, high = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratio] * 3
            raw_sums = [sum(raw for raw, _ in pairs) for pairs in rounds]
            ours_sums = [sum(ours for _, ours in pairs) for pairs in rounds]
            units = contest.units * contest.blocks  # per side and round
            what = "messages" if contest.units > contest.calls else "calls"
            out.append(
                {
                    "group": "gRPC",
                    "metric": f"{contest.ours_name}: client CPU ({len(rounds)} rounds of {units:,} {what} a side)",
                    "unit": "us",
                    "ours": statistics.median(ours_sums) / units * 1e6,
                    "baseline": statistics.median(raw_sums) / units * 1e6,
                    "baseline_name": contest.raw_name,
                    "ratio": ratio,
                    "target": "<= 1.05x" if contest.judged else None,
                    "met": ratio <= 1.05 if contest.judged else None,
                    "ratio_meaning": f"{contest.note}, median of rounds, IQR {low:.3f}–{high:.3f};"
                    f" whole-run CPU sums {sum(ours_sums) / sum(raw_sums):.3f}",
                }
            )
        return out


def fresh_metadata(pairs: tuple[tuple[str, str], ...], count: int) -> list[tuple[tuple[str, str], ...]]:
    """What our client sends, one tuple per call: its fixed pairs, then a new request id and the
    attempt number, as `_grpc/_retry_policy.py` adds them (a fresh id per call, as ours)."""
    return [(*pairs, ("x-client-request-id", str(uuid.uuid4())), ("x-retry-attempt", "0")) for _ in range(count)]


Block = tuple[int, str, Callable[[list[Any]], Any], list[Any]]


def blocks_of(contest: Contest, pairs: tuple[tuple[str, str], ...]) -> Iterator[Block]:
    """A round's blocks in order (raw, ours, ours, raw, ...): the pair, the side, its action and
    the fresh metadata it is handed (built here, outside the timed part)."""
    for pair in range(contest.blocks):
        for side in ("raw", "ours") if pair % 2 == 0 else ("ours", "raw"):
            yield pair, side, contest.raw if side == "raw" else contest.ours, fresh_metadata(pairs, contest.calls)


def round_of(contest: Contest, pairs: tuple[tuple[str, str], ...]) -> Pairs:
    """One round of a sync contest: CPU seconds of (raw, ours) per pair of blocks."""
    seconds = [{"raw": 0.0, "ours": 0.0} for _ in range(contest.blocks)]
    for pair, side, action, metadata in blocks_of(contest, pairs):
        start = time.process_time()
        action(metadata)
        seconds[pair][side] = time.process_time() - start
    return [(pair["raw"], pair["ours"]) for pair in seconds]


async def async_round_of(contest: Contest, pairs: tuple[tuple[str, str], ...]) -> Pairs:
    """The same for an async contest (the awaited block timed)."""
    seconds = [{"raw": 0.0, "ours": 0.0} for _ in range(contest.blocks)]
    for pair, side, action, metadata in blocks_of(contest, pairs):
        start = time.process_time()
        await action(metadata)
        seconds[pair][side] = time.process_time() - start
    return [(pair["raw"], pair["ours"]) for pair in seconds]


def bench_clients(plan: Plan) -> list[dict[str, Any]]:
    import grpc

    with tempfile.TemporaryDirectory() as tmp:
        generate_only(Path(tmp), format_output=False)
        folder = str(Path(tmp) / "gen" / "python" / PACKAGE)
        sys.path.insert(0, folder)
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER.format(pkg=PACKAGE, echo=ECHO_METADATA), folder],
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
                plan.stream_block,
                default_timeout(pkg.Client),
            )
            results = Results()
            _sync_rounds(pkg, stubs, grpc, plan, results)
            import asyncio

            asyncio.run(_async_rounds(pkg, stubs, plan, results))
        finally:
            server.kill()
            server.wait()
    rows = results.rows()
    python_overhead(pkg, stubs, rows)
    print(f"client CPU (this process, all threads; {plan}):")
    for item in rows:
        print(
            f"  {item['metric']:80s} {item['ours']:7.1f} us vs {item['baseline']:7.1f} us"
            f"  ({item['ratio']:.3f}x, {item['ratio_meaning']})"
        )
    return rows


def default_timeout(client_class: Any) -> float:
    """The seconds a call of a client built without `timeout=` may take (the raw stub is given
    the same deadline)."""
    timeout = inspect.signature(client_class).parameters["timeout"].default
    assert isinstance(timeout, float), timeout
    return timeout


class Stubs:
    """The raw generated modules, the requests both sides send, the metadata pairs our client
    sends by itself (its auth and folder) and the deadline it gives a call by default."""

    def __init__(self, t: Any, tg: Any, c: Any, target: str, messages: int, timeout: float) -> None:
        self.tg = tg
        self.target = target
        self.timeout = timeout
        self.pairs = (("authorization", "Api-Key k"), ("x-folder-id", "f"))
        self.request = t.TokenizeRequest(model_uri="gpt://f/m", text="a")
        self.echo = t.TokenizeRequest(model_uri="gpt://f/m", text=ECHO_METADATA)
        self.stream_request = t.CompletionRequest(messages=[c.Message(text=str(messages))])

    def same_metadata(self, raw: str, ours: str) -> None:
        """Both sides must carry the same metadata (keys and value lengths) and deadline, or the
        rows compare different work."""
        if raw != ours:
            raise SystemExit(f"the raw stub and our client send different metadata or deadlines:\n  raw  {raw}\n  ours {ours}")


def _sync_rounds(pkg: Any, s: Stubs, grpc: Any, plan: Plan, results: Results) -> None:
    channel = grpc.insecure_channel(s.target)
    raw = s.tg.TokenizerServiceStub(channel)
    raw_stream = s.tg.TextGenerationServiceStub(channel)
    client = pkg.Client(api_key="k", folder_id="f", endpoint=s.target, insecure=True)
    ours = client.foundation_models.tokenizer
    ours_stream = client.foundation_models.text_generation
    s.same_metadata(
        raw.Tokenize(s.echo, metadata=fresh_metadata(s.pairs, 1)[0], timeout=s.timeout).model_version,
        ours.tokenize(s.echo).model_version,
    )
    for metadata in fresh_metadata(s.pairs, 200):  # warm up both
        raw.Tokenize(s.request, metadata=metadata, timeout=s.timeout)
        ours.tokenize(s.request)

    def raw_unary(metadata: list[Any]) -> None:
        for pairs in metadata:
            raw.Tokenize(s.request, metadata=pairs, timeout=s.timeout)

    def ours_unary(metadata: list[Any]) -> None:
        for _ in metadata:
            ours.tokenize(s.request)

    def ours_unary_kwargs(metadata: list[Any]) -> None:
        for _ in metadata:
            ours.tokenize(model_uri="gpt://f/m", text="a")

    def raw_streaming(metadata: list[Any]) -> None:
        for _ in raw_stream.Completion(s.stream_request, metadata=metadata[0], timeout=s.timeout):
            pass

    def ours_streaming(metadata: list[Any]) -> None:
        for _ in ours_stream.completion(s.stream_request):
            pass

    unary, stream = (plan.unary_block, plan.unary_block, plan.unary_blocks), (plan.stream_block, 1, plan.stream_blocks)
    contests = (
        Contest("sync raw stub, unary", "sync client, unary (request=)", raw_unary, ours_unary, *unary),
        # the keyword form builds its request on every call, which the raw stub does not: shown, not judged
        Contest("sync raw stub, unary", "sync client, unary (keywords)", raw_unary, ours_unary_kwargs, *unary,
                judged=False),
        Contest("sync raw stub, per streamed message", "sync client, per streamed message", raw_streaming,
                ours_streaming, *stream),
    )  # fmt: skip
    for _ in range(plan.rounds):
        for contest in contests:
            results.add(contest, round_of(contest, s.pairs))
    client.close()
    channel.close()


async def _async_rounds(pkg: Any, s: Stubs, plan: Plan, results: Results) -> None:
    import asyncio

    import grpc.aio

    channel = grpc.aio.insecure_channel(s.target)
    raw = s.tg.TokenizerServiceStub(channel)
    raw_stream = s.tg.TextGenerationServiceStub(channel)
    client = pkg.AsyncClient(api_key="k", folder_id="f", endpoint=s.target, insecure=True)
    ours = client.foundation_models.tokenizer
    ours_stream = client.foundation_models.text_generation
    s.same_metadata(
        (await raw.Tokenize(s.echo, metadata=fresh_metadata(s.pairs, 1)[0], timeout=s.timeout)).model_version,
        (await ours.tokenize(s.echo)).model_version,
    )
    for metadata in fresh_metadata(s.pairs, 200):
        await raw.Tokenize(s.request, metadata=metadata, timeout=s.timeout)
        await ours.tokenize(s.request)

    async def raw_unary(metadata: list[Any]) -> None:
        for pairs in metadata:
            await raw.Tokenize(s.request, metadata=pairs, timeout=s.timeout)

    async def ours_unary(metadata: list[Any]) -> None:
        for _ in metadata:
            await ours.tokenize(s.request)

    async def raw_in_flight(metadata: list[Any]) -> None:
        for start in range(0, len(metadata), IN_FLIGHT):
            await asyncio.gather(*(raw.Tokenize(s.request, metadata=pairs, timeout=s.timeout) for pairs in metadata[start : start + IN_FLIGHT]))

    async def ours_in_flight(metadata: list[Any]) -> None:
        for _ in range(0, len(metadata), IN_FLIGHT):
            await asyncio.gather(*(ours.tokenize(s.request) for _ in range(IN_FLIGHT)))

    async def raw_streaming(metadata: list[Any]) -> None:
        async for _ in raw_stream.Completion(s.stream_request, metadata=metadata[0], timeout=s.timeout):
            pass

    async def ours_streaming(metadata: list[Any]) -> None:
        async for _ in ours_stream.completion(s.stream_request):
            pass

    in_flight_calls = plan.in_flight_block * IN_FLIGHT
    unary, stream = (plan.unary_block, plan.unary_block, plan.unary_blocks), (plan.stream_block, 1, plan.stream_blocks)
    in_flight = (in_flight_calls, in_flight_calls, plan.in_flight_blocks)
    raw_in_flight_name = f"async raw stub, {IN_FLIGHT} calls in flight"
    contests = (
        Contest("async raw stub, unary", "async client, unary (request=)", raw_unary, ours_unary, *unary),
        Contest(raw_in_flight_name, f"async client, {IN_FLIGHT} calls in flight", raw_in_flight, ours_in_flight,
                *in_flight),
        # the raw stub against itself, measured the same way: the noise floor of the row above
        Contest(raw_in_flight_name, f"async raw stub against itself, {IN_FLIGHT} calls in flight", raw_in_flight,
                raw_in_flight, *in_flight, judged=False, note="raw / raw: the noise floor"),
        Contest("async raw stub, per streamed message", "async client, per streamed message", raw_streaming,
                ours_streaming, *stream),
    )  # fmt: skip
    for _ in range(plan.rounds):
        for contest in contests:
            results.add(contest, await async_round_of(contest, s.pairs))
    await client.close()
    await channel.close(None)


def python_overhead(pkg: Any, s: Stubs, rows: list[dict[str, Any]], repeats: int = 21, calls: int = 20000) -> None:
    """Our Python per unary call, without the noise of I/O: our client over a stub that answers
    at once, against calling that stub directly (fastest of `repeats` alternating runs). Added
    to the raw stub's CPU per call from the rows above, it gives the ratio our code alone would
    cost. Swaps the transport's stub factory for this measurement only."""
    import asyncio

    response = type(s.request)()  # any message: nothing reads it

    def instant(request: Any, timeout: Any = None, metadata: Any = None) -> Any:
        return response

    async def instant_async(request: Any, timeout: Any = None, metadata: Any = None) -> Any:
        return response

    transports = importlib.import_module(f"{PACKAGE}._grpc._grpc_transport")
    transports.GrpcTransport._callable = lambda self, method, kind: (instant, "instant")
    transports.AsyncGrpcTransport._callable = lambda self, method, kind: (instant_async, "instant")
    pairs = fresh_metadata(s.pairs, 1)[0]

    def fastest(raw: Callable[[], Any], ours: Callable[[], Any]) -> tuple[float, float]:
        best = {"raw": float("inf"), "ours": float("inf")}
        for index in range(repeats):
            for side in ("raw", "ours") if index % 2 == 0 else ("ours", "raw"):
                start = time.process_time()
                (raw if side == "raw" else ours)()
                best[side] = min(best[side], (time.process_time() - start) / calls)
        return best["raw"], best["ours"]

    client = pkg.Client(api_key="k", folder_id="f", endpoint=s.target, insecure=True).foundation_models
    sync = fastest(
        lambda: [instant(s.request, metadata=pairs, timeout=s.timeout) for _ in range(calls)],
        lambda: [client.tokenizer.tokenize(s.request) for _ in range(calls)],
    )

    tokenizer = pkg.AsyncClient(api_key="k", folder_id="f", endpoint=s.target, insecure=True).foundation_models.tokenizer

    async def raw_async() -> None:
        for _ in range(calls):
            await instant_async(s.request, metadata=pairs, timeout=s.timeout)

    async def ours_async() -> None:
        for _ in range(calls):
            await tokenizer.tokenize(s.request)

    loop = asyncio.new_event_loop()
    try:
        measured = {
            "sync": sync,
            "async": fastest(lambda: loop.run_until_complete(raw_async()), lambda: loop.run_until_complete(ours_async())),
        }
    finally:
        loop.close()
    for variant, (raw_seconds, ours_seconds) in measured.items():
        added = ours_seconds - raw_seconds
        base = next(r for r in rows if r["metric"].startswith(f"{variant} client, unary (request=)"))
        rows.append(
            {
                "group": "gRPC",
                "metric": f"{variant} client, unary: our Python per call (over a stub that answers at once)",
                "unit": "us",
                "ours": added * 1e6,
                "baseline": base["baseline"],
                "baseline_name": base["baseline_name"],
                "ratio": (base["baseline"] + added * 1e6) / base["baseline"],
                "target": None,
                "met": None,
                "ratio_meaning": "raw stub's CPU per call plus ours, over the raw stub's",
            }
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer iterations")
    parser.add_argument("--generate-only", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--format", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--clients", action="store_true", help="only the client CPU rows, printed, not written")
    args = parser.parse_args()
    if args.generate_only:
        generate_only(Path(args.generate_only), args.format)
        return
    os.environ.setdefault("GRPC_VERBOSITY", "ERROR")
    if args.clients:
        bench_clients(QUICK if args.quick else FULL)
        return
    generation = bench_generation(rounds=3 if args.quick else 7)
    clients = bench_clients(QUICK if args.quick else FULL)
    write_result("grpc", {"rows": clients + generation})


if __name__ == "__main__":
    main()
