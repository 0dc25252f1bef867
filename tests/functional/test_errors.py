"""Errors: one typed exception per status, carrying status, parsed body and request id; raw responses."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from tests.support.http_server import LocalServer, Reply, Request

Generate = Any

SPEC = """
openapi: 3.0.3
info: {title: Errors, version: "1"}
paths:
  /things/{thing_id}:
    get:
      operationId: getThing
      tags: [things]
      parameters: [{name: thing_id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
        "404":
          description: not found
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
        default:
          description: any error
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
    delete:
      operationId: deleteThing
      tags: [things]
      parameters: [{name: thing_id, in: path, required: true, schema: {type: string}}]
      responses:
        "204": {description: deleted}
components:
  schemas:
    Thing:
      type: object
      required: [id]
      properties:
        id: {type: string}
        size: {type: integer}
    Error:
      type: object
      properties:
        error:
          type: object
          properties:
            message: {type: string}
            code: {type: string}
"""

STATUSES = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    409: "ConflictError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
    500: "InternalServerError",
    503: "InternalServerError",
    418: "APIStatusError",
}


def _error_route(request: Request) -> Reply:
    status = int(request.path.rsplit("/", 1)[-1])
    body = {"error": {"message": f"failed with {status}", "code": f"e{status}"}}
    return Reply.json(body, status=status, headers={"x-request-id": f"req-{status}"})


def _check(api: Any, caught: pytest.ExceptionInfo[Any], status: int) -> None:
    error = caught.value
    assert type(error).__name__ == STATUSES[status]
    assert type(error) is getattr(api, STATUSES[status])
    assert isinstance(error, api.APIStatusError) and isinstance(error, api.APIError)
    assert error.status_code == status
    # the spec declares `Error` for 404 and every other status (`default`): the body is that model
    assert isinstance(error.body, api.models.Error)
    assert error.body.model_dump() == {"error": {"message": f"failed with {status}", "code": f"e{status}"}}
    assert error.request_id == f"req-{status}"
    assert f"failed with {status}" in str(error)


async def test_typed_errors_by_status(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_errors")
    for status in STATUSES:
        server.route("GET", f"/things/{status}", _error_route)

    with api.Client(base_url=server.url, max_retries=0) as client:
        for status in STATUSES:
            with pytest.raises(api.APIStatusError) as caught:
                client.things.get(thing_id=str(status))
            _check(api, caught, status)

    async with api.AsyncClient(base_url=server.url, max_retries=0) as aclient:
        for status in STATUSES:
            with pytest.raises(api.APIStatusError) as acaught:
                await aclient.things.get(thing_id=str(status))
            _check(api, acaught, status)
    assert len(server.requests) == 2 * len(STATUSES)  # no retries with max_retries=0


async def test_error_body_that_is_not_json(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_errors_text")
    server.route(
        "GET", "/things/x", Reply(502, b"<html>bad gateway</html>", {"content-type": "text/html"})
    )
    with (
        api.Client(base_url=server.url, max_retries=0) as client,
        pytest.raises(api.InternalServerError) as caught,
    ):
        client.things.get(thing_id="x")
    assert caught.value.status_code == 502
    assert caught.value.body == "<html>bad gateway</html>"
    assert caught.value.request_id is None


async def test_connection_refused_is_a_connection_error(generate: Generate) -> None:
    api = generate(SPEC, "fn_errors_refused")
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (
        api.Client(base_url=f"http://127.0.0.1:{port}", max_retries=0) as client,
        pytest.raises(api.APIConnectionError),
    ):
        client.things.get(thing_id="a")
    async with api.AsyncClient(base_url=f"http://127.0.0.1:{port}", max_retries=0) as aclient:
        with pytest.raises(api.APIConnectionError):
            await aclient.things.get(thing_id="a")


async def test_response_that_does_not_match_the_schema(
    generate: Generate, server: LocalServer
) -> None:
    api = generate(SPEC, "fn_errors_invalid")
    server.route("GET", "/things/bad", Reply.json({"size": "not a number"}))
    with (
        api.Client(base_url=server.url) as client,
        pytest.raises(api.APIResponseValidationError),
    ):
        client.things.get(thing_id="bad")


async def test_with_raw_response(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_raw")
    server.route(
        "GET",
        "/things/t1",
        Reply.json(
            {"id": "t1", "size": 3, "later": True},
            headers={"x-request-id": "req-1", "x-custom": "v"},
        ),
    )
    server.route("DELETE", "/things/t1", Reply(204))
    server.route("GET", "/things/404", _error_route)

    with api.Client(base_url=server.url, max_retries=0) as client:
        raw = client.things.with_raw_response.get(thing_id="t1")
        assert raw.status_code == 200
        assert raw.headers["x-custom"] == "v"
        thing = raw.parse()
        assert type(thing).__name__ == "Thing" and thing.id == "t1" and thing.size == 3
        assert thing.model_extra == {"later": True}
        assert client.things.delete(thing_id="t1") is None
        deleted = client.things.with_raw_response.delete(thing_id="t1")
        assert deleted.status_code == 204 and deleted.parse() is None
        with pytest.raises(api.NotFoundError):
            client.things.with_raw_response.get(thing_id="404")

    async with api.AsyncClient(base_url=server.url, max_retries=0) as aclient:
        araw = await aclient.things.with_raw_response.get(thing_id="t1")
        assert araw.status_code == 200 and araw.headers["x-request-id"] == "req-1"
        athing = await araw.parse()
        assert athing.id == "t1"
        assert await aclient.things.delete(thing_id="t1") is None
        with pytest.raises(api.NotFoundError) as caught:
            await aclient.things.with_raw_response.get(thing_id="404")
        assert caught.value.request_id == "req-404"
