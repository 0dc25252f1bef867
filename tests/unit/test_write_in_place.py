"""Writing a regenerated package in place: only what differs is touched, the rest is removed."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import xxhash

from generator import write


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_only_changed_files_are_written_and_extras_removed(tmp_path: Path) -> None:
    out, staging = tmp_path / "out", tmp_path / "staging"
    staging.mkdir()
    before = {"pkg/a.py": "a = 1\n", "pkg/b.py": "b = 1\n", "pkg/gone/c.py": "c = 1\n", "top.md": "x\n"}
    for path, text in before.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text)
    kept = (out / "pkg/a.py").stat()
    files = {"pkg/a.py": "a = 1\n", "pkg/b.py": "b = 2\n", "pkg/new/d.py": "d = 1\n", "top.md": "x\n"}

    written = write.update_in_place(files, out, ["pkg", "top.md"], staging)

    assert written is not None and sorted(written) == ["pkg/b.py", "pkg/gone/c.py", "pkg/new/d.py"]
    assert tree(out) == files
    assert not (out / "pkg/gone").exists()  # emptied folders go too
    after = (out / "pkg/a.py").stat()
    assert (after.st_ino, after.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)  # untouched


def test_a_folder_where_a_file_goes_is_left_to_the_swap(tmp_path: Path) -> None:
    out, staging = tmp_path / "out", tmp_path / "staging"
    staging.mkdir()
    (out / "pkg" / "x.py").mkdir(parents=True)
    (out / "pkg" / "y.py").write_text("old\n")

    assert write.update_in_place({"pkg/x.py": "x\n", "pkg/y.py": "new\n"}, out, ["pkg"], staging) is None
    assert (out / "pkg" / "x.py").is_dir() and (out / "pkg" / "y.py").read_text() == "old\n"


def test_a_file_larger_than_a_piece_is_written_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "_PIECE", 4)  # pieces end inside multi-byte characters' runs
    files = {"big.json": "ab\u00e9\U0001f600cd\u00e9f\n" * 3, "small.py": "x\n", "empty.txt": ""}
    write.write_files(str(tmp_path), files)
    assert {path: (tmp_path / path).read_bytes() for path in files} == {
        path: text.encode("utf-8") for path, text in files.items()
    }


def test_a_text_that_cannot_be_encoded_leaves_no_file_and_is_placed_in_the_whole_text(
    tmp_path: Path,
) -> None:
    """A large file is encoded a piece at a time: a lone surrogate in a later piece raises the
    error encoding the whole text would (its position in the whole text), and no partial or
    empty file is left."""
    text = "a" * write._PIECE + "b\ud800c"
    with pytest.raises(UnicodeEncodeError) as raised:
        write.write_files(str(tmp_path), {"ok.txt": "fine\n", "sub/bad.txt": text})
    with pytest.raises(UnicodeEncodeError) as whole:
        text.encode("utf-8")
    assert str(raised.value) == str(whole.value)
    assert (raised.value.start, raised.value.end) == (write._PIECE + 1, write._PIECE + 2)
    assert not (tmp_path / "sub" / "bad.txt").exists()
    assert (tmp_path / "ok.txt").read_text() == "fine\n"


def test_staging_that_fails_leaves_no_staging_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(UnicodeEncodeError):
        write.stage({"a.txt": "fine\n", "b.txt": "bad \ud800\n"}, out)
    assert list(out.iterdir()) == []


def test_files_of_nested_and_sibling_folders_are_written_and_read_back(tmp_path: Path) -> None:
    """Each folder's files are opened relative to the folder (`write._in_folders`): folders
    met in any order, nested ones, and files at the top all land where their paths say."""
    files = {
        "top.py": "t\n", "a/b.py": "ab\n", "a/b/c.py": "abc\n", "a/b-c/d.py": "abcd\n",
        "a/b/z/e.md": "e\n", "a/x.py": "ax\n", "z/\u00e9.py": "\u00e9\n", "a/b/y.py": "",
        "a/big.md": "\u00e9\r\n" * (1 << 19),  # a large one
    }  # fmt: skip
    write.write_files(str(tmp_path), files)
    found = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert found == set(files)
    assert write.read_texts(tmp_path, sorted(files, reverse=True)) == files


def test_a_large_changed_file_is_compared_and_written_a_piece_at_a_time(tmp_path: Path) -> None:
    """The IR snapshot of a large API is tens of MB: a changed one is compared, hashed and
    written without a copy of its bytes whole (the run's memory peak), its digest taken on the
    way (`TextDigests.take`)."""
    import tracemalloc

    out, staging = tmp_path / "out", tmp_path / "staging"
    staging.mkdir()
    old = "[" + "1," * (4 * write._PIECE) + "2]\n"  # ~8 MB of ASCII
    (out / "ir").mkdir(parents=True)
    (out / "ir" / "api.json").write_text(old)
    new = old.replace("2]", "3]")  # the same size, the last piece differs
    digests = write.TextDigests()
    tracemalloc.start()
    try:
        written = write.update_in_place({"ir/api.json": new}, out, ["ir"], staging, (), digests)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert written == ["ir/api.json"] and (out / "ir" / "api.json").read_text() == new
    assert peak < 4 * write._PIECE < len(new)
    assert digests("ir/api.json", new) == xxhash.xxh3_128_digest(new.encode())  # (`write.new_digest`)


@pytest.mark.parametrize(
    ("on_disk", "text"),
    [
        ("ab\u00e9\U0001f600cd\n", "ab\u00e9\U0001f600cd\n"),  # held (multi-byte): not written
        ("ab\u00e9\U0001f600cd\n", "ab\u00e9\U0001f600ce\n"),  # the same size in bytes, another text
        ("ab\u00e9\U0001f600cd\n", "ab\u00e9\U0001f600cd\nmore\n"),  # the file's text, then more
        ("ab\u00e9\U0001f600cd\nmore\n", "ab\u00e9\U0001f600cd\n"),  # the file holds more
        ("abcd\n", "abce\n"),  # ASCII of the same size
        ("", ""),
        ("x", ""),
    ],
)
def test_a_file_is_written_exactly_when_it_does_not_hold_its_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on_disk: str, text: str
) -> None:
    import hashlib

    monkeypatch.setattr(write, "_PIECE", 4)  # pieces end inside multi-byte characters' runs
    out, staging = tmp_path / "out", tmp_path / "staging"
    staging.mkdir()
    out.mkdir()
    (out / "f.md").write_bytes(on_disk.encode())
    before = (out / "f.md").stat()
    digests = write.TextDigests()
    written = write.update_in_place({"f.md": text}, out, ["f.md"], staging, (), digests)
    assert (out / "f.md").read_bytes() == text.encode()
    assert written == ([] if on_disk == text else ["f.md"])
    if on_disk == text:
        assert (out / "f.md").stat().st_ino == before.st_ino
    assert digests.from_bytes == 1
    assert digests("f.md", text) == hashlib.sha256(text.encode()).digest()


def test_a_changed_text_that_cannot_be_encoded_raises_its_error_placed_in_the_whole_text(
    tmp_path: Path,
) -> None:
    out, staging = tmp_path / "out", tmp_path / "staging"
    staging.mkdir()
    out.mkdir()
    text = "a" * write._PIECE + "b\ud800c"
    (out / "f.txt").write_text("a" * write._PIECE + "bxc")
    with pytest.raises(UnicodeEncodeError) as raised:
        write.update_in_place({"f.txt": text}, out, ["f.txt"], staging)
    assert (raised.value.start, raised.value.end) == (write._PIECE + 1, write._PIECE + 2)
    assert (out / "f.txt").read_text() == "a" * write._PIECE + "bxc"


@pytest.mark.parametrize("text", ["plain = 1\n", "caf\u00e9 = 1\n"])
def test_a_fifo_where_an_output_file_goes_is_replaced_not_read(tmp_path: Path, text: str) -> None:
    """Only a regular file is compared: reading a FIFO would block the run for good."""
    out, staging = tmp_path / "out", tmp_path / "staging"
    staging.mkdir()
    (out / "pkg").mkdir(parents=True)
    os.mkfifo(out / "pkg" / "x.py")

    result: list[list[str] | None] = []
    worker = threading.Thread(  # (a daemon: were it to block on the FIFO, the test still ends)
        target=lambda: result.append(write.update_in_place({"pkg/x.py": text}, out, ["pkg"], staging)),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=20)

    assert result == [["pkg/x.py"]], "blocked reading the FIFO"
    assert (out / "pkg" / "x.py").is_file() and (out / "pkg" / "x.py").read_text() == text


@pytest.mark.parametrize("on_disk", [b"caf", "caf\u00e9 = 1\n".encode() * 5])
def test_a_file_of_a_size_the_text_cannot_have_is_not_read(
    tmp_path: Path, on_disk: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "x.py").write_bytes(on_disk)
    monkeypatch.setattr("builtins.open", lambda *args, **kwargs: pytest.fail("the file was read"))
    assert write._held_digest(str(tmp_path / "x.py"), "caf\u00e9 = 1\n", "x.py") is None


def test_a_text_whose_digest_this_run_took_is_written_without_hashing_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed file's text whose digest was taken before it is written (its format cache key:
    a large page) is written as it is, not hashed a second time; another text is hashed as it is
    written. Either way the file holds the text and its digest is the one taken."""
    import hashlib

    out, staging = tmp_path / "out", tmp_path / "staging"
    staging.mkdir()
    out.mkdir()
    files = {"page.md": "a page\n" * 100, "other.md": "another page\n"}
    digests = write.TextDigests()
    taken = digests("page.md", files["page.md"])
    made: list[bytes] = []
    sha256 = hashlib.sha256

    def noting(*args: bytes) -> hashlib._Hash:
        made.append(b"")
        return sha256(*args)

    monkeypatch.setattr(write.hashlib, "sha256", noting)
    written = write.update_in_place(files, out, list(files), staging, (), digests)
    assert sorted(written or []) == ["other.md", "page.md"] and len(made) == 1  # (other.md's)
    assert {name: (out / name).read_text() for name in files} == files
    assert digests("page.md", files["page.md"]) == taken == sha256(files["page.md"].encode()).digest()
    assert digests.taken("other.md", files["other.md"]) == sha256(files["other.md"].encode()).digest()


def test_a_file_nothing_formats_is_told_by_xxh3_a_formatted_one_by_sha256(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The digest of a text the format cache finds formatted texts by stays SHA-256; a file
    nothing formats (the IR snapshot: tens of MB changed by every change) is told by XXH3-128,
    written, compared and on disk alike (`pipeline._output_digest` reads it so)."""
    import hashlib

    from generator import pipeline

    snapshot, module = "[" + "1," * 1000 + "2]\n", "x = 1\n"
    assert write.text_digest(snapshot, "ir/api.json").digest() == xxhash.xxh3_128_digest(snapshot.encode())
    assert write.text_digest(module, "python/p/m.py").digest() == hashlib.sha256(module.encode()).digest()
    assert write.text_digest(module, "python/p/_pb/m.py").digest() == xxhash.xxh3_128_digest(module.encode())
    assert write.is_text_digest(hashlib.sha256().digest()) and write.is_text_digest(xxhash.xxh3_128_digest(b""))
    assert not write.is_text_digest(b"\0" * 20) and not write.is_text_digest("0" * 32)

    out, staging = tmp_path / "out", tmp_path / "staging"
    staging.mkdir()
    (out / "ir").mkdir(parents=True)
    (out / "ir" / "api.json").write_text(snapshot.replace("2]", "3]"))
    digests = write.TextDigests()
    monkeypatch.setattr(write.hashlib, "sha256", lambda *args: pytest.fail("a snapshot hashed by SHA-256"))
    assert write.update_in_place({"ir/api.json": snapshot}, out, ["ir"], staging, (), digests) == ["ir/api.json"]
    assert digests.taken("ir/api.json", snapshot) == xxhash.xxh3_128_digest(snapshot.encode())
    assert write.file_digest(str(out / "ir" / "api.json"), "ir/api.json") == digests.taken("ir/api.json", snapshot)
    assert dict(pipeline._files_hashed(str(out / "ir"), "ir/")) == {"ir/api.json": digests.taken("ir/api.json", snapshot)}
