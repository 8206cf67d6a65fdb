"""The 审核记录 sheet: every finding (rule, table, cell, message, status, note) and every
edit (table, cell, original, corrected, reviewer, time) of one document.

Reads Finding and Edit rows itself (model.schema) so export does not wait on the
findings service; returns plain tuples, no ORM object leaves this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from model.export.catalog import SheetSpec
from model.export.sheet_style import fit_columns, print_setup, put_text, title_row
from model.export.table_block import Grid, GridCell, write_grid
from model.schema import Edit, Finding, Table

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS = {"open": "未处理", "confirmed": "已确认", "dismissed": "已忽略"}
ACTION = {"set": "修改", "insert_row": "插入行", "delete_row": "删除行"}

FINDING_COLUMNS = (
    "序号",
    "规则",
    "严重程度",
    "表格",
    "单元格",
    "说明",
    "应为",
    "实为",
    "状态",
    "备注",
    "处理人",
)
EDIT_COLUMNS = ("序号", "表格", "单元格", "操作", "原文", "更正为", "审核人", "时间")


@dataclass(frozen=True)
class AuditTrail:
    findings: tuple[tuple[str, ...], ...]
    edits: tuple[tuple[str, ...], ...]
    reviewers: tuple[str, ...]
    open_findings: int


def cell_label(row: int, col: int | None) -> str:
    """A 0-based table position as the clerk reads it: 第3行第2列."""
    return f"第{row + 1}行" + (f"第{col + 1}列" if col is not None else "")


def _time(at: datetime | None) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if at else ""


def audit_trail(session: Session, document_id: int) -> AuditTrail:
    titles = dict(
        session.execute(select(Table.id, Table.title).where(Table.document_id == document_id)).all()
    )
    findings = session.scalars(
        select(Finding).where(Finding.document_id == document_id).order_by(Finding.id)
    ).all()
    edits = (
        session.scalars(
            select(Edit).where(Edit.table_id.in_(list(titles))).order_by(Edit.at, Edit.id)
        ).all()
        if titles
        else []
    )
    finding_rows = tuple(
        (
            str(i),
            f.rule,
            SEVERITY.get(f.severity, f.severity),
            titles.get(f.table_id, ""),
            "、".join(cell_label(r, c) for r, c in (f.cells or [])),
            f.message,
            f.expected or "",
            f.actual or "",
            STATUS.get(f.status, f.status) + ("" if f.active else "（已消除）"),
            f.note or "",
            f.decided_by or "",
        )
        for i, f in enumerate(findings, start=1)
    )
    edit_rows = tuple(
        (
            str(i),
            titles.get(e.table_id, ""),
            cell_label(e.row, e.col),
            ACTION.get(e.action, e.action),
            e.old_text or "",
            e.new_text or "",
            e.reviewer,
            _time(e.at),
        )
        for i, e in enumerate(edits, start=1)
    )
    table_reviewers = session.scalars(
        select(Table.reviewed_by).where(Table.document_id == document_id)
    ).all()
    names = (
        [e.reviewer for e in edits] + [f.decided_by or "" for f in findings] + list(table_reviewers)
    )
    return AuditTrail(
        finding_rows,
        edit_rows,
        tuple(dict.fromkeys(n for n in names if n)),
        sum(1 for f in findings if f.status == "open" and f.active),
    )


def _section(
    ws: Worksheet,
    top: int,
    heading: str,
    columns: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    widths: list[int],
) -> int:
    put_text(ws, top, 1, heading)
    grid = Grid(
        1 + len(rows),
        len(columns),
        1,
        tuple(GridCell(0, i, t) for i, t in enumerate(columns))
        + tuple(
            GridCell(r, c, t) for r, row in enumerate(rows, start=1) for c, t in enumerate(row)
        ),
    )
    end = write_grid(ws, top + 1, grid, widths=widths)
    if not rows:
        put_text(ws, end, 1, "（无）")
        end += 1
    return end


def write_audit_sheet(ws: Worksheet, spec: SheetSpec, trail: AuditTrail) -> None:
    n_cols = max(len(FINDING_COLUMNS), len(EDIT_COLUMNS))
    title_row(ws, 1, spec.title, n_cols)
    widths = [0] * n_cols
    row = _section(
        ws,
        3,
        f"一、审核发现的问题（共{len(trail.findings)}条）",
        FINDING_COLUMNS,
        trail.findings,
        widths,
    )
    _section(
        ws, row + 1, f"二、修改记录（共{len(trail.edits)}条）", EDIT_COLUMNS, trail.edits, widths
    )
    fit_columns(ws, widths, maximum=50)
    print_setup(ws, n_cols, None)
