"""Budget Review Desk: the GUI by default, subcommands per shared/spec/INTERFACES.md.

The command line never imports gui/ (and so never Qt) except for the GUI commands.
Exit status: 0 done, 1 open findings of severity error (check), 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2

# argparse's messages (Python 3.11 wording) and their Chinese; %-placeholders become groups.
_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), chinese)
    for pattern, chinese in (
        (r"the following arguments are required: (?P<a>.*)", "缺少参数：{a}"),
        (r"unrecognized arguments: (?P<a>.*)", "无法识别的参数：{a}"),
        (r"one of the arguments (?P<a>.*) is required", "需要以下参数之一：{a}"),
        (r"ambiguous option: (?P<a>\S+) could match (?P<b>.*)", "选项 {a} 有歧义，可能是：{b}"),
        (
            r"argument (?P<a>\S+): invalid choice: (?P<b>.*) \(choose from (?P<c>.*)\)",
            "参数 {a} 的取值 {b} 无效（可选：{c}）",
        ),
        (r"argument (?P<a>\S+): invalid choice: (?P<b>.*)", "参数 {a} 的取值无效：{b}"),
        (r"argument (?P<a>\S+): expected one argument", "参数 {a} 需要一个值"),
        (r"argument (?P<a>\S+): expected at most one argument", "参数 {a} 最多接受一个值"),
        (r"argument (?P<a>\S+): expected at least one argument", "参数 {a} 至少需要一个值"),
        (r"argument (?P<a>\S+): expected (?P<b>\d+) arguments?", "参数 {a} 需要 {b} 个值"),
        (r"argument (?P<a>\S+): invalid (?P<b>\S+) value: (?P<c>.*)", "参数 {a} 的值无效：{c}"),
        (
            r"argument (?P<a>\S+): not allowed with argument (?P<b>.*)",
            "参数 {a} 不能与 {b} 同时使用",
        ),
        (r"argument (?P<a>\S+): ignored explicit argument (?P<b>.*)", "参数 {a} 不接受值：{b}"),
    )
)


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse whose errors are one Chinese line on stderr and exit status 2 (--help and
    the usage text stay as argparse writes them). Subparsers inherit the class."""

    def error(self, message: str) -> NoReturn:
        from parsers.limits import display_name

        for pattern, chinese in _ARGPARSE_ERRORS:
            found = pattern.fullmatch(message)
            if found:
                line = chinese.format(**found.groupdict())
                break
        else:
            line = "命令行参数有误"
        self.exit(EXIT_BAD_INPUT, f"错误：{display_name(line, 300)}（用 --help 查看用法）\n")


def _parser() -> argparse.ArgumentParser:
    p = ChineseArgumentParser(prog="budget-review", description="部门预算信息公开审核工具")
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
    from model.output_file import output_target, write_output_bytes

    # Checked before the import, so an output that cannot be written changes nothing.
    target = output_target(args.output, folder_allowed=False) if args.output else None
    doc_id = library.resolve_document(db, args.file, ocr=args.ocr)
    data = library.extraction_json(library.load_filing(db, doc_id))
    if not data["tables"]:
        print(f"提示：{data['source']} 中没有找到预算表格（已导入其文字）", file=sys.stderr)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if target is not None:
        write_output_bytes(target.file(""), text.encode("utf-8"))
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
        if not batch.folder_files(Path(args.target)):
            from model import messages
            from parsers.extraction import InputError
            from parsers.limits import display_name

            raise InputError(messages.FOLDER_HAS_NO_FILINGS.format(path=display_name(args.target)))
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
    from model import library, messages
    from model.export.sheet_style import EXCEL_CELL_LIMIT
    from model.export.workbook import export_document
    from model.output_file import output_target

    # Checked before the import, so an output that cannot be written changes nothing.
    target = output_target(args.output or Path.cwd(), folder_allowed=True)
    doc_id = library.resolve_document(db, args.target)
    exported = export_document(db, doc_id, target)
    if exported.cut_cells:
        cells = "、".join(f"{c.sheet}!{c.coordinate}" for c in exported.cut_cells[:5])
        more = "等" if len(exported.cut_cells) > 5 else ""
        print(
            messages.CELLS_CUT.format(
                count=len(exported.cut_cells), limit=EXCEL_CELL_LIMIT, cells=cells + more
            ),
            file=sys.stderr,
        )
    print(exported.path)
    return EXIT_OK


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
        from model import messages

        print(f"错误：{messages.os_error_line(err)}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
