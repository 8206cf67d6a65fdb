"""Chinese text of stored findings (the CLI, the workbook and the GUI show it as is).

Placeholders are filled by the rule modules; amounts are printed with two decimals.
"""

# The clerk's name of each rule (INTERFACES.md keeps the ids for JSON and scripts; what a
# person reads, the audit sheet, the CLI text and the GUI, says these).
RULE_TITLES = {
    "checks_not_run": "未进行的检查",
    "outline_sum": "分级项目加总核对",
    "hierarchy_sum": "上下级科目金额核对",
    "narrative_mismatch": "情况说明与表格金额核对",
    "narrative_parts": "情况说明内部加总核对",
    "narrative_change": "情况说明增减变化核对",
    "summary_balance": "收支总表平衡核对",
    "fixed_assets_total": "固定资产合计核对",
    "fixed_assets_office": "办公用房面积核对",
    "row_sum": "行内合计核对",
    "procurement_row_sum": "政府采购行合计核对",
    "procurement_amount": "政府采购金额核对",
    "procurement_total": "政府采购总计核对",
    "cross_table_amount": "表间金额核对",
    "three_public_sum": "“三公”经费合计核对",
    "code_name": "科目编码与名称核对",
    "code_parent": "科目编码层级核对",
    "budget_sum": "项目资金来源加总核对",
    "title_amount": "项目标题金额核对",
    "spending_plan": "资金支出计划核对",
    "indicator_category": "绩效指标类别核对",
    "indicator_value": "绩效指标值核对",
    "missing_value": "绩效指标缺项核对",
    "cost_indicator_value": "成本指标值核对",
    "cost_over_budget": "成本指标与预算数核对",
    "required_tables": "公开表格完整性核对",
}


def rule_title(rule: str) -> str:
    return RULE_TITLES.get(rule, rule)


RULE_FAILED = "检查规则“{rule}”未能完成（{reason}），请将此文件报告给维护人员"
TABLE_ABSENT = "本文件没有{tables}，此项检查未进行"
NARRATIVE_TEXT = "情况说明文字"
NO_TABLES = "本文件中没有找到预算表格，各项检查均未进行"
CHECKS_NOT_RUN = "本文件没有这些检查所需的表（{tables}），以下检查未进行：{checks}"

HIERARCHY_SUM = "{code} {name}「{column}」为 {actual}，其下级科目之和为 {expected}"
TOTAL_SUM = "合计行「{column}」为 {actual}，各类级科目之和为 {expected}"
# a code printed with two names in one filing (DOMAIN.md: one name in every table)
CODE_NAME_TABLES = "科目编码 {code} 在本表名称为「{actual}」，在{other}中为「{expected}」"
# the reference list is partial and of one year: a hint, never the filing's error
CODE_NAME_LIST = (
    "科目编码 {code} 在科目代码表（可能为其他年度）中名称为「{expected}」，表中为「{actual}」"
)
CODE_SUGGEST = (
    "科目编码 {code} 不在科目代码表中，本表也未列出其上级科目；"
    "名称「{name}」在科目代码表中的编码是 {expected}，请核对编码是否识别有误"
)
CODE_PARENT = "科目编码 {code} 的上级科目 {parent} 未在其上方列出"

# {row}: the row as printed, cell_places.row_label ("「303 办公费」行")
ROW_SUM = "{row}「{total}」为 {actual}，{parts} 之和为 {expected}"
OUTLINE_SUM = "「{name}」「{column}」为 {actual}，其下各项之和为 {expected}"
# appended to a sum finding whose difference the rounding of the printed figures explains
WITHIN_ROUNDING = "（差额在各数按印刷位数四舍五入的范围内）"

BALANCE = "「{total}」为 {actual}，{parts} 之和为 {expected}"
BALANCE_EQUAL = "「收入总计」{actual} 与「支出总计」{expected} 不相等"

CROSS_TOTAL = "{what}：本表为 {actual}，{other}为 {expected}"

NARRATIVE = "情况说明中{item}为 {stated} 万元，{table}为 {actual} 万元"
NARRATIVE_PARTS = "情况说明中{total}为 {actual} 万元，其组成部分（{parts}）之和为 {expected} 万元"
NARRATIVE_CHANGE = (
    "情况说明中{name}为 {current} 万元，上年为 {last} 万元，{direction}额应为 {expected} 万元，"
    "文中为 {actual} 万元"
)
NARRATIVE_RATE = (
    "情况说明中{name} {current} 万元比上年{direction} {change} 万元，"
    "{direction}幅度应为 {expected}%，文中为 {actual}%"
)
NARRATIVE_ABSENT = "情况说明中写明的{items}在本文件中没有可核对的表格，未进行核对"

BUDGET_SUM = "预算数 {actual} 不等于财政资金与其他资金之和 {expected}"
TITLE_AMOUNT = "标题中的金额 {actual} 万元与预算数 {expected} 万元不一致"
SPENDING_END = "资金支出计划 12月底应为 100%，表中为「{actual}」"
SPENDING_ORDER = "资金支出计划应逐月累计不减少：{earlier} {a}% 之后 {later} 为 {b}%"
LEVEL1_UNKNOWN = "一级指标「{actual}」不是产出指标、成本指标、效益指标（效果指标）或满意度指标"
LEVEL2_WRONG = "二级指标「{level2}」不属于一级指标「{level1}」（应属于{expected}）"
LEVEL1_MISSING = "缺少一级指标「{expected}」"
VALUE_NO_NUMBER = "{indicator}的指标值「{actual}」缺少数值"
VALUE_UNIT_SPILLED = "{indicator}的单位「{unit}」写在了「值」栏，「单位」栏为空"
VALUE_RATE = "{indicator}的指标值 {actual} 超出 0–100% 的范围"
MISSING_LEVEL3 = "{row}（{level2}）缺少三级指标名称"
MISSING_VALUE = "{indicator}缺少指标值"
VALUE_WORDS = "{indicator}的描述写明「{stated}」，指标值却为「{actual}」"
COST_RATE = "成本指标「{indicator}」的指标值「{actual}」不是金额"
COST_OVER = "成本指标「{indicator}」为 {actual} 万元，超过项目预算数 {expected} 万元"

PROCUREMENT_ROW = "{row}「合计」为 {actual}，各资金来源之和为 {expected}"
PROCUREMENT_AMOUNT = "{row}金额 {actual} 不等于数量 × 单价 = {expected}"
PROCUREMENT_TOTAL = "「{what}」行「{column}」为 {actual}，其所属明细行之和为 {expected}"
PROCUREMENT_PROJECT = "项目「{name}」的预算资金为 {actual}，其绩效目标表预算数为 {expected}"

ASSETS_TOTAL = "资产总额 {actual} 不等于房屋、车辆、20万元以上设备、其他固定资产之和 {expected}"
ASSETS_OFFICE = "办公用房{what} {actual} 大于房屋{what} {expected}"

THREE_PUBLIC = "「{total}」为 {actual}，{parts} 之和为 {expected}"

REQUIRED_TABLE_MISSING = "{what}公开应有{table}，本文件中没有此表，也未说明该表为空表"
REQUIRED_NOT_STANDARD = "本文件中未见部门预算（决算）的标准公开表格，未核对各表是否齐全"
