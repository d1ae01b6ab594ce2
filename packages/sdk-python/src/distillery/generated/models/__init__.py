"""Contains all the data models used in inputs/outputs"""

from .api_key import ApiKey
from .api_key_list import ApiKeyList
from .api_key_scope import ApiKeyScope
from .artifact import Artifact
from .artifact_format import ArtifactFormat
from .base_model import BaseModel
from .base_model_list import BaseModelList
from .chat_choice_logprobs_type_0 import ChatChoiceLogprobsType0
from .chat_completion import ChatCompletion
from .chat_completion_choices_item import ChatCompletionChoicesItem
from .chat_completion_choices_item_message import ChatCompletionChoicesItemMessage
from .chat_completion_chunk import ChatCompletionChunk
from .chat_completion_chunk_choices_item import ChatCompletionChunkChoicesItem
from .chat_completion_chunk_choices_item_delta import (
    ChatCompletionChunkChoicesItemDelta,
)
from .chat_completion_request import ChatCompletionRequest
from .chat_message import ChatMessage
from .chat_message_content_type_1_item import ChatMessageContentType1Item
from .chat_message_role import ChatMessageRole
from .completion import Completion
from .completion_batch import CompletionBatch
from .completion_batch_choices_item import CompletionBatchChoicesItem
from .completion_batch_request import CompletionBatchRequest
from .completion_choice import CompletionChoice
from .completion_logprobs_type_0_top_logprobs_item import (
    CompletionLogprobsType0TopLogprobsItem,
)
from .completion_request import CompletionRequest
from .create_api_key_request import CreateApiKeyRequest
from .create_api_key_request_mode import CreateApiKeyRequestMode
from .create_distillation_job_request import CreateDistillationJobRequest
from .create_fine_tuning_job_request import CreateFineTuningJobRequest
from .create_fine_tuning_job_request_backend import CreateFineTuningJobRequestBackend
from .created_api_key import CreatedApiKey
from .dataset import Dataset
from .dataset_format import DatasetFormat
from .dataset_label_counts import DatasetLabelCounts
from .dataset_list import DatasetList
from .dataset_upload import DatasetUpload
from .decode_stats import DecodeStats
from .decode_stats_memory import DecodeStatsMemory
from .decoder_state import DecoderState
from .distillation_config import DistillationConfig
from .distillation_config_backend import DistillationConfigBackend
from .distillation_config_output_formats_item import DistillationConfigOutputFormatsItem
from .distillation_job import DistillationJob
from .distillation_job_list import DistillationJobList
from .embedding_list import EmbeddingList
from .embedding_list_data_item import EmbeddingListDataItem
from .embedding_list_usage import EmbeddingListUsage
from .embedding_request import EmbeddingRequest
from .embedding_request_encoding_format import EmbeddingRequestEncodingFormat
from .error import Error
from .error_code import ErrorCode
from .error_details import ErrorDetails
from .error_response import ErrorResponse
from .error_type import ErrorType
from .estimate import Estimate
from .estimate_backend import EstimateBackend
from .fine_tuning_hyperparameters import FineTuningHyperparameters
from .fine_tuning_job import FineTuningJob
from .fine_tuning_job_backend import FineTuningJobBackend
from .fine_tuning_job_list import FineTuningJobList
from .fine_tuning_metrics import FineTuningMetrics
from .fine_tuning_stats import FineTuningStats
from .finish_reason import FinishReason
from .hardware import Hardware
from .hardware_backend import HardwareBackend
from .hardware_backend_adapter import HardwareBackendAdapter
from .hardware_backend_name import HardwareBackendName
from .hardware_default_backend import HardwareDefaultBackend
from .health import Health
from .health_checks import HealthChecks
from .health_checks_database import HealthChecksDatabase
from .health_checks_queue import HealthChecksQueue
from .health_status import HealthStatus
from .job_artifacts import JobArtifacts
from .job_artifacts_gguf_paths import JobArtifactsGgufPaths
from .job_error import JobError
from .job_event import JobEvent
from .job_event_type import JobEventType
from .job_logs import JobLogs
from .job_metrics import JobMetrics
from .job_phase import JobPhase
from .job_progress import JobProgress
from .job_results import JobResults
from .job_results_distillation_mode import JobResultsDistillationMode
from .job_status import JobStatus
from .latency_percentiles import LatencyPercentiles
from .list_fine_tuning_jobs_sort import ListFineTuningJobsSort
from .loaded_model_stats import LoadedModelStats
from .log_entry import LogEntry
from .log_entry_level import LogEntryLevel
from .metadata import Metadata
from .metric_point import MetricPoint
from .model import Model
from .model_architecture import ModelArchitecture
from .model_import_request import ModelImportRequest
from .model_import_upload import ModelImportUpload
from .model_kind import ModelKind
from .model_list import ModelList
from .model_shape import ModelShape
from .model_source import ModelSource
from .model_source_format import ModelSourceFormat
from .model_source_type import ModelSourceType
from .model_tokenizer_type import ModelTokenizerType
from .prompt_row import PromptRow
from .pruning_report import PruningReport
from .quantization_type import QuantizationType
from .recent_request import RecentRequest
from .recent_request_endpoint import RecentRequestEndpoint
from .recent_request_list import RecentRequestList
from .server_config import ServerConfig
from .server_config_auth_mode import ServerConfigAuthMode
from .server_config_default_backend import ServerConfigDefaultBackend
from .server_config_job_defaults import ServerConfigJobDefaults
from .server_config_limits import ServerConfigLimits
from .server_config_serving import ServerConfigServing
from .server_config_storage import ServerConfigStorage
from .server_config_teacher_providers import ServerConfigTeacherProviders
from .stats import Stats
from .stats_distillation_jobs import StatsDistillationJobs
from .stats_fine_tuning_jobs import StatsFineTuningJobs
from .status_counts import StatusCounts
from .stream_distillation_job_events_response_200 import (
    StreamDistillationJobEventsResponse200,
)
from .stream_fine_tuning_job_events_response_200 import (
    StreamFineTuningJobEventsResponse200,
)
from .stream_options_type_0 import StreamOptionsType0
from .token_logprob import TokenLogprob
from .top_logprob import TopLogprob
from .usage import Usage
from .webhook_event import WebhookEvent
from .webhook_event_data import WebhookEventData
from .webhook_event_data_job_type import WebhookEventDataJobType
from .webhook_event_type import WebhookEventType

__all__ = (
    "ApiKey",
    "ApiKeyList",
    "ApiKeyScope",
    "Artifact",
    "ArtifactFormat",
    "BaseModel",
    "BaseModelList",
    "ChatChoiceLogprobsType0",
    "ChatCompletion",
    "ChatCompletionChoicesItem",
    "ChatCompletionChoicesItemMessage",
    "ChatCompletionChunk",
    "ChatCompletionChunkChoicesItem",
    "ChatCompletionChunkChoicesItemDelta",
    "ChatCompletionRequest",
    "ChatMessage",
    "ChatMessageContentType1Item",
    "ChatMessageRole",
    "Completion",
    "CompletionBatch",
    "CompletionBatchChoicesItem",
    "CompletionBatchRequest",
    "CompletionChoice",
    "CompletionLogprobsType0TopLogprobsItem",
    "CompletionRequest",
    "CreateApiKeyRequest",
    "CreateApiKeyRequestMode",
    "CreateDistillationJobRequest",
    "CreateFineTuningJobRequest",
    "CreateFineTuningJobRequestBackend",
    "CreatedApiKey",
    "Dataset",
    "DatasetFormat",
    "DatasetLabelCounts",
    "DatasetList",
    "DatasetUpload",
    "DecodeStats",
    "DecodeStatsMemory",
    "DecoderState",
    "DistillationConfig",
    "DistillationConfigBackend",
    "DistillationConfigOutputFormatsItem",
    "DistillationJob",
    "DistillationJobList",
    "EmbeddingList",
    "EmbeddingListDataItem",
    "EmbeddingListUsage",
    "EmbeddingRequest",
    "EmbeddingRequestEncodingFormat",
    "Error",
    "ErrorCode",
    "ErrorDetails",
    "ErrorResponse",
    "ErrorType",
    "Estimate",
    "EstimateBackend",
    "FineTuningHyperparameters",
    "FineTuningJob",
    "FineTuningJobBackend",
    "FineTuningJobList",
    "FineTuningMetrics",
    "FineTuningStats",
    "FinishReason",
    "Hardware",
    "HardwareBackend",
    "HardwareBackendAdapter",
    "HardwareBackendName",
    "HardwareDefaultBackend",
    "Health",
    "HealthChecks",
    "HealthChecksDatabase",
    "HealthChecksQueue",
    "HealthStatus",
    "JobArtifacts",
    "JobArtifactsGgufPaths",
    "JobError",
    "JobEvent",
    "JobEventType",
    "JobLogs",
    "JobMetrics",
    "JobPhase",
    "JobProgress",
    "JobResults",
    "JobResultsDistillationMode",
    "JobStatus",
    "LatencyPercentiles",
    "ListFineTuningJobsSort",
    "LoadedModelStats",
    "LogEntry",
    "LogEntryLevel",
    "Metadata",
    "MetricPoint",
    "Model",
    "ModelArchitecture",
    "ModelImportRequest",
    "ModelImportUpload",
    "ModelKind",
    "ModelList",
    "ModelShape",
    "ModelSource",
    "ModelSourceFormat",
    "ModelSourceType",
    "ModelTokenizerType",
    "PromptRow",
    "PruningReport",
    "QuantizationType",
    "RecentRequest",
    "RecentRequestEndpoint",
    "RecentRequestList",
    "ServerConfig",
    "ServerConfigAuthMode",
    "ServerConfigDefaultBackend",
    "ServerConfigJobDefaults",
    "ServerConfigLimits",
    "ServerConfigServing",
    "ServerConfigStorage",
    "ServerConfigTeacherProviders",
    "Stats",
    "StatsDistillationJobs",
    "StatsFineTuningJobs",
    "StatusCounts",
    "StreamDistillationJobEventsResponse200",
    "StreamFineTuningJobEventsResponse200",
    "StreamOptionsType0",
    "TokenLogprob",
    "TopLogprob",
    "Usage",
    "WebhookEvent",
    "WebhookEventData",
    "WebhookEventDataJobType",
    "WebhookEventType",
)
