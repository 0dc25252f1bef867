"""Pickles for the cache folder that can only ever make our own data classes.

The proto caches keep IR pieces and rendered views as pickles (much faster to load than anything
rebuilt from JSON). A plain unpickler runs whatever a pickle names, so a cache folder someone else
could write to (a shared CI cache, a restored archive) would run their code in ours. This one
resolves only data classes of `generator` modules already imported, never functions, modules to
import or any other module's names (https://docs.python.org/3/library/pickle.html#restricting-globals); anything else is
refused as `pickle.UnpicklingError`, which the caches treat as a damaged entry: a miss.
"""

from __future__ import annotations

import dataclasses
import enum
import gc
import io
import pickle
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import IO, Any

# what `load_all` reads a pickle from (collections.abc.Buffer from Python 3.12)
Buffer = bytes | memoryview

PROTOCOL = 5
_OURS = "generator."


class _OwnClassesOnly(pickle.Unpickler):
    """Resolves a name only to a data class (a dataclass, a named tuple, an enum) of a `generator`
    module this process has already imported: it never imports a module (importing
    `generator.__main__` would run the CLI) and never hands out a function or a class whose
    construction could do anything but hold data."""

    def find_class(self, module: str, name: str) -> Any:
        found = _allowed.get((module, name))
        if found is not None:
            return found
        found = getattr(sys.modules.get(module), name, None) if module.startswith(_OURS) else None
        if isinstance(found, type) and found.__module__ == module and _holds_data(found):
            _allowed[(module, name)] = found
            return found
        raise pickle.UnpicklingError(f"the cache names {module}.{name}: not one of our data classes")


class _WithBuffers(_OwnClassesOnly):
    # (set on the instance, not handed to an `__init__` of ours: a Python-level `__init__` was a
    # fifth of the time of the ~10,000 small loads of a store of schema units)
    buffers: Sequence[Buffer] = ()

    def persistent_load(self, pid: Any) -> Any:
        if type(pid) is int and 0 <= pid < len(self.buffers):
            return self.buffers[pid]
        raise pickle.UnpicklingError(f"the cache names buffer {pid!r}: not one it holds")


# classes found to be our data classes, by (module, name): a regeneration reads thousands of
# pickles naming the same few classes (a module's names, once imported, stay what they are)
_allowed: dict[tuple[str, str], type] = {}


def _holds_data(cls: type) -> bool:
    return dataclasses.is_dataclass(cls) or issubclass(cls, enum.Enum) or (
        issubclass(cls, tuple) and hasattr(cls, "_fields")
    )


def dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=PROTOCOL)


def dump(value: Any, stream: IO[bytes], buffers: list[Buffer] | None = None) -> None:
    """Pickle `value` into `stream`; with `buffers`, each bytes object or memoryview of
    `MIN_BUFFER` bytes or more is left out of the pickle, appended to `buffers` and named in it by
    its place there (a persistent id), for `load` to take back from `buffers` as they are."""
    if buffers is None:
        pickle.dump(value, stream, protocol=PROTOCOL)
    else:
        _Buffering(stream, buffers).dump(value)


MIN_BUFFER = 512  # bytes: shorter ones stay in the pickle (copied once is cheaper than a view)


class _Buffering(pickle.Pickler):
    def __init__(self, stream: IO[bytes], buffers: list[Buffer]) -> None:
        super().__init__(stream, protocol=PROTOCOL)
        self.buffers = buffers

    def persistent_id(self, obj: Any) -> int | None:  # (called for every object pickled)
        kind = type(obj)
        if (kind is bytes or kind is memoryview) and len(obj) >= MIN_BUFFER:
            self.buffers.append(obj)
            return len(self.buffers) - 1
        return None


def dump_out_of_band(value: Any, stream: IO[bytes], buffers: list[Buffer]) -> None:
    """Pickle `value` into `stream`, each `pickle.PickleBuffer` in it left out of the pickle:
    appended to `buffers` (as a view), for `load_all` to take back from the buffers handed to it,
    in order. The caller wraps what to leave out where it knows it to be: unlike `dump` with
    `buffers`, no hook of ours runs for every object pickled (~7 µs a record of a schema unit)."""

    def leave_out(kept: pickle.PickleBuffer) -> None:
        buffers.append(kept.raw())

    pickle.Pickler(stream, protocol=PROTOCOL, buffer_callback=leave_out).dump(value)


def loads(data: Buffer) -> Any:
    return load(io.BytesIO(data))


def load(stream: IO[bytes], buffers: Sequence[Buffer] | None = None) -> Any:
    """What `dump` wrote into `stream`; `buffers`: those `dump` left out, in order (a pickle
    naming one that is not there is refused as `pickle.UnpicklingError`: a damaged entry)."""
    with long_lived():
        return _unpickler(stream, buffers).load()


def load_all(pieces: Iterable[tuple[Buffer, Sequence[Buffer]]]) -> list[Any]:
    """What each of `pieces` (a pickle each, numbering its objects on its own, with the buffers
    `dump_out_of_band` left out of it) gives, in order: as `load` of each, with the collector
    paused once for all of them, not once each (the ~10,000 records of a store of schema units).
    (A slice of a larger buffer is copied once, by the stream it is read through; the buffers are
    not: a read-only one comes back as the very object handed in.) A pickle that takes more
    buffers than its piece holds, or names a persistent id, is refused: `pickle.UnpicklingError`."""
    with long_lived():
        return [
            _OwnClassesOnly(io.BytesIO(piece), buffers=buffers).load() for piece, buffers in pieces
        ]


def _unpickler(stream: IO[bytes], buffers: Sequence[Buffer] | None) -> _OwnClassesOnly:
    """The unpickler of `stream`; one that takes persistent ids as places in `buffers` when there
    are buffers (else a pickle naming one is refused: `pickle.UnpicklingError`)."""
    if not buffers:
        return _OwnClassesOnly(stream)
    unpickler = _WithBuffers(stream)
    unpickler.buffers = buffers
    return unpickler


def long_lived() -> AbstractContextManager[None]:
    """Within `long_lived_loads`: what is made inside is taken as long-lived, as what a load
    gives (made with the collector paused, then frozen with everything else alive); elsewhere,
    nothing changes. For what a run keeps to its end and holds in no reference cycle: what a
    pickle gives, the IR a front end builds. (One thread at a time: the collector is the
    process's.)"""
    return _LongLived()


class _LongLived:
    """`long_lived`'s context: a class, not a generator (`contextlib.contextmanager`), because a
    regeneration enters it for each of ~5,000 small loads, and a generator's context costs about
    as much again as such a load (~2.3 -> ~1.2 µs a load of a small pickle)."""

    __slots__ = ("paused",)

    def __enter__(self) -> None:
        _lock.acquire()
        try:
            self.paused = bool(_state.depth and _state.freezing and gc.isenabled())
            if self.paused:
                young, swept_since = gc.get_count()[:2]
                if young >= YOUNG_SWEPT or swept_since:
                    gc.collect(1)  # the young garbage of the moment: freed now, never frozen
                gc.disable()
        except BaseException:
            _lock.release()
            raise

    def __exit__(self, *exception: object) -> None:
        try:
            if self.paused:
                gc.freeze()
                _state.froze = True
                gc.enable()
        finally:
            _lock.release()


# A load sweeps the young generations first only when they hold this many objects, or when the
# collector ran on them since (`gc.get_count`: objects in generation 0, its collections since
# generation 1's): a regeneration makes ~17,000 small loads with a handful of young objects between
# them, and a collection costs ~4 µs however little it finds. Fewer are frozen unswept: not freed
# if they are garbage in a cycle, which our code does not make (see `long_lived_loads`).
YOUNG_SWEPT = 64


class _State:
    depth = 0  # `long_lived_loads` entered and not yet left, in all threads
    freezing = False  # loads freeze (nothing else had frozen objects when the first entered)
    froze = False  # a load has frozen since


_state = _State()
_lock = threading.RLock()  # (re-entrant: a collection may run finalizers that load)


@contextmanager
def long_lived_loads() -> Iterator[None]:
    """Within: what a pickle gives is taken as long-lived (data classes of strings, numbers and
    tuples that a run keeps to its end): it is loaded with the collector paused, and then
    frozen with everything else alive (`gc.freeze`), so that no collection walks it again.
    Without this, a regeneration that loads 300,000 cached IR objects spends a tenth of its
    time in young-generation collections that free none of them. (Freezing after the few loads
    of whole cache files only would not do: most objects come from the thousands of small
    pickles kept for single files and schemas.)

    What is frozen is never collected as a cycle until it is handed back, so a load first
    collects the young generations (the garbage of the moment) unless they hold only a few
    objects (`YOUNG_SWEPT`), and our own code leaves no reference cycles behind
    (tests/functional/test_incremental.py checks a regeneration's).

    It may be entered from several threads and nested: the first entry starts it, the last exit
    ends it, handing everything frozen back to the collector (`gc.unfreeze`). Python can only
    unfreeze all frozen objects: when the process had frozen objects of its own as the first
    entry came (a host application's `gc.freeze()`), loads freeze nothing and nothing is
    unfrozen, so the host's freeze is kept. (A host freezing while a generation runs in another
    thread gets its objects unfrozen at the end.)"""
    with _lock:
        if not _state.depth:
            _state.freezing, _state.froze = gc.get_freeze_count() == 0, False
        _state.depth += 1
    try:
        yield
    finally:
        with _lock:
            _state.depth -= 1
            if not _state.depth and _state.froze:
                _state.froze = False
                gc.unfreeze()
