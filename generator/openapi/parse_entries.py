"""A large YAML description parsed entry by entry, each entry's result kept by its text's digest.

After a small edit only the entries whose text changed are parsed again: the entries of `paths`
(`/things:` and everything indented under it) and of `components/schemas`, the sections that make
a description large. The rest of the document (the skeleton: every other line) is parsed on its
own, and the entries are put in their places.

That is the whole document's reading only when the text is laid out plainly, which is checked:

- each section starts at a header line of its own (`paths:`, `  schemas:` under `components:`)
  that appears once, and holds at least one entry;
- inside a section, every line that is not blank or a comment is indented at least as deep as
  the entries, and each line at exactly that depth is a plain `key:` line (no `?`, `-`, flow
  collection, anchor or tag there), with no key twice;
- each entry, and the skeleton, takes the fast path of `fast_yaml` on its own (so no anchors,
  aliases, tags or document markers anywhere; every reading agrees with PyYAML's), within the
  nesting limit less the depth the entry sits at.

Scanning YAML is local: an entry that parses on its own ends outside any quoted scalar or flow
collection (else it would end inside one, an error), so the whole document's scanner sits at the
same place, a new key of the section, at every entry line; lines less indented than the entries
end the section in both readings. Anything else (`split` gives None, or an entry does not take
the fast path) and the caller parses the whole document as before, with errors located as before.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from generator.openapi.fast_yaml import fast_load

# the sections split into entries: (header line, the header's indent, the entries' indent, the
# keys down to the section, how deep an entry's value sits in the whole document less one).
# Patterns begin with a line break (the text is searched with one put in front): a literal start
# lets the regular expression engine skip ahead, where `^` would try every position.
_SECTIONS: tuple[tuple[re.Pattern[str], int, int, tuple[str, ...], int], ...] = (
    (re.compile(r"\npaths:[ \t]*(?:#[^\n]*)?\n"), 0, 2, ("paths",), 1),
    (re.compile(r"\n  schemas:[ \t]*(?:#[^\n]*)?\n"), 2, 4, ("components", "schemas"), 2),
)
# The value the skeleton gives a section's key, in place of the entries cut out (`split`): the
# entries are put where it is read, so a header's key written again in another spelling (`'paths':`,
# `paths :`), which the whole document's reading takes instead, or a `  schemas:` header under
# another key than `components`, is seen (not in the text, or the text is not split)
PLACEHOLDER = "apigen-entries-cut-out-here"
_COMPONENTS = re.compile(r"\ncomponents:[ \t]*(?:#[^\n]*)?\n")
# a plain key line: a plain scalar (beginning as names and paths do) or a one-line quoted one,
# then `:` and a blank or the line's end
_KEY_LINE = re.compile(
    r"""(?P<key>[A-Za-z0-9_/.][^:#\n]*|'[^'\n]*'|"[^"\\\n]*"):(?:[ \t]|$)""", re.MULTILINE
)


def digest(text: str) -> str:
    """Of text as UTF-8 (SHA-256 is ~2x faster than BLAKE2b where the processor helps it)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class Entry(NamedTuple):  # (a tuple: a document makes thousands)
    keys: tuple[str, ...]  # the keys down to the section
    source: str  # the whole text (with a line break put in front: see `split`)
    span: tuple[int, int]  # where the entry's lines lie in it (cut out only when parsed)
    indent: int  # the section's entries' indent
    depth: int  # how deep the entry's value sits in the whole document, less one
    digest: str  # of the text and the indent: `digest(f"{indent}:{text}")`

    @property
    def text(self) -> str:
        """The entry's lines as written."""
        return self.source[self.span[0] : self.span[1]]

    def dedented(self) -> str:
        """The text moved to column 0 (every line with content is indented at least so deep)."""
        return re.sub(f"^ {{1,{self.indent}}}", "", self.text, flags=re.MULTILINE)


def split(text: str, data: bytes | None = None) -> tuple[str, list[Entry]] | None:
    """The skeleton and the entries, or None when the layout is not the plain one above.
    `data`, when given, is `text` as UTF-8 (the entries' digests are then taken from it)."""
    # line breaks of other kinds (PyYAML's reading breaks lines at NEL, LS and PS too): the whole
    # document decides
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return None
    text = "\n" + text  # every line, the first too, follows a line break
    # ASCII (as long as its text): a character's index is its byte's, so each digest is taken
    # of a piece of the bytes, not of a piece of text encoded again
    ascii_data = memoryview(data) if data is not None and len(data) + 1 == len(text) else None
    # (start, end, keys, indent, depth, where the entries' first lines start)
    cuts: list[tuple[int, int, tuple[str, ...], int, int, list[int]]] = []
    for header, outer, inner, keys, depth in _SECTIONS:
        found = list(header.finditer(text))
        if len(found) != 1:
            continue
        if outer and len(_COMPONENTS.findall(text, 0, found[0].start() + 1)) != 1:
            continue
        start = found[0].end()  # the line after the header
        lines = _lines(text, start, outer, inner)
        if lines is None:
            return None
        end, starts = lines
        if end > start:
            cuts.append((start, end, keys, inner, depth, starts))
    if not cuts:
        return None
    cuts.sort()
    if PLACEHOLDER in text:
        return None
    skeleton: list[str] = []
    entries: list[Entry] = []
    position = 1
    for start, end, keys, indent, depth, starts in cuts:
        if start < position:
            return None
        section = _entries(text, ascii_data, start, end, keys, indent, depth, starts)
        if section is None:
            return None
        skeleton.append(text[position:start])
        skeleton.append(f"{' ' * indent}{PLACEHOLDER}\n")
        entries.extend(section)
        position = end
    skeleton.append(text[position:])
    return "".join(skeleton), entries


def _lines(text: str, start: int, outer: int, indent: int) -> tuple[int, list[int]] | None:
    """Where the section whose first line starts at `start` ends (the first line with content
    indented no deeper than its header), and where each line with content indented no deeper
    than the entries (`indent`) starts before that: each is an entry's first; in one pass over
    the section. None when such a line is not a plain key line at the entries' depth."""
    starts: list[int] = []
    for line in _indented(0, indent).finditer(text, start - 1):
        depth = line.end() - line.start() - 2
        if depth <= outer:
            return line.start() + 1, starts
        if depth != indent:  # (a quoted scalar going on, less indented than the entries: the
            return None  # whole document decides)
        if not _KEY_LINE.match(text, line.end() - 1):
            return None
        starts.append(line.start() + 1)
    return len(text), starts


def _entries(
    text: str,
    data: memoryview | None,
    start: int,
    end: int,
    keys: tuple[str, ...],
    indent: int,
    depth: int,
    starts: list[int],
) -> list[Entry] | None:
    """The section's entries, their first lines starting at `starts` (`_lines`); `data`: the bytes
    of `text` less its first line break, when ASCII."""
    first = _indented(0, 1 << 16).search(text, start - 1, end)
    if not starts or first is None or starts[0] != first.start() + 1:
        return None
    tag = f"{indent}:"
    spans = zip(starts, [*starts[1:], end])
    if data is not None:
        prefix = hashlib.sha256(tag.encode())
        digests = [_hashed(prefix, data[begin - 1 : finish - 1]) for begin, finish in zip(starts, [*starts[1:], end])]
    else:
        digests = [digest(tag + text[begin:finish]) for begin, finish in zip(starts, [*starts[1:], end])]
    # (`tuple.__new__`, which a named tuple's own `__new__` calls: thousands of entries)
    make = tuple.__new__
    return [make(Entry, (keys, text, span, indent, depth, found)) for span, found in zip(spans, digests)]


def _hashed(prefix: Any, piece: memoryview) -> str:
    """`digest` of the prefix's text and then `piece`'s (`prefix`: a hash of the former)."""
    found = prefix.copy()
    found.update(piece)
    return str(found.hexdigest()[:32])


@functools.cache
def _indented(least: int, most: int) -> re.Pattern[str]:
    """A line break, then a line with something on it other than a comment, indented `least`
    to `most` spaces."""
    # (possessive: a line indented deeper is given up at once, not tried again with fewer spaces)
    return re.compile(f"\\n {{{least},{most}}}+[^ \\n#]")


def parse(
    parts: tuple[str, list[Entry]], max_nesting: int, known: dict[str, Any]
) -> tuple[Any, dict[str, Any]] | None:
    """The document read entry by entry from `split`'s parts, taking entries from `known`
    (entry digest -> value) where their text is unchanged; with the values of this text's
    entries. None: parse the whole document."""
    skeleton, entries = parts
    document = _skeleton_read(skeleton, {entry.keys for entry in entries}, max_nesting)
    if document is None:
        return None
    values: dict[str, Any] = {}
    sections: dict[tuple[str, ...], dict[str, Any]] = {}
    for entry in entries:
        value = known.get(entry.digest)
        if not isinstance(value, dict) or len(value) != 1:  # (a damaged cache entry: a miss)
            fast, value = fast_load(entry.dedented(), max_nesting - entry.depth)
            if not fast or not isinstance(value, dict) or len(value) != 1:
                return None
        values[entry.digest] = value
        section = sections.setdefault(entry.keys, {})
        ((key, node),) = value.items()
        if key in section:  # a key twice: the whole document decides
            return None
        section[key] = node
    for keys, section in sections.items():
        parent = _parent(document, keys)
        assert parent is not None  # (`_skeleton_read`)
        parent[keys[-1]] = section
    return document, values


def _skeleton_read(skeleton: str, sections: Iterable[tuple[str, ...]], max_nesting: int) -> dict[str, Any] | None:
    """The skeleton's reading, when fast and each section's key holds the placeholder there: the
    sections cut out are the ones the document's reading holds (not a header's key written again
    in another spelling, which the reading takes instead, nor a `  schemas:` header under another
    key than `components`). Else None: the whole document decides."""
    fast, document = fast_load(skeleton, max_nesting)
    if not fast or not isinstance(document, dict):
        return None
    for keys in sections:
        parent = _parent(document, keys)
        if parent is None or parent.get(keys[-1]) != PLACEHOLDER:
            return None
    return document


def remember(document: Any, parts: tuple[str, list[Entry]], max_nesting: int) -> dict[str, Any] | None:
    """The values of the entries of `parts` (`split`), taken from the whole document's reading:
    each section's keys in order, one for each entry (a section not the one cut out, fewer keys,
    a key twice or a key that was no key: None)."""
    skeleton, entries = parts
    if _skeleton_read(skeleton, {entry.keys for entry in entries}, max_nesting) is None:
        return None
    values: dict[str, Any] = {}
    by_section: dict[tuple[str, ...], list[Entry]] = {}
    for entry in entries:
        by_section.setdefault(entry.keys, []).append(entry)
    for keys, listed in by_section.items():
        parent = _parent(document, keys)
        section = None if parent is None else parent.get(keys[-1])
        if not isinstance(section, dict) or len(section) != len(listed):
            return None
        for entry, (key, node) in zip(listed, section.items()):
            if key != _key_of(entry):  # (not where the entry was cut: the whole document decides)
                return None
            values[entry.digest] = {key: node}
    return values


def _key_of(entry: Entry) -> str | None:
    """The key on the entry's first line as written (a quoted one unquoted; None if none)."""
    found = _KEY_LINE.match(entry.source, entry.span[0] + entry.indent)
    if found is None:
        return None
    key = found["key"]
    return key[1:-1] if key[0] in "'\"" else key.rstrip(" \t")


def _parent(document: Any, keys: tuple[str, ...]) -> dict[str, Any] | None:
    parent = document
    for key in keys[:-1]:
        parent = parent.get(key) if isinstance(parent, dict) else None
    return parent if isinstance(parent, dict) else None


def share_strings(nodes: Iterable[Any]) -> None:
    """Make equal strings (keys and values) in `nodes` one object, in place (order kept).

    A parsed description holds each key as a string of its own (263,000 keys, 15,000 distinct
    texts in a 10 MB one), and a pickle writes each object afresh: shared, each text is pickled
    once and read back as one object, which makes the stored entries a quarter the size and
    reading them back half the time and memory (and pickling them, when stored, no dearer)."""
    seen: dict[str, str] = {}
    canonical = seen.setdefault
    pending = list(nodes)
    while pending:
        node = pending.pop()
        if type(node) is dict:
            items = list(node.items())
            node.clear()
            for key, value in items:
                if type(value) is str:
                    value = canonical(value, value)
                elif type(value) is dict or type(value) is list:
                    pending.append(value)
                node[canonical(key, key)] = value
        elif type(node) is list:
            for index, value in enumerate(node):
                if type(value) is str:
                    node[index] = canonical(value, value)
                elif type(value) is dict or type(value) is list:
                    pending.append(value)
