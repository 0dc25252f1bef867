"""The configuration schema: every mistake is a usage error at `file:line:col`, with a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.config import load_config

BASE = """\
output: out
packages:
  - name: pets
    openapi: api.yaml
{extra}"""


def _write(tmp_path: Path, extra: str) -> Path:
    (tmp_path / "api.yaml").write_text("openapi: 3.1.0\ninfo: {title: Pets, version: 2.3.1}\npaths: {}\n")
    (tmp_path / "svc").mkdir(exist_ok=True)
    config = tmp_path / "generator.yaml"
    config.write_text(BASE.format(extra=extra))
    return config


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("    opitons: {}\n", "5:5: unknown key `opitons` in the package `packages[0]` (did you mean `options`?)"),
        ("    options: {base_ur_env: X}\n", "5:15: unknown key `base_ur_env` in the options of an OpenAPI package"
         " `packages[0].options` (did you mean `base_url_env`?)"),
        ("    options:\n      auth_shceme: Bearer\n", "6:7: unknown key `auth_shceme`"),
        ("    options: {grpc_endpoints: {a: b}}\n", "5:15: unknown key `grpc_endpoints` in the options of an OpenAPI"
         " package `packages[0].options` (`grpc_endpoints` is one of the options of a proto package)"),
        ("    version: [1]\n", "5:14: `packages[0].version` must be a string, not a list"),
        ("    version: banana\n", "5:14: version 'banana' is not a version number"),
        ("    overlays: [missing.yaml]\n", "5:16: overlay missing.yaml not found"),
        ("    logger_name: 'no spaces'\n", "5:18: logger name 'no spaces'"),
        ("  - name: rpc\n    proto_root: svc\n    options: {auth: {scheme: bearr}}\n",
         "7:30: `packages[1].options.auth.scheme` must be one of none, bearer, api_key, api_key_or_bearer, not 'bearr'"
         " (did you mean `bearer`?)"),
        ("  - name: rpc\n    proto_root: svc\n    options: {auth: {header: X}}\n",
         "7:21: the auth of a proto package `packages[1].options.auth` needs `scheme`"),
        ("  - name: rpc\n    proto_root: svc\n    options: {auth: {scheme: api_key, env: K}}\n",
         "7:30: `packages[1].options.auth`: an api_key scheme needs `header` (REST) and/or `metadata_key` (gRPC)"),
        ("  - name: rpc\n    proto_root: svc\n    options: {auth: {scheme: api_key_or_bearer}}\n",
         "7:30: `packages[1].options.auth`: an api_key_or_bearer scheme needs `header` (REST) and/or `metadata_key` (gRPC)"),
        ("  - name: rpc\n    proto_root: svc\n    options: {auth: {scheme: none, header: X}}\n",
         "7:36: `packages[1].options.auth.header` has no use with scheme none"),
        ("  - name: rpc\n    proto_root: svc\n    options: {auth_scheme: Api-Key}\n",
         "7:15: unknown key `auth_scheme` in the options of a proto package"),
        ("  - name: pets\n    openapi: api.yaml\n", "5:11: package name 'pets' is used twice"),
        ("rest_endpoint: x\n", "5:1: unknown key `rest_endpoint` in the configuration; valid keys: output, packages"),
    ],
)
def test_configuration_mistakes_are_located_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: str, message: str
) -> None:
    config = _write(tmp_path, extra)
    assert main(["generate", "--config", str(config), "-q"]) == 2
    err = capsys.readouterr().err
    assert f"error: {config}:{message}" in err, err


def test_yaml_syntax_error_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _write(tmp_path, "    options: {a: [\n")
    assert main(["generate", "--config", str(config), "-q"]) == 2
    assert f"error: {config}:6:1: invalid YAML" in capsys.readouterr().err


def test_valid_configuration_with_every_key(tmp_path: Path) -> None:
    (tmp_path / "custom" / "pets").mkdir(parents=True)
    (tmp_path / "fix.yaml").write_text("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions: []\n")
    config = _write(
        tmp_path,
        "    version: 1.4.0\n    logger_name: pets.client\n    overlays: [fix.yaml]\n"
        "    options: {auth_scheme: Token, base_url: 'http://x', base_url_env: X, api_key_env: K, auth_header: A}\n"
        "    custom: {attach: {Client.helpers: tools:Helpers}}\n"
        "  - name: rpc\n    proto_root: svc\n"
        "    options: {timeout: 5, auth: {scheme: api_key, metadata_key: x-api-key, header: X-Key, env: KEY}}\n",
    )
    pets, rpc = load_config(config).packages
    assert (pets.version, pets.logger_name) == ("1.4.0", "pets.client")
    assert pets.overlays == ((tmp_path / "fix.yaml").resolve(),)
    assert pets.attach == {"Client.helpers": "tools:Helpers"}
    assert pets.custom == (tmp_path / "custom" / "pets").resolve()
    assert rpc.options["auth"]["scheme"] == "api_key"
    assert type(rpc.options["auth"]) is dict  # plain data, not ruamel containers


def test_repository_configuration_is_valid() -> None:
    config = load_config(Path("specs/generator.yaml"))
    assert config.packages[0].apis[1].options["grpc_endpoints"]
