"""Constraints, formats, enum values and defaults reach method docstrings (Args), model field
docstrings and the Markdown docs, for parameters and body fields alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

Generate = Any

SPEC = """
openapi: 3.1.0
info: {title: Catalog, version: "1"}
paths:
  /products:
    get:
      operationId: listProducts
      tags: [products]
      parameters:
        - name: limit
          in: query
          description: How many to return.
          schema: {type: integer, minimum: 1, maximum: 100, default: 20}
        - name: sort
          in: query
          schema: {$ref: '#/components/schemas/SortOrder'}
        - name: since
          in: query
          schema: {type: string, format: date-time}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Product'}}
    post:
      operationId: createProduct
      tags: [products]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Product'}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Product'}
components:
  schemas:
    SortOrder:
      type: string
      enum: [asc, desc]
    Product:
      type: object
      required: [sku, price]
      properties:
        sku:
          type: string
          description: Stock keeping unit.
          minLength: 3
          maxLength: 12
          pattern: "^[A-Z0-9-]+$"
        price:
          type: number
          exclusiveMinimum: 0
          multipleOf: 0.01
        tags:
          type: array
          minItems: 1
          maxItems: 5
          items: {type: string}
        size:
          type: string
          enum: [xs, s, m, l, xl, xxl, xxxl, huge, giant, colossal, titanic]
"""


def test_constraints_in_docstrings_and_docs(generate: Generate, tmp_path: Path) -> None:
    api = generate(SPEC, "fn_doc_constraints")
    products = api.Client(base_url="http://127.0.0.1:9").products
    listing = products.list.__doc__
    assert "limit: How many to return. (at least 1; at most 100; default `20`)" in listing
    assert "sort: One of `asc`, `desc`." in listing
    assert "since: Format `date-time`." in listing
    creating = " ".join(products.create.__doc__.split())  # lines are wrapped
    assert "sku: Stock keeping unit. (3..12 chars; pattern `^[A-Z0-9-]+$`)" in creating
    assert "price: More than 0; multiple of 0.01." in creating
    assert "tags: 1..5 items." in creating
    assert "size: One of `xs`, `s`, `m`, `l`, `xl`, `xxl`, `xxxl`, `huge` (+3 more)." in creating

    out = tmp_path / "out"
    model = (out / "python" / "fn_doc_constraints" / "fn_doc_constraints" / "models" / "product.py").read_text()
    assert '"""Stock keeping unit.\n\n    3..12 chars; pattern `^[A-Z0-9-]+$`.\n    """' in model
    assert '"""More than 0; multiple of 0.01."""' in model

    docs = out / "docs" / "fn_doc_constraints"
    page = (docs / "products.md").read_text()
    assert "*(in query; at least 1; at most 100; default `20`)*" in page
    assert "*(in query; one of `asc`, `desc`)*" in page
    assert "*(in body; 3..12 chars; pattern `^[A-Z0-9-]+$`)*" in page
    types = (docs / "data-types.md").read_text()
    assert "Stock keeping unit. *(3..12 chars; pattern `^[A-Z0-9-]+$`)*" in types
