from enum import StrEnum


class HardwareBackendName(StrEnum):
    CPU = "cpu"
    WEBGPU = "webgpu"

    def __str__(self) -> str:
        return str(self.value)
