"""OCR for scanned pages: render with PDFium at 300 dpi, read words and boxes with Tesseract.

Words come back in PDF points so the same layout code turns them into lines, rows and paragraphs.
A missing Tesseract is an error the user can fix (LA109), never a silently empty letter.
"""

from __future__ import annotations

import shutil
from typing import Any

from ..errors import OcrUnavailable, ReadTimeout
from .layout import Word
from .limits import remaining_s

DPI = 300
MIN_CONFIDENCE = 30.0
"""Tesseract words below this confidence are mostly specks and lines of a form, not text."""


def tesseract_available() -> bool:
    import pytesseract

    cmd = pytesseract.pytesseract.tesseract_cmd
    return shutil.which(cmd) is not None


def ocr_page(page: Any, name: str) -> list[Word]:
    """Words on one rendered page, with boxes in PDF points from the page's top-left corner."""
    import pytesseract

    if not tesseract_available():
        raise OcrUnavailable(path=name)
    scale = DPI / 72
    image = page.render(scale=scale, grayscale=True).to_pil()
    timeout = remaining_s()
    try:
        data = pytesseract.image_to_data(
            image, lang="eng", config="--psm 3", output_type=pytesseract.Output.DICT, timeout=timeout or 0
        )
    except pytesseract.TesseractNotFoundError:
        raise OcrUnavailable(path=name) from None
    except RuntimeError as exc:  # pytesseract raises RuntimeError on its own timeout
        if "timeout" in str(exc).lower():
            raise ReadTimeout("OCR took longer than the time limit", path=name) from None
        raise
    except pytesseract.TesseractError as exc:
        raise OcrUnavailable(f"Tesseract failed on this page: {exc.message}", path=name) from None
    words: list[Word] = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text or float(data["conf"][i]) < MIN_CONFIDENCE:
            continue
        left, top = data["left"][i] / scale, data["top"][i] / scale
        width, height = data["width"][i] / scale, data["height"][i] / scale
        # Layout measures gaps in line heights; a word's ink is about two thirds of its line's height.
        words.append(Word(text, left, top, left + width, top + height, max(height * 1.5, 4.0)))
    return words
