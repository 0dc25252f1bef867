"""`import public` chains: the stubs' re-exports point into the package's stub folder.

protoc writes `from pub.v1.c_pb2 import *` into the `_pb2.py` of a file that publicly imports
`pub/v1/c.proto` (and `from pub.v1.c_pb2 import Leaf as Leaf` into its `.pyi`): left as they
are, the generated package fails to import (`No module named 'pub'`), cold or warm.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cache_location import ENV_VAR
from generator.cli import main

# a.proto imports b.proto publicly, which imports c.proto publicly; shelf.proto imports a.proto
# only, and takes the types of b and c through it
TREE = {
    "pub/v1/c.proto": """syntax = "proto3";
package pub.deep.v1;
// A colour.
enum Colour {
  COLOUR_UNSPECIFIED = 0;
  RED = 1;
}
// A leaf.
message Leaf {
  string name = 1;
  Colour colour = 2;
}
""",
    "pub/v1/b.proto": """syntax = "proto3";
package pub.mid.v1;
import public "pub/v1/c.proto";
// A middle.
message Mid {
  pub.deep.v1.Leaf leaf = 1;
}
""",
    "pub/v1/a.proto": """syntax = "proto3";
package pub.top.v1;
import public "pub/v1/b.proto";
// A top.
message Top {
  pub.mid.v1.Mid mid = 1;
}
""",
    "pub/v1/shelf.proto": """syntax = "proto3";
package pub.shelf.v1;
import "pub/v1/a.proto";
// Keeps leaves.
service Shelf {
  // Puts a leaf.
  rpc Put(pub.deep.v1.Leaf) returns (pub.mid.v1.Mid);
  // Gets a leaf.
  rpc Get(GetRequest) returns (pub.deep.v1.Leaf);
}
// Which leaf.
message GetRequest {
  pub.deep.v1.Leaf leaf = 1;
  pub.deep.v1.Colour colour = 2;
}
""",
}
PACKAGE = "pub_pkg"

# every module imported; the chain's types reached through the files importing them publicly;
# a message holding them built and read back; both rpcs called on a local server
USE = """
import importlib, pkgutil
from concurrent import futures
import grpc
import pub_pkg
names = [m.name for m in pkgutil.walk_packages(pub_pkg.__path__, "pub_pkg.")]
for name in names:
    importlib.import_module(name)
from pub_pkg._pb.pub.v1 import a_pb2, b_pb2, c_pb2, shelf_pb2_grpc
from pub_pkg.shelf import GetRequest, Leaf
assert a_pb2.Leaf is b_pb2.Leaf is c_pb2.Leaf is Leaf and a_pb2.Mid is b_pb2.Mid
request = GetRequest(leaf=a_pb2.Leaf(name="oak", colour=a_pb2.RED), colour=b_pb2.RED)
assert GetRequest.FromString(request.SerializeToString()) == request

class Shelf(shelf_pb2_grpc.ShelfServicer):
    def Get(self, request, context):
        return c_pb2.Leaf(name=request.leaf.name.upper(), colour=request.colour)

    def Put(self, request, context):
        return b_pb2.Mid(leaf=request)

server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
shelf_pb2_grpc.add_ShelfServicer_to_server(Shelf(), server)
port = server.add_insecure_port("127.0.0.1:0")
server.start()
with pub_pkg.Client(endpoint=f"127.0.0.1:{port}", insecure=True) as client:
    got = client.shelf.shelf.get(leaf={"name": "oak"}, colour="RED")
    put = client.shelf.shelf.put(Leaf(name="elm"))
server.stop(None)
print(len(names), got.name, c_pb2.Colour.Name(got.colour), put.leaf.name)
"""


def write_tree(root: Path, tree: dict[str, str]) -> None:
    for name, text in tree.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def generate(root: Path, out: Path, *flags: str) -> None:
    args = ["generate", "--proto-root", str(root), "--package", PACKAGE, "--out", str(out), "-q"]
    assert main([*args, *flags]) == 0


def used(out: Path) -> str:
    """What `USE` prints, run in a fresh interpreter on the package generated into `out`."""
    done = subprocess.run(
        [sys.executable, "-c", USE],
        cwd=out / "python" / PACKAGE,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def files(folder: Path) -> dict[str, bytes]:
    found = sorted(folder.rglob("*"))
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in found if p.is_file()}


def test_a_public_import_chain_gives_a_package_that_imports_and_works(tmp_path: Path) -> None:
    write_tree(tmp_path / "protos", TREE)
    generate(tmp_path / "protos", tmp_path / "out", "--no-cache")
    stubs = tmp_path / "out" / "python" / PACKAGE / PACKAGE / "_pb" / "pub" / "v1"
    assert "\nfrom pub_pkg._pb.pub.v1.c_pb2 import *\n" in (stubs / "b_pb2.py").read_text()
    assert "\nfrom pub_pkg._pb.pub.v1.b_pb2 import *\n" in (stubs / "a_pb2.py").read_text()
    pyi = (stubs / "b_pb2.pyi").read_text()
    assert "\nfrom pub_pkg._pb.pub.v1.c_pb2 import Leaf as Leaf\n" in pyi
    assert "\nfrom pub_pkg._pb.pub.v1.c_pb2 import Colour as Colour\n" in pyi
    assert used(tmp_path / "out").split()[1:] == ["OAK", "RED", "elm"]


def test_a_warm_run_after_an_edit_to_a_publicly_imported_file_is_a_cold_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    edited = dict(TREE)
    edited["pub/v1/c.proto"] = edited["pub/v1/c.proto"].replace(
        "  Colour colour = 2;\n", "  Colour colour = 2;\n  int32 rings = 3;\n"
    )
    write_tree(warm / "protos", TREE)
    generate(warm / "protos", warm / "out")
    write_tree(warm / "protos", edited)
    generate(warm / "protos", warm / "out")  # c.proto and its importers taken afresh, shelf's too
    for tree in (TREE, edited):  # (the same previous output: CHANGES.md reports the same change)
        write_tree(cold / "protos", tree)
        generate(cold / "protos", cold / "out", "--no-cache")
    assert files(warm / "out") == files(cold / "out")
    assert b"rings" in files(warm / "out")[f"python/{PACKAGE}/{PACKAGE}/_pb/pub/v1/c_pb2.py"]
    assert used(warm / "out").split()[1:] == ["OAK", "RED", "elm"]
