"""Costs that grew faster than the input: each case runs in a subprocess with a time cap tens of
times above what the linear code needs, and far below what the quadratic (or worse) code took.

The time per element is measured in `bench/bench_linearity.py`; these tests only catch a return
to super-linear behaviour (the cap is a hang detector, not a speed target).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.support.paths import REPO

CAP_SECONDS = 30

CASES = {
    # 100k enum values: `_unique` compared each value with every earlier one (56 s)
    "enum values made unique": """
        from generator.openapi.schemas import _unique
        values = [f"v{i}" for i in range(100_000)] + ["v1", "v2"]
        assert _unique(values) == values[:100_000]
    """,
    # 100k enum members with one name: numbering restarted at 2 for every repeat
    "equal names numbered": """
        from generator.render.python.naming import dedupe
        names = dedupe(["X"] * 100_000)
        assert names[:3] == ["X", "X_2", "X_3"] and len(set(names)) == 100_000
    """,
    # a paragraph of 2M short lines: joined by growing one string
    "paragraph of short lines joined": """
        from generator.render.python.literals import reflow
        assert reflow(["ab"] * 2_000_000) == [" ".join(["ab"] * 2_000_000)]
    """,
    # a docstring of 1M short lines, through the whole docstring path (400k took 12 s)
    "docstring of many lines": """
        from generator.render.python.literals import docstring
        assert docstring("ab\\n" * 1_000_000, "    ").count("ab") == 1_000_000
    """,
    # 1M spaces inside a line: the regex `[ \\t]+$` retried from every space
    "trailing spaces stripped": """
        from generator.render.python.literals import clean_text
        assert clean_text(" " * 1_000_000 + "x  \\ny ") == " " * 1_000_000 + "x\\ny"
    """,
    # a run of 100k backticks: the code-span regex with a back reference was cubic
    "code spans found": """
        from generator.render.docs.markdown import md_text
        assert md_text("`" * 100_000 + "<b>") == "`" * 100_000 + "&lt;b&gt;"
        assert md_text("a `<x>` b ``<y>`` c ``` <z>") == "a `<x>` b ``<y>`` c ``` &lt;z&gt;"
    """,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_linear(name: str) -> None:
    code = textwrap.dedent(CASES[name])
    try:
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=CAP_SECONDS
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: not done after {CAP_SECONDS} s (super-linear cost)")
    assert result.returncode == 0, result.stderr
