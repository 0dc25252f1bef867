"""The drawn data is current and valid: a fault of the reply generator must not pass as ours."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from openapi_core import Config, OpenAPI

from tests.conformance.draws import DRAWS, load, success
from tests.conformance.spec import APIS, Api
from tests.conformance.unions import faults
from tests.conformance.waivers import KNOWN_FAILURES, KNOWN_INVALID_DRAWS


@pytest.mark.parametrize("api", APIS, ids=[api.key for api in APIS])
def test_drawn_replies_match_the_spec(api: Api) -> None:
    """Each drawn JSON reply and stream event is valid for its schema, per openapi-core's validator."""
    data = load(api)["operations"]
    spec = OpenAPI.from_dict(api.document, config=Config(spec_validator_cls=None)).spec
    problems = []
    for operation_id, method, template, operation, _ in api.operations():
        status, _ = success(api, operation)
        if operation_id not in data:
            problems.append(f"{operation_id}: not drawn (run `make conformance-data`)")
            continue
        if "undrawable" in data[operation_id]:
            if (api.key, operation_id) in KNOWN_FAILURES:
                continue  # written down, with its reason, in waivers.KNOWN_FAILURES
            problems.append(f"{operation_id}: {data[operation_id]['undrawable']}")
            continue
        for reply in data[operation_id]["replies"]:
            media_type = reply["media_type"]
            values: list[Any] = reply.get("events") or ([reply["body"]] if "body" in reply else [])
            if not values:
                continue
            content = (
                spec
                / "paths"
                / template
                / method.lower()
                / "responses"
                / str(status)
                / "content"
                / media_type
            )
            schema = content / ("itemSchema" if "itemSchema" in content else "schema")
            for value in values:
                if operation_id not in KNOWN_INVALID_DRAWS:
                    found = faults(spec, schema, value, "InvalidReply")
                    problems += [f"{operation_id} {media_type}: {m[:400]}" for m in found]
    assert not problems, f"{len(problems)} drawn values are invalid:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("api", APIS, ids=[api.key for api in APIS])
def test_every_declared_media_type_has_its_draws(api: Api) -> None:
    """At least DRAWS replies for each media type the success response declares (a response
    without content: DRAWS empty replies), and none of a media type it does not declare."""
    data = load(api)["operations"]
    short = []
    for operation_id, _, _, operation, _ in api.operations():
        _, response = success(api, operation)
        declared = list(response.get("content") or {}) or [None]
        drawn = Counter(reply["media_type"] for reply in data[operation_id].get("replies", []))
        short += [f"{operation_id} {m}: {drawn[m]}" for m in declared if drawn[m] < DRAWS]
        short += [f"{operation_id} {m}: not declared" for m in set(drawn) - set(declared)]
    assert not short, f"{len(short)} media types with too few draws:\n" + "\n".join(short[:40])
