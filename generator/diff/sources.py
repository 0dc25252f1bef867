"""One side of a diff as IR: an OpenAPI document, a proto root folder, a `generator.yaml`
configuration (every package in it), or an IR snapshot (`generated/ir/<package>.json`);
any of them at a git revision as `REV:path`.

OpenAPI documents go through the OpenAPI front end's own reader and converter, without the
openapi-spec-validator pass: validation only adds warnings and never changes the IR, and it is
most of the time on large documents (about 7 of 9 s on the OpenAI description). A test keeps
this IR identical to `load_openapi`'s.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

from generator.config import PackageConfig, load_config
from generator.diagnostics import Diagnostics, UsageError
from generator.diff import revisions
from generator.ir import serialize
from generator.ir.model import API, Location

SideKind = Literal["openapi", "config", "ir", "proto"]

_TOP_KEY = re.compile(r"^(openapi|swagger|packages)\s*:", re.MULTILINE)


def load_side(
    argument: str, package: str, diagnostics: Diagnostics, scratch: Path
) -> tuple[API, ...]:
    """The APIs one command-line side describes; `scratch` is an empty folder for `REV:path`."""
    split = revisions.split(argument)
    path = revisions.materialize(*split, into=scratch) if split else Path(argument)
    return load_path(path, package, diagnostics)


def load_path(path: Path, package: str, diagnostics: Diagnostics) -> tuple[API, ...]:
    kind = detect(path)
    if kind == "proto":
        from generator.proto import load_proto

        return (load_proto(path, (), package, diagnostics),)
    if kind == "openapi":
        return (load_openapi_ir(path, package, diagnostics),)
    if kind == "ir":
        return (load_snapshot(path),)
    config = load_config(path)
    return tuple(load_package(p, diagnostics) for p in config.packages)


def detect(path: Path) -> SideKind:
    if path.is_dir():
        return "proto"
    if not path.is_file():
        raise UsageError(f"{path}: no such file or folder")
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise UsageError(f"{path}: invalid JSON: {exc}") from exc
        if isinstance(data, dict) and ("openapi" in data or "swagger" in data):
            return "openapi"
        if isinstance(data, dict) and "name" in data and ("operations" in data or "types" in data):
            return "ir"
        if isinstance(data, dict) and "packages" in data:
            return "config"
    else:
        keys = {m.group(1) for m in _TOP_KEY.finditer(text)}
        if keys & {"openapi", "swagger"}:
            return "openapi"
        if "packages" in keys:
            return "config"
    raise UsageError(
        f"{path}: not an OpenAPI document, a generator configuration or an IR snapshot "
        "(give a proto root as a folder)"
    )


def load_package(package: PackageConfig, diagnostics: Diagnostics) -> API:
    """One configured package, as `generator.pipeline.load_api` loads it (OpenAPI unvalidated)."""
    if package.openapi is not None:
        return load_openapi_ir(package.openapi, package.name, diagnostics)
    assert package.proto_root is not None
    from generator.proto import load_proto

    return load_proto(package.proto_root, package.protos, package.name, diagnostics)


def load_snapshot(path: Path) -> API:
    try:
        return serialize.loads(path.read_text(encoding="utf-8"))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise UsageError(f"{path}: not a readable IR snapshot: {exc}") from exc


def load_openapi_ir(path: Path, package: str, diagnostics: Diagnostics) -> API:
    """The IR `generator.openapi.load_openapi` builds, without the validator (see the module doc)."""
    from generator.openapi.cache import DEFAULT_CACHE_DIR, Cache
    from generator.openapi.checks import run_checks
    from generator.openapi.load import Spec
    from generator.openapi.parse import ParseError
    from generator.openapi.to_ir import build_api

    if not path.is_file():
        raise diagnostics.fail(Location(path.as_posix()), "file not found")
    try:
        spec = Spec(path, Cache(DEFAULT_CACHE_DIR))
    except ParseError as exc:
        raise diagnostics.fail(
            Location(path.as_posix(), line=exc.line, column=exc.column), exc.message
        ) from exc
    document = spec.root.data
    version = (
        str(document.get("openapi", document.get("swagger", "")))
        if isinstance(document, dict)
        else ""
    )
    if not version.startswith("3."):
        raise diagnostics.fail(
            spec.where(spec.root_site),
            f"unsupported OpenAPI version {version or '(none)'!r}: this generator reads 3.0 and 3.1",
        )
    api = build_api(spec, package, diagnostics)
    run_checks(spec, diagnostics)
    diagnostics.raise_if_errors()
    return api
