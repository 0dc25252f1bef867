"""Rendered units remembered between runs, each with exactly what it read.

A unit (one models module, one entry of the data-types page) is a pure function of its explicit
arguments, which its name spells out, and of the `Symbols` tables it reads. While a unit renders,
those tables are wrapped in recording views; the result is kept with a digest of every entry the
unit read (or of a whole table, when it iterated one). The tables keyed by type id (the types,
their class names, their modules, the union variants) are read by id: a unit that looked up an
id in any of them depends on all they hold under it, one digest (a unit reads a referenced
type's entry, its name and mostly its module together: a third of the reads to note, digest and
keep, on a cold run of a large API). On the next run, a unit whose recorded reads still give the
same digests takes the remembered result without rendering: a changed schema re-renders the
units that read it, and only those.

Everything that shapes a unit besides its reads (our code, templates, tool versions) goes into
`salt`; a different salt starts from nothing. `Units.off()` remembers nothing (`--no-cache`).
The file keeps the units of the latest run only, so it never outgrows one package's output;
it also keeps the encoded parts of the package's IR snapshot (`generator.ir.serialize.Fragments`)
and what `generator.ir.limits` found in each operation and type (`generator.ir.limits.Memo`).
It is a `generator.cache_layers.Layered` file: after a one-schema change, a run writes only the
entries that changed (an overlay), not the tens of megabytes of a large package again. A text
result is kept as its UTF-8 bytes, as are the snapshot's encoded parts: the file keeps them out
of its pickle, and a run reads them as views of the mapped file, decoding only the texts it reuses.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import field
from itertools import chain, compress, repeat
from operator import not_
from pathlib import Path
from typing import Any, TypeVar

import orjson

from generator.cache_layers import Layered
from generator.cache_pickle import long_lived
from generator.encoded import Encoded, Piece, Text, is_piece
from generator.ir.deferred import built, stored, stored_items
from generator.ir.limits import Memo
from generator.ir.model import API
from generator.ir.serialize import Fragments
from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.http.symbols import (
    Outline,
    Symbols,
    Tables,
    build_tables,
    operation_variants,
    outline,
    symbols_of,
)
from generator.render.unit_record import (
    ABSENT,
    NONEMPTY,
    WHOLE,
    Reads,
    Recording,
    RecordingById,
    RecordingMembersById,
    repr_digest,
)
from generator.write import is_text_digest

T = TypeVar("T")


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class UnitStats:
    rendered: int = 0  # units rendered this run
    reused: int = 0  # units taken from the previous run
    outlined: int = 0  # types and operations outlined afresh for the `Symbols` tables
    tables_reused: int = 0  # 1 when the `Symbols` tables were last run's (its outlines unchanged)


class _Tables:
    """Digests of the `Symbols` entries, computed when first asked for (once per run)."""

    def __init__(self, symbols: Symbols, fragments: Fragments) -> None:
        self.symbols = symbols
        self.fragments = fragments  # its node digests are shared with the IR snapshot's
        self.cache: dict[tuple[str, str], str] = {}
        self.types: dict[str, str] = {}  # the digests of single types, by id (`type_digest`)

    def digest(self, table: str, key: str) -> str:
        if table == BY_ID:
            return self.id_digest(key)
        if table == "types" and key != WHOLE:
            return self.type_digest(key)
        found = self.cache.get((table, key))
        if found is None:
            found = self.cache[(table, key)] = self._digest(table, key)
        return found

    def type_digest(self, key: str) -> str:
        """`digest("types", key)` of one type (thousands of reads are of single types: the
        shortest way there)."""
        found = self.types.get(key)
        if found is None:
            data = self.symbols.types  # (a deferred type is not built for its digest)
            found = self.types[key] = self.fragments.digest(stored(data, key)) if key in data else ABSENT
        return found

    def id_digest(self, key: str) -> str:
        """The digest of what the tables keyed by type id hold under `key` (`BY_ID`): the type's
        digest first, then a zero byte (`Units._changed_type_reads` reads it back), then the rest
        spelled out (a class name, a module name, a flag: short, unambiguous as a repr)."""
        symbols = self.symbols
        rest = symbols.class_names.get(key), symbols.modules.get(key), key in symbols.union_variants
        return f"{self.type_digest(key)}\0{rest!r}"

    def _digest(self, table: str, key: str) -> str:
        if table.endswith(NONEMPTY):
            return "1" if getattr(self.symbols, table.removesuffix(NONEMPTY)) else "0"
        data = getattr(self.symbols, table)
        if key == WHOLE:
            whole = hashlib.sha256()
            for item in sorted(data):
                whole.update(item.encode() + b"\0")
                if not isinstance(data, frozenset):
                    whole.update(self.digest(table, item).encode())
            return whole.hexdigest()
        if isinstance(data, frozenset):
            return "1" if key in data else "0"
        if key not in data:
            return ABSENT
        return repr_digest(data[key])


_RECORDED = ("types", "class_names", "modules", "module_members", "union_variants")
_TABLES = frozenset(_RECORDED[1:])  # those of `Tables`, made from the outlines alone
BY_ID = "id"  # the table a read by id is kept as (of all tables but `module_members`: `_recording`)
# the reads `Units._render` keeps (each a table, its suffix if any, a zero byte, a key): by id, of
# the one table keyed otherwise, and each table read whole or asked whether it is empty
_KEYED_READS = (f"{BY_ID}\0", "module_members\0")
_WHOLE_READS = frozenset(
    chain.from_iterable((f"{t}\0{WHOLE}", f"{t}{NONEMPTY}\0") for t in _RECORDED)
)


def _is_texts(value: Any) -> bool:
    return type(value) is tuple and all(type(text) is str for text in value)


def _is_outline(value: Any) -> bool:
    """Whether a remembered outline has the shape of `symbols.Outline`."""
    return (
        type(value) is tuple
        and len(value) == 5
        and type(value[0]) is str
        and type(value[1]) is str
        and all(_is_texts(part) for part in value[2:])
    )


_FITS: dict[Callable[[Any], Any], Callable[[Any], bool]] = {outline: _is_outline, operation_variants: _is_texts}


def _tables_key(outlines: dict[str, Outline], variants: dict[str, tuple[str, ...]]) -> str:
    """What the tables are made from: every type's outline, the union variants operations name."""
    data = [sorted(outlines.items()), sorted(set(variants.values()))]
    return hashlib.sha256(orjson.dumps(data)).hexdigest()


def _tables(value: Any) -> Tables | None:
    """Remembered `Tables`, or None when missing or not of that shape (damaged: made afresh)."""
    if type(value) is not Tables:
        return None
    names, modules, members = value.class_names, value.modules, value.module_members
    if not all(type(table) is dict for table in (names, modules, members)):
        return None
    # (tens of thousands of names: their types gathered in C, each exactly `str` or `tuple`)
    if not set(map(type, members.values())) <= {tuple}:
        return None
    texts = chain(names, names.values(), modules, modules.values(), members, chain.from_iterable(members.values()))
    if not set(map(type, texts)) <= {str}:
        return None
    if type(value.union_variants) is not frozenset or not all(type(i) is str for i in value.union_variants):
        return None
    return value


# a table added to Symbols but not recorded here would let a unit read it unnoticed
if tuple(f.name for f in dataclasses.fields(Symbols)) != _RECORDED:
    raise RuntimeError("Symbols has a table units.py does not record: add it to _RECORDED")


def _recording(symbols: Symbols, reads: Reads, ids: set[str]) -> Symbols:
    """`symbols` with each table a view noting the reads in `reads` (views, no copies); the
    tables keyed by type id note the ids read in `ids` (`BY_ID`)."""
    variants = RecordingMembersById("union_variants", symbols.union_variants, reads, ids)
    return Symbols(
        RecordingById("types", symbols.types, reads, ids),
        RecordingById("class_names", symbols.class_names, reads, ids),
        RecordingById("modules", symbols.modules, reads, ids),
        Recording("module_members", symbols.module_members, reads),
        variants,  # type: ignore[arg-type]  # (a view of the set: no frozenset)
    )


def _part_name(name: str, index: int) -> str:
    """What the text digest of item `index` of unit `name`'s result is kept by (no unit's name:
    those are JSON text, which holds no zero byte)."""
    return f"{name}\0{index}"


def _utf8(data: Piece) -> bool:
    """Whether `data` is UTF-8 (decoded and let go: a decoder's pass in C over ASCII, mostly,
    costs less than any search of a pattern)."""
    try:
        str(data, "utf-8")
    except UnicodeDecodeError:
        return False
    return True


def unit_name(*arguments: Any) -> str:
    """The name of a unit: the JSON text of what identifies it (strings, tuples of strings)."""
    return orjson.dumps(arguments).decode()


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class Units:
    """The units of one package: last run's (`previous`) and this run's (`current`).

    A unit is kept as its reads (each `table\\0key`) followed by its result; the digest each
    read gave is kept once for all units (`previous_reads`, `current_reads`), so that checking a
    unit is one set operation: are all its reads among those whose digest is unchanged?
    """

    path: Path | None = None
    salt: str = ""
    previous: dict[str, Any] = field(default_factory=dict)
    current: dict[str, Any] = field(default_factory=dict)
    previous_reads: dict[str, Any] = field(default_factory=dict)
    current_reads: dict[str, str] = field(default_factory=dict)
    stats: UnitStats = field(default_factory=UnitStats)
    # the IR snapshot's encoded operations and types (`generator.ir.serialize.Fragments`)
    fragments: Fragments = field(default_factory=Fragments)
    _limits: dict[str, int] = field(default_factory=dict)  # last run's `Memo.current`
    limits: Memo | None = None
    _tables: _Tables | None = None
    _unchanged: set[str] = field(default_factory=set)  # reads whose digest is as last run
    _reads_sound: bool = False  # last run's reads are of the shape this code writes
    _rendered: list[str] = field(default_factory=list)  # the units rendered afresh this run
    _outlines: dict[str, Any] = field(default_factory=dict)  # last run's, by content digest
    outlines: dict[str, Any] = field(default_factory=dict)  # this run's
    _tables_kept: dict[str, Any] = field(default_factory=dict)  # last run's tables, by their key
    tables_kept: dict[str, Any] = field(default_factory=dict)  # this run's
    _same_tables: bool = False  # the tables are last run's: only reads of types may differ
    tables_key: str = ""  # what this run's tables were made from (`symbols`)
    _read_names: dict[tuple[str, str], str] = field(default_factory=dict)
    _id_reads: dict[str, str] = field(default_factory=dict)  # ... of the reads by id, by id
    # the recording views of this run's `Symbols` with the sets they note reads in (`_render`)
    _views: tuple[Symbols, Reads, set[str]] | None = None
    _recording_now: bool = False  # a unit is being rendered
    layered: Layered | None = None  # the file as read
    # the `write.text_digest` of each text result (an output file's text), by unit name: last
    # run's, and the reused results with theirs (`write.TextDigests.know`: not hashed again)
    _text_digests: dict[str, Any] = field(default_factory=dict)
    known_texts: list[tuple[Text, bytes]] = field(default_factory=list)
    _texts: list[tuple[str, Text]] = field(default_factory=list)  # the text results given, by unit
    _rendered_texts: list[list[Any]] = field(default_factory=list)  # the entries made with one

    @classmethod
    def off(cls) -> Units:
        return cls()

    @classmethod
    def load(cls, path: Path, salt: str) -> Units:
        units = cls(path=path, salt=salt)
        # a missing or damaged file is an empty one (`Layered`); entries of the wrong type are misses
        units.layered = Layered.load(path, salt, with_buffers=True)
        sections = units.layered.sections
        units.previous, units.previous_reads = sections.get("units", {}), sections.get("reads", {})
        fragments = sections.get("fragments", {})
        # (each fragment's type is checked where it is taken: one of another type is a miss)
        units.fragments = Fragments(fragments)
        units._limits = {key: value for key, value in sections.get("limits", {}).items() if type(value) is int}
        units._outlines = sections.get("outlines", {})
        units._tables_kept = sections.get("tables", {})
        units._text_digests = sections.get("text digests", {})
        return units

    def symbols(self, api: API) -> Symbols:
        """`build_symbols(api)`: its tables made from the outline of each type and operation
        (remembered by content digest), or taken from last run when no outline changed."""
        if self.path is None:
            from generator.render.python.http.symbols import build_symbols

            return build_symbols(api)
        # as remembered, unchecked: kept tables found by their key were made from these very
        # outlines (checked then); only tables made now need them checked
        made = self.stats.outlined
        outlines = self._outlines_of(api.types, outline, check=False)
        variants = self._outlines_of(api.operations, operation_variants, check=False)
        # every outline made now (a cold run): they have an outline's shape, none needs checking
        remembered = self.stats.outlined - made != len(outlines) + len(variants)
        try:
            key = _tables_key(outlines, variants)
            kept = _tables(self._tables_kept.get(key))
        except TypeError:  # (a damaged outline that is not JSON data, or not comparable)
            key, kept = "", None
        if kept is None:
            if remembered or not key:
                outlines = self._outlines_of(api.types, outline, check=True)
                variants = self._outlines_of(api.operations, operation_variants, check=True)
                key = _tables_key(outlines, variants)
            kept = build_tables(dict(outlines), list(variants.values()))
        else:
            self.stats.tables_reused += 1
            self._same_tables = True
        self.tables_kept = {key: kept}
        self.tables_key = key
        return symbols_of(api, kept)

    def of_tables(self, name: str, make: Callable[[], T], fits: Callable[[Any], bool]) -> T:
        """`make()`, a function of the `Symbols` tables of this run alone (names and modules, not
        the types), or what it gave last run when those tables were the same (`fits`: whether a
        remembered result has the shape `make` gives; if not, it is made afresh)."""
        if not self.tables_key:
            return make()
        key = unit_name(name, self.tables_key)
        entry = self.previous.get(key)
        if isinstance(entry, list) and len(entry) == 1 and fits(entry[0]):
            self.stats.reused += 1
            result: T = entry[0]
        else:
            self.stats.rendered += 1
            result = make()
        self.current[key] = [result]
        return result

    def _outlines_of(self, nodes: Iterable[Any], make: Callable[[Any], Any], *, check: bool) -> dict[str, Any]:
        """The outline of each node (a type or an operation) by its id: as remembered by its
        content digest, else (or, with `check`, when not of an outline's shape) made afresh."""
        digest, fits = self.fragments.digest, _FITS[make]
        remembered = self.outlines if check else self._outlines  # (checking: those found already)
        found: dict[str, Any] = {}
        for node in nodes:
            key = digest(node)
            outlined = remembered.get(key)
            if outlined is None or (check and not fits(outlined)):
                outlined = make(built(node))
                self.stats.outlined += 1
            found[node.id] = self.outlines[key] = outlined
        return found

    def limits_memo(self) -> Memo | None:
        """The memo of `generator.ir.limits.enforce` (None when nothing is remembered)."""
        if self.path is None:
            return None
        if self.limits is None:
            self.limits = Memo(self.fragments.digest, self._limits, self.fragments.handed_text)
        return self.limits

    def render(self, symbols: Symbols, name: str, make: Callable[[Symbols], T]) -> T:
        """`make(symbols)`, or what it gave last run when everything it read is unchanged.

        `name` must spell out every argument of `make` besides `symbols`; the result must be
        JSON data (strings, lists, dicts).
        """
        entry = self._kept_entry(symbols, name)
        if entry is None:
            return make(symbols) if self.path is None else self._render(symbols, name, make)
        kept: Any = entry[-1]
        try:  # (a text is kept as its UTF-8 bytes; bytes that are none are a miss)
            result: Any = str(kept, "utf-8") if is_piece(kept) else kept
        except UnicodeDecodeError:
            return self._render(symbols, name, make)
        self._reuse(name, entry, result)
        return result  # type: ignore[no-any-return]  # (what `make` gave last run)

    def render_files(
        self,
        symbols: Symbols,
        names: Sequence[str],
        maker: Callable[[int], Callable[[Symbols], str]],
        *,
        checked: bool = False,
    ) -> list[Text]:
        """`render` of units whose result is one output file's whole text (or a part of a page),
        named `names`, made by `maker(i)(symbols)`: a large API has thousands, mostly reused, so
        they are checked in one pass, and `maker(i)` (the unit's function) is asked for only when
        unit `i` is rendered. One reused is given as the bytes kept (`Encoded`), neither decoded
        nor copied; with the digest kept with it, the format cache and the output's stamp take it
        by digest, and a file that holds it already is never read. A kept result that is no text
        is a miss; with `checked` (parts of a page, which no reader decodes), so are kept bytes
        that are no UTF-8. (Bytes that are no UTF-8 under a valid check, a forged file's, are
        otherwise written as they are: content, as a forged text's.)"""
        if self.path is None:
            return [maker(index)(symbols) for index in range(len(names))]
        self._check_tables(symbols)
        results: list[Text | None] = [None] * len(names)
        with long_lived():  # (what a reused unit gives lives to the run's end: never walked)
            missed = self._reused_texts(names, results, checked)
        for index in missed:
            results[index] = self._render(symbols, names[index], maker(index))
        return results  # type: ignore[return-value]  # (each one reused or rendered: no None)

    def _reused_texts(self, names: Sequence[str], results: list[Text | None], checked: bool) -> list[int]:
        """Take each unit of `names` whose kept text is still valid into `results` (`_reuse`);
        the indexes of the others."""
        kept_entry, unchanged = self.previous.get, self._unchanged.issuperset
        missed: list[int] = []
        for index, name in enumerate(names):
            entry = kept_entry(name)
            if type(entry) is list and len(entry) > 0 and is_piece(kept := entry[-1]):
                try:  # (a read that is no string: a damaged entry, rendered afresh)
                    fresh = unchanged(entry[:-1]) and (not checked or _utf8(kept))
                except TypeError:
                    fresh = False
                if fresh:
                    results[index] = result = Encoded((kept,))
                    self._reuse(name, entry, result)
                    continue
            missed.append(index)
        return missed

    def _kept_entry(self, symbols: Symbols, name: str) -> list[Any] | None:
        """Last run's entry of unit `name` when everything it read is unchanged; else None."""
        if self.path is None:
            return None
        self._check_tables(symbols)
        entry = self.previous.get(name)
        if type(entry) is not list or not entry:
            return None
        try:
            return entry if self._unchanged.issuperset(entry[:-1]) else None
        except TypeError:  # a damaged entry (a read that is no string): rendered afresh
            return None

    def _reuse(self, name: str, entry: list[Any], result: Any) -> None:
        """Take last run's `entry` of unit `name` (its result, as given: `result`) for this run."""
        self.stats.reused += 1
        self.current[name] = entry
        if type(result) is str or type(result) is Encoded:
            self._reused_text(name, result)
        elif type(result) is list:  # (a unit of several texts, a resource's: each has its digest)
            for index, item in enumerate(result):
                if type(item) is str:
                    self._reused_text(_part_name(name, index), item)

    def _check_tables(self, symbols: Symbols) -> None:
        """Which of last run's reads are unchanged, found once per `Symbols` (see `render`)."""
        if self._tables is None or self._tables.symbols is not symbols:
            self._tables = _Tables(symbols, self.fragments)
            self._read_names, self._id_reads = {}, {}
            reads: Reads = set()
            ids: set[str] = set()
            self._views = (_recording(symbols, reads, ids), reads, ids)
            self._unchanged = self._unchanged_reads()

    def _reused_text(self, name: str, text: Text) -> None:
        """Note a reused unit's text, with its digest kept with it (if sound)."""
        self._texts.append((name, text))
        digest = self._text_digests.get(name)
        if is_text_digest(digest):
            self.known_texts.append((text, digest))

    def _render(self, symbols: Symbols, name: str, make: Callable[[Symbols], T]) -> T:
        """`make(symbols)`, its reads recorded and its result kept under `name`. The recording
        views are made once per `Symbols` (`_check_tables`), their sets emptied after each unit.
        A unit does not render another: the outer one, reused, would not see what the inner one
        read change (refused, whatever the views)."""
        assert self._tables is not None and self._views is not None
        if self._recording_now:
            raise RuntimeError(f"unit {name} rendered while another unit renders")
        recording, reads, ids = self._views
        self._recording_now = True
        try:
            result = make(recording)
            keys = self._read_keys(ids, reads)
        finally:
            self._recording_now = False
            ids.clear()
            reads.clear()
        self.stats.rendered += 1
        self._rendered.append(name)
        self.current[name] = entry = [*keys, result]
        if isinstance(result, str):
            self._texts.append((name, result))
            self._rendered_texts.append(entry)
        elif isinstance(result, list):
            self._texts.extend((_part_name(name, i), item) for i, item in enumerate(result) if type(item) is str)
        return result

    def _read_keys(self, ids: set[str], reads: Reads) -> list[str]:
        """What a unit's reads are kept as (in order): `BY_ID\\0id` for each id read, and
        `table\\0key` for each other read; each read's digest noted once per run."""
        known = self._id_reads.get
        keys = [known(type_id) or self._read_by_id(type_id) for type_id in sorted(ids)]
        if reads:
            name = self._read_names.get
            keys.extend(name(read) or self._read_name(read) for read in sorted(reads))
        return keys

    def _read_by_id(self, type_id: str) -> str:
        """The key of a read by id, its digest noted (one string per read, however many units
        make it: memory)."""
        assert self._tables is not None
        key = self._id_reads[type_id] = f"{BY_ID}\0{type_id}"
        self.current_reads[key] = self._tables.id_digest(type_id)
        return key

    def _read_name(self, read: tuple[str, str]) -> str:
        """The key of another read, its digest noted (as `_read_by_id`)."""
        assert self._tables is not None
        key = self._read_names[read] = f"{read[0]}\0{read[1]}"
        self.current_reads[key] = self._tables.digest(*read)
        return key

    def _unchanged_reads(self) -> set[str]:
        """Last run's reads that give the digest they gave then (none when the reads kept are
        not of the shape this code writes: every unit is then rendered afresh)."""
        previous = self.previous_reads
        try:  # (thousands of reads: one pass in C; a read that is no string raises)
            keyed = map(str.startswith, previous, repeat(_KEYED_READS))
            odd = set(compress(previous, map(not_, keyed)))
        except TypeError:
            odd = {""}
        if not odd <= _WHOLE_READS:
            return set()  # (a read of a table this code does not record, or no string)
        self._reads_sound = True
        if self._same_tables:  # (tens of thousands of reads: only a few can have changed)
            return previous.keys() - self._changed_type_reads()
        try:
            return {read for read, digest in previous.items() if self._digest(read) == digest}
        except TypeError:  # (a table's read whose key is no string)
            self._reads_sound = False
            return set()

    def _changed_type_reads(self) -> set[str]:
        """Last run's reads whose digest changed, when the tables are last run's: those made
        from the outlines of the same types, by the same ids. A read of a table kept whole or
        of a type that is not there (one absent then too) gives the digest it gave; a read of
        a type gives that type's digest now, each found in one pass over the types."""
        assert self._tables is not None
        previous, digest = self.previous_reads, self.fragments.digest
        changed = {read for read in (f"types\0{WHOLE}", f"types{NONEMPTY}\0") if read in previous}
        changed = {read for read in changed if self._digest(read) != previous[read]}
        kept = previous.get
        for key, node in stored_items(self._tables.symbols.types):  # (as `_Tables.id_digest`)
            read = f"{BY_ID}\0{key}"
            found = kept(read)
            if found is None:
                continue
            # (the same tables: all but the type's digest, before the zero byte, is as it was)
            if not (type(found) is str and found.startswith(digest(node) + "\0")):
                changed.add(read)
        return changed

    def _digest(self, read: str) -> str | None:
        table, _, key = read.partition("\0")
        assert self._tables is not None
        if table == BY_ID:
            return self._tables.id_digest(key)
        if table.removesuffix(NONEMPTY) not in _RECORDED:
            return None  # not a read this code records: never unchanged
        if self._same_tables and table.removesuffix(NONEMPTY) in _TABLES:
            # the tables are last run's (made from the same outlines): so is each read's digest
            return self.previous_reads[read]  # type: ignore[no-any-return]
        return self._tables.digest(table, key)

    def _reads_kept(self) -> dict[str, str]:
        """The digest of each read the units kept now make: this run's, or last run's for the
        reads of reused units (which gave last run's digests again: that is why they were
        reused). Only the units rendered afresh, and those gone, may have dropped a read: when
        every read they made last run is among this run's, last run's reads are all still made;
        else each unit's reads are gathered."""
        new, old = self.current_reads, self.previous_reads
        if self._reads_sound:
            dropped: set[str] = set()
            try:
                for name in (*self._rendered, *(self.previous.keys() - self.current.keys())):
                    entry = self.previous.get(name)
                    if type(entry) is list:
                        dropped.update(entry[:-1])
            except TypeError:  # (a damaged entry's read that is no string: gathered below)
                dropped = {""}
            if dropped <= new.keys():
                return {**old, **new}
        needed: set[str] = set()
        for entry in self.current.values():
            needed.update(entry[:-1])
        return {read: new.get(read) or old[read] for read in needed}  # (in no order: kept by key)

    def release(self) -> None:
        """Let go of this run's IR (digests are kept by value); called once rendering is done."""
        self._tables, self._views = None, None
        self._read_names, self._id_reads = {}, {}
        self.fragments.release()

    def save(self, digests: Mapping[int, bytes] | None = None) -> None:
        """Keep this run's units (replacing the last run's); a failed write only costs time.
        `digests`: `write.TextDigests.of`, the digest of each text this run hashed (or knew)."""
        if self.path is None or not (self.current or self.fragments.current):
            return
        taken = (digests or {}).get
        text_digests = {name: digest for name, text in self._texts if (digest := taken(id(text))) is not None}
        for entry in self._rendered_texts:  # kept as UTF-8 bytes (see the module)
            entry[-1] = entry[-1].encode()
        self.known_texts, self._text_digests, self._texts, self._rendered_texts = [], {}, [], []
        limits = self.limits.current if self.limits is not None else {}
        reads = self._reads_kept()
        self.current_reads, self.previous_reads, self.previous, self._rendered = {}, {}, {}, []
        self._outlines, self._tables_kept = {}, {}
        # on disk, mostly only what changed (`Layered`); a failed write only costs time
        (self.layered or Layered(self.path, self.salt, with_buffers=True)).save(
            {
                "units": self.current,
                "reads": reads,
                "fragments": self.fragments.current,
                "limits": limits,
                "outlines": self.outlines,
                "tables": self.tables_kept,
                "text digests": text_digests,
            }
        )
