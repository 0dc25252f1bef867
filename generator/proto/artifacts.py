"""One protoc run as the renderer's `ProtoArtifacts`: the stubs rewritten for the package, the
proto files the runtime provides, and the runtime versions the stubs ask for."""

from __future__ import annotations

from generator.artifacts import ProtoArtifacts
from generator.proto.compile import Compiled, runtime_provided
from generator.proto.gencode import GOOGLEAPIS_REQUIREMENT, GRPCIO_REQUIREMENT, PROTOBUF_REQUIREMENT
from generator.proto.stubs import stub_files


def proto_artifacts(compiled: Compiled, package: str) -> ProtoArtifacts:
    """What rendering `package` needs from `compiled` besides the IR."""
    return ProtoArtifacts(
        fingerprint=compiled.fingerprint,
        stubs=stub_files(compiled, package),
        runtime_protos=frozenset(
            file.name for file in compiled.file_set().file if runtime_provided(file.name)
        ),
        # the stubs carry no gencode checks (see gencode): they run on these ranges
        requirements=(GOOGLEAPIS_REQUIREMENT, GRPCIO_REQUIREMENT, PROTOBUF_REQUIREMENT),
    )

