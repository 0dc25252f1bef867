"""The OpenAPI front end's entry point: read, check, validate and convert a description."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator import json_pointer as pointers
from generator.cache_pickle import long_lived
from generator.code_digest import code_digest
from generator.diagnostics import Diagnostics
from generator.ir.model import API, Location
from generator.openapi import swagger2
from generator.openapi.cache import Cache, digest
from generator.openapi.checks import run_checks
from generator.openapi.load import RefProblem, Site, Spec
from generator.openapi.overlays import apply_overlays
from generator.openapi.parse import ParseError
from generator.openapi.schema_units import SchemaUnits, UnitCounts, unit_key
from generator.openapi.to_ir import build_api
from generator.openapi.validation_parts import entry_digests
from generator.openapi.validation_runner import ValidationRun


def load_openapi(
    path: Path,
    package: str,
    diagnostics: Diagnostics,
    *,
    cache_dir: Path | None = None,
    ref_roots: tuple[Path, ...] = (),
    overlays: tuple[Path, ...] = (),
    stats: UnitCounts | None = None,
    digests: list[tuple[Any, str]] | None = None,
    deferred: bool = False,
    texts: list[tuple[Any, bytes]] | None = None,
) -> API:
    """Read, check and convert the description at `path`.

    Raises SpecError when generation is impossible (unreadable file, syntax error, broken or
    circular `$ref`, or, when `diagnostics.strict`, any problem at all); otherwise returns the IR
    and leaves warnings in `diagnostics`. `cache_dir` keeps parsed
    documents and validation findings by content hash; None (the default) turns caching off.
    `$ref`s may name files in `path`'s folder and in `ref_roots` only (see `load`).
    `overlays` (OpenAPI Overlay 1.0 documents) are applied in order to the root document first.
    `stats`, when given, counts the component schemas converted and those replayed from the
    cache (`schema_units`). `digests`, when given, receives IR types and operations with their
    content digest as the schema units know them (`generator.ir.serialize.content_digest`, or
    for a type converted afresh `snapshot_digest`; `texts`, when given, receives such a type with
    its `snapshot_text`, which the snapshot takes as it is). With
    `deferred`, the types of schema units replayed from the cache are not built: `API.types` holds
    `generator.ir.deferred.Deferred` stand-ins for them (the caller reads them through
    `generator.ir.deferred.built`), each with its content digest.
    """
    if path.is_dir():
        raise diagnostics.fail(Location(path.as_posix()), "is a directory, not an OpenAPI document")
    if not path.is_file():
        raise diagnostics.fail(Location(path.as_posix()), "file not found")
    cache = Cache(cache_dir)
    # what changes the document between reading and validating it: the overlays, and our code
    # that reads, applies and converts (overlays, Swagger 2.0, $ref loading: this package)
    variant = "".join(digest(p.read_bytes()) for p in overlays) + _front_end_digest()
    validation = ValidationRun(path, cache, variant=variant)  # first: a worker imports while we parse
    try:
        try:
            read, validation.read = validation.read, None  # (held no longer than needed)
            spec = Spec(path, cache, ref_roots, read)
            del read
        except ParseError as exc:
            where = Location(path.as_posix(), line=exc.line, column=exc.column)
            raise diagnostics.fail(where, exc.message) from exc
        except RefProblem as problem:
            raise diagnostics.fail(problem.where, problem.message, problem.hint) from None
        as_read = spec.root.data
        spec.root.data = apply_overlays(spec.root.data, overlays, diagnostics)
        try:
            _convert_swagger2(spec, diagnostics)
        except RefProblem as problem:
            raise diagnostics.fail(problem.where, problem.message, problem.hint) from None
        if spec.root.data is not as_read:  # a copy: let go of the entries as read (and their memory)
            spec.root.entries = {}
        del as_read
        _check_version(spec, diagnostics)
        converted = {  # other files converted from 2.0: the validator reads these, not the files
            str(doc.path): doc.data
            for doc in spec.documents.values()
            if doc.origins is not None and doc is not spec.root
        }
        # the parts of the root document still as read from an entry of its text (not the
        # copies an overlay makes): validation by parts need not write them out again
        entries = entry_digests(spec.root.data, spec.root.entry_digest)
        validation.submit(spec.root.data, converted, entries)
        units = None
        if cache_dir is not None and spec.root.origins is None:  # (2.0: see `schema_units`)
            key = unit_key(spec.root.path, diagnostics.strict, _front_end_digest())
            units = SchemaUnits(cache_dir, key)
        # the IR lives to the run's end and the conversion makes no reference cycles (what it
        # drops goes by reference counts): no collection walks what it makes (as for proto's IR)
        with long_lived():
            api = build_api(spec, package, diagnostics, units, deferred=deferred, entries=entries)
        if units is not None and stats is not None:
            stats.schemas_converted += units.converted
            stats.schemas_reused += units.reused
            stats.schemas_copied += units.copied
            stats.schema_copy_writes += units.copy_writes
            stats.schemas_left_in_place += units.left_in_place
            stats.operations_converted += units.operations_converted
            stats.operations_reused += units.operations_reused
        if units is not None and digests is not None:
            digests += units.digested
            digests += units.operations_digested
        if units is not None and texts is not None:
            texts += units.texts
        # what the checks of schema nodes found in each entry, by the digest of its text
        checked_key = digest(f"{spec.root.path}\0{_front_end_digest()}".encode())
        remembered = cache.get("checked-entries", checked_key)
        found = run_checks(spec, diagnostics, remembered if isinstance(remembered, dict) else None)
        if found.keys() != (remembered.keys() if isinstance(remembered, dict) else set()):
            cache.put("checked-entries", checked_key, found, plain=True)  # (strings in lists and dicts)
        for finding in validation.findings(spec):
            site_file = spec.documents.get(Path(finding.file))
            if site_file is None:
                diagnostics.warn(Location(finding.file, finding.pointer), finding.message)
                continue
            pointer = spec.original_pointer(site_file, finding.pointer)
            diagnostics.warn(Location(site_file.display, pointer), finding.message)
    finally:
        validation.close()
    diagnostics.raise_if_errors()
    return api


def _convert_swagger2(spec: Spec, diagnostics: Diagnostics) -> None:
    """A Swagger 2.0 root document becomes OpenAPI 3.0; locations keep pointing into the 2.0 file."""
    if not swagger2.is_swagger2(spec.root.data):
        return
    display = spec.root.display

    def warn(pointer: str, message: str) -> None:
        diagnostics.warn(Location(display, pointer), message)

    spec.root.data, spec.root.origins = swagger2.convert(spec.root.data, warn, _SpecFiles(spec, diagnostics))


class _SpecFiles:
    """`swagger2.Files` over the description's documents: `$ref`s are followed (and confined) by
    `Spec`; a converted node replaces the original in a copy of the containers above it."""

    def __init__(self, spec: Spec, diagnostics: Diagnostics) -> None:
        self.spec = spec
        self.diagnostics = diagnostics
        self.root = spec.root.path

    def target(self, ref: str, here: Path, where: str) -> tuple[Path, str]:
        site = self.spec.target(ref, Site(here, where))
        return site.path, site.pointer

    def follow(self, node: Any, here: Path, where: str) -> tuple[Path, str, Any]:
        found, site = self.spec.deref(node, Site(here, where))
        return site.path, site.pointer, found

    def node(self, path: Path, pointer: str) -> Any:
        return self.spec.node(Site(path, pointer))

    def replace(self, path: Path, pointer: str, value: Any) -> None:
        document = self.spec.document(path)
        document.data = _replaced(document.data, pointers.split(pointer), value)

    def origins(self, path: Path) -> swagger2.Origins:
        document = self.spec.document(path)
        if document.origins is None:
            document.origins = swagger2.Origins()
        return document.origins

    def warn(self, path: Path, pointer: str, message: str) -> None:
        self.diagnostics.warn(Location(self.spec.document(path).display, pointer), message)


def _replaced(node: Any, tokens: list[str], value: Any) -> Any:
    """`node` with `value` at `tokens`, copying only the containers on the way (the parsed
    document may be shared through the parse cache)."""
    if not tokens:
        return value
    head, rest = tokens[0], tokens[1:]
    if isinstance(node, list):
        copied = list(node)
        copied[int(head)] = _replaced(node[int(head)], rest, value)
        return copied
    return {**node, head: _replaced(node[head], rest, value)}


def _check_version(spec: Spec, diagnostics: Diagnostics) -> None:
    document = spec.root.data
    where = spec.where(spec.root_site)
    if not isinstance(document, dict):
        raise diagnostics.fail(where, "not an OpenAPI document: the top level is not a mapping")
    version = str(document.get("openapi", document.get("swagger", "")))
    if not version.startswith("3."):
        raise diagnostics.fail(
            where,
            f"unsupported OpenAPI version {version or '(none)'!r}: this generator reads "
            "Swagger 2.0, OpenAPI 3.0 and 3.1",
        )


def _front_end_digest() -> str:
    """The digest of the code the front end's cached results depend on: this package, and the IR
    classes, names and problems its pickled schema units hold."""
    return code_digest("generator/openapi", "generator/ir", "generator/diagnostics.py", "generator/cache_pickle.py")
