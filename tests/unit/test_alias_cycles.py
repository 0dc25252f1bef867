"""Unions and aliases that contain themselves with no object in between (found by the fuzz
suite, case openapi-0-55): the closing reference becomes `any` with a located warning, and the
package imports (it failed with NameError at import before)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.cli import run


def spec(schemas: dict[str, object]) -> str:
    return json.dumps(
        {
            "openapi": "3.0.3",
            "info": {"title": "T", "version": "1"},
            "paths": {
                "/x": {
                    "get": {
                        "operationId": "getX",
                        "responses": {
                            "200": {
                                "description": "ok",
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Disc"}}},
                            }
                        },
                    }
                }
            },
            "components": {"schemas": schemas},
        }
    )


SCHEMAS = {
    # contains itself directly
    "Disc": {"oneOf": [{"type": "object", "properties": {"k": {"const": "a"}}}, {"type": "string"}, {"$ref": "#/components/schemas/Disc"}]},
    # two aliases through each other, one inside a list
    "J": {"anyOf": [{"type": "array", "items": {"$ref": "#/components/schemas/K"}}, {"type": "string"}]},
    "K": {"anyOf": [{"$ref": "#/components/schemas/J"}, {"type": "integer"}]},
    # through an object: fine as it is
    "Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Link"}}},
    "Link": {"anyOf": [{"$ref": "#/components/schemas/Node"}, {"type": "null"}]},
}


def test_alias_only_cycles_are_cut_with_a_warning_and_the_package_imports(tmp_path: Path) -> None:
    path = tmp_path / "cycles.json"
    path.write_text(spec(SCHEMAS))
    out = tmp_path / "out"
    result = run("generate", "--openapi", str(path), "--package", "cyc", "--out", str(out), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert "cycles.json#/components/schemas/Disc: warning: 'Disc' contains itself" in result.stderr
    assert "'J' contains itself through unions and aliases only (J -> K -> J)" in result.stderr
    assert "'Node'" not in result.stderr and "'Link'" not in result.stderr
    code = "import cyc.models as m; m.Disc; m.J; m.Node.model_validate({'next': {'next': None}})"
    imported = subprocess.run([sys.executable, "-c", code], cwd=out / "python" / "cyc", capture_output=True, text=True)
    assert imported.returncode == 0, imported.stderr
