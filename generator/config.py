"""Reads `specs/generator.yaml`: which specs become which generated packages."""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import UsageError

DEFAULT_CONFIG = Path("specs/generator.yaml")
_PACKAGE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class PackageConfig:
    name: str  # import name of the generated package
    openapi: Path | None = None
    proto_root: Path | None = None
    protos: tuple[str, ...] = ()  # relative to proto_root; empty = every .proto under it
    title: str = ""
    distribution: str = ""  # name in the package's pyproject.toml
    options: dict[str, Any] = field(default_factory=dict)
    # Folders besides the OpenAPI document's own that its `$ref`s may read (see openapi/load.py).
    ref_roots: tuple[Path, ...] = ()
    # A bundle: several specs in one package, each a subpackage, plus one client for all of them.
    apis: tuple[PackageConfig, ...] = ()
    client: dict[str, Any] = field(default_factory=dict)

    @property
    def attribute(self) -> str:
        """The last part of the import name: a bundle's subpackage name."""
        return self.name.rsplit(".", 1)[-1]


@dataclass(frozen=True)
class Config:
    path: Path | None
    output: Path
    packages: tuple[PackageConfig, ...]


def check_package_name(name: str) -> str:
    if not _PACKAGE_NAME.match(name) or keyword.iskeyword(name):
        raise UsageError(
            f"invalid package name {name!r}: use lower-case letters, digits and underscores, "
            "starting with a letter (it becomes a Python import name)"
        )
    return name


def check_ref_roots(folders: list[Path], where: str) -> tuple[Path, ...]:
    """Extra folders `$ref`s may read: each must exist; kept resolved (links followed)."""
    for folder in folders:
        if not folder.is_dir():
            raise UsageError(f"{where}: ref root {folder} is not a folder")
    return tuple(folder.resolve() for folder in folders)


def load_config(path: Path) -> Config:
    if not path.is_file():
        raise UsageError(f"{path}: configuration file not found")
    import yaml  # only configuration runs need it

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping at the top level")
    base = path.parent
    output = (base / str(data.get("output", "../generated"))).resolve()
    packages = [
        _package(entry, f"{path}: packages[{index}]", base)
        for index, entry in enumerate(data.get("packages") or [])
    ]
    if not packages:
        raise UsageError(f"{path}: no packages configured")
    names = [p.name for p in packages]
    if len(set(names)) != len(names):
        raise UsageError(f"{path}: package names must be unique")
    return Config(path=path, output=output, packages=tuple(packages))


def _package(entry: object, where: str, base: Path, parent: str = "") -> PackageConfig:
    if not isinstance(entry, dict) or "name" not in entry:
        raise UsageError(f"{where}: each package needs a `name`")
    name = check_package_name(str(entry["name"]))
    full_name = f"{parent}.{name}" if parent else name
    openapi = entry.get("openapi")
    proto_root = entry.get("proto_root")
    apis = entry.get("apis") or []
    if not parent and apis:
        if openapi or proto_root:
            raise UsageError(f"{where}: a package with `apis` takes its specs from them")
        subs = tuple(
            _package(sub, f"{where}.apis[{i}]", base, parent=name) for i, sub in enumerate(apis)
        )
        if len({s.name for s in subs}) != len(subs):
            raise UsageError(f"{where}: api names must be unique")
        raw_client = entry.get("client") or {}
        if not isinstance(raw_client, dict):
            raise UsageError(f"{where}: `client` must be a mapping")
        client = dict(raw_client)
        overview = client.get("overview") or []
        if not isinstance(overview, list) or not all(isinstance(row, dict) for row in overview):
            raise UsageError(f"{where}: `client.overview` must be a list of mappings")
        if client.get("quickstart"):
            quickstart = (base / str(client["quickstart"])).resolve()
            if not quickstart.is_file():
                raise UsageError(f"{where}: quickstart file {quickstart} not found")
            client["quickstart_file"] = str(quickstart)
        return PackageConfig(
            name=full_name,
            title=str(entry.get("title", "")),
            distribution=str(entry.get("distribution", "")),
            options=dict(entry.get("options") or {}),
            apis=subs,
            client=client,
        )
    if bool(openapi) == bool(proto_root):
        raise UsageError(f"{where}: give exactly one of `openapi` or `proto_root`")
    ref_roots = entry.get("ref_roots") or []
    if not isinstance(ref_roots, list) or not all(isinstance(r, str) for r in ref_roots):
        raise UsageError(f"{where}: `ref_roots` must be a list of folders (relative to the configuration)")
    if ref_roots and not openapi:
        raise UsageError(f"{where}: `ref_roots` applies to `openapi` specs only")
    return PackageConfig(
        name=full_name,
        ref_roots=check_ref_roots([base / folder for folder in ref_roots], where),
        openapi=(base / openapi).resolve() if openapi else None,
        proto_root=(base / proto_root).resolve() if proto_root else None,
        protos=tuple(str(p) for p in entry.get("protos") or ()),
        title=str(entry.get("title", "")),
        distribution=str(entry.get("distribution", "")),
        options=dict(entry.get("options") or {}),
    )
