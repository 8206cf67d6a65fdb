"""One meaning of an amount text in every layer: what the editor stores, what the rules
compare and what the export writes all read as parsers.tables.amounts.parse_amount does.

Each layer's answer is the amount it ends up with, or None when it treats the text as no
amount: the editor refuses it, the rules see no number, the export writes it as text.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from model import review
from model.export import cell_values
from model.validation import amounts as rules
from parsers.tables import amounts

# (typed or printed text, the amount it means; None: not an amount)
CASES: list[tuple[str, Decimal | None]] = [
    ("12.30", Decimal("12.30")),
    ("12.3", Decimal("12.3")),
    ("1,234.50", Decimal("1234.50")),
    ("29,295.60万元", Decimal("29295.60")),
    ("１２３．４", Decimal("123.4")),
    ("９ ７８２.３７", Decimal("9782.37")),
    ("００７", Decimal(7)),
    ("+5", Decimal(5)),
    ("＋5", Decimal(5)),
    ("5万元", Decimal(5)),
    ("16.5 万元", Decimal("16.5")),
    ("3元", Decimal(3)),
    ("95%", Decimal(95)),
    ("-3.2", Decimal("-3.2")),
    ("－3.2", Decimal("-3.2")),
    ("1.2345", Decimal("1.2345")),
    ("0", Decimal(0)),
    ("", Decimal(0)),
    ("  ", Decimal(0)),
    ("-", Decimal(0)),
    ("—", Decimal(0)),
    ("——", Decimal(0)),
    ("－", Decimal(0)),
    ("合计", None),
    ("12a", None),
    ("1.2.3", None),
    ("12,34", None),
    ("=1+1", None),
    ("(5.00)", Decimal("-5.00")),  # Excel's accounting format prints negatives so
    ("（1,234.50）", Decimal("-1234.50")),
    ("(5)", None),  # a numbering, not an amount
    ("≥90%", None),
    ("5万", None),
]


def editor(text: str) -> Decimal | None:
    stored = review.normalise_cell_text(text, True)
    return None if stored is None else amounts.parse_amount(stored)


def export(text: str) -> Decimal | None:
    """The amount of the written cell: a number read back as its filing text, or the
    text kept as printed (a blank mark, which Excel sums as 0; else no amount)."""
    written = cell_values.parse_amount(text)
    if written is None:
        return Decimal(0) if amounts.is_blank(text) else None
    value, number_format = written
    return Decimal(cell_values.number_text(value, number_format))


LAYERS = {
    "parser": amounts.parse_amount,
    "rules": rules.parse_amount,
    "editor": editor,
    "export": export,
}


@pytest.mark.parametrize(("text", "meaning"), CASES)
def test_every_layer_reads_the_same_amount(text: str, meaning: Decimal | None) -> None:
    answers = {name: read(text) for name, read in LAYERS.items()}
    assert answers == dict.fromkeys(LAYERS, meaning)


WRITTEN = [(t, m) for t, m in CASES if m is not None and not amounts.is_blank(t)]


@pytest.mark.parametrize(("text", "meaning"), WRITTEN)
def test_a_typed_amount_is_stored_and_exported_as_the_same_number(
    text: str, meaning: Decimal
) -> None:
    stored = review.normalise_cell_text(text, True)
    assert stored is not None
    written = cell_values.parse_amount(stored)
    assert written is not None and written[0] == float(meaning)
    assert amounts.parse_amount(cell_values.number_text(*written)) == meaning


@pytest.mark.parametrize(("text", "meaning"), [*CASES, ("inf", None), ("NaN", None)])
def test_the_editor_shows_what_it_reads(text: str, meaning: Decimal | None) -> None:
    # the table view's display goes through the same reading: "12,34" is no 1234.00 and
    # "inf" raises nothing (gui/table_model.py called Decimal itself before)
    shown = review.amount_display(text)
    if meaning is None or amounts.is_blank(text):
        assert shown == text.strip() if amounts.is_blank(text) else shown == text
    else:
        assert amounts.parse_amount(shown) == meaning
