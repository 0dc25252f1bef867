"""OpenAPI validation alone: the validation worker's CPU on the ~10 MB / 8,000-type synthetic
description of bench_incremental.py, side by side in one run:

- `whole`: the worker validating whole, as before validation by parts (no cache folder);
- `cold`: the worker validating by parts with an empty cache (every part checked, records
  written): CPU seconds of the worker process from its start (imports included) to its exit, the
  document handed over as the pipeline does (JSON on stdin);
- `schema`: one schema gained a field, after a run on the previous version: validated by parts in
  the generator's process, as the pipeline then does: CPU seconds of the call (the library's import
  included) in a process that parsed the document and imported the front end (not counted);
- `operation`: one operation gained a summary (likewise).

Rounds alternate the four; medians and min–max spread. The findings of each kind are compared
with those of validating whole.

Run: python bench/bench_validation.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench_incremental import TYPES, add_field, change_operation
from common import PYTHON, REPO, child_env, median, write_result
from synthetic_openapi import render

from generator.openapi.parse import parse_bytes

ROUNDS, QUICK_ROUNDS = 5, 2


def measure(spec: Path, cache: Path | None) -> tuple[float, list[object]]:
    """CPU seconds of one validation worker run on `spec` (by parts over `cache`, or whole when
    None), and its findings."""
    document = parse_bytes(spec.read_bytes(), spec.suffix)
    payload = json.dumps([document, {}]).encode("utf-8")
    command = [PYTHON, "-m", "generator.openapi.validate_worker", str(spec), str(cache or ""), ""]
    child = subprocess.Popen(
        command, cwd=REPO, env=child_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(payload)
    child.stdin.close()
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("the validation worker failed")
    return usage.ru_utime + usage.ru_stime, json.loads(output)["findings"]


def in_process(spec: Path, cache: Path) -> tuple[float, list[object]]:
    """CPU seconds of validating `spec` by parts over `cache` in a process like the generator's."""
    command = [PYTHON, str(Path(__file__).resolve()), "--in-process", str(spec), str(cache)]
    output = subprocess.run(
        command, cwd=REPO, env=child_env(), check=True, capture_output=True
    ).stdout
    result = json.loads(output)
    return result["cpu"], result["findings"]


def in_process_child(spec: Path, cache: Path) -> None:
    import generator.openapi  # noqa: F401  (the generator's process has the front end loaded)
    from generator.openapi.cache import Cache
    from generator.openapi.validation_parts import stored_records, validate_by_parts

    document = parse_bytes(spec.read_bytes(), spec.suffix)
    before = resource.getrusage(resource.RUSAGE_SELF)
    stored = stored_records(str(spec), Cache(cache))
    outcome = validate_by_parts(str(spec), document, Cache(cache), "", None, stored)
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    rows = [[f.file, f.pointer, f.message] for f in outcome.findings]
    print(json.dumps({"cpu": cpu, "findings": rows, "validated": outcome.validated}))


def main() -> dict[str, object]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--in-process", nargs=2, type=Path, metavar=("SPEC", "CACHE"))
    args = parser.parse_args()
    if args.in_process:
        in_process_child(*args.in_process)
        raise SystemExit(0)
    rounds = QUICK_ROUNDS if args.quick else ROUNDS
    work = Path(tempfile.mkdtemp(prefix="bench-validation-"))
    try:
        original = render(TYPES)
        spec, cache = work / "api.yaml", work / "cache"
        samples: dict[str, list[float]] = {"whole": [], "cold": [], "schema": [], "operation": []}
        compared: set[str] = set()

        def run(name: str, text: str, cached: bool, fresh: bool = False) -> None:
            spec.write_text(text, encoding="utf-8")
            if fresh:
                shutil.rmtree(cache, ignore_errors=True)
            if name in ("schema", "operation"):
                seconds, found = in_process(spec, cache)
            else:
                seconds, found = measure(spec, cache if cached else None)
            if name == "setup":
                return
            samples[name].append(seconds)
            if name not in compared:  # once per kind: the same findings as validated whole
                compared.add(name)
                assert found == measure(spec, None)[1], (
                    f"{name}: findings differ from validating whole"
                )

        steps: list[tuple[str, Callable[[], None]]] = [
            ("whole", lambda: run("whole", original, cached=False)),
            ("cold", lambda: run("cold", original, cached=True, fresh=True)),
            ("schema", lambda: run("schema", add_field(original), cached=True)),
            ("setup", lambda: run("setup", original, cached=True)),
            ("operation", lambda: run("operation", change_operation(original), cached=True)),
        ]
        for _ in range(rounds):
            for _name, step in steps:
                step()
        result: dict[str, object] = {"types": TYPES, "megabytes": round(len(original) / 1e6, 1)}
        for name, values in samples.items():
            result[name] = {
                "median": round(median(values), 3),
                "spread": [round(min(values), 3), round(max(values), 3)],
            }
        cold = median(samples["cold"])
        for name in ("schema", "operation"):
            result[f"{name}_vs_cold"] = round(median(samples[name]) / cold, 3)
        result["cold_vs_whole"] = round(cold / median(samples["whole"]), 3)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_result("validation", result)
    return result


if __name__ == "__main__":
    for key, value in main().items():
        print(f"{key:20} {value}")
