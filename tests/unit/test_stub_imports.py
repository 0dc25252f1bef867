"""`stubs.rewrite_imports` rewrites the imports of our own stub modules wherever they are in a
stub (it looks at the text up to its last `import ` only: nothing after it can be an import)."""

from __future__ import annotations

import random

import pytest

from generator.proto.stubs import rewrite_imports

OWNED = {"a.b_pb2": "a/b_pb2.py", "c_pb2": "c_pb2.py"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("import c_pb2", "from p._pb import c_pb2 as c_pb2"),
        ("x = 1\nimport c_pb2\n", "x = 1\nfrom p._pb import c_pb2 as c_pb2\n"),
        ("from a import b_pb2 as q\ny = 'import '\n", "from p._pb.a import b_pb2 as q\ny = 'import '\n"),
        ("if T:\n  from a import b_pb2\nclass X: ...\n", "if T:\n  from p._pb.a import b_pb2\nclass X: ...\n"),
        ("import os\nfrom a import other_pb2\n", "import os\nfrom a import other_pb2\n"),
        # what protoc writes for `import public "a/b.proto"` (`.py`, then `.pyi`)
        ("from a.b_pb2 import *\nD = 1\n", "from p._pb.a.b_pb2 import *\nD = 1\n"),
        ("from c_pb2 import M as M\n", "from p._pb.c_pb2 import M as M\n"),
        ("from os import *\nfrom a.c_pb2 import *\n", "from os import *\nfrom a.c_pb2 import *\n"),
        (
            "import c_pb2\n_b.BuildTopDescriptorsAndMessages(DESCRIPTOR, 'a.b_pb2', g)\n",
            "from p._pb import c_pb2 as c_pb2\n_b.BuildTopDescriptorsAndMessages(DESCRIPTOR, 'p._pb.a.b_pb2', g)\n",
        ),
    ],
)
def test_rewritten(text: str, expected: str) -> None:
    assert rewrite_imports(text, OWNED, "p._pb") == expected


def test_same_as_line_by_line() -> None:
    """Random stubs of import lines, other lines and builder calls: each line is rewritten as it
    would be alone (what the rewrite is, line by line)."""
    lines = ["import c_pb2", "import os", "from a import b_pb2 as q", "  import c_pb2", "x = 'import '",
             "_b.BuildTopDescriptorsAndMessages(DESCRIPTOR, 'c_pb2', g)", "", "class C: ...",
             "from a.b_pb2 import *", "from c_pb2 import M as M", "from os import *"]  # fmt: skip
    draw = random.Random(7)
    for _ in range(2_000):
        chosen = [draw.choice(lines) for _ in range(draw.randint(0, 8))]
        expected = "\n".join(rewrite_imports(line, OWNED, "p._pb") for line in chosen)
        assert rewrite_imports("\n".join(chosen), OWNED, "p._pb") == expected
