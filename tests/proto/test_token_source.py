"""A rejected token is handed back to its provider's `invalidate` as the bare token, whatever
prefix the package's auth scheme puts in front of it."""

from __future__ import annotations

import sys

import pytest

from tests.support.paths import GENERATED

if str(GENERATED / "python" / "ai_studio") not in sys.path:
    sys.path.insert(0, str(GENERATED / "python" / "ai_studio"))

from ai_studio.native._grpc._auth import TokenSource


class Provider:
    def __init__(self) -> None:
        self.invalidated: list[str] = []

    def __call__(self) -> str:
        return "tok-123456"

    def invalidate(self, token: str) -> None:
        self.invalidated.append(token)


@pytest.mark.parametrize("prefix", ["Bearer", "IAM", ""])
def test_invalidate_gets_the_bare_token(prefix: str) -> None:
    provider = Provider()
    source = TokenSource(provider, key="authorization", prefix=prefix)
    assert source.pair() == ("authorization", f"{prefix} tok-123456" if prefix else "tok-123456")
    assert source.renew()
    assert provider.invalidated == ["tok-123456"]
