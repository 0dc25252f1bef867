"""Cold generation of synthetic OpenAPI descriptions of growing size: CPU seconds and peak memory
per size, their slopes per 1,000 types, and the log-log exponents (1 = linear). Regeneration
after a change is measured by bench_incremental.py.

CPU of the child process (user + system, the formatter included), one fresh process per run.
Cold: no previous output, no spec-derived cache; byte code and compiled templates warm (as in
bench_proto_generation.py).

Run: python bench/bench_openapi_scaling.py [--quick]
"""

from __future__ import annotations

import argparse
import math
import shutil
import tempfile
from pathlib import Path

from bench_proto_generation import bench_env, empty_cache
from common import PYTHON, REPO, median, write_result
from synthetic_openapi import render

SIZES = (100, 1000, 6000, 10000)
QUICK_SIZES = (100, 1000, 3000)
ROUNDS = 2


def run(spec: Path, out: Path, cache: Path, *, cold: bool) -> tuple[float, float]:
    """CPU seconds and peak RSS (MB) of one generation."""
    import os
    import subprocess

    if cold:
        shutil.rmtree(out, ignore_errors=True)
        empty_cache(cache)
    command = [PYTHON, "-m", "generator", "generate", "--openapi", str(spec), "--package", "syn",
               "--out", str(out), "-q"]  # fmt: skip
    child = subprocess.Popen(command, cwd=REPO, env=bench_env(cache), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(errors.decode(errors="replace")[-2000:])
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def slope(xs: list[float], ys: list[float]) -> float:
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


def main() -> dict[str, object]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sizes = QUICK_SIZES if args.quick else SIZES
    work = Path(tempfile.mkdtemp(prefix="bench-openapi-"))
    rows = []
    try:
        for types in sizes:
            folder = work / f"spec{types}"  # a folder of its own: ad hoc runs hash the spec's folder
            folder.mkdir()
            spec = folder / "api.yaml"
            text = render(types)
            spec.write_text(text, encoding="utf-8")
            run(spec, work / "out", work / "cache", cold=True)  # warm-up: byte code, templates
            samples = [run(spec, work / "out", work / "cache", cold=True) for _ in range(ROUNDS)]
            rows.append({
                "types": types, "megabytes": len(text) / 1e6,
                "cpu_s": median([s[0] for s in samples]), "peak_mb": max(s[1] for s in samples),
            })  # fmt: skip
            print(rows[-1], flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    types = [float(r["types"]) for r in rows]
    result: dict[str, object] = {
        "sizes": rows,
        "cpu_s_per_1000_types": 1000 * slope(types, [float(r["cpu_s"]) for r in rows]),
        "peak_mb_per_1000_types": 1000 * slope(types, [float(r["peak_mb"]) for r in rows]),
        # time ~ size^exponent: the slope of log(time) over log(size)
        "cpu_exponent": slope([math.log(t) for t in types], [math.log(float(r["cpu_s"])) for r in rows]),
        "peak_mb_exponent": slope([math.log(t) for t in types], [math.log(float(r["peak_mb"])) for r in rows]),
    }
    write_result("openapi_scaling", result)
    return result


if __name__ == "__main__":
    for key, value in main().items():
        print(f"{key:24} {value}")
