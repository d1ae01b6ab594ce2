from enum import StrEnum


class ApiKeyScope(StrEnum):
    ADMIN = "admin"
    DATASETSREAD = "datasets:read"
    DATASETSWRITE = "datasets:write"
    INFERENCE = "inference"
    JOBSREAD = "jobs:read"
    JOBSWRITE = "jobs:write"
    MODELSREAD = "models:read"
    MODELSWRITE = "models:write"

    def __str__(self) -> str:
        return str(self.value)
