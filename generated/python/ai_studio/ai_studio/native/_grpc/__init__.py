"""The gRPC/REST runtime of this package: transports, errors, operations, request checks.

Copied verbatim by the generator; it imports only from this folder and from `.._runtime`.
"""
