"""The Python renderer for OpenAPI-described APIs (entry point: `package.render_python_package`).

Kept empty so that importing one helper (`literals`, `annotations`) does not load them all.
"""
