"""The generated request and response models, under a stable name: `from distillery.types import DistillationJob`."""

from .generated.models import *  # noqa: F403
from .generated.models import __all__  # noqa: F401
