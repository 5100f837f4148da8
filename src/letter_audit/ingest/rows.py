"""Lines that a table spreads over several heights, joined into one row per table row.

A cell whose text wraps puts the rest of its row's cells on one line and its own extra lines above or
below (depending on the cell's vertical alignment), so line by line a table row falls apart into a row
and a few loose lines. Three kinds of evidence put it back together, strongest first:

* ruling: lines between the same two horizontal rules of a grid (PDF path objects, found by ``pdf``)
  are one row when a vertical rule divides that band into cells, or, in a table ruled only between
  rows, when the band is one of a stack of alike rules and the lines are not two rows of fields; a
  horizontal rule between two lines, or the end of a cell's side border, always keeps them apart;
* padding: in an unruled table whose rows are set apart by padding, lines closer together than the
  rows are (the spacing of wrapped text) are one row, when at least three such groups in a row
  line up in columns (one group alone could be a whole table set without padding);
* shape (the fallback, for tables without rules or padding): a line holding only some of a row's
  cells, each starting where one of the row's cells starts, at wrapped-text spacing; and a label
  wrapped over two lines beside a value centred between them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .layout import Line

TIGHT_GAP_EM = 0.35
"""Lines of one wrapped cell are less than this many line heights apart (rows are further, or ruled)."""
ROW_GAP_EM = 2.0
"""Padded rows of one table are at most this far apart; further apart, they are two tables."""
MAX_BAND_EM = 12.0
"""A ruled band taller than this many line heights is a framed region of the page, not a table row..."""
MAX_SPLIT_BAND_EM = 60.0
"""... unless a vertical rule crossing it divides text into cells: a template's row of two long sections
side by side (a numbered problem list beside the GP's actions) runs to half a page."""
MAX_ROW_LINES = 6
"""A padded group of more lines than this is not taken for one row."""
RULE_TOLERANCE = 1.5
"""Points a rule may be off the edge of a line's box and still count as lying beside it."""

FIELD_LABEL = re.compile(r"^[A-Z][A-Za-z/&()' -]{0,30}:\s")
"""A line starting "Plan: ..." or "Date of birth: ..." begins a new field, never continues a paragraph."""


Band = tuple[float, float, float, float]
"""(top, bottom, left, right) of the space between two horizontal rules."""


@dataclass
class Rules:
    """Straight horizontal and vertical rules drawn on one page (table borders, row separators)."""

    horizontal: list[tuple[float, float, float]] = field(default_factory=list)
    """(y, x0, x1) per rule, sorted by y."""
    vertical: list[tuple[float, float, float]] = field(default_factory=list)
    """(x, top, bottom) per rule."""

    def __post_init__(self) -> None:
        # Producers draw a table's border one cell at a time: pieces end to end on one y are one rule.
        joined: list[tuple[float, float, float]] = []
        for y, x0, x1 in sorted(self.horizontal):
            for k in range(len(joined) - 1, -1, -1):
                jy, jx0, jx1 = joined[k]
                if y - jy > 0.6:
                    joined.append((y, x0, x1))
                    break
                if x0 <= jx1 + RULE_TOLERANCE and jx0 <= x1 + RULE_TOLERANCE:
                    joined[k] = (jy, min(jx0, x0), max(jx1, x1))
                    break
            else:
                joined.append((y, x0, x1))
        self.horizontal = sorted(joined)
        self._ys = [r[0] for r in self.horizontal]
        # Where vertical rules start or end: a table drawn one cell at a time ends its cells' side
        # borders at each row's edge, even when it draws no rule across.
        self._ends = sorted(
            [(top, x) for x, top, _ in self.vertical] + [(bot, x) for x, _, bot in self.vertical]
        )
        self._end_ys = [e[0] for e in self._ends]

    def _across(self, lo: float, hi: float, x0: float, x1: float) -> list[tuple[float, float, float]]:
        """Horizontal rules with lo <= y <= hi that overlap the span x0..x1."""
        i, j = bisect_left(self._ys, lo), bisect_right(self._ys, hi)
        return [r for r in self.horizontal[i:j] if r[1] < x1 - 1 and r[2] > x0 + 1]

    def between(self, upper: Line, lower: Line) -> bool:
        """True when a rule runs between the two lines, under both of them."""
        lo = _last(upper).bottom - 0.15 * upper.size
        hi = _first(lower).top + 0.15 * lower.size
        if hi < lo:
            return False
        x0, x1 = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
        if any(
            r[1] < upper.x1 and r[2] > upper.x0 and r[1] < lower.x1 and r[2] > lower.x0
            for r in self._across(lo, hi, x0, x1)
        ):
            return True
        i, j = bisect_left(self._end_ys, lo), bisect_right(self._end_ys, hi)
        reach = upper.size
        return any(x0 - reach <= x <= x1 + reach for _, x in self._ends[i:j])

    def band(
        self, top: float, bottom: float, x0: float, x1: float, size: float, reach_em: float = MAX_BAND_EM
    ) -> Band | None:
        """The rules right above ``top`` and below ``bottom``, when both run the whole width x0..x1
        and start and end together, as the borders of one table row do (not a separator line over a
        signature, nor the edges of two boxes side by side): (top, bottom, left, right) of the band."""
        reach = reach_em * size
        above = self._across(top - reach, top + RULE_TOLERANCE, x0, x1)
        below = self._across(bottom - RULE_TOLERANCE, bottom + reach, x0, x1)
        if not above or not below:
            return None
        (ya, a0, a1), (yb, b0, b1) = above[-1], below[0]
        tol = 2 * RULE_TOLERANCE
        if a0 > x0 + tol or a1 < x1 - tol or abs(a0 - b0) > tol or abs(a1 - b1) > tol:
            return None
        return ya, yb, min(a0, b0), max(a1, b1)

    def stacked(self, band: Band, size: float) -> bool:
        """True when at least three rules of the band's width lie near it: a table's row separators."""
        top, bottom, x0, x1 = band
        reach = 2 * (bottom - top) + 3 * size
        tol = 2 * RULE_TOLERANCE
        alike = [r for r in self._across(top - reach, bottom + reach, x0, x1) if abs(r[1] - x0) <= tol]
        return sum(abs(r[2] - x1) <= tol for r in alike) >= 3

    def splits(self, band: Band) -> list[float]:
        """Vertical rules crossing the whole band: its cell borders (the outer ones included)."""
        top, bottom, x0, x1 = band
        tol = 2 * RULE_TOLERANCE
        return sorted(
            x
            for x, vtop, vbottom in self.vertical
            if x0 - tol <= x <= x1 + tol and vtop <= top + tol and vbottom >= bottom - tol
        )


def _first(line: Line) -> Line:
    return line.parts[0] if line.parts else line


def _last(line: Line) -> Line:
    return line.parts[-1] if line.parts else line


def _gap(upper: Line, lower: Line) -> float:
    return _first(lower).top - _last(upper).bottom


def _close(upper: Line, lower: Line, rules: Rules | None) -> bool:
    """Wrapped-text spacing (or overlapping) with no rule between and the same type size."""
    size = max(upper.size, lower.size)
    if abs(upper.size - lower.size) > 0.2 * size or _gap(upper, lower) >= TIGHT_GAP_EM * size:
        return False
    return rules is None or not rules.between(upper, lower)


def join_rows(lines: list[Line], rules: Rules | None = None) -> list[Line]:
    """Join the lines of each table row into one ``Line`` (with ``parts``), in reading order."""
    if rules is not None and rules.horizontal:
        lines = _join_ruled(lines, rules)
    lines = _join_padded(lines, rules)
    return _join_by_shape(lines, rules)


# -- ruled tables ----------------------------------------------------------------------------------
def _join_ruled(lines: list[Line], rules: Rules) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        if out and _same_ruled_row(out[-1], line, rules):
            out[-1].absorb(line)
            continue
        out.append(line)
    return out


def _same_ruled_row(upper: Line, lower: Line, rules: Rules) -> bool:
    size = max(upper.size, lower.size)
    if _gap(upper, lower) > 1.0 * size or rules.between(upper, lower):
        return False
    x0, x1 = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
    top, bottom = min(upper.top, lower.top), max(upper.bottom, lower.bottom)
    band = rules.band(top, bottom, x0, x1, size)
    tall = band is None
    if tall:
        band = rules.band(top, bottom, x0, x1, size, MAX_SPLIT_BAND_EM)
    if band is None or _parallel(upper, lower):
        return False
    borders = rules.splits(band)
    if any(_text_both_sides(s, upper, lower) for s in borders):
        upper.splits = sorted(set(upper.splits) | set(borders))
        return True
    if tall:
        return False
    # Rules only between rows (no cell borders): one row when the band is one of several alike (a
    # table's row separators, not a line over a signature), the lines are as close as wrapped text
    # (not a caption over the first row), have several cells between them, are not two complete rows,
    # and the lower one opens no field ("Typed: ..." under "Dictated: ...").
    if not rules.stacked(band, size) or _gap(upper, lower) >= TIGHT_GAP_EM * size:
        return False
    n_upper, n_lower = len(upper.cells()), len(lower.cells())
    columns = max(n_upper, n_lower)
    if any(FIELD_LABEL.match(text + " ") for text, _, _ in lower.cells()):
        return False
    return columns >= 2 and min(n_upper, n_lower) < columns


def _parallel(upper: Line, lower: Line) -> bool:
    """Two lines with the same cells, the lower one opening a field in each of them ("Date: ... |
    Date: ..." over "Time: ... | Time: ..."): two rows of fields side by side, not one wrapped row. A
    field beside wrapped prose ("DOB: ..." beside "deranged LFTs (bili 44) ...") is a cell of fields
    beside a paragraph in one row, as a template's "Patient details | Hospital course" box is."""
    upper_cells, lower_cells = upper.cells(), lower.cells()
    if len(upper_cells) != len(lower_cells) or len(lower_cells) < 2:
        return False
    return all(FIELD_LABEL.match(text + " ") for text, _, _ in lower_cells)


def _text_both_sides(x: float, upper: Line, lower: Line) -> bool:
    words = upper.words + lower.words
    left = any(w.x1 <= x + 1 for w in words)
    right = any(w.x0 >= x - 1 for w in words)
    crossed = any(w.x0 < x - 1 and w.x1 > x + 1 for w in words)
    return left and right and not crossed


# -- padded tables without rules -------------------------------------------------------------------
def _columns(group: list[Line]) -> list[tuple[float, float]]:
    """Column spans of a group of lines: cell spans from every line, overlapping ones merged."""
    spans = sorted((x0, x1) for ln in group for _, x0, x1 in ln.cells())
    cols: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + 1:
            cols[-1] = (cols[-1][0], max(cols[-1][1], x1))
        else:
            cols.append((x0, x1))
    return cols


def _aligned(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    """Two groups' columns line up: at least two columns of each overlap one column of the other."""
    if len(a) < 2 or len(b) < 2:
        return False
    hits = 0
    for x0, x1 in a:
        over = [j for j, (y0, y1) in enumerate(b) if y0 < x1 and x0 < y1]
        if len(over) > 1:
            return False
        hits += len(over)
    return hits >= 2


def _starts_row(line: Line, first_col: tuple[float, float]) -> bool:
    cells = line.cells()
    return len(cells) >= 2 and cells[0][1] < first_col[1] and not cells[0][0][:1].islower()


def _caption(group: list[Line], line: Line) -> bool:
    """True when ``group`` is one line of text standing over the start of ``line``'s own first
    column, and ``line`` starts afresh there (not in lower case): a heading or label set right above a
    table, not the first line of a bottom-aligned cell."""
    if len(group) != 1 or len(group[0].cells()) != 1:
        return False
    above, first = group[0], line.cells()[0]
    return first[1] < above.x1 and above.x0 < first[2] and not first[0][:1].islower()


def _join_padded(lines: list[Line], rules: Rules | None) -> list[Line]:
    groups: list[list[Line]] = []
    for line in lines:
        if groups and _close(groups[-1][-1], line, rules) and not _caption(groups[-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    # Groups without a line of several cells (prose) are no table's rows: their columns are not needed.
    cols = [_columns(g) if any(len(ln.cells()) >= 2 for ln in g) else [] for g in groups]
    # Runs of groups that line up in columns, each near the next: the rows of one padded table.
    gaps = [_gap(a[-1], b[0]) for a, b in zip(groups, groups[1:], strict=False)]
    linked = [
        _aligned(cols[k], cols[k + 1]) and gaps[k] <= ROW_GAP_EM * groups[k + 1][0].size
        for k in range(len(gaps))
    ]
    in_run = [False] * len(groups)
    start = 0
    for i in range(1, len(groups) + 1):
        if i == len(groups) or not linked[i - 1]:
            if i - start >= 3:
                in_run[start:i] = [True] * (i - start)
            start = i
    out: list[Line] = []
    for i, (group, col) in enumerate(zip(groups, cols, strict=True)):
        if in_run[i] and _one_row(
            group, col, [gaps[k] for k in (i - 1, i) if 0 <= k < len(gaps) and linked[k]]
        ):
            row = group[0]
            for line in group[1:]:
                row.absorb(line)
            out.append(row)
        else:
            out.extend(group)
    return out


def _one_row(group: list[Line], cols: list[tuple[float, float]], row_gaps: list[float]) -> bool:
    """A group of a padded table's run is one row when its lines stand visibly closer together than
    it stands to the rows next to it, and at most two of its lines open a row of their own."""
    if not 1 < len(group) <= MAX_ROW_LINES or not row_gaps:
        return False
    inner = max(_gap(a, b) for a, b in zip(group, group[1:], strict=False))
    if inner > min(row_gaps) - 0.25 * group[0].size:
        return False
    return sum(_starts_row(ln, cols[0]) for ln in group) <= 2


# -- the fallback: the shape of the lines ----------------------------------------------------------
def _join_by_shape(lines: list[Line], rules: Rules | None) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        out.append(line)
        while len(out) >= 2:
            upper, lower = out[-2], out[-1]
            before = out[-3] if len(out) >= 3 else None
            if rules is not None and rules.between(upper, lower):
                break
            if not (_staggered(upper, lower, before) or _wrapped_cell(upper, lower, before)):
                break
            out.pop()
            upper.absorb(lower)
    return out


def _staggered(upper: Line, lower: Line, before: Line | None) -> bool:
    """A label wrapped over two lines beside a value centred between them: side by side, overlapping."""
    last, first = _last(upper), _first(lower)
    overlap = min(last.bottom, first.bottom) - max(last.top, first.top)
    height = min(last.bottom - last.top, first.bottom - first.top)
    side_by_side = first.x1 < last.x0 or first.x0 > last.x1
    # A wrapped line continues the line above it; it cannot open a row of its own.
    wrapped = not upper.parts and before is not None and wraps(before, upper)
    return overlap >= 0.25 * height and side_by_side and not wrapped


def _wrapped_cell(upper: Line, lower: Line, before: Line | None) -> bool:
    """True when one of the two lines is a table row and the other holds wrapped text of its cells.

    The wrapped line sits closer to the row than rows sit to each other (rows have padding), has
    fewer cells than the row, and each of its cells starts where one of the row's cells starts.
    Text goes into the first column only when it starts in lower case, and never when it looks like
    a new field ("Plan: ..."): a tab-stopped list of fields at ordinary spacing stays a list of rows.
    A line that itself continues the line above it belongs up there, not to the row below it.
    """
    size = max(upper.size, lower.size)
    if not -0.05 * size <= lower.top - upper.bottom < TIGHT_GAP_EM * size:
        return False
    if abs(upper.size - lower.size) > 0.2 * size:
        return False
    upper_cells, lower_cells = upper.cells(), lower.cells()
    if len(upper_cells) >= 2 and len(lower_cells) < len(upper_cells):
        row, satellite = upper_cells, lower_cells
    elif len(lower_cells) >= 2 and len(upper_cells) < len(lower_cells):
        if before is not None and len(before.cells()) == 1 and wraps(before, upper):
            return False
        row, satellite = lower_cells, upper_cells
    else:
        return False
    starts = [c[1] for c in row]
    used: set[int] = set()
    for text, x0, _ in satellite:
        j = min(range(len(starts)), key=lambda k: abs(starts[k] - x0))
        if abs(starts[j] - x0) > size or j in used or FIELD_LABEL.match(text + " "):
            return False
        if j == 0 and not text[:1].islower():
            return False
        used.add(j)
    return True


def wraps(above: Line, line: Line) -> bool:
    """True when ``line`` sits right under ``above`` in the same column, as a wrapped line does."""
    above = _last(above)
    same_column = line.x0 < above.x1 and above.x0 < line.x1
    return same_column and 0 <= line.top - above.bottom < 0.4 * (line.bottom - line.top)
