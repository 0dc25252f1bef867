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
import io
import pickle
import sys
from typing import IO, Any

PROTOCOL = 5
_OURS = "generator."


class _OwnClassesOnly(pickle.Unpickler):
    """Resolves a name only to a data class (a dataclass, a named tuple, an enum) of a `generator`
    module this process has already imported: it never imports a module (importing
    `generator.__main__` would run the CLI) and never hands out a function or a class whose
    construction could do anything but hold data."""

    def find_class(self, module: str, name: str) -> Any:
        found = _RESOLVED.get((module, name))  # (thousands of small pickles name the same few)
        if found is not None:
            return found
        found = getattr(sys.modules.get(module), name, None) if module.startswith(_OURS) else None
        if isinstance(found, type) and found.__module__ == module and _holds_data(found):
            _RESOLVED[(module, name)] = found
            return found
        raise pickle.UnpicklingError(f"the cache names {module}.{name}: not one of our data classes")


_RESOLVED: dict[tuple[str, str], type] = {}  # names found to be our data classes


def _holds_data(cls: type) -> bool:
    return dataclasses.is_dataclass(cls) or issubclass(cls, enum.Enum) or (
        issubclass(cls, tuple) and hasattr(cls, "_fields")
    )


def dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=PROTOCOL)


def dump(value: Any, stream: IO[bytes]) -> None:
    pickle.dump(value, stream, protocol=PROTOCOL)


def loads(data: bytes) -> Any:
    return _OwnClassesOnly(io.BytesIO(data)).load()


def load(stream: IO[bytes]) -> Any:
    return _OwnClassesOnly(stream).load()
