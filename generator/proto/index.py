"""Every message, enum and service of a descriptor set, by full name, with where it was declared."""

from __future__ import annotations

from collections.abc import Sequence

from google.protobuf import descriptor_pb2

from generator.ir.model import Name, TypeExpr
from generator.lazy_dataclass import lazy_dataclass
from generator.proto import source
from generator.proto.options import Extensions
from generator.proto.scope import package_prefixes


@lazy_dataclass(frozen=True, eq=False)  # (never compared: no __eq__ compiled at import)
class Declared:
    full_name: str  # without a leading dot
    file: descriptor_pb2.FileDescriptorProto
    path: source.Path  # SourceCodeInfo path of the declaration
    info: source.SourceInfo


@lazy_dataclass(frozen=True, eq=False)  # (never compared: no __eq__ compiled at import)
class MessageDecl(Declared):
    proto: descriptor_pb2.DescriptorProto


@lazy_dataclass(frozen=True, eq=False)  # (never compared: no __eq__ compiled at import)
class EnumDecl(Declared):
    proto: descriptor_pb2.EnumDescriptorProto


@lazy_dataclass(frozen=True, eq=False)  # (never compared: no __eq__ compiled at import)
class ServiceDecl(Declared):
    proto: descriptor_pb2.ServiceDescriptorProto


class Index:
    def __init__(self, files: Sequence[descriptor_pb2.FileDescriptorProto]) -> None:
        """`files`: a descriptor set's files, in its order."""
        self.files = {file.name: file for file in files}
        self.extensions = Extensions(files)
        self.messages: dict[str, MessageDecl] = {}
        self.enums: dict[str, EnumDecl] = {}
        self.services: dict[str, ServiceDecl] = {}
        # IR pieces many fields share, made once (`types`): the reference to a type, a list
        # of a given element type, the name of a given spelling
        self.ref_exprs: dict[str, TypeExpr] = {}
        self.list_exprs: dict[tuple[int, str], TypeExpr] = {}  # by (field type, type name)
        self.names_made: dict[str, Name] = {}
        for file in files:
            info = source.SourceInfo(file)
            prefix = f"{file.package}." if file.package else ""
            for i, message in enumerate(file.message_type):
                self._message(file, info, message, prefix + message.name, (source.FILE_MESSAGE, i))
            for i, enum in enumerate(file.enum_type):
                full = prefix + enum.name
                self.enums[full] = EnumDecl(full, file, (source.FILE_ENUM, i), info, enum)
            for i, service in enumerate(file.service):
                full = prefix + service.name
                self.services[full] = ServiceDecl(full, file, (source.FILE_SERVICE, i), info, service)
        self.packages = package_prefixes({file.package for file in files})
        self.type_names = frozenset(self.messages) | frozenset(self.enums)

    def _message(
        self,
        file: descriptor_pb2.FileDescriptorProto,
        info: source.SourceInfo,
        message: descriptor_pb2.DescriptorProto,
        full: str,
        path: source.Path,
    ) -> None:
        self.messages[full] = MessageDecl(full, file, path, info, message)
        for i, nested in enumerate(message.nested_type):
            self._message(
                file, info, nested, f"{full}.{nested.name}", (*path, source.MESSAGE_NESTED, i)
            )
        for i, enum in enumerate(message.enum_type):
            enum_full = f"{full}.{enum.name}"
            self.enums[enum_full] = EnumDecl(
                enum_full, file, (*path, source.MESSAGE_ENUM, i), info, enum
            )

    def widen(self, numbers: dict[str, int], type_names: frozenset[str], packages: frozenset[str]) -> None:
        """Resolve names and options as in a larger set that this one is part of (an index of a
        few files and their imports, standing in for the whole tree)."""
        self.extensions.numbers = dict(numbers)
        self.type_names = type_names
        self.packages = packages

    def is_map_entry(self, full_name: str) -> bool:
        decl = self.messages.get(full_name)
        return decl is not None and decl.proto.options.map_entry
