"""One adversarial case, run as users run the generator, and what became of it.

A case is a set of files (a spec folder), the entry the command names (an OpenAPI file, a proto
root, or something that is not a spec at all) and an id that reproduces it. `run_case` lays it
out in a fresh folder beside a canary file the spec must never read, an output folder that
already holds a generated package, and a private temporary folder; it runs
`python -m generator generate` under a time and an address-space cap, with an audit hook (see
`hook/sitecustomize.py`) that records every file opened outside the allowed folders; then it
imports every generated module in a fresh process and checks that no canary was created.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import sysconfig
import threading
from dataclasses import dataclass, field
from pathlib import Path

from generator.cache_location import ENV_VAR as CACHE_ENV
from tests.support.cli import GOOD, snapshot
from tests.support.paths import REPO

HOOK = Path(__file__).resolve().parent / "hook"
TIME_CAP_SECONDS = 60
MEMORY_CAP_BYTES = 2 * 1024**3
# What a hostile spec tries to read (planted outside the spec folder) and to create (by code).
SECRET_TOKEN = "CANARY-SECRET-7f3a9c"
CANARY_NAME = "canary-created"
OUTSIDE_MARK = b"@OUTSIDE@"  # in case files: the absolute path of the folder holding the secret

# Outcomes: the first two are fine, every other one is a bug the suite reports.
GOOD_OUTCOMES = ("ok", "located-error")
BAD_OUTCOMES = (
    "traceback",
    "hang",
    "oom",
    "half-written",
    "import-failure",
    "canary",
    "read-outside",
    "unlocated-error",
    "internal-error",
)


@dataclass
class Case:
    id: str  # reproduces the case: `<kind>-<seed>-<index>`
    kind: str  # "openapi" or "proto"
    what: str  # the mutations applied, for people
    files: dict[str, bytes] = field(default_factory=dict)  # relative to the spec folder
    entry: str = ""  # the --openapi file or --proto-root folder, relative to the spec folder
    protos: tuple[str, ...] = ()  # --proto files (relative to the root); () = all
    folders: tuple[str, ...] = ()  # empty folders to create (a folder given as the spec)


@dataclass
class Result:
    case: Case
    outcome: str
    detail: str = ""
    returncode: int | None = None
    seconds: float = 0.0


def run_case(case: Case, base: Path) -> Result:
    import time

    started = time.perf_counter()
    outcome, detail, code = _run(case, base)
    return Result(case, outcome, detail, code, time.perf_counter() - started)


def _run(case: Case, base: Path) -> tuple[str, str, int | None]:
    base.mkdir(parents=True, exist_ok=True)
    spec_dir, out, tmp, outside = base / "spec", base / "out", base / "tmp", base / "outside"
    for folder in (spec_dir, tmp, outside):
        folder.mkdir()
    (outside / "secret.yaml").write_text(
        f"Thing:\n  type: object\n  description: {SECRET_TOKEN}\n"
        f"  properties:\n    {SECRET_TOKEN.replace('-', '_')}: {{type: string}}\n"
    )
    (outside / "secret.proto").write_text(f'syntax = "proto3";\npackage secret;\n// {SECRET_TOKEN}\nmessage Secret {{}}\n')
    for name, data in case.files.items():
        target = spec_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.replace(OUTSIDE_MARK, str(outside).encode()))
    for name in case.folders:
        (spec_dir / name).mkdir(parents=True, exist_ok=True)
    _prepopulate(out, tmp)
    before = snapshot(out)
    entry = spec_dir / case.entry
    args = ["generate", "--package", "fuzzed", "--out", str(out), "--no-cache"]
    if case.kind == "openapi":
        args += ["--openapi", str(entry)]
    else:
        args += ["--proto-root", str(entry)] + [f"--proto={p}" for p in case.protos]
    report = base / "opened-outside.txt"
    allowed = [spec_dir, out, tmp, base / ".cache", *_installation()]
    try:
        result = _python(["-m", "generator", *args], base, base, report, allowed)
    except subprocess.TimeoutExpired:
        return "hang", f"no exit after {TIME_CAP_SECONDS} s", None
    text = result.stdout + result.stderr
    opened = sorted(set(report.read_text().split("\n")) - {""}) if report.exists() else []
    if "MemoryError" in text or result.returncode in (-9, -6, -11):
        return "oom", _tail(text), result.returncode
    if "Traceback" in text:
        return "traceback", _tail(text), result.returncode
    if SECRET_TOKEN in text or _leaked(out):
        return "read-outside", "the canary secret reached the output or the messages", result.returncode
    if opened:
        return "read-outside", "opened: " + ", ".join(opened[:5]), result.returncode
    if (base / CANARY_NAME).exists() or (spec_dir / CANARY_NAME).exists() or (out / CANARY_NAME).exists():
        return "canary", "spec text ran as code during generation", result.returncode
    if list(out.glob(".staging-*")):
        return "half-written", "a staging folder was left in the output folder", result.returncode
    if result.returncode == 0:
        return _check_imports(out, base, report, allowed)
    if snapshot(out) != before:
        return "half-written", "the output folder changed on a failed run", result.returncode
    if "internal error" in result.stderr:
        return "internal-error", _tail(result.stderr), result.returncode
    if result.returncode in (1, 2) and _located(result.stderr, case, base):
        return "located-error", _tail(result.stderr, 1), result.returncode
    if result.returncode in (1, 2):
        return "unlocated-error", _tail(result.stderr), result.returncode
    return "traceback", f"exit {result.returncode}: {_tail(text)}", result.returncode


def _python(args: list[str], cwd: Path, base: Path, report: Path, allowed: list[Path]) -> subprocess.CompletedProcess[str]:
    """Python with the audit hook, the case's own cache and temporary folders, and the caps."""
    env = {
        **os.environ,
        CACHE_ENV: str(base / ".cache"),
        "PYTHONPATH": str(HOOK),
        "FUZZ_ALLOWED": os.pathsep.join(str(p) for p in allowed),
        "FUZZ_REPORT": str(report),
        "TMPDIR": str(base / "tmp"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP_BYTES, MEMORY_CAP_BYTES))

    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        errors="backslashreplace",
        timeout=TIME_CAP_SECONDS,
        preexec_fn=limit,
        check=False,
    )


_IMPORT_ALL = """
import importlib, pkgutil, sys
sys.path.insert(0, sys.argv[1])
package = importlib.import_module("fuzzed")
for module in pkgutil.walk_packages(package.__path__, "fuzzed."):
    importlib.import_module(module.name)
print("imported")
"""


def _check_imports(out: Path, base: Path, report: Path, allowed: list[Path]) -> tuple[str, str, int | None]:
    package = out / "python" / "fuzzed"
    try:
        result = _python(["-c", _IMPORT_ALL, str(package)], package, base, report, allowed)
    except subprocess.TimeoutExpired:
        return "hang", "importing the generated package did not finish", 0
    if (base / CANARY_NAME).exists() or (package / CANARY_NAME).exists():
        return "canary", "spec text ran as code when the package was imported", 0
    if result.returncode != 0 or "imported" not in result.stdout:
        return "import-failure", _tail(result.stderr), 0
    if report.exists() and report.read_text().strip():
        return "read-outside", "opened: " + report.read_text().strip()[:300], 0
    return "ok", "", 0


def _prepopulate(out: Path, tmp: Path) -> None:
    """The output of a good spec, shared by every case (generated once per process)."""
    template = _good_output(tmp.parent.parent)
    shutil.copytree(template, out)


_GOOD_OUTPUT_LOCK = threading.Lock()  # `fuzz.run_all` runs cases in threads of one process


def _good_output(root: Path) -> Path:
    with _GOOD_OUTPUT_LOCK:  # one generation; the others wait for it (they share the pid too)
        return _make_good_output(root)


def _make_good_output(root: Path) -> Path:
    folder = root / "_good_output"
    if not folder.exists():
        spec = root / "_good.yaml"
        spec.write_text(GOOD)
        staging = root / f"_good_output.{os.getpid()}"
        made = subprocess.run(
            [sys.executable, "-m", "generator", "generate", "--openapi", str(spec), "--package", "fuzzed",
             "--out", str(staging), "--no-cache", "-q"],
            cwd=root, capture_output=True, text=True,
        )
        if made.returncode != 0:  # say why: the fixture's error is all pytest shows
            raise RuntimeError(f"generating the reference output failed ({made.returncode}): {made.stderr}")
        try:
            os.replace(staging, folder)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)  # another worker won the race
    return folder


def _installation() -> list[Path]:
    """The Python installation and the generator's own files (an editable install)."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, *sysconfig.get_paths().values()}
    ours = [REPO / "generator", REPO / "templates", REPO / "apigen.egg-info"]
    return [*ours, *(Path(p) for p in sorted(paths) if p)]


def _leaked(out: Path) -> bool:
    for path in out.rglob("*"):
        if path.is_file() and SECRET_TOKEN.encode() in path.read_bytes():
            return True
    return False


def _located(stderr: str, case: Case, base: Path) -> bool:
    """The message names a file of the case (or the entry the command was given)."""
    names = {Path(name).name for name in case.files} | {Path(case.entry).name or "spec"}
    names |= {Path(name).name for name in case.folders}
    names.discard("")
    return any(name in stderr for name in names)


def _tail(text: str, lines: int = 3) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])[:400]
