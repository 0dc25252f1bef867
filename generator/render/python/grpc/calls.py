"""Per-method call facts a proto client is generated with: idempotency (retries) and paging.

Both are decided here, once, from the IR, and written into the generated code as data
(`Method(..., idempotent=True)`, a `list_all` companion): nothing is worked out at run time.
"""

from __future__ import annotations

import keyword
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from generator.ir.model import NamedType, ObjectType, Operation, TypeExpr
from generator.render.python.naming import dedupe

READ_WORDS = frozenset({"get", "list", "describe"})


def is_idempotent(op: Operation) -> bool:
    """Whether a failed call may simply be made again (the runtime's retry rule for reads).

    True when the method's google.api.http binding (the first one, which REST calls use) is
    GET, when its proto declares `idempotency_level` NO_SIDE_EFFECTS or IDEMPOTENT (the IR's
    `idempotent` also carries both), or, without a binding, when its name starts with Get, List
    or Describe. Methods that stream requests never are: their requests cannot be replayed.
    """
    rpc = op.rpc
    if rpc is None or rpc.client_streaming:
        return False
    if rpc.http:
        return rpc.http[0].method.upper() == "GET" or op.idempotent
    return op.idempotent or (bool(op.name.words) and op.name.words[0].lower() in READ_WORDS)


class Paging(NamedTuple):
    """What the iterator companion of a paged List method reads from each response."""

    items: str  # the response field holding the page's items, as a Python attribute
    item_type: TypeExpr  # the type of one item
    proto_type: str  # its proto scalar type ("string", "int64", ...), or the message/enum name


def pager_names(names: Sequence[str], paged: Sequence[bool]) -> list[str]:
    """Companion names for the paged methods among `names` ("" for the others).

    `list` becomes `list_all`, `list_operations` `list_all_operations`, any other `x` `x_all`;
    a name another method already has gets a number (`list_all_2`).
    """
    wanted = [_companion(n) if is_paged else "" for n, is_paged in zip(names, paged, strict=True)]
    unique = dedupe([*names, *(w for w in wanted if w)])[len(names) :]
    chosen = iter(unique)
    return [next(chosen) if w else "" for w in wanted]


def _companion(name: str) -> str:
    if name == "list":
        return "list_all"
    if name.startswith("list_"):
        return "list_all_" + name.removeprefix("list_")
    return f"{name}_all"


def paging(op: Operation, response: ObjectType | None) -> Paging | None:
    """For a unary `page_token` List method whose items field Python can name; else None."""
    pagination = op.pagination
    if pagination is None or pagination.style != "page_token" or response is None:
        return None
    rpc = op.rpc
    if rpc is None or rpc.client_streaming or rpc.server_streaming:
        return None
    field = next((f for f in response.fields if f.name.wire == pagination.items_field), None)
    if field is None or field.type.kind != "list" or field.type.items is None:
        return None
    attribute = field.name.wire
    if not attribute.isidentifier() or keyword.iskeyword(attribute):
        return None  # `page.from` would not parse: such a list keeps only the plain method
    proto_type = field.proto.proto_type if field.proto is not None else "string"
    return Paging(items=attribute, item_type=field.type.items, proto_type=proto_type)


def companions(
    operations: Sequence[Operation], names: Sequence[str], types: Mapping[str, NamedType]
) -> list[tuple[str, Paging] | None]:
    """Per method of a service: (companion name, paging) for paged List methods, else None."""
    pages: list[Paging | None] = []
    for op in operations:
        response = types.get(op.rpc.response_type) if op.rpc is not None else None
        pages.append(paging(op, response if isinstance(response, ObjectType) else None))
    chosen = pager_names(names, [page is not None for page in pages])
    return [(name, page) if page else None for name, page in zip(chosen, pages, strict=True)]
