"""The real upstream cloudapi tree: every rpc and message reaches the IR; the package is sound."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from google.protobuf import descriptor_pb2

from generator.diagnostics import Diagnostics
from generator.ir.model import ObjectType
from generator.proto import load_proto
from generator.proto.tree import scan
from generator.render.python.grpc.package import render_proto_package
from tests.proto.conftest import OPTIONS, PACKAGE
from tests.support.paths import CLOUDAPI, PYTHON, require


def independent_counts(root: Path, out: Path) -> tuple[set[str], set[str]]:
    """rpcs and messages, counted from a descriptor set made by a separate protoc process."""
    import grpc_tools

    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{root}",
         f"-I{Path(grpc_tools.__file__).parent / '_proto'}",
         f"--descriptor_set_out={out}", *scan(root).protos],
        check=True,
    )
    file_set = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes())
    rpcs: set[str] = set()
    messages: set[str] = set()

    def walk(prefix: str, message: descriptor_pb2.DescriptorProto) -> None:
        if not message.options.map_entry:
            messages.add(prefix + message.name)
        for nested in message.nested_type:
            walk(f"{prefix}{message.name}.", nested)

    for file in file_set.file:
        package = f"{file.package}." if file.package else ""
        for service in file.service:
            rpcs.update(f"/{package}{service.name}/{m.name}" for m in service.method)
        for message in file.message_type:
            walk(package, message)
    return rpcs, messages


def test_every_rpc_and_message_is_in_the_ir(tmp_path: Path) -> None:
    root = require(CLOUDAPI)
    api, _ = load_proto(root, [], PACKAGE, Diagnostics())
    rpcs, messages = independent_counts(root, tmp_path / "check.binpb")
    assert {op.id for op in api.operations} == rpcs
    ir_messages = {t.id for t in api.types if isinstance(t, ObjectType)}
    assert messages <= ir_messages
    assert len(rpcs) == 58 and len(messages) > 150


def test_rendering_is_deterministic() -> None:
    root = require(CLOUDAPI)
    first = render_proto_package(*load_proto(root, [], PACKAGE, Diagnostics()), PACKAGE, OPTIONS)
    second = render_proto_package(*load_proto(root, [], PACKAGE, Diagnostics()), PACKAGE, OPTIONS)
    assert first == second
    assert not any(str(root) in text for text in first.values())


def test_stubs_import_in_a_fresh_process_without_top_level_modules(generated_root: Path) -> None:
    script = f"""
import sys
import google.api.annotations_pb2  # googleapis-common-protos in the same process
import {PACKAGE}
from {PACKAGE}._pb.yandex.cloud.ai.foundation_models.v1.text_generation import (
    text_generation_service_pb2, text_generation_service_pb2_grpc)
from {PACKAGE}._pb.yandex.cloud.ai.tuning.v1 import tuning_service_pb2
assert "yandex" not in sys.modules, "a top-level yandex module was imported"
assert text_generation_service_pb2.CompletionRequest.__module__.startswith("{PACKAGE}._pb.")
print("ok")
"""
    env = {**os.environ, "PYTHONPATH": str(generated_root / "python" / PACKAGE)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=generated_root, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert not (generated_root / "python" / PACKAGE / "yandex").exists()
    assert not (generated_root / "python" / PACKAGE / "google").exists()


def test_generated_packages_pass_mypy_strict(generated_root: Path, tmp_path: Path) -> None:
    """The upstream package, and the inline echo package for client and bidi streaming."""
    from tests.proto.conftest import write_files
    from tests.proto.test_inline_package import PACKAGE as ECHO
    from tests.proto.test_inline_package import PROTO

    (tmp_path / "echo" / "v2").mkdir(parents=True)
    (tmp_path / "echo" / "v2" / "echo.proto").write_text(PROTO)
    echo_api, echo_stubs = load_proto(tmp_path, [], ECHO, Diagnostics())
    write_files(render_proto_package(echo_api, echo_stubs, ECHO, {}), tmp_path / "out")
    for folder, package in (
        (generated_root / "python" / PACKAGE, PACKAGE),
        (tmp_path / "out" / "python" / ECHO, ECHO),
    ):
        result = subprocess.run(
            [str(PYTHON if PYTHON.exists() else sys.executable), "-m", "mypy", "--strict",
             "--no-incremental", "--python-version", "3.11", "--config-file", os.devnull, "-p", package],
            capture_output=True, text=True, cwd=folder, check=False, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
