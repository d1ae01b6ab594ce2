from enum import StrEnum


class JobEventType(StrEnum):
    PHASE = "phase"
    PROGRESS = "progress"
    RESULTS = "results"
    SNAPSHOT = "snapshot"
    STATUS = "status"

    def __str__(self) -> str:
        return str(self.value)
