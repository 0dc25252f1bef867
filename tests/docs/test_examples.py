"""Every Python example in the docs type-checks (`mypy --strict`) as written: each ```python
block is a whole program, imports included. Signatures are shown in ```py blocks, which are not
programs. (The package README's quickstart, one program over its blocks, is checked by
tests/unit/test_quickstart_types.py.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.support.paths import GENERATED

BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def example_blocks() -> list[tuple[str, str]]:
    """(where, code) for every ```python block, in a fixed order."""
    sources = sorted((GENERATED / "docs").rglob("*.md"))
    return [
        (f"{page.relative_to(GENERATED)} example {number}", code)
        for page in sources
        for number, code in enumerate(BLOCK.findall(page.read_text()), start=1)
    ]


def module_name(where: str) -> str:
    return "ex_" + re.sub(r"\W+", "_", where).strip("_")


def test_every_docs_example_type_checks(tmp_path: Path) -> None:
    blocks = example_blocks()
    assert len(blocks) > 200, "the docs should show an example per method"
    names = {}
    for where, code in blocks:
        name = module_name(where)
        names[name] = where
        (tmp_path / f"{name}.py").write_text(code)
    packages = [str(p) for p in sorted(GENERATED.glob("python/*")) if p.is_dir()]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null",
         "--no-error-summary", *sorted(str(p) for p in tmp_path.glob("*.py"))],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={"MYPYPATH": ":".join(packages), "PATH": str(Path(sys.executable).parent)},
    )
    # name the docs page and example behind each error, not the temporary file
    report = re.sub(r"(ex_\w+)\.py", lambda m: names.get(m.group(1), m.group(1)), result.stdout)
    assert result.returncode == 0, report[-6000:]
