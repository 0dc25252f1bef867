"""Python packages out: rules shared by every client (`naming`, `literals` with docstrings,
`imports`, `runtime`, `bundle`), `http/` for HTTP/JSON clients and `grpc/` for gRPC clients.

Kept empty so that importing one helper (`literals`, `naming`) does not load them all.
"""
