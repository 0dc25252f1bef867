"""The `yandex.cloud.iam.v1.IamTokenService` service."""

from __future__ import annotations

from collections.abc import Sequence

from .._grpc._methods import HttpRule, Method
from .._grpc._operations import AsyncPoller, Poller
from .._grpc._transport import (
    BOTH_GIVEN as _BOTH_GIVEN,
    AsyncTransport,
    Transport,
    any_set as _any_set,
)
from .._pb.yandex.cloud.iam.v1.iam_token_service_pb2 import (
    CreateIamTokenForServiceAccountRequest,
    CreateIamTokenRequest,
    CreateIamTokenResponse,
    RevokeIamTokenRequest,
    RevokeIamTokenResponse,
)
from .._rules import check as _check

CREATE = Method(
    "/yandex.cloud.iam.v1.IamTokenService/Create",
    CreateIamTokenRequest,
    CreateIamTokenResponse,
    package="yandex.cloud.iam.v1",
    http=(HttpRule("POST", "/iam/v1/tokens", body="*"),),
)
CREATE_FOR_SERVICE_ACCOUNT = Method(
    "/yandex.cloud.iam.v1.IamTokenService/CreateForServiceAccount",
    CreateIamTokenForServiceAccountRequest,
    CreateIamTokenResponse,
    package="yandex.cloud.iam.v1",
    http=(HttpRule("POST", "/iam/v1/tokens:createForServiceAccount", body="*"),),
)
REVOKE = Method(
    "/yandex.cloud.iam.v1.IamTokenService/Revoke",
    RevokeIamTokenRequest,
    RevokeIamTokenResponse,
    package="yandex.cloud.iam.v1",
    http=(HttpRule("POST", "/iam/v1/tokens:revoke", body="*"),),
)


class IamTokenService:
    """Issues short-lived IAM tokens, the bearer credentials every Yandex Cloud API accepts.
    The AI Studio client signs in through it.
    """

    def __init__(
        self,
        transport: Transport,
        poller: Poller | None = None,
    ) -> None:
        self._create = transport.unary(CREATE)
        self._create_for_service_account = transport.unary(CREATE_FOR_SERVICE_ACCOUNT)
        self._revoke = transport.unary(REVOKE)

    def create(
        self,
        request: CreateIamTokenRequest | None = None,
        *,
        yandex_passport_oauth_token: str | None = None,
        jwt: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> CreateIamTokenResponse:
        """Trades a proof of identity (a Yandex account OAuth token or a JWT signed with a
        service account key) for an IAM token.

        Args:
            yandex_passport_oauth_token: An OAuth token of a Yandex account. (length <=4000;
                exactly one of `identity`)
            jwt: A PS256-signed JWT whose issuer is a service account and whose key id names
                one of its authorized keys. (length <=8000; exactly one of `identity`)
        """
        if request is None:
            request = CreateIamTokenRequest(
                yandex_passport_oauth_token=yandex_passport_oauth_token, jwt=jwt
            )
        elif _any_set(
            yandex_passport_oauth_token,
            jwt,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._create(request, timeout, metadata, max_retries, idempotency_key)

    def create_for_service_account(
        self,
        request: CreateIamTokenForServiceAccountRequest | None = None,
        *,
        service_account_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> CreateIamTokenResponse:
        """Issues an IAM token on behalf of a service account the caller may act as.

        Args:
            service_account_id: The service account to act as. (required; length <=50)
        """
        if request is None:
            request = CreateIamTokenForServiceAccountRequest(service_account_id=service_account_id)
        elif _any_set(
            service_account_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._create_for_service_account(
            request, timeout, metadata, max_retries, idempotency_key
        )

    def revoke(
        self,
        request: RevokeIamTokenRequest | None = None,
        *,
        iam_token: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> RevokeIamTokenResponse:
        """Invalidates an IAM token before it would expire.

        Args:
            iam_token: The token to invalidate. (required; length <=4096)
        """
        if request is None:
            request = RevokeIamTokenRequest(iam_token=iam_token)
        elif _any_set(
            iam_token,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._revoke(request, timeout, metadata, max_retries, idempotency_key)


class AsyncIamTokenService:
    """Issues short-lived IAM tokens, the bearer credentials every Yandex Cloud API accepts.
    The AI Studio client signs in through it.
    """

    def __init__(
        self,
        transport: AsyncTransport,
        poller: AsyncPoller | None = None,
    ) -> None:
        self._create = transport.unary(CREATE)
        self._create_for_service_account = transport.unary(CREATE_FOR_SERVICE_ACCOUNT)
        self._revoke = transport.unary(REVOKE)

    async def create(
        self,
        request: CreateIamTokenRequest | None = None,
        *,
        yandex_passport_oauth_token: str | None = None,
        jwt: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> CreateIamTokenResponse:
        """Trades a proof of identity (a Yandex account OAuth token or a JWT signed with a
        service account key) for an IAM token.

        Args:
            yandex_passport_oauth_token: An OAuth token of a Yandex account. (length <=4000;
                exactly one of `identity`)
            jwt: A PS256-signed JWT whose issuer is a service account and whose key id names
                one of its authorized keys. (length <=8000; exactly one of `identity`)
        """
        if request is None:
            request = CreateIamTokenRequest(
                yandex_passport_oauth_token=yandex_passport_oauth_token, jwt=jwt
            )
        elif _any_set(
            yandex_passport_oauth_token,
            jwt,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._create(request, timeout, metadata, max_retries, idempotency_key)

    async def create_for_service_account(
        self,
        request: CreateIamTokenForServiceAccountRequest | None = None,
        *,
        service_account_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> CreateIamTokenResponse:
        """Issues an IAM token on behalf of a service account the caller may act as.

        Args:
            service_account_id: The service account to act as. (required; length <=50)
        """
        if request is None:
            request = CreateIamTokenForServiceAccountRequest(service_account_id=service_account_id)
        elif _any_set(
            service_account_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._create_for_service_account(
            request, timeout, metadata, max_retries, idempotency_key
        )

    async def revoke(
        self,
        request: RevokeIamTokenRequest | None = None,
        *,
        iam_token: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> RevokeIamTokenResponse:
        """Invalidates an IAM token before it would expire.

        Args:
            iam_token: The token to invalidate. (required; length <=4096)
        """
        if request is None:
            request = RevokeIamTokenRequest(iam_token=iam_token)
        elif _any_set(
            iam_token,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._revoke(request, timeout, metadata, max_retries, idempotency_key)
