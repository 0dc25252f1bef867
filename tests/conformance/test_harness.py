"""The judges judge: the mock server rejects what the spec forbids, the comparison sees changes."""

from __future__ import annotations

from collections.abc import Iterator

import httpx2
import pytest
from openapi_core import Config, OpenAPI
from openapi_core.validation.schemas import oas31_schema_validators_factory

from tests.conformance.driver import STREAM_ERROR, expected_events, same
from tests.conformance.server import CASE_HEADER, ConformanceServer
from tests.conformance.spec import AI_STUDIO, OPENAI
from tests.conformance.unions import errors_without_discriminators, schema_error_message
from tests.conformance.waivers import waiver_for

AUTH = {"authorization": "Api-Key conformance"}
MODEL = {"id": "m", "object": "model", "created": 1, "owned_by": "me"}


@pytest.fixture(scope="module")
def server() -> Iterator[ConformanceServer]:
    with ConformanceServer(AI_STUDIO) as running:
        yield running


def test_a_valid_request_gets_the_scripted_reply(server: ConformanceServer) -> None:
    case = server.expect("valid", {"application/json": {"status": 200, "body": MODEL}})
    reply = httpx2.get(f"{server.base_url}/models/m", headers={**AUTH, CASE_HEADER: "valid"})
    assert reply.status_code == 200 and reply.json() == MODEL
    assert case.seen[0].errors == [] and case.seen[0].operation == "GET /models/{model}"


def test_a_body_that_breaks_the_schema_is_refused_with_the_validators_reason(
    server: ConformanceServer,
) -> None:
    case = server.expect("invalid", {"application/json": {"status": 200, "body": {}}})
    reply = httpx2.post(
        f"{server.base_url}/embeddings",
        json={"model": "m"},
        headers={**AUTH, CASE_HEADER: "invalid"},
    )
    assert reply.status_code == 400
    assert any("'input' is a required property" in error for error in case.seen[0].errors)


def test_a_path_the_spec_lacks_is_a_finding(server: ConformanceServer) -> None:
    case = server.expect("unknown", {"application/json": {"status": 200, "body": {}}})
    httpx2.get(f"{server.base_url}/no/such/path", headers={**AUTH, CASE_HEADER: "unknown"})
    assert case.seen[0].operation is None and "PathNotFound" in case.seen[0].errors[0]


def test_media_types_are_negotiated_like_a_strict_server(server: ConformanceServer) -> None:
    replies = {"application/octet-stream": {"status": 200, "binary_seed": 1}}
    case = server.expect("binary", replies)
    headers = {**AUTH, CASE_HEADER: "binary", "accept": "application/json"}
    assert httpx2.get(f"{server.base_url}/files/f/content", headers=headers).status_code == 406
    headers["accept"] = "application/octet-stream"
    assert httpx2.get(f"{server.base_url}/files/f/content", headers=headers).status_code == 200
    assert [seen.served for seen in case.seen] == [None, "application/octet-stream"]


def test_the_comparison_sees_every_kind_of_change() -> None:
    sent = {"a": [1, {"b": "x"}], "c": None, "d": 1.5}
    assert same({"a": [1.0, {"b": "x"}], "c": None, "d": 1.5}, sent, "") is None
    assert (
        same({"a": [1, {"b": "y"}], "c": None, "d": 1.5}, sent, "") == "/a/1/b: 'y' instead of 'x'"
    )
    assert same({"a": [1], "c": None, "d": 1.5}, sent, "").startswith(
        "/a: [1] instead of a list of 2"
    )
    assert same({"a": [1, {"b": "x"}], "d": 1.5}, sent, "") == "/: keys ['c'] differ"
    assert same({"a": [1, {"b": "x"}], "c": None, "d": "1.5"}, sent, "") is not None
    assert same({"a": [True, {"b": "x"}], "c": None, "d": 1.5}, sent, "") is not None


def test_a_stream_ends_at_its_error_event() -> None:
    events = [{"type": "a"}, {"type": "error", "message": "m"}, {"type": "b"}]
    assert expected_events(events) == [{"type": "a"}, STREAM_ERROR]


def test_a_discriminator_waiver_holds_only_for_a_value_valid_without_it() -> None:
    """OpenAI's `Moderation.input` tags `error` name no schema: the validator gives up on the
    value (waived), and the second opinion checks the value against the union itself."""
    spec = OpenAPI.from_dict(OPENAI.document, config=Config(spec_validator_cls=None)).spec
    schema = spec / "components" / "schemas" / "Moderation"
    validator = oas31_schema_validators_factory.create(spec, schema).validator
    error_body = {"type": "error", "code": "c", "message": "m"}
    for broken in (False, True):
        value = {"input": error_body, "output": dict(error_body, code=1) if broken else error_body}
        messages = [schema_error_message(e) for e in validator.iter_errors(value)]
        waived = waiver_for(f"InvalidReply at input: {messages[0]}")
        assert waived is not None and waived.second_opinion
        union = "is not valid under any of the given schemas"
        expected = [f"output: {value['output']!r} {union}"] if broken else []
        assert errors_without_discriminators(spec, schema, value) == expected


@pytest.fixture(scope="module")
def openai_server() -> Iterator[ConformanceServer]:
    with ConformanceServer(OPENAI) as running:
        yield running


def test_a_form_waiver_holds_only_for_parts_valid_as_their_schemas_ask(
    openai_server: ConformanceServer,
) -> None:
    """openapi-core reads `temperature=0.5` as the string '0.5' and objects (waived), so it never
    checks the number; the second opinion decodes the form by its part schemas and does: a text
    that is no number, and an unknown field, are refused, the good form passes."""
    url = f"{openai_server.base_url}/audio/transcriptions"
    reply = {"application/json": {"status": 200, "body": {"text": "hi"}}}
    audio = {"file": ("a.wav", b"RIFF\x00\xff", "audio/wav")}
    forms = {
        "good": {
            "model": "whisper-1",
            "temperature": "0.5",
            "timestamp_granularities": ["word", "segment"],
        },
        "not a number": {"model": "whisper-1", "temperature": "warm"},
        "unknown field": {"model": "whisper-1", "temperature": "0.5", "colour": "red"},
        "a value sent twice": {"model": "whisper-1", "temperature": ["warm", "0.5"]},
    }
    for name, form in forms.items():
        case = openai_server.expect(name, reply)
        headers = {"authorization": "Bearer conformance", CASE_HEADER: name}
        httpx2.post(url, data=form, files=audio, headers=headers)
        (seen,) = case.seen
        if name == "good":
            assert seen.errors == [] and "multipart numbers stay text" in seen.waived, seen
        else:
            assert any("second opinion" in error for error in seen.errors), (name, seen)


def test_a_form_with_text_for_a_file_or_a_file_for_text_is_refused(
    openai_server: ConformanceServer,
) -> None:
    url = f"{openai_server.base_url}/audio/transcriptions"
    reply = {"application/json": {"status": 200, "body": {"text": "hi"}}}
    sent = {  # (text parts, parts with a file name); a part without a file name is text
        "text for the file": ({"file": "not a file"}, {"model": (None, b"whisper-1")}),
        "a file for the model": (
            {},
            {
                "file": ("a.wav", b"RIFF", "audio/wav"),
                "model": ("m.txt", b"whisper-1", "text/plain"),
            },
        ),
    }
    for name, (form, files) in sent.items():
        case = openai_server.expect(name, reply)
        headers = {"authorization": "Bearer conformance", CASE_HEADER: name}
        httpx2.post(url, data=form, files=files, headers=headers)
        (seen,) = case.seen
        field = "file" if name == "text for the file" else "model"
        assert any("second opinion" in e and f" at {field}:" in e for e in seen.errors), (
            name,
            seen,
        )
