"""A second opinion for the findings waived as a union's fault: is the value valid anyway?

openapi-schema-validator picks a union's variant by its discriminator and checks the value
against that variant only. Where it cannot (a tag that names no schema, an optional tag left
out), it stops with one message, and the value under the union is not checked at all; where
`oneOf` variants overlap, it refuses a value that matches two. A waiver of such a message (see
waivers.py, `second_opinion`) holds only if the same value passes the same validator with
discriminators ignored and `oneOf` read as `anyOf` (as the draws read it: the variants differ by
their tags), so that every union asks for one variant the value matches.
"""

from __future__ import annotations

import re
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.validators import extend
from jsonschema_path import SchemaPath
from openapi_core.validation.schemas import oas31_schema_validators_factory
from openapi_core.validation.schemas.factories import SchemaValidatorsFactory
from openapi_schema_validator import OAS30ReadValidator, OAS31Validator

from tests.conformance.waivers import waiver_for

_ANY_OF = Draft202012Validator.VALIDATORS["anyOf"]
_NO_DISCRIMINATOR = extend(
    OAS31Validator,
    {"anyOf": _ANY_OF, "oneOf": _ANY_OF, "allOf": Draft202012Validator.VALIDATORS["allOf"]},
)
# the format checks openapi-core applies to OpenAPI 3.1 schemas (its own choice, kept)
_FACTORY = SchemaValidatorsFactory(_NO_DISCRIMINATOR, OAS30ReadValidator.FORMAT_CHECKER)


def errors_without_discriminators(spec: SchemaPath, schema: SchemaPath, value: Any) -> list[str]:
    """Each way `value` breaks `schema` when discriminators are ignored, as "<path>: <message>"."""
    validator = _FACTORY.create(spec, schema).validator
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in validator.iter_errors(value)
    ]


def faults(spec: SchemaPath, schema: SchemaPath, value: Any, where: str) -> list[str]:
    """What openapi-core's validator finds in `value`, and the second opinion where a waiver
    asks for one, that no waiver covers; each message as the server words it: `where` (say
    "InvalidReply") + " at <path>: <message>"."""
    validator = oas31_schema_validators_factory.create(spec, schema).validator
    messages = [
        f"{where} at {'/'.join(map(str, e.absolute_path)) or '(root)'}: {schema_error_message(e)}"
        for e in validator.iter_errors(value)
    ]
    if any((w := waiver_for(m)) and w.second_opinion for m in messages):
        messages += [
            f"{where} at {fault}" for fault in errors_without_discriminators(spec, schema, value)
        ]
    return [m for m in messages if not waiver_for(m)]


def schema_error_message(error: Any) -> str:
    """A schema error's message; for a union, the message of a fault of the validator's own
    making inside it, if a variant failed for that reason alone: a discriminator it could not
    apply (a tag that names no schema, an optional tag left out) or `oneOf` variants that overlap.
    A union wrapping such a variant (OpenAI's `RealtimeTurnDetection`: `anyOf` [`oneOf` with a
    discriminator, null]; `input`: `anyOf` [`oneOf` [string, array of a discriminated union],
    null]) otherwise hides the cause under "is not valid under any of the given schemas"; the
    waivers of these causes want a second opinion on the value (see unions.py)."""
    cause = _union_fault(error)
    return cause if cause is not None else str(error.message)


def _union_fault(error: Any) -> str | None:
    """The message of a union fault that alone explains `error`, or None."""
    if _UNION_FAULT.search(error.message):
        return str(error.message)
    variants: dict[object, list[Any]] = {}
    for found in error.context or ():  # a union's errors, grouped by the variant they come from
        variants.setdefault(found.relative_schema_path[0], []).append(found)
    for errors in variants.values():
        causes = [_union_fault(found) for found in errors]
        if all(causes):
            return causes[0]
    return None


_UNION_FAULT = re.compile(
    r"(reference '#/components/schemas/[^']+' could not be resolved"
    r"|does not contain discriminating property '\w+')$"
    r"| is valid under each of ",
    re.DOTALL,
)
