"""How an IR class is made: `@node`, a frozen dataclass that costs less to make and to fill.

Every run imports the IR's ~25 classes, and `dataclass(frozen=True)` compiles six methods of each
from source (~15 ms of CPU at every start, a tenth of a warm proto run's imports). None is
compiled as the class is made:

- the frozen guards (`__setattr__`, `__delattr__`) refuse any assignment to a node whatever its
  class: one pair is shared by every class (a node is never of a subclass of an IR class);
- `__init__` stores the fields straight into the new node's `__dict__` (`direct_init`: a frozen
  dataclass's own stores each through `object.__setattr__`, about four times a plain store, and
  the front ends make hundreds of thousands of nodes); `__repr__`, `__eq__` and `__hash__` are
  written by `dataclass`; each when first called (`generator.lazy_dataclass`): a run digests
  nodes by their repr, but compares or hashes few.

What `@node` makes is what `dataclass(frozen=True)` makes in every other respect: the same
fields, `__repr__`, `__eq__` and `__hash__` (as `unsafe_hash` writes them: the frozen class's
own), and type checkers take it as a frozen dataclass (`dataclass_transform`).
"""

from __future__ import annotations

import dataclasses
from typing import Any, NoReturn, TypeVar, dataclass_transform

from generator.lazy_dataclass import made_lazily

T = TypeVar("T", bound=type)


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def node(cls: T) -> T:
    """`cls` as an IR class: a frozen dataclass (see the module docstring)."""
    made: Any = made_lazily(cls, dict(frozen=True, unsafe_hash=True), finish=_unguarded)
    made.__setattr__, made.__delattr__ = _refuse_assignment, _refuse_deletion
    return made  # type: ignore[no-any-return]


def _refuse_assignment(self: object, name: str, value: object) -> NoReturn:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_deletion(self: object, name: str) -> NoReturn:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _unguarded(name: str, method: Any) -> Any:
    """`__repr__` without the guard `dataclass` puts around it against a node containing itself.

    IR nodes are frozen and built from their parts, so they form trees and the guard never
    fires; it costs a third of `generator.ir.serialize.content_digest`, which digests nodes by
    their repr (every operation and type, every run). The text of a repr is unchanged."""
    return method.__wrapped__ if name == "__repr__" and hasattr(method, "__wrapped__") else method

