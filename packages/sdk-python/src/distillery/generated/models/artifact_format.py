from enum import StrEnum


class ArtifactFormat(StrEnum):
    CONFIG = "config"
    GGUF_F16 = "gguf_f16"
    GGUF_F32 = "gguf_f32"
    GGUF_Q4_0 = "gguf_q4_0"
    GGUF_Q4_K_M = "gguf_q4_k_m"
    GGUF_Q8_0 = "gguf_q8_0"
    SAFETENSORS = "safetensors"
    TOKENIZER = "tokenizer"

    def __str__(self) -> str:
        return str(self.value)
