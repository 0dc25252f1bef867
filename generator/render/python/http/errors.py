"""The errors an operation declares: which exception each error status raises and the model its
body is parsed into (`err.body`), for the call, its docstring and its docs."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.ir.model import Response
from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.http.annotations import Annotator

# the exception each status raises (the runtime's status → class table in `_errors.py`)
STATUS_ERRORS = {
    "400": "BadRequestError",
    "401": "AuthenticationError",
    "403": "PermissionDeniedError",
    "404": "NotFoundError",
    "409": "ConflictError",
    "422": "UnprocessableEntityError",
    "429": "RateLimitError",
}
_JSON = re.compile(r"^application/([\w.+-]+\+)?json")


@lazy_dataclass(frozen=True)
class ErrorView:
    status: str  # "404", "4XX" or "default", as the runtime looks it up
    exception: str  # the class the status raises
    annotation: str  # the Python type of its JSON body; "" when none is declared
    when: str = ""  # `status 404`, `any other 4xx status`, `any error status`

    @property
    def doc(self) -> str:
        """One line for the docstring's `Raises:` section."""
        if not self.annotation:
            return f"{self.when}."
        return f"{self.when}; `err.body` is `{self.annotation}` when it matches."


def is_error_status(status: str) -> bool:
    return status[:1] in ("4", "5") or status == "default"


def exception_for(status: str) -> str:
    """The exception an error status raises: 404 → NotFoundError, 5xx → InternalServerError."""
    if status in STATUS_ERRORS:
        return STATUS_ERRORS[status]
    return "InternalServerError" if status[:1] == "5" else "APIStatusError"


def declared_errors(responses: tuple[Response, ...], annotator: Annotator) -> list[ErrorView]:
    """The error responses of an operation, by status (codes, then `4XX`/`5XX`, then `default`)."""
    out = []
    for response in responses:
        status = response.status.upper() if response.status != "default" else "default"
        if not is_error_status(status):
            continue
        content = next(
            (c for c in response.contents if _JSON.match(c.media_type) and c.type is not None), None
        )
        annotation = annotator.annotate(content.type) if content is not None and content.type else ""
        out.append(ErrorView(status, exception_for(status), annotation))
    out.sort(key=lambda e: (not e.status.isdigit(), e.status == "default", e.status))
    return [replace(e, when=_when(e.status, alone=len(out) == 1)) for e in out]


def _when(status: str, alone: bool) -> str:
    other = "" if alone else "other "
    if status == "default":
        return f"any {other}error status"
    if status.endswith("XX"):
        return f"any {other}{status[0]}xx status"
    return f"status {status}"
