"""Ids and words for named types: component keys as they are, inline types from where they sit.

An inline type that needs a name (an object with properties, an enum) is named by its place:
`CreateChatCompletionRequest.response_format`, `A.b.item` (array items), `A.b.value` (map values),
`A.b.text` (the union variant whose discriminator value is "text", else `A.b.variant0`),
`createFile.request`, `listFiles.response`, `listFiles.order` (a parameter). The words are the words
of every step, so renderers can build `CreateChatCompletionRequestResponseFormat`.
"""

from __future__ import annotations

from generator import json_pointer as pointers
from generator.ir.words import split_words


class Place:
    """A naming place: the id and words a type hoisted there gets. A child's id and words are
    spelled out only when asked for (most places, one per field, never name a type)."""

    __slots__ = ("_id", "_parent", "_step", "_words")

    def __init__(self, id: str, words: tuple[str, ...]) -> None:
        self._id: str | None = id
        self._words: tuple[str, ...] | None = words
        self._parent: Place | None = None
        self._step = ""

    @property
    def id(self) -> str:
        if self._id is None:
            assert self._parent is not None
            self._id = f"{self._parent.id}.{self._step}"
        return self._id

    @property
    def words(self) -> tuple[str, ...]:
        if self._words is None:
            assert self._parent is not None
            self._words = self._parent.words + split_words(self._step)
        return self._words

    @staticmethod
    def root(wire: str) -> Place:
        return Place(wire, split_words(wire))

    def child(self, wire: str) -> Place:
        place = Place.__new__(Place)
        place._id = place._words = None
        place._parent, place._step = self, wire
        return place

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Place) and (self.id, self.words) == (other.id, other.words)

    def __hash__(self) -> int:
        return hash((self.id, self.words))

    def __repr__(self) -> str:
        return f"Place(id={self.id!r}, words={self.words!r})"


class IdRegistry:
    """Hands out unique type ids; a taken id gets the words of where the newcomer sits."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def reserve(self, type_id: str) -> None:
        self.taken.add(type_id)

    def claim(self, wanted: str, where: tuple[str, ...]) -> str:
        """`wanted` if free; else `wanted` plus more and more of the trailing `where` tokens."""
        if wanted not in self.taken:
            self.taken.add(wanted)
            return wanted
        tokens = [_slug(token) for token in where if _slug(token)]
        for count in range(1, len(tokens) + 1):
            candidate = f"{wanted}.{'_'.join(tokens[-count:])}"
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        # Only reached when two nodes sit at the same place: then the spec repeats itself.
        suffix = 2
        while f"{wanted}.{suffix}" in self.taken:
            suffix += 1
        self.taken.add(f"{wanted}.{suffix}")
        return f"{wanted}.{suffix}"


def _slug(token: str) -> str:
    return "_".join(split_words(token))


_STEP_NAMES = {"items": "item", "additionalProperties": "value"}


def place_from_pointer(pointer: str) -> Place:
    """A naming place for a schema addressed by pointer: `#/components/schemas/A/properties/b`
    is `A.b`, as if it had been met inline there."""
    tokens = pointers.split(pointer)
    if len(tokens) >= 3 and tokens[:2] == ["components", "schemas"]:
        place = Place.root(tokens[2])
        rest = tokens[3:]
    else:
        place = Place.root("_".join(split_words(" ".join(tokens[-2:]))) or "schema")
        rest = []
    index = 0
    while index < len(rest):
        token = rest[index]
        if token in ("properties", "patternProperties", "$defs", "definitions") and index + 1 < len(
            rest
        ):
            place = place.child(rest[index + 1])
            index += 2
        elif token in ("oneOf", "anyOf") and index + 1 < len(rest):
            place = place.child(f"variant{rest[index + 1]}")
            index += 2
        elif token == "allOf" and index + 1 < len(rest):
            index += 2
        else:
            place = place.child(_STEP_NAMES.get(token, token))
            index += 1
    return place
