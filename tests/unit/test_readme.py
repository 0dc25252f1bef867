"""The README's promises: the set-up commands come first, and every test the API table cites exists."""

from __future__ import annotations

import re

from tests.support.paths import REPO

README = (REPO / "README.md").read_text()


def test_readme_opens_with_the_two_setup_commands() -> None:
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make generate", "make test"]


def test_every_cited_test_exists() -> None:
    table = README.split("## Yandex AI Studio: the 17 APIs", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "tests/" in line]
    assert len(rows) == 17
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[3].startswith("yes") and cells[4].startswith("yes"), row  # sync and async
        current = None
        for reference in re.findall(r"`((?:tests/[\w/]+\.py)?::\w+)", row):
            path, name = reference.split("::")
            current = path or current
            assert current is not None, row
            source = (REPO / current).read_text()
            assert re.search(rf"^(async )?def {name}\(", source, re.M), f"{current}::{name} not found"
        docs = re.findall(r"\]\((generated/docs/[\w/.]+)\)", row)
        assert docs and all((REPO / d).is_file() for d in docs), row
