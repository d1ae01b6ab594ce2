from enum import StrEnum


class EstimateBackend(StrEnum):
    CPU = "cpu"
    WEBGPU = "webgpu"

    def __str__(self) -> str:
        return str(self.value)
