"""Keeping the cache folder bounded: files unused for a while go, and past a size the least
recently used go first.

Runs add cache files for every spec path, output folder and apigen version they meet (a bench
or test run with temporary folders, a project given up); nothing else would ever remove them.
A file's modification time says when it was last used: writers set it, and readers mark a file
they read (`mark_used`, at most once per `MARK_EVERY`, so a warm run does not write metadata
each time). After a command (at most once per `MARK_EVERY`) `sweep` removes the files not used
for `max_age` (30 days, `APIGEN_CACHE_MAX_AGE_DAYS`), then, while the folder holds more than
`max_size` (2 GiB, `APIGEN_CACHE_MAX_SIZE`), the least recently used of those not used within
`MARK_EVERY` (this run's files, and a run beside it sharing the folder, keep theirs). Temporary
files a killed run left go after a day.

Only files named as apigen names its cache files are ever removed (`OURS`), and symbolic links
are not followed: a cache folder pointed at a folder of other files loses none of them. A file
removed under a run beside this one is a cache miss there, never an error (every reader treats a
missing file so). Jinja's compiled templates are read by Jinja, unmarked: one unchanged for 30
days is compiled again once.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from generator.lazy_dataclass import lazy_dataclass

MAX_AGE_VAR = "APIGEN_CACHE_MAX_AGE_DAYS"
MAX_SIZE_VAR = "APIGEN_CACHE_MAX_SIZE"
DEFAULT_MAX_AGE_DAYS = 30
DEFAULT_MAX_SIZE = 2 * 1024**3
MARK_EVERY = 3600.0  # seconds: a file read this long after its last mark is marked again
SWEPT_MARKER = ".swept"  # its modification time: the last sweep's
LEFT_BEHIND_AFTER = 86400.0  # seconds: a temporary file this old belongs to no running run
DAY = 86400.0

# The names apigen gives its cache files, exactly: a family, a folder tag (10 hex digits) or a
# content digest (64), what the family adds (a package name, a version), and the overlays of the
# layered pickles (`cache_layers`); the temporary files each is written through
# (`tempfile.mkstemp`'s eight random characters); Jinja's compiled templates and theirs in `jinja/`.
_TAG, _DIGEST, _PACKAGE = "[0-9a-f]{10}", "[0-9a-f]{64}", r"[A-Za-z_][A-Za-z0-9_.]*"
OURS = re.compile(
    "|".join(
        (
            rf"(?:units|proto-units|proto)-{_TAG}-{_PACKAGE}\.pickle(?:\.overlay)?",
            rf"formatted-{_TAG}\.pickle(?:\.overlay)?",
            rf"(?:stamp|inputs)-{_TAG}-{_PACKAGE}\.json",
            rf"{_PACKAGE}-{_TAG}\.json",  # a stamp as versions before the sweep named it
            rf"(?:entries|schema-units|validated-parts)-{_DIGEST}\.pickle(?:\.overlay)?",
            rf"checked-entries-{_DIGEST}\.json",
            rf"(?:parsed|validated)-{_DIGEST}-[A-Za-z0-9_.-]+\.json",
        )
    )
)
_RANDOM = r"[a-z0-9_]{8}"
OURS_TEMPORARY = re.compile(rf"\.(?:{OURS.pattern})-{_RANDOM}\.tmp|\.schema-units-{_RANDOM}")
JINJA = re.compile(r"__jinja2_[0-9a-f]{40}\.cache")
JINJA_TEMPORARY = re.compile(rf"{JINJA.pattern}{_RANDOM}\.tmp")
_DAYS = re.compile(r"[0-9]{1,5}")  # (ASCII digits; at most 99,999 days)
_SIZE = re.compile(r"([0-9]{1,15}) *([KMGT]?)(?:i?B|i)?", re.IGNORECASE)
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}


@lazy_dataclass(frozen=True)
class Limits:
    max_age: float  # seconds
    max_size: int  # bytes


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class Swept:
    removed: int = 0
    freed: int = 0  # bytes
    size: int = 0  # bytes of apigen's cache files left in the folder


def limits_from_environment() -> Limits:
    """The limits the environment sets (else the defaults); a value that is not one is a usage
    error naming the variable."""
    # imported here: `generator.diagnostics` imports the IR's model (~18 ms), of no use to the
    # validation worker, which opens caches but never reads these limits
    from generator.diagnostics import UsageError

    age_text = os.environ.get(MAX_AGE_VAR, "").strip()
    size_text = os.environ.get(MAX_SIZE_VAR, "").strip()
    days = DEFAULT_MAX_AGE_DAYS
    if age_text:
        if _DAYS.fullmatch(age_text) is None or int(age_text) < 1:
            raise UsageError(f"{MAX_AGE_VAR}={age_text!r}: expected a whole number of days, 1 to 99999")
        days = int(age_text)
    size = DEFAULT_MAX_SIZE
    if size_text:
        found = _SIZE.fullmatch(size_text)
        if found is None or int(found[1]) < 1:
            raise UsageError(f"{MAX_SIZE_VAR}={size_text!r}: expected a size such as 500M or 2G (at least 1 byte)")
        size = int(found[1]) * _UNITS[found[2].upper()]
    return Limits(max_age=days * DAY, max_size=size)


def mark_used(path: Path, modified: float | None = None) -> None:
    """Note that `path` (a cache file just read; `modified`: its modification time, when the
    caller has it) is in use, unless it was marked within `MARK_EVERY`."""
    try:
        if modified is None:
            modified = path.stat().st_mtime
        if time.time() - modified > MARK_EVERY:
            os.utime(path)
    except OSError:  # gone, or a read-only folder: it is only a mark
        pass


def sweep_cache_folder(limits: Limits) -> Swept | None:
    """`sweep` the cache folder, unless caching is off, there is none yet, or it was swept
    within `MARK_EVERY`."""
    from generator.cache_location import cache_folder

    folder = cache_folder()
    if folder is None:
        return None
    # at most once per `MARK_EVERY` (a sweep stats every file: ~8 ms for 600 files)
    marker = folder / SWEPT_MARKER
    try:
        if time.time() - marker.stat().st_mtime < MARK_EVERY:
            return None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        marker.touch()
    except OSError:  # no cache folder yet, or a read-only one
        return None
    return sweep(folder, limits)


def sweep(folder: Path, limits: Limits, now: float | None = None) -> Swept:
    """Remove from `folder` (and its `jinja/` folder) apigen's cache files past `limits` (see
    the module). Errors (a file gone, a read-only folder) leave the file where it is."""
    now = time.time() if now is None else now
    swept = Swept()
    kept: list[tuple[float, int, Path]] = []  # (last used, size, path)
    for place, ours, temporary in (
        (folder, OURS, OURS_TEMPORARY),
        (folder / "jinja", JINJA, JINJA_TEMPORARY),
    ):
        try:
            entries = list(os.scandir(place))
        except OSError:
            continue
        for entry in entries:
            is_ours = ours.fullmatch(entry.name) is not None
            if not (is_ours or temporary.fullmatch(entry.name)):
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                status = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            unused_for = now - status.st_mtime
            if unused_for > (limits.max_age if is_ours else LEFT_BEHIND_AFTER):
                _remove(Path(entry.path), status.st_size, swept)
            elif is_ours:
                kept.append((status.st_mtime, status.st_size, Path(entry.path)))
    kept.sort()
    swept.size = sum(size for _, size, _ in kept)
    for last_used, size, path in kept:  # the least recently used first
        if swept.size <= limits.max_size or now - last_used <= MARK_EVERY:
            break
        if _remove(path, size, swept):
            swept.size -= size
    return swept


def _remove(path: Path, size: int, swept: Swept) -> bool:
    try:
        path.unlink()
    except OSError:
        return False
    swept.removed += 1
    swept.freed += size
    return True
