"""Local stand-ins for the services that hand out IAM tokens, and a gRPC + REST API that checks them.

- `FakeIam`: `POST /iam/v1/tokens` (OAuth token or PS256 JWT in, `{iamToken, expiresAt}` out),
  verifying the JWT with the service account's public key.
- `FakeMetadata`: the VM metadata service's token URL (`Metadata-Flavor: Google` required).
- `TokenCheckingApi`: `TokenizerService/Tokenize` and the `TextGenerationService/Completion` stream over gRPC, the same over REST and the
  OpenAI-compatible `GET /models`; each rejects revoked or unknown tokens (UNAUTHENTICATED / 401).
- `fake_yc`: a `yc` executable printing a token and logging its arguments.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
import threading
import time
from collections.abc import Iterator
from concurrent import futures
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import jwt
from ai_studio.native._pb.yandex.cloud.ai.foundation_models.v1.text_generation import (
    text_generation_service_pb2 as tg,
)
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.support.http_server import LocalServer, Reply, Request

IAM_AUDIENCE = "https://iam.api.cloud.yandex.net/iam/v1/tokens"
METADATA_PATH = "/computeMetadata/v1/instance/service-accounts/default/token"
TOKENIZE = "/yandex.cloud.ai.foundation_models.v1.TokenizerService/Tokenize"


def rfc3339(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat().replace("+00:00", "Z")


@functools.cache
def rsa_key() -> Any:
    """One RSA key for the test session: generating one takes most of a second."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class ServiceAccount:
    """An authorized key as `yc iam key create` writes it, with the public half kept to verify."""

    key_id: str = "ajekey0example"
    account_id: str = "ajesa0example"
    private: Any = field(default_factory=lambda: rsa_key())

    def key_json(self) -> dict[str, str]:
        pem = self.private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
        return {
            "id": self.key_id,
            "service_account_id": self.account_id,
            "created_at": "2026-01-01T00:00:00Z",
            "key_algorithm": "RSA_2048",
            "public_key": self.private.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            ).decode(),
            "private_key": f"PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <{self.key_id}>\n{pem}",
        }

    def private_pem(self) -> str:
        return self.key_json()["private_key"]


@dataclass
class FakeIam:
    """Issues `iam-1`, `iam-2`, ... valid for `lifetime` seconds; `delay` slows each answer."""

    server: LocalServer
    oauth_tokens: set[str] = field(default_factory=set)
    account: ServiceAccount | None = None
    lifetime: float = 12 * 3600
    delay: float = 0.0
    issued: list[str] = field(default_factory=list)
    identities: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.server.route("POST", "/iam/v1/tokens", self.create)

    @property
    def url(self) -> str:
        return self.server.url

    def create(self, request: Request) -> Reply:
        body = request.json()
        if set(body) == {"yandexPassportOauthToken"}:
            if body["yandexPassportOauthToken"] not in self.oauth_tokens:
                return Reply.json({"code": 16, "message": "The OAuth token is invalid"}, 401)
            identity = "oauth"
        elif set(body) == {"jwt"}:
            identity = self.check_jwt(body["jwt"])
            if not identity.startswith("sa:"):
                return Reply.json({"code": 16, "message": identity}, 401)
        else:
            return Reply.json({"code": 3, "message": f"unexpected fields {sorted(body)}"}, 400)
        time.sleep(self.delay)
        with self.lock:
            self.issued.append(f"iam-{len(self.issued) + 1}")
            self.identities.append(identity)
            token = self.issued[-1]
        return Reply.json({"iamToken": token, "expiresAt": rfc3339(time.time() + self.lifetime)})

    def check_jwt(self, token: str) -> str:
        if self.account is None:
            return "no service account"
        header = jwt.get_unverified_header(token)
        if header.get("alg") != "PS256" or header.get("kid") != self.account.key_id:
            return f"bad header {header}"
        try:
            claims = jwt.decode(
                token, self.account.private.public_key(), algorithms=["PS256"], audience=IAM_AUDIENCE,
                issuer=self.account.account_id, options={"require": ["iat", "exp", "iss", "aud"]},
            )  # fmt: skip
        except jwt.PyJWTError as exc:
            return f"bad JWT: {exc}"
        if not 0 < claims["exp"] - claims["iat"] <= 3600:
            return "JWT lives longer than an hour"
        return f"sa:{claims['iss']}"


@dataclass
class FakeMetadata:
    server: LocalServer
    lifetime: int = 3600
    issued: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.server.route("GET", METADATA_PATH, self.token)

    @property
    def url(self) -> str:
        return self.server.url + METADATA_PATH

    def token(self, request: Request) -> Reply:
        if request.headers.get("metadata-flavor") != "Google":
            return Reply.json({"error": "Metadata-Flavor header required"}, 403)
        self.issued.append(f"vm-{len(self.issued) + 1}")
        return Reply.json({"access_token": self.issued[-1], "expires_in": self.lifetime, "token_type": "Bearer"})


@dataclass
class TokenCheckingApi:
    """Accepts `Bearer <token>` for tokens in `valid`; records every authorization it saw."""

    valid: set[str] = field(default_factory=set)
    seen: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def accepts(self, authorization: str) -> bool:
        with self.lock:
            self.seen.append(authorization)
            return authorization.removeprefix("Bearer ") in self.valid

    # gRPC
    def tokenize(self, request: tg.TokenizeRequest, context: grpc.ServicerContext) -> tg.TokenizeResponse:
        metadata = dict(context.invocation_metadata())
        if not self.accepts(str(metadata.get("authorization", ""))):
            context.abort(grpc.StatusCode.UNAUTHENTICATED, "The token is invalid or has expired")
        return tg.TokenizeResponse(model_version="fake")

    def completion(self, request: tg.CompletionRequest, context: grpc.ServicerContext) -> Iterator[tg.CompletionResponse]:
        metadata = dict(context.invocation_metadata())
        if not self.accepts(str(metadata.get("authorization", ""))):
            context.abort(grpc.StatusCode.UNAUTHENTICATED, "The token is invalid or has expired")
        yield tg.CompletionResponse(model_version="fake")

    # REST: native and OpenAI-compatible
    def rest_tokenize(self, request: Request) -> Reply:
        if not self.accepts(request.headers.get("authorization", "")):
            return Reply.json({"code": 16, "message": "The token is invalid or has expired"}, 401)
        return Reply.json({"tokens": [], "modelVersion": "fake"})

    def models(self, request: Request) -> Reply:
        if not self.accepts(request.headers.get("authorization", "")):
            return Reply.json({"error": {"message": "Unauthorized", "type": "invalid_request_error"}}, 401)
        return Reply.json({"object": "list", "data": []})

    def serve_rest(self, server: LocalServer) -> None:
        server.route("POST", "/foundationModels/v1/tokenize", self.rest_tokenize)
        server.route("GET", "/models", self.models)


def start_grpc(api: TokenCheckingApi) -> tuple[grpc.Server, str]:
    handler = grpc.method_handlers_generic_handler(
        "yandex.cloud.ai.foundation_models.v1.TokenizerService",
        {
            "Tokenize": grpc.unary_unary_rpc_method_handler(
                api.tokenize,
                request_deserializer=tg.TokenizeRequest.FromString,
                response_serializer=tg.TokenizeResponse.SerializeToString,
            )
        },
    )
    streams = grpc.method_handlers_generic_handler(
        "yandex.cloud.ai.foundation_models.v1.TextGenerationService",
        {
            "Completion": grpc.unary_stream_rpc_method_handler(
                api.completion,
                request_deserializer=tg.CompletionRequest.FromString,
                response_serializer=tg.CompletionResponse.SerializeToString,
            )
        },
    )
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    server.add_generic_rpc_handlers((handler, streams))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    return server, f"127.0.0.1:{port}"


def fake_yc(folder: Path, token: str = "t1.from-yc") -> Path:
    """A `yc` in `folder` that logs its arguments to `folder/yc.log` and prints `token`."""
    script = folder / "yc"
    script.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, sys\n"
        f"log = pathlib.Path({str(folder / 'yc.log')!r})\n"
        "log.write_text(log.read_text() + ' '.join(sys.argv[1:]) + '\\n' if log.exists() else ' '.join(sys.argv[1:]) + '\\n')\n"
        f"print({token!r})\n"
    )
    script.chmod(0o755)
    return script


def yc_calls(folder: Path) -> list[str]:
    log = folder / "yc.log"
    return log.read_text().splitlines() if log.exists() else []

