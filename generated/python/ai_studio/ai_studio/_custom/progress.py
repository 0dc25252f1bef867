"""Progress of long waits: one line on stderr, redrawn in place, only when stderr is a terminal.

Every workflow takes `progress=`: `True` (the line on stderr, the default; nothing when stderr is
not a terminal), `False` / `None` (silent), or a callable receiving each `ProgressEvent`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

__all__ = ["ProgressEvent", "ProgressLine", "ProgressOption"]


@dataclass(frozen=True)
class ProgressEvent:
    """One step of a workflow: `stage` ("upload", "validate", "batch", "tuning"), how far it got
    (`done` of `total`, in bytes or steps; `total` None when unknown) and the seconds spent on it.
    """

    stage: str
    done: int
    total: int | None
    elapsed: float
    status: str = ""


ProgressOption = bool | Callable[[ProgressEvent], object] | None


class ProgressLine:
    """Draws `ProgressEvent`s as one line on `stream` (stderr), rewritten with a carriage return."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._drawn = False

    def __call__(self, event: ProgressEvent) -> None:
        amount = f"{event.done}/{event.total}" if event.total else f"{event.done}"
        percent = f" {100 * event.done // event.total:3d}%" if event.total else ""
        status = f" {event.status}" if event.status else ""
        line = f"{event.stage}:{percent} {amount}{status} ({event.elapsed:.0f} s)"
        self._stream.write(f"\r{line:<72}")
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        """End the line (once something was drawn), so later output starts on a new one."""
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()
            self._drawn = False


def reporter(progress: ProgressOption) -> Callable[[ProgressEvent], object] | None:
    """The callable behind a `progress=` option: None when silent or stderr is no terminal."""
    if progress is None or progress is False:
        return None
    if progress is True:
        return ProgressLine() if sys.stderr.isatty() else None
    return progress


def finish(report: Callable[[ProgressEvent], object] | None) -> None:
    if isinstance(report, ProgressLine):
        report.close()


def operation_progress(
    stage: str,
    report: Callable[[ProgressEvent], object] | None,
    counts: Callable[[Any], tuple[int, int | None, str]],
) -> Callable[[Any, float], None] | None:
    """An `Operation.wait(progress=...)` callback turning the operation's metadata into events.

    `counts(metadata)` gives (done, total, status) from the typed metadata (None when absent).
    """
    if report is None:
        return None

    def on_poll(operation: Any, elapsed: float) -> None:  # an Operation or AsyncOperation
        done, total, status = counts(operation.metadata)
        report(ProgressEvent(stage, done, total, elapsed, status))

    return on_poll
