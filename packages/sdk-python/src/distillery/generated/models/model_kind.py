from enum import StrEnum


class ModelKind(StrEnum):
    DISTILLED = "distilled"
    FINE_TUNED = "fine_tuned"
    IMPORTED = "imported"
    PRESET = "preset"
    TEACHER_ENDPOINT = "teacher_endpoint"

    def __str__(self) -> str:
        return str(self.value)
