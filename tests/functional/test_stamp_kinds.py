"""The regeneration stamp is keyed by what every entry under the spec folders is, not only by
the content files lead to: a file turned into a link, a folder or a FIFO is a run the front ends
judge (and refuse, as a cold run does), never "up to date"."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cache_location import ENV_VAR
from generator.cli import main
from tests.functional.test_incremental import write_specs

GREETER = Path("proto") / "demo" / "v1" / "greeter.proto"


def _link_outside(specs: Path, relative: Path) -> None:
    """The file becomes a link to a copy of itself outside the spec folder (same content)."""
    outside = specs.parent / "elsewhere" / relative.name
    outside.parent.mkdir(exist_ok=True)
    shutil.copyfile(specs / relative, outside)
    (specs / relative).unlink()
    (specs / relative).symlink_to(outside)


CHANGES: dict[str, Callable[[Path], None]] = {
    "a proto turned into a link out of the root": lambda specs: _link_outside(specs, GREETER),
    "a folder named as a proto": lambda specs: (
        specs / "proto" / "demo" / "v1" / "more.proto"
    ).mkdir(),
    "a FIFO named as a proto": lambda specs: os.mkfifo(
        specs / "proto" / "demo" / "v1" / "pipe.proto"
    ),
}


@pytest.mark.parametrize("kind", sorted(CHANGES))
def test_a_warm_run_refuses_what_a_cold_run_refuses(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = tmp_path / "specs"
    write_specs(specs)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    monkeypatch.chdir(specs)
    config = ["--config", str(specs / "generator.yaml")]
    assert main(["generate", "-q", *config]) == 0
    assert main(["generate", *config]) == 0
    assert capsys.readouterr().err.count("up to date") == 2  # (both packages: the stamps work)
    CHANGES[kind](specs)
    codes: list[int] = []
    for extra in ([], ["--no-cache"]):  # warm, then cold: the same answer
        # (in a thread with a deadline: a FIFO opened to be read would block the run for ever)
        args = ["generate", "-q", *config, *extra]
        run = threading.Thread(target=lambda args=args: codes.append(main(args)), daemon=True)
        run.start()
        run.join(60)
        assert not run.is_alive(), "the run hung"
    assert codes == [1, 1]
    errors = capsys.readouterr().err
    assert "up to date" not in errors and "Traceback" not in errors
