"""One protoc run as the renderer's `ProtoArtifacts`: the stubs rewritten for the package, the
proto files the runtime provides, and the runtime versions the stubs ask for."""

from __future__ import annotations

import re

from generator.artifacts import ProtoArtifacts
from generator.proto.compile import Compiled, runtime_provided
from generator.proto.stubs import stub_files

_GENCODE = re.compile(r"^# Protobuf Python Version: (\d+)\.(\d+)\.(\d+)", re.MULTILINE)
_GRPC_GENCODE = re.compile(r"^GRPC_GENERATED_VERSION = '([\d.]+)'", re.MULTILINE)


def proto_artifacts(compiled: Compiled, package: str) -> ProtoArtifacts:
    """What rendering `package` needs from `compiled` besides the IR."""
    return ProtoArtifacts(
        fingerprint=compiled.fingerprint,
        stubs=stub_files(compiled, package),
        runtime_protos=frozenset(
            file.name for file in compiled.file_set().file if runtime_provided(file.name)
        ),
        requirements=stub_requirements(compiled),
    )


def stub_requirements(compiled: Compiled) -> tuple[str, ...]:
    """The stubs refuse older protobuf/grpcio than they were made with."""
    protobuf = "protobuf>=5.26"
    grpc = "grpcio>=1.60"
    for _, text in compiled.stubs:
        match = _GENCODE.search(text)
        if match:
            major = int(match[1])
            protobuf = f"protobuf>={match[1]}.{match[2]}.{match[3]},<{major + 1}"
            break
    for _, text in compiled.stubs:
        match = _GRPC_GENCODE.search(text)
        if match:
            grpc = f"grpcio>={match[1]}"
            break
    return (grpc, protobuf)
