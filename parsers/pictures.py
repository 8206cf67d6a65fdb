"""Pictures of tables: a table pasted as an image into a text page or a Word document.

One judgement for every reader (parsers/pdf.py, parsers/docx.py): is the picture ruled
like a table (worth OCR, seconds), and did OCR find a table in it (a grid of figures).
A chart, a photo or an organisation chart is neither, and stays unread as before.
Pure functions on arrays and grids; imports no model, gui or Qt.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from parsers.tables.layout import Grid, Item

if TYPE_CHECKING:  # numpy loads only when a picture is judged (start-up stays light)
    import numpy as np

_FIGURE = re.compile(r"^-?[\d,]+\.\d{1,6}$")
# A picture is worth OCR when at least this large (points across, down): a table, not a
# seal or a logo. Readers add a share of the page where they know the page.
PICTURE_MIN = (150.0, 50.0)


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


def _holds_figures(grid: Grid) -> bool:
    """OCR found a table: at least two rows and columns, with amounts in it."""
    figures = sum(1 for c in grid.cells if _FIGURE.match(c.text.replace(" ", "")))
    return grid.n_rows >= 2 and grid.n_cols >= 2 and figures >= 3


def table_items(items: list[Item]) -> list[Item]:
    """What OCR read in one picture, kept when it found a table there (a grid of
    figures); [] for a photo or an organisation chart, which stay unread."""
    return items if any(isinstance(it, Grid) and _holds_figures(it) for it in items) else []


@lru_cache(maxsize=16)
def read_picture(blob: bytes, width: float, height: float) -> tuple[Item, ...]:
    """The table in a picture embedded `width` x `height` points large (a DOCX), as the
    page steps read a scan: () when it is no table (not ruled like one, or no grid of
    figures found) or cannot be decoded. Seconds when it is OCR'd, so the reading is kept
    for the source pane, which reads the same document again after the import; callers
    must not change what it returns. Any thread."""
    import cv2
    import numpy as np

    from parsers import scan_image
    from parsers.tables.page import page_items
    from parsers.tables.settings import SCAN

    gray = cv2.imdecode(np.frombuffer(blob, dtype=np.uint8), cv2.IMREAD_GRAYSCALE)
    if gray is None or width < 1 or height < 1:
        return ()
    coarse = cv2.resize(gray, (round(width), round(height)), interpolation=cv2.INTER_AREA)
    if not ruled_like_a_table(coarse):
        return ()
    scale = scan_image.DEFAULT.dpi / 72
    size = (round(width * scale), round(height * scale))
    shrink = size[0] < gray.shape[1]
    image = cv2.resize(gray, size, interpolation=cv2.INTER_AREA if shrink else cv2.INTER_CUBIC)
    return tuple(table_items(page_items(scan_image.image_content(image, 1, width, height), SCAN)))
