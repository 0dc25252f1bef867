"""One side of a diff as IR: an OpenAPI document, a proto root folder, a `generator.yaml`
configuration (every package in it), or an IR snapshot (`generated/ir/<package>.json`);
any of them at a git revision as `REV:path`. Specs are loaded by the front ends, exactly as
`generate` loads them, so the IR compared is the IR the clients are rendered from.
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
from generator.ir.model import API

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

        api, _ = load_proto(path, (), package, diagnostics)
        return (api,)
    if kind == "openapi":
        from generator.cache_location import cache_folder
        from generator.openapi.front_end import load_openapi

        return (load_openapi(path, package, diagnostics, cache_dir=cache_folder()),)
    if kind == "ir":
        return (load_snapshot(path),)
    config = load_config(path)
    return tuple(api for each in config.packages for api in load_package(each, diagnostics))


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
        except RecursionError:
            raise UsageError(f"{path}: invalid JSON: nested too deeply") from None
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


def load_package(package: PackageConfig, diagnostics: Diagnostics) -> tuple[API, ...]:
    """The APIs of one configured package, as `generator.pipeline.load_api` loads them: one, or
    one per API of a bundle (named `bundle.api`, as their snapshots are)."""
    from generator.pipeline import load_api

    return tuple(load_api(part, diagnostics) for part in package.apis or (package,))


def load_snapshot(path: Path) -> API:
    try:
        return serialize.loads(path.read_text(encoding="utf-8"))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise UsageError(f"{path}: not a readable IR snapshot: {exc}") from exc
