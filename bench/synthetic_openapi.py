"""A deterministic OpenAPI description of any size for the scaling benchmarks.

`types` object schemas (five of every six objects, one in six an enum), each with a handful of
properties referring to earlier types, and one operation per five types (GET with query
parameters, POST with a JSON body), grouped under tags of twenty operations. 6,000 types give
1,200 operations and a ~13 MB YAML file.

Run: python bench/synthetic_openapi.py OUT.yaml [--types N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

TYPES = 6000
TYPES_PER_OPERATION = 5
OPERATIONS_PER_TAG = 20
DESCRIPTION = "A value the service keeps for this resource; see the guide for the allowed forms. " * 4


def _schema(index: int) -> list[str]:
    name = f"Type{index:05d}"
    if index % 6 == 5:
        values = ", ".join(f"value_{index}_{n}" for n in range(8))
        return [f"    {name}:", "      type: string", f"      description: Choice {index}.", f"      enum: [{values}]"]
    lines = [f"    {name}:", "      type: object", f"      description: '{DESCRIPTION.strip()}'", "      required: [id]", "      properties:"]  # fmt: skip
    lines += ["        id: {type: string, description: 'Identifier.'}"]
    lines += [f"        count_{index}: {{type: integer, format: int64, minimum: 0, description: '{DESCRIPTION.strip()}'}}"]
    lines += ["        created_at: {type: string, format: date-time}"]
    lines += ["        tags: {type: array, items: {type: string}}"]
    lines += ["        metadata: {type: object, additionalProperties: {type: string}}"]
    for back in (1, 7, 31):
        if index - back >= 0:
            lines.append(f"        ref_{back}: {{$ref: '#/components/schemas/Type{index - back:05d}'}}")
    if index >= 2:
        lines.append(
            f"        either: {{oneOf: [{{$ref: '#/components/schemas/Type{index - 2 - (index - 2) % 6:05d}'}}, {{type: string}}]}}"
        )
    return lines


def _operation(index: int) -> list[str]:
    tag = f"group{index // OPERATIONS_PER_TAG:03d}"
    target = f"Type{index * TYPES_PER_OPERATION - (index * TYPES_PER_OPERATION) % 6:05d}"
    return [
        f"  /{tag}/items{index:05d}:",
        "    get:",
        f"      operationId: listItems{index:05d}",
        f"      tags: [{tag}]",
        f"      description: '{DESCRIPTION.strip()}'",
        "      parameters:",
        "        - {name: page_size, in: query, schema: {type: integer}}",
        "        - {name: filter, in: query, schema: {type: string}}",
        "      responses:",
        "        '200':",
        "          description: ok",
        "          content:",
        f"            application/json: {{schema: {{type: array, items: {{$ref: '#/components/schemas/{target}'}}}}}}",
        "    post:",
        f"      operationId: createItem{index:05d}",
        f"      tags: [{tag}]",
        "      requestBody:",
        "        required: true",
        f"        content: {{application/json: {{schema: {{$ref: '#/components/schemas/{target}'}}}}}}",
        "      responses:",
        "        '201':",
        "          description: created",
        f"          content: {{application/json: {{schema: {{$ref: '#/components/schemas/{target}'}}}}}}",
    ]


def render(types: int = TYPES) -> str:
    operations = max(1, types // TYPES_PER_OPERATION) // 2  # two operations per path
    lines = ["openapi: 3.1.0", "info: {title: Synthetic, version: '1.0'}", "paths:"]
    for index in range(operations):
        lines += _operation(index)
    lines += ["components:", "  schemas:"]
    for index in range(types):
        lines += _schema(index)
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--types", type=int, default=TYPES)
    args = parser.parse_args()
    text = render(args.types)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.types} types, {len(text) / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
