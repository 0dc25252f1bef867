"""What the checks of schema nodes found in an entry is remembered by the digest of the entry's
text (`generator.openapi.checks`): after random edits, the same problems, located the same and in
the same order, as checks of the whole document; unchanged entries are not walked again."""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.openapi import checks
from generator.openapi.cache import Cache
from generator.openapi.load import Spec

SCHEMAS = 30


def description() -> dict[str, Any]:
    schemas: dict[str, Any] = {}
    for i in range(SCHEMAS):
        node: dict[str, Any] = {
            "type": "object",
            "required": ["id", "id"] if i % 5 == 0 else ["id"],
            "properties": {
                "id": {"type": "string"},
                "inner": {"type": "object", "required": ["a", "a"], "properties": {"a": {"type": "string"}}}
                if i % 7 == 0
                else {"type": "integer"},
            },
        }
        if i % 6 == 0:
            node["oneOf"] = [{"type": "object"}, {"type": "string"}]
        schemas[f"S{i:02d}"] = node
    paths = {
        f"/items{i}/{{id}}": {
            "get": {
                "operationId": "same" if i % 4 == 0 else f"get{i}",
                "parameters": [{"name": "other" if i % 3 == 0 else "id", "in": "path", "required": True}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"required": ["x", "x"], "properties": {"x": {}}}}},
                    }
                },
            }
        }
        for i in range(8)
    }
    return {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": paths, "components": {"schemas": schemas}}


def edit(document: dict[str, Any], rng: random.Random) -> None:
    schemas = document["components"]["schemas"]
    name = rng.choice(sorted(schemas))
    kind = rng.randrange(5)
    if kind == 0:
        schemas[name]["required"] = ["id", "id", "id"] if len(schemas[name]["required"]) < 2 else ["id"]
    elif kind == 1:
        schemas[name]["anyOf"] = [{"type": "object"}, {"type": "integer"}]
    elif kind == 2 and len(schemas) > 5:
        del schemas[name]
    elif kind == 3:
        schemas[f"New{rng.randrange(9)}"] = {"required": ["n", "n"], "properties": {"n": {"type": "string"}}}
    else:
        url = rng.choice(sorted(document["paths"]))
        document["paths"][url]["get"]["summary"] = f"changed {rng.random()}"


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_find_what_checking_the_whole_document_finds(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    path = tmp_path / "api.yaml"
    parsed = Cache(tmp_path / "parsed")
    walked = []
    check_node = checks._check_node

    def counted(*args: Any) -> None:
        walked[-1] += 1
        check_node(*args)

    monkeypatch.setattr(checks, "_check_node", counted)
    document = description()
    remembered = None
    for step in range(10):
        if step:
            edit(document, rng)
        path.write_text(yaml.safe_dump(copy.deepcopy(document), sort_keys=False))
        strict = step % 3 == 1
        again, whole = Diagnostics(strict=strict), Diagnostics(strict=strict)
        walked.append(0)
        remembered = checks.run_checks(Spec(path, parsed), again, remembered)
        walked.append(0)
        checks.run_checks(Spec(path, Cache(None)), whole)
        assert again.problems == whole.problems, step
        assert any("duplicate entries" in problem.message for problem in whole.problems)
        if step:  # the entries as last time were not walked: far fewer nodes checked
            assert walked[-2] * 3 < walked[-1], walked
