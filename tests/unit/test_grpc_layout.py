"""The gRPC modules' long statements are emitted as the formatter lays them out (`grpc.layout`):
checked against the formatter itself, statement by statement and on whole rendered modules."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from generator import write
from generator.diagnostics import Diagnostics
from generator.proto import load_proto
from generator.render.python.grpc.layout import LINE_LENGTH, from_import, request_build
from generator.render.python.grpc.package import BUILD_INDENT, render_proto_package
from tests.support.paths import REPO


def formatted(texts: dict[str, str], folder: Path) -> dict[str, str]:
    """The texts (by file name) as the formatter leaves them, with the flags of a real run."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    write.format_python(folder)
    return {name: (folder / name).read_text(encoding="utf-8") for name in texts}


def assert_kept(texts: dict[str, str], folder: Path) -> None:
    after = formatted(texts, folder)
    changed = [name for name in texts if after[name] != texts[name]]
    assert not changed, "\n\n".join(f"{name}:\n{texts[name]}\n--- formatted:\n{after[name]}" for name in changed)


def test_the_layout_is_for_the_formatters_line_length() -> None:
    assert LINE_LENGTH == write.LINE_LENGTH


NAMES = ["BOTH_GIVEN as _BOTH_GIVEN", "AsyncTransport", "Transport", "any_set as _any_set"]


@pytest.mark.parametrize(
    ("source", "names"),
    [
        (".._grpc._transport", NAMES[1:3]),  # short: one line
        (".._grpc._transport", NAMES),  # 101 characters: exploded
        (".._pb.synth.area000.v1.r0_service_pb2", ["CreateR0Request", "GetR0Request", "ListR0sRequest"]),
        (".._pb.a.very.long.module.path.that.goes.on.further.still.farther.yet.more.beyond.until.it_pb2", ["Name"]),
        ("." * 3 + "x" * 77, ["Abc", "De"]),  # exactly 100 characters: one line
        ("." * 3 + "x" * 78, ["Abc", "De"]),  # 101
    ],
)
@pytest.mark.parametrize("indent", ["", "    "])
def test_from_import_is_laid_out_as_the_formatter_would(
    source: str, names: list[str], indent: str, tmp_path: Path
) -> None:
    statement = from_import(source, names, indent)
    text = f"if TYPE_CHECKING:\n{statement}\n" if indent else f"{statement}\n"
    assert_kept({"module.py": text}, tmp_path)


def _values(*names: str) -> list[str]:
    return [f'"{name}": {name}' for name in names]


@pytest.mark.parametrize(
    ("request_name", "values"),
    [
        ("GetR0Request", _values("id")),  # one line
        ("GetR0Request", []),
        ("UpdateR0Request", _values("id", "update_mask", "name", "spec")),  # arguments on their own line
        ("ListR0sRequest", _values("folder_id", "page_size", "page_token", "filter")),  # entries exploded
        ("a_rather_long_module_name_pb2.AVeryLongRequestMessageName", _values("folder_id", "name")),  # mapping on a line
        ("a_rather_long_module_name_pb2.AVeryLongRequestMessageNameIndeed", []),
        ("Request", _values("a_field_name_long_enough_to_fill_a_line_on_its_own_x")),  # left as is
        ("Request", _values(*(f"field_{i}" for i in range(12)))),
    ],
)
def test_request_build_is_laid_out_as_the_formatter_would(
    request_name: str, values: list[str], tmp_path: Path
) -> None:
    statement = request_build(BUILD_INDENT, request_name, values)
    text = f"class C:\n    def m(self):\n        if request is None:\n{BUILD_INDENT}{statement}\n"
    after = formatted({"module.py": text}, tmp_path)["module.py"]
    one_line = f"request = _build({request_name}, {{{', '.join(values)}}})"
    if len(BUILD_INDENT) + len(one_line) > write.LINE_LENGTH and statement == one_line:
        assert after != text  # a shape not covered: left to the formatter, as the rule says
    else:
        assert after == text


def _boundary_cases() -> list[tuple[str, list[str]]]:
    """Request names and mappings around each of `request_build`'s switches, at every length
    from well under to well past a line, with values of odd length too (`"from": from_`: a
    field renamed for a keyword), so that each switch is met exactly at 100 and 101 columns."""
    cases = []
    for mapping in (_values("id"), ['"from": from_', *_values("name")], _values("folder_id", "name", "x")):
        cases += [("R" * length, mapping) for length in range(1, 91)]
    for length in range(28, 46):
        field = "f" * length
        cases += [("Request", _values("a", field)), ("Request", ['"from": from_', *_values(field)])]
    return cases


def test_request_build_at_each_switch_gives_the_formatters_layout(tmp_path: Path) -> None:
    """Each statement as emitted, and the same statement on one line, formatted: the same text;
    and the formatter leaves an emitted layout as it is (an off-by-one at a switch would add a
    trailing comma, which the formatter then keeps)."""
    emitted, one_line, fallbacks = {}, {}, set()
    for number, (request, values) in enumerate(_boundary_cases()):
        statement = request_build(BUILD_INDENT, request, values)
        line = f"request = _build({request}, {{{', '.join(values)}}})"
        if statement == line and len(BUILD_INDENT) + len(line) > write.LINE_LENGTH:
            fallbacks.add(f"m{number}.py")  # a shape not covered: left to the formatter
        wrap = "class C:\n    def m(self):\n        if request is None:\n" + BUILD_INDENT + "{}\n"
        emitted[f"m{number}.py"] = wrap.format(statement)
        one_line[f"m{number}.py"] = wrap.format(line)
    after = formatted(emitted, tmp_path / "emitted")
    assert after == formatted(one_line, tmp_path / "one_line")
    assert [name for name in emitted if name not in fallbacks and after[name] != emitted[name]] == []
    assert len(fallbacks) < len(emitted) // 4  # (the cases are mostly laid out by us)


def _synthetic_tree(root: Path, files: int) -> None:
    spec = importlib.util.spec_from_file_location("synthetic_protos", REPO / "bench" / "synthetic_protos.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(root, files)


def test_service_modules_and_namespaces_of_a_tree_need_no_formatting(tmp_path: Path) -> None:
    """The synthetic tree of the benchmarks: every service module and namespace `__init__` is
    emitted as the formatter leaves it (about a thousand files in the full tree)."""
    _synthetic_tree(tmp_path / "protos", 40)
    api, artifacts = load_proto(tmp_path / "protos", [], "synth", Diagnostics())
    files = render_proto_package(api, artifacts, "synth", {})
    picked = {
        path.replace("/", "__"): text
        for path, text in files.items()
        if path.endswith(("_service.py", "/__init__.py")) and "/_pb/" not in path and "/_grpc/" not in path
    }
    assert sum(path.endswith("_service.py") for path in picked) >= 10
    assert sum(path.endswith("__init__.py") for path in picked) >= 10
    assert_kept(picked, tmp_path / "formatted")


@pytest.mark.parametrize("width", [45, 80])  # fits by characters, not by columns; fits by neither
def test_wide_characters_leave_the_formatter_the_same_result(width: int, tmp_path: Path) -> None:
    """A module path of wide characters (a proto file named so) counts two columns each for the
    formatter: what is emitted formats to what the plain one-line import formats to."""
    source, names = ".._pb." + "名" * width + "_pb2", ["Alpha", "Beta"]
    emitted = from_import(source, names)
    plain = f"from {source} import {', '.join(names)}"
    after = formatted({"emitted.py": emitted + "\n", "plain.py": plain + "\n"}, tmp_path)
    assert after["emitted.py"] == after["plain.py"] != plain + "\n"
