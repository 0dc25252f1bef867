"""Each IR class's `__init__` stores the fields straight into the node (`lazy_dataclass.direct_init`):
it takes the parameters the dataclass's own `__init__` takes (names, order, defaults, positional
or keyword), makes the same node (the same attributes in the same order, equal, the same repr),
and the node stays frozen. It is written when the class first makes a node."""

from __future__ import annotations

import dataclasses
import inspect
from functools import partial
from typing import Any

import pytest

from generator import lazy_dataclass
from generator.ir import model, nodes

CLASSES = [
    value
    for value in vars(model).values()
    if isinstance(value, type)
    and value.__module__ == model.__name__
    and dataclasses.is_dataclass(value)
]


def _twin(cls: type) -> type:
    """`cls` as `dataclass` alone makes it (its own `__init__`)."""
    fields = [
        (f.name, f.type, dataclasses.field(default=f.default))
        if f.default is not dataclasses.MISSING
        else (f.name, f.type)
        for f in dataclasses.fields(cls)
    ]
    return dataclasses.make_dataclass(cls.__name__, fields, frozen=True)


def _values(cls: type, salt: int) -> dict[str, Any]:
    """A distinct value per field (the nodes are compared field by field, not type-checked)."""
    return {f.name: (f.name, salt) for f in dataclasses.fields(cls)}


def test_every_ir_class_has_a_direct_init_once_it_made_a_node() -> None:
    assert len(CLASSES) >= 20
    for cls in CLASSES:
        first = cls(**_values(cls, 0))
        assert vars(cls(**_values(cls, 0))) == vars(first)  # (the same by either `__init__`)
    assert all(cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__" for cls in CLASSES)
    assert all(
        cls.__init__.__code__.co_filename == f"<{cls.__qualname__}.__init__>" for cls in CLASSES
    )


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_the_signature_is_the_dataclass_s(cls: type) -> None:
    cls(**_values(cls, 0))  # (the direct `__init__` is in place once a node was made)
    ours, theirs = inspect.signature(cls.__init__), inspect.signature(_twin(cls).__init__)
    assert [(p.name, p.kind, p.default) for p in ours.parameters.values()] == [
        (p.name, p.kind, p.default) for p in theirs.parameters.values()
    ]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_the_node_is_the_one_the_dataclass_s_init_makes(
    cls: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    twin = _twin(cls)
    # the first node made (through the `__init__` that writes the direct one), and the others
    first = lazy_dataclass.stand_in(cls, "__init__", partial(lazy_dataclass.direct_init, cls))
    monkeypatch.setattr(cls, "__init__", first)
    required = [f.name for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING]
    for values in (
        _values(cls, 1),  # every field by keyword
        {name: value for name, value in _values(cls, 2).items() if name in required},  # defaults
    ):
        node, expected = cls(**values), twin(**values)
        assert list(vars(node).items()) == list(vars(expected).items())
        assert repr(node) == repr(expected).replace(twin.__qualname__, cls.__qualname__, 1)
        assert node == cls(**values) and hash(node) == hash(cls(**values))
        assert hash(node) == hash(expected)  # (both hash the tuple of the fields)
    positional = list(_values(cls, 3).values())
    assert list(vars(cls(*positional)).items()) == list(vars(twin(*positional)).items())
    with pytest.raises(TypeError):
        cls(*positional, "one too many")
    if required:
        with pytest.raises(TypeError):
            cls()
    with pytest.raises(TypeError):
        cls(**_values(cls, 4), unknown=1)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_a_node_stays_frozen(cls: type) -> None:
    node = cls(**_values(cls, 5))
    name = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(node, name, "changed")
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(node, name)
    with pytest.raises(dataclasses.FrozenInstanceError):
        node.unknown = "added"  # type: ignore[attr-defined]
    assert vars(node) == _values(cls, 5)
    assert dataclasses.replace(node, **{name: "changed"}) == cls(
        **{**_values(cls, 5), name: "changed"}
    )


def test_a_class_it_cannot_write_faithfully_is_refused() -> None:
    """A `__post_init__` (a plain store would skip it) or a field it does not write (a factory
    default) is refused when the direct `__init__` is written, not silently left out."""

    @dataclasses.dataclass(frozen=True)
    class Checked:
        name: str

        def __post_init__(self) -> None:
            raise AssertionError("never reached")

    @dataclasses.dataclass(frozen=True)
    class Made:
        names: tuple[str, ...] = dataclasses.field(default_factory=tuple)

    with pytest.raises(TypeError, match="__post_init__"):
        lazy_dataclass.direct_init(Checked)
    with pytest.raises(TypeError, match="factory"):
        lazy_dataclass.direct_init(Made)


def test_a_field_without_a_default_after_one_with_is_refused_when_the_class_is_made() -> None:
    """As `dataclass` refuses it when it writes an `__init__` (`@node` writes it later)."""
    with pytest.raises(TypeError, match="'name' without a default follows 'kind'"):

        @nodes.node
        class Misordered:
            kind: str = "x"
            name: str  # type: ignore[misc]

    @nodes.node
    class Ordered:
        name: str
        kind: str = "x"

    assert Ordered("a") == Ordered("a", "x")
