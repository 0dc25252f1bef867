"""What a file puts where another file of the set could put it too, and whether two files do.

protoc compiles the whole set into one descriptor pool: a name two files declare, or a package
of one file naming what another declares, is an error ("... is already defined in file ..."),
and an extension number two files give one message is a warning, though neither file imports
the other. A cached run compiles only the changed files and their imports, so protoc never
meets those pairs: it asks `clash` instead, and compiles the whole set when the answer is yes.

Only the names in a file's package scope are kept: every other name lies inside a message,
enum or service declared there, so a second file reaching it would declare that top-level name
too, or have it as (a parent of) its package, and either is a clash found here.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import chain
from typing import Any, NamedTuple, TypeGuard

from google.protobuf import descriptor_pb2

from generator.proto.scope import package_prefixes


class Declared(NamedTuple):
    """What one file adds to the pool's shared scopes. (A named tuple: a thousand are read back
    at each cached run, faster than data classes.)"""

    package: str
    # full names in the package's scope: messages, enums, the values of those enums (C++
    # scoping: an enum value is a sibling of its enum), services, extensions
    names: tuple[str, ...]
    # (full name of the message extended, number) of every extension, nested ones too
    extensions: tuple[tuple[str, int], ...]


def declared(file: descriptor_pb2.FileDescriptorProto) -> Declared:
    prefix = f"{file.package}." if file.package else ""
    names = [prefix + message.name for message in file.message_type]
    for enum in file.enum_type:
        names += [prefix + enum.name, *(prefix + value.name for value in enum.value)]
    names += [prefix + service.name for service in file.service]
    names += [prefix + extension.name for extension in file.extension]
    extensions = [(ext.extendee, ext.number) for ext in file.extension]
    pending = list(file.message_type)
    while pending:
        message = pending.pop()
        extensions += [(ext.extendee, ext.number) for ext in message.extension]
        pending += message.nested_type
    return Declared(file.package, tuple(names), tuple(extensions))


def well_formed(found: Any) -> TypeGuard[Declared]:
    """Whether `found` (read back from the cache) is a `Declared` of the right shape."""
    return (
        type(found) is Declared
        and type(found.package) is str
        and type(found.names) is tuple
        and all(type(name) is str for name in found.names)
        and type(found.extensions) is tuple
        and all(
            type(pair) is tuple and len(pair) == 2 and type(pair[0]) is str and type(pair[1]) is int
            for pair in found.extensions
        )
    )


def clash(files: Collection[Declared]) -> bool:
    """Whether two of the files declare one name or one extension number of a message, or one
    declares what a package of another is (or is a parent of). (A name twice in one file counts
    too: protoc refuses such a file.)"""
    names = set(chain.from_iterable(file.names for file in files))
    if len(names) != sum(len(file.names) for file in files):
        return True
    extensions = set(chain.from_iterable(file.extensions for file in files))
    if len(extensions) != sum(len(file.extensions) for file in files):
        return True
    return not names.isdisjoint(package_prefixes({file.package for file in files}))
