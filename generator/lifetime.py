"""What a run holds at its end, kept for a process that ends as soon as the run is done.

Taking a run's structures apart object by object (the caches it read, the rendered files, the
tables of its units: ~50 ms of a 0.8 s regeneration of the 1,001-file proto tree) is work a
process that ends right after the run need not do: its memory goes with it. `python -m
generator` asks for that (`hold_until_exit`, see `generator.__main__`); the pipeline then hands
what it held at its end to `keep`. Anywhere else (tests, hosts calling the pipeline
in-process), `keep` holds nothing and everything is freed as usual.

Such a process also runs without the cycle collector (`collect_no_cycles`): what a run drops is
freed by reference counting, and the little it drops in reference cycles goes with the process.
Measured on the 8,000-type OpenAPI description: ~2,000 such objects on a regeneration after one
change, ~82,000 on a cold run (8 MB more at the peak: 312 -> 320 MB), ~3,000 on a regeneration
after a change to every schema (validated by parts in-process: 438 -> 444 MB); ~13,000 on the
cold 1,001-file proto tree (no change at the peak). The collector walking the young objects
again and again took 40-50 ms of the ~1 s regeneration (timed by `gc.callbacks`), ~100 ms of
the OpenAPI cold run, ~60 ms of the proto tree's. (What the caches load is out of its way
already, `cache_pickle.long_lived_loads`, and collections of the whole heap are put off,
`cli.few_full_collections`: this leaves the young ones.) What still makes cycles is Jinja: each
rendered module's macros and their context, kept with the module's views to the end. On a
description of 1,000 operations each with 40 inline-enum parameters (40,000 types, 5.1 MB) that
is 511.5 MB at the peak against 489.6 MB with the collector on (+4.5%); on every other input
measured, 0-9 MB. Code of ours must not make cycles per item (`symbols.definition_order` is a
loop for that reason).
"""

from __future__ import annotations

import gc

_held: list[object] | None = None


def hold_until_exit() -> None:
    """From now on, what `keep` is given stays until the process ends (it ends without freeing it)."""
    global _held
    if _held is None:
        _held = []


def keep(*objects: object) -> None:
    if _held is not None:
        _held.extend(objects)


def collect_no_cycles() -> None:
    """From now on, the process runs without the cycle collector (see the module docstring)."""
    gc.disable()
