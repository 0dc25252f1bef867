"""Declared error models: an error response whose JSON matches the model the operation declares
for its status arrives as that model on `err.body` (and typed through `err.parsed(Model)`); a body
that does not match stays the parsed JSON, and the call still raises its APIStatusError."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.http_server import LocalServer, Reply, Request

Generate = Any

SPEC = """
openapi: 3.0.3
info: {title: Problems, version: "1"}
paths:
  /widgets/{widget_id}:
    get:
      operationId: getWidget
      tags: [widgets]
      parameters: [{name: widget_id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Widget'}
        "404":
          description: no such widget
          content:
            application/json:
              schema: {$ref: '#/components/schemas/NotFound'}
        "422":
          description: the id is malformed
          content:
            application/json:
              schema: {$ref: '#/components/schemas/ValidationProblem'}
        5XX:
          description: the server failed
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Outage'}
  /widgets:
    get:
      operationId: listWidgets
      tags: [widgets]
      parameters: [{name: after, in: query, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [data, has_more]
                properties:
                  data: {type: array, items: {$ref: '#/components/schemas/Widget'}}
                  has_more: {type: boolean}
        default:
          description: any error
          content:
            application/json:
              schema: {$ref: '#/components/schemas/NotFound'}
components:
  schemas:
    Widget:
      type: object
      required: [id]
      properties:
        id: {type: string}
    NotFound:
      type: object
      required: [code, message]
      properties:
        code: {type: string}
        message: {type: string}
    ValidationProblem:
      type: object
      required: [errors]
      properties:
        errors:
          type: array
          items:
            type: object
            required: [field, reason]
            properties:
              field: {type: string}
              reason: {type: string}
    Outage:
      type: object
      required: [retry_in]
      properties:
        retry_in: {type: integer}
"""

NOT_FOUND = {"code": "widget_missing", "message": "no widget w-1"}
PROBLEM = {"errors": [{"field": "widget_id", "reason": "must start with w-"}]}


def _routes(server: LocalServer) -> None:
    server.route("GET", "/widgets/w-1", Reply.json(NOT_FOUND, status=404))
    server.route("GET", "/widgets/x", Reply.json(PROBLEM, status=422))
    server.route("GET", "/widgets/broken", Reply.json({"detail": "gone"}, status=404))
    server.route("GET", "/widgets/html", Reply(404, b"<h1>no</h1>", {"content-type": "text/html"}))
    server.route("GET", "/widgets/down", Reply.json({"retry_in": 30}, status=503))

    def listing(request: Request) -> Reply:
        return Reply.json({"code": "empty", "message": "no widgets yet"}, status=410)

    server.route("GET", "/widgets", listing)


def _check_declared(api: Any, models: Any, caught_404: Any, caught_422: Any) -> None:
    missing = caught_404.value
    assert type(missing) is api.NotFoundError
    assert isinstance(missing.body, models.NotFound)
    assert missing.body.code == "widget_missing"
    assert missing.parsed(models.NotFound) is missing.body
    assert missing.parsed(models.ValidationProblem) is None  # required `errors` is missing
    assert "no widget w-1" in str(missing)  # the message is read from the JSON as before
    problem = caught_422.value
    assert type(problem) is api.UnprocessableEntityError
    assert isinstance(problem.body, models.ValidationProblem)
    assert problem.body.errors[0].reason == "must start with w-"


def _check_undeclared_shape(api: Any, models: Any, broken: Any, html: Any) -> None:
    error = broken.value
    assert type(error) is api.NotFoundError  # never a validation error instead
    assert error.body == {"detail": "gone"}  # the JSON as it came
    assert error.parsed(models.NotFound) is None
    text = html.value
    assert text.body == "<h1>no</h1>" and text.parsed(models.NotFound) is None


async def test_declared_error_models_on_the_exception(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_error_models")
    models = api.models
    _routes(server)
    with api.Client(base_url=server.url, max_retries=0) as client:
        with pytest.raises(api.NotFoundError) as missing:
            client.widgets.get("w-1")
        with pytest.raises(api.UnprocessableEntityError) as problem:
            client.widgets.get("x")
        _check_declared(api, models, missing, problem)
        with pytest.raises(api.NotFoundError) as broken:
            client.widgets.get("broken")
        with pytest.raises(api.NotFoundError) as html:
            client.widgets.get("html")
        _check_undeclared_shape(api, models, broken, html)
        with pytest.raises(api.InternalServerError) as down:  # `5XX` covers 503
            client.widgets.get("down")
        assert isinstance(down.value.body, models.Outage) and down.value.body.retry_in == 30
        with pytest.raises(api.APIStatusError) as gone:  # `default` of a paginated list
            client.widgets.list()
        assert isinstance(gone.value.body, models.NotFound) and gone.value.status_code == 410

    async with api.AsyncClient(base_url=server.url, max_retries=0) as aclient:
        with pytest.raises(api.NotFoundError) as amissing:
            await aclient.widgets.get("w-1")
        with pytest.raises(api.UnprocessableEntityError) as aproblem:
            await aclient.widgets.get("x")
        _check_declared(api, models, amissing, aproblem)
        with pytest.raises(api.NotFoundError) as abroken:
            await aclient.widgets.get("broken")
        with pytest.raises(api.NotFoundError) as ahtml:
            await aclient.widgets.get("html")
        _check_undeclared_shape(api, models, abroken, ahtml)
        with pytest.raises(api.APIStatusError) as agone:
            await aclient.widgets.list()
        assert isinstance(agone.value.body, models.NotFound)


def test_declared_errors_in_docstrings_and_docs(generate: Generate, tmp_path: Path) -> None:
    api = generate(SPEC, "fn_error_models_docs")
    doc = api.Client(base_url="http://127.0.0.1:9").widgets.get.__doc__
    assert "Raises:" in doc
    assert "NotFoundError: status 404; `err.body` is `NotFound` when it matches." in doc
    assert "UnprocessableEntityError: status 422; `err.body` is `ValidationProblem`" in doc
    assert "InternalServerError: any other 5xx status; `err.body` is `Outage`" in doc
    page = (tmp_path / "out" / "docs" / "fn_error_models_docs" / "widgets.md").read_text()
    assert "`NotFoundError` (status 404, `err.body`: [NotFound](data-types.md#notfound))" in page
    assert "`InternalServerError` (any other 5xx status, `err.body`: [Outage](data-types.md#outage))" in page


USER_CODE = """
from fn_error_models_typed import AsyncClient, Client, NotFoundError
from fn_error_models_typed.models import NotFound


def code_of(client: Client) -> str | None:
    try:
        client.widgets.get("w-1")
    except NotFoundError as err:
        problem: NotFound | None = err.parsed(NotFound)
        return problem.code if problem is not None else None
    return None


async def acode_of(client: AsyncClient) -> str | None:
    try:
        await client.widgets.get("w-1")
    except NotFoundError as err:
        problem = err.parsed(NotFound)
        return None if problem is None else problem.message
    return None
"""


def test_parsed_is_typed_for_mypy_strict(generate: Generate, tmp_path: Path) -> None:
    generate(SPEC, "fn_error_models_typed")
    root = tmp_path / "out" / "python" / "fn_error_models_typed"
    (root / "user_code.py").write_text(USER_CODE)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", "user_code.py"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
