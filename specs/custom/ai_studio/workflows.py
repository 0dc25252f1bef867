"""Dataset upload, batch inference and tuning as one call each, with progress (`client.workflows`).

The native Dataset, Batch and Tuning services are gRPC only. A dataset is uploaded as the
service describes it: create a draft → ask for a presigned upload URL → PUT the file there over
HTTP (without our credentials: the URL carries its own signature) → validate (a long-running
operation) → the dataset id. The sync and async classes share every rule below; they differ
only in how they call.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx2

from ..native import APIError
from ..native.batch_inference import BatchInferenceTask
from ..native.dataset import ValidateDatasetMetadata, ValidateDatasetResponse
from ..native.foundation_models import BatchCompletionMetadata, CompletionOptions
from ..native.tuning import TuningMetadata, TuningRequest, TuningTask
from .progress import ProgressEvent, ProgressOption, finish, operation_progress, reporter

if TYPE_CHECKING:
    from .._studio import AIStudio, AsyncAIStudio

__all__ = [
    "AsyncWorkflows",
    "BatchResult",
    "DatasetValidationError",
    "Workflows",
    "WorkflowError",
]

UPLOAD_CHUNK_BYTES = 1 << 20  # the upload is streamed (and its progress reported) in 1 MiB parts
POLL_INTERVAL = 1.0  # seconds before the first poll of an operation (growing up to 10 s)
BATCH_TASK_TYPE = "TextToTextGenerationRequest"  # a dataset of requests for batch completion
BATCH_UPLOAD_FORMAT = "jsonlines"

Report = Callable[[ProgressEvent], object] | None
ChatMessage = Mapping[str, str]  # {"role": "user", "text": "..."}


class WorkflowError(APIError):
    """A workflow step the service answered without an error, but that cannot go on."""


class DatasetValidationError(WorkflowError):
    """The uploaded dataset did not validate; `errors` lists the service's findings by row."""

    def __init__(self, dataset_id: str, errors: list[str]) -> None:
        shown = "; ".join(errors[:5]) or "no details"
        super().__init__(f"dataset {dataset_id} is not valid: {shown}")
        self.dataset_id = dataset_id
        self.errors = errors


@dataclass(frozen=True)
class BatchResult:
    """The outcome of a batch run: the task, its result dataset and the result rows it holds
    (one JSON object per line of the result files, as the service writes them)."""

    task_id: str
    result_dataset_id: str
    rows: list[dict[str, Any]]


# --- the rules both forms share ------------------------------------------------------------


def _folder(folder_id: str | None) -> str:
    if not folder_id:
        raise ValueError(
            "datasets live in a folder: pass folder_id= to the client or set YC_FOLDER_ID"
        )
    return folder_id


def _read_source(source: str | os.PathLike[str] | bytes) -> bytes:
    if isinstance(source, bytes):
        return source
    with open(source, "rb") as file:
        return file.read()


def requests_to_jsonl(requests: Sequence[Sequence[ChatMessage] | str]) -> bytes:
    """Batch requests as the dataset's JSON Lines: a plain string is one user message."""
    lines = []
    for request in requests:
        messages = (
            [{"role": "user", "text": request}] if isinstance(request, str) else list(request)
        )
        lines.append(json.dumps({"request": [dict(m) for m in messages]}, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode()


def _chunks(data: bytes, report: Report, started: float) -> Iterator[bytes]:
    for offset in range(0, len(data), UPLOAD_CHUNK_BYTES):
        chunk = data[offset : offset + UPLOAD_CHUNK_BYTES]
        yield chunk
        if report is not None:
            sent = offset + len(chunk)
            report(ProgressEvent("upload", sent, len(data), time.monotonic() - started))


async def _async_chunks(data: bytes, report: Report, started: float) -> AsyncIterator[bytes]:
    for chunk in _chunks(data, report, started):
        yield chunk


def _checked_upload(response: httpx2.Response, dataset_id: str) -> None:
    if response.status_code >= 300:
        raise WorkflowError(
            f"uploading dataset {dataset_id} failed: HTTP {response.status_code} {response.text[:200]}"
        )


def _validated(result: ValidateDatasetResponse, dataset_id: str) -> str:
    if not result.is_valid:
        errors = [
            f"{e.error}: {e.error_description} (rows {list(e.row_numbers)[:10]})"
            for e in result.errors
        ]
        raise DatasetValidationError(dataset_id, errors)
    return dataset_id


def _validation_counts(metadata: ValidateDatasetMetadata | None) -> tuple[int, int | None, str]:
    if metadata is None:
        return 0, None, ""
    return metadata.processed_rows, metadata.total_rows or None, ""


def _batch_counts(metadata: BatchCompletionMetadata | None) -> tuple[int, int | None, str]:
    if metadata is None:
        return 0, None, ""
    name = BatchInferenceTask.Status.Name(metadata.task_status) if metadata.task_status else ""
    return metadata.completed_batches, metadata.total_batches or None, name


def _tuning_counts(metadata: TuningMetadata | None) -> tuple[int, int | None, str]:
    if metadata is None:
        return 0, None, ""
    name = TuningTask.Status.Name(metadata.status) if metadata.status else ""
    return metadata.current_step, metadata.total_steps or None, name


def _rows(payloads: Sequence[bytes]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for payload in payloads:
        for number, line in enumerate(payload.decode("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as error:
                raise WorkflowError(f"batch result line {number} is not JSON: {error}") from None
            rows.append(row if isinstance(row, dict) else {"value": row})
    return rows


def _tuning_request(
    base_model_uri: str,
    train_datasets: Mapping[str, float] | Sequence[str],
    validation_dataset: str | None,
    name: str,
    description: str,
) -> TuningRequest:
    weights = (
        dict(train_datasets)
        if isinstance(train_datasets, Mapping)
        else {dataset_id: 1.0 for dataset_id in train_datasets}
    )
    request = TuningRequest(
        base_model_uri=base_model_uri,
        train_datasets=[
            TuningRequest.WeightedDataset(dataset_id=dataset_id, weight=weight)
            for dataset_id, weight in weights.items()
        ],
        name=name,
        description=description,
        text_to_text_completion={},
    )
    if validation_dataset:
        request.validation_dataset.dataset_id = validation_dataset
        request.validation_dataset.weight = 1.0
    return request


@dataclass(frozen=True)
class _Run:
    """One workflow call: where its progress goes and how its operations are awaited."""

    report: Report
    timeout: float | None
    poll_interval: float

    def wait_options(
        self, stage: str, counts: Callable[[Any], tuple[int, int | None, str]]
    ) -> dict[str, Any]:
        """Keyword arguments of `Operation.wait` reporting `stage` from the metadata."""
        progress = operation_progress(stage, self.report, counts)
        return {"timeout": self.timeout, "poll_interval": self.poll_interval, "progress": progress}

    def upload_options(self, data: bytes) -> dict[str, Any]:
        """Keyword arguments of the PUT to a presigned URL: the body streamed with progress."""
        content = _chunks(data, self.report, time.monotonic())
        return {"content": content, "headers": {"content-length": str(len(data))}}

    def async_upload_options(self, data: bytes) -> dict[str, Any]:
        content = _async_chunks(data, self.report, time.monotonic())
        return {"content": content, "headers": {"content-length": str(len(data))}}


@contextmanager
def _run(progress: ProgressOption, timeout: float | None, poll_interval: float) -> Iterator[_Run]:
    report = reporter(progress)
    try:
        yield _Run(report, timeout, poll_interval)
    finally:
        finish(report)


def _create_options(
    folder_id: str | None,
    name: str,
    task_type: str,
    upload_format: str,
    description: str,
    labels: Mapping[str, str] | None,
) -> dict[str, Any]:
    return {
        "name": name,
        "folder_id": _folder(folder_id),
        "task_type": task_type,
        "upload_format": upload_format,
        "description": description,
        "labels": dict(labels or {}),
    }


def _batch_source(dataset_id: str | None, requests: object) -> None:
    if (dataset_id is None) == (requests is None):
        raise ValueError("pass one of dataset_id and requests")


def _batch_result(
    task_id: str, result_dataset_id: str, payloads: list[httpx2.Response]
) -> BatchResult:
    for payload in payloads:
        _checked_upload(payload, result_dataset_id)
    return BatchResult(task_id, result_dataset_id, _rows([p.content for p in payloads]))


def _options(temperature: float | None, max_tokens: int | None) -> CompletionOptions:
    options = CompletionOptions()
    if temperature is not None:
        options.temperature.value = temperature
    if max_tokens is not None:
        options.max_tokens.value = max_tokens
    return options


# --- sync ----------------------------------------------------------------------------------


class Workflows:
    """`client.workflows`: dataset upload, batch inference and tuning, each as one call."""

    def __init__(self, client: AIStudio) -> None:
        self._client = client
        self.poll_interval = POLL_INTERVAL

    def upload_dataset(
        self,
        source: str | os.PathLike[str] | bytes,
        *,
        name: str,
        task_type: str = "TextToTextGeneration",
        upload_format: str = "jsonlines",
        description: str = "",
        labels: Mapping[str, str] | None = None,
        progress: ProgressOption = True,
        timeout: float | None = None,
    ) -> str:
        """Upload a file (a path or its bytes) as a new dataset; returns its id once it validated.

        Raises `DatasetValidationError` when the service finds the records invalid.
        """
        data = _read_source(source)
        datasets = self._client.native.dataset.dataset
        folder = self._client.folder_id
        created = datasets.create(
            **_create_options(folder, name, task_type, upload_format, description, labels)
        )
        dataset_id = created.dataset_id
        url = datasets.get_upload_draft_url(dataset_id=dataset_id, size_bytes=len(data)).upload_url
        with _run(progress, timeout, self.poll_interval) as run:
            with httpx2.Client(timeout=timeout) as http:
                _checked_upload(http.put(url, **run.upload_options(data)), dataset_id)
            operation = datasets.validate(dataset_id=dataset_id)
            result = operation.wait(**run.wait_options("validate", _validation_counts))
        return _validated(result, dataset_id)

    def batch(
        self,
        model_uri: str,
        *,
        dataset_id: str | None = None,
        requests: Sequence[Sequence[ChatMessage] | str] | None = None,
        temperature: float | None = None,
        max_tokens: int | None = None,
        progress: ProgressOption = True,
        timeout: float | None = None,
    ) -> BatchResult:
        """Run a batch completion over a dataset, or over `requests` uploaded as one first;
        waits for it and returns the result rows."""
        _batch_source(dataset_id, requests)
        if requests is not None:
            data = requests_to_jsonl(requests)
            dataset_id = self.upload_dataset(
                data,
                name="batch-requests",
                task_type=BATCH_TASK_TYPE,
                upload_format=BATCH_UPLOAD_FORMAT,
                progress=progress,
                timeout=timeout,
            )
        operation = self._client.native.foundation_models.text_generation_batch.completion(
            model_uri=model_uri,
            source_dataset_id=dataset_id,
            completion_options=_options(temperature, max_tokens),
        )
        with _run(progress, timeout, self.poll_interval) as run:
            done = operation.wait(**run.wait_options("batch", _batch_counts))
        result_id = done.result_dataset_id
        urls = self._client.native.dataset.dataset.get_download_urls(dataset_id=result_id)
        with httpx2.Client(timeout=timeout) as http:
            payloads = [http.get(item.url) for item in urls.download_urls]
        return _batch_result(done.task_id, result_id, payloads)

    def tune(
        self,
        base_model_uri: str,
        train_datasets: Mapping[str, float] | Sequence[str],
        *,
        validation_dataset: str | None = None,
        name: str = "",
        description: str = "",
        progress: ProgressOption = True,
        timeout: float | None = None,
    ) -> str:
        """Fine-tune `base_model_uri` on datasets (ids, or ids with weights); waits for the
        tuning to finish and returns the tuned model's URI."""
        request = _tuning_request(
            base_model_uri, train_datasets, validation_dataset, name, description
        )
        operation = self._client.native.tuning.tuning.tune(request)
        with _run(progress, timeout, self.poll_interval) as run:
            return operation.wait(**run.wait_options("tuning", _tuning_counts)).target_model_uri


# --- async ---------------------------------------------------------------------------------


class AsyncWorkflows:
    """`async_client.workflows`: the same workflows as `Workflows`, awaited."""

    def __init__(self, client: AsyncAIStudio) -> None:
        self._client = client
        self.poll_interval = POLL_INTERVAL

    async def upload_dataset(
        self,
        source: str | os.PathLike[str] | bytes,
        *,
        name: str,
        task_type: str = "TextToTextGeneration",
        upload_format: str = "jsonlines",
        description: str = "",
        labels: Mapping[str, str] | None = None,
        progress: ProgressOption = True,
        timeout: float | None = None,
    ) -> str:
        """Upload a file (a path or its bytes) as a new dataset; returns its id once it validated."""
        data = _read_source(source)
        datasets = self._client.native.dataset.dataset
        folder = self._client.folder_id
        created = await datasets.create(
            **_create_options(folder, name, task_type, upload_format, description, labels)
        )
        dataset_id = created.dataset_id
        draft = await datasets.get_upload_draft_url(dataset_id=dataset_id, size_bytes=len(data))
        with _run(progress, timeout, self.poll_interval) as run:
            async with httpx2.AsyncClient(timeout=timeout) as http:
                response = await http.put(draft.upload_url, **run.async_upload_options(data))
            _checked_upload(response, dataset_id)
            operation = await datasets.validate(dataset_id=dataset_id)
            result = await operation.wait(**run.wait_options("validate", _validation_counts))
        return _validated(result, dataset_id)

    async def batch(
        self,
        model_uri: str,
        *,
        dataset_id: str | None = None,
        requests: Sequence[Sequence[ChatMessage] | str] | None = None,
        temperature: float | None = None,
        max_tokens: int | None = None,
        progress: ProgressOption = True,
        timeout: float | None = None,
    ) -> BatchResult:
        """Run a batch completion over a dataset, or over `requests` uploaded as one first."""
        _batch_source(dataset_id, requests)
        if requests is not None:
            data = requests_to_jsonl(requests)
            dataset_id = await self.upload_dataset(
                data,
                name="batch-requests",
                task_type=BATCH_TASK_TYPE,
                upload_format=BATCH_UPLOAD_FORMAT,
                progress=progress,
                timeout=timeout,
            )
        operation = await self._client.native.foundation_models.text_generation_batch.completion(
            model_uri=model_uri,
            source_dataset_id=dataset_id,
            completion_options=_options(temperature, max_tokens),
        )
        with _run(progress, timeout, self.poll_interval) as run:
            done = await operation.wait(**run.wait_options("batch", _batch_counts))
        result_id = done.result_dataset_id
        urls = await self._client.native.dataset.dataset.get_download_urls(dataset_id=result_id)
        async with httpx2.AsyncClient(timeout=timeout) as http:
            payloads = [await http.get(item.url) for item in urls.download_urls]
        return _batch_result(done.task_id, result_id, payloads)

    async def tune(
        self,
        base_model_uri: str,
        train_datasets: Mapping[str, float] | Sequence[str],
        *,
        validation_dataset: str | None = None,
        name: str = "",
        description: str = "",
        progress: ProgressOption = True,
        timeout: float | None = None,
    ) -> str:
        """Fine-tune `base_model_uri`; waits and returns the tuned model's URI."""
        request = _tuning_request(
            base_model_uri, train_datasets, validation_dataset, name, description
        )
        operation = await self._client.native.tuning.tuning.tune(request)
        with _run(progress, timeout, self.poll_interval) as run:
            done = await operation.wait(**run.wait_options("tuning", _tuning_counts))
        return done.target_model_uri
