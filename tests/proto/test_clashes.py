"""A name two files of the tree declare, though neither imports the other: protoc reports it
only when it compiles both together. A cached run, which compiles the changed files alone, must
report it as a cold run does (`generator/proto/clashes.py`), and run as one once it is gone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cache_location import ENV_VAR
from generator.cli import main
from generator.diagnostics import Diagnostics
from generator.proto.clashes import Declared, clash, declared
from generator.proto.compile import compile_protos, include_paths
from generator.proto.file_cache import FileCache

E1 = 'syntax = "proto3";\npackage zz.e;\nmessage E1 { string y = 1; }\nservice E1S { rpc Get(E1) returns (E1); }\n'
E2 = 'syntax = "proto3";\npackage zz.e;\nmessage E2 { string y = 1; }\n'
KIND = 'syntax = "proto3";\npackage zz.e;\nenum Kind { KIND_UNSET = 0; }\n'
TREE = {"zz/e1.proto": E1, "zz/e2.proto": E2, "zz/kind.proto": KIND}


def _rename_e2_to_e1(root: Path) -> None:
    (root / "zz/e2.proto").write_text(E2.replace("E2", "E1"))


def _add_a_file_redefining_e1(root: Path) -> None:
    (root / "zz/e3.proto").write_text('syntax = "proto3";\npackage zz.e;\nmessage E1 {}\n')


def _add_a_message_named_as_an_enum_value(root: Path) -> None:
    (root / "zz/e3.proto").write_text('syntax = "proto3";\npackage zz.e;\nmessage KIND_UNSET {}\n')


def _add_a_package_named_as_a_message(root: Path) -> None:
    (root / "zz/e3.proto").write_text('syntax = "proto3";\npackage zz.e.E2;\nmessage M {}\n')


def _undo(root: Path) -> None:
    (root / "zz/e3.proto").unlink(missing_ok=True)
    (root / "zz/e2.proto").write_text(E2)


def _cached_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`TREE` written under `tmp_path`, with a cache folder of its own."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    root = tmp_path / "protos"
    for name, text in TREE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _warm_as_cold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """A cached run into `warm`, a run without the cache into `cold`: the same exit code,
    messages and output (each folder as its own last run left it). The code and messages."""
    found = []
    for folder, flags in (("warm", []), ("cold", ["--no-cache"])):
        out = tmp_path / folder
        args = ["generate", "-q", "--proto-root", str(tmp_path / "protos"), "--package", "yc"]
        code = main([*args, "--out", str(out), *flags])
        found.append((code, capsys.readouterr().err, _tree(out)))
    assert found[0] == found[1]
    return found[0][0], found[0][1]


@pytest.mark.parametrize(
    "edit",
    [
        _rename_e2_to_e1,
        _add_a_file_redefining_e1,
        _add_a_message_named_as_an_enum_value,
        _add_a_package_named_as_a_message,
    ],
)
def test_a_clash_between_files_that_do_not_import_each_other_fails_a_warm_run_as_a_cold_one(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    edit: Callable[[Path], None],
) -> None:
    root = _cached_tree(tmp_path, monkeypatch)
    assert _warm_as_cold(tmp_path, capsys) == (0, "")
    written = _tree(tmp_path / "warm")
    edit(root)
    for _ in range(2):  # and the run after it, from the cache the failed run left
        code, err = _warm_as_cold(tmp_path, capsys)
        assert code == 1 and "is already defined" in err, err
        assert _tree(tmp_path / "warm") == written
    _undo(root)
    assert _warm_as_cold(tmp_path, capsys) == (0, "")


def test_every_clash_protoc_reports_between_two_files_is_found(tmp_path: Path) -> None:
    """`clash` says yes exactly where protoc, compiling both files together, refuses them."""
    root = tmp_path / "protos"
    (root / "zz").mkdir(parents=True)
    base = (
        'syntax = "proto3";\npackage zz.e;\nimport "google/protobuf/descriptor.proto";\n'
        "message M { message N {} enum Inner { INNER_UNSET = 0; } }\n"
        "enum Kind { KIND_UNSET = 0; }\nservice S {}\n"
        "extend google.protobuf.FieldOptions { string ext = 50001; }\n"
    )
    (root / "zz/base.proto").write_text(base)
    others = {
        "message M {}": True,
        "message N {}": False,
        "enum M { M_UNSET = 0; }": True,
        "enum Other { KIND_UNSET = 0; }": True,
        "enum Other { INNER_UNSET = 0; }": False,
        "message KIND_UNSET {}": True,
        "message Kind {}": True,
        "service M {}": True,
        "message S {}": True,
        "message ext {}": True,
        "extend google.protobuf.FieldOptions { string other = 50001; }": True,
        "extend google.protobuf.FieldOptions { string other = 50002; }": False,
        "extend google.protobuf.MessageOptions { string other = 50001; }": False,
    }
    packages = {"zz.e.M": True, "zz.e.M.N": True, "zz.e.Kind.x": True, "zz.e.KIND_UNSET": True,
                "zz.e.S": True, "zz.e.ext": True, "zz.e.N": False, "zz": False, "zz.e.x": False}  # fmt: skip
    cases = [(f"package zz.e;\n{body}", expected) for body, expected in others.items()]
    cases += [
        (f"package {package};\nmessage Other {{}}", clashes)
        for package, clashes in packages.items()
    ]
    for body, expected in cases:
        other = f'syntax = "proto3";\nimport "google/protobuf/descriptor.proto";\n{body}\n'
        (root / "zz/other.proto").write_text(other)
        files = ("zz/base.proto", "zz/other.proto")
        problems = Diagnostics()
        try:
            compiled = compile_protos(root, files, problems)
            refused = False
        except Exception:
            refused = True
        if refused:  # each alone is fine: the clash is what protoc refused
            alone = [compile_protos(root, (name,), Diagnostics()).parse(name) for name in files]
            assert clash([declared(file) for file in alone])
        else:
            assert not clash([declared(compiled.parse(name)) for name in files])
        assert refused == expected, (body, [str(p) for p in problems.problems])


@pytest.mark.parametrize("kept", [None, "zz.e.E1", Declared("zz.e", ("zz.e.E1", 1), ())])  # type: ignore[arg-type]
def test_a_file_whose_declarations_are_not_known_compiles_the_whole_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept: object
) -> None:
    """Unknown (an entry of an earlier shape) or damaged: maybe a clash, so protoc is asked."""
    root = _cached_tree(tmp_path, monkeypatch)
    files = tuple(sorted(TREE))
    for _ in range(2):
        cache = FileCache.open(root, "yc", include_paths(root))
        compiled = compile_protos(root, files, Diagnostics(), cache)
        cache.save()
    assert cache.stats.compiled == 0  # the whole set from the cache
    cache = FileCache.open(root, "yc", include_paths(root))
    cache.entries["zz/e2.proto"].declared = kept
    again = compile_protos(root, files, Diagnostics(), cache)
    assert cache.stats.compiled == len(compiled.protos)
    assert again.descriptor_set == compiled.descriptor_set and again.stubs == compiled.stubs


def test_protocs_log_lines_are_said_without_their_time_and_thread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two files extending one message with one number: protoc's logging library says so with the
    time and thread before the message, and a notice that logging is not set up; both are taken
    out, so two runs of the same input say the same."""
    root = tmp_path / "protos"
    root.mkdir()
    (root / "m.proto").write_text('syntax = "proto2";\npackage p;\nmessage M { extensions 100 to 200; }\n')
    for name in ("a", "b"):
        (root / f"{name}.proto").write_text(
            f'syntax = "proto2";\npackage p;\nimport "m.proto";\nextend M {{ optional int32 {name} = 100; }}\n'
        )
    said = []
    for _ in range(2):
        args = ["generate", "--proto-root", str(root), "--package", "lg", "--out", str(tmp_path / "out"), "--no-cache"]
        assert main(args) == 1
        said.append(capsys.readouterr().err)
    assert said[0] == said[1]
    assert "Extension conflicts with extension already in database" in said[0]
    assert "absl::InitializeLog" not in said[0] and "descriptor_database.cc" not in said[0]
