"""The digest of a package's output on disk (what an up-to-date check compares with the stamp):
the same as the digest of the texts written, whatever else lies in the output folders."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from generator import pipeline, write

FILES = {
    "python/pkg/pkg/__init__.py": "x = 1\n",
    "python/pkg/pkg/models/a.py": "a = 'é'\n",
    "python/pkg/README.md": "# pkg\n",
    "docs/pkg/index.md": "# Docs\n",
    "ir/pkg.json": "{}\n",
}


def _package() -> Any:
    return SimpleNamespace(name="pkg", apis=())


def test_the_output_on_disk_digests_as_the_texts_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write.write_files(str(out), FILES)
    # not output: byte code, a pipe, a linked folder (not entered); a linked file is read
    (out / "python/pkg/pkg/__pycache__").mkdir()
    (out / "python/pkg/pkg/__pycache__/a.cpython-311.pyc").write_bytes(b"\0")
    os.mkfifo(out / "python/pkg/pkg/pipe")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.py").write_text("b = 1\n")
    (out / "docs/pkg/linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    expected = pipeline._output_digest(out, _package(), FILES)
    assert pipeline._output_digest(out, _package()) == expected

    (out / "python/pkg/pkg/models/a.py").unlink()
    (out / "python/pkg/pkg/models/a.py").symlink_to(tmp_path / "elsewhere" / "b.py")
    linked = {**FILES, "python/pkg/pkg/models/a.py": "b = 1\n"}
    assert pipeline._output_digest(out, _package()) == pipeline._output_digest(out, _package(), linked)

    (out / "python/pkg/pkg/models/c.py").write_text("")  # a file added by hand is seen
    assert pipeline._output_digest(out, _package()) != pipeline._output_digest(out, _package(), linked)
