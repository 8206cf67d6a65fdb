"""Display names of the catalog kinds (DOMAIN.md), translatable; kinds themselves are
the contract and never shown raw."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CATALOG = {
    "revenue_expenditure_summary": QT_TRANSLATE_NOOP("catalog", "Revenue and expenditure summary"),
    "revenue_summary": QT_TRANSLATE_NOOP("catalog", "Revenue summary"),
    "expenditure_summary": QT_TRANSLATE_NOOP("catalog", "Expenditure summary"),
    "fiscal_appropriation_summary": QT_TRANSLATE_NOOP("catalog", "Fiscal appropriation summary"),
    "gpb_expenditure": QT_TRANSLATE_NOOP("catalog", "General public budget expenditure"),
    "gpb_basic_expenditure": QT_TRANSLATE_NOOP(
        "catalog", "General public budget basic expenditure"
    ),
    "gov_fund_expenditure": QT_TRANSLATE_NOOP("catalog", "Government fund expenditure"),
    "soe_capital_expenditure": QT_TRANSLATE_NOOP("catalog", "State capital operation expenditure"),
    "three_public_expenditure": QT_TRANSLATE_NOOP("catalog", "“Three public” expenditure"),
    "procurement": QT_TRANSLATE_NOOP("catalog", "Government procurement"),
    "fixed_assets": QT_TRANSLATE_NOOP("catalog", "Fixed assets"),
    "organization": QT_TRANSLATE_NOOP("catalog", "Organization"),
    "project_performance": QT_TRANSLATE_NOOP("catalog", "Project performance targets"),
    "overall_performance": QT_TRANSLATE_NOOP("catalog", "Overall performance targets"),
}


def kind_name(kind: str | None, title: str) -> str:
    """What a table is called on screen: its printed title (two tables of one kind,
    支出总表 and 财政拨款支出表, must not read alike), else the catalog name of its kind,
    else "(untitled table)"."""
    if title.strip():
        return title.strip()
    if kind in CATALOG:
        return QCoreApplication.translate("catalog", CATALOG[kind])
    return QCoreApplication.translate("catalog", "(untitled table)")


def catalog_name(kind: str | None) -> str:
    """The catalog name of a kind (translated), "" for a table outside the catalog."""
    return QCoreApplication.translate("catalog", CATALOG[kind]) if kind in CATALOG else ""
