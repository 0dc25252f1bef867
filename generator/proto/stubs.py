"""grpc_tools' `_pb2.py`, `_pb2.pyi` and `_pb2_grpc.py`, moved under `<package>._pb`.

Imports between our stubs are rewritten (`from yandex.cloud.x import y_pb2` becomes
`from <package>._pb.yandex.cloud.x import y_pb2`) so that the generated package has no
top-level `yandex` module. Files whose modules ship with the protobuf runtime or with
googleapis-common-protos (google/protobuf, google/api, google/rpc, ...) are not copied: the
package imports those, because a second copy of the same .proto file name in protobuf's
default descriptor pool would clash with theirs.
"""

from __future__ import annotations

import posixpath
import re

from generator.artifacts import STUB_FOLDER
from generator.encoded import Encoded, Text
from generator.proto.compile import Compiled, runtime_provided
from generator.proto.file_cache import STUBS, FileCache
from generator.proto.gencode import drop_version_checks

_HEADER = "# mypy: ignore-errors\n"
# Each pattern starts at a line break: the regex engine then jumps from one line break to the
# next instead of trying every character of the long serialized descriptor literals.
# `from <module> import <name>` or `import <name>_pb2`, in one pass over the text; `<name>` may
# be `*`: the `.py` of a file with an `import public` takes in the public import's names that way
_IMPORT = re.compile(
    r"\n(?P<indent>[ \t]*)(?:from (?P<module>[\w.]+) import (?P<name>\w+|\*)"
    r"|import (?P<plain>\w+_pb2(?:_grpc)?))(?P<alias> as \w+)?(?=\n)"
)
_BUILDER_MODULE = re.compile(r"(BuildTopDescriptorsAndMessages\(DESCRIPTOR, )'(?P<module>[\w.]+)'")


def stub_files(
    compiled: Compiled, package: str, cache: FileCache | None = None, keys: dict[str, str] | None = None
) -> dict[str, Text]:
    """{path inside the package: text} for every stub of a file we own, imports rewritten.

    Paths start with `_pb/`; each folder gets an empty `__init__.py`. A file's stubs depend on
    the file and its imports (its key) and on `package` only: with a `cache`, they are rewritten
    only when that changed (else they come as the bytes kept, `Encoded`), and `keys` is given
    the key each stub's text is kept under (`ProtoArtifacts.stub_keys`).
    """
    by_file: dict[str, list[tuple[str, str]]] = {}
    for path, text in compiled.stubs:
        proto = _proto_of(path)
        if not runtime_provided(proto):
            by_file.setdefault(proto, []).append((path, text))
    owned = {_module(path): path for stubs in by_file.values() for path, _ in stubs}
    prefix = f"{package}.{STUB_FOLDER}"
    protos = {proto.name: proto for proto in compiled.protos}

    def rewritten(name: str) -> tuple[tuple[str, str], ...]:
        if any(not text for _, text in by_file[name]):  # (`compile` makes sure it never is)
            raise RuntimeError(f"{name}: protoc's stubs were left out of the cache without their rewritten form")
        with_services = bool(compiled.parse(name).service) if name in protos else True
        return tuple(
            (
                f"{STUB_FOLDER}/{path}",
                _HEADER + rewrite_imports(drop_version_checks(text), owned, prefix),
            )
            for path, text in by_file[name]
            if with_services or not path.endswith("_pb2_grpc.py")
        )

    out: dict[str, Text] = {}
    for name in sorted(by_file):
        made: tuple[tuple[str, Text], ...]
        if cache is None or name not in protos:
            made = rewritten(name)
        else:  # (protoc's text is left out of the cache where this is kept: `compile`)
            key = cache.stub_key(protos[name].key)
            kept = cache.stub_texts(name, key, [path for path, _ in by_file[name]])
            if kept is None:
                made = rewritten(name)
                cache.keep_stub_texts(name, key, made)
            else:  # as the bytes kept, never decoded (`file_cache`)
                made = tuple((path, Encoded((text,))) for path, text in kept)
            if keys is not None and cache.enabled:
                keys.update(dict.fromkeys((path for path, _ in made), cache.text_key(STUBS, key)))
        out.update(made)
        folder = posixpath.dirname(by_file[name][0][0])  # a file's stubs share one folder
        while folder and f"{STUB_FOLDER}/{folder}/__init__.py" not in out:
            out[f"{STUB_FOLDER}/{folder}/__init__.py"] = ""
            folder = posixpath.dirname(folder)
    out.setdefault(f"{STUB_FOLDER}/__init__.py", "")
    return dict(sorted(out.items()))


def rewrite_imports(text: str, owned: dict[str, str], prefix: str) -> str:
    """Point imports of our own stub modules at `prefix` (`<package>._pb`)."""

    def an_import(match: re.Match[str]) -> str:
        name = match["plain"]
        if name is not None:  # import x_pb2
            if name not in owned:
                return match[0]
            alias = match["alias"] or f" as {name}"
            return f"\n{match['indent']}from {prefix} import {name}{alias}"
        module, name = match["module"], match["name"]
        # `from a.b import c_pb2` names our module `a.b.c_pb2`; `from a.b.c_pb2 import *` and
        # `from a.b.c_pb2 import C as C` (what protoc writes for `import public`) name `a.b.c_pb2`
        if module not in owned and f"{module}.{name}" not in owned:
            return match[0]
        return f"\n{match['indent']}from {prefix}.{module} import {name}{match['alias'] or ''}"

    def builder(match: re.Match[str]) -> str:
        module = match["module"]
        if module not in owned:
            return match[0]
        return f"{match[1]}'{prefix}.{module}'"

    # every import holds `import `: the text after the line of its last one is left as it is
    # (most of a stub: the message classes of a `.pyi`, the serialized descriptor)
    last = text.rfind("import ")
    if last >= 0:
        cut = text.find("\n", last)
        cut = len(text) if cut < 0 else cut
        text = _IMPORT.sub(an_import, "\n" + text[:cut] + "\n")[1:-1] + text[cut:]
    return _BUILDER_MODULE.sub(builder, text)


def _module(path: str) -> str:
    return path.removesuffix(".pyi").removesuffix(".py").replace("/", ".")


def _proto_of(path: str) -> str:
    stem = path.removesuffix(".pyi").removesuffix(".py")
    stem = stem.removesuffix("_grpc").removesuffix("_pb2")
    return stem + ".proto"
