"""openapi-spec-validator imported without what validation here seldom or never calls.

Importing the library costs ~0.19 s of CPU, of which ~0.11 s go to modules its validation does not
call on a local document: requests (jsonschema_path's handler and retriever of http(s) `$ref`s)
and pydantic-settings (the settings of openapi-spec-validator and openapi-schema-validator: cache
sizes and the meta-schema backend, read from `OPENAPI_SPEC_VALIDATOR_*` and
`OPENAPI_SCHEMA_VALIDATOR_*` environment variables). Every regeneration that checks a changed
part pays the import (in its own process: `validation_runner`), and every validation worker.

So while the library is imported, `requests` and the two settings modules stand in for
themselves (`_StandIn`): once the import is over, the first attribute asked of `requests`
imports it (a remote `$ref` is fetched through requests, as before). So does `urllib.request`
(~10 ms with `http.client` and `ssl`), which jsonschema_path takes `urlopen` from at its import
and asks for `url2pathname` when it opens a file by its URI: its stand-in's `urlopen` calls the
real one, imported then, as is the module for anything else asked of it. The settings are the
defaults the library's classes give while no variable with their prefix is set (pydantic-settings
reads no other source for them: no env file, no secrets folder), and the library's own classes
once one is. (Another thread importing requests during the import would get the stand-in: the
runs here import the library from one thread.) Only on the library versions
tests/unit/test_validator_import.py checks (`KNOWN`), and only when the library is not imported
yet; when the import fails that way, the plain import.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
import sys
import threading
import types
from typing import Any

# (imported before the library is: a failed import's clean-up takes out every module it brought
# in, and PyYAML imported a second time in one process keeps its C parser's node classes from the
# first: every document it reads then fails, "could not determine a constructor for the tag None")
import yaml  # noqa: F401

from generator.code_digest import tool_version

# the distributions whose imports this reproduces, by the version prefix checked
KNOWN = {
    "openapi-spec-validator": "0.8.",
    "openapi-schema-validator": "0.8.",
    "jsonschema-path": "0.4.",
}
LIBRARY = "openapi_spec_validator"
URLLIB_REQUEST = "urllib.request"
SPEC_SETTINGS = "openapi_spec_validator.settings"
SCHEMA_SETTINGS = "openapi_schema_validator.settings"
# the defaults of the settings classes (`OpenAPISpecValidatorSettings`,
# `OpenAPISchemaValidatorSettings`), by field
SPEC_DEFAULTS = {"resolved_cache_maxsize": 128, "schema_validator_backend": "auto"}
SCHEMA_DEFAULTS = {"compiled_validator_cache_max_size": 128}
# the prefixes of the environment variables each settings class reads
SPEC_PREFIX, SCHEMA_PREFIX = "OPENAPI_SPEC_VALIDATOR_", "OPENAPI_SCHEMA_VALIDATOR_"


@functools.cache
def load() -> None:
    """Import the library (see the module's docstring); once, before any other import of it.
    Only while this is the process's one thread: the stand-ins are in `sys.modules` for the
    import's time, where another thread's `import requests` would take one (as in the command
    line's runs and its validation worker; a program that embeds us with threads running gets
    the plain import)."""
    if LIBRARY not in sys.modules and threading.active_count() == 1 and _known():
        before = set(sys.modules)
        stand_ins: list[_StandIn] = []
        try:
            stand_ins = _stand_ins()
            sys.modules.update({module.__name__: module for module in stand_ins})
            for module in stand_ins:  # (`import a.b` finds `a.b` in `sys.modules`, then `a.b`
                # is read as an attribute of `a`: the stand-in stays there, asking the real one)
                parent, _, name = module.__name__.rpartition(".")
                if parent in sys.modules:
                    setattr(sys.modules[parent], name, module)
            importlib.import_module(LIBRARY)
            return
        except Exception:
            for name in set(sys.modules) - before:  # (the stand-ins and what the import left)
                del sys.modules[name]
        finally:
            for module in stand_ins:
                if sys.modules.get(module.__name__) is module:
                    del sys.modules[module.__name__]
    importlib.import_module(LIBRARY)


def _known() -> bool:
    try:
        found = {name: tool_version(name) for name in KNOWN}
    except ImportError:  # (importlib.metadata.PackageNotFoundError: not installed)
        return False
    return all(found[name].startswith(prefix) for name, prefix in KNOWN.items())


class _StandIn(types.ModuleType):
    """A module standing in for the one of its name while the library is imported: its own
    attributes, and after the import, the real module's."""

    def __init__(self, name: str, **attributes: Any) -> None:
        super().__init__(name)
        vars(self).update(attributes)

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(self.__name__) is self:  # (asked during the import: it fails)
            raise AttributeError(name)
        return getattr(_real(self.__name__), name)


def _stand_ins() -> list[_StandIn]:
    found = []
    if "requests" not in sys.modules and importlib.util.find_spec("requests") is not None:
        found.append(_StandIn("requests"))  # (not installed: the library's own fallback)
    if URLLIB_REQUEST not in sys.modules:
        found.append(_urllib_request())
    if "pydantic_settings" not in sys.modules:
        found += [_spec_settings(), _schema_settings()]
    return found


def _urllib_request() -> _StandIn:
    def urlopen(*args: Any, **kwargs: Any) -> Any:  # (taken by name at the library's import)
        return _real(URLLIB_REQUEST).urlopen(*args, **kwargs)

    return _StandIn(URLLIB_REQUEST, urlopen=urlopen)


def _spec_settings() -> _StandIn:
    def settings() -> Any:  # (the library calls it as its class, for the two fields)
        if _variables_set(SPEC_PREFIX):
            return _real(SPEC_SETTINGS).OpenAPISpecValidatorSettings()
        return types.SimpleNamespace(**SPEC_DEFAULTS)

    return _StandIn(
        SPEC_SETTINGS,
        OpenAPISpecValidatorSettings=settings,
        get_resolved_cache_maxsize=lambda: settings().resolved_cache_maxsize,
        get_schema_validator_backend=lambda: settings().schema_validator_backend,
    )


def _schema_settings() -> _StandIn:
    @functools.cache  # (as the library's `get_settings`)
    def get_settings() -> Any:
        if _variables_set(SCHEMA_PREFIX):
            return _real(SCHEMA_SETTINGS).get_settings()
        return types.SimpleNamespace(**SCHEMA_DEFAULTS)

    return _StandIn(SCHEMA_SETTINGS, get_settings=get_settings)


def settings_in_environment() -> bool:
    """Whether a variable of the library's settings is set (else they are its defaults)."""
    return _variables_set(SPEC_PREFIX) or _variables_set(SCHEMA_PREFIX)


def _variables_set(prefix: str) -> bool:
    """Whether a variable pydantic-settings may read for `prefix` is set (it ignores case)."""
    return any(name.upper().startswith(prefix) for name in os.environ)


def _real(name: str) -> Any:
    module = importlib.import_module(name)
    if isinstance(module, _StandIn):
        raise ImportError(f"{name} asked for while openapi-spec-validator is imported")
    return module
