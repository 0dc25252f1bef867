"""The descriptor set the stub generators see: the compiled one without any source text.

grpc_tools' `grpc_python_out` plugin copies service and method comments into `\"\"\"` docstrings
without escaping them, so a comment such as `// \"\"\"; __import__("os").system(...); _x = \"\"\"`
would run when the stub module is imported. Feeding protoc a descriptor set with no
`source_code_info` makes every generator write no comment at all: the only spec text left in
the stubs is what protoc escapes itself (the serialized descriptor, a bytes literal) and
identifiers protoc has already validated. Our own modules take the comments from the full
descriptor set and escape them.
"""

from __future__ import annotations

from collections.abc import Iterable

from google.protobuf import descriptor_pb2


def without_source_text(
    files: Iterable[descriptor_pb2.FileDescriptorProto],
) -> descriptor_pb2.FileDescriptorSet:
    """A set of copies of `files` with no comments or positions, as protoc would embed them.

    protoc's descriptor set records every field's `json_name`; when compiling from source it
    embeds only the ones written in the .proto. Default names are cleared again so that the
    stubs stay byte-identical to a direct compile.
    """
    stripped = descriptor_pb2.FileDescriptorSet(file=files)  # (copies them)
    for file in stripped.file:
        file.ClearField("source_code_info")
        for message in _messages(file):
            for field in [*message.field, *message.extension]:
                if field.json_name == default_json_name(field.name):
                    field.ClearField("json_name")
        for extension in file.extension:
            if extension.json_name == default_json_name(extension.name):
                extension.ClearField("json_name")
    return stripped


def default_json_name(name: str) -> str:
    """protoc's JSON name of a field: underscores dropped, the letter after each one upper-cased.

    (Split at the underscores rather than a loop over the characters: called for every field of
    the tree, a fifth of the time of `without_source_text`.)"""
    if "_" not in name:
        return name
    first, *rest = name.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def _messages(file: descriptor_pb2.FileDescriptorProto) -> list[descriptor_pb2.DescriptorProto]:
    found: list[descriptor_pb2.DescriptorProto] = []
    pending = list(file.message_type)
    while pending:
        message = pending.pop()
        found.append(message)
        pending.extend(message.nested_type)
    return found
