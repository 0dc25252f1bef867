"""Specs to files: load each configured package into the IR, render it, format, and swap it in."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from generator import lifetime, write
from generator.artifacts import ProtoArtifacts
from generator.cache_files import TakenEntryDamaged, open_cache_file, replace_atomically
from generator.cache_location import cache_folder
from generator.cache_sweep import mark_used
from generator.code_digest import code_digest, tool_versions
from generator.config import Config, PackageConfig, default_version
from generator.diagnostics import Diagnostics, Problem, display_path
from generator.encoded import Text, as_str
from generator.file_bytes import KeySeen, marks, read_descriptor
from generator.format_cache import FormatCache
from generator.input_digests import InputDigests
from generator.ir import serialize
from generator.ir.deferred import unbuilt
from generator.ir.model import API, Location
from generator.lazy_dataclass import lazy_dataclass

if TYPE_CHECKING:
    from generator.custom import CustomCode
    from generator.render.python.grpc.unit_cache import ProtoUnits
    from generator.render.python.http.units import Units


Progress = Callable[[str], None]


def quiet(_: str) -> None:
    return None


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class Stats:
    """What a run did, for tests and benchmarks to see that the caches work (not timings)."""

    units_rendered: int = 0  # rendered units (models modules, data-type entries) rendered afresh
    units_reused: int = 0  # ... taken from the last run, unchanged
    ir_encoded: int = 0  # operations and types of the IR snapshots encoded afresh
    ir_reused: int = 0  # ... taken from the last run
    ir_digested: int = 0  # operations and types whose content digest was computed afresh (the
    # others were handed over by the front end: OpenAPI schemas replayed or converted in units)
    limits_walked: int = 0  # operations and types `generator.ir.limits` walked afresh
    limits_reused: int = 0  # ... found within the limits last run, unchanged
    limits_sized: int = 0  # ... found within them by the size of their snapshot text
    files_rendered: int = 0
    files_formatted: int = 0  # files the formatter ran on (the rest came from the format cache)
    files_written: int = 0  # files written into the output folder (or removed from it)
    files_compared: int = 0  # output files read back to compare (the others: as the manifest says)
    protos_compiled: int = 0  # .proto files protoc compiled (the rest came from the proto cache)
    protos_reused: int = 0
    proto_ir_built: int = 0  # .proto files whose IR was built (the rest came from the proto cache)
    proto_ir_reused: int = 0
    schemas_converted: int = 0  # OpenAPI component schemas converted afresh
    schemas_reused: int = 0  # ... replayed from the last run (generator.openapi.schema_units)
    schemas_copied: int = 0  # replayed units (schemas and operations) copied as read into the new file
    schema_copy_writes: int = 0  # ... in this many writes (a stretch of records kept in order)
    schemas_left_in_place: int = 0  # ... left in the store's base file (only an overlay written)
    operations_converted: int = 0  # OpenAPI operations converted afresh
    operations_reused: int = 0  # ... replayed from the last run (generator.openapi.operations)
    text_digests_known: int = 0  # output texts not hashed: reused units with their digests
    texts_rehashed: bool = False  # the caches' kept digests set aside (`StampCheck.output_differs`)
    text_digests_of_writes: int = 0  # ... hashed from the bytes written, not encoded again
    types_unbuilt: int = 0  # OpenAPI types replayed and never built: nothing read them (ir.deferred)
    outlines_made: int = 0  # OpenAPI types and operations outlined afresh for the symbol tables
    symbol_tables_reused: int = 0  # packages whose symbol tables were last run's (no outline changed)
    message_facts_made: int = 0  # proto messages whose facts for the package-wide walks were worked out
    message_facts_reused: int = 0  # ... taken from the last run (`ProtoUnits.facts`)
    packages_without_cache: int = 0  # packages generated again without the rendered units, their
    # cached types built when taken: one was unreadable when first used (`cache_files.TakenEntryDamaged`)


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class Outcome:
    """Which packages a run generated, found up to date or stale, and what it did."""

    packages: list[str]
    skipped: list[str]  # packages already up to date (cache hit)
    stale: list[str]  # `check`: differences found
    stats: Stats = field(default_factory=Stats)


class UnitStore:
    """The remembered units of each package rendered in one run, in the cache folder (one file
    per package and output folder, see `generator.render.python.http.units`)."""

    def __init__(self, out: Path, salt: str) -> None:
        self.folder = cache_folder()
        self.tag = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:10]
        self.salt = salt
        self.opened: dict[str, Units] = {}
        self.pieces: dict[str, ProtoUnits] = {}

    def units(self, package: PackageConfig) -> Units:
        found = self.opened.get(package.name)
        if found is None:
            from generator.render.python.http.units import Units

            if self.folder is None:
                found = Units.off()
            else:
                path = self.folder / f"units-{self.tag}-{package.name}.pickle"
                found = Units.load(path, hashlib.sha256(f"{self.salt}{package!r}".encode()).hexdigest())
            self.opened[package.name] = found
        return found

    def proto_units(self, package: PackageConfig) -> ProtoUnits:
        """The remembered pieces of a proto package (`render.python.grpc.unit_cache`); they
        share the IR digests of the package's `units`."""
        from generator.render.python.grpc.unit_cache import ProtoUnits

        found = self.pieces.get(package.name)
        if found is None:
            fragments = self.units(package).fragments
            if self.folder is None:
                found = ProtoUnits(fragments=fragments)
            else:
                path = self.folder / f"proto-units-{self.tag}-{package.name}.pickle"
                salt = hashlib.sha256(f"{self.salt}{package!r}".encode()).hexdigest()
                found = ProtoUnits.load(path, salt, fragments)
            self.pieces[package.name] = found
        return found

    def known_texts(self) -> list[tuple[Text, bytes]]:
        """The text results of the units reused this run, each with its `write.text_digest`."""
        found = [known for units in self.opened.values() for known in units.known_texts]
        return found + [known for pieces in self.pieces.values() for known in pieces.known_texts]

    def save(self, stats: Stats, digests: Mapping[int, bytes] | None = None) -> None:
        for pieces in self.pieces.values():
            pieces.save(digests)
            stats.units_rendered += pieces.stats.rendered
            stats.units_reused += pieces.stats.reused
            stats.message_facts_made += pieces.stats.facts_made
            stats.message_facts_reused += pieces.stats.facts_reused
        for units in self.opened.values():
            units.save(digests)
            stats.units_rendered += units.stats.rendered
            stats.units_reused += units.stats.reused
            stats.ir_encoded += units.fragments.encoded
            stats.ir_reused += units.fragments.reused
            stats.ir_digested += units.fragments.digested
            stats.outlines_made += units.stats.outlined
            stats.symbol_tables_reused += units.stats.tables_reused
            if units.limits is not None:
                stats.limits_walked += units.limits.walked
                stats.limits_reused += units.limits.reused
                stats.limits_sized += units.limits.sized


@lazy_dataclass(frozen=True, eq=False)  # (never compared: no __eq__ compiled at import)
class Loaded:
    """What a front end returns: the IR and whatever else rendering needs (proto stubs)."""

    api: API
    artifacts: ProtoArtifacts | None = None
    digests: tuple[tuple[Any, str], ...] = ()  # IR nodes with their content digest, if known
    texts: tuple[tuple[Any, bytes], ...] = ()  # ... and with their snapshot text, if taken


def load(
    package: PackageConfig,
    diagnostics: Diagnostics,
    *,
    use_cache: bool = True,
    units: UnitStore | None = None,
    stats: Stats | None = None,
    read: Mapping[str, KeySeen] | None = None,
) -> Loaded:
    """The IR of one API (within the limits of `generator.ir.limits`, problems in `diagnostics`)
    and the front end's artifacts. `read`: the bytes of spec files read this run already (for
    the regeneration key, `_cache_key`), by path: the proto front end takes them as they are."""
    from generator.ir import limits

    def memo() -> limits.Memo | None:  # read once the front end is done with its memory
        return units.units(package).limits_memo() if units is not None else None

    if package.openapi is not None:
        from generator.openapi.front_end import load_openapi

        cache_dir = cache_folder() if use_cache else None
        known: list[tuple[Any, str]] = []  # IR types with the digests the front end kept for them
        texts: list[tuple[Any, bytes]] = []  # ... and their text in the snapshot, where it took one
        api = load_openapi(
            package.openapi,
            package.name,
            diagnostics,
            cache_dir=cache_dir,
            ref_roots=package.ref_roots,
            overlays=package.overlays,
            stats=stats,
            digests=known,
            deferred=units is not None,  # read through the caches by digest, built when read
            texts=texts if units is not None else None,
        )
        if units is not None:
            units.units(package).fragments.know(known)
            units.units(package).fragments.know_texts(texts)
        return Loaded(limits.enforce(api, diagnostics, Location(display_path(package.openapi)), memo()))
    assert package.proto_root is not None
    from generator.proto import load_proto
    from generator.proto.file_cache import CacheStats

    done = CacheStats()
    digests: list[tuple[Any, str]] = []
    handed: list[tuple[Any, bytes]] = []  # ... and the texts taken of them for the snapshot
    where = Location(display_path(package.proto_root))
    api, artifacts = load_proto(
        package.proto_root,
        package.protos,
        package.name,
        diagnostics,
        use_cache=use_cache,
        stats=done,
        limits_at=where,
        digests=digests,
        deferred=units is not None,  # read through the caches by digest, built when read
        texts=handed if units is not None else None,
        read=read,
    )
    if stats is not None:
        stats.protos_compiled += done.compiled
        stats.protos_reused += done.reused
        stats.proto_ir_built += done.ir_built
        stats.proto_ir_reused += done.ir_reused
    # (held to the limits by the front end)
    return Loaded(api, artifacts, tuple(digests), tuple(handed))


def load_api(package: PackageConfig, diagnostics: Diagnostics, *, use_cache: bool = True) -> API:
    """The IR alone (`ir` and `diff` need nothing else)."""
    return load(package, diagnostics, use_cache=use_cache).api


def render(
    loaded: Loaded, package: PackageConfig, custom: CustomCode | None = None, units: UnitStore | None = None
) -> dict[str, Text]:
    """Every output file of one package, keyed by path relative to the output folder.

    Depends on its arguments only: the same IR, artifacts and configuration give the same files
    in any process (`units` only saves rendering what the last run rendered the same way).
    """
    api = loaded.api
    files: Mapping[str, Text]
    if units is not None and loaded.digests:
        units.units(package).fragments.know(loaded.digests)
        units.units(package).fragments.know_texts(loaded.texts)
    if api.source == "proto":
        from generator.render.python.grpc.package import render_proto_package

        if loaded.artifacts is None:
            raise ValueError(f"{package.name}: a proto API renders from its IR and its stubs")
        version = package.version or default_version(api.version)
        options = {**package.options, "version": version}
        if package.distribution:
            options["distribution"] = package.distribution
        pieces = units.proto_units(package) if units is not None else None
        files = render_proto_package(api, loaded.artifacts, package.name, options, pieces)
    else:
        from generator.render.python.http.package import render_python_package

        files = render_python_package(api, package, custom, units.units(package) if units else None)
    remembered = units.units(package) if units is not None else None
    # (as the encoded pieces, mostly kept ones: `generator.encoded`)
    snapshot = serialize.encoded(api, remembered.fragments if remembered else None)
    if remembered is not None:
        remembered.release()
    return {**files, f"ir/{package.name}.json": snapshot}


def render_package(
    package: PackageConfig,
    diagnostics: Diagnostics,
    *,
    use_cache: bool = True,
    units: UnitStore | None = None,
    stats: Stats | None = None,
    read: Mapping[str, KeySeen] | None = None,
) -> tuple[dict[str, Text], str]:
    """All files of one configured package (a single API or a bundle), and a progress line
    (`read`: as `load` takes it)."""
    if package.custom is None:  # (custom code's reader is imported for a package that has some)
        return _render_package(
            package, diagnostics, None, use_cache=use_cache, units=units, stats=stats, read=read
        )
    from generator.custom import check_exports, check_imports, custom_files, read_custom

    custom = read_custom(package, diagnostics)
    files, summary = _render_package(
        package, diagnostics, custom, use_cache=use_cache, units=units, stats=stats, read=read
    )
    if custom is not None:
        files.update(custom_files(custom, package.name))
        # (modules: a models module reused may come as its bytes, `http.units`; not the snapshot)
        texts = {path: as_str(text) for path, text in files.items() if isinstance(text, str) or path.endswith(".py")}
        check_exports(custom, package.name, texts, diagnostics)
        check_imports(custom, package.name, texts, diagnostics)
        diagnostics.raise_if_errors()
    return files, summary


def _render_package(
    package: PackageConfig,
    diagnostics: Diagnostics,
    custom: CustomCode | None,
    *,
    use_cache: bool,
    units: UnitStore | None = None,
    stats: Stats | None = None,
    read: Mapping[str, KeySeen] | None = None,
) -> tuple[dict[str, Text], str]:
    if not package.apis:
        loaded = load(
            package, diagnostics, use_cache=use_cache, units=units, stats=stats, read=read
        )
        diagnostics.raise_if_errors()
        api = loaded.api
        if api.source == "proto" and custom is not None and (custom.exports or custom.attach):
            where = Location(custom.modules[0].display if custom.modules else str(package.custom))
            raise diagnostics.fail(
                where,
                "exports and `custom.attach` are supported for OpenAPI packages and bundles; "
                "a proto package reaches its custom modules as `<package>._custom.<module>`",
            )
        summary = f"{len(api.operations)} operations, {len(api.types)} types"
        files = render(loaded, package, custom, units)
        if stats is not None:
            stats.types_unbuilt += unbuilt(api)
        return files, summary
    from generator.render.python.bundle import Part, render_bundle

    parts = []
    for sub in package.apis:
        loaded = load(sub, diagnostics, use_cache=use_cache, units=units, stats=stats, read=read)
        diagnostics.raise_if_errors()
        parts.append(Part(sub, loaded.api, render(loaded, sub, units=units), loaded.artifacts))
        if stats is not None:
            stats.types_unbuilt += unbuilt(loaded.api)
    summary = ", ".join(f"{p.config.attribute}: {len(p.api.operations)} operations" for p in parts)
    return render_bundle(package, parts, custom), summary


def output_roots(package: PackageConfig) -> list[str]:
    ir = f"ir/{package.name}" if package.apis else f"ir/{package.name}.json"
    return [f"python/{package.name}", f"docs/{package.name}", ir]


def _snapshots(files: dict[str, Text]) -> dict[str, str]:
    """The IR snapshots among a package's files, as text."""
    return {path: as_str(text) for path, text in files.items() if path.startswith("ir/")}


def generate(
    config: Config,
    *,
    diagnostics: Diagnostics,
    progress: Progress = quiet,
    check_only: bool = False,
    use_cache: bool = True,
) -> Outcome:
    """Generate (or, with `check_only`, compare) every configured package.

    All packages are rendered and formatted before anything in the output folder changes.
    """
    out = config.output
    outcome = Outcome(packages=[], skipped=[], stale=[])
    rendered: dict[str, Text] = {}
    roots: list[str] = []
    keys: dict[str, str] = {}
    warned: dict[str, list[Problem]] = {}
    shared = _shared_digest()
    units = UnitStore(out, shared) if use_cache else None
    rehash = False  # whether the texts' digests kept by the caches are set aside this run
    reports_changes = not check_only and config.path is not None
    # the IR snapshots rendered, as text for the changes report: read while a damaged kept piece
    # can still be a miss (`cache_files.TakenEntryDamaged`: the package rendered again)
    snapshot_texts: dict[str, str] = {}
    for package in config.packages:
        read: dict[str, KeySeen] = {}  # the spec files the key read, by path
        inputs = _input_digests(out, package) if use_cache else None
        key = _cache_key(config, package, shared, inputs, read)
        if inputs is not None:
            inputs.save()
        stamp = _up_to_date(out, package, key) if use_cache else StampCheck()
        # output edited since its stamp, or a text digest kept by the caches was wrong (the
        # stamp was made of the digests): this run hashes every output text afresh
        rehash = rehash or stamp.output_differs
        if stamp.warnings is not None:
            # the warnings of the run that made this output, said again as a cold run says them
            for problem in stamp.warnings:
                diagnostics.warn(problem.location, problem.message, problem.hint)
            diagnostics.raise_if_errors()  # (--strict: a warning is an error, as when cold)
            progress(f"{package.name}: up to date")  # (after: a package --strict stops is not)
            outcome.skipped.append(package.name)
            continue
        started = time.perf_counter()
        before = len(diagnostics.problems)
        try:
            files, summary = render_package(
                package, diagnostics, use_cache=use_cache, units=units, stats=outcome.stats,
                read=read,
            )  # fmt: skip
            if reports_changes:
                snapshot_texts.update(_snapshots(files))
        except TakenEntryDamaged:
            progress(f"{package.name}: a cache entry was unreadable; generating it again, reading each as taken")
            del diagnostics.problems[before:]
            outcome.stats.packages_without_cache += 1
            # without rendered units the front ends build what they take from their caches at once,
            # where damage is a miss: converted afresh and kept again, the cache is mended too
            files, summary = render_package(
                package, diagnostics, use_cache=use_cache, units=None, stats=outcome.stats,
                read=read,
            )  # fmt: skip
            if reports_changes:
                snapshot_texts.update(_snapshots(files))
        warned[package.name] = [p for p in diagnostics.problems[before:] if p.severity == "warning"]
        progress(
            f"{package.name}: {summary}, {len(files)} files rendered in "
            f"{time.perf_counter() - started:.2f}s"
        )
        rendered.update(files)
        roots.extend(output_roots(package))
        keys[package.name] = key
        outcome.packages.append(package.name)
    orphans = _orphans(config, out) if config.path is not None else []
    if not rendered:
        if check_only:
            outcome.stale = [f"extra:   {orphan}" for orphan in orphans]
        for orphan in [] if check_only else orphans:
            write.discard(out / orphan)
        return outcome
    if config.path is not None:
        from generator.render.docs.index import render_docs_index

        rendered["docs/index.md"] = render_docs_index(config)
        roots.append("docs/index.md")
    if reports_changes:
        from generator.diff.report import changes_for_rendered

        # packages skipped by the cache are reported from their snapshot on disk (it is current)
        snapshots = {
            root: (out / root).read_text(encoding="utf-8")
            for name in outcome.skipped
            for root in output_roots(_by_name(config, name))
            if root.endswith(".json") and (out / root).is_file()
        }
        snapshots.update(
            {
                f"{root}/{path.name}": path.read_text(encoding="utf-8")
                for name in outcome.skipped
                for root in output_roots(_by_name(config, name))
                if (out / root).is_dir() and root.startswith("ir/")
                for path in sorted((out / root).glob("*.json"))
            }
        )
        versions = _versions(config, out, rendered)
        rendered["CHANGES.md"] = changes_for_rendered(out, {**snapshots, **snapshot_texts}, versions=versions)
        roots.append("CHANGES.md")
    formats = FormatCache(out, kept_digests=not rehash) if use_cache else None
    if formats is not None and units is not None and not rehash:
        formats.digests.know(units.known_texts())  # (reused units' texts: not hashed again)
    outcome.stats.texts_rehashed = rehash
    already, pending = formats.split(rendered) if formats else ({}, [])
    # most files formatted as last time: stage only the rest, and write only what changed
    in_place = not check_only and len(already) > len(pending)
    staging = write.stage({path: rendered[path] for path in pending} if in_place else {**rendered, **already}, out)
    try:
        started = time.perf_counter()
        # files rendered as last time take last time's formatted text; the formatter sees the rest
        write.format_python(staging, pending if already else None)
        count = len(pending) if already else "all"
        outcome.stats.files_formatted = len(pending) if already else sum(map(write.is_formatted, rendered))
        outcome.stats.files_rendered = len(rendered)
        progress(f"formatted {count} files in {time.perf_counter() - started:.2f}s")
        fresh = write.read_texts(staging, pending)
        final = {**rendered, **already, **fresh}  # what the output holds once this run is done
        # files written last run from the same text and not touched since are not read back;
        # unless the output differs from its stamp: an edit may have kept a file's size, time
        # and inode (the manifest's marks), so every file is compared
        unchanged = formats.unchanged(out) if formats is not None and in_place and not rehash else set()
        digests = formats.digests if formats is not None else None
        written = write.update_in_place(final, out, roots, staging, unchanged, digests) if in_place else None
        outcome.stats.files_compared = len(final) - len(unchanged) if in_place else 0
        if check_only:
            outcome.stale = write.compare(staging, out, roots)
            outcome.stale += [f"extra:   {orphan}" for orphan in orphans]
        else:
            if written is None:
                if in_place:  # a file replaces a folder or the reverse: the whole roots instead
                    write.discard(staging)
                    staging = write.stage(final, out)
                write.swap_in(staging, out, roots)
            outcome.stats.files_written = len(rendered) if written is None else len(written)
            for orphan in orphans:
                write.discard(out / orphan)
        if formats is not None:  # `check` leaves the output as it is: no manifest of it then
            formats.remember({**already, **fresh}, None if check_only else out, unchanged)
    finally:
        write.discard(staging)
    if units is not None:
        units.save(outcome.stats, formats.digests.of() if formats is not None else None)
        progress(f"units: {outcome.stats.units_rendered} rendered, {outcome.stats.units_reused} reused")
    if use_cache and not outcome.stale:
        for package in config.packages:
            if package.name in keys:
                digests = formats.digests if formats else None
                _remember(out, package, keys[package.name], final, digests, warned[package.name])
    if formats is not None:
        outcome.stats.text_digests_known = formats.digests.known_used
        outcome.stats.text_digests_of_writes = formats.digests.from_bytes
    lifetime.keep(rendered, final, formats, units)  # (not taken apart if the process ends next)
    return outcome


def _versions(config: Config, out: Path, rendered: Mapping[str, Text]) -> dict[str, str]:
    """The version each API's package has now (a bundle's APIs share it): from its pyproject."""
    import re

    found: dict[str, str] = {}
    for package in config.packages:
        key = f"python/{package.name}/pyproject.toml"
        path = out / key
        text = as_str(rendered.get(key) or (path.read_text(encoding="utf-8") if path.is_file() else ""))
        match = re.search(r'^version = "([^"]+)"$', text, re.MULTILINE)
        if match:
            for part in package.apis or (package,):
                found[part.name] = match.group(1)
    return found


def _by_name(config: Config, name: str) -> PackageConfig:
    return next(p for p in config.packages if p.name == name)


def _orphans(config: Config, out: Path) -> list[str]:
    """Output entries no configured package owns (a renamed or removed package's old files)."""
    owned = {root for package in config.packages for root in output_roots(package)} | {"docs/index.md"}
    found = []
    for folder in ("python", "docs", "ir"):
        if (out / folder).is_dir():
            found += [f"{folder}/{entry.name}" for entry in sorted((out / folder).iterdir())]
    return [entry for entry in found if entry not in owned]


# --- regeneration cache -------------------------------------------------------------------
# A package is skipped when nothing that shapes its output changed (generator code, templates,
# configuration, spec files) and its files on disk are exactly those the last run wrote.


def _shared_digest() -> str:
    """What shapes every package's output: our code and templates, and the versions of the
    tools whose output we keep as is (the formatter, protoc and its stubs)."""
    versions = tool_versions("ruff", "grpcio-tools", "protobuf", "googleapis-common-protos")
    return hashlib.sha256(f"{code_digest('generator', 'templates')}\n{versions}".encode()).hexdigest()


def _cache_key(
    config: Config,
    package: PackageConfig,
    shared: str,
    inputs: InputDigests | None = None,
    read: dict[str, KeySeen] | None = None,
) -> str:
    """The digest of what the package's output is made of (`inputs`: the input files' digests
    remembered by their status, and where this run's are noted). `read` is given the bytes of
    the files the key read, by path (`_hash_files`: the proto front end takes them, so that a
    changed file is read once a run)."""
    digest = hashlib.sha256(shared.encode())
    digest.update(repr(package).encode())
    if config.path is not None:
        # everything under specs/: spec files, included quickstarts, the configuration itself
        _hash_files(digest, _files_under(config.path.parent), inputs, read)
    configured = config.path.parent.resolve() if config.path is not None else None
    for part in package.apis or (package,):
        _hash_files(digest, part.overlays, inputs)  # ad hoc runs name overlays outside the spec folders
        spec_roots = [part.proto_root or (part.openapi.parent if part.openapi else None), *part.ref_roots]
        for spec_root in spec_roots:
            if spec_root is not None and not (configured and spec_root.is_relative_to(configured)):
                _hash_files(digest, _files_under(spec_root), inputs, read)
    return digest.hexdigest()


def _files_under(root: Path) -> list[str]:
    """Every entry under `root` (files, folders, links, anything else), in `Path` order:
    thousands of them, plain strings. Links are listed, not followed (`_hash_files` tells them
    apart): the key changes when a file turns into a link, a folder or a FIFO, so a run that the
    front ends would refuse is never taken for up to date."""
    found = []
    for folder, subfolders, names in os.walk(root):
        found += [os.path.join(folder, name) for name in (*subfolders, *names)]
    # (each path's parts in order: the separator made the least character, which no name holds)
    return sorted(found, key=lambda path: path.replace(os.sep, "\0"))


def _hash_files(
    digest: hashlib._Hash,
    paths: Iterable[Path | str],
    inputs: InputDigests | None = None,
    read: dict[str, KeySeen] | None = None,
) -> None:
    """Each path and what it is: a regular file by its content, a link by its target (and the
    content it leads to), a folder or anything else by its kind (never opened: a FIFO blocks).
    A regular file (not a link) whose digest `inputs` remembers with its status is not read.
    `read` is given what the key saw of each regular `.proto` file that is no link, by path
    (`file_bytes.KeySeen`: the proto front end takes the bytes, and tells a file changed since;
    nothing else would take them: an OpenAPI document's copy would only add to the run's peak
    memory)."""
    for path in paths:
        digest.update(str(path).encode())
        try:
            status = os.lstat(path)
            linked = stat.S_ISLNK(status.st_mode)
            if linked:
                digest.update(b"\0link\0" + os.fsencode(os.readlink(path)))
            elif inputs is not None and stat.S_ISREG(status.st_mode):
                known = inputs.digest(str(path), status)
                if known is not None:
                    digest.update(known)
                    if read is not None and str(path).endswith(".proto"):
                        read[str(path)] = None, marks(status)  # (seen, not read)
                    continue
            # opened without waiting (a FIFO put there since it was listed), then told apart
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            try:
                status = os.fstat(descriptor)
                if stat.S_ISREG(status.st_mode):
                    data = read_descriptor(descriptor, status.st_size)
                    content = hashlib.sha256(data).digest()
                    digest.update(content)
                    if inputs is not None and not linked:
                        inputs.note(str(path), status, content)
                    if read is not None and not linked and str(path).endswith(".proto"):
                        read[str(path)] = data, marks(status)  # (only the proto front end takes them)
                else:
                    digest.update(b"\0kind\0%d" % stat.S_IFMT(status.st_mode))
            finally:
                os.close(descriptor)
        except OSError:  # gone since listed, or unreadable: a key no run gives (what reads it says why)
            digest.update(os.urandom(16))


def _stamp_path(out: Path, package: PackageConfig, family: str = "stamp") -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    tag = hashlib.sha256(str(out).encode()).hexdigest()[:10]
    return folder / f"{family}-{tag}-{package.name}.json"


def _input_digests(out: Path, package: PackageConfig) -> InputDigests | None:
    """The package's input digests remembered beside its stamp (none without a cache folder)."""
    path = _stamp_path(out, package, "inputs")
    return None if path is None else InputDigests(path)


def _output_digest(
    out: Path,
    package: PackageConfig,
    files: Mapping[str, Text] | None = None,
    digests: write.TextDigests | None = None,
) -> str:
    """`write.tree_digest` of the package's output, reading one file at a time (or, with
    `files`, from the text of every output file, by path relative to `out`; `digests`: those
    this run took already)."""
    hashes: dict[str, bytes] = {}
    if files is not None:
        digest = digests or write.TextDigests()
        roots = output_roots(package)
        for root in roots:
            if root in files:  # a root that is a file
                hashes[f"{root}/{root.rsplit('/', 1)[-1]}"] = digest(root, files[root])
        within = tuple(root + "/" for root in roots)  # (one pass over thousands of files)
        hashes.update((path, digest(path, text)) for path, text in files.items() if path.startswith(within))
        return write.tree_digest(hashes)
    for root in output_roots(package):
        top = out / root
        if top.is_file():
            hashes[f"{root}/{top.name}"] = write.file_digest(str(top), root)
        elif top.is_dir():
            hashes.update(_files_hashed(str(top), f"{root}/"))
    return write.tree_digest(hashes)


def _files_hashed(folder: str, prefix: str) -> Iterator[tuple[str, bytes]]:
    """(`prefix` + path relative to `folder`, `write.file_digest`) of each regular file under
    `folder`, as `Path.rglob` finds them (a linked file read, a linked folder not entered,
    `__pycache__` left out). Thousands of files: plain strings and the types the folder listing
    gives, no `Path`s."""
    with os.scandir(folder) as listing:
        entries = list(listing)
    for entry in entries:
        if entry.name == "__pycache__":
            continue
        if entry.is_dir(follow_symlinks=False):  # (as `rglob`: a linked folder is not entered)
            yield from _files_hashed(entry.path, f"{prefix}{entry.name}/")
        elif entry.is_file():
            yield prefix + entry.name, write.file_digest(entry.path, prefix + entry.name)


@lazy_dataclass(frozen=True, eq=False)  # (never compared: no __eq__ compiled at import)
class StampCheck:
    """What a package's stamp says of its output. `warnings`: the output is up to date with
    the inputs, made with these warnings (None: a miss). `output_differs`: the stamp is of
    these very inputs, but the output is not what the stamp recorded."""

    warnings: list[Problem] | None = None
    output_differs: bool = False


def _up_to_date(out: Path, package: PackageConfig, key: str) -> StampCheck:
    """Whether the package's output is up to date with `key` (a stamp missing, damaged or of
    other inputs is a miss)."""
    stamp = _stamp_path(out, package)
    if stamp is None:
        return StampCheck()
    try:
        with open_cache_file(stamp) as handle:
            recorded = json.loads(handle.read())
        mark_used(stamp)
        # (the warnings name files as seen from where the run was: another folder is a miss)
        if recorded.get("key") != key or recorded.get("cwd") != os.getcwd():
            return StampCheck()
        if recorded.get("output") != _output_digest(out, package):
            return StampCheck(output_differs=True)
        return StampCheck(
            [
                Problem("warning", Location(file, pointer, line, column), message, hint)
                for file, pointer, line, column, message, hint in recorded["warnings"]
            ]
        )
    except (OSError, ValueError, KeyError, TypeError):
        return StampCheck()


def _remember(
    out: Path,
    package: PackageConfig,
    key: str,
    files: Mapping[str, Text],
    digests: write.TextDigests | None,
    warnings: list[Problem],
) -> None:
    """Note that the package's output is up to date with `key`, made with these `warnings`;
    `files` is what the output folder now holds (by path relative to it), `digests` the text
    digests taken this run."""
    stamp = _stamp_path(out, package)
    if stamp is None:
        return
    said = [
        [p.location.file, p.location.pointer, p.location.line, p.location.column, p.message, p.hint]
        for p in warnings
    ]
    output = _output_digest(out, package, files, digests)
    try:
        recorded = json.dumps({"key": key, "cwd": os.getcwd(), "output": output, "warnings": said})

        def write(stream: IO[bytes]) -> None:
            stream.write(recorded.encode())

        # (put in place whole, as every cache file: a FIFO or a link there is replaced, not opened)
        replace_atomically(stamp, write)
    except OSError:
        pass  # a cache that cannot be written only costs time
