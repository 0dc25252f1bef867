"""The Jinja environment shared by the renderers: templates lay out text, Python decides."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    from generator.render.python.literals import py_literal

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=False,  # output is code and Markdown; escaping is done by tested functions
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pystr"] = py_literal
    env.filters["pydict"] = py_literal
    return env


def render_template(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)
