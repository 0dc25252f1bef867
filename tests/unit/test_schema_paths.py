"""The validator's lookups through `schema_paths.QuickAccessor` find what the library's own
accessor finds: the same findings, located the same way, on documents with errors, `$ref`s to
`$ref`s, `$ref`s into other files (which grow the library's registry) and broken `$ref`s."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from generator.openapi import validate as validate_module
from generator.openapi.cache import Cache
from generator.openapi.parse import parse_bytes
from generator.openapi.validate import validate
from generator.openapi.validation_parts import validate_by_parts
from tests.support.paths import REPO

MAIN = """\
openapi: 3.1.0
info: {title: T, version: "1"}
paths:
  /items/{item_id}:
    get:
      operationId: getItem
      parameters:
        - {name: other, in: path, required: true, schema: {type: string}}
        - $ref: 'other.yaml#/components/parameters/Limit'
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Alias'}
        "404": {$ref: 'other.yaml#/components/responses/Missing'}
components:
  schemas:
    Alias: {$ref: '#/components/schemas/Item'}
    Item:
      type: object
      allOf: [{type: object}, {$ref: 'other.yaml#/components/schemas/Remote'}]
      required: [id, name, id, absent]
      properties:
        id: {type: string}
        name: {type: string, default: 5}
        size: {type: integer, default: big}
        remote: {$ref: 'other.yaml#/components/schemas/Remote'}
    Failing:
      exclusiveMinimum: true
      properties: {w: {type: integer, default: y}}
"""

OTHER = """\
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer, default: many}}
  responses:
    Missing:
      description: missing
      content:
        application/json:
          schema: {$ref: 'openapi.yaml#/components/schemas/Failing'}
  schemas:
    Remote:
      type: object
      required: [ghost]
      properties:
        back: {$ref: 'openapi.yaml#/components/schemas/Item'}
        count: {type: integer, default: none}
"""


BROKEN = """\
  /broken:
    get:
      operationId: broken
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Nowhere'}
"""


def write(folder: Path, *, broken: bool = False) -> Path:
    (folder / "other.yaml").write_text(textwrap.dedent(OTHER), encoding="utf-8")
    path = folder / "openapi.yaml"
    text = MAIN.replace("components:\n", BROKEN + "components:\n", 1) if broken else MAIN
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(path: Path) -> Any:
    return json.loads(json.dumps(parse_bytes(path.read_bytes(), path.suffix)))


def library_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    """The validator reads through the library's own accessor (its LRU and prefix caches)."""
    monkeypatch.setattr(validate_module, "quick_schema_path", lambda path: path)


@pytest.mark.parametrize("broken", [False, True], ids=["refs", "a-broken-ref"])
def test_findings_are_those_of_the_librarys_own_lookups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: bool
) -> None:
    path = write(tmp_path, broken=broken)
    quick = validate(str(path), load(path))
    assert any(f.file.endswith("other.yaml") for f in quick)  # found through the other file
    assert any(f.message.startswith("validation stopped early") for f in quick) == broken
    library_lookups(monkeypatch)
    assert validate(str(path), load(path)) == quick


def test_findings_by_parts_are_those_of_the_librarys_own_lookups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = REPO / "specs" / "openapi" / "ai_studio.yaml"
    document = load(spec)
    document["components"]["schemas"]["Broken"] = {"type": "object", "required": ["x"], "allOf": [{}]}
    quick = validate_by_parts(str(spec), document, Cache(tmp_path / "a"))
    library_lookups(monkeypatch)
    library = validate_by_parts(str(spec), document, Cache(tmp_path / "b"))
    assert quick.findings == library.findings and quick.findings
    assert quick.validated == library.validated == quick.parts


def test_the_library_resolves_no_path_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every lookup is answered by the quick accessor (the library's resolver is never asked)."""
    from jsonschema_path.resolvers import CachedPathResolver

    asked: list[object] = []
    original = CachedPathResolver.resolve

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        asked.append(args[1:])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(CachedPathResolver, "resolve", counted)
    path = write(tmp_path)
    assert validate(str(path), load(path))
    assert asked == []
