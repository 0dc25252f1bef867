"""The format cache keeps the formatter's output by the rendered text; a file the formatter left
as rendered is noted as such, not kept a second time, and still comes back whole."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from generator.cache_layers import Layered
from generator.cache_location import ENV_VAR
from generator.encoded import Encoded
from generator.format_cache import AS_RENDERED, FormatCache


def test_files_the_formatter_leaves_alone_are_noted_not_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    rendered = {"pkg/same.py": "x = 1\n", "pkg/changed.py": "x=1\n", "README.txt": "not formatted\n"}
    first = FormatCache(tmp_path / "out")
    assert first.split(rendered) == ({}, ["pkg/changed.py", "pkg/same.py"])
    first.remember({"pkg/same.py": "x = 1\n", "pkg/changed.py": "x = 1\n"})
    assert first.path is not None
    entries = Layered.load(first.path, first.salt.decode()).sections["entries"]
    assert sorted(entries.values(), key=str) == [AS_RENDERED, "x = 1\n"]

    again = FormatCache(tmp_path / "out")
    done, pending = again.split(rendered)
    assert done == {"pkg/same.py": "x = 1\n", "pkg/changed.py": "x = 1\n"} and pending == []


def test_an_entry_of_another_shape_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    first = FormatCache(tmp_path / "out")
    first.split({"a.py": "x = 1\n"})
    first.remember({"a.py": "x = 1\n"})
    assert first.path is not None
    layered = Layered.load(first.path, first.salt.decode())
    entries = layered.sections["entries"]
    layered.save({**layered.sections, "entries": {key: False for key in entries}})  # not the marker
    assert FormatCache(tmp_path / "out").split({"a.py": "x = 1\n"}) == ({}, ["a.py"])


def test_a_text_digest_is_taken_once_per_text_and_never_reused_for_another_text() -> None:
    from generator import write

    digests = write.TextDigests()
    text = "x = 1\n" * 3
    assert digests("a.py", text) == write.text_digest(text, "a.py").digest()
    assert digests("a.py", text) == write.text_digest(text, "a.py").digest()
    other = "".join(["x = 2\n"] * 3)  # another text at the same path: its own digest
    assert digests("a.py", other) == write.text_digest(other, "a.py").digest()


@pytest.mark.parametrize(
    ("path", "formatted"),
    [("a/b.py", True), ("b.pyi", True), ("docs/x.md", True), ("pkg/_pb/x_pb2.py", False),
     ("pkg/.py", False), ("pkg/x.txt", False), ("pkg/x.", False), ("x.py/y.json", False)],
)  # fmt: skip
def test_which_files_the_formatter_sees(path: str, formatted: bool) -> None:
    from generator import write

    assert write.is_formatted(path) is formatted


def test_a_stub_and_a_module_of_the_same_text_are_formatted_each_its_own_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The formatter lays out a `.pyi` stub otherwise than a `.py` module (blank lines between
    classes): the same rendered text in both gets each its own formatted text back."""
    from generator import write

    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    text = "class A:\n    x: int\n\n\n\nclass B:\n    y: int\n"
    rendered = {"pkg/a.py": text, "pkg/a.pyi": text}
    out = tmp_path / "out"
    (out / "pkg").mkdir(parents=True)
    for path, body in rendered.items():
        (out / path).write_text(body)
    first = FormatCache(out)
    _, pending = first.split(rendered)
    write.format_python(out, pending)
    formatted = {path: (out / path).read_text() for path in pending}
    assert formatted["pkg/a.py"] != formatted["pkg/a.pyi"]  # else this test proves nothing
    first.remember(formatted, out)
    done, pending = FormatCache(out).split(rendered)
    assert done == formatted and pending == []


def test_a_formatted_text_taken_from_the_cache_comes_with_its_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text the formatter changed is kept with its digest: the next run that takes it (the
    output's stamp asks for the digest of every file) does not hash it again; a kept digest of
    another shape is not taken (the text is hashed as before)."""
    from generator import write

    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    rendered = {"pkg/a.py": "x=1\n", "pkg/b.py": "y = 2\n"}
    first = FormatCache(tmp_path / "out")
    first.split(rendered)
    first.remember({"pkg/a.py": "x = 1\n", "pkg/b.py": "y = 2\n"})
    again = FormatCache(tmp_path / "out")
    done, _ = again.split(rendered)
    assert again.digests("pkg/a.py", done["pkg/a.py"]) == write.text_digest("x = 1\n", "pkg/a.py").digest()
    assert again.digests.known_used == 1
    assert again.path is not None
    layered = Layered.load(again.path, again.salt.decode())
    damaged = {key: b"short" for key in layered.sections["digests"]}
    layered.save({**layered.sections, "digests": damaged})
    damaged_run = FormatCache(tmp_path / "out")
    done, _ = damaged_run.split(rendered)
    assert damaged_run.digests("pkg/a.py", done["pkg/a.py"]) == write.text_digest("x = 1\n", "pkg/a.py").digest()
    assert damaged_run.digests.known_used == 0


# Markdown the formatter must leave as it is (no code fence), and pages it may change (fences)
UNFENCED = {
    "plain.md": "# Title\n\nText with `inline = code` and ``double``, a | table | row |\n",
    "indented.md": "# Code by indentation\n\n    x=1\n    def f( a ):\n      return a\n",
    "html.md": "<pre>\nx=1\n</pre>\n\ntrailing spaces   \n\n\n\nno newline at the end",
    "crlf.md": "# Title\r\n\r\nx=1\r\n",
    "tabs.md": "#\tTitle\n\n\tx=1\n",
    "empty.md": "",
    "tildes_in_text.md": "About ~5 items, ~~struck~~ through.\n",
}
FENCED = {"backticks.md": "# T\n\n```python\nx=1\n```\n", "tildes.md": "# T\n\n~~~python\nx=1\n~~~\n"}


def test_markdown_without_a_code_fence_is_known_to_be_left_as_rendered(tmp_path: Path) -> None:
    """`write.left_as_rendered` is true of the installed formatter: each page it names is left as
    it is by a formatter run; pages with a fence it does not name (the formatter may change them:
    here it does), nor files of other kinds."""
    from generator import write

    for name, text in {**UNFENCED, **FENCED}.items():
        (tmp_path / name).write_bytes(text.encode())
    write.format_python(tmp_path, sorted({**UNFENCED, **FENCED}))
    for name, text in UNFENCED.items():
        assert write.left_as_rendered(f"docs/{name}", text)
        assert (tmp_path / name).read_bytes() == text.encode(), name
    for name, text in FENCED.items():
        assert not write.left_as_rendered(f"docs/{name}", text)
        assert (tmp_path / name).read_bytes() != text.encode(), name  # (else this proves nothing)
    assert not write.left_as_rendered("pkg/a.py", "x = 1\n")


def test_a_new_unfenced_page_is_taken_as_rendered_once_the_cache_knows_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Markdown page of a text not seen before is formatted unless it has no code fence (then
    it is its own formatted text, noted as such); a run that knows nothing formats every file."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    first = FormatCache(tmp_path / "out")
    assert first.split({"a.py": "x = 1\n", "docs/a.md": "# A\n"}) == ({}, ["a.py", "docs/a.md"])
    first.remember({"a.py": "x = 1\n", "docs/a.md": "# A\n"})
    rendered = {"a.py": "x = 1\n", "docs/a.md": "# A, changed\n", "docs/b.md": FENCED["backticks.md"]}
    again = FormatCache(tmp_path / "out")
    done, pending = again.split(rendered)
    assert done == {"a.py": "x = 1\n", "docs/a.md": "# A, changed\n"} and pending == ["docs/b.md"]
    again.remember({**done, "docs/b.md": "# T\n\n```python\nx = 1\n```\n"})
    assert again.path is not None
    entries = Layered.load(again.path, again.salt.decode()).sections["entries"]
    assert entries[again.key_of("docs/a.md")] == AS_RENDERED


def _split_at(data: bytes, cuts: list[int]) -> Encoded:
    bounds = [0, *cuts, len(data)]
    return Encoded(tuple(memoryview(data)[a:b] for a, b in pairwise(bounds)))


def test_a_page_given_as_its_bytes_is_searched_for_fences_across_its_pieces() -> None:
    """The data-types page is given as the bytes of its entries (`Encoded`, never joined): a fence
    found in a piece, across a joint, or across pieces shorter than itself, as in the text."""
    from generator import write

    for name, text in {**UNFENCED, **FENCED, "mixed.md": "a ~ b\n\n~~ c\n``d``` e\n"}.items():
        data = text.encode()
        expected = write.left_as_rendered(f"docs/{name}", text)
        for cuts in ([], [1], [len(data) // 2], list(range(1, len(data))), [3, 4, 5, 9, 10]):
            cuts = sorted({cut for cut in cuts if 0 < cut < len(data)})
            assert write.left_as_rendered(f"docs/{name}", _split_at(data, cuts)) == expected, (name, cuts)
    # a fence whose three characters lie in three pieces, or across each joint
    for data in (b"x`", b"``y"), (b"ab~", b"~", b"~cd"), (b"``", b"`"), (b"~~", b"", b"~"):
        assert not write.left_as_rendered("docs/page.md", Encoded(data))
    assert write.left_as_rendered("docs/page.md", Encoded((b"``", b"x`", b"~~", b"y~")))
    assert not write.left_as_rendered("pkg/a.py", Encoded((b"x = 1\n",)))


def test_a_page_given_as_its_bytes_and_left_as_rendered_is_noted_not_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Formatted when nothing is known (a cold run), a page given as its bytes that the formatter
    left as it was is noted as such, as a text given as `str` is; one it changed is kept."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    same, changed = "# Page · x\n\nText.\n", "# T\n\n```python\nx=1\n```\n"
    rendered = {"docs/same.md": _split_at(same.encode(), [3, 9]), "docs/changed.md": Encoded((changed.encode(),))}
    first = FormatCache(tmp_path / "out")
    assert first.split(rendered) == ({}, ["docs/changed.md", "docs/same.md"])
    first.remember({"docs/same.md": same, "docs/changed.md": "# T\n\n```python\nx = 1\n```\n"})
    assert first.path is not None
    entries = Layered.load(first.path, first.salt.decode()).sections["entries"]
    assert sorted(entries.values(), key=str) == ["# T\n\n```python\nx = 1\n```\n", AS_RENDERED]
