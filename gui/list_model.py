"""The base of the review window's list models (findings, library, tables): a flat
table whose column count and header come from one tuple of translated labels."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class LabelledListModel(QAbstractTableModel):
    """Subclasses say `column_labels()` (built with self.tr so lupdate finds them in the
    subclass's context) and implement rowCount/data."""

    def column_labels(self) -> tuple[str, ...]:
        raise NotImplementedError

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.column_labels())

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> str | None:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.column_labels()[section]
        return None
