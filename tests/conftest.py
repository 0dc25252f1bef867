"""Settings for the whole suite: the generator's cache in a temporary folder, never the user's (set
before any test module is imported, and inherited by the generator subprocesses tests start); no
real credentials from the developer's environment, and never the real metadata service
(169.254.169.254): its address points at a closed local port."""

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


for _name in ("YC_API_KEY", "YC_IAM_TOKEN", "YC_OAUTH_TOKEN", "YC_TOKEN", "YC_PROFILE"):
    os.environ.pop(_name, None)
os.environ["YC_METADATA_URL"] = "http://127.0.0.1:9/computeMetadata/v1/instance/service-accounts/default/token"
