"""The generated package README's quickstart type-checks against the package (mypy --strict)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.support.paths import GENERATED


def test_quickstart_snippets_type_check(tmp_path: Path) -> None:
    readme = (GENERATED / "python" / "ai_studio" / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert len(blocks) >= 4, "quickstart: sync, async, operations and realtime examples expected"
    script = tmp_path / "quickstart.py"
    script.write_text("\n".join(blocks))  # one program, in the order a reader meets the snippets
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", str(script)],
        cwd=GENERATED / "python" / "ai_studio", capture_output=True, text=True, check=False,
        env={"MYPYPATH": str(GENERATED / "python" / "ai_studio"), "PATH": str(Path(sys.executable).parent)},
    )
    assert result.returncode == 0, result.stdout[-3000:]
