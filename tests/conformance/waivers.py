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
    # a fault of the judge that leaves the value unchecked (a union's discriminator or overlap,
    # openapi-core's decoding of form parts): the waiver holds only if the value, a form decoded
    # as its part schemas ask (forms.py), passes with discriminators ignored and `oneOf` read as
    # `anyOf` (unions.py)
    second_opinion: bool = False


_MULTIPART = r"^InvalidRequestBody \(multipart/form-data\) at [^:]*: "

WAIVERS = (
    Waiver(
        "multipart parts are bytes",
        re.compile(
            _MULTIPART + r"b['\"].*is not (of type 'string'|valid under any of the given schemas)$",
            re.DOTALL,
        ),
        "openapi-core 0.23 decodes a multipart part whose schema is not a plain string (a file, "
        "an `anyOf` of a string and an enum) to bytes, then its OpenAPI 3.1 validator wants a "
        "str; the part itself is what the spec asks for.",
        second_opinion=True,
    ),
    Waiver(
        "multipart numbers stay text",
        re.compile(_MULTIPART + r"'[^']*' is not of type '(number|integer|boolean)'$"),
        "openapi-core 0.23 does not cast multipart text parts to the schema's number, integer or "
        "boolean type: `temperature=0.5` reaches its validator as the string '0.5'.",
        second_opinion=True,
    ),
    Waiver(
        "absent multipart arrays are empty",
        re.compile(_MULTIPART + r"\[\] should be non-empty$"),
        "openapi-core 0.23 reads an optional array property that a multipart body leaves out as "
        "[] and then applies its `minItems`; the drawn values of present arrays respect it.",
        second_opinion=True,
    ),
    Waiver(
        "discriminator tags that name no schema",
        re.compile(
            r"^Invalid\w+ .* reference '#/components/schemas/[^']+' could not be resolved$",
            re.DOTALL,
        ),
        "OpenAI's spec gives discriminators without a mapping whose tag values (`disabled`, "
        "`inline`) are not schema names; by the OpenAPI rules the implicit mapping then points "
        "at `#/components/schemas/<tag>`, which openapi-schema-validator cannot resolve. The "
        "variants' own `type` constants say which one a value is.",
        second_opinion=True,
    ),
    Waiver(
        "optional discriminating property",
        re.compile(
            r"^Invalid\w+ \(application/json\) at [^:]*: .* does not contain discriminating property '\w+'$",
            re.DOTALL,
        ),
        "OpenAI's `InputItem` union discriminates on `type`, which its `EasyInputMessage` variant "
        "leaves optional; a drawn message without `type` is valid JSON Schema, but "
        "openapi-schema-validator insists on the discriminating property.",
        second_opinion=True,
    ),
    Waiver(
        "overlapping oneOf variants",
        re.compile(r"^InvalidReply at [^:]*: .* is valid under each of .*$", re.DOTALL),
        "The replies draw `oneOf` as `anyOf` (see schemas.py). Where a spec's variants overlap "
        "(OpenAI's `CreateTranscriptionResponseJson` accepts every verbose transcription), a "
        "drawn value matches more than one; real servers send such values, and the client must "
        "parse them.",
        second_opinion=True,
    ),
    Waiver(
        "nullable in a 3.1 document",
        re.compile(r"^InvalidReply at [^:]*: None is not (of type '[a-z]+'|one of \[.*\])$"),
        "OpenAI's 3.1 document still marks fields `nullable: true` (an OpenAPI 3.0 keyword that "
        "3.1 validators ignore); its servers send null there, so the drawn replies do too "
        "(see schemas.Converter) and the 3.1 validator of test_draws.py objects.",
    ),
)


def waiver_for(message: str) -> Waiver | None:
    return next((w for w in WAIVERS if w.message.match(message)), None)


# Operations whose conformance case fails for a reason written down here, each expected to fail
# (pytest `xfail(strict=True)`: reported as xfailed, never as passed, and a case that starts to
# pass fails the run until its entry is removed). Harness faults are ours to fix in the harness;
# "unclassified" entries are not yet known to be the harness's or the client's, and count as open
# defects in the conformance issue.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}
# drawn values known to be invalid, by operation (see KNOWN_FAILURES for why)
KNOWN_INVALID_DRAWS: frozenset[str] = frozenset()
