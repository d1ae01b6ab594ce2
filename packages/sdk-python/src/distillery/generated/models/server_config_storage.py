from enum import StrEnum


class ServerConfigStorage(StrEnum):
    PGLITE = "pglite"
    POSTGRES = "postgres"

    def __str__(self) -> str:
        return str(self.value)
