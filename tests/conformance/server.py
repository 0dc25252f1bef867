"""A mock of the API on 127.0.0.1: validates every request with openapi-core, answers scripted replies.

The server is werkzeug's threaded WSGI server; the judge of each request is openapi-core (path,
parameters and their serialization, security, content type, body schema). A request names the
case it belongs to in the `x-conformance-case` header; the server records what it saw under that
case and answers with the case's reply, negotiated like a strict server would: the reply's media
type if the request's `Accept` allows it, otherwise another declared media type it allows, or 406.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from openapi_core import Config, OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest
from openapi_core.templating.paths.finders import APICallPathFinder
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from tests.conformance.draws import binary_body, is_json
from tests.conformance.forms import decoded_form
from tests.conformance.spec import Api
from tests.conformance.unions import errors_without_discriminators, schema_error_message
from tests.conformance.waivers import waiver_for

CASE_HEADER = "x-conformance-case"
MAX_ERRORS = 5  # validator messages kept per request


@dataclass
class Seen:
    """One request as the server saw it, with the validator's verdict."""

    method: str
    path: str
    operation: str | None  # "METHOD template" of the operation openapi-core matched
    errors: list[str]
    waived: list[str]  # names of the waivers that matched a validator message
    accept: str
    content_type: str
    served: str | None = None  # media type of the reply, None for an empty body
    status: int = 0


@dataclass
class Case:
    replies: dict[str | None, dict[str, Any]]  # media type -> reply; the first is preferred
    seen: list[Seen] = field(default_factory=list)


class ConformanceServer:
    def __init__(self, api: Api) -> None:
        self.api = api
        self.cases: dict[str, Case] = {}
        self.unmatched: list[Seen] = []
        self._lock = threading.Lock()
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        base = urlsplit(api.document["servers"][0]["url"]).path.rstrip("/")
        self.base_url = f"http://127.0.0.1:{self._server.server_port}{base}"
        document = dict(api.document, servers=[{"url": self.base_url}])
        # the generator's own test suite validates the specs; building without it saves seconds
        self.openapi = OpenAPI.from_dict(document, config=Config(spec_validator_cls=None))
        self._finder = APICallPathFinder(self.openapi.spec, base_url=None)

    def __enter__(self) -> ConformanceServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def expect(self, case_id: str, replies: dict[str | None, dict[str, Any]]) -> Case:
        case = Case(replies)
        with self._lock:
            self.cases[case_id] = case
        return case

    def _app(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        request.get_data()  # read once; openapi-core reads it again from the cache
        seen = self._judge(request)
        case = self.cases.get(request.headers.get(CASE_HEADER, ""))
        if case is None:
            with self._lock:
                self.unmatched.append(seen)
            response = Response(
                b'{"error": {"message": "unknown case"}}', 404, content_type="application/json"
            )
        else:
            case.seen.append(seen)
            response = self._reply(request, case, seen)
        seen.status = response.status_code
        return response(environ, start_response)

    def _judge(self, request: Request) -> Seen:
        openapi_request = WerkzeugOpenAPIRequest(request)
        operation = None
        try:
            found = self._finder.find(request.method.lower(), request.base_url)
            operation = f"{request.method} {found.path.parts[-1]}"
        except Exception as exc:
            errors = [f"{type(exc).__name__}: {exc}"]
        else:
            media_type = request.mimetype or "no content type"
            errors = [
                text
                for error in self.openapi.iter_request_errors(openapi_request)
                for text in _describe(error, media_type)
            ]
            if any((w := waiver_for(text)) and w.second_opinion for text in errors):
                errors += self._second_opinion(request, found)
        waived = [waiver.name for text in errors if (waiver := waiver_for(text))]
        errors = [text for text in errors if not waiver_for(text)]
        return Seen(
            request.method, request.full_path, operation, errors[:MAX_ERRORS], waived,
            request.headers.get("accept", ""), request.headers.get("content-type", ""),
        )  # fmt: skip

    def _second_opinion(self, request: Request, found: Any) -> list[str]:
        """The body's faults with discriminators ignored (see unions.py); a form decoded as its
        part schemas ask (see forms.py)."""
        content = found.operation / "requestBody" / "content" / request.mimetype
        if is_json(request.mimetype):
            value = json.loads(request.get_data())
        elif request.mimetype == "multipart/form-data":
            with content.open() as declared:
                value = decoded_form(request, declared.get("schema", {}), self.api.document)
        else:
            return []
        faults = errors_without_discriminators(self.openapi.spec, content / "schema", value)
        # its own wording, which no waiver matches: the second opinion is the last word
        return [f"InvalidRequestBody, second opinion ({request.mimetype}) at {f}" for f in faults]

    def _reply(self, request: Request, case: Case, seen: Seen) -> Response:
        if seen.errors:
            body = {
                "error": {
                    "message": "request does not match the API description",
                    "details": seen.errors,
                }
            }
            return Response(json.dumps(body), 400, content_type="application/json")
        preferred = next(iter(case.replies))
        if preferred is None:
            reply = case.replies[None]
            return Response(b"", reply["status"])
        accept = request.accept_mimetypes
        media_type = (
            preferred
            if (not accept or accept.quality(preferred))
            else accept.best_match(list(case.replies))
        )
        if media_type is None:
            return Response(
                json.dumps({"error": {"message": "not acceptable"}}),
                406,
                content_type="application/json",
            )
        seen.served = media_type
        reply = case.replies[media_type]
        if media_type == "text/event-stream":
            events = _events(reply["events"], reply.get("terminator"))
            return Response(events, reply["status"], content_type=media_type)
        if "body" in reply:
            return Response(json.dumps(reply["body"]), reply["status"], content_type=media_type)
        return Response(binary_body(reply["binary_seed"]), reply["status"], content_type=media_type)


def _events(events: list[Any], terminator: str | None) -> Iterator[bytes]:
    for event in events:
        name = event.get("type") if isinstance(event, dict) else None
        head = f"event: {name}\n" if isinstance(name, str) and name else ""
        yield f"{head}data: {json.dumps(event)}\n\n".encode()
    if terminator:
        yield f"data: {terminator}\n\n".encode()


def _describe(error: Exception, media_type: str) -> list[str]:
    """One message per schema error (so that each can be waived on its own), else one."""
    kind = type(error).__name__
    cause = error.__cause__
    details = getattr(cause, "schema_errors", None) or getattr(error, "schema_errors", None)
    if details:
        return [
            f"{kind} ({media_type}) at {'/'.join(map(str, e.absolute_path)) or '(root)'}: "
            + schema_error_message(e)
            for e in details
        ]
    text = f"{kind}: {error}"
    if cause is not None:
        text += f" | {type(cause).__name__}: {str(cause)[:300]}"
    return [text]
