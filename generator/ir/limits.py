"""Limits on what a spec can make the generator write, applied to the IR of either front end.

Spec text reaches the output as docstrings, comments, literals and Markdown; the formatter and
every later reader of the output pay for its size (ruff needs about 70 bytes of memory per
character of a long non-ASCII docstring). These limits keep the output, and the memory and time
needed to produce it, proportional to a reasonable spec:

- prose (`description`, `summary`, `title`) longer than MAX_TEXT_LENGTH characters is cut there,
  with a located warning;
- all prose of one API together may not exceed MAX_TOTAL_TEXT characters (a long text that many
  `$ref`s repeat counts at every use): going past it is a located error;
- any other string (names, ids, paths, enum values, defaults, patterns) longer than
  MAX_VALUE_LENGTH characters is a located error: cutting it would change what the code means;
- an enum with more than MAX_ENUM_VALUES values is a located error.

Nesting depth is bounded earlier, where it is read (`generator.openapi.nesting`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from generator.diagnostics import Diagnostics
from generator.ir.model import API, EnumType, Location

MAX_TEXT_LENGTH = 100_000
MAX_TOTAL_TEXT = 20_000_000
MAX_VALUE_LENGTH = 10_000
MAX_ENUM_VALUES = 100_000

_PROSE = frozenset({"description", "summary", "title"})
_LEAVES = frozenset({int, float, bool, type(None)})  # values with no text in them


def enforce(api: API, diagnostics: Diagnostics, fallback: Location) -> API:
    """`api` with over-long prose cut; problems recorded in `diagnostics` with where they are.

    `fallback` locates what has no location of its own (the API's title and description).
    """
    walker = _Walker(diagnostics)
    checked: API = walker.node(api, fallback)
    return checked


def within(api: API, fallback: Location, plans: dict[type, Any] | None = None) -> tuple[bool, int]:
    """Whether `enforce` would leave `api` as it is and find nothing to say, and the prose it
    counts against MAX_TOTAL_TEXT: a front end that builds an API from parts checks each part
    once and adds the counts up (what only the whole can break is that total). `plans` may
    be shared by the calls (what the walker learns of each IR class)."""
    scratch = Diagnostics()
    walker = _Walker(scratch)
    if plans is not None:
        walker.plans = plans
    return walker.node(api, fallback) is api and not scratch.problems, walker.total_text


class _Walker:
    def __init__(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics
        self.total_text = 0
        self.over_budget = False
        self.value_reported = False
        self.plans: dict[type, tuple[tuple[str, bool], ...] | None] = {}

    def node(self, node: Any, where: Location) -> Any:
        """Dataclasses rebuilt only when something in them was cut; other values as they are."""
        kind = type(node)
        if kind in _LEAVES:
            return node
        plan = self._plan(kind)
        if plan is None:
            return self.other(node, where)
        own = getattr(node, "location", None)
        if isinstance(own, Location):
            where = own
        if kind is EnumType and len(node.values) > MAX_ENUM_VALUES:
            self.diagnostics.error(
                where,
                f"enum {node.id!r} has {len(node.values)} values, more than the limit of "
                f"{MAX_ENUM_VALUES}",
            )
        changes: dict[str, Any] = {}
        for name, is_prose in plan:
            value = getattr(node, name)
            kind = type(value)
            if kind in _LEAVES:  # most fields: flags, numbers, absent values
                continue
            if kind is str:
                if is_prose:
                    new = self.prose(value, name, where)
                elif len(value) > MAX_VALUE_LENGTH:
                    self.value(value, where)
                    continue
                else:
                    continue
            else:
                new = self.node(value, where)
            if new is not value:
                changes[name] = new
        return dataclasses.replace(node, **changes) if changes else node

    def other(self, node: Any, where: Location) -> Any:
        """Strings, sequences and mappings: checked; sequences rebuilt when an item changed."""
        if isinstance(node, str):
            if len(node) > MAX_VALUE_LENGTH:
                self.value(node, where)
            return node
        if isinstance(node, tuple | list):
            items = [self.node(item, where) for item in node]
            changed = any(new is not old for new, old in zip(items, node, strict=True))
            return type(node)(items) if changed else node
        if isinstance(node, dict):
            for key, value in node.items():
                self.value(str(key), where)
                self.node(value, where)
        return node

    def prose(self, text: str, field: str, where: Location) -> str:
        if len(text) > MAX_TEXT_LENGTH:
            self.diagnostics.warn(
                where,
                f"{field} of {len(text)} characters cut to the first {MAX_TEXT_LENGTH} "
                "(the limit on one text)",
            )
            text = text[:MAX_TEXT_LENGTH]
        self.total_text += len(text)
        if self.total_text > MAX_TOTAL_TEXT and not self.over_budget:
            self.over_budget = True
            self.diagnostics.error(
                where,
                f"the spec's descriptions add up to more than {MAX_TOTAL_TEXT} characters "
                "(the limit of one API; texts repeated through $ref count at every use)",
            )
        return text

    def value(self, text: str, where: Location) -> None:
        if len(text) > MAX_VALUE_LENGTH and not self.value_reported:
            self.value_reported = True  # one is enough: the others are usually its copies
            self.diagnostics.error(
                where,
                f"a name or value of {len(text)} characters (starting {text[:40]!r}) is longer "
                f"than the limit of {MAX_VALUE_LENGTH}",
            )

    def _plan(self, cls: type) -> tuple[tuple[str, bool], ...] | None:
        """(field name, is prose) of a dataclass, once per class; None for other types."""
        try:
            return self.plans[cls]
        except KeyError:
            pass
        plan = None
        if dataclasses.is_dataclass(cls):
            plan = tuple((f.name, f.name in _PROSE) for f in dataclasses.fields(cls))
        self.plans[cls] = plan
        return plan
