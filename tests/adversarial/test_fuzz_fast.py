"""The fast part of the adversarial suite (`make fuzz` runs the long one): the first cases of
seed 0 cover every OpenAPI and proto mutation once. Each must end in a generated package that
imports, or in a located error that left the output folder untouched (see `harness`)."""

from __future__ import annotations

import pytest

from tests.adversarial import mutate_openapi, mutate_proto
from tests.adversarial.fuzz import run_all, select
from tests.adversarial.harness import GOOD_OUTCOMES, Result

SEED = 0
OPENAPI_CASES = len(mutate_openapi.MUTATIONS)  # one of each
PROTO_CASES = len(mutate_proto.MUTATIONS) + len(mutate_proto.SPECIAL)
CASES = select(SEED, OPENAPI_CASES, PROTO_CASES)


@pytest.fixture(scope="module")
def results() -> dict[str, Result]:
    return {result.case.id: result for result in run_all(CASES, jobs=2)}


@pytest.mark.parametrize("case_id", [case.id for case in CASES])
def test_case(case_id: str, results: dict[str, Result]) -> None:
    result = results[case_id]
    assert result.outcome in GOOD_OUTCOMES, f"{case_id} ({result.case.what}): {result.outcome}: {result.detail}"
