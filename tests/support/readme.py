"""The quickstart code blocks of a generated package README, and the documented ways to point
them at a local server (the README of each kind says which)."""

from __future__ import annotations

import contextlib
import io
import re

_SECTION = re.compile(r"^## Quickstart\n(.*?)(?=^## |\Z)", re.S | re.M)
_BLOCK = re.compile(r"^(`{3,})python\n(.*?)^\1$", re.S | re.M)


def quickstart_blocks(readme: str) -> list[str]:
    """The Python code blocks of the `## Quickstart` section, in order."""
    section = _SECTION.search(readme)
    assert section is not None, "the README has no `## Quickstart` section"
    return [code for _, code in _BLOCK.findall(section.group(1))]


def with_keyword(code: str, keyword: str, value: str) -> str:
    """`code` with the literal of `keyword=` in the client's construction replaced by `value`."""
    changed, count = re.subn(rf'\b{keyword}="[^"]*"', f"{keyword}={value}", code)
    assert count >= 1, f"no `{keyword}=` to point elsewhere in:\n{code}"
    return changed


def run(code: str, name: str) -> str:
    """Execute a quickstart as a program of its own; what it printed."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, name, "exec"), {"__name__": "__main__"})
    return printed.getvalue()


def vendored_requirements(readme: str) -> list[str]:
    """The ranges the README's Vendor section asks to install."""
    section = readme.split("\n## Vendor\n", 1)[1].split("\n## ", 1)[0]
    line = re.search(r"^pip install (.+)$", section, re.M)
    assert line is not None, "the Vendor section names no dependencies"
    return re.findall(r'"([^"]+)"', line.group(1))
