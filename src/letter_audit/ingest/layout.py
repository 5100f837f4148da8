"""Positioned words on pages -> lines -> table rows, paragraphs, headings and list items.

Shared by the PDF text-layer reader and OCR, which both produce ``Word`` boxes. Coordinates are PDF
points with the origin at the page's top-left corner.

The method, in brief:

* words are grouped into lines by vertical overlap and sorted top to bottom, left to right, so reading
  order does not depend on the order a PDF producer happened to draw text in;
* a horizontal gap wider than two thirds of the line's height (a space is a quarter) splits a line into
  cells, so a two-column table's row comes out as one ``table_row`` with both cells rather than one
  column after the other; the lines of one table row (a cell wrapped onto several lines, in a ruled
  or unruled table) are joined into one row by ``rows``;
* lines in the top or bottom tenth of the page that repeat there on at least two pages (and half of
  them), digits ignored so that page numbers may change, are headers and footers: ``Letter.furniture``;
* single-cell lines are joined into one paragraph while the previous line ran on to the right margin
  (it wrapped) and the spacing is that of a wrapped line; bold or larger short lines are headings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from statistics import median

from ..letter import BlockKind
from .builder import LetterBuilder
from .grid import grid_pairs
from .rows import FIELD_LABEL, Rules, join_rows
from .text import line_kind, mostly_capitals

CELL_GAP_EM = 0.65
"""A gap between words wider than this many line heights starts a new cell (a space is about 0.25)."""
CELL_GAP_EM_OCR = 1.2
"""The same for OCR'd words, whose boxes hug the ink, so that ordinary spaces look wider and vary more."""
EDGE_BAND = 0.10
"""Fraction of the page height at the top and at the bottom where headers and footers live."""

_DIGITS = re.compile(r"\d+")
_BULLET_GLYPH = re.compile(r"^[\u2022\u2023\u25e6\u2043\u25aa\u25cf]$")
_DASH_OR_STAR = re.compile(r"^[\u2013*-]$")
_ITEM_MARKER = re.compile(r"^\(?(?:\d{1,2}|[a-z])[.)]$")
"""A list item's number or letter ("2.", "b)", "(c)"); see ``_opens_item``."""


@dataclass
class Word:
    """One word (or run of glyphs without a space) and its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    """Height of the font's line in points (for OCR, estimated from the word's ink)."""
    bold: bool = False
    ocr: bool = False
    """True when the word was read by OCR from a picture of the page."""


@dataclass
class Line:
    """Words on one visual line, or a row of a table whose cells hold lines at staggered heights."""

    words: list[Word] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0
    parts: list[Line] = field(default_factory=list)
    """For a row joined from several lines: those lines, top to bottom (empty for a plain line)."""
    splits: list[float] = field(default_factory=list)
    """For a ruled row: x of the vertical rules between its cells (a column never crosses one)."""

    # Cached: layout asks for these many times per line. ``absorb`` clears them; nothing else changes
    # a line's words once ``group_lines`` has built it.
    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def size(self) -> float:
        return median(w.size for w in self.words)

    @property
    def cell_gap(self) -> float:
        """The widest gap between two words of one cell on this line."""
        return (CELL_GAP_EM_OCR if self.words[0].ocr else CELL_GAP_EM) * self.size

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)

    def cells(self) -> list[tuple[str, float, float]]:
        """The line's text split at wide gaps: (text, x0, x1) per cell."""
        return self._cells

    @cached_property
    def _cells(self) -> list[tuple[str, float, float]]:
        if self.parts:
            return self._column_cells()
        gap = self.cell_gap
        out: list[tuple[str, float, float]] = []
        cur: list[Word] = []
        for w in self.words:
            if cur and w.x0 - cur[-1].x1 > gap:
                out.append((" ".join(c.text for c in cur), cur[0].x0, cur[-1].x1))
                cur = []
            cur.append(w)
        if cur:
            out.append((" ".join(c.text for c in cur), cur[0].x0, cur[-1].x1))
        return _attach_bullets(out)

    def _column_cells(self) -> list[tuple[str, float, float]]:
        """Cells of a row joined from several lines: words grouped into columns by x (never across a
        ruled cell border), each column read line by line.

        Lines of one column are joined as wrapped text (a space), except where the next line's first
        word would have fitted on the line before it: there the writer started a new paragraph in the
        cell, kept as a newline, the way DOCX cells with several paragraphs are read.
        """
        gap = self.cell_gap
        order = {id(w): i for i, part in enumerate(self.parts) for w in part.words}
        columns: list[list[Word]] = []
        right = 0.0
        for w in sorted(self.words, key=lambda w: w.x0):
            if columns and w.x0 - right <= gap and not self._ruled_between(right, w.x0):
                columns[-1].append(w)
                right = max(right, w.x1)
            else:
                columns.append([w])
                right = w.x1
        columns = self._bullets_to_text(columns)
        out = []
        for k, col in enumerate(columns):
            limit = self._column_limit(col, columns[k + 1][0].x0 if k + 1 < len(columns) else None)
            # A border drawn on the page is exact; a column's edge estimated from its neighbour is not.
            margin = (0.5 if self.splits else 1.0) * self.size
            col.sort(key=lambda w: (order[id(w)], w.x0))
            text = col[0].text
            for k in range(1, len(col)):
                prev, w = col[k - 1], col[k]
                if order[id(w)] == order[id(prev)]:
                    text = f"{text} {w.text}"
                elif _opens_item(w, col[k + 1] if k + 1 < len(col) else None, order) or _new_paragraph(
                    prev, w, limit - margin, self.size
                ):
                    text = f"{text}\n{w.text}"
                else:
                    text = _join_wrapped(text, w.text)
            out.append((text, min(w.x0 for w in col), max(w.x1 for w in col)))
        return _attach_bullets(out)

    def _ruled_between(self, left: float, right: float) -> bool:
        """Whether a ruled cell border runs between text ending at ``left`` and text starting at ``right``."""
        return any(left - 1 <= s <= right + 1 for s in self.splits)

    def _bullets_to_text(self, columns: list[list[Word]]) -> list[list[Word]]:
        """A column of nothing but bullet glyphs is the bullets of the list in the column to its right,
        when no ruled border runs between them: a list in a table cell, its bullets hung out to the left
        by the list's indent. Each bullet then leads its own item's line, as in a cell's list read
        alone, instead of the cell coming apart into a column of bullets and a column of items."""
        out: list[list[Word]] = []
        for col in columns:
            prev = out[-1] if out else None
            if (
                prev is not None
                and all(_BULLET_GLYPH.match(w.text) for w in prev)
                and not self._ruled_between(max(w.x1 for w in prev), col[0].x0)
            ):
                out[-1] = prev + col
            else:
                out.append(col)
        return out

    def _column_limit(self, col: list[Word], next_x0: float | None) -> float:
        """How far right text in this column may run: its ruled border less the cell's padding, else
        the next column's start less two paddings, else (last column) its own widest line."""
        right = max(w.x1 for w in col)
        border = next((s for s in self.splits if s >= right - 1), None)
        if border is not None:
            return border - 0.4 * self.size
        if next_x0 is not None:
            return next_x0 - 1.1 * self.size
        return right

    @property
    def text(self) -> str:
        if self.parts:
            return " ".join(c[0] for c in self._column_cells())
        return " ".join(w.text for w in self.words)

    def absorb(self, other: Line) -> None:
        """Take in a line (or row) that belongs to the same table row as this one."""
        mine = self.parts or [Line(list(self.words), self.top, self.bottom)]
        theirs = other.parts or [other]
        self.parts = sorted(mine + theirs, key=lambda ln: ln.top)
        self.words = self.words + other.words
        self.top, self.bottom = min(self.top, other.top), max(self.bottom, other.bottom)
        self.splits = sorted(set(self.splits) | set(other.splits))
        for name in ("x0", "x1", "size", "_cells"):
            self.__dict__.pop(name, None)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]


def _attach_bullets(cells: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """A bullet set apart from its text by a tab stop belongs to that text, not a column of its own.

    A lone dash or star counts as a bullet only at the start of a line: inside a table a dash in a
    cell means "none" ("Bisoprolol | - | 1.25 mg once daily").
    """
    out: list[tuple[str, float, float]] = []
    for cell in cells:
        prev = out[-1][0] if out else ""
        if out and (_BULLET_GLYPH.match(prev) or (len(out) == 1 and _DASH_OR_STAR.match(prev))):
            bullet = out.pop()
            cell = (f"{bullet[0]} {cell[0]}", bullet[1], cell[2])
        out.append(cell)
    return out


def group_lines(words: list[Word], find_rules: Callable[[], Rules] | None = None) -> list[Line]:
    """Group words into lines by vertical overlap, top to bottom, each line left to right, then join
    the lines of each table row (``rows``).

    ``find_rules`` reads the page's ruling (None for OCR'd pages); it is called only when some line
    has several cells, because walking a page's objects costs more than laying out its text.
    """
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        mid = (w.top + w.bottom) / 2
        if lines:
            line = lines[-1]
            overlap = min(line.bottom, w.bottom) - max(line.top, w.top)
            height = min(line.bottom - line.top, w.bottom - w.top)
            if line.top <= mid <= line.bottom and overlap >= 0.5 * height:
                line.words.append(w)
                line.top, line.bottom = min(line.top, w.top), max(line.bottom, w.bottom)
                continue
        lines.append(Line([w], w.top, w.bottom))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    table = find_rules is not None and any(len(line.cells()) >= 2 for line in lines)
    return join_rows(lines, find_rules() if table and find_rules is not None else None)


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def split_furniture(pages: list[Page]) -> list[str]:
    """Remove repeated header/footer lines from ``pages`` (in place) and return their text, once each.

    A line is furniture when it lies in the top or bottom band of its page, the same text (digits
    aside) lies in the same band on at least two pages and half of them, and only other furniture
    stands between it and the page's edge. The last rule keeps a body line that merely happens to
    repeat near the top of each page (a table's repeated header row) unless it really is in the margin.
    """
    if len(pages) < 2:
        return []
    need = max(2, (len(pages) + 1) // 2)
    counts: dict[tuple[str, str], int] = {}
    for page in pages:
        seen = {(zone, _key(line.text)) for zone, lines in _edges(page).items() for line in lines}
        for k in seen:
            counts[k] = counts.get(k, 0) + 1
    repeated = {k for k, n in counts.items() if n >= need}
    furniture: dict[str, str] = {}
    for page in pages:
        drop: set[int] = set()
        for zone, lines in _edges(page).items():
            for line in lines:  # outermost first; stop at the first line that is not furniture
                if (zone, _key(line.text)) not in repeated:
                    break
                drop.add(id(line))
                furniture.setdefault(_key(line.text), line.text)
        page.lines = [line for line in page.lines if id(line) not in drop]
    return list(furniture.values())


def _edges(page: Page) -> dict[str, list[Line]]:
    """Up to four lines in each edge band, ordered from the page's edge inwards."""
    band = EDGE_BAND * page.height
    top = [ln for ln in page.lines[:4] if ln.bottom <= band]
    bottom = [ln for ln in reversed(page.lines[-4:]) if ln.top >= page.height - band]
    return {"top": top, "bottom": bottom}


def _body_size(pages: list[Page]) -> float:
    sizes = [round(w.size) for p in pages for ln in p.lines for w in ln.words]
    if not sizes:
        return 10.0
    return float(max(set(sizes), key=sizes.count))


def _mostly_bold(pages: list[Page]) -> bool:
    words = [w for p in pages for ln in p.lines for w in ln.words]
    return sum(w.bold for w in words) > 0.5 * max(len(words), 1)


def _is_heading(line: Line, body: float, bold_means_heading: bool) -> bool:
    """Short lines set larger than the body text, or in bold (without figures) when the body is not bold."""
    text = line.text
    if len(text) > 90 or text.rstrip().endswith((".", ",", ";")) or not any(c.isalpha() for c in text):
        return False
    if line.size >= 1.15 * body:
        return True
    return bold_means_heading and all(w.bold for w in line.words) and not _DIGITS.search(text)


def add_pages(builder: LetterBuilder, pages: list[Page]) -> None:
    """Turn laid-out pages into blocks on ``builder`` (headers and footers must be split off first)."""
    body = _body_size(pages)
    bold_means_heading = not _mostly_bold(pages)
    caps = not mostly_capitals(" ".join(w.text for p in pages for ln in p.lines for w in ln.words))
    pairs = [_grid_pairs(page.lines) for page in pages]
    for page, nxt, here, there in zip(pages, pages[1:], pairs, pairs[1:], strict=False):
        # A grid's row of headings last on one page and its row of contents first on the next.
        if page.lines and _cross_page_pair(page.lines, here, nxt.lines, there):
            here[len(page.lines) - 1] = _NEXT_PAGE
    for i, page in enumerate(pages):
        if not page.lines:
            continue
        below = {
            h: (page.lines[c], page.number)
            if c != _NEXT_PAGE
            else (pages[i + 1].lines[0], pages[i + 1].number)
            for h, c in pairs[i].items()
        }
        skip = {c for c in pairs[i].values() if c != _NEXT_PAGE}
        if i and _NEXT_PAGE in pairs[i - 1].values():
            skip.add(0)  # this page's first line was read under the last page's last row
        _add_page(builder, page, body, bold_means_heading, caps, below, skip)


_NEXT_PAGE = -1
"""In a page's grid pairs, a row of contents that is the next page's first line."""


def _add_page(
    builder: LetterBuilder,
    page: Page,
    body: float,
    bold_means_heading: bool,
    caps_are_headings: bool,
    below: dict[int, tuple[Line, int]],
    skip: set[int],
) -> None:
    """One page's blocks. ``below`` maps each grid heading row to its row of contents and that row's
    page; the lines in ``skip`` are rows of contents, read under their headings."""
    para: list[Line] = []
    para_kind: BlockKind = "paragraph"
    for i, line in enumerate(page.lines):
        cells = line.cells()
        if i in skip:
            continue
        if i in below:
            # a paired-section grid: each heading over the lines of the cell under it
            _flush(builder, para, para_kind, page.number)
            under, on_page = below[i]
            for (head, x0, x1), (content, c0, c1) in zip(cells, under.cells(), strict=True):
                builder.add("heading", head, page=page.number, bbox=(x0, line.top, x1, line.bottom))
                for text in content.split("\n"):
                    kind: BlockKind = "list_item" if line_kind(text) == "list_item" else "paragraph"
                    builder.add(kind, text, page=on_page, bbox=(c0, under.top, c1, under.bottom))
            continue
        if len(cells) >= 2:
            _flush(builder, para, para_kind, page.number)
            builder.add_row([c[0] for c in cells], page=page.number, bbox=line.bbox)
            continue
        kind = line_kind(line.text, caps_are_headings=caps_are_headings)
        if kind == "heading" or _is_heading(line, body, bold_means_heading):
            _flush(builder, para, para_kind, page.number)
            builder.add("heading", line.text, page=page.number, bbox=line.bbox)
            continue
        if para and kind != "list_item" and _continues(para, line, _right_margin(page, para[0])):
            para.append(line)
            continue
        _flush(builder, para, para_kind, page.number)
        para.append(line)
        para_kind = "list_item" if kind == "list_item" else "paragraph"
    _flush(builder, para, para_kind, page.number)


def _grid_pairs(lines: list[Line]) -> dict[int, int]:
    """The paired-section grids of a page (``grid.grid_pairs``, over each run of table rows): heading row
    line index -> content row line index."""
    pairs: dict[int, int] = {}
    run: list[int] = []
    for i in range(len(lines) + 1):
        if i < len(lines) and len(lines[i].cells()) >= 2:
            run.append(i)
            continue
        if len(run) >= 2:
            pairs.update(_table_pairs(lines, run))
        run = []
    return pairs


def _cross_page_pair(
    lines: list[Line], pairs: dict[int, int], nxt: list[Line], next_pairs: dict[int, int]
) -> bool:
    """Whether a page's last line is a grid's row of headings whose row of contents is the next page's
    first line (a page break between them), asked of ``grid.grid_pairs`` with the rows around the two as
    they would stand on one page: a data table's row above or below keeps them apart as before."""
    last = len(lines) - 1
    if not nxt or last in pairs or last in pairs.values() or 0 in next_pairs or 0 in next_pairs.values():
        return False
    if len(lines[last].cells()) < 2 or len(nxt[0].cells()) < 2:
        return False
    rows = [lines[last], nxt[0]]
    if last > 0 and len(lines[last - 1].cells()) >= 2 and last - 1 not in pairs.values():
        rows.insert(0, lines[last - 1])
    if len(nxt) > 1 and len(nxt[1].cells()) >= 2:
        rows.append(nxt[1])
    head = rows.index(lines[last])
    return _table_pairs(rows, list(range(len(rows)))).get(head) == head + 1


def _table_pairs(lines: list[Line], run: list[int]) -> dict[int, int]:
    table = [lines[j] for j in run]

    def bold(r: int, k: int) -> bool:
        return _cell_bold(table[r], table[r].cells()[k])

    found = grid_pairs([[c[0] for c in line.cells()] for line in table], bold)
    return {run[h]: run[b] for h, b in found.items()}


def _cell_bold(line: Line, cell: tuple[str, float, float]) -> bool:
    """Whether every word of one cell of a line is bold."""
    words = [w for w in line.words if cell[1] - 0.5 <= w.x0 and w.x1 <= cell[2] + 0.5]
    return bool(words) and all(w.bold for w in words)


def _opens_item(first: Word, after: Word | None, order: dict[int, int]) -> bool:
    """Whether a cell's line opens a new list item: a bullet, or a number or letter ("2.", "b)") with a
    word on its line that starts with a capital ("2. Refer ...", "b) Please ..."). It does so even when
    lower-case, or when the line before ran nearly to the cell's edge so that the marker would not have
    fitted after it; "50)" closing a bracket at a line's end, or "below 50." ending a sentence, do not."""
    if _BULLET_GLYPH.match(first.text):
        return True
    if not _ITEM_MARKER.match(first.text) or after is None or order[id(after)] != order[id(first)]:
        return False
    return after.text[:1].isupper()


def _new_paragraph(last: Word, first: Word, limit: float, size: float) -> bool:
    """True when ``first`` (the first word of a cell's next line) would have fitted after ``last``."""
    if first.text[:1].islower() or last.text.endswith("-"):
        return False
    return last.x1 + 0.3 * size + (first.x1 - first.x0) < limit


def _join_wrapped(text: str, nxt: str) -> str:
    """Join a wrapped line to the text before it; a word broken with a hyphen is joined again."""
    joined = text.endswith("-") and len(text) > 1 and text[-2].isalpha() and nxt[:1].islower()
    return f"{text}{nxt}" if joined else f"{text} {nxt}"


def _flush(builder: LetterBuilder, para: list[Line], kind: BlockKind, page: int) -> None:
    """Emit the lines gathered so far as one paragraph or list item, and empty the list."""
    if not para:
        return
    x0 = min(ln.x0 for ln in para)
    x1 = max(ln.x1 for ln in para)
    text = para[0].text
    for ln in para[1:]:
        text = _join_wrapped(text, ln.text)
    builder.add(kind, text, page=page, bbox=(x0, para[0].top, x1, para[-1].bottom))
    para.clear()


def _right_margin(page: Page, first: Line) -> float:
    """How far lines starting where ``first`` starts reach on this page: the right edge of its column.

    Measured per left edge, because a boxed or indented paragraph wraps well before the page's margin.
    """
    tolerance = 2 * first.size
    return max(ln.x1 for ln in page.lines if abs(ln.x0 - first.x0) <= tolerance)


def _continues(para: list[Line], line: Line, right: float) -> bool:
    """True when ``line`` is the wrapped continuation of the paragraph so far."""
    prev = para[-1]
    size = max(prev.size, 1.0)
    if abs(line.size - prev.size) > 0.2 * size:
        return False
    if line.top - prev.bottom > 0.6 * size:
        return False
    if prev.text.rstrip().endswith(":"):
        return False
    if prev.x1 < right - max(6 * size, 0.12 * right):
        return False
    # Had the next line's first word fitted on this one, the writer broke the line on purpose (a line
    # starting in lower case is a continuation whatever the widths say).
    first = line.words[0]
    fits = prev.x1 + 0.3 * size + (first.x1 - first.x0) < right - 0.5 * size
    if fits and not first.text[:1].islower():
        return False
    if FIELD_LABEL.match(line.text):
        return False
    first_x0 = para[0].x0
    return abs(line.x0 - first_x0) <= 2 * size or line.x0 > first_x0
