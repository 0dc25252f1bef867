"""One protoc run as the renderer's `ProtoArtifacts`: the stubs rewritten for the package, the
proto files the runtime provides, and the runtime versions the stubs ask for."""

from __future__ import annotations

from generator.artifacts import ProtoArtifacts
from generator.proto.compile import Compiled, runtime_provided
from generator.proto.file_cache import FileCache
from generator.proto.gencode import GOOGLEAPIS_REQUIREMENT, GRPCIO_REQUIREMENT, PROTOBUF_REQUIREMENT
from generator.proto.stubs import stub_files


def proto_artifacts(
    compiled: Compiled, package: str, cache: FileCache | None = None
) -> ProtoArtifacts:
    """What rendering `package` needs from `compiled` besides the IR."""
    keys: dict[str, str] = {}
    return ProtoArtifacts(
        fingerprint=compiled.fingerprint,
        stubs=stub_files(compiled, package, cache, keys),
        runtime_protos=frozenset(
            proto.name for proto in compiled.protos if runtime_provided(proto.name)
        ),
        # the stubs carry no gencode checks (see gencode): they run on these ranges
        requirements=(GOOGLEAPIS_REQUIREMENT, GRPCIO_REQUIREMENT, PROTOBUF_REQUIREMENT),
        stub_keys=keys,
    )
