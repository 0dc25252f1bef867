"""`@lazy_dataclass`: a dataclass whose methods are written when they are first called.

`dataclass` compiles each method it writes from source, one `exec` apiece (~0.1 ms of CPU), as
the class is made: ~250 methods, ~25 ms, at the start of every run, which calls ~40 of them
(mostly `__init__`s; `__repr__`, `__eq__`, `__hash__` and the frozen guards almost never). Here
`dataclass` makes the class without them, and each is put in by a stand-in that, on its first
call, has `dataclass` write that one method (for a twin of the class: its name, bases and body),
puts it in its own place and runs it. The frozen guards are `dataclass`'s, written as closures
(they name the class itself, not its twin), so nothing is compiled for them.

Otherwise a class made here is the one `dataclass` makes with the same arguments: the same
fields, `__dataclass_params__`, `__match_args__`, `__hash__` (`None` for a class compared but not
frozen), `fields()`/`replace()`/`asdict()` and pickling. Two differences, read by nothing of
ours: a class without a docstring gets none (`dataclass` writes its signature, computing it with
`inspect`), and a method's signature is the stand-in's until its first call. A class with a
dataclass among its bases, defining one of these methods itself or `__slots__`, is made by
`dataclass` (the rules for those cases are its own).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import MISSING
from functools import partial
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T", bound=type)

# the methods a stand-in may stand for; a class defining any of them itself is left to dataclass
WRITTEN = frozenset(
    {"__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"}
    | {"__lt__", "__le__", "__gt__", "__ge__"}
)
# a class defining any of these is left to dataclass too (slots: its twin could not be made)
LEFT_TO_DATACLASS = WRITTEN | {"__slots__"}

# `dataclass`'s own defaults of the arguments taken here
DEFAULTS = {"init": True, "repr": True, "eq": True, "order": False, "unsafe_hash": False}
DEFAULTS["frozen"] = False


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def lazy_dataclass(cls: Any = None, /, **params: bool) -> Any:
    """`dataclasses.dataclass(cls, **params)` with its methods written on first call (module
    docstring); `params` among `DEFAULTS`' names."""

    def make(cls: T) -> T:
        return made_lazily(cls, params)

    return make if cls is None else make(cls)


def made_lazily(
    cls: T, params: dict[str, bool], finish: Callable[[str, Any], Any] | None = None
) -> T:
    """`cls` made as `dataclass(cls, **params)` with deferred methods; `finish(name, method)`,
    if given, is what is put in place of each method `dataclass` writes."""
    if params.keys() - DEFAULTS.keys():
        raise TypeError(f"lazy_dataclass takes no {sorted(params.keys() - DEFAULTS.keys())}")
    params = {**DEFAULTS, **params}
    own = vars(cls)
    dataclass_base = any(dataclasses.is_dataclass(base) for base in cls.__mro__[1:])
    if dataclass_base or LEFT_TO_DATACLASS & own.keys():
        plain: Any = dataclasses.dataclass(cls, **params)
        return plain  # type: ignore[no-any-return]
    if params["order"] and not params["eq"]:
        raise ValueError("eq must be true if order is true")
    undocumented = cls.__doc__ is None
    if undocumented:  # (else `dataclass` writes the class's signature, computed by `inspect`)
        cls.__doc__ = "-"
    body = {name: value for name, value in own.items() if name not in ("__dict__", "__weakref__")}
    made: Any = dataclasses.dataclass(cls, init=False, repr=False, eq=False)
    if undocumented:
        made.__doc__ = None
    for name, value in params.items():
        setattr(made.__dataclass_params__, name, value)
    if params["init"]:
        fields_in_order(made)
    for name in _deferred(params):
        write = _twin_writer(made, body, name, params)
        if name == "__init__" and params["frozen"] and _writes_directly(made):
            write = partial(direct_init, made)  # (a twin would compile its frozen guards too)
        if finish is not None:
            write = _finishing(write, name, finish)
        setattr(made, name, stand_in(made, name, write))
    if params["eq"] and not params["frozen"] and not params["unsafe_hash"]:
        made.__hash__ = None  # (as `dataclass`: compared by value but mutable, so unhashable)
    if params["frozen"]:
        made.__setattr__, made.__delattr__ = frozen_guards(made)
    return made  # type: ignore[no-any-return]


def _deferred(params: dict[str, bool]) -> list[str]:
    """The methods `dataclass` would write for these arguments (the frozen guards aside)."""
    names = [name for name in ("__init__", "__repr__", "__eq__") if params[name.strip("_")]]
    if params["unsafe_hash"] or (params["eq"] and params["frozen"]):
        names.append("__hash__")
    if params["order"]:
        names += ["__lt__", "__le__", "__gt__", "__ge__"]
    return names


def _twin_writer(
    cls: type, body: dict[str, Any], name: str, params: dict[str, bool]
) -> Callable[[], Callable[..., Any]]:
    """What writes method `name` of `cls`: `dataclass` making a twin of the class with only that
    method (a frozen class's `__init__` stores through `object.__setattr__`; the twin's own
    frozen guards are not used)."""

    def write() -> Callable[..., Any]:
        twin = type(cls)(cls.__name__, cls.__bases__, dict(body))
        wanted = {
            "init": name == "__init__",
            "repr": name == "__repr__",
            "eq": name not in ("__init__", "__repr__"),
            "order": name in ("__lt__", "__le__", "__gt__", "__ge__"),
            "unsafe_hash": name == "__hash__",
            "frozen": name == "__init__" and params["frozen"],
        }
        method: Callable[..., Any] = vars(dataclasses.dataclass(twin, **wanted))[name]
        return method

    return write


def _finishing(
    write: Callable[[], Callable[..., Any]], name: str, finish: Callable[[str, Any], Any]
) -> Callable[[], Callable[..., Any]]:
    return lambda: finish(name, write())


def stand_in(cls: type, name: str, write: Callable[[], Callable[..., Any]]) -> Callable[..., Any]:
    """A method of `cls` that, on its first call, puts `write()` in its own place and runs it."""

    def method(self: Any, *args: Any, **values: Any) -> Any:
        written = write()
        setattr(cls, name, written)
        return written(self, *args, **values)

    method.__name__, method.__qualname__ = name, f"{cls.__qualname__}.{name}"
    return method


def frozen_guards(cls: Any) -> tuple[Callable[..., None], Callable[..., None]]:
    """`__setattr__` and `__delattr__` of a frozen dataclass, as `dataclass` writes them: an
    instance of the class itself refuses any assignment, one of a subclass only to a field."""
    names = frozenset(item.name for item in dataclasses.fields(cls))

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    __setattr__.__qualname__ = f"{cls.__qualname__}.__setattr__"
    __delattr__.__qualname__ = f"{cls.__qualname__}.__delattr__"
    return __setattr__, __delattr__


def fields_in_order(cls: type) -> None:
    """The check `dataclass` makes when it writes an `__init__` (here written later): no field of
    its parameters without a default after one with a default."""
    defaulted = None
    for item in dataclasses.fields(cls):
        if not item.init or item.kw_only:
            continue
        if item.default is not MISSING or item.default_factory is not MISSING:
            defaulted = item.name
        elif defaulted is not None:
            follows = f"without a default follows {defaulted!r}"
            raise TypeError(f"{cls.__name__}: field {item.name!r} {follows}")


def _writes_directly(cls: type) -> bool:
    """Whether `direct_init` writes `cls.__init__` as `dataclass` does."""
    return not hasattr(cls, "__post_init__") and all(
        item.init and not item.kw_only and item.default_factory is dataclasses.MISSING
        and item.name not in ("self", "__dataclass_state__")  # (the names `__init__` uses)
        for item in dataclasses.fields(cls)
    )  # fmt: skip


def direct_init(cls: type) -> Callable[..., None]:
    """`cls.__init__` as `dataclass` writes it for a frozen class (positional or keyword
    parameters, the same defaults, the attributes in the same order), each field stored straight
    into `self.__dict__` (`dataclass` stores through `object.__setattr__`: ~4x slower)."""
    if not _writes_directly(cls):  # (a plain store would skip `__post_init__`)
        refused = "no factory default, no keyword-only or uninitialized field, no field `self`"
        raise TypeError(f"{cls.__name__}: `direct_init` writes no `__post_init__` call, {refused}")
    params, stores, defaults = ["self"], [], {}
    for item in dataclasses.fields(cls):
        if item.default is dataclasses.MISSING:
            params.append(item.name)
        else:
            defaults[f"_{item.name}_default"] = item.default
            params.append(f"{item.name}=_{item.name}_default")
        stores.append(f"    __dataclass_state__[{item.name!r}] = {item.name}")
    first = "    __dataclass_state__ = self.__dict__"
    source = "\n".join([f"def __init__({', '.join(params)}):", first, *stores])
    namespace: dict[str, Any] = dict(defaults)
    exec(compile(source, f"<{cls.__qualname__}.__init__>", "exec"), namespace)
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init
