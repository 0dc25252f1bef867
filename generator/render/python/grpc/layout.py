"""The layout the formatter gives the few statements of the gRPC modules that outgrow a line.

Generated modules are formatted (`ruff format`, Black's style) before they are written; a
statement emitted in the layout it would be given leaves the formatter nothing to rewrite
(about a thousand service modules and namespace `__init__`s of a large tree). These rules cover
the shapes our templates emit, not Python in general: where a shape is not covered, the
statement is emitted on one line and the formatter lays it out as before.

Widths are counted in characters, where the formatter counts a wide (East Asian) character as
two columns: a line that fits here may not fit there, and is then laid out by the formatter,
with the same result. A trailing comma (which would keep a split the formatter would undo) is
only added to what is too long by characters, so too long for the formatter as well.
"""

from __future__ import annotations

from generator.write import LINE_LENGTH  # the formatter's

INDENT = "    "


def from_import(source: str, names: list[str], indent: str = "") -> str:
    """`from source import a, b` at `indent`; too long for a line, one name a line in
    parentheses with a trailing comma (imports are always exploded so when split)."""
    line = f"{indent}from {source} import {', '.join(names)}"
    if len(line) <= LINE_LENGTH:
        return line
    inner = indent + INDENT
    listed = "".join(f"{inner}{name},\n" for name in names)
    return f"{indent}from {source} import (\n{listed}{indent})"


def request_build(indent: str, request: str, values: list[str]) -> str:
    """`request = _build(Request, {"a": a, ...})` at `indent` (its first line unindented, as a
    template places it): on one line; else the arguments on a line of their own; else one
    argument a line, the mapping on one line or, too long for it, one entry a line."""
    mapping = "{" + ", ".join(values) + "}"
    line = f"request = _build({request}, {mapping})"
    if len(indent) + len(line) <= LINE_LENGTH:
        return line
    inner = indent + INDENT
    arguments = f"{request}, {mapping}"
    if len(inner) + len(arguments) <= LINE_LENGTH:
        return f"request = _build(\n{inner}{arguments}\n{indent})"
    if len(inner) + len(request) + 1 > LINE_LENGTH:  # (a name too long for a line: left as is)
        return line
    if len(inner) + len(mapping) + 1 <= LINE_LENGTH:
        return f"request = _build(\n{inner}{request},\n{inner}{mapping},\n{indent})"
    if len(values) < 2:  # (one entry too long for a line: left to the formatter)
        return line
    entries = "".join(f"{inner}{INDENT}{value},\n" for value in values)
    return f"request = _build(\n{inner}{request},\n{inner}{{\n{entries}{inner}}},\n{indent})"
