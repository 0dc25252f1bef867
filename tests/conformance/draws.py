"""Seeded, deterministic draws from the specs' schemas: request arguments and server replies.

Run `make conformance-data` (`python -m tests.conformance.draws`) after a spec changes: it writes
`data/<api>.json`, stamped with the spec's SHA-256; the suite refuses a stale file.

Per operation:
- `arguments.required` / `arguments.full`: parameters and body fields, the required ones only,
  then every optional one too (drawn with every property required, see `schemas.Converter`);
- `replies`: for the first 2xx response, `DRAWS` draws for each declared media type. A JSON
  reply whose schema is a union gets at least one draw per variant; a stream gets events of every
  variant of its event union spread across the draws (at least `MIN_EVENTS` per stream); binary
  replies are bytes from a seeded generator (the driver recreates them, see `binary_body`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import multiprocessing
import os
import random
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.conformance.spec import APIS, Api
from tests.support.paths import REPO

if TYPE_CHECKING:
    from tests.conformance.schemas import Converter

DATA = Path(__file__).parent / "data"
DRAWS = int(os.environ.get("CONFORMANCE_DRAWS", "3"))  # `make conformance-full` draws more, afresh
MIN_EVENTS = 3
BINARY_LENGTH = 257
# an operation whose draws take longer (wall clock) is drawn again from less deeply inlined
# schemas (see schemas.Converter), down to the last, unbounded step; so a busy machine may draw
# smaller replies for the largest operations (the data is committed, not redrawn by CI)
OPERATION_SECONDS = 25
SCHEMA_CHARS_STEPS = (12_000, 3_000, 1_000)
JOBS = int(os.environ.get("CONFORMANCE_JOBS", "3"))  # processes drawing operations in parallel
PATH_SEGMENT = {"type": "string", "pattern": r"^[A-Za-z0-9_.~-]{1,16}\Z"}  # see README: path params


BODY_ATTEMPTS = 5  # seeds tried for a request body the validator would refuse (see _body_faults)


_strategies: dict[str, Any] = {}


@functools.cache
def _openapi_spec(api: Api) -> Any:
    from openapi_core import Config, OpenAPI

    return OpenAPI.from_dict(api.document, config=Config(spec_validator_cls=None)).spec


def draw(schema: Any, seed: int) -> Any:
    """One value of `schema`, the same for the same seed (the first, simplest one is skipped)."""
    # imported here: the suite itself only reads the drawn data (hypothesis is slow to import)
    from hypothesis import HealthCheck, Phase, find, settings
    from hypothesis.errors import NoSuchExample
    from hypothesis_jsonschema import from_schema

    options = settings(
        database=None, phases=[Phase.generate], max_examples=200, deadline=None,
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    key = json.dumps(schema, sort_keys=True)
    # building a strategy canonicalises the schema: the slow part for big ones. It is kept once
    # a value was drawn from it: `from_schema` keeps an error (an interruption too) and raises it
    # again on every draw
    strategy = _strategies.get(key)
    if strategy is None:
        strategy = from_schema(schema)
    for skip in (2, 0):  # a schema with few values has no third distinct one
        calls = itertools.count()
        try:
            value = find(
                strategy,
                lambda _, c=calls, s=skip: next(c) >= s,
                settings=options,
                random=random.Random(seed),
            )
        except NoSuchExample:
            continue
        _strategies[key] = strategy
        return value
    raise AssertionError(f"nothing can be drawn from {schema}")


def binary_body(seed: int, length: int = BINARY_LENGTH) -> bytes:
    return random.Random(seed).randbytes(length)


def is_json(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


def success(api: Api, operation: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    for status, response in operation.get("responses", {}).items():
        if str(status).startswith("2"):
            return int(status), api.resolve(response)
    raise AssertionError(f"{operation['operationId']}: no 2xx response")


def branches(schema: Any) -> list[Any]:
    """The variants of a union reply (after inlining), or the schema itself."""
    if isinstance(schema, dict) and set(schema) <= {"anyOf"}:
        return schema["anyOf"]
    return [schema]


class _TooSlow(BaseException):
    """Not an Exception: hypothesis and hypothesis-jsonschema must not catch and keep it."""


class _alarm:
    fired = False
    armed = False


def _too_slow(*_: object) -> None:
    # Python runs a signal's handler later than the signal arrives: an alarm that fired just
    # before `signal.alarm(0)` would otherwise interrupt the next, unbounded step
    if not _alarm.armed:
        return
    _alarm.fired = True
    raise _TooSlow


class Drawer:
    """Draws for one operation; its seeds derive from the operation id, so that operations can be
    drawn in any order, in parallel, and one operation's change leaves the others' draws alone."""

    def __init__(self, api: Api, operation_id: str) -> None:
        global Converter
        from tests.conformance.schemas import Converter

        self.api = api
        signal.signal(signal.SIGALRM, _too_slow)
        self.max_chars = SCHEMA_CHARS_STEPS[0]
        base = int(hashlib.sha256(operation_id.encode()).hexdigest()[:12], 16) * 1000
        self.base = base

    def _converter(self, direction: str, *, full: bool = False) -> Converter:
        return Converter(self.api, direction=direction, full=full, max_chars=self.max_chars)

    def operation(
        self, operation: dict[str, Any], parameters: list[dict[str, Any]], route: tuple[str, str]
    ) -> dict[str, Any]:
        """Draws within OPERATION_SECONDS, inlining the schemas less deeply if that is too short."""
        for self.max_chars in SCHEMA_CHARS_STEPS[:-1]:
            _alarm.armed = True
            signal.alarm(OPERATION_SECONDS)
            try:
                return self._operation(operation, parameters, route)
            except (Exception, _TooSlow):
                # hypothesis may wrap the interruption (it replays, finds the run flaky); a
                # schema it cannot satisfy may be drawable with less inlining
                continue
            finally:
                _alarm.armed = False
                signal.alarm(0)
        self.max_chars = SCHEMA_CHARS_STEPS[-1]
        try:
            return self._operation(operation, parameters, route)
        except Exception as exc:  # recorded: the suite fails the operation with this reason
            return {"undrawable": f"{type(exc).__name__}: {str(exc)[:500]}"}

    def _operation(
        self, operation: dict[str, Any], parameters: list[dict[str, Any]], route: tuple[str, str]
    ) -> dict[str, Any]:
        self.seed = itertools.count(self.base)
        return {
            "arguments": self.arguments(operation, parameters, route),
            "replies": self.replies(operation),
        }

    def arguments(
        self, operation: dict[str, Any], parameters: list[dict[str, Any]], route: tuple[str, str]
    ) -> dict[str, Any]:
        """`route`: (path template, method) of the operation."""
        out: dict[str, Any] = {}
        for mode in ("required", "full"):
            full = mode == "full"
            params = {}
            for param in parameters:
                if not (param.get("required") or full):
                    continue
                schema = (
                    PATH_SEGMENT
                    if param["in"] == "path"
                    else self._converter("request").convert(param.get("schema", {}))
                )
                if param["in"] == "header":
                    schema = {"type": "string", "pattern": r"^[A-Za-z0-9_.-]{1,16}\Z"}
                params[f"{param['in']}:{param['name']}"] = draw(schema, next(self.seed))
            body = None
            content = self.api.resolve(operation.get("requestBody", {})).get("content", {})
            if content:
                media_type, media = next(iter(content.items()))
                schema = self._converter("request", full=full).convert(media.get("schema", {}))
                for _ in range(BODY_ATTEMPTS):
                    value = draw(schema, next(self.seed))
                    if not full:
                        value = self._required_only(media.get("schema", {}), value)
                    if not self._body_faults(route, media_type, value):
                        break
                body = {"media_type": media_type, "value": value}
            out[mode] = {"parameters": params, "body": body}
        return out

    def _body_faults(self, route: tuple[str, str], media_type: str, value: Any) -> list[str]:
        """What the server's validator would find in a drawn body (see unions.faults): a value
        drawn `oneOf` as `anyOf` may match two overlapping variants, which a request must not."""
        from tests.conformance.unions import faults

        template, method = route
        spec = _openapi_spec(self.api)
        operation = spec / "paths" / template / method.lower()
        schema = operation / "requestBody" / "content" / media_type / "schema"
        return faults(spec, schema, value, f"InvalidRequestBody ({media_type})")

    def _required_only(self, schema: Any, value: Any) -> Any:
        """The required names of a drawn body; where the schema's `anyOf`/`oneOf` requires one of
        several sets of names (OpenAI's file batch: `file_ids` or `files`), also the first set
        the value holds."""
        schema = self.api.resolve(schema)
        if not isinstance(value, dict) or "properties" not in schema:
            return value
        required = set(schema.get("required", []))
        alternatives = [self.api.resolve(v) for v in schema.get("anyOf", schema.get("oneOf", []))]
        sets = [set(v.get("required", [])) for v in alternatives if isinstance(v, dict)]
        required |= next((names for names in sets if names <= set(value)), set())
        return {k: v for k, v in value.items() if k in required}

    def replies(self, operation: dict[str, Any]) -> list[dict[str, Any]]:
        status, response = success(self.api, operation)
        content = response.get("content") or {}
        if not content:
            return [{"status": status, "media_type": None} for _ in range(DRAWS)]
        out = []
        for media_type, media in content.items():
            raw = media.get("itemSchema") or media.get("schema") or {}
            if media_type == "text/event-stream":
                out.extend(self._streams(status, raw))
            elif is_json(media_type):
                variants = branches(self._converter("response").convert(raw))
                for index in range(max(DRAWS, len(variants))):
                    full = index % DRAWS != 0
                    schema = branches(self._converter("response", full=full).convert(raw))[
                        index % len(variants)
                    ]
                    out.append(
                        {
                            "status": status,
                            "media_type": media_type,
                            "body": draw(schema, next(self.seed)),
                        }
                    )
            else:
                for _ in range(DRAWS):
                    out.append(
                        {"status": status, "media_type": media_type, "binary_seed": next(self.seed)}
                    )
        return out

    def _streams(self, status: int, raw: Any) -> list[dict[str, Any]]:
        events: list[list[Any]] = [[] for _ in range(DRAWS)]
        variants = branches(self._converter("response").convert(raw))
        full = branches(self._converter("response", full=True).convert(raw))
        for index in range(max(len(variants), DRAWS * MIN_EVENTS)):
            schema = (full if index % 2 else variants)[index % len(variants)]
            events[index % DRAWS].append(draw(schema, next(self.seed)))
        return [{"status": status, "media_type": "text/event-stream", "events": e} for e in events]


def _draw_operation(job: tuple[str, str]) -> tuple[str, dict[str, Any]]:
    key, wanted = job
    api = next(api for api in APIS if api.key == key)  # a worker reads the spec once
    for operation_id, method, template, operation, parameters in api.operations():
        if operation_id == wanted:
            drawn = Drawer(api, operation_id).operation(operation, parameters, (template, method))
            print(f"  {operation_id}", file=sys.stderr, flush=True)
            return operation_id, drawn
    raise LookupError(wanted)


def build(
    api: Api, only: set[str] | None = None, jobs: int = 1, journal: Path | None = None
) -> dict[str, Any]:
    """Draws for every operation. With a `journal`, each finished operation is appended to it
    and a run that was stopped resumes where it was."""
    ids = [op[0] for op in api.operations() if not only or op[0] in only]
    done: dict[str, Any] = {}
    if journal is not None and journal.exists():
        done = dict(json.loads(line) for line in journal.read_text().splitlines() if line)
    work = [(api.key, operation_id) for operation_id in ids if operation_id not in done]
    with contextlib.ExitStack() as stack:
        sink = stack.enter_context(journal.open("a")) if journal is not None else None
        pool = stack.enter_context(multiprocessing.Pool(jobs)) if jobs > 1 else None
        results = pool.imap_unordered(_draw_operation, work) if pool else map(_draw_operation, work)
        for operation_id, drawn in results:
            done[operation_id] = drawn
            if sink is not None:
                sink.write(json.dumps([operation_id, drawn]) + "\n")
                sink.flush()
    return {"spec_sha256": api.digest, "operations": {i: done[i] for i in ids}}


def journal_file(api: Api) -> Path:
    """Where an interrupted `make conformance-data` resumes from: keyed by the spec and the code
    that draws (this module and schemas.py), so a change of either starts afresh."""
    code = b"".join(
        (Path(__file__).parent / name).read_bytes() for name in ("draws.py", "schemas.py")
    )
    key = hashlib.sha256(api.text + code + str(DRAWS).encode()).hexdigest()[:16]
    return REPO / ".cache" / "conformance" / f"{api.key}-{key}.jsonl"


def data_file(api: Api) -> Path:
    return DATA / f"{api.key}.json"


def load(api: Api) -> dict[str, Any]:
    """The committed draws, or fresh ones when CONFORMANCE_DRAWS asks for another number."""
    if "CONFORMANCE_DRAWS" in os.environ:
        return build(api, jobs=JOBS)
    path = data_file(api)
    assert path.exists(), f"{path} is missing: run `make conformance-data`"
    data: dict[str, Any] = json.loads(path.read_text())
    assert data["spec_sha256"] == api.digest, (
        f"{path} was drawn from another version of {api.path}: run `make conformance-data`"
    )
    return data


def main() -> None:
    DATA.mkdir(exist_ok=True)
    wanted = set(sys.argv[1:])  # API keys; all by default
    for api in APIS:
        if wanted and api.key not in wanted:
            continue
        print(f"{api.path}:", file=sys.stderr)
        journal = journal_file(api)
        journal.parent.mkdir(parents=True, exist_ok=True)
        data = build(api, jobs=JOBS, journal=journal)
        data_file(api).write_text(
            json.dumps(data, indent=None, sort_keys=True, ensure_ascii=True) + "\n"
        )
        journal.unlink()


if __name__ == "__main__":
    main()
