"""The progress contract for services (re-exported from parsers, which must not import model)."""

from parsers.progress import Cancelled, NoProgress, Progress

__all__ = ["Cancelled", "NoProgress", "Progress"]
