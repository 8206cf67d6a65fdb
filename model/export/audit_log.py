"""The 审核记录 sheet: every finding (rule, table, cell, message, status, note), every
cell edit (table, cell, original, corrected, reviewer, time), every change of the
filing's own details or choice to go on with open errors, every decision on a finding
(reopenings included, automatic ones too), every review mark of a table set or taken
back, and the info notes, of one document. Rules are named in Chinese and cells as
printed (row label and column header).

Info notes ("本文件没有…，此项检查未进行") are listed in a section of their own, not
among the findings: they ask nothing of the clerk, so they are never 未处理 (domain.
OPEN_SEVERITIES), but a reader of the workbook must know which checks did not run —
left out, a check not run would read as a check passed.

Reads Finding and Edit rows itself (model.schema) so export does not wait on the
findings service; returns plain tuples, no ORM object leaves this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from model import messages
from model.cell_places import CellPlaces
from model.domain import OPEN_SEVERITIES, FilingData, counts_as_open
from model.export.catalog import SheetSpec
from model.export.sheet_style import (
    EXCEL_CELL_LIMIT,
    CutCell,
    fit_columns,
    print_setup,
    put_text,
    title_row,
)
from model.export.table_block import Grid, GridCell, write_grid
from model.schema import DocumentEdit, Edit, Finding, FindingDecision, ReviewMark, Table
from model.validation.messages import rule_title

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
DOCUMENT_COLUMNS = ("序号", "事项", "原为", "改为或说明", "审核人", "时间")
DECISION_COLUMNS = ("序号", "规则", "表格", "单元格", "处理", "理由", "处理人", "时间")
MARK_COLUMNS = ("序号", "表格", "操作", "审核人", "时间")
NOTE_COLUMNS = ("序号", "规则", "表格", "说明")
DECISION = {"open": "重新打开", "confirmed": "确认", "dismissed": "忽略"}
DOCUMENT_FIELDS = {
    "department_code": "部门编码",
    "department_name": "部门名称",
    "year": "预算年度",
    "unit": "金额单位",
    "reviewed_with_open_errors": "有未处理的错误时标记为已审核",
    "exported_with_open_errors": "有未处理的错误时导出",
}


@dataclass(frozen=True)
class AuditTrail:
    findings: tuple[tuple[str, ...], ...]
    edits: tuple[tuple[str, ...], ...]
    document_edits: tuple[tuple[str, ...], ...]
    reviewers: tuple[str, ...]
    open_findings: int
    decisions: tuple[tuple[str, ...], ...] = ()
    review_marks: tuple[tuple[str, ...], ...] = ()
    notes: tuple[tuple[str, ...], ...] = ()


def _time(at: datetime | None) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if at else ""


def _mark_action(mark: ReviewMark) -> str:
    if mark.reviewed:
        return "标记为已审核"
    if mark.reason is None:
        return "取消已审核"
    return f"{ACTION.get(mark.reason, mark.reason)}后退回待审核"


def audit_trail(session: Session, filing: FilingData) -> AuditTrail:
    document_id = filing.id
    places = CellPlaces(filing.tables)  # each table read once, however many cells
    titles = {t.id: t.title for t in filing.tables}
    stored = session.scalars(
        select(Finding).where(Finding.document_id == document_id).order_by(Finding.id)
    ).all()
    findings = [f for f in stored if f.severity in OPEN_SEVERITIES]
    notes = [f for f in stored if f.severity not in OPEN_SEVERITIES]
    by_id = {f.id: f for f in stored}
    decisions = session.scalars(
        select(FindingDecision)
        .where(FindingDecision.finding_id.in_(list(by_id)))
        .order_by(FindingDecision.at, FindingDecision.id)
    ).all()
    marks = (
        session.scalars(
            select(ReviewMark)
            .where(ReviewMark.table_id.in_(list(titles)))
            .order_by(ReviewMark.at, ReviewMark.id)
        ).all()
        if titles
        else []
    )
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
            rule_title(f.rule),
            messages.SEVERITY.get(f.severity, f.severity),
            titles.get(f.table_id, ""),
            "、".join(places.place(f.table_id, r, c) for r, c in (f.cells or [])),
            f.message,
            f.expected or "",
            f.actual or "",
            messages.FINDING_STATUS.get(f.status, f.status) + ("" if f.active else "（已消除）"),
            f.note or "",
            f.decided_by or "",
        )
        for i, f in enumerate(findings, start=1)
    )
    edit_rows = tuple(
        (
            str(i),
            titles.get(e.table_id, ""),
            places.place(e.table_id, e.row, e.col),
            ACTION.get(e.action, e.action),
            e.old_text or "",
            e.new_text or "",
            e.reviewer,
            _time(e.at),
        )
        for i, e in enumerate(edits, start=1)
    )
    document_edits = session.scalars(
        select(DocumentEdit)
        .where(DocumentEdit.document_id == document_id)
        .order_by(DocumentEdit.at, DocumentEdit.id)
    ).all()
    document_rows = tuple(
        (
            str(i),
            DOCUMENT_FIELDS.get(d.field, d.field),
            d.old_value or "",
            d.new_value or "",
            d.reviewer,
            _time(d.at),
        )
        for i, d in enumerate(document_edits, start=1)
    )
    decision_rows = tuple(
        (
            str(i),
            rule_title(by_id[d.finding_id].rule),
            titles.get(by_id[d.finding_id].table_id, ""),
            "、".join(
                places.place(by_id[d.finding_id].table_id, r, c)
                for r, c in (by_id[d.finding_id].cells or [])
            ),
            DECISION.get(d.status, d.status),
            d.note or "",
            d.reviewer,
            _time(d.at),
        )
        for i, d in enumerate(decisions, start=1)
    )
    mark_rows = tuple(
        (str(i), titles.get(m.table_id, ""), _mark_action(m), m.reviewer, _time(m.at))
        for i, m in enumerate(marks, start=1)
    )
    note_rows = tuple(
        (str(i), rule_title(f.rule), titles.get(f.table_id, ""), f.message)
        for i, f in enumerate((f for f in notes if f.active), start=1)
    )
    table_reviewers = session.scalars(
        select(Table.reviewed_by).where(Table.document_id == document_id)
    ).all()
    names = (
        [e.reviewer for e in edits]
        + [f.decided_by or "" for f in findings]
        + [d.reviewer for d in decisions]
        + list(table_reviewers)
        + [m.reviewer for m in marks]
        + [d.reviewer for d in document_edits]
    )
    return AuditTrail(
        finding_rows,
        edit_rows,
        document_rows,
        tuple(dict.fromkeys(n for n in names if n and n != messages.AUTOMATIC_REVIEWER)),
        sum(1 for f in findings if counts_as_open(f.severity, f.status, f.active)),
        decision_rows,
        mark_rows,
        note_rows,
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
    n_cols = max(
        len(c)
        for c in (
            FINDING_COLUMNS,
            EDIT_COLUMNS,
            DOCUMENT_COLUMNS,
            DECISION_COLUMNS,
            MARK_COLUMNS,
            NOTE_COLUMNS,
        )
    )
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
    row = _section(
        ws, row + 1, f"二、修改记录（共{len(trail.edits)}条）", EDIT_COLUMNS, trail.edits, widths
    )
    row = _section(
        ws,
        row + 1,
        f"三、文件信息修改及审核决定（共{len(trail.document_edits)}条）",
        DOCUMENT_COLUMNS,
        trail.document_edits,
        widths,
    )
    row = _section(
        ws,
        row + 1,
        f"四、问题处理记录（共{len(trail.decisions)}条，含重新打开）",
        DECISION_COLUMNS,
        trail.decisions,
        widths,
    )
    row = _section(
        ws,
        row + 1,
        f"五、表格审核标记（共{len(trail.review_marks)}条）",
        MARK_COLUMNS,
        trail.review_marks,
        widths,
    )
    _section(
        ws,
        row + 1,
        f"六、提示（共{len(trail.notes)}条，无需处理，不计入未处理问题）",
        NOTE_COLUMNS,
        trail.notes,
        widths,
    )
    fit_columns(ws, widths, maximum=50)
    print_setup(ws, n_cols, None)


def write_cut_cells_note(ws: Worksheet, cuts: tuple[CutCell, ...]) -> None:
    """Below the audit trail: the cells cut to Excel's limit, one row each, so a reader
    of the workbook knows the text there is not the whole of the filing's."""
    row = ws.max_row + 2
    put_text(ws, row, 1, messages.CELLS_CUT_HEADING.format(limit=EXCEL_CELL_LIMIT, count=len(cuts)))
    for i, cut in enumerate(cuts, start=1):
        place = f"{cut.sheet}!{cut.coordinate}"
        put_text(ws, row + i, 1, str(i))
        put_text(
            ws,
            row + i,
            2,
            messages.CELL_CUT_ROW.format(place=place, length=cut.length, limit=EXCEL_CELL_LIMIT),
        )
