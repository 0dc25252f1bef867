"""Signing in to Yandex Cloud: IAM tokens from every kind of credential, cached and refreshed.

Each kind is a token provider (a callable returning the current IAM token) with one cache and
one lock, so the sync and the async client, every API group and every thread share one token
and one refresh. A provider is also told when a server rejected its token (`invalidate`), so
the next call gets a new one instead of the cached one.
"""

# Copied into the package by apigen. Do not edit by hand.

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "AsyncTokens",
    "CliCredentials",
    "CredentialsError",
    "DiscoveredCredentials",
    "IamCredentials",
    "IssuedToken",
    "MetadataCredentials",
    "OAuthCredentials",
    "Resolved",
    "ServiceAccountKeyCredentials",
    "resolve",
]

REFRESH_AHEAD = 3600.0  # renew an IAM token this long before it expires (half its life if shorter)
JWT_LIFETIME = 3600  # seconds a service account JWT is valid (IAM accepts at most one hour)
IAM_TOKENS_URL = "https://iam.api.cloud.yandex.net/iam/v1/tokens"  # the JWT audience
METADATA_URL = "http://169.254.169.254/computeMetadata/v1/instance/service-accounts/default/token"
METADATA_URL_ENV = "YC_METADATA_URL"  # another address for the metadata service (tests, proxies)
METADATA_PROBE_TIMEOUT = 0.5  # seconds to wait for the metadata service before giving up on it
METADATA_TIMEOUT = 5.0  # seconds for a token request once the service answered a probe
CLI_TIMEOUT = 30.0  # seconds for `yc iam create-token`
CLI_TOKEN_LIFETIME = 2 * 3600.0  # assumed for CLI tokens (they are valid 12 h; yc may cache one)


class CredentialsError(Exception):
    """No credentials, or they could not be turned into an IAM token. Never holds a secret."""


@dataclass(frozen=True)
class IssuedToken:
    """An IAM token and when it expires (seconds since the epoch)."""

    token: str
    expires_at: float

    def __repr__(self) -> str:
        return f"IssuedToken(token=<redacted>, expires_at={self.expires_at!r})"


# Trades a proof of identity ({"jwt": ...} or {"yandex_passport_oauth_token": ...}) for a token.
Exchange = Callable[[Mapping[str, str]], IssuedToken]


class IamCredentials:
    """The cached IAM token of one identity, renewed `REFRESH_AHEAD` before it expires.

    Call it for the current token (`AIStudio(token_provider=...)` accepts it as is); give
    `.asynchronous` to an async client. `clock` is for tests.
    """

    kind = "iam"

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._token: str | None = None
        self._refresh_at = 0.0
        self.refreshes = 0  # how many tokens were obtained (for tests and diagnostics)

    def _issue(self) -> IssuedToken:
        raise NotImplementedError

    def _fresh(self) -> str | None:
        token = self._token
        return token if token is not None and self._clock() < self._refresh_at else None

    def __call__(self) -> str:
        token = self._fresh()
        if token is not None:
            return token
        with self._lock:  # the first caller renews; the others wait and reuse its token
            token = self._fresh()
            if token is not None:
                return token
            issued = self._issue()
            now = self._clock()
            lifetime = max(issued.expires_at - now, 0.0)
            self._token = issued.token
            self._refresh_at = issued.expires_at - min(REFRESH_AHEAD, lifetime / 2)
            self.refreshes += 1
            return issued.token

    def invalidate(self, token: str) -> None:
        """A server rejected `token`: renew on the next call (once, however many saw it fail)."""
        with self._lock:
            if self._token == token:
                self._refresh_at = 0.0

    @property
    def asynchronous(self) -> AsyncTokens:
        """The same token source for async clients (renewal runs in a worker thread)."""
        return AsyncTokens(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<redacted>)"


class AsyncTokens:
    """Awaitable view of an `IamCredentials`, sharing its cache and lock."""

    __slots__ = ("credentials",)

    def __init__(self, credentials: IamCredentials) -> None:
        self.credentials = credentials

    async def __call__(self) -> str:
        token = self.credentials._fresh()
        if token is not None:
            return token
        import asyncio  # not loaded until an async client needs a new token

        return await asyncio.to_thread(self.credentials)

    def invalidate(self, token: str) -> None:
        self.credentials.invalidate(token)

    def __repr__(self) -> str:
        return f"AsyncTokens({self.credentials!r})"


class OAuthCredentials(IamCredentials):
    """A Yandex account OAuth token, exchanged for IAM tokens."""

    kind = "oauth_token"

    def __init__(
        self, oauth_token: str, exchange: Exchange, *, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(clock=clock)
        self._oauth_token = oauth_token
        self._exchange = exchange

    def _issue(self) -> IssuedToken:
        return self._exchange({"yandex_passport_oauth_token": self._oauth_token})


@dataclass(frozen=True, repr=False)
class ServiceAccountKey:
    """The fields of an authorized key (`yc iam key create --output key.json`) that sign a JWT."""

    key_id: str
    service_account_id: str
    private_key: str

    @classmethod
    def load(cls, key: str | os.PathLike[str] | Mapping[str, Any]) -> ServiceAccountKey:
        """From the parsed JSON, the JSON text, or the path of the key file."""
        if isinstance(key, Mapping):
            data: Any = key
        elif isinstance(key, str) and key.lstrip().startswith("{"):
            data = _parse_key(key, "the service account key")
        else:
            path = Path(key)
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise CredentialsError(
                    f"cannot read the service account key file {path}: {exc.strerror}"
                ) from None
            data = _parse_key(text, f"the service account key file {path}")
        if not isinstance(data, Mapping):
            raise CredentialsError("the service account key is not a JSON object")
        missing = [
            name for name in ("id", "service_account_id", "private_key") if not data.get(name)
        ]
        if missing:
            raise CredentialsError(f"the service account key lacks {', '.join(missing)}")
        return cls(str(data["id"]), str(data["service_account_id"]), str(data["private_key"]))

    def pem(self) -> str:
        """The private key without the `PLEASE DO NOT REMOVE THIS LINE!` line yc puts first."""
        start = self.private_key.find("-----BEGIN")
        return self.private_key[start:] if start >= 0 else self.private_key

    def __repr__(self) -> str:
        return (
            f"ServiceAccountKey(key_id={self.key_id!r}, "
            f"service_account_id={self.service_account_id!r}, private_key=<redacted>)"
        )


def _parse_key(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:  # the message names the position, never the content
        raise CredentialsError(f"{where} is not JSON (line {exc.lineno})") from None


class ServiceAccountKeyCredentials(IamCredentials):
    """A service account's authorized key: a PS256-signed JWT exchanged for IAM tokens.

    Needs `pyjwt` and `cryptography` (`pip install 'yandex-ai-studio[service-account]'`).
    """

    kind = "service_account_key"

    def __init__(
        self,
        key: str | os.PathLike[str] | Mapping[str, Any],
        exchange: Exchange,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(clock=clock)
        self.key = ServiceAccountKey.load(key)
        self._exchange = exchange

    def signed_jwt(self) -> str:
        try:
            import jwt
        except ImportError:
            raise CredentialsError(
                "a service account key needs pyjwt and cryptography: "
                "pip install 'yandex-ai-studio[service-account]'"
            ) from None
        now = int(self._clock())
        claims = {
            "iss": self.key.service_account_id,
            "aud": IAM_TOKENS_URL,
            "iat": now,
            "exp": now + JWT_LIFETIME,
        }
        try:
            return jwt.encode(
                claims, self.key.pem(), algorithm="PS256", headers={"kid": self.key.key_id}
            )
        except (ValueError, TypeError, jwt.PyJWTError) as exc:
            raise CredentialsError(
                f"cannot sign with the service account key {self.key.key_id!r}: "
                f"{type(exc).__name__}"
            ) from None

    def _issue(self) -> IssuedToken:
        return self._exchange({"jwt": self.signed_jwt()})


class MetadataCredentials(IamCredentials):
    """The service account of the VM, function or container, from its metadata service."""

    kind = "metadata"

    def __init__(self, url: str | None = None, *, clock: Callable[[], float] = time.time) -> None:
        super().__init__(clock=clock)
        self.url = url or os.environ.get(METADATA_URL_ENV) or METADATA_URL

    def fetch(self, timeout: float = METADATA_TIMEOUT) -> IssuedToken:
        import httpx2

        try:
            response = httpx2.get(
                self.url, headers={"Metadata-Flavor": "Google"}, timeout=timeout
            )
            response.raise_for_status()
            answer = response.json()
            return IssuedToken(
                str(answer["access_token"]), self._clock() + float(answer["expires_in"])
            )
        except httpx2.HTTPError as exc:
            raise CredentialsError(
                f"the metadata service at {self.url} gave no token: {type(exc).__name__}"
            ) from None
        except (ValueError, KeyError, TypeError):
            raise CredentialsError(
                f"the metadata service at {self.url} answered without a token"
            ) from None

    def _issue(self) -> IssuedToken:
        return self.fetch()


class CliCredentials(IamCredentials):
    """The `yc` CLI's profile (`YC_PROFILE`, or its active one): `yc iam create-token`."""

    kind = "yc_profile"

    def __init__(
        self,
        profile: str | None = None,
        *,
        executable: str = "yc",
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(clock=clock)
        self.profile = profile
        self.executable = executable

    def _issue(self) -> IssuedToken:
        import subprocess

        command = [self.executable, "iam", "create-token"]
        if self.profile:
            command += ["--profile", self.profile]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=CLI_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise CredentialsError(f"`{' '.join(command)}` failed: {type(exc).__name__}") from None
        token = done.stdout.strip()
        if done.returncode != 0 or not token or len(token.split()) != 1:
            # stderr explains the failure; stdout might hold a token, so it is never shown
            reason = done.stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
            raise CredentialsError(f"`{' '.join(command)}` failed: {reason[0][:200]}")
        return IssuedToken(token, self._clock() + CLI_TOKEN_LIFETIME)


class DiscoveredCredentials(IamCredentials):
    """What the environment offers when nothing else was given: the metadata service if it
    answers within `METADATA_PROBE_TIMEOUT`, else the `yc` CLI if it is installed."""

    kind = "discovered"

    def __init__(
        self,
        *,
        metadata_url: str | None = None,
        profile: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(clock=clock)
        self.metadata = MetadataCredentials(metadata_url, clock=clock)
        self.profile = profile
        self._found: IamCredentials | None = None
        self._probed = False

    def _issue(self) -> IssuedToken:
        if not self._probed:  # once: the probe's token is the first token
            self._probed = True
            try:
                issued = self.metadata.fetch(timeout=METADATA_PROBE_TIMEOUT)
                self._found = self.metadata
                return issued
            except CredentialsError:
                import shutil

                executable = shutil.which("yc")
                if executable is not None:
                    self._found = CliCredentials(self.profile, executable=executable)
        if self._found is None:
            raise CredentialsError(
                "no credentials: pass api_key=, iam_token=, oauth_token=, service_account_key= "
                "or yc_profile=, set YC_API_KEY, YC_IAM_TOKEN or YC_OAUTH_TOKEN, run on a Yandex "
                "Cloud VM or function with a service account, or install the yc CLI"
            )
        return self._found._issue()


@dataclass(frozen=True, repr=False)
class Resolved:
    """Where the credentials came from (`kind`) and what to send: a fixed API key or IAM
    token, or a token provider. Its repr names the kind only."""

    kind: str
    api_key: str | None = None
    iam_token: str | None = None
    provider: Any = None

    def __repr__(self) -> str:
        return f"Resolved(kind={self.kind!r})"


_SHARED: dict[tuple[str, ...], IamCredentials] = {}
_SHARED_LOCK = threading.Lock()


def shared(key: tuple[str, ...], make: Callable[[], IamCredentials]) -> IamCredentials:
    """One `IamCredentials` per identity in the process: clients built with the same
    credentials (sync and async alike) share one token and one refresh. `key` holds a digest
    of the secret, never the secret."""
    with _SHARED_LOCK:
        found = _SHARED.get(key)
        if found is None:
            found = _SHARED[key] = make()
        return found


def _digest(secret: object) -> str:
    text = secret if isinstance(secret, str) else json.dumps(secret, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def resolve(
    *,
    api_key: str | None = None,
    iam_token: str | None = None,
    token_provider: Any = None,
    oauth_token: str | None = None,
    service_account_key: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    yc_profile: str | None = None,
    exchange: Exchange,
    exchange_id: str = "",
    environ: Mapping[str, str] = os.environ,
    api_key_env: str = "YC_API_KEY",
    iam_token_env: str = "YC_IAM_TOKEN",
) -> Resolved:
    """The credentials to use, in this order: the arguments (at most one kind); the environment:
    `api_key_env`, `iam_token_env`, `YC_OAUTH_TOKEN`, `YC_TOKEN` (an IAM token, as the official
    SDK reads it), `YC_PROFILE` (a `yc` CLI profile); then whatever the place offers: the
    metadata service when it answers, else the `yc` CLI's active profile.

    `exchange` trades an OAuth token or a JWT for an IAM token; `exchange_id` names where it
    goes, so that clients with another IAM endpoint do not share tokens.
    """
    arguments = {
        "api_key": api_key,
        "iam_token": iam_token,
        "token_provider": token_provider,
        "oauth_token": oauth_token,
        "service_account_key": service_account_key,
        "yc_profile": yc_profile,
    }
    given = [name for name, value in arguments.items() if value is not None and value != ""]
    if len(given) > 1:
        raise ValueError(f"pass one kind of credentials, not {' and '.join(given)}")
    if not given:
        return _from_environment(environ, api_key_env, iam_token_env, exchange, exchange_id)
    kind = given[0]
    if kind == "api_key":
        return Resolved(kind, api_key=api_key)
    if kind == "iam_token":
        return Resolved(kind, iam_token=iam_token)
    if kind == "token_provider":
        return Resolved(kind, provider=token_provider)
    if kind == "oauth_token":
        assert oauth_token is not None
        return _oauth(oauth_token, exchange, exchange_id)
    if kind == "service_account_key":
        assert service_account_key is not None
        key = ("service_account_key", _digest(service_account_key), exchange_id)
        provider = shared(key, lambda: ServiceAccountKeyCredentials(service_account_key, exchange))
        return Resolved(kind, provider=provider)
    provider = shared(("yc_profile", str(yc_profile)), lambda: CliCredentials(yc_profile))
    return Resolved(kind, provider=provider)


def _oauth(oauth_token: str, exchange: Exchange, exchange_id: str) -> Resolved:
    key = ("oauth_token", _digest(oauth_token), exchange_id)
    return Resolved("oauth_token", provider=shared(key, lambda: OAuthCredentials(oauth_token, exchange)))


def _from_environment(
    environ: Mapping[str, str],
    api_key_env: str,
    iam_token_env: str,
    exchange: Exchange,
    exchange_id: str,
) -> Resolved:
    if environ.get(api_key_env):
        return Resolved("api_key", api_key=environ[api_key_env])
    if environ.get(iam_token_env):
        return Resolved("iam_token", iam_token=environ[iam_token_env])
    if environ.get("YC_OAUTH_TOKEN"):
        return _oauth(environ["YC_OAUTH_TOKEN"], exchange, exchange_id)
    if environ.get("YC_TOKEN"):
        return Resolved("iam_token", iam_token=environ["YC_TOKEN"])
    profile = environ.get("YC_PROFILE")
    if profile:
        return Resolved("yc_profile", provider=shared(("yc_profile", profile), lambda: CliCredentials(profile)))
    url = environ.get(METADATA_URL_ENV) or METADATA_URL
    return Resolved("discovered", provider=shared(("discovered", url), lambda: DiscoveredCredentials(metadata_url=url)))
