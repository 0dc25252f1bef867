"""A package's cache key takes each input file's digest as remembered with the file's status
(`generator.input_digests`), reading only files changed since: the key is the one reading every
file gives, a file edited since is read again, a file edited just before the run is not
remembered (its status may not tell the next edit), and a damaged file of digests is a miss."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import orjson
import pytest

from generator import input_digests
from generator.cli import main
from generator.input_digests import InputDigests
from generator.pipeline import _files_under, _hash_files


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once (else only those changed 2 s before the run are kept)."""
    monkeypatch.setattr(input_digests, "SETTLED", -1.0)


def _tree(root: Path) -> list[str]:
    (root / "a").mkdir(parents=True)
    (root / "a" / "one.proto").write_text('syntax = "proto3";\n')
    (root / "two.yaml").write_text("a: 1\n")
    (root / "link.yaml").symlink_to(root / "two.yaml")
    return _files_under(root)


def _key(paths: list[str], inputs: InputDigests | None) -> str:
    digest = hashlib.sha256()
    _hash_files(digest, paths, inputs)
    return digest.hexdigest()


def _saved(tmp_path: Path, paths: list[str]) -> tuple[str, Path]:
    memo = tmp_path / "cache" / "inputs-0123456789-pkg.json"
    inputs = InputDigests(memo)
    key = _key(paths, inputs)
    inputs.save()
    return key, memo


def test_the_key_is_the_one_reading_every_file_gives(tmp_path: Path, settled: None) -> None:
    paths = _tree(tmp_path / "specs")
    plain = _key(paths, None)
    key, memo = _saved(tmp_path, paths)
    assert key == plain
    remembered = orjson.loads(memo.read_bytes())
    # regular files only: a link is read through (its target's digest is under its own name)
    assert sorted(remembered) == sorted(p for p in paths if p.endswith(("one.proto", "two.yaml")))
    assert _key(paths, InputDigests(memo)) == plain


def test_a_remembered_digest_is_taken_for_a_file_of_the_same_status(
    tmp_path: Path, settled: None
) -> None:
    """Shown by a forged entry: the file it names is not read (the key follows the entry)."""
    paths = _tree(tmp_path / "specs")
    plain, memo = _saved(tmp_path, paths)
    entries = orjson.loads(memo.read_bytes())
    name = next(p for p in entries if p.endswith("one.proto"))
    entries[name][4] = "00" * 32
    memo.write_bytes(orjson.dumps(entries))
    assert _key(paths, InputDigests(memo)) != plain


def test_a_file_edited_since_is_read_again(tmp_path: Path, settled: None) -> None:
    paths = _tree(tmp_path / "specs")
    _, memo = _saved(tmp_path, paths)
    edited = tmp_path / "specs" / "a" / "one.proto"
    before = edited.stat()
    edited.write_text('syntax = "proto2";\n')  # the same size
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))  # and modification time
    assert _key(paths, InputDigests(memo)) == _key(paths, None)


def test_a_file_changed_just_before_the_run_is_not_remembered(tmp_path: Path) -> None:
    paths = _tree(tmp_path / "specs")
    _, memo = _saved(tmp_path, paths)
    assert not memo.exists()  # (nothing settled: nothing to keep)


@pytest.mark.parametrize(
    "damage",
    [
        b"not json",
        b"[1, 2]",
        b'{"x": [1, 2, 3]}',
        b'{"%s": [1, 2, 3, 4, "zz"]}',
        b'{"%s": ["1", 2, 3, 4, "%s"]}',
        b'{"%s": [1, 2, 3, 4, "%s", 5]}',
        b"",
    ],
)
def test_a_damaged_file_of_digests_is_a_miss(tmp_path: Path, settled: None, damage: bytes) -> None:
    paths = _tree(tmp_path / "specs")
    plain, memo = _saved(tmp_path, paths)
    name = next(p for p in paths if p.endswith("one.proto")).encode()
    memo.write_bytes(damage.replace(b"%s", name, 1).replace(b"%s", b"00" * 32))
    assert _key(paths, InputDigests(memo)) == plain


def test_a_fifo_in_place_of_the_file_of_digests_is_a_miss(tmp_path: Path, settled: None) -> None:
    paths = _tree(tmp_path / "specs")
    plain, memo = _saved(tmp_path, paths)
    memo.unlink()
    os.mkfifo(memo)
    assert _key(paths, InputDigests(memo)) == plain  # (not blocked on it)


def test_a_warm_run_after_a_same_size_edit_regenerates(
    tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end: the second run is not taken for up to date, and writes what a cold one does."""
    root = tmp_path / "protos"
    (root / "demo" / "v1").mkdir(parents=True)
    proto = root / "demo" / "v1" / "greeter.proto"
    text = 'syntax = "proto3";\npackage demo.v1;\n\nmessage Hello { string name = 1; }\n'
    proto.write_text(text)
    monkeypatch.setenv("APIGEN_CACHE_DIR", str(tmp_path / "cache"))
    arguments = ["generate", "--proto-root", str(root), "--package", "demo", "-q"]
    assert main([*arguments, "--out", str(tmp_path / "warm")]) == 0
    assert list((tmp_path / "cache").glob("inputs-*-demo.json"))
    proto.write_text(text.replace("name = 1", "text = 1"))  # the same size
    assert main([*arguments, "--out", str(tmp_path / "warm")]) == 0
    assert main([*arguments, "--out", str(tmp_path / "cold"), "--no-cache"]) == 0
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    files = sorted(p.relative_to(cold) for p in cold.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(warm) for p in warm.rglob("*") if p.is_file())
    assert all((warm / name).read_bytes() == (cold / name).read_bytes() for name in files)
    stub = warm / "python" / "demo" / "demo" / "_pb" / "demo" / "v1" / "greeter_pb2.pyi"
    assert "text" in stub.read_text()


@pytest.mark.parametrize(
    "forge",
    [
        lambda entry: [*entry[:4], "zz" * 32],  # no hex
        lambda entry: [*entry[:4], entry[4][:10]],  # too short
        lambda entry: [*entry[:4], entry[4].upper()],  # (`bytes.fromhex` would take it)
        lambda entry: [*entry[:4], None],
        lambda entry: [*entry, "more"],
        lambda entry: [float(entry[0]), *entry[1:]],  # (equal as a number)
        lambda entry: [True, *entry[1:]] if entry[0] == 1 else [*entry[:4], 7],
    ],
)
def test_an_entry_of_another_shape_for_the_file_s_very_status_is_a_miss(
    tmp_path: Path, settled: None, forge: Any
) -> None:
    paths = _tree(tmp_path / "specs")
    plain, memo = _saved(tmp_path, paths)
    entries = orjson.loads(memo.read_bytes())
    memo.write_bytes(orjson.dumps({name: forge(entry) for name, entry in entries.items()}))
    assert _key(paths, InputDigests(memo)) == plain
