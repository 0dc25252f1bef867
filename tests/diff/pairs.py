"""Helpers: write an old and a new spec to a temporary folder, load both, diff them."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostics
from generator.diff import Change, diff_api
from generator.ir.model import API
from generator.openapi.front_end import load_openapi
from generator.proto import load_proto

# (kind, path, level): what every pair test compares, exactly and in report order
Entry = tuple[str, str, str]
Spec = dict[str, Any]


def entries(changes: list[Change]) -> list[Entry]:
    return [(c.kind, c.path, c.level) for c in changes]


def load_openapi_spec(folder: Path, spec: Spec) -> API:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "api.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return load_openapi(path, "pets", Diagnostics(), cache_dir=None)


def openapi_changes(tmp_path: Path, base: Spec, edit: Callable[[Spec], None]) -> list[Change]:
    """Diff `base` against a copy changed in place by `edit`."""
    changed = copy.deepcopy(base)
    edit(changed)
    old = load_openapi_spec(tmp_path / "old", base)
    new = load_openapi_spec(tmp_path / "new", changed)
    return diff_api(old, new)


def load_proto_files(folder: Path, files: dict[str, str]) -> API:
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    api, _ = load_proto(folder, sorted(files), "pets", Diagnostics())
    return api


def proto_changes(tmp_path: Path, old: dict[str, str], new: dict[str, str]) -> list[Change]:
    return diff_api(
        load_proto_files(tmp_path / "old", old), load_proto_files(tmp_path / "new", new)
    )
