"""The provincial template workbook (TEMPLATE.md): `export_workbook(db, id, target)`.

One module per sheet family; no gui/ or Qt imports.
"""

from model.export.workbook import export_workbook, workbook_name

__all__ = ["export_workbook", "workbook_name"]
