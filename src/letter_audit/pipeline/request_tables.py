"""Requests found in table rows, read against the table's header and owner cells.

Why: discharge and clinic templates put the plan in tables ("Action | Owner | When", "Actions | For GP?
(Y/N) | Detail", "Item | Y/N | Comment") or in rows with an owner cell ("Recheck U&E | Owner: GP practice").
Under a GP-actions heading every line reads as a request, so without this the rows the district nurses or
the clinic own, the rows marked N, and the header row itself all came out as GP actions. The row's owner
or Y/N cell decides; a kept row's request is its action cell (the first), with the timeframe read from the
whole row. The words (header names, what names the practice, what says no) live in
``models/rules/requests.yaml`` (``tables``); this module is the mechanism.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .request_rules import Request, TableRules
from .ruledata import compile_pattern

__all__ = ["TableReader"]

_WORDS = re.compile(r"[A-Za-z]{4,}")


@dataclass(frozen=True)
class _Row:
    start: int  # the line's offsets in the text
    end: int
    cells: list[tuple[int, int]]  # each cell's offsets, stripped


def _row(text: str, start: int, end: int) -> _Row:
    cells: list[tuple[int, int]] = []
    # A row drawn with outer bars ("| 12-lead ECG ... | GP practice | within 2 weeks |") has the same cells as
    # one without: the bars that open and close the line bound no cell.
    a, b = start, end
    while a < b and text[a] in " \t":
        a += 1
    while b > a and text[b - 1] in " \t\r":
        b -= 1
    if b - a > 1 and text[a] == "|" and text[b - 1] == "|":
        a, b = a + 1, b - 1
    pos = a
    for part in text[a:b].split("|"):
        a, b = pos, pos + len(part)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        cells.append((a, b))
        pos += len(part) + 1
    return _Row(start, end, cells)


class TableReader:
    """Keeps, drops or trims requests that sit in table rows (see the module docstring)."""

    def __init__(self, rules: TableRules) -> None:
        self.header = compile_pattern(rules.header_cell)
        self.owner_column = compile_pattern(rules.owner_column)
        self.yes_no_column = compile_pattern(rules.yes_no_column)
        self.gp_owner = compile_pattern(rules.gp_owner)
        self.no = compile_pattern(rules.no_cell)
        self.owner_label = compile_pattern(rules.owner_label)
        self.gp_column = compile_pattern(rules.gp_column)
        self.cross_reference = compile_pattern(rules.cross_reference)

    def _line(self, text: str, pos: int) -> tuple[int, int]:
        a = text.rfind("\n", 0, pos) + 1
        b = text.find("\n", pos)
        return a, (len(text) if b < 0 else b)

    def _is_header(self, text: str, row: _Row) -> bool:
        return len(row.cells) > 1 and all(
            a < b and self.header.fullmatch(text[a:b]) is not None for a, b in row.cells
        )

    def _header_of(self, text: str, start: int) -> _Row | None:
        """The header row of the table holding the line at ``start``: the first of the unbroken run of
        '|' lines above it (blank lines end a table), when its cells all name columns."""
        a = start
        top: _Row | None = None
        while a > 0:
            pa, pb = self._line(text, a - 1)
            if "|" not in text[pa:pb]:
                break
            top = _row(text, pa, pb)
            a = pa
        if top is None:
            return None
        return top if self._is_header(text, top) else None

    def _owned_elsewhere(self, cell: str) -> bool:
        """Whether an owner cell names someone other than the practice (or says N)."""
        cell = cell.strip()
        if not cell:
            return False
        return self.gp_owner.search(cell) is None

    @staticmethod
    def _echoes(cell: str, text: str, earlier: list[Request]) -> bool:
        """Whether a plan table's row only repeats a request the letter made in prose: every word of four
        letters or more in the cell is in one earlier request that is not in a table row."""
        words = {w.lower() for w in _WORDS.findall(cell)}
        if not words:
            return False
        for r in earlier:
            said = text[r.start : r.end]
            if "|" in said:
                continue
            if words <= {w.lower() for w in _WORDS.findall(said)}:
                return True
        return False

    def _names_owner_column(self, text: str, row: _Row) -> bool:
        """Whether a row is a plan table's header by its owner or Y/N column ("Plan | For GP? (Y/N)"),
        whatever its first cell is called."""
        rest = [text[a:b] for a, b in row.cells[1:]]
        return (
            len(row.cells) > 1
            and all(self.header.fullmatch(c) or self.yes_no_column.search(c) for c in rest)
            and any(
                (self.yes_no_column.search(c) and self.gp_column.search(c)) or self.owner_column.search(c)
                for c in rest
            )
        )

    def gp_rows(self, text: str) -> list[tuple[int, int, int, int]]:
        """(action cell start, end, row start, end) of every row the practice owns in a table whose header
        names an owner or a Y/N column ("Fit note - unfit for work | GP | 6 weeks", "HbA1c and review for
        diabetes | Y"): such a row is a GP action whatever its words (fixtures/README), so the reader adds
        the rows no cue found."""
        out: list[tuple[int, int, int, int]] = []
        header: _Row | None = None
        pos = 0
        while pos < len(text):
            nl = text.find("\n", pos)
            end = len(text) if nl < 0 else nl
            if "|" not in text[pos:end]:
                header = None  # a line without cells ends the table
            else:
                row = _row(text, pos, end)
                if self._is_header(text, row) or self._names_owner_column(text, row):
                    header = row
                elif header is not None and len(header.cells) == len(row.cells) and len(row.cells) > 1:
                    owned = False
                    for i, (h0, h1) in enumerate(header.cells[1:], start=1):
                        name = text[h0:h1]
                        cell = text[row.cells[i][0] : row.cells[i][1]]
                        # an owner column, or a Y/N column that asks about the practice ("For GP? (Y/N)";
                        # not a checklist's "Done Y/N")
                        if self.owner_column.search(name) or (
                            self.yes_no_column.search(name) and self.gp_column.search(name)
                        ):
                            owned = self.gp_owner.search(cell) is not None and self.no.fullmatch(cell) is None
                            break
                    c0, c1 = row.cells[0]
                    if owned and c1 > c0:
                        out.append((c0, c1, pos, end))
            pos = end + 1
        return out

    def read(self, text: str, requests: list[Request]) -> list[Request]:
        out: list[Request] = []
        for r in requests:
            a, b = self._line(text, r.start)
            if "|" not in text[a:b]:
                out.append(r)
                continue
            row = _row(text, a, b)
            start = r.start
            if start < row.cells[0][0] and not text[start : row.cells[0][0]].strip(" \t|"):
                start = row.cells[0][0]  # past a row's opening bar
            cell_i = next((i for i, (c0, c1) in enumerate(row.cells) if c0 <= start < c1 + 1), 0)
            if cell_i > 0 and self.gp_owner.fullmatch(text[row.cells[cell_i][0] : row.cells[cell_i][1]]):
                if cell_i + 1 >= len(row.cells):
                    continue  # a bare "Y" cell
                start = row.cells[cell_i + 1][0]  # "GP action required | Y | Fit note": past the Y
            if self.cross_reference.match(text, start, max(start, min(r.end, b))):
                continue  # "Fit note (above)": the item is the one above
            if self._is_header(text, row):
                continue  # "Action | Owner | When", "For GP? (Y/N) | Detail"
            label = next((m for c0, c1 in row.cells if (m := self.owner_label.match(text, c0, c1))), None)
            if label is not None and self._owned_elsewhere(label.group("owner")):
                continue  # "... | Owner: District nursing team"
            header = self._header_of(text, a)
            kept = True
            if header is not None and len(header.cells) == len(row.cells):
                for i, (h0, h1) in enumerate(header.cells):
                    name = text[h0:h1]
                    if i == 0:
                        continue
                    c0, c1 = row.cells[i]
                    cell = text[c0:c1]
                    if self.yes_no_column.search(name) and self.no.fullmatch(cell.strip()):
                        kept = False  # "Yellow book / INR dosing | N | no longer required"
                    elif self.owner_column.search(name) and self._owned_elsewhere(cell):
                        kept = False  # "Stump wound check | District nurses | three times a week"
            if not kept:
                continue
            end = min(r.end, b)  # a row's request ends with its row
            first = row.cells[0]
            names_owner = header is not None and any(
                self.owner_column.search(text[h0:h1]) or self.gp_column.search(text[h0:h1])
                for h0, h1 in header.cells[1:]
            )
            if (names_owner or label is not None) and first[0] <= start < first[1]:
                end = min(end, first[1])  # the action cell; owner and timing are the other cells
                if names_owner:
                    # "Hydroxycarbamide 500 mg OD and aspirin 75 mg OD on repeat | GP | ...": the whole action
                    # cell, whatever part of it a cue found (fixtures/README)
                    start = first[0]
            if end <= start:
                continue
            if names_owner and self._echoes(text[start:end], text, out):
                continue  # "Amitriptyline trial | GP | ..." after "GP to consider a trial of amitriptyline"
            if (
                names_owner
                and out
                and first[0] <= out[-1].start < first[1]
                and first[0] <= start < first[1]
                and self._line(text, out[-1].start) == (a, b)
            ):
                # "BP was 168/96 in clinic; please recheck and manage | GP practice | Within 4 weeks": the
                # action cell is one request, whatever splits it (fixtures/README)
                out[-1] = replace(out[-1], end=max(out[-1].end, end))
                continue
            out.append(replace(r, start=start, end=end))  # the timeframe stays the row's
        return out
