"""Time in tests: the slack a loaded machine may add to a timed bound, and a wall clock the test
moves by hand for the runtime's token caches.

A timed bound belongs only where the bound is the point (a deadline, giving up at once), and
then it sits `SLACK` above the time a correct client takes and far below what the bug it guards
against would take (a server that holds its answer 30 s, a 60 s deadline to wait for): CI runs
on 2 busy cores, where a thread may wait a second or more for its turn.

A token provider says when its token expires (seconds since the epoch) and the runtime keeps the
token until 60 s before that, comparing with `time.time()`. Tests that let a token expire by
sleeping race the calls they make meanwhile (a loaded machine spends the token's short life on
the first calls); with this clock the time stands still until the test moves it.
"""

from __future__ import annotations

import importlib
import time
from typing import Any

import pytest

SLACK = 5.0  # seconds

# the modules that read the wall clock to decide whether a cached token is still fresh:
# the REST runtime's client (OpenAPI packages) and the proto runtime's token source
TOKEN_CACHE_MODULES = ("_runtime._base_client", "_grpc._auth")


class ManualClock:
    """Stands in for the `time` module: `time()` stays where the test put it, everything else
    (`monotonic`, `sleep`, `perf_counter`, ...) is the real thing."""

    def __init__(self) -> None:
        self.now = time.time()

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


def token_clock(monkeypatch: pytest.MonkeyPatch, *packages: str) -> ManualClock:
    """One `ManualClock` for the token caches of `packages` (dotted names of generated packages,
    or of their subpackages that hold a runtime: `ai_studio`, `ai_studio.native`)."""
    clock = ManualClock()
    for package in packages:
        patched = 0
        for module in TOKEN_CACHE_MODULES:
            try:
                target = importlib.import_module(f"{package}.{module}")
            except ModuleNotFoundError:
                continue
            monkeypatch.setattr(target, "time", clock)  # fails if the module stops importing `time`
            patched += 1
        # every package named must have its cache on the clock: one left on the real clock
        # would make the test depend on timing again
        assert patched, f"no token cache found in {package}"
    return clock
