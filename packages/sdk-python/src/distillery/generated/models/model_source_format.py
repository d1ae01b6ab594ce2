from enum import StrEnum


class ModelSourceFormat(StrEnum):
    GGUF = "gguf"
    SAFETENSORS = "safetensors"

    def __str__(self) -> str:
        return str(self.value)
