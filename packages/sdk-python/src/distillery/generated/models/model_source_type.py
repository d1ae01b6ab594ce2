from enum import StrEnum


class ModelSourceType(StrEnum):
    UPLOAD = "upload"
    URL = "url"

    def __str__(self) -> str:
        return str(self.value)
