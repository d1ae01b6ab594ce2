from enum import StrEnum


class JobResultsDistillationMode(StrEnum):
    LOGIT = "logit"
    SEQUENCE = "sequence"

    def __str__(self) -> str:
        return str(self.value)
