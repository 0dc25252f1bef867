"""Memos of spec text keep short texts only: long prose is never held for the process's life."""

from __future__ import annotations

import tracemalloc

from generator.render.docs.markdown import md_cell, md_text
from generator.render.python.literals import docstring_body
from generator.text_memo import MEMO_TEXT_LIMIT, short_text_memo


def test_long_texts_are_converted_but_not_remembered() -> None:
    """100 distinct 2,000-character CJK descriptions through every memoized conversion keep
    nothing once converted (remembered, they would hold nearly 1 MB)."""
    texts = [f"{index:04d} " + "描述文本" * 500 for index in range(100)]
    assert min(map(len, texts)) > MEMO_TEXT_LIMIT
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for text in texts:
            md_cell(text)
            md_text(text)
            docstring_body(text, "    ")
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 300_000, kept


def test_short_texts_are_remembered() -> None:
    calls: list[str] = []

    @short_text_memo(maxsize=16)
    def shout(text: str, mark: str) -> str:
        calls.append(text)
        return text.upper() + mark

    long = "x" * (MEMO_TEXT_LIMIT + 1)
    assert [shout("a", "!"), shout("a", "!"), shout("a", "?"), shout(long, "!"), shout(long, "!")] == [
        "A!", "A!", "A?", long.upper() + "!", long.upper() + "!"
    ]  # fmt: skip
    assert calls == ["a", "a", long, long]
