"""`AIStudio(token_provider=...)` of the committed `ai_studio` package: one provider for both
groups, the OpenAI-compatible REST client and the native gRPC client, each refreshing the token
before it expires. Real servers on 127.0.0.1."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import ModuleType

import pytest

from tests.proto.servers import Backend, Stubs, start_grpc
from tests.support.http_server import LocalServer, Reply
from tests.support.paths import GENERATED
from tests.support.timing import ManualClock, token_clock

if str(GENERATED / "python" / "ai_studio") not in sys.path:
    sys.path.insert(0, str(GENERATED / "python" / "ai_studio"))

from ai_studio import AIStudio, AsyncAIStudio

MODELS = Reply.json({"object": "list", "data": []})


@pytest.fixture
def backend(client_package: ModuleType) -> Backend:
    return Backend(Stubs.of(client_package))


@pytest.fixture
def grpc_endpoint(backend: Backend) -> Iterator[str]:
    server, port = start_grpc(backend)
    yield f"127.0.0.1:{port}"
    server.stop(None)


@pytest.fixture
def openai_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    for name in ("YC_API_KEY", "YC_IAM_TOKEN", "YC_FOLDER_ID", "AI_STUDIO_OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    with LocalServer() as server:
        server.route("GET", "/models", MODELS)
        yield server


class Tokens:
    """A provider whose tokens stay fresh for `fresh` seconds of `clock` (after the 60 s margin)."""

    def __init__(self, clock: ManualClock, fresh: float) -> None:
        self.issued: list[str] = []
        self.clock = clock
        self.fresh = fresh

    def __call__(self) -> tuple[str, float]:
        self.issued.append(f"iam-{len(self.issued) + 1}")
        return self.issued[-1], self.clock.time() + 60 + self.fresh


def sent(server: LocalServer, backend: Backend) -> tuple[list[str], list[str]]:
    rest = [request.headers["authorization"] for request in server.requests]
    native = [call["authorization"] for call in backend.calls_of("Tokenize")]
    return rest, native


def test_one_token_provider_for_both_groups(
    openai_server: LocalServer,
    backend: Backend,
    grpc_endpoint: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = token_clock(monkeypatch, "ai_studio", "ai_studio.native")
    tokens = Tokens(clock, fresh=300)
    studio = AIStudio(
        token_provider=tokens, folder_id="b1g", openai_base_url=openai_server.url,
        native_endpoint=grpc_endpoint, insecure=True,
    )  # fmt: skip
    with studio:
        assert repr(studio) == "AIStudio(auth=token_provider, folder_id='b1g', transport='grpc')"
        for _ in range(2):
            studio.openai.models.list()
            studio.native.foundation_models.tokenizer.tokenize(text="a")
        clock.advance(299)  # 61 s before expiry: still kept
        studio.openai.models.list()
        studio.native.foundation_models.tokenizer.tokenize(text="a")
        assert len(tokens.issued) == 2
        clock.advance(2)  # 59 s before expiry: within the margin, refreshed
        studio.openai.models.list()
        studio.native.foundation_models.tokenizer.tokenize(text="b")
    rest, native = sent(openai_server, backend)
    assert len(tokens.issued) == 4  # each group: one token, then one refresh
    assert rest[0] == rest[1] == rest[2] != rest[3]
    assert native[0] == native[1] == native[2] != native[3]
    assert {rest[0], native[0]} == {"Bearer iam-1", "Bearer iam-2"}
    with pytest.raises(ValueError, match="token_provider"):
        AIStudio(api_key="k", token_provider=tokens)


async def test_async_studio_takes_an_async_provider(
    openai_server: LocalServer, backend: Backend, grpc_endpoint: str
) -> None:
    issued: list[str] = []

    async def provider() -> str:
        issued.append(f"plain-{len(issued) + 1}")
        return issued[-1]  # no expiry: asked for on every request

    studio = AsyncAIStudio(
        token_provider=provider, openai_base_url=openai_server.url, native_endpoint=grpc_endpoint, insecure=True
    )
    async with studio:
        await studio.openai.models.list()
        await studio.native.foundation_models.tokenizer.tokenize(text="a")
        await studio.native.foundation_models.tokenizer.tokenize(text="b")
    rest, native = sent(openai_server, backend)
    assert rest == ["Bearer plain-1"]
    assert native == ["Bearer plain-2", "Bearer plain-3"]
