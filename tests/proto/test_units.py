"""Pure functions of the proto pipeline: names, imports, wire decoding, rules, REST mapping."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest

from generator.proto import wire
from generator.proto.scope import package_prefixes, resolve
from generator.proto.services import group_packages, path_variables
from generator.proto.validation import Bounds, parse_bounds, to_validation
from generator.render.python.grpc.names import Imports, PyRef
from generator.render.python.grpc.surface import argument_name, namespace_attributes


def test_namespaces_are_short_and_unambiguous() -> None:
    names = namespace_attributes([
        "yandex.cloud.ai.foundation_models.v1",
        "yandex.cloud.ai.foundation_models.v1.image_generation",
        "yandex.cloud.ai.files.v1",
        "acme.files.v1",
        "x.v1",
        "x.v2",
    ])
    assert names == {
        "yandex.cloud.ai.foundation_models.v1": "foundation_models",
        "yandex.cloud.ai.foundation_models.v1.image_generation": "image_generation",
        "yandex.cloud.ai.files.v1": "ai_files",
        "acme.files.v1": "acme_files",
        "x.v1": "x_v1",
        "x.v2": "x_v2",
    }


def test_group_packages_drop_common_prefix_and_versions() -> None:
    groups = group_packages(["yandex.cloud.ai.files.v1", "yandex.cloud.operation"])
    assert groups == {"yandex.cloud.ai.files.v1": ("ai", "files"), "yandex.cloud.operation": ("operation",)}
    assert group_packages(["echo.v2"]) == {"echo.v2": ("echo",)}


def test_argument_names() -> None:
    assert argument_name("model_uri", set()) == "model_uri"
    assert argument_name("from", set()) == "from_"
    assert argument_name("timeout", set()) == "timeout_"
    assert argument_name("type", set()) == "type"
    assert argument_name("Message", {"Message"}) == "Message_"


def test_imports_relative_and_collisions() -> None:
    imports = Imports("pkg.ns._svc", {"Operation"})
    assert imports.name(PyRef("pkg._pb.a.b_pb2", "Req")) == "Req"
    assert imports.name(PyRef("pkg._pb.a.b_pb2", "Req.Inner")) == "Req.Inner"
    assert imports.name(PyRef("pkg._pb.y.operation_pb2", "Operation")) == "operation_pb2.Operation"
    assert imports.name(PyRef("google.protobuf.timestamp_pb2", "Timestamp")) == "Timestamp"
    assert imports.block() == [
        "from google.protobuf.timestamp_pb2 import Timestamp",
        "",
        "from .._pb.a.b_pb2 import Req",
        "from .._pb.y import operation_pb2",
    ]



def test_module_aliases_are_numbered_in_order_skipping_taken_names() -> None:
    """Many modules of one leaf (`r0_pb2` in each area) take `r0_pb2`, `r0_pb2_2`, ... in the order
    asked, each the first name free; a name taken meanwhile is skipped; a class path, a
    keyword and a taken class name go through the module."""
    imports = Imports("pkg.params", {"R0", "r0_pb2_3"})
    names = [imports.name(PyRef(f"pkg._pb.area{i}.v1.r0_pb2", "R0")) for i in range(5)]
    assert names == ["r0_pb2.R0", "r0_pb2_2.R0", "r0_pb2_4.R0", "r0_pb2_5.R0", "r0_pb2_6.R0"]
    imports.add("import r0_pb2_7", "r0_pb2_7")
    assert imports.name(PyRef("pkg._pb.area9.v1.r0_pb2", "R0")) == "r0_pb2_8.R0"
    assert imports.name(PyRef("pkg._pb.area9.v1.r0_pb2", "R0.Inner")) == "r0_pb2_8.R0.Inner"
    assert imports.name(PyRef("pkg._pb.area1.v1.s_pb2", "S")) == "S"
    assert "from ._pb.area4.v1 import r0_pb2 as r0_pb2_6" in imports.block()

def test_wire_decoding() -> None:
    # field 1 varint 150, field 2 string "hi", field 3 packed [1, 2]
    data = bytes([0x08, 0x96, 0x01, 0x12, 0x02]) + b"hi" + bytes([0x1A, 0x02, 0x01, 0x02])
    fields = wire.by_number(data)
    assert fields[1] == [150] and fields[2] == [b"hi"]
    assert wire.packed_varints(fields[3][0]) == [1, 2]


def test_scope_resolution_innermost_first() -> None:
    types = {"a.b.X", "a.X", "a.c.Y", "google.protobuf.Empty"}
    packages = package_prefixes({"a.b", "a.c", "google.protobuf"})
    assert resolve("X", "a.b", types, packages) == "a.b.X"
    assert resolve("X", "a.c", types, packages) == "a.X"
    assert resolve("c.Y", "a.b", types, packages) == "a.c.Y"
    assert resolve("google.protobuf.Empty", "a.b", types, packages) == "google.protobuf.Empty"
    assert resolve(".a.X", "a.b", types, packages) == "a.X"
    assert resolve("Nope", "a.b", types, packages) is None


def test_bounds_and_validation() -> None:
    assert parse_bounds("<=64") == Bounds(high=64)
    assert parse_bounds(">0") == Bounds(low=0, low_exclusive=True)
    assert parse_bounds("1-10000") == Bounds(1, 10000)
    assert parse_bounds("1s-5m") is None
    v = to_validation((("length", "<64"), ("size", ">0")))
    assert v is not None and v.max_length == 63 and v.min_items == 1 and v.text == "length <64; size >0"


def test_path_variables() -> None:
    assert path_variables("/v1/{name=projects/*}/x/{a.b}:do") == ["name", "a.b"]


def runtime(package: ModuleType, module: str) -> ModuleType:
    return importlib.import_module(f"{package.__name__}._grpc.{module}")


def test_rest_request_mapping(client_package: ModuleType) -> None:
    rest = runtime(client_package, "_rest_transport")
    methods = runtime(client_package, "_methods")
    files = importlib.import_module(f"{client_package.__name__}._pb.yandex.cloud.ai.files.v1.file_service_pb2")
    update = methods.Method(
        "/yandex.cloud.ai.files.v1.FileService/Update", files.UpdateFileRequest, files.UpdateFileRequest,
        package="yandex.cloud.ai.files.v1",
        http=(methods.HttpRule("PATCH", "/files/v1/{file_id=files/**}", body="labels"),),
    )
    request = files.UpdateFileRequest(file_id="files/a b", name="n", labels={"k": "v"})
    request.update_mask.paths.append("name")
    call = rest._build("http://h/", rest._route(update), request)
    assert call.verb == "PATCH"
    assert call.url == "http://h/files/v1/files/a%20b"  # ** keeps slashes
    assert call.content == b'{"k":"v"}'
    assert sorted(call.params) == [("name", "n"), ("updateMask", "name")]
    with pytest.raises(ValueError, match="required"):
        rest._build("http://h", rest._route(update), files.UpdateFileRequest())


def test_client_side_validation_rules(client_package: ModuleType) -> None:
    rules = importlib.import_module(f"{client_package.__name__}._rules")
    mcp = importlib.import_module(
        f"{client_package.__name__}._pb.yandex.cloud.serverless.mcpgateway.v1.mcp_gateway_service_pb2"
    )
    ok = mcp.CreateMcpGatewayRequest(folder_id="f", name="gw-1")
    rules.check(ok)
    with pytest.raises(client_package.RequestValidationError) as caught:
        rules.check(mcp.CreateMcpGatewayRequest(folder_id="f", name="Bad Name!"))
    assert caught.value.field == "name"
    with pytest.raises(ValueError, match="required"):
        rules.check(mcp.CreateMcpGatewayRequest(name="gw"))


def test_docs_pages(generated_root: Path) -> None:
    docs = generated_root / "docs" / "cloudapi_client"
    index = (docs / "index.md").read_text()
    assert "[`client.foundation_models.text_generation`](foundation_models/text_generation.md)" in index
    page = (docs / "image_generation" / "image_generation_async.md").read_text()
    assert "Long-running" in page and "operation.wait(timeout=300)" in page
    assert 'transport="rest"' in page and "AsyncClient" in page
    files_page = (docs / "files" / "file.md").read_text()
    assert "*(required)*" in files_page
    batch = (docs / "batch_inference" / "batch_inference.md").read_text()
    assert "gRPC only" in batch and "REST, sync" not in batch


def test_a_proto_package_imports_without_pydantic(generated_root: Path) -> None:
    """A gRPC-only package declares no pydantic dependency, so it must not need it."""
    import subprocess
    import sys

    from tests.proto.conftest import PACKAGE

    code = (
        "import sys\n"
        "sys.modules['pydantic'] = None\n"
        "sys.modules['pydantic_core'] = None\n"
        f"import {PACKAGE}\n"
        f"client = {PACKAGE}.Client(api_key='k', endpoint='127.0.0.1:1', insecure=True)\n"
        "client.foundation_models.text_generation\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=generated_root / "python" / PACKAGE,
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
