# mypy: ignore-errors
from ai_studio.native._pb.yandex.cloud.ai.tuning.v1 import tuning_error_pb2 as _tuning_error_pb2
from ai_studio.native._pb.yandex.cloud.ai.tuning.v1 import tuning_optimizers_pb2 as _tuning_optimizers_pb2
from ai_studio.native._pb.yandex.cloud.ai.tuning.v1 import tuning_schedulers_pb2 as _tuning_schedulers_pb2
from ai_studio.native._pb.yandex.cloud.ai.tuning.v1 import tuning_task_pb2 as _tuning_task_pb2
from ai_studio.native._pb.yandex.cloud.ai.tuning.v1 import tuning_types_pb2 as _tuning_types_pb2
from ai_studio.native._pb.yandex.cloud.api import operation_pb2 as _operation_pb2
from ai_studio.native._pb.yandex.cloud.operation import operation_pb2 as _operation_pb2_1
from ai_studio.native._pb.yandex.cloud import validation_pb2 as _validation_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListTuningsRequest(_message.Message):
    __slots__ = ("folder_id", "page_size", "page_token", "status")
    FOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    folder_id: str
    page_size: int
    page_token: str
    status: _tuning_task_pb2.TuningTask.Status
    def __init__(self, folder_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., status: _Optional[_Union[_tuning_task_pb2.TuningTask.Status, str]] = ...) -> None: ...

class ListTuningsResponse(_message.Message):
    __slots__ = ("tuning_tasks", "next_page_token")
    TUNING_TASKS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    tuning_tasks: _containers.RepeatedCompositeFieldContainer[_tuning_task_pb2.TuningTask]
    next_page_token: str
    def __init__(self, tuning_tasks: _Optional[_Iterable[_Union[_tuning_task_pb2.TuningTask, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DescribeTuningRequest(_message.Message):
    __slots__ = ("tuning_task_id",)
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    def __init__(self, tuning_task_id: _Optional[str] = ...) -> None: ...

class DescribeTuningResponse(_message.Message):
    __slots__ = ("tuning_task",)
    TUNING_TASK_FIELD_NUMBER: _ClassVar[int]
    tuning_task: _tuning_task_pb2.TuningTask
    def __init__(self, tuning_task: _Optional[_Union[_tuning_task_pb2.TuningTask, _Mapping]] = ...) -> None: ...

class CancelTuningRequest(_message.Message):
    __slots__ = ("tuning_task_id",)
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    def __init__(self, tuning_task_id: _Optional[str] = ...) -> None: ...

class CancelTuningResponse(_message.Message):
    __slots__ = ("tuning_task_id",)
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    def __init__(self, tuning_task_id: _Optional[str] = ...) -> None: ...

class TuningResponse(_message.Message):
    __slots__ = ("tuning_task_id", "status", "target_model_uri")
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TARGET_MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    status: _tuning_task_pb2.TuningTask.Status
    target_model_uri: str
    def __init__(self, tuning_task_id: _Optional[str] = ..., status: _Optional[_Union[_tuning_task_pb2.TuningTask.Status, str]] = ..., target_model_uri: _Optional[str] = ...) -> None: ...

class TuningMetadata(_message.Message):
    __slots__ = ("tuning_task_id", "status", "total_steps", "current_step")
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_STEPS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_STEP_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    status: _tuning_task_pb2.TuningTask.Status
    total_steps: int
    current_step: int
    def __init__(self, tuning_task_id: _Optional[str] = ..., status: _Optional[_Union[_tuning_task_pb2.TuningTask.Status, str]] = ..., total_steps: _Optional[int] = ..., current_step: _Optional[int] = ...) -> None: ...

class TuningRequest(_message.Message):
    __slots__ = ("base_model_uri", "train_datasets", "validation_datasets", "validation_dataset", "test_datasets", "text_to_text_completion", "text_classification_multilabel", "text_classification_multiclass", "text_embedding_pair_params", "text_embedding_triplet_params", "name", "description", "labels")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class WeightedDataset(_message.Message):
        __slots__ = ("dataset_id", "weight")
        DATASET_ID_FIELD_NUMBER: _ClassVar[int]
        WEIGHT_FIELD_NUMBER: _ClassVar[int]
        dataset_id: str
        weight: float
        def __init__(self, dataset_id: _Optional[str] = ..., weight: _Optional[float] = ...) -> None: ...
    BASE_MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    TRAIN_DATASETS_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_DATASETS_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_DATASET_FIELD_NUMBER: _ClassVar[int]
    TEST_DATASETS_FIELD_NUMBER: _ClassVar[int]
    TEXT_TO_TEXT_COMPLETION_FIELD_NUMBER: _ClassVar[int]
    TEXT_CLASSIFICATION_MULTILABEL_FIELD_NUMBER: _ClassVar[int]
    TEXT_CLASSIFICATION_MULTICLASS_FIELD_NUMBER: _ClassVar[int]
    TEXT_EMBEDDING_PAIR_PARAMS_FIELD_NUMBER: _ClassVar[int]
    TEXT_EMBEDDING_TRIPLET_PARAMS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    base_model_uri: str
    train_datasets: _containers.RepeatedCompositeFieldContainer[TuningRequest.WeightedDataset]
    validation_datasets: _containers.RepeatedCompositeFieldContainer[TuningRequest.WeightedDataset]
    validation_dataset: TuningRequest.WeightedDataset
    test_datasets: _containers.RepeatedCompositeFieldContainer[TuningRequest.WeightedDataset]
    text_to_text_completion: TextToTextCompletionTuningParams
    text_classification_multilabel: TextClassificationMultilabelParams
    text_classification_multiclass: TextClassificationMulticlassParams
    text_embedding_pair_params: TextEmbeddingPairParams
    text_embedding_triplet_params: TextEmbeddingTripletParams
    name: str
    description: str
    labels: _containers.ScalarMap[str, str]
    def __init__(self, base_model_uri: _Optional[str] = ..., train_datasets: _Optional[_Iterable[_Union[TuningRequest.WeightedDataset, _Mapping]]] = ..., validation_datasets: _Optional[_Iterable[_Union[TuningRequest.WeightedDataset, _Mapping]]] = ..., validation_dataset: _Optional[_Union[TuningRequest.WeightedDataset, _Mapping]] = ..., test_datasets: _Optional[_Iterable[_Union[TuningRequest.WeightedDataset, _Mapping]]] = ..., text_to_text_completion: _Optional[_Union[TextToTextCompletionTuningParams, _Mapping]] = ..., text_classification_multilabel: _Optional[_Union[TextClassificationMultilabelParams, _Mapping]] = ..., text_classification_multiclass: _Optional[_Union[TextClassificationMulticlassParams, _Mapping]] = ..., text_embedding_pair_params: _Optional[_Union[TextEmbeddingPairParams, _Mapping]] = ..., text_embedding_triplet_params: _Optional[_Union[TextEmbeddingTripletParams, _Mapping]] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ...) -> None: ...

class TextToTextCompletionTuningParams(_message.Message):
    __slots__ = ("seed", "lr", "n_samples", "additional_arguments", "lora", "prompt_tune", "scheduler", "optimizer")
    class Scheduler(_message.Message):
        __slots__ = ("linear", "constant", "cosine", "warmup_ratio")
        LINEAR_FIELD_NUMBER: _ClassVar[int]
        CONSTANT_FIELD_NUMBER: _ClassVar[int]
        COSINE_FIELD_NUMBER: _ClassVar[int]
        WARMUP_RATIO_FIELD_NUMBER: _ClassVar[int]
        linear: _tuning_schedulers_pb2.SchedulerLinear
        constant: _tuning_schedulers_pb2.SchedulerConstant
        cosine: _tuning_schedulers_pb2.SchedulerCosine
        warmup_ratio: float
        def __init__(self, linear: _Optional[_Union[_tuning_schedulers_pb2.SchedulerLinear, _Mapping]] = ..., constant: _Optional[_Union[_tuning_schedulers_pb2.SchedulerConstant, _Mapping]] = ..., cosine: _Optional[_Union[_tuning_schedulers_pb2.SchedulerCosine, _Mapping]] = ..., warmup_ratio: _Optional[float] = ...) -> None: ...
    class Optimizer(_message.Message):
        __slots__ = ("adamw",)
        ADAMW_FIELD_NUMBER: _ClassVar[int]
        adamw: _tuning_optimizers_pb2.OptimizerAdamw
        def __init__(self, adamw: _Optional[_Union[_tuning_optimizers_pb2.OptimizerAdamw, _Mapping]] = ...) -> None: ...
    SEED_FIELD_NUMBER: _ClassVar[int]
    LR_FIELD_NUMBER: _ClassVar[int]
    N_SAMPLES_FIELD_NUMBER: _ClassVar[int]
    ADDITIONAL_ARGUMENTS_FIELD_NUMBER: _ClassVar[int]
    LORA_FIELD_NUMBER: _ClassVar[int]
    PROMPT_TUNE_FIELD_NUMBER: _ClassVar[int]
    SCHEDULER_FIELD_NUMBER: _ClassVar[int]
    OPTIMIZER_FIELD_NUMBER: _ClassVar[int]
    seed: int
    lr: float
    n_samples: int
    additional_arguments: str
    lora: _tuning_types_pb2.TuningTypeLora
    prompt_tune: _tuning_types_pb2.TuningTypePromptTune
    scheduler: TextToTextCompletionTuningParams.Scheduler
    optimizer: TextToTextCompletionTuningParams.Optimizer
    def __init__(self, seed: _Optional[int] = ..., lr: _Optional[float] = ..., n_samples: _Optional[int] = ..., additional_arguments: _Optional[str] = ..., lora: _Optional[_Union[_tuning_types_pb2.TuningTypeLora, _Mapping]] = ..., prompt_tune: _Optional[_Union[_tuning_types_pb2.TuningTypePromptTune, _Mapping]] = ..., scheduler: _Optional[_Union[TextToTextCompletionTuningParams.Scheduler, _Mapping]] = ..., optimizer: _Optional[_Union[TextToTextCompletionTuningParams.Optimizer, _Mapping]] = ...) -> None: ...

class TextClassificationMultilabelParams(_message.Message):
    __slots__ = ("seed", "lr", "n_samples", "additional_arguments", "lora", "prompt_tune", "scheduler", "optimizer")
    class Scheduler(_message.Message):
        __slots__ = ("linear", "constant", "cosine", "warmup_ratio")
        LINEAR_FIELD_NUMBER: _ClassVar[int]
        CONSTANT_FIELD_NUMBER: _ClassVar[int]
        COSINE_FIELD_NUMBER: _ClassVar[int]
        WARMUP_RATIO_FIELD_NUMBER: _ClassVar[int]
        linear: _tuning_schedulers_pb2.SchedulerLinear
        constant: _tuning_schedulers_pb2.SchedulerConstant
        cosine: _tuning_schedulers_pb2.SchedulerCosine
        warmup_ratio: float
        def __init__(self, linear: _Optional[_Union[_tuning_schedulers_pb2.SchedulerLinear, _Mapping]] = ..., constant: _Optional[_Union[_tuning_schedulers_pb2.SchedulerConstant, _Mapping]] = ..., cosine: _Optional[_Union[_tuning_schedulers_pb2.SchedulerCosine, _Mapping]] = ..., warmup_ratio: _Optional[float] = ...) -> None: ...
    class Optimizer(_message.Message):
        __slots__ = ("adamw",)
        ADAMW_FIELD_NUMBER: _ClassVar[int]
        adamw: _tuning_optimizers_pb2.OptimizerAdamw
        def __init__(self, adamw: _Optional[_Union[_tuning_optimizers_pb2.OptimizerAdamw, _Mapping]] = ...) -> None: ...
    SEED_FIELD_NUMBER: _ClassVar[int]
    LR_FIELD_NUMBER: _ClassVar[int]
    N_SAMPLES_FIELD_NUMBER: _ClassVar[int]
    ADDITIONAL_ARGUMENTS_FIELD_NUMBER: _ClassVar[int]
    LORA_FIELD_NUMBER: _ClassVar[int]
    PROMPT_TUNE_FIELD_NUMBER: _ClassVar[int]
    SCHEDULER_FIELD_NUMBER: _ClassVar[int]
    OPTIMIZER_FIELD_NUMBER: _ClassVar[int]
    seed: int
    lr: float
    n_samples: int
    additional_arguments: str
    lora: _tuning_types_pb2.TuningTypeLora
    prompt_tune: _tuning_types_pb2.TuningTypePromptTune
    scheduler: TextClassificationMultilabelParams.Scheduler
    optimizer: TextClassificationMultilabelParams.Optimizer
    def __init__(self, seed: _Optional[int] = ..., lr: _Optional[float] = ..., n_samples: _Optional[int] = ..., additional_arguments: _Optional[str] = ..., lora: _Optional[_Union[_tuning_types_pb2.TuningTypeLora, _Mapping]] = ..., prompt_tune: _Optional[_Union[_tuning_types_pb2.TuningTypePromptTune, _Mapping]] = ..., scheduler: _Optional[_Union[TextClassificationMultilabelParams.Scheduler, _Mapping]] = ..., optimizer: _Optional[_Union[TextClassificationMultilabelParams.Optimizer, _Mapping]] = ...) -> None: ...

class TextClassificationMulticlassParams(_message.Message):
    __slots__ = ("seed", "lr", "n_samples", "additional_arguments", "lora", "prompt_tune", "scheduler", "optimizer")
    class Scheduler(_message.Message):
        __slots__ = ("linear", "constant", "cosine", "warmup_ratio")
        LINEAR_FIELD_NUMBER: _ClassVar[int]
        CONSTANT_FIELD_NUMBER: _ClassVar[int]
        COSINE_FIELD_NUMBER: _ClassVar[int]
        WARMUP_RATIO_FIELD_NUMBER: _ClassVar[int]
        linear: _tuning_schedulers_pb2.SchedulerLinear
        constant: _tuning_schedulers_pb2.SchedulerConstant
        cosine: _tuning_schedulers_pb2.SchedulerCosine
        warmup_ratio: float
        def __init__(self, linear: _Optional[_Union[_tuning_schedulers_pb2.SchedulerLinear, _Mapping]] = ..., constant: _Optional[_Union[_tuning_schedulers_pb2.SchedulerConstant, _Mapping]] = ..., cosine: _Optional[_Union[_tuning_schedulers_pb2.SchedulerCosine, _Mapping]] = ..., warmup_ratio: _Optional[float] = ...) -> None: ...
    class Optimizer(_message.Message):
        __slots__ = ("adamw",)
        ADAMW_FIELD_NUMBER: _ClassVar[int]
        adamw: _tuning_optimizers_pb2.OptimizerAdamw
        def __init__(self, adamw: _Optional[_Union[_tuning_optimizers_pb2.OptimizerAdamw, _Mapping]] = ...) -> None: ...
    SEED_FIELD_NUMBER: _ClassVar[int]
    LR_FIELD_NUMBER: _ClassVar[int]
    N_SAMPLES_FIELD_NUMBER: _ClassVar[int]
    ADDITIONAL_ARGUMENTS_FIELD_NUMBER: _ClassVar[int]
    LORA_FIELD_NUMBER: _ClassVar[int]
    PROMPT_TUNE_FIELD_NUMBER: _ClassVar[int]
    SCHEDULER_FIELD_NUMBER: _ClassVar[int]
    OPTIMIZER_FIELD_NUMBER: _ClassVar[int]
    seed: int
    lr: float
    n_samples: int
    additional_arguments: str
    lora: _tuning_types_pb2.TuningTypeLora
    prompt_tune: _tuning_types_pb2.TuningTypePromptTune
    scheduler: TextClassificationMulticlassParams.Scheduler
    optimizer: TextClassificationMulticlassParams.Optimizer
    def __init__(self, seed: _Optional[int] = ..., lr: _Optional[float] = ..., n_samples: _Optional[int] = ..., additional_arguments: _Optional[str] = ..., lora: _Optional[_Union[_tuning_types_pb2.TuningTypeLora, _Mapping]] = ..., prompt_tune: _Optional[_Union[_tuning_types_pb2.TuningTypePromptTune, _Mapping]] = ..., scheduler: _Optional[_Union[TextClassificationMulticlassParams.Scheduler, _Mapping]] = ..., optimizer: _Optional[_Union[TextClassificationMulticlassParams.Optimizer, _Mapping]] = ...) -> None: ...

class TextEmbeddingPairParams(_message.Message):
    __slots__ = ("seed", "lr", "n_samples", "additional_arguments", "embedding_dims", "lora", "prompt_tune", "scheduler", "optimizer")
    class Scheduler(_message.Message):
        __slots__ = ("linear", "constant", "cosine", "warmup_ratio")
        LINEAR_FIELD_NUMBER: _ClassVar[int]
        CONSTANT_FIELD_NUMBER: _ClassVar[int]
        COSINE_FIELD_NUMBER: _ClassVar[int]
        WARMUP_RATIO_FIELD_NUMBER: _ClassVar[int]
        linear: _tuning_schedulers_pb2.SchedulerLinear
        constant: _tuning_schedulers_pb2.SchedulerConstant
        cosine: _tuning_schedulers_pb2.SchedulerCosine
        warmup_ratio: float
        def __init__(self, linear: _Optional[_Union[_tuning_schedulers_pb2.SchedulerLinear, _Mapping]] = ..., constant: _Optional[_Union[_tuning_schedulers_pb2.SchedulerConstant, _Mapping]] = ..., cosine: _Optional[_Union[_tuning_schedulers_pb2.SchedulerCosine, _Mapping]] = ..., warmup_ratio: _Optional[float] = ...) -> None: ...
    class Optimizer(_message.Message):
        __slots__ = ("adamw",)
        ADAMW_FIELD_NUMBER: _ClassVar[int]
        adamw: _tuning_optimizers_pb2.OptimizerAdamw
        def __init__(self, adamw: _Optional[_Union[_tuning_optimizers_pb2.OptimizerAdamw, _Mapping]] = ...) -> None: ...
    SEED_FIELD_NUMBER: _ClassVar[int]
    LR_FIELD_NUMBER: _ClassVar[int]
    N_SAMPLES_FIELD_NUMBER: _ClassVar[int]
    ADDITIONAL_ARGUMENTS_FIELD_NUMBER: _ClassVar[int]
    EMBEDDING_DIMS_FIELD_NUMBER: _ClassVar[int]
    LORA_FIELD_NUMBER: _ClassVar[int]
    PROMPT_TUNE_FIELD_NUMBER: _ClassVar[int]
    SCHEDULER_FIELD_NUMBER: _ClassVar[int]
    OPTIMIZER_FIELD_NUMBER: _ClassVar[int]
    seed: int
    lr: float
    n_samples: int
    additional_arguments: str
    embedding_dims: _containers.RepeatedScalarFieldContainer[int]
    lora: _tuning_types_pb2.TuningTypeLora
    prompt_tune: _tuning_types_pb2.TuningTypePromptTune
    scheduler: TextEmbeddingPairParams.Scheduler
    optimizer: TextEmbeddingPairParams.Optimizer
    def __init__(self, seed: _Optional[int] = ..., lr: _Optional[float] = ..., n_samples: _Optional[int] = ..., additional_arguments: _Optional[str] = ..., embedding_dims: _Optional[_Iterable[int]] = ..., lora: _Optional[_Union[_tuning_types_pb2.TuningTypeLora, _Mapping]] = ..., prompt_tune: _Optional[_Union[_tuning_types_pb2.TuningTypePromptTune, _Mapping]] = ..., scheduler: _Optional[_Union[TextEmbeddingPairParams.Scheduler, _Mapping]] = ..., optimizer: _Optional[_Union[TextEmbeddingPairParams.Optimizer, _Mapping]] = ...) -> None: ...

class TextEmbeddingTripletParams(_message.Message):
    __slots__ = ("seed", "lr", "n_samples", "additional_arguments", "embedding_dims", "lora", "prompt_tune", "scheduler", "optimizer")
    class Scheduler(_message.Message):
        __slots__ = ("linear", "constant", "cosine", "warmup_ratio")
        LINEAR_FIELD_NUMBER: _ClassVar[int]
        CONSTANT_FIELD_NUMBER: _ClassVar[int]
        COSINE_FIELD_NUMBER: _ClassVar[int]
        WARMUP_RATIO_FIELD_NUMBER: _ClassVar[int]
        linear: _tuning_schedulers_pb2.SchedulerLinear
        constant: _tuning_schedulers_pb2.SchedulerConstant
        cosine: _tuning_schedulers_pb2.SchedulerCosine
        warmup_ratio: float
        def __init__(self, linear: _Optional[_Union[_tuning_schedulers_pb2.SchedulerLinear, _Mapping]] = ..., constant: _Optional[_Union[_tuning_schedulers_pb2.SchedulerConstant, _Mapping]] = ..., cosine: _Optional[_Union[_tuning_schedulers_pb2.SchedulerCosine, _Mapping]] = ..., warmup_ratio: _Optional[float] = ...) -> None: ...
    class Optimizer(_message.Message):
        __slots__ = ("adamw",)
        ADAMW_FIELD_NUMBER: _ClassVar[int]
        adamw: _tuning_optimizers_pb2.OptimizerAdamw
        def __init__(self, adamw: _Optional[_Union[_tuning_optimizers_pb2.OptimizerAdamw, _Mapping]] = ...) -> None: ...
    SEED_FIELD_NUMBER: _ClassVar[int]
    LR_FIELD_NUMBER: _ClassVar[int]
    N_SAMPLES_FIELD_NUMBER: _ClassVar[int]
    ADDITIONAL_ARGUMENTS_FIELD_NUMBER: _ClassVar[int]
    EMBEDDING_DIMS_FIELD_NUMBER: _ClassVar[int]
    LORA_FIELD_NUMBER: _ClassVar[int]
    PROMPT_TUNE_FIELD_NUMBER: _ClassVar[int]
    SCHEDULER_FIELD_NUMBER: _ClassVar[int]
    OPTIMIZER_FIELD_NUMBER: _ClassVar[int]
    seed: int
    lr: float
    n_samples: int
    additional_arguments: str
    embedding_dims: _containers.RepeatedScalarFieldContainer[int]
    lora: _tuning_types_pb2.TuningTypeLora
    prompt_tune: _tuning_types_pb2.TuningTypePromptTune
    scheduler: TextEmbeddingTripletParams.Scheduler
    optimizer: TextEmbeddingTripletParams.Optimizer
    def __init__(self, seed: _Optional[int] = ..., lr: _Optional[float] = ..., n_samples: _Optional[int] = ..., additional_arguments: _Optional[str] = ..., embedding_dims: _Optional[_Iterable[int]] = ..., lora: _Optional[_Union[_tuning_types_pb2.TuningTypeLora, _Mapping]] = ..., prompt_tune: _Optional[_Union[_tuning_types_pb2.TuningTypePromptTune, _Mapping]] = ..., scheduler: _Optional[_Union[TextEmbeddingTripletParams.Scheduler, _Mapping]] = ..., optimizer: _Optional[_Union[TextEmbeddingTripletParams.Optimizer, _Mapping]] = ...) -> None: ...

class GetMetricsUrlRequest(_message.Message):
    __slots__ = ("task_id",)
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    def __init__(self, task_id: _Optional[str] = ...) -> None: ...

class GetMetricsUrlResponse(_message.Message):
    __slots__ = ("load_url",)
    LOAD_URL_FIELD_NUMBER: _ClassVar[int]
    load_url: str
    def __init__(self, load_url: _Optional[str] = ...) -> None: ...

class GetOptionsRequest(_message.Message):
    __slots__ = ("task_id",)
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    def __init__(self, task_id: _Optional[str] = ...) -> None: ...

class GetOptionsResponse(_message.Message):
    __slots__ = ("task_id", "base_model_uri", "train_datasets", "validation_datasets", "text_to_text_completion", "text_classification_multilabel", "text_classification_multiclass", "text_embedding_pair_params", "text_embedding_triplet_params")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    BASE_MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    TRAIN_DATASETS_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_DATASETS_FIELD_NUMBER: _ClassVar[int]
    TEXT_TO_TEXT_COMPLETION_FIELD_NUMBER: _ClassVar[int]
    TEXT_CLASSIFICATION_MULTILABEL_FIELD_NUMBER: _ClassVar[int]
    TEXT_CLASSIFICATION_MULTICLASS_FIELD_NUMBER: _ClassVar[int]
    TEXT_EMBEDDING_PAIR_PARAMS_FIELD_NUMBER: _ClassVar[int]
    TEXT_EMBEDDING_TRIPLET_PARAMS_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    base_model_uri: str
    train_datasets: _containers.RepeatedCompositeFieldContainer[TuningRequest.WeightedDataset]
    validation_datasets: _containers.RepeatedCompositeFieldContainer[TuningRequest.WeightedDataset]
    text_to_text_completion: TextToTextCompletionTuningParams
    text_classification_multilabel: TextClassificationMultilabelParams
    text_classification_multiclass: TextClassificationMulticlassParams
    text_embedding_pair_params: TextEmbeddingPairParams
    text_embedding_triplet_params: TextEmbeddingTripletParams
    def __init__(self, task_id: _Optional[str] = ..., base_model_uri: _Optional[str] = ..., train_datasets: _Optional[_Iterable[_Union[TuningRequest.WeightedDataset, _Mapping]]] = ..., validation_datasets: _Optional[_Iterable[_Union[TuningRequest.WeightedDataset, _Mapping]]] = ..., text_to_text_completion: _Optional[_Union[TextToTextCompletionTuningParams, _Mapping]] = ..., text_classification_multilabel: _Optional[_Union[TextClassificationMultilabelParams, _Mapping]] = ..., text_classification_multiclass: _Optional[_Union[TextClassificationMulticlassParams, _Mapping]] = ..., text_embedding_pair_params: _Optional[_Union[TextEmbeddingPairParams, _Mapping]] = ..., text_embedding_triplet_params: _Optional[_Union[TextEmbeddingTripletParams, _Mapping]] = ...) -> None: ...

class ListErrorsRequest(_message.Message):
    __slots__ = ("tuning_task_id",)
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    def __init__(self, tuning_task_id: _Optional[str] = ...) -> None: ...

class ListErrorsResponse(_message.Message):
    __slots__ = ("tuning_error",)
    TUNING_ERROR_FIELD_NUMBER: _ClassVar[int]
    tuning_error: _containers.RepeatedCompositeFieldContainer[_tuning_error_pb2.TuningError]
    def __init__(self, tuning_error: _Optional[_Iterable[_Union[_tuning_error_pb2.TuningError, _Mapping]]] = ...) -> None: ...

class CreateTuningDraftRequest(_message.Message):
    __slots__ = ("base_model_uri", "train_datasets", "validation_datasets", "text_to_text_completion", "text_classification_multilabel", "text_classification_multiclass", "text_embedding_pair_params", "text_embedding_triplet_params", "name", "description", "labels")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BASE_MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    TRAIN_DATASETS_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_DATASETS_FIELD_NUMBER: _ClassVar[int]
    TEXT_TO_TEXT_COMPLETION_FIELD_NUMBER: _ClassVar[int]
    TEXT_CLASSIFICATION_MULTILABEL_FIELD_NUMBER: _ClassVar[int]
    TEXT_CLASSIFICATION_MULTICLASS_FIELD_NUMBER: _ClassVar[int]
    TEXT_EMBEDDING_PAIR_PARAMS_FIELD_NUMBER: _ClassVar[int]
    TEXT_EMBEDDING_TRIPLET_PARAMS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    base_model_uri: str
    train_datasets: _containers.RepeatedCompositeFieldContainer[TuningRequest.WeightedDataset]
    validation_datasets: _containers.RepeatedCompositeFieldContainer[TuningRequest.WeightedDataset]
    text_to_text_completion: TextToTextCompletionTuningParams
    text_classification_multilabel: TextClassificationMultilabelParams
    text_classification_multiclass: TextClassificationMulticlassParams
    text_embedding_pair_params: TextEmbeddingPairParams
    text_embedding_triplet_params: TextEmbeddingTripletParams
    name: str
    description: str
    labels: _containers.ScalarMap[str, str]
    def __init__(self, base_model_uri: _Optional[str] = ..., train_datasets: _Optional[_Iterable[_Union[TuningRequest.WeightedDataset, _Mapping]]] = ..., validation_datasets: _Optional[_Iterable[_Union[TuningRequest.WeightedDataset, _Mapping]]] = ..., text_to_text_completion: _Optional[_Union[TextToTextCompletionTuningParams, _Mapping]] = ..., text_classification_multilabel: _Optional[_Union[TextClassificationMultilabelParams, _Mapping]] = ..., text_classification_multiclass: _Optional[_Union[TextClassificationMulticlassParams, _Mapping]] = ..., text_embedding_pair_params: _Optional[_Union[TextEmbeddingPairParams, _Mapping]] = ..., text_embedding_triplet_params: _Optional[_Union[TextEmbeddingTripletParams, _Mapping]] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ...) -> None: ...

class CreateTuningDraftResponse(_message.Message):
    __slots__ = ("tuning_task_id",)
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    def __init__(self, tuning_task_id: _Optional[str] = ...) -> None: ...

class UpdateTuningDraftRequest(_message.Message):
    __slots__ = ("tuning_task_id", "base_model_uri", "train_datasets", "validation_datasets", "text_to_text_completion", "text_classification_multilabel", "text_classification_multiclass", "text_embedding_pair_params", "text_embedding_triplet_params", "name", "description", "labels")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    BASE_MODEL_URI_FIELD_NUMBER: _ClassVar[int]
    TRAIN_DATASETS_FIELD_NUMBER: _ClassVar[int]
    VALIDATION_DATASETS_FIELD_NUMBER: _ClassVar[int]
    TEXT_TO_TEXT_COMPLETION_FIELD_NUMBER: _ClassVar[int]
    TEXT_CLASSIFICATION_MULTILABEL_FIELD_NUMBER: _ClassVar[int]
    TEXT_CLASSIFICATION_MULTICLASS_FIELD_NUMBER: _ClassVar[int]
    TEXT_EMBEDDING_PAIR_PARAMS_FIELD_NUMBER: _ClassVar[int]
    TEXT_EMBEDDING_TRIPLET_PARAMS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    base_model_uri: str
    train_datasets: _containers.RepeatedCompositeFieldContainer[TuningRequest.WeightedDataset]
    validation_datasets: _containers.RepeatedCompositeFieldContainer[TuningRequest.WeightedDataset]
    text_to_text_completion: TextToTextCompletionTuningParams
    text_classification_multilabel: TextClassificationMultilabelParams
    text_classification_multiclass: TextClassificationMulticlassParams
    text_embedding_pair_params: TextEmbeddingPairParams
    text_embedding_triplet_params: TextEmbeddingTripletParams
    name: str
    description: str
    labels: _containers.ScalarMap[str, str]
    def __init__(self, tuning_task_id: _Optional[str] = ..., base_model_uri: _Optional[str] = ..., train_datasets: _Optional[_Iterable[_Union[TuningRequest.WeightedDataset, _Mapping]]] = ..., validation_datasets: _Optional[_Iterable[_Union[TuningRequest.WeightedDataset, _Mapping]]] = ..., text_to_text_completion: _Optional[_Union[TextToTextCompletionTuningParams, _Mapping]] = ..., text_classification_multilabel: _Optional[_Union[TextClassificationMultilabelParams, _Mapping]] = ..., text_classification_multiclass: _Optional[_Union[TextClassificationMulticlassParams, _Mapping]] = ..., text_embedding_pair_params: _Optional[_Union[TextEmbeddingPairParams, _Mapping]] = ..., text_embedding_triplet_params: _Optional[_Union[TextEmbeddingTripletParams, _Mapping]] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ...) -> None: ...

class UpdateTuningDraftResponse(_message.Message):
    __slots__ = ("tuning_task_id",)
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    def __init__(self, tuning_task_id: _Optional[str] = ...) -> None: ...

class DeleteTuningDraftRequest(_message.Message):
    __slots__ = ("tuning_task_id",)
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    def __init__(self, tuning_task_id: _Optional[str] = ...) -> None: ...

class DeleteTuningDraftResponse(_message.Message):
    __slots__ = ("tuning_task_id",)
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    def __init__(self, tuning_task_id: _Optional[str] = ...) -> None: ...

class TuneDraftRequest(_message.Message):
    __slots__ = ("tuning_task_id",)
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    def __init__(self, tuning_task_id: _Optional[str] = ...) -> None: ...

class ArchiveTuningRequest(_message.Message):
    __slots__ = ("tuning_task_id",)
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    def __init__(self, tuning_task_id: _Optional[str] = ...) -> None: ...

class ArchiveTuningMetadata(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ArchiveTuningResponse(_message.Message):
    __slots__ = ("tuning_task_id",)
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    def __init__(self, tuning_task_id: _Optional[str] = ...) -> None: ...

class EnableBillingRequest(_message.Message):
    __slots__ = ("tuning_task_id",)
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    def __init__(self, tuning_task_id: _Optional[str] = ...) -> None: ...

class EnableBillingResponse(_message.Message):
    __slots__ = ("tuning_task_id",)
    TUNING_TASK_ID_FIELD_NUMBER: _ClassVar[int]
    tuning_task_id: str
    def __init__(self, tuning_task_id: _Optional[str] = ...) -> None: ...

class EnableBillingMetadata(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
