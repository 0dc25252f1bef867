"""apigen: OpenAPI documents and .proto files in, sync + async Python clients and Markdown docs out."""

__version__ = "0.1.0"
