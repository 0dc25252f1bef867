"""openapi-spec-validator imported without requests and pydantic-settings (`validator_import`):
the same findings, settings and handlers as the plain import, on the installed versions.

Each import is made in a process of its own (this one may have imported the library already).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from generator.openapi import validator_import
from tests.support.paths import OPENAI_SPEC, REPO, require

HEAVY = ("requests", "urllib3", "pydantic", "pydantic_settings", "urllib.request", "http.client")

# Findings of several kinds: duplicate and undefined `required`, a bad default, a path parameter
# the path does not name, a meta-schema failure, a duplicate operationId.
SPEC = """\
openapi: {version}
info: {{title: T, version: "1"}}
paths:
  /items/{{item_id}}:
    get:
      operationId: getItem
      parameters:
        - {{name: other, in: path, required: true, schema: {{type: string}}}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Item'}}
  /other:
    get:
      operationId: getItem
      responses: {{"200": {{description: OK}}}}
components:
  schemas:
    Item:
      type: object
      required: [id, name, id, missing]
      properties:
        id: {{type: string}}
        name: {{type: [string, 3]}}
        size: {{type: integer, default: big}}
"""

# What the library's import set up that validation reads, and what it found, as JSON.
REPORT = """
import json, sys
from pathlib import Path
from generator.openapi import validate as v, validator_import
{before}
v.prepare()
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
import jsonschema_path.handlers as handlers, jsonschema_path.retrievers as retrievers
from openapi_spec_validator import schemas
from openapi_spec_validator.validation import validators
from openapi_schema_validator import _caches
settings = validators.OpenAPISpecValidatorSettings()
found = {{}}
opened = {{}}
for path in sys.argv[1:]:
    document = v.parse_bytes(Path(path).read_bytes(), Path(path).suffix)
    found[path] = [list(f) for f in (
        (x.file, x.pointer, x.message) for x in v.validate(path, document))]
    # a file opened by its URI, as jsonschema_path opens the file a `$ref` names (`urlopen`,
    # `url2pathname`: urllib.request's, which may have stood in for itself)
    uri = Path(path).resolve().as_uri()
    opened[path] = [handlers.utils.uri_to_path(uri), handlers.UrllibHandler("file")(uri)["info"]]
report = {{
    "heavy": heavy,
    "handlers": {{k: type(h).__name__ for k, h in handlers.default_handlers.items()}},
    "use_requests": retrievers.USE_REQUESTS,
    "requests_get": getattr(getattr(retrievers, "requests", None), "get", print).__module__,
    "settings": [settings.resolved_cache_maxsize, settings.schema_validator_backend],
    "schema_settings": _caches.get_settings().compiled_validator_cache_max_size,
    "backend": schemas.get_validator_backend(),
    "stand_ins": [n for n, m in sys.modules.items() if type(m).__name__ == "_StandIn"],
    "found": found,
    "opened": opened,
}}
print(json.dumps(report))
"""

PLAIN = "validator_import.KNOWN = {'openapi-spec-validator': 'another version'}"


def report(*paths: Path, before: str = "", env: dict[str, str] | None = None) -> dict[str, Any]:
    program = REPORT.format(before=before, heavy=HEAVY)
    variables = {k: v for k, v in os.environ.items() if not k.upper().startswith("OPENAPI_")}
    done = subprocess.run(
        [sys.executable, "-c", program, *map(str, paths)],
        cwd=REPO,
        env={**variables, **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("specs")
    paths = []
    for version in ("3.0.3", "3.1.0"):
        path = folder / f"spec-{version}.yaml"
        path.write_text(SPEC.format(version=version), encoding="utf-8")
        paths.append(path)
    return [*paths, REPO / "specs" / "openapi" / "ai_studio.yaml", require(OPENAI_SPEC)]


def test_the_library_is_imported_without_requests_or_pydantic_settings(docs: list[Path]) -> None:
    light, plain = report(*docs), report(*docs, before=PLAIN)
    assert light["heavy"] == []
    assert set(plain["heavy"]) == set(HEAVY)
    assert light["stand_ins"] == plain["stand_ins"] == []
    # the same findings, handlers, settings and meta-schema backend as the plain import
    assert light == {**plain, "heavy": []}
    assert any(plain["found"].values()), "the documents give findings"


def test_the_settings_stand_ins_give_the_librarys_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    from openapi_schema_validator.settings import OpenAPISchemaValidatorSettings
    from openapi_spec_validator.settings import OpenAPISpecValidatorSettings

    for name in os.environ:
        if name.upper().startswith("OPENAPI_"):
            monkeypatch.delenv(name)
    for cls, defaults in (
        (OpenAPISpecValidatorSettings, validator_import.SPEC_DEFAULTS),
        (OpenAPISchemaValidatorSettings, validator_import.SCHEMA_DEFAULTS),
    ):
        assert cls().model_dump() == defaults
        # (no source but the environment: no env file, no secrets folder, no command line)
        assert cls.model_config.get("env_file") is None
        assert cls.model_config.get("secrets_dir") is None
        assert not cls.model_config.get("cli_parse_args")


def test_settings_from_the_environment_are_read_by_the_librarys_classes() -> None:
    variables = {
        "OPENAPI_SPEC_VALIDATOR_RESOLVED_CACHE_MAXSIZE": "7",
        "openapi_spec_validator_schema_validator_backend": "JSONSCHEMA",
        "OPENAPI_SCHEMA_VALIDATOR_COMPILED_VALIDATOR_CACHE_MAX_SIZE": "3",
    }
    found = report(env=variables)
    assert found["settings"] == [7, "jsonschema"]
    assert found["schema_settings"] == 3
    assert found["backend"] == "jsonschema"
    assert found == {**report(env=variables, before=PLAIN), "heavy": found["heavy"]}


def test_an_import_that_fails_with_stand_ins_is_made_plainly(docs: list[Path]) -> None:
    # a settings module without the class the library imports from it: the import fails
    broken = "vi = validator_import\nvi._spec_settings = lambda: vi._StandIn(vi.SPEC_SETTINGS)"
    found = report(docs[0], before=broken)
    assert "pydantic_settings" in found["heavy"]
    assert found["stand_ins"] == []
    assert found == {**report(docs[0], before=PLAIN), "heavy": found["heavy"]}


def test_without_requests_installed_the_library_falls_back_as_it_does() -> None:
    # `requests` not found: no stand-in for it (one would tell jsonschema_path it is there)
    hidden = textwrap.dedent(
        """
        import importlib.util
        find = importlib.util.find_spec
        importlib.util.find_spec = lambda name, *a: None if name == "requests" else find(name, *a)

        class Hide:
            def find_spec(self, name, path=None, target=None):
                if name == "requests":
                    raise ModuleNotFoundError(name)

        sys.meta_path.insert(0, Hide())
        """
    )
    found = report(before=hidden)
    assert found["heavy"] == []  # (the stand-ins of the settings were taken)
    assert found["use_requests"] is False
    assert found["handlers"]["http"] == "UrllibHandler"
    assert found["stand_ins"] == []


def test_with_another_thread_running_the_library_is_imported_plainly(docs: list[Path]) -> None:
    # the stand-ins are in `sys.modules` during the import: another thread could take one
    waiting = "import threading\nthreading.Thread(target=threading.Event().wait, daemon=True).start()"
    found = report(docs[0], before=waiting)
    assert set(found["heavy"]) == set(HEAVY)
    assert found == report(docs[0], before=PLAIN)


def test_after_an_import_that_failed_midway_the_library_still_reads_documents() -> None:
    # the clean-up of a failed import takes out the modules it brought in: PyYAML must not be one
    # of them (imported again, its C parser's nodes are another copy's: every read then fails)
    program = textwrap.dedent(
        """
        import importlib.abc, sys

        class FailOnce(importlib.abc.MetaPathFinder):
            failed = False

            def find_spec(self, name, path=None, target=None):
                if name == "openapi_spec_validator.validation.validators" and not FailOnce.failed:
                    FailOnce.failed = True
                    raise ImportError(name)

        sys.meta_path.insert(0, FailOnce())
        from generator.openapi import validator_import
        validator_import.load()
        from openapi_spec_validator import validate
        validate({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}})
        print(FailOnce.failed)
        """
    )
    done = subprocess.run([sys.executable, "-c", program], cwd=REPO, capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "True"), done.stderr[-2000:]
