"""Every test run keeps the generator's cache in a temporary folder, never the user's.

Set before any test module is imported, and inherited by the generator subprocesses tests start.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from generator.cache_location import ENV_VAR

_created: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    folder = tempfile.mkdtemp(prefix="apigen-test-cache-")
    _created.append(folder)
    os.environ[ENV_VAR] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _created:
        shutil.rmtree(folder, ignore_errors=True)
