"""JSON pointers (RFC 6901), as used in `$ref` fragments and in problem locations of any input."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    # Order matters: "~01" is "~1" literally, not "/".
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *tokens: str | int) -> str:
    # called for every node a conversion visits: escape only what needs it
    for token in tokens:
        text = token if type(token) is str else str(token)
        pointer = f"{pointer}/{escape(text) if '~' in text or '/' in text else text}"
    return pointer


def split(pointer: str) -> list[str]:
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"a JSON pointer starts with '/': {pointer!r}")
    if "~" not in pointer:  # nothing escaped: the common case
        return pointer[1:].split("/")
    return [unescape(token) for token in pointer[1:].split("/")]


def from_fragment(fragment: str) -> str:
    """The pointer written in a URI fragment: percent-decoded first, then split as a pointer."""
    return unquote(fragment)


def lookup(document: Any, pointer: str) -> Any:
    """The node at `pointer`; raises LookupError (KeyError/IndexError) when it is missing."""
    node = document
    for token in split(pointer):
        if isinstance(node, dict):
            node = node[token]
        elif isinstance(node, list):
            if not token.isdigit() or (len(token) > 1 and token.startswith("0")):
                raise KeyError(token)
            node = node[int(token)]
        else:
            raise KeyError(token)
    return node


def last_token(pointer: str) -> str:
    tokens = split(pointer)
    return tokens[-1] if tokens else ""


def of_place(place: Any) -> str:
    """The pointer of a place kept as nested (parent place, key) pairs, None at the top: walks
    of a whole document keep places so, and make pointers only where they need one."""
    keys: list[str | int] = []
    while place is not None:
        place, key = place
        keys.append(key)
    return join("", *reversed(keys))
