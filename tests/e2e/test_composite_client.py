"""`ai_studio.AIStudio` / `AsyncAIStudio`: one object for both API groups of the committed package.

Credentials and the folder given once (or read from YC_API_KEY / YC_IAM_TOKEN / YC_FOLDER_ID)
reach both groups; model URI helpers; unambiguous names where both groups have the same noun;
one error hierarchy over REST and gRPC; no secrets in `repr`; closing. Real servers on 127.0.0.1:
an HTTP server for `client.openai`, a gRPC server and a grpc-gateway server for `client.native`.
"""

from __future__ import annotations

from collections.abc import Iterator

import ai_studio
import pytest
from ai_studio import AIStudio, AsyncAIStudio, model_uri
from ai_studio.native.files import AsyncFileService, FileService
from ai_studio.native.foundation_models import (
    AsyncEmbeddingsService,
    EmbeddingsService,
    TextEmbeddingResponse,
)
from ai_studio.openai.models import CreateEmbeddingResponse
from ai_studio.openai.resources.embeddings import AsyncEmbeddings, Embeddings
from ai_studio.openai.resources.files import AsyncFiles, Files

from tests.e2e.ai_studio_fakes import embeddings as openai_embeddings
from tests.e2e.native_servers import Backend, Gateway, start_gateway, start_grpc, stop_gateway
from tests.support.http_server import LocalServer, Reply

KEY = "composite-key-0c1d"
TOKEN = "t1.composite-iam-token"
FOLDER = "b1g-composite"
EMB = f"emb://{FOLDER}/text-search-doc/latest"


@pytest.fixture
def backend() -> Backend:
    return Backend()


@pytest.fixture
def grpc_endpoint(backend: Backend) -> Iterator[str]:
    server, port = start_grpc(backend)
    yield f"127.0.0.1:{port}"
    server.stop(None)


@pytest.fixture
def gateway(backend: Backend) -> Iterator[Gateway]:
    running = start_gateway(backend)
    yield running
    stop_gateway(running)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("YC_API_KEY", "YC_IAM_TOKEN", "YC_FOLDER_ID", "AI_STUDIO_OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def serve_openai(server: LocalServer) -> None:
    server.route("POST", "/embeddings", openai_embeddings)
    server.route("GET", "/files", Reply.json({"object": "list", "data": [], "first_id": "", "last_id": "", "has_more": False}))
    server.route("GET", "/files/file-gone", Reply.json({"error": {"message": "file file-gone not found"}}, 404, {"x-request-id": "req-404"}))


def check_credentials(server: LocalServer, backend: Backend, authorization: str, folder: str) -> None:
    """Both groups sent the same credential and folder, each in its own convention."""
    assert server.requests, "the OpenAI-compatible server saw no request"
    for request in server.requests:
        assert request.headers.get("authorization") == authorization
        assert request.headers.get("openai-project") == folder
    assert backend.calls, "the native server saw no call"
    for call in backend.calls:
        assert call.metadata.get("authorization") == authorization
        assert call.metadata.get("x-folder-id") == folder


# --- credentials -----------------------------------------------------------------------------


def test_api_key_and_folder_from_environment(
    clean_env: pytest.MonkeyPatch, server: LocalServer, backend: Backend, grpc_endpoint: str
) -> None:
    clean_env.setenv("YC_API_KEY", KEY)
    clean_env.setenv("YC_FOLDER_ID", FOLDER)
    serve_openai(server)
    with AIStudio(openai_base_url=server.url, native_endpoint=grpc_endpoint, insecure=True) as studio:
        assert studio.folder_id == FOLDER and studio.transport == "grpc"
        studio.openai.embeddings.create(model=EMB, input="чай")
        studio.native.foundation_models.embeddings.text_embedding(model_uri=EMB, text="чай")
    check_credentials(server, backend, f"Api-Key {KEY}", FOLDER)


async def test_async_api_key_and_folder_from_environment(
    clean_env: pytest.MonkeyPatch, server: LocalServer, backend: Backend, grpc_endpoint: str
) -> None:
    clean_env.setenv("YC_API_KEY", KEY)
    clean_env.setenv("YC_FOLDER_ID", FOLDER)
    serve_openai(server)
    async with AsyncAIStudio(openai_base_url=server.url, native_endpoint=grpc_endpoint, insecure=True) as studio:
        await studio.openai.embeddings.create(model=EMB, input="чай")
        await studio.native.foundation_models.embeddings.text_embedding(model_uri=EMB, text="чай")
    check_credentials(server, backend, f"Api-Key {KEY}", FOLDER)


def test_iam_token_from_environment_is_sent_as_bearer(
    clean_env: pytest.MonkeyPatch, server: LocalServer, backend: Backend, gateway: Gateway
) -> None:
    clean_env.setenv("YC_IAM_TOKEN", TOKEN)
    clean_env.setenv("YC_FOLDER_ID", FOLDER)
    serve_openai(server)
    with AIStudio(transport="rest", openai_base_url=server.url, native_endpoint=gateway.url) as studio:
        assert "iam_token" in repr(studio)
        studio.openai.embeddings.create(model=EMB, input="чай")
        studio.native.foundation_models.embeddings.text_embedding(model_uri=EMB, text="чай")
    check_credentials(server, backend, f"Bearer {TOKEN}", FOLDER)
    assert [call.transport for call in backend.calls] == ["rest"]


async def test_async_iam_token_from_environment_is_sent_as_bearer(
    clean_env: pytest.MonkeyPatch, server: LocalServer, backend: Backend, grpc_endpoint: str
) -> None:
    clean_env.setenv("YC_IAM_TOKEN", TOKEN)
    clean_env.setenv("YC_FOLDER_ID", FOLDER)
    serve_openai(server)
    async with AsyncAIStudio(openai_base_url=server.url, native_endpoint=grpc_endpoint, insecure=True) as studio:
        await studio.openai.embeddings.create(model=EMB, input="чай")
        await studio.native.foundation_models.embeddings.text_embedding(model_uri=EMB, text="чай")
    check_credentials(server, backend, f"Bearer {TOKEN}", FOLDER)


def test_arguments_win_over_environment(
    clean_env: pytest.MonkeyPatch, server: LocalServer, backend: Backend, grpc_endpoint: str
) -> None:
    clean_env.setenv("YC_API_KEY", "key-from-env")
    clean_env.setenv("YC_FOLDER_ID", "folder-from-env")
    serve_openai(server)
    with AIStudio(
        iam_token=TOKEN, folder_id=FOLDER, openai_base_url=server.url, native_endpoint=grpc_endpoint, insecure=True
    ) as studio:
        studio.openai.embeddings.create(model=EMB, input="чай")
        studio.native.foundation_models.embeddings.text_embedding(model_uri=EMB, text="чай")
    check_credentials(server, backend, f"Bearer {TOKEN}", FOLDER)


# --- model URIs ------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [AIStudio, AsyncAIStudio])
def test_model_uri_helpers(clean_env: pytest.MonkeyPatch, cls: type[AIStudio] | type[AsyncAIStudio]) -> None:
    studio = cls(api_key=KEY, folder_id=FOLDER)
    assert studio.gpt_uri("yandexgpt") == f"gpt://{FOLDER}/yandexgpt/latest"
    assert studio.gpt_uri("yandexgpt-lite", "rc") == f"gpt://{FOLDER}/yandexgpt-lite/rc"
    assert studio.emb_uri("text-search-doc") == f"emb://{FOLDER}/text-search-doc/latest"
    assert studio.cls_uri("yandexgpt-lite") == f"cls://{FOLDER}/yandexgpt-lite/latest"
    assert studio.art_uri("yandex-art") == f"art://{FOLDER}/yandex-art/latest"
    assert studio.model_uri("text-search-query", scheme="emb") == f"emb://{FOLDER}/text-search-query/latest"
    assert studio.model_uri("yandexgpt") == f"gpt://{FOLDER}/yandexgpt/latest"
    # a full URI passes through unchanged (a tuned model, another folder)
    tuned = "gpt://b1gother/yandexgpt-lite/latest@ft-9"
    assert studio.gpt_uri(tuned) == tuned
    with pytest.raises(ValueError, match="unknown model URI scheme"):
        studio.model_uri("yandexgpt", scheme="llm")
    clean_env.setenv("YC_API_KEY", KEY)
    with pytest.raises(ValueError, match="folder"):
        cls().gpt_uri("yandexgpt")


def test_model_uri_function() -> None:
    assert model_uri("yandex-art", folder_id=FOLDER, scheme="art") == f"art://{FOLDER}/yandex-art/latest"
    assert model_uri("yandexgpt", folder_id=FOLDER, version="") == f"gpt://{FOLDER}/yandexgpt"


def test_model_uri_from_helper_reaches_both_groups(
    clean_env: pytest.MonkeyPatch, server: LocalServer, backend: Backend, grpc_endpoint: str
) -> None:
    serve_openai(server)
    with AIStudio(api_key=KEY, folder_id=FOLDER, openai_base_url=server.url, native_endpoint=grpc_endpoint, insecure=True) as studio:
        uri = studio.emb_uri("text-search-doc")
        studio.openai.embeddings.create(model=uri, input="чай")
        studio.native.foundation_models.embeddings.text_embedding(model_uri=uri, text="чай")
    assert server.requests[0].json()["model"] == EMB
    assert backend.calls[0].request.model_uri == EMB


# --- both groups, one object -----------------------------------------------------------------


def test_both_groups_with_unambiguous_names(
    clean_env: pytest.MonkeyPatch, server: LocalServer, backend: Backend, grpc_endpoint: str
) -> None:
    serve_openai(server)
    with AIStudio(api_key=KEY, folder_id=FOLDER, openai_base_url=server.url, native_endpoint=grpc_endpoint, insecure=True) as studio:
        # the nouns both groups have live under their group, never at the top level
        for noun in ("files", "embeddings", "file"):
            assert not hasattr(studio, noun)
        assert isinstance(studio.openai.files, Files)
        assert isinstance(studio.native.files.file, FileService)
        assert isinstance(studio.openai.embeddings, Embeddings)
        assert isinstance(studio.native.foundation_models.embeddings, EmbeddingsService)

        rest = studio.openai.embeddings.create(model=EMB, input=["чай", "кофе"])
        grpc_result = studio.native.foundation_models.embeddings.text_embedding(model_uri=EMB, text="чай")
        assert isinstance(rest, CreateEmbeddingResponse) and len(rest.data) == 2
        assert isinstance(grpc_result, TextEmbeddingResponse) and len(grpc_result.embedding) == 4
        assert list(studio.openai.files.list()) == []
        assert list(studio.native.files.file.list(folder_id=FOLDER).files) == []
    assert [(r.method, r.path) for r in server.requests] == [("POST", "/embeddings"), ("GET", "/files")]
    assert [call.rpc for call in backend.calls] == ["EmbeddingsService/TextEmbedding", "FileService/List"]
    check_credentials(server, backend, f"Api-Key {KEY}", FOLDER)


async def test_async_both_groups_with_unambiguous_names(
    clean_env: pytest.MonkeyPatch, server: LocalServer, backend: Backend, grpc_endpoint: str
) -> None:
    serve_openai(server)
    async with AsyncAIStudio(
        api_key=KEY, folder_id=FOLDER, openai_base_url=server.url, native_endpoint=grpc_endpoint, insecure=True
    ) as studio:
        assert isinstance(studio.openai.files, AsyncFiles)
        assert isinstance(studio.native.files.file, AsyncFileService)
        assert isinstance(studio.openai.embeddings, AsyncEmbeddings)
        assert isinstance(studio.native.foundation_models.embeddings, AsyncEmbeddingsService)
        rest = await studio.openai.embeddings.create(model=EMB, input="чай")
        grpc_result = await studio.native.foundation_models.embeddings.text_embedding(model_uri=EMB, text="чай")
        assert len(rest.data) == 1 and len(grpc_result.embedding) == 4
        assert [f async for f in studio.openai.files.list()] == []
        assert list((await studio.native.files.file.list(folder_id=FOLDER)).files) == []
    assert [call.rpc for call in backend.calls] == ["EmbeddingsService/TextEmbedding", "FileService/List"]
    check_credentials(server, backend, f"Api-Key {KEY}", FOLDER)


# --- errors ----------------------------------------------------------------------------------


def check_not_found(error: BaseException, status: int = 404) -> None:
    """The same classes whichever group and transport raised it."""
    assert isinstance(error, ai_studio.APIError)
    assert isinstance(error, ai_studio.APIStatusError)
    assert isinstance(error, ai_studio.openai.NotFoundError)
    assert isinstance(error, ai_studio.native.NotFoundError)
    assert error.status_code == status


def test_errors_from_both_groups_share_one_hierarchy(
    clean_env: pytest.MonkeyPatch, server: LocalServer, backend: Backend, grpc_endpoint: str, gateway: Gateway
) -> None:
    serve_openai(server)
    common = {"api_key": KEY, "folder_id": FOLDER, "openai_base_url": server.url, "insecure": True}
    with AIStudio(native_endpoint=grpc_endpoint, **common) as over_grpc, AIStudio(
        transport="rest", native_endpoint=gateway.url, **common
    ) as over_rest:
        with pytest.raises(ai_studio.APIError) as rest_404:
            over_grpc.openai.files.retrieve(file_id="file-gone")
        with pytest.raises(ai_studio.APIError) as grpc_not_found:
            over_grpc.native.files.file.get(file_id="fl-gone")
        with pytest.raises(ai_studio.APIError) as gateway_404:
            over_rest.native.files.file.get(file_id="fl-gone")
    check_not_found(rest_404.value)
    assert rest_404.value.request_id == "req-404" and "file file-gone not found" in str(rest_404.value)
    check_not_found(grpc_not_found.value)
    assert isinstance(grpc_not_found.value, ai_studio.native.RpcNotFoundError)
    assert "fl-gone not found" in str(grpc_not_found.value)
    check_not_found(gateway_404.value)
    assert isinstance(gateway_404.value, ai_studio.native.RpcNotFoundError)
    assert gateway_404.value.request_id is not None


async def test_async_errors_from_both_groups_share_one_hierarchy(
    clean_env: pytest.MonkeyPatch, server: LocalServer, backend: Backend, grpc_endpoint: str
) -> None:
    serve_openai(server)
    async with AsyncAIStudio(
        api_key=KEY, folder_id=FOLDER, openai_base_url=server.url, native_endpoint=grpc_endpoint, insecure=True
    ) as studio:
        with pytest.raises(ai_studio.APIError) as rest_404:
            await studio.openai.files.retrieve(file_id="file-gone")
        with pytest.raises(ai_studio.APIError) as grpc_not_found:
            await studio.native.files.file.get(file_id="fl-gone")
    check_not_found(rest_404.value)
    check_not_found(grpc_not_found.value)


# --- repr, close, context managers -----------------------------------------------------------


@pytest.mark.parametrize("cls", [AIStudio, AsyncAIStudio])
@pytest.mark.parametrize("credential", ["api_key", "iam_token"])
def test_repr_hides_secrets(clean_env: pytest.MonkeyPatch, cls: type[AIStudio] | type[AsyncAIStudio], credential: str) -> None:
    secret = "s3cr3t-value-that-must-not-leak"
    studio = cls(folder_id=FOLDER, native_endpoint="127.0.0.1:1", insecure=True, **{credential: secret})
    shown = [repr(studio), str(studio), repr(studio.openai), repr(studio.native)]
    for text in shown:
        assert secret not in text
    assert f"auth={credential}" in shown[0] and FOLDER in shown[0]
    assert "redacted" in shown[2]


def test_close_and_context_manager(
    clean_env: pytest.MonkeyPatch, server: LocalServer, backend: Backend, grpc_endpoint: str
) -> None:
    serve_openai(server)
    idle = AIStudio(api_key=KEY, folder_id=FOLDER)
    idle.close()  # nothing opened: nothing to close, and nothing is created by closing
    assert "openai" not in vars(idle) and "native" not in vars(idle)

    with AIStudio(api_key=KEY, folder_id=FOLDER, openai_base_url=server.url, native_endpoint=grpc_endpoint, insecure=True) as studio:
        embeddings = studio.native.foundation_models.embeddings
        studio.openai.embeddings.create(model=EMB, input="чай")
        embeddings.text_embedding(model_uri=EMB, text="чай")
    # leaving the block closed both groups: neither sends anything any more
    with pytest.raises(Exception, match=r"(?i)closed"):
        studio.openai.embeddings.create(model=EMB, input="чай")
    with pytest.raises(Exception, match=r"(?i)closed"):
        embeddings.text_embedding(model_uri=EMB, text="чай")
    assert len(server.requests) == 1 and len(backend.calls) == 1


async def test_async_close_and_context_manager(
    clean_env: pytest.MonkeyPatch, server: LocalServer, backend: Backend, grpc_endpoint: str
) -> None:
    serve_openai(server)
    idle = AsyncAIStudio(api_key=KEY, folder_id=FOLDER)
    await idle.close()
    assert "openai" not in vars(idle) and "native" not in vars(idle)

    async with AsyncAIStudio(
        api_key=KEY, folder_id=FOLDER, openai_base_url=server.url, native_endpoint=grpc_endpoint, insecure=True
    ) as studio:
        embeddings = studio.native.foundation_models.embeddings
        await studio.openai.embeddings.create(model=EMB, input="чай")
        await embeddings.text_embedding(model_uri=EMB, text="чай")
    with pytest.raises(Exception, match=r"(?i)closed"):
        await studio.openai.embeddings.create(model=EMB, input="чай")
    with pytest.raises(Exception, match=r"(?i)closed"):
        await embeddings.text_embedding(model_uri=EMB, text="чай")
    assert len(server.requests) == 1 and len(backend.calls) == 1
