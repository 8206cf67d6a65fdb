"""Database, domain services, validation and export. No Qt widgets, no PySide6."""
