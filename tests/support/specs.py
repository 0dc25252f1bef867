"""Small inline specs shared by tests."""

# One operation returning one object type: the smallest spec that generates a whole package.
MINIMAL_OPENAPI = """openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: string}
"""
