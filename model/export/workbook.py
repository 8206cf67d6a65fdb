"""Export one stored filing as the provincial template workbook (TEMPLATE.md).

`export_workbook` runs on a worker thread in the GUI (through run_job) and in the
CLI; it reads the library, builds every sheet in template order, and writes the
file beside the target then renames it into place, so a crash or a cancel never
leaves a half-written workbook or a temporary file behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook

from model.database import Database
from model.domain import FilingData
from model.export import catalog
from model.export.audit_log import audit_trail, write_audit_sheet, write_cut_cells_note
from model.export.cover import write_cover_sheet
from model.export.project_performance import write_indicators_sheet, write_projects_sheet
from model.export.sheet_style import CutCell, cut_cells, fit_rows
from model.export.standard_tables import write_standard_sheet
from model.library import filing_from_session
from model.output_file import OutputFile, OutputTarget, output_target, write_output
from model.progress import NoProgress, Progress

_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def workbook_name(filing: FilingData) -> str:
    """`{部门编码}{部门名称}{预算年度}年部门预算公开表.xlsx`; the source file's stem stands
    in for an unknown department, characters Windows forbids are dropped."""
    dept = f"{filing.department_code or ''}{filing.department_name or ''}"
    if not filing.department_name:
        dept = dept or Path(filing.name).stem
    year = f"{filing.year}年" if filing.year else ""
    return _UNSAFE_IN_NAME.sub("", f"{dept}{year}部门预算公开表") + ".xlsx"


def build_workbook(
    filing: FilingData,
    *,
    trail,  # model.export.audit_log.AuditTrail  # noqa: ANN001
    exported_at: datetime,
    progress: Progress,
) -> Workbook:
    """All sheets in template order; `progress.check()` before each (raises Cancelled)."""
    wb = Workbook()
    wb.remove(wb.active)
    total = len(catalog.SHEETS) + 1
    for done, spec in enumerate(catalog.SHEETS):
        progress.check()
        progress.report(done, total, spec.name)
        ws = wb.create_sheet(spec.name)
        if spec is catalog.COVER:
            write_cover_sheet(
                ws,
                filing,
                reviewers=trail.reviewers,
                open_findings=trail.open_findings,
                exported_at=exported_at,
            )
        elif spec is catalog.PROJECTS:
            write_projects_sheet(ws, spec, filing)
        elif spec is catalog.INDICATORS:
            write_indicators_sheet(ws, spec, filing)
        elif spec is catalog.AUDIT:
            write_audit_sheet(ws, spec, trail)
        else:
            write_standard_sheet(ws, spec, filing.tables_of(spec.kind or ""), filing)
        if spec is not catalog.COVER:
            fit_rows(ws)
    cuts = cut_cells(wb)
    if cuts:
        write_cut_cells_note(wb[catalog.AUDIT.name], cuts)
    wb.active = 0
    return wb


@dataclass(frozen=True)
class Exported:
    """The path written (as the user named it) and the cells cut to Excel's limit."""

    path: Path
    cut_cells: tuple[CutCell, ...]


def export_workbook(
    db: Database,
    document_id: int,
    target: Path | OutputTarget,
    *,
    progress: Progress | None = None,
) -> Path:
    """Write the template workbook of a stored document; return the path written.
    See `export_document`."""
    return export_document(db, document_id, target, progress=progress).path


def export_document(
    db: Database,
    document_id: int,
    target: Path | OutputTarget,
    *,
    progress: Progress | None = None,
) -> Exported:
    """Write the template workbook of a stored document.

    `target` is a folder (the template file name is used; a path ending in a separator
    is always a folder) or a file path; a symbolic link is written through. Raises
    InputError for an unknown document or a target that is a device, a FIFO or a
    missing or read-only folder, OSError when writing fails (its `filename` the path
    given), model.progress.Cancelled when cancelled (nothing written). Reports one
    step per sheet plus one for saving.
    """
    progress = progress or NoProgress()
    if not isinstance(target, OutputTarget):
        target = output_target(target, folder_allowed=True)
    with db.Session() as session:
        filing = filing_from_session(session, document_id)
        trail = audit_trail(session, filing)
    output = target.file(workbook_name(filing))
    wb = build_workbook(filing, trail=trail, exported_at=datetime.now(UTC), progress=progress)
    progress.check()
    progress.report(len(catalog.SHEETS), len(catalog.SHEETS) + 1, "保存")
    save_atomically(wb, output)
    progress.report(len(catalog.SHEETS) + 1, len(catalog.SHEETS) + 1, "完成")
    return Exported(output.shown, cut_cells(wb))


def save_atomically(wb: Workbook, output: OutputFile) -> None:
    """Save beside the target and rename, so a crash never leaves half a workbook."""
    write_output(output, wb.save)
