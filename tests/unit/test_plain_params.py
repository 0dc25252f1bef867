"""Rules of the plain-value surface of proto clients: parameter layout, endpoint variable names."""

from __future__ import annotations

from generator.render.python.grpc.package import endpoint_env_names, parameter
from generator.render.python.grpc.params import plain_imports
from generator.render.python.grpc.surface import Argument


def test_long_unions_are_parenthesized_short_ones_are_not() -> None:
    short = Argument(name="stream", wire="stream", annotation="BoolValue | bool", doc="")
    assert parameter(short) == "stream: BoolValue | bool | None = None"
    long = Argument(name="x" * 40, wire="x", annotation="A" * 30 + " | " + "B" * 30, doc="")
    assert parameter(long) == f"{'x' * 40}: (\n{'A' * 30} | {'B' * 30} | None\n) = None"


def test_endpoint_variable_names_use_the_shortest_distinct_tail() -> None:
    grpc = [("yandex.cloud.ai", "llm:443"), ("yandex.cloud.ai.files", "a:443"), ("yandex.cloud.operation", "o:443")]
    rest = [("yandex.cloud.ai.foundation_models", "https://llm"), ("other.files", "https://f")]
    assert endpoint_env_names("AI_STUDIO", grpc, rest) == {
        "other.files": "AI_STUDIO_OTHER_FILES",
        "yandex.cloud.ai": "AI_STUDIO_AI",
        "yandex.cloud.ai.files": "AI_STUDIO_AI_FILES",
        "yandex.cloud.ai.foundation_models": "AI_STUDIO_FOUNDATION_MODELS",
        "yandex.cloud.operation": "AI_STUDIO_OPERATION",
    }


def test_plain_imports_find_whole_names_only() -> None:
    assert plain_imports(["Timestamp | datetime", "Mapping[str, Any]", "MyAnyThing"]) == {
        "datetime": {"datetime"},
        "collections.abc": {"Mapping"},
        "typing": {"Any"},
    }
