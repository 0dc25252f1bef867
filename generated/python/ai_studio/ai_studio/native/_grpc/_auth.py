"""Credentials as gRPC metadata and HTTP headers."""

from __future__ import annotations

from collections.abc import Iterable

from ._methods import Metadata


def auth_metadata(
    *,
    api_key: str | None,
    iam_token: str | None,
    folder_id: str | None,
    extra: Iterable[tuple[str, str]] = (),
) -> Metadata:
    """`authorization: Api-Key …` or `Bearer …`, `x-folder-id`, then any extra pairs.

    gRPC metadata keys are lower case; HTTP headers are case-insensitive, so one list serves both.
    """
    if api_key and iam_token:
        raise ValueError("pass either api_key or iam_token, not both")
    pairs: list[tuple[str, str]] = []
    if api_key:
        pairs.append(("authorization", f"Api-Key {api_key}"))
    elif iam_token:
        pairs.append(("authorization", f"Bearer {iam_token}"))
    if folder_id:
        pairs.append(("x-folder-id", folder_id))
    pairs.extend((key.lower(), value) for key, value in extra)
    return tuple(pairs)
