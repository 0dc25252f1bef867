"""Tool calling: Python functions or pydantic models as tools, typed calls back (`client.tools`).

`Toolset(get_weather, Refund)` describes each tool to the model: its name, the first paragraph
of its docstring, and the JSON schema of its parameters (a function's from its type hints, a
model's from its fields). The model's tool calls come back as `ToolCall`s whose `arguments` are
validated into a pydantic model; `call.run()` calls the function with them as keyword
arguments. `client.tools.run(...)` does one round: ask, run the calls, send the results, and
return the model's next answer.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, get_type_hints

import pydantic
from google.protobuf import struct_pb2

from ..native.foundation_models import FunctionTool
from ..native.foundation_models import Tool as NativeTool
from ..openai.models import ChatCompletionMessageToolCall, CreateChatCompletionResponse
from .structured import strict_json_schema

if TYPE_CHECKING:
    from .._studio import AIStudio, AsyncAIStudio

__all__ = ["AsyncTools", "Tool", "ToolArgumentsError", "ToolCall", "Tools", "Toolset"]


class ToolArgumentsError(ValueError):
    """The model called a tool with arguments that do not fit it; `raw` is what it sent."""

    def __init__(self, name: str, raw: str, reason: str) -> None:
        super().__init__(f"arguments of tool {name!r} do not fit its parameters: {reason}")
        self.name = name
        self.raw = raw


def _summary(doc: str | None) -> str:
    return inspect.cleandoc(doc or "").split("\n\n", 1)[0].replace("\n", " ").strip()


def _arguments_model(function: Callable[..., Any]) -> type[pydantic.BaseModel]:
    """A pydantic model of `function`'s parameters (their type hints and defaults)."""
    hints = get_type_hints(function)
    fields: dict[str, Any] = {}
    for name, parameter in inspect.signature(function).parameters.items():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            raise TypeError(f"tool {function.__name__}: *args and **kwargs cannot be described")
        annotation = hints.get(name, Any)
        default = ... if parameter.default is parameter.empty else parameter.default
        fields[name] = (annotation, default)
    model: type[pydantic.BaseModel] = pydantic.create_model(function.__name__, **fields)
    return model


@dataclass(frozen=True)
class Tool:
    """One tool: what the model is told (`name`, `description`, `parameters`) and what runs."""

    name: str
    description: str
    arguments: type[pydantic.BaseModel]  # validates the model's arguments
    function: Callable[..., Any] | None  # None for a pydantic model used as a tool

    @classmethod
    def of(cls, source: Callable[..., Any] | type[pydantic.BaseModel]) -> Tool:
        if isinstance(source, type) and issubclass(source, pydantic.BaseModel):
            return cls(source.__name__, _summary(source.__doc__), source, None)
        return cls(source.__name__, _summary(source.__doc__), _arguments_model(source), source)

    @property
    def parameters(self) -> dict[str, Any]:
        schema = strict_json_schema(self.arguments)
        schema.pop("title", None)
        return schema

    def openai(self) -> dict[str, Any]:
        """The chat completions `tools` entry."""
        function = {
            "name": self.name,
            "description": self.description,
            "parameters": self.parameters,
        }
        return {"type": "function", "function": {**function, "strict": True}}

    def native(self) -> NativeTool:
        """The native completion's `Tool` message."""
        parameters = struct_pb2.Struct()
        parameters.update(self.parameters)
        function = FunctionTool(name=self.name, description=self.description, parameters=parameters)
        return NativeTool(function=function)


@dataclass(frozen=True)
class ToolCall:
    """A call the model asked for, its arguments validated into `tool.arguments`."""

    id: str
    tool: Tool
    arguments: pydantic.BaseModel

    def run(self) -> Any:
        """Call the function with the arguments as keywords (a model tool has nothing to run)."""
        if self.tool.function is None:
            raise TypeError(f"tool {self.tool.name!r} is a model; read `arguments` instead")
        return self.tool.function(**dict(self.arguments))


class Toolset:
    """Several tools, found again by name when the model calls them."""

    def __init__(self, *tools: Callable[..., Any] | type[pydantic.BaseModel]) -> None:
        self.tools = {tool.name: tool for tool in map(Tool.of, tools)}

    def openai(self) -> list[dict[str, Any]]:
        return [tool.openai() for tool in self.tools.values()]

    def native(self) -> list[NativeTool]:
        return [tool.native() for tool in self.tools.values()]

    def call(self, call_id: str, name: str, raw_arguments: str | Mapping[str, Any]) -> ToolCall:
        """A typed `ToolCall` from a tool name and its arguments (JSON text or a mapping)."""
        tool = self.tools.get(name)
        raw = raw_arguments if isinstance(raw_arguments, str) else json.dumps(dict(raw_arguments))
        if tool is None:
            raise ToolArgumentsError(name, raw, f"no tool is named {name!r}")
        try:
            arguments = tool.arguments.model_validate_json(raw)
        except pydantic.ValidationError as error:
            reason = "; ".join(
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()[:5]
            )
            raise ToolArgumentsError(name, raw, reason) from None
        return ToolCall(call_id, tool, arguments)

    def calls(self, completion: CreateChatCompletionResponse) -> list[ToolCall]:
        """The typed tool calls of a chat completion's first choice (empty when it made none)."""
        if not completion.choices:
            return []
        found = completion.choices[0].message.tool_calls or []
        return [
            self.call(c.id, c.function.name, c.function.arguments)
            for c in found
            if isinstance(c, ChatCompletionMessageToolCall)
        ]


def _follow_up(
    messages: Sequence[Mapping[str, Any]],
    completion: CreateChatCompletionResponse,
    calls: list[ToolCall],
) -> list[Mapping[str, Any]]:
    """The conversation with the model's tool calls and each call's result appended."""
    answer = completion.choices[0].message.model_dump(mode="json", exclude_none=True)
    results = [
        {"role": "tool", "tool_call_id": call.id, "content": _as_text(call.run())} for call in calls
    ]
    return [*messages, answer, *results]


def _as_text(result: Any) -> str:
    if isinstance(result, str):
        return result
    if isinstance(result, pydantic.BaseModel):
        return result.model_dump_json()
    return json.dumps(result, ensure_ascii=False, default=str)


class Tools:
    """`client.tools`: one round of tool calling over chat completions."""

    def __init__(self, client: AIStudio) -> None:
        self._client = client

    def run(
        self, *, model: str, messages: Sequence[Mapping[str, Any]], tools: Toolset, **options: Any
    ) -> CreateChatCompletionResponse:
        """Ask the model; when it calls tools, run them, send the results and return its next
        answer (which may itself ask for more calls: read `tools.calls(answer)`)."""
        chat = self._client.openai.chat.completions
        completion: CreateChatCompletionResponse = chat.create(
            model=model, messages=messages, tools=tools.openai(), **options
        )
        calls = tools.calls(completion)
        if not calls:
            return completion
        follow_up = _follow_up(messages, completion, calls)
        answer: CreateChatCompletionResponse = chat.create(
            model=model, messages=follow_up, tools=tools.openai(), **options
        )
        return answer


class AsyncTools:
    """`async_client.tools`: `Tools.run`, awaited (the tools themselves run synchronously)."""

    def __init__(self, client: AsyncAIStudio) -> None:
        self._client = client

    async def run(
        self, *, model: str, messages: Sequence[Mapping[str, Any]], tools: Toolset, **options: Any
    ) -> CreateChatCompletionResponse:
        chat = self._client.openai.chat.completions
        completion: CreateChatCompletionResponse = await chat.create(
            model=model, messages=messages, tools=tools.openai(), **options
        )
        calls = tools.calls(completion)
        if not calls:
            return completion
        follow_up = _follow_up(messages, completion, calls)
        answer: CreateChatCompletionResponse = await chat.create(
            model=model, messages=follow_up, tools=tools.openai(), **options
        )
        return answer
