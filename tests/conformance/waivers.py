"""Findings of the judges that are the judges' own faults, each with the reason it is one.

A validator message that matches a waiver is not a failure; the suite counts it and prints the
count per waiver in its summary, so a waiver that starts to hide real defects shows up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Waiver:
    name: str
    message: re.Pattern[str]  # matched against one validator message (see `server._describe`)
    reason: str


WAIVERS = (
    Waiver(
        "multipart file parts are bytes",
        re.compile(r"^InvalidRequestBody at [^:]*: b'.*' is not of type 'string'$", re.DOTALL),
        "openapi-core 0.23 decodes a multipart part whose schema is `type: string, format: binary` "
        "to bytes, then validates it with its OpenAPI 3.1 validator, whose `string` type accepts "
        "str only; the part itself is what the spec asks for.",
    ),
)


def waiver_for(message: str) -> Waiver | None:
    return next((w for w in WAIVERS if w.message.match(message)), None)
