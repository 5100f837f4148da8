"""Paired-section grids: two headings side by side in one table row, their contents in the row under it.

Some trust templates (the YDH discharge summary; the Wales cardiology letter's follow-up and contact tables)
lay sections out two to a row: a row of headings ("Operations and procedures | Follow-up arranged"), then a
row with what goes under each. Read row by row, the second heading and its content land beside the first
("Operations and procedures | Follow-up arranged" then "Modified Bradford repair | 3 Weeks - Physio"), so
no heading stands over its own content and the right-hand sections are lost. ``grid_pairs`` finds such pairs
of rows in a table, for every reader; the reader then writes each column in turn, its heading on a line of
its own and its content under it, as the letter written plainly would read.

A heading row has two filled cells (in two columns or more), each one short line: all bold (as a bold
paragraph is a heading to the readers), or none bold with at least one a heading la_sections knows
("Allergies", "Follow-up arranged") and the other heading-shaped. What this leaves as it was: a "Label: |
value" row ("Consultant: | Mr X"), a "Heading | content" row (a bold heading beside plain content, or the
next row led by a known heading), a data table's header ("Drug | Dose" over several rows of drugs; three
column headers or more), and, in HTML, a row of ``<th>`` column headers. Not yet: a grid whose contents
run over several rows (the Wales letter's follow-up table, read as one row per line).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

_MAX_SECTIONS = 2
"""The most sections a grid puts side by side; a row of more headings is a data table's ("Parameter |
Finding | Normal Range", "Use: | Name: | Family: | Given: ...")."""
_MAX_BOLD_HEADING = 80
"""The longest bold cell read as a heading, as the readers' bold paragraphs."""


def _known(text: str) -> bool:
    from ..pipeline.section_finder import shipped_finder

    finder = shipped_finder()
    return finder is not None and finder.known(text)


def _shape(text: str) -> bool:
    from ..pipeline.section_shapes import _heading_like

    return _heading_like(text)


def heading_row(cells: Sequence[str], bold: Callable[[int], bool]) -> Literal["bold", "plain", ""]:
    """Whether a row's filled cells are all headings of the sections under them: "bold" (every one bold
    throughout), "plain" (none bold, one at least a known heading), or "" (not a heading row). ``bold(i)``
    says whether cell ``i`` is bold throughout; it is asked only of cells that could be headings."""
    filled = [(i, c.strip()) for i, c in enumerate(cells) if c.strip()]
    if not 2 <= len(filled) <= _MAX_SECTIONS:
        return ""
    for _, text in filled:
        if "\n" in text or len(text) > _MAX_BOLD_HEADING or text.endswith((".", ",", ";")):
            return ""
    marks = [bold(i) for i, _ in filled]
    if all(marks):
        return "bold"
    if any(marks):
        return ""  # a bold heading beside plain content
    for (_, a), (_, b) in zip(filled, filled[1:], strict=False):
        if a.endswith(":") and not b.endswith(":"):
            return ""  # "Consultant: | Mr X": a label and its value
    known = [_known(text) for _, text in filled]
    if any(known) and all(k or _shape(text) for k, (_, text) in zip(known, filled, strict=True)):
        return "plain"
    return ""


def grid_pairs(rows: Sequence[Sequence[str]], bold: Callable[[int, int], bool]) -> dict[int, int]:
    """The paired rows of one table: heading row index -> the index of the row of their contents.

    ``rows`` are the table's rows as cell texts (lines joined by newlines), a cell per column so that a
    content sits at its heading's index; ``bold(row, cell)`` says whether a cell is bold throughout. A pair
    needs a content row right under the heading row, with as many cells and nothing under an empty
    heading, whose first filled cell is not itself a heading as the heading row's are (bold, or known by
    name: a "Heading | content" table); and no row of as many cells or fewer, two or more filled, just above
    the heading row or just below the content row, other than another pair's (a data table: its header over
    its rows, or two of its rows that read as headings and content; a wider row is another table's, as the
    rows of a PDF page come)."""
    kinds: dict[int, str] = {}

    def kind(r: int) -> str:
        if r not in kinds:
            kinds[r] = heading_row(rows[r], lambda i: bold(r, i))
        return kinds[r]

    def filled(r: int) -> list[int]:
        return [i for i, c in enumerate(rows[r]) if c.strip()]

    def _same_table(r: int, width: int) -> bool:
        """A row of the table around a pair: two cells or more filled, and no more cells than the pair's
        rows, ``width`` (a PDF's data row drops its empty cells; a wider row is another table's)."""
        return len(filled(r)) >= 2 and len(rows[r]) <= width

    pairs: dict[int, int] = {}
    for r in range(len(rows) - 1):
        body = r + 1
        if r in pairs.values() or not kind(r) or len(rows[body]) != len(rows[r]):
            continue
        if r > 0 and r - 1 not in pairs.values() and _same_table(r - 1, len(rows[body])):
            continue  # the last rows of a data table ("Low-fat diet advice | Patient | now")
        under = filled(body)
        if not under or kind(body):
            continue
        first = rows[body][under[0]].strip()
        if bold(body, under[0]) if kind(r) == "bold" else (_shape(first) and _known(first)):
            continue  # "Follow up | 6 weeks": a heading beside its content
        if any(c.strip() and not h.strip() for h, c in zip(rows[r], rows[body], strict=True)):
            continue
        after = body + 1
        if after < len(rows) and _same_table(after, len(rows[body])) and not kind(after):
            continue
        pairs[r] = body
    return pairs
