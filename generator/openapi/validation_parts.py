"""Validation by parts: after a small edit, openapi-spec-validator checks again only what changed.

A part is one path item (`/paths/<url>`) or one component (`/components/<kind>/<name>`). The
library's findings are mostly a function of a part and what its `$ref`s name, but not wholly: it
checks each schema node once per run (by identity), so a few findings depend on the order it meets
them in the whole document:
- "Required list has not defined properties" is reported only when a schema is first met as a
  schema of its own (a component, a media type's or parameter's `schema`), not nested in another;
- a schema that fails its meta-schema check is visited only when the library meets it again;
- duplicate operationIds are reported at the second and later occurrences.

So each part is checked by the library on its own (`PartValidator`) with every other part's root
schema counted as checked, and the run records, in order, which roots it reached and how (a
`Touch`). Those records, cached by the digest of what the part's findings depend on, are then
replayed in the library's own order (path items, then component schemas, each reached root
expanded where it is first met), which gives the whole-document findings exactly. The checks
across parts (operationIds, tag names) run on a skeleton of the document, and the meta-schema
check of the whole document (fast, with jsonschema_rs) always runs.

A part is known by the digest of its JSON text. A part that is still the value read from a
top-level entry of the YAML text (`parse_entries`) is not written out again when that text is as
last time: its digest and the parts it names are kept by the digest of the text.

The records and those facts are kept in one `cache_layers.Layered` file per description: after a
small edit a run writes the few records and facts that changed (an overlay), not megabytes again.

Outside what this reproduces (several files, `$ref`s to anything but a component, `$id`s, path
items by `$ref`, schema checks nested deeper than `MAX_NESTING`, anything the library raises on)
the whole document is validated as before. tests/unit/test_validation_parts.py compares the two on
real descriptions with random edits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from generator import json_pointer as pointers
from generator.cache_layers import Layered
from generator.lazy_dataclass import lazy_dataclass
from generator.openapi.cache import Cache, digest
from generator.openapi.validate import (
    Finding,
    NotByParts,
    PartResult,
    PartValidator,
    across_findings,
    document_findings,
    engine,
    pointers_lookup,
    skeleton_of,
    validate,
)

# Schema checks nested deeper than this in the whole document (the library recurses once per
# level): the whole-document run decides, as it may stop early where Python's stack ends.
MAX_NESTING = 100
_KIND = "validated-parts"
_STORE_VERSION = "2"  # (bump when what the store holds changes meaning)
_RECORDS = "records"  # the store's section of records by key (the facts: a section by variant)
# a `$ref` key with a string value in JSON text as `json.dumps` writes it: a quote right after
# `{` or `,` never occurs inside a string, where quotes are escaped
_REF = re.compile(r'[{,]"\$ref":"([^"]*)"')


@lazy_dataclass
class Part:
    pointer: str
    tokens: tuple[str, ...]
    digest: str  # of its JSON text
    refs: tuple[str, ...]  # pointers of the parts its `$ref`s name, each once, sorted
    deep: bool  # it has a `default` or an `allOf` (checked by following `$ref`s)
    roots: tuple[str, ...]  # its schema roots (`_roots`), as pointers below its own ("": itself)
    value: Any  # as in the document


@lazy_dataclass
class Outcome:
    findings: list[Finding]
    parts: int = 0  # parts checked on their own (0: validated whole)
    validated: int = 0  # of those, checked by the library in this run (the rest from the cache)
    written: int = 0  # parts written out as JSON (the rest: entries read from the same text)


# A part's record, as cached: (visit, touches, depth, meta, failed, extra, root) (see
# `PartResult`; findings as (file, pointer, message), touches as (root, top, depth)). Tuples, not
# lists: ~9,600 records are read back each run, and an empty tuple is one object, not one each.
Record = tuple[Any, ...]
# What a part's value gives (`Part`: (digest, refs, deep, roots)), cached by the digest of the YAML
# text its entry was read from (`parse_entries`): an unchanged entry is not written out again.
# All of them in one record, keyed by the variant (what reads the text: our code among it).
Fact = tuple[Any, ...]
_ENTRIES = "entries-"
Tokens = tuple[Any, ...]  # a part's keys from the document's top (its name: any key YAML reads)


def validate_by_parts(
    root: str,
    document: Any,
    cache: Cache,
    variant: str = "",
    documents: dict[str, Any] | None = None,
    stored: Layered | None = None,
    entries: dict[str, str] | None = None,
) -> Outcome:
    """The findings `validate(root, document, documents)` gives, re-checking only changed parts.

    `document` must not share nodes between places (as parsed from JSON, or from YAML without
    anchors); `variant` names what else the findings depend on (as for the whole-document cache);
    `stored`: the records `stored_records` read already; `entries`: the pointers of parts that
    are, in `document`, the values read from a top-level entry of the YAML text, with the digest
    of that text (see `entry_digests`)."""
    if documents or cache.folder is None:
        return Outcome(validate(root, document, documents))
    try:
        try:
            if stored is None:
                stored = stored_records(root, cache)
            return _by_parts(root, document, cache, variant, stored, entries or {})
        except _Damaged:  # a cached record that does not read: a miss, the parts checked afresh
            return _by_parts(root, document, cache, variant, None, entries or {})
    except NotByParts:
        return Outcome(validate(root, document, documents))


def stored_records(root: str, cache: Cache) -> Layered | None:
    """The records the last validation by parts of `root` left, or None (none, or damaged)."""
    if cache.folder is None:
        return None
    stored = Layered.load(_store_path(root, cache.folder), _STORE_VERSION)
    return stored if stored.sections else None


def _store_path(root: str, folder: Path) -> Path:
    key = digest(f"{root}\0{engine()}".encode())
    return folder / f"{_KIND}-{key}.pickle"


class _Damaged(Exception):
    pass


def _by_parts(
    root: str, document: Any, cache: Cache, variant: str, stored: Layered | None, entries: dict[str, str]
) -> Outcome:
    assert cache.folder is not None
    if stored is None:  # (none, or damaged: a store written afresh)
        stored = Layered(_store_path(root, cache.folder), _STORE_VERSION)
    found_records = stored.sections.get(_RECORDS)
    old: dict[str, Any] = found_records if isinstance(found_records, dict) else {}
    records: dict[str, Any] = {}  # by key, as stored next
    facts_key = _ENTRIES + digest(variant.encode())
    known = stored.sections.get(facts_key)
    facts: dict[str, Fact] = {}  # what each entry gave this time, by its digest
    parts, written = _split(document, entries, known if isinstance(known, dict) else {}, facts)
    roots = []
    for part, below in _rooted(parts):
        if type(below) is not str or (below and not below.startswith("/")) or part.tokens[0] != "components":
            raise _Damaged  # a remembered root that is no pointer below a component's
        roots.append(part.pointer + below)
    # what every part's findings depend on besides the parts: our code, the library, the version
    context = [engine(), variant, document["openapi"], document.get("jsonSchemaDialect")]
    scope = digest("\0".join(map(str, context)).encode())
    keys = _Keys(parts, roots, scope)
    by_unit: dict[str, Record] = {}
    runner: PartValidator | None = None
    for unit, part in _units(parts, roots):
        key = keys.key(part, unit)
        record = old.get(key)
        if type(record) is not tuple:
            if runner is None:
                try:
                    rooted = _rooted(parts)
                    ids = {id(_node(part, below)): part.pointer + below for part, below in rooted}
                except (LookupError, TypeError) as exc:  # a remembered root that is not there
                    raise _Damaged from exc
                runner = PartValidator(root, document, ids)
            try:
                record = _record(_run(runner, unit))
            except Exception as exc:  # the library raises many kinds: the whole run reports it
                raise NotByParts from exc
        records[key] = by_unit[unit] = record
    validated = sum(key not in old for key in records)
    skeleton = json.dumps(skeleton_of(document), ensure_ascii=False)
    across_key = "across-" + digest((scope + skeleton).encode())
    across = old.get(across_key)
    if type(across) is not tuple:
        try:
            across = _rows(across_findings(root, document))
        except Exception as exc:
            raise NotByParts from exc
    records[across_key] = across
    try:
        found = _replay(parts, by_unit) | {Finding(str(f), str(p), str(m)) for f, p, m in across}
    except (TypeError, ValueError, KeyError, IndexError, ArithmeticError, RecursionError) as exc:
        raise _Damaged from exc
    try:
        found.update(document_findings(root, document))
    except Exception as exc:
        raise NotByParts from exc
    # (facts of new entries are written; entries gone leave fewer)
    if records.keys() != old.keys() or written or len(facts) != len(known or ()):
        stored.save({_RECORDS: records, facts_key: facts})  # (mostly: an overlay of what changed)
    return Outcome(sorted(found), len(by_unit), validated, written)


# --- the parts --------------------------------------------------------------------------------


def entry_digests(document: Any, digest_of: Callable[[Any], str | None]) -> dict[str, str]:
    """The pointers of the parts of `document` (path items, components) whose value
    `digest_of(node)` knows the entry digest of, with it (see `validate_by_parts`)."""
    found: dict[str, str] = {}
    sections: list[tuple[tuple[str, ...], Any]] = [(("paths",), document.get("paths"))]
    components = document.get("components")
    if isinstance(components, dict):
        sections += [(("components", kind), group) for kind, group in components.items()]
    for keys, group in sections:
        if isinstance(group, dict):
            for pointer, _, value in _members(keys, group):
                known = digest_of(value)
                if known is not None:
                    found[pointer] = known
    return found


def _members(keys: tuple[str, ...], group: dict[Any, Any]) -> Iterator[tuple[str, Tokens, Any]]:
    """(pointer, tokens, value) of each member of the group at `keys` (the pointer as `_pointer`
    spells it, the group's own spelled once: ~8,800 members, twice a run)."""
    prefix = _pointer(keys)
    for name, value in group.items():
        yield pointers.join(prefix, name), (*keys, name), value


def _split(
    document: Any, entries: dict[str, str], known: dict[str, Any], facts: dict[str, Fact]
) -> tuple[dict[str, Part], int]:
    """The parts by pointer, each with the digest of its JSON text, the parts its `$ref`s name
    and its schema roots, and how many were written out. A part read from an entry whose text is
    as last time (`entries`, `known`: last run's facts by entry digest) is not written out again;
    what each entry gave is kept in `facts`."""
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith(
        ("3.0", "3.1")
    ):
        raise NotByParts
    places: list[tuple[str, Tokens, Any]] = []
    paths = document.get("paths", {})
    components = document.get("components", {})
    if not isinstance(paths, dict) or not isinstance(components, dict):
        raise NotByParts
    for place in _members(("paths",), paths):
        item = place[2]
        if not isinstance(item, dict) or "$ref" in item:
            raise NotByParts  # a path item shared by `$ref` would be checked from several parts
        places.append(place)
    for kind, group in components.items():
        if not isinstance(group, dict):
            raise NotByParts
        places += _members(("components", kind), group)
    encode = json.JSONEncoder(
        ensure_ascii=False, separators=(",", ":"), check_circular=False
    ).encode
    targets: dict[str, str] = {}
    parts: dict[str, Part] = {}
    written = 0
    for pointer, tokens, value in places:
        entry = entries.get(pointer)
        fact: Any = known.get(entry) if entry is not None else None
        if not _is_fact(fact):
            text = encode(value)
            if '"$id":' in text:
                raise NotByParts  # `$id` changes what the `$ref`s inside mean
            refs = set()
            for ref in _REF.findall(text):
                if ref not in targets:
                    targets[ref] = _target(ref)
                refs.add(targets[ref])
            deep = '"default"' in text or '"allOf"' in text
            below = _roots(value) if tokens[0] == "components" else ()
            fact = (digest(text.encode("utf-8")), tuple(sorted(refs)), int(deep), below)
            written += 1
        if entry is not None:
            facts[entry] = fact
        parts[pointer] = Part(pointer, tokens, fact[0], fact[1], bool(fact[2]), fact[3], value)
    try:
        broken = any(ref not in parts for part in parts.values() for ref in part.refs)
    except TypeError as exc:  # a remembered ref that is no string
        raise _Damaged from exc
    if broken:
        raise NotByParts  # a broken `$ref`: the library stops; the whole run says where
    return parts, written


def _is_fact(fact: Any) -> bool:
    """Whether a cached entry fact has the shape `_split` gives it (else it is a miss; what its
    lists hold is checked where they are read)."""
    return (
        type(fact) is tuple
        and len(fact) == 4
        and type(fact[0]) is str
        and type(fact[1]) is tuple
        and fact[2] in (0, 1)
        and type(fact[3]) is tuple
    )


def _target(ref: str) -> str:
    if not ref.startswith("#/") or "\\" in ref:
        raise NotByParts  # another file, an anchor, or escapes JSON text would need decoded
    tokens = pointers.split(pointers.from_fragment(ref[1:]))
    if len(tokens) != 3 or tokens[0] != "components":
        raise NotByParts
    return _pointer(tuple(tokens))


def _roots(value: Any) -> tuple[str, ...]:
    """Where, in a component's `value`, the library may meet a schema of its own from several
    parts (it checks each once per run), as pointers below the component's: the component itself,
    its `schema` (parameters, headers) and its media types' (responses, request bodies)."""
    found = []
    if _is_schema(value):  # not only schemas: a `$ref` may name any component as a schema
        found.append("")
    if not isinstance(value, dict) or "$ref" in value:
        return tuple(found)
    if _is_schema(value.get("schema")):
        found.append("/schema")
    content = value.get("content")
    if isinstance(content, dict):
        for media_type, media in content.items():
            if isinstance(media, dict) and _is_schema(media.get("schema")):
                found.append(_pointer(("content", media_type, "schema")))
    return tuple(found)


def _rooted(parts: dict[str, Part]) -> Iterator[tuple[Part, str]]:
    """Each schema root: its part, and its pointer below the part's."""
    for part in parts.values():
        for below in part.roots:
            yield part, below


def _node(part: Part, below: str) -> Any:
    return pointers_lookup(part.value, _tokens(below)) if below else part.value


def _is_schema(value: Any) -> bool:
    """A node the library checks as written (a `$ref` it follows instead)."""
    return isinstance(value, dict) and not isinstance(value.get("$ref"), str)


def _units(parts: dict[str, Part], roots: list[str]) -> Iterator[tuple[str, Part]]:
    """(unit, its part): every path item, component schema and other root, each checked alone."""
    for pointer, part in parts.items():
        if part.tokens[0] == "paths" or part.tokens[1] == "schemas":
            yield pointer, part
    for pointer in roots:
        if not pointer.startswith(_SCHEMAS):
            yield pointer, parts[_pointer(tuple(_tokens(pointer)[:3]))]


def _run(runner: PartValidator, unit: str) -> PartResult:
    """The library's findings in one unit."""
    tokens = _tokens(unit)
    if tokens[0] == "paths":
        return runner.run_path(tokens[1])
    return runner.run_schema(tuple(tokens))


_SCHEMAS = "/components/schemas/"


class _Keys:
    """What a part's findings depend on: its text; for each part its `$ref`s name, whether that is
    a schema root (reached, not read) or else its text; and, when the part has a `default` or an
    `allOf` (checked by following `$ref`s), the text of all it reaches."""

    def __init__(self, parts: dict[str, Part], roots: list[str], scope: str) -> None:
        self.parts = parts
        # only a schema root is checked on its own: a parameter, response or header the part
        # names is checked as part of the part (e.g. duplicate parameters), so its text counts
        self.signatures: dict[str, str] = {root: "root" for root in roots if root.startswith(_SCHEMAS)}
        self.scope = scope

    def key(self, part: Part, unit: str) -> str:
        signatures = self.signatures  # (most refs name a schema root: its signature is there)
        named = [signatures.get(ref) or self._signed(ref, frozenset())[0] for ref in part.refs]
        deep = self._reach(part.pointer) if part.deep else ""
        return digest("\0".join([self.scope, unit, part.digest, *named, deep]).encode())

    def _signed(self, pointer: str, seen: frozenset[str]) -> tuple[str, bool]:
        """The signature, and whether it went round a cycle (then it depends on where the cycle
        was entered, and is not remembered)."""
        found = self.signatures.get(pointer)  # (a schema root's: "root")
        if found is not None:
            return found, False
        if pointer in seen:
            return "cycle", True
        part = self.parts[pointer]
        inner = [self._signed(ref, seen | {pointer}) for ref in part.refs]
        signature = digest("\0".join([part.digest, *(text for text, _ in inner)]).encode())
        cyclic = any(went_round for _, went_round in inner)
        if not cyclic:
            self.signatures[pointer] = signature
        return signature, cyclic

    def _reach(self, pointer: str) -> str:
        seen, stack = {pointer}, [pointer]
        while stack:
            for ref in self.parts[stack.pop()].refs:
                if ref not in seen:
                    seen.add(ref)
                    stack.append(ref)
        return digest("".join(sorted(self.parts[p].digest for p in seen)).encode())


# --- the whole document from its parts ----------------------------------------------------------


def _replay(parts: dict[str, Part], records: dict[str, Record]) -> set[Finding]:
    """The findings of the parts as the library meets them in one run over the whole document:
    path items in order, then component schemas, each root expanded where it is first met.
    Raises TypeError, ValueError, KeyError, IndexError, ArithmeticError (`int` of an infinity) or
    RecursionError on a damaged record."""
    rows: list[Any] = []
    visited: set[str] = set()
    checked: set[str] = set()

    def reach(root: str, top: bool, base: int) -> None:
        visit, touches, depth, meta, failed, extra, _ = records[root]
        if top and root not in checked:
            checked.add(root)
            rows.extend(meta)
            if failed:
                return
        if root in visited:
            return
        visited.add(root)
        if top:
            rows.extend(extra)
        expand(visit, touches, depth, base)

    def expand(visit: Any, touches: Any, depth: int, base: int) -> None:
        if base + int(depth) > MAX_NESTING:
            raise NotByParts
        rows.extend(visit)
        for touched, top, level in touches:
            reach(touched, bool(top), base + int(level) - 1)

    for pointer, part in parts.items():
        if part.tokens[0] == "paths" or part.tokens[1] == "schemas":
            record = records[pointer]
            if record[6]:  # a schema root
                reach(pointer, True, 0)
            else:  # a path item, a `$ref` to another schema, or not a schema
                expand(record[0], record[1], record[2], 0)
    return {Finding(str(file), str(pointer), str(message)) for file, pointer, message in rows}


# --- records ---------------------------------------------------------------------------------


def _record(result: PartResult) -> Record:
    touches = tuple((t.root, int(t.top), t.depth) for t in result.touches)
    meta, extra = _rows(result.meta), _rows(result.extra)
    return (
        _rows(result.visit),
        touches,
        result.depth,
        meta,
        int(result.failed),
        extra,
        int(result.root),
    )


def _rows(findings: list[Finding]) -> tuple[tuple[str, str, str], ...]:
    return tuple((f.file, f.pointer, f.message) for f in findings)


def _pointer(tokens: tuple[str, ...]) -> str:
    return pointers.join("", *tokens)


def _tokens(pointer: str) -> list[str]:
    return pointers.split(pointer)
