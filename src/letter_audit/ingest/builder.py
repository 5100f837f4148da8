"""Appends blocks to a letter's text while keeping every block's and cell's character offsets.

Readers know structure (heading, row, page, box); this module alone decides how blocks are joined into
``Letter.text``, so every format joins the same way: one block per line, a blank line before headings
and at page breaks, table cells joined by `` | ``.
"""

from __future__ import annotations

import hashlib
import re

from ..letter import Block, BlockKind, Cell, Letter, LetterFormat, SourceInfo

CELL_SEPARATOR = " | "

# Ligatures some PDF producers emit; expanded so that words match the lexicons.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
# Spaces that look like spaces to a reader but not to a regular expression.
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")
_RUNS_OF_SPACES = re.compile(r" {2,}")

BBox = tuple[float, float, float, float]


def clean_text(text: str) -> str:
    """Normalise one block's text: odd spaces become spaces, invisible characters go, lines are trimmed.

    Newlines inside a block (a table cell holding several paragraphs) are kept; empty lines are dropped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LIGATURES)
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
    lines = (_RUNS_OF_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


class LetterBuilder:
    """Collects blocks in reading order and produces a ``Letter`` with consistent offsets."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self._blocks: list[Block] = []
        self._last_page = 1
        self.furniture: list[str] = []

    @property
    def empty(self) -> bool:
        return not self._blocks

    def _start_block(self, kind: BlockKind, page: int) -> int:
        if self._blocks:
            sep = "\n\n" if kind == "heading" or page != self._last_page else "\n"
            self._parts.append(sep)
            self._pos += len(sep)
        self._last_page = page
        return self._pos

    def _emit(self, text: str) -> None:
        self._parts.append(text)
        self._pos += len(text)

    def add(
        self,
        kind: BlockKind,
        text: str,
        *,
        page: int = 1,
        bbox: BBox | None = None,
        level: int | None = None,
    ) -> None:
        """Append one heading, paragraph or list item; blank text is ignored."""
        text = clean_text(text)
        if not text:
            return
        start = self._start_block(kind, page)
        self._emit(text)
        self._blocks.append(
            Block(kind=kind, start=start, end=self._pos, page=page, bbox=_round(bbox), level=level)
        )

    def add_row(self, cells: list[str], *, page: int = 1, bbox: BBox | None = None) -> None:
        """Append a table row; empty cells are dropped and a row left with one cell becomes a paragraph."""
        texts = [t for t in (clean_text(c) for c in cells) if t]
        if not texts:
            return
        if len(texts) == 1:
            self.add("paragraph", texts[0], page=page, bbox=bbox)
            return
        start = self._start_block("table_row", page)
        spans: list[Cell] = []
        for i, t in enumerate(texts):
            if i:
                self._emit(CELL_SEPARATOR)
            spans.append(Cell(start=self._pos, end=self._pos + len(t)))
            self._emit(t)
        self._blocks.append(
            Block(kind="table_row", start=start, end=self._pos, page=page, bbox=_round(bbox), cells=spans)
        )

    def add_furniture(self, text: str) -> None:
        text = clean_text(text)
        if text and text not in self.furniture:
            self.furniture.append(text)

    def build(
        self, data: bytes, path: str, fmt: LetterFormat, *, pages: int = 1, ocr: bool = False
    ) -> Letter:
        source = SourceInfo(
            path=path, sha256=hashlib.sha256(data).hexdigest(), format=fmt, pages=pages, ocr=ocr
        )
        return Letter(text="".join(self._parts), blocks=self._blocks, source=source, furniture=self.furniture)


def _round(bbox: BBox | None) -> BBox | None:
    if bbox is None:
        return None
    x0, top, x1, bottom = bbox
    return (round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))
