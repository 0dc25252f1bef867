"""The fixed cost of a proto run: CPU seconds of importing every module a cold ad hoc run on the
AI Studio protos imports (the list read from such a run of each checkout), and of that cold run
(`bench_proto_generation`'s: empty cache but for compiled templates, previous output set aside).

Imports are a third of a cold AI Studio run and the same for a one-message proto: a few
milliseconds gained there are lost in the noise of whole runs on a shared machine, so many
rounds, alternating, with per-round (paired) ratios and differences.

With `--old DIR` (an extracted earlier checkout), that checkout runs alongside in the same rounds.

Run: python bench/bench_proto_start.py [--old DIR] [--rounds N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench_proto_generation import STUDIO, bench_env, cpu_seconds, empty_cache, set_aside
from common import PYTHON, REPO, alternate, median

# prints the modules a run imported (the run's own `python -m generator` ends without a word)
_IMPORTED = "import sys\nfrom generator.cli import main\nmain(sys.argv[1:])\nprint(' '.join(sys.modules))"
# (a few entries are no importable modules: set up by a parent or an extension, `cython_runtime`)
_IMPORT_ALL = """import importlib, sys
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except ImportError:
        pass
"""


def contenders(checkout: Path, name: str, work: Path) -> dict[str, Callable[[], float]]:
    env = bench_env(work / f"{name}-cache")
    if checkout != REPO:
        env["PYTHONPATH"] = str(checkout)
    out = work / f"{name}-out"
    arguments = ["generate", "--proto-root", str(STUDIO), "--package", "synth", "--out", str(out), "-q"]
    found = subprocess.run(
        [PYTHON, "-c", _IMPORTED, *arguments], cwd=checkout, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    # what can be imported by name (not the script itself, nor the interpreter's private ones)
    modules = [m for m in found if m != "__main__" and not m.startswith(("_", "encodings."))]

    def imports() -> float:
        return cpu_seconds([PYTHON, "-c", _IMPORT_ALL, *modules], env, checkout)

    def cold() -> float:
        set_aside(out, work / "trash")
        empty_cache(work / f"{name}-cache")
        return cpu_seconds([PYTHON, "-m", "generator", *arguments], env, checkout)

    return {f"{name} imports": imports, f"{name} cold run": cold}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", type=Path, metavar="DIR", help="an earlier checkout to run alongside")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-start-"))
    try:
        runs = contenders(REPO, "new", work)
        if args.old is not None:
            runs.update(contenders(args.old.resolve(), "old", work))
        for run in runs.values():
            run()  # warm-up: byte code and compiled templates written
        for kind in ("imports", "cold run"):
            samples = alternate({name: run for name, run in runs.items() if name.endswith(kind)}, args.rounds)
            for name, values in samples.items():
                print(f"{name:16} median {median(values):.3f} s  [{min(values):.3f}-{max(values):.3f}]")
            if args.old is not None:
                new, old = samples[f"new {kind}"], samples[f"old {kind}"]
                ratios = sorted(n / o for n, o in zip(new, old, strict=True))
                differences = sorted(n - o for n, o in zip(new, old, strict=True))
                print(
                    f"{kind:16} new/old paired: median {median(ratios):.3f} [{ratios[0]:.3f}-{ratios[-1]:.3f}], "
                    f"difference median {1000 * median(differences):+.1f} ms"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
