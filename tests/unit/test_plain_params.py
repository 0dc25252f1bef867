"""Rules of the plain-value surface of proto clients: parameter layout, endpoint variable names."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.ir.deferred import by_id
from generator.ir.model import ObjectType
from generator.proto import load_proto
from generator.render.python.grpc.names import PyRef, TypeIndex
from generator.render.python.grpc.package import endpoint_env_names, parameter, params_module
from generator.render.python.grpc.params import params_names, plain_imports, reachable_messages
from generator.render.python.grpc.rules import build_rules, message_facts
from generator.render.python.grpc.surface import Argument
from generator.render.python.grpc.views import Context


def test_long_unions_are_parenthesized_short_ones_are_not() -> None:
    short = Argument(name="stream", wire="stream", annotation="BoolValue | bool", doc="")
    assert parameter(short) == "stream: BoolValue | bool | None = None"
    long = Argument(name="x" * 40, wire="x", annotation="A" * 30 + " | " + "B" * 30, doc="")
    assert parameter(long) == f"{'x' * 40}: (\n{'A' * 30} | {'B' * 30} | None\n) = None"


def test_endpoint_variable_names_use_the_shortest_distinct_tail() -> None:
    grpc = [("yandex.cloud.ai", "llm:443"), ("yandex.cloud.ai.files", "a:443"), ("yandex.cloud.operation", "o:443")]
    rest = [("yandex.cloud.ai.foundation_models", "https://llm"), ("other.files", "https://f")]
    assert endpoint_env_names("AI_STUDIO", grpc, rest) == {
        "other.files": "AI_STUDIO_OTHER_FILES",
        "yandex.cloud.ai": "AI_STUDIO_AI",
        "yandex.cloud.ai.files": "AI_STUDIO_AI_FILES",
        "yandex.cloud.ai.foundation_models": "AI_STUDIO_FOUNDATION_MODELS",
        "yandex.cloud.operation": "AI_STUDIO_OPERATION",
    }


def test_plain_imports_find_whole_names_only() -> None:
    assert plain_imports(["Timestamp | datetime", "Mapping[str, Any]", "MyAnyThing"]) == {
        "datetime": {"datetime"},
        "collections.abc": {"Mapping"},
        "typing": {"Any"},
    }


class _Untouchable(dict[str, object]):
    """A table of types that fails any lookup (the walk must not need one)."""

    def __getitem__(self, key: str) -> object:
        raise AssertionError(f"looked up {key}")

    def get(self, key: str, default: object = None) -> object:
        raise AssertionError(f"looked up {key}")

    def __contains__(self, key: object) -> bool:
        raise AssertionError(f"looked up {key}")


def test_the_messages_requests_reach_are_told_by_their_targets_alone() -> None:
    """With what each message's fields hold known (one entry per message), the walk for
    `params.py` looks no type up: an id without an entry is no message (an enum), and the
    well-known types get no shape, though the walk goes on past neither."""
    targets = {
        "p.Request": ("p.Inner", "p.Color", "google.protobuf.Timestamp"),
        "p.Inner": ("p.Leaf",),
        "p.Leaf": (),
        "p.Unreached": (),
        "google.protobuf.Timestamp": (),
    }
    assert reachable_messages(["p.Request"], _Untouchable(), targets) == ["p.Inner", "p.Leaf", "p.Request"]  # type: ignore[arg-type]


def test_params_spells_each_field_type_once(tmp_path: Path) -> None:
    """`params.py` asks where a field's type lives once per distinct field type, not once per
    field (a large package has thousands of fields of a few hundred types)."""
    root = tmp_path / "protos"
    (root / "p").mkdir(parents=True)
    (root / "p" / "a.proto").write_text(
        'syntax = "proto3";\npackage p;\nmessage Inner { string s = 1; }\n'
        "message A { Inner x = 1; Inner y = 2; repeated Inner z = 3; Inner w = 4; }\n"
        "service S { rpc Do(A) returns (A); }\n"
    )
    api, artifacts = load_proto(root, [], "pkg", Diagnostics())
    types = by_id({t.id: t for t in api.types})
    facts = {t.id: message_facts(t) for t in api.types if isinstance(t, ObjectType)}
    ctx = Context(
        api=api, package="pkg", types=types, index=TypeIndex(api, "pkg", artifacts.runtime_protos),  # type: ignore[arg-type]
        rules=build_rules(api, facts), enums=frozenset(),
    )
    ctx.params = params_names(reachable_messages(["p.A"], ctx.types), ctx.index)
    asked: list[str] = []

    class Counting(dict[str, PyRef]):
        def __getitem__(self, key: str) -> PyRef:
            asked.append(key)
            return super().__getitem__(key)

    ctx.index.refs = Counting(ctx.index.refs)
    text = params_module(ctx)
    assert "    x: Inner | InnerParams\n" in text and "    z: Iterable[Inner | InnerParams]\n" in text
    assert sorted(asked) == ["p.Inner", "p.Inner"]  # (`x`, `y`, `w` spelled once; `z` is another type)
