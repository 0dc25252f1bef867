"""The cyclic garbage collector paused while the front end builds the IR.

Loading and converting a large description makes hundreds of thousands of objects (parsed
nodes, IR dataclasses) that all live until the run ends and form no reference cycles. Python's
collector runs a full collection each time enough new objects survive, and each one walks every
object made so far, finding nothing: half of the conversion's CPU on an 8,000-type description.
Reference counting still frees everything that is dropped; only cycles wait for the collector.

On the way out, what the front end made is moved out of the collector's sight (`gc.freeze`)
before it runs again: else its first full collection walks all of it once more, and so does
every later one while the IR is rendered. Frozen objects are still freed by reference counting;
only a reference cycle among them would stay until the process ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block, restoring whatever state it had."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()
