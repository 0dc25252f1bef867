""".proto input never becomes code or reads outside the proto root.

Comments are spec text: grpc_tools' plugin writes them into `\"\"\"` docstrings unescaped, so the
stubs are made from a descriptor set without them. Imports that leave the root through a
symbolic link are refused; comments that are not UTF-8 are a warning, not a traceback.
"""

from __future__ import annotations

import importlib
import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.diagnostics import Diagnostics, SpecError
from generator.proto import load_proto
from generator.proto.stub_input import default_json_name


def hostile_comment(canary: Path) -> str:
    """Lines a comment may hold that close a docstring, escape, or continue a line."""
    lines = [
        f'"""; __import__("os").system("touch {canary}"); _x = """',
        f"'''; __import__('os').system('touch {canary}'); _y = '''",
        '""" + __import__("os").system("touch ' + str(canary) + '") + """',
        "a backslash \\ and one at the end \\",
        "\\N{BULLET} \\x00 \\u1234 {braces} {{jinja}} {% if x %}",
        "non-ASCII: привет ✓ \u2028 end",
    ]
    return "\n".join(f"// {line}" for line in lines)


def hostile_proto(canary: Path) -> str:
    comment = hostile_comment(canary)
    return f"""syntax = "proto3";
package evil.v1;

{comment}
service EvilService {{
{comment}
  rpc Get(Thing) returns (Thing);
{comment}
  rpc Watch(Thing) returns (stream Thing);
}}

{comment}
message Thing {{
{comment}
  string name = 1; // \"\"\" trailing '''
  Kind kind = 2;
}}

{comment}
enum Kind {{
  KIND_UNSPECIFIED = 0;
{comment}
  SHARP = 1;
}}
"""


def generate(root: Path, out: Path, package: str) -> int:
    return main(["generate", "--proto-root", str(root), "--package", package, "--out", str(out), "--no-cache", "-q"])


def test_comments_never_run_when_every_module_is_imported(tmp_path: Path) -> None:
    canary = tmp_path / "CANARY"
    root = tmp_path / "protos"
    (root / "evil" / "v1").mkdir(parents=True)
    (root / "evil" / "v1" / "evil.proto").write_text(hostile_proto(canary), encoding="utf-8")
    out = tmp_path / "out"
    assert generate(root, out, "evil_pkg") == 0
    package_root = out / "python" / "evil_pkg"
    stubs = sorted((package_root / "evil_pkg" / "_pb").rglob("*_pb2*.py*"))
    assert {p.name for p in stubs} == {"evil_pb2.py", "evil_pb2.pyi", "evil_pb2_grpc.py"}
    for stub in stubs:
        assert "touch" not in stub.read_text(encoding="utf-8"), stub  # no comment text at all
    # import every module, stubs included, in a fresh interpreter
    walk = (
        "import importlib, pkgutil, evil_pkg\n"
        "names = [m.name for m in pkgutil.walk_packages(evil_pkg.__path__, 'evil_pkg.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "print('\\n'.join(names))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", walk], cwd=package_root, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    imported = set(done.stdout.split())
    assert {f"evil_pkg._pb.evil.v1.evil_{kind}" for kind in ("pb2", "pb2_grpc")} <= imported
    assert not canary.exists()
    # our own modules keep the comment text, escaped
    sys.path.insert(0, str(package_root))
    try:
        module = importlib.import_module("evil_pkg.evil")
        service = next(getattr(module, n) for n in dir(module) if n.endswith("EvilService"))
        text = " ".join((service.__doc__ or "").split())  # docstrings are wrapped
        assert f'"""; __import__("os").system("touch {canary}"); _x = """' in text
        assert "a backslash \\ and one at the end \\ \\N{BULLET} \\x00 \\u1234 {braces}" in text
        assert "привет ✓" in text
        assert "'''; __import__('os')" in " ".join((service.get.__doc__ or "").split())
    finally:
        sys.path.remove(str(package_root))
        for name in [n for n in sys.modules if n == "evil_pkg" or n.startswith("evil_pkg.")]:
            del sys.modules[name]
    assert not canary.exists()


def test_stubs_match_a_direct_compile(tmp_path: Path) -> None:
    """Stripping comments changes nothing else: `_pb2.py` is what protoc writes from source."""
    from grpc_tools import protoc

    from generator.proto.compile import compile_protos, include_paths

    root = tmp_path / "protos"
    root.mkdir()
    (root / "plain.proto").write_text(
        'syntax = "proto3";\npackage plain;\n// a comment\nmessage M {\n  string snake_case_name = 1;\n'
        '  int32 x = 2 [json_name = "custom"];\n}\nservice S { rpc Get(M) returns (M); }\n'
    )
    out = tmp_path / "direct"
    out.mkdir()
    flags = [f"-I{p}" for p in include_paths(root)]
    assert protoc.main(["protoc", *flags, f"--python_out={out}", f"--pyi_out={out}", "plain.proto"]) == 0
    ours = dict(compile_protos(root, ("plain.proto",), Diagnostics()).stubs)
    assert ours["plain_pb2.py"] == (out / "plain_pb2.py").read_text()
    assert ours["plain_pb2.pyi"] == (out / "plain_pb2.pyi").read_text()


@pytest.mark.parametrize(
    ("name", "json_name"),
    [("name", "name"), ("snake_case", "snakeCase"), ("a__b", "aB"), ("_x", "X"), ("trailing_", "trailing")],
)
def test_default_json_name(name: str, json_name: str) -> None:
    assert default_json_name(name) == json_name


def test_default_json_name_is_protocs_rule_for_every_short_name() -> None:
    """protoc's rule, a character at a time, against ours on every name of up to five
    characters over underscores, letters (one whose upper case is two letters), a digit."""

    def protoc_rule(name: str) -> str:
        out, upper_next = [], False
        for char in name:
            if char == "_":
                upper_next = True
            elif upper_next:
                out.append(char.upper())
                upper_next = False
            else:
                out.append(char)
        return "".join(out)

    for length in range(6):
        for chars in itertools.product("a_B1ß", repeat=length):
            assert default_json_name("".join(chars)) == protoc_rule("".join(chars))


def test_non_utf8_comment_is_a_located_warning(tmp_path: Path) -> None:
    (tmp_path / "nu.proto").write_bytes(
        b'syntax = "proto3";\npackage nu.v1;\n// bad \xff\xfe bytes\nservice S {\n'
        b"  // half a letter \xc3\n  rpc Get(T) returns (T);\n}\nmessage T { string n = 1; }\n"
    )
    diagnostics = Diagnostics()
    api, _ = load_proto(tmp_path, [], "nu", diagnostics)
    where = sorted(str(p.location) for p in diagnostics.warnings if "not UTF-8" in p.message)
    assert where == ["nu.proto:4:1", "nu.proto:6:3"]
    operation = api.operations[0]
    assert "half a letter \ufffd" in operation.description


def test_import_through_a_link_out_of_the_root_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.proto").write_text(
        'syntax = "proto3";\npackage leak;\n// TOP SECRET TEXT\nmessage Secret { string s = 1; }\n'
    )
    root = tmp_path / "root"
    root.mkdir()
    (root / "linked").symlink_to(outside, target_is_directory=True)
    (root / "a.proto").write_text(
        'syntax = "proto3";\npackage a;\n\nimport "linked/secret.proto";\n'
        "message A { leak.Secret s = 1; }\n"
    )
    with pytest.raises(SpecError) as caught:
        load_proto(root, ["a.proto"], "a", Diagnostics())
    (problem,) = caught.value.problems
    assert str(problem.location) == "a.proto:4:1"
    assert "outside the proto root" in problem.message
    assert "TOP SECRET" not in str(caught.value)


def test_input_file_that_links_out_of_the_root_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.proto"
    outside.write_text('syntax = "proto3";\npackage leak;\nmessage Secret { string s = 1; }\n')
    root = tmp_path / "root"
    root.mkdir()
    (root / "b.proto").symlink_to(outside)
    out = tmp_path / "out"
    assert generate(root, out, "b") == 1
    assert not out.exists()


def test_non_utf8_in_a_string_literal_is_located_not_an_abort(tmp_path: Path) -> None:
    """protoc aborts its process on such an option value: run in a child so a regression cannot
    take the test session down with it."""
    root = tmp_path / "protos"
    root.mkdir()
    (root / "a.proto").write_bytes(
        b'syntax = "proto3";\npackage nu.v1;\nimport "google/api/annotations.proto";\n'
        b'// a comment may hold \xff, a string may not: "\xfe"\nservice S {\n'
        b'  rpc Get(T) returns (T) { option (google.api.http) = { get: "/v1/\xff\xfe" }; }\n}\n'
        b"message T { string n = 1; }\n"
    )
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--proto-root", str(root), "--package", "nu",
         "--out", str(out), "--no-cache"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "a.proto:6:67: error: byte 0xff is not UTF-8 text" in done.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "name",
    ["x'); import os; os.system('touch CANARY'); ('.proto", 'q"uote.proto', "v1.2/a.proto", "sp ace.proto"],
)
def test_file_names_that_are_not_plain_module_paths_are_refused(tmp_path: Path, name: str) -> None:
    """grpc_tools writes the .proto path into string literals and imports of the stubs unescaped."""
    root = tmp_path / "protos"
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text('syntax = "proto3";\npackage fn.v1;\nmessage T { string n = 1; }\n'
                             "service S { rpc Get(T) returns (T); }\n")
    with pytest.raises(SpecError) as caught:
        load_proto(root, [], "fn", Diagnostics())
    (problem,) = caught.value.problems
    assert problem.location.file == name
    assert "cannot name a Python module" in problem.message


def test_an_import_of_such_a_file_is_refused_at_the_import(tmp_path: Path) -> None:
    root = tmp_path / "protos"
    root.mkdir()
    (root / "b'c.proto").write_text('syntax = "proto3";\npackage bc;\nmessage B { string n = 1; }\n')
    (root / "a.proto").write_text('syntax = "proto3";\npackage a;\n\nimport "b\'c.proto";\nmessage A { bc.B b = 1; }\n')
    with pytest.raises(SpecError) as caught:
        load_proto(root, ["a.proto"], "a", Diagnostics())
    assert [str(p.location) for p in caught.value.problems] == ["a.proto:4:1"]


# Trees whose stubs cannot each be imported as themselves: a folder named like a Python keyword,
# two paths protoc writes to one module, names that differ only by case (one file where the
# client may be vendored), a module shadowed by another module's folder
CLASHING_MODULES = {
    "keyword-folder": ({"class/x.proto": "package k; message X { int32 a = 1; }"}, {"class/x.proto"}),
    "dash-and-underscore": (
        {"a-b.proto": "package d; message D { int32 a = 1; }", "a_b.proto": "package e; message E { int32 a = 1; }"},
        {"a-b.proto", "a_b.proto"},
    ),
    "case-only": (
        {"Foo.proto": "package f1; message F { int32 a = 1; }", "foo.proto": "package f2; message G { int32 a = 1; }"},
        {"Foo.proto", "foo.proto"},
    ),
    "folders-by-case": (
        {"Bar/x.proto": "package b1; message X { int32 a = 1; }", "bar/y.proto": "package b2; message Y { int32 a = 1; }"},
        {"Bar/x.proto", "bar/y.proto"},
    ),
    "module-and-folder": (
        {"x.proto": "package f; message F { int32 a = 1; }",
         "x_pb2/y.proto": 'package g; import "x.proto"; message G { f.F f = 1; }'},
        {"x.proto"},
    ),
}


@pytest.mark.parametrize("shape", CLASHING_MODULES)
def test_files_whose_stub_modules_clash_are_refused(tmp_path: Path, shape: str) -> None:
    files, refused = CLASHING_MODULES[shape]
    root = tmp_path / "protos"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f'syntax = "proto3";\n{text}\n')
    with pytest.raises(SpecError) as caught:
        load_proto(root, [], "cm", Diagnostics())
    assert all("cannot name a Python module of its own" in p.message for p in caught.value.problems)
    assert {p.location.file for p in caught.value.problems} <= {*refused, *files}


def test_a_cached_run_after_a_module_clash_is_made_refuses_it_as_a_cold_run(tmp_path: Path) -> None:
    """A cached run compiles only what changed: the clash of a new file with an unchanged one
    must still be refused (it was a run that wrote one file's stubs over the other's)."""
    root, cache = tmp_path / "protos", tmp_path / "cache"
    root.mkdir()
    (root / "a-b.proto").write_text('syntax = "proto3";\npackage d;\nmessage D { int32 a = 1; }\n')

    def run(out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "generator", "generate", "--proto-root", str(root), "--package", "cm",
             "--out", str(out), "-q", *extra],
            capture_output=True, text=True, timeout=120, check=False,
            env={**os.environ, "APIGEN_CACHE_DIR": str(cache)},
        )  # fmt: skip

    assert run(tmp_path / "out").returncode == 0
    (root / "a_b.proto").write_text('syntax = "proto3";\npackage e;\nmessage E { int32 a = 1; }\n')
    warm, cold = run(tmp_path / "out"), run(tmp_path / "cold", "--no-cache")
    assert (warm.returncode, warm.stderr) == (cold.returncode, cold.stderr.replace(str(tmp_path / "cold"), str(tmp_path / "out")))
    assert warm.returncode == 1 and "cannot name a Python module of its own" in warm.stderr
    assert not (tmp_path / "cold").exists()
