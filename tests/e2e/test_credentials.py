"""Every way `ai_studio.AIStudio` signs in, against local fake IAM, metadata and `yc`:
the order they are looked for in, IAM tokens obtained through the generated IAM client, cached,
renewed before they expire, shared by threads and by sync and async clients, and never shown."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from ai_studio import AIStudio, AsyncAIStudio, CredentialsError
from ai_studio._credentials import _SHARED, OAuthCredentials
from ai_studio._studio import _iam_exchange
from ai_studio.openai.models import RealtimeServerEventSessionCreated

from tests.e2e.iam_fakes import (
    FakeIam,
    FakeMetadata,
    ServiceAccount,
    TokenCheckingApi,
    fake_yc,
    start_grpc,
    yc_calls,
)
from tests.support.http_server import LocalServer
from tests.support.realtime_server import RealtimeServer

OAUTH = "y0_oauth-secret-3f9a"
FOLDER = "b1g-credentials"


@pytest.fixture(autouse=True)
def fresh_process_cache() -> Iterator[None]:
    """Each test starts as a new process would: no credentials shared from an earlier test."""
    _SHARED.clear()
    yield
    _SHARED.clear()


@pytest.fixture
def api() -> TokenCheckingApi:
    return TokenCheckingApi()


@pytest.fixture
def iam(api: TokenCheckingApi) -> Iterator[FakeIam]:
    """A fake IAM whose tokens the API accepts."""
    with LocalServer() as server:
        fake = FakeIam(server, oauth_tokens={OAUTH})
        original = server.routes[("POST", "/iam/v1/tokens")]

        def create(request):  # type: ignore[no-untyped-def]
            reply = original(request)
            api.valid.update(fake.issued)
            return reply

        server.route("POST", "/iam/v1/tokens", create)
        yield fake


@pytest.fixture
def rest(api: TokenCheckingApi) -> Iterator[LocalServer]:
    with LocalServer() as server:
        api.serve_rest(server)
        yield server


@pytest.fixture
def grpc_endpoint(api: TokenCheckingApi) -> Iterator[str]:
    server, endpoint = start_grpc(api)
    yield endpoint
    server.stop(None)


@pytest.fixture
def no_yc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """PATH holds only an empty folder (plus the fake `yc` when a test writes one there)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


def studio(iam: FakeIam | None, rest: LocalServer, grpc_endpoint: str, **credentials: object) -> AIStudio:
    return AIStudio(
        folder_id=FOLDER, iam_endpoint=iam.url if iam else None, openai_base_url=rest.url,
        native_endpoint=grpc_endpoint, insecure=True, **credentials,  # type: ignore[arg-type]
    )  # fmt: skip


def call_everything(client: AIStudio) -> None:
    client.openai.models.list()
    client.native.foundation_models.tokenizer.tokenize(model_uri="gpt://b1g/yandexgpt", text="a")


# --- each kind -------------------------------------------------------------------------------


def test_oauth_token_is_exchanged_for_one_iam_token_used_by_rest_and_grpc(
    iam: FakeIam, api: TokenCheckingApi, rest: LocalServer, grpc_endpoint: str
) -> None:
    with studio(iam, rest, grpc_endpoint, oauth_token=OAUTH) as client:
        call_everything(client)
        call_everything(client)
    assert iam.issued == ["iam-1"] and iam.identities == ["oauth"]
    assert api.seen == ["Bearer iam-1"] * 4
    assert [r.json() for r in iam.server.requests] == [{"yandexPassportOauthToken": OAUTH}]


def test_service_account_key_file_signs_a_ps256_jwt(
    iam: FakeIam, api: TokenCheckingApi, rest: LocalServer, grpc_endpoint: str, tmp_path: Path
) -> None:
    iam.account = ServiceAccount()
    key_file = tmp_path / "key.json"
    key_file.write_text(json.dumps(iam.account.key_json()))
    with studio(iam, rest, grpc_endpoint, service_account_key=key_file) as client:
        call_everything(client)
    assert iam.identities == ["sa:ajesa0example"]
    assert api.seen == ["Bearer iam-1"] * 2


@pytest.mark.parametrize("form", ["mapping", "json text"])
def test_service_account_key_as_mapping_or_json_text(
    form: str, iam: FakeIam, api: TokenCheckingApi, rest: LocalServer, grpc_endpoint: str
) -> None:
    iam.account = ServiceAccount(key_id=f"ajekey-{form.replace(' ', '-')}")
    key = iam.account.key_json()
    with studio(iam, rest, grpc_endpoint, service_account_key=key if form == "mapping" else json.dumps(key)) as client:
        call_everything(client)
    assert iam.identities == ["sa:ajesa0example"]


def test_metadata_service_is_used_when_nothing_else_is_given(
    monkeypatch: pytest.MonkeyPatch, api: TokenCheckingApi, rest: LocalServer, grpc_endpoint: str, no_yc: Path
) -> None:
    with LocalServer() as server:
        metadata = FakeMetadata(server)
        api.valid.update({"vm-1"})
        monkeypatch.setenv("YC_METADATA_URL", metadata.url)
        with studio(None, rest, grpc_endpoint) as client:
            assert repr(client).startswith("AIStudio(auth=discovered,")
            call_everything(client)
    assert metadata.issued == ["vm-1"]
    assert api.seen == ["Bearer vm-1"] * 2


def test_yc_profile_argument_runs_the_cli(
    api: TokenCheckingApi, rest: LocalServer, grpc_endpoint: str, no_yc: Path
) -> None:
    fake_yc(no_yc, token="t1.yc-prod")
    api.valid.add("t1.yc-prod")
    with studio(None, rest, grpc_endpoint, yc_profile="prod") as client:
        call_everything(client)
    assert yc_calls(no_yc) == ["iam create-token --profile prod"]
    assert api.seen == ["Bearer t1.yc-prod"] * 2


def test_yc_cli_is_the_last_resort_when_the_metadata_service_is_unreachable(
    api: TokenCheckingApi, rest: LocalServer, grpc_endpoint: str, no_yc: Path
) -> None:
    fake_yc(no_yc, token="t1.yc-active")
    api.valid.add("t1.yc-active")
    with studio(None, rest, grpc_endpoint) as client:
        call_everything(client)
    assert yc_calls(no_yc) == ["iam create-token"]


def test_nothing_found_is_a_clear_error(rest: LocalServer, grpc_endpoint: str, no_yc: Path) -> None:
    with studio(None, rest, grpc_endpoint) as client, pytest.raises(CredentialsError, match="no credentials: pass api_key="):
        client.native.foundation_models.tokenizer.tokenize(model_uri="gpt://b1g/yandexgpt", text="a")


# --- the order -------------------------------------------------------------------------------


def test_order_arguments_then_environment(
    monkeypatch: pytest.MonkeyPatch, iam: FakeIam, rest: LocalServer, grpc_endpoint: str, no_yc: Path
) -> None:
    monkeypatch.setenv("YC_OAUTH_TOKEN", OAUTH)
    monkeypatch.setenv("YC_PROFILE", "ignored")
    assert repr(studio(iam, rest, grpc_endpoint)).startswith("AIStudio(auth=oauth_token,")
    assert repr(studio(iam, rest, grpc_endpoint, iam_token="t1.arg")).startswith("AIStudio(auth=iam_token,")
    monkeypatch.setenv("YC_IAM_TOKEN", "t1.env")
    assert repr(studio(iam, rest, grpc_endpoint)).startswith("AIStudio(auth=iam_token,")
    monkeypatch.setenv("YC_API_KEY", "key.env")
    assert repr(studio(iam, rest, grpc_endpoint)).startswith("AIStudio(auth=api_key,")
    monkeypatch.delenv("YC_API_KEY")
    monkeypatch.delenv("YC_IAM_TOKEN")
    monkeypatch.delenv("YC_OAUTH_TOKEN")
    assert repr(studio(iam, rest, grpc_endpoint)).startswith("AIStudio(auth=yc_profile,")
    monkeypatch.delenv("YC_PROFILE")
    monkeypatch.setenv("YC_TOKEN", "t1.yc-token-env")
    assert repr(studio(iam, rest, grpc_endpoint)).startswith("AIStudio(auth=iam_token,")
    with pytest.raises(ValueError, match="pass one kind of credentials, not api_key and oauth_token"):
        studio(iam, rest, grpc_endpoint, api_key="k", oauth_token=OAUTH)


# --- refresh ---------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def test_iam_token_is_renewed_an_hour_before_it_expires(
    iam: FakeIam, api: TokenCheckingApi, rest: LocalServer, grpc_endpoint: str
) -> None:
    clock = Clock()
    credentials = OAuthCredentials(OAUTH, _iam_exchange(iam.url, True), clock=clock)
    with studio(None, rest, grpc_endpoint, token_provider=credentials) as client:
        call_everything(client)
        clock.now += 11 * 3600 - 1  # the token (12 h) has an hour and a second left: still used
        call_everything(client)
        clock.now += 2
        call_everything(client)
    assert iam.issued == ["iam-1", "iam-2"]
    assert api.seen == ["Bearer iam-1"] * 4 + ["Bearer iam-2"] * 2


def test_short_lived_tokens_are_renewed_at_half_life(iam: FakeIam) -> None:
    iam.lifetime = 600
    clock = Clock()
    credentials = OAuthCredentials(OAUTH, _iam_exchange(iam.url, True), clock=clock)
    assert credentials() == "iam-1"
    clock.now += 299
    assert credentials() == "iam-1"
    clock.now += 2
    assert credentials() == "iam-2"


# --- a rejected token is renewed once, and the call repeated ----------------------------------


@pytest.mark.parametrize("transport", ["grpc", "rest"])
def test_rejected_token_is_renewed_once_and_the_call_retried(
    transport: str, iam: FakeIam, api: TokenCheckingApi, rest: LocalServer, grpc_endpoint: str
) -> None:
    endpoint = grpc_endpoint if transport == "grpc" else rest.url
    with AIStudio(
        oauth_token=OAUTH, iam_endpoint=iam.url, openai_base_url=rest.url, native_endpoint=endpoint,
        insecure=True, transport=transport,  # type: ignore[arg-type]
    ) as client:  # fmt: skip
        call_everything(client)
        api.valid.discard("iam-1")  # revoked before it expired
        call_everything(client)
    assert iam.issued == ["iam-1", "iam-2"]  # one renewal, though both groups saw the rejection
    assert api.seen == ["Bearer iam-1"] * 3 + ["Bearer iam-2"] * 2


async def test_async_rejected_token_is_renewed_once_and_the_call_retried(
    iam: FakeIam, api: TokenCheckingApi, rest: LocalServer, grpc_endpoint: str
) -> None:
    async with AsyncAIStudio(
        oauth_token=OAUTH + "-async", iam_endpoint=iam.url, openai_base_url=rest.url,
        native_endpoint=grpc_endpoint, insecure=True,
    ) as client:  # fmt: skip
        iam.oauth_tokens.add(OAUTH + "-async")
        await client.native.foundation_models.tokenizer.tokenize(model_uri="gpt://b1g/m", text="a")
        api.valid.discard("iam-1")
        await client.native.foundation_models.tokenizer.tokenize(model_uri="gpt://b1g/m", text="a")
        await client.openai.models.list()
    assert iam.issued == ["iam-1", "iam-2"]
    assert api.seen == ["Bearer iam-1", "Bearer iam-1", "Bearer iam-2", "Bearer iam-2"]


def test_grpc_stream_renews_a_rejected_token_once(
    iam: FakeIam, api: TokenCheckingApi, rest: LocalServer, grpc_endpoint: str
) -> None:
    with studio(iam, rest, grpc_endpoint, oauth_token=OAUTH) as client:
        completion = client.native.foundation_models.text_generation.completion
        assert [r.model_version for r in completion(model_uri="gpt://b1g/m", messages=[])] == ["fake"]
        api.valid.discard("iam-1")
        assert [r.model_version for r in completion(model_uri="gpt://b1g/m", messages=[])] == ["fake"]
    assert api.seen == ["Bearer iam-1", "Bearer iam-1", "Bearer iam-2"]


async def test_async_grpc_stream_renews_a_rejected_token_once(
    iam: FakeIam, api: TokenCheckingApi, rest: LocalServer, grpc_endpoint: str
) -> None:
    async with AsyncAIStudio(
        oauth_token=OAUTH, iam_endpoint=iam.url, native_endpoint=grpc_endpoint, insecure=True
    ) as client:
        completion = client.native.foundation_models.text_generation.completion
        assert [r.model_version async for r in completion(model_uri="gpt://b1g/m", messages=[])] == ["fake"]
        api.valid.discard("iam-1")
        assert [r.model_version async for r in completion(model_uri="gpt://b1g/m", messages=[])] == ["fake"]
    assert api.seen == ["Bearer iam-1", "Bearer iam-1", "Bearer iam-2"]


def test_a_token_rejected_twice_is_an_authentication_error(
    iam: FakeIam, api: TokenCheckingApi, rest: LocalServer, grpc_endpoint: str
) -> None:
    with studio(iam, rest, grpc_endpoint, oauth_token=OAUTH) as client:
        iam.server.route("POST", "/iam/v1/tokens", lambda request: FakeIam.create(iam, request))  # never valid
        with pytest.raises(Exception, match=r"^UNAUTHENTICATED: ") as raised:
            client.native.foundation_models.tokenizer.tokenize(model_uri="gpt://b1g/m", text="a")
    assert iam.issued == ["iam-1", "iam-2"] and api.seen == ["Bearer iam-1", "Bearer iam-2"]
    assert OAUTH not in str(raised.value)


# --- one token for threads, and for sync and async clients -----------------------------------


def test_threads_and_async_clients_share_one_renewal(
    iam: FakeIam, api: TokenCheckingApi, rest: LocalServer, grpc_endpoint: str
) -> None:
    iam.delay = 0.2  # long enough for every caller to find the token missing
    oauth = OAUTH + "-shared"
    iam.oauth_tokens.add(oauth)
    sync_client = studio(iam, rest, grpc_endpoint, oauth_token=oauth)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            call_everything(sync_client)
        except BaseException as exc:
            errors.append(exc)

    async def async_work() -> None:
        async with AsyncAIStudio(
            oauth_token=oauth, iam_endpoint=iam.url, openai_base_url=rest.url,
            native_endpoint=grpc_endpoint, insecure=True,
        ) as client:  # fmt: skip
            await asyncio.gather(
                *(client.native.foundation_models.tokenizer.tokenize(model_uri="gpt://b1g/m", text="a") for _ in range(4)),
                *(client.openai.models.list() for _ in range(4)),
            )

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    asyncio.run(async_work())
    for thread in threads:
        thread.join()
    sync_client.close()
    assert not errors
    assert iam.issued == ["iam-1"]
    assert api.seen == ["Bearer iam-1"] * 20


# --- secrets stay secret ---------------------------------------------------------------------


def test_no_secret_in_repr_logs_or_errors(
    iam: FakeIam, rest: LocalServer, grpc_endpoint: str, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    account = ServiceAccount()
    secrets = [OAUTH, "iam-1", account.private_pem().splitlines()[3]]
    caplog.set_level(logging.DEBUG)
    with studio(iam, rest, grpc_endpoint, oauth_token=OAUTH) as client:
        call_everything(client)
        shown = [repr(client), repr(client.credentials), str(client.credentials)]
    keyed = studio(iam, rest, grpc_endpoint, service_account_key=account.key_json())
    shown += [repr(keyed), repr(keyed.credentials), repr(getattr(keyed.credentials, "key", None))]
    with pytest.raises(CredentialsError) as rejected:  # the fake IAM does not know this account
        call_everything(keyed)
    broken = tmp_path / "broken.json"
    broken.write_text("{" + account.private_pem())
    with pytest.raises(CredentialsError) as unreadable:
        studio(iam, rest, grpc_endpoint, service_account_key=broken)
    with pytest.raises(CredentialsError, match="lacks id, private_key"):
        studio(iam, rest, grpc_endpoint, service_account_key={"service_account_id": "ajesa"})
    listed = tmp_path / "list.json"
    listed.write_text("[1]")
    with pytest.raises(CredentialsError, match="not a JSON object"):
        studio(iam, rest, grpc_endpoint, service_account_key=listed)
    with pytest.raises(CredentialsError) as bad_oauth:
        studio(iam, rest, grpc_endpoint, oauth_token="y0_unknown-secret").credentials()  # type: ignore[misc]
    shown += [str(rejected.value), str(unreadable.value), str(bad_oauth.value), caplog.text]
    for text in shown:
        for secret in [*secrets, "y0_unknown-secret"]:
            assert secret not in text
    assert "the IAM token exchange failed" in str(bad_oauth.value)
    assert os.fspath(broken) in str(unreadable.value)


def test_realtime_handshake_renews_a_rejected_token(iam: FakeIam) -> None:
    with RealtimeServer(reject_auth="Bearer iam-2").in_thread() as server:  # iam-1 counts as revoked
        studio = AIStudio(oauth_token=OAUTH, iam_endpoint=iam.url, folder_id=FOLDER, openai_base_url=server.base_url)
        with studio.openai.realtime.connect(model=studio.gpt_uri("yandexgpt")) as connection:
            assert isinstance(connection.recv(), RealtimeServerEventSessionCreated)
    assert [h.headers["authorization"] for h in server.handshakes] == ["Bearer iam-1", "Bearer iam-2"]
    assert iam.issued == ["iam-1", "iam-2"]


def test_building_a_client_loads_no_transport_crypto_or_subprocess() -> None:
    script = (
        "import sys, json\n"
        "from ai_studio import AIStudio\n"
        "AIStudio(api_key='k'); AIStudio(oauth_token='y0_x'); AIStudio(service_account_key={'id': 'a',"
        " 'service_account_id': 'b', 'private_key': 'c'}); AIStudio()\n"
        "print(json.dumps(sorted(m for m in ('asyncio', 'subprocess', 'httpx2', 'grpc', 'jwt') if m in sys.modules)))\n"
    )
    package = Path(__file__).resolve().parents[2] / "generated" / "python" / "ai_studio"
    done = subprocess.run(
        [sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(package)},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
