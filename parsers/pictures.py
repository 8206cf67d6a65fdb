"""Pictures of tables: a table pasted as an image into a text page or a Word document.

One judgement for every reader (parsers/pdf.py, parsers/docx.py): is the picture ruled
like a table (worth OCR, seconds), and did OCR find a table in it (a grid of figures).
A chart, a photo or an organisation chart is neither, and stays unread as before.
Pure functions on arrays and grids; imports no model, gui or Qt.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parsers.tables.layout import Grid

if TYPE_CHECKING:  # numpy loads only when a picture is judged (start-up stays light)
    import numpy as np

_FIGURE = re.compile(r"^-?[\d,]+\.\d{1,6}$")


def ruled_like_a_table(gray: np.ndarray) -> bool:
    """Three or more dark rows across most of a coarse (about 72 dpi) grayscale picture,
    each between light rows two pixels off: a table's rules. A pie or a bar filled with
    colour is dark above and below too; a photo has no such rows."""
    if gray.shape[0] < 10 or gray.shape[1] < 10:
        return False
    cover = (gray < 200).mean(axis=1).tolist()  # the dark share of each pixel row
    n = len(cover)
    rules = [
        i
        for i in range(n)
        if cover[i] >= 0.6 and cover[max(i - 2, 0)] < 0.4 and cover[min(i + 2, n - 1)] < 0.4
    ]
    return sum(1 for k, i in enumerate(rules) if k == 0 or i - rules[k - 1] > 1) >= 3


def holds_figures(grid: Grid) -> bool:
    """OCR found a table: at least two rows and columns, with amounts in it."""
    figures = sum(1 for c in grid.cells if _FIGURE.match(c.text.replace(" ", "")))
    return grid.n_rows >= 2 and grid.n_cols >= 2 and figures >= 3
