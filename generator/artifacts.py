"""What a front end hands the renderer besides the IR.

The IR is language-neutral data; some output is made by tools the front end runs, not by our
templates. For protos that is grpc_tools' stubs. They travel next to the IR as an explicit
value (the pipeline passes both to the renderer), so rendering depends on its inputs only:
save the IR and the artifacts, render them in another process, get the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import field
from types import MappingProxyType

from generator.encoded import Text, as_str
from generator.lazy_dataclass import lazy_dataclass

STUB_FOLDER = "_pb"  # where the stubs live inside a package; the formatter leaves it alone


@lazy_dataclass(frozen=True)
class ProtoArtifacts:
    """The proto front end's output besides the IR, ready to be written as is."""

    fingerprint: str  # of the descriptor set; equals the IR's `proto_fingerprint` extension
    # {path inside the package (under `_pb/`): text}: `_pb2.py`, `.pyi`, `_pb2_grpc.py` with
    # imports already pointing at `<package>._pb`, one empty `__init__.py` per folder (a stub
    # the front end kept in its cache: as the bytes kept, `Encoded`)
    stubs: Mapping[str, Text] = field(default_factory=dict)
    # .proto files whose `_pb2` modules come with protobuf or googleapis-common-protos: the
    # package imports those modules rather than shipping a copy
    runtime_protos: frozenset[str] = frozenset()
    # the oldest protobuf and grpcio the stubs accept, e.g. ("grpcio>=1.68.1", "protobuf>=5.29.0,<6")
    requirements: tuple[str, ...] = ()
    # by path (as in `stubs`), a key naming the stub's text where the front end kept it in its
    # cache: a stub under the key it had last run has last run's text, whose digest the
    # renderer's units kept (not hashed again). Bookkeeping only: no part of the output.
    stub_keys: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "stubs", MappingProxyType(dict(sorted(self.stubs.items()))))
        object.__setattr__(self, "runtime_protos", frozenset(self.runtime_protos))
        object.__setattr__(self, "requirements", tuple(self.requirements))

    def to_json(self) -> str:
        return json.dumps(
            {
                "fingerprint": self.fingerprint,
                "stubs": {path: as_str(text) for path, text in self.stubs.items()},
                "runtime_protos": sorted(self.runtime_protos),
                "requirements": list(self.requirements),
            },
            indent=1,
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> ProtoArtifacts:
        data = json.loads(text)
        return cls(
            fingerprint=str(data["fingerprint"]),
            stubs={str(k): str(v) for k, v in data["stubs"].items()},
            runtime_protos=frozenset(str(name) for name in data["runtime_protos"]),
            requirements=tuple(str(item) for item in data["requirements"]),
        )
