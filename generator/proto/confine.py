"""Every compiled .proto file must come from the proto root or from the bundled includes.

protoc itself refuses `..`, `.` and absolute import paths, but follows symbolic links: a link
under the root could make an `import` read any file on the machine into the output. Files found
under the root are checked after resolving links; an escape is a located error at the `import`.
"""

from __future__ import annotations

from pathlib import Path

from google.protobuf import descriptor_pb2

from generator.diagnostics import Diagnostics
from generator.ir.model import Location
from generator.proto.source import SourceInfo

FILE_DEPENDENCY = 3  # FileDescriptorProto.dependency, in SourceCodeInfo paths


def refuse_escapes(
    file_set: descriptor_pb2.FileDescriptorSet, root: Path, includes: list[str], diagnostics: Diagnostics
) -> None:
    """Raise a located SpecError for each file read through a link that leaves the proto root."""
    escaped = {file.name for file in file_set.file if _escapes(file.name, root, includes)}
    if not escaped:
        return
    for file in file_set.file:
        for index, dependency in enumerate(file.dependency):
            if dependency in escaped:
                where = SourceInfo(file).location((FILE_DEPENDENCY, index))
                diagnostics.error(where, _message(dependency), hint=_HINT)
    imported = {dep for file in file_set.file for dep in file.dependency}
    for name in sorted(escaped - imported):  # an input file that is itself such a link
        diagnostics.error(Location(name), _message(name), hint=_HINT)
    diagnostics.raise_if_errors()


_HINT = "copy the file into the proto root instead of linking to it"


def _message(name: str) -> str:
    return f"import {name!r} resolves to a file outside the proto root (through a symbolic link): refused"


def _escapes(name: str, root: Path, includes: list[str]) -> bool:
    """True when protoc found `name` under `root` and the real file is not inside the root."""
    for position, include in enumerate(includes):  # protoc's search order; the root is first
        candidate = Path(include) / name
        if candidate.is_file():
            if position > 0:
                return False  # a bundled include (googleapis-common-protos, protobuf's own)
            return not candidate.resolve().is_relative_to(root.resolve())
    return False
