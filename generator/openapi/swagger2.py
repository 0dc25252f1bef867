"""Swagger 2.0 in, OpenAPI 3.0 out, before the rest of the front end sees the document.

No maintained Python converter exists (swagger2openapi is JavaScript; the Python ones on PyPI are
abandoned or partial), so this is ours. Every node it creates is recorded in `Origins`: the pointer
of the converted node -> the pointer of the 2.0 node it came from, so that every problem found
later (validation, IR building) is reported at its place in the ORIGINAL document.

What maps to what:
- `host` + `basePath` + `schemes` -> `servers`
- `definitions` / `parameters` / `responses` -> `components.schemas` / `parameters` (body ones:
  `requestBodies`) / `responses`, with `$ref`s rewritten
- `in: body` -> `requestBody` with one entry per `consumes` media type (default application/json);
  a shared body parameter (`parameters`, or one in another file) becomes one request body with
  the document's `consumes`, and an operation that consumes other media types gets a body of
  its own around that body's schema (an inline schema of the root's `parameters` is then moved
  to `components.schemas` as `<name>.body`, so that both bodies share it: one type)
- `in: formData` -> `requestBody` `multipart/form-data` (files, or when consumed) or
  `application/x-www-form-urlencoded`, one property per parameter
- `produces` (global or per operation) -> the media types of each response's `content`
- `collectionFormat` csv/ssv/pipes/multi -> `style`/`explode`; tsv has no OpenAPI 3 style (warned)
- `securityDefinitions` -> `components.securitySchemes` (basic -> http basic, oauth2 flows renamed)
- `x-nullable: true` -> `nullable: true`; `type: file` -> `type: string, format: binary`

A description split over several files: a `$ref` into another file (`definitions.yaml#/Pet`,
`parameters.yaml#/Limit`, `responses.yaml#/NotFound`) keeps pointing there, and the node it names
is converted as 2.0 in its own file, in place, as the kind of object the `$ref` stands for (a
schema, a parameter, a body parameter -> a request body, a response). Local `$ref`s inside such a
file are followed the same way. Pointers inside converted nodes are kept wherever 2.0 and 3.0 agree,
and the file's own `Origins` map the rest back, so problems point into the file as written. The
files are read through `Files` (implemented over `load.Spec`), so `$ref` confinement applies.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from generator import json_pointer as pointers
from generator.lazy_dataclass import lazy_dataclass

OPENAPI_VERSION = "3.0.3"
DEFAULT_MEDIA = "application/json"
_REF_PREFIXES = (
    ("#/definitions/", "#/components/schemas/"),
    ("#/responses/", "#/components/responses/"),
)
# parameter fields that move into the parameter's `schema` in OpenAPI 3
_SCHEMA_FIELDS = (
    "type", "format", "items", "default", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
    "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum", "multipleOf",
)
_COLLECTION_STYLES = {  # collectionFormat -> (style in query, explode)
    "csv": ("form", False),
    "ssv": ("spaceDelimited", False),
    "pipes": ("pipeDelimited", False),
    "multi": ("form", True),
    "tsv": ("form", False),  # no OpenAPI 3 equivalent: warned, sent comma-separated
}
_OAUTH_FLOWS = {
    "implicit": "implicit",
    "password": "password",
    "application": "clientCredentials",
    "accessCode": "authorizationCode",
}
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")

Warn = Callable[[str, str], None]  # (pointer in the 2.0 document, message)


@lazy_dataclass
class Origins:
    """Converted pointer -> original pointer, for nodes the conversion moved or created."""

    moved: dict[str, str] = field(default_factory=dict)

    def add(self, converted: str, original: str) -> None:
        self.moved[converted] = original

    def original(self, pointer: str) -> str:
        """The 2.0 pointer of a converted node: its nearest recorded ancestor, plus the rest."""
        probe = pointer
        while True:
            found = self.moved.get(probe)
            if found is not None:
                return found + pointer[len(probe) :]
            if not probe:
                return pointer
            probe = probe.rsplit("/", 1)[0]


class Files(Protocol):
    """The other files of a description, as the converter reads and rewrites them.

    `where` is the pointer (in the file `here`, as written) of the node holding the `$ref`; a
    `$ref` that cannot be followed or leaves the allowed folders raises (located there)."""

    root: Path

    def target(self, ref: str, here: Path, where: str) -> tuple[Path, str]: ...

    def follow(self, node: Any, here: Path, where: str) -> tuple[Path, str, Any]: ...

    def node(self, path: Path, pointer: str) -> Any: ...

    def replace(self, path: Path, pointer: str, value: Any) -> None: ...

    def origins(self, path: Path) -> Origins: ...

    def warn(self, path: Path, pointer: str, message: str) -> None: ...


def is_swagger2(document: Any) -> bool:
    return isinstance(document, dict) and str(document.get("swagger", "")) == "2.0"


def convert(source: dict[str, Any], warn: Warn, files: Files | None = None) -> tuple[dict[str, Any], Origins]:
    """The converted root document and its origins; with `files`, the nodes other files hold
    that the root reaches are converted in place too (without, `$ref`s to them stay as written)."""
    converter = _Converter(source, warn, files)
    converted = converter.run()
    converter.convert_external()
    return converted


class _Converter:
    def __init__(self, source: dict[str, Any], warn: Warn, files: Files | None = None) -> None:
        self.source = source
        self._warn_root = warn
        self.files = files
        self.root_origins = self.origins = Origins()
        self.here: Path | None = None  # the other file being converted (None: the root)
        self.into_root = False  # a node of `here` converted for the root: its `$ref`s rebased
        self.pending: deque[tuple[Path, str, str]] = deque()  # (file, pointer, kind) to convert in place
        self.consumes = _media(source.get("consumes"))
        self.produces = _media(source.get("produces"))
        self.shared_parameters: dict[str, Any] = dict(_mapping(source.get("parameters")))
        self.components: dict[str, Any] = {}
        self.body_schemas: dict[str, str] = {}  # shared body parameter -> its hoisted schema's `$ref`

    def warn(self, pointer: str, message: str) -> None:
        if self.here is not None and self.files is not None:
            self.files.warn(self.here, pointer, message)
        else:
            self._warn_root(pointer, message)

    def run(self) -> tuple[dict[str, Any], Origins]:
        src = self.source
        out: dict[str, Any] = {"openapi": OPENAPI_VERSION}
        for key, value in src.items():
            if key not in ("swagger", "host", "basePath", "schemes", "consumes", "produces", "paths",
                           "definitions", "parameters", "responses", "securityDefinitions"):
                out[key] = value  # info, tags, security, externalDocs, x-*
        out["servers"] = self.servers()
        self.origins.add("/servers", "/host" if "host" in src else "")
        components: dict[str, Any] = self.components
        schemas = {
            name: self.schema(s, pointers.join("/definitions", name))
            for name, s in _mapping(src.get("definitions")).items()
        }
        if schemas:
            components["schemas"] = schemas
            self.origins.add("/components/schemas", "/definitions")
        parameters, bodies = {}, {}
        for name, parameter in self.shared_parameters.items():
            where = pointers.join("/parameters", name)
            if not isinstance(parameter, dict):
                continue
            if parameter.get("in") == "body":
                bodies[name] = self.body(parameter, self.consumes, where)
                converted = pointers.join("/components/requestBodies", name)
                self.origins.add(converted, where)
                for media in bodies[name]["content"]:  # the schema moved under each media type
                    self.origins.add(pointers.join(converted, "content", media, "schema"), f"{where}/schema")
            elif parameter.get("in") != "formData":  # form fields are inlined where they are used
                parameters[name] = self.parameter(parameter, where)
                self.origins.add(pointers.join("/components/parameters", name), where)
        if parameters:
            components["parameters"] = parameters
        if bodies:
            components["requestBodies"] = bodies
        responses = {
            str(code): self.response(r, self.produces, pointers.join("/responses", str(code)))
            for code, r in _mapping(src.get("responses")).items()
        }
        if responses:
            components["responses"] = responses
            self.origins.add("/components/responses", "/responses")
        schemes = {
            name: self.security_scheme(scheme)
            for name, scheme in _mapping(src.get("securityDefinitions")).items()
            if isinstance(scheme, dict)
        }
        if schemes:
            components["securitySchemes"] = schemes
            self.origins.add("/components/securitySchemes", "/securityDefinitions")
        out["paths"] = {path: self.path_item(path, item) for path, item in _mapping(src.get("paths")).items()}
        if components:
            out["components"] = components
        return out, self.origins

    # --- other files ------------------------------------------------------------------------
    def ref(self, ref: str, where: str, kind: str) -> str:
        """The `$ref` to write for one found at `where`; a node in another file is queued for
        conversion in place as `kind` (schema | parameter | body | response)."""
        address, _, fragment = ref.partition("#")
        if self.here is None and not address:
            return _rewrite_ref(ref)  # within the root: its sections moved
        if self.files is None:
            return ref
        path, pointer = self.files.target(ref, self.here or self.files.root, where)
        if path == self.files.root:
            return ("" if self.into_root else address) + _rewrite_ref(f"#{fragment}")
        self.pending.append((path, pointer, kind))
        if self.into_root:  # the same node, addressed from the root's folder
            # quoted: `$ref` addresses are URI references, read back unquoted (`%20`, `#`)
            relative = quote(Path(os.path.relpath(path, self.files.root.parent)).as_posix(), safe="/")
            return f"{relative}#{fragment}" if fragment else relative
        return ref

    def convert_external(self) -> None:
        """Convert the queued nodes of other files in place, each once, as the kind first asked."""
        done: set[tuple[Path, str]] = set()
        while self.pending and self.files is not None:
            path, pointer, kind = self.pending.popleft()
            if (path, pointer) in done:
                continue
            done.add((path, pointer))
            node = self.files.node(path, pointer)
            self.here, self.origins = path, self.files.origins(path)
            if kind == "schema":
                converted = self.schema(node, pointer)
            elif kind == "response":
                converted = self.response(node, self.produces, pointer)
            elif kind == "body":
                converted = self.body(node, self.consumes, pointer)
            else:
                converted = self.parameter(node, pointer)
                self.origins.add(pointers.join(pointer, "schema"), pointer)
            self.files.replace(path, pointer, converted)
        self.here, self.origins = None, self.root_origins

    # --- document level -------------------------------------------------------------------
    def servers(self) -> list[dict[str, str]]:
        host = str(self.source.get("host") or "")
        base = str(self.source.get("basePath") or "")
        if not host:
            return [{"url": base or "/"}]
        schemes = [str(s) for s in self.source.get("schemes") or ["https"]]
        return [{"url": f"{scheme}://{host}{base}"} for scheme in schemes if scheme in ("http", "https")] or [
            {"url": f"https://{host}{base}"}
        ]

    def security_scheme(self, scheme: dict[str, Any]) -> dict[str, Any]:
        kind = scheme.get("type")
        extras = {k: v for k, v in scheme.items() if k == "description" or k.startswith("x-")}
        if kind == "basic":
            return {"type": "http", "scheme": "basic", **extras}
        if kind == "oauth2":
            flow: dict[str, Any] = {"scopes": dict(_mapping(scheme.get("scopes")))}
            for key in ("authorizationUrl", "tokenUrl"):
                if key in scheme:
                    flow[key] = scheme[key]
            name = _OAUTH_FLOWS.get(str(scheme.get("flow")), "implicit")
            return {"type": "oauth2", "flows": {name: flow}, **extras}
        return dict(scheme)  # apiKey has the same shape

    # --- paths ------------------------------------------------------------------------------
    def path_item(self, path: str, item: Any) -> Any:
        if not isinstance(item, dict):
            return item
        where = pointers.join("/paths", path)
        out: dict[str, Any] = {}
        shared = [p for p in item.get("parameters") or [] if isinstance(p, dict)]
        for key, value in item.items():
            if key in _METHODS and isinstance(value, dict):
                out[key] = self.operation(value, pointers.join(where, key), shared, pointers.join(where, "parameters"))
            elif key != "parameters":
                out[key] = value
        return out

    def operation(self, op: dict[str, Any], where: str, shared: list[Any], shared_where: str) -> dict[str, Any]:
        converted = pointers.join(where)
        consumes = _media(op["consumes"]) if "consumes" in op else self.consumes
        produces = _media(op["produces"]) if "produces" in op else self.produces
        out: dict[str, Any] = {}
        for key, value in op.items():
            if key not in ("parameters", "responses", "consumes", "produces", "schemes"):
                out[key] = value
        # operation parameters override path-level ones with the same name and location
        own = [(p, pointers.join(where, "parameters", i)) for i, p in enumerate(op.get("parameters") or [])]
        inherited = [(p, pointers.join(shared_where, i)) for i, p in enumerate(shared)]
        resolved_own = [(self.resolve(p, w), p, w) for p, w in own]
        taken = {_name_and_place(r) for r, _, _ in resolved_own}
        resolved_inherited = [(self.resolve(p, w), p, w) for p, w in inherited]
        merged = [item for item in resolved_inherited if _name_and_place(item[0]) not in taken]
        merged += resolved_own
        parameters: list[Any] = []
        form: list[tuple[dict[str, Any], str]] = []
        for resolved, raw, at in merged:
            location = resolved.get("in")
            if location == "body":
                if isinstance(raw, dict) and "$ref" in raw:
                    out["requestBody"] = self.shared_body(resolved, raw["$ref"], consumes, at, converted)
                else:
                    out["requestBody"] = self.body(resolved, consumes, at)
                    for media in out["requestBody"]["content"]:
                        self.origins.add(pointers.join(converted, "requestBody", "content", media, "schema"), f"{at}/schema")
                self.origins.add(f"{converted}/requestBody", at)
            elif location == "formData":
                form.append((resolved, at))
            else:
                self.origins.add(f"{converted}/parameters/{len(parameters)}", at)
                if isinstance(raw, dict) and "$ref" in raw:
                    parameters.append({"$ref": self.parameter_ref(raw["$ref"], at, "parameter")})
                else:
                    parameters.append(self.parameter(resolved, at))
        if parameters:
            out["parameters"] = parameters
        if form:
            out["requestBody"] = self.form_body(form, consumes)
            self.origins.add(f"{converted}/requestBody", form[0][1])
            for media in out["requestBody"]["content"]:
                for parameter, at in form:
                    field_at = pointers.join(converted, "requestBody", "content", media, "schema", "properties")
                    self.origins.add(pointers.join(field_at, str(parameter.get("name", ""))), at)
        responses: dict[str, Any] = {}
        for code, response in _mapping(op.get("responses")).items():
            responses[str(code)] = self.response(response, produces, pointers.join(where, "responses", str(code)))
            self.origins.add(pointers.join(converted, "responses", str(code)), pointers.join(where, "responses", str(code)))
            schema_at = pointers.join(where, "responses", str(code), "schema")
            for media in _content_types(responses[str(code)]):
                self.origins.add(pointers.join(converted, "responses", str(code), "content", media, "schema"), schema_at)
        out["responses"] = responses
        return out

    def resolve(self, parameter: Any, where: str) -> dict[str, Any]:
        """A parameter, following a `$ref` to the shared `parameters` or into another file."""
        if isinstance(parameter, dict) and isinstance(parameter.get("$ref"), str):
            ref = parameter["$ref"]
            if ref.startswith("#/parameters/"):
                found = self.shared_parameters.get(pointers.unescape(ref[len("#/parameters/") :]))
                if isinstance(found, dict):
                    return found
            elif not ref.startswith("#") and self.files is not None:
                _, _, found = self.files.follow(parameter, self.files.root, where)
                return found if isinstance(found, dict) else {}
        return parameter if isinstance(parameter, dict) else {}

    def parameter_ref(self, ref: str, where: str, kind: str) -> str:
        """The `$ref` for a parameter (`kind` parameter) or a body parameter (`kind` body)."""
        if ref.startswith("#/parameters/"):
            section = "requestBodies" if kind == "body" else "parameters"
            return f"#/components/{section}/" + ref[len("#/parameters/") :]
        if ref.startswith("#"):
            return ref
        return self.ref(ref, where, kind)

    def shared_body(
        self, parameter: dict[str, Any], ref: str, consumes: list[str], where: str, converted: str
    ) -> dict[str, Any]:
        """The request body of the operation at `converted` whose body parameter is the `$ref`
        `ref` at `where` (into the shared `parameters` or another file). The shared body is
        converted once, with the document's `consumes`: an operation that consumes those refers
        to it; one that consumes others gets a body of its own media types around the
        parameter's schema (a `$ref` to a definition stays that `$ref`, an inline schema of the
        root's `parameters` is hoisted by `hoisted_body_schema`: one type)."""
        target = self.parameter_ref(ref, where, "body")
        if (consumes or [DEFAULT_MEDIA]) == (self.consumes or [DEFAULT_MEDIA]):
            return {"$ref": target}
        if ref.startswith("#/parameters/") and not _is_ref(parameter.get("schema")):
            hoisted = {"$ref": self.hoisted_body_schema(pointers.unescape(ref[len("#/parameters/") :]))}
            out = _request_body(parameter, hoisted, consumes)
            for media in out["content"]:
                self.origins.add(pointers.join(converted, "requestBody", "content", media, "schema"), f"{ref[1:]}/schema")
            return out
        if ref.startswith("#"):
            here, pointer = None, pointers.from_fragment(ref[1:])
            origin = pointers.join(pointer, "schema")
        elif self.files is not None:
            path, pointer = self.files.target(ref, self.files.root, where)
            here = None if path == self.files.root else path
            origin = where  # in another file: problems in the schema are located at the `$ref`
        else:
            return {"$ref": target}  # other files are not converted: nothing to take it from
        # the parameter's schema as written in its file, its `$ref`s written from the root
        outer, self.here, self.into_root = self.here, here, True
        try:
            schema = self.schema(parameter.get("schema", {}), pointers.join(pointer, "schema"))
        finally:
            self.here, self.into_root = outer, False
        out = _request_body(parameter, schema, consumes)
        for media in out["content"]:
            self.origins.add(pointers.join(converted, "requestBody", "content", media, "schema"), origin)
        return out

    def hoisted_body_schema(self, name: str) -> str:
        """The `$ref` to the inline schema of the shared body parameter `name`, moved (once) to
        `components.schemas` so that the operations that send it as different media types share
        one type and its problems are reported once. Its key is `<name>.body` (a dotted key, as
        the names of inline types are), made unique against `definitions` by `.2`, `.3`, ..."""
        if name in self.body_schemas:
            return self.body_schemas[name]
        schemas = self.components.setdefault("schemas", {})
        key, suffix = f"{name}.body", 2
        while key in schemas:
            key, suffix = f"{name}.body.{suffix}", suffix + 1
        body = self.components["requestBodies"][name]
        schemas[key] = next(iter(body["content"].values()))["schema"]  # converted once, in `run`
        target = "#/components/schemas/" + pointers.escape(key)
        for entry in body["content"].values():
            entry["schema"] = {"$ref": target}
        self.origins.add(pointers.join("/components/schemas", key), pointers.join("/parameters", name, "schema"))
        self.body_schemas[name] = target
        return target

    def nullable(self, value: Any, where: str) -> bool:
        """`x-nullable` as OpenAPI 3's `nullable`: a value that is no boolean is warned about, as
        the validator warns about `nullable: 3`, and read by its truth."""
        if type(value) is not bool:
            self.warn(where, f"{value!r} is not of type 'boolean'")
        return bool(value)

    # --- parameters and bodies --------------------------------------------------------------
    def parameter(self, parameter: dict[str, Any], where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        schema: dict[str, Any] = {}
        for key, value in parameter.items():
            if key in _SCHEMA_FIELDS:
                schema[key] = self.schema(value, pointers.join(where, key)) if key == "items" else value
            elif key == "collectionFormat":
                continue
            elif key == "x-nullable":
                schema["nullable"] = self.nullable(value, pointers.join(where, key))
            else:
                out[key] = value
        if schema.get("type") == "file":
            schema = {"type": "string", "format": "binary"}
        fmt = parameter.get("collectionFormat")
        if schema.get("type") == "array":
            fmt = str(fmt or "csv")
            if fmt == "tsv":
                self.warn(
                    pointers.join(where, "collectionFormat"),
                    "collectionFormat tsv has no OpenAPI 3 equivalent: the values are sent comma-separated",
                )
            if parameter.get("in") == "query":
                style, explode = _COLLECTION_STYLES.get(fmt, ("form", False))
                out["style"], out["explode"] = style, explode
            elif parameter.get("in") in ("path", "header"):
                out["style"], out["explode"] = "simple", False
        out["schema"] = schema
        return out

    def body(self, parameter: dict[str, Any], consumes: list[str], where: str) -> dict[str, Any]:
        schema = self.schema(parameter.get("schema", {}), pointers.join(where, "schema"))
        out = _request_body(parameter, schema, consumes)
        if self.here is not None:  # converted in place: map the moved schema back
            for media in out["content"]:
                self.origins.add(pointers.join(where, "content", media, "schema"), pointers.join(where, "schema"))
        return out

    def form_body(self, fields: list[tuple[dict[str, Any], str]], consumes: list[str]) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        files = False
        for parameter, where in fields:
            name = str(parameter.get("name", ""))
            converted = self.parameter(parameter, where)
            schema = dict(converted["schema"])
            files = files or schema.get("format") == "binary"
            if parameter.get("description"):
                schema["description"] = parameter["description"]
            properties[name] = schema
            if parameter.get("required"):
                required.append(name)
        media = (
            "multipart/form-data"
            if files or "multipart/form-data" in consumes
            else "application/x-www-form-urlencoded"
        )
        schema_out: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            schema_out["required"] = required
        return {"required": bool(required), "content": {media: {"schema": schema_out}}}

    def response(self, response: Any, produces: list[str], where: str) -> Any:
        if not isinstance(response, dict):
            return response
        if isinstance(response.get("$ref"), str):
            return {"$ref": self.ref(response["$ref"], where, "response")}
        out: dict[str, Any] = {"description": response.get("description", "")}
        if "schema" in response:
            schema = self.schema(response["schema"], pointers.join(where, "schema"))
            if self.here is not None:  # converted in place: map the moved schema back
                for media in produces or [DEFAULT_MEDIA]:
                    self.origins.add(pointers.join(where, "content", media, "schema"), pointers.join(where, "schema"))
            examples = _mapping(response.get("examples"))
            content: dict[str, Any] = {}
            for media in produces or [DEFAULT_MEDIA]:
                entry: dict[str, Any] = {"schema": schema}
                if media in examples:
                    entry["example"] = examples[media]
                content[media] = entry
            out["content"] = content
        headers = {
            name: {
                k: v
                for k, v in self.parameter({**header, "in": "header"}, pointers.join(where, "headers", name)).items()
                if k != "in"
            }
            for name, header in _mapping(response.get("headers")).items()
            if isinstance(header, dict)
        }
        if headers:
            out["headers"] = headers
        out.update({k: v for k, v in response.items() if k.startswith("x-")})
        return out

    # --- schemas ----------------------------------------------------------------------------
    def schema(self, node: Any, where: str) -> Any:
        """A 2.0 schema as an OpenAPI 3.0 schema (same pointers inside: only values change);
        `where` is its pointer in the file as written (for `$ref`s into other files)."""
        if isinstance(node, list):
            return [self.schema(item, pointers.join(where, i)) for i, item in enumerate(node)]
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                out[key] = self.ref(value, where, "schema")
            elif key == "x-nullable":
                out["nullable"] = self.nullable(value, pointers.join(where, key))
            elif key == "discriminator" and isinstance(value, str):
                out[key] = {"propertyName": value}
            elif key in ("properties", "definitions", "patternProperties") and isinstance(value, dict):
                out[key] = {name: self.schema(sub, pointers.join(where, key, name)) for name, sub in value.items()}
            elif key in ("items", "additionalProperties", "not", "allOf", "anyOf", "oneOf"):
                out[key] = self.schema(value, pointers.join(where, key))
            else:
                out[key] = value
        if out.get("type") == "file":
            out["type"], out["format"] = "string", "binary"
        return out


def _request_body(parameter: dict[str, Any], schema: Any, consumes: list[str]) -> dict[str, Any]:
    """The request body a body parameter becomes: `schema` under each media type consumed."""
    out: dict[str, Any] = {"content": {media: {"schema": schema} for media in consumes or [DEFAULT_MEDIA]}}
    if parameter.get("description"):
        out["description"] = parameter["description"]
    if parameter.get("required"):
        out["required"] = True
    for key, value in parameter.items():
        if key.startswith("x-"):
            out[key] = value
    return out


def _is_ref(schema: Any) -> bool:
    return isinstance(schema, dict) and isinstance(schema.get("$ref"), str)


def _name_and_place(parameter: dict[str, Any]) -> tuple[str, str]:
    """What an operation's parameter overrides a path item's by: its `name` and `in` (as text:
    either may be any value in a document not yet validated, a mapping among them)."""
    return repr(parameter.get("name")), repr(parameter.get("in"))


def _media(value: Any) -> list[str]:
    return [str(m) for m in value] if isinstance(value, list) else []


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _content_types(response: Any) -> list[str]:
    content = response.get("content") if isinstance(response, dict) else None
    return list(content) if isinstance(content, dict) else []


def _rewrite_ref(ref: str) -> str:
    for old, new in _REF_PREFIXES:
        if ref.startswith(old):
            return new + ref[len(old) :]
    return ref


