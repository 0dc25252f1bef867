"""Proto clients (gRPC and REST) against servers that misbehave: secrets echoed back, broken
bodies, over-long waits. One scripted backend serves both transports (see `servers.py`)."""

from __future__ import annotations

from types import ModuleType

import grpc
import pytest

from tests.proto.servers import Backend, Failure
from tests.proto.test_retries import backend, endpoints, fresh, make, transport

__all__ = ["backend", "endpoints", "fresh", "transport"]  # fixtures shared with test_retries

SECRET = "AQVN-echoed-api-key-55555"


@pytest.mark.parametrize("asynchronous", [False, True])
async def test_status_echoing_the_key_keeps_it_out_of_the_error(
    client_package: ModuleType,
    endpoints: dict[str, str],
    backend: Backend,
    transport: str,
    asynchronous: bool,
) -> None:
    echoed = f"bad credentials in authorization: Api-Key {SECRET}"
    backend.fail("GetFile", Failure(grpc.StatusCode.UNAUTHENTICATED, echoed))
    client = make(
        client_package, endpoints[transport], transport, asynchronous=asynchronous, api_key=SECRET
    )
    with pytest.raises(client_package.AuthenticationError) as raised:
        if asynchronous:
            async with client:
                await client.files.file.get(file_id="f-1")
        else:
            with client:
                client.files.file.get(file_id="f-1")
    assert backend.calls_of("GetFile")[-1]["authorization"] == f"Api-Key {SECRET}"
    error = raised.value
    for text in (str(error), repr(error), error.message, repr(error.body)):
        assert SECRET not in text, text
    assert "<redacted>" in error.message
