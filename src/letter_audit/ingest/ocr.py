"""OCR for scanned pages: render with PDFium, read words and boxes with the Tesseract command.

Words come back in PDF points so the same layout code turns them into lines, rows and paragraphs.
A missing Tesseract is an error the user can fix (LA109), never a silently empty letter.

Tesseract is run directly (``tesseract stdin stdout tsv``) rather than through pytesseract so that it
can be given one thread (``OMP_THREAD_LIMIT=1``: on a busy two-core machine its own threads made a page
take 2-4 times longer) and a hard timeout from the read's time limit. The page is rendered at the
resolution of the scan inside it (150 to 300 dpi): rendering a 200 dpi scan at 300 dpi only gives
Tesseract more pixels to read.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from statistics import median
from typing import Any

from ..errors import OcrUnavailable, ReadTimeout
from .layout import Word
from .limits import remaining_s

TESSERACT = os.environ.get("LETTER_AUDIT_TESSERACT", "tesseract")
"""The Tesseract command (LETTER_AUDIT_TESSERACT overrides it, e.g. a full path on Windows)."""
MIN_DPI, MAX_DPI = 150, 300
MIN_CONFIDENCE = 30.0
"""Tesseract words below this confidence are mostly specks and form lines, not text."""


def tesseract_path() -> str | None:
    return shutil.which(TESSERACT)


def ocr_page(page: Any, name: str) -> list[Word]:
    """Words on one rendered page, with boxes in PDF points from the page's top-left corner."""
    command = tesseract_path()
    if command is None:
        raise OcrUnavailable(path=name)
    scale = _scan_dpi(page) / 72
    image = page.render(scale=scale, grayscale=True).to_pil()
    png = io.BytesIO()
    image.save(png, "PNG")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(
            [command, "stdin", "stdout", "-l", "eng", "--psm", "3", "tsv"],
            input=png.getvalue(),
            capture_output=True,
            env=env,
            timeout=remaining_s(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ReadTimeout("OCR took longer than the time limit", path=name) from None
    except OSError as exc:
        raise OcrUnavailable(f"Tesseract could not be started: {exc.strerror or exc}", path=name) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrUnavailable(
            f"Tesseract failed on this page: {detail[-1] if detail else done.returncode}", path=name
        )
    return _words(done.stdout.decode("utf-8", "replace"), scale)


def _words(tsv: str, scale: float) -> list[Word]:
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    # Every word gets the page's typical line height as its size: the heights Tesseract gives single
    # words, or even lines, vary too much (skew, "days)." against "was seen") for the layout's
    # comparisons of line sizes. The cost: on a scan, a larger font does not make a heading.
    heights = []
    for row in rows:
        if row.get("level") == "4":
            try:
                heights.append(int(row["height"]) / scale)
            except (KeyError, TypeError, ValueError):
                continue
    # A line's ink (ascender to descender) is about 0.85 of the height PDFium's loose boxes give.
    size = max(median(heights) / 0.85, 4.0) if heights else 12.0
    words: list[Word] = []
    for row in rows:
        text = (row.get("text") or "").strip()
        if not text or row.get("level") != "5":
            continue
        try:
            conf = float(row["conf"])
            left, top = int(row["left"]) / scale, int(row["top"]) / scale
            width, height = int(row["width"]) / scale, int(row["height"]) / scale
        except (KeyError, TypeError, ValueError):
            continue
        if conf >= MIN_CONFIDENCE:
            words.append(Word(text, left, top, left + width, top + height, size, ocr=True))
    return words


def _scan_dpi(page: Any) -> float:
    """The resolution of the largest image on the page, kept within 150-300 dpi (300 without one)."""
    import pypdfium2.raw as c

    best_area, dpi = 0.0, float(MAX_DPI)
    try:
        for image in page.get_objects(filter=[c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = image.get_bounds()
            px_w, _ = image.get_px_size()
            area = (right - left) * (top - bottom)
            if area > best_area and right - left > 0:
                best_area, dpi = area, px_w / ((right - left) / 72)
    except Exception:  # an image PDFium cannot measure: render at the default resolution
        return float(MAX_DPI)
    return min(max(dpi, MIN_DPI), MAX_DPI)
