"""The OpenAPI front end: OpenAPI 3.0/3.1 and Swagger 2.0 documents (YAML or JSON) in, the IR out.

`load_openapi` (`front_end`) is imported when first asked for: the validation worker
(`validate_worker`) imports submodules of this package and none of the conversion's modules,
which it would otherwise import at each start (~0.1 s of CPU on every cold run of a large
description).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.openapi.front_end import load_openapi

__all__ = ["load_openapi"]


def __getattr__(name: str) -> Any:
    if name == "load_openapi":
        from generator.openapi.front_end import load_openapi

        return load_openapi
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
