"""HTTP/JSON clients (from OpenAPI documents); entry point: `package.render_python_package`."""
