"""Generation time per element as the input grows: enum values, description lines, words of a
one-line description, and nesting depth (up to the parser's MAX_NESTING).

For each dimension the same small spec is generated with 1k to 100k elements (`python -m
generator generate` in-process: load, convert, render, format, write), timed in CPU seconds of
the process and its children (the formatter), so that other work on the machine does not count.
The time of the spec
with one element is subtracted, the rest divided by the number of elements gives the time per
element; `exponent` is the slope of log(time) over log(size), fitted by least squares over the
sizes whose own cost is above the noise (1.0 is linear). Flat per-element times, an exponent near 1 and a largest/smallest per-element ratio
near 1 say the cost is linear.

Run: .venv/bin/python bench/bench_linearity.py [--rounds N]; writes bench/results/linearity.json.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import REPO, write_result

sys.path.insert(0, str(REPO))

from generator.cli import main as generator_main
from generator.ir import limits
from generator.openapi import validation_runner
from generator.openapi.parse import MAX_NESTING

# Validation always in-process: a worker process starts above a document size, a step in the
# curve that is not a cost per element.
validation_runner.BACKGROUND_MIN_BYTES = 2**62
# Texts are measured whole: past MAX_TEXT_LENGTH they would be cut, and their cost would stop
# growing; what is measured here is the cost of the text path itself.
limits.MAX_TEXT_LENGTH = limits.MAX_TOTAL_TEXT = 2**62

SIZES = [1_000, 3_000, 10_000, 30_000, 100_000]
# An inline object property takes two levels; the document's own levels come on top.
DEPTHS = [4, 8, 16, 32, MAX_NESTING // 2 - 4]
MIN_FITTED_SECONDS = 0.02


def _spec(schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Bench", "version": "1"},
        "paths": {
            "/x": {
                "post": {
                    "operationId": "makeX",
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
        "components": {"schemas": {"Thing": schema}},
    }


def enum_values(n: int) -> dict[str, Any]:
    return _spec({"type": "string", "enum": [f"value_{i}" for i in range(n)]})


def description_lines(n: int) -> dict[str, Any]:
    # short hard-wrapped lines of one paragraph: what made line joining quadratic
    text = "\n".join(f"word{i % 10} more" for i in range(n))
    return _spec({"type": "object", "description": text, "properties": {"a": {"type": "string"}}})


def description_words(n: int) -> dict[str, Any]:
    # one line of n words of ten characters, non-ASCII (what made the formatter need 70 bytes a character)
    return _spec({"type": "object", "description": "ééééééééé " * n, "properties": {"a": {"type": "string"}}})


def nesting_depth(n: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    for level in range(n):
        schema = {"type": "object", "properties": {f"p{level}": schema, f"q{level}": {"type": "integer"}}}
    return _spec(schema)


DIMENSIONS: dict[str, tuple[Callable[[int], dict[str, Any]], list[int]]] = {
    "enum values": (enum_values, SIZES),
    "description lines": (description_lines, SIZES),
    "description words (one line)": (description_words, SIZES),
    "nesting depth": (nesting_depth, DEPTHS),
}


def generate_seconds(spec: dict[str, Any], work: Path, rounds: int) -> float:
    path = work / "spec.json"
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    samples = []
    for _ in range(rounds):
        started = _cpu_seconds()
        code = generator_main(
            ["generate", "--openapi", str(path), "--package", "bench", "--out", str(work / "out"), "--no-cache", "-q"]
        )
        samples.append(_cpu_seconds() - started)
        if code != 0:
            raise RuntimeError(f"generation failed with exit code {code}")
    return statistics.median(samples)


def _cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (the formatter, the validator):
    unlike wall time, it does not grow when other work shares the machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) over log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def measure(name: str, make: Callable[[int], dict[str, Any]], sizes: list[int], rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-linear-") as folder:
        work = Path(folder)
        generate_seconds(make(1), work, 1)  # warm: imports, template compilation
        base = generate_seconds(make(1), work, rounds)
        points = []
        for size in sizes:
            total = generate_seconds(make(size), work, rounds)
            extra = max(total - base, 1e-6)
            points.append({"size": size, "seconds": total, "per_element_us": extra / size * 1e6})
    per = [p["per_element_us"] for p in points]
    # sizes whose own cost stands above the noise of CPU time (a few ms) enter the fit
    fitted = [p for p in points if p["seconds"] - base >= MIN_FITTED_SECONDS] or points[-2:]
    return {
        "dimension": name,
        "base_seconds": base,
        "points": points,
        "fitted_sizes": [p["size"] for p in fitted],
        "exponent": exponent([p["size"] for p in fitted], [p["seconds"] - base for p in fitted]),
        "largest_over_smallest": per[-1] / per[0],
        "largest_over_median": per[-1] / statistics.median(per),
    }


def main() -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs per size (median)")
    parser.add_argument("--only", choices=list(DIMENSIONS), action="append")
    args = parser.parse_args()
    results = []
    for name in args.only or list(DIMENSIONS):
        make, sizes = DIMENSIONS[name]
        result = measure(name, make, sizes, args.rounds)
        results.append(result)
        cells = "  ".join(f"{p['size']:>7}: {p['per_element_us']:8.1f} us" for p in result["points"])
        print(f"{name:24} {cells}  exponent {result['exponent']:.2f}", flush=True)
    data = {"dimensions": results, "rounds": args.rounds}
    write_result("linearity", data)
    return data


if __name__ == "__main__":
    main()
