"""File bytes -> Letter. One reader per format; ``read_letter`` picks one by the file's content."""

from __future__ import annotations

from pathlib import Path

from ..letter import Letter


def read_letter(path: str | Path) -> Letter:
    """SKELETON (issue 2): plain UTF-8 text only until the readers land."""
    p = Path(path)
    return Letter.from_text(p.read_text(encoding="utf-8"), path=str(p))
