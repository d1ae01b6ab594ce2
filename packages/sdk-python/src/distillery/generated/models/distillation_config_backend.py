from enum import StrEnum


class DistillationConfigBackend(StrEnum):
    AUTO = "auto"
    CPU = "cpu"
    WEBGPU = "webgpu"

    def __str__(self) -> str:
        return str(self.value)
