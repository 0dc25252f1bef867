"""`yandex.cloud.iam.v1`: services, and the messages they take."""

from .._pb.yandex.cloud.iam.v1.iam_token_service_pb2 import (
    CreateIamTokenForServiceAccountRequest,
    CreateIamTokenRequest,
    CreateIamTokenResponse,
    RevokeIamTokenRequest,
    RevokeIamTokenResponse,
)
from ._iam_token_service import AsyncIamTokenService, IamTokenService

__all__ = [
    "AsyncIamTokenService",
    "CreateIamTokenForServiceAccountRequest",
    "CreateIamTokenRequest",
    "CreateIamTokenResponse",
    "IamTokenService",
    "RevokeIamTokenRequest",
    "RevokeIamTokenResponse",
]
