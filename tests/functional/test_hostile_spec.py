"""Spec text never becomes code: a hostile spec (quotes, code, keywords, dunders, paths, unicode, empty
names, collisions) gives a package that imports, type-checks, is formatted, calls the server with the
right wire names, keeps every text intact, and writes nothing outside the output folder."""

from __future__ import annotations

import ast
import importlib
import inspect
import keyword
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from tests.support.http_server import LocalServer, Reply, Request

Generate = Any


def evil_text(marker: Path) -> str:
    return (
        "Ends with quotes \"\"\" and ''' and a backslash \\ and {braces} {{jinja}} {% if x %}\n"
        f'"""); __import__("pathlib").Path("{marker}").touch(); ("""\n'
        f"'''); __import__('pathlib').Path('{marker}').touch(); ('''\n"
        '"); import os; os.system("touch pwned"); ("\n'
        "\\N{BULLET} \\x00 \\u1234 \\ trailing backslash \\"
    )


def hostile_spec(marker: Path) -> dict[str, Any]:
    evil = evil_text(marker)

    def prop(kind: str = "string", **extra: Any) -> dict[str, Any]:
        return {"type": kind, "description": evil, **extra}

    def ok(ref: str) -> dict[str, Any]:
        schema = {"$ref": f"#/components/schemas/{ref}"}
        return {"200": {"description": evil, "content": {"application/json": {"schema": schema}}}}

    init_param = {"name": "__init__", "in": "path", "required": True, "schema": {"type": "string"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": 'Evil """ API \\', "version": '1"; import os', "description": evil},
        "servers": [{"url": "http://localhost:1/v1"}],
        "tags": [{"name": "../x", "description": evil}, {"name": "class", "description": evil}],
        "paths": {
            "/things/{class}": {
                "post": {
                    "operationId": "../../evil",
                    "tags": ["../x"],
                    "summary": 'summary """ \\',
                    "description": evil,
                    "parameters": [
                        {
                            "name": "class",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                            "description": evil,
                        },
                        {
                            "name": "2fa-code",
                            "in": "query",
                            "schema": {"type": "string"},
                            "description": evil,
                        },
                        {"name": "self", "in": "query", "schema": {"type": "integer"}},
                        {"name": "Ünïcödé", "in": "query", "schema": {"type": "string"}},
                        {"name": "timeout", "in": "query", "schema": {"type": "integer"}},
                        {"name": "extra_headers", "in": "query", "schema": {"type": "string"}},
                        {"name": 'X-Evil"Header', "in": "header", "schema": {"type": "string"}},
                        {"name": "type", "in": "header", "schema": {"type": "string"}},
                    ],
                    "requestBody": {
                        "required": True,
                        "description": evil,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Evil"}}
                        },
                    },
                    "responses": ok("Evil"),
                }
            },
            "/class/{__init__}": {
                "get": {
                    "operationId": "getItem",
                    "tags": ["class"],
                    "parameters": [init_param],
                    "responses": ok("class"),
                },
                "delete": {
                    "operationId": "get_item",
                    "tags": ["class"],
                    "parameters": [init_param],
                    "responses": ok("__init__"),
                },
                "put": {"tags": ["class"], "parameters": [init_param], "responses": ok("..~1x")},
            },
        },
        "components": {
            "schemas": {
                "Evil": {
                    "type": "object",
                    "description": evil,
                    "required": ["class"],
                    "properties": {
                        "class": prop(),
                        "__init__": prop(),
                        "type": prop(),
                        "list": prop("array", items={"type": "string"}),
                        "model_config": prop(),
                        "json": prop(),
                        "self": prop("integer"),
                        "": prop(),
                        "fooBar": prop(),
                        "foo_bar": prop(),
                        "../x": prop(),
                        "2fa-code": prop(),
                        "Ünïcödé": prop(),
                        "None": prop("boolean"),
                        "model_dump": prop(),
                        "with default": prop(default='say "hi" """ \\ \'\'\''),
                        "mode": {"$ref": "#/components/schemas/2fa-code"},
                        "nested": {"$ref": "#/components/schemas/class"},
                        "str": prop(),
                        "int": prop("integer"),
                        "Field": prop(),
                        "BaseModel": prop(),
                        "Optional": prop(),
                        "datetime": prop(format="date-time"),
                    },
                },
                "class": {
                    "type": "object",
                    "description": evil,
                    "properties": {"def": prop(), "return": prop()},
                },
                "__init__": {"type": "object", "properties": {"lambda": prop()}},
                "../x": {"type": "object", "properties": {"x": prop()}},
                "2fa-code": {
                    "type": "string",
                    "description": evil,
                    "enum": [
                        '"""',
                        "a b",
                        "1st",
                        "class",
                        "",
                        "ÄÖ",
                        "None",
                        "mro",
                        "A_B",
                        "a-b",
                        "\\",
                        "__init__",
                    ],
                },
                "Ünïcödé": {"type": "object", "properties": {"ü": prop()}},
                "model_config": {"type": "object", "properties": {"x": prop()}},
                "list": {"type": "array", "items": {"$ref": "#/components/schemas/class"}},
                "FooBar": {"type": "object", "properties": {"a": prop()}},
                "foo_bar": {"type": "object", "properties": {"b": prop()}},
                "": {"type": "object", "properties": {"empty": prop()}},
            }
        },
    }


EVIL_BODY = {
    "class": "c",
    "__init__": "i",
    "type": "t",
    "list": ["l"],
    "model_config": "mc",
    "json": "j",
    "self": 1,
    "": "empty",
    "fooBar": "camel",
    "foo_bar": "snake",
    "../x": "dotdot",
    "2fa-code": "2fa",
    "Ünïcödé": "ü",
    "None": True,
    "model_dump": "md",
    "mode": '"""',
    "nested": {"def": "d", "return": "r"},
    "str": "s",
    "int": 2,
    "Field": "F",
    "BaseModel": "B",
    "Optional": "O",
}


@pytest.fixture
def hostile(generate: Generate, tmp_path: Path) -> tuple[Any, Path]:
    marker = tmp_path / "PWNED"
    api = generate(hostile_spec(marker), "fn_hostile")
    return api, marker


def _models(api: Any) -> Any:
    return importlib.import_module(f"{api.__name__}.models")


def test_hostile_spec_files_stay_inside_the_output(
    hostile: tuple[Any, Path], tmp_path: Path
) -> None:
    _, marker = hostile
    for path in tmp_path.rglob("*"):
        relative = path.relative_to(tmp_path)
        assert relative.parts[0] in ("specs", "out"), (
            f"written outside the output folder: {relative}"
        )
    package = tmp_path / "out" / "python" / "fn_hostile"
    for path in package.rglob("*"):
        relative = path.relative_to(package)
        assert ".." not in relative.parts
        for part in relative.parts:
            assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", part), (
                f"unsafe file name: {relative}"
            )
        if path.suffix == ".py":
            assert path.stem.isidentifier() and not keyword.iskeyword(path.stem), relative
    docs = tmp_path / "out" / "docs"
    for path in docs.rglob("*"):
        assert all(
            re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", p) for p in path.relative_to(docs).parts
        )
    pyproject = tomllib.loads((package / "pyproject.toml").read_text())
    assert pyproject["project"]["description"] == 'Evil """ API \\'
    assert not marker.exists()


def test_hostile_spec_every_model_imports_and_keeps_text(hostile: tuple[Any, Path]) -> None:
    api, marker = hostile
    models = _models(api)
    names = dir(models)
    assert len(names) >= 11
    for name in names:
        assert getattr(models, name) is not None
    # two schemas whose names collide once made into classes both exist, as different classes
    classes = {getattr(models, n) for n in names}
    assert len(classes) == len(names)

    expected = evil_text(marker)
    # the text is kept word for word (long lines may be wrapped)
    assert (models.Evil.__doc__ or "").split() == expected.split()

    enum = models.Evil.model_fields["mode"].annotation
    values = ['"""', "a b", "1st", "class", "", "ÄÖ", "None", "mro", "A_B", "a-b", "\\", "__init__"]
    mode_type = type(models.Evil.model_validate({"class": "c", "mode": "mro"}).mode)
    assert [member.value for member in mode_type] == values, enum
    assert len({member.name for member in mode_type}) == len(values)
    assert all(member.name.isidentifier() for member in mode_type)
    assert not marker.exists()


def test_hostile_spec_models_parse_and_dump_wire_names(hostile: tuple[Any, Path]) -> None:
    api, _ = hostile
    evil = _models(api).Evil.model_validate(EVIL_BODY)
    assert evil.model_extra == {}, "every declared property has a field"
    assert evil.model_dump(by_alias=True, exclude_unset=True, mode="json") == EVIL_BODY


async def test_hostile_spec_calls_use_wire_names(
    hostile: tuple[Any, Path], server: LocalServer
) -> None:
    api, marker = hostile
    models = _models(api)

    def echo(request: Request) -> Reply:
        return Reply.json(request.json())

    server.route("POST", "/things/..%2Fa%20%22b%22", echo)
    server.route("GET", "/class/__init__", Reply.json({"def": "d", "return": "r"}))
    server.route("DELETE", "/class/__init__", Reply.json({"lambda": "l"}))
    server.route("PUT", "/class/__init__", Reply.json({"x": "x"}))

    client = api.Client(base_url=server.url)
    method = client.x.evil
    parameters = inspect.signature(method).parameters
    for name in parameters:
        assert name.isidentifier() and not keyword.iskeyword(name), name
    kinds = {n: p.kind.name for n, p in parameters.items()}
    assert [n for n, k in kinds.items() if k != "KEYWORD_ONLY"] == ["class__2"], kinds  # the path parameter `{class}`
    # call options keep their names; spec parameters that collide with them are renamed
    assert {"timeout", "extra_headers", "extra_query", "extra_body", "max_retries"} <= set(
        parameters
    )

    # which argument carries which wire name: read from the generated request code
    sections = _request_sections(inspect.getsource(type(client.x).evil))
    assert set(sections["params"]) == {"2fa-code", "self", "Ünïcödé", "timeout", "extra_headers"}
    assert set(sections["json_body"]) == set(EVIL_BODY) | {"with default", "datetime"}
    arguments = [
        *sections["path"].values(),
        *sections["params"].values(),
        *sections["headers"].values(),
    ]
    arguments += sections["json_body"].values()
    assert len(arguments) == len(set(arguments)), "every wire name has its own argument"
    assert set(arguments) <= set(parameters)

    query = {"2fa-code": "123456", "self": 5, "Ünïcödé": "ö", "timeout": 9, "extra_headers": "eh"}
    kwargs: dict[str, Any] = {sections["path"]["class"]: '../a "b"'}
    kwargs.update({sections["params"][wire]: value for wire, value in query.items()})
    kwargs.update({sections["json_body"][wire]: value for wire, value in EVIL_BODY.items()})
    kwargs[sections["headers"]["type"]] = "header-type"

    with client:
        result = method(**kwargs, timeout=10)
    request = server.requests[-1]
    assert request.path == "/things/..%2Fa%20%22b%22"
    assert request.json() == EVIL_BODY
    assert {k: v[0] for k, v in request.query.items()} == {k: str(v) for k, v in query.items()}
    assert request.headers["type"] == "header-type"
    assert isinstance(result, models.Evil)
    assert result.model_dump(by_alias=True, exclude_unset=True, mode="json") == EVIL_BODY

    # operations whose names collide (getItem, get_item) both exist and keep their HTTP method
    async with api.AsyncClient(base_url=server.url) as aclient:
        resource = aclient.class_ if hasattr(aclient, "class_") else getattr(aclient, "class")
        names = sorted(n for n in dir(resource) if n.startswith("get_item"))
        assert len(names) == 2
        results = {
            name: await getattr(resource, name)(**{_only_arg(getattr(resource, name)): "__init__"})
            for name in names
        }
    dumps = sorted(str(r.model_dump(by_alias=True, exclude_unset=True)) for r in results.values())
    assert dumps == [str({"def": "d", "return": "r"}), str({"lambda": "l"})]
    assert all(not r.model_extra for r in results.values())
    assert sorted(r.method for r in server.requests[-2:]) == ["DELETE", "GET"]
    assert not marker.exists()
    assert not Path("pwned").exists()


def _request_sections(source: str) -> dict[str, dict[str, str]]:
    """wire name -> argument name, for the path and each dict (params=, headers=, json_body=) of a call."""
    sections: dict[str, dict[str, str]] = {"path": {}, "params": {}, "headers": {}, "json_body": {}}
    path = re.search(r'f"/things/\{encode_path\((\w+)\)\}"', source)
    assert path is not None, source
    sections["path"]["class"] = path.group(1)
    current: dict[str, str] | None = None
    for line in source.splitlines():
        stripped = line.strip()
        opened = re.fullmatch(r"(\w+)=\{", stripped)
        if opened:
            current = sections.get(opened.group(1))
            continue
        if stripped in ("},", "}"):
            current = None
            continue
        entry = re.fullmatch(r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'): (\w+),", stripped)
        if current is not None and entry:
            current[ast.literal_eval(entry.group(1))] = entry.group(2)
    return sections


def _only_arg(method: Any) -> str:
    names = [
        p.name
        for p in inspect.signature(method).parameters.values()
        if p.default is inspect.Parameter.empty and p.kind is not inspect.Parameter.VAR_KEYWORD
    ]
    assert len(names) == 1, names
    return names[0]


def test_hostile_spec_passes_mypy_strict_and_black(
    hostile: tuple[Any, Path], tmp_path: Path
) -> None:
    root = tmp_path / "out" / "python" / "fn_hostile"
    mypy = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            "/dev/null",
            "fn_hostile",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    black = subprocess.run(
        [
            sys.executable,
            "-m",
            "black",
            "--check",
            "--line-length",
            "100",
            "--target-version",
            "py311",
            "fn_hostile",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert black.returncode == 0, black.stdout + black.stderr


def test_hostile_server_url_and_auth_header(tmp_path: Path) -> None:
    """The server URL, the API key header and client headers are spec text too: kept, never code."""
    url = 'http://localhost/"""\\'
    spec = {
        "openapi": "3.1.0",
        "info": {"title": 'T """ \\', "version": "1"},
        "servers": [{"url": url}],
        "x-codegen-client-headers": {'X-Team"""\\': {"argument": "class", "env": 'TEAM"""\\'}},
        "components": {
            "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": 'X-Key"""\\'}}
        },
        "paths": {},
    }
    path = tmp_path / "api.yaml"
    path.write_text(yaml.safe_dump(spec))
    out = tmp_path / "out"
    args = [
        "generate",
        "--openapi",
        str(path),
        "--package",
        "fn_hostile_url",
        "--out",
        str(out),
        "-q",
        "--no-cache",
    ]
    assert main(args) == 0
    root = str(out / "python" / "fn_hostile_url")
    sys.path.insert(0, root)
    try:
        client_module = importlib.import_module("fn_hostile_url._client")
        assert url == client_module.DEFAULT_BASE_URL
        doc = client_module.Client.__init__.__doc__ or ""
        assert url in doc and 'X-Key"""\\' in doc and 'X-Team"""\\' in doc
    finally:
        sys.path.remove(root)
        for name in [m for m in sys.modules if m.startswith("fn_hostile_url")]:
            del sys.modules[name]
