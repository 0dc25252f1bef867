"""`python -m generator.openapi.validate_worker ROOT`: validation in a process of its own.

Reads the parsed document (and other files as converted from 2.0) as JSON on stdin (the caller parsed it already) and writes the findings
as JSON on stdout. Kept apart from `validate` so that `-m` does not import this module twice.
"""

from __future__ import annotations

import json
import sys

from generator.openapi.validate import prepare, validate


def main(argv: list[str]) -> int:
    prepare()  # import the library while the caller is still parsing
    document, documents = json.load(sys.stdin.buffer)
    found = validate(argv[0], document, documents)
    sys.stdout.write(json.dumps([[f.file, f.pointer, f.message] for f in found]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
