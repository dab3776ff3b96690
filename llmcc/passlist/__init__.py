"""Pass-list subsystem: parse, check and nest model-proposed ``opt`` pipelines.

Imported on every compile, so it uses the standard library only and does no
work at import time; the registry costs one ``opt --print-passes`` run, which
callers cache via :meth:`PassRegistry.from_text`.
"""

from .denylist import DENYLIST
from .errors import PassListError, Rejected
from .grammar import Pass, Pipeline, parse
from .registry import PassRegistry
from .vet import vet

__all__ = [
    "DENYLIST",
    "Pass",
    "PassListError",
    "PassRegistry",
    "Pipeline",
    "Rejected",
    "parse",
    "vet",
]
