"""`python -m generator.openapi.validate_worker ROOT [CACHE VARIANT]`: the validation worker.

Reads the parsed document (and other files as converted from 2.0, and the digests of the entries
the document was read from) as JSON on stdin (the caller parsed it already) and writes the
findings as JSON on stdout, with how many parts were checked and how many of them by the library
this time (`validation_parts`: CACHE is the cache folder, VARIANT what else the findings depend
on). Kept apart from `validate` so that `-m` does not import this module twice.
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

from generator.openapi.cache import Cache
from generator.openapi.validate import prepare
from generator.openapi.validation_parts import validate_by_parts


def main(argv: list[str]) -> int:
    prepare()  # import the library while the caller is still parsing
    document, documents, entries = json.load(sys.stdin.buffer)
    # The document's millions of objects live until the end: out of the collector's way (the
    # library's many short-lived objects otherwise trigger full collections that walk them all).
    gc.freeze()
    root, folder, variant = [*argv, "", ""][:3]
    cache = Cache(Path(folder) if folder else None)
    outcome = validate_by_parts(root, document, cache, variant, documents, entries=entries)
    rows = [[f.file, f.pointer, f.message] for f in outcome.findings]
    result = {"findings": rows, "parts": outcome.parts, "validated": outcome.validated}
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
