"""Cold generation of synthetic OpenAPI descriptions of growing size: CPU seconds and peak memory
per size, their slopes per 1,000 types, and the log-log exponents (1 = linear). Regeneration
after a change is measured by bench_incremental.py.

CPU of the child process (user + system, the formatter included), one fresh process per run.
Cold: no previous output, no spec-derived cache; byte code and compiled templates warm (as in
bench_proto_generation.py).

With `--old DIR` (an extracted earlier checkout, e.g. `git archive <commit> | tar -x -C DIR`),
each size also runs that checkout's generator, alternating with ours round by round (each with
its own cache folder): its CPU, peak memory and the median of the per-round ratios ours/old.

Run: python bench/bench_openapi_scaling.py [--quick] [--old DIR]
"""

from __future__ import annotations

import argparse
import math
import shutil
import tempfile
from functools import partial
from pathlib import Path

from bench_proto_generation import bench_env, empty_cache
from common import PYTHON, REPO, alternate, median, write_result
from synthetic_openapi import render

SIZES = (100, 1000, 6000, 10000)
QUICK_SIZES = (100, 1000, 3000)
ROUNDS = 2
OLD_ROUNDS = 4  # rounds of ours against --old: paired ratios need a few


def run(spec: Path, out: Path, cache: Path, *, cold: bool, checkout: Path = REPO) -> tuple[float, float]:
    """CPU seconds and peak RSS (MB) of one generation (by the generator of `checkout`)."""
    import os
    import subprocess

    if cold:
        shutil.rmtree(out, ignore_errors=True)
        empty_cache(cache)
    command = [PYTHON, "-m", "generator", "generate", "--openapi", str(spec), "--package", "syn",
               "--out", str(out), "-q"]  # fmt: skip
    env = bench_env(cache) if checkout == REPO else {**bench_env(cache), "PYTHONPATH": str(checkout)}
    child = subprocess.Popen(command, cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
    parser.add_argument("--old", type=Path, metavar="DIR", help="an earlier checkout to run alongside")
    args = parser.parse_args()
    old = args.old.resolve() if args.old else None
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
            contenders = {"ours": partial(run, spec, work / "out", work / "cache", cold=True)}
            if old is not None:
                contenders["old"] = partial(run, spec, work / "old-out", work / "old-cache", cold=True, checkout=old)
            for contender in contenders.values():
                contender()  # warm-up: byte code, templates
            samples = alternate(contenders, ROUNDS if old is None else OLD_ROUNDS)
            ours = samples["ours"]
            rows.append({
                "types": types, "megabytes": len(text) / 1e6,
                "cpu_s": median([s[0] for s in ours]), "peak_mb": max(s[1] for s in ours),
            })  # fmt: skip
            if old is not None:
                ratios = sorted(o[0] / b[0] for o, b in zip(ours, samples["old"], strict=True))
                rows[-1].update({
                    "old_cpu_s": median([s[0] for s in samples["old"]]),
                    "old_peak_mb": max(s[1] for s in samples["old"]),
                    "ours_over_old": median(ratios), "ours_over_old_spread": [ratios[0], ratios[-1]],
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
