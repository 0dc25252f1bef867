"""Formatting and writing of generated files: staged in a temporary folder, then swapped in.

Formatting uses `ruff format` (Black-compatible style, about a hundred times faster than Black on
large outputs); `make lint` and the tests confirm with `black --check` that the result is also
exactly what Black produces. Nothing under the output folder changes until every file has been
rendered and formatted, so a failure leaves `generated/` untouched.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeGuard

import xxhash

from generator.artifacts import STUB_FOLDER
from generator.encoded import Encoded, Piece, Text

LINE_LENGTH = 100


class FormatError(Exception):
    """The formatter rejected generated code: a renderer bug, reported with the file name."""


def stage(files: Mapping[str, Text], parent: Path) -> Path:
    """Write `files` (relative path -> text) into a new temporary folder next to the output;
    if that fails, the folder goes (no half-written output is left)."""
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=parent))
    try:
        write_files(str(staging), files)
    except BaseException:
        discard(staging)
        raise
    return staging


def write_files(folder: str, files: Mapping[str, Text]) -> None:
    """Create each file of `files` (relative path -> text) under `folder`, as UTF-8 bytes.

    Thousands of small files: plain strings and one open-write-close per file, no `Path` or text
    stream objects (their cost per file is more than writing it); each file opened relative to
    its folder, whose path is looked up once (`_in_folders`).
    """
    for parent, name, relative in _in_folders(folder, files):
        _write_new(name, files[relative], dir_fd=parent)


def _in_folders(folder: str, paths: Iterable[str]) -> Iterator[tuple[int | None, str, str]]:
    """(folder handle, name, relative path) of each of `paths` (relative to `folder`), a folder
    at a time, in order, each folder made first: a file is opened by its name relative to the
    open folder, so the folder's path is looked up once, not once per file (no handle where the
    system cannot do that: the name is then the whole path)."""
    by_folder: dict[str, list[str]] = {}
    for relative in paths:
        by_folder.setdefault(relative.rpartition("/")[0], []).append(relative)
    relative_opens = os.open in os.supports_dir_fd
    for directory in sorted(by_folder):
        path = os.path.join(folder, directory) if directory else folder
        os.makedirs(path, exist_ok=True)
        parent = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if relative_opens else None
        try:
            for relative in sorted(by_folder[directory]):
                name = relative.rpartition("/")[2]
                yield parent, name if parent is not None else os.path.join(path, name), relative
        finally:
            if parent is not None:
                os.close(parent)


def _write_new(
    name: str, text: Text, digest: Hashing | None = None, dir_fd: int | None = None
) -> None:
    """Create the file `name` (relative to the open folder `dir_fd`, if given) holding `text` in
    UTF-8 (`_write_text`); if that fails, no partial file is left behind."""
    handle = os.open(name, _CREATE, 0o666, dir_fd=dir_fd)
    try:
        _write_text(handle, text, digest)
    except BaseException:
        os.close(handle)
        os.unlink(name, dir_fd=dir_fd)
        raise
    os.close(handle)


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def _write_text(handle: int, text: Text, digest: Hashing | None = None) -> None:
    """`text` as UTF-8 into the open file (and into `digest`, if given). A large file (the IR
    snapshot of a large API: tens of MB) is encoded a piece at a time, not copied whole at the
    run's peak of memory; most files are one piece. A text that cannot be encoded (a lone
    surrogate) raises the error encoding it whole would, placed in the whole text. An `Encoded`
    text's pieces are written as they are, many in one call (not joined)."""
    if isinstance(text, Encoded):
        for batch in text.batches():
            if digest is not None:
                for piece in batch:
                    digest.update(piece)
            _write_all(handle, batch)
        return
    for start in range(0, len(text), _PIECE):
        try:
            data = text[start : start + _PIECE].encode("utf-8")
        except UnicodeEncodeError as error:
            raise UnicodeEncodeError(
                error.encoding, text, start + error.start, start + error.end, error.reason
            ) from None
        if digest is not None:
            digest.update(data)
        view = memoryview(data)
        while view:  # a write may take less than it was given
            view = view[os.write(handle, view) :]


_PIECE = 1 << 20  # characters encoded at a time by `write_files`


def _write_all(handle: int, pieces: Sequence[Piece]) -> None:
    """Write `pieces` in order into the open file, however many bytes each call takes."""
    writev = getattr(os, "writev", None)  # (POSIX: elsewhere the pieces are joined and written)
    taken, size = writev(handle, pieces) if writev else 0, sum(map(len, pieces))
    if taken < size:  # (rare with `writev`: the rest in as many writes as it takes)
        rest = memoryview(b"".join(pieces))[taken:]
        while rest:
            rest = rest[os.write(handle, rest) :]


def read_texts(folder: Path, paths: Iterable[str]) -> dict[str, str]:
    """{path: text} of files under `folder`, exactly as stored (no newline translation).

    (Through text streams: reading the bytes and decoding them took ~25 ms less on 6,000 files
    but left the heap ~1 MB higher at the run's peak, which is at its limit.)"""
    texts: dict[str, str] = {}
    for path in paths:
        with open(os.path.join(folder, path), encoding="utf-8", newline="") as handle:
            texts[path] = handle.read()
    return texts


FORMAT_FLAGS = (
    "--isolated",
    "--no-cache",
    f"--line-length={LINE_LENGTH}",
    "--target-version=py311",
    # protoc's stubs are kept exactly as grpc_tools writes them; --force-exclude applies the
    # exclusions to paths named one by one too, so a selection is formatted like the folder
    f"--extend-exclude={STUB_FOLDER}",
    "--force-exclude",
)
FORMATTED_SUFFIXES = (".py", ".pyi", ".md", ".ipynb")
FILES_PER_RUN = 500  # paths handed to one formatter run when formatting a selection


def format_settings() -> dict[str, str]:
    """What decides the formatter's output besides the text: its version and our flags."""
    from generator.code_digest import tool_version

    return {"ruff": tool_version("ruff"), "flags": " ".join(FORMAT_FLAGS)}


def is_formatted(relative: str) -> bool:
    """True for the files the formatter may rewrite (Python sources, and the Python code blocks
    of Markdown), except protoc's stubs. (String operations: called for every output file.)"""
    name = relative.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    suffix = name[dot:] if 0 < dot < len(name) - 1 else ""
    return suffix in FORMATTED_SUFFIXES and STUB_FOLDER not in relative.split("/")


def left_as_rendered(relative: str, text: Text) -> bool:
    """True for a text the formatter is known to leave as it is: a Markdown page without a code
    fence (it formats only the Python code of fenced blocks: ``` or ~~~). A large API's data-types
    page has none: it is not handed to the formatter (written, read and parsed) at each change."""
    if not relative.endswith(".md"):
        return False
    if isinstance(text, Encoded):  # (a page given as its bytes: joined once, a fence may lie
        # across pieces; in UTF-8, no other character's bytes hold a backtick or a tilde)
        data = b"".join(text.pieces)
        return b"```" not in data and (b"~" not in data or b"~~~" not in data)
    if "```" in text:
        return False
    return "~" not in text or "~~~" not in text  # (one character is found much faster, if at all)


def format_python(folder: Path, only: Sequence[str] | None = None) -> None:
    """Format every Python and Markdown file under `folder` in place (or the `only` ones, relative paths),
    with settings fixed here, not by user config."""
    if only is None:
        _run_formatter(folder, ["."])
        return
    for start in range(0, len(only), FILES_PER_RUN):
        _run_formatter(folder, list(only[start : start + FILES_PER_RUN]))


def _run_formatter(folder: Path, arguments: list[str]) -> None:
    command = [_ruff_binary(), "format", *FORMAT_FLAGS, *arguments]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=folder)
    if result.returncode != 0:
        detail = (result.stderr.strip() or result.stdout.strip()).replace(str(folder) + "/", "")
        raise FormatError(f"generated code did not parse (a renderer bug): {detail}")


def _ruff_binary() -> str:
    from_venv = Path(sys.executable).with_name("ruff")
    if from_venv.exists():
        return str(from_venv)
    found = shutil.which("ruff")
    if not found:
        raise FormatError("ruff is not installed: run `make generate` to set up .venv")
    return found


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` as {posix relative path: bytes}."""
    out: dict[str, bytes] = {}
    if not folder.exists():
        return out
    if folder.is_file():
        return {folder.name: folder.read_bytes()}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            out[path.relative_to(folder).as_posix()] = path.read_bytes()
    return out


def compare(staging: Path, out: Path, roots: Iterable[str]) -> list[str]:
    """Differences between the staged tree and the output folder, as `stale: path` lines."""
    problems: list[str] = []
    for root in sorted(roots):
        fresh = read_tree(staging / root)
        current = read_tree(out / root)
        prefix = root if (staging / root).is_dir() else str(Path(root).parent)
        for name in sorted(set(fresh) | set(current)):
            shown = f"{prefix}/{name}" if prefix not in ("", ".") else name
            if name not in current:
                problems.append(f"missing: {shown}")
            elif name not in fresh:
                problems.append(f"extra:   {shown}")
            elif fresh[name] != current[name]:
                problems.append(f"stale:   {shown}")
    return problems


def swap_in(staging: Path, out: Path, roots: Iterable[str]) -> None:
    """Replace each root (a folder or file relative to `out`) with its staged version."""
    for root in sorted(roots):
        new = staging / root
        old = out / root
        old.parent.mkdir(parents=True, exist_ok=True)
        trash = None
        if old.exists():
            trash = staging / (".old-" + hashlib.sha256(root.encode()).hexdigest()[:12])
            os.replace(old, trash)
        os.replace(new, old)
        if trash is not None:
            _remove(trash)


def update_in_place(
    files: Mapping[str, Text],
    out: Path,
    roots: Iterable[str],
    staging: Path,
    known: Collection[str] = (),
    digests: TextDigests | None = None,
) -> list[str] | None:
    """Make each root under `out` hold exactly `files` (relative to `out`), touching only what
    differs: changed files are written into `staging` first and moved into place one by one,
    files no longer produced are removed. The paths written (and removed), or None when a file
    would replace a folder or the reverse (`swap_in` handles that).

    `known`: paths whose file is known to hold its text already (`format_cache.Manifest`): not read.
    `digests`: where the digest of each text encoded here is noted (taken of its bytes as they
    are compared or written: a text is encoded a piece at a time, never copied whole).
    Called once everything is rendered and formatted, so a spec problem never leaves the output
    half-written; unchanged files keep their bytes and times.
    """
    changed: list[str] = []
    stage_folder = staging / ".changed"
    for path in sorted(files.keys() - known):  # (thousands of files known: left out in C)
        target = out / path
        if target.is_dir():
            return None
        text = files[path]
        digest = _held_digest(str(target), text, path)
        if digest is None:  # not held: staged now, hashed as it is written (unless taken already)
            changed.append(path)
            source = stage_folder / path
            source.parent.mkdir(parents=True, exist_ok=True)
            digest = digests.taken(path, text) if digests is not None else None
            if digest is None:
                hashing = new_digest(path)
                _write_new(str(source), text, hashing)
                digest = hashing.digest()
            else:
                _write_new(str(source), text)
        if digests is not None:
            digests.take(path, text, digest)
    for path in changed:
        if any(parent.is_file() for parent in (out / path).parents if out in parent.parents):
            return None
    for path in changed:
        source = stage_folder / path
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, out / path)
    removed = _remove_extras(out, roots, set(files))
    return changed + removed


def _held_digest(path: str, text: Text, relative: str) -> bytes | None:
    """The digest of `text` (`new_digest(relative)`) when the file at `path` holds it in UTF-8
    (None when not, or when unreadable): compared a piece at a time, as encoded. Only a regular
    file is read (a FIFO or device there would block or never end). A text of a size in bytes the
    file cannot have is another text, not read: an ASCII text's size is its length, any text's
    between its length and four times it. (An `Encoded` text's size is known: its pieces are
    compared as they are.)"""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            return None
        if isinstance(text, Encoded):
            if status.st_size != text.size:
                return None
            return _held_pieces(path, text, new_digest(relative))
        longest = len(text) if text.isascii() else 4 * len(text)  # (UTF-8: 1 to 4 bytes a character)
        if not len(text) <= status.st_size <= longest:
            return None
        digest = new_digest(relative)
        with open(path, "rb") as handle:
            for start in range(0, len(text), _PIECE):
                data = text[start : start + _PIECE].encode("utf-8")
                if handle.read(len(data)) != data:
                    return None
                digest.update(data)
            return None if handle.read(1) else digest.digest()
    except (OSError, UnicodeEncodeError):  # (a text that cannot be encoded: its write says so)
        return None


def _held_pieces(path: str, text: Encoded, digest: Hashing) -> bytes | None:
    """`digest` of `text` when the file at `path` (of its size) holds its bytes, else None."""
    with open(path, "rb") as handle:
        for piece in text.pieces:
            if handle.read(len(piece)) != piece:
                return None
            digest.update(piece)
    return digest.digest()


def _remove_extras(out: Path, roots: Iterable[str], keep: set[str]) -> list[str]:
    """Remove what lies under the roots but is not in `keep`, and the folders left empty."""
    removed: list[str] = []
    start = len(str(out)) + 1  # relative paths by slicing: thousands of files, Path is slow here
    for root in sorted(roots):
        top = out / root
        if not top.is_dir():
            if top.exists() and root not in keep:
                top.unlink()
                removed.append(root)
            continue
        holding: set[str] = set()  # folders known to keep something (not listed again)
        for folder, subfolders, names in os.walk(top, topdown=False):
            prefix = folder[start:].replace(os.sep, "/") + "/"
            kept = False
            for name in names:
                if prefix + name not in keep:
                    os.unlink(os.path.join(folder, name))
                    removed.append(prefix + name)
                else:
                    kept = True
            # a folder holding a kept file, or a subfolder that was not removed, is not empty
            if kept or any(os.path.join(folder, sub) in holding for sub in subfolders):
                holding.add(folder)
            elif folder != str(top) and not os.listdir(folder):
                os.rmdir(folder)
            else:
                holding.add(folder)
    return removed


def discard(staging: Path) -> None:
    _remove(staging)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists():
        path.unlink()


class Hashing(Protocol):
    """A digest being taken (`new_digest`)."""

    def update(self, data: Any, /) -> None: ...

    def digest(self) -> bytes: ...


def new_digest(relative: str) -> Hashing:
    """A digest for the text of the output file `relative` (its path in the output folder).

    SHA-256 for a file the formatter takes (`is_formatted`): the format cache finds a formatted
    text by the digest of the text rendered, so two texts must never share one. XXH3-128 for
    the others (the IR snapshot: tens of MB, changed by every change of the API): their digest
    only tells whether a file still holds what a run wrote there, a check of our own records,
    not a boundary: the output's stamp (made and checked by the same code: its key holds our
    code's digest) and the format cache's manifest (a key of a former kind is another key: the
    file is read and compared). ~2 ms where SHA-256 took ~21 ms on 39 MB."""
    return hashlib.sha256() if is_formatted(relative) else xxhash.xxh3_128()


def is_text_digest(value: object) -> TypeGuard[bytes]:
    """Whether a digest kept in a cache has the shape of a `new_digest` (either kind)."""
    return type(value) is bytes and len(value) in _DIGEST_SIZES


_DIGEST_SIZES = (hashlib.sha256().digest_size, xxhash.xxh3_128().digest_size)


def file_digest(path: str, relative: str) -> bytes:
    """`new_digest(relative)` of the bytes of the file at `path` (`hashlib.file_digest` reads it)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, lambda: new_digest(relative)).digest()  # type: ignore[arg-type, return-value]


def text_digest(text: Text, relative: str) -> Hashing:
    """`new_digest(relative)` of `text` in UTF-8, encoded a megabyte at a time (a large file's
    text is not copied whole: the digests are taken while the output is held in memory)."""
    digest = new_digest(relative)
    if isinstance(text, Encoded):
        for piece in text.pieces:
            digest.update(piece)
        return digest
    for start in range(0, len(text), _CHUNK):
        digest.update(text[start : start + _CHUNK].encode("utf-8"))
    return digest


_CHUNK = 1 << 20


class TextDigests:
    """`text_digest` of output texts by path, taken once per run: asked again for the same text
    object (a rendered text the formatter left as it was), the digest already taken is given.

    A text known before it is asked for (`know`: a rendered unit taken as the last run wrote it,
    with the digest taken of it then) is not hashed again either; `of` gives the digest taken or
    known of a text object, by identity."""

    def __init__(self) -> None:
        self._taken: dict[str, tuple[Text, bytes]] = {}
        self._known: dict[int, tuple[Text, bytes]] = {}  # by id(text); each holds its text
        # those taken of texts another text then replaced at their path (a rendered text by its
        # formatted one): `of` still gives them, the caches keep them by their rendered texts
        self._replaced: list[tuple[Text, bytes]] = []
        self.known_used = 0  # texts whose known digest was given instead of hashing them
        self.from_bytes = 0  # paths whose first digest was taken of the bytes written (`take`)

    def know(self, texts: Iterable[tuple[Text, bytes]]) -> None:
        self._known.update((id(text), (text, digest)) for text, digest in texts)

    def take(self, path: str, text: Text, digest: bytes) -> None:
        """Note `digest`, taken of the UTF-8 bytes of `text` as they were written or compared
        (unless taken already)."""
        found = self._taken.get(path)
        if found is None or found[0] is not text:
            self._taken[path] = (text, digest)
            self.from_bytes += found is None  # (else a formatted text replaces its rendered one)
            if found is not None:
                self._replaced.append(found)

    def taken(self, path: str, text: Text) -> bytes | None:
        """The digest of `text` at `path` if taken this run already, else None."""
        found = self._taken.get(path)
        return found[1] if found is not None and found[0] is text else None

    def at_hand(self, path: str, text: Text) -> bool:
        """Whether the digest of `text` (at `path`) is given without hashing it."""
        return any(
            found is not None and found[0] is text
            for found in (self._taken.get(path), self._known.get(id(text)))
        )

    def __call__(self, path: str, text: Text) -> bytes:
        found = self._taken.get(path)
        if found is not None and found[0] is text:
            return found[1]
        known = self._known.get(id(text))
        if known is not None and known[0] is text:
            digest = known[1]
            self.known_used += 1
        else:
            digest = text_digest(text, path).digest()
        if found is not None:
            self._replaced.append(found)
        self._taken[path] = (text, digest)
        return digest

    def of(self) -> dict[int, bytes]:
        """The digest of each text object asked for or known this run, by `id` (the texts stay
        held here, so no id is reused while this lives)."""
        found = {key: digest for key, (_, digest) in self._known.items()}
        found.update((id(text), digest) for text, digest in self._replaced)
        found.update((id(text), digest) for text, digest in self._taken.values())
        return found


def tree_digest(hashes: Mapping[str, bytes]) -> str:
    """One digest of a tree from its files' SHA-256 digests (by relative path)."""
    # (each name, a zero byte and its file's digest, in name order: one buffer, thousands of files)
    return hashlib.sha256(b"".join(b"%s\0%s" % (name.encode(), hashes[name]) for name in sorted(hashes))).hexdigest()
