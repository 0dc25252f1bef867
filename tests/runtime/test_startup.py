"""Start-up cost: importing the runtime and constructing clients defers httpx2 and asyncio."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.runtime.conftest import write_runtime
from tests.runtime.scripted_server import Reply, ScriptedServer


def test_import_and_construct_do_not_load_the_transport(tmp_path: Path) -> None:
    write_runtime(tmp_path / "lazypkg")
    (tmp_path / "lazypkg" / "__init__.py").write_text("")
    script = (
        "import sys, json\n"
        "from lazypkg._runtime import SyncAPIClient, AsyncAPIClient, Timeout\n"
        "SyncAPIClient(base_url='https://h/v1', api_key='k', timeout=Timeout(10, connect=2))\n"
        "AsyncAPIClient(base_url='https://h/v1', token_provider=lambda: 't')\n"
        "print(json.dumps({m: m in sys.modules for m in ('httpx2', 'httpcore2', 'asyncio')}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"httpx2": False, "httpcore2": False, "asyncio": False}


def test_timeout_values(rt: SimpleNamespace) -> None:
    import httpx2

    timeout_type = rt.types.Timeout
    default = rt.types.DEFAULT_TIMEOUT
    assert (default.connect, default.read, default.write, default.pool) == (5.0, 60.0, 60.0, 60.0)
    assert timeout_type(3).as_httpx() == httpx2.Timeout(3)
    assert timeout_type(None).as_httpx() == httpx2.Timeout(None)
    assert default.as_httpx() is default.as_httpx()
    converted = timeout_type.of(httpx2.Timeout(7, connect=1))
    assert converted == timeout_type(7, connect=1)
    assert timeout_type.of(2.5) == timeout_type(2.5)
    assert "connect=5.0" in repr(default)


def test_httpx_timeout_is_accepted_and_default_is_applied(
    rt: SimpleNamespace, server: ScriptedServer
) -> None:
    import httpx2

    server.reply("GET", "/slow", Reply(delay=0.3, body={}))
    client = rt.base_client.SyncAPIClient(
        base_url=server.url, timeout=httpx2.Timeout(0.1), max_retries=0
    )
    with pytest.raises(rt.errors.APITimeoutError):
        client.request("GET", "/slow", cast_to=None)
    assert client.http_client.timeout == httpx2.Timeout(0.1)
