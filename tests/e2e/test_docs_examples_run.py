"""Docs examples run as written against local servers: the sync and async, gRPC and REST examples
of a unary method (tokenize), a server stream (completion) and a paged list (files) are taken from
the committed docs pages, pointed at 127.0.0.1, and executed; the server must see the call.

Only the client construction is changed (`endpoint=`, `insecure=True`), nothing else."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator

import pytest

from tests.e2e.native_servers import Backend, start_gateway, start_grpc, stop_gateway
from tests.support.paths import GENERATED

NATIVE_DOCS = GENERATED / "docs" / "ai_studio" / "native"
EXAMPLES = [
    ("foundation_models/tokenizer.md", "tokenize", "TokenizerService/Tokenize"),
    ("foundation_models/text_generation.md", "completion", "TextGenerationService/Completion"),
    ("files/file.md", "list", "FileService/List"),
]


def examples(page: str, method: str, transport: str) -> list[str]:
    """A method's sync and async examples for one transport, from its section of the page."""
    text = (NATIVE_DOCS / page).read_text()
    text = text.split(f"\n## {method}\n", 1)[1].split("\n## ", 1)[0]
    title = "REST" if transport == "rest" else "gRPC"
    return re.findall(rf"^{title}, (?:sync|async):\n\n```python\n(.*?)^```", text, re.S | re.M)


@pytest.fixture(params=["grpc", "rest"])
def served(request: pytest.FixtureRequest) -> Iterator[tuple[str, str, Backend]]:
    backend = Backend()
    if request.param == "grpc":
        server, port = start_grpc(backend)
        yield "grpc", f"127.0.0.1:{port}", backend
        server.stop(None)
    else:
        gateway = start_gateway(backend)
        yield "rest", gateway.url, backend
        stop_gateway(gateway)


@pytest.mark.parametrize(("page", "method", "rpc"), EXAMPLES)
def test_docs_examples_run_against_local_servers(
    page: str, method: str, rpc: str, served: tuple[str, str, Backend]
) -> None:
    transport, endpoint, backend = served
    codes = examples(page, method, transport)
    assert len(codes) == 2, f"{page}: a sync and an async {transport} example"
    for code in codes:
        local = code.replace('api_key="..."', f'api_key="key", endpoint={endpoint!r}, insecure=True')
        assert local != code
        before = len(backend.calls_to(rpc))
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(local, f"{page} example", "exec"), {"__name__": "docs_example"})
        assert len(backend.calls_to(rpc)) == before + 1 + code.count("list_all"), (page, code)
