"""Swagger 2.0 input: converted on load, called against a real local server, located in the 2.0 file."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs

import pytest

from generator.cli import main
from tests.support.http_server import LocalServer, Reply, Request
from tests.support.imports import imported
from tests.support.typecheck import assert_mypy_strict

PETSTORE = Path(__file__).with_name("swagger2_petstore.yaml")
PET = {"id": 7, "name": "doggie", "photoUrls": ["a.png"], "nickname": None, "status": "available"}


@pytest.fixture(scope="module")
def petstore(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("swagger2")
    args = ["generate", "--openapi", str(PETSTORE), "--package", "petstore2", "--out", str(out), "-q", "--no-cache"]
    assert main(args) == 0
    root = out / "python" / "petstore2"
    with imported(root, "petstore2") as petstore2:
        yield petstore2, root


def _echo_pet(request: Request) -> Reply:
    return Reply.json({**PET, **request.json()})


def test_swagger2_client_against_a_local_server(petstore: tuple[ModuleType, Path]) -> None:
    api, _ = petstore
    from petstore2._client import DEFAULT_BASE_URL

    assert DEFAULT_BASE_URL == "https://petstore.example.invalid/v2"  # schemes + host + basePath
    with LocalServer() as server:
        server.route("POST", "/v2/pet", _echo_pet)
        server.route("GET", "/v2/pet/findByStatus", Reply.json([PET], headers={"X-Rate-Limit": "9"}))
        server.route("GET", "/v2/pet/7", Reply.json({"code": 404, "type": "error", "message": "no pet"}, 404))
        server.route("POST", "/v2/pet/7", Reply.json({"code": 200, "message": "ok"}))
        server.route("POST", "/v2/pet/7/uploadImage", Reply.json({"code": 200, "message": "stored"}))
        server.route("GET", "/v2/pet/7/photo", Reply(200, b"\x89PNG", {"content-type": "image/png"}))
        server.route("DELETE", "/v2/pet/7", Reply(204))
        server.route("GET", "/v2/store/inventory", Reply.json({"available": 3, "sold": 1}))
        client = api.Client(api_key="secret", base_url=server.url + "/v2")

        pet = client.pet.add(name="rex", photo_urls=["r.png"], category={"id": 1, "name": "dogs"})
        assert (pet.name, pet.nickname, pet.category.name) == ("rex", None, "dogs")  # x-nullable
        sent = server.requests[-1]
        assert sent.headers["api_key"] == "secret"  # securityDefinitions: apiKey in a header
        assert sent.headers["content-type"] == "application/json"  # body parameter, consumes
        assert sent.json() == {"name": "rex", "photoUrls": ["r.png"], "category": {"id": 1, "name": "dogs"}}

        pets = client.pet.find_by_status(
            status=["available", "sold"], tags=["a", "b"], words=["x", "y"], codes=["1", "2"], limit=5
        )
        assert [p.name for p in pets] == ["doggie"]
        query = parse_qs(server.requests[-1].path.partition("?")[2]) or server.requests[-1].query
        assert query == {  # collectionFormat multi, csv, ssv, pipes
            "status": ["available", "sold"], "tags": ["a,b"], "words": ["x y"], "codes": ["1|2"], "limit": ["5"],
        }

        with pytest.raises(api.NotFoundError) as caught:  # a shared `responses` entry
            client.pet.get_by_id(pet_id=7)
        assert caught.value.status_code == 404

        assert client.pet.update_with_form(pet_id=7, name="max").message == "ok"
        form = server.requests[-1]
        assert form.headers["content-type"] == "application/x-www-form-urlencoded"  # formData
        assert parse_qs(form.body.decode()) == {"name": ["max"]}

        assert client.pet.upload_file(7, file=("p.png", b"PNGDATA"), additional_metadata="m").message == "stored"
        upload = server.requests[-1]
        assert upload.headers["content-type"].startswith("multipart/form-data")  # type: file
        assert b'name="file"; filename="p.png"' in upload.body and b"PNGDATA" in upload.body
        assert b'name="additionalMetadata"' in upload.body

        assert client.pet.get_photo(pet_id=7).read() == b"\x89PNG"  # a `type: file` response
        client.pet.delete(pet_id=7)
        assert server.requests[-1].method == "DELETE"
        assert client.store.get_inventory() == {"available": 3, "sold": 1}


async def test_swagger2_async_client(petstore: tuple[ModuleType, Path]) -> None:
    api, _ = petstore
    with LocalServer() as server:
        server.route("POST", "/v2/pet", _echo_pet)
        async with api.AsyncClient(api_key="k", base_url=server.url + "/v2") as client:
            pet = await client.pet.add(name="rex", photo_urls=[])
    assert pet.name == "rex"


def test_swagger2_client_passes_mypy_strict(petstore: tuple[ModuleType, Path]) -> None:
    _, root = petstore
    assert_mypy_strict(root, "petstore2")


BROKEN = """\
swagger: "2.0"
info: {title: Broken, version: "1"}
paths:
  /items/{itemId}:
    post:
      operationId: addItem
      parameters:
        - {name: body, in: body, schema: {$ref: '#/definitions/Missing'}}
        - {name: tags, in: query, type: array, items: {type: string}, collectionFormat: tsv}
      responses:
        "200":
          description: ok
          schema: {$ref: '#/definitions/Item'}
          headers:
            X-Tags: {type: array, items: {type: string}, collectionFormat: tsv}
definitions:
  Item:
    type: object
    properties:
      size: {type: integer, minimum: many}
"""


def test_problems_point_into_the_swagger2_document(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "broken.yaml"
    spec.write_text(BROKEN)
    code = main(["generate", "--openapi", str(spec), "--package", "broken", "--out", str(tmp_path / "out"), "--no-cache"])
    err = capfd.readouterr().err
    assert code == 1
    shown = spec.as_posix()
    # a broken $ref inside the converted request body: reported at the 2.0 body parameter
    assert f"{shown}#/paths/~1items~1{{itemId}}/post/parameters/0/schema/$ref: error:" in err
    assert f"{shown}#/paths/~1items~1{{itemId}}/post/parameters/1/collectionFormat: warning: collectionFormat tsv" in err
    # a response header's problem: at the header, not at the top of the document
    assert f"{shown}#/paths/~1items~1{{itemId}}/post/responses/200/headers/X-Tags/collectionFormat: warning:" in err
    assert not [line for line in _locations(err) if "components" in line or "requestBody" in line]


def test_validation_findings_point_into_definitions(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(BROKEN.replace("'#/definitions/Missing'", "'#/definitions/Item'"))
    code = main(["generate", "--openapi", str(spec), "--package", "items", "--out", str(tmp_path / "out"), "--no-cache"])
    err = capfd.readouterr().err
    assert code == 0, err
    assert f"{spec.as_posix()}#/definitions/Item/properties/size/minimum: warning:" in err, err
    assert not [line for line in _locations(err) if "components" in line]


def _locations(err: str) -> list[str]:
    """The location part of each reported problem."""
    return [line.split(": ")[0] for line in err.splitlines() if ": warning: " in line or ": error: " in line]


def test_an_x_nullable_that_is_no_boolean_is_warned_about(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """As OpenAPI 3's `nullable: 3` is, where it is written."""
    spec = tmp_path / "api.yaml"
    spec.write_text(
        BROKEN.replace("'#/definitions/Missing'", "'#/definitions/Item'").replace(
            "size: {type: integer, minimum: many}", "size: {type: integer, x-nullable: 3}"
        )
    )
    code = main(["generate", "--openapi", str(spec), "--package", "items", "--out", str(tmp_path / "out"), "--no-cache"])
    err = capfd.readouterr().err
    assert code == 0, err
    assert f"{spec.as_posix()}#/definitions/Item/properties/size/x-nullable: warning: 3 is not of type 'boolean'" in err, err


def test_a_parameter_named_by_a_mapping_is_a_located_finding(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """Its `name` and `in` may be any value before the converted document is validated (a
    mapping: no traceback from the operation's parameters overriding the path item's)."""
    spec = tmp_path / "api.yaml"
    spec.write_text(
        'swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n'
        "    parameters:\n      - {name: {a: 2}, in: query, type: string}\n"
        "    get:\n      parameters:\n        - {name: {a: 1}, in: query, type: string}\n"
        '      responses: {"200": {description: ok}}\n'
    )
    main(["generate", "--openapi", str(spec), "--package", "p", "--out", str(tmp_path / "out"), "--no-cache"])
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert f"{spec.as_posix()}#/paths/~1a/get/parameters/0: warning:" in err, err
