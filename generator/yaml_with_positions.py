"""Reading YAML a person wrote by hand (the configuration, overlays) with ruamel.yaml, whose nodes
keep their line and column. Every way hostile text can break the reader is a located problem
(`YamlTextError`), never a traceback: deep nesting (the pure-Python reader recurses once per
level), integers longer than Python converts, lone UTF-16 surrogates (the reader takes
`"\\ud800"`, which is not text that can be written anywhere)."""

from __future__ import annotations

import re
import sys
from typing import Any

from generator.spec_strings import surrogate_pointer, surrogate_problem, too_long_integer

# an escaped UTF-16 surrogate in a double-quoted scalar
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]|\\U0000[dD][89a-fA-F]")


class YamlTextError(Exception):
    """A problem at `line`:`column` of the text (1-based; 0 when the place is unknown)."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def load(text: str) -> Any:
    """The document of `text` as ruamel.yaml's round-trip reader gives it (positions on nodes)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = YAML(typ="rt", pure=True).load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        raise YamlTextError(f"invalid YAML: {exc.problem}", line, column) from exc
    except YAMLError as exc:
        raise YamlTextError(f"invalid YAML: {exc}") from exc
    except RecursionError:
        raise YamlTextError("invalid YAML: nested too deeply to read") from None
    except ValueError:  # an integer of more digits than Python converts
        raise _too_long_integer(text) from None
    found = _SURROGATE_ESCAPE.search(text)
    pointer = surrogate_pointer(data) if found is not None else None
    if found is not None and pointer is not None:
        raise YamlTextError(surrogate_problem(pointer), *_line_and_column(text, found.start()))
    return data


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _too_long_integer(text: str) -> YamlTextError:
    """Where the first run of more digits than Python converts to an integer is, and the problem."""
    limit = sys.get_int_max_str_digits()
    found = re.search(f"[0-9]{{{limit + 1},}}", text)
    if found is None:
        return YamlTextError(f"invalid YAML: {too_long_integer(limit + 1)}")
    message = f"invalid YAML: {too_long_integer(len(found[0]))}"
    return YamlTextError(message, *_line_and_column(text, found.start()))
