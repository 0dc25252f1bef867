"""The documents of one OpenAPI description and `$ref` resolution between them.

A node is addressed by a `Site`: the absolute path of its document plus a JSON pointer. External
documents are read when a `$ref` first points into them, relative to the referring document.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from generator.ir.model import Location
from generator.openapi import nesting, pointers
from generator.openapi.cache import Cache, digest
from generator.openapi.parse import ParseError, parse_cached


@dataclass(frozen=True, order=True)
class Site:
    path: Path
    pointer: str = ""

    def child(self, *tokens: str | int) -> Site:
        return Site(self.path, pointers.join(self.pointer, *tokens))


@dataclass
class Document:
    path: Path  # absolute
    name: str  # relative to the root document's folder: what the IR records
    display: str  # what problems show: relative to the working folder when inside it
    data: Any
    digest: str


class RefProblem(Exception):
    """A `$ref` that cannot be followed; `where` is the `$ref` itself."""

    def __init__(self, where: Location, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


class Spec:
    """The root document plus every document reached through `$ref`."""

    def __init__(self, root: Path, cache: Cache) -> None:
        self.cache = cache
        self.base = root.resolve().parent
        self.documents: dict[Path, Document] = {}
        self.root = self._read(root.resolve())

    @property
    def root_site(self) -> Site:
        return Site(self.root.path)

    def document(self, path: Path) -> Document:
        found = self.documents.get(path)
        return found if found is not None else self._read(path)

    def node(self, site: Site) -> Any:
        return pointers.lookup(self.document(site.path).data, site.pointer)

    def location(self, site: Site) -> Location:
        """Where a node is, as the IR records it (file relative to the root's folder)."""
        return Location(self.document(site.path).name, site.pointer)

    def where(self, site: Site) -> Location:
        """Where a node is, as problems show it (file relative to the working folder)."""
        return Location(self.document(site.path).display, site.pointer)

    def files(self) -> tuple[str, ...]:
        return tuple(sorted(doc.name for doc in self.documents.values()))

    # --- references -------------------------------------------------------------------

    def target(self, ref: str, at: Site) -> Site:
        """The site a `$ref` string (found at `at`, the `$ref` node's parent) points to."""
        address, _, fragment = ref.partition("#")
        if address:
            parts = urlsplit(address)
            if parts.scheme and parts.scheme != "file":
                raise RefProblem(
                    self.where(at.child("$ref")),
                    f"remote reference {ref!r} is not supported: download the file and refer "
                    "to it by a relative path",
                )
            relative = unquote(parts.path)
            path = Path(relative) if parts.scheme == "file" else at.path.parent / relative
            path = path.resolve()
        else:
            path = at.path
        pointer = pointers.from_fragment(fragment)
        if pointer and not pointer.startswith("/"):
            raise RefProblem(
                self.where(at.child("$ref")),
                f"reference {ref!r}: only JSON pointer fragments (#/...) are supported",
            )
        if path not in self.documents:
            if not path.is_file():
                raise RefProblem(
                    self.where(at.child("$ref")),
                    f"reference {ref!r}: file {self._display(path)} not found",
                )
            try:
                self._read(path)
            except ParseError as exc:
                raise RefProblem(
                    Location(self._display(path), exc.pointer, exc.line, exc.column),
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
        return target

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

    def _read(self, path: Path) -> Document:
        data = path.read_bytes()
        parsed = parse_cached(data, path.suffix, self.cache)
        deep = nesting.too_deep(parsed)
        if deep is not None:
            raise ParseError(
                f"nested more than {nesting.MAX_NESTING_DEPTH} levels deep (the limit of this "
                "generator): name the inner schemas in components/schemas and refer to them",
                0,
                0,
                pointer=deep,
            )
        document = Document(
            path=path,
            name=Path(os.path.relpath(path, self.base)).as_posix(),
            display=self._display(path),
            data=parsed,
            digest=digest(data),
        )
        self.documents[path] = document
        return document

    @staticmethod
    def _display(path: Path) -> str:
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
