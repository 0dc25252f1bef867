"""Markdown text from spec text: table cells, code spans, anchors; no raw HTML from a spec."""

from __future__ import annotations

import re

from generator.render.python.literals import clean_text
from generator.text_memo import short_text_memo


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to dashes."""
    text = heading.strip().lower()
    text = _NOT_IN_ANCHOR.sub("", text)
    return text.replace(" ", "-")


_NOT_IN_ANCHOR = re.compile(r"[^\w\- ]")


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped, no raw HTML."""
    return _md_cell(text) if text else ""  # (many cells are empty: no memo lookup for them)


@short_text_memo(maxsize=4096)  # a pure function; descriptions and annotations repeat
def _md_cell(text: str) -> str:
    return " ".join(md_text(text).split()).replace("|", "\\|")


def md_code(text: str) -> str:
    """Inline code that survives backticks inside (uses a longer fence when needed)."""
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_BACKTICKS = re.compile(r"`+")


@short_text_memo(maxsize=4096)  # a pure function; descriptions repeat
def md_text(text: str) -> str:
    """Spec prose as Markdown: cleaned; raw HTML neutralized and headings made bold outside code
    spans (inside them Markdown shows `<` as is, and an entity would show literally)."""
    text = clean_text(text)
    out = []
    position = 0
    for start, end in code_spans(text):
        out.append(_no_html(text[position:start], _at_line_start(text, position)))
        out.append(text[start:end])
        position = end
    out.append(_no_html(text[position:], _at_line_start(text, position)))
    return "".join(out)


def _at_line_start(text: str, position: int) -> bool:
    return position == 0 or text[position - 1] == "\n"


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code span: a backtick run up to the next run of the same length.

    Linear in the text (a regex with a back reference is cubic on long backtick runs).
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    closer: list[int | None] = [None] * len(runs)
    later: dict[int, int] = {}  # run length -> index of the nearest later run of that length
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        closer[index] = later.get(length)
        later[length] = index
    spans = []
    index = 0
    while index < len(runs):
        match = closer[index]
        if match is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[match][1]))
        index = match + 1
    return spans
def md_heading(text: str) -> str:
    """Spec text as the words of a heading: one line, no raw HTML, and a trailing `#` kept (it
    would be read as the closing sequence)."""
    line = " ".join(md_text(text).split())
    return re.sub(r"#+$", lambda m: "\\#" * len(m.group(0)), line)


def md_fence(code: str, language: str = "") -> str:
    """A fenced code block whose fence is longer than any backtick run inside the code."""
    longest = max((len(run) for run in _BACKTICKS.findall(code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{code.rstrip()}\n{fence}"


_FENCE = re.compile(r"^([ ]{0,3})(`{3,}|~{3,})", re.M)


def md_paragraphs(text: str) -> str:
    """Spec prose as a block of a page: `md_text`, and a code fence opened in the prose never
    swallows the rest of the page (every fence is written as text)."""
    return _FENCE.sub(lambda m: m.group(1) + "\\" + "\\".join(m.group(2)), md_text(text)).strip()


_PROSE_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)


def _no_html(text: str, at_line_start: bool = True) -> str:
    # a heading in spec prose would break the page's outline (and its table of contents): bold.
    # A piece that follows a code span on the same line starts mid-line: its first line is
    # no heading, whatever `^` says
    head = ""
    if not at_line_start:
        cut = text.find("\n") + 1 or len(text)
        head, text = text[:cut], text[cut:]
    text = head + _PROSE_HEADING.sub(lambda m: f"**{m.group(1)}**", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")
