"""A fast path for plain YAML: the Rust parser of `yaml-rs` (~30x faster than PyYAML's C loader on
large descriptions), used only where its result is provably what PyYAML gives.

PyYAML reads YAML 1.1 and `yaml-rs` YAML 1.2; they differ on how some plain scalars resolve
(`yes`, `017`, `1e3`, `1:20`, dates), and `yaml-rs` knows nothing of our limits. So the fast
result is taken only when:

- the text has no anchors, aliases, tags, directives or document markers, no number that the
  two read differently (`017`, `0o17`, exponents) and no character they treat differently
  (controls, tabs, YAML 1.1's extra line breaks), no node of a flow collection beginning with
  `?`, `:`, `|` or `>` and no empty key (PyYAML reads a key there, or refuses it; `yaml-rs` a
  string) — checked on the text, conservatively;
- every string in the result is one PyYAML would also read as a string were it written plainly
  (so whether it was quoted does not matter), and every value is plain JSON data;
- nothing nests deeper than `parse.MAX_NESTING`: on the text before parsing (`yaml-rs` recurses
  once per block level, and some thousands of levels overflow the stack: a crash, not an error),
  and on the result.

A text where a block scalar (`|`, `>`) may run to its end is read with a line put after it that
ends any such scalar, as a key of the document would (the fast parser alone reads an empty one
there as a line break); one that also ends without a line break is left to PyYAML.

Otherwise `fast_load` returns None and the caller parses with PyYAML, which also locates any
problem by line and column (positions are never needed on the fast path).
"""

from __future__ import annotations

import functools
import re
import sys
from typing import Any

import yaml

# Where a node begins: line start, or after `[`, `{`, `,`, `:`, `?`, `-` (and blanks). An anchor
# (&), alias (*) or tag (!) can only stand there; prose matching this only costs the fast path.
# A line start is the text's start or a line break: each pattern has a form for the rest of the
# text, which begins with a character class (scanned for quickly: `^` in a leading alternative
# makes the regex engine try every position, 3x slower on a 7 MB description), and one matched
# at the start only. `node_properties_may_exist` finds the same, quicker.
_NODE_PROPERTIES = re.compile(r"[\n\[{,:?-][ \t]*[&*!]")
_NODE_PROPERTIES_FIRST = re.compile(r"[ \t]*[&*!]")
_NODE_START = "\n[{,:?-"
_PROPERTY_MARKS = "&*!"
# Marks `node_properties_may_exist` looks at one by one before it leaves the rest to the regexes
# (whose cost is per character, not per mark: a text of millions of `*` stays cheap)
MARKS_LOOKED_AT = 10_000
_DOCUMENT_MARKERS = re.compile(r"\n(?:%|---|\.\.\.)")
_DOCUMENT_MARKERS_FIRST = re.compile(r"%|---|\.\.\.")
# What may be a plain number: a run of non-blanks beginning like one, where a scalar may begin
# (at the text's start, or after a blank, `[`, `{`, `,` or `:`). The pattern begins with the
# run's first character and looks behind it for the one before: the regex engine then skips
# ahead to those few characters, where a pattern beginning with the character before (a blank,
# as common as indentation) is tried at every blank, twice as slow on a 7 MB description. The
# runs found are the same: each ends at a blank or the end, where the next search begins.
_NUMBER_LIKE = re.compile(r"[-+._0-9](?<=[\s\[{,:].)\S*")
_NUMBER_LIKE_FIRST = re.compile(r"[-+._0-9][^\s]*")
_FLOW_PUNCTUATION = re.compile(r"[,\[\]{}]")
# Characters the two treat differently: those YAML forbids, tabs, a byte order mark, and the
# line breaks of YAML 1.1 only (NEL, LS, PS)
_DIVERGENT_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\t\ufeff\u2028\u2029\ufffe\uffff]")
# A carriage return not followed by a line feed: a line break to both parsers, which the
# patterns above (written for `\n`) would not see as one
_LONE_CARRIAGE_RETURN = re.compile("\r(?!\n)")
# An escaped UTF-16 surrogate (`"\ud83d\ude00"`): the fast parser joins a pair, PyYAML refuses it
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
# What may be a block scalar's header (`|`, `>-`, `|2`... after a blank or at a line's start, then
# only a comment to the line's end). The fast parser reads a block scalar that runs to the text's
# end wrongly: an empty one as a line break, one on a last line without a line break with one
# added. So where one may be, the text is read with a line of the sentinel key put after it
# (which ends any scalar as a key of the document would: the value is the same, `_SENTINEL`),
# and a text that ends without a line break is PyYAML's (no line can follow its last one).
_BLOCK_SCALAR_HEADER = re.compile(r"[|>](?<![^\s][|>])[-+1-9]{0,2}[ \t]*(?:#[^\n]*)?(?=\r?\n|\Z)")
_SENTINEL = "apigen-end-of-text"
# A line whose node is an empty key (`: v`): PyYAML refuses it, the fast parser reads a null key
_EMPTY_KEY = re.compile(r"\n[ \t-]*:(?:\s|\Z)")
_EMPTY_KEY_FIRST = re.compile(r"[ \t-]*:(?:\s|\Z)")
# A key at column 0 that may spell the sentinel otherwise (escaped in double quotes, or an explicit
# `?` key): the line put after the text would then take its place
_TOP_KEY_SPELLED_OTHERWISE = re.compile(r'\n(?:\?|"[^"\n]*\\)')
_TOP_KEY_SPELLED_OTHERWISE_FIRST = re.compile(r'\?|"[^"\n]*\\')
# Where a flow collection's node may begin with `?`, `:`, `|` or `>` (`[?x]`, `{a: 1, ?b}`, `[:x]`,
# `[|]`, `{a: >}`): PyYAML reads a key there, or refuses it; the fast parser reads a plain string.
# (Prose may match too, which only costs the fast path.)
_FLOW_NODE_INDICATOR = re.compile(r"[\[{,][ \t\n]*[?:|>]")
_FLOW_BLOCK_SCALAR_HEADER = re.compile(r"[|>](?<=[\s\[{,:][|>])[-+1-9]{0,2}[ \t]*[,\]}]")

# PyYAML's implicit resolvers by first character, timestamps left out (we keep those as
# strings): the PyYAML path (`parse`) reads with these too
IMPLICIT_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_RESOLVERS = {first: [regexp for _, regexp in pairs] for first, pairs in IMPLICIT_RESOLVERS.items()}


def _divergent_number(token: str) -> bool:
    """Whether a run of non-blanks that may be a plain number (or, in flow style, hold several)
    could read differently: `017`, `1e3`, `_1`, `+.5` (YAML 1.1 and 1.2 disagree on all of
    them). Each candidate is resolved both ways; where both read a string, or the same value,
    they agree. One longer than Python reads as an integer is left to PyYAML, which locates it
    (the fast parser reads any length, in time growing with the square of it)."""
    longest = sys.get_int_max_str_digits() or sys.int_info.default_max_str_digits
    for candidate in {token, *_FLOW_PUNCTUATION.split(token)}:
        if candidate in ("", "-"):  # "-": a list item
            continue
        if len(candidate) > longest or _resolved_differently(candidate):
            return True
    return False


def _resolved_differently(text: str) -> bool:
    import yaml_rs

    fast: Any
    try:
        fast = yaml_rs.loads(text, parse_datetime=False)
    except Exception:
        fast = text  # not a scalar on its own: the fast parser reads the whole document
    slow_tags = [tag for tag, regexp in IMPLICIT_RESOLVERS.get(text[0], ()) if regexp.match(text)]
    if not slow_tags:
        return type(fast) is not str
    if type(fast) is str:
        return True
    try:
        slow = yaml.load(text, Loader=yaml.CSafeLoader)  # the C safe loader
    except (yaml.YAMLError, ValueError):  # (ValueError: an integer too long for Python)
        return True
    return type(slow) is not type(fast) or slow != fast


def _ambiguous(text: str, known: dict[str, bool]) -> bool:
    """Whether the string `text` might have been written plainly where PyYAML reads a non-string.

    Only a string PyYAML would resolve (`on`, `1:20`, `200`) can be; and of those, one the fast
    parser also resolves when plain (`200`) must have been quoted, so it is a string to both.
    """
    found = known.get(text)  # (keys and many values repeat: each text is judged once)
    if found is not None:
        return found
    if not text or not any(regexp.match(text) for regexp in _RESOLVERS.get(text[0], ())):
        found = False  # (an empty string is quoted in the source in both readings)
    else:
        import yaml_rs

        try:
            reading: Any = yaml_rs.loads(text)
            found = type(reading) is str
        except Exception:
            found = True
    known[text] = found
    return found


def _number_like(text: str) -> set[str]:
    """Every run of non-blanks that may be a plain number (`_NUMBER_LIKE`)."""
    first = _NUMBER_LIKE_FIRST.match(text)
    found = set(_NUMBER_LIKE.findall(text, first.end() if first else 0))
    if first:
        found.add(first.group())
    return found


def node_properties_may_exist(text: str) -> bool:
    """Whether `_NODE_PROPERTIES` (or `_NODE_PROPERTIES_FIRST` at the start) matches: an `&`, `*`
    or `!` after blanks only, back to the text's start, a line break or one of `[{,:?-`.

    Each mark is found with `str.find`, which skips ahead far quicker than a regex beginning with
    characters as common as those (a few ms against 38 ms on 7 MB, found twice in a cold run);
    the blanks before a mark are looked at once (they end at the previous mark or sooner). Past
    `MARKS_LOOKED_AT` marks, the regexes decide."""
    looked = 0
    for mark in _PROPERTY_MARKS:
        found = text.find(mark)
        while found != -1:
            looked += 1
            if looked > MARKS_LOOKED_AT:
                return bool(_NODE_PROPERTIES.search(text) or _NODE_PROPERTIES_FIRST.match(text))
            before = found - 1
            while before >= 0 and text[before] in " \t":
                before -= 1
            if before < 0 or text[before] in _NODE_START:
                return True
            found = text.find(mark, found + 1)
    return False


def self_contained(text: str) -> bool:
    """Whether the text's parts can be read apart: no anchor, alias or tag (an alias reads a node
    another part may hold) and no directive or document marker (they act on everything)."""
    return not (
        node_properties_may_exist(text)
        or _DOCUMENT_MARKERS.search(text)
        or _DOCUMENT_MARKERS_FIRST.match(text)
    )


@functools.cache
def _deep_line(columns: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A line whose first `columns` characters are blanks and block indicators (`- `, `? `,
    `: `): a quick pattern that may also find other lines (`-----`), for the lines after the
    first (see `_NODE_PROPERTIES`), and the exact one, tried at the text's start and wherever
    the quick one matched."""
    return re.compile(f"\\n[ ?:-]{{{columns}}}"), re.compile(f"\\n?(?: |[-?:](?= )){{{columns}}}")


def block_nesting_may_exceed(text: str, max_nesting: int) -> bool:
    """Whether the block collections of `text` may nest deeper than `max_nesting`.

    A block collection starts where a line's indentation and block indicators end (`- - x`
    starts two sequences, at columns 0 and 2), and one inside another starts further right,
    except a sequence that is a mapping's value (`a:` then `- x` on the next line): each column
    starts at most two levels. So a text no line of which has `max_nesting // 2` characters of
    indentation and indicators cannot nest deeper. Flow collections (`[[[`) are not counted:
    the fast parser refuses those nested 256 deep itself.
    """
    quick, exact = _deep_line(max(max_nesting // 2, 0))
    return bool(exact.match(text)) or any(exact.match(text, found.start()) for found in quick.finditer(text))


def _spelled_otherwise(text: str) -> bool:
    return bool(_TOP_KEY_SPELLED_OTHERWISE_FIRST.match(text) or _TOP_KEY_SPELLED_OTHERWISE.search(text))


def fast_load(text: str, max_nesting: int) -> tuple[bool, Any]:
    """(True, document) when the fast parser's reading is PyYAML's; (False, None) otherwise."""
    if (
        _DIVERGENT_CHARACTERS.search(text)
        or ("\r" in text and _LONE_CARRIAGE_RETURN.search(text))
        or _SURROGATE_ESCAPE.search(text)
        or block_nesting_may_exceed(text, max_nesting)
        or not self_contained(text)
    ):
        return False, None
    try:
        import yaml_rs
    except ImportError:  # pragma: no cover - a dependency, but the slow path stays correct
        return False, None
    if any(_divergent_number(token) for token in _number_like(text)):
        return False, None
    if _FLOW_NODE_INDICATOR.search(text) or _EMPTY_KEY.search(text) or _EMPTY_KEY_FIRST.match(text):
        return False, None
    # (`in` first: a scan for one character is ~50x faster than the patterns')
    headers = "|" in text or ">" in text
    if headers and _FLOW_BLOCK_SCALAR_HEADER.search(text):
        return False, None
    ended = headers and _BLOCK_SCALAR_HEADER.search(text) is not None
    if ended and (not text.endswith("\n") or _SENTINEL in text or _spelled_otherwise(text)):
        return False, None
    try:
        document = yaml_rs.loads(
            f"{text}{_SENTINEL}: 0\n" if ended else text,
            parse_datetime=False,
            duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.LastWins,
        )
    except Exception:  # any complaint: PyYAML decides, and locates the problem
        return False, None
    # (a document that is no mapping of keys at column 0 is no longer one with the line; one
    # left empty was none: comments only)
    if ended and (type(document) is not dict or document.pop(_SENTINEL, None) != 0 or not document):
        return False, None
    return (True, document) if _same_as_pyyaml(document, max_nesting, {}) else (False, None)


def _same_as_pyyaml(document: Any, max_nesting: int, known: dict[str, bool]) -> bool:
    """Walk the document once: plain JSON values, unambiguous strings, bounded nesting.

    Mapping keys are made strings in place as the PyYAML path does (`200:` is a status code).
    """
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        node, depth = pending.pop()
        if type(node) is dict:
            other_keys = False
            for key in node:  # (one pass when all keys are strings, as in most mappings)
                if type(key) is not str:
                    other_keys = True
                    break
                if known.get(key, True) and _ambiguous(key, known):  # (known: inlined)
                    return False
            if other_keys:
                if not _keys_made_strings(node):
                    return False
                for key in node:
                    if known.get(key, True) and _ambiguous(key, known):
                        return False
            values: Any = node.values()
        elif type(node) is list:
            values = node
        else:  # the document itself is a scalar
            values = (node,)
            depth = 0
        if depth > max_nesting:
            return False
        for value in values:
            if type(value) is str:
                if known.get(value, True) and _ambiguous(value, known):
                    return False
            elif type(value) in (dict, list):
                pending.append((value, depth + 1))
            elif not (value is None or type(value) in (bool, int, float)):
                return False
    return True


def _keys_made_strings(node: dict[Any, Any]) -> bool:
    """Make the keys of `node` strings in place (`key_text`); False when one is not a number,
    flag or null (left to PyYAML)."""
    if not all(type(key) in (int, bool) or key is None for key in node if type(key) is not str):
        return False
    node_items = [(key_text(key), value) for key, value in node.items()]
    node.clear()
    node.update(node_items)
    return True


def key_text(key: Any) -> str:
    """A mapping key as JSON has it: YAML's `200:` or `true:` are not strings."""
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(key)
