"""Budget Review Desk: the GUI by default, subcommands per shared/spec/INTERFACES.md.

The command line never imports gui/ (and so never Qt) except for the GUI commands.
Exit status: 0 done, 1 open findings of severity error (check), 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="budget-review", description="部门预算信息公开审核工具")
    p.add_argument("--db", help="SQLAlchemy URL（默认：用户数据目录中的 SQLite 文件）")
    sub = p.add_subparsers(dest="command")

    o = sub.add_parser("open", help="打开图形界面并导入文件")
    o.add_argument("files", nargs="+")

    e = sub.add_parser("extract", help="导入文件并输出提取结果 JSON")
    e.add_argument("file")
    e.add_argument("-o", "--output")
    e.add_argument("--ocr", choices=("auto", "always", "never"), default="auto")

    sub.add_parser("list", help="列出数据库中的文档")

    c = sub.add_parser("check", help="校验文件（或文件夹中的全部文件）并列出问题")
    c.add_argument("target", metavar="FILE|DOC_ID|DIR")
    c.add_argument("--json", action="store_true", help="以 JSON 输出问题")

    x = sub.add_parser("export", help="导出省级模板工作簿（部门预算公开表）")
    x.add_argument("target", metavar="FILE|DOC_ID")
    x.add_argument("-o", "--output", help="输出文件或文件夹（默认：当前文件夹，模板文件名）")
    return p


def cmd_extract(args: argparse.Namespace, db) -> int:  # noqa: ANN001 - model.database.Database
    from model import library

    doc_id = library.resolve_document(db, args.file, ocr=args.ocr)
    data = library.extraction_json(library.load_filing(db, doc_id))
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if args.output:
        write_atomically(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text + "\n")
    return EXIT_OK


def cmd_list(args: argparse.Namespace, db) -> int:  # noqa: ANN001
    from model import library, messages

    docs = library.list_documents(db)
    print("编号\t年度\t状态\t待处理问题\t部门\t文件")
    for d in docs:
        status = messages.DOCUMENT_STATUS.get(d.status, d.status)
        print(f"{d.id}\t{d.year or ''}\t{status}\t{d.open_findings}\t{d.department}\t{d.name}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, db) -> int:  # noqa: ANN001
    """Exit 1 when a finding of severity error is open (any filing of a folder)."""
    from model.validation import batch

    if Path(args.target).is_dir():
        rows = batch.check_folder(args.db, Path(args.target))
        if args.json:
            data = {
                "filings": [
                    {
                        "file": r.path,
                        "document_id": r.document_id,
                        "error": r.failure or None,
                        "findings": list(r.findings),
                    }
                    for r in rows
                ]
            }
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        else:
            print(batch.summary_table(rows))
        if any(r.failure for r in rows):
            return EXIT_BAD_INPUT
        return EXIT_FINDINGS if any(r.open_errors for r in rows) else EXIT_OK
    from model import findings, library

    doc_id = library.resolve_document(db, args.target)
    found = findings.check_document(db, doc_id)
    if args.json:
        data = {"findings": [batch.finding_json(f) for f in found]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    else:
        print(batch.findings_text(found, library.load_filing(db, doc_id)))
    return EXIT_FINDINGS if batch.has_open_errors(found) else EXIT_OK


def cmd_export(args: argparse.Namespace, db) -> int:  # noqa: ANN001
    from model import library
    from model.export import export_workbook

    doc_id = library.resolve_document(db, args.target)
    path = export_workbook(db, doc_id, Path(args.output) if args.output else Path.cwd())
    print(path)
    return EXIT_OK


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a crash never leaves half a file."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=".~", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


COMMANDS: dict[str, Callable[[argparse.Namespace, object], int]] = {
    "extract": cmd_extract,
    "list": cmd_list,
    "check": cmd_check,
    "export": cmd_export,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command in (None, "open"):
        from gui.app import run_gui

        return run_gui(db_url=args.db, files=getattr(args, "files", []))

    from model.database import open_database
    from parsers.extraction import InputError

    try:
        db = open_database(args.db)
        try:
            return COMMANDS[args.command](args, db)
        finally:
            db.dispose()
    except InputError as err:
        print(f"错误：{err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as err:
        print(f"错误：{_os_error_line(err, getattr(args, 'output', None))}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _os_error_line(err: OSError, output: str | None) -> str:
    """A full disk or a read-only folder as one Chinese line (strerror is English)."""
    import errno

    from model import messages

    path = err.filename or output or ""
    if err.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return messages.DISK_FULL.format(path=path)
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return messages.WRITE_DENIED.format(path=path)
    return f"{err.strerror or err}：{path}"


if __name__ == "__main__":
    sys.exit(main())
