"""Templates are loaded once, with the environment's globals as a plain dict (copied at C speed
into each render's context, where Jinja's ChainMap was copied name by name)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render import templates


def test_a_loaded_template_holds_the_environments_globals_as_a_plain_dict() -> None:
    template = templates._template("docs/python/model_entry.md.j2")
    assert type(template.globals) is dict
    assert template.globals == dict(templates.environment().globals)
    assert templates._template("docs/python/model_entry.md.j2") is template  # loaded once


def test_a_template_renders_what_jinja_renders() -> None:
    from types import SimpleNamespace

    entry = SimpleNamespace(
        name="Pet", id="Pet", kind="enum", description="A pet.", fields=[], enum_values=["`a`", "`b`"]
    )
    name = "docs/python/model_entry.md.j2"
    fresh = templates.environment().overlay(cache_size=0).get_template(name)  # loaded afresh
    assert type(fresh.globals) is not dict  # (Jinja's own: a ChainMap)
    assert templates.render_template(name, m=entry) == fresh.render(m=entry)
    assert "Values: `a`, `b`" in templates.render_template(name, m=entry)


def test_a_service_module_calls_no_macro(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A service module's method and its pager share the keyword parameters and the request
    built from them as blocks set once per method: a Jinja macro call per method, variant and
    use took about a quarter of rendering the template (a thousand modules in a large tree)."""
    from jinja2.runtime import Macro

    from generator.diagnostics import Diagnostics
    from generator.proto import load_proto
    from generator.render.python.grpc.package import render_proto_package

    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "shop.proto").write_text(SHOP_PROTO)
    api, artifacts = load_proto(tmp_path, [], "shop_pkg", Diagnostics())
    calls = []
    call = Macro.__call__
    monkeypatch.setattr(Macro, "__call__", lambda self, *a, **k: calls.append(self.name) or call(self, *a, **k))
    rendered: list[str] = []
    render = templates.render_template

    def render_counted(name: str, **context: object) -> str:
        before = len(calls)
        text = render(name, **context)
        if name == "python/proto/service.py.j2":
            rendered.append(text)
            assert calls[before:] == [], name
        return text

    monkeypatch.setattr("generator.render.python.grpc.package.render_template", render_counted)
    render_proto_package(api, artifacts, "shop_pkg", {})
    (module,) = rendered
    assert "def list_all(" in module and module.count("request = _build(") == 6  # (3 calls, twice)


SHOP_PROTO = """syntax = "proto3";
package shop.v1;
message Item { string id = 1; string name = 2; }
message GetItemRequest { string id = 1; }
message ListItemsRequest { string folder_id = 1; int64 page_size = 2; string page_token = 3; }
message ListItemsResponse { repeated Item items = 1; string next_page_token = 2; }
service ItemService {
  rpc Get (GetItemRequest) returns (Item);
  rpc List (ListItemsRequest) returns (ListItemsResponse);
}
"""
