"""The documents of one OpenAPI description and `$ref` resolution between them.

A node is addressed by a `Site`: the absolute path of its document plus a JSON pointer. External
documents are read when a `$ref` first points into them, relative to the referring document.

References are confined: a `$ref` may only name a file inside the root document's folder or one
of the extra folders the configuration allows (`ref_roots`), judged after resolving symbolic
links; network addresses are refused. Every `$ref` of a document is checked as soon as the
document is read, before anything (the validator included) follows it, so a refused file is
never opened.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import field
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

import orjson

from generator import json_pointer as pointers
from generator.ir.model import Location
from generator.lazy_dataclass import lazy_dataclass
from generator.openapi.cache import Cache, digest
from generator.openapi.parse import EntryDigests, ParseError, parse_cached
from generator.openapi.swagger2 import Origins


class Site(NamedTuple):
    """A tuple: conversion makes hundreds of thousands of these, and compares and hashes them."""

    path: Path
    pointer: str = ""

    def child(self, *tokens: str | int) -> Site:
        return Site(self.path, pointers.join(self.pointer, *tokens))


@lazy_dataclass
class Document:
    path: Path  # absolute
    name: str  # relative to the root document's folder: what the IR records
    display: str  # what problems show: relative to the working folder when inside it
    data: Any
    digest: str
    origins: Origins | None = None  # set when the document was converted from Swagger 2.0
    entries: EntryDigests = field(default_factory=dict)  # see `parse.parse_cached`

    def entry_digest(self, node: Any) -> str | None:
        """The digest of the text a top-level entry (`parse_entries`) was read from, when `node`
        is that entry's value as read (and not a copy made since, by an overlay say)."""
        found = self.entries.get(id(node))
        return found[1] if found is not None and found[0] is node else None


class RefProblem(Exception):
    """A `$ref` that cannot be followed; `where` is the `$ref` itself."""

    def __init__(self, where: Location, message: str, hint: str = "") -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message
        self.hint = hint


class RefRefused(RefProblem):
    """A `$ref` that leaves the allowed folders or names a network address: always an error."""


class Spec:
    """The root document plus every document reached through `$ref`."""

    def __init__(
        self, root: Path, cache: Cache, ref_roots: tuple[Path, ...] = (), read: tuple[bytes, str] | None = None
    ) -> None:
        """`read`: the root document's bytes and their digest, when read already (else read here)."""
        self.cache = cache
        self.base = root.resolve().parent
        self.allowed = (self.base, *(folder.resolve() for folder in ref_roots))
        self.documents: dict[Path, Document] = {}
        # nodes found by pointer, with the document data they were found in (data replaced by
        # an overlay or the 2.0 conversion is a new object: what was found in the old is ignored)
        self._found: dict[Site, tuple[Any, Any]] = {}
        self._targets: dict[tuple[str, Path], Site] = {}  # (ref, referring file) -> target
        self.reads: set[Site] | None = None  # when a set: every site `node` is asked for
        self.file_refs = 0  # `$ref`s followed that name a file
        self.root = self._read(root.resolve(), read)

    @property
    def root_site(self) -> Site:
        return Site(self.root.path)

    def document(self, path: Path) -> Document:
        found = self.documents.get(path)
        return found if found is not None else self._read(path)

    def node(self, site: Site) -> Any:
        if self.reads is not None:
            self.reads.add(site)
        data = self.document(site.path).data
        found = self._found.get(site)
        if found is not None and found[0] is data:
            return found[1]
        node = pointers.lookup(data, site.pointer)
        self._found[site] = (data, node)
        return node

    def location(self, site: Site) -> Location:
        """Where a node is, as the IR records it (file relative to the root's folder)."""
        document = self.document(site.path)
        return Location(document.name, self.original_pointer(document, site.pointer))

    def where(self, site: Site) -> Location:
        """Where a node is, as problems show it (file relative to the working folder)."""
        document = self.document(site.path)
        return Location(document.display, self.original_pointer(document, site.pointer))

    @staticmethod
    def original_pointer(document: Document, pointer: str) -> str:
        """Where a node is in the file as written (a converted 2.0 document maps pointers back)."""
        return document.origins.original(pointer) if document.origins is not None else pointer

    def files(self) -> tuple[str, ...]:
        return tuple(sorted(doc.name for doc in self.documents.values()))

    # --- references -------------------------------------------------------------------

    def target(self, ref: str, at: Site) -> Site:
        """The site a `$ref` string (found at `at`, the `$ref` node's parent) points to."""
        if not ref.startswith("#"):
            self.file_refs += 1  # (what another file holds: see `schema_units`)
        known = self._targets.get((ref, at.path))
        if known is not None:
            with contextlib.suppress(LookupError):  # (else the slow way says what is missing)
                self.node(known)
                return known
        address, _, fragment = ref.partition("#")
        path = self._file_of(address, ref, at)
        pointer = pointers.from_fragment(fragment)
        if pointer and not pointer.startswith("/"):
            raise RefProblem(
                self.where(at.child("$ref")),
                f"reference {ref!r}: only JSON pointer fragments (#/...) are supported",
            )
        if path not in self.documents:
            if not path.is_file():
                problem = "is a directory" if path.is_dir() else "not found"
                raise RefProblem(
                    self.where(at.child("$ref")),
                    f"reference {ref!r}: file {self._display(path)} {problem}",
                )
            try:
                self._read(path)
            except ParseError as exc:
                raise RefProblem(
                    Location(self._display(path), line=exc.line, column=exc.column),
                    f"{exc.message} (read for the reference at {self.where(at.child('$ref'))})",
                ) from exc
        target = Site(path, pointer)
        try:
            self.node(target)
        except LookupError:
            raise RefProblem(
                self.where(at.child("$ref")),
                f"reference {ref!r}: {self._display(path)} has nothing at {pointer or '/'}",
            ) from None
        self._targets[ref, at.path] = target
        return target

    def _file_of(self, address: str, ref: str, at: Site) -> Path:
        """The real path of the file a `$ref`'s address part names; RefRefused when not allowed."""
        if not address:
            return at.path
        parts = urlsplit(address)
        if parts.scheme and (parts.scheme != "file" or parts.netloc not in ("", "localhost")):
            raise RefRefused(
                self.where(at.child("$ref")),
                f"remote reference {ref!r} is not supported: download the file next to the "
                "spec and refer to it by a relative path",
            )
        relative = unquote(parts.path)
        path = (Path(relative) if parts.scheme == "file" else at.path.parent / relative).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            raise RefRefused(
                self.where(at.child("$ref")),
                f"reference {ref!r} leaves the spec's folder {self._display(self.base)}: refused",
                hint="copy the file next to the spec, or list its folder under `ref_roots` "
                "in the configuration (--ref-root for ad hoc runs)",
            )
        return path

    def _confine(self, document: Document) -> None:
        """Check every `$ref` of `document` now, and read the files they name, so that no
        reference anywhere (the validator follows all of them) can leave the allowed folders."""
        if not _may_name_files(document.data):
            return  # (a `$ref` within the document asks for nothing)
        # a node's place is kept as (parent's place, key) and joined into a pointer only at a $ref
        pending: list[tuple[Any, Any]] = [(document.data, None)]
        while pending:
            node, place = pending.pop()
            if isinstance(node, dict):
                ref = node.get("$ref")
                if isinstance(ref, str):
                    at = Site(document.path, pointers.of_place(place))
                    path = self._file_of(ref.partition("#")[0], ref, at)
                    if path not in self.documents and path.is_file():
                        with contextlib.suppress(ParseError):  # reported where it is followed
                            self._read(path)
                items: Any = node.items()
            elif isinstance(node, list):
                items = enumerate(node)
            else:
                continue
            pending.extend((value, (place, key)) for key, value in items if isinstance(value, (dict, list)))

    def deref(self, node: Any, site: Site) -> tuple[Any, Site]:
        """Follow a chain of `$ref`s from `node` (at `site`) to the first node that is not one."""
        seen = [site]
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target = self.target(node["$ref"], site)
            if target in seen:
                chain = " -> ".join(str(self.where(s)) for s in [*seen, target])
                raise RefProblem(self.where(seen[0].child("$ref")), f"circular $ref chain: {chain}")
            seen.append(target)
            node, site = self.node(target), target
        return node, site

    # --- reading ----------------------------------------------------------------------

    def _read(self, path: Path, read: tuple[bytes, str] | None = None) -> Document:
        if read is None:
            data = path.read_bytes()
            read = (data, digest(data))
        data, data_digest = read
        entries: EntryDigests = {}
        document = Document(
            path=path,
            name=Path(os.path.relpath(path, self.base)).as_posix(),
            display=self._display(path),
            data=parse_cached(data, path.suffix, self.cache, path, entries, data_digest),
            digest=data_digest,
            entries=entries,
        )
        self.documents[path] = document
        self._confine(document)
        return document

    @staticmethod
    def _display(path: Path) -> str:
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()


# A `$ref` whose string value does not begin with `#` (a file's address), in orjson's text of a
# document: a quote right after `{` or `,` begins a key (a quote inside a string is escaped), and
# orjson writes `$ref` and a leading `#` as they are. The pattern begins with its literal text
# (found 10x faster than a pattern beginning with a character class); the byte before each match
# is looked at apart (most documents have no match at all).
_FILE_REF = re.compile(rb'"\$ref":"(?!#)')


def _may_name_files(data: Any) -> bool:
    """Whether a `$ref` in `data` may name a file: False only when none does. Searching orjson's
    text is ~5x cheaper than walking the data (0.06 s against 0.3 s on 10 MB); data orjson does
    not write (integers past 64 bits, nesting past its limit) may name anything."""
    try:
        text = orjson.dumps(data)
    except TypeError:  # orjson.JSONEncodeError
        return True
    return any(found.start() > 0 and text[found.start() - 1] in b"{," for found in _FILE_REF.finditer(text))
