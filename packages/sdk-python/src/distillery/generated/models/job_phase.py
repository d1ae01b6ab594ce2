from enum import StrEnum


class JobPhase(StrEnum):
    CURATION = "curation"
    DATA_GENERATION = "data_generation"
    DONE = "done"
    EVALUATION = "evaluation"
    EXPORT = "export"
    INITIALIZING = "initializing"
    TRAINING = "training"

    def __str__(self) -> str:
        return str(self.value)
