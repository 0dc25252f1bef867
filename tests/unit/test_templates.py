"""Templates are loaded once, with the environment's globals as a plain dict (copied at C speed
into each render's context, where Jinja's ChainMap was copied name by name)."""

from __future__ import annotations

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
