"""How a list operation pages: declared by `x-codegen-pagination`, else recognized by shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.ir.model import NamedType, Pagination, Parameter, Response
from generator.openapi import lookup

_STYLES = ("cursor", "page_token", "offset")
_PAGE_SIZE_PARAMS = ("limit", "page_size", "pageSize", "max_results")


def declared(extension: Any) -> Pagination | str:
    """The `x-codegen-pagination` object as IR, or a message saying what is wrong with it."""
    if not isinstance(extension, dict):
        return "x-codegen-pagination must be an object"
    style = extension.get("style")
    if style not in _STYLES:
        return f"x-codegen-pagination style must be one of {', '.join(_STYLES)}"
    request_param = extension.get("request_param")
    items = extension.get("items")
    if not isinstance(request_param, str) or not isinstance(items, str):
        return "x-codegen-pagination needs `request_param` and `items` strings"
    return Pagination(
        style=style,
        request_param=request_param,
        response_cursor=_text(extension.get("response_cursor")),
        items_field=items,
        has_more_field=_text(extension.get("has_more")),
        page_size_param=_text(extension.get("page_size_param")),
    )


def recognize(
    method: str,
    parameters: tuple[Parameter, ...],
    responses: tuple[Response, ...],
    types: Mapping[str, NamedType],
) -> Pagination | None:
    """OpenAI's cursor lists (`after` + `data` + `has_more`) and Google-style page tokens."""
    if method != "GET":
        return None
    query = {p.name.wire for p in parameters if p.location == "query"}
    ok = next((r for r in responses if r.status == "200"), None)
    if ok is None:
        return None
    body = next((c.type for c in ok.contents if _is_json(c.media_type)), None)
    page = lookup.object_of(body, types)
    if page is None:
        return None
    size = next((name for name in _PAGE_SIZE_PARAMS if name in query), "")
    if "after" in query:
        data = lookup.field(page, "data")
        has_more = lookup.field(page, "has_more")
        if (
            data is not None
            and lookup.is_kind(data.type, types, "list")
            and has_more is not None
            and lookup.is_kind(has_more.type, types, "primitive", "boolean")
        ):
            return Pagination(
                style="cursor",
                request_param="after",
                response_cursor="last_id" if lookup.field(page, "last_id") else "",
                items_field="data",
                has_more_field="has_more",
                page_size_param=size,
            )
    if "page_token" in query and lookup.field(page, "next_page_token") is not None:
        items = next((f for f in page.fields if lookup.is_kind(f.type, types, "list")), None)
        if items is not None:
            return Pagination(
                style="page_token",
                request_param="page_token",
                response_cursor="next_page_token",
                items_field=items.name.wire,
                page_size_param=size,
            )
    return None


def _is_json(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
