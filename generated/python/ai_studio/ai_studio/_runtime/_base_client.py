"""The HTTP clients the generated API clients derive from: requests, auth, retries, parsing."""

from __future__ import annotations

import copy
import json
import logging
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from functools import partial
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Self, TypeAlias

from pydantic_core import ValidationError

from ._body import json_bytes, merge_extra
from ._errors import (
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ErrorTypes,
    RedirectError,
    status_error,
)
from ._lines import DEFAULT_MAX_LINE_BYTES
from ._logging import SENSITIVE_HEADERS, get_logger, redact_headers, remember_secret
from ._pagination import (
    AsyncPage,
    AsyncPaginator,
    PageBody,
    PageRequest,
    SyncPage,
    async_fetch_page,
    fetch_page,
)
from ._query import (
    QueryPairs,
    cookie_header,
    encode_cookies,
    encode_query,
    header_value,
    scalar_text,
)
from ._response import APIResponse, AsyncAPIResponse, AsyncBinaryResponse, BinaryResponse
from ._receive import DEFAULT_MAX_RESPONSE_BYTES, aread_body, async_deadline, read_body
from ._retries import (
    DEFAULT_MAX_RETRIES,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_DELAY,
    Attempts,
    Deadline,
    status_outcome,
    transport_outcome,
)
from ._streaming import (
    AsyncStream,
    Stream,
    StreamFormat,
    accept_for,
    is_json_response,
    is_stream_response,
    not_a_stream,
    transport_error,
)
from ._types import (
    TOKEN_REFRESH_MARGIN,
    AsyncTokenProvider,
    TokenProvider,
    TokenResult,
    DEFAULT_TIMEOUT,
    RAW_RESPONSE_HEADER,
    FileTypes,
    Omit,
    PageSpec,
    RequestOptions,
    Timeout,
    omit,
)

if TYPE_CHECKING:
    import asyncio

    import httpx2

    from ._files import HttpxFiles

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "AsyncAPIClient",
    "AsyncResource",
    "SyncAPIClient",
    "SyncResource",
]


def _as_timeout(value: float | Timeout | httpx2.Timeout | None) -> Timeout:
    return value if isinstance(value, Timeout) else Timeout.of(value)


def _pool_options() -> dict[str, Any]:
    import httpx2

    return {
        "limits": httpx2.Limits(max_connections=1000, max_keepalive_connections=100),
        "follow_redirects": False,  # followed by the client itself: see `_ClientCore._redirect`
    }


MAX_REDIRECTS = 10
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# the step after an answer, besides "wait this many seconds and try again"
_DONE = "done"
_FAIL = "fail"
_AGAIN = "again"


def _origin(url: str) -> tuple[str, str]:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _form_value(value: object) -> str | list[str]:
    if isinstance(value, (list, tuple)):
        return [scalar_text(item) for item in value if item is not None and item is not omit]
    if isinstance(value, dict) or hasattr(value, "model_dump"):
        return json_bytes(value).decode()
    return scalar_text(value)


def _form_fields(
    form: Mapping[str, object] | None, extra: Mapping[str, object] | None
) -> dict[str, str | list[str]]:
    fields: dict[str, str | list[str]] = {}
    for source in (form, extra):
        if source:
            for key, value in source.items():
                if value is not None and not isinstance(value, Omit):
                    fields[key] = _form_value(value)
    return fields


def _set_parts(prepared: _Prepared, files: HttpxFiles) -> None:
    """The multipart body of a call: its files and form fields, or, when the caller set none, an
    empty form (httpx would send no body at all, and a required body must be sent)."""
    from ._files import EMPTY_FORM, EMPTY_FORM_TYPE, fields_as_parts

    prepared.files, prepared.data = fields_as_parts(files, prepared.data)
    if not prepared.files and not prepared.data:
        prepared.files = None
        prepared.data = None
        prepared.content = EMPTY_FORM
        prepared.headers["content-type"] = EMPTY_FORM_TYPE


def _error_body(content: bytes) -> object:
    if not content:
        return None
    try:
        return json.loads(content)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python's stack
        return content.decode("utf-8", "replace")


class _Prepared:
    """One call, ready to be sent (possibly several times)."""

    __slots__ = (
        "content",
        "cookies",
        "credentials",
        "error_types",
        "data",
        "files",
        "headers",
        "idempotent",
        "max_retries",
        "method",
        "opened",
        "params",
        "raw",
        "redirects",
        "timeout",
        "token_refreshed",
        "url",
    )

    def __init__(self, method: str, url: str, headers: dict[str, str]) -> None:
        self.method = method
        self.url = url
        self.headers = headers
        self.params: QueryPairs | None = None
        self.content: bytes | IO[bytes] | None = None
        self.data: dict[str, str | list[str]] | None = None
        self.files: Any = None
        self.opened: list[IO[bytes]] = []
        self.timeout: Timeout = DEFAULT_TIMEOUT
        self.max_retries = 0
        self.idempotent = False
        self.raw = False
        self.credentials = True  # False once redirected to another origin
        self.redirects = 0
        self.token_refreshed = False
        self.cookies = ""  # the `Cookie` pairs of the call's cookie parameters
        self.error_types: ErrorTypes | None = None


class _HttpHolder:
    """The transport, shared by a client and its `with_options` copies; created on first use."""

    __slots__ = ("client", "lock", "owned")

    def __init__(self, client: httpx2.Client | httpx2.AsyncClient | None) -> None:
        self.client = client
        self.owned = client is None
        self.lock = threading.Lock()


class _ClientCore:
    """What the sync and async clients share: configuration, headers, request preparation."""

    _holder: _HttpHolder

    def __init__(
        self,
        *,
        base_url: str | httpx2.URL,
        api_key: str | None,
        auth_scheme: str,
        auth_header: str,
        default_headers: Mapping[str, str] | None,
        default_query: Mapping[str, object] | None,
        timeout: float | Timeout | httpx2.Timeout | None,
        max_retries: int,
        user_agent: str,
        initial_retry_delay: float,
        max_retry_delay: float,
        package: str,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    ) -> None:
        self.max_response_bytes = max_response_bytes
        self.max_line_bytes = max_line_bytes
        self._base = str(base_url).rstrip("/")
        self._api_key = api_key
        self.auth_scheme = auth_scheme
        self.auth_header = auth_header
        self._default_headers: dict[str, str | Omit] = dict(default_headers or {})
        self.default_query: dict[str, object] = dict(default_query or {})
        self.timeout = _as_timeout(timeout)
        self.max_retries = max_retries
        self.user_agent = user_agent
        self.initial_retry_delay = initial_retry_delay
        self.max_retry_delay = max_retry_delay
        self._log = get_logger(package)
        # the provider's last token and when to renew it, stored together (see _remember_token)
        self._token: tuple[str, float] | None = None
        self._headers: dict[str, str] = {}

    @property
    def api_key(self) -> str | None:
        return self._api_key

    @property
    def base_url(self) -> httpx2.URL:
        import httpx2

        return httpx2.URL(self._base + "/")

    def _has_token_provider(self) -> bool:
        raise NotImplementedError

    def _rebuild_headers(self) -> None:
        headers = {"accept": "application/json", "user-agent": self.user_agent}
        for name, value in self._default_headers.items():
            if isinstance(value, Omit):
                headers.pop(name.lower(), None)
            else:
                headers[name.lower()] = value
                if name.lower() in SENSITIVE_HEADERS:
                    remember_secret(value)
        if self._api_key is not None and not self._has_token_provider():
            remember_secret(self._api_key)
            headers[self.auth_header.lower()] = self._auth_value(self._api_key)
        self._headers = headers

    def _auth_value(self, secret: str) -> str:
        return f"{self.auth_scheme} {secret}" if self.auth_scheme else secret

    def _remember_token(self, result: TokenResult) -> str:
        if isinstance(result, tuple):
            token, expires_at = result
            refresh_at = float(expires_at) - TOKEN_REFRESH_MARGIN
        else:
            token = result
            refresh_at = 0.0  # no expiry given: ask the provider on every request
        remember_secret(token, rotating=True)
        # one store: a caller reading meanwhile (without the lock) finds the old token with its
        # own, passed renewal time, never the old token as if it lasted as long as the new one
        self._token = (token, refresh_at)
        return token

    def _cached_token(self) -> str | None:
        cached = self._token
        if cached is not None and time.time() < cached[1]:
            return cached[0]
        return None

    def _forget_token(self) -> None:
        # a provider that caches (ai_studio's credentials) is told which token was rejected
        invalidate = getattr(getattr(self, "_token_provider", None), "invalidate", None)
        cached, self._token = self._token, None
        if invalidate is not None and cached is not None:
            invalidate(cached[0])

    def _prepare(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, object] | None,
        query_styles: Mapping[str, str] | None,
        headers: Mapping[str, object] | None,
        json_body: object,
        form: Mapping[str, object] | None,
        content: bytes | IO[bytes] | Omit | None,
        content_type: str | None,
        options: RequestOptions | None,
        idempotent: bool,
        multipart: bool,
        accept: str | None = None,
        header_styles: Mapping[str, str] | None = None,
        cookies: Mapping[str, object] | None = None,
        cookie_styles: Mapping[str, str] | None = None,
    ) -> _Prepared:
        """The prepared call, files excepted (`multipart`: form fields go with files)."""
        if path[:1] == "/":
            url = self._base + path
        elif path.startswith(("http://", "https://")):
            url = path
        else:
            url = f"{self._base}/{path}"
        out = self._headers.copy()
        out["x-client-request-id"] = str(uuid.uuid4())
        if accept:
            out["accept"] = accept
        if headers:
            for name, value in headers.items():
                if value is not None and not isinstance(value, Omit):
                    out[name.lower()] = header_value(
                        value, header_styles.get(name, "") if header_styles else ""
                    )
        prepared = _Prepared(method, url, out)
        if cookies:
            prepared.cookies = encode_cookies(cookies, cookie_styles)
        prepared.timeout = self.timeout
        prepared.max_retries = self.max_retries
        extra_query: Mapping[str, object] | None = None
        extra_body: Mapping[str, object] | None = None
        if options:
            extra_headers = options.get("extra_headers")
            if extra_headers:
                for name, extra in extra_headers.items():
                    if name == RAW_RESPONSE_HEADER:
                        prepared.raw = extra == "true"
                    elif isinstance(extra, Omit):
                        out.pop(name.lower(), None)
                    else:
                        out[name.lower()] = extra
            if "timeout" in options:
                prepared.timeout = _as_timeout(options["timeout"])
            if "max_retries" in options:
                prepared.max_retries = options["max_retries"]
            key = options.get("idempotency_key")
            if key:
                out["idempotency-key"] = key
                idempotent = True
            extra_query = options.get("extra_query")
            extra_body = options.get("extra_body")
        prepared.idempotent = idempotent

        query: Mapping[str, object] | None = params
        if self.default_query or extra_query:
            query = {**self.default_query, **(params or {}), **(extra_query or {})}
        if query:
            prepared.params = encode_query(query, query_styles) or None
        if prepared.params and "?" in prepared.url:
            # a path may carry a fixed query (`/responses?beta=true`); httpx would drop it for params
            from urllib.parse import parse_qsl

            prepared.url, _, fixed = prepared.url.partition("?")
            prepared.params = [*parse_qsl(fixed, keep_blank_values=True), *prepared.params]

        if isinstance(content, Omit):  # an optional raw body the caller left out
            content = None
        if content is not None and extra_body:
            raise TypeError("extra_body cannot be merged into a raw (non-JSON) request body")
        if form is not None or multipart:
            prepared.data = _form_fields(form, extra_body)
        elif json_body is not omit or (extra_body and content is None):
            body = {} if json_body is omit else json_body
            prepared.content = json_bytes(merge_extra(body, extra_body))
            out["content-type"] = content_type or "application/json"
        elif content is not None:
            prepared.content = content
            if content_type:
                out["content-type"] = content_type
        return prepared

    def _attempts(self, prepared: _Prepared) -> Attempts:
        """The call's attempts; its deadline starts now (after the client's one-time transport
        set-up, which is not the call's)."""
        return Attempts(
            max_retries=prepared.max_retries,
            deadline=Deadline(prepared.timeout.total),
            idempotent=prepared.idempotent,
            initial_delay=self.initial_retry_delay,
            max_delay=self.max_retry_delay,
        )

    def _build(
        self, http: httpx2.Client | httpx2.AsyncClient, prepared: _Prepared, attempts: Attempts
    ) -> httpx2.Request:
        prepared.headers["x-retry-attempt"] = str(attempts.number)
        request = http.build_request(
            prepared.method,
            prepared.url,
            params=prepared.params,
            headers=prepared.headers,
            content=prepared.content,
            data=prepared.data,
            files=prepared.files,
            extensions={"timeout": prepared.timeout.capped(attempts.deadline.left())},
        )
        if prepared.cookies:  # after httpx added its cookie jar's (or kept the caller's) cookies
            request.headers["cookie"] = cookie_header(
                request.headers.get("cookie"), prepared.cookies
            )
        return request

    def _after_error(
        self,
        prepared: _Prepared,
        attempts: Attempts,
        exc: Exception,
        request: httpx2.Request,
        started: float,
    ) -> float:
        """The wait before the next attempt after a transport failure; else raises our error."""
        if self._log.isEnabledFor(logging.DEBUG):
            self._log_attempt(prepared, attempts.number, started, exc)
        if attempts.deadline.passed() or isinstance(exc, TimeoutError):
            raise APITimeoutError(
                "Request timed out (the call's deadline passed).", request=request
            ) from exc
        delay = attempts.after(transport_outcome(exc))
        if delay is None:
            raise transport_error(exc, request) from exc  # type: ignore[arg-type]
        self._log_retry(prepared, attempts.number - 1, delay, type(exc).__name__)
        return delay

    def _after_answer(
        self, prepared: _Prepared, attempts: Attempts, response: httpx2.Response, started: float
    ) -> float | str:
        """What follows an answer: _DONE, _FAIL (raise its status error), _AGAIN (at once:
        a fresh token, a redirect) or seconds to wait before the next attempt."""
        if self._log.isEnabledFor(logging.DEBUG):
            self._log_attempt(prepared, attempts.number, started, response)
        status = response.status_code
        if status in _REDIRECTS and "location" in response.headers:
            self._redirect(prepared, response)
            return _AGAIN
        if status < 400:
            return _DONE
        if status == 401 and prepared.credentials and self._has_token_provider():
            if not prepared.token_refreshed:
                # the cached token may have been revoked: ask for a new one, once
                self._forget_token()
                prepared.token_refreshed = True
                attempts.again()
                return _AGAIN
        delay = attempts.after(status_outcome(status), response.headers)
        if delay is None:
            return _FAIL
        self._log_retry(prepared, attempts.number - 1, delay, str(status))
        return delay

    def _redirect(self, prepared: _Prepared, response: httpx2.Response) -> None:
        """Point `prepared` at the redirect's target, or raise RedirectError.

        GET/HEAD follow every redirect; other methods only 307/308 (which keep the method and
        the body) within the same origin: 301/302/303 would turn them into a GET without the
        body. Credentials never go to another origin."""
        from urllib.parse import urljoin

        target = urljoin(str(response.request.url), response.headers["location"])
        status = response.status_code
        method = prepared.method.upper()
        same_origin = _origin(target) == _origin(str(response.request.url))
        why = ""
        if prepared.redirects >= MAX_REDIRECTS:
            why = f"more than {MAX_REDIRECTS} redirects in a row"
        elif method not in ("GET", "HEAD") and status in (301, 302, 303):
            why = f"following it would turn the {method} into a GET without its body"
        elif method not in ("GET", "HEAD") and not same_origin:
            why = f"the {method} and its body would go to another origin"
        if why:
            response.close()
            raise RedirectError(
                f"Redirect {status} of {method} {response.request.url} to {target} not followed: {why}",
                response=response,
                location=target,
            )
        prepared.redirects += 1
        if not same_origin and prepared.credentials:
            prepared.credentials = False
            for name in (self.auth_header.lower(), *SENSITIVE_HEADERS):
                prepared.headers.pop(name, None)
            prepared.cookies = ""
        prepared.url = target
        prepared.params = None  # the target carries its own query

    def _log_attempt(
        self,
        prepared: _Prepared,
        attempt: int,
        started: float,
        outcome: httpx2.Response | BaseException,
    ) -> None:
        elapsed = (time.perf_counter() - started) * 1000.0
        result = (
            type(outcome).__name__
            if isinstance(outcome, BaseException)
            else str(outcome.status_code)
        )
        self._log.debug(
            "%s %s -> %s in %.1f ms (attempt %d) headers=%s",
            prepared.method,
            prepared.url,
            result,
            elapsed,
            attempt,
            redact_headers(prepared.headers),
        )

    def _log_retry(self, prepared: _Prepared, attempt: int, delay: float, reason: str) -> None:
        self._log.info(
            "retrying %s %s in %.2f s (attempt %d failed: %s)",
            prepared.method,
            prepared.url,
            delay,
            attempt,
            reason,
        )

    def _parse(
        self, response: httpx2.Response, cast_to: Any, body_parser: Callable[[bytes], Any] | None
    ) -> Any:
        if cast_to is None:
            return None
        content = response.content
        if not content:
            if response.status_code in (204, 205):  # "no content" is the answer itself
                return None
            if cast_to is bytes or cast_to is str or cast_to is object:
                return cast_to()
            raise APIResponseValidationError(
                f"The response body is empty; {getattr(cast_to, '__name__', cast_to)} was expected",
                response=response,
            )
        if cast_to is bytes:
            return content
        if cast_to is str and "json" not in response.headers.get("content-type", ""):
            return response.text
        from ._models import json_parser  # pydantic loads with the first response, not on import

        try:
            return (body_parser or json_parser(cast_to))(content)
        except ValidationError as exc:
            raise APIResponseValidationError(
                f"Response did not match the schema: {exc}",
                response=response,
                body=_error_body(content),
            ) from exc

    def _describe(self) -> str:
        auth = "none"
        if self._has_token_provider():
            auth = "token_provider"
        elif self._api_key is not None:
            auth = f"{self.auth_scheme or self.auth_header} <redacted>"
        return (
            f"{type(self).__name__}(base_url={self._base!r}, auth={auth}, "
            f"max_retries={self.max_retries})"
        )

    def __repr__(self) -> str:
        return self._describe()

    def _copy_with(self, overrides: dict[str, Any]) -> Self:
        new = copy.copy(self)
        if "base_url" in overrides:
            new._base = str(overrides["base_url"]).rstrip("/")
        if "api_key" in overrides:
            new._api_key = overrides["api_key"]
        if "token_provider" in overrides:
            new._token_provider = overrides["token_provider"]  # type: ignore[attr-defined]
            new._forget_token()
        for name in ("auth_scheme", "auth_header", "max_retries", "user_agent"):
            if name in overrides:
                setattr(new, name, overrides[name])
        for name in (
            "initial_retry_delay",
            "max_retry_delay",
            "max_response_bytes",
            "max_line_bytes",
        ):
            if name in overrides:
                setattr(new, name, overrides[name])
        if "timeout" in overrides:
            new.timeout = _as_timeout(overrides["timeout"])
        if "default_headers" in overrides:
            new._default_headers = {**self._default_headers, **overrides["default_headers"]}
        if "default_query" in overrides:
            new.default_query = {**self.default_query, **overrides["default_query"]}
        new._rebuild_headers()
        _rebind_resources(new, new, {})
        return new


def _overrides(**values: object) -> dict[str, Any]:
    return {name: value for name, value in values.items() if not isinstance(value, Omit)}


def _rebind_resources(owner: object, client: object, seen: dict[int, object]) -> None:
    """Point the resources held by `owner` (and theirs) at `client`, copying them on the way."""
    attributes = getattr(owner, "__dict__", None)
    if not attributes:
        return
    for name, value in list(attributes.items()):
        if isinstance(value, (SyncResource, AsyncResource)):
            rebound = seen.get(id(value))
            if rebound is None:
                rebound = copy.copy(value)
                rebound._client = client  # type: ignore[assignment]
                seen[id(value)] = rebound
                _rebind_resources(rebound, client, seen)
            attributes[name] = rebound


class SyncAPIClient(_ClientCore):
    """A synchronous API client over one (lazily created) httpx2.Client connection pool."""

    def __init__(
        self,
        *,
        base_url: str | httpx2.URL,
        api_key: str | None = None,
        auth_scheme: str = "Bearer",
        token_provider: TokenProvider | None = None,
        auth_header: str = "Authorization",
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        timeout: float | Timeout | httpx2.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx2.Client | None = None,
        user_agent: str = "apigen",
        initial_retry_delay: float = INITIAL_RETRY_DELAY,
        max_retry_delay: float = MAX_RETRY_DELAY,
        package: str = "",
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    ) -> None:
        super().__init__(
            base_url=base_url,
            api_key=api_key,
            auth_scheme=auth_scheme,
            auth_header=auth_header,
            default_headers=default_headers,
            default_query=default_query,
            timeout=timeout,
            max_retries=max_retries,
            user_agent=user_agent,
            initial_retry_delay=initial_retry_delay,
            max_retry_delay=max_retry_delay,
            package=package,
            max_response_bytes=max_response_bytes,
            max_line_bytes=max_line_bytes,
        )
        self._token_provider = token_provider
        self._token_lock = threading.Lock()
        self._holder = _HttpHolder(http_client)
        self._rebuild_headers()

    def _has_token_provider(self) -> bool:
        return self._token_provider is not None

    @property
    def http_client(self) -> httpx2.Client:
        """The underlying transport (created on first use: constructing a client stays cheap)."""
        client = self._holder.client
        if client is None:
            with self._holder.lock:
                client = self._holder.client
                if client is None:
                    import httpx2

                    client = httpx2.Client(timeout=self.timeout.as_httpx(), **_pool_options())
                    self._holder.client = client
        return client  # type: ignore[return-value]

    def _auth_token(self) -> str:
        assert self._token_provider is not None
        token = self._cached_token()
        if token is not None:
            return token
        with self._token_lock:
            token = self._cached_token()
            if token is None:
                result = self._token_provider()
                token = self._remember_token(result)
            return token

    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Any,
        params: Mapping[str, object] | None = None,
        query_styles: Mapping[str, str] | None = None,
        headers: Mapping[str, object] | None = None,
        header_styles: Mapping[str, str] | None = None,
        cookies: Mapping[str, object] | None = None,
        cookie_styles: Mapping[str, str] | None = None,
        json_body: object = omit,
        form: Mapping[str, object] | None = None,
        files: Sequence[tuple[str, FileTypes]] | None = None,
        content: bytes | IO[bytes] | Omit | None = None,
        content_type: str | None = None,
        options: RequestOptions | None = None,
        idempotent: bool = False,
        stream: bool = False,
        stream_item: Any = None,
        stream_terminator: str = "",
        stream_format: StreamFormat = "sse",
        binary: bool = False,
        accept: str | None = None,
        error_types: ErrorTypes | None = None,
        body_parser: Callable[[bytes], Any] | None = None,
    ) -> Any:
        """Send one call (with retries) and return its parsed result.

        Returns `cast_to` parsed from the JSON body (by `body_parser` if given: `cast_to` then only
        names what an empty body lacks); Stream when `stream`; BinaryResponse
        when `binary`; APIResponse wrapping any of these when the raw-response marker was passed.
        A 4xx/5xx answer raises its APIStatusError, with the body as `error_types` declares it.
        """
        prepared = self._prepare(
            method,
            path,
            params=params,
            query_styles=query_styles,
            headers=headers,
            json_body=json_body,
            form=form,
            content=content,
            content_type=content_type,
            options=options,
            idempotent=idempotent,
            multipart=files is not None,
            accept=accept_for(accept, stream, stream_format),
            header_styles=header_styles,
            cookies=cookies,
            cookie_styles=cookie_styles,
        )
        prepared.error_types = error_types
        if files is not None:
            from ._files import to_httpx_files

            parts, prepared.opened = to_httpx_files(files)
            _set_parts(prepared, parts)
        try:
            response = self._send(prepared, stream or binary)
        finally:
            for handle in prepared.opened:  # the upload files opened for this call
                handle.close()
        if stream and not is_stream_response(response, stream_format):
            if not binary:  # binary-or-stream (speech): anything but a stream is the bytes
                response.close()
                raise not_a_stream(response)
            stream = False
        if binary and not stream and cast_to is not None and is_json_response(response):
            binary = False  # a download the server answered with its JSON alternative: parse it
            read_body(response, Deadline(prepared.timeout.total), self.max_response_bytes)
        if binary and not stream:
            result: Callable[[], Any] = partial(BinaryResponse, response)
        elif stream:
            result = partial(
                Stream,
                response,
                item=stream_item,
                terminator=stream_terminator,
                stream_format=stream_format,
                max_line_bytes=self.max_line_bytes,
            )
        elif prepared.raw:
            result = partial(self._parse, response, cast_to, body_parser)
        else:
            return self._parse(response, cast_to, body_parser)
        return APIResponse(response, result) if prepared.raw else result()

    def _send(self, prepared: _Prepared, stream: bool) -> httpx2.Response:
        """The response of the first attempt that succeeded; its body read unless `stream`."""
        import httpx2  # loaded by http_client; binds the name for the except clause

        http = self.http_client
        attempts = self._attempts(prepared)
        while True:
            if self._token_provider is not None and prepared.credentials:
                token = self._auth_token()
                prepared.headers[self.auth_header.lower()] = self._auth_value(token)
            request = self._build(http, prepared, attempts)
            started = time.perf_counter()
            try:
                response = http.send(request, stream=True)
                step = self._after_answer(prepared, attempts, response, started)
                if step == _DONE and not stream:
                    read_body(response, attempts.deadline, self.max_response_bytes)
            except httpx2.TransportError as exc:
                time.sleep(self._after_error(prepared, attempts, exc, request, started))
                continue
            if step == _DONE:
                return response
            if step == _FAIL:
                raise self._status_error(response, attempts.deadline, prepared.error_types)
            response.close()
            if step != _AGAIN:
                time.sleep(step)  # type: ignore[arg-type]

    def _status_error(
        self, response: httpx2.Response, deadline: Deadline, error_types: ErrorTypes | None
    ) -> APIStatusError:
        import httpx2

        try:
            content = read_body(response, deadline, self.max_response_bytes)
        except (httpx2.HTTPError, APITimeoutError):
            content = b""  # the status says enough: the body is a bonus
        return status_error(response, _error_body(content), error_types)

    def request_page(
        self,
        method: str,
        path: str,
        *,
        item: Any,
        page: PageSpec,
        params: Mapping[str, object] | None = None,
        query_styles: Mapping[str, str] | None = None,
        headers: Mapping[str, object] | None = None,
        header_styles: Mapping[str, str] | None = None,
        cookies: Mapping[str, object] | None = None,
        cookie_styles: Mapping[str, str] | None = None,
        json_body: object = omit,
        options: RequestOptions | None = None,
        idempotent: bool = False,
        error_types: ErrorTypes | None = None,
    ) -> SyncPage[Any]:
        """The first page of a list operation; iterate it for every item across all pages."""
        request = PageRequest(
            method,
            path,
            item,
            page,
            dict(params or {}),
            query_styles,
            headers,
            json_body,
            options,
            idempotent,
            header_styles,
            cookies,
            cookie_styles,
            error_types,
        )
        return self.first_page(request)

    def first_page(self, request: PageRequest) -> SyncPage[Any]:
        plain = request.without_raw_marker()
        if plain is request:
            return fetch_page(self, request)
        first: APIResponse[PageBody] = self.request(
            request.method, request.path, **request.arguments()
        )

        def parse_page() -> SyncPage[Any]:
            return SyncPage(self, plain, first.parse())

        raw_page: Any = APIResponse(first.http_response, parse_page)
        return raw_page  # type: ignore[no-any-return]

    def close(self) -> None:
        client = self._holder.client
        if self._holder.owned and client is not None:
            client.close()  # type: ignore[union-attr]

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def with_options(
        self,
        *,
        base_url: str | httpx2.URL | Omit = omit,
        api_key: str | Omit | None = omit,
        auth_scheme: str | Omit = omit,
        token_provider: TokenProvider | Omit | None = omit,
        auth_header: str | Omit = omit,
        default_headers: Mapping[str, str | Omit] | Omit = omit,
        default_query: Mapping[str, object] | Omit = omit,
        timeout: float | Timeout | httpx2.Timeout | Omit | None = omit,
        max_retries: int | Omit = omit,
        user_agent: str | Omit = omit,
        initial_retry_delay: float | Omit = omit,
        max_retry_delay: float | Omit = omit,
        max_response_bytes: int | Omit = omit,
        max_line_bytes: int | Omit = omit,
    ) -> Self:
        """A copy with some settings changed, sharing this client's connection pool."""
        return self._copy_with(
            _overrides(
                base_url=base_url,
                api_key=api_key,
                auth_scheme=auth_scheme,
                token_provider=token_provider,
                auth_header=auth_header,
                default_headers=default_headers,
                default_query=default_query,
                timeout=timeout,
                max_retries=max_retries,
                user_agent=user_agent,
                initial_retry_delay=initial_retry_delay,
                max_retry_delay=max_retry_delay,
                max_response_bytes=max_response_bytes,
                max_line_bytes=max_line_bytes,
            )
        )


class AsyncAPIClient(_ClientCore):
    """An asyncio API client over one (lazily created) httpx2.AsyncClient connection pool."""

    def __init__(
        self,
        *,
        base_url: str | httpx2.URL,
        api_key: str | None = None,
        auth_scheme: str = "Bearer",
        token_provider: AsyncTokenProvider | None = None,
        auth_header: str = "Authorization",
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        timeout: float | Timeout | httpx2.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx2.AsyncClient | None = None,
        user_agent: str = "apigen",
        initial_retry_delay: float = INITIAL_RETRY_DELAY,
        max_retry_delay: float = MAX_RETRY_DELAY,
        package: str = "",
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    ) -> None:
        super().__init__(
            base_url=base_url,
            api_key=api_key,
            auth_scheme=auth_scheme,
            auth_header=auth_header,
            default_headers=default_headers,
            default_query=default_query,
            timeout=timeout,
            max_retries=max_retries,
            user_agent=user_agent,
            initial_retry_delay=initial_retry_delay,
            max_retry_delay=max_retry_delay,
            package=package,
            max_response_bytes=max_response_bytes,
            max_line_bytes=max_line_bytes,
        )
        self._token_provider = token_provider
        self._token_lock: asyncio.Lock | None = None  # created on first use, inside the loop
        self._holder = _HttpHolder(http_client)
        self._rebuild_headers()

    def _has_token_provider(self) -> bool:
        return self._token_provider is not None

    @property
    def http_client(self) -> httpx2.AsyncClient:
        """The underlying transport (created on first use: constructing a client stays cheap)."""
        client = self._holder.client
        if client is None:
            with self._holder.lock:
                client = self._holder.client
                if client is None:
                    import httpx2

                    client = httpx2.AsyncClient(timeout=self.timeout.as_httpx(), **_pool_options())
                    self._holder.client = client
        return client  # type: ignore[return-value]

    async def _auth_token(self) -> str:
        assert self._token_provider is not None
        token = self._cached_token()
        if token is not None:
            return token
        if self._token_lock is None:
            import asyncio

            self._token_lock = asyncio.Lock()
        async with self._token_lock:
            token = self._cached_token()
            if token is None:
                result = self._token_provider()
                if isinstance(result, Awaitable):
                    result = await result
                token = self._remember_token(result)
            return token

    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Any,
        params: Mapping[str, object] | None = None,
        query_styles: Mapping[str, str] | None = None,
        headers: Mapping[str, object] | None = None,
        header_styles: Mapping[str, str] | None = None,
        cookies: Mapping[str, object] | None = None,
        cookie_styles: Mapping[str, str] | None = None,
        json_body: object = omit,
        form: Mapping[str, object] | None = None,
        files: Sequence[tuple[str, FileTypes]] | None = None,
        content: bytes | IO[bytes] | Omit | None = None,
        content_type: str | None = None,
        options: RequestOptions | None = None,
        idempotent: bool = False,
        stream: bool = False,
        stream_item: Any = None,
        stream_terminator: str = "",
        stream_format: StreamFormat = "sse",
        binary: bool = False,
        accept: str | None = None,
        error_types: ErrorTypes | None = None,
        body_parser: Callable[[bytes], Any] | None = None,
    ) -> Any:
        """Send one call (with retries) and return its parsed result.

        Returns `cast_to` parsed from the JSON body (by `body_parser` if given: `cast_to` then only
        names what an empty body lacks); AsyncStream when `stream`; AsyncBinaryResponse
        when `binary`; AsyncAPIResponse wrapping any of these when the raw-response marker was passed.
        A 4xx/5xx answer raises its APIStatusError, with the body as `error_types` declares it.
        """
        prepared = self._prepare(
            method,
            path,
            params=params,
            query_styles=query_styles,
            headers=headers,
            json_body=json_body,
            form=form,
            content=content,
            content_type=content_type,
            options=options,
            idempotent=idempotent,
            multipart=files is not None,
            accept=accept_for(accept, stream, stream_format),
            header_styles=header_styles,
            cookies=cookies,
            cookie_styles=cookie_styles,
        )
        prepared.error_types = error_types
        if files is not None:
            from ._files import async_to_httpx_files

            _set_parts(prepared, await async_to_httpx_files(files))
        try:
            response = await self._send(prepared, stream or binary)
        finally:
            for handle in prepared.opened:  # the upload files opened for this call
                handle.close()
        if stream and not is_stream_response(response, stream_format):
            if not binary:  # binary-or-stream (speech): anything but a stream is the bytes
                await response.aclose()
                raise not_a_stream(response)
            stream = False
        if binary and not stream and cast_to is not None and is_json_response(response):
            binary = False  # a download the server answered with its JSON alternative: parse it
            await aread_body(response, Deadline(prepared.timeout.total), self.max_response_bytes)
        if binary and not stream:
            result: Callable[[], Any] = partial(AsyncBinaryResponse, response)
        elif stream:
            result = partial(
                AsyncStream,
                response,
                item=stream_item,
                terminator=stream_terminator,
                stream_format=stream_format,
                max_line_bytes=self.max_line_bytes,
            )
        elif prepared.raw:
            result = partial(self._parse, response, cast_to, body_parser)
        else:
            return self._parse(response, cast_to, body_parser)
        return (
            AsyncAPIResponse(response, partial(_ready_call, result)) if prepared.raw else result()
        )

    async def _send(self, prepared: _Prepared, stream: bool) -> httpx2.Response:
        """The response of the first attempt that succeeded; its body read unless `stream`."""
        import httpx2  # loaded by http_client; binds the name for the except clause

        http = self.http_client
        attempts = self._attempts(prepared)
        while True:
            if self._token_provider is not None and prepared.credentials:
                token = await self._auth_token()
                prepared.headers[self.auth_header.lower()] = self._auth_value(token)
            request = self._build(http, prepared, attempts)
            started = time.perf_counter()
            try:
                async with async_deadline(attempts.deadline):
                    response = await http.send(request, stream=True)
                step = self._after_answer(prepared, attempts, response, started)
                if step == _DONE and not stream:
                    await aread_body(response, attempts.deadline, self.max_response_bytes)
            except (httpx2.TransportError, TimeoutError) as exc:
                await _sleep(self._after_error(prepared, attempts, exc, request, started))
                continue
            if step == _DONE:
                return response
            if step == _FAIL:
                raise await self._status_error(response, attempts.deadline, prepared.error_types)
            await response.aclose()
            if step != _AGAIN:
                await _sleep(step)  # type: ignore[arg-type]

    async def _status_error(
        self, response: httpx2.Response, deadline: Deadline, error_types: ErrorTypes | None
    ) -> APIStatusError:
        import httpx2

        try:
            content = await aread_body(response, deadline, self.max_response_bytes)
        except (httpx2.HTTPError, APITimeoutError):
            content = b""  # the status says enough: the body is a bonus
        return status_error(response, _error_body(content), error_types)

    def request_page(
        self,
        method: str,
        path: str,
        *,
        item: Any,
        page: PageSpec,
        params: Mapping[str, object] | None = None,
        query_styles: Mapping[str, str] | None = None,
        headers: Mapping[str, object] | None = None,
        header_styles: Mapping[str, str] | None = None,
        cookies: Mapping[str, object] | None = None,
        cookie_styles: Mapping[str, str] | None = None,
        json_body: object = omit,
        options: RequestOptions | None = None,
        idempotent: bool = False,
        error_types: ErrorTypes | None = None,
    ) -> AsyncPaginator[Any]:
        """`await` it for the first page, or `async for` over it for every item of every page."""
        request = PageRequest(
            method,
            path,
            item,
            page,
            dict(params or {}),
            query_styles,
            headers,
            json_body,
            options,
            idempotent,
            header_styles,
            cookies,
            cookie_styles,
            error_types,
        )
        return AsyncPaginator(self, request)

    async def first_page(self, request: PageRequest) -> AsyncPage[Any]:
        plain = request.without_raw_marker()
        if plain is request:
            return await async_fetch_page(self, request)
        first: AsyncAPIResponse[PageBody] = await self.request(
            request.method, request.path, **request.arguments()
        )

        async def parse_page() -> AsyncPage[Any]:
            return AsyncPage(self, plain, await first.parse())

        raw_page: Any = AsyncAPIResponse(first.http_response, parse_page)
        return raw_page  # type: ignore[no-any-return]

    async def close(self) -> None:
        client = self._holder.client
        if self._holder.owned and client is not None:
            await client.aclose()  # type: ignore[union-attr]

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def with_options(
        self,
        *,
        base_url: str | httpx2.URL | Omit = omit,
        api_key: str | Omit | None = omit,
        auth_scheme: str | Omit = omit,
        token_provider: AsyncTokenProvider | Omit | None = omit,
        auth_header: str | Omit = omit,
        default_headers: Mapping[str, str | Omit] | Omit = omit,
        default_query: Mapping[str, object] | Omit = omit,
        timeout: float | Timeout | httpx2.Timeout | Omit | None = omit,
        max_retries: int | Omit = omit,
        user_agent: str | Omit = omit,
        initial_retry_delay: float | Omit = omit,
        max_retry_delay: float | Omit = omit,
        max_response_bytes: int | Omit = omit,
        max_line_bytes: int | Omit = omit,
    ) -> Self:
        """A copy with some settings changed, sharing this client's connection pool."""
        return self._copy_with(
            _overrides(
                base_url=base_url,
                api_key=api_key,
                auth_scheme=auth_scheme,
                token_provider=token_provider,
                auth_header=auth_header,
                default_headers=default_headers,
                default_query=default_query,
                timeout=timeout,
                max_retries=max_retries,
                user_agent=user_agent,
                initial_retry_delay=initial_retry_delay,
                max_retry_delay=max_retry_delay,
                max_response_bytes=max_response_bytes,
                max_line_bytes=max_line_bytes,
            )
        )


async def _sleep(seconds: float) -> None:
    import asyncio  # only the async client needs it: sync-only users skip its import cost

    await asyncio.sleep(seconds)


async def _ready_call(make: Callable[[], Any]) -> Any:
    return make()


class SyncResource:
    """A group of operations (e.g. `client.chat.completions`) bound to a SyncAPIClient."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


class AsyncResource:
    """A group of operations bound to an AsyncAPIClient."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client
