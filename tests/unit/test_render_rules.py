"""The rules the Python renderer applies: naming, escaping, annotations, module partitioning."""

from __future__ import annotations

import ast

import pytest

from generator.ir.model import (
    API,
    Discriminator,
    EnumType,
    EnumValue,
    Field,
    HttpBinding,
    Name,
    ObjectType,
    Parameter,
    TypeExpr,
)
from generator.ir.words import make_name, split_words
from generator.render.python.http.annotations import Annotator, split_union
from generator.render.python.http.operations import ArgumentView, _path_expression
from generator.render.python.http.symbols import build_symbols, strongly_connected
from generator.render.python.imports import group_imports
from generator.render.python.literals import docstring, py_literal
from generator.render.python.naming import (
    class_name,
    dedupe,
    pascal,
    safe_argument,
    safe_attribute,
    snake,
    upper_snake,
)
from generator.render.templates import fit_annotation


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("createChatCompletion", ("create", "chat", "completion")),
        ("HTTPServer", ("http", "server")),
        ("2fa-code", ("2fa", "code")),
        ("../x", ("x",)),
        ("Vector stores", ("vector", "stores")),
        ("ÜberName", ("uber", "name")),
        ("", ()),
    ],
)
def test_split_words(text: str, words: tuple[str, ...]) -> None:
    assert split_words(text) == words


def test_identifiers_are_always_valid() -> None:
    hostile = ["class", "__init__", "../x", "2fa-code", "", "import", "match", "self", "Ünïcödé", "a b", "None"]
    for text in hostile:
        words = split_words(text)
        for ident in (snake(words), pascal(words), upper_snake(words), safe_attribute(snake(words)), safe_argument(snake(words))):
            assert ident.isidentifier(), (text, ident)
            assert not __import__("keyword").iskeyword(ident), (text, ident)
    assert snake(split_words("class")) == "class_"
    assert snake(split_words("2fa-code")) == "n_2fa_code"
    assert pascal(()) == "Unnamed"
    assert safe_argument("self") == "self_"
    assert safe_argument("input") == "input"  # builtins are fine as keyword arguments
    assert safe_attribute("model_config") == "model_config_"
    assert safe_attribute("json", {"json"}) == "json_"


def test_class_names_keep_spec_spelling() -> None:
    assert class_name("OpenAIFile", split_words("OpenAIFile")) == "OpenAIFile"
    assert class_name("OpenAIFile.purpose", split_words("OpenAIFile.purpose")) == "OpenAIFilePurpose"
    assert class_name("listFiles.order", split_words("listFiles.order")) == "ListFilesOrder"
    assert class_name("Field", ("field",)) == "FieldModel"  # would shadow pydantic.Field
    assert class_name("list", ("list",)) == "ListModel"


def test_dedupe_is_stable_and_case_insensitive() -> None:
    assert dedupe(["a", "A", "a", "b"]) == ["a", "A_2", "a_3", "b"]
    assert dedupe(["foo_bar", "foo_bar"]) == ["foo_bar", "foo_bar_2"]


@pytest.mark.parametrize(
    "value", ['say """hi"""', "back\\slash", "quote\"s and 'single'", "new\nline", "{braces}", "\x00\x1b", "ünï"]
)
def test_string_literals_round_trip(value: str) -> None:
    literal = py_literal(value)
    assert ast.literal_eval(literal) == value
    assert literal.startswith('"')


def test_docstrings_cannot_be_escaped() -> None:
    evil = 'End early """ ; import os; os.system("rm -rf /") \\ \'\'\' and a trailing quote"'
    text = docstring(evil, "    ")
    tree = ast.parse(f"def f():\n    {text}\n    return 1\n")
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    assert len(function.body) == 2  # the docstring and `return`: nothing smuggled in
    value = ast.get_docstring(function, clean=False)
    assert value is not None and "import os" in value
    assert docstring("", "    ") == ""


def test_long_docstrings_wrap_with_hanging_indent() -> None:
    text = docstring("Args:\n    name: " + "word " * 40, "        ")
    lines = text.split("\n")
    assert all(len(line) <= 100 for line in lines)
    assert lines[2].startswith("        " + "        ")  # continuation indented under the argument


def _symbols_for(*types: object) -> Annotator:
    api = API(name="p", title="t", version="1", types=tuple(types))  # type: ignore[arg-type]
    return Annotator(build_symbols(api))


def test_annotations_output_and_input() -> None:
    pet = ObjectType(id="Pet", name=make_name("Pet"), fields=())
    color = EnumType(id="Color", name=make_name("Color"), values=(EnumValue("red", make_name("red")),))
    annotator = _symbols_for(pet, color)
    ref = TypeExpr(kind="ref", ref="Pet")
    assert annotator.annotate(TypeExpr(kind="list", items=ref)) == "list[Pet]"
    assert annotator.annotate(TypeExpr(kind="list", items=ref), "input") == "Sequence[Pet | Mapping[str, Any]]"
    assert annotator.annotate(TypeExpr(kind="ref", ref="Color"), "input") == "Color | str"
    assert annotator.annotate(TypeExpr(kind="map", items=ref)) == "dict[str, Pet]"
    assert annotator.annotate(TypeExpr(kind="const", const="x")) == 'Literal["x"]'
    assert annotator.annotate(TypeExpr(kind="primitive", primitive="string", format="date-time")) == "datetime.datetime"
    assert annotator.annotate(TypeExpr(kind="primitive", primitive="binary"), "input") == "FileTypes"
    nullable = TypeExpr(kind="primitive", primitive="integer", nullable=True)
    assert annotator.annotate(nullable) == "int | None"


def test_discriminated_union_needs_literal_tags() -> None:
    a = ObjectType(id="A", name=make_name("A"), fields=(Field(make_name("type"), TypeExpr(kind="const", const="a"), required=True),))
    b = ObjectType(id="B", name=make_name("B"), fields=(Field(make_name("type"), TypeExpr(kind="primitive", primitive="string")),))
    annotator = _symbols_for(a, b)
    tagged = TypeExpr(
        kind="union",
        variants=(TypeExpr(kind="ref", ref="A"), TypeExpr(kind="ref", ref="A")),
        discriminator=Discriminator("type", (("a", "A"),)),
    )
    assert annotator.annotate(tagged) == 'Annotated[A, Field(discriminator="type")]'
    loose = TypeExpr(
        kind="union",
        variants=(TypeExpr(kind="ref", ref="A"), TypeExpr(kind="ref", ref="B")),
        discriminator=Discriminator("type", (("a", "A"), ("b", "B"))),
    )
    # B's tag is not a literal: the spec's mapping decides, through a callable discriminator
    assert annotator.annotate(loose) == (
        'Annotated[Annotated[A, Tag("A")] | Annotated[B, Tag("B")], '
        'Discriminator(discriminate("type", {"A": "A", "B": "B", "a": "A", "b": "B"}))]'
    )
    assert annotator.annotate(loose, "input") == "A | B | Mapping[str, Any]"


def test_split_union_respects_brackets() -> None:
    assert split_union("A | dict[str, B | C] | None") == ["A", "dict[str, B | C]", "None"]


def test_strongly_connected_components() -> None:
    graph = {"a": ["b"], "b": ["a", "c"], "c": [], "d": ["d"]}
    assert strongly_connected(["a", "b", "c", "d"], graph) == [["a", "b"], ["c"], ["d"]]


def test_recursive_types_share_a_module() -> None:
    node = ObjectType(
        id="Node",
        name=make_name("Node"),
        fields=(Field(make_name("children"), TypeExpr(kind="list", items=TypeExpr(kind="ref", ref="Tree"))),),
    )
    tree = ObjectType(id="Tree", name=make_name("Tree"), fields=(Field(make_name("root"), TypeExpr(kind="ref", ref="Node")),))
    leaf = ObjectType(id="Leaf", name=make_name("Leaf"), fields=())
    symbols = build_symbols(API(name="p", title="t", version="1", types=(leaf, node, tree)))
    assert symbols.modules["Node"] == symbols.modules["Tree"]
    assert symbols.modules["Leaf"] != symbols.modules["Node"]


def test_fit_annotation_parenthesizes_only_overlong_unions() -> None:
    short = "int | None"
    assert fit_annotation(short, "x", " = omit,") == short
    long_union = " | ".join(f"VeryLongTypeName{i}" for i in range(6))
    assert fit_annotation(long_union, "argument", " = omit,") == f"({long_union})"
    long_subscript = "Sequence[" + long_union + "]"
    assert fit_annotation(long_subscript, "argument", ",") == long_subscript


def test_a_model_field_is_declared_with_its_default_and_an_overlong_union_parenthesized() -> None:
    from generator.render.python.http.models import FieldView

    assert FieldView("x", "int | None", "None", "").declaration == "x: int | None = None"
    assert FieldView("x", "int", "", "").declaration == "x: int"
    long_union = " | ".join(f"VeryLongTypeName{i}" for i in range(6))
    assert FieldView("x", long_union, "None", "").declaration == f"x: ({long_union}) = None"


def test_import_groups() -> None:
    lines = ["from .x import A", "import datetime", "from pydantic import Field", "from typing import Any"]
    assert group_imports(lines) == ["import datetime", "from typing import Any", "", "from pydantic import Field", "", "from .x import A"]


def test_import_groups_are_one_rule_for_every_client_kind() -> None:
    """`__future__` first; the standard library is told by `sys.stdlib_module_names`, so a
    third-party module nobody listed (grpc, google.protobuf) still lands in its own group."""
    lines = ["import grpc", "from ..x import B", "import enum", "from google.protobuf import any_pb2", "from __future__ import annotations"]
    assert group_imports(lines) == [
        "from __future__ import annotations",
        "",
        "import enum",
        "",
        "import grpc",
        "from google.protobuf import any_pb2",
        "",
        "from ..x import B",
    ]


def test_path_expression_encodes_arguments_and_escapes_text() -> None:
    arguments = [ArgumentView("file_id", "file_id", "str", True, "path")]
    http = HttpBinding(method="GET", path='/files/{file_id}/content"{x}', parameters=(Parameter(Name("file_id", ("file", "id")), "path", TypeExpr(kind="primitive", primitive="string"), required=True),))
    expression = _path_expression(http, arguments)
    assert expression == 'f"/files/{encode_path(file_id)}/content\\"{{x}}"'
    compiled = eval(expression, {"encode_path": lambda v: v.replace("/", "%2F"), "file_id": "a/b"})
    assert compiled == '/files/a%2Fb/content"{x}'
    plain = HttpBinding(method="GET", path="/models")
    assert _path_expression(plain, []) == '"/models"'
