"""Strings an input (a spec, an overlay, the configuration) can hold that cannot become output:
lone UTF-16 surrogates (JSON and YAML escapes can spell them; no file can be written with them)
and integers longer than Python converts. One wording of each problem for every reader."""

from __future__ import annotations

import re
import sys
from typing import Any

from generator import json_pointer

SURROGATE = re.compile("[\ud800-\udfff]")


def too_long_integer(length: int) -> str:
    return (
        f"an integer {length:,} characters long: Python reads at most "
        f"{sys.get_int_max_str_digits():,} digits (write it as a string)"
    )


def surrogate_problem(pointer: str) -> str:
    return (
        f"the string at {pointer or '/'} holds a lone UTF-16 surrogate (an escape from \\uD800 to "
        "\\uDFFF): not Unicode text"
    )


def surrogate_pointer(document: Any) -> str | None:
    """The JSON pointer of the first string (key or value) holding a UTF-16 surrogate, with the
    surrogates in it written as escapes; None when no string holds one."""
    pending: list[tuple[Any, str]] = [(document, "")]
    while pending:
        node, pointer = pending.pop()
        if isinstance(node, str):
            if SURROGATE.search(node):
                return SURROGATE.sub(lambda found: f"\\u{ord(found[0]):04x}", pointer)
        elif isinstance(node, (dict, list)):
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            for key in reversed(keys):  # (popped in the order written, each key first)
                place = json_pointer.join(pointer, key)
                pending.append((node[key], place))
                if isinstance(key, str):
                    pending.append((key, place))
    return None
