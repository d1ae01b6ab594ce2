from enum import StrEnum


class ServerConfigAuthMode(StrEnum):
    KEYS = "keys"
    LOOPBACK = "loopback"

    def __str__(self) -> str:
        return str(self.value)
