"""Renderers: IR (plus a front end's explicit artifacts) in, {relative path: text} out.

Laid out by output: `python/` (client packages) and `docs/` (Markdown); `templates` is the
Jinja environment both use. No renderer imports a front end (`generator.openapi`,
`generator.proto`).
"""
