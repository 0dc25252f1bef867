"""Generation speed: the full OpenAI description (ours vs openapi-python-client), regeneration
without changes, and the cold import of the generated package."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from common import PYTHON, SHARED, alternate, child_env, median, run_timed, write_result

SPEC = SHARED / "openai" / "openapi.yaml"
ROUNDS = 3


def main() -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="bench-gen-"))
    env = {**child_env(), "APIGEN_CACHE_DIR": str(work / "cache")}  # never the user's cache
    peaks: dict[str, int] = {}

    def ours_cold() -> float:
        out = work / "ours"
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(work / "cache", ignore_errors=True)  # cold: an empty cache, filled by this run
        seconds, peak = run_timed(
            [PYTHON, "-m", "generator", "generate", "--openapi", str(SPEC), "--package", "openai_full", "--out", str(out), "-q"],
            cwd=work, env=env,
        )
        peaks["ours"] = peak
        return seconds

    opc = shutil.which("openapi-python-client", path=str(Path(PYTHON).parent))

    def theirs() -> float:
        out = work / "opc"
        shutil.rmtree(out, ignore_errors=True)
        assert opc is not None
        seconds, peak = run_timed([opc, "generate", "--path", str(SPEC), "--output-path", str(out)], cwd=work)
        peaks["openapi-python-client"] = peak
        return seconds

    contenders = {"ours cold": ours_cold}
    if opc:
        contenders["openapi-python-client"] = theirs
    samples = alternate(contenders, ROUNDS)

    ours_cold()  # leaves an output and a cache behind for the regeneration run
    regen = [
        run_timed(
            [PYTHON, "-m", "generator", "generate", "--openapi", str(SPEC), "--package", "openai_full", "--out", str(work / "ours"), "-q"],
            cwd=work, env=env,
        )[0]
        for _ in range(5)
    ]
    package_root = work / "ours" / "python" / "openai_full"
    env_imports = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    import_code = "import openai_full; c = openai_full.Client(api_key='k'); c.chat"
    run_timed([PYTHON, "-c", import_code], cwd=package_root, env=env_imports)  # writes byte code
    imports = [run_timed([PYTHON, "-c", import_code], cwd=package_root, env=env_imports)[0] for _ in range(7)]
    bare = [run_timed([PYTHON, "-c", "pass"], cwd=package_root, env=env_imports)[0] for _ in range(7)]
    shutil.rmtree(work, ignore_errors=True)

    cold = median(samples["ours cold"])
    result: dict[str, object] = {
        "ours_cold_s": cold,
        "ours_peak_mb": peaks.get("ours", 0) / 1024,
        "regeneration_s": median(regen),
        "regeneration_ratio": median(regen) / cold,
        "cold_import_construct_ms": (median(imports) - median(bare)) * 1000,
    }
    if opc:
        result["openapi_python_client_s"] = median(samples["openapi-python-client"])
        result["openapi_python_client_peak_mb"] = peaks.get("openapi-python-client", 0) / 1024
        result["ratio_vs_openapi_python_client"] = cold / median(samples["openapi-python-client"])
    write_result("generation", result)
    return result


if __name__ == "__main__":
    for key, value in main().items():
        print(f"{key:36} {value:.3f}" if isinstance(value, float) else f"{key:36} {value}")
