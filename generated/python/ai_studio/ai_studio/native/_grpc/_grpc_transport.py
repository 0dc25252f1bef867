"""Calls over gRPC: one channel per endpoint, shared by every service of a client.

Each `unary(method)`-style call returns a plain function bound to the method: a call costs
the raw stub call plus the retry bookkeeping of `_retry_policy` (a request id, the attempt's
metadata), and error mapping only when it fails. Channels are opened on first use (for
`grpc.aio` that must happen inside the running loop).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import grpc
import grpc.aio

from ._auth import AsyncTokenSource, TokenSource, renew_token
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
from ._retry_policy import Attempts, RetryPolicy

__all__ = ["AsyncGrpcTransport", "GrpcTransport", "MAX_MESSAGE_BYTES"]

MAX_MESSAGE_BYTES = 64 * 1024 * 1024  # generated images are larger than gRPC's 4 MiB default
_OPTIONS = (
    ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
    ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
)


class _Endpoints:
    def __init__(
        self,
        endpoints: dict[str, str],
        endpoint: str | None,
        insecure: bool,
        metadata: Metadata,
        timeout: float | None,
        retry: RetryPolicy,
    ) -> None:
        self.endpoints = endpoints
        self.endpoint = endpoint
        self.insecure = insecure
        self.metadata = metadata
        self.timeout = timeout
        self.retry = retry
        self.options = _OPTIONS + retry.channel_options()

    def target(self, method: Method[Any, Any]) -> str:
        target = self.endpoint or endpoint_for(method.package, self.endpoints)
        if not target:
            raise ValueError(
                f"no gRPC endpoint known for {method.package}: pass endpoint= or endpoints="
            )
        return target

    def merge(self, metadata: CallMetadata) -> Metadata:
        return self.metadata + tuple(metadata) if metadata else self.metadata

    def attempts(
        self,
        method: Method[Any, Any],
        timeout: float | None,
        max_retries: int | None,
        idempotency_key: str | None,
    ) -> Attempts:
        timeout = self.timeout if timeout is None else timeout
        return Attempts(self.retry, method, timeout, max_retries, idempotency_key)


class GrpcTransport(_Endpoints):
    def __init__(
        self,
        *,
        endpoints: dict[str, str],
        endpoint: str | None = None,
        insecure: bool = False,
        metadata: Metadata = (),
        tokens: TokenSource | None = None,
        timeout: float | None = None,
        retry: RetryPolicy = RetryPolicy(),
    ) -> None:
        super().__init__(endpoints, endpoint, insecure, metadata, timeout, retry)
        self.tokens = tokens
        self._channels: dict[str, grpc.Channel] = {}

    def channel(self, target: str) -> grpc.Channel:
        channel = self._channels.get(target)
        if channel is None:
            if self.insecure:
                channel = grpc.insecure_channel(target, options=self.options)
            else:
                credentials = grpc.ssl_channel_credentials()
                channel = grpc.secure_channel(target, credentials, options=self.options)
            self._channels[target] = channel
        return channel

    def _callable(self, method: Method[Any, Any], kind: str) -> tuple[Any, str]:
        target = self.target(method)
        factory = getattr(self.channel(target), kind)
        callable_ = factory(
            method.path,
            request_serializer=method.request_type.SerializeToString,
            response_deserializer=method.response_type.FromString,
            # as the stubs protoc writes do: the channel registers the method once, so that a
            # call does not intern its path again in gRPC's core
            _registered_method=True,
        )
        return callable_, target

    def _with_token(self, metadata: Metadata) -> Metadata:
        return metadata if self.tokens is None else (self.tokens.pair(), *metadata)

    def unary(self, method: Method[RequestT, ResponseT]) -> UnaryCall[RequestT, ResponseT]:
        stub: Any = None
        target = ""

        def call(
            request: RequestT,
            timeout: float | None,
            metadata: CallMetadata,
            max_retries: int | None,
            idempotency_key: str | None,
        ) -> ResponseT:
            nonlocal stub, target
            if stub is None:
                stub, target = self._callable(method, "unary_unary")
            attempts = self.attempts(method, timeout, max_retries, idempotency_key)
            pairs = self.merge(metadata)
            tokens = self.tokens
            renewed = False
            while True:
                try:
                    response: ResponseT = stub(
                        request,
                        timeout=attempts.timeout(),
                        metadata=attempts.metadata(
                            pairs if tokens is None else (tokens.pair(), *pairs)
                        ),
                    )
                    return response
                except grpc.RpcError as exc:
                    if not renewed and renew_token(self.tokens, exc):  # once, with a new token
                        renewed = True
                        continue
                    delay = attempts.after_grpc_error(exc)
                    if delay is None:
                        raise from_grpc_error(exc, target, method.path) from None
                time.sleep(delay)

        return call

    def server_stream(self, method: Method[RequestT, ResponseT]) -> StreamCall[RequestT, ResponseT]:
        stub: Any = None
        target = ""

        def call(
            request: RequestT,
            timeout: float | None,
            metadata: CallMetadata,
            max_retries: int | None,
            idempotency_key: str | None,
        ) -> Iterator[ResponseT]:
            nonlocal stub, target
            if stub is None:
                stub, target = self._callable(method, "unary_stream")
            attempts = self.attempts(method, timeout, max_retries, idempotency_key)
            pairs = self.merge(metadata)

            def start() -> Any:
                return stub(
                    request,
                    timeout=attempts.timeout(),
                    metadata=attempts.metadata(self._with_token(pairs)),
                )

            return _iterate(start, attempts, target, method.path, self.tokens)

        return call

    def client_stream(
        self, method: Method[RequestT, ResponseT]
    ) -> ClientStreamCall[RequestT, ResponseT]:
        stub: Any = None
        target = ""

        def call(
            requests: Requests[RequestT],
            timeout: float | None,
            metadata: CallMetadata,
        ) -> ResponseT:
            nonlocal stub, target
            if stub is None:
                stub, target = self._callable(method, "stream_unary")
            try:
                response: ResponseT = stub(
                    iter(requests),
                    timeout=self.timeout if timeout is None else timeout,
                    metadata=self._with_token(self.merge(metadata)),
                )
                return response
            except grpc.RpcError as exc:
                raise from_grpc_error(exc, target, method.path) from None

        return call

    def bidi_stream(self, method: Method[RequestT, ResponseT]) -> BidiCall[RequestT, ResponseT]:
        stub: Any = None
        target = ""

        def call(
            requests: Requests[RequestT],
            timeout: float | None,
            metadata: CallMetadata,
        ) -> Iterator[ResponseT]:
            nonlocal stub, target
            if stub is None:
                stub, target = self._callable(method, "stream_stream")
            pairs = self.merge(metadata)

            def start() -> Any:
                return stub(
                    iter(requests),
                    timeout=self.timeout if timeout is None else timeout,
                    metadata=self._with_token(pairs),
                )

            return _iterate(start, None, target, method.path)

        return call

    def close(self) -> None:
        channels, self._channels = self._channels, {}
        for channel in channels.values():
            channel.close()


def _iterate(
    start: Callable[[], Any],
    attempts: Attempts | None,
    target: str,
    path: str,
    tokens: TokenSource | None = None,
) -> Iterator[Any]:
    """Yield the stream's messages; leaving early cancels the call. A failure before the first
    message starts the call again when the retry policy allows (`attempts`), or once with a new
    token after UNAUTHENTICATED."""
    renewed = False
    stream = start()
    try:
        while True:
            messages = stream.__iter__()
            try:
                first = next(messages)
                break
            except StopIteration:
                return
            except grpc.RpcError as exc:
                delay: float | None = 0.0
                if not renewed and renew_token(tokens, exc):  # once, with a new token
                    renewed = True
                else:
                    delay = None if attempts is None else attempts.after_grpc_error(exc)
                if delay is None:
                    raise from_grpc_error(exc, target, path) from None
            time.sleep(delay)
            stream = start()
        yield first
        for item in messages:
            yield item
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
        tokens: AsyncTokenSource | None = None,
        timeout: float | None = None,
        retry: RetryPolicy = RetryPolicy(),
    ) -> None:
        super().__init__(endpoints, endpoint, insecure, metadata, timeout, retry)
        self.tokens = tokens
        self._channels: dict[str, grpc.aio.Channel] = {}

    def channel(self, target: str) -> grpc.aio.Channel:
        channel = self._channels.get(target)
        if channel is None:
            if self.insecure:
                channel = grpc.aio.insecure_channel(target, options=self.options)
            else:
                credentials = grpc.ssl_channel_credentials()
                channel = grpc.aio.secure_channel(target, credentials, options=self.options)
            self._channels[target] = channel
        return channel

    def _callable(self, method: Method[Any, Any], kind: str) -> tuple[Any, str]:
        target = self.target(method)
        factory = getattr(self.channel(target), kind)
        callable_ = factory(
            method.path,
            request_serializer=method.request_type.SerializeToString,
            response_deserializer=method.response_type.FromString,
            # as the stubs protoc writes do: the channel registers the method once, so that a
            # call does not intern its path again in gRPC's core
            _registered_method=True,
        )
        return callable_, target

    async def _with_token(self, metadata: Metadata) -> Metadata:
        return metadata if self.tokens is None else (await self.tokens.pair(), *metadata)

    def unary(self, method: Method[RequestT, ResponseT]) -> AsyncUnaryCall[RequestT, ResponseT]:
        stub: Any = None
        target = ""

        async def call(
            request: RequestT,
            timeout: float | None,
            metadata: CallMetadata,
            max_retries: int | None,
            idempotency_key: str | None,
        ) -> ResponseT:
            nonlocal stub, target
            if stub is None:
                stub, target = self._callable(method, "unary_unary")
            attempts = self.attempts(method, timeout, max_retries, idempotency_key)
            pairs = self.merge(metadata)
            tokens = self.tokens
            renewed = False
            while True:
                try:
                    response: ResponseT = await stub(
                        request,
                        timeout=attempts.timeout(),
                        metadata=attempts.metadata(
                            pairs if tokens is None else (await tokens.pair(), *pairs)
                        ),
                    )
                    return response
                except grpc.RpcError as exc:
                    if not renewed and renew_token(self.tokens, exc):  # once, with a new token
                        renewed = True
                        continue
                    delay = attempts.after_grpc_error(exc)
                    if delay is None:
                        raise from_grpc_error(exc, target, method.path) from None
                await asyncio.sleep(delay)

        return call

    def server_stream(
        self, method: Method[RequestT, ResponseT]
    ) -> AsyncStreamCall[RequestT, ResponseT]:
        stub: Any = None
        target = ""

        def call(
            request: RequestT,
            timeout: float | None,
            metadata: CallMetadata,
            max_retries: int | None,
            idempotency_key: str | None,
        ) -> AsyncIterator[ResponseT]:
            nonlocal stub, target
            if stub is None:
                stub, target = self._callable(method, "unary_stream")
            attempts = self.attempts(method, timeout, max_retries, idempotency_key)
            pairs = self.merge(metadata)

            async def start() -> Any:
                return stub(
                    request,
                    timeout=attempts.timeout(),
                    metadata=attempts.metadata(await self._with_token(pairs)),
                )

            return _aiterate(start, attempts, target, method.path, self.tokens)

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
                    metadata=await self._with_token(self.merge(metadata)),
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
            pairs = self.merge(metadata)

            async def start() -> Any:
                return stub(
                    requests,
                    timeout=self.timeout if timeout is None else timeout,
                    metadata=await self._with_token(pairs),
                )

            return _aiterate(start, None, target, method.path)

        return call

    async def close(self) -> None:
        channels, self._channels = self._channels, {}
        for channel in channels.values():
            await channel.close(None)


async def _aiterate(
    start: Callable[[], Any],
    attempts: Attempts | None,
    target: str,
    path: str,
    tokens: AsyncTokenSource | None = None,
) -> AsyncIterator[Any]:
    """Yield the stream's messages; leaving early cancels the call. A failure before the first
    message starts the call again when the retry policy allows (`attempts`), or once with a new
    token after UNAUTHENTICATED."""
    renewed = False
    stream = await start()
    try:
        while True:
            messages = stream.__aiter__()
            try:
                first = await anext(messages)
                break
            except StopAsyncIteration:
                return
            except grpc.RpcError as exc:
                delay: float | None = 0.0
                if not renewed and renew_token(tokens, exc):  # once, with a new token
                    renewed = True
                else:
                    delay = None if attempts is None else attempts.after_grpc_error(exc)
                if delay is None:
                    raise from_grpc_error(exc, target, path) from None
            await asyncio.sleep(delay)
            stream = await start()
        yield first
        async for item in messages:
            yield item
    except grpc.RpcError as exc:
        raise from_grpc_error(exc, target, path) from None
    finally:
        stream.cancel()
