"""A token that shows what a second caller would see while a client stores it."""

from __future__ import annotations

from collections.abc import Callable


class Peeking(str):
    """Runs `peek` while the client remembers the token (the runtime checks that a secret is not
    empty before it hides it from logs): the moment another thread could read the cache."""

    peek: Callable[[], None] = staticmethod(lambda: None)

    def __len__(self) -> int:
        self.peek()
        return super().__len__()
