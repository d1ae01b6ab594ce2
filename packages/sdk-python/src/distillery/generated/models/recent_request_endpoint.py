from enum import StrEnum


class RecentRequestEndpoint(StrEnum):
    CHAT_COMPLETIONS = "chat.completions"
    COMPLETIONS = "completions"
    COMPLETIONS_BATCH = "completions.batch"
    EMBEDDINGS = "embeddings"

    def __str__(self) -> str:
        return str(self.value)
