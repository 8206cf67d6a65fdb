"""Coloured seals and stamps lifted off a scanned page before it is read.

Departments stamp their filings with a red official seal (公章), often right over
the 合计 row or the department's name; on a colour scan the seal's ink turns the
figures beneath it into grey blobs for the binariser and the OCR, which read
those cells wrong (issue 15: 94 % of cells under seals). Printed tables are black
on white, so any strongly coloured pixel is stamp ink, not table ink: it is given
the brightness of its brightest channel (red ink is bright in red, blue ink in
blue), which puts the seal with the paper, while black figures printed under it
stay dark (black over red is still dark in every channel). Imports no model, gui
or Qt.
"""

from __future__ import annotations

import cv2
import numpy as np


def grayscale_without_stamps(rgb: np.ndarray, min_saturation: int) -> np.ndarray:
    """An 8-bit grayscale image of an RGB page (rows x cols x 3) with its coloured
    ink lifted: pixels whose channels spread by `min_saturation` or more (out of
    255) take their brightest channel, brightened by the ink's own filtering.
    `min_saturation` <= 0 keeps every colour as plain grayscale. A gray scan (equal
    channels) comes out as its gray."""
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if min_saturation <= 0:
        return gray
    r, g, b = cv2.split(rgb)
    brightest = cv2.max(cv2.max(r, g), b)
    spread = cv2.subtract(brightest, cv2.min(cv2.min(r, g), b))
    coloured = spread >= min_saturation
    lifted = brightest[coloured]
    if lifted.size:
        # Stamp ink filters the page beneath it: even in its own colour's channel
        # it passes only part of the light (a red seal's red is ~200 of the paper's
        # 240), which would leave a pale ghost of the seal for OCR to read as 日 or
        # 口. Dividing by the ink's usual level takes it back to the paper.
        level = float(np.median(lifted[:: max(1, lifted.size // 20000)]))
        gain = min(1.6, 255.0 / max(level, 1.0))
        gray[coloured] = np.minimum(lifted * gain, 255).astype(np.uint8)
    return gray
