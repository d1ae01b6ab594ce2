from enum import StrEnum


class ModelTokenizerType(StrEnum):
    BYTE_LEVEL_BPE = "byte-level-bpe"
    SENTENCEPIECE_BPE = "sentencepiece-bpe"

    def __str__(self) -> str:
        return str(self.value)
