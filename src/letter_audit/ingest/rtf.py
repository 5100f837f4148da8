"""RTF letters (a common export of clinical systems), via striprtf, then read as lines of text."""

from __future__ import annotations

from ..errors import InputError
from .builder import LetterBuilder
from .text import add_lines, decode_text


def read_rtf(data: bytes, name: str, builder: LetterBuilder) -> None:
    from striprtf.striprtf import rtf_to_text

    raw = decode_text(data, name)
    try:
        # striprtf ends each table cell with "|"; those become tab stops, which the line reader splits on.
        text = rtf_to_text(raw, errors="replace")
    except Exception as exc:  # striprtf raises bare exceptions on malformed groups
        raise InputError(f"RTF is damaged and cannot be read: {exc}", path=name) from None
    lines = (line.rstrip().removesuffix("|").replace("|", "\t") for line in text.splitlines())
    add_lines(builder, "\n".join(lines))
