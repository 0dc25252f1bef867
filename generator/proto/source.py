"""Comments and positions from a file's SourceCodeInfo, addressed by descriptor path."""

from __future__ import annotations

from google.protobuf import descriptor_pb2

from generator.ir.model import Location

# Field numbers used in SourceCodeInfo paths (see descriptor.proto).
FILE_MESSAGE, FILE_ENUM, FILE_SERVICE = 4, 5, 6
MESSAGE_FIELD, MESSAGE_NESTED, MESSAGE_ENUM, MESSAGE_ONEOF = 2, 3, 4, 8
ENUM_VALUE = 2
SERVICE_METHOD = 2

Path = tuple[int, ...]


class SourceInfo:
    """Leading/trailing comments and 1-based line:column of one file's elements."""

    def __init__(self, file: descriptor_pb2.FileDescriptorProto) -> None:
        self.file = file.name
        self._by_path: dict[Path, descriptor_pb2.SourceCodeInfo.Location] = {}
        for location in file.source_code_info.location:
            # the first location for a path is the whole element; later ones are its parts.
            # An element's path is (field number, index) pairs; an odd length is a part of
            # one (its name, type, number, ...): never looked up, so not kept (half the work)
            path = location.path
            if not len(path) & 1:
                self._by_path.setdefault(tuple(path), location)

    def description(self, path: Path) -> str:
        """The comments of the element at `path` (field number, index pairs)."""
        location = self._by_path.get(path)
        return "" if location is None else _description(location)

    def location(self, path: Path) -> Location:
        """Where the element at `path` (field number, index pairs) starts."""
        return self._location(self._by_path.get(path))

    def element(self, path: Path) -> tuple[str, Location]:
        """`description(path)` and `location(path)`, looked up once (every field asks both)."""
        location = self._by_path.get(path)
        return ("" if location is None else _description(location)), self._location(location)

    def _location(self, location: descriptor_pb2.SourceCodeInfo.Location | None) -> Location:
        if location is None:
            return Location(self.file)
        span = location.span
        if len(span) < 2:
            return Location(self.file)
        return Location(self.file, line=span[0] + 1, column=span[1] + 1)


def _description(location: descriptor_pb2.SourceCodeInfo.Location) -> str:
    leading, trailing = location.leading_comments, location.trailing_comments
    if not leading and not trailing:  # most elements: no comment at all
        return ""
    parts = [_clean(_text(text)) for text in (leading, trailing) if text.strip()]
    return "\n\n".join(part for part in parts if part)


def undecodable_comments(file: descriptor_pb2.FileDescriptorProto) -> list[Location]:
    """Where comments hold bytes that are not UTF-8 (protobuf hands those over as bytes)."""
    return [
        Location(file.name, line=location.span[0] + 1, column=location.span[1] + 1)
        for location in file.source_code_info.location
        if isinstance(location.leading_comments, bytes)
        or isinstance(location.trailing_comments, bytes)
    ]


def _text(comment: str | bytes) -> str:
    """A comment as text: protobuf returns a string field that is not valid UTF-8 as bytes."""
    return comment.decode("utf-8", errors="replace") if isinstance(comment, bytes) else comment


def _clean(comment: str) -> str:
    """Drop the single space after `//` and surrounding blank lines; keep paragraphs."""
    lines = [line[1:] if line.startswith(" ") else line for line in comment.splitlines()]
    return "\n".join(line.rstrip() for line in lines).strip("\n")
