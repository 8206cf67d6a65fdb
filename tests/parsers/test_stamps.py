"""Red seals over a scanned table: lifted before OCR, so the figures under them read
as on the unstamped page. Fixtures: tests/fixtures/scan/make_fixtures.py (the same
crop of seed 002's scan, plain and with a red seal over its project column)."""

from __future__ import annotations

import numpy as np
import pymupdf
import pytest

from parsers import pdf_scan
from parsers.scan_image import ScanSettings
from parsers.stamps import grayscale_without_stamps
from parsers.tables.cells import page_items
from parsers.tables.layout import Grid
from parsers.tables.settings import SCAN
from tests.conftest import FIXTURES


def test_red_ink_goes_with_the_paper_and_black_ink_stays() -> None:
    rgb = np.full((4, 4, 3), 255, np.uint8)
    rgb[0, 0] = (215, 40, 40)  # seal ink
    rgb[0, 1] = (30, 60, 200)  # blue stamp ink
    rgb[0, 2] = (20, 10, 10)  # a black figure printed under the seal
    rgb[0, 3] = (128, 128, 128)  # gray paper speck
    gray = grayscale_without_stamps(rgb, 48)
    assert gray[0, 0] >= 240 and gray[0, 1] >= 240
    assert gray[0, 2] <= 20
    assert gray[0, 3] == 128
    assert grayscale_without_stamps(rgb, 0)[0, 0] < 120  # switched off: plain gray


def cell_texts(name: str, settings: ScanSettings) -> list[list[str]]:
    with pymupdf.open(FIXTURES / "scan" / name) as doc:
        content = pdf_scan.page_content(doc[0], 1, settings)
    grids = [it for it in page_items(content, SCAN) if isinstance(it, Grid)]
    assert grids
    return [row for g in grids for row in g.rows()]


@pytest.fixture(scope="module")
def plain() -> list[list[str]]:
    return cell_texts("budget-rows.pdf", ScanSettings())


def test_cells_under_a_seal_read_as_without(plain: list[list[str]]) -> None:
    assert cell_texts("budget-rows-sealed.pdf", ScanSettings()) == plain


def test_the_seal_spoils_cells_when_kept(plain: list[list[str]]) -> None:
    """The fixture is a fair test: read as plain gray, the seal does change cells."""
    assert cell_texts("budget-rows-sealed.pdf", ScanSettings(stamp_saturation=0)) != plain
