"""File names of the reference pages every API's docs have, beside its resource or service pages.

Hyphenated, so no resource page (named after a Python module) can take the same name.
"""

from __future__ import annotations

SIGN_IN = "sign-in.md"
ERRORS = "errors-and-retries.md"
DATA_TYPES = "data-types.md"  # every model of an HTTP API
MESSAGES = "messages.md"  # every message and enum a gRPC API's methods reach
