"""Types shared by the generated client code and the runtime."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from os import PathLike
from typing import IO, TYPE_CHECKING, Any, Literal, NamedTuple, TypeAlias, TypedDict

if TYPE_CHECKING:
    import httpx2

__all__ = [
    "DEFAULT_TIMEOUT",
    "RAW_RESPONSE_HEADER",
    "Body",
    "FileContent",
    "FileTypes",
    "Headers",
    "Omit",
    "PageSpec",
    "Query",
    "RequestOptions",
    "Timeout",
    "make_options",
    "omit",
]


class Omit:
    """Marks an argument the caller did not pass, so that `None` can still mean JSON null."""

    __slots__ = ()
    _instance: Omit | None = None

    def __new__(cls) -> Omit:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "omit"

    def __copy__(self) -> Omit:
        return self

    def __deepcopy__(self, memo: Any) -> Omit:
        return self

    def __reduce__(self) -> str:
        return "omit"


omit = Omit()


class Timeout:
    """Timeouts in seconds (None = no limit): connect, read (between chunks), write, pool.

    `Timeout(30)` sets all four; `Timeout(60, connect=5)` sets one apart. The first number is
    also `total`, the deadline of the whole call: its reads, its retries and the waits between
    them (None: only the per-phase limits apply). An httpx2.Timeout is accepted wherever a
    Timeout is. (Our own class: httpx2 is imported only on the first request.)
    """

    __slots__ = ("_httpx", "connect", "pool", "read", "total", "write")

    def __init__(
        self,
        timeout: float | None = None,
        *,
        connect: float | Omit | None = omit,
        read: float | Omit | None = omit,
        write: float | Omit | None = omit,
        pool: float | Omit | None = omit,
    ) -> None:
        self.connect = timeout if isinstance(connect, Omit) else connect
        self.read = timeout if isinstance(read, Omit) else read
        self.write = timeout if isinstance(write, Omit) else write
        self.pool = timeout if isinstance(pool, Omit) else pool
        self.total = timeout
        self._httpx: httpx2.Timeout | None = None

    @classmethod
    def of(cls, value: float | Timeout | httpx2.Timeout | None) -> Timeout:
        """A Timeout from a number of seconds, None (no limit), a Timeout or an httpx2.Timeout."""
        if isinstance(value, Timeout):
            return value
        if value is None or isinstance(value, (int, float)):
            return cls(value)
        parts = (value.connect, value.read, value.write, value.pool)
        total = None if None in parts else max(parts)  # type: ignore[type-var]
        return cls(
            total, connect=value.connect, read=value.read, write=value.write, pool=value.pool
        )

    def as_httpx(self) -> httpx2.Timeout:
        if self._httpx is None:
            import httpx2

            self._httpx = httpx2.Timeout(
                connect=self.connect, read=self.read, write=self.write, pool=self.pool
            )
        return self._httpx

    def capped(self, left: float | None) -> dict[str, float | None]:
        """The per-phase limits, none longer than `left` seconds (the time left of the call), as
        httpx2's `timeout` request extension: handed over as it is, where an httpx2.Timeout
        would be copied and converted on every request."""
        limits = {
            "connect": self.connect,
            "read": self.read,
            "write": self.write,
            "pool": self.pool,
        }
        if left is None:
            return limits
        return {
            phase: left if limit is None else min(limit, left) for phase, limit in limits.items()
        }

    def _key(self) -> tuple[float | None, ...]:
        return (self.total, self.connect, self.read, self.write, self.pool)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Timeout) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Timeout(connect={self.connect}, read={self.read}, write={self.write}, pool={self.pool})"


Headers: TypeAlias = Mapping[str, str | Omit]
Query: TypeAlias = Mapping[str, object]
Body: TypeAlias = Mapping[str, object]

FileContent: TypeAlias = IO[bytes] | bytes | PathLike[str]
FileTypes: TypeAlias = (
    FileContent | tuple[str | None, FileContent] | tuple[str | None, FileContent, str | None]
)

# connect 5 s; read, write and pool 60 s (the read timeout applies between chunks of a stream)
DEFAULT_TIMEOUT = Timeout(60.0, connect=5.0)

# set in extra_headers by the raw-response wrappers; stripped before the request is sent
RAW_RESPONSE_HEADER = "X-Apigen-Raw-Response"


class RequestOptions(TypedDict, total=False):
    extra_headers: Headers
    extra_query: Query
    extra_body: Body
    timeout: float | Timeout | None
    max_retries: int
    idempotency_key: str


def make_options(
    *,
    extra_headers: Headers | None = None,
    extra_query: Query | None = None,
    extra_body: Body | None = None,
    timeout: float | Timeout | Omit | None = omit,
    max_retries: int | Omit = omit,
    idempotency_key: str | Omit = omit,
) -> RequestOptions | None:
    """Collect the per-call options; None when there are none (the common, fast case)."""
    if (
        not extra_headers
        and not extra_query
        and not extra_body
        and timeout is omit
        and max_retries is omit
        and idempotency_key is omit
    ):
        return None
    options: RequestOptions = {}
    if extra_headers:
        options["extra_headers"] = extra_headers
    if extra_query:
        options["extra_query"] = extra_query
    if extra_body:
        options["extra_body"] = extra_body
    if not isinstance(timeout, Omit):
        options["timeout"] = timeout
    if not isinstance(max_retries, Omit):
        options["max_retries"] = max_retries
    if not isinstance(idempotency_key, Omit):
        options["idempotency_key"] = idempotency_key
    return options


class PageSpec(NamedTuple):
    """How an operation pages: which request parameter carries the cursor, where the next one is."""

    style: Literal["cursor", "page_token", "offset"]
    request_param: str
    response_cursor: str  # "" = the `id` of the last item
    items_field: str
    has_more_field: str = ""


# a provider returns a token, or (token, expiry as a Unix time) so that it is cached until then
TokenResult: TypeAlias = str | tuple[str, float]
TokenProvider: TypeAlias = Callable[[], TokenResult]
AsyncTokenProvider: TypeAlias = Callable[[], TokenResult | Awaitable[TokenResult]]

# a cached token is replaced this long before it expires
TOKEN_REFRESH_MARGIN = 60.0
