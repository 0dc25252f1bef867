"""How an IR class is made: `@node`, a frozen dataclass that costs less to make and to fill.

Every run imports the IR's ~25 classes, and `dataclass(frozen=True)` compiles six methods of each
from source (~15 ms of CPU at every start, a tenth of a warm proto run's imports). Three of them
need not be compiled per class:

- the frozen guards (`__setattr__`, `__delattr__`) refuse any assignment to a node whatever its
  class: one pair is shared by every class (a node is never of a subclass of an IR class);
- `__init__` is replaced anyway: each class gets one that stores the fields straight into the new
  node's `__dict__`, written when the class first makes a node (`_direct_init`).

What `@node` makes is what `dataclass(frozen=True)` makes in every other respect: the same
fields, `__repr__`, `__eq__` and `__hash__` (as `unsafe_hash` writes them: the frozen class's
own), and type checkers take it as a frozen dataclass (`dataclass_transform`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar, dataclass_transform

T = TypeVar("T", bound=type)


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def node(cls: T) -> T:
    """`cls` as an IR class: a frozen dataclass (see the module docstring)."""
    made: Any = dataclasses.dataclass(init=False, unsafe_hash=True)(cls)
    _fields_in_order(made)
    made.__setattr__, made.__delattr__ = _refuse_assignment, _refuse_deletion
    _unguard_repr(made)
    made.__init__ = _installing_init(made)
    return made  # type: ignore[no-any-return]


def _fields_in_order(cls: type) -> None:
    """The check `dataclass` makes when it writes an `__init__` (here written later, on the first
    node): no field without a default after one with a default."""
    defaulted = None
    for item in dataclasses.fields(cls):
        if item.default is not dataclasses.MISSING or item.default_factory is not dataclasses.MISSING:
            defaulted = item.name
        elif defaulted is not None:
            raise TypeError(f"{cls.__name__}: field {item.name!r} without a default follows {defaulted!r}")


def _refuse_assignment(self: object, name: str, value: object) -> NoReturn:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_deletion(self: object, name: str) -> NoReturn:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _unguard_repr(cls: type) -> None:
    """Drop the guard `dataclass` puts around each `__repr__` against a node containing itself.

    IR nodes are frozen and built from their parts, so they form trees and the guard never
    fires; it costs a third of `generator.ir.serialize.content_digest`, which digests nodes by
    their repr (every operation and type, every run). The text of a repr is unchanged."""
    guarded = vars(cls).get("__repr__")
    if guarded is not None and hasattr(guarded, "__wrapped__"):
        cls.__repr__ = guarded.__wrapped__  # type: ignore[method-assign]


def _installing_init(cls: type) -> Callable[..., None]:
    """An `__init__` that puts `_direct_init(cls)` in its place, then runs it.

    A frozen dataclass's own `__init__` stores each field through `object.__setattr__` (its
    class's `__setattr__` refuses): about four times a plain store, and the front ends make
    hundreds of thousands of nodes (every field of a proto tree makes a `Field`, a `ProtoField`
    and a `Location`). The signature, the defaults and the order of the attributes are the
    dataclass's; nodes stay frozen (`__setattr__` still refuses). Each is written when its class
    first makes a node (writing all at import took ~2 ms of every run, most of which make few)."""

    def __init__(self: Any, *args: Any, **values: Any) -> None:
        init = _direct_init(cls)
        cls.__init__ = init  # type: ignore[misc]
        init(self, *args, **values)

    return __init__


def _direct_init(cls: type) -> Callable[..., None]:
    """`cls.__init__` as `dataclass` writes it (positional or keyword parameters, the same
    defaults), each field stored into `self.__dict__`."""
    if hasattr(cls, "__post_init__"):  # (a plain store would skip it)
        raise TypeError(f"{cls.__name__}: `_direct_init` does not call `__post_init__`")
    params, stores, defaults = ["self"], [], {}
    for item in dataclasses.fields(cls):
        if not item.init or item.kw_only or item.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{item.name}: a field `_direct_init` does not write")
        if item.default is dataclasses.MISSING:
            params.append(item.name)
        else:
            defaults[f"_{item.name}_default"] = item.default
            params.append(f"{item.name}=_{item.name}_default")
        stores.append(f"    state[{item.name!r}] = {item.name}")
    source = "\n".join([f"def __init__({', '.join(params)}):", "    state = self.__dict__", *stores])
    namespace: dict[str, Any] = dict(defaults)
    exec(compile(source, f"<{cls.__qualname__}.__init__>", "exec"), namespace)
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init
