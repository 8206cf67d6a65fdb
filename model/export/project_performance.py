"""表12 (every project as a 预算项目绩效表 block) and 表13 (one row per indicator with
指标值 split into 符号/值/单位).

A project is the `header` part of a project_performance table and the `indicators`
part that follows it (INTERFACES.md `part`). 表12 keeps each part's own rows and
merges, so importing the workbook gives the filing's tables back; 表13 is the
normalised list the province files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.worksheet.worksheet import Worksheet

from model.domain import FilingData, TableData
from model.export import catalog
from model.export.cell_values import parse_amount, squeeze
from model.export.indicator_values import split_indicator_value
from model.export.sheet_style import (
    caption_row,
    fit_columns,
    frame,
    print_setup,
    put_amount,
    put_comment,
    put_text,
    title_row,
)
from model.export.standard_tables import absent_note
from model.export.table_block import (
    Grid,
    GridCell,
    canonical_header,
    column_labels,
    grid_of,
    write_grid,
)
from parsers.tables import amounts, units

_NUMBERED_TITLE = re.compile(r"^\s*[（(]?\d+[)）]?[、.．]\s*")
_TITLE_SUFFIX = re.compile(r"(项目)?(绩效目标表|项目绩效表|绩效表)$")
_CODE_AND_NAME = re.compile(r"^[\[【](?P<code>[^\]】]*)[\]】](?P<name>.*)$")
_AMOUNT_IN_TEXT = re.compile(r"金额[^：:]*[：:]\s*(?P<num>\d+(?:\.\d+)?)\s*万元")

INDICATOR_COLUMNS = (
    "项目编码",
    "项目名称",
    "预算数",
    "一级指标",
    "二级指标",
    "三级指标",
    "绩效指标描述",
    "评（扣）分标准",
    "符号",
    "值",
    "单位",
    "指标值确定依据",
)


@dataclass(frozen=True)
class Project:
    title: str
    header: TableData | None
    indicators: TableData | None
    code: str
    name: str
    budget: str  # as printed, "" when the filing does not say
    budget_unit: str = units.TEMPLATE_UNIT  # what `budget` is printed in

    def budget_in_wan(self) -> str:
        """The budget as 万元 text for the block caption (金额：X万元): exact, so a
        budget of 165,000 元 reads 16.5, never 165000 under the 万元 of the caption."""
        value = amounts.parse_amount(self.budget) if self.budget else None
        if value is None or self.budget_unit == units.TEMPLATE_UNIT:
            return self.budget
        wan = units.to_wan(value, self.budget_unit)
        cents = wan.quantize(Decimal("0.01"))
        return f"{cents if cents == wan else wan.normalize():f}"


def projects_of(filing: FilingData) -> list[Project]:
    """Projects in filing order: a header part joined with the indicators part after it."""
    result: list[Project] = []
    pending: TableData | None = None
    for t in filing.tables_of("project_performance"):
        if (
            t.part == "indicators"
            and pending is not None
            and (not pending.title or not t.title or squeeze(pending.title) == squeeze(t.title))
        ):
            result.append(_project(pending, t, filing))
            pending = None
            continue
        if pending is not None:
            result.append(_project(pending, None, filing))
            pending = None
        if t.part == "indicators":
            result.append(_project(None, t, filing))
        else:
            pending = t
    if pending is not None:
        result.append(_project(pending, None, filing))
    return result


def _next_text(row: list[str], start: int) -> str:
    return next((v.strip() for v in row[start:] if v.strip()), "")


def _project(header: TableData | None, indicators: TableData | None, filing: FilingData) -> Project:
    """The project of a header part and its indicators part. The 预算数 cell is in the
    part's unit (printed, else the filing's); 金额：X万元 in a title says its own."""
    first = header if header is not None else indicators
    title = first.title if first is not None else ""
    code = name = budget = ""
    unit = filing.unit_of(first) if first is not None else units.TEMPLATE_UNIT
    for row in header.rows() if header is not None else []:
        for i, text in enumerate(row):
            key = squeeze(text)
            if key.startswith("项目编码及名称"):
                m = _CODE_AND_NAME.match(re.split(r"[：:]", key, maxsplit=1)[-1])
                if m:
                    code, name = code or m["code"], name or m["name"]
            elif key == "项目编码":
                code = code or _next_text(row, i + 1)
            elif key == "项目名称":
                name = name or _next_text(row, i + 1)
            elif key.startswith("预算数") and not budget:
                value = _next_text(row, i + 1)
                budget = value if parse_amount(value) else ""
            if not budget and (m := _AMOUNT_IN_TEXT.search(key)):
                budget, unit = m["num"], units.TEMPLATE_UNIT
    if not name:
        name = _TITLE_SUFFIX.sub("", _NUMBERED_TITLE.sub("", title))
    return Project(title, header, indicators, code, name, budget, unit)


def block_caption(project: Project, filing: FilingData) -> tuple[str, str, str]:
    code_name = f"[{project.code}]{project.name}" if project.code else project.name
    return (
        f"项目编码及名称：{code_name}",
        f"预算年度：{filing.year}" if filing.year else "",
        f"金额：{project.budget_in_wan()}万元" if project.budget else "",
    )


def write_projects_sheet(ws: Worksheet, spec: catalog.SheetSpec, filing: FilingData) -> None:
    """One block per project: title, caption, header part, indicators part, empty row."""
    projects = projects_of(filing)
    if not projects:
        header = canonical_header("overall_performance") or Grid(0, 1, 0, ())
        title_row(ws, 1, spec.title, header.n_cols)
        caption_row(
            ws,
            2,
            ("", f"预算年度：{filing.year}" if filing.year else "", "单位：万元"),
            header.n_cols,
        )
        end = write_grid(ws, 3, header)
        put_text(ws, end, 1, absent_note(spec))
        print_setup(ws, header.n_cols, (3, end - 1))
        return
    parts = [[grid_of(t) for t in (p.header, p.indicators) if t is not None] for p in projects]
    n_cols = max(g.n_cols for grids in parts for g in grids)
    widths = [0] * n_cols
    row = 1
    for project, grids in zip(projects, parts, strict=True):
        width = max(g.n_cols for g in grids)
        title_row(ws, row, project.title or spec.title, width)
        caption_row(ws, row + 1, block_caption(project, filing), width)
        row += 2
        for grid in grids:
            row = write_grid(ws, row, grid, n_cols=grid.n_cols, widths=widths)
        row += 1  # one empty row between blocks
    fit_columns(ws, widths, maximum=30)
    print_setup(ws, n_cols, None)


def _coverage(grid: Grid) -> dict[tuple[int, int], str]:
    """Text at every position, a merged cell's text under its whole span."""
    at: dict[tuple[int, int], str] = {}
    for c in grid.cells:
        for r in range(c.row, c.row + c.rowspan):
            for col in range(c.col, c.col + c.colspan):
                at[(r, col)] = c.text
    return at


def _indicator_columns(grid: Grid) -> dict[str, int]:
    """Where each 表13 field sits in an indicators part, found by its header words."""
    found: dict[str, int] = {}
    for col, label in enumerate(column_labels(grid)):
        label = label.replace("(", "（").replace(")", "）")
        for key, test in (
            ("一级指标", label.startswith("一级指标")),
            ("二级指标", label.startswith("二级指标")),
            ("三级指标", label.startswith("三级指标")),
            ("绩效指标描述", label.startswith(("绩效指标描述", "指标内容"))),
            ("评（扣）分标准", "分标准" in label),
            ("符号", label == "符号"),
            ("值", label == "值"),
            ("单位", label.startswith("单位")),
            ("指标值", label == "指标值"),
            ("指标值确定依据", "依据" in label),
        ):
            if test and key not in found:
                found[key] = col
                break
    return found


@dataclass(frozen=True)
class IndicatorRow:
    texts: tuple[str, ...]  # in INDICATOR_COLUMNS order
    original: str  # the one-string 指标值 when the split changed its spelling, else ""


def indicator_rows(project: Project) -> list[IndicatorRow]:
    if project.indicators is None:
        return []
    grid = grid_of(project.indicators)
    if grid.header_rows == 0 and grid.n_rows:
        grid = Grid(grid.n_rows, grid.n_cols, 1, grid.cells)  # extraction lost header_rows
    cols = _indicator_columns(grid)
    at = _coverage(grid)
    rows: list[IndicatorRow] = []
    last = {"一级指标": "", "二级指标": ""}
    for r in range(grid.header_rows, grid.n_rows):

        def text(key: str, r: int = r) -> str:
            return at.get((r, cols[key]), "").strip() if key in cols else ""

        level1, level2 = text("一级指标") or last["一级指标"], text("二级指标") or last["二级指标"]
        last = {"一级指标": level1, "二级指标": level2}
        original = ""
        if "指标值" in cols:
            raw = text("指标值")
            split = split_indicator_value(raw)
            sign, value, unit = split.sign, split.value, split.unit
            original = raw if split.changed else ""
        else:
            sign, value, unit = text("符号"), text("值"), text("单位")
        fields = (
            project.code,
            project.name,
            project.budget,
            level1,
            level2,
            text("三级指标"),
            text("绩效指标描述"),
            text("评（扣）分标准"),
            sign,
            value,
            unit,
            text("指标值确定依据"),
        )
        if any(fields[5:]):
            rows.append(IndicatorRow(fields, original))
    return rows


def write_indicators_sheet(ws: Worksheet, spec: catalog.SheetSpec, filing: FilingData) -> None:
    n_cols = len(INDICATOR_COLUMNS)
    title_row(ws, 1, spec.title, n_cols)
    caption_row(
        ws,
        2,
        (
            f"{filing.department_code or ''}{filing.department_name or ''}",
            f"预算年度：{filing.year}" if filing.year else "",
            "单位：万元",
        ),
        n_cols,
    )
    header = Grid(1, n_cols, 1, tuple(GridCell(0, i, t) for i, t in enumerate(INDICATOR_COLUMNS)))
    write_grid(ws, 3, header)
    row = 4
    for project in projects_of(filing):
        for ind in indicator_rows(project):
            for col, text in enumerate(ind.texts, start=1):
                if col == 3:  # 预算数, in 万元 like every amount of the workbook
                    cell = put_amount(ws, row, col, text, project.budget_unit)
                else:
                    cell = put_text(ws, row, col, text)
                if col == 9 and ind.original and cell is not None:
                    put_comment(cell, f"原指标值：{ind.original}")
            row += 1
    if row == 4:
        put_text(ws, 5, 1, absent_note(spec))
    else:
        frame(ws, 4, row - 1, n_cols, 0)
    widths = [12, 24, 10, 10, 14, 20, 30, 24, 8, 8, 10, 24]
    fit_columns(ws, widths)
    print_setup(ws, n_cols, (3, 3))
    ws.auto_filter.ref = f"A3:L{max(row - 1, 3)}"
