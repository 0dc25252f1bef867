"""Every model and union of the committed packages builds its pydantic validator."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.paths import GENERATED, REPO


def test_every_committed_model_and_union_validator_builds() -> None:
    packages = sorted(p for p in (GENERATED / "python").iterdir() if (p / "pyproject.toml").exists())
    assert packages
    for root in packages:
        modules = sorted(
            ".".join(init.parent.relative_to(root).parts)
            for init in root.glob("*/**/models/__init__.py")
            if "_runtime" not in init.parts
        )
        assert modules, f"no models package in {root}"
        result = subprocess.run(
            [sys.executable, "-m", "tests.support.build_models", *modules],
            cwd=root, env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True, text=True, check=False,
        )
        assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-3000:]
