"""The OCR engine: RapidOCR on onnxruntime with the models shipped inside the wheel.

One engine per process, made on first use. Every model path is given explicitly,
so RapidOCR never reaches its download code: the program runs on offline office
PCs and must not touch the network or a model cache (tests/parsers/test_ocr.py
proves it with sockets blocked and an empty HOME). Imports no model, gui or Qt.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"

# Keep weak reads: a clerk reviews low-confidence cells, an absent cell is worse.
MIN_TEXT_SCORE = 0.3

DET_SIDE = 1280  # px: the long side of the page as the detector sees it

_engine: Any = None
_engine_key: tuple[int, int] | None = None


@dataclass(frozen=True)
class TextBox:
    """One recognised text line: text, score 0..1 and its box in image pixels."""

    text: str
    score: float
    x0: float
    y0: float
    x1: float
    y1: float


def models_dir() -> Path:
    """The `models` folder inside the installed rapidocr package (found without importing it)."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise RuntimeError("rapidocr is not installed")
    return Path(spec.origin).parent / "models"


def engine_params(threads: int = 1, det_side: int = DET_SIDE) -> dict[str, Any]:
    """RapidOCR 3.x params: packaged models only, no angle classifier (scans are upright,
    deskewed by parsers/pdf_scan.py), `threads` onnxruntime threads per session, the
    page shrunk to `det_side` px (long side) for detection only."""
    models = models_dir()
    return {
        "Global.use_cls": False,
        "Global.log_level": "warning",
        "Global.text_score": MIN_TEXT_SCORE,
        "Global.model_root_dir": str(models),
        # Pages come in at the resolution we rendered them; do not shrink them again.
        "Global.max_side_len": 4000,
        "Det.model_path": str(models / DET_MODEL),
        "Rec.model_path": str(models / REC_MODEL),
        "Cls.model_path": str(models / CLS_MODEL),
        # Detection on an A4 page shrunk to 1280 px (~110 dpi) still finds the
        # single-digit 栏次 numbers (736 loses some; 1024 misorders the lines of
        # wrapped cells), at a fraction of the full-size time and memory;
        # recognition crops come from the full-size image.
        "Det.limit_type": "max",
        "Det.limit_side_len": det_side,
        # A wider box around each line: at the default 1.6 the first glyph of a short
        # word in a cell is clipped now and then ("事业" read as "业").
        "Det.unclip_ratio": 2.0,
        # Recognition is most of the time: a 96 px minimum crop width instead of 320
        # reads the same text (short figures dominate a budget table) much faster.
        "Rec.rec_img_shape": [3, 48, 96],
        # One crop per run: a batch is padded to its widest crop, and on one thread
        # that padding is pure waste (bench/ocr_speed.py: 1.78 -> 1.68 s/page, peak
        # memory 1467 -> 1139 MB for two workers).
        "Rec.rec_batch_num": 1,
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }


def engine(threads: int = 1, det_side: int = DET_SIDE) -> Any:
    """The process's RapidOCR instance, created on first call (model load ~0.5 s).

    Raises FileNotFoundError when a packaged model file is missing: better a clear
    failure than a silent download attempt."""
    global _engine, _engine_key
    if _engine is None or _engine_key != (threads, det_side):
        params = engine_params(threads, det_side)
        for key in ("Det.model_path", "Rec.model_path"):
            if not Path(params[key]).is_file():
                raise FileNotFoundError(params[key])
        from rapidocr import RapidOCR  # heavy import, only in processes that OCR

        logging.getLogger("RapidOCR").setLevel(logging.WARNING)
        _engine = RapidOCR(params=params)
        _engine_key = (threads, det_side)
    return _engine


def recognise(image: np.ndarray, threads: int = 1, det_side: int = DET_SIDE) -> list[TextBox]:
    """Text lines of a grayscale or BGR image, boxes in the image's pixels."""
    if image.ndim == 2:
        image = np.ascontiguousarray(np.stack([image] * 3, axis=-1))
    result = engine(threads, det_side)(image)
    if result.boxes is None or result.txts is None:
        return []
    boxes: list[TextBox] = []
    for quad, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
        q = np.asarray(quad, dtype=float)
        boxes.append(
            TextBox(
                text=str(text),
                score=float(score),
                x0=float(q[:, 0].min()),
                y0=float(q[:, 1].min()),
                x1=float(q[:, 0].max()),
                y1=float(q[:, 1].max()),
            )
        )
    return boxes
