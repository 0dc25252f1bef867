"""Markdown docs out: `http` (HTTP/JSON clients), `grpc` (gRPC clients), `index` (the docs
index of every configured package) and `markdown` (escaping shared by all pages)."""
