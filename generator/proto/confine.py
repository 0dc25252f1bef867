"""Every compiled .proto file must come from the proto root or from the bundled includes, and
have a name that can only become a plain module path.

protoc itself refuses `..`, `.` and absolute import paths, but follows symbolic links: a link
under the root could make an `import` read any file on the machine into the output. Files found
under the root are checked after resolving links; an escape is a located error at the `import`.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from google.protobuf import descriptor_pb2

from generator.diagnostics import Diagnostics
from generator.ir.model import Location
from generator.proto.source import SourceInfo

FILE_DEPENDENCY = 3  # FileDescriptorProto.dependency, in SourceCodeInfo paths


def refuse_escapes(
    files: Sequence[descriptor_pb2.FileDescriptorProto],
    root: Path,
    includes: list[str],
    diagnostics: Diagnostics,
    *,
    links: bool,
) -> None:
    """Raise a located SpecError for each file read through a link that leaves the proto root
    (`links`: whether a link sits under the root, `tree.ProtoTree.links`)."""
    if not links:
        return  # nothing under the root can lead out of it
    escaped = {file.name for file in files if _escapes(file.name, root, includes)}
    _refuse(
        files,
        escaped,
        lambda name: f"{name!r} resolves to a file outside the proto root (through a symbolic link): refused",
        "copy the file into the proto root instead of linking to it",
        diagnostics,
    )


# Stub modules are named after their .proto path, and grpc_tools writes that path into string
# literals and import statements unescaped: only names that make plain module paths are copied.
SAFE_PROTO_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(/[A-Za-z_][A-Za-z0-9_-]*)*\.proto")


def refuse_unsafe_names(
    files: Sequence[descriptor_pb2.FileDescriptorProto], stubbed: Callable[[str], bool], diagnostics: Diagnostics
) -> None:
    """Raise a located SpecError for each file whose stubs we copy and whose stub module cannot
    be imported (`unsafe_names`)."""
    unsafe = unsafe_names([file.name for file in files if stubbed(file.name)])
    _refuse(
        files,
        unsafe,
        lambda name: f"file name {name!r} cannot name a Python module of its own: refused",
        "use letters, digits, `_` and `-` in .proto file and folder names, starting with a letter; no Python "
        "keyword as a folder name; no two paths that differ only by `-` and `_` or by case; no folder named like a "
        "file's stubs",
        diagnostics,
    )


def stub_module(name: str) -> str:
    """The module protoc names the stubs of the .proto file `name` by (`a-b/c.proto`: `a_b.c_pb2`)."""
    return name.removesuffix(".proto").replace("-", "_").replace("/", ".") + "_pb2"


def unsafe_names(names: Collection[str]) -> set[str]:
    """Of the .proto files `names` (those whose stubs we copy), those whose stub module cannot be
    imported as itself: a path that is not plain; a folder named like a Python keyword
    (`class/x.proto`: `import class.x_pb2` is no Python); a module another file's module shares
    (`a-b.proto` and `a_b.proto`: protoc writes both to `a_b_pb2.py`); a module (or its gRPC
    module) that is also another module's folder (`x.proto` and `x_pb2/y.proto`: Python finds the
    folder); a module or folder whose name differs from another's only by case."""
    unsafe = {name for name in names if not SAFE_PROTO_PATH.fullmatch(name)}
    modules: dict[str, list[str]] = {}
    for name in names:
        if name not in unsafe:
            module = stub_module(name)
            if any(keyword.iskeyword(part) for part in module.split(".")):
                unsafe.add(name)
            else:
                modules.setdefault(module, []).append(name)
    folders = {module.rsplit(".", depth)[0] for module in modules for depth in range(1, module.count(".") + 1)}
    for module, owners in modules.items():
        if len(owners) > 1 or module in folders or f"{module}_grpc" in folders:
            unsafe.update(owners)
    # names that differ only by case are one file or folder where the client may be vendored
    # (macOS, Windows): `Foo.proto` beside `foo.proto`, `Foo/x.proto` beside `foo/y.proto`
    spellings: dict[str, set[str]] = {}
    for name in {*modules, *folders}:
        spellings.setdefault(name.casefold(), set()).add(name)
    clashing = {name for found in spellings.values() if len(found) > 1 for name in found}
    for module, owners in modules.items():
        parts = module.split(".")
        if any(".".join(parts[:end]) in clashing for end in range(1, len(parts) + 1)):
            unsafe.update(owners)
    return unsafe


def _refuse(
    files: Sequence[descriptor_pb2.FileDescriptorProto],
    refused: set[str],
    message: Callable[[str], str],
    hint: str,
    diagnostics: Diagnostics,
) -> None:
    """An error at each `import` of a refused file, or at the file itself when it is an input."""
    if not refused:
        return
    for file in files:
        for index, dependency in enumerate(file.dependency):
            if dependency in refused:
                where = SourceInfo(file).location((FILE_DEPENDENCY, index))
                diagnostics.error(where, message(dependency), hint=hint)
    imported = {dep for file in files for dep in file.dependency}
    for name in sorted(refused - imported):
        diagnostics.error(Location(name), message(name), hint=hint)
    diagnostics.raise_if_errors()


def _escapes(name: str, root: Path, includes: list[str]) -> bool:
    """True when protoc found `name` under `root` and the real file is not inside the root."""
    for position, include in enumerate(includes):  # protoc's search order; the root is first
        candidate = Path(include) / name
        if candidate.is_file():
            if position > 0:
                return False  # a bundled include (googleapis-common-protos, protobuf's own)
            return not candidate.resolve().is_relative_to(root.resolve())
    return False
