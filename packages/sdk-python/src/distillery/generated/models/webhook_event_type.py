from enum import StrEnum


class WebhookEventType(StrEnum):
    JOB_CANCELLED = "job.cancelled"
    JOB_COMPLETED = "job.completed"
    JOB_FAILED = "job.failed"
    JOB_PHASE_CHANGED = "job.phase_changed"

    def __str__(self) -> str:
        return str(self.value)
