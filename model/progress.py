"""The progress contract for services (re-exported from parsers, which must not import model)."""

from parsers.progress import (
    ASSEMBLING,
    OCR,
    PHASES,
    READING,
    Cancelled,
    NoProgress,
    Progress,
    begin_phase,
)

__all__ = [
    "ASSEMBLING",
    "OCR",
    "PHASES",
    "READING",
    "Cancelled",
    "NoProgress",
    "Progress",
    "begin_phase",
]
