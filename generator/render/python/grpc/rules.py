"""The client-side request checks of a proto package, as data for `<pkg>/_rules.py`.

Only rules that are cheap and exact are checked: required, length, size, numeric value
ranges and patterns that Python's `re` accepts. The rest stays in the docs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from generator.ir.model import API, Field, ObjectType
from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.grpc.targets import field_target
from generator.render.python.literals import py_literal


def _kind(f: Field) -> str:
    if f.type.kind in ("list", "map"):
        return "repeated"
    if f.type.kind == "ref" and f.proto is not None and f.proto.proto_type == "message":
        return "message"
    if f.proto is not None and (f.proto.proto3_optional or f.proto.oneof):
        return "message"  # has presence: HasField tells whether it was set
    return "scalar"


def _pattern_ok(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def rule_source(f: Field) -> str | None:
    v = f.validation
    if v is None:
        return None
    args = [py_literal(f.name.wire), py_literal(_kind(f)), py_literal(v.text)]
    checks = []
    if v.required:
        checks.append("required=True")
    for attribute in ("min_length", "max_length", "min_items", "max_items"):
        value = getattr(v, attribute)
        if value is not None:
            checks.append(f"{attribute}={value}")
    for attribute in ("minimum", "maximum"):
        value = getattr(v, attribute)
        if value is not None:
            checks.append(f"{attribute}={value!r}")
    if v.exclusive_minimum and v.minimum is not None:
        checks.append("exclusive_minimum=True")
    if v.exclusive_maximum and v.maximum is not None:
        checks.append("exclusive_maximum=True")
    if v.pattern and _pattern_ok(v.pattern):
        checks.append(f"pattern=re.compile({py_literal(v.pattern)})")
    if not checks:
        return None
    return f"Rule({', '.join(args + checks)})"


@lazy_dataclass(frozen=True, eq=False)  # (never compared: no __eq__ compiled at import)
class RuleSet:
    rules: dict[str, list[str]]  # type id -> Rule sources
    nested: dict[str, list[str]]  # type id -> fields to descend into

    def needs_check(self, type_id: str) -> bool:
        return type_id in self.rules or type_id in self.nested

    @property
    def uses_pattern(self) -> bool:
        return any("re.compile" in r for rules in self.rules.values() for r in rules)


class MessageFacts(NamedTuple):
    """What the walks over a whole package need of one message, worked out from the message
    alone: remembered by its content from run to run (`unit_cache.ProtoUnits.facts`), so that a
    regeneration does not read every field of every message again."""

    targets: tuple[str, ...]  # what its fields hold (`field_target`), in field order, scalars left out
    rules: tuple[str, ...]  # its fields' `rule_source`s, in field order
    nested: tuple[tuple[str, str], ...]  # (wire name, target) of its fields to descend into when checked


def message_facts(message: ObjectType) -> MessageFacts:
    targets, rules, nested = [], [], []
    for f in message.fields:
        target = field_target(f.type)
        if target:
            targets.append(target)
            if _kind(f) != "scalar":
                nested.append((f.name.wire, target))
        source = rule_source(f)
        if source:
            rules.append(source)
    return MessageFacts(tuple(targets), tuple(rules), tuple(nested))


def build_rules(api: API, facts: Mapping[str, MessageFacts] | None = None) -> RuleSet:
    """The checks of every message (`facts`: `message_facts` of each, by type id, if known)."""
    if facts is None:
        facts = {t.id: message_facts(t) for t in api.types if isinstance(t, ObjectType)}
    rules = {type_id: list(facts[type_id].rules) for type_id in sorted(facts) if facts[type_id].rules}
    # a type needs checking if it reaches a type with rules: walked back from those, along
    # the fields that refer to each type (once each, however long the chains)
    referrers: dict[str, set[str]] = {}
    for type_id, found in facts.items():
        for target in found.targets:
            referrers.setdefault(target, set()).add(type_id)
    needs = set(rules)
    pending = list(needs)
    while pending:
        for referrer in referrers.get(pending.pop(), ()):
            if referrer not in needs:
                needs.add(referrer)
                pending.append(referrer)
    nested: dict[str, list[str]] = {}
    for type_id in sorted(needs):
        fields = [wire for wire, target in facts[type_id].nested if target in needs]
        if fields:
            nested[type_id] = fields
    return RuleSet(rules, nested)
