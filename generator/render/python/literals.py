"""Spec text as safe Python source: string literals, docstrings and comments.

Nothing from a spec reaches generated code except through these functions or the identifier
functions in `generator.render.python.naming`.
"""

from __future__ import annotations

import json
import re
import textwrap

from generator.text_memo import short_text_memo

_DOCSTRING_WIDTH = 92


def py_literal(value: object) -> str:
    """A Python literal for a JSON value (repr is safe for str/int/float/bool/None)."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, (int, str)):
        return repr(value) if not isinstance(value, str) else _string(value)
    if isinstance(value, float):
        return repr(value) if value == value and value not in (float("inf"), float("-inf")) else "None"
    if isinstance(value, list):
        return "[" + ", ".join(py_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{_string(str(k))}: {py_literal(v)}" for k, v in value.items())
        return "{" + items + "}"
    return _string(json.dumps(value, default=str))


def _string(text: str) -> str:
    # Double quotes as black prefers; repr-style escaping of everything else.
    body = repr(text)
    if body.startswith("'"):
        inner = body[1:-1].replace('\\"', '"').replace('"', '\\"').replace("\\'", "'")
        return f'"{inner}"'
    return body


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BLANK_RUNS = re.compile(r"\n{3,}")
# anything `clean_text` would change: CR, tab, control characters, a space before a line end,
# three line breaks in a row, a line break at either end
_UNCLEAN = re.compile(r"[\r\t\x00-\x08\x0b-\x1f\x7f]|[ ]\n|\n\n\n|^\n|\n\Z| \Z")


def clean_text(text: str) -> str:
    """Normalize spec prose: strip trailing spaces, drop control characters, collapse blank runs."""
    if not text:
        return ""
    if not _UNCLEAN.search(text):  # most texts: nothing to change, one scan
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    # line by line: the regex `[ \t]+$` is quadratic on a long run of spaces inside a line
    text = "\n".join(line.rstrip(" \t") for line in _CONTROL.sub("", text).split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")


@short_text_memo(maxsize=4096)  # a pure function; descriptions repeat (shared parameters, fields)
def docstring_body(text: str, indent: str) -> str:
    """Text that is safe between triple double quotes, indented for its place in the code.

    Backslashes are doubled and quote runs broken, so the spec cannot end the docstring early
    or smuggle escapes; long lines are wrapped at word boundaries.
    """
    text = clean_text(text).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if text.endswith('"'):
        text += " "
    out: list[str] = []
    for line in reflow(text.split("\n")):
        if len(line) + len(indent) > _DOCSTRING_WIDTH and not line.lstrip().startswith(("|", "```", "    ")):
            lead = line[: len(line) - len(line.lstrip())]
            wrapped = textwrap.wrap(
                line,
                width=_DOCSTRING_WIDTH - len(indent),
                subsequent_indent=lead + "    " if lead else "",
                break_long_words=False,
                break_on_hyphens=False,
            )
            out.extend(wrapped or [""])
        else:
            out.append(line)
    return ("\n" + indent).join(out).replace(indent + "\n", "\n")


_STRUCTURE = re.compile(r"^(\s|[-*+|#>]|\d+[.)]\s|```|Args:)")


def reflow(lines: list[str]) -> list[str]:
    """Join the hard-wrapped lines of each prose paragraph, so they can be wrapped evenly.

    Lines that carry structure (indented, list items, tables, headings, fences) stay as they are.
    """
    # Each output line is gathered as a list of parts and joined once: appending to a growing
    # string would make a paragraph of many short lines quadratic.
    out: list[list[str]] = []
    fenced = False
    for line in lines:
        if line.startswith("```"):
            fenced = not fenced
            out.append([line])
            continue
        joinable = (
            not fenced
            and out
            and out[-1][0]
            and line
            and not _STRUCTURE.match(line)
            and not _STRUCTURE.match(out[-1][0])
        )
        if joinable:
            out[-1].append(line)
        else:
            out.append([line])
    return [" ".join(parts) for parts in out]


def docstring(text: str, indent: str) -> str:
    """A complete docstring statement (with quotes), or "" when there is no text."""
    if not text:  # (most fields have no description: no memo lookup for them)
        return ""
    body = docstring_body(text, indent)
    if not body.strip():
        return ""
    if "\n" not in body and len(body) + len(indent) + 6 <= 100:
        return f'"""{body}"""'
    return f'"""{body}\n{indent}"""'


def comment(text: str) -> str:
    """A single-line comment body (no newlines)."""
    return " ".join(clean_text(text).split())
