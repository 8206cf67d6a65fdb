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
    """The catalog name of a kind, or the printed title when the kind is unknown."""
    if kind in CATALOG:
        return QCoreApplication.translate("catalog", CATALOG[kind])
    return title or QCoreApplication.translate("catalog", "(untitled table)")
