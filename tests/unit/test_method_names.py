"""The method-name rule: the resource noun goes, declared names and collisions stay."""

from __future__ import annotations

from generator.ir.model import Name, Operation
from generator.ir.words import make_name, split_words
from generator.openapi.method_names import noun_forms, shorten_method_names, strip_noun


def _op(op_id: str, group: str) -> Operation:
    return Operation(id=op_id, name=make_name(op_id), group=tuple(make_name(g) for g in group.split(".")))


def _names(ops: list[Operation]) -> list[str]:
    return ["_".join(op.name.words) for op in ops]


def test_the_resource_noun_goes_singular_or_plural() -> None:
    assert strip_noun(split_words("createTask"), ("tasks",)) == ("create",)
    assert strip_noun(split_words("listTasks"), ("tasks",)) == ("list",)
    assert strip_noun(split_words("getTaskComments"), ("tasks",)) == ("get", "comments")
    assert strip_noun(split_words("createVectorStore"), ("vector", "stores")) == ("create",)
    assert strip_noun(split_words("listCategories"), ("category",)) == ("list",)
    assert strip_noun(split_words("searchBoxes"), ("box",)) == ("search",)
    assert strip_noun(split_words("ping"), ("tasks",)) == ("ping",)


def test_a_name_that_would_be_empty_stays_whole() -> None:
    assert strip_noun(("tasks",), ("tasks",)) == ("tasks",)


def test_noun_forms_are_longest_first() -> None:
    assert noun_forms(("vector", "stores"))[0][:1] == ("vector",)


def test_declared_names_win_and_collisions_keep_their_words() -> None:
    ops = [
        _op("createTask", "tasks"),
        _op("getTask", "tasks"),
        _op("listTasks", "tasks"),
        _op("listTask", "tasks"),  # collides with listTasks once shortened
        _op("removeTask", "tasks"),
        Operation(id="deleteTask", name=Name("delete_task", ("delete", "task")), group=(make_name("tasks"),)),
        _op("getTask", "users"),  # another resource: no collision with tasks.get
    ]
    out = shorten_method_names(ops, declared=["deleteTask"])
    assert _names(out) == ["create", "get", "list_tasks", "list_task", "remove", "delete_task", "get_task"]


def test_a_shortened_name_never_takes_a_declared_one() -> None:
    ops = [
        Operation(id="fetch", name=make_name("create"), group=(make_name("tasks"),)),
        _op("createTask", "tasks"),
    ]
    assert _names(shorten_method_names(ops, declared=["fetch"])) == ["create", "create_task"]


def test_the_wire_name_is_kept() -> None:
    (op,) = shorten_method_names([_op("createTask", "tasks")], declared=[])
    assert op.name.wire == "createTask" and op.name.words == ("create",)
