"""Session-wide pieces of the conformance suite: one generated client, server and IR per API."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.conformance.draws import load
from tests.conformance.server import ConformanceServer
from tests.conformance.spec import APIS, Api
from tests.support.paths import PYTHON, REPO

TALLY: dict[str, Counter[str]] = {api.key: Counter() for api in APIS}


class Bundle:
    """Everything a test needs for one API."""

    def __init__(self, api: Api, root: Path) -> None:
        self.api = api
        out = root / api.key
        spec = str(api.path)
        generator = [str(PYTHON), "-m", "generator"]
        subprocess.run(
            [*generator, "generate", "--openapi", spec, "--package", api.key, "--out", str(out), "-q", "--no-cache"],
            cwd=REPO, check=True,
        )  # fmt: skip
        ir = subprocess.run(
            [*generator, "ir", "--openapi", spec, "--package", api.key, "-q"],
            cwd=REPO, check=True, capture_output=True,
        )  # fmt: skip
        self.operations = {op["id"]: op for op in json.loads(ir.stdout)["operations"]}
        sys.path.insert(0, str(out / "python" / api.key))
        self.package = importlib.import_module(api.key)
        self.data = load(api)["operations"]
        self.server = ConformanceServer(api).__enter__()
        self.client = self.package.Client(
            api_key="Bearer conformance", base_url=self.server.base_url
        )

    def close(self) -> None:
        self.client.close()
        self.server.__exit__()


@pytest.fixture(scope="session")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Bundle]]:
    made: dict[str, Bundle] = {}
    root = tmp_path_factory.mktemp("conformance")

    class Lazy(dict[str, Bundle]):
        def __missing__(self, key: str) -> Bundle:
            made[key] = self[key] = Bundle(next(api for api in APIS if api.key == key), root)
            return made[key]

    yield Lazy()
    for bundle in made.values():
        bundle.close()


@pytest.fixture(scope="session")
def sync_worker() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(1, thread_name_prefix="conformance-sync") as pool:
        yield pool


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not any(TALLY.values()):
        return
    terminalreporter.section("conformance")
    for key, tally in TALLY.items():
        if tally:
            terminalreporter.write_line(
                f"{key}: {tally['operations']} operations, {tally['replies']} drawn replies "
                f"x sync/async = {tally['calls']} calls ({tally['sync']} sync, {tally['async']} async); "
                f"{tally['failed calls']} calls failed in {tally['failed operations']} operations; "
                f"{tally['requests']} requests matched to their operation and validated "
                f"({tally['waived']} validator findings waived, see waivers.py)"
            )
