"""The two API descriptions under test, read once: operations, digests, `$ref` lookup.

Nothing here comes from the generator: the suite reads the specs itself, so that the generator's
own reading of them is what gets tested.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.support.paths import OPENAI_SPEC, REPO, require

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Api:
    key: str  # short name: the package name of the generated client and the draws file
    path: Path

    @functools.cached_property
    def text(self) -> bytes:
        return require(self.path).read_bytes()

    @functools.cached_property
    def digest(self) -> str:
        return hashlib.sha256(self.text).hexdigest()

    @functools.cached_property
    def document(self) -> dict[str, Any]:
        loaded: dict[str, Any] = yaml.load(self.text, Loader=yaml.CSafeLoader)
        return loaded

    def resolve(self, node: Any) -> Any:
        """Follow local `$ref`s until a node that is not a reference."""
        seen = 0
        while isinstance(node, dict) and "$ref" in node:
            node = self.pointer(node["$ref"])
            seen += 1
            assert seen < 50, "reference cycle"
        return node

    def pointer(self, ref: str) -> Any:
        assert ref.startswith("#/"), f"only local references are expected in {self.path}: {ref}"
        node: Any = self.document
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def operations(self) -> Iterator[tuple[str, str, str, dict[str, Any], list[dict[str, Any]]]]:
        """(operationId, METHOD, path template, operation, parameters with path-level ones merged)."""
        for template, item in self.document.get("paths", {}).items():
            item = self.resolve(item)
            shared = [self.resolve(p) for p in item.get("parameters", [])]
            for method in METHODS:
                if method not in item:
                    continue
                operation = self.resolve(item[method])
                own = [self.resolve(p) for p in operation.get("parameters", [])]
                names = {(p["name"], p["in"]) for p in own}
                merged = [p for p in shared if (p["name"], p["in"]) not in names] + own
                yield operation["operationId"], method.upper(), template, operation, merged


AI_STUDIO = Api("ai_studio_conf", REPO / "specs" / "openapi" / "ai_studio.yaml")
OPENAI = Api("openai_conf", OPENAI_SPEC)
APIS = (AI_STUDIO, OPENAI)
