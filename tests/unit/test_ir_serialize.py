"""The IR snapshot (`ir/<package>.json`): orjson writes it; values orjson cannot write exactly
(infinities, NaN, integers beyond 64 bits, lone surrogates) fall back to the `json` module's text.
Every form reads back to the same IR."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import types
import typing

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ir import model, serialize
from generator.ir.model import API, Field, Name, ObjectType, TypeExpr


def _api(default: object) -> API:
    field = Field(name=Name("x", ("x",)), type=TypeExpr(kind="primitive", primitive="number"), default=default, has_default=True)
    return API(name="p", title="T é", version="1", types=(ObjectType(id="T", name=Name("T", ("t",)), fields=(field,)),))


def _default(text: str) -> object:
    return json.loads(text)["types"][0]["fields"][0].get("default")


@pytest.mark.parametrize("value", [0.5, 1e-05, 2**63 - 1, "ünïcode", None, [1, {"a": "b"}]])
def test_plain_values_read_back(value: object) -> None:
    text = serialize.dumps(_api(value))
    assert _default(text) == value
    assert serialize.loads(text) == _api(value)
    assert text.endswith("}\n") and '\n  "title": "T é"' in text  # indent 2, non-ASCII kept


@pytest.mark.parametrize("value", [math.inf, -math.inf, 2**70, "\ud800"])
def test_values_orjson_cannot_write_fall_back(value: object) -> None:
    text = serialize.dumps(_api(value))
    assert text == json.dumps(serialize.to_data(_api(value)), indent=2, ensure_ascii=False) + "\n"
    assert _default(text) == value


def test_floats_are_written_alike_with_or_without_the_fallback() -> None:
    """One value orjson refuses must not change how every other value of the file is written."""
    floats = [1e-7, 1e16, 0.1, 2.5e-300]
    plain = serialize.dumps(_api(floats))
    with_fallback = serialize.dumps(_api([*floats, math.inf]))
    def default_lines(text: str) -> list[str]:
        lines = text.split("\n")
        start = next(i for i, line in enumerate(lines) if line.endswith('"default": ['))
        return [line.rstrip(",") for line in lines[start + 1 : start + 1 + len(floats)]]

    assert default_lines(with_fallback) == default_lines(plain)
    assert "1e-7," in plain  # orjson's text (the json module writes 1e-07)


def test_nan_is_kept_not_nulled() -> None:
    assert math.isnan(_default(serialize.dumps(_api(math.nan))))


def test_same_text_as_the_json_module_for_plain_data() -> None:
    api = _api([1.25, "a\u2028b", {"k": [True, False, None]}])
    expected = json.dumps(serialize.to_data(api), indent=2, ensure_ascii=False) + "\n"
    assert serialize.dumps(api) == expected


def _standard_repr(value: object) -> str:
    """A value's repr as `dataclasses` writes it for dataclasses (fields in order)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = ", ".join(f"{f.name}={_standard_repr(getattr(value, f.name))}" for f in dataclasses.fields(value))
        return f"{type(value).__qualname__}({fields})"
    if isinstance(value, tuple):
        inner = ", ".join(_standard_repr(item) for item in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def test_content_digests_spell_out_every_field() -> None:
    """`content_digest` digests a node's repr; the IR's reprs drop dataclasses' guard against a
    node containing itself (IR nodes are trees) and must still spell out every field as
    `dataclasses` does."""
    node = model.ObjectType(
        id="Pet",
        name=model.Name("Pet", ("pet",)),
        fields=(
            model.Field(
                model.Name("tag", ("tag",)),
                model.TypeExpr(kind="union", variants=(model.TypeExpr(kind="ref", ref="Tag"),)),
                validation=model.Validation(min_length=1),
            ),
        ),
        additional=model.TypeExpr(kind="map", items=model.TypeExpr(kind="primitive", primitive="string")),
    )
    assert repr(node) == _standard_repr(node)
    assert serialize.content_digest(node) == hashlib.sha256(_standard_repr(node).encode()).hexdigest()[:32]
    assert not hasattr(model.ObjectType.__repr__, "__wrapped__")  # no guard: a third of the cost


def test_every_ir_class_spells_out_every_field_in_its_repr() -> None:
    """Content digests and `limits.within_by_spelling` (a short repr holds nothing past a limit)
    rely on each IR dataclass's repr naming every field: none may leave one out or write its own."""
    classes = [
        value
        for value in vars(model).values()
        if isinstance(value, type) and value.__module__ == model.__name__ and dataclasses.is_dataclass(value)
    ]
    assert len(classes) > 20
    for cls in classes:
        assert all(f.repr for f in dataclasses.fields(cls)), cls.__name__
        # (the repr `dataclass` wrote, not one written in the module)
        assert vars(cls)["__repr__"].__code__.co_filename != model.__file__, cls.__name__


def test_every_ir_class_has_its_own_docstring() -> None:
    """A dataclass without one gets one made from `inspect.signature` as the class is made: at
    every start of the generator, for nothing."""
    classes = [
        value
        for value in vars(model).values()
        if isinstance(value, type) and value.__module__ == model.__name__ and dataclasses.is_dataclass(value)
    ]
    made = [cls.__name__ for cls in classes if (cls.__doc__ or "").startswith(f"{cls.__name__}(")]
    assert made == []


def test_fields_at_their_default_are_left_out_and_the_others_written() -> None:
    empty = Name("", ())  # a field without a default is written even when empty
    field = Field(name=empty, type=TypeExpr(kind="any"), required=True, default=None, validation=model.Validation())
    assert serialize.to_data(field) == {
        "name": {"wire": "", "words": []},
        "type": {"kind": "any"},  # `kind` always
        "required": True,
        "validation": {},  # set: written, though all its fields are at their defaults
    }
    assert serialize.to_data(TypeExpr(kind="const", const=0, format="")) == {"kind": "const", "const": 0}


@dataclasses.dataclass(frozen=True, slots=True)
class _Slotted:
    name: str
    size: int = 0
    note: str | None = None


@dataclasses.dataclass(frozen=True)
class _Plain:
    name: str
    size: int = 0
    note: str | None = None


def test_a_class_with_slots_is_written_as_one_without() -> None:
    """`to_data` reads a node's fields through its `__dict__`; a class with slots has none."""
    for size, note in ((0, None), (3, "n")):
        assert serialize.to_data(_Slotted("a", size, note)) == serialize.to_data(_Plain("a", size, note))
    assert serialize.to_data(_Slotted("a", 3)) == {"name": "a", "size": 3}


def _shared_api() -> tuple[API, Name, TypeExpr]:
    name = Name("id", ("id",))
    kind = TypeExpr(kind="list", items=TypeExpr(kind="primitive", primitive="string"))
    types = tuple(ObjectType(id=f"T{i}", name=Name(f"T{i}", (f"t{i}",)), fields=(Field(name=name, type=kind),)) for i in range(3))
    return API(name="p", title="T", version="1", types=types), name, kind


def _converted(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The nodes `serialize.to_data` is called with from now on."""
    converted: list[object] = []
    plain = serialize.to_data

    def counting(node: object, **options: object) -> object:
        converted.append(node)
        return plain(node, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(serialize, "to_data", counting)
    return converted


def test_a_shared_name_or_type_expression_is_converted_once_per_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    """The front ends share one `Name` and `TypeExpr` per spelling among the fields that use it:
    `dumps` converts each once and writes its data wherever it is used."""
    api, name, kind = _shared_api()
    expected = json.dumps(serialize.to_data(api), indent=2, ensure_ascii=False) + "\n"
    converted = _converted(monkeypatch)
    text = serialize.dumps(api)
    # what each holds was converted once: the second and third use took the first's data
    assert sum(node is name.words for node in converted) == 1
    assert sum(node is kind.items for node in converted) == 1
    assert text == expected


def test_the_data_of_shared_nodes_is_let_go_past_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """`dumps` keeps the data of at most `_SHARED_KEPT` shared nodes (then starts afresh): memory
    stays bounded on a large description."""
    api, name, _ = _shared_api()
    monkeypatch.setattr(serialize, "_SHARED_KEPT", 0)
    converted = _converted(monkeypatch)
    serialize.dumps(api)
    assert sum(node is name.words for node in converted) == 3


def test_numbers_are_kept_as_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    """An integer field's value goes into the data as it is, without a call per value."""
    location = model.Location("a.proto", line=3, column=7)
    converted = _converted(monkeypatch)
    assert serialize.to_data(location) == {"file": "a.proto", "line": 3, "column": 7}
    assert converted == [location]


def _values(hint: object, depth: int = 0) -> st.SearchStrategy[object]:
    """Values of a type hint of the IR, as a front end fills them (a number where a float is
    hinted may be an int, as parsed); nodes nest `_DEPTH` deep at most."""
    if hint is model.JSONValue:
        leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
        return st.recursive(leaves, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3), max_leaves=8)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin in (typing.Union, types.UnionType):
        if depth >= _DEPTH and type(None) in args:
            return st.none()
        return st.one_of([_values(arg, depth) for arg in args])
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.just(()) if depth >= _DEPTH else st.lists(_values(args[0], depth), max_size=3).map(tuple)
        return st.tuples(*(_values(arg, depth) for arg in args))
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = typing.get_type_hints(hint, vars(model))
        named = hint in typing.get_args(model.NamedType)  # (its `kind` is its class's)
        fields = [f for f in dataclasses.fields(hint) if not (named and f.name == "kind")]
        # (a JSON value's hint, evaluated, is a union naming itself: told by its name)
        as_hinted = {f.name: model.JSONValue if "JSONValue" in str(f.type) else hints[f.name] for f in fields}
        return st.builds(hint, **{name: _values(value, depth + 1) for name, value in as_hinted.items()})
    simple: dict[object, st.SearchStrategy[object]] = {
        str: st.text(), int: st.integers(), bool: st.booleans(), float: st.integers() | st.floats(), type(None): st.none()
    }
    return simple[hint]


_DEPTH = 4


@settings(max_examples=300, deadline=None)
@given(_values(model.NamedType))
def test_a_named_type_builds_back_from_its_snapshot_text_exactly(named: object) -> None:
    """What a schema unit or a proto file's unit keeps of its types (`kept_types.pack`): a type
    with a snapshot text (not an infinity, NaN, integer beyond 64 bits or lone surrogate, which
    it keeps pickled) builds back from that text to a type equal to it, of equal repr (every
    value of its type)."""
    try:
        text = serialize.snapshot_text(named, {})
    except (serialize.NotPlainJSON, orjson.JSONEncodeError):
        return
    rebuilt = serialize.from_data(model.NamedType, orjson.loads(text))
    assert rebuilt == named and repr(rebuilt) == repr(named)
