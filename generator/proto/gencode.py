"""Which protobuf and grpcio releases the generated stubs run on, and the edits that make it so.

protoc writes a gencode check into every `_pb2.py` (`ValidateProtobufRuntimeVersion(...)`,
refusing any protobuf runtime of another major than the compiler's) and grpc_tools one into every
`_pb2_grpc.py` (refusing a grpcio older than the compiler). The code between those checks only
uses the `builder` API (`AddSerializedFile`, `BuildMessageAndEnumDescriptors`,
`BuildTopDescriptorsAndMessages`), present unchanged in every protobuf since 5.26, and
`_registered_method=True` / `server.add_registered_method_handlers`, present since grpcio 1.65.
Dropping the checks lets a generated package share an environment with packages that pin protobuf<7
(`yandexcloud`, `yandex-ai-studio-sdk`); `make compat` proves the range below.
"""

from __future__ import annotations

import re

# The oldest and the next unsupported majors; `make compat` runs the package's tests at both ends.
PROTOBUF_REQUIREMENT = "protobuf>=5.26.1,<8"
GRPCIO_REQUIREMENT = "grpcio>=1.65"
# google/api, google/rpc stubs; pip picks the release made for the installed protobuf major
GOOGLEAPIS_REQUIREMENT = "googleapis-common-protos>=1.63"

# Each check is whole lines; a pattern takes the line break before them instead of the one
# after (the same text goes), so it starts with a literal the regex engine jumps to: a pattern
# starting at `^` would be tried at every character of the long serialized descriptor literals.
_PROTOBUF_CHECK = re.compile(
    r"\n(?:from google\.protobuf import runtime_version as _runtime_version"
    r"|_runtime_version\.ValidateProtobufRuntimeVersion\((?:\n[ \t]+.*)*?\n\))(?=\n)"
)
_GRPC_CHECK = re.compile(
    r"\nGRPC_GENERATED_VERSION = .*(?:\n.*)*?\nif _version_not_supported:(?:\n[ \t]+.*)+(?=\n)"
)


def drop_version_checks(text: str) -> str:
    """A stub's text without the protobuf and grpcio gencode version checks (else unchanged)."""
    # the substring tests spare most stubs two regex scans of their long descriptor literals
    if "_runtime_version" in text:
        text = _PROTOBUF_CHECK.sub("", "\n" + text)[1:]
    if "GRPC_GENERATED_VERSION" in text:
        text = _GRPC_CHECK.sub("", "\n" + text)[1:]
    # a check left in place (protoc or grpc_tools changed how they write it) would make the
    # package fail at import on the older runtimes its requirements allow: stop here instead
    if "ValidateProtobufRuntimeVersion" in text or "GRPC_GENERATED_VERSION" in text:
        raise ValueError("a gencode version check in a stub has a shape gencode.py does not know")
    return text
