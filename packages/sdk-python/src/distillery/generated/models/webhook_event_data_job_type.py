from enum import StrEnum


class WebhookEventDataJobType(StrEnum):
    DISTILLATION = "distillation"
    FINE_TUNING = "fine_tuning"

    def __str__(self) -> str:
        return str(self.value)
