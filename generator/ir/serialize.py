"""IR <-> JSON. The JSON form is what `python -m generator ir` prints and what snapshots keep."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import types
import typing
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, TypeVar, cast

import orjson

from generator.encoded import Encoded, Piece, Text
from generator.ir import model
from generator.ir.deferred import Deferred, built

T = TypeVar("T", str, bytes)
# Data made of nodes so far, by node id: (the node, kept alive so its id stays its own; its data)
Converted = dict[int, tuple[Any, Any]]


def to_data(node: Any, *, finite: bool = False, shared: Converted | None = None) -> Any:
    """A dataclass tree as plain JSON data; fields equal to their defaults are left out.

    With `finite`, an infinity or NaN raises `NotPlainJSON` (JSON proper has neither). With
    `shared` (kept by the caller while the nodes live), a name or type expression met again (the
    front ends share one per spelling among the fields that use it) gives the data it gave first,
    not converted again."""
    kind = type(node)
    try:
        convert = _CONVERTERS[kind]
    except KeyError:
        convert = _CONVERTERS[kind] = _converter(kind)
    if convert is not None:
        return convert(node, finite, shared)
    if isinstance(node, (tuple, list)):
        return [item if type(item) is str else to_data(item, finite=finite, shared=shared) for item in node]
    if isinstance(node, dict):
        return {key: to_data(value, finite=finite, shared=shared) for key, value in node.items()}
    if finite and kind is float and not math.isfinite(node):
        raise NotPlainJSON(node)
    if kind is Deferred:  # (a named type not built yet: its content)
        return to_data(node.built(), finite=finite, shared=shared)
    return node


_SHARED = frozenset({model.Name, model.TypeExpr})  # the IR classes whose nodes are shared
# The most converted names and type expressions `dumps` keeps at a time (their data takes memory
# until it is done: a few thousand cover a 1,000-file proto tree; a large OpenAPI description
# has more, and the snapshot is written near the run's peak of memory)
_SHARED_KEPT = 4096


class NotPlainJSON(ValueError):
    """A value that strict JSON cannot hold."""


# When a field is written: always (no default; and `kind`, which names a type's kind), when not
# None (its default), or when it differs from its default
_ALWAYS, _IF_SET, _UNLESS_DEFAULT = "always", "if set", "unless default"


def _field_spec(cls: type) -> tuple[tuple[str, Any, str], ...] | None:
    """(name, default, when written) of a dataclass's fields, looked up once per class; None for
    other types."""
    try:
        return _FIELD_SPECS[cls]
    except KeyError:
        pass
    spec = None
    if dataclasses.is_dataclass(cls):
        spec = tuple((f.name, f.default, _rule(f)) for f in dataclasses.fields(cls))
    _FIELD_SPECS[cls] = spec
    return spec


def _rule(field: dataclasses.Field[Any]) -> str:
    if field.name == "kind" or field.default is dataclasses.MISSING:
        return _ALWAYS
    return _IF_SET if field.default is None else _UNLESS_DEFAULT


_FIELD_SPECS: dict[type, tuple[tuple[str, Any, str], ...] | None] = {}


# A dataclass's conversion (`to_data` of one of its nodes), by class: None for other types
_Converter = Callable[[Any, bool, Converted | None], dict[str, Any]]
_CONVERTERS: dict[type, _Converter | None] = {}


def _converter(cls: type) -> _Converter | None:
    """`to_data` of a node of `cls` as one function written out field by field (its fields' rules
    and defaults compiled in, not looked up per field: the snapshot of a 1,000-file proto tree
    converts ~130,000 nodes); None when `cls` is no dataclass. Values that are not a string,
    number, flag or None go through `to_data` (the module's, as it is when called)."""
    spec = _field_spec(cls)
    if spec is None:
        return None
    slotted = "__dict__" not in dir(cls)  # (a class with slots: its fields read one by one)
    lines = ["def convert(node, finite, shared):"]  # (inside `make`, its defaults as closures)
    memo = cls in _SHARED
    if memo:
        lines += [
            "    if shared is not None:",
            "        found = shared.get(id(node))",
            "        if found is not None:",
            "            return found[1]",
        ]
    lines += ["    out = {}"] if slotted else ["    fields = node.__dict__", "    out = {}"]
    defaults: dict[str, Any] = {}
    for index, (name, default, rule) in enumerate(spec):
        read = f"node.{name}" if slotted else f"fields[{name!r}]"
        lines.append(f"    value = {read}")
        indent = "    "
        if rule is _IF_SET:
            lines.append("    if value is not None:")
            indent += "    "
        elif rule is _UNLESS_DEFAULT:
            defaults[f"default{index}"] = default
            lines.append(f"    if not value == default{index}:")
            indent += "    "
        lines += [
            f"{indent}kind = type(value)",
            f"{indent}if kind is str or kind is int or kind is bool or value is None:",
            f"{indent}    out[{name!r}] = value",
            f"{indent}else:",
            f"{indent}    out[{name!r}] = to_data(value, finite=finite, shared=shared)",
        ]
    if memo:
        lines += ["    if shared is not None:", "        shared[id(node)] = (node, out)"]
    lines.append("    return out")
    inner = (f"    {line}" for line in lines)
    source = "\n".join([f"def make({', '.join(defaults)}):", *inner, "    return convert"])
    namespace: dict[str, Any] = {}
    # (globals: this module's, so that `to_data` is looked up when called)
    exec(compile(source, f"<to_data of {cls.__qualname__}>", "exec"), globals(), namespace)
    return cast(_Converter, namespace["make"](**defaults))


def dumps(api: model.API, fragments: Fragments | None = None) -> str:
    """The IR as indented JSON (`indent=2`, non-ASCII kept) plus a newline.

    orjson writes it: the IR of a large API is millions of values, and the standard library's
    indenting encoder is pure Python. An IR holding what orjson refuses or cannot write
    (integers beyond 64 bits, lone surrogates, infinities and NaN) goes through `_encode`
    instead, which writes every value orjson can write as orjson does (floats included) and
    the others as the `json` module does: the snapshot's text does not depend on which ran.

    Operations and types are written one at a time (the plain data of a whole large API at once
    would take about as much memory as everything else the generator holds); with `fragments`,
    each one's text is looked up there by its content first: regeneration encodes only what
    changed (and a deferred type found there is not built, `generator.ir.deferred`).
    """
    found = encoded(api, fragments)
    return found if isinstance(found, str) else found.text()


def encoded(api: model.API, fragments: Fragments | None = None) -> Text:
    """`dumps(api, fragments)`, as the UTF-8 bytes of its pieces when orjson writes it (the
    kept encoded operations and types themselves: not joined, decoded or encoded again), else
    as the text `_encode` writes."""
    try:
        return Encoded(_pieces_fast(api, fragments))
    except (NotPlainJSON, orjson.JSONEncodeError):
        out: list[str] = []
        _encode(_with_parts(api, fragments), "\n", out)
        out.append("\n")
        return "".join(out)


_PARTS = ("operations", "types")
_PART_NEWLINE = b"\n    "  # operations and types sit two levels deep


def _pieces_fast(api: model.API, fragments: Fragments | None) -> tuple[Piece, ...]:
    """orjson's UTF-8 text of the whole IR, in pieces: the text of each operation and type, and
    what lies between them."""
    head = _with_parts(api, None, finite=True)
    shared: Converted = {}  # names and type expressions converted so far
    parts = {name: head[name] for name in _PARTS if name in head}
    rest = orjson.dumps({k: [] if k in parts else v for k, v in head.items()}, option=orjson.OPT_INDENT_2)
    pieces: list[Piece] = []
    for name, nodes in parts.items():
        # JSON strings hold no raw line break: this is the top-level key, and only it
        empty = b'\n  "%s": []' % name.encode()
        assert rest.count(empty) == 1
        before, rest = rest.split(empty)
        pieces += (before, b'\n  "%s": [' % name.encode(), _PART_NEWLINE)
        separator = b"," + _PART_NEWLINE
        for index, part in enumerate(nodes):
            if index:
                pieces.append(separator)
            pieces.append(_orjson_text(part.node, fragments, shared))
        pieces.append(b"\n  ]")
    pieces += (rest, b"\n")
    return tuple(pieces)


def _orjson_text(node: Any, fragments: Fragments | None, shared: Converted) -> Piece:
    def encode() -> bytes:
        return snapshot_text(node, shared)

    return encode() if fragments is None else fragments.text(node, "orjson", encode, bytes)


def snapshot_text(node: Any, shared: Converted) -> bytes:
    """An operation's or type's text in the snapshot as orjson writes it (at the indentation it
    is placed at); `shared`: as for `to_data`, kept by the caller across the nodes it encodes.
    Raises `NotPlainJSON` or `orjson.JSONEncodeError` where `dumps` writes another way."""
    return _indented(_snapshot_data(node, shared))


def _snapshot_data(node: Any, shared: Converted) -> Any:
    data = to_data(built(node), finite=True, shared=shared)
    if len(shared) > _SHARED_KEPT:
        shared.clear()
    return data


def _indented(data: Any) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).replace(b"\n", _PART_NEWLINE)


def snapshot_digested(
    node: Any, shared: Converted, *, compact: bool = False
) -> tuple[str, bytes | None, bytes | None]:
    """A node's content digest as a front end that hands the snapshot its texts takes it: the
    `snapshot_digest` of its `snapshot_text`, given with it (the snapshot takes that text, not
    encoded twice), and with `compact` the same data as JSON without indentation (about half
    the bytes: what a cache keeps to build the node from, `from_data`), else None; or, for a node
    the snapshot writes another way, its `content_digest`, None and None. `shared`: as for
    `snapshot_text`."""
    try:
        data = _snapshot_data(node, shared)
        text = _indented(data)
        plain = orjson.dumps(data) if compact else None
    except (NotPlainJSON, orjson.JSONEncodeError):
        return content_digest(node), None, None
    return snapshot_digest(text), text, plain


def content_digest(node: Any) -> str:
    """The digest of an IR node's content (a frozen IR dataclass's repr spells out every field)."""
    return digest_of_repr(repr(node))


def digest_of_repr(text: str) -> str:
    """`content_digest` of the node whose repr is `text` (for a caller that reads the repr too)."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def snapshot_digest(text: bytes) -> str:
    """A content digest of the node whose `snapshot_text` is `text`: that text spells out every
    field but those at their defaults, each value as JSON tells it apart (1, 1.0, true, "1"), so
    equal texts are of equal content. A front end that encodes a node's text anyway takes this
    in place of `content_digest` (which spells the node out once more); either is a node's
    digest, and a node is always digested the same way by the code that makes it."""
    return hashlib.sha256(text).hexdigest()[:32]


class Fragments:
    """Encoded operations and types by the digest of their content (`content_digest`, or the
    digest a front end took, `know`) and encoder: last run's (`previous`) and this run's (`current`).
    orjson's are kept as its UTF-8 bytes (read back as views of the cache file: `Units`), the
    fallback encoder's as text."""

    def __init__(self, previous: dict[str, str | Piece] | None = None) -> None:
        self.previous = previous or {}
        self.current: dict[str, str | Piece] = {}
        self.encoded = 0  # fragments encoded afresh this run
        self.reused = 0  # ... taken from the last run
        self.digested = 0  # nodes whose digest was computed here (the others: handed over)
        self._digests: dict[int, tuple[Any, str]] = {}
        # `snapshot_text`s handed over, by node id (the node, kept alive so its id stays its own)
        self._texts: dict[int, tuple[Any, Any]] = {}

    def digest(self, node: Any) -> str:
        """The digest of an IR node's content, computed once per node (the node is kept alive
        with it, so its id cannot be reused)."""
        if type(node) is Deferred:  # (it came with its digest)
            return node.digest
        found = self._digests.get(id(node))
        if found is None:
            found = self._digests[id(node)] = (node, content_digest(node))
            self.digested += 1
        return found[1]

    def know(self, digested: Iterable[tuple[Any, str]]) -> None:
        """Take digests a front end computed (`content_digest`) when it built the nodes."""
        for node, digest in digested:
            self._digests[id(node)] = (node, digest)

    def know_texts(self, encoded: Iterable[tuple[Any, bytes]]) -> None:
        """Take the `snapshot_text` of nodes a front end encoded (for their `snapshot_digest`):
        orjson's text of such a node, when not kept from the last run, is not encoded again."""
        for node, text in encoded:
            self._texts[id(node)] = (node, text)

    def handed_text(self, node: Any) -> bytes | None:
        """The `snapshot_text` a front end handed over for `node` (`know_texts`), if any."""
        found = self._texts.get(id(node))
        if found is None or found[0] is not node or type(found[1]) is not bytes:
            return None
        return found[1]

    def release(self) -> None:
        """Let go of the nodes digested so far (their texts are kept)."""
        self._digests.clear()
        self._texts.clear()

    def text(self, node: Any, encoder: str, encode: Callable[[], T], kind: type[T]) -> T:
        """The text `encode` gives for `node`, or the one kept for its content (of `kind`: one of
        another type, a damaged entry, is encoded afresh)."""
        key = f"{encoder}-{self.digest(node)}"
        kept = self.previous.get(key)
        if (type(kept) is kind and isinstance(kept, kind)) or (kind is bytes and type(kept) is memoryview):
            found = cast(T, kept)  # (exactly of that type; bytes may be read as a view of the file)
            self.reused += 1
        else:
            handed = self._texts.pop(id(node), None) if encoder == "orjson" else None
            found = handed[1] if handed is not None and handed[0] is node else encode()
            self.encoded += 1
        self.current[key] = found
        return found


class _Encoded:
    """An operation or type, written as JSON text (at the indentation it is placed at) when met."""

    def __init__(self, node: Any, fragments: Fragments | None) -> None:
        self.node, self.fragments = node, fragments

    def text(self, newline: str) -> str:
        def encode() -> str:
            parts: list[str] = []
            _encode(to_data(built(self.node)), newline, parts)
            return "".join(parts)

        if self.fragments is None:
            return encode()
        return self.fragments.text(self.node, f"json{len(newline)}", encode, str)


def _with_parts(api: model.API, fragments: Fragments | None, *, finite: bool = False) -> dict[str, Any]:
    """`to_data(api)`, its operations and types left to be encoded one by one (`_Encoded`)."""
    spec = _field_spec(model.API)
    assert spec is not None
    out: dict[str, Any] = {}
    for name, default, rule in spec:
        value = getattr(api, name)
        if (rule is _IF_SET and value is None) or (rule is _UNLESS_DEFAULT and value == default):
            continue
        out[name] = [_Encoded(node, fragments) for node in value] if name in _PARTS else to_data(value, finite=finite)
    return out


_STRING = json.encoder.encode_basestring  # C-accelerated; ensure_ascii=False escaping


def _encode(value: Any, newline: str, out: list[str]) -> None:
    """Append `value` as indented JSON; `newline` is a line break plus the current indentation."""
    if isinstance(value, str):
        out.append(_STRING(value))
    elif isinstance(value, _Encoded):
        out.append(value.text(newline))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            out.append(separator)
            out.append(_STRING(key) if isinstance(key, str) else json.dumps(_key(key)))
            out.append(": ")
            _encode(item, inner, out)
            separator = "," + inner
        out.append(newline + "}")
    elif isinstance(value, list):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _encode(item, inner, out)
            separator = "," + inner
        out.append(newline + "]")
    elif type(value) is float and math.isfinite(value):
        out.append(orjson.dumps(value).decode())  # orjson's float text (`1e-7`, not `1e-07`)
    else:  # integers, booleans, null, infinities and NaN: as the json module writes them
        out.append(json.dumps(value))


def _key(key: Any) -> str:
    """A non-string dict key as the json module turns it into one."""
    converted: str = next(iter(json.loads(json.dumps({key: None}))))
    return converted


# --- reading back -----------------------------------------------------------------------

_NAMED_TYPES: dict[str, type] = {
    "object": model.ObjectType,
    "enum": model.EnumType,
    "union": model.UnionType,
    "alias": model.AliasType,
}


def from_data(cls: Any, data: Any) -> Any:
    """Rebuild a dataclass tree from `to_data` output, guided by type hints."""
    return _build(cls, data)


def loads(text: str) -> model.API:
    """The IR a snapshot holds. A text that is no snapshot raises ValueError, TypeError,
    KeyError or AttributeError, as reading it meets the problem; one nested deeper than the
    reader goes (JSON or types) raises ValueError, not RecursionError."""
    try:
        result: model.API = from_data(model.API, json.loads(text))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    return result


def _hints(cls: type) -> dict[str, Any]:
    cached = _HINT_CACHE.get(cls)
    if cached is None:
        cached = typing.get_type_hints(cls, vars(model))
        _HINT_CACHE[cls] = cached
    return cached


_HINT_CACHE: dict[type, dict[str, Any]] = {}


# How data of one type hint is rebuilt (`_build`): a function of the data, or None where the data
# is taken as it is (a string, number, flag, JSON value, literal). Worked out once per hint from
# its origin and arguments, not each time a node is built: a warm run builds the types of the
# schema units it reads from their snapshot text (`generator.openapi.schema_units`).
_Builder = Callable[[Any], Any]
_BUILDERS: dict[Any, _Builder | None] = {}


def _build(tp: Any, data: Any) -> Any:
    build = _builder(tp)
    return data if build is None or data is None else build(data)


def _builder(tp: Any) -> _Builder | None:
    try:
        return _BUILDERS[tp]
    except KeyError:
        made = _BUILDERS[tp] = _make_builder(tp)
        return made


def _make_builder(tp: Any) -> _Builder | None:
    """The builder of data of hint `tp` (None given None, whatever `tp`)."""
    origin = typing.get_origin(tp)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return partial(_many, args[0])
        return partial(_fixed, args)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        if members and all(a in _NAMED_TYPES.values() for a in members):
            return _named
        for arg in members:
            if dataclasses.is_dataclass(arg) and isinstance(arg, type):
                return partial(_object_or_as_is, arg)
        return None
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _object_builder(tp)
    return None  # (a literal, a string, number or JSON value: as it is)


def _many(item: Any, data: Any) -> tuple[Any, ...]:
    build = _builder(item)
    if build is None:
        return tuple(data)
    return tuple([None if value is None else build(value) for value in data])


def _fixed(args: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    return tuple(_build(arg, item) for arg, item in zip(args, data))


def _named(data: Any) -> Any:
    build = _builder(_NAMED_TYPES[data["kind"]])
    assert build is not None
    return build(data)


def _object_or_as_is(cls: type, data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    build = _builder(cls)
    assert build is not None
    return build(data)


def _object_builder(cls: type) -> _Builder:
    """The builder of a dataclass's node: each field's value rebuilt by its hint's builder (the
    builders of its fields are looked up on its first use: the IR's classes refer to each other,
    and to themselves). A key that is no field raises KeyError; a named type's `kind` is left out
    (each class has its own)."""
    fields: dict[str, _Builder | None] = {}

    def build(data: Any) -> Any:
        if not fields:
            fields.update((name, _builder(hint)) for name, hint in _hints(cls).items())
        kwargs = {}
        for name, value in data.items():
            convert = fields[name]
            if name == "kind" and named:
                continue
            kwargs[name] = value if convert is None or value is None else convert(value)
        return cls(**kwargs)

    named = cls in _NAMED_TYPES.values()
    return build
