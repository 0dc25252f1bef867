"""Our `specs/proto` must describe the same wire contract as upstream's Yandex Cloud protos.

Both trees are compiled without source info (so comments do not matter) and every
`yandex/...` file descriptor is compared element by element, options included.
"""

from __future__ import annotations

import functools
import importlib.util
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc_tools
import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from google.protobuf.unknown_fields import UnknownFieldSet
from grpc_tools import protoc

REPO = Path(__file__).resolve().parents[2]
OUR_TREE = REPO / "specs" / "proto"
UPSTREAM_TREE = REPO.parent / "shared" / "upstream" / "cloudapi"
# The IAM token exchange, kept upstream in a tree of its own (compiled together with cloudapi).
UPSTREAM_IAM_TREE = REPO.parent / "shared" / "upstream" / "iam"
WELL_KNOWN_TYPES = Path(grpc_tools.__file__).parent / "_proto"

# Services (full name -> number of rpcs) that the AI Studio specs have to provide.
EXPECTED_SERVICES = {
    "yandex.cloud.ai.foundation_models.v1.TextGenerationService": 1,
    "yandex.cloud.ai.foundation_models.v1.TextGenerationAsyncService": 1,
    "yandex.cloud.ai.foundation_models.v1.TextGenerationBatchService": 1,
    "yandex.cloud.ai.foundation_models.v1.TokenizerService": 2,
    "yandex.cloud.ai.foundation_models.v1.image_generation.ImageGenerationAsyncService": 1,
    "yandex.cloud.ai.foundation_models.v1.EmbeddingsService": 1,
    "yandex.cloud.ai.foundation_models.v1.text_classification.TextClassificationService": 2,
    "yandex.cloud.ai.batch_inference.v1.BatchInferenceService": 4,
    "yandex.cloud.ai.files.v1.FileService": 6,
    "yandex.cloud.ai.dataset.v1.DatasetService": 15,
    "yandex.cloud.ai.tuning.v1.TuningService": 13,
    "yandex.cloud.serverless.mcpgateway.v1.McpGatewayService": 9,
    "yandex.cloud.operation.OperationService": 2,
    "yandex.cloud.iam.v1.IamTokenService": 3,
}


@dataclass(frozen=True)
class Difference:
    file: str
    path: str
    upstream: str
    ours: str

    def __str__(self) -> str:
        return (
            f"{self.file} → {self.path or '<file>'}: upstream {self.upstream} vs ours {self.ours}"
        )


def googleapis_protos_dir() -> Path:
    """The site-packages folder holding googleapis-common-protos' `google/api/*.proto`."""
    spec = importlib.util.find_spec("google.api.annotations_pb2")
    assert spec is not None and spec.origin is not None, "googleapis-common-protos is not installed"
    return Path(spec.origin).parents[2]


def compile_descriptor_set(trees: list[Path], includes: list[Path], out_dir: Path) -> bytes:
    """Serialized FileDescriptorSet of every `.proto` under each `tree/yandex`, imports included."""
    files = sorted(
        p.relative_to(tree).as_posix() for tree in trees for p in (tree / "yandex").rglob("*.proto")
    )
    assert files, f"no .proto files under {[str(tree / 'yandex') for tree in trees]}"
    out = out_dir / "descriptor_set.pb"
    args = [
        "grpc_tools.protoc",
        *(f"-I{path}" for path in [*trees, *includes]),
        f"--descriptor_set_out={out}",
        "--include_imports",
        *files,
    ]
    exit_code = protoc.main(args)
    assert exit_code == 0, f"protoc failed on {trees} (exit {exit_code}); see captured stderr"
    return out.read_bytes()


def compile_ours(tree: Path, out_dir: Path) -> bytes:
    return compile_descriptor_set([tree], [googleapis_protos_dir(), WELL_KNOWN_TYPES], out_dir)


def compile_upstream(out_dir: Path) -> bytes:
    for tree in (UPSTREAM_TREE, UPSTREAM_IAM_TREE):
        assert tree.is_dir(), f"upstream reference protos not found at {tree}"
    return compile_descriptor_set([UPSTREAM_TREE, UPSTREAM_IAM_TREE], [WELL_KNOWN_TYPES], out_dir)


@functools.cache
def file_set_class(reference_set: bytes) -> type[Message]:
    """A FileDescriptorSet class from a pool built out of `reference_set`.

    Options parsed with it expose the custom extensions (`yandex.cloud.required`,
    `google.api.http`, ...) as named fields instead of opaque unknown bytes.
    """
    pool = descriptor_pool.DescriptorPool()
    for file in descriptor_pb2.FileDescriptorSet.FromString(reference_set).file:
        pool.Add(file)
    return message_factory.GetMessageClass(
        pool.FindMessageTypeByName("google.protobuf.FileDescriptorSet")
    )


def yandex_files(file_set: Any) -> dict[str, Any]:
    """The `yandex/...` FileDescriptorProtos by name (dynamic messages, hence `Any`)."""
    return {f.name: f for f in file_set.file if f.name.startswith("yandex/")}


def field_label(field: FieldDescriptor) -> str:
    return f"({field.full_name})" if field.is_extension else field.name


def element_key(element: Any) -> str | None:
    """The `name` of a descriptor element, used to match lists by name rather than position."""
    if not isinstance(element, Message):
        return None
    field = element.DESCRIPTOR.fields_by_name.get("name")
    if field is None or field.is_repeated or not element.HasField("name"):
        return None
    named: Any = element  # a dynamic descriptor message; its fields are not known statically
    return str(named.name)


def show(value: object, field: FieldDescriptor | None = None) -> str:
    if isinstance(value, Message):
        return "{" + " ".join(str(value).split()) + "}"
    if field is not None and field.enum_type is not None and isinstance(value, int):
        enum_value = field.enum_type.values_by_number.get(value)
        return enum_value.name if enum_value is not None else repr(value)
    return repr(value)


def unknown_fields(message: Message) -> list[tuple[int, int, object]]:
    """Options our pool cannot name (an extension upstream does not define) as raw triples."""
    fields = UnknownFieldSet(message)
    return [
        (fields[i].field_number, fields[i].wire_type, fields[i].data) for i in range(len(fields))
    ]


def compare_lists(
    path: str, upstream: list[object], ours: list[object], field: FieldDescriptor
) -> Iterator[tuple[str, str, str]]:
    keys_up = [element_key(v) for v in upstream]
    keys_ours = [element_key(v) for v in ours]
    named = (
        None not in keys_up + keys_ours
        and len(set(keys_up)) == len(keys_up)
        and len(set(keys_ours)) == len(keys_ours)
    )
    if named:
        yield from compare_by_name(
            path, dict(zip(keys_up, upstream, strict=True)), dict(zip(keys_ours, ours, strict=True))
        )
    else:
        yield from compare_by_position(path, upstream, ours, field)


def compare_by_position(
    path: str, upstream: list[object], ours: list[object], field: FieldDescriptor
) -> Iterator[tuple[str, str, str]]:
    for index in range(max(len(upstream), len(ours))):
        item = f"{path}[{index}]"
        if index >= len(ours):
            yield item, show(upstream[index], field), "<absent>"
        elif index >= len(upstream):
            yield item, "<absent>", show(ours[index], field)
        else:
            yield from compare_values(item, upstream[index], ours[index], field)


def compare_by_name(
    path: str, upstream: dict[str | None, object], ours: dict[str | None, object]
) -> Iterator[tuple[str, str, str]]:
    for name, element in upstream.items():
        if name not in ours:
            yield f"{path}[{name}]", show(element), "<absent>"
        else:
            yield from compare_values(f"{path}[{name}]", element, ours[name])
    for name, element in ours.items():
        if name not in upstream:
            yield f"{path}[{name}]", "<absent>", show(element)
    # Declaration order is part of the contract too (field order, map entry placement).
    order_up = [name for name in upstream if name in ours]
    order_ours = [name for name in ours if name in upstream]
    if order_up != order_ours:
        yield f"{path} (order)", repr(order_up), repr(order_ours)


def compare_values(
    path: str, upstream: object, ours: object, field: FieldDescriptor | None = None
) -> Iterator[tuple[str, str, str]]:
    if isinstance(upstream, Message) and isinstance(ours, Message):
        yield from compare_messages(path, upstream, ours)
    elif upstream != ours:
        yield path, show(upstream, field), show(ours, field)


def compare_messages(path: str, upstream: Message, ours: Message) -> Iterator[tuple[str, str, str]]:
    """(element path, upstream value, our value) for every field that differs, recursively."""
    prefix = f"{path}." if path else ""
    fields_up = {field_label(fd): (fd, value) for fd, value in upstream.ListFields()}
    fields_ours = {field_label(fd): (fd, value) for fd, value in ours.ListFields()}
    for label in [*fields_up, *(k for k in fields_ours if k not in fields_up)]:
        if label == "source_code_info":
            continue
        if label not in fields_ours:
            field, value = fields_up[label]
            yield prefix + label, show(value, field), "<absent>"
        elif label not in fields_up:
            field, value = fields_ours[label]
            yield prefix + label, "<absent>", show(value, field)
        else:
            field, value_up = fields_up[label]
            value_ours = fields_ours[label][1]
            if field.is_repeated:
                yield from compare_lists(prefix + label, list(value_up), list(value_ours), field)
            else:
                yield from compare_values(prefix + label, value_up, value_ours, field)
    if unknown_fields(upstream) != unknown_fields(ours):
        yield (
            prefix + "<unknown fields>",
            repr(unknown_fields(upstream)),
            repr(unknown_fields(ours)),
        )


def descriptor_differences(upstream_set: bytes, our_set: bytes) -> list[Difference]:
    """Every difference between the `yandex/...` files of two serialized descriptor sets."""
    parse = file_set_class(upstream_set).FromString
    upstream = yandex_files(parse(upstream_set))
    ours = yandex_files(parse(our_set))
    differences: list[Difference] = []
    for name in sorted(upstream.keys() | ours.keys()):
        if name not in ours:
            differences.append(Difference(name, "", "present", "<absent>"))
        elif name not in upstream:
            differences.append(Difference(name, "", "<absent>", "present"))
        else:
            differences.extend(
                Difference(name, path, up, our)
                for path, up, our in compare_messages("", upstream[name], ours[name])
            )
    return differences


def report(differences: list[Difference]) -> str:
    lines = [str(d) for d in differences[:200]]
    if len(differences) > 200:
        lines.append(f"... and {len(differences) - 200} more")
    return f"{len(differences)} wire-contract differences:\n" + "\n".join(lines)


@pytest.fixture(scope="module")
def upstream_set(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return compile_upstream(tmp_path_factory.mktemp("upstream"))


@pytest.fixture(scope="module")
def our_set(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return compile_ours(OUR_TREE, tmp_path_factory.mktemp("ours"))


def test_our_proto_specs_equal_upstream_wire_contract(upstream_set: bytes, our_set: bytes) -> None:
    differences = descriptor_differences(upstream_set, our_set)
    assert not differences, report(differences)


def test_our_proto_specs_cover_every_ai_studio_service(our_set: bytes) -> None:
    files = yandex_files(file_set_class(our_set).FromString(our_set))
    services = {
        f"{file.package}.{service.name}": len(service.method)
        for file in files.values()
        for service in file.service
    }
    assert services == EXPECTED_SERVICES
    assert all(file.package.startswith("yandex.") for file in files.values())


def test_comparison_reports_a_changed_field_number(upstream_set: bytes, tmp_path: Path) -> None:
    tree = tmp_path / "proto"
    shutil.copytree(OUR_TREE, tree)
    target = tree / "yandex" / "cloud" / "operation" / "operation_service.proto"
    original = "string operation_id = 1 [(required) = true];"
    text = target.read_text()
    assert text.count(original) == 2
    target.write_text(text.replace(original, "string operation_id = 7 [(required) = true];", 1))

    differences = descriptor_differences(upstream_set, compile_ours(tree, tmp_path))

    assert [str(d) for d in differences] == [
        "yandex/cloud/operation/operation_service.proto → "
        "message_type[GetOperationRequest].field[operation_id].number: upstream 1 vs ours 7"
    ]


def test_comparison_covers_the_iam_token_exchange(upstream_set: bytes, tmp_path: Path) -> None:
    tree = tmp_path / "proto"
    shutil.copytree(OUR_TREE, tree)
    target = tree / "yandex" / "cloud" / "iam" / "v1" / "iam_token_service.proto"
    text = target.read_text()
    assert text.count('post: "/iam/v1/tokens"') == 1
    target.write_text(text.replace('post: "/iam/v1/tokens"', 'post: "/iam/v1/token"'))

    differences = descriptor_differences(upstream_set, compile_ours(tree, tmp_path))

    assert len(differences) == 1
    assert str(differences[0]).startswith(
        "yandex/cloud/iam/v1/iam_token_service.proto → service[IamTokenService].method[Create]"
    )
