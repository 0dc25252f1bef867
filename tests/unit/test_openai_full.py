"""The whole OpenAI description: every operation and schema generated, importable, mypy-clean."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.support.paths import OPENAI_SPEC, REPO, require

PACKAGE = "openai_full"


@pytest.fixture(scope="module")
def upstream() -> dict[str, object]:
    with require(OPENAI_SPEC).open("rb") as handle:
        data: dict[str, object] = yaml.load(handle, Loader=yaml.CSafeLoader)
    return data


@pytest.fixture(scope="module")
def package_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("openai_full")
    code = main(["generate", "--openapi", str(OPENAI_SPEC), "--package", PACKAGE, "--out", str(out), "-q", "--no-cache"])
    assert code == 0
    yield out / "python" / PACKAGE


def _operations(spec: dict[str, object]) -> list[str]:
    methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
    paths = spec["paths"]
    assert isinstance(paths, dict)
    return sorted(op["operationId"] for item in paths.values() for m, op in item.items() if m in methods)


def test_ir_has_every_operation_and_schema(upstream: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["ir", "--openapi", str(OPENAI_SPEC), "--package", PACKAGE, "-q"]) == 0
    ir = json.loads(capsys.readouterr().out)
    operation_ids = _operations(upstream)
    assert len(operation_ids) == 288
    assert sorted(op["id"] for op in ir["operations"]) == operation_ids
    components = upstream["components"]
    assert isinstance(components, dict)
    schema_names = set(components["schemas"])
    assert len(schema_names) == 1422
    assert schema_names <= {t["id"] for t in ir["types"]}


def test_every_operation_is_a_method(package_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["ir", "--openapi", str(OPENAI_SPEC), "--package", PACKAGE, "-q"]) == 0
    ir = json.loads(capsys.readouterr().out)
    defined: set[str] = set()
    for module in (package_root / PACKAGE / "resources").glob("*.py"):
        tree = ast.parse(module.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and not node.name.startswith("Async") and not node.name.endswith("WithRawResponse"):
                defined |= {f"{node.name}.{f.name}" for f in node.body if isinstance(f, ast.FunctionDef)}
    methods = {name.split(".")[1] for name in defined}
    for operation in ir["operations"]:
        words = operation["name"]["words"]
        assert "_".join(words) in methods or any(m.startswith("_".join(words)) for m in methods), operation["id"]
    # one method per operation, none merged away
    public = [d for d in defined if d.split(".")[1] != "with_raw_response"]
    assert len(public) == 288


def test_every_schema_is_a_model(package_root: Path, upstream: dict[str, object]) -> None:
    init = (package_root / PACKAGE / "models" / "__init__.py").read_text()
    tree = ast.parse(init)
    table = next(
        n.value for n in tree.body if isinstance(n, ast.AnnAssign) and getattr(n.target, "id", "") == "_MODULES"
    )
    assert isinstance(table, ast.Dict)
    exported = {k.value for k in table.keys if isinstance(k, ast.Constant)}
    assert len(exported) >= 1422


def test_package_imports_and_all_models_load(package_root: Path) -> None:
    code = (
        f"import {PACKAGE}, {PACKAGE}.models as m\n"
        f"c = {PACKAGE}.Client(api_key='k', base_url='http://127.0.0.1:9')\n"
        "c.chat; c.responses; c.files; c.chat.with_raw_response\n"
        "names = dir(m)\n"
        "[getattr(m, n) for n in names]\n"
        "print(len(names))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=package_root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert int(result.stdout.strip()) >= 1422


def test_mypy_strict_reports_no_errors(package_root: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", PACKAGE],
        cwd=package_root, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-5000:]
    assert "Success: no issues found" in result.stdout


def test_black_check_passes(package_root: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--quiet", "--line-length", "100", "--target-version", "py311", "."],
        cwd=package_root, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_every_model_and_union_validator_builds(package_root: Path) -> None:
    """A pydantic schema error (two variants with one tag, ...) is found here, not by a user."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.build_models", f"{PACKAGE}.models"],
        cwd=package_root, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-3000:]
