"""Fixtures: a client package generated from the upstream cloudapi protos, and local servers.

The package is generated once per session into a temporary folder (named `cloudapi_client`,
so it cannot shadow a committed package) and imported from there.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest

from generator.diagnostics import Diagnostics
from generator.proto import load_proto
from generator.render.python.grpc.package import render_proto_package
from tests.support.paths import CLOUDAPI, require

PACKAGE = "cloudapi_client"
OPTIONS = {
    "grpc_endpoints": {
        "yandex.cloud.ai": "llm.api.cloud.yandex.net:443",
        "yandex.cloud.ai.files": "assistant.api.cloud.yandex.net:443",
        "yandex.cloud.operation": "operation.api.cloud.yandex.net:443",
        "yandex.cloud.serverless.mcpgateway": "serverless-mcp-gateway.api.cloud.yandex.net:443",
    },
    "rest_endpoints": {
        "yandex.cloud.ai.foundation_models": "https://llm.api.cloud.yandex.net",
        "yandex.cloud.ai.files": "https://rest-assistant.api.cloud.yandex.net",
        "yandex.cloud.operation": "https://operation.api.cloud.yandex.net",
        "yandex.cloud.serverless.mcpgateway": "https://serverless-mcp-gateway.api.cloud.yandex.net",
    },
    "title": "Yandex Cloud AI (upstream protos)",
    # Yandex Cloud's credentials, as specs/generator.yaml configures them for the AI Studio bundle
    "auth": {
        "scheme": "api_key_or_bearer",
        "header": "authorization",
        "prefix": "Api-Key",
        "token_argument": "iam_token",
        "metadata": {"x-folder-id": ""},
    },
}


def write_files(files: dict[str, str], out: Path) -> None:
    for relative, text in files.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@contextmanager
def inline_package(
    tmp_path_factory: pytest.TempPathFactory, package: str, proto_file: str, text: str, options: dict[str, object]
) -> Iterator[ModuleType]:
    """A package generated from one inline `.proto` (at `proto_file` under a fresh root), imported."""
    root = tmp_path_factory.mktemp(f"{package}-protos")
    (root / proto_file).parent.mkdir(parents=True, exist_ok=True)
    (root / proto_file).write_text(text)
    api, artifacts = load_proto(root, [], package, Diagnostics())
    out = tmp_path_factory.mktemp(f"{package}-out")
    write_files(render_proto_package(api, artifacts, package, options), out)
    sys.path.insert(0, str(out / "python" / package))
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(out / "python" / package))


@pytest.fixture(scope="session")
def generated_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output root of the upstream package: python/<pkg>/<pkg>/..., docs/<pkg>/..."""
    api, artifacts = load_proto(require(CLOUDAPI), [], PACKAGE, Diagnostics())
    out = tmp_path_factory.mktemp("proto-out")
    write_files(render_proto_package(api, artifacts, PACKAGE, OPTIONS), out)
    return out


@pytest.fixture(scope="session")
def client_package(generated_root: Path) -> Iterator[ModuleType]:
    folder = str(generated_root / "python" / PACKAGE)
    sys.path.insert(0, folder)
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(folder)


def stub(package: ModuleType, module: str) -> ModuleType:
    """A generated stub module by its proto path, e.g. `yandex.cloud.operation.operation_pb2`."""
    return importlib.import_module(f"{package.__name__}._pb.{module}")
