"""Proto generation against plain `grpc_tools.protoc` (python + pyi + grpc outputs), and
regeneration after a one-field change, on the AI Studio protos and a synthetic ~1,000-file tree.

CPU seconds of each child process (user + system, its reaped children such as the formatter
included): fairer than wall time on a loaded machine. Contenders alternate within each round;
medians with min–max spread are reported.

"Cold" means no previous output and an empty cache of spec-derived results (parsed specs,
formatted files, regeneration stamps). Installed code is warm for both contenders, as on a user's
machine: Python byte code is written (this environment sets PYTHONDONTWRITEBYTECODE, which would
recompile ~180 modules on every run) and compiled templates stay in the cache (they depend on our
templates only, like .pyc files on our modules).

The previous run's output is moved aside, not deleted, before a cold run (`set_aside`), and
removed with the work folder at the end. On this machine's ext4 (no journal) a new inode is looked
for past every inode freed in the last minute or more (the kernel's `recently_deleted` check, a
quarter of all samples in `perf` of a cold run), so deleting thousands of output files right
before a run that creates as many charged that run seconds of system time, varying with whatever
else was deleted on the machine. Side by side on the 1,001-file tree: 2.6-3.5 s of system time
(ours) and 1.0 s (protoc) with the output deleted right before, 1.1-1.5 s and 0.4 s with it moved
aside; the ratio moved within its noise (3.4-3.7x both ways). A user's cold run into a new folder
pays none of it; both contenders are measured the same way.

With `--old DIR` (an extracted earlier checkout, e.g. `git archive <commit> | tar -x -C DIR`),
that checkout's generator runs as a third contender in the same rounds (cwd and PYTHONPATH
there, this interpreter), for before/after figures from one run.

Run: python bench/bench_proto_generation.py [--quick] [--old DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from common import PYTHON, REPO, alternate, child_env, cold_then_changed, median, write_result
from synthetic_protos import build

STUDIO = REPO / "specs" / "proto"
CHANGED = "synth/area007/v1/r1.proto"  # the file the incremental run changes one field of


def bench_env(cache: Path) -> dict[str, str]:
    env = {**child_env(), "APIGEN_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def empty_cache(cache: Path) -> None:
    """Everything derived from specs goes; compiled templates stay (see the module docstring)."""
    if cache.is_dir():
        for entry in cache.iterdir():
            if entry.name != "jinja":
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def set_aside(path: Path, trash: Path) -> None:
    """Move `path` (if any) into `trash`, deleted later with the work folder (see the docstring)."""
    if path.exists():
        trash.mkdir(parents=True, exist_ok=True)
        path.rename(trash / f"{path.name}-{len(list(trash.iterdir()))}")


def cpu_seconds(
    command: Sequence[str], env: dict[str, str] | None = None, cwd: Path = REPO
) -> float:
    child = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{errors.decode(errors='replace')[-2000:]}")
    return usage.ru_utime + usage.ru_stime


def protoc_command(root: Path, out: Path) -> list[str]:
    import google.api

    from generator.proto.tree import scan

    site = Path(google.api.__path__[0]).parent.parent
    return [
        PYTHON, "-m", "grpc_tools.protoc", f"-I{root}", f"-I{site}",
        f"--python_out={out}", f"--pyi_out={out}", f"--grpc_python_out={out}", *scan(root).protos,
    ]  # fmt: skip


def compare(root: Path, work: Path, rounds: int, old: Path | None = None) -> dict[str, object]:
    env = bench_env(work / "cache")
    ours_out, plain_out = work / "ours", work / "plain"

    def generator(checkout: Path, out: Path, cache: Path, environment: dict[str, str]) -> Callable[[], float]:
        command = [PYTHON, "-m", "generator", "generate", "--proto-root", str(root), "--package", "synth",
                   "--out", str(out), "-q"]  # fmt: skip

        def cold() -> float:
            set_aside(out, work / "trash")
            empty_cache(cache)
            return cpu_seconds(command, environment, checkout)

        return cold

    def plain() -> float:
        set_aside(plain_out, work / "trash")
        plain_out.mkdir(parents=True)
        return cpu_seconds(protoc_command(root, plain_out), env)

    contenders = {"ours": generator(REPO, ours_out, work / "cache", env), "protoc": plain}
    if old is not None:
        old_env = {**bench_env(work / "old-cache"), "PYTHONPATH": str(old)}
        contenders["old"] = generator(old, work / "old", work / "old-cache", old_env)
    for run in contenders.values():
        run()  # warm-up: byte code and compiled templates written
    samples = alternate(contenders, rounds)
    result: dict[str, object] = {
        "ours_cpu_s": median(samples["ours"]),
        "protoc_cpu_s": median(samples["protoc"]),
        **_ratios(samples, "ours"),
        "samples": samples,
    }
    if old is not None:
        result["old_cpu_s"] = median(samples["old"])
        result["old"] = _ratios(samples, "old")
    return result


def _ratios(samples: dict[str, list[float]], name: str) -> dict[str, object]:
    """The median of the per-round ratios of `name` to protoc, and their spread."""
    ratios = sorted(o / p for o, p in zip(samples[name], samples["protoc"], strict=True))
    return {"ratio": median(ratios), "ratio_spread": [ratios[0], ratios[-1]]}


def incremental(root: Path, work: Path, rounds: int, old: Path | None = None) -> dict[str, object]:
    """Cold runs and regenerations after one changed field, alternating. With `old` (an earlier
    checkout), it runs the same rounds in its own output and cache folders, the two contenders
    alternating within each round; `new_over_old` is the median of the per-round ratios of the
    regenerations' CPU (new / old)."""
    target = root / CHANGED
    original = target.read_text()
    flip = [False]

    def contender(checkout: Path, name: str, extra: dict[str, str]) -> tuple[Callable[[], float], Callable[[], float]]:
        env = {**bench_env(work / f"{name}-cache"), **extra}
        out = work / name
        command = [PYTHON, "-m", "generator", "generate", "--proto-root", str(root), "--package", "synth",
                   "--out", str(out), "-q"]  # fmt: skip

        def cold() -> float:
            set_aside(out, work / "trash")
            empty_cache(work / f"{name}-cache")
            return cpu_seconds(command, env, checkout)

        def changed() -> float:
            if not out.exists():
                cpu_seconds(command, env, checkout)
            flip[0] = not flip[0]
            extra_field = "  string extra = 6;\n" if flip[0] else ""
            target.write_text(original.replace("  bool enabled = 3;\n", "  bool enabled = 3;\n" + extra_field))
            return cpu_seconds(command, env, checkout)

        return cold, changed

    try:
        if old is None:
            return cold_then_changed(*contender(REPO, "ours", {}), rounds)
        contenders = {"ours": contender(REPO, "ours", {}), "old": contender(old, "old", {"PYTHONPATH": str(old)})}
        samples: dict[str, dict[str, list[float]]] = {name: {"cold": [], "changed": []} for name in contenders}
        for index in range(rounds):
            for name in list(contenders)[:: 1 if index % 2 == 0 else -1]:
                cold, changed = contenders[name]
                target.write_text(original)  # each cold run on the original file
                flip[0] = False
                samples[name]["cold"].append(cold())
                samples[name]["changed"].append(changed())
        result: dict[str, object] = {}
        for name, found in samples.items():
            ratios = sorted(c / b for c, b in zip(found["changed"], found["cold"], strict=True))
            result[name] = {
                "cold_cpu_s": median(found["cold"]),
                "incremental_cpu_s": median(found["changed"]),
                "ratio": median(ratios),
                "ratio_spread": [ratios[0], ratios[-1]],
                "samples": found,
            }
        pairs = sorted(n / o for n, o in zip(samples["ours"]["changed"], samples["old"]["changed"], strict=True))
        colds = sorted(n / o for n, o in zip(samples["ours"]["cold"], samples["old"]["cold"], strict=True))
        result["new_over_old"] = {"incremental": median(pairs), "incremental_spread": [pairs[0], pairs[-1]],
                                  "cold": median(colds), "cold_spread": [colds[0], colds[-1]]}  # fmt: skip
        return result
    finally:
        target.write_text(original)


def main() -> dict[str, object]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--old", type=Path, metavar="DIR", help="an earlier checkout to run alongside")
    args = parser.parse_args()
    old = args.old.resolve() if args.old else None
    rounds = 3 if args.quick else 5
    work = Path(tempfile.mkdtemp(prefix="bench-proto-"))
    try:
        tree = work / "tree"
        files = len(build(tree))
        result: dict[str, object] = {
            "studio": compare(STUDIO, work / "studio", rounds, old),
            "synthetic": {"files": files, **compare(tree, work / "synthetic", max(3, rounds - 2), old)},
            "synthetic_incremental": incremental(tree, work / "incremental", 3),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_result("proto_generation", result)
    return result


if __name__ == "__main__":
    for key, value in main().items():
        print(f"{key:24} {value}")
