"""The one reading of a table's columns: which hold codes (one column, or 类/款/项 in
two or three), which the names, which amounts and what each amount means, the panels
printed side by side (收入 | 支出), where the header ends, and which columns a total adds
up, as the filing's own merged header says.

Provinces print the same table in many layouts (DOMAIN.md, "Real filings of other
provinces"), so nothing here goes by position: a column is what its header and its body
say it is. The reading is made once from a table and used by the rules, the editor and
the export alike. Duck-typed over any table with `cells` (row, col, rowspan, colspan,
text), `n_rows`, `n_cols` and `header_rows`: parsers' ExtractedTable and model's
TableData both fit. Pure; imports nothing from model or gui.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from parsers.tables.amounts import compact, is_blank, parse_amount
from parsers.tables.classify import squeeze
from parsers.tables.kinds import TEXT_KINDS

# Column roles. CODED_NAME: code and name printed in one cell (2010101-行政运行), the
# column then gives both the code and the name of the row.
SEQ, CODE, NAME, AMOUNT, TEXT = "seq", "code", "name", "amount", "text"
CODED_NAME = "coded_name"

# Amount meanings. A total adds its parts; prior-year figures, changes and rates are
# printed beside them but are no part of any total.
TOTAL, SUBTOTAL, PART = "total", "subtotal", "part"
PRIOR, CHANGE, RATE = "prior", "change", "rate"
COUNT = "count"  # 数量, 人数: a figure, but no money (never converted, never summed with money)
# 其中：X under a figure: a share of it (专项资金, 预留给中小企业的资金, 经费拨款), no part
# that adds up with its siblings
OF_WHICH = "of_which"
NOT_PARTS = frozenset({PRIOR, CHANGE, RATE, COUNT, OF_WHICH})
NOT_MONEY = frozenset({RATE, COUNT})

log = logging.getLogger(__name__)

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_CODE_PART = re.compile(r"^\d{1,2}$")  # 款/项 part; Excel exports drop a leading 0
_CODE_PART_HEADS = ("类", "款", "项")
_CODE_HEAD = ("编码", "代码", "科目代码", "科目编号")
# a code before the name in one cell: 2010101-行政运行, 2010101 行政运行, [2010101]行政运行
LEADING_CODE = re.compile(
    r"^[\[【]?(\d{3}(?:\d{2}){0,2})(?:[\]】]|\s*[-－—:：]\s*|\s+)(?=[\u4e00-\u9fff])"
)
_SEQ_HEAD = ("序号", "栏次", "行次")
_NUMBERING = re.compile(
    r"^(?:其中[:：]?|[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])"
)


class _Table(Protocol):
    n_rows: int
    n_cols: int
    header_rows: int

    @property
    def cells(self) -> Sequence[Any]: ...


def _label(text: str) -> str:
    t = squeeze(text).replace("“", "").replace("”", "").replace('"', "")
    t = t.replace("(", "（").replace(")", "）")
    while (s := _NUMBERING.sub("", t, count=1)) != t:
        t = s
    return t


def amount_meaning(path: Sequence[str]) -> str:
    """What an amount column means from its header labels, deepest first: 上年预算数 is
    last year's figure, 上年结转 a fund source of this year, 增减 a change, 增长% a rate."""
    for label in reversed(path):
        if any(w in label for w in ("数量", "人数", "个数", "车辆数", "编制数", "面积")):
            return COUNT
        if label.startswith("扣除"):  # 扣除基建项目后预算数: the same money, net of some
            return OF_WHICH
        if "结转" in label or "结余" in label or "余额" in label:
            return PART  # last year's money carried into this year: a source of it
        if "上年" in label or "去年" in label or "上期" in label:
            return PRIOR
        # a rate first: 增减（%） is a rate of change, no change in money
        if "增长" in label or "%" in label or "％" in label or "幅度" in label or "比例" in label:
            return RATE
        if "增减" in label or "增加额" in label or "减少额" in label or "变动" in label:
            return CHANGE
        if label in ("合计", "总计") or label.endswith(("收入合计", "支出合计", "总计")):
            return TOTAL
        if label == "小计":
            return SUBTOTAL
    return PART


@dataclass(frozen=True)
class Column:
    index: int
    role: str  # seq / code / name / amount / text
    meaning: str | None  # amounts only: total, subtotal, part, prior, change, rate
    path: tuple[str, ...]  # header labels from top to bottom, merged cells repeated
    panel: int = 0

    @property
    def header(self) -> str:
        return self.path[-1] if self.path else ""


@dataclass(frozen=True)
class ColumnReading:
    """How to read one table; `body_start` is the first row after the header."""

    body_start: int
    columns: tuple[Column, ...]
    sums: tuple[tuple[int, tuple[int, ...]], ...] = field(default=())  # total, its parts

    @property
    def panels(self) -> int:
        return 1 + max((c.panel for c in self.columns), default=0)

    def of_role(self, role: str, panel: int | None = None) -> tuple[int, ...]:
        return tuple(
            c.index for c in self.columns if c.role == role and (panel is None or c.panel == panel)
        )

    def code_cols(self, panel: int = 0) -> tuple[int, ...]:
        return self.of_role(CODE, panel) or self.of_role(CODED_NAME, panel)

    def name_col(self, panel: int = 0) -> int | None:
        names = self.of_role(NAME, panel) or self.of_role(CODED_NAME, panel)
        return names[0] if names else None

    def name_of(self, row: Sequence[str], panel: int = 0) -> str:
        """The row's name as printed, without the code a coded-name cell starts with."""
        col = self.name_col(panel)
        if col is None or col >= len(row):
            return ""
        text = " ".join(row[col].split())
        m = LEADING_CODE.match(text) if self.columns[col].role == CODED_NAME else None
        return text[m.end() :] if m else text

    def amount_cols(self, panel: int | None = None) -> tuple[int, ...]:
        return self.of_role(AMOUNT, panel)

    def money_cols(self, panel: int | None = None) -> tuple[int, ...]:
        """Amount columns holding money in the table's unit (not counts, not rates)."""
        return tuple(c for c in self.amount_cols(panel) if self.meaning(c) not in NOT_MONEY)

    def meaning(self, col: int) -> str | None:
        return self.columns[col].meaning if 0 <= col < len(self.columns) else None

    def code_of(self, row: Sequence[str], panel: int = 0) -> str | None:
        """The classification code a body row carries in this panel: one code column as
        printed, or 类/款/项 joined (201 | 06 | 01 → 2010601)."""
        cols = self.code_cols(panel)
        if not cols:
            return None
        if self.columns[cols[0]].role == CODED_NAME:
            m = LEADING_CODE.match(row[cols[0]].strip()) if cols[0] < len(row) else None
            return m.group(1) if m else None
        parts = [compact(row[c]) if c < len(row) else "" for c in cols]
        if len(cols) == 1:
            return parts[0] if _CODE.match(parts[0]) else None
        if not re.fullmatch(r"\d{3}", parts[0]):
            return None
        code = parts[0]
        for p in parts[1:]:
            if not p:
                break
            if not _CODE_PART.match(p):
                return None
            code += p.zfill(2)
        return code

    def to_json(self) -> dict[str, Any]:
        return {
            "body_start": self.body_start,
            "columns": [
                {"role": c.role, "meaning": c.meaning, "path": list(c.path), "panel": c.panel}
                for c in self.columns
            ],
            "sums": [[t, list(p)] for t, p in self.sums],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ColumnReading:
        return cls(
            data["body_start"],
            tuple(
                Column(i, c["role"], c["meaning"], tuple(c["path"]), c["panel"])
                for i, c in enumerate(data["columns"])
            ),
            tuple((t, tuple(p)) for t, p in data.get("sums", ())),
        )


def reading_of(table: _Table) -> ColumnReading:
    """The reading stored with the table at import, or one made now for a table that
    has none (or whose width an edit changed)."""
    stored = getattr(table, "columns", None)
    if isinstance(stored, ColumnReading) and len(stored.columns) == table.n_cols:
        return stored
    return columns_or_none(table) or unread_columns(table.n_cols, table.header_rows)


def columns_or_none(table: _Table) -> ColumnReading | None:
    """read_columns, or None for a table it fails on: an odd table is still stored and
    shown, and checked for nothing, rather than stopping the import or the rules."""
    try:
        return read_columns(table)
    except Exception:  # noqa: BLE001 - see the docstring
        log.info("column reading failed on %r", getattr(table, "title", ""), exc_info=True)
        return None


def read_columns(table: _Table) -> ColumnReading:
    """The reading of a table's columns (see the module docstring)."""
    rows = _logical(table)
    n_cols = table.n_cols
    if getattr(table, "kind", None) in TEXT_KINDS:
        start = max(0, min(table.header_rows, len(rows)))  # an indicator grid: its reader's
    else:
        start = _body_start(rows, table.header_rows, n_cols)
    paths = _header_paths(table, start, n_cols)
    shares = _shares(table, start)
    body = rows[start:]
    roles = [_role(paths[c], [r[c] for r in body]) for c in range(n_cols)]
    _code_parts(roles, paths, body)
    panels = _panels(roles)
    columns = tuple(
        Column(
            c,
            roles[c],
            (OF_WHICH if c in shares else amount_meaning(paths[c])) if roles[c] == AMOUNT else None,
            tuple(paths[c]),
            panels[c],
        )
        for c in range(n_cols)
    )
    return ColumnReading(start, columns, _sums(table, start, columns))


def unread_columns(n_cols: int, header_rows: int) -> ColumnReading:
    """A reading that says nothing: every column text, no sums. For a table whose
    columns could not be read, so that it is still stored and shown."""
    return ColumnReading(header_rows, tuple(Column(c, TEXT, None, ()) for c in range(n_cols)))


def _logical(table: _Table) -> list[list[str]]:
    grid = [["" for _ in range(table.n_cols)] for _ in range(table.n_rows)]
    for c in table.cells:
        if 0 <= c.row < table.n_rows and 0 <= c.col < table.n_cols:
            grid[c.row][c.col] = c.text
    return grid


def _is_value(text: str) -> bool:
    t = compact(text)
    return bool(t) and not is_blank(t) and parse_amount(t) is not None


# what a column-numbering row prints in its label columns: 栏次, **, 甲 乙 丙, a b c
_NUMBERING_WORDS = ("栏次", "行次")  # the label of a numbering row, or of a row-number column
_NUMBERING_MARKS = frozenset((*_NUMBERING_WORDS, "*", "**", "—", "-", "甲", "乙", "丙", "丁"))


def is_column_numbering(row: list[str]) -> bool:
    """A row numbering the columns (栏次 | 1 | 2 | 3 …, ** | 1 | 2 …, 1 | 2 | 3 over the
    label columns too): three or more numbers counting up by one, nothing else but
    numbering marks. Its numbers are no amounts (Zhejiang, Hunan, Xi'an, the central
    departments' 决算 tables print such rows without the word 栏次)."""
    texts = [squeeze(t) for t in row if squeeze(t)]
    numbers = [int(t) for t in texts if t.isdigit() and len(t) <= 3]
    marks = [t for t in texts if not (t.isdigit() and len(t) <= 3)]
    return (
        len(numbers) >= 3
        and all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))
        and all(m in _NUMBERING_MARKS or m.lower() in "abcdef" for m in marks)
    )


def _body_start(rows: list[list[str]], header_rows: int, n_cols: int) -> int:
    """The parser's header count, past a 栏次 row, and past the lower rows of a
    multi-row header that was read as one: a row with no figure that has words outside
    the label columns (a body row without figures has its words in the label columns
    only). Empty rows between such rows belong to the header too."""
    end = max(0, min(header_rows, len(rows)))
    if end == 0:
        for i, row in enumerate(rows[:6]):
            if any(squeeze(t) in _NUMBERING_WORDS for t in row) or is_column_numbering(row):
                return i + 1
        return 0
    # label columns: where rows that carry figures print words (项目, 科目名称)
    label_cols = {
        c
        for r in rows[end:]
        if any(_is_value(t) for t in r)
        for c, t in enumerate(r)
        if compact(t) and not is_blank(t) and not _is_value(t)
    }
    if not any(_is_value(t) for r in rows[end:] for t in r):
        return end  # no row carries a figure (an empty table): nothing to tell by
    probe = end
    while probe < len(rows) and probe < end + 6:
        cells = [squeeze(t) for t in rows[probe]]
        if not any(cells):
            probe += 1
            continue
        if is_column_numbering(cells):
            probe += 1
            end = probe
            continue
        if any(_is_value(t) for t in cells):
            break
        if any(t in _NUMBERING_WORDS for t in cells[:2]) or any(
            t and c not in label_cols for c, t in enumerate(cells)
        ):
            probe += 1
            end = probe
            continue
        break
    return end


_SHARE = re.compile(r"^其中[:：]?(?=\S)")


def _shares(table: _Table, start: int) -> set[int]:
    """Columns headed 其中：X in a cell of their own (one column wide) and last of their
    row's run, or followed by more 其中 (小计 | 其中：专项资金, 小计 | 其中：中小企业 |
    其中：小微企业): shares of the figure beside them. A 其中 that opens a list (小计 |
    其中：基本支出 | 项目支出) or stands over a group of columns heads parts."""
    header = {(c.row, c.col): c for c in table.cells if c.row < start}
    shares = set()
    for c in header.values():
        if max(c.colspan, 1) > 1 and squeeze(c.text).rstrip(":：") == "其中":
            # 合计 | 基本支出 | 项目支出 | 其中 [事业单位经营支出 | …] (Beijing): beside
            # parts of its own the group is shares; beside a total alone (小计 | 其中
            # [基本支出 | 项目支出], Fujian) it holds the parts
            beside = [
                o
                for o in header.values()
                if o.row == c.row and o is not c and _label(o.text) not in ("", *_TOTAL_LABELS)
            ]
            if beside:
                shares.update(range(c.col, c.col + c.colspan))
            continue
        if max(c.colspan, 1) != 1 or not _SHARE.match(squeeze(c.text)):
            continue
        after = header.get((c.row, c.col + 1))
        if after is not None and squeeze(after.text) and not _SHARE.match(squeeze(after.text)):
            continue  # 其中 opens the list of parts printed after it
        shares.add(c.col)
    return shares


def _header_paths(table: _Table, start: int, n_cols: int) -> list[list[str]]:
    """Per column, the header labels from top to bottom; a merged cell counts for every
    column it covers; 栏次 numbers are left out."""
    paths: list[list[str]] = [[] for _ in range(n_cols)]
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if cell.row >= start:
            continue
        t = _label(cell.text)
        # 行次 heads a column of row numbers (决算 tables): kept, so the column is read
        # as numbering; 栏次 labels the numbering row, whose numbers are left out
        if not t or t.isdigit() or (t in _NUMBERING_MARKS and t != "行次"):
            continue
        for col in range(cell.col, min(cell.col + max(cell.colspan, 1), n_cols)):
            if not paths[col] or paths[col][-1] != t:
                paths[col].append(t)
    return paths


_MONEY_HEADS = (
    "合计",
    "小计",
    "总计",
    "金额",
    "预算",
    "决算",
    "经费",
    "支出",
    "收入",
    "拨款",
    "资金",
    "费",
)


def _is_money_head(head: str) -> bool:
    """A header that names money (合计, 基本支出, 预算数…), not a code column's
    (支出功能分类科目, 科目编码)."""
    return any(w in head for w in _MONEY_HEADS) and not any(
        w in head for w in (*_CODE_HEAD, "科目", "分类")
    )


def _is_name_head(label: str) -> bool:
    return label in ("项目", "科目", "摘要", "收入", "支出") or label.endswith("名称")


def names_a_code(path: Sequence[str]) -> bool:
    """A header that names codes (科目编码, 单位编码, 项目代码): the column's figures
    are codes of its rows, never amounts nor an outline level."""
    return any("编码" in p or "代码" in p for p in path)


def _role(path: list[str], body: list[str]) -> str:
    head = "".join(path)
    last = path[-1] if path else ""
    filled = [compact(t) for t in body if compact(t) and not is_blank(t)]
    codes = sum(bool(_CODE.match(t)) for t in filled)
    values = sum(parse_amount(t) is not None for t in filled)
    if any(h in last for h in _SEQ_HEAD):
        return SEQ
    if any(h in head for h in _CODE_HEAD) and codes >= 0.5 * len(filled):
        return CODE
    if last in _CODE_PART_HEADS:
        return CODE
    if names_a_code(path) and not any("." in t for t in filled):
        return TEXT  # a unit's or project's code (125001): no classification, no amount
    if filled and values >= 0.6 * len(filled):
        if codes == len(filled) and not any("." in t or "," in t for t in filled):
            # whole 元 of 3, 5 or 7 digits look like codes: the header tells them apart
            return CODE if codes >= 2 and not _is_money_head(head) else AMOUNT
        return AMOUNT
    if not filled and path and not _is_name_head(last) and last not in ("备注", "说明"):
        return AMOUNT  # an empty amount column (政府性基金 with nothing to report)
    if filled and sum(bool(LEADING_CODE.match(t.strip())) for t in body) >= 0.5 * len(filled):
        return CODED_NAME
    return NAME if filled or _is_name_head(last) else TEXT


def _code_parts(roles: list[str], paths: list[list[str]], body: list[list[str]]) -> None:
    """类/款/项 printed in separate columns: a 3-digit code column followed by columns
    of 2-digit parts are one code (the 款 column of 201 | 06 is no amount)."""
    for c in range(len(roles) - 1):
        if roles[c] != CODE:
            continue
        for d in range(c + 1, min(c + 3, len(roles))):
            cells = [t for r in body if (t := compact(r[d])) and t not in _CODE_PART_HEADS]
            if roles[d] == CODE or (
                cells
                and all(_CODE_PART.match(t) for t in cells)
                and not any("." in t for t in cells)
            ):
                roles[d] = CODE
            else:
                break


def _panels(roles: list[str]) -> list[int]:
    """Side-by-side panels: a code or name column after an amount column starts a new
    panel (收入 项目 | 金额 | 支出 项目 | 金额)."""
    panel, seen_amount, out = 0, False, []
    for role in roles:
        if role in (CODE, NAME, CODED_NAME, SEQ) and seen_amount:
            panel += 1
            seen_amount = False
        if role == AMOUNT:
            seen_amount = True
        out.append(panel)
    return out


@dataclass
class _Node:
    label: str
    cols: range
    children: list[_Node]


def _sums(
    table: _Table, start: int, columns: tuple[Column, ...]
) -> tuple[tuple[int, tuple[int, ...]], ...]:
    """Each total or subtotal column with the columns it adds up, read from the merged
    header: a 合计 adds its siblings under the same header cell; a sibling group that
    prints its own 小计 counts by that 小计; prior-year, change and rate columns are no
    parts. Where leaves are measures (预算数 | 决算数), a total adds the same measure."""
    amount = {c.index for c in columns if c.role == AMOUNT}
    if not amount:
        return ()
    root = _tree(table, start, amount)
    out: list[tuple[int, tuple[int, ...]]] = []
    _walk(root, columns, out)
    return tuple(out)


def _tree(table: _Table, start: int, amount: set[int]) -> _Node:
    cells = sorted(
        (c for c in table.cells if c.row < start and _label(c.text)),
        key=lambda c: (c.row, c.col),
    )
    root = _Node("", range(0, table.n_cols), [])

    def insert(node: _Node, new: _Node, row_of: dict[int, int], row: int) -> None:
        for child in node.children:
            if new.cols.start >= child.cols.start and new.cols.stop <= child.cols.stop:
                if row > row_of[id(child)]:
                    insert(child, new, row_of, row)
                    return
        node.children.append(new)

    # a place printed over is taken, by a label or by a word that is none ("其中："
    # over the parts of a total): a lost span never stretches over it
    taken = {
        (c.row + i, c.col + j)
        for c in table.cells
        if c.row < start
        and squeeze(c.text)
        and not (_label(c.text).isdigit() or _label(c.text) in _NUMBERING_WORDS)
        for i in range(max(c.rowspan, 1))
        for j in range(max(c.colspan, 1))
    }
    row_of: dict[int, int] = {}
    for c in cells:
        t = _label(c.text)
        if t in _NUMBERING_WORDS or t.isdigit():
            continue
        stop = c.col + max(c.colspan, 1)
        if c.colspan <= 1:
            # a merged cell whose span was lost keeps its text top-left: it stretches
            # over the empty places to its right that have labels below them
            while (
                stop < table.n_cols
                and (c.row, stop) not in taken
                # labels below the cell, not beside it within its own rows
                and any((r, stop) in taken for r in range(c.row + max(c.rowspan, 1), start))
            ):
                stop += 1
        cols = range(c.col, min(stop, table.n_cols))
        if not any(x in amount for x in cols):
            continue
        node = _Node(t, cols, [])
        row_of[id(node)] = c.row + max(c.rowspan, 1) - 1
        insert(root, node, row_of, c.row)
    # amount columns with no header cell of their own (header lost) are leaves of root
    covered = {x for n in _leaves(root) for x in n.cols}
    for x in sorted(amount - covered):
        root.children.append(_Node("", range(x, x + 1), []))
    root.children.sort(key=lambda n: n.cols.start)
    return root


def _leaves(node: _Node) -> Iterable[_Node]:
    if not node.children:
        yield node
    for ch in node.children:
        yield from _leaves(ch)


_MEASURES = ("预算数", "决算数", "执行数", "金额", "本年数")


def _measure(columns: tuple[Column, ...], col: int) -> str:
    path = columns[col].path
    return path[-1] if path and path[-1] in _MEASURES else ""


def _period_of(column: Column) -> str | None:
    """PRIOR or CHANGE when the column stands under a 上年 / 增减 group of the header
    (上年 | 当年 | 增减变化情况, each with its own 合计 and parts), else None."""
    for label in column.path[:-1]:
        meaning = amount_meaning([label])
        if meaning in (PRIOR, CHANGE):
            return meaning
    return None


def _value_cols(
    node: _Node, columns: tuple[Column, ...], measure: str, period: str | None = None
) -> list[int] | None:
    """The columns that stand for a header node in a sum: its 小计/合计 child when it
    prints one, else its parts; None when it holds no part (a prior-year column). Under
    a 上年 or 增减 group (`period`), that period's figures are the parts."""
    cols = [
        x
        for x in node.cols
        if x < len(columns)
        and columns[x].role == AMOUNT
        and (not measure or columns[x].header == measure)
    ]
    if not cols:
        return None
    totals = [
        x for x in cols if columns[x].meaning in (TOTAL, SUBTOTAL) and _owned(node, columns, x)
    ]
    if totals:
        return totals[:1]
    parts = [
        x
        for x in cols
        if columns[x].meaning not in NOT_PARTS or (period and columns[x].meaning == period)
    ]
    return parts or None


def _owned(node: _Node, columns: tuple[Column, ...], col: int) -> bool:
    """The total column belongs to this node itself (its 小计 child), not to a deeper
    group inside it."""
    for ch in node.children:
        if col in ch.cols and ch.children and ch.label not in ("合计", "总计", "小计"):
            return False
    return True


_TOTAL_LABELS = ("合计", "总计", "小计")


def _is_total_node(node: _Node) -> bool:
    return node.label in _TOTAL_LABELS or node.label.endswith(("收入合计", "支出合计"))


# Columns that add up the named columns printed right after them, where a flat header
# does not show it (基本支出 | 人员经费 | 公用经费 | 项目支出 in one row): the budget
# classification says so, whatever the province's layout.
_COMPOSITES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("基本支出",), ("人员经费", "公用经费", "工资福利", "商品和服务", "对个人和家庭")),
    (("财政拨款",), ("一般公共预算", "政府性基金", "国有资本经营")),
    (("公务用车购置及运行",), ("公务用车购置", "公务用车运行")),
)


def _composite_parts(label: str) -> tuple[str, ...]:
    for names, parts in _COMPOSITES:
        if label.startswith(names):
            return parts
    return ()


def _flat_groups(kids: list[_Node]) -> dict[int, list[int]]:
    """Where the header lost its merged cells (本年收入 no longer spans 小计 and the
    sources), a 小计 leaf adds the leaves after it up to a carry-over (上年结转), another
    total or the end; a composite (基本支出) the leaves after it that are its parts
    (人员经费, 公用经费): {index of the subtotal: indexes of its parts}."""
    groups: dict[int, list[int]] = {}
    if any(n.children for n in kids):
        return groups  # the header kept its structure at this level
    for j, sub in enumerate(kids):
        members = []
        if sub.label == "小计":
            for k in range(j + 1, len(kids)):
                n = kids[k]
                if _is_total_node(n) or "结转" in n.label or "结余" in n.label:
                    break
                members.append(k)
        elif parts := _composite_parts(sub.label):
            for k in range(j + 1, len(kids)):
                if not kids[k].label.startswith(parts):
                    break
                members.append(k)
            if len(members) < 2:
                continue  # one column after it is no breakdown
        if members:
            groups[j] = members
    return groups


def _repeated_leaf(total: _Node, kids: list[_Node], column: Column) -> str:
    """The fund (or other leaf) a grouped total's column stands for, where every sibling
    repeats the same leaves (Shenzhen's 三公 table: 总计 and each 经费 over 一般公共预算 |
    政府性基金预算 | 国有资本经营预算): that total adds the siblings' same leaf."""
    leaf = column.header
    if not total.children or not leaf:
        return ""
    others = [k for k in kids if k is not total and k.children]
    if others and all(any(n.label == leaf for n in _leaves(k)) for k in others):
        return leaf
    return ""


def _walk(node: _Node, columns: tuple[Column, ...], out: list) -> None:
    kids = node.children
    groups = _flat_groups(kids)
    grouped = {k for members in groups.values() for k in members}
    for i, total in enumerate(kids):
        if not _is_total_node(total) and i not in groups:
            continue
        for x in total.cols:
            if x >= len(columns) or columns[x].role != AMOUNT:
                continue
            measure = _measure(columns, x) or _repeated_leaf(total, kids, columns[x])
            siblings = groups.get(i) or [
                j for j in range(len(kids)) if j != i and (j not in grouped or i in grouped)
            ]
            parts: list[int] = []
            period = _period_of(columns[x])
            for j in siblings:
                cols = _value_cols(kids[j], columns, measure, period)
                if cols:
                    parts.extend(c for c in cols if columns[c].panel == columns[x].panel and c != x)
            if parts:
                out.append((x, tuple(sorted(parts))))
    for ch in kids:
        _walk(ch, columns, out)
