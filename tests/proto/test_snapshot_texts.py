"""The proto front end's per-file route digests each type and operation it builds by its text in
the IR snapshot (`serialize.snapshot_digested`) and hands that text on: the snapshot takes it, not
encoded a second time, and is what a run encoding every node gives."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from generator.cache_location import ENV_VAR
from generator.diagnostics import Diagnostics
from generator.ir import serialize
from generator.ir.model import Field, Name, ObjectType, TypeExpr, Validation
from generator.proto import load_proto

SHOP = (
    'syntax = "proto3";\npackage acme.shop.v1;\n'
    "// Sells things.\nservice Shop {\n  // Prices an item.\n  rpc Price(Item) returns (Item);\n}\n"
    "// An item for sale.\nmessage Item {\n  // What it is called.\n  string name = 1;\n"
    "  repeated Item parts = 2;\n  map<string, int64> counts = 3;\n}\n"
)


def test_each_node_built_is_digested_by_its_snapshot_text_which_the_snapshot_takes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    (tmp_path / "protos/acme/shop/v1").mkdir(parents=True)
    (tmp_path / "protos/acme/shop/v1/shop.proto").write_text(SHOP)
    digests: list[tuple[object, str]] = []
    texts: list[tuple[object, bytes]] = []
    api, _ = load_proto(
        tmp_path / "protos", [], "pkg", Diagnostics(), use_cache=True, digests=digests, texts=texts
    )
    nodes = [*api.types, *api.operations]
    handed = {id(node): text for node, text in texts}
    assert {id(node) for node in nodes} <= set(handed)  # (and the units' types the API leaves out)
    for node, digest in digests:
        assert handed[id(node)] == serialize.snapshot_text(node, {})
        assert digest == serialize.snapshot_digest(handed[id(node)])
    fragments = serialize.Fragments()
    fragments.know(digests)
    fragments.know_texts(texts)
    encoded: list[object] = []
    snapshot_text = serialize.snapshot_text

    def counted(node: object, shared: serialize.Converted) -> bytes:
        encoded.append(node)
        return snapshot_text(node, shared)

    monkeypatch.setattr(serialize, "snapshot_text", counted)
    snapshot = serialize.encoded(api, fragments)
    assert encoded == []  # every text taken as handed on
    assert isinstance(snapshot, serialize.Encoded) and snapshot.text() == serialize.dumps(api)


def test_a_node_the_snapshot_writes_another_way_is_digested_by_its_repr() -> None:
    bounded = ObjectType(
        id="a.B",
        name=Name(words=("b",), wire="B"),
        fields=(
            Field(
                name=Name(words=("n",), wire="n"),
                type=TypeExpr(kind="primitive", primitive="number"),
                validation=Validation(maximum=float("inf")),
            ),
        ),
    )
    assert serialize.snapshot_digested(bounded, {}) == (serialize.content_digest(bounded), None, None)
    assert serialize.snapshot_digested(bounded, {}, compact=True) == (serialize.content_digest(bounded), None, None)
    plain = ObjectType(id="a.C", name=Name(words=("c",), wire="C"), fields=())
    text = serialize.snapshot_text(plain, {})
    assert serialize.snapshot_digested(plain, {}) == (serialize.snapshot_digest(text), text, None)
    compact = orjson.dumps(serialize.to_data(plain))  # (with `compact`: the data without indentation)
    assert serialize.snapshot_digested(plain, {}, compact=True) == (serialize.snapshot_digest(text), text, compact)
    assert b"\n" not in compact and orjson.loads(compact) == orjson.loads(text)


def test_a_cold_run_writes_the_snapshot_from_the_texts_the_front_end_handed_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`pipeline.load` hands the texts on with the IR (`Loaded.texts`) and `pipeline.render`
    gives them to the snapshot: no type or operation is encoded a second time for it."""
    from generator.cli import main

    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    (tmp_path / "protos/acme/shop/v1").mkdir(parents=True)
    (tmp_path / "protos/acme/shop/v1/shop.proto").write_text(SHOP)
    snapshot_text, encoded = serialize.snapshot_text, serialize.encoded
    during_snapshot: list[object] = []
    writing = [False]

    def counted(node: object, shared: serialize.Converted) -> bytes:
        if writing[0]:
            during_snapshot.append(node)
        return snapshot_text(node, shared)

    def snapshot(api: object, fragments: serialize.Fragments | None = None) -> object:
        writing[0] = True
        try:
            return encoded(api, fragments)  # type: ignore[arg-type]
        finally:
            writing[0] = False

    monkeypatch.setattr(serialize, "snapshot_text", counted)
    monkeypatch.setattr(serialize, "encoded", snapshot)
    out = tmp_path / "out"
    arguments = ["--proto-root", str(tmp_path / "protos"), "--package", "shop", "-q"]
    assert main(["generate", *arguments, "--out", str(out)]) == 0
    assert during_snapshot == []
    assert main(["generate", *arguments, "--out", str(tmp_path / "plain"), "--no-cache"]) == 0
    assert (out / "ir/shop.json").read_bytes() == (tmp_path / "plain/ir/shop.json").read_bytes()
