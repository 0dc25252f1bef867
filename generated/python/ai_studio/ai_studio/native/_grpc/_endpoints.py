"""Endpoints from environment variables, over the built-in ones (names chosen by the generator).

Precedence, most specific first: the client's `endpoint=` and `endpoints=` arguments (applied
by the client and the transport), then a per-prefix variable (`<PREFIX>_<NAME>_GRPC_ENDPOINT`),
then the one variable for every service (`<PREFIX>_GRPC_ENDPOINT`), then the built-in table.
An empty variable counts as unset.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["endpoints_from_env"]


def endpoints_from_env(
    builtin: Mapping[str, str],
    everywhere: str,
    per_prefix: Mapping[str, str],
    environ: Mapping[str, str] = os.environ,
) -> dict[str, str]:
    """Proto package prefix -> endpoint: `builtin`, overridden by the variables set.

    `everywhere` names the variable for every prefix (and for packages outside all of them);
    `per_prefix` maps a prefix to its own variable.
    """
    endpoints = dict(builtin)
    one = environ.get(everywhere) if everywhere else None
    if one:
        endpoints = {prefix: one for prefix in endpoints}
        endpoints[""] = one
    for prefix, name in per_prefix.items():
        value = environ.get(name)
        if value:
            endpoints[prefix] = value
    return endpoints
