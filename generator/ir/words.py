"""Split names as written in specs into lower-case words, the language-neutral form of a name."""

from __future__ import annotations

import re
import unicodedata

from generator.ir.model import Name
from generator.text_memo import short_text_memo

# An upper-case run followed by a capitalized word splits before the last capital:
# "HTTPServer" -> HTTP, Server; "getV2Models" -> get, V2, Models.
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+[a-z]*")

_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")


@short_text_memo(maxsize=65536)  # the same names recur across a spec (fields, types, ids)
def split_words(text: str) -> tuple[str, ...]:
    """Split camelCase, PascalCase, snake_case, kebab-case, dotted and spaced text into words.

    Non-ASCII letters are transliterated where NFKD gives an ASCII base and dropped otherwise.
    """
    ascii_text = (
        text
        if text.isascii()
        else unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    )
    words: list[str] = []
    for chunk in _SEPARATORS.split(ascii_text):
        words.extend(match.lower() for match in _WORD.findall(chunk))
    return tuple(words)


@short_text_memo(maxsize=65536)  # (one frozen `Name` for every field, parameter, ... so named)
def make_name(wire: str) -> Name:
    return Name(wire=wire, words=split_words(wire))
