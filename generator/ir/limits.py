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

With a `Memo`, an operation or type met unchanged since the last run (same content digest) and
found within every limit then is not walked again: its prose length is taken from the memo.
Anything over a limit is never remembered, so its problems are found and located every run.
A deferred type (`generator.ir.deferred`) found in the memo is thereby never built (one whose
memo entry is only a bound, below, is built when the bounds could pass the budget).

A memo may also know the IR snapshot text of the types a front end converted this run
(`serialize.Fragments.handed_text`): a type whose text is short (`within_by_repr`) is within
every limit but the total of prose without a walk, and its prose is at most what its text holds
under the prose fields' keys (`prose_bound`). Such bounds are summed instead of counts; when the
sum could pass MAX_TOTAL_TEXT, the walk is done again counting exactly (`enforce`), so the
problems found and where are always those of the walk of everything.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from generator.diagnostics import Diagnostics
from generator.ir.deferred import Deferred
from generator.ir.extensions import PROSE_EXTENSIONS
from generator.ir.model import API, EnumType, Location, Name, TypeExpr

MAX_TEXT_LENGTH = 100_000
MAX_TOTAL_TEXT = 20_000_000
MAX_VALUE_LENGTH = 10_000
MAX_ENUM_VALUES = 100_000

_PROSE = frozenset({"description", "summary", "title"})
_LEAVES = frozenset({int, float, bool, type(None)})  # values with no text in them
_PARTS = frozenset({"operations", "types"})  # the API's fields whose items a `Memo` remembers
# Field annotations (as written: the IR module postpones them) of values that hold no text: the
# walker does not look at such fields at all (a third of the IR's fields: flags and bounds)
_NUMERIC = frozenset({"bool", "bool | None", "int", "float", "int | None", "float | None", "tuple[tuple[int, int], ...]"})
# A prose field's string in a snapshot text (orjson's, indented): its key, then its JSON string.
# Such a pattern starting inside a string is only ever a key of plain data: raw quotes in a
# string are escaped, and after a string's closing quote come no letters
_PROSE_IN_TEXT = re.compile(
    rb'"(?:%s)": "([^"\\]*(?:\\.[^"\\]*)*)"' % b"|".join(name.encode() for name in sorted(_PROSE))
)


class Memo:
    """The prose length of each operation and type found within every limit, by content digest:
    last run's (`previous`) and this run's (`current`). A length known only as a bound (that of
    a type not walked, `prose_bound`) is kept as its bitwise complement (a negative number)."""

    def __init__(
        self,
        digest: Callable[[Any], str],
        previous: dict[str, int] | None = None,
        texts: Callable[[Any], bytes | None] | None = None,
    ) -> None:
        self.digest = digest  # an IR node's content digest (`generator.ir.serialize.Fragments`)
        self.previous = previous or {}
        self.texts = texts  # an IR node's snapshot text, when a front end handed it on, else None
        self.current: dict[str, int] = {}
        self.reused = 0  # operations and types taken from the memo this run
        self.walked = 0  # ... walked
        self.sized = 0  # ... found within the limits by the size of their snapshot text

    def restart(self) -> None:
        """Forget what this run found so far (`enforce` walks again)."""
        self.current = {}
        self.reused = self.walked = self.sized = 0


def enforce(api: API, diagnostics: Diagnostics, fallback: Location, memo: Memo | None = None) -> API:
    """`api` with over-long prose cut; problems recorded in `diagnostics` with where they are.

    `fallback` locates what has no location of its own (the API's title and description).
    """
    checked: API
    if memo is not None:
        # first with bounds of prose where the memo has them: unless their sum could pass the
        # budget (then nothing found here is told), what this finds is what the walk of all finds
        found = Diagnostics(strict=diagnostics.strict)
        try:
            checked = _Walker(found, memo, bounded=True).node(api, fallback)
        except _BoundPastBudget:
            memo.restart()
        else:
            diagnostics.problems += found.problems
            return checked
    checked = _Walker(diagnostics, memo).node(api, fallback)
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


def within_by_repr(size: int) -> bool:
    """Whether an operation or type whose repr is `size` characters long is surely within every
    limit but the total of prose, without a walk: each of its strings is in its repr, whole (as
    written or escaped, which only lengthens it), and each enum value takes more than a character
    of it; its prose is at most `size` characters too (an upper bound, not the count). The same
    holds of its text in the IR snapshot, in UTF-8 bytes (`serialize.snapshot_text`: strings at
    their defaults, a few characters, aside)."""
    return size <= min(MAX_VALUE_LENGTH, MAX_TEXT_LENGTH, MAX_ENUM_VALUES)


def prose_bound(text: bytes) -> int:
    """At most how much prose `enforce` counts in the operation or type whose snapshot text
    (`serialize.snapshot_text`) is `text`: the UTF-8 bytes of the JSON strings under the prose
    fields' keys (as long as the text or longer: escapes and non-ASCII characters lengthen it;
    plain data, such as an example with a `description` key, adds what is no prose)."""
    return sum(map(len, _PROSE_IN_TEXT.findall(text)))


class _BoundPastBudget(Exception):
    """The bounds of prose summed could pass MAX_TOTAL_TEXT: only counting tells."""


class _Walker:
    def __init__(
        self, diagnostics: Diagnostics, memo: Memo | None = None, *, bounded: bool = False
    ) -> None:
        self.diagnostics = diagnostics
        self.memo = memo
        # whether `total_text` may be a bound: past the budget, it raises `_BoundPastBudget`
        self.bounded = bounded
        self.total_text = 0
        self.over_budget = False
        self.value_reported = False
        self.over_limit = False  # something was over a limit (reported or not) since last reset
        self.plans: dict[type, tuple[tuple[str, bool], ...] | None] = {}
        # type expressions found within every limit, by id (each kept: its id stays its own)
        self.clean_exprs: dict[int, TypeExpr] = {}

    def node(self, node: Any, where: Location) -> Any:
        """Dataclasses rebuilt only when something in them was cut; other values as they are."""
        kind = type(node)
        if kind in _LEAVES:
            return node
        if kind is TypeExpr:
            return self.expr(node, where)
        return self.fields(node, kind, where)

    def expr(self, node: TypeExpr, where: Location) -> Any:
        """A type expression holds no prose, and a front end may use one object in many places
        (`generator.openapi.shared_exprs`): once found within every limit, it is not walked
        again (it would count no prose and find nothing)."""
        if self.clean_exprs.get(id(node)) is node:
            return node
        outer, self.over_limit = self.over_limit, False
        new = self.fields(node, TypeExpr, where)
        if new is node and not self.over_limit:
            self.clean_exprs[id(node)] = node
        self.over_limit = outer or self.over_limit
        return new

    def fields(self, node: Any, kind: type, where: Location) -> Any:
        plan = self._plan(kind)
        if plan is None:
            return self.other(node, where)
        own = getattr(node, "location", None)
        if isinstance(own, Location):
            where = own
        if kind is EnumType and len(node.values) > MAX_ENUM_VALUES:
            self.over_limit = True
            self.diagnostics.error(
                where,
                f"enum {node.id!r} has {len(node.values)} values, more than the limit of "
                f"{MAX_ENUM_VALUES}",
            )
        is_api = kind is API
        parts = is_api and self.memo is not None
        changes: dict[str, Any] = {}
        new: Any
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
            elif parts and name in _PARTS:
                new = self.parts(value, where)
            elif is_api and name == "extensions":
                new = self.extensions(value, where)
            elif kind is tuple:
                new = self.sequence(value, where)
            elif kind is Location and max(len(value.file), len(value.pointer)) <= MAX_VALUE_LENGTH:
                continue  # most nodes have one: checked here, without a call
            elif kind is Name and len(value.wire) + sum(map(len, value.words)) <= MAX_VALUE_LENGTH:
                continue  # (as are most names: short strings all)
            else:
                new = self.node(value, where)
            if new is not value:
                changes[name] = new
        return dataclasses.replace(node, **changes) if changes else node

    def parts(self, items: tuple[Any, ...], where: Location) -> tuple[Any, ...]:
        """The API's operations or types, each remembered one taken from the memo (and, counting
        bounds, each whose snapshot text the memo knows and is short)."""
        memo = self.memo
        assert memo is not None
        out = []
        bounded, texts = self.bounded, memo.texts if self.bounded else None
        for item in items:
            key = memo.digest(item)
            known = memo.previous.get(key)
            if known is not None and known < 0 and not bounded:
                known = None  # (a bound: counting needs a walk)
            sized = False
            if known is None and texts is not None:
                text = texts(item)
                if text is not None and within_by_repr(len(text)):
                    known, sized = ~prose_bound(text), True
            if known is not None:
                count = known if known >= 0 else ~known
                # a remembered item that would take the prose past the budget is walked, so
                # that the error is located where the budget runs out, as in a cold run
                if self.over_budget or self.total_text + count <= MAX_TOTAL_TEXT:
                    self.total_text += count
                    memo.current[key] = known
                    if sized:
                        memo.sized += 1
                    else:
                        memo.reused += 1
                    out.append(item)
                    continue
                if bounded:
                    raise _BoundPastBudget
            before, self.over_limit = self.total_text, False
            new = self.node(item, where)
            memo.walked += 1
            if not self.over_limit:
                memo.current[key] = self.total_text - before
            out.append(new)
        changed = any(new is not old for new, old in zip(out, items, strict=True))
        return tuple(out) if changed else items

    def extensions(self, items: tuple[tuple[str, Any], ...], where: Location) -> Any:
        """The API's extensions, rebuilt only when a text was cut: the texts of those that map
        names to prose (`PROSE_EXTENSIONS`, such as a proto service's comment) are held to the
        limits of prose (cut, and counted), the rest to those of values."""
        out: list[tuple[str, Any]] = []
        for name, value in items:
            self.value(name, where)
            if name in PROSE_EXTENSIONS and type(value) is dict:
                texts = {}
                for key, text in value.items():
                    self.value(str(key), where)
                    if type(text) is str:
                        texts[key] = self.prose(text, f"description of {key!r}", where)
                    else:
                        texts[key] = self.node(text, where)
                changed = any(texts[key] is not text for key, text in value.items())
                out.append((name, texts if changed else value))
            else:
                out.append((name, self.node(value, where)))
        if all(new is old for (_, new), (_, old) in zip(out, items, strict=True)):
            return items
        return tuple(out)

    def other(self, node: Any, where: Location) -> Any:
        """Strings, sequences and mappings: checked; sequences rebuilt when an item changed; a
        deferred named type (`generator.ir.deferred`) walked as built."""
        if type(node) is Deferred:  # (given back as it is when nothing in it was cut: the
            built = node.built()  # caches downstream know a deferred type by its digest)
            new = self.node(built, where)
            return node if new is built else new
        if isinstance(node, str):
            if len(node) > MAX_VALUE_LENGTH:
                self.value(node, where)
            return node
        if isinstance(node, tuple | list):
            return self.sequence(node, where)
        if isinstance(node, dict):
            for key, value in node.items():
                self.value(str(key), where)
                self.node(value, where)
        return node

    def sequence(self, node: tuple[Any, ...] | list[Any], where: Location) -> Any:
        """A tuple or list, rebuilt only when an item changed. Most items are short strings (the
        words of a name): checked here, without a call; nothing is copied unless needed."""
        changed: list[Any] | None = None
        for index, item in enumerate(node):
            if type(item) is str:
                if len(item) > MAX_VALUE_LENGTH:
                    self.value(item, where)
                continue
            new = self.node(item, where)
            if new is not item:
                if changed is None:
                    changed = list(node)
                changed[index] = new
        return node if changed is None else type(node)(changed)

    def prose(self, text: str, field: str, where: Location) -> str:
        if len(text) > MAX_TEXT_LENGTH:
            self.over_limit = True
            self.diagnostics.warn(
                where,
                f"{field} of {len(text)} characters cut to the first {MAX_TEXT_LENGTH} "
                "(the limit on one text)",
            )
            text = text[:MAX_TEXT_LENGTH]
        self.total_text += len(text)
        if self.total_text > MAX_TOTAL_TEXT and not self.over_budget:
            if self.bounded:
                raise _BoundPastBudget
            self.over_budget = True
            self.diagnostics.error(
                where,
                f"the spec's descriptions add up to more than {MAX_TOTAL_TEXT} characters "
                "(the limit of one API; texts repeated through $ref count at every use)",
            )
        return text

    def value(self, text: str, where: Location) -> None:
        if len(text) > MAX_VALUE_LENGTH:
            self.over_limit = True
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
            plan = tuple(
                (f.name, f.name in _PROSE) for f in dataclasses.fields(cls) if f.type not in _NUMERIC
            )
        self.plans[cls] = plan
        return plan
