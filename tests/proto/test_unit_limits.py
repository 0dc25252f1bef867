"""`generator.ir.limits` on the proto front end's per-file route (`to_ir._file_ir`): each unit is
checked alone (only its operations and types whose text in the IR snapshot is too long to be surely
within the limits are walked, `limits.within_by_repr`), its prose counted exactly or bounded by
those texts' length and counted when the bounds add up past the budget, and the route finds every
problem and gives the API a run without the cache gives."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from generator.cache_location import ENV_VAR
from generator.diagnostics import Diagnostics
from generator.ir import limits
from generator.ir.extensions import PROTO_SERVICE_DOCS
from generator.ir.model import Location
from generator.proto import load_proto
from generator.proto.to_ir import FileIR, KeptIR, _kept, _restored

# the module (`generator.proto.to_ir` is also the name of its entry point in the package)
to_ir = sys.modules[FileIR.__module__]

SHOP = (
    'syntax = "proto3";\npackage acme.shop.v1;\n'
    "// Sells things.\nservice Shop {\n  // Prices an item.\n  rpc Price(Item) returns (Item);\n}\n"
    "// An item for sale.\nmessage Item {\n  // What it is called.\n  string name = 1;\n}\n"
)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    folder = tmp_path / "protos"
    (folder / "acme/shop/v1").mkdir(parents=True)
    return folder


def loaded(root: Path, text: str, *, use_cache: bool) -> tuple[object, list[str]]:
    (root / "acme/shop/v1/shop.proto").write_text(text)
    found = Diagnostics()
    api, _ = load_proto(root, [], "pkg", found, use_cache=use_cache, limits_at=Location("protos"))
    return api, [str(p) for p in found.problems]


def spy(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[Any]:
    """The first argument of each call of `owner.name` from now on (each call goes through)."""
    calls: list[Any] = []
    function = getattr(owner, name)

    def spied(first: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(first)
        return function(first, *args, **kwargs)

    monkeypatch.setattr(owner, name, spied)
    return calls


def both_routes(root: Path, text: str) -> tuple[object, list[str]]:
    """The API and problems of the per-file route, checked against the whole-set route."""
    cached = loaded(root, text, use_cache=True)
    assert cached == loaded(root, text, use_cache=False)
    return cached


def test_the_prose_of_each_unit_is_counted_exactly_so_the_whole_api_is_not_walked_again(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A unit's prose bounded by its nodes' texts' length (~13x the prose of the AI Studio protos,
    ~90x on a synthetic tree) is counted once the bounds add up past the budget: else a large tree
    would walk its whole API with every deferred type built, every run."""
    whole_walks = spy(monkeypatch, limits, "enforce")
    # (the prose of shop.proto and of the imports read for its options: ~19,500 characters)
    monkeypatch.setattr(limits, "MAX_TOTAL_TEXT", 30_000)
    for _ in range(2):  # cold, then warm
        api, problems = loaded(root, SHOP, use_cache=True)
        assert api is not None and not problems
    assert whole_walks == []


def test_a_long_comment_is_cut_as_without_the_cache(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TEXT_LENGTH", 40)
    api, problems = both_routes(root, SHOP.replace("What it is called.", "Called " + "x" * 60))
    assert api is not None
    assert problems == ["acme/shop/v1/shop.proto:11:3: warning: description of 67 characters cut to the "
                        "first 40 (the limit on one text)"]  # fmt: skip


def test_a_service_comment_is_prose_cut_as_without_the_cache(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A service's comment (kept beside the IR, in `API.extensions`) is held to the limits of
    prose, not of names and values: longer than a value may be, it is kept whole; longer than
    one text may be, it is cut with a warning naming the service (it was an error at the root)."""
    monkeypatch.setattr(limits, "MAX_VALUE_LENGTH", 60)
    monkeypatch.setattr(limits, "MAX_TEXT_LENGTH", 200)
    api, problems = both_routes(root, SHOP.replace("Sells things.", "Sells " + "x" * 100))
    assert problems == []
    assert dict(api.extensions)[PROTO_SERVICE_DOCS] == {"acme.shop.v1.Shop": "Sells " + "x" * 100}  # type: ignore[attr-defined]
    api, problems = both_routes(root, SHOP.replace("Sells things.", "Sells " + "x" * 300))
    assert problems == ["protos: warning: description of 'acme.shop.v1.Shop' of 306 characters cut to the "
                        "first 200 (the limit on one text)"]  # fmt: skip
    assert dict(api.extensions)[PROTO_SERVICE_DOCS] == {"acme.shop.v1.Shop": "Sells " + "x" * 194}  # type: ignore[attr-defined]


def test_a_service_comment_counts_against_the_budget_of_prose(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TOTAL_TEXT", 30_000)
    api, problems = both_routes(root, SHOP.replace("Sells things.", "Sells " + "x" * 20_000))
    assert api is not None and problems == []
    _, problems = both_routes(root, SHOP.replace("Sells things.", "Sells " + "x" * 40_000))
    assert len(problems) == 1 and "descriptions add up to more than 30000 characters" in problems[0]


@pytest.mark.parametrize("name", ["Item", "name", "Price"])
def test_a_long_name_is_an_error_as_without_the_cache(root: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setattr(limits, "MAX_VALUE_LENGTH", 60)
    _, problems = both_routes(root, SHOP.replace(name, name + "W" * 60))
    assert len(problems) == 1 and "longer than the limit of 60" in problems[0], problems


def test_prose_past_the_budget_is_an_error_as_without_the_cache(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TOTAL_TEXT", 100)
    api, problems = both_routes(root, SHOP)
    assert api is not None and not problems
    monkeypatch.setattr(limits, "MAX_TOTAL_TEXT", 40)
    _, problems = both_routes(root, SHOP)
    assert problems == ["acme/shop/v1/shop.proto:11:3: error: the spec's descriptions add up to more than 40 characters (the limit of "
                        "one API; texts repeated through $ref count at every use)"]  # fmt: skip


def test_only_nodes_whose_repr_is_long_are_walked(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every string of a node is in its repr: a node whose repr is shorter than every limit is
    within them, and is not walked (the walk cost ~0.1 s of a cold run of a 1,001-file tree)."""
    walked = spy(monkeypatch, limits, "within")
    api, problems = loaded(root, SHOP, use_cache=True)
    assert api is not None and not problems
    shop = [found for found in walked if dict(found.extensions)[PROTO_SERVICE_DOCS]]
    assert len(shop) == 1 and shop[0].types == () and shop[0].operations == ()  # the service's comment only
    walked.clear()
    monkeypatch.setattr(limits, "MAX_VALUE_LENGTH", 500)  # now the reprs of Item and Price are long
    loaded(root, SHOP.replace("Sells things.", "Sells them."), use_cache=True)
    shop = [found for found in walked if dict(found.extensions)[PROTO_SERVICE_DOCS]]
    assert [t.id for t in shop[0].types] == ["acme.shop.v1.Item"] and len(shop[0].operations) == 1


def test_a_long_name_in_a_node_with_a_long_repr_is_found(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within the default limit of prose, a node whose repr outgrows the limit of values because
    of one long name is walked and the name reported, as without the cache."""
    monkeypatch.setattr(limits, "MAX_VALUE_LENGTH", 2_000)
    _, problems = both_routes(root, SHOP)
    assert problems == []
    _, problems = both_routes(root, SHOP.replace("name", "n" + "a" * 2_000))
    assert len(problems) == 1 and "longer than the limit of 2000" in problems[0], problems


def test_bounds_past_the_budget_are_counted_once(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bounds of the units' prose past the budget (the prose itself within it): the units are
    counted, kept counted, and a warm run counts none again; no problem, no walk of the whole API."""
    counted = spy(monkeypatch, to_ir, "_counted")  # (the units counted)
    monkeypatch.setattr(limits, "MAX_TOTAL_TEXT", 30_000)  # (the prose: ~19,500 characters)
    assert both_routes(root, SHOP)[1] == []
    assert any(service[0] == "acme.shop.v1.Shop" for unit in counted for service in unit.services)
    counted.clear()
    assert loaded(root, SHOP, use_cache=True)[1] == []
    assert counted == []


def test_a_kept_unit_without_its_prose_exactness_is_a_miss() -> None:
    kept = _kept(FileIR((), frozenset()))
    assert _restored(kept, deferred=False) is not None
    forged = object.__new__(KeptIR)
    object.__setattr__(forged, "__dict__", {k: v for k, v in vars(kept).items() if k != "prose_exact"})
    assert _restored(forged, deferred=False) is None
    object.__setattr__(forged, "__dict__", {**vars(kept), "prose_exact": 1})
    assert _restored(forged, deferred=False) is None


def test_kept_bounds_past_a_smaller_budget_are_counted_from_the_cache(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Units kept with bounds by a run within the budget, and a run whose budget the bounds pass
    (a tree that grew): the kept units' types (deferred) are built and counted, as without the cache."""
    (root / "acme/shop/v1/shop.proto").write_text(SHOP)

    def run(*, use_cache: bool = True, deferred: bool = False) -> tuple[Any, list[str]]:
        found = Diagnostics()
        api, _ = load_proto(root, [], "pkg", found, use_cache=use_cache, limits_at=Location("protos"), deferred=deferred)
        return api, [str(p) for p in found.problems]

    assert run()[1] == []  # (kept with the bounds of their prose)
    monkeypatch.setattr(limits, "MAX_TOTAL_TEXT", 30_000)
    expected = run(use_cache=False)
    monkeypatch.setattr(limits, "enforce", None)  # (never called: no walk of the whole API)
    api, problems = run(deferred=True)
    assert problems == expected[1] == [] and api == expected[0]
    assert all(type(t).__name__ != "Deferred" for t in api.types)
