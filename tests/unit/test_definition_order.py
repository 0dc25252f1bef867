"""`symbols.definition_order` puts each alias after the aliases it names: the order the former
recursive walk gave (kept here as the reference), on random graphs with cycles; without a
recursion limit on long chains; and without leaving reference cycles behind (the CLI runs
without the cycle collector, so each would stay until the process ends)."""

from __future__ import annotations

import gc
import itertools
from collections.abc import Mapping

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.python.http.symbols import definition_order

KINDS = ("enum", "object", "alias")


def _reference(
    component: list[str], kinds: Mapping[str, str], graph: Mapping[str, list[str]]
) -> tuple[str, ...]:
    """The order as the recursive walk made it."""
    enums = sorted(i for i in component if kinds[i] == "enum")
    classes = sorted(i for i in component if kinds[i] == "object")
    aliases = sorted(i for i in component if kinds[i] == "alias")
    alias_set, placed, seen = set(aliases), [], set()

    def visit(type_id: str, stack: frozenset[str]) -> None:
        if type_id in seen or type_id in stack:
            return
        for dep in graph[type_id]:
            if dep in alias_set:
                visit(dep, stack | {type_id})
        seen.add(type_id)
        placed.append(type_id)

    for alias in aliases:
        visit(alias, frozenset())
    return tuple(enums + classes + placed)


@st.composite
def _components(draw: st.DrawFn) -> tuple[list[str], dict[str, str], dict[str, list[str]]]:
    names = [f"T{number}" for number in range(draw(st.integers(1, 12)))]
    kinds = {name: draw(st.sampled_from(KINDS)) for name in names}
    graph = {name: draw(st.lists(st.sampled_from(names), max_size=5)) for name in names}
    return draw(st.permutations(names)), kinds, graph


@settings(max_examples=400, deadline=None)
@given(_components())
def test_the_order_is_the_recursive_walks(
    drawn: tuple[list[str], dict[str, str], dict[str, list[str]]],
) -> None:
    component, kinds, graph = drawn
    assert definition_order(component, kinds, graph) == _reference(component, kinds, graph)


def test_a_long_chain_of_aliases_is_placed_without_recursion() -> None:
    names = [f"A{number:05}" for number in range(20_000)]  # each names the next
    graph = {name: [following] for name, following in itertools.pairwise(names)}
    graph[names[-1]] = [names[0]]  # (and the last closes a cycle)
    order = definition_order(names, dict.fromkeys(names, "alias"), graph)
    assert order == tuple(reversed(names))


def test_no_reference_cycle_is_left_behind() -> None:
    component = ["A", "B", "C", "E", "O"]
    kinds = {"A": "alias", "B": "alias", "C": "alias", "E": "enum", "O": "object"}
    graph = {"A": ["B", "O"], "B": ["C", "A"], "C": [], "E": [], "O": ["A"]}
    enabled = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        for _ in range(10):
            definition_order(component, kinds, graph)
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()
