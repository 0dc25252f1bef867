"""Where apigen keeps its cache: one folder, whatever the working folder.

`APIGEN_CACHE_DIR` when set, else `$XDG_CACHE_HOME/apigen`, else `~/.cache/apigen`. It holds
parsed specs and validation findings (by content hash), regeneration stamps, compiled
templates, formatted files (`format_cache`) and rendered units (`render/python/http/units`);
deleting it at any time only costs time. `--no-cache` turns it off for the run:
nothing is read from it or written to it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV_VAR = "APIGEN_CACHE_DIR"
_disabled = False


def cache_folder() -> Path | None:
    """The cache folder (not created here), or None while caching is off."""
    if _disabled:
        return None
    chosen = os.environ.get(ENV_VAR)
    if chosen:
        return Path(chosen).expanduser().resolve()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return (base / "apigen").resolve()


@contextmanager
def caching(enabled: bool) -> Iterator[None]:
    """Turn the cache off (`--no-cache`) for the duration of one command."""
    global _disabled
    saved, _disabled = _disabled, not enabled
    try:
        yield
    finally:
        _disabled = saved
