"""The Jinja environment shared by the renderers: templates lay out text, Python decides."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    from generator.render.python.literals import py_literal

    env = jinja2.Environment(
        bytecode_cache=_bytecode_cache(),
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=False,  # output is code and Markdown; escaping is done by tested functions
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # templates do not change during a run: no stat per render
    )
    env.filters["pystr"] = py_literal
    env.filters["pydict"] = py_literal
    env.filters["fit_annotation"] = fit_annotation
    env.filters["doc"] = doc_text
    env.filters["tomlstr"] = toml_string
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiling the templates costs more than rendering them: keep the compiled form in the one
    cache folder (keyed by each template's source); none with `--no-cache`."""
    from generator.cache_location import cache_folder

    folder = cache_folder()
    if folder is None:
        return None
    try:
        (folder / "jinja").mkdir(parents=True, exist_ok=True)
    except OSError:  # an unwritable cache folder still renders, only slower
        return None
    return _BytecodeFiles(str(folder / "jinja"))


class _BytecodeFiles(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates in the cache folder, each opened as every cache file is
    (`cache_files.open_cache_file`): a link, a FIFO or a folder in a file's place is a miss,
    never a run blocked on it or a file read from outside the folder."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from generator.cache_files import open_cache_file

        try:
            handle = open_cache_file(self._get_cache_filename(bucket))
        except OSError:
            return
        with handle:
            bucket.load_bytecode(handle)


def toml_string(value: object) -> str:
    """A TOML basic string: JSON's escaping is valid TOML and leaves no control characters."""
    import json

    return json.dumps(str(value), ensure_ascii=False)


def doc_text(value: object) -> str:
    """Spec text placed inside a docstring by a template: escaped, one line."""
    from generator.render.python.literals import docstring_body

    return " ".join(docstring_body(str(value), "").split())


def fit_annotation(annotation: str, name: str, tail: str, indent: int = 8) -> str:
    """Parenthesize an argument annotation that would overflow its line.

    Black splits an overlong annotation inside parentheses; writing them ourselves makes ruff's
    formatting of the line identical to Black's.
    """
    if indent + len(name) + 2 + len(annotation) + len(tail) <= 100:
        return annotation  # fits (most do): no need to look inside (nor to import what does)
    from generator.render.python.http.annotations import split_union

    # A single subscripted type (`Sequence[...]`) is split inside its brackets instead.
    if annotation.endswith("]") and len(split_union(annotation)) == 1:
        return annotation
    return f"({annotation})"


def render_template(name: str, **context: object) -> str:
    return _template(name).render(**context)


@cache  # (the templates of this repository: a few dozen)
def _template(name: str) -> jinja2.Template:
    """The loaded template, its globals a plain dict: Jinja copies a template's globals into each
    render's context, and copying its ChainMap over the environment's globals took more than half
    of rendering a small template (~12 us of ~21). The same names and values; neither changes
    during a run."""
    template = environment().get_template(name)
    template.globals = dict(template.globals)
    return template
