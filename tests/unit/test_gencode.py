"""The stubs' gencode version checks are dropped, so the package runs on protobuf 5.26+ to 7.x."""

from __future__ import annotations

import tomllib

import pytest

from generator.proto.gencode import (
    GRPCIO_REQUIREMENT,
    PROTOBUF_REQUIREMENT,
    drop_version_checks,
)
from tests.support.paths import GENERATED

PB2 = """\
from google.protobuf import descriptor as _descriptor
from google.protobuf import runtime_version as _runtime_version
from google.protobuf.internal import builder as _builder
_runtime_version.ValidateProtobufRuntimeVersion(
    _runtime_version.Domain.PUBLIC,
    7,
    35,
    1,
    '',
    'a/b.proto'
)
# @@protoc_insertion_point(imports)
"""

PB2_GRPC = """\
import grpc
import warnings

from a import b_pb2 as a_dot_b__pb2

GRPC_GENERATED_VERSION = '1.85.1'
GRPC_VERSION = grpc.__version__
_version_not_supported = False

try:
    from grpc._utilities import first_version_is_lower
    _version_not_supported = first_version_is_lower(GRPC_VERSION, GRPC_GENERATED_VERSION)
except ImportError:
    _version_not_supported = True

if _version_not_supported:
    raise RuntimeError(
        f'The grpc package installed is at version {GRPC_VERSION},'
        + ' but the generated code depends on'
    )


class BStub:
    pass
"""


def test_protobuf_check_is_dropped() -> None:
    assert drop_version_checks(PB2) == (
        "from google.protobuf import descriptor as _descriptor\n"
        "from google.protobuf.internal import builder as _builder\n"
        "# @@protoc_insertion_point(imports)\n"
    )


def test_grpc_check_is_dropped() -> None:
    text = drop_version_checks(PB2_GRPC)
    assert "GRPC_GENERATED_VERSION" not in text and "_version_not_supported" not in text
    assert text.startswith("import grpc\nimport warnings\n\nfrom a import b_pb2 as a_dot_b__pb2\n")
    assert text.endswith("\n\nclass BStub:\n    pass\n")


def test_text_without_checks_is_unchanged() -> None:
    assert drop_version_checks("import grpc\n\nx = 1\n") == "import grpc\n\nx = 1\n"


def test_committed_stubs_have_no_checks_and_the_package_declares_the_range() -> None:
    package = GENERATED / "python" / "ai_studio"
    stubs = list((package / "ai_studio" / "native" / "_pb").rglob("*.py"))
    assert len(stubs) > 40
    for stub in stubs:
        text = stub.read_text()
        assert "ValidateProtobufRuntimeVersion" not in text and "GRPC_GENERATED_VERSION" not in text, stub
    dependencies = tomllib.loads((package / "pyproject.toml").read_text())["project"]["dependencies"]
    assert PROTOBUF_REQUIREMENT in dependencies and GRPCIO_REQUIREMENT in dependencies


def test_a_check_of_an_unknown_shape_is_not_left_in_silently() -> None:
    from generator.proto.gencode import drop_version_checks

    odd = "import grpc\nGRPC_GENERATED_VERSION = '9.9.9'\nif grpc.__version__ < GRPC_GENERATED_VERSION: raise RuntimeError\n"
    with pytest.raises(ValueError, match="version check"):
        drop_version_checks(odd)


def test_checks_are_dropped_at_the_start_of_a_text_and_back_to_back() -> None:
    """The patterns take the line break before a check (to skip long lines fast): a check on the
    first line, or right after another, goes as well."""
    validate = PB2.split("\n", 3)[3].split("# @@")[0]  # the `ValidateProtobufRuntimeVersion(...)` lines
    text = "from google.protobuf import runtime_version as _runtime_version\n" + validate + validate + "x = 1\n"
    assert drop_version_checks(text) == "x = 1\n"
    grpc_check = PB2_GRPC[PB2_GRPC.index("GRPC_GENERATED_VERSION") : PB2_GRPC.index("\n\n\nclass") + 1]
    assert drop_version_checks(grpc_check + "y = 2\n") == "y = 2\n"
