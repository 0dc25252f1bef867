"""End-to-end tests: the committed packages in generated/ against real servers on 127.0.0.1."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from tests.support.http_server import LocalServer
from tests.support.paths import GENERATED

for package_root in sorted((GENERATED / "python").iterdir()):
    if str(package_root) not in sys.path:
        sys.path.insert(0, str(package_root))


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running
