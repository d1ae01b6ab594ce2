from enum import StrEnum


class DatasetFormat(StrEnum):
    MESSAGES = "messages"
    PROMPT_COMPLETION = "prompt_completion"

    def __str__(self) -> str:
        return str(self.value)
