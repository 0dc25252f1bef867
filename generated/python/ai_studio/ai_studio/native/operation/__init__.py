"""`yandex.cloud.operation`: services, and the messages they take."""

from .._pb.yandex.cloud.operation.operation_pb2 import Operation
from .._pb.yandex.cloud.operation.operation_service_pb2 import (
    CancelOperationRequest,
    GetOperationRequest,
)
from ._operation_service import AsyncOperationService, OperationService

__all__ = [
    "AsyncOperationService",
    "CancelOperationRequest",
    "GetOperationRequest",
    "Operation",
    "OperationService",
]
