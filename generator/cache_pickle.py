"""Pickles for the cache folder that can only ever make our own data classes.

The proto caches keep IR pieces and rendered views as pickles (much faster to load than anything
rebuilt from JSON). A plain unpickler runs whatever a pickle names, so a cache folder someone else
could write to (a shared CI cache, a restored archive) would run their code in ours. This one
resolves only classes defined in the `generator` package, never functions or any other module's
names (https://docs.python.org/3/library/pickle.html#restricting-globals); anything else is
refused as `pickle.UnpicklingError`, which the caches treat as a damaged entry: a miss.
"""

from __future__ import annotations

import io
import pickle
from typing import IO, Any

PROTOCOL = 5
_OURS = "generator."


class _OwnClassesOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module.startswith(_OURS) and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"the cache names {module}.{name}: not one of our classes")


def dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=PROTOCOL)


def dump(value: Any, stream: IO[bytes]) -> None:
    pickle.dump(value, stream, protocol=PROTOCOL)


def loads(data: bytes) -> Any:
    return _OwnClassesOnly(io.BytesIO(data)).load()


def load(stream: IO[bytes]) -> Any:
    return _OwnClassesOnly(stream).load()
