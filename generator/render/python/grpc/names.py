"""Where each proto type lives in Python, and import blocks that refer to it by a clean name.

A type id (proto full name) maps to its stub module (`<pkg>._pb.a.b.file_pb2`, or the
protobuf / googleapis-common-protos module for google/* files) and its class path there
(`Outer.Inner`). `Imports` hands out local names: the class name itself, or
`module_pb2.Name` when the name is taken in that module.
"""

from __future__ import annotations

import keyword
from collections.abc import Set
from functools import lru_cache
from typing import NamedTuple

from generator.artifacts import STUB_FOLDER
from generator.ir.model import API
from generator.render.python.grpc.layout import from_import
from generator.render.python.imports import group_imports


class PyRef(NamedTuple):
    module: str  # absolute module path
    path: str  # class path inside the module: "Outer.Inner"

    @property
    def top(self) -> str:
        return self.path.split(".", 1)[0]


def stub_module(proto_file: str, package: str, runtime_protos: Set[str]) -> str:
    """Module of a .proto file's `_pb2`: protoc's rule (`/` and `-` to `.` and `_`), inside the
    package unless the protobuf runtime provides it (`ProtoArtifacts.runtime_protos`)."""
    stem = proto_file.removesuffix(".proto").replace("-", "_").replace("/", ".")
    module = f"{stem}_pb2"
    if proto_file in runtime_protos:
        return module
    return f"{package}.{STUB_FOLDER}.{module}"


class TypeIndex:
    """Type id -> PyRef and proto package, for every named type of the API."""

    def __init__(self, api: API, package: str, runtime_protos: Set[str]) -> None:
        ids = {t.id for t in api.types}
        self.refs: dict[str, PyRef] = {}
        self.packages: dict[str, str] = {}
        self.files: dict[str, str] = {}
        refs, packages, files = self.refs, self.packages, self.files  # (thousands of types)
        cuts: dict[str, int | None] = {}
        modules: dict[str, str] = {}  # by file: a file declares many types
        for named in api.types:
            type_id = named.id
            cut = _class_cut(type_id, ids, cuts)  # (the dot before the class path, or -1)
            location = named.location
            file = location.file if location else ""
            module = modules.get(file)
            if module is None:
                module = modules[file] = stub_module(file, package, runtime_protos)
            refs[type_id] = PyRef(module, type_id[cut + 1 :])
            packages[type_id] = type_id[:cut] if cut > 0 else ""
            files[type_id] = file

    def ref(self, type_id: str) -> PyRef:
        return self.refs[type_id]


def _class_cut(type_id: str, ids: Set[str], cuts: dict[str, int | None]) -> int:
    """Where the class path of `type_id` starts: the place of the dot before it (-1: none), the
    last dot of the first prefix that is itself a type (`a.b.Outer.Inner`: the dot before
    `Outer`). `cuts` keeps it for every prefix seen (None: no prefix of it is a type), so that
    the types of one package or message share their parents' answer."""
    found = cuts.get(type_id)
    if found is not None:
        return found
    chain = []
    name = type_id
    while name and name not in cuts:
        chain.append(name)
        name = name.rpartition(".")[0]
    found = cuts.get(name) if name else None
    for prefix in reversed(chain):
        if found is None and prefix in ids:
            found = prefix.rfind(".")
        cuts[prefix] = found
    assert found is not None  # (the type itself is one)
    return found


class Imports:
    """The import block of one generated module and the local names it binds."""

    def __init__(self, module: str, reserved: set[str]) -> None:
        self.module = module  # the importing module, for relative imports
        self.taken = set(reserved)
        self.names: dict[tuple[str, str], str] = {}  # (module, top class) -> local name
        self.modules: dict[str, str] = {}  # module -> local alias, when imported whole
        self.lines: set[str] = set()
        self.from_names: dict[str, set[str]] = {}  # source module -> names, merged per line
        # module leaf -> the numbered alias to try first: names are only ever taken, so the
        # first free one never comes before the last one handed out (hundreds of `r0_pb2`
        # modules numbered in one pass each, not each from 2 again)
        self._next_number: dict[str, int] = {}

    def name(self, ref: PyRef) -> str:
        """An expression for the class: `Name`, `Name.Inner` or `module_pb2.Name.Inner`."""
        key = (ref.module, ref.top)
        local = self.names.get(key)
        if local is None:
            if ref.top not in self.taken and not keyword.iskeyword(ref.top):
                local = ref.top
                self.taken.add(local)
                self.from_names.setdefault(self._source(ref.module), set()).add(ref.top)
            else:
                local = f"{self._module_alias(ref.module)}.{ref.top}"
            self.names[key] = local
        rest = ref.path[len(ref.top) :]
        return local + rest

    def add(self, line: str, *names: str) -> None:
        """A literal import line; `names` are the local names it binds."""
        self.lines.add(line)
        self.taken.update(names)

    def add_from(self, module: str, *names: str) -> None:
        """`from module import names...`, merged with other names from the same module."""
        self.from_names.setdefault(module, set()).update(names)
        self.taken.update(name.split(" as ")[-1] for name in names)

    def _module_alias(self, module: str) -> str:
        alias = self.modules.get(module)
        if alias is None:
            parent, _, leaf = module.rpartition(".")
            alias = leaf
            counter = self._next_number.get(leaf, 2)
            while alias in self.taken:
                alias = f"{leaf}_{counter}"
                counter += 1
            if alias != leaf:
                self._next_number[leaf] = counter
            self.taken.add(alias)
            self.modules[module] = alias
            suffix = f" as {alias}" if alias != leaf else ""
            self.from_names.setdefault(self._source(parent), set()).add(f"{leaf}{suffix}")
        return alias

    def _source(self, module: str) -> str:
        """Relative form for modules of our own package, absolute for the others."""
        return import_source(self.module, module)

    def block(self) -> list[str]:
        """Import lines grouped as a person would: stdlib, third party, this package."""
        lines = set(self.lines)
        for module, names in self.from_names.items():
            lines.add(from_import(module, sorted(names, key=_name_key)))
        return group_imports(sorted(lines, key=_import_sort_key))


@lru_cache(maxsize=4096)  # a pure function; a module imports from a few modules, many times
def import_source(importer: str, module: str) -> str:
    """How `importer` names `module` in a `from ... import`: relative within our own package
    (the importer's top-level package), absolute otherwise."""
    own_root = importer.split(".", 1)[0]
    if module != own_root and not module.startswith(own_root + "."):
        return module
    here = importer.split(".")[:-1]  # the importing module's package
    target = module.split(".")
    common = 0
    while common < min(len(here), len(target)) and here[common] == target[common]:
        common += 1
    dots = "." * (len(here) - common + 1)
    return dots + ".".join(target[common:])


def _name_key(name: str) -> tuple[bool, str]:
    """isort's order: CONSTANTS, Classes, functions (case-sensitive)."""
    bound = name.split(" as ")[0]
    return (not bound.isupper(), bound)


def _import_sort_key(line: str) -> tuple[int, str, str]:
    module = line.split()[1]
    first = 0 if module == "__future__" else 1
    return (first, module.lower(), line)
