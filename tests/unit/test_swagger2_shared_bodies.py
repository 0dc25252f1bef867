"""Swagger 2.0 body parameters shared by operations that consume different media types: each
operation sends its own `consumes`; a shared body's schema keeps its `$ref`s (one type), read
from the file the body parameter is written in, and its problems are located there."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics, SpecError
from generator.ir.model import API, AliasType, ObjectType, RequestBody, TypeExpr
from generator.openapi.front_end import load_openapi

ROOT = """\
swagger: "2.0"
info: {title: Notes, version: "1.0.0"}
host: notes.example.invalid
consumes: [application/json]
parameters:
  Tags: {name: tags, in: body, description: the tags, schema: {type: array, items: {type: string}}}
paths:
  /notes:
    post:
      operationId: createNote
      parameters: [{$ref: 'common/parameters.yaml#/NoteBody'}]
      responses: {"201": {description: created}}
    put:
      operationId: replaceNote
      consumes: [application/json, application/xml]
      parameters: [{$ref: 'common/parameters.yaml#/NoteBody'}]
      responses: {"200": {description: replaced}}
  /notes/{id}:
    patch:
      operationId: patchNote
      consumes: [application/merge-patch+json]
      parameters:
        - {name: id, in: path, required: true, type: string}
        - $ref: 'common/parameters.yaml#/NoteBody'
      responses: {"200": {description: patched}}
  /drafts:
    post:
      operationId: saveDraft
      consumes: [application/vnd.draft+json]
      parameters: [{$ref: 'common/parameters.yaml#/DraftBody'}]
      responses: {"201": {description: saved}}
  /notes/{id}/tags:
    put:
      operationId: setTags
      consumes: [text/plain; charset=utf-8]
      parameters:
        - {name: id, in: path, required: true, type: string}
        - $ref: '#/parameters/Tags'
      responses: {"200": {description: set}}
    post:
      operationId: addTags
      parameters:
        - {name: id, in: path, required: true, type: string}
        - $ref: '#/parameters/Tags'
      responses: {"200": {description: added}}
"""

PARAMETERS = """\
NoteBody:
  name: note
  in: body
  required: true
  description: the note
  schema: {$ref: 'definitions.yaml#/Note'}
DraftBody:
  name: draft
  in: body
  schema:
    type: object
    properties:
      note: {$ref: 'definitions.yaml#/Note'}
      author: {$ref: '#/Author'}
Author: {type: object, properties: {name: {type: string}}}
"""

DEFINITIONS = """\
Note:
  type: object
  properties:
    text: {type: string}
"""


def write(folder: Path, root: str, parameters: str) -> Path:
    (folder / "common").mkdir(parents=True, exist_ok=True)
    (folder / "common" / "parameters.yaml").write_text(parameters, encoding="utf-8")
    (folder / "common" / "definitions.yaml").write_text(DEFINITIONS, encoding="utf-8")
    (folder / "api.yaml").write_text(root, encoding="utf-8")
    return folder / "api.yaml"


def load(folder: Path, root: str = ROOT, parameters: str = PARAMETERS) -> API:
    return load_openapi(write(folder, root, parameters), "notes", Diagnostics(), cache_dir=None)


def bodies(api: API) -> dict[str, tuple[RequestBody, ...]]:
    return {op.id: op.http.bodies for op in api.operations if op.http is not None}


def test_each_operation_sends_what_it_consumes(tmp_path: Path) -> None:
    found = bodies(load(tmp_path))
    media = {op: [body.media_type for body in listed] for op, listed in found.items()}
    assert media == {
        "createNote": ["application/json"],  # the document's consumes
        "replaceNote": ["application/json", "application/xml"],
        "patchNote": ["application/merge-patch+json"],
        "saveDraft": ["application/vnd.draft+json"],
        "setTags": ["text/plain; charset=utf-8"],  # a shared body of the document itself
        "addTags": ["application/json"],
    }


def test_a_shared_body_keeps_its_type(tmp_path: Path) -> None:
    found = bodies(load(tmp_path))
    notes = [body for op in ("createNote", "replaceNote", "patchNote") for body in found[op]]
    assert {body.type for body in notes} == {TypeExpr(kind="ref", ref="Note")}
    assert all(body.required and body.description == "the note" for body in notes)
    tags = [body for op in ("setTags", "addTags") for body in found[op]]
    # an inline schema sent as two media types is moved to `components.schemas` once: one type
    assert {body.type for body in tags} == {TypeExpr(kind="ref", ref="Tags.body")}
    assert all(not body.required and body.description == "the tags" for body in tags)


def test_the_refs_of_a_body_from_another_file_are_read_from_that_file(tmp_path: Path) -> None:
    api = load(tmp_path)
    (draft,) = bodies(api)["saveDraft"]
    types = {t.id: t for t in api.types}
    assert draft.type.kind == "ref"
    body = types[draft.type.ref]
    assert isinstance(body, ObjectType)
    assert {f.name.wire: f.type for f in body.fields} == {
        "note": TypeExpr(kind="ref", ref="Note"),  # common/definitions.yaml, beside the body
        "author": TypeExpr(kind="ref", ref="Author"),  # common/parameters.yaml itself
    }
    assert "common/definitions.yaml" in api.files


def replaced(text: str, *edits: tuple[str, str]) -> str:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return text


# the shared bodies used only by operations that consume other media types than the document
ONLY_OTHER_MEDIA = replaced(
    ROOT,
    (
        "      parameters: [{$ref: 'common/parameters.yaml#/NoteBody'}]\n      responses: {\"201\"",
        '      responses: {"201"',
    ),
    (
        "      parameters: [{$ref: 'common/parameters.yaml#/NoteBody'}]\n      responses: {\"200\"",
        '      responses: {"200"',
    ),
    (
        "        - $ref: '#/parameters/Tags'\n      responses: {\"200\": {description: added}}",
        '      responses: {"200": {description: added}}',
    ),
)


def test_in_the_other_layout_only_operations_of_other_media_use_the_shared_bodies(
    tmp_path: Path,
) -> None:
    found = bodies(load(tmp_path, root=ONLY_OTHER_MEDIA))
    assert [op for op, listed in found.items() if listed] == ["patchNote", "saveDraft", "setTags"]


def located(folder: Path, root: str, parameters: str = PARAMETERS) -> str:
    with pytest.raises(SpecError) as caught:
        load(folder, root=root, parameters=parameters)
    return str(caught.value).replace(folder.as_posix() + "/", "")


@pytest.mark.parametrize("root", [ROOT, ONLY_OTHER_MEDIA], ids=["shared", "only-other-media"])
def test_a_problem_in_a_shared_body_points_where_it_is_written(tmp_path: Path, root: str) -> None:
    missing = replaced(PARAMETERS, ("author: {$ref: '#/Author'}", "author: {$ref: '#/Missing'}"))
    assert located(tmp_path / "a", root, missing).startswith(
        "common/parameters.yaml#/DraftBody/schema/properties/author/$ref: error:"
    )
    missing_tag = replaced(root, ("items: {type: string}", "items: {$ref: '#/definitions/Nope'}"))
    assert located(tmp_path / "b", missing_tag).startswith(
        "api.yaml#/parameters/Tags/schema/items/$ref: error:"
    )


def test_a_rebased_ref_names_the_same_file(tmp_path: Path) -> None:
    """A body from another file, used by an operation of other media, has its `$ref`s written
    from the root's folder: quoted, so `my%2520defs.yaml` stays the file `my%20defs.yaml` and
    does not become its neighbour `my defs.yaml`."""
    parameters = "NoteBody:\n  name: note\n  in: body\n  schema: {$ref: 'my%2520defs.yaml#/Note'}\n"
    write(tmp_path, ROOT.split("  /drafts:")[0], parameters)
    (tmp_path / "common" / "my%20defs.yaml").write_text(DEFINITIONS, encoding="utf-8")
    other = "Note:\n  type: object\n  properties:\n    other: {type: string}\n"
    (tmp_path / "common" / "my defs.yaml").write_text(other, encoding="utf-8")
    api = load_openapi(tmp_path / "api.yaml", "notes", Diagnostics(), cache_dir=None)
    note = {t.id: t for t in api.types}["Note"]
    assert isinstance(note, ObjectType) and [f.name.wire for f in note.fields] == ["text"]
    found = bodies(api)
    assert {body.type for op in ("createNote", "patchNote") for body in found[op]} == {TypeExpr(kind="ref", ref="Note")}


DRAFTS = """\
swagger: "2.0"
info: {title: Drafts, version: "1.0.0"}
consumes: [application/json]
definitions:
  Draft.body: {type: object, properties: {id: {type: string}}}
parameters:
  Draft:
    name: draft
    in: body
    required: true
    schema: {type: object, required: [text, text], properties: {text: {type: string}}}
paths:
  /drafts/{id}:
    patch:
      operationId: patchDraft
      consumes: [application/merge-patch+json]
      parameters:
        - {name: id, in: path, required: true, type: string}
        - $ref: '#/parameters/Draft'
      responses: {"200": {description: patched}}
  /drafts:
    post:
      operationId: createDraft
      parameters: [{$ref: '#/parameters/Draft'}]
      responses: {"201": {description: created}}
"""


@pytest.mark.parametrize("first", ["patchDraft", "createDraft"])
def test_an_inline_shared_body_sent_as_two_media_types_is_one_type_warned_once(
    tmp_path: Path, first: str
) -> None:
    root = DRAFTS
    if first == "createDraft":  # the operation of the document's consumes written first
        patch, create = root.split("  /drafts:\n")
        head, patch = patch.split("paths:\n")
        root = f"{head}paths:\n  /drafts:\n{create}{patch}"
    (tmp_path / "api.yaml").write_text(root, encoding="utf-8")
    diagnostics = Diagnostics()
    api = load_openapi(tmp_path / "api.yaml", "drafts", diagnostics, cache_dir=None)
    found = bodies(api)
    assert {op: [body.media_type for body in listed] for op, listed in found.items()} == {
        "patchDraft": ["application/merge-patch+json"],
        "createDraft": ["application/json"],
    }
    # `Draft.body` is taken by a definition: the body's schema is `Draft.body.2`, one type
    hoisted = TypeExpr(kind="ref", ref="Draft.body.2")
    assert {body.type for listed in found.values() for body in listed} == {hoisted}
    assert sorted(t.id for t in api.types) == ["Draft.body", "Draft.body.2"]
    duplicates = [p for p in diagnostics.problems if "duplicate entries in `required`" in p.message]
    assert [p.location.pointer for p in duplicates] == ["/parameters/Draft/schema/required"]


def test_an_inline_shared_body_of_one_media_type_keeps_its_name(tmp_path: Path) -> None:
    only_json = DRAFTS.replace("      consumes: [application/merge-patch+json]\n", "")
    (tmp_path / "api.yaml").write_text(only_json, encoding="utf-8")
    api = load_openapi(tmp_path / "api.yaml", "drafts", Diagnostics(), cache_dir=None)
    assert {body.type.ref for listed in bodies(api).values() for body in listed} == {"patchDraft.request"}


def test_an_inline_shared_body_of_a_plain_type_is_an_alias(tmp_path: Path) -> None:
    types = {t.id: t for t in load(tmp_path).types}
    strings = TypeExpr(kind="list", items=TypeExpr(kind="primitive", primitive="string"))
    assert isinstance(types["Tags.body"], AliasType) and types["Tags.body"].target == strings
