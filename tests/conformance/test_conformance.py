"""Every operation of both API descriptions, called through the generated sync and async clients.

See `driver.py` for what a call must satisfy, `draws.py` for the drawn arguments and replies.
The counts (operations x drawn replies x sync/async) are printed in the `conformance` section of
the test summary.
"""

from __future__ import annotations

import asyncio
import inspect
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.conformance import driver
from tests.conformance.conftest import TALLY, Bundle
from tests.conformance.draws import success
from tests.conformance.spec import APIS, Api
from tests.conformance.waivers import KNOWN_FAILURES

ROUTES = {(api.key, op[0]): f"{op[1]} {op[2]}" for api in APIS for op in api.operations()}
SPEC_OPERATIONS = {(api.key, op[0]): op[3] for api in APIS for op in api.operations()}


def typed_media_types(api: Api, operation: dict[str, Any]) -> set[str]:
    """Media types of the success reply whose schema is an object with properties (or a union
    of such): the method must return a model for them, not a dict."""

    def typed(schema: Any) -> bool:
        schema = api.resolve(schema)
        if not isinstance(schema, dict):
            return False
        union = schema.get("anyOf") or schema.get("oneOf")
        if union:
            return all(typed(branch) for branch in union)
        return bool(schema.get("properties"))

    _, response = success(api, operation)
    return {m for m, media in (response.get("content") or {}).items() if typed(media.get("schema"))}


def declared_body_properties(api: Api, operation: dict[str, Any]) -> set[str]:
    """Property names the request body's schemas declare (through allOf, anyOf, oneOf)."""
    names: set[str] = set()

    def walk(schema: Any, depth: int) -> None:
        schema = api.resolve(schema)
        if not isinstance(schema, dict) or depth > 8:
            return
        names.update(schema.get("properties", {}))
        for key in ("allOf", "anyOf", "oneOf"):
            for part in schema.get(key, []):
                walk(part, depth + 1)

    for media in api.resolve(operation.get("requestBody", {})).get("content", {}).values():
        walk(media.get("schema", {}), 0)
    return names


CASES = [
    pytest.param(
        api,
        op,
        id=f"{api}:{op}",
        marks=[pytest.mark.xfail(reason=KNOWN_FAILURES[api, op], strict=True)]
        if (api, op) in KNOWN_FAILURES
        else [],
    )
    for api, op in ROUTES
]


@pytest.mark.parametrize(("api_key", "operation_id"), CASES)
def test_operation(
    api_key: str, operation_id: str, bundles: dict[str, Bundle], sync_worker: ThreadPoolExecutor
) -> None:
    bundle = bundles[api_key]
    operation = bundle.operations.get(operation_id)
    assert operation is not None, f"{operation_id} is in the spec but not in the IR"
    drawn = bundle.data.get(operation_id)
    assert drawn is not None, f"no draws for {operation_id}: run `make conformance-data`"
    assert "undrawable" not in drawn, f"no replies could be drawn: {drawn['undrawable']}"
    sync_method = driver.method_of(bundle.client, operation)
    signature = inspect.signature(sync_method)
    route = ROUTES[api_key, operation_id]
    spec_operation = SPEC_OPERATIONS[api_key, operation_id]
    typed = typed_media_types(bundle.api, spec_operation)
    declared = declared_body_properties(bundle.api, spec_operation)
    sync_calls = driver.plan(operation, drawn, signature, route, typed, declared, is_async=False)
    async_calls = driver.plan(operation, drawn, signature, route, typed, declared, is_async=True)
    sync_run = sync_worker.submit(
        lambda: [
            p
            for call in sync_calls
            for p in driver.run_sync(sync_method, bundle.server, call, operation)
        ]
    )
    async_problems = asyncio.run(_run_async(bundle, operation, async_calls))
    problems = sync_run.result() + async_problems
    _count(api_key, sync_calls + async_calls, problems)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


async def _run_async(
    bundle: Bundle, operation: dict[str, Any], calls: list[driver.Call]
) -> list[str]:
    async with bundle.package.AsyncClient(
        api_key="Bearer conformance", base_url=bundle.server.base_url
    ) as client:
        method = driver.method_of(client, operation)
        results = await asyncio.gather(
            *(driver.run_async(method, bundle.server, call, operation) for call in calls)
        )
    return [problem for found in results for problem in found]


def _count(api_key: str, calls: list[driver.Call], problems: list[str]) -> None:
    tally = TALLY[api_key]
    tally["operations"] += 1
    tally["replies"] += sum(1 for call in calls if not call.is_async)
    tally["calls"] += len(calls)
    tally["sync"] += sum(1 for call in calls if not call.is_async)
    tally["async"] += sum(1 for call in calls if call.is_async)
    seen = [seen for call in calls for seen in call.case.seen]  # type: ignore[attr-defined]
    tally["requests"] += sum(1 for s in seen if s.operation is not None)
    tally["waived"] += sum(len(s.waived) for s in seen)
    failed = {call.label for call in calls for p in problems if f"[{call.label}]" in p}
    tally["failed calls"] += len(failed)
    tally["failed operations"] += bool(problems)
