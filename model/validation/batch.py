"""`check` for the command line: one filing, or every filing in a folder checked in
parallel (a process pool over 2 cores; each worker opens its own database session),
with a text progress bar on stderr.

No Qt; the GUI uses model.findings directly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from model import messages
from model.cell_places import CellPlaces
from model.domain import FilingData
from model.findings import FindingData
from model.validation.messages import rule_title
from parsers.formats import SUFFIXES


def finding_json(f: FindingData) -> dict:
    """One finding in the `check --json` shape of INTERFACES.md (plus id/status/note)."""
    return {
        "rule": f.rule,
        "severity": f.severity,
        "table": f.table_title,
        "kind": f.kind,
        "cells": [list(c) for c in f.cells],
        "message": f.message,
        "expected": f.expected,
        "actual": f.actual,
        "id": f.id,
        "status": f.status,
        "note": f.note,
    }


def has_open_errors(findings: list[FindingData]) -> bool:
    return any(f.severity == "error" and f.status == "open" and f.active for f in findings)


@dataclass(frozen=True)
class FilingCheck:
    """The outcome for one file of a folder."""

    path: str
    document_id: int | None = None
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    open_errors: int = 0
    failure: str = ""
    findings: tuple[dict, ...] = field(default=())


def check_one(db_url: str | None, path: str) -> FilingCheck:
    """Worker: import (or reuse) and check one file in its own database session.
    Module-level so a process pool can run it."""
    from model.database import open_database
    from model.findings import check_document
    from model.library import resolve_document
    from parsers.extraction import InputError

    try:
        db = open_database(db_url)
        try:
            doc_id = resolve_document(db, path)
            findings = check_document(db, doc_id)
        finally:
            db.dispose()
    except InputError as err:
        return FilingCheck(path, failure=str(err))
    except Exception as err:  # noqa: BLE001 - one bad file must not stop the batch
        return FilingCheck(path, failure=f"{type(err).__name__}: {err}")
    return FilingCheck(
        path,
        doc_id,
        errors=sum(f.severity == "error" for f in findings),
        warnings=sum(f.severity == "warning" for f in findings),
        infos=sum(f.severity == "info" for f in findings),
        open_errors=sum(f.severity == "error" and f.status == "open" for f in findings),
        findings=tuple(finding_json(f) for f in findings),
    )


def folder_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$"))
    )


def progress_bar(stream: TextIO) -> Callable[[int, int, str], None]:
    def report(done: int, total: int, text: str) -> None:
        width = 30
        filled = width * done // max(total, 1)
        stream.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {done}/{total} {text[:40]:<40}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return report


def check_folder(
    db_url: str | None, folder: Path, *, workers: int = 2, stream: TextIO | None = None
) -> list[FilingCheck]:
    """Every filing in `folder`, checked in parallel; results in file-name order."""
    files = folder_files(folder)
    report = progress_bar(stream or sys.stderr)
    results: dict[str, FilingCheck] = {}
    report(0, len(files), "")
    if not files:
        return []
    with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(check_one, db_url, str(p)): p for p in files}
        for done, fut in enumerate(as_completed(futures), 1):
            path = futures[fut]
            results[str(path)] = fut.result()
            report(done, len(files), path.name)
    return [results[str(p)] for p in files]


def summary_table(rows: list[FilingCheck]) -> str:
    """The per-filing summary printed after a folder check (tab-separated)."""
    lines = ["文件\t编号\t错误\t警告\t提示\t结果"]
    for r in rows:
        name = Path(r.path).name
        if r.failure:
            lines.append(f"{name}\t\t\t\t\t无法读取：{r.failure}")
        else:
            verdict = "有待处理的错误" if r.open_errors else "通过"
            lines.append(f"{name}\t{r.document_id}\t{r.errors}\t{r.warnings}\t{r.infos}\t{verdict}")
    return "\n".join(lines)


def findings_text(findings: list[FindingData], filing: FilingData) -> str:
    """Human-readable findings for `check FILE` without --json: the year, then each
    finding with its rule's Chinese name and its cells as printed; notes apart."""
    places = CellPlaces(filing.tables)  # each table read once, however many cells
    year = f"{filing.year}年" if filing.year else "年度未识别"
    lines = [f"{filing.department_name or filing.name}　{year}"]
    for f in sorted(findings, key=lambda f: f.severity == "info"):
        where = f.table_title or "（全文）"
        cells = "、".join(places.place(f.table_id, r, c) for r, c in f.cells[:3])
        status = "" if f.status == "open" else f"［{messages.FINDING_STATUS.get(f.status)}］"
        lines.append(
            f"{messages.SEVERITY.get(f.severity, f.severity)}\t{rule_title(f.rule)}\t{where}"
            f"\t{cells}\t{f.message}{status}"
        )
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    waiting = sum(f.waiting for f in findings)
    lines.append(
        f"待处理 {waiting} 项（错误 {errors}，警告 {warnings}）；"
        f"另有提示 {len(findings) - errors - warnings} 项，无需处理"
    )
    return "\n".join(lines)
