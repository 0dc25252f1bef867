"""What a run holds at its end, kept for a process that ends as soon as the run is done.

Taking a run's structures apart object by object (the caches it read, the rendered files, the
tables of its units: ~50 ms of a 0.8 s regeneration of the 1,001-file proto tree) is work a
process that ends right after the run need not do: its memory goes with it. `python -m
generator` asks for that (`hold_until_exit`, see `generator.__main__`); the pipeline then hands
what it held at its end to `keep`. Anywhere else (tests, hosts calling the pipeline
in-process), `keep` holds nothing and everything is freed as usual.
"""

from __future__ import annotations

_held: list[object] | None = None


def hold_until_exit() -> None:
    """From now on, what `keep` is given stays until the process ends (it ends without freeing it)."""
    global _held
    if _held is None:
        _held = []


def keep(*objects: object) -> None:
    if _held is not None:
        _held.extend(objects)
