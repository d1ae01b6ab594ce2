from enum import StrEnum


class FineTuningJobBackend(StrEnum):
    AUTO = "auto"
    CPU = "cpu"
    WEBGPU = "webgpu"

    def __str__(self) -> str:
        return str(self.value)
