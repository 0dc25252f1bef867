"""Read one YAML or JSON document into plain JSON data, locating syntax errors by line and column.

Two limits keep a hostile document from costing unbounded time or a traceback (README, "Threat
model"): MAX_NESTING bounds how deep containers nest, and MAX_EXPANDED_VALUES bounds how many
values a YAML document holds once its aliases are expanded (a few hundred bytes of anchors of
aliases expand to billions of values: everything after parsing walks the data as a tree).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from generator import spec_strings
from generator.cache_layers import Layered
from generator.openapi import parse_entries
from generator.openapi.cache import Cache, digest
from generator.openapi.fast_yaml import IMPLICIT_RESOLVERS, fast_load, key_text, self_contained

# Bump when the parsed form changes, so that old cache entries are not reused.
_PARSE_VERSION = "3"  # (3: block scalars at a text's end were read wrongly by the fast path)

# Containers inside containers. Real descriptions stay near 20 (OpenAI's: 21, ours: 16).
MAX_NESTING = 100
# Values of a YAML document that uses aliases, counted as if every alias were written out
# (about three times the 3 MB OpenAI description, which uses none).
MAX_EXPANDED_VALUES = 1_000_000


class ParseError(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class _JsonCompatibleLoader(yaml.CSafeLoader):
    """The C safe loader, minus what JSON cannot hold.

    Timestamps stay strings (a `date` would leak into defaults and examples), values JSON has
    no type for (`!!binary`, `!!set`) are refused, and mapping keys are strings (`200:` in `responses` is an int to YAML, a status code to OpenAPI).
    """

    def __init__(self, stream: bytes) -> None:
        super().__init__(stream)
        self.aliased = False  # a node was used twice: the document has aliases

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            self.aliased = True
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        if all(type(key) is str for key in mapping):
            return mapping
        return {key_text(key): value for key, value in mapping.items()}

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        try:
            return super().construct_yaml_int(node)
        except ValueError as exc:  # more digits than Python converts (sys.get_int_max_str_digits)
            raise yaml.constructor.ConstructorError(
                None, None, spec_strings.too_long_integer(len(node.value)), node.start_mark
            ) from exc


    def construct_as_text(self, node: yaml.ScalarNode) -> str:
        return str(self.construct_scalar(node))

    def construct_not_json(self, node: yaml.Node) -> Any:
        """`!!binary`, `!!set`, `!!omap`, `!!pairs`: bytes, sets and pairs, which JSON (and so
        OpenAPI) cannot hold; refused where they stand."""
        raise yaml.constructor.ConstructorError(
            None, None, f"a {node.tag.replace('tag:yaml.org,2002:', '!!')} value: JSON has no such type", node.start_mark
        )


_JsonCompatibleLoader.yaml_implicit_resolvers = IMPLICIT_RESOLVERS
_JsonCompatibleLoader.add_constructor("tag:yaml.org,2002:int", _JsonCompatibleLoader.construct_yaml_int)
for _tag in ("binary", "set", "omap", "pairs"):
    _JsonCompatibleLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _JsonCompatibleLoader.construct_not_json)
# a date written with its tag stays a string too, as one without it does
_JsonCompatibleLoader.add_constructor("tag:yaml.org,2002:timestamp", _JsonCompatibleLoader.construct_as_text)


def parse_bytes(data: bytes, suffix: str) -> Any:
    """Parse JSON (for `.json`) or YAML; raises ParseError with a 1-based line and column."""
    if suffix.lower() == ".json":
        try:
            document = json.loads(data)
        except json.JSONDecodeError as exc:
            raise ParseError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from exc
        except UnicodeDecodeError as exc:
            raise _not_utf8(data, exc.start) from exc
        except ValueError:  # an integer of more digits than Python converts
            raise _too_long_json_integer(data) from None
        except RecursionError:
            raise _too_deep_json(data) from None
        if _depth_beyond_limit(document):
            raise _too_deep_json(data)
        if _SURROGATE_ESCAPE.search(data):
            _refuse_lone_surrogates(data, document)
        return document
    try:
        fast, document = fast_load(data.decode("utf-8"), MAX_NESTING)
    except UnicodeDecodeError:
        fast = False
    if fast:
        return document
    loader = _JsonCompatibleLoader(data)
    try:
        document = loader.get_single_data()  # a safe loader
    except yaml.reader.ReaderError as exc:
        raise _reader_error(data, exc) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(part for part in (exc.context, exc.problem) if part)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ParseError(f"invalid YAML: {message}", line, column) from exc
    except yaml.YAMLError as exc:
        raise ParseError(f"invalid YAML: {exc}", 1, 1) from exc
    finally:
        loader.dispose()
    _check_yaml_shape(data, document, aliased=loader.aliased)
    return document


def _not_utf8(data: bytes, offset: int) -> ParseError:
    line, column = _line_column(data, offset)
    return ParseError(
        f"not UTF-8 text: byte 0x{data[offset]:02x} does not begin a valid UTF-8 character "
        "(save the file as UTF-8)",
        line,
        column,
    )


def _reader_error(data: bytes, exc: yaml.reader.ReaderError) -> ParseError:
    """libyaml refuses bytes that are not UTF-8 and characters YAML does not allow (controls)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as bad:
        return _not_utf8(data, bad.start)
    before = text[: exc.position]  # libyaml counts characters
    line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
    return ParseError(f"invalid YAML: character U+{exc.character:04X}: {exc.reason}", line, column)


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


_TOO_DEEP = f"nested more than {MAX_NESTING} levels deep (MAX_NESTING)"
_RECURSIVE = "a YAML alias refers to a container it is inside of: the document would be infinite"

# A JSON string (skipped whole) or a bracket
_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')


# A JSON string (skipped whole) or an integer (digits not in a fraction or exponent)
_JSON_STRING_OR_INTEGER = re.compile(rb'"(?:[^"\\]|\\.)*"|(?<![0-9.eE+])(?<![eE]-)[0-9]+(?![0-9.eE])')
# An escaped UTF-16 surrogate, half of a pair (`\ud83d\ude00`) or alone (`\ud800`)
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _too_long_json_integer(data: bytes) -> ParseError:
    """Where the first integer with more digits than Python converts is."""
    limit = sys.get_int_max_str_digits()
    for match in _JSON_STRING_OR_INTEGER.finditer(data):
        if match[0][:1] != b'"' and len(match[0]) > limit:
            return ParseError(spec_strings.too_long_integer(len(match[0])), *_line_column(data, match.start()))
    return ParseError(spec_strings.too_long_integer(limit + 1), 1, 1)


def _refuse_lone_surrogates(data: bytes, document: Any) -> None:
    """JSON escapes may write half a UTF-16 surrogate pair alone (`"\\ud800"`): not text, no file
    can hold it as UTF-8 (nor can the generated code), so it is a spec error, located by line and
    column and by the JSON pointer of the string (a key or a value) that holds it."""
    pointer = spec_strings.surrogate_pointer(document)
    if pointer is None:
        return
    line, column = 1, 1
    for match in _JSON_STRING_OR_INTEGER.finditer(data):
        if match[0][:1] == b'"' and _SURROGATE_ESCAPE.search(match[0]) and spec_strings.SURROGATE.search(json.loads(match[0])):
            line, column = _line_column(data, match.start())
            break
    raise ParseError(spec_strings.surrogate_problem(pointer), line, column)


def _too_deep_json(data: bytes) -> ParseError:
    """Where the nesting first passes the limit: brackets counted outside strings."""
    depth = 0
    for match in _JSON_TOKEN.finditer(data):
        token = match[0]
        if token in (b"[", b"{"):
            depth += 1
            if depth > MAX_NESTING:
                return ParseError(_TOO_DEEP, *_line_column(data, match.start()))
        elif token in (b"]", b"}"):
            depth -= 1
    return ParseError(_TOO_DEEP, 1, 1)


def _check_yaml_shape(data: bytes, document: Any, *, aliased: bool) -> None:
    if not aliased:
        trail = _depth_beyond_limit(document)
        if trail:
            raise ParseError(_TOO_DEEP, *_yaml_position(data, trail))
        return
    values, trail, problem = _expanded_shape(document)
    if trail:
        raise ParseError(problem, *_yaml_position(data, trail))
    if values > MAX_EXPANDED_VALUES:
        raise ParseError(
            f"YAML aliases expand to {values:,} values, more than {MAX_EXPANDED_VALUES:,} "
            "(MAX_EXPANDED_VALUES): write the repeated parts once and refer to them with $ref",
            1,
            1,
        )


def _children(node: Any) -> list[Any]:
    values = node.values() if isinstance(node, dict) else node
    return [value for value in values if isinstance(value, (dict, list))]


def _keys(node: Any) -> list[Any]:
    return list(node) if isinstance(node, dict) else list(range(len(node)))


def _depth_beyond_limit(document: Any) -> list[Any]:
    """The keys down to the first container deeper than MAX_NESTING, or [] (a tree: no aliases)."""
    pending: list[tuple[Any, int, Any]] = [(document, 1, None)]
    while pending:
        node, depth, place = pending.pop()
        if not isinstance(node, (dict, list)):
            continue
        if depth > MAX_NESTING:
            return _trail(place)
        pending.extend((node[key], depth + 1, (place, key)) for key in _keys(node))
    return []


def _expanded_shape(document: Any) -> tuple[int, list[Any], str]:
    """Values of the document with aliases written out; the trail to a container too deep or
    inside itself, and which of the two, when there is one.

    Each shared container is measured once: sizes add up without walking the expansion.
    """
    measured: dict[int, tuple[int, int]] = {}  # id -> (values, depth)
    open_: set[int] = set()  # the containers on the path being walked
    pending: list[tuple[Any, bool, Any]] = [(document, False, None)]
    while pending:
        node, finished, place = pending.pop()
        key = id(node)
        if not isinstance(node, (dict, list)) or (key in measured and not finished):
            continue
        if finished:
            children = _children(node)
            values = len(node) + sum(measured[id(child)][0] for child in children)
            depth = 1 + max((measured[id(child)][1] for child in children), default=0)
            measured[key] = (values, depth)
            open_.discard(key)
            continue
        if key in open_:
            return 0, _trail(place), _RECURSIVE
        open_.add(key)
        pending.append((node, True, place))
        pending.extend((node[k], False, (place, k)) for k in _keys(node))
    if not isinstance(document, (dict, list)):
        return 1, [], ""
    values, depth = measured[id(document)]
    return values, _deepest_trail(document, measured) if depth > MAX_NESTING else [], _TOO_DEEP


def _deepest_trail(document: Any, measured: dict[int, tuple[int, int]]) -> list[Any]:
    """Keys down the deepest branch to the first container past MAX_NESTING."""
    trail: list[Any] = []
    node = document
    for _ in range(MAX_NESTING):
        key = max(
            (k for k in _keys(node) if isinstance(node[k], (dict, list))),
            key=lambda k: measured[id(node[k])][1],
        )
        trail.append(key)
        node = node[key]
    return trail


def _trail(place: Any) -> list[Any]:
    keys: list[Any] = []
    while place is not None:
        place, key = place
        keys.append(key)
    return keys[::-1] or [""]


def _yaml_position(data: bytes, trail: list[Any]) -> tuple[int, int]:
    """Line and column of the node at `trail` (keys from the top), found by composing again."""
    try:
        node = yaml.compose(data, Loader=yaml.CSafeLoader)
        for key in trail:
            if node is None:
                break
            if isinstance(node, yaml.MappingNode):
                node = next(v for k, v in node.value if key_text(k.value) == str(key))
            elif isinstance(node, yaml.SequenceNode):
                node = node.value[int(key)]
        if node is None:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1
    except (yaml.YAMLError, StopIteration, IndexError, ValueError, AttributeError):
        return 1, 1


# The value of each top-level entry (`parse_entries`) that is a container, by its id, with the
# digest of the text it was read from (the value is held, so that its id stays its own).
EntryDigests = dict[int, tuple[Any, str]]


def parse_cached(
    data: bytes,
    suffix: str,
    cache: Cache,
    path: Path | None = None,
    entries: EntryDigests | None = None,
    data_digest: str | None = None,
) -> Any:
    """`parse_bytes`, remembered by content hash: JSON reads ~50x faster than YAML. A YAML file
    laid out plainly is remembered entry by entry instead (`parse_entries`, keyed by `path`):
    after a small edit only the entries that changed are parsed again. `entries`, when given,
    receives the digests of the entries read so (see `EntryDigests`); `data_digest`: `digest(data)`,
    when taken already."""
    key = f"{data_digest or digest(data)}-{_PARSE_VERSION}"
    kind = "parsed"
    entry = cache.get(kind, key)
    if isinstance(entry, dict) and "document" in entry:
        return entry["document"]
    if path is not None and cache.folder is not None and suffix.lower() != ".json":
        found = _parse_by_entries(data, suffix, cache, path, entries)
        if found is not None:
            return found[0]
    document = parse_bytes(data, suffix)
    cache.put(kind, key, {"document": document})
    return document


def _parse_by_entries(
    data: bytes, suffix: str, cache: Cache, path: Path, entries: EntryDigests | None
) -> tuple[Any] | None:
    """(document,) read with the entries of the last reading of `path`, the entries of this one
    remembered; None when the text does not split into entries (nothing remembered then)."""
    try:
        parts = parse_entries.split(data.decode("utf-8"), data)
    except UnicodeDecodeError:
        return None
    if parts is None:
        return None
    assert cache.folder is not None
    # the entries of the last reading of `path`, as a base and an overlay of what changed since
    # (`Layered`): after a small edit, a run writes the few changed entries, not megabytes again
    key = digest(f"{path}\0{_PARSE_VERSION}\0{MAX_NESTING}".encode())
    stored = Layered.load(cache.folder / f"entries-{key}.pickle", _PARSE_VERSION)
    known: dict[str, Any] = stored.sections.get("entries", {})
    listed = parts[1]
    unknown = sum(entry.digest not in known for entry in listed)
    # many new entries (a first reading): the whole document in one go is faster, and the same
    found = parse_entries.parse(parts, MAX_NESTING, known) if unknown * 4 <= len(listed) else None
    if found is not None:
        document, values = found
    else:
        document = parse_bytes(data, suffix)  # (a problem is located as ever)
        # entries are remembered for reading apart next time: not when one may lean on another
        remembered = parse_entries.remember(document, parts, MAX_NESTING) if self_contained(data.decode()) else None
        if remembered is None:
            return None
        values = remembered
    if values.keys() != known.keys():  # (now: the document's nodes are not changed yet)
        # the entries read now, each text one object (see `share_strings`) before they are stored
        parse_entries.share_strings(value for text_digest, value in values.items() if text_digest not in known)
        stored.save({"entries": values})
    if entries is not None:
        for text_digest, value in values.items():
            ((_, node),) = value.items()
            if isinstance(node, (dict, list)):  # (a scalar's id may be shared)
                entries[id(node)] = (node, text_digest)
    return (document,)
