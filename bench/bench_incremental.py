"""Regeneration after one change against a cold run: a ~10 MB synthetic OpenAPI description (one
schema gains a field; one operation gains a summary) and the synthetic ~1,000-file proto tree
(one message gains a field).

CPU seconds of the child process (user + system, the validation worker and the formatter
included), as in bench_proto_generation.py. Each round is a cold run (no output, an empty cache
of spec-derived results) and then the regeneration after the change, so every regeneration
follows a run on the previous version; medians and min–max spread of the per-round ratios.
Output identity with a cold run is proven by tests/functional/test_incremental.py, not here.

With `--old DIR` (an extracted earlier checkout, e.g. `git archive <commit> | tar -x -C DIR`),
that checkout's generator runs alongside in the same rounds, alternating: for the OpenAPI rows
(cwd and PYTHONPATH there, this interpreter, a cache of its own), each row then also gives the
median of the per-round ratios of the regenerations, new to old; for the proto row, see
bench_proto_generation.incremental. `--only proto` skips the OpenAPI rows.

Run: python bench/bench_incremental.py [--quick] [--old DIR] [--only proto|openapi] [--rounds N]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench_proto_generation import bench_env, cpu_seconds, empty_cache
from bench_proto_generation import incremental as proto_incremental
from common import PYTHON, REPO, changed_row, median, write_result
from synthetic_openapi import render
from synthetic_protos import build

TYPES = 8000  # ~10 MB of YAML
ROUNDS, QUICK_ROUNDS = 3, 2


def add_field(text: str) -> str:
    """Type04801 (an object in the middle of the description) gains a property."""
    start = text.index("    Type04801:\n")
    anchor = text.index("      properties:\n", start) + len("      properties:\n")
    return text[:anchor] + "        added_later: {type: string, description: 'New.'}\n" + text[anchor:]


def change_operation(text: str) -> str:
    """One operation gains a summary."""
    line = "      operationId: listItems00321\n"
    assert line in text
    return text.replace(line, line + "      summary: Lists the items, changed.\n", 1)


def openapi_incremental(
    work: Path, change: Callable[[str], str], rounds: int, old: Path | None = None
) -> dict[str, object]:
    original = render(TYPES)
    checkouts = {"new": REPO} if old is None else {"new": REPO, "old": old}
    runs = {name: _contender(work / name, checkout, original, change) for name, checkout in checkouts.items()}
    samples: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in runs}
    for index in range(rounds):  # (alternating: each round's order is the last one's reversed)
        for name in list(runs) if index % 2 == 0 else list(runs)[::-1]:
            cold, changed = runs[name]
            samples[name][0].append(cold())
            samples[name][1].append(changed())
    result: dict[str, object] = {"types": TYPES, "megabytes": len(original) / 1e6, **changed_row(*samples["new"])}
    if old is not None:
        result["old"] = changed_row(*samples["old"])
        paired = sorted(n / o for n, o in zip(samples["new"][1], samples["old"][1], strict=True))
        result["incremental_new_to_old"] = {"ratio": median(paired), "ratio_spread": [paired[0], paired[-1]]}
    return result


def _contender(
    work: Path, checkout: Path, original: str, change: Callable[[str], str]
) -> tuple[Callable[[], float], Callable[[], float]]:
    """A cold run and a regeneration after `change`, of the generator in `checkout`."""
    folder = work / "spec"  # a folder of its own: ad hoc runs hash the spec's folder
    folder.mkdir(parents=True, exist_ok=True)
    spec = folder / "api.yaml"
    out, cache = work / "out", work / "cache"
    command = [PYTHON, "-m", "generator", "generate", "--openapi", str(spec), "--package", "syn",
               "--out", str(out), "-q"]  # fmt: skip
    env = bench_env(cache) if checkout == REPO else {**bench_env(cache), "PYTHONPATH": str(checkout)}

    def cold() -> float:
        spec.write_text(original, encoding="utf-8")
        shutil.rmtree(out, ignore_errors=True)
        empty_cache(cache)
        return cpu_seconds(command, env, checkout)

    def changed() -> float:
        spec.write_text(change(original), encoding="utf-8")
        return cpu_seconds(command, env, checkout)

    return cold, changed


def main() -> dict[str, object]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--old", type=Path, metavar="DIR", help="an earlier checkout to run alongside")
    parser.add_argument("--only", choices=("proto", "openapi"))
    parser.add_argument("--rounds", type=int, help="rounds of each row (default: 3, 2 with --quick)")
    args = parser.parse_args()
    rounds = args.rounds or (QUICK_ROUNDS if args.quick else ROUNDS)
    old = args.old.resolve() if args.old else None
    work = Path(tempfile.mkdtemp(prefix="bench-incremental-"))
    try:
        warm_up = work / "warm-up"  # byte code and compiled templates, as on a user's machine
        warm_up.mkdir()
        (warm_up / "api.yaml").write_text(render(100), encoding="utf-8")
        cpu_seconds([PYTHON, "-m", "generator", "generate", "--openapi", str(warm_up / "api.yaml"),
                     "--package", "syn", "--out", str(work / "warm-out"), "-q"], bench_env(work / "cache"))  # fmt: skip
        result: dict[str, object] = {}
        openapi_rows = (("openapi_schema", add_field), ("openapi_operation", change_operation))
        for name, change in openapi_rows if args.only != "proto" else ():
            (work / name).mkdir()
            result[name] = openapi_incremental(work / name, change, rounds, old)
            print(name, result[name], flush=True)
        if args.only != "openapi":
            tree = work / "tree"
            files = len(build(tree))
            result["proto"] = {"files": files, **proto_incremental(tree, work / "proto", rounds, old)}
            print("proto", result["proto"], flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_result("incremental", result)
    return result


if __name__ == "__main__":
    for key, value in main().items():
        print(f"{key:20} {value}")
