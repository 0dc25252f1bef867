"""`clean_text` returns most texts untouched after one scan; the shortcut must agree with the full
normalization on every text, which this property test checks against a plain restatement of it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.python.literals import clean_text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _normalized(text: str) -> str:
    """The rule as documented: CRLF/CR to LF, tabs to four spaces, control characters dropped,
    trailing spaces stripped per line, blank runs collapsed, line breaks at the ends dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    lines = [line.rstrip(" ") for line in _CONTROL.sub("", text).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=" \n\r\tab\x01\x0b\x0c\x7f\u00a0é"))
def test_shortcut_agrees_with_the_full_rule(text: str) -> None:
    assert clean_text(text) == _normalized(text)


def test_clean_text_is_returned_as_is() -> None:
    text = "Line one.\n\nLine two with `code`."
    assert clean_text(text) is text
