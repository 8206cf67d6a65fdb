"""The 封面 sheet: who and what the workbook is about — department, year, unit, the
source file and its SHA-256, review status per table, reviewers, export time and
the count of open findings.
"""

from __future__ import annotations

from datetime import datetime

from openpyxl.worksheet.worksheet import Worksheet

from model.domain import FilingData
from model.export import catalog
from model.export.sheet_style import fit_columns, print_setup, title_row
from model.export.table_block import Grid, GridCell, write_grid

REVIEW_STATUS = {"unreviewed": "未审核", "in_review": "审核中", "reviewed": "已审核"}


def table_status(filing: FilingData, kind: str | None) -> tuple[str, str]:
    """(number of stored tables, review status) of one template sheet's kind."""
    tables = filing.tables_of(kind) if kind else []
    if not tables:
        return "0", "无此表"
    states = {t.review_status for t in tables}
    if states == {"reviewed"}:
        status = "已审核"
    elif states == {"unreviewed"}:
        status = "未审核"
    else:
        done = sum(1 for t in tables if t.review_status == "reviewed")
        status = f"审核中（{done}/{len(tables)}）"
    return str(len(tables)), status


def write_cover_sheet(
    ws: Worksheet,
    filing: FilingData,
    *,
    reviewers: tuple[str, ...],
    open_findings: int,
    exported_at: datetime,
) -> None:
    title = f"{filing.department_name or ''}{filing.year or ''}年部门预算公开表"
    title_row(ws, 1, title, 3)
    facts = (
        ("部门编码", filing.department_code or ""),
        ("部门名称", filing.department_name or ""),
        ("预算年度", str(filing.year or "")),
        ("金额单位", "万元"),
        ("来源文件", filing.name),
        ("来源文件SHA-256", filing.sha256),
        ("审核人", "、".join(reviewers)),
        ("导出时间", exported_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")),
        ("未处理问题数", str(open_findings)),
    )
    grid = Grid(
        len(facts),
        3,
        0,
        tuple(GridCell(r, 0, k) for r, (k, _) in enumerate(facts))
        + tuple(GridCell(r, 1, v, 1, 2) for r, (_, v) in enumerate(facts)),
    )
    row = write_grid(ws, 3, grid) + 1
    status_rows = [("表", "表数", "审核状态")]
    for spec in catalog.SHEETS:
        if spec.kind is not None:
            status_rows.append((spec.name, *table_status(filing, spec.kind)))
    status = Grid(
        len(status_rows),
        3,
        1,
        tuple(GridCell(r, c, t) for r, row_ in enumerate(status_rows) for c, t in enumerate(row_)),
    )
    write_grid(ws, row, status)
    fit_columns(ws, [26, 30, 40], maximum=70)
    print_setup(ws, 3, None)
