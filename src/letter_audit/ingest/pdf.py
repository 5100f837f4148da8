"""PDF letters: the text layer through PDFium, OCR for pages that are only a picture.

PDFium (via pypdfium2) gives each character with its box in about a twentieth of the time pdfplumber
takes, so characters are read with PDFium alone and laid out by ``layout`` (lines, cells, paragraphs,
headers and footers). pdfplumber is not needed for letters: their tables are simple grids whose rows
are recovered from gaps between words.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable
from functools import partial
from typing import Any

from ..errors import CorruptPdf, EncryptedPdf, NoText, ReadTimeout
from .builder import LetterBuilder
from .layout import Page, Word, add_pages, group_lines, split_furniture
from .limits import check_deadline, remaining_s
from .rows import Rules

MIN_TEXT_CHARS = 20
"""A page with fewer visible characters than this and an image on it is treated as a scan."""
_SPACES = {0x20, 0xA0, 0x09, 0x0A, 0x0D, 0x0C, 0x2002, 0x2003, 0x2009, 0x200B, 0x3000, 0xFEFF}
_FPDF_ERR_PASSWORD = 4
_PAGEOBJ_IMAGE = 3
_PAGEOBJ_FORM = 5


def open_pdf(data: bytes, name: str) -> Any:
    """Open ``data`` with PDFium, turning its failures into LA101 (password) and LA102 (damaged)."""
    import pypdfium2 as pdfium

    if b"%%EOF" not in data[-4096:]:
        # PDFium would repair the cross-reference table and silently read part of the letter; a
        # discharge summary missing its last page is worse than an error.
        raise CorruptPdf(
            "PDF is truncated (no end-of-file marker); ask the sender for a complete copy", path=name
        )
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _FPDF_ERR_PASSWORD:
            raise EncryptedPdf(path=name) from None
        raise CorruptPdf(path=name) from None
    if len(doc) == 0:
        doc.close()
        raise CorruptPdf("PDF has no pages", path=name)
    return doc


_PDFIUM_LOCK = threading.Lock()
"""PDFium is not thread-safe: one read at a time per process (the web app reads in worker threads)."""


def read_pdf(data: bytes, name: str, builder: LetterBuilder, *, ocr: bool = True) -> tuple[int, bool]:
    """Read every page into ``builder``; returns (page count, whether OCR was used)."""
    wait = remaining_s()
    if not _PDFIUM_LOCK.acquire(timeout=-1 if wait is None else wait):
        raise ReadTimeout("waited longer than the time limit for another PDF to finish", path=name)
    try:
        return _read_pdf(data, name, builder, ocr=ocr)
    finally:
        _PDFIUM_LOCK.release()


def _read_pdf(data: bytes, name: str, builder: LetterBuilder, *, ocr: bool) -> tuple[int, bool]:
    import pypdfium2 as pdfium

    doc = open_pdf(data, name)
    used_ocr = False
    pages: list[Page] = []
    try:
        n_pages = len(doc)
        for index in range(n_pages):
            check_deadline()
            try:
                page = _load_page(doc, index)
                width, height = page.get_size()
                textpage = page.get_textpage()
            except pdfium.PdfiumError:
                raise CorruptPdf(f"PDF page {index + 1} is damaged and cannot be read", path=name) from None
            words, visible = _page_words(textpage, height)
            textpage.close()
            find_rules: Callable[[], Rules] | None = partial(_page_rules, page, height)
            if visible < MIN_TEXT_CHARS and _has_image(page):
                if not ocr:
                    raise NoText(f"page {index + 1} is a scanned image and OCR was turned off", path=name)
                from .ocr import ocr_page

                words = ocr_page(page, name)
                used_ocr = True
                find_rules = None
            lines = group_lines(words, find_rules)
            page.close()
            pages.append(Page(index + 1, width, height, lines))
    finally:
        doc.close()
    for text in split_furniture(pages):
        builder.add_furniture(text)
    add_pages(builder, pages)
    return n_pages, used_ocr


def _load_page(doc: Any, index: int) -> Any:
    """Load a page with its annotations flattened into its content.

    Fillable trust templates keep what the clinician typed in form fields, whose text lives in the
    fields' appearances, not in the page's content; flattening (in memory only) makes it text like
    any other, at its place on the page.
    """
    import pypdfium2.raw as c

    page = doc[index]
    if c.FPDFPage_GetAnnotCount(page.raw) > 0:
        if c.FPDFPage_Flatten(page.raw, c.FLAT_NORMALDISPLAY) == c.FLATTEN_SUCCESS:
            page.close()
            page = doc[index]
    return page


def _page_words(textpage: Any, height: float) -> tuple[list[Word], int]:
    """Words with boxes from PDFium's character list, and the count of visible characters.

    Calls the C API directly: the page's text in one call, then one call per character for its box and
    one per word for its font weight, which keeps a five-page letter to a few hundredths of a second.
    """
    import pypdfium2.raw as c

    raw = textpage.raw
    count = c.FPDFText_CountChars(raw)
    # The page's text in one call: index i of the UTF-16 units is character i (surrogates kept apart).
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    c.FPDFText_GetText(raw, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    codes = [ord(ch) for ch in buffer.raw[: count * 2].decode("utf-16-le", "surrogatepass")]
    rect = c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    loose_box = c.FPDFText_GetLooseCharBox
    words: list[Word] = []
    chars: list[str] = []
    x0 = top = x1 = bottom = size = 0.0
    bold = False
    visible = 0
    pending_high = 0

    def end_word() -> None:
        if chars:
            words.append(Word("".join(chars), x0, top, x1, bottom, size, bold))
            chars.clear()

    for i, u in enumerate(codes):
        if u in (0x02, 0xFFFE):  # PDFium's marks for a hyphen breaking a word at a line's end
            u = 0x2D
        if u in _SPACES or u < 0x20:
            end_word()
            continue
        if 0xD800 <= u < 0xDC00:  # first half of a character outside the BMP
            pending_high = u
            continue
        if 0xDC00 <= u < 0xE000:
            if not pending_high:
                continue
            u = 0x10000 + ((pending_high - 0xD800) << 10) + (u - 0xDC00)
            pending_high = 0
        if not loose_box(raw, i, rect_ref):
            continue
        left, right = rect.left, rect.right
        ctop, cbottom = height - rect.top, height - rect.bottom
        visible += 1
        if chars:
            mid = (ctop + cbottom) / 2
            same_line = top <= mid <= bottom
            near = -0.5 * size <= left - x1 <= 0.3 * size
            if same_line and near:
                chars.append(chr(u))
                x1 = max(x1, right)
                top, bottom = min(top, ctop), max(bottom, cbottom)
                continue
            end_word()
        chars.append(chr(u))
        x0, x1, top, bottom = left, right, ctop, cbottom
        # The loose box is as tall as the font's line: a better measure of distances on the page than
        # the nominal font size, which some producers scale with the page's transformation matrix.
        size = max(cbottom - ctop, 1.0)
        weight = c.FPDFText_GetFontWeight(raw, i)
        bold = weight >= 600 or (weight <= 0 and _bold_by_name(c, raw, i))
    end_word()
    return words, visible


_name_buf = ctypes.create_string_buffer(128)


def _bold_by_name(c: Any, raw: Any, i: int) -> bool:
    """Some embedded fonts carry no weight; their names may still say "Bold" (Arial-BoldMT)."""
    n = c.FPDFText_GetFontInfo(raw, i, _name_buf, len(_name_buf), None)
    return n > 0 and b"bold" in _name_buf.value.lower()


_RULE_THICKNESS = 2.5
"""A path object at most this thick (points) and longer than ``_RULE_LENGTH`` is a rule."""
_RULE_LENGTH = 5.0
_MAX_PATH_OBJECTS = 5000
"""Only this many of a page's objects are searched for rules (a page of vector art may hold far more)."""
_PAGEOBJ_PATH = 2
_bounds = [ctypes.c_float() for _ in range(4)]
_bounds_refs = [ctypes.byref(f) for f in _bounds]


def _page_rules(page: Any, height: float) -> Rules:
    """The page's straight rules: thin path objects, and the edges of rectangles (cell borders, shaded
    rows), which tell the rows of a ruled table apart (``rows``).

    Only each object's bounds are read (one call), not its segments: tables are drawn as one path per
    border or per cell box, and a path of many segments (a logo, a rounded frame) is not a rule.
    """
    import pypdfium2.raw as c

    raw = page.raw
    horizontal: list[tuple[float, float, float]] = []
    vertical: list[tuple[float, float, float]] = []
    left, bottom, right, top = _bounds
    get_object, get_type, get_bounds = c.FPDFPage_GetObject, c.FPDFPageObj_GetType, c.FPDFPageObj_GetBounds
    for i in range(min(c.FPDFPage_CountObjects(raw), _MAX_PATH_OBJECTS)):
        obj = get_object(raw, i)
        if get_type(obj) != _PAGEOBJ_PATH or not get_bounds(obj, *_bounds_refs):
            continue
        x0, x1, y0, y1 = left.value, right.value, height - top.value, height - bottom.value
        wide, tall = x1 - x0, y1 - y0
        if tall <= _RULE_THICKNESS and wide >= _RULE_LENGTH:
            horizontal.append(((y0 + y1) / 2, x0, x1))
        elif wide <= _RULE_THICKNESS and tall >= _RULE_LENGTH:
            vertical.append(((x0 + x1) / 2, y0, y1))
        elif wide >= _RULE_LENGTH and tall >= _RULE_LENGTH and _outlined_box(c, obj):
            horizontal += [(y0, x0, x1), (y1, x0, x1)]
            vertical += [(x0, y0, y1), (x1, y0, y1)]
    return Rules(horizontal, vertical)


_fill_mode = ctypes.c_int()
_stroked = ctypes.c_int()


def _outlined_box(c: Any, obj: Any) -> bool:
    """A rectangle drawn with its outline stroked (a cell's or a box's border).

    A filled rectangle without an outline is shading, often one per paragraph or per line of a cell,
    whose edges do not show where the shading is the same on both sides: not a rule.
    """
    if c.FPDFPath_CountSegments(obj) > 5:
        return False
    ok = c.FPDFPath_GetDrawMode(obj, ctypes.byref(_fill_mode), ctypes.byref(_stroked))
    return bool(ok and _stroked.value)


def _has_image(page: Any) -> bool:
    import pypdfium2.raw as c

    raw = page.raw
    for i in range(c.FPDFPage_CountObjects(raw)):
        kind = c.FPDFPageObj_GetType(c.FPDFPage_GetObject(raw, i))
        if kind in (_PAGEOBJ_IMAGE, _PAGEOBJ_FORM):
            return True
    return False
