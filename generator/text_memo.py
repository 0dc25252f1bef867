"""Memos for pure functions of spec text, with a bound on what they keep.

A spec repeats short texts many times (a shared parameter's description, `str | None`, a name),
and converting each once pays. But a memo keeps what it was given, and the result, until newer
entries push them out, for the life of the process; spec text can be long (prose up to
`limits.MAX_TEXT_LENGTH` characters). So a memo here remembers only texts of at most
MEMO_TEXT_LIMIT characters: one of `maxsize` entries keeps at most about
`maxsize × 2 × MEMO_TEXT_LIMIT` characters (argument and result), whatever the spec. A longer
text is converted at every call; such texts are rare, and converting one costs little next to
the rendering around it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

MEMO_TEXT_LIMIT = 512  # characters: the longest text a memo remembers

F = TypeVar("F", bound=Callable[..., Any])


def short_text_memo(maxsize: int) -> Callable[[F], F]:
    """A decorator: the function's results memoized (`functools.lru_cache` of `maxsize`
    entries, the other arguments part of the key) for a first argument of at most
    MEMO_TEXT_LIMIT characters."""

    def decorate(function: F) -> F:
        memoized = functools.lru_cache(maxsize=maxsize)(function)

        @functools.wraps(function)
        def call(text: str, *rest: Hashable) -> Any:
            if len(text) <= MEMO_TEXT_LIMIT:
                return memoized(text, *rest)
            return function(text, *rest)

        return cast(F, call)

    return decorate
