"""Bundles: subpackages share the bundle's runtime; configuration errors are usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_config
from generator.diagnostics import UsageError
from generator.render.python.bundle import lift_runtime_imports


def test_runtime_imports_point_one_level_up() -> None:
    source = (
        "from ._runtime._errors import APIError\n"
        "from .._runtime._types import omit\n"
        "    from ..._runtime import _models\n"
        'EXPORTS = {"Stream": "._runtime._streaming", "Client": "._client"}\n'
        "from .resources import chat\n"
        "text = 'no ._runtime here'\n"
    )
    assert lift_runtime_imports(source) == (
        "from .._runtime._errors import APIError\n"
        "from ..._runtime._types import omit\n"
        "    from ...._runtime import _models\n"
        'EXPORTS = {"Stream": ".._runtime._streaming", "Client": "._client"}\n'
        "from .resources import chat\n"
        "text = 'no ._runtime here'\n"
    )


def test_bundle_configuration(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("openapi: 3.1.0\n")
    (tmp_path / "quick.md").write_text("## Quickstart\n")
    config = tmp_path / "generator.yaml"
    config.write_text(
        "packages:\n"
        "  - name: suite\n"
        "    apis:\n"
        "      - {name: rest, openapi: a.yaml}\n"
        "      - {name: rpc, proto_root: .}\n"
        "    client: {class: Suite, quickstart: quick.md}\n"
    )
    package = load_config(config).packages[0]
    assert [api.name for api in package.apis] == ["suite.rest", "suite.rpc"]
    assert [api.attribute for api in package.apis] == ["rest", "rpc"]
    assert package.client["quickstart_file"] == str((tmp_path / "quick.md").resolve())


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("  - name: s\n    openapi: a.yaml\n    apis: [{name: x, openapi: a.yaml}]\n", "takes `openapi` from each api"),
        ("  - name: s\n    apis: [{name: x, openapi: a.yaml}, {name: x, openapi: a.yaml}]\n", "used twice"),
        ("  - name: s\n    apis: [{name: x, openapi: a.yaml}]\n    client: {quickstart: nope.md}\n", "not found"),
        ("  - name: s\n    apis: [{name: Bad-Name, openapi: a.yaml}]\n", "invalid package name"),
        ("  - name: s\n    apis: [{name: x, openapi: a.yaml}]\n    client: abc\n", "must be a mapping"),
        ("  - name: s\n    apis: [{name: x, openapi: a.yaml}]\n    client: {overview: [x]}\n", "overview\\[0\\]` must be a mapping"),
    ],
)
def test_bundle_configuration_errors(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "a.yaml").write_text("openapi: 3.1.0\n")
    config = tmp_path / "generator.yaml"
    config.write_text("packages:\n" + body)
    with pytest.raises(UsageError, match=message):
        load_config(config)
