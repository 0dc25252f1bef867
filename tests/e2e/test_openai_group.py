"""`client.openai` of the committed `ai_studio` package against a local server that answers as AI Studio.

Every API of the OpenAI-compatible group except Chat Completions and Embeddings (covered in
test_ai_studio_openai.py) and Realtime (test_ai_studio_realtime.py): Models, Conversations,
Responses, Files and Vector Stores, each sync and async. Every test checks what the server
received (method, path, query, JSON or multipart body, `Authorization: Api-Key`, `OpenAI-Project`)
and the typed value the client returned.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from ai_studio import AIStudio, AsyncAIStudio
from ai_studio.openai import AsyncBinaryResponse, BinaryResponse, NotFoundError
from ai_studio.openai.models import (
    ConversationItemList,
    ConversationResource,
    DeletedConversationResource,
    DeleteFileResponse,
    DeleteVectorStoreFileResponse,
    DeleteVectorStoreResponse,
    InputMessageResource,
    ListModelsResponse,
    Message,
    Model,
    OpenAIFile,
    OutputMessage,
    OutputTextContent,
    Response,
    ResponseCompletedEvent,
    ResponseContentPartAddedEvent,
    ResponseCreatedEvent,
    ResponseInProgressEvent,
    ResponseOutputItemAddedEvent,
    ResponseOutputItemDoneEvent,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
    StaticChunkingStrategyResponseParam,
    VectorStoreFileBatchObject,
    VectorStoreFileObject,
    VectorStoreObject,
    VectorStoreSearchResultsPage,
)

from tests.e2e import openai_fakes as fake
from tests.e2e.openai_fakes import API_KEY, FOLDER, MODEL, check_auth, path_of
from tests.support.http_server import LocalServer, Reply, Request


@pytest.fixture
def studio(server: LocalServer) -> Iterator[AIStudio]:
    with AIStudio(api_key=API_KEY, folder_id=FOLDER, openai_base_url=server.url, max_retries=0) as client:
        yield client


@pytest.fixture
async def astudio(server: LocalServer) -> AsyncIterator[AsyncAIStudio]:
    async with AsyncAIStudio(
        api_key=API_KEY, folder_id=FOLDER, openai_base_url=server.url, max_retries=0
    ) as client:
        yield client


def sent(server: LocalServer) -> list[tuple[str, str]]:
    """(method, path) of every request the server received, each checked for credentials."""
    for request in server.requests:
        check_auth(request)
    return [(request.method, request.path) for request in server.requests]


# --- Models ----------------------------------------------------------------------------------


def serve_models(server: LocalServer) -> None:
    server.route("GET", "/models", Reply.json({"object": "list", "data": fake.MODELS}))
    server.route("GET", path_of("models", MODEL), Reply.json(fake.MODELS[0]))


def check_models(server: LocalServer, listed: ListModelsResponse, one: Model) -> None:
    assert isinstance(listed, ListModelsResponse)
    assert all(isinstance(item, Model) for item in listed.data)
    assert [item.id for item in listed.data] == [item["id"] for item in fake.MODELS]
    assert isinstance(one, Model)
    assert (one.id, one.owned_by, one.created) == (MODEL, "yandex", fake.CREATED)
    assert sent(server) == [("GET", "/models"), ("GET", path_of("models", MODEL))]
    # the model URI is one path segment: its `:` and `/` travel percent-encoded
    assert unquote(server.requests[1].path) == f"/models/{MODEL}"
    assert server.requests[0].body == b""


def test_models_list_and_retrieve(server: LocalServer, studio: AIStudio) -> None:
    serve_models(server)
    listed = studio.openai.models.list()
    one = studio.openai.models.retrieve(model=MODEL)
    check_models(server, listed, one)


async def test_async_models_list_and_retrieve(server: LocalServer, astudio: AsyncAIStudio) -> None:
    serve_models(server)
    listed = await astudio.openai.models.list()
    one = await astudio.openai.models.retrieve(model=MODEL)
    check_models(server, listed, one)


# --- Conversations ---------------------------------------------------------------------------

CONVERSATION = "conv-7d1"
ITEMS = [
    fake.message_item("item-1", "system", "Отвечай кратко."),
    fake.message_item("item-2", "user", "Сколько лап у паука?"),
    fake.message_item("item-3", "assistant", "Восемь."),
]
SEED = [{"type": "message", "role": "system", "content": "Отвечай кратко."}]
NEW_ITEMS = [
    {"type": "message", "role": "user", "content": "Сколько лап у паука?"},
    {"type": "message", "role": "assistant", "content": "Восемь."},
]


def serve_conversations(server: LocalServer) -> None:
    conv = path_of("conversations", CONVERSATION)
    server.route("POST", "/conversations", Reply.json(fake.conversation(CONVERSATION, {"topic": "zoo"})))
    server.route("GET", conv, Reply.json(fake.conversation(CONVERSATION, {"topic": "zoo"})))
    server.route(
        "POST", conv, lambda r: Reply.json(fake.conversation(CONVERSATION, r.json()["metadata"]))
    )
    server.route(
        "DELETE", conv, Reply.json({"id": CONVERSATION, "object": "conversation.deleted", "deleted": True})
    )
    server.route(
        "POST",
        conv + "/items",
        Reply.json(
            {"object": "list", "data": ITEMS[1:], "first_id": "item-2", "last_id": "item-3", "has_more": False}
        ),
    )
    server.route("GET", conv + "/items", fake.paged(ITEMS))
    server.route("GET", conv + "/items/item-3", Reply.json(ITEMS[2]))
    server.route("DELETE", conv + "/items/item-2", Reply.json(fake.conversation(CONVERSATION, {"topic": "zoo"})))


def check_conversation_requests(server: LocalServer) -> None:
    conv = path_of("conversations", CONVERSATION)
    assert sent(server) == [
        ("POST", "/conversations"),
        ("GET", conv),
        ("POST", conv),
        ("POST", conv + "/items"),
        ("GET", conv + "/items"),
        ("GET", conv + "/items"),
        ("GET", conv + "/items/item-3"),
        ("DELETE", conv + "/items/item-2"),
        ("DELETE", conv),
    ]
    create, _, update, add, page1, page2, get_item, _, _ = server.requests
    assert create.json() == {"metadata": {"topic": "zoo"}, "items": SEED}
    assert update.json() == {"metadata": {"topic": "zoo", "status": "answered"}}
    assert add.json() == {"items": NEW_ITEMS}
    assert page1.query == {"limit": ["2"], "order": ["asc"]}
    assert page2.query == {"limit": ["2"], "order": ["asc"], "after": ["item-2"]}
    assert get_item.query == {}


def check_items(listed: list[Any]) -> None:
    assert [item.id for item in listed] == ["item-1", "item-2", "item-3"]
    assert all(isinstance(item, Message) for item in listed)
    assert [str(item.role) for item in listed] == ["system", "user", "assistant"]
    answer = listed[2].content[0]
    assert isinstance(answer, OutputTextContent) and answer.text == "Восемь."


def test_conversations_and_items(server: LocalServer, studio: AIStudio) -> None:
    serve_conversations(server)
    conversations = studio.openai.conversations
    created = conversations.create(metadata={"topic": "zoo"}, items=SEED)
    assert isinstance(created, ConversationResource)
    assert (created.id, created.metadata) == (CONVERSATION, {"topic": "zoo"})
    assert conversations.retrieve(conversation_id=CONVERSATION).created_at == fake.CREATED
    updated = conversations.update(conversation_id=CONVERSATION, metadata={"topic": "zoo", "status": "answered"})
    assert updated.metadata == {"topic": "zoo", "status": "answered"}

    added = conversations.items.create(conversation_id=CONVERSATION, items=NEW_ITEMS)
    assert isinstance(added, ConversationItemList)
    assert [item.id for item in added.data] == ["item-2", "item-3"]
    check_items(list(conversations.items.list(conversation_id=CONVERSATION, limit=2, order="asc")))
    item = conversations.items.retrieve(conversation_id=CONVERSATION, item_id="item-3")
    assert isinstance(item, Message) and item.id == "item-3"
    after_delete = conversations.items.delete(conversation_id=CONVERSATION, item_id="item-2")
    assert isinstance(after_delete, ConversationResource) and after_delete.id == CONVERSATION

    deleted = conversations.delete(conversation_id=CONVERSATION)
    assert isinstance(deleted, DeletedConversationResource)
    assert (deleted.id, deleted.deleted) == (CONVERSATION, True)
    check_conversation_requests(server)


async def test_async_conversations_and_items(server: LocalServer, astudio: AsyncAIStudio) -> None:
    serve_conversations(server)
    conversations = astudio.openai.conversations
    created = await conversations.create(metadata={"topic": "zoo"}, items=SEED)
    assert isinstance(created, ConversationResource) and created.id == CONVERSATION
    assert (await conversations.retrieve(conversation_id=CONVERSATION)).created_at == fake.CREATED
    updated = await conversations.update(
        conversation_id=CONVERSATION, metadata={"topic": "zoo", "status": "answered"}
    )
    assert updated.metadata == {"topic": "zoo", "status": "answered"}

    added = await conversations.items.create(conversation_id=CONVERSATION, items=NEW_ITEMS)
    assert [item.id for item in added.data] == ["item-2", "item-3"]
    check_items([item async for item in conversations.items.list(conversation_id=CONVERSATION, limit=2, order="asc")])
    item = await conversations.items.retrieve(conversation_id=CONVERSATION, item_id="item-3")
    assert isinstance(item, Message) and item.id == "item-3"
    after_delete = await conversations.items.delete(conversation_id=CONVERSATION, item_id="item-2")
    assert isinstance(after_delete, ConversationResource)

    deleted = await conversations.delete(conversation_id=CONVERSATION)
    assert isinstance(deleted, DeletedConversationResource) and deleted.deleted is True
    check_conversation_requests(server)


# --- Responses -------------------------------------------------------------------------------

RESPONSE = "resp-31c"
BACKGROUND = "resp-bg-9"
ANSWER = "Чай лучше кофе."
PROMPT = [{"type": "message", "role": "user", "content": "Чай или кофе?"}]


def serve_responses(server: LocalServer) -> None:
    def create(request: Request) -> Reply:
        body = request.json()
        if body.get("stream"):
            return fake.sse(fake.response_events(RESPONSE))
        if body.get("background"):
            return Reply.json(fake.response_object(BACKGROUND, text=None, status="queued"))
        return Reply.json(fake.response_object(RESPONSE, text=ANSWER), headers={"x-request-id": "req-resp-1"})

    deleted: set[str] = set()

    def retrieve(request: Request) -> Reply:
        if RESPONSE in deleted:
            return Reply.json({"error": {"message": f"response {RESPONSE} not found", "type": "not_found"}}, 404)
        return Reply.json(fake.response_object(RESPONSE, text=ANSWER))

    def delete(request: Request) -> Reply:
        deleted.add(RESPONSE)
        return Reply(200)

    server.route("POST", "/responses", create)
    server.route("GET", path_of("responses", RESPONSE), retrieve)
    server.route("DELETE", path_of("responses", RESPONSE), delete)
    server.route(
        "POST", path_of("responses", BACKGROUND, "cancel"),
        Reply.json(fake.response_object(BACKGROUND, text=None, status="cancelled")),
    )
    server.route("GET", path_of("responses", RESPONSE, "input_items"), fake.paged(fake.input_items()))


def check_response(response: Response, response_id: str = RESPONSE) -> None:
    assert isinstance(response, Response)
    assert (response.id, response.model, str(response.status)) == (response_id, MODEL, "completed")
    assert response.error is None
    message = response.output[0]
    assert isinstance(message, OutputMessage)
    part = message.content[0]
    assert isinstance(part, OutputTextContent) and part.text == ANSWER
    assert response.usage is not None and response.usage.total_tokens == 26
    assert response.metadata == {"ticket": "T-42"}


EVENT_TYPES = [
    ResponseCreatedEvent,
    ResponseInProgressEvent,
    ResponseOutputItemAddedEvent,
    ResponseContentPartAddedEvent,
    ResponseTextDeltaEvent,
    ResponseTextDeltaEvent,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
    ResponseOutputItemDoneEvent,
    ResponseCompletedEvent,
]


def check_events(events: list[Any]) -> None:
    assert [type(event) for event in events] == EVENT_TYPES
    assert [event.sequence_number for event in events] == list(range(len(EVENT_TYPES)))
    created = events[0]
    assert isinstance(created, ResponseCreatedEvent)
    assert created.type == "response.created" and str(created.response.status) == "in_progress"
    deltas = [event.delta for event in events if isinstance(event, ResponseTextDeltaEvent)]
    assert deltas == fake.RESPONSE_PIECES
    completed = events[-1]
    assert isinstance(completed, ResponseCompletedEvent) and completed.type == "response.completed"
    check_response(completed.response)


def check_input_items(items: list[Any]) -> None:
    assert [item.id for item in items] == ["in-1", "in-2", "in-3"]
    assert all(isinstance(item, InputMessageResource) for item in items)
    assert [part.text for item in items for part in item.content] == [
        "Answer briefly.", "Чай или кофе?", "And why?",
    ]


def check_response_requests(server: LocalServer) -> None:
    one = path_of("responses", RESPONSE)
    assert sent(server) == [
        ("POST", "/responses"),
        ("POST", "/responses"),
        ("GET", one),
        ("GET", one + "/input_items"),
        ("GET", one + "/input_items"),
        ("POST", "/responses"),
        ("POST", path_of("responses", BACKGROUND, "cancel")),
        ("DELETE", one),
        ("GET", one),
    ]
    plain, streamed, _, page1, page2, background, *_ = server.requests
    assert plain.json() == {
        "model": MODEL, "input": PROMPT, "instructions": "Answer briefly.", "temperature": 0.3,
        "store": True, "metadata": {"ticket": "T-42"},
    }
    assert streamed.json() == {"model": MODEL, "input": "Чай или кофе?", "stream": True}
    assert page1.query == {"limit": ["2"]}
    assert page2.query == {"limit": ["2"], "after": ["in-2"]}
    assert background.json() == {"model": MODEL, "input": "Long essay", "background": True}


def test_responses(server: LocalServer, studio: AIStudio) -> None:
    serve_responses(server)
    responses = studio.openai.responses
    created = responses.create(
        model=MODEL, input=PROMPT, instructions="Answer briefly.", temperature=0.3, store=True,
        metadata={"ticket": "T-42"},
    )
    check_response(created)

    with responses.create(model=MODEL, input="Чай или кофе?", stream=True) as stream:
        events = list(stream)
    check_events(events)

    check_response(responses.retrieve(response_id=RESPONSE))
    check_input_items(list(responses.input_items.list(response_id=RESPONSE, limit=2)))

    queued = responses.create(model=MODEL, input="Long essay", background=True)
    assert (queued.id, str(queued.status), queued.output) == (BACKGROUND, "queued", [])
    cancelled = responses.cancel(response_id=BACKGROUND)
    assert str(cancelled.status) == "cancelled"

    assert responses.delete(response_id=RESPONSE) is None
    with pytest.raises(NotFoundError) as caught:
        responses.retrieve(response_id=RESPONSE)
    assert caught.value.status_code == 404 and "not found" in str(caught.value)
    check_response_requests(server)


async def test_async_responses(server: LocalServer, astudio: AsyncAIStudio) -> None:
    serve_responses(server)
    responses = astudio.openai.responses
    created = await responses.create(
        model=MODEL, input=PROMPT, instructions="Answer briefly.", temperature=0.3, store=True,
        metadata={"ticket": "T-42"},
    )
    check_response(created)

    stream = await responses.create(model=MODEL, input="Чай или кофе?", stream=True)
    async with stream:
        events = [event async for event in stream]
    check_events(events)

    check_response(await responses.retrieve(response_id=RESPONSE))
    check_input_items([item async for item in responses.input_items.list(response_id=RESPONSE, limit=2)])

    queued = await responses.create(model=MODEL, input="Long essay", background=True)
    assert (queued.id, str(queued.status)) == (BACKGROUND, "queued")
    cancelled = await responses.cancel(response_id=BACKGROUND)
    assert str(cancelled.status) == "cancelled"

    assert await responses.delete(response_id=RESPONSE) is None
    with pytest.raises(NotFoundError):
        await responses.retrieve(response_id=RESPONSE)
    check_response_requests(server)


# --- Files -----------------------------------------------------------------------------------

BATCH_LINES = (
    '{"request": {"messages": [{"role": "user", "text": "2+2?"}]}}\n'
    '{"request": {"messages": [{"role": "user", "text": "Столица Перу?"}]}}\n'
).encode()
DOC = "# Заметки\n\nВода кипит при 100 °C.\n".encode()
FILES = [
    fake.file_object("file-a1", "batch.jsonl", len(BATCH_LINES), "batch"),
    fake.file_object("file-b2", "notes.md", len(DOC)),
    fake.file_object("file-c3", "faq.md", 77),
]


def serve_files(server: LocalServer) -> None:
    def upload(request: Request) -> Reply:
        fields = fake.multipart(request)
        filename, _, content = fields["file"]
        purpose = fields["purpose"][2].decode()
        file_id = "file-a1" if purpose == "batch" else "file-b2"
        return Reply.json(fake.file_object(file_id, filename or "", len(content), purpose))

    server.route("POST", "/files", upload)
    server.route("GET", "/files", fake.paged(FILES))
    server.route("GET", "/files/file-a1", Reply.json(FILES[0]))
    server.route("GET", "/files/file-a1/content", fake.binary(BATCH_LINES))
    server.route("DELETE", "/files/file-a1", Reply.json({"id": "file-a1", "object": "file", "deleted": True}))


def check_file_requests(server: LocalServer) -> None:
    assert sent(server) == [
        ("POST", "/files"),
        ("POST", "/files"),
        ("GET", "/files"),
        ("GET", "/files"),
        ("GET", "/files/file-a1"),
        ("GET", "/files/file-a1/content"),
        ("DELETE", "/files/file-a1"),
    ]
    first, second, page1, page2, *_ = server.requests
    fields = fake.multipart(first)
    assert set(fields) == {"file", "purpose"}
    assert fields["file"] == ("batch.jsonl", "application/jsonl", BATCH_LINES)
    assert fields["purpose"][0] is None and fields["purpose"][2] == b"batch"
    fields = fake.multipart(second)
    assert fields["file"][0] == "notes.md" and fields["file"][2] == DOC
    assert fields["purpose"][2] == b"assistants"
    assert page1.query == {"purpose": ["batch"], "limit": ["2"]}
    assert page2.query == {"purpose": ["batch"], "limit": ["2"], "after": ["file-b2"]}


def check_uploaded(batch: OpenAIFile, notes: OpenAIFile) -> None:
    assert isinstance(batch, OpenAIFile) and isinstance(notes, OpenAIFile)
    assert (batch.id, batch.filename, batch.bytes, str(batch.purpose)) == (
        "file-a1", "batch.jsonl", len(BATCH_LINES), "batch",
    )
    assert (notes.id, notes.filename, notes.bytes, str(notes.purpose)) == (
        "file-b2", "notes.md", len(DOC), "assistants",
    )


def test_files(server: LocalServer, studio: AIStudio, tmp_path: Path) -> None:
    serve_files(server)
    files = studio.openai.files
    notes_path = tmp_path / "notes.md"
    notes_path.write_bytes(DOC)
    batch = files.create(file=("batch.jsonl", BATCH_LINES, "application/jsonl"), purpose="batch")
    notes = files.create(file=notes_path, purpose="assistants")
    check_uploaded(batch, notes)

    listed = list(files.list(purpose="batch", limit=2))
    assert all(isinstance(item, OpenAIFile) for item in listed)
    assert [item.id for item in listed] == ["file-a1", "file-b2", "file-c3"]

    assert files.retrieve(file_id="file-a1").filename == "batch.jsonl"
    download = files.content(file_id="file-a1")
    assert isinstance(download, BinaryResponse)
    target = tmp_path / "downloaded.jsonl"
    download.write_to_file(target)
    assert target.read_bytes() == BATCH_LINES

    deleted = files.delete(file_id="file-a1")
    assert isinstance(deleted, DeleteFileResponse) and (deleted.id, deleted.deleted) == ("file-a1", True)
    check_file_requests(server)


async def test_async_files(server: LocalServer, astudio: AsyncAIStudio, tmp_path: Path) -> None:
    serve_files(server)
    files = astudio.openai.files
    notes_path = tmp_path / "notes.md"
    notes_path.write_bytes(DOC)
    batch = await files.create(file=("batch.jsonl", BATCH_LINES, "application/jsonl"), purpose="batch")
    notes = await files.create(file=notes_path, purpose="assistants")
    check_uploaded(batch, notes)

    listed = [item async for item in files.list(purpose="batch", limit=2)]
    assert [item.id for item in listed] == ["file-a1", "file-b2", "file-c3"]
    assert all(isinstance(item, OpenAIFile) for item in listed)

    assert (await files.retrieve(file_id="file-a1")).filename == "batch.jsonl"
    download = await files.content(file_id="file-a1")
    assert isinstance(download, AsyncBinaryResponse)
    target = tmp_path / "downloaded.jsonl"
    await download.write_to_file(target)
    assert target.read_bytes() == BATCH_LINES

    deleted = await files.delete(file_id="file-a1")
    assert (deleted.id, deleted.deleted) == ("file-a1", True)
    check_file_requests(server)


# --- Vector Stores ---------------------------------------------------------------------------

STORE = "vs-42"
STORES = [
    fake.vector_store(STORE, "Кухня"),
    fake.vector_store("vs-43", "Garden"),
    fake.vector_store("vs-44", "Garage", status="expired"),
]
STORE_FILES = [fake.vector_store_file("file-tea", STORE), fake.vector_store_file("file-coffee", STORE)]
FILTER = {"type": "eq", "key": "lang", "value": "ru"}
CREATE_STORE: dict[str, Any] = {
    "name": "Кухня",
    "file_ids": ["file-tea", "file-coffee"],
    "expires_after": {"anchor": "last_active_at", "days": 7},
    "chunking_strategy": {"type": "static", "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400}},
    "metadata": {"owner": "e2e"},
}


def serve_vector_stores(server: LocalServer) -> None:
    store = path_of("vector_stores", STORE)
    server.route(
        "POST", "/vector_stores",
        lambda r: Reply.json(
            fake.vector_store(STORE, r.json()["name"], status="in_progress", completed=0, metadata=r.json()["metadata"])
        ),
    )
    server.route("GET", "/vector_stores", fake.paged(STORES))
    server.route("GET", store, Reply.json(STORES[0]))
    server.route(
        "POST", store,
        lambda r: Reply.json(fake.vector_store(STORE, r.json()["name"], metadata=r.json()["metadata"])),
    )
    server.route("DELETE", store, Reply.json({"id": STORE, "object": "vector_store.deleted", "deleted": True}))
    server.route(
        "POST", store + "/files",
        lambda r: Reply.json(fake.vector_store_file(r.json()["file_id"], STORE, status="in_progress")),
    )
    server.route("GET", store + "/files", fake.paged(STORE_FILES))
    server.route("GET", store + "/files/file-tea", Reply.json(STORE_FILES[0]))
    server.route(
        "DELETE", store + "/files/file-tea",
        Reply.json({"id": "file-tea", "object": "vector_store.file.deleted", "deleted": True}),
    )
    server.route(
        "POST", store + "/file_batches",
        Reply.json(fake.file_batch("vsfb-1", STORE, "in_progress", completed=0, in_progress=2)),
    )
    server.route(
        "GET", store + "/file_batches/vsfb-1",
        Reply.json(fake.file_batch("vsfb-1", STORE, "in_progress", completed=1, in_progress=1)),
    )
    server.route("GET", store + "/file_batches/vsfb-1/files", fake.paged(STORE_FILES))
    server.route(
        "POST", store + "/file_batches/vsfb-1/cancel",
        Reply.json(fake.file_batch("vsfb-1", STORE, "cancelled", completed=1, in_progress=0)),
    )
    server.route("POST", store + "/search", lambda r: Reply.json(fake.search_results(r.json()["query"])))


def check_vector_store_requests(server: LocalServer) -> None:
    store = path_of("vector_stores", STORE)
    assert sent(server) == [
        ("POST", "/vector_stores"),
        ("GET", "/vector_stores"),
        ("GET", "/vector_stores"),
        ("GET", store),
        ("POST", store),
        ("POST", store + "/files"),
        ("GET", store + "/files"),
        ("GET", store + "/files/file-tea"),
        ("DELETE", store + "/files/file-tea"),
        ("POST", store + "/file_batches"),
        ("GET", store + "/file_batches/vsfb-1"),
        ("GET", store + "/file_batches/vsfb-1/files"),
        ("POST", store + "/file_batches/vsfb-1/cancel"),
        ("POST", store + "/search"),
        ("DELETE", store),
    ]
    (create, page1, page2, _, update, attach, files_page, _, _, batch, _, batch_files, _, search, _) = (
        server.requests
    )
    assert create.json() == CREATE_STORE
    assert page1.query == {"limit": ["2"], "order": ["desc"]}
    assert page2.query == {"limit": ["2"], "order": ["desc"], "after": ["vs-43"]}
    assert update.json() == {"name": "Kitchen", "metadata": {"owner": "e2e", "lang": "en"}}
    assert attach.json() == {"file_id": "file-tea", "attributes": {"lang": "ru", "year": 2025}}
    assert files_page.query == {"filter": ["completed"]}
    assert batch.json() == {"file_ids": ["file-tea", "file-coffee"], "attributes": {"lang": "ru"}}
    assert batch_files.query == {"limit": ["10"]}
    assert search.json() == {"query": "как заварить пуэр", "max_num_results": 2, "filters": FILTER}


def check_store(created: VectorStoreObject) -> None:
    assert isinstance(created, VectorStoreObject)
    assert (created.id, created.name, str(created.status)) == (STORE, "Кухня", "in_progress")
    assert created.metadata == {"owner": "e2e"}
    assert created.file_counts.total == 0
    assert created.expires_after is not None and created.expires_after.days == 7


def check_store_file(item: VectorStoreFileObject) -> None:
    assert isinstance(item, VectorStoreFileObject)
    assert (item.id, item.vector_store_id, str(item.status)) == ("file-tea", STORE, "completed")
    assert isinstance(item.chunking_strategy, StaticChunkingStrategyResponseParam)
    assert item.chunking_strategy.static.max_chunk_size_tokens == 800
    assert item.attributes == {"lang": "ru", "year": 2025}


def check_search(found: VectorStoreSearchResultsPage) -> None:
    assert isinstance(found, VectorStoreSearchResultsPage)
    assert found.search_query == ["как заварить пуэр"]
    assert [(hit.file_id, hit.score) for hit in found.data] == [("file-tea", 0.92), ("file-coffee", 0.41)]
    assert found.data[0].content[0].text == "Пуэр заваривают водой 95 °C."


def test_vector_stores(server: LocalServer, studio: AIStudio) -> None:
    serve_vector_stores(server)
    stores = studio.openai.vector_stores
    check_store(stores.create(**CREATE_STORE))
    listed = list(stores.list(limit=2, order="desc"))
    assert [(s.id, str(s.status)) for s in listed] == [("vs-42", "completed"), ("vs-43", "completed"), ("vs-44", "expired")]
    assert stores.retrieve(vector_store_id=STORE).file_counts.completed == 2
    renamed = stores.update(vector_store_id=STORE, name="Kitchen", metadata={"owner": "e2e", "lang": "en"})
    assert (renamed.name, renamed.metadata) == ("Kitchen", {"owner": "e2e", "lang": "en"})

    attached = stores.files.create(vector_store_id=STORE, file_id="file-tea", attributes={"lang": "ru", "year": 2025})
    assert (attached.id, str(attached.status)) == ("file-tea", "in_progress")
    assert [f.id for f in stores.files.list(vector_store_id=STORE, filter="completed")] == ["file-tea", "file-coffee"]
    check_store_file(stores.files.retrieve(vector_store_id=STORE, file_id="file-tea"))
    detached = stores.files.delete(vector_store_id=STORE, file_id="file-tea")
    assert isinstance(detached, DeleteVectorStoreFileResponse) and detached.deleted is True

    batches = stores.file_batches
    batch = batches.create(vector_store_id=STORE, file_ids=["file-tea", "file-coffee"], attributes={"lang": "ru"})
    assert isinstance(batch, VectorStoreFileBatchObject)
    assert (batch.id, str(batch.status), batch.file_counts.in_progress) == ("vsfb-1", "in_progress", 2)
    assert batches.retrieve(vector_store_id=STORE, batch_id="vsfb-1").file_counts.completed == 1
    assert len(list(batches.list_files(vector_store_id=STORE, batch_id="vsfb-1", limit=10))) == 2
    assert str(batches.cancel(vector_store_id=STORE, batch_id="vsfb-1").status) == "cancelled"

    check_search(stores.search(vector_store_id=STORE, query="как заварить пуэр", max_num_results=2, filters=FILTER))
    deleted = stores.delete(vector_store_id=STORE)
    assert isinstance(deleted, DeleteVectorStoreResponse) and (deleted.id, deleted.deleted) == (STORE, True)
    check_vector_store_requests(server)


async def test_async_vector_stores(server: LocalServer, astudio: AsyncAIStudio) -> None:
    serve_vector_stores(server)
    stores = astudio.openai.vector_stores
    check_store(await stores.create(**CREATE_STORE))
    listed = [s async for s in stores.list(limit=2, order="desc")]
    assert [s.id for s in listed] == ["vs-42", "vs-43", "vs-44"]
    assert (await stores.retrieve(vector_store_id=STORE)).file_counts.completed == 2
    renamed = await stores.update(vector_store_id=STORE, name="Kitchen", metadata={"owner": "e2e", "lang": "en"})
    assert renamed.name == "Kitchen"

    attached = await stores.files.create(
        vector_store_id=STORE, file_id="file-tea", attributes={"lang": "ru", "year": 2025}
    )
    assert str(attached.status) == "in_progress"
    assert [f.id async for f in stores.files.list(vector_store_id=STORE, filter="completed")] == [
        "file-tea", "file-coffee",
    ]
    check_store_file(await stores.files.retrieve(vector_store_id=STORE, file_id="file-tea"))
    assert (await stores.files.delete(vector_store_id=STORE, file_id="file-tea")).deleted is True

    batches = stores.file_batches
    batch = await batches.create(vector_store_id=STORE, file_ids=["file-tea", "file-coffee"], attributes={"lang": "ru"})
    assert (batch.id, batch.file_counts.in_progress) == ("vsfb-1", 2)
    assert (await batches.retrieve(vector_store_id=STORE, batch_id="vsfb-1")).file_counts.completed == 1
    assert len([f async for f in batches.list_files(vector_store_id=STORE, batch_id="vsfb-1", limit=10)]) == 2
    assert str((await batches.cancel(vector_store_id=STORE, batch_id="vsfb-1")).status) == "cancelled"

    check_search(
        await stores.search(vector_store_id=STORE, query="как заварить пуэр", max_num_results=2, filters=FILTER)
    )
    assert (await stores.delete(vector_store_id=STORE)).deleted is True
    check_vector_store_requests(server)
