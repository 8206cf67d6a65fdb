"""The OCR engine runs from the models inside the wheel, with the network off."""

from __future__ import annotations

import socket
import unicodedata
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from parsers import ocr


def text_image(text: str, fontsize: float = 14) -> np.ndarray:
    """A white strip with `text` set in PyMuPDF's built-in Simplified Chinese font, as
    a 200 dpi grayscale image (what a scanned page looks like to the engine)."""
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=40)
    page.insert_text((10, 28), text, fontsize=fontsize, fontname="china-s")
    pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.stride)[:, : pix.w].copy()


def test_packaged_models_are_present() -> None:
    params = ocr.engine_params()
    for key in ("Det.model_path", "Rec.model_path"):
        path = Path(params[key])
        assert path.is_file() and path.parent == ocr.models_dir()


def test_reads_chinese_and_amounts_offline_without_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network is off in this test")

    # onnxruntime's native library writes a telemetry device id under $HOME
    # (Microsoft/DeveloperTools/.onnxruntime) when it loads: neither a model cache nor a
    # download, and out of our hands. `import pymupdf` used to load it at collection;
    # now that nothing pulls it in early, load it before HOME is swapped.
    import onnxruntime  # noqa: F401

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for var in ("HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "USERPROFILE"):
        monkeypatch.setenv(var, str(home))
    monkeypatch.setattr(ocr, "_engine", None)  # a fresh engine, built under these conditions

    boxes = ocr.recognise(text_image("预算数 19876.00"), threads=1)

    # china-s sets digits full width, and the engine reads them so: compare after NFKC.
    text = unicodedata.normalize("NFKC", "".join(b.text for b in boxes)).replace(" ", "")
    assert text == "预算数19876.00"
    assert all(0.5 < b.score <= 1.0 for b in boxes)
    assert list(home.iterdir()) == []  # nothing cached or downloaded
