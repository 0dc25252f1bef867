"""The credentials a proto package's client takes, from the package's `options.auth`.

With no `auth` option a client takes no credential at all (scheme `none`): no key, no token, no
header a particular cloud expects. A scheme adds keyword arguments to `Client(...)`:

| scheme              | arguments                                  | sent as                              |
|---------------------|--------------------------------------------|--------------------------------------|
| `none`              | —                                          | —                                    |
| `bearer`            | `token=` (or `token_argument`), `token_provider=` | `authorization: Bearer <token>`  |
| `api_key`           | `api_key=`                                 | `<header or metadata_key>: <prefix> <key>` |
| `api_key_or_bearer` | `api_key=`, the bearer token, `token_provider=` | whichever one is given          |

`metadata` (metadata key -> environment variable) adds one keyword argument per key, named after
the key without a leading `x-` (`x-folder-id` -> `folder_id=`), read from the environment
variable when not given and sent on every call.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import field
from typing import Any, NamedTuple

from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.naming import safe_argument

# Names the client's __init__ already takes; a metadata argument must not shadow them.
_CLIENT_ARGUMENTS = frozenset(
    {
        "transport", "endpoint", "endpoints", "insecure", "timeout", "max_retries",
        "initial_retry_delay", "max_retry_delay", "metadata", "http_client", "token_provider",
    }
)  # fmt: skip


class Credential(NamedTuple):
    """One keyword argument of `Client(...)` sent as one metadata pair (header over REST)."""

    argument: str
    grpc_key: str  # lower case: gRPC metadata keys are
    rest_key: str
    prefix: str  # the word before the value ("Bearer"), or ""
    env: str  # the environment variable read when the argument is not given, or ""
    doc: str


@lazy_dataclass(frozen=True, eq=False)  # (never compared: no __eq__ compiled at import)
class AuthView:
    scheme: str
    credentials: list[Credential] = field(default_factory=list)  # one of them may be given
    metadata: list[Credential] = field(default_factory=list)  # each sent when set
    token_provider: bool = False  # a callable for a bearer token that expires
    token_key: tuple[str, str] = ("authorization", "authorization")  # (gRPC, REST) for the provider
    token_prefix: str = "Bearer"

    @property
    def arguments(self) -> list[Credential]:
        return [*self.credentials, *self.metadata]

    @property
    def env_reads(self) -> list[tuple[str, str, str]]:
        """(argument, environment variable, the condition to read it): a credential comes from
        the environment only when no credential was given at all."""
        unset = " and ".join(f"{name} is None" for name in self.exclusive)
        return [(c.argument, c.env, unset) for c in self.credentials if c.env] + [
            (c.argument, c.env, f"{c.argument} is None") for c in self.metadata if c.env
        ]

    @property
    def exclusive(self) -> list[str]:
        """The arguments of which at most one may be given."""
        return [c.argument for c in self.credentials] + (["token_provider"] if self.token_provider else [])


def _keys(auth: Mapping[str, Any], default: str) -> tuple[str, str]:
    header = str(auth.get("header") or auth.get("metadata_key") or default)
    metadata_key = str(auth.get("metadata_key") or header)
    return metadata_key.lower(), header


def metadata_argument(key: str) -> str:
    """`x-folder-id` -> `folder_id`: the keyword argument for a custom metadata key."""
    words = re.sub(r"^x-", "", key.lower())
    return safe_argument(re.sub(r"[^a-z0-9]+", "_", words).strip("_") or "value", _CLIENT_ARGUMENTS)


def auth_view(options: Mapping[str, Any]) -> AuthView:
    auth: Mapping[str, Any] = options.get("auth") or {"scheme": "none"}
    scheme = str(auth["scheme"])
    metadata = [
        Credential(
            argument=metadata_argument(key),
            grpc_key=key.lower(),
            rest_key=key,
            prefix="",
            env=str(env),
            doc=f"Sent as `{key}` with every call" + (f"; defaults to `{env}`." if env else "."),
        )
        for key, env in sorted((auth.get("metadata") or {}).items())
    ]
    env = str(auth.get("env") or "")
    credentials: list[Credential] = []
    if scheme in ("api_key", "api_key_or_bearer"):
        grpc_key, rest_key = _keys(auth, "authorization")
        prefix = str(auth.get("prefix", ""))
        sent = f"`{rest_key}: {prefix + ' ' if prefix else ''}...`"
        credentials.append(
            Credential("api_key", grpc_key, rest_key, prefix, env, f"An API key, sent as {sent}" + _env_doc(env))
        )
    bearer = scheme in ("bearer", "api_key_or_bearer")
    token_key = ("authorization", "authorization")
    token_prefix = "Bearer"
    if bearer:
        if scheme == "bearer":
            token_key = _keys(auth, "authorization")
            token_prefix = str(auth.get("prefix", "Bearer"))
        argument = safe_argument(str(auth.get("token_argument") or "token"), _CLIENT_ARGUMENTS)
        token_env = env if scheme == "bearer" else ""
        credentials.append(
            Credential(
                argument,
                token_key[0],
                token_key[1],
                token_prefix,
                token_env,
                f"A token, sent as `{token_key[1]}: {token_prefix + ' ' if token_prefix else ''}...`"
                + _env_doc(token_env),
            )
        )
    return AuthView(scheme, credentials, metadata, bearer, token_key, token_prefix)


def _env_doc(env: str) -> str:
    return f"; defaults to `{env}`." if env else "."


def auth_summary(view: AuthView) -> str:
    """The first line of `Client.__init__`'s docstring."""
    if not view.credentials:
        return "Connect to the package's services; no credentials are sent unless given in `metadata`."
    given = " or ".join(f"`{c.argument}`" for c in view.credentials)
    return f"Connect with {given}{' or `token_provider`' if view.token_provider else ''}."
