"""Shared helpers for benchmarks: timing subprocesses side by side, medians, result files."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
SHARED = REPO.parent / "shared" / "upstream"
PYTHON = sys.executable


def run_timed(command: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one child process (its own rusage, via wait4)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{errors.decode(errors='replace')[-2000:]}")
    return elapsed, usage.ru_maxrss


def alternate(contenders: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Run each contender once per round, in alternating order, so machine noise hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for index in range(rounds):
        order = names if index % 2 == 0 else list(reversed(names))
        for name in order:
            samples[name].append(contenders[name]())
    return samples


def cold_then_changed(cold: Callable[[], float], changed: Callable[[], float], rounds: int) -> dict[str, object]:
    """Rounds of a cold run and then a regeneration after a change (so that every regeneration
    follows a run on the previous version): the medians and the spread of per-round ratios."""
    colds: list[float] = []
    changes: list[float] = []
    for _ in range(rounds):
        colds.append(cold())
        changes.append(changed())
    return changed_row(colds, changes)


def changed_row(colds: Sequence[float], changes: Sequence[float]) -> dict[str, object]:
    """Cold runs and the regenerations that followed them, round by round: the medians and the
    spread of per-round ratios."""
    ratios = sorted(c / b for c, b in zip(changes, colds, strict=True))
    return {
        "cold_cpu_s": median(colds),
        "incremental_cpu_s": median(changes),
        "ratio": median(ratios),
        "ratio_spread": [ratios[0], ratios[-1]],
    }


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def write_result(name: str, data: dict[str, object]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO)
    return env
