"""OpenAPI Overlay Specification 1.0: `update` and `remove` actions with JSONPath targets.

Overlays adjust a third-party description without editing it; they are applied to the parsed root
document before validation. Targets are RFC 9535 JSONPath queries (python-jsonpath). Problems are
located in the overlay file: `file:line:col` of the action (from ruamel.yaml) and its index.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from generator import yaml_with_positions
from generator.diagnostics import Diagnostics, display_path
from generator.ir.model import Location

SUPPORTED = ("1.0.0", "1.0")


class _Overlay:
    def __init__(self, path: Path, diagnostics: Diagnostics) -> None:
        self.path = path
        self.display = display_path(path)
        self.diagnostics = diagnostics
        try:
            self.data = yaml_with_positions.load(path.read_text(encoding="utf-8"))
        except yaml_with_positions.YamlTextError as exc:
            raise diagnostics.fail(Location(self.display, line=exc.line, column=exc.column), exc.message) from None
        except UnicodeDecodeError as exc:
            raise diagnostics.fail(Location(self.display), f"cannot read the overlay: {exc}") from exc

    def at(self, node: Any, key: object = None, *, pointer: str = "", value: bool = False) -> Location:
        lc = getattr(node, "lc", None)
        line = column = 0
        try:
            if key is None and lc is not None:
                line, column = lc.line, lc.col
            elif isinstance(key, int):
                line, column = lc.item(key)  # type: ignore[union-attr]
            elif key is not None:
                line, column = (lc.value if value else lc.key)(key)  # type: ignore[union-attr]
            line, column = line + 1, column + 1
        except (AttributeError, KeyError, IndexError, TypeError):
            line = column = 0
        return Location(self.display, pointer, line=line, column=column)


def apply_overlays(document: Any, overlays: tuple[Path, ...], diagnostics: Diagnostics) -> Any:
    """The document with every overlay applied in order (a copy; `document` is left as it was)."""
    if not overlays:
        return document
    result = copy.deepcopy(document)
    for path in overlays:
        _apply(result, _Overlay(path, diagnostics), diagnostics)
    diagnostics.raise_if_errors()
    return result


def _apply(document: Any, overlay: _Overlay, diagnostics: Diagnostics) -> None:
    import jsonpath

    from generator.config_schema import plain

    data = overlay.data
    if not isinstance(data, dict):
        raise diagnostics.fail(overlay.at(data), "not an overlay: the top level is not a mapping")
    version = str(data.get("overlay", ""))
    if version not in SUPPORTED:
        where = overlay.at(data, "overlay") if "overlay" in data else overlay.at(data)
        raise diagnostics.fail(where, f"unsupported overlay version {version or '(none)'!r}: this generator applies 1.0.0")
    actions = data.get("actions")
    if not isinstance(actions, list):
        where = overlay.at(data, "actions") if "actions" in data else overlay.at(data)
        raise diagnostics.fail(where, "`actions` must be a list of actions")
    env = jsonpath.JSONPathEnvironment(strict=True)  # RFC 9535, as the Overlay specification asks
    for index, action in enumerate(actions):
        where = overlay.at(actions, index, pointer=f"/actions/{index}")
        if not isinstance(action, dict) or not isinstance(action.get("target"), str):
            diagnostics.error(where, f"action {index} needs a `target` (a JSONPath query)")
            continue
        has_update, remove = "update" in action, action.get("remove") is True
        if has_update == remove:
            diagnostics.error(where, f"action {index} needs exactly one of `update` or `remove: true`")
            continue
        target = str(action["target"])
        try:
            query = env.compile(target)
        except jsonpath.JSONPathError as exc:
            first_line = str(exc).splitlines()[0]
            diagnostics.error(
                overlay.at(action, "target", pointer=f"/actions/{index}/target", value=True),
                f"action {index}: invalid JSONPath {target!r}: {first_line}",
            )
            continue
        matches = [match.parts for match in query.finditer(document)]
        if not matches:
            diagnostics.warn(where, f"action {index}: target {target!r} matches nothing in the document")
            continue
        if remove:
            # deepest and last first, so earlier removals never shift the indexes of later ones
            for parts in sorted(matches, key=_removal_order, reverse=True):
                if not parts:
                    diagnostics.error(where, f"action {index}: the document root cannot be removed")
                    break
                parent = _resolve(document, parts[:-1])
                del parent[parts[-1]]
            continue
        update = plain(action["update"])
        for parts in matches:
            node = _resolve(document, parts)
            if isinstance(node, dict) and isinstance(update, dict):
                _merge(node, update)
            elif isinstance(node, list):
                node.append(copy.deepcopy(update))
            else:
                diagnostics.error(
                    overlay.at(action, "update", pointer=f"/actions/{index}/update"),
                    f"action {index}: cannot update {_kind(node)} at {_pointer(parts)} with {_kind(update)}"
                    " (an update merges a mapping into a mapping, or appends to a list)",
                )
                break


def _merge(target: dict[str, Any], update: dict[str, Any]) -> None:
    """Overlay 1.0 update: mappings merge recursively, anything else replaces."""
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def _resolve(document: Any, parts: tuple[Any, ...]) -> Any:
    node = document
    for part in parts:
        node = node[part]
    return node


def _removal_order(parts: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((1, p) if isinstance(p, int) else (0, str(p)) for p in parts)


def _pointer(parts: tuple[Any, ...]) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _kind(node: Any) -> str:
    if isinstance(node, dict):
        return "a mapping"
    if isinstance(node, list):
        return "a list"
    return f"the value {node!r:.40}"

