"""Markdown text from spec text: table cells, code spans, anchors; no raw HTML from a spec."""

from __future__ import annotations

import re

from generator.render.python.literals import clean_text


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to dashes."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped, no raw HTML."""
    return " ".join(md_text(text).split()).replace("|", "\\|")


def md_code(text: str) -> str:
    """Inline code that survives backticks inside (uses a longer fence when needed)."""
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)


def md_text(text: str) -> str:
    """Spec prose as Markdown: cleaned; raw HTML neutralized and headings made bold outside code
    spans (inside them Markdown shows `<` as is, and an entity would show literally)."""
    text = clean_text(text)
    out = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_no_html(text[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(_no_html(text[position:]))
    return "".join(out)


_PROSE_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)


def _no_html(text: str) -> str:
    # a heading in spec prose would break the page's outline (and its table of contents): bold
    text = _PROSE_HEADING.sub(lambda m: f"**{m.group(1)}**", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")
