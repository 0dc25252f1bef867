"""`make compat`: the committed `ai_studio` package under every supported protobuf major, and
installed beside `yandexcloud` and `yandex-ai-studio-sdk` (which require protobuf<7).

Two throw-away virtual environments (pip's cache keeps reruns fast):
1. the package with the oldest supported grpcio, then each protobuf of `PROTOBUF_VERSIONS` in turn
   (only protobuf is reinstalled between runs), running the package's native tests each time;
2. the package beside both Yandex SDKs, as pip resolves them together; it runs `beside_sdks.py`
   (both SDKs' stubs and our client in one process, against one local gRPC server) and the tests.

Cost, measured: about 90 s of CPU (pip from a warm cache, 7 test runs of ~15 s); 445-531 s of
wall time on the shared 2-core machine at load average 11-14, where one test run alone takes 3x.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "generated" / "python" / "ai_studio"
INSTALL = f"{PACKAGE}[service-account]"  # the extra: credentials tests sign JWTs

# Oldest and newest of each supported major (the package requires protobuf>=5.26.1,<8).
PROTOBUF_VERSIONS = ("5.26.1", "5.29.6", "6.30.0", "6.33.6", "7.34.0", "7.36.2")
OLDEST_GRPCIO = "grpcio==1.65.0"  # the package requires grpcio>=1.65
SDKS = ("yandexcloud", "yandex-ai-studio-sdk")
TEST_TOOLS = ("pytest>=8", "pytest-asyncio>=0.24")
# The package's own tests that import only the committed package (no generator, no grpc_tools).
NATIVE_TESTS = (
    "tests/e2e/test_native_group.py",
    "tests/e2e/test_composite_client.py",
    "tests/e2e/test_credentials.py",
)


def run(*args: str | Path, cwd: Path = REPO) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit(f"compat: failed: {' '.join(str(a) for a in args)}")
    return done.stdout


def make_venv(root: Path, name: str) -> Path:
    path = root / name
    venv.EnvBuilder(with_pip=True).create(path)
    return path / "bin" / "python"


def pip_install(python: Path, *requirements: str | Path) -> None:
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements)


def installed(python: Path, *names: str) -> str:
    code = "import importlib.metadata as m, sys; print(' '.join(f'{n}=={m.version(n)}' for n in sys.argv[1:]))"
    return run(python, "-c", code, *names).strip()


def run_tests(python: Path) -> str:
    out = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *NATIVE_TESTS)
    return out.strip().splitlines()[-1]


def protobuf_matrix(root: Path) -> None:
    python = make_venv(root, "protobuf")
    pip_install(python, INSTALL, OLDEST_GRPCIO, f"protobuf=={PROTOBUF_VERSIONS[0]}", *TEST_TOOLS)
    for version in PROTOBUF_VERSIONS:
        # googleapis-common-protos follows: pip picks its newest release for this protobuf
        pip_install(python, "--upgrade", f"protobuf=={version}", "googleapis-common-protos")
        versions = installed(python, "protobuf", "googleapis-common-protos", "grpcio")
        print(f"  {versions}: {run_tests(python)}", flush=True)


def beside_sdks(root: Path) -> None:
    python = make_venv(root, "sdks")
    pip_install(python, INSTALL, *SDKS, *TEST_TOOLS)
    print(f"  {installed(python, 'protobuf', 'grpcio', *SDKS)}", flush=True)
    print("  " + run(python, REPO / "tests" / "compat" / "beside_sdks.py").strip(), flush=True)
    print(f"  our tests beside them: {run_tests(python)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build the venvs here and keep them")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="apigen-compat-") as temporary:
        root = args.keep or Path(temporary)
        root.mkdir(parents=True, exist_ok=True)
        print("protobuf matrix:", flush=True)
        protobuf_matrix(root)
        print("beside yandexcloud and yandex-ai-studio-sdk:", flush=True)
        beside_sdks(root)
    print(f"compat: ok in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
