"""Schema Objects -> IR type expressions and named types.

Every `components/schemas` entry becomes a named type whose id is its key, exactly. A schema in
another file that a `$ref` points to becomes a named type too, with the id rule of
`SchemaConverter.external_id`. Inline objects with properties and inline enums are hoisted to named
types with ids from their place (see `generator.openapi.naming`). Names never come from `title`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any, TypeVar, cast

from generator import json_pointer as pointers
from generator.diagnostics import Diagnostics, Problem
from generator.ir import kept_types
from generator.ir.deferred import Built, Deferred, Source
from generator.ir.model import (
    AliasType,
    Discriminator,
    EnumType,
    EnumValue,
    Field,
    JSONValue,
    Location,
    Name,
    NamedType,
    ObjectType,
    TypeExpr,
    UnionType,
)
from generator.ir.serialize import Converted, content_digest, snapshot_digested
from generator.ir.words import make_name, split_words
from generator.lazy_dataclass import lazy_dataclass
from generator.openapi import constraints, discriminators, schema_units, shapes
from generator.openapi.alias_cycles import alias_refs
from generator.openapi.discriminators import Variant
from generator.openapi.load import RefProblem, RefRefused, Site, Spec
from generator.openapi.naming import IdRegistry, Place, place_from_pointer
from generator.openapi.schema_units import SchemaUnits
from generator.openapi.shared_exprs import ANY, NULL, SharedExprs

_T = TypeVar("_T")

_WRAPPERS = frozenset({"oneOf", "anyOf", "allOf"})  # the keywords that may wrap a schema
# A schema with one `type` (not "null") and none of these keywords is one of `_plain`'s shapes (or
# an object with properties, which `_plain` hoists as `_expr` would): most schemas of a description
_NOT_PLAIN = frozenset({"$ref", "oneOf", "anyOf", "allOf", "const", "enum", "nullable"})

# Schemas converted inside each other: inline objects, items, map values, union variants and
# non-component `$ref`s expanded in place. Each level costs a few Python frames here and in the
# renderers; 64 keeps every stage well inside Python's recursion limit.
MAX_SCHEMA_DEPTH = 64


def _text_digest(text: str) -> str:
    """What a unit records of an entry it read that is the value read from its text (`digest`)."""
    return f"text-{text}"


def _unpacked(blob: bytes | memoryview) -> tuple[tuple[str, NamedType], ...]:
    """A replayed unit's types (its bytes were checked when it was replayed)."""
    types = kept_types.unpack(blob)
    if types is None:
        raise RuntimeError("a schema unit's types no longer read: their bytes changed in memory")
    return types


def _facts(made: object) -> bool:
    """Whether a unit's `Made` facts have their shape (else the unit is a miss)."""
    return type(made) is tuple and all(
        type(fact) is tuple
        and len(fact) == 4
        and type(fact[0]) is str
        and type(fact[1]) is str
        and type(fact[2]) is tuple
        and (fact[3] is None or type(fact[3]) is tuple)
        for fact in made
    )


def _problems(problems: object) -> bool:
    """Whether a unit's reported problems have their shape (else the unit is a miss)."""
    return type(problems) is tuple and (
        not problems  # (most units report none: nothing to check item by item)
        or all(
            type(problem) is Problem
            and problem.severity in ("error", "warning")
            and type(problem.location) is Location
            and type(problem.location.file) is str
            and type(problem.location.pointer) is str
            and type(problem.location.line) is int
            and type(problem.location.column) is int
            and type(problem.message) is str
            and type(problem.hint) is str
            for problem in problems
        )
    )


def _claims_and_sites(claims: object, added: object) -> bool:
    """Whether a unit's claims, (wanted id, where: words, id), and the sites it named, (file,
    pointer, id), have their shape (else the unit is a miss)."""
    return (
        type(claims) is tuple
        and (
            not claims  # (most units claim and name nothing: nothing to check item by item)
            or all(
                type(claim) is tuple
                and len(claim) == 3
                and type(claim[0]) is str
                and type(claim[1]) is tuple
                and all(type(word) is str for word in claim[1])
                and type(claim[2]) is str
                for claim in claims
            )
        )
        and type(added) is tuple
        and (
            not added
            or all(
                type(site) is tuple and len(site) == 3 and all(type(part) is str for part in site)
                for site in added
            )
        )
    )


class SchemaConverter:
    """Converts schemas on demand; `types` collects every named type produced so far."""

    def __init__(
        self,
        spec: Spec,
        diagnostics: Diagnostics,
        units: SchemaUnits | None = None,
        *,
        deferred: bool = False,
        entries: Mapping[str, str] | None = None,
    ) -> None:
        """`entries`: the pointers of the root document's top-level entries that are still the
        values read from their text, with that text's digest (`validation_parts.entry_digests`,
        which the caller takes anyway): what the units' reads of them give, not looked up again
        (~8,800 pointers on 8,000 units)."""
        self.spec = spec
        self.diagnostics = diagnostics
        self.ids = IdRegistry()
        self.shared = SharedExprs()  # equal type expressions as one object
        self.site_ids: dict[Site, str] = {}
        # by id; with `deferred`, a replayed unit's types are `Deferred` (not built until read)
        self.types: dict[str, NamedType | Deferred] = {}
        self.deferred = deferred
        self._any_deferred = False
        self._pending: list[tuple[Any, Site, str, Place]] = []
        # a `$ref` within its document (by text and document) to a schema with a type id: its
        # target and expression (neither changes: a site keeps its id, the documents their nodes)
        self._named_refs: dict[tuple[str, Path], tuple[Site, TypeExpr]] = {}
        self._expanding: set[Site] = set()
        self._depth = 0  # schemas being converted inside each other (see MAX_SCHEMA_DEPTH)
        self._components = spec.root_site.child("components", "schemas")
        self.units = units  # last run's conversions of component schemas, to replay
        self._recording: _Recording | None = None  # what the unit being converted reads and does
        self._entry_digests: dict[tuple[str, str], str] = {
            ("", pointer): _text_digest(text) for pointer, text in (entries or {}).items()
        }
        # the content digests the units took of the types they made (see `type_digest`)
        self._digests_taken = 0
        self._digests_by_id: dict[int, str] = {}  # by the type's id(): (the types are held)
        self._snapshot_shared: Converted = {}  # (see `serialize.snapshot_text`)

    # --- entry points -----------------------------------------------------------------

    def convert_components(self) -> None:
        """Reserve every component key first (so refs resolve before conversion), then build."""
        schemas = _mapping(_get(self.spec.root.data, "components", "schemas"))
        sites = {key: self._components.child(key) for key in schemas}
        for key, site in sites.items():
            self.ids.reserve(key)
            self.site_ids[site] = key
        for key in sorted(schemas):  # (the caller saves the units: see `build_api`)
            site = sites[key]
            if self.units is None:
                self._store(schemas[key], site, key, Place.root(key))
            else:
                self._unit(key, schemas[key], site, self.units)
        self.flush()

    @property
    def named(self) -> Mapping[str, NamedType]:
        """The named types so far by id, each built when read (see `types`); the unit being
        converted remembers which it looked into, when asked to (`recorded`)."""
        types = Built(self.types) if self._any_deferred else self.types
        recording = self._recording
        if recording is not None and recording.types_read is not None:
            return _Looked(types, recording.types_read)  # type: ignore[arg-type]
        return types  # type: ignore[return-value]

    def flush(self) -> None:
        """Build the named types that references discovered (external schemas)."""
        while self._pending:
            node, site, type_id, place = self._pending.pop(0)
            self._store(node, site, type_id, place)

    def expr(self, node: Any, site: Site, place: Place) -> TypeExpr:
        """How a use site refers to the schema `node` found at `site`; `place` names hoisted types."""
        if not isinstance(node, dict):
            return ANY
        if self._depth >= MAX_SCHEMA_DEPTH:
            self.diagnostics.error(
                self.spec.where(site),
                f"schemas nested more than {MAX_SCHEMA_DEPTH} levels deep (inline, or through "
                "$refs expanded in place): the limit of this generator",
                "name the inner schemas in components/schemas and refer to them",
            )
            return ANY
        self._depth += 1
        try:
            return self._expr(node, site, place)
        except RefProblem as problem:
            self.diagnostics.error(problem.where, problem.message)
            return ANY
        finally:
            self._depth -= 1

    def external_id(self, site: Site) -> str:
        """The id of a schema that lives in another file than the root document.

        Its key (the last pointer token, or the file stem when the `$ref` names a whole file)
        when no other type has that id; else `<file stem>.<key>`; further clashes append the
        pointer's words (`IdRegistry.claim`). Component keys of the root document always win.
        """
        stem = site.path.stem
        key = pointers.last_token(site.pointer) or stem
        wanted = key if key not in self.ids.taken else f"{stem}.{key}"
        return self.ids.claim(wanted, tuple(pointers.split(site.pointer)))

    # --- units: one component schema, replayed when nothing it read changed -------------

    def _site_id(self, site: Site) -> str | None:
        """The type id named for `site` so far; the unit being converted remembers the answer."""
        known = self.site_ids.get(site)
        recording = self._recording
        if recording is not None and site not in recording.added:
            recording.sites.setdefault(site, known)
        return known

    def _unit(self, key: str, node: Any, site: Site, units: SchemaUnits) -> None:
        record = units.recorded(key)
        if record is not None and self.replayed(record, units):
            units.keep(key, record)
            units.reused += 1
            return
        units.converted += 1
        # its own node is handed over, not looked up
        _, made = self.recorded({site}, units, lambda: self._store(node, site, key, Place.root(key)))
        if made is not None:
            units.keep(key, made)

    def recorded(
        self, reads: set[Site], units: SchemaUnits, convert: Callable[[], _T], types_read: set[str] | None = None
    ) -> tuple[_T, schema_units.Record | None]:
        """What `convert` gives, with the record of a unit that replays it (None when it cannot
        be replayed: it reached another file, or replaced a type). `reads`: the sites it was
        handed; `types_read`, when a set, receives the ids of the named types it looked into."""
        spec = self.spec
        recording = self._recording = _Recording(types_read=types_read)
        spec.reads = set(reads)
        documents, file_refs = len(spec.documents), spec.file_refs
        types, problems = len(self.types), len(self.diagnostics.problems)
        try:
            result = convert()
        finally:
            self._recording = None
            seen, spec.reads = spec.reads, None
        made = len(self.types) - types
        if (
            not recording.cacheable
            or made != recording.stores  # (a type replaced, not added: nothing to replay)
            or len(spec.documents) != documents
            or spec.file_refs != file_refs
        ):
            return result, None  # not kept: converted afresh next time too
        last = list(itertools.islice(reversed(self.types.items()), made))[::-1]
        added = cast(list[tuple[str, NamedType]], last)  # (converted just now: built, not deferred)
        digested = [self._digest(named, units) for _, named in added]
        digests = [digest for digest, _ in digested]
        units.digested += zip((named for _, named in added), digests)
        entries = {(self._file(s.path), schema_units.entry_of(s.pointer)) for s in seen}
        blob = kept_types.pack(added, [text for _, text in digested])
        return result, (
            tuple((f, e, self._entry_digest(f, e)) for f, e in sorted(entries)),
            tuple((self._file(s.path), s.pointer, i) for s, i in recording.sites.items()),
            tuple(
                (self._file(s.path), s.pointer, p.id, p.words)
                for s, p in recording.places.items()
            ),
            tuple(recording.claims),
            tuple((self._file(s.path), s.pointer, i) for s, i in recording.added.items()),
            tuple(
                (type_id, digest, named.name.words, alias_refs(named))
                for (type_id, named), digest in zip(added, digests, strict=True)
            ),
            tuple(self.diagnostics.problems[problems:]),
            blob,
        )

    def _digest(self, named: NamedType, units: SchemaUnits) -> tuple[str, bytes | None]:
        """The content digest of a type a unit made: of its text in the IR snapshot, handed on
        with it (`units.texts`: the snapshot takes it, not encoded twice), and the same data as
        compact JSON (for the unit to keep, `kept_types.pack`); `content_digest` of a type the
        snapshot writes another way (see `serialize.snapshot_text`), and None."""
        digest, text, compact = snapshot_digested(named, self._snapshot_shared, compact=True)
        if text is not None:
            units.texts.append((named, text))
        return digest, compact

    def type_digest(self, type_id: str, units: SchemaUnits) -> str:
        """The content digest of the named type `type_id` as it is now ("absent": none yet)."""
        found = self.types.get(type_id)
        if found is None:
            return "absent"
        if type(found) is Deferred:
            return found.digest
        if self._digests_taken < len(units.digested):  # (the digests the units took since)
            taken = itertools.islice(units.digested, self._digests_taken, None)
            self._digests_by_id.update((id(named), d) for named, d in taken)
            self._digests_taken = len(units.digested)
        known = self._digests_by_id.get(id(found))
        return known if known is not None else content_digest(found)

    def replayed(self, record: schema_units.Record, units: SchemaUnits) -> bool:
        """Replay a unit when every read gives the recorded answer; False (nothing done) if not."""
        try:
            reads, sites, places, claims, added, made, problems, blob = record
        except (TypeError, ValueError):  # (not a record: a miss)
            return False
        # what is kept or acted on must have its shape before anything is done (a record of
        # another shape under a sound checksum is a miss, not a traceback on every later run)
        if not (_claims_and_sites(claims, added) and _problems(problems)):
            return False
        try:
            if not self._reads_agree(reads, sites, places):
                return False
        except (TypeError, ValueError, AttributeError):  # reads of another shape: a miss
            return False
        types: tuple[tuple[str, NamedType], ...] | None = None
        if self.deferred:  # built when read (the bytes were checked with the record's)
            if type(blob) not in (bytes, memoryview) or not _facts(made):
                return False
        else:
            types = kept_types.unpack(blob)
            if types is None or [i for i, _ in types] != [fact[0] for fact in made]:
                return False
        claimed: list[str] = []
        for wanted, where, type_id in claims:
            claimed.append(self.ids.claim(wanted, where))
            if claimed[-1] != type_id:  # the registry answers otherwise now: take them back
                self.ids.taken.difference_update(claimed)
                return False
        for file, pointer, type_id in added:
            self.site_ids[Site(self._path(file), pointer)] = type_id
        if types is None:
            source = Source(blob, _unpacked)
            for type_id, digest, words, refs in made:
                self.types[type_id] = Deferred(type_id, digest, words, refs, source)
            self._any_deferred = self._any_deferred or bool(made)
        else:
            self.types.update(types)
            units.digested += zip((named for _, named in types), (fact[1] for fact in made))
        self.diagnostics.problems.extend(problems)
        return True

    def _reads_agree(self, reads: Any, sites: Any, places: Any) -> bool:
        """Whether every entry, site and naming place a unit read gives its recorded answer."""
        # (loops, not generators: ~36,000 reads and ~38,000 sites on 8,000 units)
        known = self._entry_digests  # (`_entry_digest` fills it: most reads are there already)
        for file, entry, digest in reads:
            found = known.get((file, entry))
            if (found if found is not None else self._entry_digest(file, entry)) != digest:
                return False
        # (`_path` and `Site` spelled out, tuple.__new__ being what a named tuple's `__new__`
        # calls: ~38,000 sites, 21 -> 13 ms)
        site_ids, root, as_site = self.site_ids, self.spec.root.path, tuple.__new__
        for file, pointer, type_id in sites:
            if site_ids.get(as_site(Site, (Path(file) if file else root, pointer))) != type_id:
                return False
        for file, pointer, wire, words in places:
            if self._find_place(Site(self._path(file), pointer)) != Place(wire, words):
                return False
        return True

    def _entry_digest(self, file: str, entry: str) -> str:
        key = (file, entry)
        found = self._entry_digests.get(key)
        if found is None:
            document = self.spec.documents.get(self._path(file))
            try:
                if document is None:
                    raise LookupError(file)
                node = pointers.lookup(document.data, entry)
                # the digest of the entry's text when it is the value read from it (and not
                # spelled out again); else of its content
                text = document.entry_digest(node)
                found = _text_digest(text) if text is not None else schema_units.digest_of(node)
            except LookupError:
                found = "absent"
            self._entry_digests[key] = found
        return found

    def _file(self, path: Path) -> str:
        root = self.spec.root.path
        return "" if path is root or path == root else str(path)  # (most sites hold the root's)

    def _path(self, file: str) -> Path:
        return self.spec.root.path if not file else Path(file)

    # --- dispatch ---------------------------------------------------------------------

    def _expr(self, node: dict[str, Any], site: Site, place: Place) -> TypeExpr:
        declared = node.get("type")
        if type(declared) is str and declared != "null" and _NOT_PLAIN.isdisjoint(node):
            return self._plain(node, site, place, declared)
        nullable = _declares_null(node)
        if shapes.is_ref(node):
            inner = self._ref(node, site)
            if not shapes.is_pure_ref(node) and _has_object_siblings(node):
                return self.shared.nullable(self._hoist(node, site, place), nullable)
            return self.shared.nullable(inner, nullable)
        union = shapes.union_variants(node)
        if union is not None:
            keyword, variants = union
            real = [(i, v) for i, v in enumerate(variants) if not shapes.is_null_schema(v)]
            nullable = nullable or len(real) < len(variants)
            if not real:
                return NULL
            if len(real) == 1 and not _has_own_properties(node):
                index, only = real[0]
                return self.shared.nullable(self.expr(only, site.child(keyword, index), place), nullable)
            if _const_enum_values(real) is not None:
                return self.shared.nullable(self._hoist(node, site, place), nullable)
            variant_exprs, discriminator = self._union(node, site, place, keyword, variants)
            return TypeExpr(
                kind="union",
                variants=tuple(variant_exprs),
                discriminator=discriminator,
                nullable=nullable,
            )
        all_of = _parts(node)
        if all_of is not None and not _has_own_properties(node):
            real_parts = [(i, p) for i, p in enumerate(all_of) if not shapes.only_annotations(p)]
            if len(real_parts) == 1:
                index, part = real_parts[0]
                return self.shared.nullable(self.expr(part, site.child("allOf", index), place), nullable)
        if all_of is not None:
            return self.shared.nullable(self._hoist(node, site, place), nullable)
        if "const" in node:
            return TypeExpr(kind="const", const=node["const"], nullable=nullable)
        enum = node.get("enum")
        if isinstance(enum, list):
            values = _unique([v for v in enum if v is not None])
            nullable = nullable or None in enum
            if len(values) == 1:
                return TypeExpr(kind="const", const=values[0], nullable=nullable)
            if _enum_base(values) is not None:
                return self.shared.nullable(self._hoist(node, site, place), nullable)
        types = [t for t in shapes.type_names(node) if t != "null"]
        if len(types) > 1:
            variant_exprs = [
                self._plain({**node, "type": name}, site, place, name) for name in types
            ]
            return TypeExpr(kind="union", variants=tuple(variant_exprs), nullable=nullable)
        if _has_own_properties(node) and (not types or types == ["object"]):
            return self.shared.nullable(self._hoist(node, site, place), nullable)
        plain = self._plain(node, site, place, types[0] if types else "")
        return self.shared.nullable(plain, nullable)

    def _plain(self, node: dict[str, Any], site: Site, place: Place, name: str) -> TypeExpr:
        """Primitives, lists, maps and `any`: the shapes that never need a name."""
        fmt = node.get("format", "")
        if not isinstance(fmt, str):
            fmt = ""
        if name == "array" or (not name and "items" in node):
            items = node.get("items")
            item = self.expr(items, site.child("items"), place.child("item"))
            return self.shared.list_of(item)
        if name == "object" or (not name and shapes.looks_like_object(node)):
            if _has_own_properties(node):
                return self._hoist(node, site, place)
            extra = node.get("additionalProperties")
            value = (
                self.expr(extra, site.child("additionalProperties"), place.child("value"))
                if isinstance(extra, dict)
                else ANY
            )
            return self.shared.map_of(value)
        if name == "string" or (not name and fmt == "binary"):
            if fmt == "binary" or ("contentMediaType" in node and "contentEncoding" not in node):
                return self.shared.primitive("binary", "binary")
            if str(node.get("contentEncoding", "")).lower() == "base64":
                return self.shared.primitive("string", "byte")
            return self.shared.primitive("string", fmt)
        if name == "integer":
            return self.shared.primitive("integer", fmt)
        if name == "number":
            return self.shared.primitive("number", fmt)
        if name == "boolean":
            return self.shared.primitive("boolean", fmt)
        if name == "null":
            return NULL
        return ANY

    # --- references -------------------------------------------------------------------

    def _ref(self, node: dict[str, Any], site: Site) -> TypeExpr:
        ref = node["$ref"]
        key = (ref, site.path)
        found = self._named_refs.get(key)
        if found is not None:
            target, expr = found
            self._site_id(target)  # (the answers `spec.target` and `ref_to` read: a unit records them)
            self.spec.node(target)
            return expr
        target = self.spec.target(ref, site)
        if ref.startswith("#") and self.site_ids.get(target) is not None:
            expr = self.ref_to(target)
            self._named_refs[key] = (target, expr)
            return expr
        return self.ref_to(target)

    def ref_to(self, target: Site) -> TypeExpr:
        """The expression for a `$ref` to `target`: a named type, or the target converted inline.

        A named type whose schema admits null (`anyOf: [X, {type: 'null'}]`, `nullable: true`)
        makes every reference to it nullable: the IR's named types carry no null themselves.
        """
        known = self._site_id(target)
        if known is not None:
            return self.shared.ref(known, _admits_null(self.spec.node(target)))
        node = self.spec.node(target)
        if shapes.is_ref(node):
            self.spec.deref(node, target)  # a circular chain is an error, whatever refers to it
        if target.path != self.spec.root.path:
            if self._recording is not None:
                self._recording.cacheable = False  # another file: see `schema_units`
            type_id = self.external_id(target)
            self.site_ids[target] = type_id
            self._pending.append((node, target, type_id, Place(type_id, split_words(type_id))))
            return self.shared.ref(type_id, _admits_null(node))
        # A pointer into the root document that is not a component: convert it where it is.
        if target in self._expanding:
            self.diagnostics.warn(
                self.spec.where(target), "a schema refers to itself without a named type: any"
            )
            return ANY
        self._expanding.add(target)
        try:
            return self.expr(node, target, place_from_pointer(target.pointer))
        finally:
            self._expanding.discard(target)

    # --- named types ------------------------------------------------------------------

    def _hoist(self, node: dict[str, Any], site: Site, place: Place) -> TypeExpr:
        known = self._site_id(site)
        if known is None:
            where = tuple(pointers.split(site.pointer))
            known = self.ids.claim(place.id, where)
            self.site_ids[site] = known
            if self._recording is not None:
                self._recording.claims.append((place.id, where, known))
                self._recording.added[site] = known
            if known != place.id:  # a clash: the suffix's words keep the names apart too
                place = Place(known, place.words + split_words(known[len(place.id) + 1 :]))
            self._store(node, site, known, place)
        return self.shared.ref(known)

    def _store(self, node: Any, site: Site, type_id: str, place: Place) -> None:
        name = Name(wire=type_id, words=place.words)
        if self._recording is not None:
            self._recording.stores += 1
        try:
            self.types[type_id] = self._named(node, site, name, place)
        except RefProblem as problem:
            self.diagnostics.error(problem.where, problem.message)
            self.types[type_id] = AliasType(
                id=type_id, name=name, target=ANY, location=self.spec.location(site)
            )

    def _named(self, node: Any, site: Site, name: Name, place: Place) -> NamedType:
        location = self.spec.location(site)
        if not isinstance(node, dict):
            return AliasType(id=name.wire, name=name, target=ANY, location=location)
        text = shapes.description(node)
        deprecated = node.get("deprecated") is True
        if shapes.is_ref(node) and not (
            _has_object_siblings(node) and not shapes.is_pure_ref(node)
        ):
            self.spec.deref(node, site)  # an alias chain that comes back to itself is an error
            target = self._expr(node, site, place)
            return AliasType(name.wire, name, target, text, deprecated, location)
        union = shapes.union_variants(node)
        if union is not None and not shapes.is_ref(node):
            keyword, variants = union
            real = [(i, v) for i, v in enumerate(variants) if not shapes.is_null_schema(v)]
            if len(real) == 1 and not _has_own_properties(node):
                index, only = real[0]
                inner = self._inline_named(only, site.child(keyword, index), name, place, text)
                if inner is not None:
                    return inner
            elif len(real) > 1:
                consts = _const_enum_values(real)
                if consts is not None:
                    return self._const_enum(consts, name, text, deprecated, location)
                exprs, discriminator = self._union(node, site, place, keyword, variants)
                if len(real) < len(variants):
                    exprs.append(NULL)
                return UnionType(
                    name.wire, name, tuple(exprs), discriminator, text, deprecated, location
                )
        all_of = _parts(node)
        if all_of is not None and not _has_own_properties(node):
            real_parts = [(i, p) for i, p in enumerate(all_of) if not shapes.only_annotations(p)]
            if len(real_parts) == 1 and not shapes.is_ref(real_parts[0][1]):
                index, part = real_parts[0]
                inner = self._inline_named(part, site.child("allOf", index), name, place, text)
                if inner is not None:
                    return inner
            if len(real_parts) == 1:
                target = self._expr(node, site, place)
                return AliasType(name.wire, name, target, text, deprecated, location)
        if (
            all_of is not None
            or shapes.is_ref(node)
            or (_has_own_properties(node) and shapes.looks_like_object(node))
        ):
            return self._object(node, site, name, place, text, deprecated)
        enum = node.get("enum")
        if isinstance(enum, list) and "const" not in node:
            values = _unique([v for v in enum if v is not None])
            base = _enum_base(values)
            if base is not None and len(values) > 1:
                return self._enum(node, values, base, name, text, deprecated, location)
        target = self._expr(node, site, place)
        return AliasType(name.wire, name, target, text, deprecated, location)

    def _inline_named(
        self, node: Any, site: Site, name: Name, place: Place, text: str
    ) -> NamedType | None:
        """A wrapper (`anyOf: [X, null]`, `allOf: [X]`) around an inline X: X under our name."""
        if not isinstance(node, dict) or shapes.is_ref(node):
            return None
        inner = self._named(node, site, name, place)
        if text and not inner.description:
            inner = _describe(inner, text)
        return inner

    def _object(
        self,
        node: dict[str, Any],
        site: Site,
        name: Name,
        place: Place,
        text: str,
        deprecated: bool,
    ) -> ObjectType:
        collected = _Members()
        self._collect(node, site, place, collected, set())
        fields = tuple(
            self._field(wire, prop, prop_site, owner.child(wire), wire in collected.required)
            for wire, (prop, prop_site, owner) in collected.properties.items()
        )
        additional: TypeExpr | None = None
        if collected.additional is True:
            additional = ANY
        elif isinstance(collected.additional, tuple):
            extra, extra_site = collected.additional
            additional = self.expr(extra, extra_site, place.child("value"))
        return ObjectType(
            id=name.wire,
            name=name,
            fields=fields,
            description=text,
            additional=additional,
            deprecated=deprecated,
            location=self.spec.location(site),
        )

    def _collect(
        self, node: Any, site: Site, place: Place, into: _Members, seen: set[Site]
    ) -> None:
        """Properties, required names and additionalProperties of an object and its allOf parts."""
        if site in seen or not isinstance(node, dict):
            return
        seen.add(site)
        if shapes.is_ref(node):
            target = self.spec.target(node["$ref"], site)
            target_node, target_site = self.spec.deref(self.spec.node(target), target)
            self._collect(target_node, target_site, self._place_of(target_site), into, seen)
        for index, part in enumerate(_parts(node) or ()):
            part_site = site.child("allOf", index)
            if shapes.only_annotations(part):
                continue
            part_node, real_site = self.spec.deref(part, part_site)
            part_place = place if real_site == part_site else self._place_of(real_site)
            if not isinstance(part_node, dict):
                continue
            union = shapes.union_variants(part_node)
            if union is not None:
                self.diagnostics.warn(
                    self.spec.where(part_site),
                    "allOf part is a union: its variants' properties are merged as optional",
                )
                keyword, variants = union
                for v_index, variant in enumerate(variants):
                    optional = _Members()
                    self._collect(
                        variant, real_site.child(keyword, v_index), part_place, optional, seen
                    )
                    for wire, member in optional.properties.items():
                        into.properties.setdefault(wire, member)
            elif shapes.looks_like_object(part_node) or _parts(part_node) is not None:
                self._collect(part_node, real_site, part_place, into, seen)
            elif not shapes.only_constraints(part_node):
                self.diagnostics.warn(
                    self.spec.where(part_site), "allOf part is not an object: not merged"
                )
            else:
                into.add_required(part_node.get("required"))
        properties = node.get("properties")
        if isinstance(properties, dict):
            for wire, prop in properties.items():
                into.properties[wire] = (prop, site.child("properties", wire), place)
        into.add_required(node.get("required"))
        extra = node.get("additionalProperties")
        if extra is True or (isinstance(extra, dict) and not extra):
            into.additional = True
        elif isinstance(extra, dict):
            into.additional = (extra, site.child("additionalProperties"))
        elif extra is False:
            into.additional = None

    def _place_of(self, site: Site) -> Place:
        """The naming place of a schema reached through `$ref` (its own name, not the user's)."""
        place = self._find_place(site)
        recording = self._recording
        if recording is not None and site not in recording.added:
            recording.places.setdefault(site, place)  # (may name a type another unit made)
        return place

    def _find_place(self, site: Site) -> Place:
        known = self._site_id(site)
        if known is not None:
            existing = self.types.get(known)
            if existing is None:
                words = split_words(known)
            else:  # (a deferred type knows its name's words: not built for them)
                words = existing.words if type(existing) is Deferred else existing.name.words  # type: ignore[union-attr]
            return Place(known, words)
        if site.path != self.spec.root.path:
            return Place(pointers.last_token(site.pointer) or site.path.stem, _external_words(site))
        return place_from_pointer(site.pointer)

    def _field(self, wire: str, node: Any, site: Site, place: Place, required: bool) -> Field:
        type_expr = self.expr(node, site, place)
        effective = _effective(node)
        default_source = node if isinstance(node, dict) and "default" in node else effective
        has_default = isinstance(default_source, dict) and "default" in default_source
        default: JSONValue = default_source.get("default") if has_default else None
        text = shapes.description(node) or (shapes.description(effective) if effective is not node else "")
        return Field(
            name=make_name(wire),
            type=type_expr,
            required=required,
            nullable=type_expr.nullable,
            default=default,
            has_default=has_default,
            read_only=_flag(node, effective, "readOnly"),
            write_only=_flag(node, effective, "writeOnly"),
            deprecated=_flag(node, effective, "deprecated"),
            description=text,
            validation=constraints.validation(effective, required),
            location=self.spec.location(site),
        )

    # --- enums and unions -------------------------------------------------------------

    def _enum(
        self,
        node: dict[str, Any],
        values: list[str | int],
        base: str,
        name: Name,
        text: str,
        deprecated: bool,
        location: Any,
    ) -> EnumType:
        notes = node.get("x-enum-descriptions") or node.get("x-enumDescriptions")
        names = node.get("x-enum-varnames") or node.get("x-enumNames")
        members = []
        for index, value in enumerate(values):
            note = _nth(notes, index, value)
            label = _nth(names, index, value)
            words = split_words(label) if label else split_words(str(value))
            members.append(EnumValue(value=value, name=Name(str(value), words), description=note))
        return EnumType(
            id=name.wire,
            name=name,
            values=tuple(members),
            base="integer" if base == "integer" else "string",
            description=text,
            deprecated=deprecated,
            location=location,
        )

    def _const_enum(
        self,
        consts: list[tuple[str | int, dict[str, Any]]],
        name: Name,
        text: str,
        deprecated: bool,
        location: Any,
    ) -> EnumType:
        """`oneOf: [{const: a, description: ...}, ...]`: an enum whose values are documented."""
        members = []
        seen: set[str | int] = set()
        for value, variant in consts:
            if value in seen:
                continue
            seen.add(value)
            members.append(
                EnumValue(
                    value=value,
                    name=make_name(str(value)),
                    description=shapes.description(variant),
                    deprecated=variant.get("deprecated") is True,
                )
            )
        base = _enum_base([value for value, _ in consts])
        return EnumType(
            id=name.wire,
            name=name,
            values=tuple(members),
            base="integer" if base == "integer" else "string",
            description=text,
            deprecated=deprecated,
            location=location,
        )

    def _union(
        self, node: dict[str, Any], site: Site, place: Place, keyword: str, raw: list[Any]
    ) -> tuple[list[TypeExpr], Discriminator | None]:
        declared = node.get("discriminator")
        prop = ""
        if isinstance(declared, dict) and isinstance(declared.get("propertyName"), str):
            prop = declared["propertyName"]
        exprs: list[TypeExpr] = []
        variants: list[Variant] = []
        for index, variant in enumerate(raw):
            if shapes.is_null_schema(variant):
                continue
            variant_site = site.child(keyword, index)
            label = self._variant_label(variant, variant_site, prop or "type") or f"variant{index}"
            expr = self.expr(variant, variant_site, place.child(label))
            exprs.append(expr)
            type_id = expr.ref if expr.kind == "ref" and not expr.nullable else ""
            variants.append(Variant(variant, variant_site, type_id))
        if prop:
            return exprs, self._declared_discriminator(declared, prop, site, variants)
        derived = discriminators.derive(self.spec, variants)
        if derived is None:
            return exprs, None
        prop, mapping = derived
        return exprs, Discriminator(prop, tuple(sorted(mapping.items())))

    def _variant_label(self, variant: Any, site: Site, prop: str) -> str:
        """An inline variant's name: its constant `prop` value ("text", "response_audio_delta")."""
        if not isinstance(variant, dict) or shapes.is_ref(variant):
            return ""
        const = discriminators.const_properties(self.spec, variant, site).get(prop)
        if const is None or not isinstance(const.value, str):
            return ""
        return "_".join(split_words(const.value))

    def _declared_discriminator(
        self, declared: Any, prop: str, site: Site, variants: list[Variant]
    ) -> Discriminator:
        explicit = declared.get("mapping") if isinstance(declared, dict) else None
        if not isinstance(explicit, dict):
            mapping = discriminators.variant_values(self.spec, variants, prop)
            return Discriminator(prop, tuple(sorted(mapping.items())))
        resolved: dict[str, str] = {}
        mapping_site = site.child("discriminator", "mapping")
        for value, target in explicit.items():
            type_id = self._mapping_target(str(target), mapping_site.child(str(value)))
            if type_id:
                resolved[str(value)] = type_id
        return Discriminator(prop, tuple(sorted(resolved.items())))

    def _mapping_target(self, target: str, where: Site) -> str:
        """A mapping value is a schema name or a reference; the type id it means, or ""."""
        if "#" not in target and "/" not in target and not target.endswith((".yaml", ".json")):
            if self._site_id(self._components.child(target)) is not None:
                return target
            self.diagnostics.warn(
                self.spec.where(where), f"discriminator mapping names unknown schema {target!r}"
            )
            return ""
        try:
            site = self.spec.target(target, Site(where.path, where.pointer))
        except RefRefused as refused:
            self.diagnostics.error(self.spec.where(where), refused.message, refused.hint)
            return ""
        except RefProblem as problem:
            self.diagnostics.warn(self.spec.where(where), problem.message)
            return ""
        expr = self.ref_to(site)
        return expr.ref if expr.kind == "ref" else ""


@lazy_dataclass
class _Recording:
    """What the unit being converted read and did (see `generator.openapi.schema_units`)."""

    sites: dict[Site, str | None] = field(default_factory=dict)  # site ids asked for
    places: dict[Site, Place] = field(default_factory=dict)  # places of `$ref` targets
    claims: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)
    added: dict[Site, str] = field(default_factory=dict)  # sites it named, in order
    stores: int = 0  # named types it built
    cacheable: bool = True  # False when it reached into another file
    types_read: set[str] | None = None  # when a set: the named types looked into (`named`)


class _Looked(Mapping[str, NamedType]):
    """Named types by id, remembering the ids looked up (present or not)."""

    def __init__(self, types: Mapping[str, NamedType], looked: set[str]) -> None:
        self._types, self._looked = types, looked

    def __getitem__(self, key: str) -> NamedType:
        self._looked.add(key)
        return self._types[key]

    def __contains__(self, key: object) -> bool:
        self._looked.add(key)  # type: ignore[arg-type]
        return key in self._types

    def __iter__(self) -> Iterator[str]:  # (all of them: every one counts as looked into)
        self._looked.update(self._types)
        return iter(self._types)

    def __len__(self) -> int:
        return len(self._types)


class _Members:
    def __init__(self) -> None:
        self.properties: dict[str, tuple[Any, Site, Place]] = {}
        self.required: list[str] = []
        self.additional: bool | tuple[dict[str, Any], Site] | None = None

    def add_required(self, names: Any) -> None:
        if isinstance(names, list):
            for name in names:
                if isinstance(name, str) and name not in self.required:
                    self.required.append(name)


# --- small pure helpers -------------------------------------------------------------------


def _flag(node: Any, effective: Any, key: str) -> bool:
    if isinstance(node, dict) and node.get(key) is True:
        return True
    return effective is not node and isinstance(effective, dict) and effective.get(key) is True


def _effective(node: Any) -> Any:
    """The schema that carries the constraints when `node` only wraps it for nullability."""
    if not isinstance(node, dict) or _WRAPPERS.isdisjoint(node):
        return node
    union = shapes.union_variants(node)
    if union is not None:
        real = [v for v in union[1] if not shapes.is_null_schema(v)]
        if len(real) == 1 and isinstance(real[0], dict) and not shapes.is_ref(real[0]):
            return _effective(real[0])
    parts = _parts(node)
    if parts is not None:
        real = [p for p in parts if not shapes.only_annotations(p)]
        if len(real) == 1 and isinstance(real[0], dict) and not shapes.is_ref(real[0]):
            return _effective(real[0])
    return node


def _admits_null(node: Any) -> bool:
    """Whether a schema accepts null at its top level."""
    if not isinstance(node, dict):
        return False
    if _declares_null(node):
        return True
    union = shapes.union_variants(node)
    return union is not None and any(shapes.is_null_schema(v) for v in union[1])


def _declares_null(node: dict[str, Any]) -> bool:
    if node.get("nullable") is True:
        return True
    declared = node.get("type")  # (`shapes.type_names`, without the list: asked of every schema)
    return declared == "null" or (isinstance(declared, list) and "null" in declared)


def _has_own_properties(node: dict[str, Any]) -> bool:
    properties = node.get("properties")
    return isinstance(properties, dict) and bool(properties)


def _has_object_siblings(node: dict[str, Any]) -> bool:
    """A `$ref` beside `properties` or `allOf`: 3.1 means both apply, so merge them."""
    return _has_own_properties(node) or isinstance(node.get("allOf"), list)


def _parts(node: dict[str, Any]) -> list[Any] | None:
    parts = node.get("allOf")
    return parts if isinstance(parts, list) and parts else None


def _enum_base(values: list[Any]) -> str | None:
    if len(values) < 2:
        return None
    if all(isinstance(v, str) for v in values):
        return "string"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    return None


def _unique(values: list[Any]) -> list[Any]:
    """`values` without repeats (first one kept), in linear time; equality as `==` has it."""
    seen: set[Any] = set()
    kept: list[Any] = []
    for value in values:
        key = value if isinstance(value, str | int | float | bool) else _json_key(value)
        if key not in seen:
            seen.add(key)
            kept.append(value)
    return kept


def _json_key(value: Any) -> tuple[str, str]:
    # lists and objects are not hashable: compare them by their canonical JSON text
    import json

    return ("json", json.dumps(value, sort_keys=True, default=str))


def _const_enum_values(
    real: list[tuple[int, Any]],
) -> list[tuple[str | int, dict[str, Any]]] | None:
    """The (value, variant) pairs when every variant is a single constant of one base type."""
    pairs: list[tuple[str | int, dict[str, Any]]] = []
    for _, variant in real:
        if not isinstance(variant, dict) or shapes.is_ref(variant):
            return None
        single, value = shapes.single_value(variant)
        if not single or not isinstance(value, str | int) or isinstance(value, bool):
            return None
        pairs.append((value, variant))
    if _enum_base([value for value, _ in pairs]) is None:
        return None
    return pairs


def _nth(table: Any, index: int, value: Any) -> str:
    if isinstance(table, list) and index < len(table) and isinstance(table[index], str):
        item: str = table[index]
        return item
    if isinstance(table, dict) and isinstance(table.get(str(value)), str):
        text: str = table[str(value)]
        return text
    return ""


def _describe(named: NamedType, text: str) -> NamedType:
    from dataclasses import replace

    return replace(named, description=text)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _external_words(site: Site) -> tuple[str, ...]:
    return split_words(pointers.last_token(site.pointer) or Path(site.path).stem)
