from enum import StrEnum


class QuantizationType(StrEnum):
    F16 = "f16"
    F32 = "f32"
    Q4_0 = "q4_0"
    Q4_K_M = "q4_k_m"
    Q8_0 = "q8_0"

    def __str__(self) -> str:
        return str(self.value)
