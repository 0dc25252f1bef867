"""The `yandex.cloud.ai.tuning.v1.TuningService` service."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from .._grpc._methods import HttpRule, Method
from .._grpc._operations import AsyncOperation, AsyncPoller, Operation, Poller
from .._grpc._pagination import AsyncPager, Pager
from .._grpc._transport import (
    BOTH_GIVEN as _BOTH_GIVEN,
    AsyncTransport,
    Transport,
    any_set as _any_set,
)
from .._grpc._values import build as _build
from .._pb.yandex.cloud.ai.tuning.v1.tuning_service_pb2 import (
    ArchiveTuningMetadata,
    ArchiveTuningRequest,
    ArchiveTuningResponse,
    CancelTuningRequest,
    CancelTuningResponse,
    CreateTuningDraftRequest,
    CreateTuningDraftResponse,
    DeleteTuningDraftRequest,
    DeleteTuningDraftResponse,
    DescribeTuningRequest,
    DescribeTuningResponse,
    EnableBillingMetadata,
    EnableBillingRequest,
    EnableBillingResponse,
    GetMetricsUrlRequest,
    GetMetricsUrlResponse,
    GetOptionsRequest,
    GetOptionsResponse,
    ListErrorsRequest,
    ListErrorsResponse,
    ListTuningsRequest,
    ListTuningsResponse,
    TextClassificationMulticlassParams,
    TextClassificationMultilabelParams,
    TextEmbeddingPairParams,
    TextEmbeddingTripletParams,
    TextToTextCompletionTuningParams,
    TuneDraftRequest,
    TuningMetadata,
    TuningRequest,
    TuningResponse,
    UpdateTuningDraftRequest,
    UpdateTuningDraftResponse,
)
from .._pb.yandex.cloud.ai.tuning.v1.tuning_task_pb2 import TuningTask
from .._pb.yandex.cloud.operation import operation_pb2
from .._rules import check as _check

if TYPE_CHECKING:
    from ..params import (
        TextClassificationMulticlassParamsParams,
        TextClassificationMultilabelParamsParams,
        TextEmbeddingPairParamsParams,
        TextEmbeddingTripletParamsParams,
        TextToTextCompletionTuningParamsParams,
        TuningRequestWeightedDatasetParams,
    )

ARCHIVE = Method(
    "/yandex.cloud.ai.tuning.v1.TuningService/Archive",
    ArchiveTuningRequest,
    operation_pb2.Operation,
    package="yandex.cloud.ai.tuning.v1",
)
CANCEL = Method(
    "/yandex.cloud.ai.tuning.v1.TuningService/Cancel",
    CancelTuningRequest,
    CancelTuningResponse,
    package="yandex.cloud.ai.tuning.v1",
)
CREATE_DRAFT = Method(
    "/yandex.cloud.ai.tuning.v1.TuningService/CreateDraft",
    CreateTuningDraftRequest,
    CreateTuningDraftResponse,
    package="yandex.cloud.ai.tuning.v1",
)
DELETE_DRAFT = Method(
    "/yandex.cloud.ai.tuning.v1.TuningService/DeleteDraft",
    DeleteTuningDraftRequest,
    DeleteTuningDraftResponse,
    package="yandex.cloud.ai.tuning.v1",
)
DESCRIBE = Method(
    "/yandex.cloud.ai.tuning.v1.TuningService/Describe",
    DescribeTuningRequest,
    DescribeTuningResponse,
    package="yandex.cloud.ai.tuning.v1",
    idempotent=True,
)
ENABLE_BILLING = Method(
    "/yandex.cloud.ai.tuning.v1.TuningService/EnableBilling",
    EnableBillingRequest,
    operation_pb2.Operation,
    package="yandex.cloud.ai.tuning.v1",
)
GET_METRICS_URL = Method(
    "/yandex.cloud.ai.tuning.v1.TuningService/GetMetricsUrl",
    GetMetricsUrlRequest,
    GetMetricsUrlResponse,
    package="yandex.cloud.ai.tuning.v1",
    idempotent=True,
)
GET_OPTIONS = Method(
    "/yandex.cloud.ai.tuning.v1.TuningService/GetOptions",
    GetOptionsRequest,
    GetOptionsResponse,
    package="yandex.cloud.ai.tuning.v1",
    idempotent=True,
)
LIST = Method(
    "/yandex.cloud.ai.tuning.v1.TuningService/List",
    ListTuningsRequest,
    ListTuningsResponse,
    package="yandex.cloud.ai.tuning.v1",
    idempotent=True,
)
LIST_ERRORS = Method(
    "/yandex.cloud.ai.tuning.v1.TuningService/ListErrors",
    ListErrorsRequest,
    ListErrorsResponse,
    package="yandex.cloud.ai.tuning.v1",
    idempotent=True,
)
TUNE = Method(
    "/yandex.cloud.ai.tuning.v1.TuningService/Tune",
    TuningRequest,
    operation_pb2.Operation,
    package="yandex.cloud.ai.tuning.v1",
)
TUNE_DRAFT = Method(
    "/yandex.cloud.ai.tuning.v1.TuningService/TuneDraft",
    TuneDraftRequest,
    operation_pb2.Operation,
    package="yandex.cloud.ai.tuning.v1",
)
UPDATE_DRAFT = Method(
    "/yandex.cloud.ai.tuning.v1.TuningService/UpdateDraft",
    UpdateTuningDraftRequest,
    UpdateTuningDraftResponse,
    package="yandex.cloud.ai.tuning.v1",
)


class TuningService:
    """Fine-tunes foundation models on your datasets and manages the resulting tuning tasks.
    gRPC only; there is no REST mapping.
    """

    def __init__(
        self,
        transport: Transport,
        poller: Poller | None = None,
    ) -> None:
        self._poller = poller
        self._archive = transport.unary(ARCHIVE)
        self._cancel = transport.unary(CANCEL)
        self._create_draft = transport.unary(CREATE_DRAFT)
        self._delete_draft = transport.unary(DELETE_DRAFT)
        self._describe = transport.unary(DESCRIBE)
        self._enable_billing = transport.unary(ENABLE_BILLING)
        self._get_metrics_url = transport.unary(GET_METRICS_URL)
        self._get_options = transport.unary(GET_OPTIONS)
        self._list = transport.unary(LIST)
        self._list_errors = transport.unary(LIST_ERRORS)
        self._tune = transport.unary(TUNE)
        self._tune_draft = transport.unary(TUNE_DRAFT)
        self._update_draft = transport.unary(UPDATE_DRAFT)

    def archive(
        self,
        request: ArchiveTuningRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[ArchiveTuningResponse, ArchiveTuningMetadata]:
        """Moves a tuning task to the archive.

        Args:
            tuning_task_id: Task to archive. (required)

        Starts a long-running operation: `wait()` on the returned handle gives
        `ArchiveTuningResponse`.
        """
        if request is None:
            request = _build(ArchiveTuningRequest, {"tuning_task_id": tuning_task_id})
        elif _any_set(
            tuning_task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = self._archive(request, timeout, metadata, max_retries, idempotency_key)
        return Operation(operation, ArchiveTuningResponse, ArchiveTuningMetadata, self._poller)

    def cancel(
        self,
        request: CancelTuningRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> CancelTuningResponse:
        """Stops a tuning task that has not finished yet.

        Args:
            tuning_task_id: Task to stop. (required)
        """
        if request is None:
            request = _build(CancelTuningRequest, {"tuning_task_id": tuning_task_id})
        elif _any_set(
            tuning_task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._cancel(request, timeout, metadata, max_retries, idempotency_key)

    def create_draft(
        self,
        request: CreateTuningDraftRequest | None = None,
        *,
        base_model_uri: str | None = None,
        train_datasets: (
            Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams] | None
        ) = None,
        validation_datasets: (
            Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams] | None
        ) = None,
        text_to_text_completion: (
            TextToTextCompletionTuningParams | TextToTextCompletionTuningParamsParams | None
        ) = None,
        text_classification_multilabel: (
            TextClassificationMultilabelParams | TextClassificationMultilabelParamsParams | None
        ) = None,
        text_classification_multiclass: (
            TextClassificationMulticlassParams | TextClassificationMulticlassParamsParams | None
        ) = None,
        text_embedding_pair_params: (
            TextEmbeddingPairParams | TextEmbeddingPairParamsParams | None
        ) = None,
        text_embedding_triplet_params: (
            TextEmbeddingTripletParams | TextEmbeddingTripletParamsParams | None
        ) = None,
        name: str | None = None,
        description: str | None = None,
        labels: Mapping[str, str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> CreateTuningDraftResponse:
        """Saves tuning settings as a draft without starting it. Not implemented by the service
        yet.

        Args:
            base_model_uri: Base model to start from. (required)
            train_datasets: Datasets to train on; at least one. (size >0)
            validation_datasets: Validation datasets (old form of the setting).
            text_to_text_completion: Text generation.
            text_classification_multilabel: Multi-label classification.
            text_classification_multiclass: Single-label classification.
            text_embedding_pair_params: Pair-trained embeddings.
            text_embedding_triplet_params: Triplet-trained embeddings.
            name: Display name: 3 to 100 Latin letters, digits, spaces, `_` or `-`. (pattern
                ^[A-Za-z0-9 _-]{3,100}$)
            description: Free-form description.
            labels: User-defined key-value labels.
        """
        if request is None:
            request = _build(
                CreateTuningDraftRequest,
                {
                    "base_model_uri": base_model_uri,
                    "train_datasets": train_datasets,
                    "validation_datasets": validation_datasets,
                    "text_to_text_completion": text_to_text_completion,
                    "text_classification_multilabel": text_classification_multilabel,
                    "text_classification_multiclass": text_classification_multiclass,
                    "text_embedding_pair_params": text_embedding_pair_params,
                    "text_embedding_triplet_params": text_embedding_triplet_params,
                    "name": name,
                    "description": description,
                    "labels": labels,
                },
            )
        elif _any_set(
            base_model_uri,
            train_datasets,
            validation_datasets,
            text_to_text_completion,
            text_classification_multilabel,
            text_classification_multiclass,
            text_embedding_pair_params,
            text_embedding_triplet_params,
            name,
            description,
            labels,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._create_draft(request, timeout, metadata, max_retries, idempotency_key)

    def delete_draft(
        self,
        request: DeleteTuningDraftRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> DeleteTuningDraftResponse:
        """Removes a draft. Not implemented by the service yet.

        Args:
            tuning_task_id: Draft to remove. (required)
        """
        if request is None:
            request = _build(DeleteTuningDraftRequest, {"tuning_task_id": tuning_task_id})
        elif _any_set(
            tuning_task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._delete_draft(request, timeout, metadata, max_retries, idempotency_key)

    def describe(
        self,
        request: DescribeTuningRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> DescribeTuningResponse:
        """Returns one tuning task.

        Args:
            tuning_task_id: Task to return. (required)
        """
        if request is None:
            request = _build(DescribeTuningRequest, {"tuning_task_id": tuning_task_id})
        elif _any_set(
            tuning_task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._describe(request, timeout, metadata, max_retries, idempotency_key)

    def enable_billing(
        self,
        request: EnableBillingRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[EnableBillingResponse, EnableBillingMetadata]:
        """Turns on billing for a tuning task.

        Args:
            tuning_task_id: Task to bill. (required)

        Starts a long-running operation: `wait()` on the returned handle gives
        `EnableBillingResponse`.
        """
        if request is None:
            request = _build(EnableBillingRequest, {"tuning_task_id": tuning_task_id})
        elif _any_set(
            tuning_task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = self._enable_billing(request, timeout, metadata, max_retries, idempotency_key)
        return Operation(operation, EnableBillingResponse, EnableBillingMetadata, self._poller)

    def get_metrics_url(
        self,
        request: GetMetricsUrlRequest | None = None,
        *,
        task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> GetMetricsUrlResponse:
        """Returns a link to the training metrics of a task.

        Args:
            task_id: Task whose metrics to open. (required)
        """
        if request is None:
            request = _build(GetMetricsUrlRequest, {"task_id": task_id})
        elif _any_set(
            task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._get_metrics_url(request, timeout, metadata, max_retries, idempotency_key)

    def get_options(
        self,
        request: GetOptionsRequest | None = None,
        *,
        task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> GetOptionsResponse:
        """Returns the settings a task was started with.

        Args:
            task_id: Task whose settings to return. (required)
        """
        if request is None:
            request = _build(GetOptionsRequest, {"task_id": task_id})
        elif _any_set(
            task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._get_options(request, timeout, metadata, max_retries, idempotency_key)

    def list(
        self,
        request: ListTuningsRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        status: TuningTask.Status | str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListTuningsResponse:
        """Returns the tuning tasks of a folder, a page at a time.

        Args:
            folder_id: Folder whose tasks to list. (required)
            page_size: Most tasks to return in one page; the server picks a default when 0.
            page_token: `next_page_token` of the previous page; empty for the first page.
            status: Only tasks in this stage; all stages when unset. (one of
                `STATUS_UNSPECIFIED`, `CREATED`, `PENDING`, `IN_PROGRESS`, `COMPLETED`,
                `FAILED`, `CANCELED`, `DRAFT` (+2 more))
        """
        if request is None:
            request = _build(
                ListTuningsRequest,
                {
                    "folder_id": folder_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "status": status,
                },
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
            status,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._list(request, timeout, metadata, max_retries, idempotency_key)

    def list_all(
        self,
        request: ListTuningsRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        status: TuningTask.Status | str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
    ) -> Pager[ListTuningsResponse, TuningTask]:
        """Every `TuningTask` that `list` returns, across pages: iterating calls `list` again
        with each response's `next_page_token` as `page_token` when the items so far run
        out; `.pages()` yields the responses.

        Takes the arguments of `list`; `timeout` applies to each page.
        """
        if request is None:
            request = _build(
                ListTuningsRequest,
                {
                    "folder_id": folder_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "status": status,
                },
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
            status,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return Pager(
            self._list,
            request,
            lambda page: page.tuning_tasks,
            timeout,
            metadata,
            max_retries,
        )

    def list_errors(
        self,
        request: ListErrorsRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListErrorsResponse:
        """Returns the problems a task reported.

        Args:
            tuning_task_id: Task whose problems to list.
        """
        if request is None:
            request = _build(ListErrorsRequest, {"tuning_task_id": tuning_task_id})
        elif _any_set(
            tuning_task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        return self._list_errors(request, timeout, metadata, max_retries, idempotency_key)

    def tune(
        self,
        request: TuningRequest | None = None,
        *,
        base_model_uri: str | None = None,
        train_datasets: (
            Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams] | None
        ) = None,
        validation_datasets: (
            Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams] | None
        ) = None,
        validation_dataset: (
            TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams | None
        ) = None,
        test_datasets: (
            Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams] | None
        ) = None,
        text_to_text_completion: (
            TextToTextCompletionTuningParams | TextToTextCompletionTuningParamsParams | None
        ) = None,
        text_classification_multilabel: (
            TextClassificationMultilabelParams | TextClassificationMultilabelParamsParams | None
        ) = None,
        text_classification_multiclass: (
            TextClassificationMulticlassParams | TextClassificationMulticlassParamsParams | None
        ) = None,
        text_embedding_pair_params: (
            TextEmbeddingPairParams | TextEmbeddingPairParamsParams | None
        ) = None,
        text_embedding_triplet_params: (
            TextEmbeddingTripletParams | TextEmbeddingTripletParamsParams | None
        ) = None,
        name: str | None = None,
        description: str | None = None,
        labels: Mapping[str, str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[TuningResponse, TuningMetadata]:
        """Starts tuning a base model. The returned operation reports training steps in
        `TuningMetadata`; its response names the tuned model.

        Args:
            base_model_uri: Base model to start from, as a URI such as
                `gpt://<folder_id>/yandexgpt-lite/latest`. (required)
            train_datasets: Datasets to train on; at least one. (size >0)
            validation_datasets: Old form of `validation_dataset`; use that field instead.
            validation_dataset: Dataset used to measure quality during training.
            test_datasets: Datasets used to measure quality after training.
            text_to_text_completion: Text generation (prompt in, answer out).
            text_classification_multilabel: Text classification where one text may have
                several labels.
            text_classification_multiclass: Text classification with exactly one label per
                text.
            text_embedding_pair_params: Embeddings trained on pairs of related texts. Not
                implemented yet.
            text_embedding_triplet_params: Embeddings trained on (anchor, positive,
                negative) triplets. Not implemented yet.
            name: Display name of the task.
            description: Free-form description of the task.
            labels: User-defined key-value labels of the task.

        Starts a long-running operation: `wait()` on the returned handle gives
        `TuningResponse`.
        """
        if request is None:
            request = _build(
                TuningRequest,
                {
                    "base_model_uri": base_model_uri,
                    "train_datasets": train_datasets,
                    "validation_datasets": validation_datasets,
                    "validation_dataset": validation_dataset,
                    "test_datasets": test_datasets,
                    "text_to_text_completion": text_to_text_completion,
                    "text_classification_multilabel": text_classification_multilabel,
                    "text_classification_multiclass": text_classification_multiclass,
                    "text_embedding_pair_params": text_embedding_pair_params,
                    "text_embedding_triplet_params": text_embedding_triplet_params,
                    "name": name,
                    "description": description,
                    "labels": labels,
                },
            )
        elif _any_set(
            base_model_uri,
            train_datasets,
            validation_datasets,
            validation_dataset,
            test_datasets,
            text_to_text_completion,
            text_classification_multilabel,
            text_classification_multiclass,
            text_embedding_pair_params,
            text_embedding_triplet_params,
            name,
            description,
            labels,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = self._tune(request, timeout, metadata, max_retries, idempotency_key)
        return Operation(operation, TuningResponse, TuningMetadata, self._poller)

    def tune_draft(
        self,
        request: TuneDraftRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Operation[TuningResponse, TuningMetadata]:
        """Starts tuning from a draft, like `Tune`. Not implemented by the service yet.

        Args:
            tuning_task_id: Draft to start. (required)

        Starts a long-running operation: `wait()` on the returned handle gives
        `TuningResponse`.
        """
        if request is None:
            request = _build(TuneDraftRequest, {"tuning_task_id": tuning_task_id})
        elif _any_set(
            tuning_task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = self._tune_draft(request, timeout, metadata, max_retries, idempotency_key)
        return Operation(operation, TuningResponse, TuningMetadata, self._poller)

    def update_draft(
        self,
        request: UpdateTuningDraftRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        base_model_uri: str | None = None,
        train_datasets: (
            Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams] | None
        ) = None,
        validation_datasets: (
            Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams] | None
        ) = None,
        text_to_text_completion: (
            TextToTextCompletionTuningParams | TextToTextCompletionTuningParamsParams | None
        ) = None,
        text_classification_multilabel: (
            TextClassificationMultilabelParams | TextClassificationMultilabelParamsParams | None
        ) = None,
        text_classification_multiclass: (
            TextClassificationMulticlassParams | TextClassificationMulticlassParamsParams | None
        ) = None,
        text_embedding_pair_params: (
            TextEmbeddingPairParams | TextEmbeddingPairParamsParams | None
        ) = None,
        text_embedding_triplet_params: (
            TextEmbeddingTripletParams | TextEmbeddingTripletParamsParams | None
        ) = None,
        name: str | None = None,
        description: str | None = None,
        labels: Mapping[str, str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> UpdateTuningDraftResponse:
        """Changes the settings of a draft. Not implemented by the service yet.

        Args:
            tuning_task_id: Draft to change. (required)
            base_model_uri: New base model.
            train_datasets: New training datasets.
            validation_datasets: New validation datasets (old form of the setting).
            text_to_text_completion: Text generation.
            text_classification_multilabel: Multi-label classification.
            text_classification_multiclass: Single-label classification.
            text_embedding_pair_params: Pair-trained embeddings.
            text_embedding_triplet_params: Triplet-trained embeddings.
            name: New display name.
            description: New description.
            labels: New labels.
        """
        if request is None:
            request = _build(
                UpdateTuningDraftRequest,
                {
                    "tuning_task_id": tuning_task_id,
                    "base_model_uri": base_model_uri,
                    "train_datasets": train_datasets,
                    "validation_datasets": validation_datasets,
                    "text_to_text_completion": text_to_text_completion,
                    "text_classification_multilabel": text_classification_multilabel,
                    "text_classification_multiclass": text_classification_multiclass,
                    "text_embedding_pair_params": text_embedding_pair_params,
                    "text_embedding_triplet_params": text_embedding_triplet_params,
                    "name": name,
                    "description": description,
                    "labels": labels,
                },
            )
        elif _any_set(
            tuning_task_id,
            base_model_uri,
            train_datasets,
            validation_datasets,
            text_to_text_completion,
            text_classification_multilabel,
            text_classification_multiclass,
            text_embedding_pair_params,
            text_embedding_triplet_params,
            name,
            description,
            labels,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return self._update_draft(request, timeout, metadata, max_retries, idempotency_key)


class AsyncTuningService:
    """Fine-tunes foundation models on your datasets and manages the resulting tuning tasks.
    gRPC only; there is no REST mapping.
    """

    def __init__(
        self,
        transport: AsyncTransport,
        poller: AsyncPoller | None = None,
    ) -> None:
        self._poller = poller
        self._archive = transport.unary(ARCHIVE)
        self._cancel = transport.unary(CANCEL)
        self._create_draft = transport.unary(CREATE_DRAFT)
        self._delete_draft = transport.unary(DELETE_DRAFT)
        self._describe = transport.unary(DESCRIBE)
        self._enable_billing = transport.unary(ENABLE_BILLING)
        self._get_metrics_url = transport.unary(GET_METRICS_URL)
        self._get_options = transport.unary(GET_OPTIONS)
        self._list = transport.unary(LIST)
        self._list_errors = transport.unary(LIST_ERRORS)
        self._tune = transport.unary(TUNE)
        self._tune_draft = transport.unary(TUNE_DRAFT)
        self._update_draft = transport.unary(UPDATE_DRAFT)

    async def archive(
        self,
        request: ArchiveTuningRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> AsyncOperation[ArchiveTuningResponse, ArchiveTuningMetadata]:
        """Moves a tuning task to the archive.

        Args:
            tuning_task_id: Task to archive. (required)

        Starts a long-running operation: `wait()` on the returned handle gives
        `ArchiveTuningResponse`.
        """
        if request is None:
            request = _build(ArchiveTuningRequest, {"tuning_task_id": tuning_task_id})
        elif _any_set(
            tuning_task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = await self._archive(request, timeout, metadata, max_retries, idempotency_key)
        return AsyncOperation(operation, ArchiveTuningResponse, ArchiveTuningMetadata, self._poller)

    async def cancel(
        self,
        request: CancelTuningRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> CancelTuningResponse:
        """Stops a tuning task that has not finished yet.

        Args:
            tuning_task_id: Task to stop. (required)
        """
        if request is None:
            request = _build(CancelTuningRequest, {"tuning_task_id": tuning_task_id})
        elif _any_set(
            tuning_task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._cancel(request, timeout, metadata, max_retries, idempotency_key)

    async def create_draft(
        self,
        request: CreateTuningDraftRequest | None = None,
        *,
        base_model_uri: str | None = None,
        train_datasets: (
            Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams] | None
        ) = None,
        validation_datasets: (
            Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams] | None
        ) = None,
        text_to_text_completion: (
            TextToTextCompletionTuningParams | TextToTextCompletionTuningParamsParams | None
        ) = None,
        text_classification_multilabel: (
            TextClassificationMultilabelParams | TextClassificationMultilabelParamsParams | None
        ) = None,
        text_classification_multiclass: (
            TextClassificationMulticlassParams | TextClassificationMulticlassParamsParams | None
        ) = None,
        text_embedding_pair_params: (
            TextEmbeddingPairParams | TextEmbeddingPairParamsParams | None
        ) = None,
        text_embedding_triplet_params: (
            TextEmbeddingTripletParams | TextEmbeddingTripletParamsParams | None
        ) = None,
        name: str | None = None,
        description: str | None = None,
        labels: Mapping[str, str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> CreateTuningDraftResponse:
        """Saves tuning settings as a draft without starting it. Not implemented by the service
        yet.

        Args:
            base_model_uri: Base model to start from. (required)
            train_datasets: Datasets to train on; at least one. (size >0)
            validation_datasets: Validation datasets (old form of the setting).
            text_to_text_completion: Text generation.
            text_classification_multilabel: Multi-label classification.
            text_classification_multiclass: Single-label classification.
            text_embedding_pair_params: Pair-trained embeddings.
            text_embedding_triplet_params: Triplet-trained embeddings.
            name: Display name: 3 to 100 Latin letters, digits, spaces, `_` or `-`. (pattern
                ^[A-Za-z0-9 _-]{3,100}$)
            description: Free-form description.
            labels: User-defined key-value labels.
        """
        if request is None:
            request = _build(
                CreateTuningDraftRequest,
                {
                    "base_model_uri": base_model_uri,
                    "train_datasets": train_datasets,
                    "validation_datasets": validation_datasets,
                    "text_to_text_completion": text_to_text_completion,
                    "text_classification_multilabel": text_classification_multilabel,
                    "text_classification_multiclass": text_classification_multiclass,
                    "text_embedding_pair_params": text_embedding_pair_params,
                    "text_embedding_triplet_params": text_embedding_triplet_params,
                    "name": name,
                    "description": description,
                    "labels": labels,
                },
            )
        elif _any_set(
            base_model_uri,
            train_datasets,
            validation_datasets,
            text_to_text_completion,
            text_classification_multilabel,
            text_classification_multiclass,
            text_embedding_pair_params,
            text_embedding_triplet_params,
            name,
            description,
            labels,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._create_draft(request, timeout, metadata, max_retries, idempotency_key)

    async def delete_draft(
        self,
        request: DeleteTuningDraftRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> DeleteTuningDraftResponse:
        """Removes a draft. Not implemented by the service yet.

        Args:
            tuning_task_id: Draft to remove. (required)
        """
        if request is None:
            request = _build(DeleteTuningDraftRequest, {"tuning_task_id": tuning_task_id})
        elif _any_set(
            tuning_task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._delete_draft(request, timeout, metadata, max_retries, idempotency_key)

    async def describe(
        self,
        request: DescribeTuningRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> DescribeTuningResponse:
        """Returns one tuning task.

        Args:
            tuning_task_id: Task to return. (required)
        """
        if request is None:
            request = _build(DescribeTuningRequest, {"tuning_task_id": tuning_task_id})
        elif _any_set(
            tuning_task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._describe(request, timeout, metadata, max_retries, idempotency_key)

    async def enable_billing(
        self,
        request: EnableBillingRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> AsyncOperation[EnableBillingResponse, EnableBillingMetadata]:
        """Turns on billing for a tuning task.

        Args:
            tuning_task_id: Task to bill. (required)

        Starts a long-running operation: `wait()` on the returned handle gives
        `EnableBillingResponse`.
        """
        if request is None:
            request = _build(EnableBillingRequest, {"tuning_task_id": tuning_task_id})
        elif _any_set(
            tuning_task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = await self._enable_billing(
            request, timeout, metadata, max_retries, idempotency_key
        )
        return AsyncOperation(operation, EnableBillingResponse, EnableBillingMetadata, self._poller)

    async def get_metrics_url(
        self,
        request: GetMetricsUrlRequest | None = None,
        *,
        task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> GetMetricsUrlResponse:
        """Returns a link to the training metrics of a task.

        Args:
            task_id: Task whose metrics to open. (required)
        """
        if request is None:
            request = _build(GetMetricsUrlRequest, {"task_id": task_id})
        elif _any_set(
            task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._get_metrics_url(request, timeout, metadata, max_retries, idempotency_key)

    async def get_options(
        self,
        request: GetOptionsRequest | None = None,
        *,
        task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> GetOptionsResponse:
        """Returns the settings a task was started with.

        Args:
            task_id: Task whose settings to return. (required)
        """
        if request is None:
            request = _build(GetOptionsRequest, {"task_id": task_id})
        elif _any_set(
            task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._get_options(request, timeout, metadata, max_retries, idempotency_key)

    async def list(
        self,
        request: ListTuningsRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        status: TuningTask.Status | str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListTuningsResponse:
        """Returns the tuning tasks of a folder, a page at a time.

        Args:
            folder_id: Folder whose tasks to list. (required)
            page_size: Most tasks to return in one page; the server picks a default when 0.
            page_token: `next_page_token` of the previous page; empty for the first page.
            status: Only tasks in this stage; all stages when unset. (one of
                `STATUS_UNSPECIFIED`, `CREATED`, `PENDING`, `IN_PROGRESS`, `COMPLETED`,
                `FAILED`, `CANCELED`, `DRAFT` (+2 more))
        """
        if request is None:
            request = _build(
                ListTuningsRequest,
                {
                    "folder_id": folder_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "status": status,
                },
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
            status,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._list(request, timeout, metadata, max_retries, idempotency_key)

    def list_all(
        self,
        request: ListTuningsRequest | None = None,
        *,
        folder_id: str | None = None,
        page_size: int | None = None,
        page_token: str | None = None,
        status: TuningTask.Status | str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
    ) -> AsyncPager[ListTuningsResponse, TuningTask]:
        """Every `TuningTask` that `list` returns, across pages: iterating calls `list` again
        with each response's `next_page_token` as `page_token` when the items so far run
        out; `.pages()` yields the responses.

        Takes the arguments of `list`; `timeout` applies to each page.
        """
        if request is None:
            request = _build(
                ListTuningsRequest,
                {
                    "folder_id": folder_id,
                    "page_size": page_size,
                    "page_token": page_token,
                    "status": status,
                },
            )
        elif _any_set(
            folder_id,
            page_size,
            page_token,
            status,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return AsyncPager(
            self._list,
            request,
            lambda page: page.tuning_tasks,
            timeout,
            metadata,
            max_retries,
        )

    async def list_errors(
        self,
        request: ListErrorsRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> ListErrorsResponse:
        """Returns the problems a task reported.

        Args:
            tuning_task_id: Task whose problems to list.
        """
        if request is None:
            request = _build(ListErrorsRequest, {"tuning_task_id": tuning_task_id})
        elif _any_set(
            tuning_task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        return await self._list_errors(request, timeout, metadata, max_retries, idempotency_key)

    async def tune(
        self,
        request: TuningRequest | None = None,
        *,
        base_model_uri: str | None = None,
        train_datasets: (
            Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams] | None
        ) = None,
        validation_datasets: (
            Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams] | None
        ) = None,
        validation_dataset: (
            TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams | None
        ) = None,
        test_datasets: (
            Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams] | None
        ) = None,
        text_to_text_completion: (
            TextToTextCompletionTuningParams | TextToTextCompletionTuningParamsParams | None
        ) = None,
        text_classification_multilabel: (
            TextClassificationMultilabelParams | TextClassificationMultilabelParamsParams | None
        ) = None,
        text_classification_multiclass: (
            TextClassificationMulticlassParams | TextClassificationMulticlassParamsParams | None
        ) = None,
        text_embedding_pair_params: (
            TextEmbeddingPairParams | TextEmbeddingPairParamsParams | None
        ) = None,
        text_embedding_triplet_params: (
            TextEmbeddingTripletParams | TextEmbeddingTripletParamsParams | None
        ) = None,
        name: str | None = None,
        description: str | None = None,
        labels: Mapping[str, str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> AsyncOperation[TuningResponse, TuningMetadata]:
        """Starts tuning a base model. The returned operation reports training steps in
        `TuningMetadata`; its response names the tuned model.

        Args:
            base_model_uri: Base model to start from, as a URI such as
                `gpt://<folder_id>/yandexgpt-lite/latest`. (required)
            train_datasets: Datasets to train on; at least one. (size >0)
            validation_datasets: Old form of `validation_dataset`; use that field instead.
            validation_dataset: Dataset used to measure quality during training.
            test_datasets: Datasets used to measure quality after training.
            text_to_text_completion: Text generation (prompt in, answer out).
            text_classification_multilabel: Text classification where one text may have
                several labels.
            text_classification_multiclass: Text classification with exactly one label per
                text.
            text_embedding_pair_params: Embeddings trained on pairs of related texts. Not
                implemented yet.
            text_embedding_triplet_params: Embeddings trained on (anchor, positive,
                negative) triplets. Not implemented yet.
            name: Display name of the task.
            description: Free-form description of the task.
            labels: User-defined key-value labels of the task.

        Starts a long-running operation: `wait()` on the returned handle gives
        `TuningResponse`.
        """
        if request is None:
            request = _build(
                TuningRequest,
                {
                    "base_model_uri": base_model_uri,
                    "train_datasets": train_datasets,
                    "validation_datasets": validation_datasets,
                    "validation_dataset": validation_dataset,
                    "test_datasets": test_datasets,
                    "text_to_text_completion": text_to_text_completion,
                    "text_classification_multilabel": text_classification_multilabel,
                    "text_classification_multiclass": text_classification_multiclass,
                    "text_embedding_pair_params": text_embedding_pair_params,
                    "text_embedding_triplet_params": text_embedding_triplet_params,
                    "name": name,
                    "description": description,
                    "labels": labels,
                },
            )
        elif _any_set(
            base_model_uri,
            train_datasets,
            validation_datasets,
            validation_dataset,
            test_datasets,
            text_to_text_completion,
            text_classification_multilabel,
            text_classification_multiclass,
            text_embedding_pair_params,
            text_embedding_triplet_params,
            name,
            description,
            labels,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = await self._tune(request, timeout, metadata, max_retries, idempotency_key)
        return AsyncOperation(operation, TuningResponse, TuningMetadata, self._poller)

    async def tune_draft(
        self,
        request: TuneDraftRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> AsyncOperation[TuningResponse, TuningMetadata]:
        """Starts tuning from a draft, like `Tune`. Not implemented by the service yet.

        Args:
            tuning_task_id: Draft to start. (required)

        Starts a long-running operation: `wait()` on the returned handle gives
        `TuningResponse`.
        """
        if request is None:
            request = _build(TuneDraftRequest, {"tuning_task_id": tuning_task_id})
        elif _any_set(
            tuning_task_id,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        operation = await self._tune_draft(request, timeout, metadata, max_retries, idempotency_key)
        return AsyncOperation(operation, TuningResponse, TuningMetadata, self._poller)

    async def update_draft(
        self,
        request: UpdateTuningDraftRequest | None = None,
        *,
        tuning_task_id: str | None = None,
        base_model_uri: str | None = None,
        train_datasets: (
            Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams] | None
        ) = None,
        validation_datasets: (
            Iterable[TuningRequest.WeightedDataset | TuningRequestWeightedDatasetParams] | None
        ) = None,
        text_to_text_completion: (
            TextToTextCompletionTuningParams | TextToTextCompletionTuningParamsParams | None
        ) = None,
        text_classification_multilabel: (
            TextClassificationMultilabelParams | TextClassificationMultilabelParamsParams | None
        ) = None,
        text_classification_multiclass: (
            TextClassificationMulticlassParams | TextClassificationMulticlassParamsParams | None
        ) = None,
        text_embedding_pair_params: (
            TextEmbeddingPairParams | TextEmbeddingPairParamsParams | None
        ) = None,
        text_embedding_triplet_params: (
            TextEmbeddingTripletParams | TextEmbeddingTripletParamsParams | None
        ) = None,
        name: str | None = None,
        description: str | None = None,
        labels: Mapping[str, str] | None = None,
        timeout: float | None = None,
        metadata: Sequence[tuple[str, str]] | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> UpdateTuningDraftResponse:
        """Changes the settings of a draft. Not implemented by the service yet.

        Args:
            tuning_task_id: Draft to change. (required)
            base_model_uri: New base model.
            train_datasets: New training datasets.
            validation_datasets: New validation datasets (old form of the setting).
            text_to_text_completion: Text generation.
            text_classification_multilabel: Multi-label classification.
            text_classification_multiclass: Single-label classification.
            text_embedding_pair_params: Pair-trained embeddings.
            text_embedding_triplet_params: Triplet-trained embeddings.
            name: New display name.
            description: New description.
            labels: New labels.
        """
        if request is None:
            request = _build(
                UpdateTuningDraftRequest,
                {
                    "tuning_task_id": tuning_task_id,
                    "base_model_uri": base_model_uri,
                    "train_datasets": train_datasets,
                    "validation_datasets": validation_datasets,
                    "text_to_text_completion": text_to_text_completion,
                    "text_classification_multilabel": text_classification_multilabel,
                    "text_classification_multiclass": text_classification_multiclass,
                    "text_embedding_pair_params": text_embedding_pair_params,
                    "text_embedding_triplet_params": text_embedding_triplet_params,
                    "name": name,
                    "description": description,
                    "labels": labels,
                },
            )
        elif _any_set(
            tuning_task_id,
            base_model_uri,
            train_datasets,
            validation_datasets,
            text_to_text_completion,
            text_classification_multilabel,
            text_classification_multiclass,
            text_embedding_pair_params,
            text_embedding_triplet_params,
            name,
            description,
            labels,
        ):
            raise TypeError(_BOTH_GIVEN)
        _check(request)
        return await self._update_draft(request, timeout, metadata, max_retries, idempotency_key)
