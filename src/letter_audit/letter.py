"""The located text of one letter: what every later stage reads.

Every character of ``Letter.text`` belongs to at most one ``Block`` and can be traced back to the page
(and, for PDFs, the box on the page) it came from.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

LetterFormat = Literal["pdf", "docx", "txt", "html", "rtf"]
BlockKind = Literal["heading", "paragraph", "table_row", "list_item"]


class SourceInfo(BaseModel):
    """Where a letter came from."""

    model_config = ConfigDict(extra="forbid")

    path: str
    """The path as given by the caller."""
    sha256: str
    """SHA-256 of the file's bytes: the key results are stored under."""
    format: LetterFormat
    """The format found from the file's content (not its extension)."""
    pages: int = 1
    """Number of pages (1 for formats without pages)."""
    ocr: bool = False
    """True when any text came from optical character recognition."""


class Cell(BaseModel):
    """One cell of a table row, as character offsets into ``Letter.text``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: int
    end: int


class Block(BaseModel):
    """A run of letter text with a structural kind and a place in the source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: BlockKind
    start: int
    """Offset of the first character in ``Letter.text``."""
    end: int
    """Offset one past the last character."""
    page: int = 1
    """1-based page number."""
    bbox: tuple[float, float, float, float] | None = None
    """(x0, top, x1, bottom) in PDF points where the format has positions."""
    level: int | None = None
    """Heading level, where the source states one."""
    cells: list[Cell] | None = None
    """For table rows: each cell's offsets, in column order."""


class Letter(BaseModel):
    """A letter as text with located blocks and source metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str
    blocks: list[Block] = Field(default_factory=list)
    source: SourceInfo
    furniture: list[str] = Field(default_factory=list)
    """Headers and footers repeated on every page, kept out of ``text``."""

    @cached_property
    def _starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        """The block holding character ``offset``, or None between blocks."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def page_at(self, offset: int) -> int:
        """The page of character ``offset`` (the nearest block before it when between blocks)."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0:
            return self.blocks[i].page
        return 1

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Letter:
        """A letter from a string, one paragraph block per non-empty line (for tests and the API)."""
        import hashlib

        blocks: list[Block] = []
        pos = 0
        for line in text.splitlines(keepends=True):
            stripped = line.rstrip("\r\n")
            if stripped.strip():
                blocks.append(Block(kind="paragraph", start=pos, end=pos + len(stripped)))
            pos += len(line)
        source = SourceInfo(
            path=path, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), format="txt"
        )
        return cls(text=text, blocks=blocks, source=source)
