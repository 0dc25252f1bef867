"""Validation with openapi-spec-validator, each problem located by file and JSON pointer.

The library reports keyword-level problems (schema meta-checks, default values, path parameters)
relative to the node it was looking at; we wrap its keyword validators to remember that node and
map it, through any `$ref`, to where the problem is written. When the `jsonschema_rs` package is
installed, the library already uses it for the whole-document check, and we use it for the
per-schema meta-check as well: the same findings, about 100x faster on the OpenAI description.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.openapi import pointers
from generator.openapi.parse import ParseError, parse_bytes


@dataclass(frozen=True, order=True)
class Finding:
    file: str  # absolute path of the document
    pointer: str
    message: str


def engine() -> str:
    """What produced the findings (part of the cache key: messages differ between engines)."""
    version = importlib.metadata.version("openapi-spec-validator")
    return f"osv-{version}-{'rs' if _rust() is not None else 'py'}"


def validate(root: str, document: Any, documents: dict[str, Any] | None = None) -> list[Finding]:
    """Every problem openapi-spec-validator finds in `document` (read from the file `root`).

    `documents` (absolute path -> data) stand in for those files when a `$ref` reaches them:
    the other files of a Swagger 2.0 description, as converted."""
    version = str(document.get("openapi", "")) if isinstance(document, dict) else ""
    locator = _Locator(Path(root), document, documents or {})
    if version.startswith("3.0"):
        validator_cls = _located_validator("3.0")
    elif version.startswith("3.1"):
        validator_cls = _located_validator("3.1")
    else:
        return [
            Finding(root, "/openapi", f"unsupported OpenAPI version {version!r}: use 3.0 or 3.1")
        ]
    if documents:
        handlers = {"file": _ConvertedFirst(documents)}
        validator_cls = type(validator_cls.__name__, (validator_cls,), {"resolver_handlers": handlers})
    validator = validator_cls(document, base_uri=Path(root).as_uri())
    findings: set[Finding] = set()
    try:
        for error in validator.schema_validator.iter_errors(document):
            where = pointers.join("", *error.absolute_path)
            findings.add(Finding(root, where, error.message))
        for error in validator.root_validator(validator.schema_path):
            parts, prefix = getattr(error, "apigen_where", ((), ()))
            file, pointer = locator.locate([*parts], [*prefix, *error.path])
            findings.add(Finding(file, pointer, error.message))
    except Exception as exc:  # the library raises many kinds: refs, regexes, ...
        findings.add(Finding(root, "", f"validation stopped early: {type(exc).__name__}: {exc}"))
    return sorted(findings)


def prepare() -> None:
    """Import the library and build the validator classes ahead of time."""
    _located_validator("3.1")


# --- where a problem is ----------------------------------------------------------------------


class _Locator:
    """Maps the library's logical paths (which go through `$ref`s) to where nodes are written."""

    def __init__(self, root: Path, document: Any, converted: dict[str, Any]) -> None:
        self.root = root.resolve()
        self.documents: dict[Path, Any] = {Path(path): data for path, data in converted.items()}
        self.documents[self.root] = document

    def locate(self, parts: list[Any], inner: list[Any]) -> tuple[str, str]:
        path, pointer, node = self.root, "", self.documents[self.root]
        for part in parts:
            path, pointer, node = self._follow(path, pointer, node)
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return str(path), pointers.join(pointer, str(part), *map(str, inner))
            pointer = pointers.join(pointer, str(part))
        path, pointer, _ = self._follow(path, pointer, node)
        return str(path), pointers.join(pointer, *map(str, inner))

    def _follow(self, path: Path, pointer: str, node: Any) -> tuple[Path, str, Any]:
        seen: set[tuple[Path, str]] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            address, _, fragment = node["$ref"].partition("#")
            target_path = (path.parent / address).resolve() if address else path
            target_pointer = pointers.from_fragment(fragment)
            if (target_path, target_pointer) in seen:
                break
            seen.add((target_path, target_pointer))
            try:
                target = pointers.lookup(self._document(target_path), target_pointer)
            except (LookupError, OSError, ParseError, ValueError):
                break
            path, pointer, node = target_path, target_pointer, target
        return path, pointer, node

    def _document(self, path: Path) -> Any:
        if path not in self.documents:
            self.documents[path] = parse_bytes(path.read_bytes(), path.suffix)
        return self.documents[path]


# --- the library, wrapped ----------------------------------------------------------------------


class _ConvertedFirst:
    """The `file` resolver handler: a converted document when there is one, else the file."""

    def __init__(self, documents: dict[str, Any]) -> None:
        from jsonschema_path.handlers.urllib import UrllibHandler

        self.documents = documents
        self.files = UrllibHandler("file")

    def __call__(self, uri: str) -> Any:
        from jsonschema_path.handlers.utils import uri_to_path

        found = self.documents.get(str(Path(uri_to_path(uri)).resolve()))
        if found is None:
            return self.files(uri)
        return json.loads(json.dumps(found))  # a copy, as the library's own handler gives


def _located_validator(version: str) -> Any:
    from openapi_spec_validator.validation import keywords
    from openapi_spec_validator.validation.validators import (
        OpenAPIV30SpecValidator,
        OpenAPIV31SpecValidator,
    )

    base = OpenAPIV31SpecValidator if version == "3.1" else OpenAPIV30SpecValidator
    wrapped = {name: _located(cls) for name, cls in base.keyword_validators.items()}
    wrapped["default"] = _located(base.keyword_validators["default"], prefix=("default",))
    schema_cls: type = base.keyword_validators["schema"]
    if version == "3.1" and _rust() is not None:
        schema_cls = _fast_meta_check(keywords.OpenAPIV31SchemaValidator)
    wrapped["schema"] = _located(_with_id_sets(schema_cls))
    from jsonschema_path.handlers.urllib import UrllibHandler

    # Local files only: never fetch a remote `$ref` (the converter refuses them with a message).
    handlers = {"file": UrllibHandler("file")}
    attributes = {"keyword_validators": wrapped, "resolver_handlers": handlers}
    return type(f"Located{base.__name__}", (base,), attributes)


def _located(cls: type, prefix: tuple[str, ...] = ()) -> type:
    """`cls` whose errors remember the node being checked (the innermost call tags first)."""
    from jsonschema_path import SchemaPath

    def __call__(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        where = next((a for a in args if isinstance(a, SchemaPath)), None)
        for error in cls.__call__(self, *args, **kwargs):
            if where is not None and not hasattr(error, "apigen_where"):
                error.apigen_where = (tuple(where.parts), prefix)
            yield error

    return type(f"Located{cls.__name__}", (cls,), {"__call__": __call__})


class _IdSet(set[int]):
    """A set that answers the list calls the library makes (`append`, `in`) in O(1)."""

    def append(self, item: int) -> None:
        self.add(item)


def _with_id_sets(cls: type) -> type:
    """The library keeps visited schema ids in lists: quadratic on 2,000 schemas (0.8 s)."""

    def __init__(self: Any, registry: Any) -> None:
        cls.__init__(self, registry)  # type: ignore[misc]
        self.visited_schema_ids = _IdSet()
        self.meta_checked_schema_ids = _IdSet()

    return type(f"Quick{cls.__name__}", (cls,), {"__init__": __init__})


def _fast_meta_check(cls: Any) -> type:
    """The 3.1 schema validator with its meta-schema check done by jsonschema_rs."""
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    checker = _rust_meta_validator()

    def _validate_schema_meta(self: Any, schema: Any, schema_value: Any) -> Any:
        if not isinstance(schema_value, dict) or "$schema" in schema_value or checker is None:
            return cls._validate_schema_meta(self, schema, schema_value)
        root = schema._clone_with_parts(())
        if "jsonSchemaDialect" in root:
            return cls._validate_schema_meta(self, schema, schema_value)
        for error in checker.iter_errors(schema_value):
            return OpenAPIValidationError(error.message, path=list(error.instance_path))
        return None

    return type(f"Fast{cls.__name__}", (cls,), {"_validate_schema_meta": _validate_schema_meta})


def _rust() -> Any:
    try:
        return importlib.import_module("jsonschema_rs")
    except ImportError:
        return None


def _rust_meta_validator() -> Any:
    """A jsonschema_rs validator for the OpenAPI 3.1 base dialect, from the library's own files."""
    rust = _rust()
    if rust is None:
        return None
    from importlib.resources import files

    folder = files("openapi_schema_validator").joinpath("schemas", "oas3.1")
    resources: list[tuple[str, Any]] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        for child in current.iterdir():
            if child.is_dir():
                stack.append(child)
            elif not child.name.startswith("."):
                contents = json.loads(child.read_text(encoding="utf-8"))
                resources.append((contents["$id"], contents))
    dialect = next(c for i, c in resources if i.endswith("/dialect/base"))
    registry = rust.Registry(sorted(resources, key=lambda r: r[0]))
    return rust.validator_for(dialect, registry=registry)
