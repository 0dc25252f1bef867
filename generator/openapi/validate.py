"""Validation with openapi-spec-validator, each problem located by file and JSON pointer.

The library reports keyword-level problems (schema meta-checks, default values, path parameters)
relative to the node it was looking at; we wrap its keyword validators to remember that node and
map it, through any `$ref`, to where the problem is written. When the `jsonschema_rs` package is
installed, the library already uses it for the whole-document check, and we use it for the
per-schema meta-check as well: the same findings, about 100x faster on the OpenAI description.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from generator import json_pointer as pointers
from generator.code_digest import tool_version
from generator.lazy_dataclass import lazy_dataclass
from generator.openapi import validator_import
from generator.openapi.document_check import document_errors
from generator.openapi.parse import ParseError, parse_bytes
from generator.openapi.schema_paths import forget, quick_schema_path

# the library's OpenAPI meta-schemas, by version (`openapi_spec_validator.schemas.utils`)
META_SCHEMAS = {version: f"resources/schemas/v{version}/schema.json" for version in ("3.0", "3.1")}
# The longest message a finding keeps (see `finding_message`)
MAX_MESSAGE = 500


@lazy_dataclass(frozen=True, order=True)
class Finding:
    file: str  # absolute path of the document
    pointer: str
    message: str


def finding_message(text: str) -> str:
    """What a finding says of the library's message `text`: its first paragraph, at most
    MAX_MESSAGE characters. The library's messages may go on with the schema path and the whole
    node checked ("Failed validating ... On instance[...]: ..."), or spell the node out in their
    first line: hundreds of kilobytes for a large `components/schemas`, in every warning."""
    first = text.split("\n\n", 1)[0]
    return first if len(first) <= MAX_MESSAGE else f"{first[: MAX_MESSAGE - 3]}..."


def engine() -> str:
    """What produced the findings (part of the cache key: messages differ between engines).
    (The version as `code_digest.tool_version` reads it: asked of `importlib.metadata`, its import
    and each lookup were ~25 ms of a regeneration's main process.)"""
    version = tool_version("openapi-spec-validator")
    return f"osv-{version}-{'rs' if _uses_rust() else 'py'}-{FINDINGS_VERSION}"


# how our code picks and words the library's findings (bump when that changes: 2, a 3.0 schema's
# meta-schema finding is the first in document order, `_first_in_document_order`; 3, a 3.1
# schema's is jsonschema_rs's first error as `validate` stops at it, and a heavy document is
# listed part by part, `document_check`)
FINDINGS_VERSION = "3"


@functools.cache
def _uses_rust() -> bool:
    """Whether the library checks schemas against their meta-schemas with jsonschema_rs: where
    it is installed, unless its setting (`OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND`) says
    otherwise; the library itself is asked only when one of its variables is set."""
    if not validator_import.settings_in_environment():
        return _rust() is not None
    validator_import.load()
    from openapi_spec_validator.schemas.backend import get_validator_backend

    return bool(get_validator_backend() == "jsonschema-rs")


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
        findings.update(_document_findings(root, validator, document))
        for error in validator.root_validator(validator.schema_path):
            findings.add(locator.finding(error))
    except Exception as exc:  # the library raises many kinds: refs, regexes, ...
        stopped = f"validation stopped early: {type(exc).__name__}: {exc}"
        findings.add(Finding(root, "", finding_message(stopped)))
    return sorted(findings)


def _document_findings(root: str, validator: Any, document: Any) -> list[Finding]:
    """The check of the whole document against the OpenAPI meta-schema (jsonschema_rs: fast;
    asked first whether there is anything to list, which takes half the time of listing; what is
    wrong is listed with bounded memory: `document_check`)."""
    checker = validator.schema_validator
    if checker.is_valid(document):
        return []
    return [
        Finding(root, pointers.join("", *where), finding_message(message))
        for where, message in document_errors(checker, document)
    ]


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

    def finding(self, error: Any) -> Finding:
        """Where the library's `error` is written: the node being checked, through any `$ref`."""
        parts, prefix = getattr(error, "apigen_where", ((), ()))
        file, pointer = self.locate([*parts], [*prefix, *error.path])
        return Finding(file, pointer, finding_message(error.message))

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
    validator_import.load()  # (first: the library imported without what it does not need)
    from openapi_spec_validator.validation.validators import (
        OpenAPIV30SpecValidator,
        OpenAPIV31SpecValidator,
    )

    _quick_lookups()
    base = OpenAPIV31SpecValidator if version == "3.1" else OpenAPIV30SpecValidator
    wrapped = {name: _located(cls) for name, cls in base.keyword_validators.items()}
    wrapped["default"] = _located(base.keyword_validators["default"], prefix=("default",))
    wrapped["schema"] = _located(_with_id_sets(_schema_class(version)))
    from jsonschema_path.handlers.urllib import UrllibHandler

    # Local files only: never fetch a remote `$ref` (the converter refuses them with a message).
    handlers = {"file": UrllibHandler("file")}

    def __init__(self: Any, schema: Any, *args: Any, **kwargs: Any) -> None:
        base.__init__(self, schema, *args, **kwargs)
        self.schema_path = quick_schema_path(self.schema_path)  # each path resolved once

    attributes = {"keyword_validators": wrapped, "resolver_handlers": handlers, "__init__": __init__}
    meta = _meta_schema_validator(version)
    if meta is not None:
        attributes["schema_validator"] = meta
    return type(f"Located{base.__name__}", (base,), attributes)


@functools.cache
def _meta_schema_validator(version: str) -> Any:
    """The library's check of whole documents against the OpenAPI meta-schema, made by its own
    factory from its own schema file, read as JSON: it reads that file through urllib and PyYAML,
    ~10 ms on every run that validates, for the same content (tests/unit/test_validate_meta.py).
    None where the file is not where it is on the versions read here: the library's own."""
    from importlib.resources import files

    from openapi_spec_validator.schemas.backend import get_validator_for

    resource = files("openapi_spec_validator").joinpath(META_SCHEMAS[version])
    try:
        schema = json.loads(resource.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return get_validator_for(schema)


@functools.cache
def _quick_lookups() -> None:
    """jsonschema_path steps into every node through pathable's `_get_subnode`, which first asks
    `isinstance(node, Subscriptable)`: a runtime Protocol check, slow before Python 3.12 (a third of
    validation's CPU on large documents). Dicts and lists are Subscriptable, so for them the same
    lookup without the check; other nodes as before. Only on the pathable version read here."""
    from jsonschema_path.nodes import SchemaNode
    from pathable.accessors import SubscriptableAccessor
    from pathable.protocols import Subscriptable

    original = SchemaNode._get_subnode
    known = tool_version("pathable").startswith("0.5.")
    inherited = getattr(original, "__func__", None) is vars(SubscriptableAccessor)["_get_subnode"].__func__
    if not (known and inherited and isinstance({}, Subscriptable) and isinstance([], Subscriptable)):
        return

    def _get_subnode(cls: type, node: Any, part: Any) -> Any:
        if type(node) is dict or type(node) is list:
            try:
                return node[part]
            except (KeyError, IndexError, TypeError) as exc:
                raise KeyError(part) from exc
        return original(node, part)

    SchemaNode._get_subnode = classmethod(_get_subnode)  # type: ignore[method-assign,assignment]


@functools.cache
def _schema_class(version: str) -> type:
    """The library's schema keyword validator, its meta-check made by jsonschema_rs for 3.1."""
    from openapi_spec_validator.validation import keywords

    if version == "3.1" and _uses_rust():
        return _fast_meta_check(keywords.OpenAPIV31SchemaValidator)
    if version == "3.1":
        return keywords.OpenAPIV31SchemaValidator
    return _first_in_document_order(keywords.OpenAPIV30SchemaValidator)


def _first_in_document_order(cls: Any) -> type:
    """The 3.0 schema keyword validator whose meta-schema finding for a schema is the first of all
    the meta-schema's findings in the schema's own order, not the first the checker meets:
    jsonschema walks `additionalProperties` over a set of names, whose order follows the process's
    hash seed (which of two bad properties a run reported varied from run to run, and a warm run
    said again what another process had met first)."""
    from jsonschema.exceptions import SchemaError  # type: ignore[import-untyped]
    from jsonschema.validators import validator_for  # type: ignore[import-untyped]
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    def _validate_schema_meta(self: Any, schema: Any, schema_value: Any) -> Any:
        found = cls._validate_schema_meta(self, schema, schema_value)
        if found is None:  # (valid: the one check, as before)
            return None
        checked = self.schema_validator_cls
        meta = validator_for(checked.META_SCHEMA, default=checked)
        # (the errors one at a time, each let go once compared: a large schema has thousands)
        errors = meta(checked.META_SCHEMA, format_checker=meta.FORMAT_CHECKER).iter_errors(schema_value)
        known: dict[int, dict[Any, int]] = {}  # (the schema's mappings live as long as this call)
        first = min(
            errors,
            key=lambda error: (_document_order(schema_value, error.absolute_path, known), error.message),
            default=None,
        )
        if first is None:
            return found
        return OpenAPIValidationError.create_from(SchemaError.create_from(first))

    return type(f"Ordered{cls.__name__}", (cls,), {"_validate_schema_meta": _validate_schema_meta})


def _document_order(node: Any, path: Iterable[Any], known: dict[int, dict[Any, int]]) -> tuple[int, ...]:
    """Where the node at `path` under `node` comes in document order: the place of each key among
    its mapping's keys (as written), or the list index. `known`: the places of the keys of the
    mappings met so far, by id (a schema with 20,000 bad properties: a lookup per error, not a
    search of its keys; 6.4 s against 0.85 s for 5,000 before)."""
    places = []
    for part in path:
        if isinstance(node, dict):
            if id(node) not in known:
                known[id(node)] = {key: place for place, key in enumerate(node)}
            places.append(known[id(node)].get(part, len(node)))
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            places.append(part)
            node = node[part]
        else:
            places.append(0)
            node = None
    return tuple(places)


def _located(cls: type, prefix: tuple[str, ...] = (), watch: _Watch | None = None) -> type:
    """`cls` whose errors remember the node being checked (the innermost call tags first); with
    `watch`, which counts how deep its calls nest."""
    from jsonschema_path import SchemaPath

    def __call__(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        where = None
        for argument in args:  # (a loop, not a generator: called ~80,000 times on 6,000 types)
            if isinstance(argument, SchemaPath):
                where = argument
                break
        if watch is not None:
            watch.level += 1
            if watch.level > watch.deepest:
                watch.deepest = watch.level
        try:
            for error in cls.__call__(self, *args, **kwargs):
                if where is not None and not hasattr(error, "apigen_where"):
                    error.apigen_where = (tuple(where.parts), prefix)
                yield error
        finally:
            if watch is not None:
                watch.level -= 1

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
    rust = _rust()

    def _validate_schema_meta(self: Any, schema: Any, schema_value: Any) -> Any:
        if not isinstance(schema_value, dict) or "$schema" in schema_value or checker is None:
            return cls._validate_schema_meta(self, schema, schema_value)
        root = schema._clone_with_parts(())
        if "jsonSchemaDialect" in root:
            return cls._validate_schema_meta(self, schema, schema_value)
        try:  # (the first error only: listing them builds every error first, ~1.3 KB per node)
            checker.validate(schema_value)
        except rust.ValidationError as error:
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


# --- validation by parts (see `validation_parts`) ------------------------------------------


class NotByParts(Exception):
    """The document is outside what validation by parts reproduces: validate it whole."""


@lazy_dataclass(frozen=True)
class Touch:
    """A part's check reached the root node of another part: `top` when as a schema of its own
    (a media type's or parameter's `schema`), else as a nested schema; `depth`: how many schema
    checks deep."""

    root: str
    top: bool
    depth: int


@lazy_dataclass
class PartResult:
    """What the library finds in one part when every other part's root counts as checked.

    For a part whose value is a schema root: `meta` is its meta-schema finding, `failed` whether
    that check failed (the library then stops the first call there and visits the node only when it
    reaches it again), `extra` its "Required list has not defined properties" finding (reported only
    when the node is first visited as a schema of its own), `visit` all the rest."""

    visit: list[Finding]
    touches: list[Touch]
    depth: int
    meta: list[Finding]
    failed: bool
    extra: list[Finding]
    root: bool  # the part's own node is a root: `meta`, `failed` and `extra` apply


class PartValidator:
    """openapi-spec-validator run on one part at a time of a one-file OpenAPI 3.0/3.1 document.

    `roots` maps the id of each part's root node to its pointer: when the library reaches one of
    them (other than the part's own) it is told the node is checked already, and the reach is
    recorded as a `Touch`, in the order the library made it."""

    def __init__(self, root: str, document: dict[str, Any], roots: dict[int, str]) -> None:
        self.root = root
        self.document = document
        self.watch = _Watch(roots)
        version = _version(document)
        base = _located_validator(version)
        watched = _located(_watched(_schema_class(version), self.watch), watch=self.watch)
        keyword_validators = {**base.keyword_validators, "schema": watched}
        validator_cls = type(base.__name__, (base,), {"keyword_validators": keyword_validators})
        self.validator = validator_cls(document, base_uri=Path(root).as_uri())
        self.locator = _Locator(Path(root), document, {})
        registry = self.validator.keyword_validators_registry
        self.schemas = registry["schema"]
        self.paths = registry["path"]
        self.operations = registry["operation"]
        self._paths: dict[tuple[str, ...], Any] = {}

    def run_schema(self, tokens: tuple[str, ...]) -> PartResult:
        """The check the library makes of the schema at `tokens` as a schema of its own."""
        parent = tokens[:-1]
        if parent not in self._paths:  # the library's paths are dear to build: reuse the parents
            path = self.validator.schema_path
            for token in parent:
                path = path / token
            self._paths[parent] = path
        path = self._paths[parent] / tokens[-1]
        raw = pointers_lookup(self.document, tokens)
        own = id(raw) if id(raw) in self.watch.roots else None
        first = self._run(own, lambda: self.schemas(path))
        if own is None:  # not a root: only ever reached from here
            visit = [self.locator.finding(error) for error in first]
            return PartResult(visit, self.watch.touches, self.watch.deepest, [], False, [], False)
        if own in self.schemas.visited_schema_ids:
            visit, extra = self._split_extra(first, path)
            return PartResult(visit, self.watch.touches, self.watch.deepest, [], False, extra, True)
        meta = [self.locator.finding(error) for error in first]
        touches_before, depth_before = self.watch.touches, self.watch.deepest
        def visit_again() -> Iterator[Any]:  # as when the library meets it again
            calls: Iterator[Any] = self.schemas(path, require_properties=True, meta_checked=True)
            return calls

        again = self._run(own, visit_again, keep=True)
        visit, extra = self._split_extra(again, path)
        if touches_before:  # the record could not be replayed in the library's order
            raise NotByParts("a schema met again touched others before")
        depth = max(depth_before, self.watch.deepest)
        return PartResult(visit, self.watch.touches, depth, meta, True, extra, True)

    def run_path(self, url: str) -> PartResult:
        """The checks of one path item, but those across operations (unique operationIds)."""
        item = self.validator.schema_path / "paths" / url
        errors = self._run(None, lambda: self.paths(url, item))
        from openapi_spec_validator.validation.exceptions import DuplicateOperationIDError

        across = DuplicateOperationIDError  # reported from the skeleton (`across_findings`)
        visit = [self.locator.finding(e) for e in errors if not isinstance(e, across)]
        return PartResult(visit, self.watch.touches, self.watch.deepest, [], False, [], False)

    def _run(self, own: int | None, call: Any, keep: bool = False) -> list[Any]:
        if not keep:
            forget(self.validator.schema_path)  # (lookups are remembered within a part)
            self.schemas.visited_schema_ids.clear()
            self.schemas.meta_checked_schema_ids.clear()
            self.operations.operation_ids_registry = []
            self.watch.begin(own)
        else:
            self.watch.touches, self.watch.deepest = [], 0
        return list(call())

    def _split_extra(self, errors: list[Any], path: Any) -> tuple[list[Finding], list[Finding]]:
        from openapi_spec_validator.validation.exceptions import ExtraParametersError

        visit: list[Finding] = []
        extra: list[Finding] = []
        for error in errors:
            at_root = getattr(error, "apigen_where", ((), ()))[0] == tuple(path.parts)
            kind = extra if at_root and isinstance(error, ExtraParametersError) else visit
            kind.append(self.locator.finding(error))
        return visit, extra


def pointers_lookup(document: Any, tokens: Iterable[str]) -> Any:
    node = document
    for token in tokens:
        node = node[token]
    return node


def document_findings(root: str, document: dict[str, Any]) -> list[Finding]:
    """The check of the whole document against the OpenAPI meta-schema. A document that the
    library's own jsonschema_rs check finds valid (the common case) is told so without importing
    the library (`_rust_document_check`): a regeneration after an edit that leaves every part as
    it was (the title, the servers) checks no part, and imported the library (~70 ms) for this."""
    version = _version(document)
    quick = _rust_document_check(version)
    if quick is not None and quick.is_valid(document):
        return []
    validator = _located_validator(version)(document, base_uri=Path(root).as_uri())
    return _document_findings(root, validator, document)


@functools.cache
def _rust_document_check(version: str) -> Any:
    """The jsonschema_rs validator whose `is_valid` the library's check of whole documents asks
    (`openapi_spec_validator.schemas.backend.jsonschema_rs.create_validator`: `validator_cls_for`
    the meta-schema, made of it), made of the same schema file (`_meta_schema_validator`) without
    importing the library. None where the library would not ask jsonschema_rs (not installed, or
    a variable of its settings is set: then it decides) or the file is not where it is on the
    versions read here."""
    rust = _rust()
    if rust is None or validator_import.settings_in_environment():
        return None
    found = importlib.util.find_spec(validator_import.LIBRARY)  # (found, not imported)
    folders = found.submodule_search_locations if found is not None else None
    if not folders:
        return None
    try:
        schema = json.loads(Path(folders[0], META_SCHEMAS[version]).read_text(encoding="utf-8"))
        return rust.validator_cls_for(schema)(schema)
    except Exception:  # (unreadable, or not a schema it takes: the library's own check decides)
        return None


def across_findings(root: str, document: dict[str, Any]) -> list[Finding]:
    """The library's checks across parts (unique operationIds, unique tag names), made on a
    skeleton of the document that keeps only what they read. Raises what the library raises."""
    skeleton = skeleton_of(document)
    validator = _located_validator(_version(document))(skeleton, base_uri=Path(root).as_uri())
    from openapi_spec_validator.validation.exceptions import DuplicateOperationIDError

    locator = _Locator(Path(root), skeleton, {})
    found = []
    for error in validator.root_validator(validator.schema_path):
        finding = locator.finding(error)
        of_tags = finding.pointer.split("/")[:2] == ["", "tags"]
        if isinstance(error, DuplicateOperationIDError) or of_tags:
            found.append(finding)
    return found


def _version(document: dict[str, Any]) -> str:
    return "3.1" if str(document["openapi"]).startswith("3.1") else "3.0"


def skeleton_of(document: dict[str, Any]) -> dict[str, Any]:
    """The document with its paths down to operationIds and its tags: what the checks across
    operations and tags read (the path items keep their order and their operations' order)."""
    paths = {
        url: {
            name: {"operationId": value["operationId"]} if "operationId" in value else {}
            for name, value in item.items()
            if isinstance(value, dict) and name != "parameters"
        }
        for url, item in document.get("paths", {}).items()
    }
    skeleton: dict[str, Any] = {"openapi": document["openapi"], "paths": paths}
    if "tags" in document:
        skeleton["tags"] = document["tags"]
    return skeleton


class _Watch:
    """What `PartValidator` learns while the library checks one part."""

    def __init__(self, roots: dict[int, str]) -> None:
        self.roots = roots
        self.own: int | None = None
        self.touches: list[Touch] = []
        self.pending: int | None = None  # a top-level call asked whether this root was meta-checked
        self.level = 0
        self.deepest = 0

    def begin(self, own: int | None) -> None:
        self.own, self.touches, self.pending, self.level, self.deepest = own, [], None, 0, 0


def _watched(cls: type, watch: _Watch) -> type:
    """`cls` whose visited/meta-checked sets count every other part's root as done, recording the
    reach."""
    roots = watch.roots

    class MetaChecked(_IdSet):
        def __contains__(self, item: object) -> bool:
            if item in roots and item != watch.own:
                watch.pending = item
                return True
            return set.__contains__(self, item)

    class Visited(_IdSet):
        def __contains__(self, item: object) -> bool:
            if item in roots and item != watch.own:
                top, watch.pending = watch.pending == item, None
                watch.touches.append(Touch(roots[item], top, watch.level))
                return True
            return set.__contains__(self, item)

    def __init__(self: Any, registry: Any) -> None:
        cls.__init__(self, registry)  # type: ignore[misc]
        self.visited_schema_ids = Visited()
        self.meta_checked_schema_ids = MetaChecked()

    return type(f"Watched{cls.__name__}", (cls,), {"__init__": __init__})
