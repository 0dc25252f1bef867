"""Problems found in specs: located, collected, and reported the same way by every front end."""

from __future__ import annotations

import sys
from dataclasses import field
from pathlib import Path
from typing import Literal, TextIO

from generator.ir.model import Location
from generator.lazy_dataclass import lazy_dataclass

Severity = Literal["warning", "error"]


@lazy_dataclass(frozen=True)
class Problem:
    severity: Severity
    location: Location
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


def display_path(path: Path) -> str:
    """A file as problems show it: relative to the working folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


class SpecError(Exception):
    """Generation is impossible; carries every error found so far. Exit code 1."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UsageError(Exception):
    """Bad command-line or configuration use. Exit code 2."""


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class Diagnostics:
    """Collects warnings and errors; `strict` turns warnings into errors."""

    strict: bool = False
    problems: list[Problem] = field(default_factory=list)

    def warn(self, location: Location, message: str, hint: str = "") -> None:
        severity: Severity = "error" if self.strict else "warning"
        self.problems.append(Problem(severity, location, message, hint))

    def error(self, location: Location, message: str, hint: str = "") -> None:
        self.problems.append(Problem("error", location, message, hint))

    def fail(self, location: Location, message: str, hint: str = "") -> SpecError:
        """Record an error and return the exception to raise: generation cannot go on."""
        self.error(location, message, hint)
        return SpecError(self.errors)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise SpecError(self.errors)

    def report(self, stream: TextIO | None = None, limit: int = 50) -> None:
        stream = stream or sys.stderr  # looked up now: a default bound at import time goes stale
        warnings = self.warnings
        for problem in warnings[:limit]:
            print(problem, file=stream)
        if len(warnings) > limit:
            print(f"... and {len(warnings) - limit} more warnings", file=stream)
