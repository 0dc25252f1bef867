"""A generated package installs from its folder and leaves nothing behind in it; its version is configurable."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.cli import main

SPEC = """\
openapi: 3.1.0
info: {title: Pets, version: 2.3.1}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      responses: {'200': {description: ok}}
"""


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_wheel_builds_outside_the_package_folder_with_the_spec_version(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(SPEC)
    out = tmp_path / "out"
    assert main(["generate", "--openapi", str(spec), "--package", "pets", "--out", str(out), "-q", "--no-cache"]) == 0
    folder = out / "python" / "pets"
    before = _files(folder)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(folder)],
        check=True,
        capture_output=True,
    )
    assert _files(folder) == before  # no build/, no *.egg-info
    (wheel,) = wheels.glob("*.whl")
    assert wheel.name == "pets-2.3.1-py3-none-any.whl"  # the spec's info.version, being semver
    names = zipfile.ZipFile(wheel).namelist()
    assert "pets/py.typed" in names and "pets/_client.py" in names
    assert (folder / "pets" / "_version.py").read_text() == '__version__ = "2.3.1"\n'


def test_configured_version_wins_and_non_semver_spec_version_falls_back(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(SPEC)
    (tmp_path / "b.yaml").write_text(SPEC.replace("version: 2.3.1", "version: '2024-01-beta'"))
    config = tmp_path / "generator.yaml"
    config.write_text(
        "output: out\npackages:\n"
        "  - {name: pets_a, openapi: a.yaml, version: 4.0.0rc1}\n"
        "  - {name: pets_b, openapi: b.yaml}\n"
    )
    assert main(["generate", "--config", str(config), "-q", "--no-cache"]) == 0
    out = tmp_path / "out" / "python"
    assert 'version = "4.0.0rc1"' in (out / "pets_a" / "pyproject.toml").read_text()
    assert 'version = "0.1.0"' in (out / "pets_b" / "pyproject.toml").read_text()
    assert '"pets_a/4.0.0rc1 (apigen)"' in (out / "pets_a" / "pets_a" / "_client.py").read_text()


def test_logger_name_is_configurable(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import importlib
    import logging

    from tests.support.http_server import LocalServer, Reply

    (tmp_path / "a.yaml").write_text(SPEC)
    config = tmp_path / "generator.yaml"
    config.write_text("output: out\npackages:\n  - {name: pets_log, openapi: a.yaml, logger_name: shop.pets}\n")
    assert main(["generate", "--config", str(config), "-q", "--no-cache"]) == 0
    sys.path.insert(0, str(tmp_path / "out" / "python" / "pets_log"))
    try:
        api = importlib.import_module("pets_log")
        with LocalServer() as server, caplog.at_level(logging.DEBUG, logger="shop"):
            server.route("GET", "/pets", Reply.json({}))
            api.Client(base_url=server.url).pets.list()
    finally:
        sys.path.pop(0)
        for name in [m for m in sys.modules if m.startswith("pets_log")]:
            del sys.modules[name]
    assert {r.name for r in caplog.records} == {"shop.pets"}
