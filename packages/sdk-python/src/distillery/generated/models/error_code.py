from enum import StrEnum


class ErrorCode(StrEnum):
    ARTIFACT_NOT_FOUND = "artifact_not_found"
    DATASET_NOT_FOUND = "dataset_not_found"
    FORBIDDEN = "forbidden"
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    INSUFFICIENT_CREDITS = "insufficient_credits"
    INTERNAL_ERROR = "internal_error"
    INVALID_CONFIG = "invalid_config"
    INVALID_REQUEST = "invalid_request"
    JOB_ALREADY_RUNNING = "job_already_running"
    JOB_NOT_FOUND = "job_not_found"
    JOB_TERMINAL = "job_terminal"
    KEY_NOT_FOUND = "key_not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    MODEL_NOT_FOUND = "model_not_found"
    OVERLOADED = "overloaded"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    RATE_LIMITED = "rate_limited"
    TIMEOUT = "timeout"
    TRAINING_ERROR = "training_error"
    UNAUTHORIZED = "unauthorized"

    def __str__(self) -> str:
        return str(self.value)
