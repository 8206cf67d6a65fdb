"""Time import, `check` (text and --json) and export on one coded 支出总表 of N rows, to
show that each grows linearly with the rows (issue: 4,000 rows took 105 s, 10,000 rows
past 600 s).

The table lists 类/款/项 codes (2xx / 2xxyy / 2xxyyzz) whose amounts add up, except that
every 10th 项 row's 合计 is 1.00 too high, so a large table carries hundreds of findings
(its 合计 against 基本支出 + 项目支出, and its 款 and 类 sums).

    uv run python bench/large_table.py [--sizes 1000 4000 10000]
    uv run python -m cProfile -s cumtime bench/large_table.py --sizes 4000
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import main as cli  # noqa: E402
from model.database import open_database  # noqa: E402
from model.export import export_workbook  # noqa: E402
from model.importing import store_filing  # noqa: E402
from parsers.extraction import ExtractedFiling, ExtractedTable  # noqa: E402

TITLE = "部门预算支出总表"
HEADER = [
    ["序号", "功能分类科目", "", "合计", "基本支出", "项目支出"],
    ["", "科目编码", "科目名称", "", "", ""],
    ["栏次", "1", "2", "3", "4", "5"],
]
MERGES = [[0, 0, 2, 1], [0, 1, 1, 2], [0, 3, 2, 1], [0, 4, 2, 1], [0, 5, 2, 1]]
ITEMS_PER_SECTION = 9  # 项 under each 款
SECTIONS_PER_CLASS = 20  # 款 under each 类
CENT = Decimal("0.01")


def _money(v: Decimal) -> str:
    return f"{v.quantize(CENT)}"


def coded_rows(n: int) -> list[list[str]]:
    """About `n` body rows (a 合计 row, then whole 类 blocks) of the coded table."""
    body: list[tuple[str, str, Decimal, Decimal, bool]] = []  # code, name, basic, project
    totals: list[tuple[Decimal, Decimal]] = []
    item = 0
    cls = 0
    while len(body) < n - 1:
        cls += 1
        cls_code = f"{200 + cls}"
        cls_at = len(body)
        body.append((cls_code, f"第{cls}类支出", Decimal(0), Decimal(0), False))
        cls_basic = cls_project = Decimal(0)
        for s in range(1, SECTIONS_PER_CLASS + 1):
            sec_code = f"{cls_code}{s:02d}"
            sec_at = len(body)
            body.append((sec_code, f"第{cls}类第{s}款", Decimal(0), Decimal(0), False))
            sec_basic = sec_project = Decimal(0)
            for i in range(1, ITEMS_PER_SECTION + 1):
                item += 1
                basic = Decimal(item % 97 + 10) + Decimal(item % 13) / 100
                project = Decimal(item % 89 + 5) + Decimal(item % 7) / 100
                body.append((f"{sec_code}{i:02d}", f"项目{item}", basic, project, item % 10 == 0))
                sec_basic += basic
                sec_project += project
            body[sec_at] = (sec_code, body[sec_at][1], sec_basic, sec_project, False)
            cls_basic += sec_basic
            cls_project += sec_project
        body[cls_at] = (cls_code, body[cls_at][1], cls_basic, cls_project, False)
        totals.append((cls_basic, cls_project))
    basic_all = sum((b for b, _ in totals), Decimal(0))
    project_all = sum((p for _, p in totals), Decimal(0))
    rows = [
        ["1", "", "合计", _money(basic_all + project_all), _money(basic_all), _money(project_all)]
    ]
    for number, (code, name, basic, project, off) in enumerate(body, start=2):
        total = basic + project + (Decimal(1) if off else 0)
        rows.append([str(number), code, name, _money(total), _money(basic), _money(project)])
    return rows


def large_filing(n: int) -> ExtractedFiling:
    table = ExtractedTable.from_rows(
        HEADER + coded_rows(n),
        MERGES,
        title=TITLE,
        kind="expenditure_summary",
        part=None,
        header_rows=3,
        pages=[1],
        caption_lines=["999测试部门", "预算年度：2024", "单位：万元"],
    )
    return ExtractedFiling(
        source=f"large-{n}.txt",
        sha256=f"{n:064d}",
        pages=1,
        blocks=[table],
        department_code="999",
        department_name="测试部门",
        year=2024,
    )


def _timed(step: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    step()
    return time.perf_counter() - t0


def measure(n: int) -> dict[str, float]:
    filing = large_filing(n)
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        db = open_database(url)
        ids: list[int] = []

        def store() -> None:
            with db.Session.begin() as session:
                doc = store_filing(filing, b"bench", "txt")
                session.add(doc)
                session.flush()
                ids.append(doc.id)

        times["import"] = _timed(store)
        doc_id = ids[0]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            times["check"] = _timed(lambda: cli.main(["--db", url, "check", str(doc_id)]))
        lines = out.getvalue().count("\n")
        with contextlib.redirect_stdout(io.StringIO()):
            times["check --json"] = _timed(
                lambda: cli.main(["--db", url, "check", str(doc_id), "--json"])
            )
        times["export"] = _timed(lambda: export_workbook(db, doc_id, Path(tmp)))
        times["findings"] = lines - 2
        db.dispose()
    return times


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000], help="body rows")
    args = ap.parse_args()
    steps = ("import", "check", "check --json", "export")
    print(f"{'rows':>6} {'findings':>8} " + " ".join(f"{s:>13}" for s in steps) + "   (s)")
    per_k: list[tuple[int, dict[str, float]]] = []
    for n in args.sizes:
        t = measure(n)
        per_k.append((n, t))
        print(
            f"{n:>6} {int(t['findings']):>8} " + " ".join(f"{t[s]:>13.2f}" for s in steps),
            flush=True,
        )
    print("s per 1000 rows:")
    for n, t in per_k:
        print(f"{n:>6} {'':>8} " + " ".join(f"{t[s] / n * 1000:>13.3f}" for s in steps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
