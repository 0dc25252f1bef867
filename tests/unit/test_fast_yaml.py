"""The fast YAML path reads exactly what PyYAML reads, or steps aside."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.openapi import fast_yaml, parse
from generator.openapi.fast_yaml import fast_load, node_properties_may_exist, self_contained

ROOT = Path(__file__).resolve().parents[2]


def pyyaml(text: str) -> str:
    """PyYAML's reading alone (the loader `parse_bytes` falls back to), or its complaint."""
    loader = parse._JsonCompatibleLoader(text.encode())
    try:
        return repr(loader.get_single_data())
    except Exception as exc:
        return f"error: {type(exc).__name__}"
    finally:
        loader.dispose()


def parsed(text: str) -> str:
    try:
        return repr(parse.parse_bytes(text.encode(), ".yaml"))
    except parse.ParseError:
        return "error: ConstructorError"


# Plain scalars YAML 1.1 (PyYAML) and 1.2 (the fast parser) read differently, and constructs
# the fast path leaves to PyYAML
DIVERGENT = [
    "a: yes", "a: Off", "a: 017", "a: 0o17", "a: 1e3", "a: 1.0e+3", "a: 1_000", "a: _1",
    "a: +.5", "a: 1:20", "a: [1,_1]", "200: x", "on: x", "a: 2021-01-01", "a: &x [1]\nb: *x",
    "a: !!str 12", "---\na: 1", "a: 1\na: 2", "<<: {a: 1}", "a: \"tab\\there\"\nb:\tc",
    "a: \u2028", "? [a]\n: 1", "a: [1, 2, {b: 0x1F}]", "a: .inf", "a: ~", "a: ''", "200: x\n'on': y",
    "a: {1: x, 2: y}", "null: x", "true: [1]",
]  # fmt: skip


@pytest.mark.parametrize("text", DIVERGENT)
def test_the_fast_path_agrees_with_pyyaml_or_steps_aside(text: str) -> None:
    fast, document = fast_load(text, parse.MAX_NESTING)
    if fast:
        assert repr(document) == pyyaml(text)
    expected = pyyaml(text)
    if expected.startswith("error"):  # an error: the messages may differ, the outcome may not
        assert parsed(text).startswith("error")
    else:
        assert parsed(text) == expected


@pytest.mark.parametrize(
    "text", ["a: yes", "a: 017", "a: 1e3", "a: _1", "a: &x [1]\nb: *x", "on: x", "017", "1e3: a", "a:\n- 0o17", "{a: +.5}"]
)
def test_divergent_text_is_left_to_pyyaml(text: str) -> None:
    assert fast_load(text, parse.MAX_NESTING) == (False, None)


# Block scalars running to the text's end, which the fast parser reads wrongly on its own (an
# empty one as a line break; a last line without a line break with one added)
BLOCK_SCALARS_AT_THE_END = [
    "B: >\n\n", "B: |\n  \n", "B: |\n", "B: |-\n", "d: |\n  a\n\n  b", "d: >\n  a", "d: |+\n  a\n\n\n",
    "a:\n  - |\n    x\n\n", "a: |2\n    x\n\n", "a:\n  |\n   x\n  \n", "a: |\n  x\n# c\n\n", "- |\n  x\n",
    "a: 1\nb: > # folded\n", "a: |\n  apigen-end-of-text: 0\n", "a: |\n  x\napigen-end-of-text: 0\n",
    "a: |\r\n", "a: >\r\n", "a: |\r\n  x", "a: |\r\n  x\r\n", '"apigen-end-of-tex\\x74": 1\na: |\n  x\n',
    "? apigen-end-of-text\n: 1\na: |\n  x\n", "# note: use |\n",
]  # fmt: skip

# Nodes of flow collections beginning with an indicator, and empty keys: PyYAML reads a key there,
# or refuses it
FLOW_INDICATORS = [
    "a: [?x]\n", "a: [a, ?b]\n", "a: {?x: 1}\n", "a: [ ?b]\n", "a: [a,\n ?b]\n", "a: [|]\n", "a: [ |]\n",
    "a: {b: >}\n", ": v\n", "a: [:x]\n", "a: [ :x]\n", "a: {b: 1, :x}\n", "a:\n  : v\n", "a: 1\n:", "a:\n  - : x\n",
]  # fmt: skip


@pytest.mark.parametrize("text", FLOW_INDICATORS)
def test_flow_nodes_beginning_with_an_indicator_are_left_to_pyyaml(text: str) -> None:
    assert fast_load(text, parse.MAX_NESTING) == (False, None)
    expected = pyyaml(text)
    assert parsed(text).startswith("error") if expected.startswith("error") else parsed(text) == expected


@pytest.mark.parametrize("text", BLOCK_SCALARS_AT_THE_END)
def test_a_block_scalar_at_the_end_reads_as_pyyaml_reads_it(text: str) -> None:
    fast, document = fast_load(text, parse.MAX_NESTING)
    if fast:
        assert repr(document) == pyyaml(text)
    assert parsed(text) == pyyaml(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "  c", "  - d"]),
            st.sampled_from(["|", ">", "|-", "|+", ">+", "|2", "x"]),
            st.lists(st.sampled_from(["", "  ", "    v", "    w x", "      y"]), max_size=4),
        ),
        min_size=1,
        max_size=4,
    ),
    st.booleans(),
)
def test_block_scalars_anywhere_read_as_pyyaml_reads_them(
    nodes: list[tuple[str, str, list[str]]], final_break: bool
) -> None:
    lines = []
    for key, header, body in nodes:
        lines.append(f"{key}: {header}" if not key.endswith("d") else f"{key} {header}")
        lines.extend(body)
    text = "\n".join(lines) + ("\n" if final_break else "")
    fast, document = fast_load(text, parse.MAX_NESTING)
    if fast:
        assert repr(document) == pyyaml(text)


def test_the_repository_specs_take_the_fast_path_and_read_the_same() -> None:
    text = (ROOT / "specs" / "openapi" / "ai_studio.yaml").read_text(encoding="utf-8")
    fast, document = fast_load(text, parse.MAX_NESTING)
    assert fast
    assert repr(document) == pyyaml(text)


def test_nesting_past_the_limit_is_left_to_pyyaml() -> None:
    deep = "".join(" " * depth + "a:\n" for depth in range(parse.MAX_NESTING + 2))
    assert fast_load(deep, parse.MAX_NESTING) == (False, None)


@pytest.mark.parametrize(
    "text",
    ["&x a", " *x", "!t a", "a\n&x b", "a\n  *x", "a: [&x 1]", "a: {b: !t c}", "- &x a", "? *x",
     "%YAML 1.1", "---", "...", "a\n---", "a\n%TAG", "a\n..."],
)  # fmt: skip
def test_anchors_tags_and_markers_where_a_node_or_line_begins_are_not_self_contained(text: str) -> None:
    assert not self_contained(text)


@pytest.mark.parametrize("text", ["a: b & c", "a: x*y", "a: 'hi!'", "a -- b", "a\n b---", "a: x..."])
def test_the_same_characters_inside_prose_are(text: str) -> None:
    assert self_contained(text)


def _by_regex(text: str) -> bool:
    return bool(fast_yaml._NODE_PROPERTIES.search(text) or fast_yaml._NODE_PROPERTIES_FIRST.match(text))


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=" \t\n\r[]{},:?-&*!#ab", max_size=40))
def test_node_properties_are_found_as_the_regexes_find_them(text: str) -> None:
    assert node_properties_may_exist(text) == _by_regex(text)


@pytest.mark.parametrize("tail", ["", "\n*x a", " a: [ *x]"])
def test_past_the_marks_looked_at_one_by_one_the_regexes_decide(
    tail: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(A text of millions of marks costs what the regexes cost, not a step per mark.)"""
    text = "a" + "*" * (fast_yaml.MARKS_LOOKED_AT + 1) + tail
    expected = _by_regex(text)
    asked: list[str] = []
    regex = fast_yaml._NODE_PROPERTIES

    class Spy:
        def search(self, searched: str) -> re.Match[str] | None:
            asked.append(searched)
            return regex.search(searched)

    monkeypatch.setattr(fast_yaml, "_NODE_PROPERTIES", Spy())
    assert node_properties_may_exist(text) == expected == bool(tail)
    assert asked == [text]


# the plainly written pattern `_NUMBER_LIKE` stands for: the character before each run, then it
_NUMBER_LIKE_PLAINLY = re.compile(r"[\s\[{,:]([-+._0-9][^\s]*)")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=" \t\n\r\u00a0\u2028[]{},:?-+._09ax#'\"é", max_size=40))
def test_number_like_runs_are_those_the_plain_pattern_finds(text: str) -> None:
    first = fast_yaml._NUMBER_LIKE_FIRST.match(text)
    plainly = set(_NUMBER_LIKE_PLAINLY.findall(text, first.end() if first else 0))
    assert fast_yaml._number_like(text) == plainly | ({first.group()} if first else set())
