"""`mypy --strict` on a generated package, as a user of it would run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def assert_mypy_strict(root: Path, package: str) -> None:
    """mypy --strict finds nothing in `package` (in the folder `root`); its report otherwise."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", package],
        cwd=root, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]
