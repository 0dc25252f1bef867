"""grpc_tools' `_pb2.py`, `_pb2.pyi` and `_pb2_grpc.py`, moved under `<package>._pb`.

Imports between our stubs are rewritten (`from yandex.cloud.x import y_pb2` becomes
`from <package>._pb.yandex.cloud.x import y_pb2`) so that the generated package has no
top-level `yandex` module. Files whose modules ship with the protobuf runtime or with
googleapis-common-protos (google/protobuf, google/api, google/rpc, ...) are not copied: the
package imports those, because a second copy of the same .proto file name in protobuf's
default descriptor pool would clash with theirs.
"""

from __future__ import annotations

import re

from google.protobuf import descriptor_pb2

from generator.artifacts import STUB_FOLDER
from generator.proto.compile import Compiled, runtime_provided
from generator.proto.gencode import drop_version_checks

_HEADER = "# mypy: ignore-errors\n"
# Each pattern starts at a line break: the regex engine then jumps from one line break to the
# next instead of trying every character of the long serialized descriptor literals.
_FROM_IMPORT = re.compile(
    r"\n(?P<indent>[ \t]*)from (?P<module>[\w.]+) import (?P<name>\w+)(?P<alias> as \w+)?(?=\n)"
)
_PLAIN_IMPORT = re.compile(r"\n(?P<indent>[ \t]*)import (?P<name>\w+_pb2(?:_grpc)?)(?P<alias> as \w+)?(?=\n)")
_BUILDER_MODULE = re.compile(r"(BuildTopDescriptorsAndMessages\(DESCRIPTOR, )'(?P<module>[\w.]+)'")


def stub_files(compiled: Compiled, package: str) -> dict[str, str]:
    """{path inside the package: text} for every stub of a file we own, imports rewritten.

    Paths start with `_pb/`; each folder gets an empty `__init__.py`.
    """
    with_services = files_with_services(compiled.file_set())
    owned = {
        _module(path): path
        for path, _ in compiled.stubs
        if not runtime_provided(_proto_of(path))
    }
    prefix = f"{package}.{STUB_FOLDER}"
    out: dict[str, str] = {}
    for path, text in compiled.stubs:
        proto = _proto_of(path)
        if runtime_provided(proto):
            continue
        if path.endswith("_pb2_grpc.py") and proto not in with_services:
            continue
        out[f"{STUB_FOLDER}/{path}"] = _HEADER + rewrite_imports(
            drop_version_checks(text), owned, prefix
        )
        folder = path.rpartition("/")[0]
        while folder:  # each folder above the stub (plain strings: thousands of stubs)
            out.setdefault(f"{STUB_FOLDER}/{folder}/__init__.py", "")
            folder = folder.rpartition("/")[0]
    out.setdefault(f"{STUB_FOLDER}/__init__.py", "")
    return dict(sorted(out.items()))


def rewrite_imports(text: str, owned: dict[str, str], prefix: str) -> str:
    """Point imports of our own stub modules at `prefix` (`<package>._pb`)."""

    def from_import(match: re.Match[str]) -> str:
        module, name = match["module"], match["name"]
        if f"{module}.{name}" not in owned:
            return match[0]
        return f"\n{match['indent']}from {prefix}.{module} import {name}{match['alias'] or ''}"

    def plain_import(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in owned:
            return match[0]
        alias = match["alias"] or f" as {name}"
        return f"\n{match['indent']}from {prefix} import {name}{alias}"

    def builder(match: re.Match[str]) -> str:
        module = match["module"]
        if module not in owned:
            return match[0]
        return f"{match[1]}'{prefix}.{module}'"

    text = _FROM_IMPORT.sub(from_import, "\n" + text + "\n")
    text = _PLAIN_IMPORT.sub(plain_import, text)[1:-1]
    return _BUILDER_MODULE.sub(builder, text)


def _module(path: str) -> str:
    return path.removesuffix(".pyi").removesuffix(".py").replace("/", ".")


def _proto_of(path: str) -> str:
    stem = path.removesuffix(".pyi").removesuffix(".py")
    stem = stem.removesuffix("_grpc").removesuffix("_pb2")
    return stem + ".proto"


def files_with_services(file_set: descriptor_pb2.FileDescriptorSet) -> frozenset[str]:
    return frozenset(file.name for file in file_set.file if file.service)
