"""Method names without the repeated resource noun: `client.tasks.create`, not `create_task`.

The rule, applied per resource (the operations sharing one `group`):
1. `x-codegen-method` always wins, as written.
2. Otherwise the name's words (from `operationId`, or the HTTP method and path) lose the first run
   of words that spells the resource's own name, singular or plural: in `tasks`, `createTask` ->
   `create`, `listTasks` -> `list`, `getTaskComments` -> `get_comments`; in `vector_stores`,
   `createVectorStore` -> `create`. Only the last part of a nested resource counts.
3. A name that would be left empty keeps all its words (`tasks` in `tasks` stays `tasks`).
4. Collisions keep their distinguishing words: when two operations of a resource would get the same
   shortened name, or a shortened name equals a declared one, those operations keep their full
   names (`listTasks` and `listTask` both stay whole).

The words are language-neutral; each renderer spells them (`snake_case` in Python).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from generator.ir.model import Name, Operation


def noun_forms(words: Sequence[str]) -> list[tuple[str, ...]]:
    """The resource's name as the method name may spell it: as is, singular and plural."""
    if not words:
        return []
    *head, last = words
    forms = {last}
    if last.endswith("ies") and len(last) > 3:
        forms.add(last[:-3] + "y")
    elif last.endswith(("ses", "xes", "zes", "ches", "shes")):
        forms.add(last[:-2])
    elif last.endswith("s") and not last.endswith("ss"):
        forms.add(last[:-1])
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        forms.add(last[:-1] + "ies")
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(last + "es")
    else:
        forms.add(last + "s")
    # longest first: `vector stores` is removed whole before a bare `stores` would be
    spelled = [(*head, form) for form in sorted(forms)]
    return sorted(spelled, key=len, reverse=True) + ([(form,) for form in sorted(forms)] if head else [])


def strip_noun(
    words: Sequence[str], resource: Sequence[str], forms: Sequence[tuple[str, ...]] | None = None
) -> tuple[str, ...]:
    """`words` without the first run that spells the resource; unchanged when that leaves nothing.
    `forms`: `noun_forms(resource)`, when taken already."""
    for form in noun_forms(resource) if forms is None else forms:
        size = len(form)
        for start in range(len(words) - size + 1):
            if tuple(words[start : start + size]) == form:
                left = (*words[:start], *words[start + size :])
                return left if left else tuple(words)
    return tuple(words)


def shorten_method_names(operations: Sequence[Operation], declared: Iterable[str]) -> list[Operation]:
    """The operations with rule 2 applied, except declared names and collisions (see above)."""
    fixed = set(declared)
    # (the forms of each resource's name once: thousands of operations share a few dozen)
    forms: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for op in operations:
        if op.group and op.group[-1].words not in forms:
            forms[op.group[-1].words] = noun_forms(op.group[-1].words)
    proposed = [
        strip_noun(op.name.words, op.group[-1].words, forms[op.group[-1].words])
        if op.id not in fixed and op.group
        else op.name.words
        for op in operations
    ]
    taken: dict[tuple[tuple[str, ...], ...], Counter[tuple[str, ...]]] = {}
    for op, words in zip(operations, proposed):
        taken.setdefault(_key(op), Counter())[words] += 1
    result = []
    for op, words in zip(operations, proposed):
        if words == op.name.words or taken[_key(op)][words] > 1:
            result.append(op)
        else:
            result.append(replace(op, name=Name(op.name.wire, words)))
    return result


def _key(op: Operation) -> tuple[tuple[str, ...], ...]:
    return tuple(name.words for name in op.group)
