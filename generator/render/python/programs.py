"""Example programs for docs and READMEs: a client built, used in a `with` block and closed,
as a sync program and as its async twin (`asyncio.run`)."""

from __future__ import annotations


def sync_program(package: str, options: str, use: str) -> str:
    """`use` (code using `client`) inside `with Client(<options>) as client:`."""
    return f"from {package} import Client\n\nwith Client({options}) as client:\n{indent(use)}"


def async_program(package: str, options: str, use: str) -> str:
    """`use` inside `async with AsyncClient(<options>) as client:` in `main()`, then run."""
    return (
        f"import asyncio\n\nfrom {package} import AsyncClient\n\n\n"
        "async def main() -> None:\n"
        f"    async with AsyncClient({options}) as client:\n"
        f"{indent(indent(use))}\n\n\nasyncio.run(main())"
    )


def indent(code: str) -> str:
    return "\n".join("    " + line if line else line for line in code.split("\n"))
