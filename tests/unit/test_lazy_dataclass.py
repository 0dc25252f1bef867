"""`@lazy_dataclass` makes what `dataclass` makes with the same arguments (fields, parameters,
methods and what they do, frozen-ness, hashability, `replace`/`asdict`/pickling), but compiles no
method as the class is made: each is written on its first call. Checked on class shapes our code
uses and on every class of `generator` made by it, each against a twin `dataclass` makes."""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import importlib
import inspect
import pickle
import pkgutil
from typing import Any, ClassVar

import pytest

import generator
from generator.lazy_dataclass import lazy_dataclass

ARGUMENTS: list[dict[str, bool]] = [
    {},
    {"frozen": True},
    {"eq": False},
    {"frozen": True, "eq": False},
    {"unsafe_hash": True},
    {"repr": False},
    {"order": True},
    {"frozen": True, "order": True},
]


def _body() -> dict[str, Any]:
    """A class body with a plain field, defaults (a value, a factory, a field not compared, not
    in the repr, not hashed), a class variable and a method of its own."""
    return {
        "__module__": __name__,
        "__qualname__": "Shape",
        "__annotations__": {
            "name": "str",
            "size": "int",
            "tags": "tuple[str, ...]",
            "note": "str",
            "weight": "float",
            "kind": "ClassVar[str]",
        },
        "size": 1,
        "tags": dataclasses.field(default_factory=tuple),
        "note": dataclasses.field(default="", compare=False, repr=False),
        "weight": dataclasses.field(default=0.5, hash=False),
        "kind": "shape",
        "describe": lambda self: f"{self.name}/{self.size}",
    }


def _pair(arguments: dict[str, bool]) -> tuple[Any, Any]:
    """The same class made by `lazy_dataclass` and by `dataclass`."""
    ours = lazy_dataclass(**arguments)(type("Shape", (), _body()))
    theirs = dataclasses.dataclass(**arguments)(type("Shape", (), _body()))
    return ours, theirs


def _written(cls: type) -> list[str]:
    """The methods of `cls` compiled from source (what `dataclass` writes with `exec`)."""
    return sorted(
        name
        for name, value in vars(cls).items()
        if getattr(getattr(value, "__code__", None), "co_filename", "").startswith("<")
    )


def _same_behaviour(ours: Any, theirs: Any, *values: Any) -> None:
    """Instances made of `values` behave alike: attributes, repr, eq, hash, order, frozen."""
    mine, other = ours(*values), theirs(*values)
    assert list(vars(mine).items()) == list(vars(other).items())
    if vars(theirs).get("__repr__"):
        assert repr(mine) == repr(other)
    assert (mine == ours(*values)) == (other == theirs(*values))
    assert (mine == ours("other")) == (other == theirs("other"))
    assert (mine == object()) == (other == object())
    if theirs.__hash__ is None:
        assert ours.__hash__ is None
    else:
        assert (hash(mine) == hash(ours(*values))) == (hash(other) == hash(theirs(*values)))
        if vars(theirs).get("__hash__") is not None:
            assert hash(mine) == hash(other)  # (both hash the same tuple of fields)
    for compare in ("__lt__", "__le__", "__gt__", "__ge__"):
        assert (compare in vars(ours)) == (compare in vars(theirs))
        if compare in vars(theirs):
            assert getattr(mine, compare)(ours("zz")) == getattr(other, compare)(theirs("zz"))
            assert getattr(mine, compare)(1) is NotImplemented
    for change in (lambda item: setattr(item, "name", "x"), lambda item: delattr(item, "size")):
        outcomes = []
        for item in (mine, other):
            try:
                change(item)
                outcomes.append(None)
            except Exception as error:  # (the exception is what is compared)
                outcomes.append((type(error), str(error)))
        assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize("arguments", ARGUMENTS, ids=str)
def test_a_class_is_the_one_dataclass_makes(arguments: dict[str, bool]) -> None:
    ours, theirs = _pair(arguments)
    assert _written(ours) == []  # nothing compiled as the class is made
    assert repr(ours.__dataclass_params__) == repr(theirs.__dataclass_params__)
    assert [(f.name, f.default, f.default_factory, f.init, f.repr, f.hash, f.compare)
            for f in dataclasses.fields(ours)] == [
        (f.name, f.default, f.default_factory, f.init, f.repr, f.hash, f.compare)
        for f in dataclasses.fields(theirs)
    ]  # fmt: skip
    assert ours.__match_args__ == theirs.__match_args__
    assert ("__hash__" in vars(ours)) == ("__hash__" in vars(theirs))
    assert ours.kind == theirs.kind == "shape"
    _same_behaviour(ours, theirs, "a")
    _same_behaviour(ours, theirs, "b", 2, ("t",), "n", 1.5)
    # the frozen guards are closures, never compiled; the rest as called
    assert set(_written(ours)) <= set(_written(theirs)) - {"__setattr__", "__delattr__"}
    ours_signature = inspect.signature(ours.__init__)  # (written by the first node)
    theirs_signature = inspect.signature(theirs.__init__)
    assert [(p.name, p.kind, p.default) for p in ours_signature.parameters.values()] == [
        (p.name, p.kind, p.default) for p in theirs_signature.parameters.values()
    ]


@pytest.mark.parametrize("arguments", ARGUMENTS, ids=str)
def test_an_instance_is_replaced_copied_and_pickled_as_a_dataclass_s(
    arguments: dict[str, bool],
) -> None:
    ours, _ = _pair(arguments)
    globals()["Shape"] = ours  # (pickle finds the class by its module and name)
    try:
        item = ours("a", 2, ("t",))
        assert dataclasses.asdict(item) == {
            "name": "a", "size": 2, "tags": ("t",), "note": "", "weight": 0.5
        }  # fmt: skip
        assert dataclasses.astuple(dataclasses.replace(item, size=3)) == ("a", 3, ("t",), "", 0.5)
        back = pickle.loads(pickle.dumps(item))
        assert type(back) is ours and vars(back) == vars(item)
        assert vars(copy.deepcopy(item)) == vars(item)
    finally:
        del globals()["Shape"]


def test_a_frozen_class_s_subclass_refuses_only_its_fields() -> None:
    """As `dataclass`'s guards: a subclass that is no dataclass may set attributes of its own."""

    @lazy_dataclass(frozen=True)
    class Point:
        x: int

    class Labelled(Point):
        pass

    item = Labelled(1)
    item.label = "a"  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError, match="'x'"):
        item.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError, match="'other'"):
        Point(1).other = 2  # type: ignore[attr-defined]


def test_a_frozen_class_with_post_init_or_factory_runs_them() -> None:
    seen: list[int] = []

    @lazy_dataclass(frozen=True)
    class Checked:
        x: int
        items: list[int] = dataclasses.field(default_factory=list)
        total: int = dataclasses.field(init=False, default=0)

        def __post_init__(self) -> None:
            seen.append(self.x)
            object.__setattr__(self, "total", self.x + len(self.items))

    assert Checked(2, [1]).total == 3 and seen == [2]
    assert Checked(1).items == [] and Checked(1).items is not Checked(1).items


def test_classes_it_cannot_defer_are_made_by_dataclass() -> None:
    """A class writing one of the methods or `__slots__` itself, or with a dataclass base."""

    @lazy_dataclass
    class Own:
        x: int

        def __repr__(self) -> str:
            return "own"

    @lazy_dataclass(frozen=True)
    class Base:
        x: int

    @lazy_dataclass(frozen=True)
    class Derived(Base):
        y: int = 0

    @lazy_dataclass(frozen=True)
    class Slotted:
        __slots__ = ("x",)
        x: int

    assert repr(Own(1)) == "own" and Own(1) == Own(1) and Own.__hash__ is None
    assert Slotted(1) == Slotted(1) and hash(Slotted(1)) == hash((1,))
    assert repr(Slotted(2)).endswith("(x=2)")
    assert Derived(1, 2) == Derived(1, 2) and repr(Derived(1)) == "test_classes_it_cannot_defer_" \
        "are_made_by_dataclass.<locals>.Derived(x=1, y=0)"  # fmt: skip
    with pytest.raises(dataclasses.FrozenInstanceError):
        Derived(1).y = 2  # type: ignore[misc]


def test_a_field_without_a_default_after_one_with_is_refused_when_the_class_is_made() -> None:
    with pytest.raises(TypeError, match="'name' without a default follows 'kind'"):

        @lazy_dataclass
        class Misordered:
            kind: str = "x"
            name: str  # type: ignore[misc]

    with pytest.raises(TypeError, match="slots"):
        lazy_dataclass(slots=True)(type("Slotted", (), {"__annotations__": {}}))
    with pytest.raises(ValueError, match="eq must be true if order is true"):
        lazy_dataclass(order=True, eq=False)(type("Unordered", (), {"__annotations__": {}}))


def _our_classes() -> list[type]:
    found = []
    for module_info in pkgutil.walk_packages(generator.__path__, "generator."):
        if module_info.name.endswith("__main__"):
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            ours = isinstance(value, type) and value.__module__ == module.__name__
            if ours and dataclasses.is_dataclass(value):
                found.append(value)
    return found


def test_every_class_of_ours_has_the_dataclass_s_parameters_and_methods() -> None:
    """Each of our classes against `dataclass` making a twin of it from its fields: the same
    parameters, fields, match args, hashability and (once called) `__init__` signature."""
    classes, compared = _our_classes(), 0
    assert len(classes) >= 100
    for cls in classes:
        params = cls.__dataclass_params__  # type: ignore[attr-defined]
        arguments = {name: getattr(params, name) for name in ("init", "repr", "eq", "order")}
        arguments.update(unsafe_hash=params.unsafe_hash, frozen=params.frozen)
        if "__setattr__" in vars(cls) and not params.frozen:  # an IR node (`generator.ir.nodes`)
            arguments.update(frozen=True, init=True)  # (its own `__init__`, like the dataclass's)
        fields = [(f.name, f.type, f) for f in dataclasses.fields(cls)]
        copies = [(name, hint, copy.copy(item)) for name, hint, item in fields]
        twin = dataclasses.make_dataclass(
            cls.__name__, copies, bases=tuple(b for b in cls.__bases__ if b is not object),
            namespace={"__module__": cls.__module__}, **arguments,
        )  # fmt: skip
        assert cls.__match_args__ == twin.__match_args__, cls  # type: ignore[attr-defined]
        assert (cls.__hash__ is None) == (twin.__hash__ is None), cls
        for name in ("__repr__", "__eq__", "__lt__"):
            assert (name in vars(cls)) == (name in vars(twin)), (cls, name)
        if arguments["init"]:
            required = [f.name for _, _, f in fields if f.init and f.default is dataclasses.MISSING
                        and f.default_factory is dataclasses.MISSING]  # fmt: skip
            with contextlib.suppress(Exception):  # (a `__post_init__` may refuse the values)
                cls(**dict.fromkeys(required))  # (its `__init__` is written on the first call)
            ours = inspect.signature(cls.__init__).parameters.values()
            theirs = inspect.signature(twin.__init__).parameters.values()
            assert [(p.name, p.default) for p in ours] == [(p.name, p.default) for p in theirs], cls
            compared += 1
    assert compared >= 100


def test_class_variables_are_no_fields() -> None:
    @lazy_dataclass(frozen=True)
    class Counted:
        limit: ClassVar[int] = 3
        name: str

    assert [f.name for f in dataclasses.fields(Counted)] == ["name"]
    assert Counted("a") == Counted("a") and hash(Counted("a")) == hash(("a",))
