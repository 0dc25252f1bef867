"""Reads `specs/generator.yaml`: which specs become which generated packages.

The file is checked against the schema in `generator.config_schema`: an unknown key, a value of the
wrong type or an option of the other kind of spec is a usage error naming `file:line:col`.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.diagnostics import UsageError
from generator.lazy_dataclass import lazy_dataclass

if TYPE_CHECKING:  # imported where a configuration file is read: ad hoc runs read none
    from generator import config_schema as schema

DEFAULT_CONFIG = Path("specs/generator.yaml")
CUSTOM_FOLDER = "custom"  # hand-written code: <configuration folder>/custom/<package>/
_PACKAGE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_LOGGER_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_VERSION = re.compile(r"^\d+\.\d+\.\d+([.+-]?[0-9A-Za-z.+-]*)?$")


@lazy_dataclass(frozen=True)
class PackageConfig:
    """One configured package: its spec (OpenAPI or proto) or, as a bundle, its APIs."""

    name: str  # import name of the generated package
    openapi: Path | None = None
    proto_root: Path | None = None
    protos: tuple[str, ...] = ()  # relative to proto_root; empty = every .proto under it
    title: str = ""
    distribution: str = ""  # name in the package's pyproject.toml
    options: dict[str, Any] = field(default_factory=dict)
    # A bundle: several specs in one package, each a subpackage, plus one client for all of them.
    apis: tuple[PackageConfig, ...] = ()
    client: dict[str, Any] = field(default_factory=dict)
    version: str = ""  # "" = from the spec's info.version when semver, else DEFAULT_VERSION
    logger_name: str = ""  # "" = the package name
    overlays: tuple[Path, ...] = ()  # OpenAPI Overlay documents, applied in order
    # Folders besides the OpenAPI document's own that its `$ref`s may read (see openapi/load.py).
    ref_roots: tuple[Path, ...] = ()
    custom: Path | None = None  # the folder of hand-written modules copied into the package
    attach: dict[str, str] = field(default_factory=dict)  # `Client.attr` -> `module:callable`

    @property
    def attribute(self) -> str:
        """The last part of the import name: a bundle's subpackage name."""
        return self.name.rsplit(".", 1)[-1]


@lazy_dataclass(frozen=True)
class Config:
    """The configuration: where it was read (None: ad hoc), the output folder, the packages."""

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
    from generator import config_schema as schema
    from generator import yaml_with_positions

    try:
        data = yaml_with_positions.load(path.read_text(encoding="utf-8"))
    except yaml_with_positions.YamlTextError as exc:
        where = f"{path}:{exc.line}:{exc.column}" if exc.line else str(path)
        raise UsageError(f"{where}: {exc.message}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: cannot read the configuration: {exc}") from None
    positions = schema.Positions(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping at the top level")
    schema.check(data, schema.CONFIG, positions, str(path), "")
    reader = _Reader(positions, path.parent)
    output = (path.parent / str(data.get("output", "../generated"))).resolve()
    entries = data["packages"]
    packages = [reader.package(entry, f"packages[{i}]", entries, i) for i, entry in enumerate(entries)]
    if not packages:
        raise UsageError(f"{positions.at(data, 'packages')}: no packages configured")
    seen: set[str] = set()
    for index, package in enumerate(packages):
        if package.name in seen:
            raise UsageError(f"{positions.at(entries[index], 'name', value=True)}: package name {package.name!r} is used twice")
        seen.add(package.name)
    return Config(path=path, output=output, packages=tuple(packages))


def default_version(spec_version: str) -> str:
    """The package version when the configuration names none: the spec's, when it is semver."""
    return spec_version if _VERSION.match(spec_version) else DEFAULT_VERSION


DEFAULT_VERSION = "0.1.0"


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class _Reader:
    """Reads package entries of a configuration file, its positions at hand for errors."""

    positions: schema.Positions
    base: Path

    def package(self, entry: Any, path: str, parent_list: Any, index: int, parent: str = "") -> PackageConfig:
        from generator import config_schema as schema

        at = self.positions.at
        where = at(parent_list, index)
        try:
            name = check_package_name(str(entry["name"]))
        except UsageError as exc:
            raise UsageError(f"{at(entry, 'name', value=True)}: {exc}") from None
        full_name = f"{parent}.{name}" if parent else name
        openapi, proto_root, apis = entry.get("openapi"), entry.get("proto_root"), entry.get("apis")
        common: dict[str, Any] = {
            "name": full_name,
            "title": str(entry.get("title", "")),
            "distribution": str(entry.get("distribution", "")),
            "version": self._version(entry),
            "logger_name": self._logger_name(entry),
        }
        if not parent and apis is not None:
            for key in ("openapi", "proto_root", "protos", "overlays", "ref_roots", "options"):
                if key in entry:
                    raise UsageError(f"{at(entry, key)}: a package with `apis` takes `{key}` from each api")
            subs = tuple(
                self.package(sub, f"{path}.apis[{i}]", apis, i, parent=name) for i, sub in enumerate(apis)
            )
            if not subs:
                raise UsageError(f"{at(entry, 'apis')}: `{path}.apis` is empty")
            # the parts of a bundle share its version and logger
            subs = tuple(
                replace(sub, version=common["version"] or DEFAULT_VERSION, logger_name=common["logger_name"] or name)
                for sub in subs
            )
            names = [s.name for s in subs]
            for i, sub in enumerate(subs):
                if names.index(sub.name) != i:
                    raise UsageError(f"{at(apis[i], 'name', value=True)}: api name {sub.attribute!r} is used twice")
            client = schema.plain(entry.get("client") or {})
            if client.get("quickstart"):
                quickstart = (self.base / str(client["quickstart"])).resolve()
                if not quickstart.is_file():
                    raise UsageError(f"{at(entry['client'], 'quickstart', value=True)}: quickstart file {quickstart} not found")
                client["quickstart_file"] = str(quickstart)
            return PackageConfig(**common, apis=subs, client=client, **self._custom(entry, name))
        if "client" in entry:
            raise UsageError(f"{at(entry, 'client')}: `client` belongs to a package with `apis`")
        if parent:
            for key in ("distribution", "version", "logger_name", "custom"):
                if key in entry:
                    raise UsageError(f"{at(entry, key)}: `{key}` is set on the bundle, not on one of its apis")
        if bool(openapi) == bool(proto_root):
            raise UsageError(f"{where}: `{path}` needs exactly one of `openapi` or `proto_root`")
        kind = schema.OPENAPI_OPTIONS if openapi else schema.PROTO_OPTIONS
        options = entry.get("options") or {}
        schema.check(options, kind, self.positions, at(entry, "options", value=True), f"{path}.options")
        if "auth" in options:
            self._auth(options["auth"], f"{path}.options.auth")
        if proto_root:
            for key in ("overlays", "ref_roots"):
                if key in entry:
                    raise UsageError(f"{at(entry, key)}: `{key}` applies to OpenAPI documents, not to proto files")
        elif "protos" in entry:
            raise UsageError(f"{at(entry, 'protos')}: `protos` lists files under `proto_root`; this package reads `openapi`")
        overlays = tuple(
            self._file(entry["overlays"], i, str(item), "overlay") for i, item in enumerate(entry.get("overlays") or ())
        )
        extra = self._custom(entry, name) if not parent else {}
        return PackageConfig(
            **common,
            openapi=self._file(entry, "openapi", str(openapi), "OpenAPI document") if openapi else None,
            proto_root=(self.base / str(proto_root)).resolve() if proto_root else None,
            protos=tuple(str(p) for p in entry.get("protos") or ()),
            options=schema.plain(options),
            overlays=overlays,
            ref_roots=check_ref_roots(
                [self.base / str(folder) for folder in entry.get("ref_roots") or ()],
                self.positions.at(entry, "ref_roots", value=True) if "ref_roots" in entry else path,
            ),
            **extra,
        )

    def _auth(self, auth: Any, path: str) -> None:
        """The proto auth scheme: an API key needs somewhere to go; `none` takes nothing else."""
        where = self.positions.at(auth, "scheme", value=True)
        scheme = str(auth["scheme"])
        if scheme in ("api_key", "api_key_or_bearer") and not ("header" in auth or "metadata_key" in auth):
            raise UsageError(f"{where}: `{path}`: an {scheme} scheme needs `header` (REST) and/or `metadata_key` (gRPC)")
        if scheme == "none" and set(auth) - {"scheme", "metadata"}:
            extra = sorted(set(auth) - {"scheme", "metadata"})[0]
            raise UsageError(f"{self.positions.at(auth, extra)}: `{path}.{extra}` has no use with scheme none")

    def _file(self, container: Any, key: Any, value: str, what: str) -> Path:
        path = (self.base / value).resolve()
        if not path.is_file():
            where = self.positions.at(container, key, value=not isinstance(key, int))
            raise UsageError(f"{where}: {what} {value} not found")
        return path

    def _version(self, entry: Any) -> str:
        version = str(entry.get("version", ""))
        if version and not _VERSION.match(version):
            where = self.positions.at(entry, "version", value=True)
            raise UsageError(f"{where}: version {version!r} is not a version number like 1.2.0")
        return version

    def _logger_name(self, entry: Any) -> str:
        name = str(entry.get("logger_name", ""))
        if name and not _LOGGER_NAME.match(name):
            where = self.positions.at(entry, "logger_name", value=True)
            raise UsageError(f"{where}: logger name {name!r}: use dotted identifiers (`myapi.client`)")
        return name

    def _custom(self, entry: Any, name: str) -> dict[str, Any]:
        from generator import config_schema as schema

        folder = self.base / CUSTOM_FOLDER / name
        attach = schema.plain((entry.get("custom") or {}).get("attach") or {})
        for key, target in attach.items():
            where = self.positions.at(entry["custom"]["attach"], key)
            owner, _, attr = key.partition(".")
            if owner not in ("Client", "AsyncClient") or not attr.isidentifier() or keyword.iskeyword(attr):
                raise UsageError(f"{where}: attach key {key!r}: write `Client.<attribute>` or `AsyncClient.<attribute>`")
            module, _, function = str(target).partition(":")
            if not module.isidentifier() or not function.isidentifier():
                raise UsageError(f"{where}: attach target {target!r}: write `module:callable` (a module of {folder})")
        if attach and not folder.is_dir():
            raise UsageError(f"{self.positions.at(entry, 'custom')}: `custom.attach` needs the folder {folder}")
        return {"custom": folder.resolve() if folder.is_dir() else None, "attach": attach}

