"""What a run held at its end stays for a process that ends right after it (`generator.lifetime`),
and only for such a process."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from generator import lifetime
from generator.cache_location import ENV_VAR
from generator.config import load_config
from generator.diagnostics import Diagnostics
from generator.pipeline import generate

PROTO = 'syntax = "proto3";\npackage acme.v1;\nmessage Item {\n  string name = 1;\n}\n'


class Thing:
    pass


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """`hold_until_exit` asked for, within the test."""
    monkeypatch.setattr(lifetime, "_held", None)
    lifetime.hold_until_exit()
    assert lifetime._held is not None
    return lifetime._held


def test_keep_holds_nothing_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lifetime, "_held", None)
    thing = Thing()
    gone = weakref.ref(thing)
    lifetime.keep(thing)
    del thing
    gc.collect()
    assert gone() is None


def test_keep_holds_what_it_is_given_once_asked(held: list[object]) -> None:
    thing = Thing()
    gone = weakref.ref(thing)
    lifetime.keep(thing)
    del thing
    gc.collect()
    assert gone() is not None and held == [gone()]


# `python -m generator` (here: its --help) with `os._exit` saying whether the collector is on
_CLI_COLLECTOR = """
import gc, os, runpy, sys
def exit(code):
    print("collector on" if gc.isenabled() else "collector off", flush=True)
    sys.exit(code)
os._exit = exit
sys.argv = ["generator", "--help"]
runpy.run_module("generator", run_name="__main__")
"""


def test_the_command_line_process_runs_without_the_cycle_collector() -> None:
    found = subprocess.run([sys.executable, "-c", _CLI_COLLECTOR], capture_output=True, text=True, check=True)
    assert found.stdout.splitlines()[-1] == "collector off", found.stdout


def test_only_that_process_runs_without_it() -> None:
    assert gc.isenabled()  # (importing the CLI, as tests and hosts do, leaves it as it is)
    from generator import cli

    assert cli.main(["--help"]) == 0 and gc.isenabled()


def _proto_project(tmp_path: Path) -> Path:
    (tmp_path / "specs" / "proto" / "acme" / "v1").mkdir(parents=True)
    (tmp_path / "specs" / "proto" / "acme" / "v1" / "item.proto").write_text(PROTO)
    config = tmp_path / "specs" / "generator.yaml"
    config.write_text("output: ../out\npackages:\n  - name: pkg\n    proto_root: proto\n")
    return config


def test_a_run_hands_what_it_held_at_its_end(tmp_path: Path, held: list[object]) -> None:
    generate(load_config(_proto_project(tmp_path)), diagnostics=Diagnostics(), use_cache=False)
    texts = [found for found in held if isinstance(found, dict) and "python/pkg/pkg/__init__.py" in found]
    assert texts, held  # (the rendered files, as the output holds them)


def test_a_proto_packages_rendering_tables_are_held_past_saving_its_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: list[object]
) -> None:
    from generator.render.python.grpc.unit_cache import _Digests

    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    generate(load_config(_proto_project(tmp_path)), diagnostics=Diagnostics())
    assert any(isinstance(found, _Digests) for found in held), held
