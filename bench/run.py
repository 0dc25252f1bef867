"""Run every benchmark (`make bench`) and print one Markdown table of ratios against their targets.

Run: .venv/bin/python bench/run.py [--quick] [--only generation|rest|grpc|proto_generation|openapi_scaling|incremental ...]

Each benchmark runs in its own subprocess, one after the other (never two at once, so they do not
slow each other down), and writes bench/results/<name>.json. This script then merges them into
bench/results/latest.json and writes the table to bench/results/latest.md (and prints it).

`--quick` passes `--quick` to the benchmarks that take it (rest, grpc); bench_generation.py has no
such option and always runs as is. A benchmark that fails is reported in the table with its error,
and the others still run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import PYTHON, REPO, RESULTS  # noqa: E402

BENCHES = {
    # name: (script, takes --quick, seconds before it is stopped)
    "generation": ("bench_generation.py", False, 300),
    "rest": ("bench_rest.py", True, 300),
    "grpc": ("bench_grpc.py", True, 600),
    "sse_lines": ("bench_sse_lines.py", False, 120),
    "linearity": ("bench_linearity.py", False, 600),
    "proto_generation": ("bench_proto_generation.py", True, 900),
    "openapi_scaling": ("bench_openapi_scaling.py", True, 1200),
    "incremental": ("bench_incremental.py", True, 1200),
}
BUDGET_S = 2400


# --------------------------------------------------------------------------- running


def run_bench(name: str, quick: bool) -> dict[str, Any]:
    """Run one benchmark; its result file (if it wrote one during this run), output and status."""
    script, takes_quick, timeout = BENCHES[name]
    command = [PYTHON, str(HERE / script)]
    if quick and takes_quick:
        command.append("--quick")
    result_file = RESULTS / f"{name}.json"
    started_at = time.time()
    started = time.perf_counter()
    print(
        f"== {name}: {' '.join(Path(part).name if part == PYTHON else part for part in command)}",
        file=sys.stderr,
        flush=True,
    )
    env = dict(os.environ)
    env.setdefault("GRPC_VERBOSITY", "ERROR")
    lines: list[str] = []
    error = None
    try:
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        watchdog = threading.Timer(timeout, process.kill)
        watchdog.start()
        assert process.stdout is not None
        for line in process.stdout:  # echoed as it comes: progress for whoever watches
            lines.append(line.rstrip("\n"))
            print(f"   {line}", end="", file=sys.stderr, flush=True)
        code = process.wait()
        watchdog.cancel()
        if time.perf_counter() - started >= timeout:
            error = f"stopped after {timeout} s"
        elif code != 0:
            tail = [line for line in lines if line.strip()][-3:]
            error = f"exit status {code}: " + " | ".join(tail)
    except OSError as exc:
        error = str(exc)
    seconds = time.perf_counter() - started
    data: dict[str, Any] | None = None
    if result_file.is_file() and result_file.stat().st_mtime >= started_at - 1:
        data = json.loads(result_file.read_text())
    return {"name": name, "seconds": seconds, "error": error, "output": lines, "data": data}


# --------------------------------------------------------------------------- rows


def row(
    group: str,
    metric: str,
    unit: str,
    ours: float | None,
    baseline: float | None,
    baseline_name: str,
    ratio: float | None,
    target: str | None = None,
    met: bool | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "group": group,
        "metric": metric,
        "unit": unit,
        "ours": ours,
        "baseline": baseline,
        "baseline_name": baseline_name,
        "ratio": ratio,
        "target": target,
        "met": met,
        **extra,
    }


def failed_row(group: str, run: dict[str, Any]) -> dict[str, Any]:
    return row(group, f"{run['name']} benchmark FAILED: {run['error']}", "", None, None, "", None)


def generation_rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    data = run["data"]
    if data is None:
        return [
            failed_row("Generation", {**run, "error": run["error"] or "no results/generation.json"})
        ]
    out = []
    if "openapi_python_client_s" in data:
        out.append(row("Generation", "generate the full OpenAI description, cold (no cache)", "s",
                       data["ours_cold_s"], data["openapi_python_client_s"], "openapi-python-client",
                       data["ours_cold_s"] / data["openapi_python_client_s"], ratio_meaning="ours / baseline"))  # fmt: skip
    else:
        out.append(row("Generation", "generate the full OpenAI description, cold (no cache)", "s",
                       data["ours_cold_s"], None, "openapi-python-client not installed", None))  # fmt: skip
    out.append(row("Generation", "regenerate without changes (cache)", "s", data["regeneration_s"],
                   data["ours_cold_s"], "ours cold", data["regeneration_ratio"], ratio_meaning="ours / baseline"))  # fmt: skip
    bytecode = (
        "no byte-code cache" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "byte-code cached"
    )
    out.append(row("Generation", f"import + construct + `.chat` of the generated full-OpenAI package ({bytecode})",
                   "ms", data["cold_import_construct_ms"], None, "", None))  # fmt: skip
    return out


def sse_line_rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    data = run["data"]
    if data is None or "rows" not in data:
        return [failed_row("Client limits", {**run, "error": run["error"] or "no results/sse_lines.json"})]
    return list(data["rows"])


# Time per element is flat when the fitted exponent of time over size stays near 1.
LINEAR_EXPONENT = 1.2


def linearity_rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    data = run["data"]
    if data is None:
        return [failed_row("Linearity", {**run, "error": run["error"] or "no results/linearity.json"})]
    out = []
    for item in data["dimensions"]:
        first, last = item["points"][0], item["points"][-1]
        per = ", ".join(f"{p['size']}: {p['per_element_us']:.1f}" for p in item["points"])
        out.append(row("Linearity", f"generation time per element, {item['dimension']} "
                       f"({first['size']} -> {last['size']}; us per element: {per}; exponent {item['exponent']:.2f})",
                       "us", last["per_element_us"], first["per_element_us"], f"at {first['size']}",
                       last["per_element_us"] / first["per_element_us"], target=f"exponent <= {LINEAR_EXPONENT}",
                       met=item["exponent"] <= LINEAR_EXPONENT, ratio_meaning="largest / smallest"))  # fmt: skip
    return out


def proto_generation_rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    data = run["data"]
    if data is None:
        return [failed_row("Proto generation", {**run, "error": run["error"] or "no results"})]
    out = []
    for key, label in (("studio", "AI Studio protos"), ("synthetic", "synthetic tree")):
        item = data[key]
        files = f", {item['files']} files" if "files" in item else ""
        low, high = item["ratio_spread"]
        out.append(row("Proto generation", f"generate from the {label}{files}: CPU, cold (median)", "s",
                       item["ours_cpu_s"], item["protoc_cpu_s"], "grpc_tools.protoc", item["ratio"],
                       "<= 2x", item["ratio"] <= 2, ratio_meaning=f"ours / baseline, min–max {low:.2f}–{high:.2f}"))  # fmt: skip
    item = data["synthetic_incremental"]
    low, high = item["ratio_spread"]
    out.append(row("Proto generation", "regenerate the synthetic tree after one changed field: CPU", "s",
                   item["incremental_cpu_s"], item["cold_cpu_s"], "ours cold", item["ratio"], "<= 0.1x",
                   item["ratio"] <= 0.1, ratio_meaning=f"incremental / cold, min–max {low:.2f}–{high:.2f}"))  # fmt: skip
    return out


def openapi_scaling_rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    data = run["data"]
    if data is None:
        return [failed_row("OpenAPI scaling", {**run, "error": run["error"] or "no results"})]
    out = []
    for size in data["sizes"]:
        met = size["cpu_s"] <= 5 and size["peak_mb"] < 300 if size["types"] == 6000 else None
        out.append(row("OpenAPI scaling", f"cold generation, {size['types']} types ({size['megabytes']:.1f} MB): CPU, "
                       f"peak {size['peak_mb']:.0f} MB", "s", size["cpu_s"], None, "", None,
                       "<= 5 s, < 300 MB" if met is not None else None, met))  # fmt: skip
    out.append(row("OpenAPI scaling", f"slope: {data['cpu_s_per_1000_types']:.2f} s and "
                   f"{data['peak_mb_per_1000_types']:.0f} MB per 1,000 types; log-log exponent "
                   f"{data['cpu_exponent']:.2f} (CPU), {data['peak_mb_exponent']:.2f} (peak memory)", "", None, None,
                   "", None, f"exponent <= {LINEAR_EXPONENT}", data["cpu_exponent"] <= LINEAR_EXPONENT))  # fmt: skip
    return out


def incremental_rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    data = run["data"]
    if data is None:
        return [failed_row("Incremental", {**run, "error": run["error"] or "no results"})]
    out = []
    for key, label in (("openapi_schema", "one schema gains a field"), ("openapi_operation", "one operation changed")):
        item = data[key]
        low, high = item["ratio_spread"]
        out.append(row("Incremental", f"regenerate {item['types']} types ({item['megabytes']:.1f} MB OpenAPI) after "
                       f"{label}: CPU", "s", item["incremental_cpu_s"], item["cold_cpu_s"], "ours cold", item["ratio"],
                       "<= 0.1x", item["ratio"] <= 0.1, ratio_meaning=f"incremental / cold, min–max {low:.2f}–{high:.2f}"))  # fmt: skip
    item = data["proto"]
    low, high = item["ratio_spread"]
    out.append(row("Incremental", f"regenerate the {item['files']}-file proto tree after one message gains a field: CPU",
                   "s", item["incremental_cpu_s"], item["cold_cpu_s"], "ours cold", item["ratio"], "<= 0.1x",
                   item["ratio"] <= 0.1, ratio_meaning=f"incremental / cold, min–max {low:.2f}–{high:.2f}"))  # fmt: skip
    return out


def rest_rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    data = run["data"]
    if data is None or "rows" not in data:
        return [failed_row("REST", {**run, "error": run["error"] or "no results/rest.json"})]
    return list(data["rows"])


def grpc_rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    data = run["data"]
    if data is None or "rows" not in data:
        return [failed_row("gRPC", {**run, "error": run["error"] or "no results/grpc.json"})]
    return list(data["rows"])


# --------------------------------------------------------------------------- table


def value_text(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "us":
        return f"{value:,.1f} µs" if value < 100 else f"{value:,.0f} µs"
    if unit == "ms":
        return f"{value:,.0f} ms" if value >= 10 else f"{value:,.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "/s":
        return f"{value:,.0f}/s"
    return f"{value:g} {unit}".strip()


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| metric | ours | baseline | ratio | target | met? |",
        "|---|---|---|---|---|---|",
    ]
    for item in rows:
        if item.get("detail"):  # in latest.json only
            continue
        unit = item["unit"]
        baseline = item["baseline_name"]
        if item["baseline"] is not None:
            baseline = f"{baseline} {value_text(item['baseline'], unit)}"
        ratio = "—"
        if item["ratio"] is not None:
            ratio = f"{item['ratio']:.2f}x"
            if item.get("ratio_meaning"):
                ratio += f" ({item['ratio_meaning']})"
            if item.get("ratio_iqr"):
                low, high = item["ratio_iqr"]
                ratio += f", IQR {low:.2f}–{high:.2f}"
        met = "—" if item["met"] is None else ("yes" if item["met"] else "**no**")
        if item.get("noisy") and item["met"] is not None:
            met += " (within noise)"
        metric = f"{item['group']}: {item['metric']}"
        lines.append(
            f"| {metric} | {value_text(item['ours'], unit)} | {baseline or '—'} | {ratio} | {item['target'] or '—'} | {met} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (rest, grpc)")
    parser.add_argument("--only", nargs="+", choices=list(BENCHES), help="run only these")
    args = parser.parse_args()
    names = args.only or list(BENCHES)
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    load_before = os.getloadavg()
    runs = {name: run_bench(name, args.quick) for name in names}
    rows: list[dict[str, Any]] = []
    builders = {
        "generation": generation_rows,
        "rest": rest_rows,
        "grpc": grpc_rows,
        "sse_lines": sse_line_rows,
        "linearity": linearity_rows,
        "proto_generation": proto_generation_rows,
        "openapi_scaling": openapi_scaling_rows,
        "incremental": incremental_rows,
    }
    for name in names:
        rows += builders[name](runs[name])
    total = time.perf_counter() - started
    load_after = os.getloadavg()

    targets = [item for item in rows if item["met"] is not None]
    met = sum(1 for item in targets if item["met"])
    rest_meta = (runs.get("rest", {}).get("data") or {}).get("meta", {})
    notes = [
        f"{met} of {len(targets)} targets met. Ratios are medians of per-round paired ratios over "
        "alternating rounds (IQR = their interquartile range, min–max = their range: the noise). "
        '"openai / ours" rows: how many times more '
        "client CPU `openai` spends than our client (target: at least 2x).",
    ]
    if rest_meta:
        notes.append(
            f"REST: `{rest_meta['target']['module']}` from {rest_meta['target']['source']}; "
            f"openai {rest_meta['openai']}, httpx2 {rest_meta['httpx2']}, pydantic {rest_meta['pydantic']}; "
            f"plan {rest_meta['plan']}."
        )
    notes.append(
        f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, shared with other work: "
        f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after. Time: "
        + ", ".join(f"{name} {runs[name]['seconds']:.0f} s" for name in names)
        + f"; total {total:.0f} s{' (quick)' if args.quick else ''}."
    )
    if total > BUDGET_S:
        notes.append(f"**Over the {BUDGET_S} s budget.**")
    markdown = table(rows) + "\n\n" + "\n".join(f"- {note}" for note in notes) + "\n"

    merged: dict[str, Any] = {
        "meta": {
            "quick": args.quick,
            "seconds": total,
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_before": list(load_before),
            "load_after": list(load_after),
            "benches": {
                name: {"seconds": run["seconds"], "error": run["error"]}
                for name, run in runs.items()
            },
        },
        "rows": rows,
    }
    for name, run in runs.items():
        merged[name] = run["data"] if run["data"] is not None else run.get("parsed", {})
    (RESULTS / "latest.json").write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")
    (RESULTS / "latest.md").write_text(markdown)
    print(markdown)


if __name__ == "__main__":
    main()
