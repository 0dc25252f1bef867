"""Run grpc_tools' protoc in-process: one run gives the descriptor set and the Python stubs.

protoc writes its messages to file descriptor 2, not to `sys.stderr`, so the descriptor is
redirected into a temporary file while it runs and parsed into located problems afterwards.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from google.protobuf import descriptor_pb2

from generator.diagnostics import Diagnostics
from generator.ir.model import Location
from generator.proto.confine import refuse_escapes, refuse_unsafe_names
from generator.proto.source import undecodable_comments
from generator.proto.stub_input import without_source_text
from generator.proto.text_check import refuse_undecodable


@dataclass(frozen=True)
class Compiled:
    """What one protoc run produced, kept in memory."""

    files: tuple[str, ...]  # the inputs, relative to the root, sorted
    descriptor_set: bytes  # FileDescriptorSet with imports and source info
    stubs: tuple[tuple[str, str], ...]  # (path relative to the output dir, text), sorted

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.descriptor_set).hexdigest()[:16]

    def file_set(self) -> descriptor_pb2.FileDescriptorSet:
        return descriptor_pb2.FileDescriptorSet.FromString(self.descriptor_set)


# Compiled with every input so that option strings such as `response: "google.protobuf.Empty"`
# resolve even when no input imports the file.
WELL_KNOWN = tuple(
    f"google/protobuf/{name}.proto"
    for name in ("any", "duration", "empty", "field_mask", "struct", "timestamp", "wrappers")
)

_LOCATED = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.*)$")
_FILE_ONLY = re.compile(r"^(?P<file>[^:\n]+): (?P<message>.*)$")


def find_protos(root: Path) -> tuple[str, ...]:
    """Every .proto file under root, as sorted POSIX paths relative to it."""
    return tuple(sorted(p.relative_to(root).as_posix() for p in root.rglob("*.proto")))


def include_paths(root: Path) -> list[str]:
    """The root first (its own google/api copies win), then googleapis-common-protos, then WKTs."""
    import google.api
    import grpc_tools

    paths = [str(root)]
    for api_dir in google.api.__path__:
        site = Path(api_dir).parent.parent
        if (site / "google" / "api" / "annotations.proto").is_file():
            paths.append(str(site))
            break
    paths.append(str(Path(grpc_tools.__file__).parent / "_proto"))
    return paths


def compile_protos(root: Path, files: tuple[str, ...], diagnostics: Diagnostics) -> Compiled:
    """Compile `files` (relative to `root`); protoc errors become located problems.

    Two protoc runs: the first parses the sources into a descriptor set (with comments, for
    the IR); the second writes the stubs from that set stripped of all source text (see
    `stub_input`), so no comment can reach the copied stubs.
    """
    includes = include_paths(root)
    refuse_undecodable(root, find_protos(root), diagnostics)  # before protoc: it would abort
    with tempfile.TemporaryDirectory(prefix="apigen-protoc-") as tmp:
        work = Path(tmp)
        descriptor_path = work / "descriptors.binpb"
        inputs = [*files, *(name for name in WELL_KNOWN if name not in files)]
        code, messages = _run_protoc(
            [
                *(f"-I{path}" for path in includes),
                f"--descriptor_set_out={descriptor_path}",
                "--include_imports",
                "--include_source_info",
                *inputs,
            ],
            work,
        )
        _report(messages, files, includes, diagnostics, failed=code != 0)
        if code != 0:
            diagnostics.raise_if_errors()
            raise diagnostics.fail(Location(files[0] if files else str(root)), "protoc failed")
        descriptor_set = descriptor_path.read_bytes()
        file_set = descriptor_pb2.FileDescriptorSet.FromString(descriptor_set)
        refuse_escapes(file_set, root, includes, diagnostics)
        refuse_unsafe_names(file_set, lambda name: not runtime_provided(name), diagnostics)
        _warn_undecodable(file_set, diagnostics)
        # imports outside the inputs need stubs too, unless the protobuf runtime or
        # googleapis-common-protos provides them
        missing = [f.name for f in file_set.file if f.name not in inputs and not runtime_provided(f.name)]
        stubs = _stubs(file_set, [*inputs, *sorted(missing)], work, diagnostics)
    return Compiled(files, descriptor_set, stubs)


def _stubs(
    file_set: descriptor_pb2.FileDescriptorSet, targets: list[str], work: Path, diagnostics: Diagnostics
) -> tuple[tuple[str, str], ...]:
    """`_pb2.py`, `_pb2.pyi` and `_pb2_grpc.py` of `targets`, written from a comment-free set."""
    stub_input = work / "stub-input.binpb"
    stub_input.write_bytes(without_source_text(file_set).SerializeToString(deterministic=True))
    # each generator writes one zip archive: three files instead of three per proto
    archives = {flag: work / f"{flag}.zip" for flag in ("python_out", "pyi_out", "grpc_python_out")}
    # no -I: with a proto path protoc would parse the sources again, comments included
    code, messages = _run_protoc(
        [
            f"--descriptor_set_in={stub_input}",
            *(f"--{flag}={archive}" for flag, archive in archives.items()),
            *targets,
        ],
        work,
    )
    if code != 0:
        raise diagnostics.fail(Location(targets[0]), f"protoc failed: {messages.strip()}")
    stubs: dict[str, str] = {}
    for archive in archives.values():
        with zipfile.ZipFile(archive) as opened:
            for entry in opened.infolist():
                if not entry.is_dir():
                    stubs[entry.filename] = opened.read(entry).decode("utf-8")
    return tuple(sorted(stubs.items()))


def _warn_undecodable(file_set: descriptor_pb2.FileDescriptorSet, diagnostics: Diagnostics) -> None:
    for file in file_set.file:
        for where in undecodable_comments(file):
            diagnostics.warn(
                where,
                "comment is not UTF-8 text: its invalid bytes are shown as U+FFFD in the docs",
                hint="save the .proto file as UTF-8",
            )


def runtime_provided(proto_file: str) -> bool:
    """True for google/... files whose _pb2 module ships with protobuf or googleapis-common-protos."""
    if not proto_file.startswith("google/"):
        return False
    import google

    module = proto_file.removesuffix(".proto").removeprefix("google/") + "_pb2.py"
    return any((Path(base) / module).is_file() for base in google.__path__)


def _run_protoc(flags: list[str], tmp: Path) -> tuple[int, str]:
    from grpc_tools import protoc

    args = ["grpc_tools.protoc", *flags]
    stderr_path = tmp / "stderr.txt"
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(stderr_path, "wb") as sink:
            os.dup2(sink.fileno(), 2)
            try:
                code = int(protoc.main(args))
            finally:
                os.dup2(saved, 2)
    finally:
        os.close(saved)
    return code, stderr_path.read_text(encoding="utf-8", errors="replace")


def _relative(file: str, includes: list[str]) -> str:
    """protoc names files by disk path at times: report them relative to their include path."""
    for include in includes:
        prefix = include.rstrip("/") + "/"
        if file.startswith(prefix):
            return file[len(prefix) :]
    return file


def _report(
    messages: str,
    files: tuple[str, ...],
    includes: list[str],
    diagnostics: Diagnostics,
    *,
    failed: bool,
) -> None:
    for line in messages.splitlines():
        line = line.strip()
        if not line:
            continue
        match = _LOCATED.match(line)
        if match:
            location = Location(
                _relative(match["file"], includes), line=int(match["line"]), column=int(match["col"])
            )
            message = match["message"]
        else:
            match = _FILE_ONLY.match(line)
            where = match["file"] if match else (files[0] if files else "")
            location = Location(_relative(where, includes))
            message = match["message"] if match else line
        if message.startswith("warning: "):
            diagnostics.warn(location, message.removeprefix("warning: "))
        elif failed:
            diagnostics.error(location, message, hint="fix the .proto file and run again")
        else:
            diagnostics.warn(location, message)
