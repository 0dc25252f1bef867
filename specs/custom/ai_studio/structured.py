"""Structured output: pass a pydantic model class, get an instance of it back (`client.structured`).

`client.structured.chat(model=..., messages=..., output=Invoice) -> Invoice` sends the model's
JSON schema (made strict-compatible: every object closed, every property listed as required)
as chat completions' `response_format`, responses' `text.format`, or the native completion's
`json_schema`, then validates the answer with the same model. An answer that is not valid JSON
for the model raises `StructuredOutputError`, which carries the raw text.

We return the instance itself rather than a completion with a `.parsed` field (openai's
`beta.chat.completions.parse`): the call reads as what it gives, and the raw answer stays
reachable through the error when parsing fails.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import pydantic
from google.protobuf import struct_pb2

from ..native.foundation_models import (
    CompletionOptions,
    CompletionRequest,
    CompletionResponse,
    JsonSchema,
    Message,
)
from ..openai.models import CreateChatCompletionResponse, OutputMessage, OutputTextContent, Response

if TYPE_CHECKING:
    from .._studio import AIStudio, AsyncAIStudio

__all__ = ["AsyncStructured", "Structured", "StructuredOutputError", "strict_json_schema"]

ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)
ChatMessages = Sequence[Mapping[str, Any]]
NativeMessages = Iterable[Message | Mapping[str, str]]


class StructuredOutputError(ValueError):
    """The model's answer is not valid for `output`; `raw` is the text as the model wrote it."""

    def __init__(self, output: type[pydantic.BaseModel], raw: str, reason: str) -> None:
        super().__init__(f"the answer does not fit {output.__name__}: {reason}")
        self.output = output
        self.raw = raw


_NAMED_SCHEMAS = ("properties", "$defs", "patternProperties")  # name -> schema mappings
_VALUES = ("enum", "const", "examples")  # data, not schemas


def _closed(node: Any) -> Any:
    """Strict mode's rules applied to every object of a schema, in place."""
    if isinstance(node, list):
        for item in node:
            _closed(item)
    if not isinstance(node, dict):
        return node
    node.pop("default", None)  # strict mode rejects defaults; the model fills them back in
    properties = node.get("properties")
    if isinstance(properties, dict):
        node["additionalProperties"] = False
        node["required"] = list(properties)
    for key, value in node.items():
        if key in _NAMED_SCHEMAS and isinstance(value, dict):
            for schema in value.values():
                _closed(schema)
        elif key not in _VALUES:
            _closed(value)
    return node


def strict_json_schema(output: type[pydantic.BaseModel]) -> dict[str, Any]:
    """The JSON schema of a pydantic model, accepted by OpenAI-style `strict: true`."""
    closed: dict[str, Any] = _closed(copy.deepcopy(output.model_json_schema()))
    return closed


def parse_output(output: type[ModelT], raw: str) -> ModelT:
    """`raw` (the model's answer) validated into an instance of `output`."""
    try:
        return output.model_validate_json(raw)
    except pydantic.ValidationError as error:
        reason = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or '(root)'}: {e['msg']}" for e in error.errors()[:5]
        )
        raise StructuredOutputError(output, raw, reason) from None


def chat_response_format(output: type[pydantic.BaseModel]) -> dict[str, Any]:
    return {
        "type": "json_schema",
        "json_schema": {
            "name": output.__name__,
            "schema": strict_json_schema(output),
            "strict": True,
        },
    }


def responses_text_format(output: type[pydantic.BaseModel]) -> dict[str, Any]:
    schema = strict_json_schema(output)
    return {
        "format": {"type": "json_schema", "name": output.__name__, "schema": schema, "strict": True}
    }


def native_json_schema(output: type[pydantic.BaseModel]) -> JsonSchema:
    schema = struct_pb2.Struct()
    schema.update(strict_json_schema(output))
    return JsonSchema(schema=schema)


def native_request(
    model_uri: str,
    messages: NativeMessages,
    output: type[pydantic.BaseModel],
    completion_options: CompletionOptions | None,
) -> CompletionRequest:
    """A native completion request whose answer must fit `output`'s schema."""
    request = CompletionRequest(
        model_uri=model_uri,
        messages=[
            m if isinstance(m, Message) else Message(role=m["role"], text=m["text"])
            for m in messages
        ],
        json_schema=native_json_schema(output),
    )
    if completion_options is not None:
        request.completion_options.CopyFrom(completion_options)
    return request


def chat_text(completion: CreateChatCompletionResponse) -> str:
    if not completion.choices:
        return ""
    return completion.choices[0].message.content or ""


def responses_text(response: Response) -> str:
    return "".join(
        part.text
        for item in response.output
        if isinstance(item, OutputMessage)
        for part in item.content
        if isinstance(part, OutputTextContent)
    )


def native_text(final: CompletionResponse | None) -> str:
    if final is None or not final.alternatives:
        return ""
    return final.alternatives[0].message.text


class Structured:
    """`client.structured`: chat completions, responses and native completion, parsed."""

    def __init__(self, client: AIStudio) -> None:
        self._client = client

    def chat(
        self, *, model: str, messages: ChatMessages, output: type[ModelT], **options: Any
    ) -> ModelT:
        """A chat completion constrained to `output`'s schema, parsed into an instance of it.

        `options` go to `chat.completions.create` as they are (`temperature=`, `max_tokens=`, ...).
        """
        completion = self._client.openai.chat.completions.create(
            model=model, messages=messages, response_format=chat_response_format(output), **options
        )
        return parse_output(output, chat_text(completion))

    def responses(self, *, model: str, input: str, output: type[ModelT], **options: Any) -> ModelT:
        """A Responses API run whose `text.format` is `output`'s schema, parsed."""
        response = self._client.openai.responses.create(
            model=model, input=input, text=responses_text_format(output), **options
        )
        return parse_output(output, responses_text(response))

    def completion(
        self,
        *,
        model_uri: str,
        messages: NativeMessages,
        output: type[ModelT],
        completion_options: CompletionOptions | None = None,
    ) -> ModelT:
        """A native completion with `json_schema` set to `output`'s schema, parsed."""
        final = None
        request = native_request(model_uri, messages, output, completion_options)
        for final in self._client.native.foundation_models.text_generation.completion(request):
            pass
        return parse_output(output, native_text(final))


class AsyncStructured:
    """`async_client.structured`: the same calls as `Structured`, awaited."""

    def __init__(self, client: AsyncAIStudio) -> None:
        self._client = client

    async def chat(
        self, *, model: str, messages: ChatMessages, output: type[ModelT], **options: Any
    ) -> ModelT:
        completion = await self._client.openai.chat.completions.create(
            model=model, messages=messages, response_format=chat_response_format(output), **options
        )
        return parse_output(output, chat_text(completion))

    async def responses(
        self, *, model: str, input: str, output: type[ModelT], **options: Any
    ) -> ModelT:
        response = await self._client.openai.responses.create(
            model=model, input=input, text=responses_text_format(output), **options
        )
        return parse_output(output, responses_text(response))

    async def completion(
        self,
        *,
        model_uri: str,
        messages: NativeMessages,
        output: type[ModelT],
        completion_options: CompletionOptions | None = None,
    ) -> ModelT:
        final = None
        request = native_request(model_uri, messages, output, completion_options)
        async for final in self._client.native.foundation_models.text_generation.completion(
            request
        ):
            pass
        return parse_output(output, native_text(final))
