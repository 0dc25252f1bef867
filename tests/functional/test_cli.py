"""The CLI end to end: `ir` JSON, deterministic output, a JSON spec file, `check`, and bad inputs."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.cli import main
from tests.support.http_server import LocalServer, Reply

SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Catalog", "version": "2.0"},
    "paths": {
        "/products": {
            "get": {
                "operationId": "listProducts",
                "tags": ["products"],
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "items": {
                                            "type": "array",
                                            "items": {"$ref": "#/components/schemas/Product"},
                                        },
                                        "facets": {
                                            "type": "object",
                                            "properties": {
                                                "brand": {
                                                    "type": "array",
                                                    "items": {"type": "string"},
                                                }
                                            },
                                        },
                                    },
                                }
                            }
                        },
                    }
                },
            },
            "post": {
                "tags": ["products"],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "price": {"type": "number"},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "201": {
                        "description": "created",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Product"}}
                        },
                    }
                },
            },
        },
        "/products/{product_id}": {
            "delete": {
                "tags": ["products"],
                "parameters": [
                    {
                        "name": "product_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {"204": {"description": "deleted"}},
            }
        },
    },
    "components": {
        "schemas": {
            "Product": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "price": {"type": ["number", "null"]},
                    "dimensions": {
                        "type": "object",
                        "properties": {"width": {"type": "number"}, "height": {"type": "number"}},
                    },
                    "kind": {"type": "string", "enum": ["physical", "digital"]},
                },
            },
            "Money": {"type": "integer", "format": "int64"},
        }
    },
}


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The generator's cache folder is relative to the working directory: keep it out of the repo."""
    monkeypatch.chdir(tmp_path)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def json_spec(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(SPEC, indent=2))
    return path


@pytest.fixture
def imported(tmp_path: Path) -> Iterator[list[str]]:
    """Packages imported by the test, removed from sys.modules and sys.path afterwards."""
    names: list[str] = []
    yield names
    for package in names:
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]
    sys.path[:] = [p for p in sys.path if not p.startswith(str(tmp_path))]


def _import(out: Path, package: str, imported: list[str]) -> ModuleType:
    sys.path.insert(0, str(out / "python" / package))
    imported.append(package)
    return importlib.import_module(package)


def test_ir_lists_operations_and_types(json_spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "ir", "--openapi", str(json_spec), "--package", "fn_cli_ir", "-q")
    assert code == 0
    ir = json.loads(out)
    operation_ids = [op["id"] for op in ir["operations"]]
    assert sorted(operation_ids) == sorted(
        ["listProducts", "POST /products", "DELETE /products/{product_id}"]
    )
    type_ids = [t["id"] for t in ir["types"]]
    assert {"Product", "Money"} <= set(type_ids)
    # inline types get ids from where they are (never numbered)
    assert {
        "Product.dimensions",
        "Product.kind",
        "listProducts.response",
        "listProducts.response.facets",
    } <= set(type_ids), type_ids
    assert len(type_ids) == len(set(type_ids)) == 7, type_ids
    assert all(
        t["location"]["pointer"].startswith(("/components/", "/paths/")) for t in ir["types"]
    )
    # a second run prints the same bytes
    code, again, _ = _run(capsys, "ir", "--openapi", str(json_spec), "--package", "fn_cli_ir", "-q")
    assert code == 0 and again == out


def test_generation_is_deterministic(
    json_spec: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # the cache folder is relative to the working directory
    first, second, third = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    common = ["--openapi", str(json_spec), "--package", "fn_cli_det", "-q"]
    assert _run(capsys, "generate", *common, "--out", str(first), "--no-cache")[0] == 0
    assert _run(capsys, "generate", *common, "--out", str(second), "--no-cache")[0] == 0
    assert _run(capsys, "generate", *common, "--out", str(third))[0] == 0  # with the cache
    assert _run(capsys, "generate", *common, "--out", str(third))[0] == 0  # from the cache
    tree = _tree(first)
    assert any(name.endswith("_client.py") for name in tree)
    assert _tree(second) == tree
    assert _tree(third) == tree


def test_json_spec_file_generates_a_working_client(
    json_spec: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    server: LocalServer,
    imported: list[str],
) -> None:
    out = tmp_path / "out"
    assert (
        _run(
            capsys,
            "generate",
            "--openapi",
            str(json_spec),
            "--package",
            "fn_cli_json",
            "--out",
            str(out),
            "-q",
            "--no-cache",
        )[0]
        == 0
    )
    api: Any = _import(out, "fn_cli_json", imported)
    product = {
        "id": "p1",
        "name": "Lamp",
        "price": None,
        "dimensions": {"width": 1.5},
        "kind": "digital",
    }
    server.route(
        "GET", "/products", Reply.json({"items": [product], "facets": {"brand": ["acme"]}})
    )
    server.route("POST", "/products", lambda r: Reply.json({"id": "p2", **r.json()}, status=201))
    server.route("DELETE", "/products/p1", Reply(204))
    with api.Client(base_url=server.url) as client:
        listing = client.products.list(q="lamp")
        assert listing.items[0].dimensions.width == 1.5
        assert listing.items[0].price is None and listing.facets.brand == ["acme"]
        # operations without an operationId are named from their method and path
        created = client.products.post(name="Desk", price=10.5)
        assert created.id == "p2" and created.price == 10.5
        assert client.products.delete(product_id="p1") is None
    assert server.requests[0].query == {"q": ["lamp"]}
    assert server.requests[1].json() == {"name": "Desk", "price": 10.5}
    assert server.requests[2].method == "DELETE"


def test_check_detects_a_hand_edit(
    json_spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    common = [
        "--openapi",
        str(json_spec),
        "--package",
        "fn_cli_check",
        "--out",
        str(out),
        "-q",
        "--no-cache",
    ]
    assert _run(capsys, "generate", *common)[0] == 0
    assert _run(capsys, "check", *common)[0] == 0
    client = next((out / "python").rglob("_client.py"))
    client.write_text(client.read_text() + "\n# edited by hand\n")
    code, _, err = _run(capsys, "check", *common)
    assert code == 1
    assert "_client.py" in err


@pytest.mark.parametrize(
    ("text", "package", "expected_code", "needle"),
    [
        pytest.param(
            "openapi: 3.1.0\ninfo: {title: x\n  version: 1\n",
            "fn_cli_bad",
            1,
            "api.yaml:3:",
            id="yaml-syntax",
        ),
        pytest.param(json.dumps(SPEC), "bad-name!", 2, "package", id="package-name"),
        pytest.param(
            json.dumps(SPEC).replace("#/components/schemas/Product", "#/components/schemas/Nope"),
            "fn_cli_bad",
            1,
            "Nope",
            id="missing-ref",
        ),
    ],
)
def test_bad_inputs_fail_cleanly(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    package: str,
    expected_code: int,
    needle: str,
) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(text)
    out = tmp_path / "out"
    code, stdout, stderr = _run(
        capsys, "generate", "--openapi", str(spec), "--package", package, "--out", str(out)
    )
    assert code == expected_code
    assert "Traceback" not in stdout + stderr
    assert needle in stderr
    assert not out.exists() or not any(out.rglob("*.py"))


def test_a_missing_operation_id_is_a_warning_and_an_error_under_strict(
    json_spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "ir", "--openapi", str(json_spec), "--package", "fn_cli_ids")
    assert code == 0 and out
    assert "catalog.json" in err and "/paths/~1products/post" in err
    assert "`POST /products` has no operationId" in err
    assert "/paths/~1products~1{product_id}/delete" in err
    assert "/paths/~1products/get" not in err  # listProducts has one
    code, _, err = _run(capsys, "ir", "--openapi", str(json_spec), "--package", "fn_cli_ids", "--strict")
    assert code == 1
    assert "error" in err and "`POST /products` has no operationId" in err


def test_generate_under_strict_stops_on_a_missing_operation_id(
    json_spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`generate --strict`: exit 1 naming the file and the operation's JSON pointer; the output
    folder is left as it was (here: never created). Without --strict the same spec generates."""
    out = tmp_path / "strict-out"
    args = ["generate", "--openapi", str(json_spec), "--package", "fn_cli_strict", "--out", str(out), "--no-cache"]
    code, _, err = _run(capsys, *args, "--strict")
    assert code == 1
    assert "catalog.json#/paths/~1products/post" in err and "error" in err
    assert "`POST /products` has no operationId" in err
    assert "Traceback" not in err
    assert not out.exists()
    code, _, err = _run(capsys, *args)
    assert code == 0 and "warning" in err and (out / "python" / "fn_cli_strict").is_dir()


def _spec_in_a_folder_of_its_own(spec: Path, tmp_path: Path) -> Path:
    """A copy of `spec` alone in a folder (the regeneration key hashes a spec's folder whole)."""
    copy = tmp_path / "spec" / spec.name
    copy.parent.mkdir()
    copy.write_bytes(spec.read_bytes())
    return copy


def test_an_up_to_date_package_says_its_warnings_again(
    json_spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run the cache finds up to date renders nothing, yet says the warnings the output was
    made with, as a cold run does, and `--strict` fails on them as it does cold."""
    spec, out = _spec_in_a_folder_of_its_own(json_spec, tmp_path), tmp_path / "warm-out"
    args = ["generate", "--openapi", str(spec), "--package", "fn_cli_warm", "--out", str(out)]
    code, _, cold = _run(capsys, *args)
    assert code == 0 and "`POST /products` has no operationId" in cold
    code, _, warm = _run(capsys, *args)
    assert code == 0 and "up to date" in warm

    def said(err: str) -> list[str]:
        return [line for line in err.splitlines() if ": warning: " in line]

    assert said(warm) == said(cold) and said(cold)
    code, _, strict = _run(capsys, *args, "--strict")
    assert code == 1
    assert "error: `POST /products` has no operationId" in strict and "Traceback" not in strict
    assert "up to date" not in strict  # (a package --strict stops is not: a cold run says neither)


def test_warnings_said_again_name_files_as_seen_from_where_the_run_is(
    json_spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from another folder, the same output is not taken as up to date with warnings worded
    for the first folder: the files are named as a cold run from there names them."""
    spec, out = _spec_in_a_folder_of_its_own(json_spec, tmp_path), tmp_path / "warm-out"
    args = ["generate", "--openapi", str(spec), "--package", "fn_cli_cwd", "--out", str(out)]
    code, _, first = _run(capsys, *args)
    assert code == 0 and "spec/catalog.json#/paths/~1products/post: warning" in first
    monkeypatch.chdir(spec.parent)
    code, _, there = _run(capsys, *args)
    assert code == 0 and "up to date" not in there
    assert "\ncatalog.json#/paths/~1products/post: warning" in "\n" + there

