"""Build the pydantic validator of every model and type alias of a generated `models` package.

Run as a script (`python -m tests.support.build_models PACKAGE.models ...` with the package's folder
on `sys.path`): prints one line per name whose validator cannot be built, and exits 1 if any.
A model that cannot be built is found here, never by the first user who parses a response.
"""

from __future__ import annotations

import importlib
import sys

import pydantic


def unbuildable(models_module: str) -> list[str]:
    """`name: error` for every exported type of `models_module` whose validator fails to build."""
    module = importlib.import_module(models_module)
    problems: list[str] = []
    for name in dir(module):
        value = getattr(module, name)
        try:
            if isinstance(value, type) and issubclass(value, pydantic.BaseModel):
                value.model_rebuild(force=True)
            pydantic.TypeAdapter(value)
        except Exception as exc:  # every kind of build failure is reported
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            problems.append(f"{models_module}.{name}: {type(exc).__name__}: {first_line}")
    return problems


def main(modules: list[str]) -> int:
    problems = [problem for module in modules for problem in unbuildable(module)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
