"""Calls over gRPC: one channel per endpoint, shared by every service of a client.

Each `unary(method)`-style call returns a plain function bound to the method, so that a call
costs one attribute lookup and the raw stub call, plus error mapping only when it fails.
Channels are opened on first use (for `grpc.aio` that must happen inside the running loop).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import grpc
import grpc.aio

from ._errors import from_grpc_error
from ._methods import (
    AsyncBidiCall,
    AsyncClientStreamCall,
    AsyncRequests,
    AsyncStreamCall,
    AsyncUnaryCall,
    BidiCall,
    CallMetadata,
    ClientStreamCall,
    Metadata,
    Method,
    Requests,
    RequestT,
    ResponseT,
    StreamCall,
    UnaryCall,
    endpoint_for,
)

__all__ = ["AsyncGrpcTransport", "GrpcTransport", "MAX_MESSAGE_BYTES"]

MAX_MESSAGE_BYTES = 64 * 1024 * 1024  # generated images are larger than gRPC's 4 MiB default
_OPTIONS = (
    ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
    ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
)


class _Endpoints:
    def __init__(
        self, endpoints: dict[str, str], endpoint: str | None, insecure: bool, metadata: Metadata
    ) -> None:
        self.endpoints = endpoints
        self.endpoint = endpoint
        self.insecure = insecure
        self.metadata = metadata

    def target(self, method: Method[Any, Any]) -> str:
        target = self.endpoint or endpoint_for(method.package, self.endpoints)
        if not target:
            raise ValueError(
                f"no gRPC endpoint known for {method.package}: pass endpoint= or endpoints="
            )
        return target

    def merge(self, metadata: CallMetadata) -> Metadata:
        return self.metadata + tuple(metadata) if metadata else self.metadata


class GrpcTransport(_Endpoints):
    def __init__(
        self,
        *,
        endpoints: dict[str, str],
        endpoint: str | None = None,
        insecure: bool = False,
        metadata: Metadata = (),
        timeout: float | None = None,
    ) -> None:
        super().__init__(endpoints, endpoint, insecure, metadata)
        self.timeout = timeout
        self._channels: dict[str, grpc.Channel] = {}

    def channel(self, target: str) -> grpc.Channel:
        channel = self._channels.get(target)
        if channel is None:
            if self.insecure:
                channel = grpc.insecure_channel(target, options=_OPTIONS)
            else:
                credentials = grpc.ssl_channel_credentials()
                channel = grpc.secure_channel(target, credentials, options=_OPTIONS)
            self._channels[target] = channel
        return channel

    def _callable(self, method: Method[Any, Any], kind: str) -> tuple[Any, str]:
        target = self.target(method)
        factory = getattr(self.channel(target), kind)
        callable_ = factory(
            method.path,
            request_serializer=method.request_type.SerializeToString,
            response_deserializer=method.response_type.FromString,
        )
        return callable_, target

    def unary(self, method: Method[RequestT, ResponseT]) -> UnaryCall[RequestT, ResponseT]:
        stub: Any = None
        target = ""

        def call(request: RequestT, timeout: float | None, metadata: CallMetadata) -> ResponseT:
            nonlocal stub, target
            if stub is None:
                stub, target = self._callable(method, "unary_unary")
            try:
                response: ResponseT = stub(
                    request,
                    timeout=self.timeout if timeout is None else timeout,
                    metadata=self.metadata + tuple(metadata) if metadata else self.metadata,
                )
                return response
            except grpc.RpcError as exc:
                raise from_grpc_error(exc, target, method.path) from None

        return call

    def server_stream(self, method: Method[RequestT, ResponseT]) -> StreamCall[RequestT, ResponseT]:
        stub: Any = None
        target = ""

        def call(
            request: RequestT, timeout: float | None, metadata: CallMetadata
        ) -> Iterator[ResponseT]:
            nonlocal stub, target
            if stub is None:
                stub, target = self._callable(method, "unary_stream")
            stream = stub(
                request,
                timeout=self.timeout if timeout is None else timeout,
                metadata=self.merge(metadata),
            )
            return _iterate(stream, target, method.path)

        return call

    def client_stream(
        self, method: Method[RequestT, ResponseT]
    ) -> ClientStreamCall[RequestT, ResponseT]:
        stub: Any = None
        target = ""

        def call(
            requests: Requests[RequestT], timeout: float | None, metadata: CallMetadata
        ) -> ResponseT:
            nonlocal stub, target
            if stub is None:
                stub, target = self._callable(method, "stream_unary")
            try:
                response: ResponseT = stub(
                    iter(requests),
                    timeout=self.timeout if timeout is None else timeout,
                    metadata=self.merge(metadata),
                )
                return response
            except grpc.RpcError as exc:
                raise from_grpc_error(exc, target, method.path) from None

        return call

    def bidi_stream(self, method: Method[RequestT, ResponseT]) -> BidiCall[RequestT, ResponseT]:
        stub: Any = None
        target = ""

        def call(
            requests: Requests[RequestT], timeout: float | None, metadata: CallMetadata
        ) -> Iterator[ResponseT]:
            nonlocal stub, target
            if stub is None:
                stub, target = self._callable(method, "stream_stream")
            stream = stub(
                iter(requests),
                timeout=self.timeout if timeout is None else timeout,
                metadata=self.merge(metadata),
            )
            return _iterate(stream, target, method.path)

        return call

    def close(self) -> None:
        channels, self._channels = self._channels, {}
        for channel in channels.values():
            channel.close()


def _iterate(stream: Any, target: str, path: str) -> Iterator[Any]:
    """Yield the stream's messages; leaving early cancels the call."""
    try:
        yield from stream
    except grpc.RpcError as exc:
        raise from_grpc_error(exc, target, path) from None
    finally:
        stream.cancel()


class AsyncGrpcTransport(_Endpoints):
    def __init__(
        self,
        *,
        endpoints: dict[str, str],
        endpoint: str | None = None,
        insecure: bool = False,
        metadata: Metadata = (),
        timeout: float | None = None,
    ) -> None:
        super().__init__(endpoints, endpoint, insecure, metadata)
        self.timeout = timeout
        self._channels: dict[str, grpc.aio.Channel] = {}

    def channel(self, target: str) -> grpc.aio.Channel:
        channel = self._channels.get(target)
        if channel is None:
            if self.insecure:
                channel = grpc.aio.insecure_channel(target, options=_OPTIONS)
            else:
                credentials = grpc.ssl_channel_credentials()
                channel = grpc.aio.secure_channel(target, credentials, options=_OPTIONS)
            self._channels[target] = channel
        return channel

    def _callable(self, method: Method[Any, Any], kind: str) -> tuple[Any, str]:
        target = self.target(method)
        factory = getattr(self.channel(target), kind)
        callable_ = factory(
            method.path,
            request_serializer=method.request_type.SerializeToString,
            response_deserializer=method.response_type.FromString,
        )
        return callable_, target

    def unary(self, method: Method[RequestT, ResponseT]) -> AsyncUnaryCall[RequestT, ResponseT]:
        stub: Any = None
        target = ""

        async def call(
            request: RequestT, timeout: float | None, metadata: CallMetadata
        ) -> ResponseT:
            nonlocal stub, target
            if stub is None:
                stub, target = self._callable(method, "unary_unary")
            try:
                response: ResponseT = await stub(
                    request,
                    timeout=self.timeout if timeout is None else timeout,
                    metadata=self.metadata + tuple(metadata) if metadata else self.metadata,
                )
                return response
            except grpc.RpcError as exc:
                raise from_grpc_error(exc, target, method.path) from None

        return call

    def server_stream(
        self, method: Method[RequestT, ResponseT]
    ) -> AsyncStreamCall[RequestT, ResponseT]:
        stub: Any = None
        target = ""

        def call(
            request: RequestT, timeout: float | None, metadata: CallMetadata
        ) -> AsyncIterator[ResponseT]:
            nonlocal stub, target
            if stub is None:
                stub, target = self._callable(method, "unary_stream")
            stream = stub(
                request,
                timeout=self.timeout if timeout is None else timeout,
                metadata=self.merge(metadata),
            )
            return _aiterate(stream, target, method.path)

        return call

    def client_stream(
        self, method: Method[RequestT, ResponseT]
    ) -> AsyncClientStreamCall[RequestT, ResponseT]:
        stub: Any = None
        target = ""

        async def call(
            requests: AsyncRequests[RequestT],
            timeout: float | None,
            metadata: CallMetadata,
        ) -> ResponseT:
            nonlocal stub, target
            if stub is None:
                stub, target = self._callable(method, "stream_unary")
            try:
                response: ResponseT = await stub(
                    requests,
                    timeout=self.timeout if timeout is None else timeout,
                    metadata=self.merge(metadata),
                )
                return response
            except grpc.RpcError as exc:
                raise from_grpc_error(exc, target, method.path) from None

        return call

    def bidi_stream(
        self, method: Method[RequestT, ResponseT]
    ) -> AsyncBidiCall[RequestT, ResponseT]:
        stub: Any = None
        target = ""

        def call(
            requests: AsyncRequests[RequestT],
            timeout: float | None,
            metadata: CallMetadata,
        ) -> AsyncIterator[ResponseT]:
            nonlocal stub, target
            if stub is None:
                stub, target = self._callable(method, "stream_stream")
            stream = stub(
                requests,
                timeout=self.timeout if timeout is None else timeout,
                metadata=self.merge(metadata),
            )
            return _aiterate(stream, target, method.path)

        return call

    async def close(self) -> None:
        channels, self._channels = self._channels, {}
        for channel in channels.values():
            await channel.close(None)


async def _aiterate(stream: Any, target: str, path: str) -> AsyncIterator[Any]:
    try:
        async for item in stream:
            yield item
    except grpc.RpcError as exc:
        raise from_grpc_error(exc, target, path) from None
    finally:
        stream.cancel()
