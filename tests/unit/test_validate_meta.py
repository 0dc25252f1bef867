"""The check of whole documents against the OpenAPI meta-schema: the library's own, made from its
schema file read as JSON (`validate._meta_schema_validator`), with the same findings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from generator.openapi import validate

VALID = {
    "openapi": "",
    "info": {"title": "T", "version": "1"},
    "paths": {"/a": {"get": {"responses": {"200": {"description": "OK"}}}}},
}
# a missing `info`, a path that is no path, an operation without responses, a bad parameter
INVALID = {
    "openapi": "",
    "paths": {
        "a": {"get": {}},
        "/b": {"post": {"parameters": [{"name": "x", "in": "nowhere"}], "responses": {}}},
    },
    "components": {"schemas": {"S": {"type": "object", "properties": []}}},
}


@pytest.mark.parametrize("version", ["3.0", "3.1"])
def test_the_meta_schema_read_as_json_is_the_one_the_library_reads(version: str) -> None:
    from openapi_spec_validator.schemas.utils import get_schema_content

    validate.prepare()
    ours = validate._meta_schema_validator(version)
    assert ours is not None
    assert validate._located_validator(version).schema_validator is ours
    from importlib.resources import files

    text = files("openapi_spec_validator").joinpath(validate.META_SCHEMAS[version]).read_text()
    # (as JSON text: 1, 1.0 and True told apart)
    assert json.dumps(json.loads(text)) == json.dumps(get_schema_content(version))


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
@pytest.mark.parametrize("document", [VALID, INVALID])
def test_document_findings_are_the_librarys(version: str, document: dict[str, Any]) -> None:
    from openapi_spec_validator.validation import validators

    invalid, document = document is INVALID, {**document, "openapi": version}
    library = validators.OpenAPIV30SpecValidator
    if version.startswith("3.1"):
        library = validators.OpenAPIV31SpecValidator
    expected = [
        validate.Finding(
            "/api.yaml",
            validate.pointers.join("", *e.absolute_path),
            validate.finding_message(e.message),
        )
        for e in library.schema_validator.iter_errors(document)
    ]
    # (in any order: listed part by part, `document_check`; the callers keep them in a set)
    assert sorted(validate.document_findings("/api.yaml", document)) == sorted(expected)
    assert bool(expected) == invalid


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
@pytest.mark.parametrize("document", [VALID, INVALID])
def test_the_check_without_the_library_answers_as_the_librarys(
    version: str, document: dict[str, Any]
) -> None:
    from openapi_spec_validator.validation import validators

    document = {**document, "openapi": version}
    library = validators.OpenAPIV30SpecValidator
    if version.startswith("3.1"):
        library = validators.OpenAPIV31SpecValidator
    quick = validate._rust_document_check(version[:3])
    assert quick is not None
    # the very check the library makes: the same jsonschema_rs validator, of the same schema
    assert type(quick) is type(library.schema_validator._rs_validator)
    assert quick.is_valid(document) == library.schema_validator.is_valid(document)
    assert quick.is_valid(document) == (document["paths"] == VALID["paths"])


def test_a_valid_document_is_checked_whole_without_importing_the_library() -> None:
    script = f"""
import sys
from generator.openapi import validate
for version in ("3.0.3", "3.1.0"):
    assert validate.document_findings("/api.yaml", {{**{VALID!r}, "openapi": version}}) == []
assert "openapi_spec_validator" not in sys.modules, "the library was imported"
"""
    prefixes = ("OPENAPI_SPEC_VALIDATOR_", "OPENAPI_SCHEMA_VALIDATOR_")
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(prefixes)}
    subprocess.run([sys.executable, "-c", script], check=True, env=env)


def test_the_librarys_settings_decide_when_one_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    validate._rust_document_check.cache_clear()
    monkeypatch.setenv("OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND", "jsonschema")
    try:
        assert validate._rust_document_check("3.1") is None
    finally:
        validate._rust_document_check.cache_clear()
