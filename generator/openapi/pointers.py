"""JSON pointers (RFC 6901) as used in `$ref` fragments and in problem locations."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    # Order matters: "~01" is "~1" literally, not "/".
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *tokens: str | int) -> str:
    if len(tokens) == 1:  # the common case, called for every node a conversion visits
        token = str(tokens[0])
        return f"{pointer}/{escape(token) if '~' in token or '/' in token else token}"
    return pointer + "".join("/" + escape(str(token)) for token in tokens)


def split(pointer: str) -> list[str]:
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"a JSON pointer starts with '/': {pointer!r}")
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
